/*
 * story: stories and the pages they name, laid out as an edition.
 * See story.h for the contract.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fold_table.h"
#include "story.h"
#include "text.h"
#include "util.h"

#define STYLE_DEPTH 16

struct sblock {
	enum block_kind kind;
	const char *text, *credit, *src;
	size_t first_span, nspans;
	bool break_before;	/* story_page_break before it */
};

struct sspan {
	uint32_t start, end, style;
	const char *href;
};

struct story {
	const char *id;
	const char *f[SF_NFIELDS];
	size_t *pages;		/* into set.pages, reading order */
	size_t npages, cap_pages;
	size_t first_block, nblocks;
	bool break_pending;	/* a page break before the next block */
	size_t head_block;	/* the block made its headline, or NONE */
	unsigned line, col;
};

struct spage {
	const char *label, *section;
	bool declared;
	size_t seen;		/* order of first naming */
};

struct story_set {
	struct arena a;
	const char *meta[META_NMETA];
	enum story_order order;
	struct spage *pages;
	size_t npages, cap_pages;
	struct strmap page_index;
	struct story *stories;
	size_t nstories, cap_stories;
	struct sblock *blocks;
	size_t nblocks, cap_blocks;
	struct sspan *spans;
	size_t nspans, cap_spans;
	/* The block being built. */
	bool in_block;
	enum block_kind kind;
	struct buf text;
	struct text_cleaner clean;
	size_t first_span;
	struct {
		uint32_t style;
		const char *href;
		size_t start;
	} styles[STYLE_DEPTH];
	size_t depth;
};

#define GROW(arr, n, cap) \
	do { \
		if ((n) == (cap)) { \
			(cap) = (cap) ? 2 * (cap) : 16; \
			(arr) = xreallocarray((arr), (cap), sizeof(*(arr))); \
		} \
	} while (0)

struct story_set *
story_set_new(void)
{
	struct story_set *s = xcalloc(1, sizeof(*s));

	arena_init(&s->a);
	strmap_init(&s->page_index);
	buf_init(&s->text);
	return s;
}

void
story_set_free(struct story_set *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nstories; i++)
		free(s->stories[i].pages);
	free(s->stories);
	free(s->pages);
	free(s->blocks);
	free(s->spans);
	strmap_release(&s->page_index);
	buf_release(&s->text);
	arena_release(&s->a);
	free(s);
}

/*
 * U+0080..U+009F as Windows-1252 has them (’ for U+0092): feeds written
 * in Windows-1252 and labelled Latin-1, or with &#146;, mean those, as
 * HTML reads them.  Undefined ones stay, for the cleaner to remove.
 * Returns text, or a copy in tmp when something was mapped.
 */
static const char *
map_c1(const char *text, size_t *n, struct buf *tmp)
{
	static const char *const cp1252[32] = {
		"\u20ac", NULL, "\u201a", "\u0192", "\u201e", "\u2026",
		"\u2020", "\u2021", "\u02c6", "\u2030", "\u0160", "\u2039",
		"\u0152", NULL, "\u017d", NULL, NULL, "\u2018", "\u2019",
		"\u201c", "\u201d", "\u2022", "\u2013", "\u2014", "\u02dc",
		"\u2122", "\u0161", "\u203a", "\u0153", NULL, "\u017e",
		"\u0178",
	};
	size_t i, from = 0;

	if (!memchr(text, 0xC2, *n))
		return text;
	buf_reset(tmp);
	for (i = 0; i + 1 < *n; i++) {
		unsigned char c = (unsigned char)text[i + 1];

		if ((unsigned char)text[i] != 0xC2 || c < 0x80 || c > 0x9F ||
		    !cp1252[c - 0x80])
			continue;
		buf_add(tmp, text + from, i - from);
		buf_adds(tmp, cp1252[c - 0x80]);
		from = i + 2;
		i++;
	}
	if (!from)
		return text;
	buf_add(tmp, text + from, *n - from);
	*n = tmp->len;
	return tmp->s;
}

