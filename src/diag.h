/*
 * diag: a list of diagnostics (warnings and errors) about one input file,
 * each with a line and column.  Modules add to it; only main.c and ui/
 * print it.  The list is bounded so that hostile input cannot make it grow
 * without limit: past DIAG_MAX entries one "too many diagnostics" warning
 * stands for the rest (errors are still counted).
 */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#define DIAG_MAX 1000

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_level level;
	unsigned line;		/* 1-based; 0 when not about one place */
	unsigned col;		/* 1-based; 0 when unknown */
	char *msg;		/* lowercase, no full stop; owned */
};

struct diags {
	char *file;		/* as the user named it; owned copy */
	struct diag *v;
	size_t n, cap;
	size_t nerrors, nwarnings;	/* including those not kept */
};

void diags_init(struct diags *d, const char *file);
void diags_release(struct diags *d);
void diags_add(struct diags *d, enum diag_level level, unsigned line,
	       unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void diags_vadd(struct diags *d, enum diag_level level, unsigned line,
		unsigned col, const char *fmt, va_list ap);
/* Sort by line and column, keeping the order of equal places. */
void diags_sort(struct diags *d);
/*
 * Print each as "FILE:LINE:COL: warning: MSG" ("FILE:LINE: ..." without a
 * column, "FILE: ..." without a line).  Returns 0, or -1 on a write error.
 */
int diags_print(const struct diags *d, FILE *fp);

#endif
