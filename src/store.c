/*
 * store: bookmarks and reading state in plain text, written atomically
 * under a lock and merged with what is on disk.  See store.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "store.h"

#define BOOKMARKS_HEADER "# folio bookmarks 1: created, edition date, " \
	"edition title, page, article id, headline, source\n"
#define STATE_HEADER "# folio reading state 1\n"
#define MAX_FIELDS 8

void
store_fail_write_after(int n)
{
	files_fail_write_after(n);
}

/* ---- paths ---- */

char *
store_path(bool data, const char *name)
{
	const char *xdg = getenv(data ? "XDG_DATA_HOME" : "XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;

	if (xdg && *xdg == '/')
		buf_addf(&b, "%s/folio/%s", xdg, name);
	else
		buf_addf(&b, "%s/%s/folio/%s", home && *home ? home : ".",
			 data ? ".local/share" : ".local/state", name);
	return buf_detach(&b);
}

char *
state_path(const char *title, const char *date)
{
	unsigned long long h = 14695981039346656037ULL;
	const char *parts[2] = { title ? title : "", date ? date : "" };
	char name[40];
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *s;

		for (s = parts[i]; *s; s++)
			h = (h ^ (unsigned char)*s) * 1099511628211ULL;
		h = (h ^ '\n') * 1099511628211ULL;
	}
	snprintf(name, sizeof(name), "state-%016llx", h);
	return store_path(false, name);
}

/* ---- fields ---- */

static void
add_field(struct buf *out, const char *s, bool last)
{
	for (; s && *s; s++) {
		if (*s == '\\')
			buf_adds(out, "\\\\");
		else if (*s == '\t')
			buf_adds(out, "\\t");
		else if (*s == '\n')
			buf_adds(out, "\\n");
		else if (*s == '\r')
			buf_adds(out, "\\r");
		else
			buf_addch(out, *s);
	}
	buf_addch(out, last ? '\n' : '\t');
}

/*
 * Split a line (no newline) at tabs into at most max fields, unescaping
 * in place.  Returns the number of fields, or -1 for a bad escape or too
 * many fields.
 */
static int
split_fields(char *line, char **f, int max)
{
	char *r = line, *w = line;
	int n = 0;

	f[n++] = w;
	for (; *r; r++) {
		if (*r == '\t') {
			*w++ = '\0';
			if (n == max)
				return -1;
			f[n++] = w;
		} else if (*r == '\\') {
			r++;
			if (*r == '\\')
				*w++ = '\\';
			else if (*r == 't')
				*w++ = '\t';
			else if (*r == 'n')
				*w++ = '\n';
			else if (*r == 'r')
				*w++ = '\r';
			else
				return -1;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return n;
}

/* ---- files ---- */

/*
 * Store files (the store, its .lock, .rejected and temporary file) are
 * never opened through a symbolic link, and read only when they are
 * regular files (a FIFO would block).  A link planted where a store file
 * was is refused, with the change kept in memory: followed, it would
 * have another file's lines copied into FILE.rejected, or a write land
 * in the file it points to.  Renaming over FILE replaces FILE itself.
 */

/* Read the whole file; *out is NUL-terminated.  0, 1 when it does not
   exist (out empty), or -1 with errno (ELOOP for a symbolic link,
   EINVAL for what is not a regular file). */
static int
read_whole(const char *path, struct buf *out)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | FILES_OPEN_FLAGS), e;

	buf_reset(out);
	buf_add(out, "", 0);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	if (files_read_all(fd, SIZE_MAX, out) != 0)
		goto fail;
	close(fd);
	return 0;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* An exclusive lock on path.lock: the fd, or -1 with a message. */
static int
lock_store(const char *path, struct buf *err)
{
	struct buf lk = BUF_INIT;
	int fd;

	buf_addf(&lk, "%s.lock", path);
	if (files_make_parents(path) != 0 ||
	    (fd = open(lk.s, O_RDWR | O_CREAT | FILES_OPEN_FLAGS, 0600)) < 0) {
		buf_addf(err, "cannot lock %s: %s", path, files_error(errno));
		buf_release(&lk);
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			buf_addf(err, "cannot lock %s: %s", path,
				 strerror(errno));
			close(fd);
			buf_release(&lk);
			return -1;
		}
	}
	buf_release(&lk);
	return fd;
}

static void
unlock_store(int fd)
{
	if (fd >= 0)
		close(fd);	/* releases the flock */
}