/* text[0..n) cleaned into the arena, or NULL when nothing is left. */
static const char *
clean_copy(struct story_set *s, const char *text, size_t n)
{
	char *c;
	const char *r;

	struct buf tmp = BUF_INIT;

	if (!text)
		return NULL;
	if (n == (size_t)-1)
		n = strlen(text);
	text = map_c1(text, &n, &tmp);
	c = text_clean(text, n);
	r = *c ? arena_strdup(&s->a, c) : NULL;
	free(c);
	buf_release(&tmp);
	return r;
}

/*
 * A date as YYYY-MM-DD when it is one of the forms feeds write: ISO 8601
 * (2024-03-02T10:00:00Z), NITF's 20240302T000000+0000, RFC 822 ("Sat, 02
 * Mar 2024 10:00:00 GMT", also with a two-digit year).  false otherwise.
 */
static bool
iso_date(const char *s, char out[11])
{
	static const char *const mon[] = {
		"jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec",
	};
	int y = 0, m = 0, d = 0, i;
	char name[4];

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    isdigit((unsigned char)s[3]) && s[4] == '-') {
		;
	} else if (strlen(s) >= 8 && strspn(s, "0123456789") >= 8 &&
		   (s[8] == '\0' || s[8] == 'T' || s[8] == 't')) {
		sscanf(s, "%4d%2d%2d", &y, &m, &d);
	} else {
		const char *p = strchr(s, ',');

		p = p ? p + 1 : s;
		if (sscanf(p, "%d %3s %d", &d, name, &y) != 3)
			return false;
		for (i = 0; i < 3; i++)
			name[i] = (char)tolower((unsigned char)name[i]);
		for (m = 0; m < 12 && strncmp(name, mon[m], 3); m++)
			;
		m++;
		if (y < 100)
			y += y < 50 ? 2000 : 1900;
	}
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return true;
}

void
story_set_meta(struct story_set *s, enum story_meta which, const char *text,
	       size_t n)
{
	const char *c;
	char iso[11];

	if (s->meta[which] || !(c = clean_copy(s, text, n)))
		return;
	if ((which == META_DATE || which == META_DATE_DEFAULT) &&
	    iso_date(c, iso))
		c = arena_strdup(&s->a, iso);
	s->meta[which] = c;
}

bool
story_has_meta(const struct story_set *s, enum story_meta which)
{
	return s->meta[which] != NULL;
}

void
story_set_order(struct story_set *s, enum story_order order)
{
	s->order = order;
}

/* The page with this label, added when new; NONE for an empty label. */
static size_t
page_of(struct story_set *s, const char *label, const char *section,
	bool declare)
{
	const char *l = clean_copy(s, label, (size_t)-1);
	size_t i;

	if (!l)
		return NONE;
	i = strmap_get(&s->page_index, l);
	if (i != NONE) {
		if (!s->pages[i].section && section)
			s->pages[i].section = clean_copy(s, section,
							 (size_t)-1);
		return i;
	}
	GROW(s->pages, s->npages, s->cap_pages);
	i = s->npages++;
	s->pages[i].label = l;
	s->pages[i].section = section ? clean_copy(s, section, (size_t)-1)
				      : NULL;
	s->pages[i].declared = declare;
	s->pages[i].seen = i;
	strmap_put(&s->page_index, l, i);
	return i;
}

void
story_declare_page(struct story_set *s, const char *label,
		   const char *section)
{
	page_of(s, label, section, true);
}

static struct story *
cur(struct story_set *s)
{
	if (!s->nstories)
		story_add(s, NULL, 0, 0);
	return &s->stories[s->nstories - 1];
}

void
story_add(struct story_set *s, const char *id, unsigned line, unsigned col)
{
	struct story *st;

	if (s->in_block)
		story_block_end(s);
	GROW(s->stories, s->nstories, s->cap_stories);
	st = &s->stories[s->nstories++];
	memset(st, 0, sizeof(*st));
	st->id = clean_copy(s, id, (size_t)-1);
	st->first_block = s->nblocks;
	st->head_block = NONE;
	st->line = line;
	st->col = col;
}

size_t
story_count(const struct story_set *s)
{
	return s->nstories;
}

