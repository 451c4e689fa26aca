/*
 * fuzz: what the libFuzzer targets of tests/fuzz share (built only by
 * ./configure --enable-fuzzing CC=clang; see tests/fuzz/README.md).
 *
 * A target checks folio's contracts on whatever bytes it is given, each
 * with FUZZ_CHECK() or FUZZ_ASSERT(): a broken one prints what failed
 * and aborts.  Inputs that are files for folio (folio.ini, the store)
 * are written to a file created once per process and rewritten for each
 * input.
 */
#ifndef FOLIO_FUZZ_H
#define FOLIO_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "edition.h"
#include "layout.h"
#include "util.h"

/* libFuzzer's entry points. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Abort with the file, line and failed condition, and for FUZZ_CHECK a
 * detail (printf format and arguments), which libFuzzer saves as a crash.
 */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) \
		fuzz_fail(__FILE__, __LINE__, #cond, "%s", ""); \
} while (0)
#define FUZZ_CHECK(cond, ...) do { \
	if (!(cond)) \
		fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
} while (0)
void fuzz_fail(const char *file, int line, const char *cond,
	       const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));

/* text_init() and the like, once per process. */
void fuzz_init(void);

/*
 * A folder for the process's files, under /dev/shm when it is there
 * (else $TMPDIR or /tmp), removed at exit.  Owned by this module.
 */
const char *fuzz_tmpdir(void);

/*
 * A file that holds one input at a time.  fuzz_file_open() creates it
 * (a memfd when dir is NULL, seen as /proc/self/fd/N; else dir/name);
 * fuzz_file_write() replaces its contents with data[0..n).
 */
struct fuzz_file {
	int fd;
	char *path;		/* owned */
};
void fuzz_file_open(struct fuzz_file *f, const char *dir, const char *name);
void fuzz_file_write(struct fuzz_file *f, const void *data, size_t n);

/* Append the letters and digits of s[0..n), lowercased, to out. */
void fuzz_alnum(struct buf *out, const char *s, size_t n);

/* A C0 or C1 control, DEL, or a bidi control in s[0..n)? */
bool fuzz_has_control(const char *s, size_t n);

/*
 * Append s[0..n) to out as XML 1.0 character data: markup characters
 * as entities, bytes that are not UTF-8 as U+FFFD, and characters XML
 * 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) left out.
 */
void fuzz_xml_escape(struct buf *out, const char *s, size_t n);

/*
 * An edition of one page and one article whose only paragraph is
 * s[0..n) escaped, loaded by load_memory() as a file would be; lang may
 * be NULL.  Never NULL: the template always loads.
 */
struct edition *fuzz_text_edition(const char *s, size_t n, const char *lang);

/* What holds for every loaded edition (as tests/test_loader.c checks). */
void fuzz_check_edition(const struct edition *ed);

/*
 * The screen a loader's result is laid out on, from two option bytes:
 * b[0] the width (16 + b % 185 cells; justified when odd), b[1] the
 * height (4 + its low six bits: under 6 rows the page view must
 * refuse) and, bit 6, ASCII drawing.  Hyphenation on.
 */
void fuzz_screen(const uint8_t *b, struct layout_opts *o);

/*
 * What must hold of a loader's result, ed and status, with its
 * diagnostics in d: no diagnostic holds a control character (main
 * prints them); refused (ed NULL): an error in d and a nonzero status;
 * loaded: status 0, the model's invariants (fuzz_check_edition), the
 * first page laid out at o (fuzz_check_page), the first article at o's
 * width, at least 20 (the article view's measure).  Frees ed.
 */
void fuzz_check_load(struct edition *ed, const struct diags *d, int status,
		     const struct layout_opts *o);

/*
 * The front door: load_memory() of doc[0..n) (with the RELAX NG check
 * when validate), then fuzz_check_load at o.  status is taken as 0
 * before (as main does: an importer sets it only when it refuses).
 */
void fuzz_load_memory(const char *doc, size_t n, bool validate,
		      const struct layout_opts *o);

/*
 * A feed's links (spans' targets, start parts' urls) have no scheme but
 * http, https, mailto and ftp: never javascript:, data:, file: ...
 */
void fuzz_check_links(const struct edition *ed);

/*
 * An importer's target (fuzz_rss, fuzz_nitf, ...).  Input: three option
 * bytes, then the document.  Bytes 0 and 1 are the screen
 * (fuzz_screen); byte 2 the source: bits 0-2 the HTTP charset (none,
 * UTF-8, ISO-8859-1, windows-1252, KOI8-R, UTF-16, Shift_JIS, one no
 * one knows), bit 3 a URL it came from, bit 4 a file it was read from:
 * then the document is cut at each FUZZ_NEXT_FILE and the pieces after
 * the first are the files 1.xml, 2.xml ... beside it (a METS issue's
 * ALTO pages), the document itself issue.xml.  Without bit 4 the path
 * is NULL and nothing beside it is read.
 *
 * Checked: fuzz_check_load (status 0 taken as the importer's on
 * success: only a refusal must set it) and fuzz_check_links.
 */
#define FUZZ_NEXT_FILE "\n--next file--\n"
#define FUZZ_NFILES 4
struct feed_src;
typedef struct edition *fuzz_importer(const struct feed_src *src,
				      struct diags *d, int *status);
int fuzz_import(const uint8_t *data, size_t size, fuzz_importer *load);

/*
 * Lay out page pg at o's size and check the page view's invariants: a
 * screen too small is refused, else no row wider than the width, no
 * column taller than the screen, no line wider than its column, no
 * control character.  When words is not NULL, the letters and digits
 * shown (jump lines aside) are appended to it in reading order.
 */
void fuzz_check_page(const struct edition *ed, size_t pg,
		     const struct layout_opts *o, struct buf *words);

/* The article view of article a at o->width: no line wider, no control
   character, jump targets in range. */
void fuzz_check_article(const struct edition *ed, size_t a,
			const struct layout_opts *o);

#endif
