/*
 * search: the folded copy of an edition's text and the queries run over
 * it.  See search.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "search.h"
#include "text.h"

/* Where folded and original offsets part ways: from folded offset f on,
   the original continues at o (both relative to the field). */
struct point {
	uint32_t f, o;
};

struct fold_map {
	struct point *v;
	size_t n, cap;
};

struct seg {
	const char *text;	/* the original, in the edition */
	size_t page, part, block;
	enum search_field field;
	uint32_t fstart, flen;	/* in the folded buffer */
	uint32_t first_point, npoints;
};

struct search_index {
	const struct edition *ed;
	struct seg *segs;
	size_t nsegs, cap_segs;
	struct buf folded;
	struct fold_map points;
	size_t *part_seg;	/* first field of each part */
	size_t *block_seg;	/* first field of each block */
};

static const char *const field_names[] = {
	"kicker", "headline", "deck", "byline", "dateline", "text",
	"crosshead", "quote", "caption", "credit",
};

const char *
search_field_name(enum search_field f)
{
	return (size_t)f < ARRAY_SIZE(field_names) ? field_names[f] : "";
}

/* ---- folding ---- */

const char *
fold_lookup(uint32_t cp)
{
	size_t lo = 0, hi = fold_table_len;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (fold_table[mid].cp < cp)
			lo = mid + 1;
		else if (fold_table[mid].cp > cp)
			hi = mid;
		else
			return fold_table[mid].to;
	}
	return NULL;
}

/* Append cp folded: accents off, and case too unless keep_case. */
static void
fold_cp(struct buf *out, uint32_t cp, bool keep_case)
{
	const char *to = fold_lookup(cp);
	char enc[4];

	if (!to) {
		uint32_t c = keep_case ? cp : (uint32_t)towlower((wint_t)cp);

		buf_add(out, enc, utf8_encode(c, enc));
		return;
	}
	if (!keep_case || !iswupper((wint_t)cp)) {
		buf_adds(out, to);
		return;
	}
	/* "É" keeping its case: "E". */
	while (*to) {
		uint32_t c;
		size_t k = utf8_decode(to, strlen(to), &c);

		buf_add(out, enc, utf8_encode((uint32_t)towupper((wint_t)c),
					      enc));
		to += k;
	}
}

/*
 * Append s[0..n) folded to out, recording in m (when not NULL) a point
 * wherever the lengths part ways, relative to base (out->len at the
 * field's start).
 */
static void
fold_text(struct buf *out, const char *s, size_t n, bool keep_case,
	  struct fold_map *m, size_t base)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k, before;
		uint32_t cp;

		if (c < 0x80) {
			/* The common case, a run of ASCII. */
			size_t j = i;

			while (j < n && (unsigned char)s[j] < 0x80)
				j++;
			VEC_RESERVE(out->s, out->cap, out->len + (j - i) + 1);
			if (keep_case) {
				memcpy(out->s + out->len, s + i, j - i);
				out->len += j - i;
				i = j;
			}
			for (; i < j; i++) {
				char ch = s[i];

				out->s[out->len++] = ch >= 'A' && ch <= 'Z' ?
						     (char)(ch + 32) : ch;
			}
			out->s[out->len] = '\0';
			continue;
		}
		before = out->len;
		k = utf8_decode(s + i, n - i, &cp);
		fold_cp(out, cp, keep_case);
		/* A character that folded to other bytes gets a pair of
		   points, before and after it; one that folded to itself
		   (CJK, most of the world) costs nothing. */
		if (m && (out->len - before != k ||
			  memcmp(out->s + before, s + i, k))) {
			VEC_RESERVE(m->v, m->cap, m->n + 2);
			m->v[m->n].f = (uint32_t)(before - base);
			m->v[m->n].o = (uint32_t)i;
			m->v[m->n + 1].f = (uint32_t)(out->len - base);
			m->v[m->n + 1].o = (uint32_t)(i + k);
			m->n += 2;
		}
		i += k;
	}
}

/*
 * The original offset of folded offset f.  Points come in pairs (before,
 * after) around each character that folded to other bytes; between pairs
 * the two run alike.  An offset inside what one character folded to goes
 * to that character's start, or its end when end is set.
 */