size_t
story_page_count(const struct story_set *s)
{
	return s->npages;
}

void
story_field(struct story_set *s, enum story_field f, const char *text,
	    size_t n)
{
	struct story *st = cur(s);
	const char *c = clean_copy(s, text, n);
	char iso[11];

	if (!c)
		return;
	if (f == SF_BYLINE && st->f[f]) {
		struct buf b = BUF_INIT;

		if (strstr(st->f[f], c))
			return;
		buf_adds(&b, st->f[f]);
		buf_adds(&b, ", ");
		buf_adds(&b, c);
		st->f[f] = arena_strdup(&s->a, buf_str(&b));
		buf_release(&b);
		return;
	}
	if (st->f[f])
		return;
	if (f == SF_DATE && iso_date(c, iso))
		c = arena_strdup(&s->a, iso);
	st->f[f] = c;
}

bool
story_has_field(const struct story_set *s, enum story_field f)
{
	return s->nstories && s->stories[s->nstories - 1].f[f];
}

void
story_page(struct story_set *s, const char *label, const char *section)
{
	struct story *st = cur(s);
	size_t p = page_of(s, label, section, false);

	if (p == NONE || (st->npages && st->pages[st->npages - 1] == p))
		return;
	GROW(st->pages, st->npages, st->cap_pages);
	st->pages[st->npages++] = p;
}

void
story_block_begin(struct story_set *s, enum block_kind kind)
{
	if (s->in_block)
		story_block_end(s);
	cur(s);
	s->in_block = true;
	s->kind = kind;
	s->depth = 0;
	s->first_span = s->nspans;
	buf_reset(&s->text);
	text_clean_init(&s->clean);
}

void
story_text(struct story_set *s, const char *text, size_t n)
{
	struct buf tmp = BUF_INIT;

	if (!text)
		return;
	if (n == (size_t)-1)
		n = strlen(text);
	if (!s->in_block) {
		if (strspn(text, " \t\r\n") >= n)
			return;
		story_block_begin(s, BLOCK_PARA);
	}
	text = map_c1(text, &n, &tmp);
	text_clean_add(&s->clean, &s->text, text, n);
	buf_release(&tmp);
}

void
story_line_break(struct story_set *s)
{
	if (s->in_block)
		text_clean_add(&s->clean, &s->text, " ", 1);
}

/* Where the next visible character lands (after a pending space). */
static size_t
text_pos(const struct story_set *s)
{
	return s->text.len + text_clean_pending(&s->clean);
}

void
story_style_begin(struct story_set *s, uint32_t style, const char *href)
{
	if (!s->in_block)
		story_block_begin(s, BLOCK_PARA);
	if (s->depth < STYLE_DEPTH) {
		s->styles[s->depth].style = style;
		s->styles[s->depth].href = clean_copy(s, href, (size_t)-1);
		s->styles[s->depth].start = text_pos(s);
	}
	s->depth++;
}

void
story_style_end(struct story_set *s)
{
	struct sspan *sp;
	size_t start;

	if (!s->in_block || !s->depth)
		return;
	if (--s->depth >= STYLE_DEPTH)
		return;
	start = s->styles[s->depth].start;
	if (s->text.len <= start || s->text.len > UINT32_MAX)
		return;
	GROW(s->spans, s->nspans, s->cap_spans);
	sp = &s->spans[s->nspans++];
	sp->start = (uint32_t)start;
	sp->end = (uint32_t)s->text.len;
	sp->style = s->styles[s->depth].style;
	sp->href = s->styles[s->depth].href;
}