/* Keep a bad line aside in path.rejected, never lose it; once. */
static void
reject_line(const char *path, const char *line, size_t n)
{
	struct buf p = BUF_INIT, old = BUF_INIT;
	const char *q, *end;
	int fd;

	buf_addf(&p, "%s.rejected", path);
	if (read_whole(p.s, &old) == 0) {
		for (q = old.s, end = old.s + old.len; q < end;) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			size_t len = nl ? (size_t)(nl - q) : (size_t)(end - q);

			if (len == n && !memcmp(q, line, n))
				goto out;	/* kept aside already */
			q = nl ? nl + 1 : end;
		}
	}
	fd = open(p.s, O_WRONLY | O_CREAT | O_APPEND | FILES_OPEN_FLAGS, 0600);
	if (fd >= 0) {
		if (files_write_all(fd, line, n) == 0 &&
		    files_write_all(fd, "\n", 1) == 0)
			fsync(fd);
		close(fd);
	}
out:
	buf_release(&p);
	buf_release(&old);
}

/*
 * Call fn on each line of text[0..len) that is not blank or a comment,
 * NUL-terminated in a copy it may change; a line holding a NUL byte or
 * refused by fn is reported to d (when not NULL) and kept aside.
 */
static void
each_line(const char *path, const char *text, size_t len,
	  bool (*fn)(char *line, void *ctx), void *ctx, struct diags *d,
	  const char *what)
{
	struct buf line = BUF_INIT;
	const char *q = text, *end = text + len;
	unsigned ln = 0;

	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		size_t n = nl ? (size_t)(nl - q) : (size_t)(end - q);

		ln++;
		if (n && *q != '#') {
			buf_reset(&line);
			buf_add(&line, q, n);
			if (memchr(q, '\0', n) || !fn(line.s, ctx)) {
				if (d)
					diags_add(d, DIAG_WARNING, ln, 0, "%s "
						  "that cannot be read is kept "
						  "aside in %s.rejected", what,
						  path);
				reject_line(path, q, n);
			}
		}
		q = nl ? nl + 1 : end;
	}
	buf_release(&line);
}

/* A whole decimal number, or false. */
static bool
number(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return *s && !*end && !errno;
}

/* ---- bookmarks ---- */

static void
bookmark_free(struct bookmark *bm)
{
	free(bm->date);
	free(bm->title);
	free(bm->page);
	free(bm->id);
	free(bm->headline);
	free(bm->source);
	memset(bm, 0, sizeof(*bm));
}

static struct bookmark
bookmark_copy(const struct bookmark *bm)
{
	struct bookmark c;

	c.date = xstrdup(bm->date ? bm->date : "");
	c.title = xstrdup(bm->title ? bm->title : "");
	c.page = xstrdup(bm->page ? bm->page : "");
	c.id = xstrdup(bm->id ? bm->id : "");
	c.headline = xstrdup(bm->headline ? bm->headline : "");
	c.source = xstrdup(bm->source ? bm->source : "");
	c.created = bm->created;
	c.unsaved = bm->unsaved;
	return c;
}

static bool
same_bookmark(const struct bookmark *a, const char *title, const char *date,
	      const char *id)
{
	return !strcmp(a->title, title) && !strcmp(a->date, date) &&
	       !strcmp(a->id, id);
}

struct bm_list {
	struct bookmark *v;
	size_t n, cap;
};