static uint32_t
map_back_x(const struct point *p, size_t np, uint32_t f, bool end)
{
	size_t lo = 0, hi = np;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p[mid].f <= f)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return f;
	lo--;
	if (lo % 2 == 1)
		return p[lo].o + (f - p[lo].f);
	if (p[lo].f == f)
		return p[lo].o;
	return end ? p[lo + 1].o : p[lo].o;
}
#define map_back(p, np, f, text) map_back_x(p, np, f, false)
#define map_back_end(p, np, f, text) map_back_x(p, np, f, true)

/* ---- the index ---- */

static void
add_seg(struct search_index *ix, const char *text, size_t page,
	size_t part, size_t block, enum search_field field)
{
	struct seg *g;
	size_t base;

	if (!text || !*text)
		return;
	VEC_RESERVE(ix->segs, ix->cap_segs, ix->nsegs + 1);
	g = &ix->segs[ix->nsegs];
	g->text = text;
	g->page = page;
	g->part = part;
	g->block = block;
	g->field = field;
	base = ix->folded.len;
	g->fstart = (uint32_t)base;
	g->first_point = (uint32_t)ix->points.n;
	fold_text(&ix->folded, text, strlen(text), false, &ix->points, base);
	g->flen = (uint32_t)(ix->folded.len - base);
	g->npoints = (uint32_t)(ix->points.n - g->first_point);
	buf_add(&ix->folded, "", 1);	/* fields never run together */
	if (part != NONE && ix->part_seg[part] == NONE)
		ix->part_seg[part] = ix->nsegs;
	if (block != NONE && ix->block_seg[block] == NONE)
		ix->block_seg[block] = ix->nsegs;
	ix->nsegs++;
}

static void
add_block(struct search_index *ix, size_t page, size_t part, size_t bi)
{
	const struct block *b = &ix->ed->blocks[bi];

	switch (b->kind) {
	case BLOCK_PARA:
		add_seg(ix, b->text, page, part, bi, SF_TEXT);
		break;
	case BLOCK_SUBHEAD:
		add_seg(ix, b->text, page, part, bi, SF_SUBHEAD);
		break;
	case BLOCK_QUOTE:
		add_seg(ix, b->text, page, part, bi, SF_QUOTE);
		break;
	case BLOCK_PHOTO:
		add_seg(ix, b->text, page, part, bi, SF_CAPTION);
		add_seg(ix, b->credit, page, part, bi, SF_CREDIT);
		break;
	}
}

struct search_index *
search_index_new(const struct edition *ed)
{
	struct search_index *ix = xcalloc(1, sizeof(*ix));
	size_t pg, i, k;

	ix->ed = ed;
	/* Folding keeps the size, near enough: one allocation. */
	VEC_RESERVE(ix->folded.s, ix->folded.cap, ed->arena.total + 64);
	ix->part_seg = xreallocarray(NULL, ed->nparts ? ed->nparts : 1,
				     sizeof(size_t));
	ix->block_seg = xreallocarray(NULL, ed->nblocks ? ed->nblocks : 1,
				      sizeof(size_t));
	memset(ix->part_seg, 0xff, ed->nparts * sizeof(size_t));
	memset(ix->block_seg, 0xff, ed->nblocks * sizeof(size_t));
	for (pg = 0; pg < ed->npages; pg++) {
		const struct page *p = &ed->pages[pg];

		for (i = 0; i < p->nitems; i++) {
			const struct page_item *it = &ed->items[p->first_item +
								i];
			const struct part *pt;
			size_t pi = it->index;

			if (it->kind == ITEM_PHOTO) {
				add_block(ix, pg, NONE, pi);
				continue;
			}
			pt = &ed->parts[pi];
			add_seg(ix, pt->kicker, pg, pi, NONE, SF_KICKER);
			add_seg(ix, pt->headline, pg, pi, NONE, SF_HEADLINE);
			add_seg(ix, pt->deck, pg, pi, NONE, SF_DECK);
			add_seg(ix, pt->byline, pg, pi, NONE, SF_BYLINE);
			add_seg(ix, pt->dateline, pg, pi, NONE, SF_DATELINE);
			for (k = 0; k < pt->nblocks; k++)
				add_block(ix, pg, pi, pt->first_block + k);
		}
	}
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	if (!ix)
		return;
	free(ix->segs);
	buf_release(&ix->folded);
	free(ix->points.v);
	free(ix->part_seg);
	free(ix->block_seg);
	free(ix);
}

