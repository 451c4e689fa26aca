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