static void
list_release(struct bm_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		bookmark_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static bool
parse_bookmark(char *line, void *ctx)
{
	struct bm_list *l = ctx;
	char *f[MAX_FIELDS];
	long long created;

	if (split_fields(line, f, MAX_FIELDS) != 7 ||
	    !number(f[0], &created) || !*f[4])
		return false;
	VEC_RESERVE(l->v, l->cap, l->n + 1);
	l->v[l->n].created = (time_t)created;
	l->v[l->n].date = xstrdup(f[1]);
	l->v[l->n].title = xstrdup(f[2]);
	l->v[l->n].page = xstrdup(f[3]);
	l->v[l->n].id = xstrdup(f[4]);
	l->v[l->n].headline = xstrdup(f[5]);
	l->v[l->n].source = xstrdup(f[6]);
	l->v[l->n].unsaved = false;
	l->n++;
	return true;
}

/* Parse the bookmarks file text into l; bad lines to d and aside. */
static void
parse_bookmarks(const char *path, const struct buf *text, struct bm_list *l,
		struct diags *d)
{
	each_line(path, text->s, text->len, parse_bookmark, l, d,
		  "a bookmark");
}

static int
by_newest(const void *a, const void *b)
{
	const struct bookmark *x = a, *y = b;

	return x->created < y->created ? 1 : x->created > y->created ? -1 : 0;
}

static void
apply_op(struct bm_list *l, enum store_op op, const struct bookmark *bm)
{
	size_t i, j;

	for (i = j = 0; i < l->n; i++) {
		if (same_bookmark(&l->v[i], bm->title, bm->date, bm->id)) {
			if (op == STORE_ADD)
				return;		/* there already */
			bookmark_free(&l->v[i]);
			continue;
		}
		l->v[j++] = l->v[i];
	}
	l->n = j;
	if (op == STORE_ADD) {
		VEC_RESERVE(l->v, l->cap, l->n + 1);
		memmove(l->v + 1, l->v, l->n * sizeof(*l->v));
		l->v[0] = bookmark_copy(bm);
		l->n++;
	}
}

static void
serialize(const struct bm_list *l, struct buf *out)
{
	size_t i;

	buf_adds(out, BOOKMARKS_HEADER);
	for (i = 0; i < l->n; i++) {
		const struct bookmark *bm = &l->v[i];

		buf_addf(out, "%lld\t", (long long)bm->created);
		add_field(out, bm->date, false);
		add_field(out, bm->title, false);
		add_field(out, bm->page, false);
		add_field(out, bm->id, false);
		add_field(out, bm->headline, false);
		add_field(out, bm->source, true);
	}
}

int
bookmarks_open(struct bookmarks *b, const char *path, struct diags *d)
{
	struct buf text = BUF_INIT;
	struct bm_list l = { NULL, 0, 0 };
	int r;

	memset(b, 0, sizeof(*b));
	b->path = xstrdup(path);
	r = read_whole(path, &text);
	if (r < 0) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot read: %s",
			  files_error(errno));
		buf_release(&text);
		return -1;
	}
	parse_bookmarks(path, &text, &l, d);
	if (l.n > 1)
		qsort(l.v, l.n, sizeof(*l.v), by_newest);
	b->v = l.v;
	b->n = l.n;
	b->cap = l.cap;
	buf_release(&text);
	return 0;
}

void
bookmarks_release(struct bookmarks *b)
{
	struct bm_list l = { b->v, b->n, b->cap };
	size_t i;

	list_release(&l);
	for (i = 0; i < b->npending; i++)
		bookmark_free(&b->pending[i].bm);
	free(b->pending);
	free(b->path);
	memset(b, 0, sizeof(*b));
}

size_t
bookmarks_find(const struct bookmarks *b, const char *title,
	       const char *date, const char *id)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (same_bookmark(&b->v[i], title, date, id))
			return i;
	return NONE;
}

int
bookmarks_flush(struct bookmarks *b, struct buf *err)
{
	struct bm_list disk = { NULL, 0, 0 }, mine = { b->v, b->n, b->cap };
	struct buf text = BUF_INIT;
	size_t i;
	int fd, ret = -1;

	if (!b->npending)
		return 0;
	fd = lock_store(b->path, err);
	if (fd < 0)
		goto out;
	if (read_whole(b->path, &text) < 0) {
		buf_addf(err, "cannot read %s: %s", b->path,
			 files_error(errno));
		goto out;
	}
	parse_bookmarks(b->path, &text, &disk, NULL);
	for (i = 0; i < b->npending; i++)
		apply_op(&disk, b->pending[i].op, &b->pending[i].bm);
	if (disk.n > 1)
		qsort(disk.v, disk.n, sizeof(*disk.v), by_newest);
	buf_reset(&text);
	serialize(&disk, &text);
	if (files_write_atomic(b->path, text.s, text.len, err) != 0)
		goto out;
	/* Written: what is on disk is now what we show. */
	for (i = 0; i < disk.n; i++)
		disk.v[i].unsaved = false;
	list_release(&mine);
	b->v = disk.v;
	b->n = disk.n;
	b->cap = disk.cap;
	disk.v = NULL;
	disk.n = disk.cap = 0;
	for (i = 0; i < b->npending; i++)
		bookmark_free(&b->pending[i].bm);
	b->npending = 0;
	ret = 0;
out:
	unlock_store(fd);
	list_release(&disk);
	buf_release(&text);
	return ret;
}

int
bookmarks_change(struct bookmarks *b, enum store_op op,
		 const struct bookmark *bm, struct buf *err)
{
	struct bm_list mine = { b->v, b->n, b->cap };
	struct bookmark c;

	if (!bm->id || !*bm->id) {
		buf_adds(err, "a bookmark needs an article id");
		return -1;
	}
	c = bookmark_copy(bm);
	if (!c.created)
		c.created = time(NULL);
	c.unsaved = true;
	VEC_RESERVE(b->pending, b->cap_pending, b->npending + 1);
	b->pending[b->npending].op = op;
	b->pending[b->npending++].bm = c;
	/* Shown at once, saved or not. */
	apply_op(&mine, op, &c);
	b->v = mine.v;
	b->n = mine.n;
	b->cap = mine.cap;
	return bookmarks_flush(b, err);
}

