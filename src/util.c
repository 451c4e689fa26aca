/*
 * util: allocation wrappers, die(), buffers, the string arena, a small
 * string hash map and deadlines.  See util.h for the contracts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void (*die_hook)(void);

void
die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	if (die_hook) {
		void (*h)(void) = die_hook;

		die_hook = NULL;
		h();
	}
	fputs("folio: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

/* The allocation to fail (0: none, nothing counted), and the count. */
static unsigned long alloc_fail_at, alloc_count;

void
util_fail_alloc(unsigned long n)
{
	alloc_fail_at = n;
	alloc_count = 0;
}

bool
util_alloc_fails(void)
{
	return alloc_fail_at && ++alloc_count == alloc_fail_at;
}

unsigned long
util_alloc_count(void)
{
	return alloc_count;
}

void *
xmalloc(size_t n)
{
	void *p = util_alloc_fails() ? NULL : malloc(n ? n : 1);

	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = util_alloc_fails() ? NULL :
		  calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		die("out of memory (overflow)");
	nmemb *= size;
	if (util_alloc_fails())
		die("out of memory (%zu bytes)", nmemb);
	p = realloc(p, nmemb ? nmemb : 1);
	if (!p)
		die("out of memory (%zu bytes)", nmemb);
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
grow_array(void **pp, size_t *capp, size_t need, size_t elsize)
{
	size_t cap = *capp;

	if (need <= cap)
		return;
	if (cap < 8)
		cap = 8;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			die("out of memory (overflow)");
		cap *= 2;
	}
	*pp = xreallocarray(*pp, cap, elsize);
	*capp = cap;
}

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (n > SIZE_MAX - b->len - 1)
		die("out of memory (overflow)");
	if (b->len + n + 1 > b->cap)
		VEC_RESERVE(b->s, b->cap, b->len + n + 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addch(struct buf *b, char c)
{
	if (b->len + 2 > b->cap) {
		buf_add(b, &c, 1);
		return;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		die("bad format string");
	VEC_RESERVE(b->s, b->cap, b->len + (size_t)n + 1);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	buf_init(b);
	return s;
}

const char *
buf_str(const struct buf *b)
{
	return b->s ? b->s : "";
}

/* Arena chunks: a header followed by the bytes handed out. */
struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	_Alignas(8) unsigned char data[];
};

#define ARENA_CHUNK ((size_t)64 * 1024)

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void
arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	arena_init(a);
}

void
arena_adopt(struct arena *dst, struct arena *src)
{
	struct arena_chunk *tail;

	if (!src->head)
		return;
	if (!dst->head) {
		*dst = *src;
		arena_init(src);
		return;
	}
	/* src's chunks go behind dst's current one, which stays current. */
	for (tail = src->head; tail->next; tail = tail->next)
		;
	tail->next = dst->head->next;
	dst->head->next = src->head;
	dst->total += src->total;
	arena_init(src);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c;
	size_t size;

	n = (n + 7) & ~(size_t)7;
	if (!a->head || a->head->size - a->used < n) {
		size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		if (a->head && size != ARENA_CHUNK) {
			/* A big one-off: keep filling the current chunk. */
			c->next = a->head->next;
			a->head->next = c;
			a->total += n;
			return c->data;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
	}
	a->used += n;
	a->total += n;
	return a->head->data + a->used - n;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* FNV-1a: short keys, no adversary worth a keyed hash for an index. */
static size_t
strhash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void
strmap_init(struct strmap *m)
{
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

void
strmap_release(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	strmap_init(m);
}

static void
strmap_grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
	m->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.keys[i])
			strmap_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

size_t
strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i, prev;

	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	for (i = strhash(key) & (m->cap - 1); m->keys[i];
	     i = (i + 1) & (m->cap - 1)) {
		if (strcmp(m->keys[i], key) == 0) {
			prev = m->vals[i];
			m->vals[i] = val;
			return prev;
		}
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return NONE;
}

size_t
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return NONE;
	for (i = strhash(key) & (m->cap - 1); m->keys[i];
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return NONE;
}

void
deadline_start(struct deadline *dl, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, &dl->until);
	dl->until.tv_sec += ms / 1000;
	dl->until.tv_nsec += ms % 1000 * 1000000L;
	if (dl->until.tv_nsec >= 1000000000L) {
		dl->until.tv_sec++;
		dl->until.tv_nsec -= 1000000000L;
	}
	dl->passed = false;
}

bool
deadline_passed(struct deadline *dl)
{
	struct timespec now;

	if (!dl->passed) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		dl->passed = now.tv_sec > dl->until.tv_sec ||
			     (now.tv_sec == dl->until.tv_sec &&
			      now.tv_nsec >= dl->until.tv_nsec);
	}
	return dl->passed;
}