const char *
search_seg_text(const struct search_index *ix, size_t seg)
{
	return seg < ix->nsegs ? ix->segs[seg].text : "";
}

size_t
search_nsegs(const struct search_index *ix)
{
	return ix->nsegs;
}

size_t
search_seg_of(const struct search_index *ix, size_t part, size_t block)
{
	size_t s = NONE;

	if (block != NONE && block < ix->ed->nblocks)
		s = ix->block_seg[block];
	if (s == NONE && block != NONE && block < ix->ed->nblocks) {
		size_t i;

		for (i = 0; i < ix->nsegs; i++)
			if (ix->segs[i].part == part &&
			    ix->segs[i].block != NONE &&
			    ix->segs[i].block > block) {
				s = i;
				break;
			}
	}
	if (s == NONE && part != NONE && part < ix->ed->nparts)
		s = ix->part_seg[part];
	return s == NONE ? 0 : s;
}

/* ---- queries ---- */

static bool
has_upper(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		if (iswupper((wint_t)cp))
			return true;
	}
	return false;
}

/*
 * What a regular expression (ERE) costs glibc once its repetitions are
 * spelled out (search.h): about one node per atom, x{m,n} as max(m, n) copies of
 * x (m + 1 when unbounded), every other quantifier as two: x+ is two
 * copies, and x* or x? of something already repeated doubles the
 * epsilon paths regcomp follows (a**********... took it longer than
 * 13 s).  Saturates
 * just above SEARCH_RE_MAX_COST.  A small recursive parser that knows
 * only what it needs: groups, alternation, bracket expressions, escapes
 * and quantifiers; what it cannot read regcomp will refuse.
 */
struct re_scan {
	const char *p;
	int depth, max_depth;
	int max_nest;		/* quantifiers over each other */
	bool backref;
};

#define RE_CAP (SEARCH_RE_MAX_COST + 1)

static size_t
re_add(size_t a, size_t b)
{
	return a + b > RE_CAP ? RE_CAP : a + b;
}

static size_t
re_mul(size_t a, size_t b)
{
	if (b && a > RE_CAP / b)
		return RE_CAP;
	return a * b > RE_CAP ? RE_CAP : a * b;
}

/* A bound of {m,n}: its digits, at most RE_CAP. */
static size_t
re_number(const char **p)
{
	size_t n = 0;

	while (**p >= '0' && **p <= '9') {
		n = re_add(re_mul(n, 10), (size_t)(**p - '0'));
		(*p)++;
	}
	return n;
}

/* Past a bracket expression, [ already read: ] first is a member, as
   are [:class:], [=x=] and [.x.]. */
static void
re_bracket(struct re_scan *r)
{
	const char *p = r->p;

	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
			char close = p[1];
			const char *e = p + 2;

			while (*e && !(e[0] == close && e[1] == ']'))
				e++;
			p = *e ? e + 2 : e;
			continue;
		}
		p++;
	}
	r->p = *p ? p + 1 : p;
}

static size_t re_alt(struct re_scan *r, int *nest);

/* An atom and its quantifiers; in *nest how many quantifiers it has
   over each other (x+ 1, (x+)+ and x++ 2). */
static size_t
re_piece(struct re_scan *r, int *nest)
{
	size_t cost = 1;
	char c = *r->p++;

	*nest = 0;
	if (c == '(') {
		if (++r->depth > r->max_depth)
			r->max_depth = r->depth;
		cost = re_add(re_alt(r, nest), 1);
		if (*r->p == ')')
			r->p++;
		r->depth--;
	} else if (c == '[') {
		re_bracket(r);
	} else if (c == '\\' && *r->p) {
		if (*r->p >= '1' && *r->p <= '9')
			r->backref = true;
		r->p++;
	}
	for (;;) {
		if (*r->p == '+' || *r->p == '*' || *r->p == '?') {
			cost = re_mul(cost, 2);
			++*nest;
		} else if (*r->p == '{') {
			const char *p = r->p + 1;
			size_t m = re_number(&p), n = m;

			if (*p == ',') {
				p++;
				n = *p >= '0' && *p <= '9' ? re_number(&p)
							   : m + 1;
			}
			if (*p != '}')
				break;	/* a literal {, or regcomp's error */
			r->p = p;
			cost = re_mul(cost, m > n ? m : n ? n : 1);
			++*nest;
		} else {
			break;
		}
		r->p++;
	}
	if (*nest > r->max_nest)
		r->max_nest = *nest;
	return cost;
}

