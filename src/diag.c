/*
 * diag: a bounded list of diagnostics about one file.  See diag.h.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

void
diags_init(struct diags *d, const char *file)
{
	memset(d, 0, sizeof(*d));
	d->file = xstrdup(file ? file : "-");
}

void
diags_release(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	free(d->file);
	memset(d, 0, sizeof(*d));
}

static void
diags_push(struct diags *d, enum diag_level level, unsigned line,
	   unsigned col, char *msg)
{
	VEC_RESERVE(d->v, d->cap, d->n + 1);
	d->v[d->n].level = level;
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->v[d->n].msg = msg;
	d->n++;
}

void
diags_vadd(struct diags *d, enum diag_level level, unsigned line,
	   unsigned col, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	if (level == DIAG_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->n > DIAG_MAX)
		return;
	if (d->n == DIAG_MAX) {
		diags_push(d, DIAG_WARNING, line, col,
			   xstrdup("too many diagnostics; the rest are not "
				   "shown"));
		return;
	}
	buf_vaddf(&b, fmt, ap);
	/* A message may quote the input (a name, a URI): nothing in it may
	   reach the terminal as a control. */
	diags_push(d, level, line, col, text_clean(buf_str(&b), b.len));
	buf_release(&b);
}

void
diags_add(struct diags *d, enum diag_level level, unsigned line,
	  unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, level, line, col, fmt, ap);
	va_end(ap);
}

void
diags_sort(struct diags *d)
{
	/* Insertion sort: stable, and the list is bounded by DIAG_MAX. */
	size_t i, j;

	for (i = 1; i < d->n; i++) {
		struct diag t = d->v[i];

		for (j = i; j > 0 && (d->v[j - 1].line > t.line ||
				      (d->v[j - 1].line == t.line &&
				       d->v[j - 1].col > t.col)); j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
}

int
diags_print(const struct diags *d, FILE *fp)
{
	char *file = text_escape(d->file);	/* a name may hold escapes */
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		const char *lv = g->level == DIAG_ERROR ? "error" : "warning";
		/* Clean already; escaped for a terminal that is not UTF-8. */
		char *msg = text_escape(g->msg);

		if (g->line && g->col)
			fprintf(fp, "%s:%u:%u: %s: %s\n", file, g->line,
				g->col, lv, msg);
		else if (g->line)
			fprintf(fp, "%s:%u: %s: %s\n", file, g->line, lv,
				msg);
		else
			fprintf(fp, "%s: %s: %s\n", file, lv, msg);
		free(msg);
	}
	free(file);
	return ferror(fp) ? -1 : 0;
}