static struct sblock *
new_block(struct story_set *s, enum block_kind kind)
{
	struct story *st = cur(s);
	struct sblock *b;

	GROW(s->blocks, s->nblocks, s->cap_blocks);
	b = &s->blocks[s->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->break_before = st->break_pending;
	st->break_pending = false;
	st->nblocks++;
	return b;
}

void
story_block_end(struct story_set *s)
{
	struct sblock *b;

	if (!s->in_block)
		return;
	while (s->depth)
		story_style_end(s);
	s->in_block = false;
	text_clean_finish(&s->clean, &s->text);
	if (!s->text.len) {
		s->nspans = s->first_span;
		return;
	}
	b = new_block(s, s->kind);
	b->text = arena_strndup(&s->a, buf_str(&s->text), s->text.len);
	b->first_span = s->first_span;
	b->nspans = s->nspans - s->first_span;
}

void
story_photo(struct story_set *s, const char *caption, const char *credit,
	    const char *src)
{
	const char *cap = clean_copy(s, caption, (size_t)-1);
	const char *c = clean_copy(s, credit, (size_t)-1);
	const char *u = clean_copy(s, src, (size_t)-1);
	struct sblock *b;

	if (s->in_block)
		story_block_end(s);
	if (!cap && !u)
		return;
	b = new_block(s, BLOCK_PHOTO);
	b->text = cap ? cap : "";
	b->credit = c;
	b->src = u;
	b->first_span = s->nspans;
}

void
story_page_break(struct story_set *s)
{
	if (s->in_block)
		story_block_end(s);
	cur(s)->break_pending = true;
}

bool
story_has_body(const struct story_set *s)
{
	return s->nstories && (s->stories[s->nstories - 1].nblocks ||
			       (s->in_block && s->text.len));
}

/* ---- building the edition ---- */

/* A label's print key: its letters, then its number ("A12": "A", 12). */
static int
print_cmp(const char *a, const char *b)
{
	size_t la = strcspn(a, "0123456789"), lb = strcspn(b, "0123456789");
	int c = strncmp(a, b, la < lb ? la : lb);
	unsigned long na, nb;

	if (c)
		return c;
	if (la != lb)
		return la < lb ? -1 : 1;
	na = strtoul(a + la, NULL, 10);
	nb = strtoul(b + lb, NULL, 10);
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

static const struct story_set *sorting;

static int
page_order_cmp(const void *x, const void *y)
{
	const struct spage *a = &sorting->pages[*(const size_t *)x];
	const struct spage *b = &sorting->pages[*(const size_t *)y];
	int c;

	if (a->declared != b->declared)
		return a->declared ? -1 : 1;
	if (a->declared || sorting->order == ORDER_APPEARANCE)
		return a->seen < b->seen ? -1 : a->seen > b->seen;
	c = print_cmp(a->label, b->label);
	return c ? c : (a->seen < b->seen ? -1 : a->seen > b->seen);
}

/* Is this short paragraph a jump line ("Please see BUDGET, Page A12",
   "Continued on page 12", "See JUMP on A12")? */
static bool
is_jump_line(const char *t, bool from)
{
	char low[96];
	size_t n = strlen(t), i;

	if (n >= sizeof(low) || n < 4)
		return false;
	for (i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)t[i]);
	if (from)
		return !strncmp(low, "from page", 9) ||
		       !strncmp(low, "continued from", 14) ||
		       (!strncmp(low, "from ", 5) && n < 16);
	/* Only a line that is nothing but the jump: never body text. */
	if (n > 60)
		return false;
	if (!strncmp(low, "continued on", 12) || !strncmp(low, "cont. on", 8) ||
	    !strncmp(low, "continued page", 14) ||
	    !strncmp(low, "turn to page", 12) ||
	    !strncmp(low, "(continued on", 13))
		return true;
	if (!strncmp(low, "please see", 10) || !strncmp(low, "see ", 4) ||
	    !strncmp(low, "(see", 4))
		return strstr(low, "page") || strstr(low, " on ");
	return false;
}

/*
 * Where story st's blocks go: cut[k] is the first block (relative) of its
 * k-th part, cut[np] = nblocks; drop[i] marks jump lines not printed.
 */
static void
split_body(const struct story_set *s, const struct story *st, size_t *cut,
	   bool *drop)
{
	/* No block at all: blocks may be NULL, never indexed then. */
	const struct sblock *b = s->nblocks ? s->blocks + st->first_block
					    : NULL;
	size_t np = st->npages ? st->npages : 1, n = st->nblocks;
	size_t k = 1, i, nbreaks = 0;

	cut[0] = 0;
	for (i = 0; i < n; i++)
		nbreaks += b[i].break_before;
	if (st->head_block < n)
		drop[st->head_block] = true;
	if (nbreaks) {
		/* A break before the first block: the first page holds the
		   head alone. */
		for (i = 0; i < n && k < np; i++)
			if (b[i].break_before)
				cut[k++] = i;
	} else {
		for (i = 0; i < n && k < np; i++)
			if (b[i].kind == BLOCK_PARA &&
			    is_jump_line(b[i].text, false)) {
				drop[i] = true;
				cut[k++] = i + 1;
			}
		/* The rest in even shares. */
		if (k < np) {
			size_t from = cut[k - 1], left = n - from;
			size_t parts = np - k + 1, j;

			for (j = 1; j < parts; j++)
				cut[k++] = from + (left * j + parts - 1) / parts;
		}
	}
	while (k < np)
		cut[k++] = n;
	cut[np] = n;
	/* A continuation's own "From page 1" line is the model's to print. */
	for (k = 1; k < np; k++)
		if (cut[k] < cut[k + 1] && b[cut[k]].kind == BLOCK_PARA &&
		    is_jump_line(b[cut[k]].text, true))
			drop[cut[k]] = true;
}

/* The ASCII a character folds to ("é" -> "e"), or NULL. */
static const char *
ascii_fold(uint32_t cp)
{
	const char *to = fold_lookup(cp);

	return to && (unsigned char)to[0] < 0x80 ? to : NULL;
}

/* Letters with no decomposition, spelled in ASCII for ids. */
static const char *
ascii_letter(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		const char *to;
	} map[] = {
		{ 0xC6, "ae" }, { 0xD0, "d" }, { 0xD8, "o" }, { 0xDE, "th" },
		{ 0xDF, "ss" }, { 0xE6, "ae" }, { 0xF0, "d" }, { 0xF8, "o" },
		{ 0xFE, "th" }, { 0x110, "d" }, { 0x111, "d" },
		{ 0x141, "l" }, { 0x142, "l" }, { 0x152, "oe" },
		{ 0x153, "oe" }, { 0x131, "i" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].cp == cp)
			return map[i].to;
	return NULL;
}

