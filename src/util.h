/*
 * util: allocation wrappers, die(), a growable byte buffer, a string
 * arena, a string map and deadlines.  Everything here is for the whole program; nothing here prints
 * except die(), which is for bugs and out-of-memory only.
 */
#ifndef FOLIO_UTIL_H
#define FOLIO_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define NONE ((size_t)-1)	/* "no index" for size_t links */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation wrappers: they never return NULL; they die() instead. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * For tests (tests/test_oom.c): count allocations from now on, and make
 * the n-th one fail as if memory had run out; n = UTIL_ALLOC_COUNT only
 * counts, n = 0 stops (the default: nothing counted, nothing written).
 * util_alloc_fails() counts one allocation and says whether it is the
 * one to fail: the x* wrappers ask it, and a test may for another
 * allocator (libxml2's, through xmlMemSetup).  util_alloc_count() is how
 * many were counted.  Not for allocations from several threads at once.
 */
#define UTIL_ALLOC_COUNT ((unsigned long)-1)
void util_fail_alloc(unsigned long n);
bool util_alloc_fails(void);
unsigned long util_alloc_count(void);

/*
 * Grow the array *pp of *capp elements of size elsize so that it holds at
 * least need elements.  Doubles, so appends are amortised O(1).
 */
void grow_array(void **pp, size_t *capp, size_t need, size_t elsize);
#define VEC_RESERVE(p, cap, need) \
	grow_array((void **)&(p), &(cap), (need), sizeof(*(p)))

/*
 * die: print "folio: MESSAGE" to stderr and exit 70.  The hook set with
 * die_set_hook() runs first (the ui uses it to restore the terminal).
 */
void die(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
void die_set_hook(void (*hook)(void));

/* A growable NUL-terminated byte buffer (git's strbuf, smaller). */
struct buf {
	char *s;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
#define BUF_INIT { NULL, 0, 0 }
void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);		/* len = 0, keeps memory */
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
/* Hand the string to the caller (who frees it); b is empty afterwards. */
char *buf_detach(struct buf *b);
/* The string, "" when nothing was added; owned by b. */
const char *buf_str(const struct buf *b);

/*
 * A string arena: copies live until arena_release().  Used by the edition
 * model so that thousands of small strings cost one allocation per chunk.
 */
struct arena {
	struct arena_chunk *head;
	size_t used;		/* bytes used in head */
	size_t total;		/* bytes handed out, for memory figures */
};
void arena_init(struct arena *a);
void arena_release(struct arena *a);
/* dst takes src's memory (nothing is copied; src is left empty): what
   was allocated from src lives until dst is released. */
void arena_adopt(struct arena *dst, struct arena *src);
void *arena_alloc(struct arena *a, size_t n);	/* aligned to 8 */
/* Copy n bytes of s and a NUL; never NULL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

/*
 * strmap: a string -> size_t hash map.  Keys are not copied: they must
 * outlive the map (the edition keeps them in its arena).
 */
struct strmap {
	const char **keys;
	size_t *vals;
	size_t cap;		/* a power of two, or 0 */
	size_t n;
};
void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* Insert or replace; returns the previous value or NONE. */
size_t strmap_put(struct strmap *m, const char *key, size_t val);
/* The value for key, or NONE. */
size_t strmap_get(const struct strmap *m, const char *key);

/*
 * deadline: a time limit on the monotonic clock.  deadline_start() sets
 * it ms milliseconds from now (ms >= 0); deadline_passed() says whether
 * it has come, and once it has, says so from then on without asking the
 * clock again.
 */
struct deadline {
	struct timespec until;
	bool passed;
};
void deadline_start(struct deadline *dl, long ms);
bool deadline_passed(struct deadline *dl);

#endif