/* Alternatives (a|b) of sequences, up to the ) of the group or the
   end. */
static size_t
re_alt(struct re_scan *r, int *nest)
{
	size_t cost = 0;
	int k;

	*nest = 0;
	while (*r->p && !(*r->p == ')' && r->depth > 0)) {
		if (*r->p == '|') {
			r->p++;
		} else {
			cost = re_add(cost, re_piece(r, &k));
			if (k > *nest)
				*nest = k;
		}
	}
	return cost;
}

/* Whether glibc may be given re; when not, why in err. */
static bool
regex_affordable(const char *re, struct buf *err)
{
	struct re_scan r = { re, 0, 0, 0, false };
	int nest;
	size_t cost = re_alt(&r, &nest); /* outside groups, ) is an atom */

	if (r.backref) {
		buf_adds(err, "back-references (\\1 to \\9) are not supported "
			 "in a search");
		return false;
	}
	if (r.max_depth > SEARCH_RE_MAX_DEPTH) {
		buf_addf(err, "more than %d groups inside each other",
			 SEARCH_RE_MAX_DEPTH);
		return false;
	}
	if (cost > SEARCH_RE_MAX_COST) {
		buf_adds(err, "the regular expression repeats too much");
		return false;
	}
	if (r.max_nest > SEARCH_RE_MAX_NEST) {
		buf_adds(err, "repetitions of repetitions nest too deep");
		return false;
	}
	return true;
}

int
search_compile(struct search_query *q, const char *query, struct buf *err)
{
	struct buf b = BUF_INIT;
	char *clean;

	memset(q, 0, sizeof(*q));
	if (!strncmp(query, "\\r", 2)) {
		int r;

		q->regex = true;
		q->smartcase = has_upper(query + 2);
		if (!query[2]) {
			buf_adds(err, "an empty regular expression");
			return -1;
		}
		if (!regex_affordable(query + 2, err))
			return -1;
		r = regcomp(&q->re, query + 2, REG_EXTENDED |
			    (q->smartcase ? 0 : REG_ICASE));
		if (r != 0) {
			char msg[128];

			regerror(r, &q->re, msg, sizeof(msg));
			buf_addf(err, "bad regular expression: %s", msg);
			regfree(&q->re);
			q->regex = false;
			return -1;
		}
		return 0;
	}
	/* A phrase as the text has it: whitespace collapsed. */
	clean = text_clean(query, strlen(query));
	if (!*clean) {
		free(clean);
		buf_adds(err, "nothing to search for");
		return -1;
	}
	q->smartcase = has_upper(clean);
	fold_text(&b, clean, strlen(clean), false, NULL, 0);
	q->len = b.len;
	q->folded = buf_detach(&b);
	fold_text(&b, clean, strlen(clean), true, NULL, 0);
	q->accents = buf_detach(&b);
	free(clean);
	return 0;
}

void
search_query_release(struct search_query *q)
{
	free(q->folded);
	free(q->accents);
	if (q->regex)
		regfree(&q->re);
	memset(q, 0, sizeof(*q));
}

/* Smartcase: does the original text of a hit have the query's case? */
static bool
case_matches(const struct search_query *q, const char *text, uint32_t start,
	     uint32_t end)
{
	struct buf b = BUF_INIT;
	bool same;

	fold_text(&b, text + start, end - start, true, NULL, 0);
	same = b.len == strlen(q->accents) &&
	       !memcmp(buf_str(&b), q->accents, b.len);
	buf_release(&b);
	return same;
}

static void
push_hit(struct search_hit **v, size_t *n, size_t *cap,
	 const struct seg *g, size_t seg, uint32_t start, uint32_t end)
{
	struct search_hit *h;

	VEC_RESERVE(*v, *cap, *n + 1);
	h = &(*v)[(*n)++];
	h->seg = seg;
	h->page = g->page;
	h->part = g->part;
	h->block = g->block;
	h->field = g->field;
	h->start = start;
	h->end = end;
}