/* A short token id kept as it is; else one made from the headline's
   first words ("Council passes budget" -> council-passes-budget). */
static const char *
article_id(struct story_set *s, const struct story *st, size_t n,
	   struct strmap *used)
{
	const char *h = st->f[SF_HEADLINE], *id = st->id, *r;
	struct buf b = BUF_INIT;
	size_t words = 0, base, k = 2, len = h ? strlen(h) : 0, i = 0;
	bool in_word = false;

	if (id && strlen(id) <= 24 && strspn(id, "abcdefghijklmnopqrstuvwxyz"
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == strlen(id) &&
	    strmap_get(used, id) == NONE) {
		strmap_put(used, id, n);
		return id;
	}
	while (i < len && words < 5 && b.len < 32) {
		uint32_t cp;
		size_t step = utf8_decode(h + i, len - i, &cp);
		const char *a = NULL;
		char one[2] = { 0, 0 };

		if (cp < 0x80 && isalnum((int)cp)) {
			one[0] = (char)tolower((int)cp);
			a = one;
		} else if (cp >= 0x80) {
			a = ascii_fold(cp);
			if (!a)
				a = ascii_letter(cp);
		}
		if (a && isalnum((unsigned char)a[0])) {
			if (!in_word && b.len)
				buf_addch(&b, '-');
			buf_adds(&b, a);
			in_word = true;
		} else if (in_word && cp != '\'' && cp != 0x2019) {
			in_word = false;
			words++;
		}
		i += step ? step : 1;
	}
	/* Whole words, at most 32 bytes. */
	while (b.len > 32 && memrchr(b.s, '-', b.len))
		buf_truncate(&b, (size_t)((char *)memrchr(b.s, '-', b.len) -
					  b.s));
	if (!b.len)
		buf_addf(&b, "story-%zu", n + 1);
	base = b.len;
	while (strmap_get(used, buf_str(&b)) != NONE) {
		buf_truncate(&b, base);
		buf_addf(&b, "-%zu", k++);
	}
	r = arena_strdup(&s->a, buf_str(&b));
	buf_release(&b);
	strmap_put(used, r, n);
	return r;
}

/* A headline for a story with none: its first words. */
static const char *
made_headline(struct story_set *s, struct story *st)
{
	const char *t = NULL;
	size_t i, n, cut = 0;
	struct buf b = BUF_INIT;
	const char *r;

	for (i = 0; i < st->nblocks && !t; i++)
		if (s->blocks[st->first_block + i].kind != BLOCK_PHOTO)
			t = s->blocks[st->first_block + i].text;
	if (!t)
		return NULL;
	n = strlen(t);
	if (text_width(t, n) <= 60) {
		/* Taken whole: not printed twice.  A lone block stays as
		   the body, which would be empty. */
		if (st->nblocks > 1)
			st->head_block = i - 1;
		return t;
	}
	n = text_fit(t, n, 59, NULL);
	for (i = 0; i < n; i++)
		if (t[i] == ' ')
			cut = i;
	buf_add(&b, t, cut > 20 ? cut : n);
	buf_adds(&b, "\u2026");
	r = arena_strdup(&s->a, buf_str(&b));
	buf_release(&b);
	return r;
}


static void
emit_blocks(struct edition *ed, const struct story_set *s,
	    const struct story *st, size_t from, size_t to, const bool *drop)
{
	size_t i, j;

	for (i = from; i < to; i++) {
		const struct sblock *sb = &s->blocks[st->first_block + i];
		struct block *b;

		if (drop[i])
			continue;
		b = edition_add_block(ed, true);
		b->kind = sb->kind;
		b->text = sb->text;	/* the set's arena goes to ed */
		b->credit = sb->credit;
		b->src = sb->src;
		for (j = 0; j < sb->nspans; j++) {
			const struct sspan *ss = &s->spans[sb->first_span + j];
			struct span *sp = edition_add_span(ed);

			sp->start = ss->start;
			sp->end = ss->end;
			sp->style = ss->style;
			sp->href = ss->href;
		}
	}
}

struct place {
	size_t story, seq, from, to;
};

static int
place_cmp(const void *x, const void *y)
{
	const struct place *a = x, *b = y;

	if (a->story != b->story)
		return a->story < b->story ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct edition *
story_build(struct story_set *s, const char *default_title,
	    const char *default_page, struct diags *d)
{
	struct edition *ed;
	struct strmap used;
	struct place **on;	/* per page: its places */
	size_t *non, *order, *rank, i, k;
	const char **ids;
	size_t **cuts;
	bool **drops;
	const char *newest = NULL;

	if (s->in_block)
		story_block_end(s);
	/* Stories that name no page go on their section's, else one. */
	for (i = 0; i < s->nstories; i++) {
		struct story *st = &s->stories[i];
		size_t p;

		if (st->npages)
			continue;
		/* A name that cleans to nothing (a bidi control alone) names
		   no page: the next one does. */
		p = page_of(s, st->f[SF_SECTION], st->f[SF_SECTION], false);
		if (p == NONE)
			p = page_of(s, default_page, st->f[SF_SECTION], false);
		if (p == NONE)
			p = page_of(s, "News", st->f[SF_SECTION], false);
		GROW(st->pages, st->npages, st->cap_pages);
		st->pages[st->npages++] = p;
	}
	if (!s->npages) {
		diags_add(d, DIAG_ERROR, 0, 0, "nothing to read: no articles "
			  "and no pages");
		return NULL;
	}
	order = xreallocarray(NULL, s->npages, sizeof(*order));
	rank = xreallocarray(NULL, s->npages, sizeof(*rank));
	for (i = 0; i < s->npages; i++)
		order[i] = i;
	sorting = s;
	qsort(order, s->npages, sizeof(*order), page_order_cmp);
	sorting = NULL;
	for (i = 0; i < s->npages; i++)
		rank[order[i]] = i;

	/* Each story's parts, its id and the cut of its body. */
	strmap_init(&used);
	ids = xcalloc(s->nstories + 1, sizeof(*ids));
	cuts = xcalloc(s->nstories + 1, sizeof(*cuts));
	drops = xcalloc(s->nstories + 1, sizeof(*drops));
	on = xcalloc(s->npages, sizeof(*on));
	non = xcalloc(s->npages, sizeof(*non));
	for (i = 0; i < s->nstories; i++) {
		struct story *st = &s->stories[i];

		if (!st->f[SF_HEADLINE])
			st->f[SF_HEADLINE] = made_headline(s, st);
		ids[i] = article_id(s, st, i, &used);
		cuts[i] = xcalloc(st->npages + 1, sizeof(**cuts));
		drops[i] = xcalloc(st->nblocks + 1, sizeof(**drops));
		split_body(s, st, cuts[i], drops[i]);
		for (k = 0; k < st->npages; k++) {
			size_t p = rank[st->pages[k]];

			on[p] = xreallocarray(on[p], non[p] + 1,
					      sizeof(**on));
			on[p][non[p]].story = i;
			on[p][non[p]].seq = k;
			on[p][non[p]].from = cuts[i][k];
			on[p][non[p]].to = cuts[i][k + 1];
			non[p]++;
		}
		if (st->f[SF_DATE] && (!newest || strcmp(st->f[SF_DATE],
							 newest) > 0))
			newest = st->f[SF_DATE];
	}

	/* Every string below is in the set's arena, which the edition
	   takes at the end: nothing is copied. */
	ed = edition_new();
	ed->title = s->meta[META_TITLE];
	if (!ed->title)
		ed->title = clean_copy(s, default_title, (size_t)-1);
	if (!ed->title)
		ed->title = "Untitled";
	ed->date = s->meta[META_DATE] ? s->meta[META_DATE] :
		   newest ? newest : s->meta[META_DATE_DEFAULT];
	ed->name = s->meta[META_NAME];
	ed->publisher = s->meta[META_PUBLISHER];
	ed->lang = s->meta[META_LANG];
	for (i = 0; i < s->npages; i++) {
		const struct spage *sp = &s->pages[order[i]];
		struct page *pg = edition_add_page(ed);

		pg->label = sp->label;
		/* "Page World · World" says it twice. */
		if (sp->section && strcmp(sp->section, sp->label))
			pg->section = sp->section;
		if (non[i])
			qsort(on[i], non[i], sizeof(**on), place_cmp);
		for (k = 0; k < non[i]; k++) {
			const struct place *pl = &on[i][k];
			const struct story *st = &s->stories[pl->story];
			struct part *p = edition_add_part(ed, pl->seq ?
				PART_CONT : PART_START, ids[pl->story]);

			p->line = st->line;
			p->col = st->col;
			p->headline = st->f[SF_HEADLINE];
			if (pl->seq == 0) {
				p->kicker = st->f[SF_KICKER];
				p->deck = st->f[SF_DECK];
				p->byline = st->f[SF_BYLINE];
				p->dateline = st->f[SF_DATELINE];
				p->url = st->f[SF_URL];
				p->date = st->f[SF_DATE];
				p->edition_url = st->f[SF_EDITION];
			} else {
				p->from = s->pages[st->pages[pl->seq - 1]].label;
			}
			if (pl->seq + 1 < st->npages)
				p->jump = s->pages[st->pages[pl->seq + 1]].label;
			emit_blocks(ed, s, st, pl->from, pl->to,
				    drops[pl->story]);
		}
	}
	for (i = 0; i < s->nstories; i++) {
		free(cuts[i]);
		free(drops[i]);
	}
	for (i = 0; i < s->npages; i++)
		free(on[i]);
	free(on);
	free(non);
	free(cuts);
	free(drops);
	free(ids);
	free(order);
	free(rank);
	strmap_release(&used);
	arena_adopt(&ed->arena, &s->a);
	if (edition_finish(ed, d) != 0) {
		edition_free(ed);
		return NULL;
	}
	return ed;
}