/* ---- reading state ---- */

void
state_init(struct reading_state *s)
{
	memset(s, 0, sizeof(*s));
	s->block = -1;
}

static void
state_clear_place(struct reading_state *s)
{
	free(s->page);
	free(s->article);
	s->page = s->article = NULL;
}

void
state_release(struct reading_state *s)
{
	size_t i;

	state_clear_place(s);
	for (i = 0; i < s->nread; i++)
		free(s->read[i]);
	free(s->read);
	state_init(s);
}

bool
state_was_read(const struct reading_state *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nread; i++)
		if (!strcmp(s->read[i], id))
			return true;
	return false;
}

void
state_mark_read(struct reading_state *s, const char *id)
{
	if (state_was_read(s, id))
		return;
	VEC_RESERVE(s->read, s->cap_read, s->nread + 1);
	s->read[s->nread++] = xstrdup(id);
}

struct state_ctx {
	struct reading_state *s;
	bool want_place;
};

static bool
parse_state_line(char *line, void *ctx)
{
	struct state_ctx *c = ctx;
	struct reading_state *s = c->s;
	char *f[MAX_FIELDS];
	long long seq, block, offset;
	int nf = split_fields(line, f, MAX_FIELDS);

	if (nf == 2 && !strcmp(f[0], "read") && *f[1]) {
		state_mark_read(s, f[1]);
		return true;
	}
	if (nf == 2 && (!strcmp(f[0], "title") || !strcmp(f[0], "date")))
		return true;
	if (nf != 7 || strcmp(f[0], "place") || !*f[1] ||
	    !number(f[3], &seq) || !number(f[5], &block) ||
	    !number(f[6], &offset) || seq < 0 || seq > 1000000 ||
	    block < -1 || offset < 0 || offset > 0xffffffffLL ||
	    (strcmp(f[4], "article") && strcmp(f[4], "page")))
		return false;
	if (c->want_place) {
		state_clear_place(s);
		s->page = xstrdup(f[1]);
		s->article = *f[2] ? xstrdup(f[2]) : NULL;
		s->seq = (unsigned)seq;
		s->in_article = !strcmp(f[4], "article");
		s->block = (long)block;
		s->offset = (unsigned)offset;
	}
	return true;
}

/* Parse state text into s; the place only when want_place. */
static void
parse_state(const char *path, const struct buf *text, struct reading_state *s,
	    bool want_place, struct diags *d)
{
	struct state_ctx c = { s, want_place };

	each_line(path, text->s, text->len, parse_state_line, &c, d,
		  "a line");
}

int
state_load(struct reading_state *s, const char *path, struct diags *d)
{
	struct buf text = BUF_INIT;
	int r = read_whole(path, &text);

	if (r < 0) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot read: %s",
			  files_error(errno));
		buf_release(&text);
		return -1;
	}
	parse_state(path, &text, s, true, d);
	buf_release(&text);
	return 0;
}

int
state_save(struct reading_state *s, const char *path, const char *title,
	   const char *date, struct buf *err)
{
	struct buf text = BUF_INIT;
	size_t i;
	int fd, ret = -1;

	fd = lock_store(path, err);
	if (fd < 0)
		goto out;
	/* What another folio read meanwhile is read too; a file that is
	   there but cannot be read (a symbolic link among them) is left as
	   it is, not replaced. */
	switch (read_whole(path, &text)) {
	case 0:
		parse_state(path, &text, s, false, NULL);
		break;
	case -1:
		buf_addf(err, "cannot read %s: %s", path, files_error(errno));
		goto out;
	}
	buf_reset(&text);
	buf_adds(&text, STATE_HEADER);
	buf_adds(&text, "title\t");		/* for a person reading it */
	add_field(&text, title ? title : "", true);
	buf_adds(&text, "date\t");
	add_field(&text, date ? date : "", true);
	if (s->page) {
		buf_adds(&text, "place\t");
		add_field(&text, s->page, false);
		add_field(&text, s->article ? s->article : "", false);
		buf_addf(&text, "%u\t%s\t%ld\t%u\n", s->seq,
			 s->in_article ? "article" : "page", s->block,
			 s->offset);
	}
	for (i = 0; i < s->nread; i++) {
		buf_adds(&text, "read\t");
		add_field(&text, s->read[i], true);
	}
	ret = files_write_atomic(path, text.s, text.len, err);
out:
	unlock_store(fd);
	buf_release(&text);
	return ret;
}