/* i, or the start of the character i is inside, but not before lo. */
static size_t
char_back(const char *text, size_t i, size_t lo)
{
	while (i > lo && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/*
 * Where the window from off ends: SEARCH_RE_WINDOW bytes on, or before
 * the last ASCII character that is not a letter, digit or _ in its last
 * SEARCH_RE_OVERLAP bytes.  regexec takes a window's end for the text's
 * (\> and \b match there after a letter: "word" in "words"); it sees
 * the text before a window, so its start needs no care.  Else at a
 * character's start.
 */
static size_t
window_end(const char *text, size_t n, size_t off)
{
	size_t e, i;
	unsigned char c;

	if (n - off <= SEARCH_RE_WINDOW)
		return n;
	e = off + SEARCH_RE_WINDOW;
	for (i = e; i > e - SEARCH_RE_OVERLAP; i--) {
		c = (unsigned char)text[i];
		if (c < 0x80 && !isalnum(c) && c != '_')
			return i;
	}
	return char_back(text, e, off + 1);
}

/*
 * Matches of a regular expression in text[0..n) (NUL-terminated) from
 * *off on, at most max, as byte ranges; *off is left after the last, so
 * a caller can ask again for more.  A window of SEARCH_RE_WINDOW bytes
 * at a time (search.h); until clk runs out.
 */
static size_t
regex_some(const regex_t *re, const char *text, size_t n, size_t *off,
	   uint32_t *start, uint32_t *end, size_t max, struct deadline *clk)
{
	size_t k = 0, wend, so, eo, back;
	regmatch_t m;

	while (*off <= n && k < max) {
		if (deadline_passed(clk)) {
			*off = n + 1;
			return k;
		}
		wend = window_end(text, n, *off);
		m.rm_so = (regoff_t)*off;
		m.rm_eo = (regoff_t)wend;
		if (regexec(re, text, 1, &m, REG_STARTEND |
			    (*off ? REG_NOTBOL : 0) |
			    (wend < n ? REG_NOTEOL : 0)) != 0) {
			if (wend >= n)
				break;
			/* Again from a little before this window's end. */
			back = char_back(text, wend - SEARCH_RE_OVERLAP, *off);
			*off = back > *off ? back : wend;
			continue;
		}
		so = (size_t)m.rm_so;
		eo = (size_t)m.rm_eo;
		/* A pattern with a stray byte can stop inside a character:
		   a hit is always whole characters. */
		while (so > 0 && ((unsigned char)text[so] & 0xC0) == 0x80)
			so--;
		while (eo < n && ((unsigned char)text[eo] & 0xC0) == 0x80)
			eo++;
		if (eo > so) {
			start[k] = (uint32_t)so;
			end[k++] = (uint32_t)eo;
			*off = eo;
		} else if (so >= n) {
			*off = n + 1;	/* an empty match at the end */
		} else {
			*off = text_next_grapheme(text, n, so);
		}
	}
	if (k < max)
		*off = n + 1;		/* no more */
	return k;
}

size_t
search_run(const struct search_index *ix, const struct search_query *q,
	   struct search_hit **hits, bool *stopped)
{
	struct search_hit *v = NULL;
	size_t n = 0, cap = 0, s = 0, step;
	const char *base = ix->folded.s, *p, *end;

	*hits = NULL;
	if (stopped)
		*stopped = false;
	if (q->regex) {
		uint32_t st[64], en[64];
		struct deadline clk;

		deadline_start(&clk, SEARCH_RE_MS);

		for (s = 0; s < ix->nsegs; s++) {
			const struct seg *g = &ix->segs[s];
			size_t len = strlen(g->text), off = 0, k, i;

			while (off <= len) {
				k = regex_some(&q->re, g->text, len, &off, st,
					       en, ARRAY_SIZE(st), &clk);
				for (i = 0; i < k; i++)
					push_hit(&v, &n, &cap, g, s, st[i],
						 en[i]);
			}
			if (clk.passed)
				break;
		}
		if (stopped)
			*stopped = clk.passed;
		*hits = v;
		return n;
	}
	if (!q->len || !base)
		return 0;
	end = base + ix->folded.len;
	for (p = base; (p = memmem(p, (size_t)(end - p), q->folded,
				   q->len)) != NULL; p += step) {
		uint32_t f = (uint32_t)(p - base), a, b;

		step = q->len;
		const struct seg *g;
		const struct point *pts;

		/* The field holding it: fields are in folded order. */
		while (s + 1 < ix->nsegs && ix->segs[s + 1].fstart <= f)
			s++;
		g = &ix->segs[s];
		pts = g->npoints ? ix->points.v + g->first_point : NULL;
		a = map_back(pts, g->npoints, f - g->fstart, g->text);
		b = map_back_end(pts, g->npoints,
			     f - g->fstart + (uint32_t)q->len, g->text);
		/* A character folded to several ("\u2026" to "...",
		   "\ufb03" to "ffi") holds a query that is a part of it
		   more than once: one hit. */
		if (n > 0 && v[n - 1].seg == s && a < v[n - 1].end)
			continue;
		if (q->smartcase && !case_matches(q, g->text, a, b)) {
			step = 1;
			while (p + step < end &&
			       ((unsigned char)p[step] & 0xC0) == 0x80)
				step++;
			continue;
		}
		push_hit(&v, &n, &cap, g, s, a, b);
	}
	*hits = v;
	return n;
}

size_t
search_text(const struct search_query *q, const char *text, size_t n,
	    uint32_t *start, uint32_t *end, size_t max, bool *stopped)
{
	struct buf b = BUF_INIT;
	struct fold_map m = { NULL, 0, 0 };
	const char *p;
	size_t k = 0, step;

	if (stopped)
		*stopped = false;
	if (q->regex) {
		struct deadline clk;
		size_t off = 0;

		deadline_start(&clk, SEARCH_RE_LINE_MS);
		k = regex_some(&q->re, text, n, &off, start, end, max, &clk);
		if (stopped)
			*stopped = clk.passed;
		return k;
	}
	if (!q->len)
		return 0;
	fold_text(&b, text, n, false, &m, 0);
	for (p = b.s; p && k < max &&
	     (p = memmem(p, b.len - (size_t)(p - b.s), q->folded, q->len));
	     p += step) {
		uint32_t f = (uint32_t)(p - b.s);

		step = q->len;
		uint32_t a = map_back(m.v, m.n, f, text);
		uint32_t e = map_back_end(m.v, m.n, f + (uint32_t)q->len, text);

		if (e > n)
			e = (uint32_t)n;
		if (k > 0 && a < end[k - 1])
			continue;	/* inside the one before (see above) */
		if (q->smartcase && !case_matches(q, text, a, e)) {
			step = 1;
			while (p + step < b.s + b.len &&
			       ((unsigned char)p[step] & 0xC0) == 0x80)
				step++;
			continue;
		}
		start[k] = a;
		end[k++] = e;
	}
	free(m.v);
	buf_release(&b);
	return k;
}

/* ---- excerpts ---- */

/* The start of the grapheme before position i (0 when none). */
static size_t
prev_grapheme(const char *s, size_t n, size_t i)
{
	size_t j = 0, prev = 0;

	/* Graphemes run forwards only: walk from a safe point back a bit. */
	if (i > 64) {
		j = i - 64;
		while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
			j--;
	}
	while (j < i) {
		prev = j;
		j = text_next_grapheme(s, n, j);
	}
	return prev;
}

void
search_excerpt(const char *text, uint32_t start, uint32_t end, int cells,
	       struct buf *out)
{
	size_t n = strlen(text), a = start, b = end;
	int used = text_width(text + start, end - start);
	bool grow = true;

	/* Add a grapheme on either side in turn while it fits. */
	while (grow) {
		grow = false;
		if (a > 0) {
			size_t p = prev_grapheme(text, n, a);
			int w = text_width(text + p, a - p);

			if (used + w <= cells - 2) {
				a = p;
				used += w;
				grow = true;
			}
		}
		if (b < n) {
			size_t e = text_next_grapheme(text, n, b);
			int w = text_width(text + b, e - b);

			if (used + w <= cells - 2) {
				b = e;
				used += w;
				grow = true;
			}
		}
	}
	/* Cut between words where one is near. */
	if (a > 0) {
		const char *sp = memchr(text + a, ' ', start - a);

		if (sp && sp + 1 < text + start && sp - (text + a) < 12)
			a = (size_t)(sp + 1 - text);
	}
	if (b < n) {
		size_t k = b;

		while (k > end && text[k - 1] != ' ' && b - k < 12)
			k--;
		if (k > end && text[k - 1] == ' ')
			b = k - 1;
	}
	if (a > 0)
		buf_adds(out, "\u2026");
	buf_add(out, text + a, b - a);
	if (b < n)
		buf_adds(out, "\u2026");
}
