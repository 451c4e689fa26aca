/*
 * fuzz: helpers of the libFuzzer targets.  See fuzz.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>
#include <wctype.h>

#include "feed.h"
#include "fuzz.h"
#include "load.h"
#include "text.h"

static void remove_tmpdir(void);

void
fuzz_fail(const char *file, int line, const char *cond, const char *fmt,
	  ...)
{
	char detail[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nfuzz: %s:%d: check failed: %s%s%s\n", file, line,
		cond, *detail ? ": " : "", detail);
	remove_tmpdir();	/* abort() runs no atexit handler */
	abort();
}

void
fuzz_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	text_init();
}

/* ---- files ---- */

static char *tmpdir;

static int
remove_one(const char *path, const struct stat *st, int type,
	   struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

static void
remove_tmpdir(void)
{
	if (tmpdir)
		nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzz_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	struct buf b = BUF_INIT;

	if (tmpdir)
		return tmpdir;
	if (access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if (!base || !*base)
		base = "/tmp";
	buf_addf(&b, "%s/folio-fuzz-XXXXXX", base);
	if (!mkdtemp(b.s))
		die("cannot make a folder in %s: %s", base, strerror(errno));
	tmpdir = buf_detach(&b);
	atexit(remove_tmpdir);
	return tmpdir;
}

void
fuzz_file_open(struct fuzz_file *f, const char *dir, const char *name)
{
	struct buf b = BUF_INIT;

	if (!dir) {
		f->fd = memfd_create(name, MFD_CLOEXEC);
		if (f->fd >= 0) {
			buf_addf(&b, "/proc/self/fd/%d", f->fd);
			f->path = buf_detach(&b);
			return;
		}
		dir = fuzz_tmpdir();	/* no memfd: a file will do */
	}
	buf_addf(&b, "%s/%s", dir, name);
	f->path = buf_detach(&b);
	f->fd = open(f->path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (f->fd < 0)
		die("cannot create \"%s\": %s", f->path, strerror(errno));
}

void
fuzz_file_write(struct fuzz_file *f, const void *data, size_t n)
{
	const char *p = data;
	off_t off = 0;
	ssize_t k;

	if (ftruncate(f->fd, 0) != 0)
		die("cannot truncate \"%s\": %s", f->path, strerror(errno));
	while ((size_t)off < n) {
		k = pwrite(f->fd, p + off, n - (size_t)off, off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			die("cannot write \"%s\": %s", f->path,
			    strerror(errno));
		off += k;
	}
}

/* ---- text ---- */

void
fuzz_alnum(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (iswalnum((wint_t)cp)) {
			char enc[4];

			buf_add(out, enc, utf8_encode(towlower((wint_t)cp),
						      enc));
		}
		i += k;
	}
}

bool
fuzz_has_control(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return true;
	}
	return false;
}

void
fuzz_xml_escape(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		char enc[4];

		i += utf8_decode(s + i, n - i, &cp);
		if (cp == '<')
			buf_adds(out, "&lt;");
		else if (cp == '>')
			buf_adds(out, "&gt;");	/* "]]>" is not allowed */
		else if (cp == '&')
			buf_adds(out, "&amp;");
		else if (cp == '\t' || cp == '\n' || cp == '\r' ||
			 (cp >= 0x20 && cp <= 0xd7ff) ||
			 (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000)
			buf_add(out, enc, utf8_encode(cp, enc));
	}
}

/* ---- editions ---- */

struct edition *
fuzz_text_edition(const char *s, size_t n, const char *lang)
{
	struct buf x = BUF_INIT;
	struct diags d;
	struct edition *ed;
	int status = 0;

	buf_adds(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<edition version=\"1\" title=\"Fuzz\" date=\"2026-01-01\"");
	if (lang)
		buf_addf(&x, " lang=\"%s\"", lang);
	buf_adds(&x, "><page number=\"1\"><article id=\"a\">"
		 "<headline>Fuzz</headline><p>");
	fuzz_xml_escape(&x, s, n);
	buf_adds(&x, "</p></article></page></edition>\n");
	diags_init(&d, "template");
	ed = load_memory(x.s, x.len, NULL, &d, &status);
	FUZZ_CHECK(ed != NULL, "the template did not load (status %d): %s",
		   status, d.n ? d.v[0].msg : "no message");
	FUZZ_CHECK(d.nerrors == 0, "%s", d.v[0].msg);
	diags_release(&d);
	buf_release(&x);
	return ed;
}

static void
check_str(const char *s, const char *what)
{
	if (s)
		FUZZ_CHECK(!fuzz_has_control(s, strlen(s)),
			   "a control character in a %s", what);
}

void
fuzz_check_edition(const struct edition *ed)
{
	size_t i, j, total = 0;
	unsigned char *seen;

	FUZZ_ASSERT(ed->title && ed->date);
	check_str(ed->title, "title");
	check_str(ed->date, "date");
	check_str(ed->name, "edition name");
	check_str(ed->publisher, "publisher");
	check_str(ed->lang, "lang");
	FUZZ_ASSERT(ed->npages >= 1);
	for (i = 0; i < ed->npages; i++) {
		const struct page *pg = &ed->pages[i];

		FUZZ_CHECK(pg->label != NULL, "page %zu", i);
		check_str(pg->label, "page label");
		check_str(pg->section, "section");
		FUZZ_ASSERT(pg->first_item + pg->nitems <= ed->nitems);
		for (j = 0; j < pg->nitems; j++) {
			const struct page_item *it =
				&ed->items[pg->first_item + j];

			if (it->kind == ITEM_PART) {
				FUZZ_ASSERT(it->index < ed->nparts);
				FUZZ_CHECK(ed->parts[it->index].page == i,
					   "part %zu", it->index);
			} else {
				FUZZ_ASSERT(it->index < ed->nblocks);
				FUZZ_ASSERT(ed->blocks[it->index].kind ==
					   BLOCK_PHOTO);
			}
		}
	}
	/* Every part in exactly one article, its parts linked in order. */
	seen = xcalloc(ed->nparts ? ed->nparts : 1, 1);
	for (i = 0; i < ed->narticles; i++) {
		const struct article *a = &ed->articles[i];

		FUZZ_CHECK(a->id != NULL, "article %zu", i);
		check_str(a->id, "article id");
		FUZZ_CHECK(edition_article_by_id(ed, a->id) == i,
			   "article %zu \"%s\": ids not distinct", i, a->id);
		FUZZ_CHECK(a->nparts >= 1, "article \"%s\"", a->id);
		for (j = 0; j < a->nparts; j++) {
			size_t pi = a->parts[j];
			const struct part *p;

			FUZZ_CHECK(pi < ed->nparts, "article \"%s\"", a->id);
			FUZZ_CHECK(!seen[pi], "part %zu in two articles or "
				   "twice in \"%s\"", pi, a->id);
			seen[pi] = 1;
			p = &ed->parts[pi];
			FUZZ_CHECK(p->article == i, "part %zu", pi);
			FUZZ_CHECK(p->seq == j, "part %zu", pi);
			FUZZ_CHECK(p->prev == (j ? a->parts[j - 1] : NONE),
				   "part %zu of \"%s\"", pi, a->id);
			FUZZ_CHECK(p->next == (j + 1 < a->nparts ?
					       a->parts[j + 1] : NONE),
				   "part %zu of \"%s\"", pi, a->id);
		}
		if (a->start != NONE) {
			FUZZ_ASSERT(a->start < ed->nparts);
			FUZZ_ASSERT(ed->parts[a->start].kind == PART_START);
			FUZZ_ASSERT(ed->parts[a->start].article == i);
		}
		total += a->nparts;
	}
	FUZZ_CHECK(total == ed->nparts, "%zu parts, %zu in articles",
		   ed->nparts, total);
	free(seen);
	for (i = 0; i < ed->nparts; i++) {
		const struct part *p = &ed->parts[i];

		FUZZ_CHECK(p->page < ed->npages, "part %zu", i);
		FUZZ_ASSERT(p->first_block + p->nblocks <= ed->nblocks);
		FUZZ_ASSERT(p->from_page == NONE || p->from_page < ed->npages);
		FUZZ_ASSERT(p->jump_page == NONE || p->jump_page < ed->npages);
		check_str(p->art_id, "part's article id");
		check_str(p->kicker, "kicker");
		check_str(p->headline, "headline");
		check_str(p->deck, "deck");
		check_str(p->byline, "byline");
		check_str(p->dateline, "dateline");
		check_str(p->from, "from");
		check_str(p->jump, "jump");
		check_str(p->url, "part's url");
		check_str(p->date, "part's date");
		check_str(p->edition_url, "part's edition");
	}
	for (i = 0; i < ed->nblocks; i++) {
		const struct block *b = &ed->blocks[i];
		size_t len;

		FUZZ_CHECK(b->text != NULL, "block %zu", i);
		check_str(b->text, "block");
		check_str(b->credit, "credit");
		check_str(b->src, "src");
		len = strlen(b->text);
		FUZZ_ASSERT(b->first_span + b->nspans <= ed->nspans);
		for (j = 0; j < b->nspans; j++) {
			const struct span *s = &ed->spans[b->first_span + j];

			FUZZ_CHECK(s->start < s->end && s->end <= len,
				   "span %u-%u of a block of %zu bytes",
				   s->start, s->end, len);
			check_str(s->href, "href");
		}
	}
}

/* ---- layout ---- */

/* The line's text fits width, has no control, and its runs are sorted,
   apart and inside it. */
static void
check_line(const struct line *l, int width, const char *view)
{
	uint32_t i, at = 0;
	int w = text_width(l->text, l->len);

	FUZZ_CHECK(w <= width && l->width <= width, "%s: a line of %d cells "
		   "(says %d) in %d: \"%.*s\"", view, w, l->width, width,
		   (int)l->len, l->text);
	FUZZ_CHECK(!fuzz_has_control(l->text, l->len),
		   "%s: a control character in \"%.*s\"", view, (int)l->len,
		   l->text);
	for (i = 0; i < l->nruns; i++) {
		const struct style_run *r = &l->runs[i];

		FUZZ_CHECK(r->start >= at && r->len <= l->len &&
			   r->start <= l->len - r->len,
			   "%s: run %u (%u+%u) in a line of %u bytes", view,
			   i, r->start, r->len, l->len);
		at = r->start + r->len;
	}
}

/* Screens whose rows are composed and measured: enough to see the
   pattern, few enough to stay fast on a long page. */
#define CHECK_SCREENS 16

void
fuzz_check_page(const struct edition *ed, size_t pg,
		const struct layout_opts *o, struct buf *words)
{
	struct page_layout pl;
	struct buf row = BUF_INIT;
	size_t s, i, k;
	int r, c;

	r = layout_page(ed, pg, o, &pl);
	if (o->width < LAYOUT_MIN_W || o->height < LAYOUT_MIN_H) {
		FUZZ_CHECK(r == -1, "%dx%d is too small", o->width,
			   o->height);
		page_layout_release(&pl);
		return;
	}
	FUZZ_CHECK(r == 0, "page %zu at %dx%d", pg, o->width, o->height);
	FUZZ_CHECK(pl.body_rows + 2 == o->height, "%d body rows in %d",
		   pl.body_rows, o->height);
	FUZZ_ASSERT(pl.nscreens >= 1);
	FUZZ_ASSERT(pl.ncols >= 1 && pl.colw >= 1);
	FUZZ_CHECK(pl.ncols * pl.colw + (pl.ncols - 1) * pl.gutter <=
		   o->width, "%d columns of %d, gutter %d, in %d", pl.ncols,
		   pl.colw, pl.gutter, o->width);
	for (i = 0; i < pl.lines.n; i++)
		check_line(&pl.lines.v[i], pl.colw, "page");
	for (s = 0; s < pl.nscreens; s++) {
		for (c = 0; c < pl.ncols; c++) {
			k = s * (size_t)pl.ncols + (size_t)c;
			FUZZ_CHECK(pl.col_len[k] <= (size_t)pl.body_rows,
				   "screen %zu column %d: %zu lines in %d "
				   "rows", s, c, pl.col_len[k], pl.body_rows);
			FUZZ_ASSERT(pl.col_first[k] <= pl.lines.n &&
				   pl.col_len[k] <= pl.lines.n -
						    pl.col_first[k]);
			if (!words)
				continue;
			for (i = 0; i < pl.col_len[k]; i++) {
				const struct line *l =
					&pl.lines.v[pl.col_first[k] + i];

				if (l->role != ROLE_JUMP)
					fuzz_alnum(words, l->text, l->len);
			}
		}
		if (s >= CHECK_SCREENS)
			continue;
		for (r = 0; r < pl.body_rows; r++) {
			int w;

			buf_reset(&row);
			page_layout_row(&pl, s, r, &row);
			w = text_width(buf_str(&row), row.len);
			FUZZ_CHECK(w <= o->width, "screen %zu row %d: %d "
				   "cells in %d: \"%s\"", s, r, w, o->width,
				   buf_str(&row));
			FUZZ_CHECK(!fuzz_has_control(buf_str(&row), row.len),
				   "screen %zu row %d", s, r);
		}
	}
	buf_release(&row);
	page_layout_release(&pl);
}

void
fuzz_check_article(const struct edition *ed, size_t a,
		   const struct layout_opts *o)
{
	struct lines ls;
	size_t i;

	lines_init(&ls);
	layout_article(ed, a, o, &ls);
	for (i = 0; i < ls.n; i++) {
		check_line(&ls.v[i], o->width, "article");
		FUZZ_ASSERT(ls.v[i].target == NONE ||
			   ls.v[i].target < ed->nparts);
		FUZZ_ASSERT(ls.v[i].target_page == NONE ||
			   ls.v[i].target_page < ed->npages);
	}
	lines_release(&ls);
}

/* ---- loaders ---- */

void
fuzz_screen(const uint8_t *b, struct layout_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->width = 16 + b[0] % 185;
	o->height = 4 + (b[1] & 0x3f);
	o->ascii = b[1] & 0x40;
	o->hyphenate = true;
	o->justify = b[0] & 1;
}

void
fuzz_check_load(struct edition *ed, const struct diags *d, int status,
		const struct layout_opts *o)
{
	struct layout_opts ao;
	size_t i;

	for (i = 0; i < d->n; i++)
		FUZZ_CHECK(!fuzz_has_control(d->v[i].msg, strlen(d->v[i].msg)),
			   "diagnostic %zu: \"%s\"", i, d->v[i].msg);
	if (!ed) {
		FUZZ_CHECK(status != 0 && d->nerrors > 0, "refused with status "
			   "%d and %zu errors", status, d->nerrors);
		return;
	}
	FUZZ_CHECK(status == 0, "loaded with status %d", status);
	fuzz_check_edition(ed);
	fuzz_check_page(ed, 0, o, NULL);
	if (ed->narticles) {
		/* The article view's measure is at least 20 (folio.ini's
		   article_width), at most the terminal's width. */
		ao = *o;
		if (ao.width < 20)
			ao.width = 20;
		fuzz_check_article(ed, 0, &ao);
	}
	edition_free(ed);
}

void
fuzz_load_memory(const char *doc, size_t n, bool validate,
		 const struct layout_opts *o)
{
	struct load_opts lo;
	struct diags d;
	struct edition *ed;
	int status = 0;

	lo.validate = validate;
	diags_init(&d, "fuzz");
	ed = load_memory(doc, n, &lo, &d, &status);
	fuzz_check_load(ed, &d, status, o);
	diags_release(&d);
}

static void
check_link(const char *url, const char *what)
{
	static const char *const ok[] = { "http", "https", "mailto", "ftp" };
	size_t n, i;

	if (!url)
		return;
	url += strspn(url, " \t\r\n");
	n = strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		   "0123456789+.-");
	if (!n || url[n] != ':')
		return;		/* relative */
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strlen(ok[i]) == n && !strncasecmp(url, ok[i], n))
			return;
	FUZZ_CHECK(0, "a %s to \"%s\"", what, url);
}

void
fuzz_check_links(const struct edition *ed)
{
	size_t i;

	for (i = 0; i < ed->nspans; i++)
		check_link(ed->spans[i].href, "link");
	for (i = 0; i < ed->nparts; i++)
		check_link(ed->parts[i].url, "part's url");
}

/* ---- importers ---- */

static const char *const charsets[8] = {
	NULL, "UTF-8", "ISO-8859-1", "windows-1252", "KOI8-R", "UTF-16",
	"Shift_JIS", "x-folio-unknown",
};

/* The document's files: dir/issue.xml, dir/1.xml ... */
static void
put_file(const char *dir, const char *name, const char *data, size_t n)
{
	struct fuzz_file f;

	fuzz_file_open(&f, dir, name);
	fuzz_file_write(&f, data, n);
	close(f.fd);
	free(f.path);
}

/*
 * Cut doc[0..n) at each FUZZ_NEXT_FILE: the first piece is written as
 * dir/issue.xml, the next ones as dir/1.xml ..., the files of an earlier
 * input it has not removed.  Returns the first piece's length.
 */
static size_t
write_beside(const char *dir, const char *doc, size_t n)
{
	static const char sep[] = FUZZ_NEXT_FILE;
	const size_t k = sizeof(sep) - 1;
	const char *p = doc, *end = doc + n, *q;
	size_t first = 0;
	int i;

	for (i = 0; i <= FUZZ_NFILES; i++) {
		char name[16];

		if (i)
			snprintf(name, sizeof(name), "%d.xml", i);
		else
			snprintf(name, sizeof(name), "issue.xml");
		if (!p) {
			struct buf path = BUF_INIT;

			buf_addf(&path, "%s/%s", dir, name);
			unlink(path.s);
			buf_release(&path);
			continue;
		}
		q = memmem(p, (size_t)(end - p), sep, k);
		put_file(dir, name, p, (size_t)((q ? q : end) - p));
		if (!i)
			first = (size_t)((q ? q : end) - p);
		p = q ? q + k : NULL;
	}
	return first;
}

int
fuzz_import(const uint8_t *data, size_t size, fuzz_importer *load)
{
	struct feed_src src;
	struct layout_opts o;
	struct diags d;
	struct edition *ed;
	struct buf path = BUF_INIT;
	int status = 0;

	if (size < 3)
		return 0;
	fuzz_init();
	fuzz_screen(data, &o);
	memset(&src, 0, sizeof(src));
	src.data = (const char *)data + 3;
	src.len = size - 3;
	src.charset = charsets[data[2] & 7];
	if (data[2] & 8)
		src.url = "http://example.com/news/feed.xml";
	if (data[2] & 16) {
		src.len = write_beside(fuzz_tmpdir(), src.data, src.len);
		buf_addf(&path, "%s/issue.xml", fuzz_tmpdir());
		src.path = path.s;
	}
	diags_init(&d, "fuzz");
	ed = load(&src, &d, &status);
	if (ed)
		fuzz_check_links(ed);
	fuzz_check_load(ed, &d, status, &o);
	diags_release(&d);
	buf_release(&path);
	return 0;
}
