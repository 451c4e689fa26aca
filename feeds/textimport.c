/*
 * textimport: heuristics that rebuild a newspaper page from its extracted
 * text (see textimport.h).  The text goes through passes over a list of
 * blocks: split into blocks, lift captions out, join what a column break
 * or a caption cut, classify each block, then build the page's parts.
 * Each heuristic is a small function; the tests drive them through
 * textimport_memory on small inputs.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "edition.h"
#include "hyph.h"
#include "text.h"
#include "textimport.h"
#include "util.h"

#define WIDE_GAP 2		/* blank lines that set a block apart */
#define HEAD_MAX 120		/* code points of a headline-like line */
#define SUBHEAD_MAX 70		/* of a lone subhead */
#define PROSE_MIN 100		/* a block this long is prose */
#define CAPTION_MAX 400

enum bkind {
	B_TEXT,		/* not yet classified */
	B_CAPTION,	/* a photo: text is the caption */
	B_GONE,		/* merged into another block */
	B_FROM,		/* "From page N": page */
	B_JUMP,		/* "Continued on page N": page */
	B_BYLINE,
	B_HEAD,		/* short, no final punctuation */
	B_SUBHEAD,	/* numbered heading ("III. ...") */
	B_PARA,
};

struct blk {
	enum bkind kind;
	char *text;		/* owned, single-spaced */
	char *credit;		/* caption's credit; owned or NULL */
	char *page;		/* B_FROM, B_JUMP, or a para's jump; owned */
	unsigned line;
	int gap_before, gap_after;
};

struct blist {
	struct blk *v;
	size_t n, cap;
};

struct importer {
	struct edition *ed;
	struct diags *d;
	struct hyph *hyph;
	struct blist b;
	size_t cur;		/* the open part, or NONE */
	bool cur_has_body;
	size_t *pending;	/* captions waiting for their place */
	size_t npending, cap_pending;
	const char **ids;	/* ids handed out */
	size_t nids, cap_ids;
};

/* ---- characters ---- */

static uint32_t
first_cp(const char *s)
{
	uint32_t cp = 0;

	utf8_decode(s, strlen(s), &cp);
	return cp;
}

/* The last code point of s[0..n), skipping closing quotes and brackets
   when skip_close. */
static uint32_t
last_cp(const char *s, size_t n, bool skip_close)
{
	uint32_t cp;
	size_t i;

	while (n > 0) {
		i = n - 1;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		utf8_decode(s + i, n - i, &cp);
		if (!skip_close || !(cp == '"' || cp == '\'' || cp == ')' ||
				     cp == ']' || cp == 0x201D ||
				     cp == 0x2019 || cp == 0x300D ||
				     cp == 0x300F || cp == 0xFF09 ||
				     cp == 0xBB))
			return cp;
		n = i;
	}
	return 0;
}

static bool
is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x2FFFF);
}

static bool
is_lower(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF &&
					    cp != 0xF7);
}

static bool
is_upper(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE &&
					    cp != 0xD7);
}

static bool
is_letter_byte(unsigned char c)
{
	return isalpha(c) || c >= 0x80;
}

/* Sentence-final punctuation, Latin and CJK (colon and semicolon too). */
static bool
is_final_punct(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' ||
	       cp == ';' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 ||
	       cp == 0xFF1F || cp == 0xFF1A || cp == 0xFF1B;
}

static bool
ends_final(const char *s)
{
	return is_final_punct(last_cp(s, strlen(s), true));
}

static size_t
ncps(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static size_t
nwords(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		if (*s == ' ')
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

/* ---- the block list ---- */

static struct blk *
blist_push(struct blist *l)
{
	struct blk *b;

	VEC_RESERVE(l->v, l->cap, l->n + 1);
	b = &l->v[l->n++];
	memset(b, 0, sizeof(*b));
	return b;
}

static void
blist_release(struct blist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].credit);
		free(l->v[i].page);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- hyphens ---- */

static bool
in_list(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return true;
	return false;
}

/*
 * Whether "a-" + "b" (a word cut at a line end) is a compound that keeps
 * its hyphen: a capital or digit on either side, a one-letter first part
 * ("e-commerce"), or a part that makes compounds (sci-, non-, -term).
 */
static bool
is_compound(const char *a, size_t na, const char *b, size_t nb)
{
	static const char *const first[] = {
		"sci", "non", "self", "vice", "ex", "well", "long", "short",
		"high", "low", "all", "half", "one", "two", "three", "win",
		"cross", "world", "real", "full", "large", "small", "top",
		"mid", "people", "year", "day", "state", "co", "anti", "sub",
		"open", "brand", "hi", "eco", "green", "multi", NULL,
	};
	static const char *const second[] = {
		"term", "tech", "based", "related", "driven", "led",
		"oriented", "owned", "free", "class", "level", "scale",
		"time", "wide", "building", "making", "sharing",
		"quality", "speed", "win", "range", "run", "up", "off",
		"made", "known", "end", "old", "year", "long", "type",
		"sized", "like", NULL,
	};

	if (na == 0 || nb == 0)
		return true;
	if (!is_lower((unsigned char)a[na - 1]) && (unsigned char)a[na - 1]
	    < 0x80)
		return true;
	if (isupper((unsigned char)b[0]) || isdigit((unsigned char)b[0]) ||
	    isupper((unsigned char)a[0]) || na == 1)
		return true;
	return in_list(a, na, first) || in_list(b, nb, second);
}

/*
 * Whether the word cut as "a-" + "b" at a line end is one word written
 * without the hyphen: not a compound, and libhyphen would break the
 * joined word there, or (no patterns, word too long for them) both parts
 * are lower-case letters with a vowel each.
 */
static bool
join_hyphenated(struct hyph *h, const char *a, size_t na, const char *b,
		size_t nb)
{
	char w[64];
	bool ok[64] = { false };
	size_t i;
	bool va = false, vb = false;

	if (is_compound(a, na, b, nb))
		return false;
	if (h && na + nb < sizeof(w)) {
		memcpy(w, a, na);
		memcpy(w + na, b, nb);
		if (hyph_points(h, w, na + nb, ok) == 0)
			return ok[na];
	}
	for (i = 0; i < na; i++)
		va |= strchr("aeiouy", a[i]) != NULL;
	for (i = 0; i < nb; i++)
		vb |= strchr("aeiouy", b[i]) != NULL;
	return va && vb;
}

/*
 * Append text t to out, as the next line of the same paragraph: a space
 * between them, none between CJK characters, and a hyphen at the end of
 * out either dropped (the word was cut) or kept (a compound) with the
 * space removed.
 */
static void
join_text(struct importer *im, struct buf *out, const char *t)
{
	size_t n = out->len, s;
	uint32_t a, b;

	while (*t == ' ')
		t++;
	if (!*t)
		return;
	if (n == 0) {
		buf_adds(out, t);
		return;
	}
	a = last_cp(out->s, n, false);
	b = first_cp(t);
	if (a == '-' && n >= 2 && is_letter_byte((unsigned char)
						 out->s[n - 2])) {
		size_t nb = 0;

		s = n - 1;
		while (s > 0 && is_letter_byte((unsigned char)out->s[s - 1]))
			s--;
		while (t[nb] && is_letter_byte((unsigned char)t[nb]))
			nb++;
		if (nb > 0 && join_hyphenated(im->hyph, out->s + s,
					      n - 1 - s, t, nb))
			buf_truncate(out, n - 1);
		buf_adds(out, t);
		return;
	}
	if (!(is_cjk(a) && is_cjk(b)))
		buf_addch(out, ' ');
	buf_adds(out, t);
}

/*
 * "sci- tech" inside a line: a hyphen after a letter or digit and before
 * one space and a letter or digit loses the space ("people-to-people"),
 * except before "and"/"or" (a suspended hyphen: "pre- and post-war").
 */
static void
fix_spaced_hyphens(char *s)
{
	static const char *const keep[] = {
		"and", "or", "nor", "und", "oder", "y", "o", "et", "ou", NULL,
	};
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '-' && r[1] == ' ' && r > s &&
		    isalnum((unsigned char)r[-1]) &&
		    (isalnum((unsigned char)r[2]) ||
		     (unsigned char)r[2] >= 0x80)) {
			size_t n = 0;

			while (isalpha((unsigned char)r[2 + n]))
				n++;
			if (!(n > 0 && in_list(r + 2, n, keep) &&
			      !isalnum((unsigned char)r[2 + n]))) {
				*w++ = '-';
				r += 2;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

/* ---- pass 1: blocks ---- */

/*
 * Split text into blocks: runs of non-blank lines, each line joined to
 * the one before as join_text does.  A form feed ends a block and counts
 * as a wide gap.  Records the blank lines around each block.
 */
static void
split_blocks(struct importer *im, const char *text, size_t len)
{
	struct buf cur = BUF_INIT;
	size_t i = 0, e, a, z;
	unsigned line = 1, start_line = 0;
	int gap = 0;
	struct blk *b;

	while (i <= len) {
		bool ff = false;
		char *piece;

		for (e = i; e < len && text[e] != '\n' && text[e] != '\f';
		     e++)
			;
		ff = e < len && text[e] == '\f';
		a = i;
		z = e;
		while (a < z && isspace((unsigned char)text[a]))
			a++;
		while (z > a && isspace((unsigned char)text[z - 1]))
			z--;
		if (a == z || ff) {
			if (a < z) {
				piece = text_clean(text + a, z - a);
				if (!cur.len)
					start_line = line;
				join_text(im, &cur, piece);
				free(piece);
			}
			if (cur.len) {
				b = blist_push(&im->b);
				b->text = buf_detach(&cur);
				b->line = start_line;
				b->gap_before = im->b.n == 1 ? 0 : gap;
				gap = 0;
			}
			gap += ff ? WIDE_GAP : 1;
		} else {
			piece = text_clean(text + a, z - a);
			if (!cur.len) {
				start_line = line;
				if (im->b.n > 0)
					im->b.v[im->b.n - 1].gap_after = gap;
			}
			join_text(im, &cur, piece);
			free(piece);
		}
		if (e < len && text[e] == '\n')
			line++;
		i = e + 1;
	}
	if (cur.len) {
		b = blist_push(&im->b);
		b->text = buf_detach(&cur);
		b->line = start_line;
		b->gap_before = im->b.n == 1 ? 0 : gap;
	}
	buf_release(&cur);
	if (im->b.n > 0)
		im->b.v[im->b.n - 1].gap_after = 99;
	for (i = 0; i + 1 < im->b.n; i++)
		im->b.v[i].gap_after = im->b.v[i + 1].gap_before;
	for (i = 0; i < im->b.n; i++)
		fix_spaced_hyphens(im->b.v[i].text);
}

/* ---- pass 2: captions ---- */

/* s begins with the word w (ignoring case) followed by a non-letter. */
static bool
starts_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(s, w, n) == 0 && !isalpha((unsigned char)s[n]);
}

/*
 * s, after an optional "(" (*paren says whether there was one), begins
 * with one of the lead words (case aside): what follows them and the
 * spaces after, or NULL.
 */
static const char *
after_lead(const char *s, const char *const *lead, bool *paren)
{
	size_t i, n;

	*paren = *s == '(';
	if (*paren)
		s++;
	for (i = 0; lead[i]; i++) {
		n = strlen(lead[i]);
		if (strncasecmp(s, lead[i], n) != 0)
			continue;
		s += n;
		while (*s == ' ')
			s++;
		return s;
	}
	return NULL;
}

/*
 * A credit written as "(PHOTO: X)", "Photo: X", "Photo by X",
 * "Credit: X" (with s pointing at it): the credit X as a new string, or
 * NULL.
 */
static char *
parse_credit(const char *s)
{
	static const char *const lead[] = {
		"photo by", "photos by", "photo:", "photos:", "photo credit:",
		"credit:", "photograph:", "picture:", "foto:", "图片：",
		"摄影：", NULL,
	};
	size_t n;
	bool paren;

	if (!(s = after_lead(s, lead, &paren)))
		return NULL;
	n = strlen(s);
	if (paren) {
		if (n == 0 || s[n - 1] != ')')
			return NULL;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n > 0 && n < 80 ? xstrndup(s, n) : NULL;
}

/* A credit in brackets at the end of s: cut off, and returned. */
static char *
cut_trailing_credit(char *s)
{
	size_t n = strlen(s);
	char *open, *c;

	if (n < 3 || s[n - 1] != ')')
		return NULL;
	open = strrchr(s, '(');
	if (!open || !(c = parse_credit(open)))
		return NULL;
	while (open > s && open[-1] == ' ')
		open--;
	*open = '\0';
	return c;
}

/* At most max sentences: final punctuation followed by a space and a
   capital. */
static bool
few_sentences(const char *s, int max)
{
	int n = 1;

	for (; *s; s++)
		if ((*s == '.' || *s == '!' || *s == '?') && s[1] == ' ' &&
		    isupper((unsigned char)s[2]))
			n++;
	return n <= max;
}

/*
 * A credit line after a group of captions ("Photos: X" under two
 * pictures) credits the uncredited captions just before block i too.
 */
static void
share_credit(struct importer *im, size_t i)
{
	size_t j = i;

	while (j > 0 && im->b.v[j - 1].kind == B_CAPTION &&
	       !im->b.v[j - 1].credit) {
		j--;
		im->b.v[j].credit = xstrdup(im->b.v[i].credit);
	}
}

/*
 * Whether block i is a photo caption: it starts "Photo shows" (or the
 * like), or ends in a bracketed credit, or sits next to a credit line,
 * or is one sentence set apart from everything by wide gaps.  Sets the
 * block's credit and kind; a credit line used is marked B_GONE.
 */
static bool
find_caption(struct importer *im, size_t i)
{
	static const char *const lead[] = {
		"photo shows", "photos show", "this photo shows",
		"the photo shows", "file photo", "pictured", "foto:",
		"la foto muestra", "图为", NULL,
	};
	struct blk *b = &im->b.v[i], *nb;
	char *c;
	size_t k;

	if (b->kind != B_TEXT)
		return false;
	if ((c = cut_trailing_credit(b->text))) {
		b->credit = c;
		b->kind = B_CAPTION;
		return true;
	}
	for (k = 0; lead[k]; k++)
		if (strncasecmp(b->text, lead[k], strlen(lead[k])) == 0) {
			b->kind = B_CAPTION;
			break;
		}
	/* A credit line just after (or, failing that, just before). */
	for (k = 0; k < 2; k++) {
		size_t j = k == 0 ? i + 1 : i - 1;

		if ((k == 0 && j >= im->b.n) || (k == 1 && i == 0))
			continue;
		nb = &im->b.v[j];
		if (nb->kind != B_TEXT || !ends_final(b->text) ||
		    ncps(b->text) > CAPTION_MAX)
			continue;
		if ((c = parse_credit(nb->text))) {
			b->credit = c;
			b->kind = B_CAPTION;
			nb->kind = B_GONE;
			share_credit(im, i);
			return true;
		}
	}
	if (b->kind == B_CAPTION)
		return true;
	if (i > 0 && b->gap_before >= WIDE_GAP && b->gap_after >= WIDE_GAP &&
	    ends_final(b->text) && ncps(b->text) <= CAPTION_MAX &&
	    nwords(b->text) >= 5 && few_sentences(b->text, 1) &&
	    !is_lower(first_cp(b->text))) {
		b->kind = B_CAPTION;
		return true;
	}
	return false;
}

/* ---- pass 3: joining ---- */

static bool
is_page_ref(const char *s, const char *const *lead, char **page)
{
	size_t n;
	bool paren;

	if (!(s = after_lead(s, lead, &paren)))
		return false;
	for (n = 0; isalnum((unsigned char)s[n]); n++)
		;
	if (n == 0 || n > 8)
		return false;
	if (strcmp(s + n, paren ? ")" : "") != 0 &&
	    strcmp(s + n, paren ? ".)" : ".") != 0)
		return false;
	if (page)
		*page = xstrndup(s, n);
	return true;
}

/* "From page N", "Continued from page N", "(From page N)". */
static bool
is_from_line(const char *s, char **page)
{
	static const char *const lead[] = {
		"from page", "continued from page", "from p.",
		"viene de la página", "viene de la pagina", NULL,
	};

	return is_page_ref(s, lead, page);
}

/* "Continued on page N", "See page N", "Turn to page N". */
static bool
is_jump_line(const char *s, char **page)
{
	static const char *const lead[] = {
		"continued on page", "continued on p.", "see page",
		"turn to page", "continúa en la página", "sigue en la página",
		NULL,
	};

	return is_page_ref(s, lead, page);
}

/* "By Ann Writer", "By LIN Yuchen and LI Linxu": short, no final
   punctuation, names in capitals. */
static bool
is_byline(const char *s)
{
	if (!(starts_word(s, "By") || starts_word(s, "Por") ||
	      strncmp(s, "记者", strlen("记者")) == 0))
		return false;
	if (ncps(s) > 60 || ends_final(s))
		return false;
	s = strchr(s, ' ');
	return s && (is_upper(first_cp(s + 1)) || is_cjk(first_cp(s + 1)));
}

/* "Source: ...", "Note: ...": a one-word label, read as a paragraph. */
static bool
is_label_line(const char *s)
{
	const char *colon = strchr(s, ':');

	return colon && colon > s && !memchr(s, ' ', (size_t)(colon - s)) &&
	       colon[1] == ' ';
}

/* "III. Jointly ...", "2. Next steps", "IV) ...": a numbered heading. */
static bool
is_numbered_head(const char *s)
{
	size_t n = strspn(s, "IVXLC");

	if (n == 0)
		n = strspn(s, "0123456789");
	if (n == 0 || n > 4 || (s[n] != '.' && s[n] != ')') || s[n + 1] != ' ')
		return false;
	return ncps(s) <= (size_t)2 * HEAD_MAX && !ends_final(s) &&
	       isupper((unsigned char)s[n + 2]);
}

/* Short, no final punctuation, starting with a capital, digit or CJK. */
static bool
is_head_like(const char *s)
{
	uint32_t c = first_cp(s);

	return ncps(s) <= HEAD_MAX && !ends_final(s) && !is_label_line(s) &&
	       (is_upper(c) || (c >= '0' && c <= '9') || is_cjk(c) ||
		c == '"' || c == 0x201C);
}

/* s ends in "the", "of", "and" and the like: a sentence cut short. */
static bool
ends_in_function_word(const char *s)
{
	static const char *const fw[] = {
		"the", "a", "an", "of", "and", "to", "in", "for", "with",
		"that", "by", "on", "at", "from", "or", "but", "its", "their",
		"el", "la", "los", "las", "de", "del", "y", "que", "en", NULL,
	};
	const char *w = strrchr(s, ' ');

	w = w ? w + 1 : s;
	return in_list(w, strlen(w), fw);
}

/*
 * Whether block b continues paragraph a (cut by a column break, a page
 * break or a caption): a lacks final punctuation, and b starts in lower
 * case (or with CJK after a line of CJK), or a ends in a comma or hyphen
 * or a word such as "the", or a is long prose, not a numbered heading.
 * Page references and bylines never join.
 */
static bool
continues_para(const char *a, const char *b)
{
	uint32_t la = last_cp(a, strlen(a), false), fb = first_cp(b);

	if (ends_final(a) || is_from_line(b, NULL) || is_jump_line(a, NULL) ||
	    is_jump_line(b, NULL) || is_from_line(a, NULL) || is_byline(a) ||
	    is_byline(b) || is_numbered_head(b))
		return false;
	if (is_lower(fb) || (is_cjk(fb) && is_cjk(la) && ncps(a) > 24))
		return true;
	if (la == ',' || la == '-' || la == 0xFF0C || la == 0x3001)
		return true;
	if (ends_in_function_word(a) && nwords(a) >= 4)
		return true;
	return ncps(a) >= PROSE_MIN && !is_numbered_head(a) &&
	       (is_lower(la) || is_cjk(la));
}

/*
 * Join blocks cut apart: for each text block, the last text block before
 * it (across captions only) takes it in when continues_para says so; the
 * captions between move before the joined paragraph.
 */
static void
join_paragraphs(struct importer *im)
{
	struct buf t = BUF_INIT;
	size_t i, p = NONE;
	struct blk tmp;

	for (i = 0; i < im->b.n; i++) {
		struct blk *b = &im->b.v[i];

		if (b->kind == B_CAPTION || b->kind == B_GONE)
			continue;
		/* The analyzer loses track of the memmove below and warns
		   of a freed text; ASan and valgrind see none. */
		/* NOLINTNEXTLINE(clang-analyzer-unix.Malloc) */
		if (p != NONE && continues_para(im->b.v[p].text, b->text)) {
			buf_reset(&t);
			buf_adds(&t, im->b.v[p].text);
			join_text(im, &t, b->text);
			free(im->b.v[p].text);
			im->b.v[p].text = xstrdup(t.s);
			b->kind = B_GONE;
			/* Captions between p and i go before p. */
			tmp = im->b.v[p];
			memmove(&im->b.v[p], &im->b.v[p + 1],
				(i - 1 - p) * sizeof(tmp));
			im->b.v[i - 1] = tmp;
			p = i - 1;
			continue;
		}
		p = i;
	}
	buf_release(&t);
}

/* ---- pass 4: classify ---- */

/* "... the end. (Continued on page 5)": cut off, the page returned. */
static char *
cut_trailing_jump(char *s)
{
	char *open = strrchr(s, '('), *page = NULL;

	if (!open || !is_jump_line(open, &page))
		return NULL;
	while (open > s && open[-1] == ' ')
		open--;
	*open = '\0';
	return page;
}

static void
classify_block(struct blk *b)
{
	char *page = NULL;

	if (b->kind != B_TEXT)
		return;
	/* The same false alarm as in join_paragraphs. */
	/* NOLINTNEXTLINE(clang-analyzer-unix.Malloc) */
	if (!is_jump_line(b->text, NULL) &&
	    (page = cut_trailing_jump(b->text))) {
		b->kind = B_PARA;
		b->page = page;
		return;
	}
	if (is_from_line(b->text, &page))
		b->kind = B_FROM;
	else if (is_jump_line(b->text, &page))
		b->kind = B_JUMP;
	else if (is_byline(b->text))
		b->kind = B_BYLINE;
	else if (is_numbered_head(b->text))
		b->kind = B_SUBHEAD;
	else if (is_head_like(b->text))
		b->kind = B_HEAD;
	else
		b->kind = B_PARA;
	b->page = page;
}

/* ---- pass 5: the page ---- */

static const char *
ed_str(struct importer *im, const char *s)
{
	char *c;
	const char *r;

	if (!s)
		return NULL;
	c = text_clean(s, strlen(s));
	r = *c ? edition_strdup(im->ed, c) : NULL;
	free(c);
	return r;
}

static bool
is_stopword(const char *w, size_t n)
{
	static const char *const stop[] = {
		"a", "an", "the", "of", "for", "on", "in", "and", "as", "to",
		"how", "is", "are", "at", "by", "with", "from", "its", "el",
		"la", "los", "las", "de", "del", "y", "en", "un", "una", NULL,
	};

	return in_list(w, n, stop);
}

/*
 * An article id from a headline: its first two significant words (ASCII
 * letters and digits, lower case, joined by hyphens; other letters are
 * left out), "article" when none, made unique with "-2", "-3".
 */
static const char *
make_id(struct importer *im, const char *head)
{
	struct buf id = BUF_INIT;
	const char *s = head ? head : "";
	size_t words = 0, n, i, base;
	int k;

	while (*s && words < 2) {
		while (*s && !isalnum((unsigned char)*s))
			s++;
		for (n = 0; isalnum((unsigned char)s[n]) || (s[n] == '-' &&
			     isalnum((unsigned char)s[n + 1])); n++)
			;
		if (n == 0)
			break;
		if (!is_stopword(s, n)) {
			if (id.len)
				buf_addch(&id, '-');
			for (i = 0; i < n; i++)
				buf_addch(&id, (char)tolower((unsigned char)
							     s[i]));
			words++;
		}
		s += n;
	}
	if (!id.len)
		buf_adds(&id, "article");
	base = id.len;
	for (k = 2;; k++) {
		for (i = 0; i < im->nids; i++)
			if (strcmp(im->ids[i], id.s) == 0)
				break;
		if (i == im->nids)
			break;
		buf_truncate(&id, base);
		buf_addf(&id, "-%d", k);
	}
	VEC_RESERVE(im->ids, im->cap_ids, im->nids + 1);
	im->ids[im->nids++] = edition_strdup(im->ed, id.s);
	buf_release(&id);
	return im->ids[im->nids - 1];
}

static void
add_photo(struct importer *im, const struct blk *c, bool in_part)
{
	struct block *bl = edition_add_block(im->ed, in_part);

	bl->kind = BLOCK_PHOTO;
	bl->text = ed_str(im, c->text);
	if (!bl->text)
		bl->text = "";
	bl->credit = ed_str(im, c->credit);
}

/* Captions waiting: into the open part (when its text goes on) or onto
   the page. */
static void
flush_captions(struct importer *im, bool in_part)
{
	size_t i;

	for (i = 0; i < im->npending; i++)
		add_photo(im, &im->b.v[im->pending[i]],
			  in_part && im->cur != NONE);
	im->npending = 0;
}

/*
 * Open a part whose head is the run of head-like blocks [h0, h1): one is
 * the headline, two are kicker (the shorter) and headline, three or more
 * are kicker (the shortest), headline (the first other) and deck (the
 * rest).
 */
static void
open_part(struct importer *im, enum part_kind kind, size_t h0, size_t h1,
	  const char *from)
{
	struct part *p;
	size_t i, kick = NONE, head = NONE;
	struct buf deck = BUF_INIT;
	const char *headline = NULL;

	flush_captions(im, false);
	if (h1 - h0 >= 2) {
		kick = h0;
		for (i = h0; i < h1; i++)
			if (ncps(im->b.v[i].text) < ncps(im->b.v[kick].text))
				kick = i;
	}
	for (i = h0; i < h1; i++)
		if (i != kick && (head == NONE || (h1 - h0 == 2)))
			head = i;
	for (i = h0; i < h1; i++)
		if (i != kick && i != head)
			join_text(im, &deck, im->b.v[i].text);
	if (head != NONE)
		headline = im->b.v[head].text;
	p = edition_add_part(im->ed, kind, make_id(im, headline));
	p->headline = ed_str(im, headline);
	p->kicker = kick != NONE ? ed_str(im, im->b.v[kick].text) : NULL;
	p->deck = deck.len ? ed_str(im, deck.s) : NULL;
	p->from = ed_str(im, from);
	p->line = h0 < im->b.n ? im->b.v[h0].line : 0;
	im->cur = im->ed->nparts - 1;
	im->cur_has_body = false;
	buf_release(&deck);
}

static void
add_body(struct importer *im, const struct blk *b, enum block_kind kind)
{
	struct block *bl;

	if (im->cur == NONE) {
		diags_add(im->d, DIAG_WARNING, b->line, 0, "text before the "
			  "first headline is shown as an article without one");
		open_part(im, PART_START, 0, 0, NULL);
	}
	flush_captions(im, true);
	bl = edition_add_block(im->ed, true);
	bl->kind = kind;
	bl->text = ed_str(im, b->text);
	if (!bl->text)
		bl->text = "";
	im->cur_has_body = true;
	if (b->page)
		im->ed->parts[im->cur].jump = ed_str(im, b->page);
}

/*
 * Walk the classified blocks and build the page: a run of head-like
 * blocks before a byline or "From page N", or of two or more, opens a
 * part; a lone one inside a part is a subhead.
 */
static void
build_page(struct importer *im)
{
	size_t i = 0, j, h0;
	struct blk *v = im->b.v;

	while (i < im->b.n) {
		struct blk *b = &v[i];

		switch (b->kind) {
		case B_GONE:
		case B_TEXT:
			i++;
			continue;
		case B_CAPTION:
			VEC_RESERVE(im->pending, im->cap_pending,
				    im->npending + 1);
			im->pending[im->npending++] = i++;
			continue;
		case B_FROM:
			open_part(im, PART_CONT, i, i, b->page);
			i++;
			continue;
		case B_JUMP:
			if (im->cur != NONE)
				im->ed->parts[im->cur].jump =
					ed_str(im, b->page);
			else
				diags_add(im->d, DIAG_WARNING, b->line, 0,
					  "\"%s\" outside any article is "
					  "ignored", b->text);
			i++;
			continue;
		case B_BYLINE:
			if (im->cur != NONE && !im->cur_has_body &&
			    !im->ed->parts[im->cur].byline)
				im->ed->parts[im->cur].byline =
					ed_str(im, b->text);
			else
				add_body(im, b, BLOCK_PARA);
			i++;
			continue;
		case B_SUBHEAD:
			add_body(im, b, BLOCK_SUBHEAD);
			i++;
			continue;
		case B_PARA:
			add_body(im, b, BLOCK_PARA);
			i++;
			continue;
		case B_HEAD:
			break;
		}
		for (j = i; j < im->b.n && (v[j].kind == B_HEAD ||
					    v[j].kind == B_GONE); j++)
			;
		/* The run, without merged blocks (they are never heads). */
		h0 = i;
		if (j < im->b.n && (v[j].kind == B_BYLINE ||
				    v[j].kind == B_FROM)) {
			/* At most three heads; earlier ones are subheads. */
			while (j - h0 > 3)
				add_body(im, &v[h0++], BLOCK_SUBHEAD);
			if (v[j].kind == B_FROM) {
				open_part(im, PART_CONT, h0, j, v[j].page);
				j++;
			} else {
				open_part(im, PART_START, h0, j, NULL);
			}
		} else if (j - i >= 2 || im->cur == NONE) {
			open_part(im, PART_START, i, j, NULL);
		} else {
			add_body(im, b, BLOCK_SUBHEAD);
		}
		i = j;
	}
	flush_captions(im, false);
	/* A kicker that opens the page is the page's section flag. */
	if (im->ed->nitems > 0 && im->ed->items[0].kind == ITEM_PART)
		im->ed->pages[0].section =
			im->ed->parts[im->ed->items[0].index].kicker;
}

/* A page number as the jumps write it ("12"), or 0 when not one. */
static unsigned long
page_number(const char *label)
{
	unsigned long n = 0;

	if (!label || !*label)
		return 0;
	for (; *label; label++) {
		if (!isdigit((unsigned char)*label) || n > 100000000)
			return 0;
		n = n * 10 + (unsigned long)(*label - '0');
	}
	return n;
}

static int
cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return (x > y) - (x < y);
}

/*
 * The page's label when none is given: "1", unless the text's jumps
 * ("From page 1", "Continued on page 12") name page 1, which this page
 * then is not (the text of page 2 says "From page 1"): the first number
 * they do not name.
 */
static const char *
page_label_of(struct importer *im)
{
	const struct edition *ed = im->ed;
	unsigned long *v = xmalloc((2 * ed->nparts + 1) * sizeof(*v));
	unsigned long n = 1;
	size_t i, k = 0;
	char label[24];

	for (i = 0; i < ed->nparts; i++) {
		v[k] = page_number(ed->parts[i].from);
		k += v[k] != 0;
		v[k] = page_number(ed->parts[i].jump);
		k += v[k] != 0;
	}
	qsort(v, k, sizeof(*v), cmp_ulong);
	for (i = 0; i < k && v[i] <= n; i++)
		if (v[i] == n)
			n++;
	free(v);
	snprintf(label, sizeof(label), "%lu", n);
	return edition_strdup(im->ed, label);
}

/* ---- the module ---- */

struct edition *
textimport_memory(const char *text, size_t len,
		  const struct text_import_opts *o, struct diags *d)
{
	struct importer im;
	struct page *pg;
	size_t i;

	memset(&im, 0, sizeof(im));
	im.cur = NONE;
	im.d = d;
	im.hyph = hyph_get(o && o->lang ? o->lang : "en");
	im.ed = edition_new();
	split_blocks(&im, text, len);
	if (im.b.n == 0) {
		diags_add(d, DIAG_ERROR, 0, 0, "no text to import");
		edition_free(im.ed);
		blist_release(&im.b);
		return NULL;
	}
	for (i = 0; i < im.b.n; i++)
		find_caption(&im, i);
	join_paragraphs(&im);
	for (i = 0; i < im.b.n; i++)
		classify_block(&im.b.v[i]);
	im.ed->title = o ? ed_str(&im, o->title) : NULL;
	im.ed->date = o ? ed_str(&im, o->date) : NULL;
	im.ed->lang = o ? ed_str(&im, o->lang) : NULL;
	pg = edition_add_page(im.ed);
	pg->line = 1;
	build_page(&im);
	pg->label = o && o->page_label ?
		    edition_strdup(im.ed, o->page_label) : page_label_of(&im);
	blist_release(&im.b);
	free(im.pending);
	free(im.ids);
	if (edition_finish(im.ed, d) != 0) {
		edition_free(im.ed);
		return NULL;
	}
	return im.ed;
}

bool
textimport_is_json(const char *data, size_t len, int *line, int *col)
{
	static const char *const after[] = { "\"}", "{[\"]" };
	size_t i = 0, bol = 0, nl = 0;
	const char *open;
	char c;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = bol = 3;
	for (; i < len && isspace((unsigned char)data[i]); i++)
		if (data[i] == '\n') {
			nl++;
			bol = i + 1;
		}
	if (i == len || (data[i] != '{' && data[i] != '['))
		return false;
	open = after[data[i] == '['];
	if (line)
		*line = (int)nl + 1;
	if (col)
		*col = (int)(i - bol) + 1;
	while (++i < len && isspace((unsigned char)data[i]))
		;
	c = i < len ? data[i] : '\0';
	return c != '\0' && strchr(open, c) != NULL;
}

bool
textimport_sniff(const char *data, size_t len)
{
	size_t i = 0, letters = 0, visible = 0, ctrl = 0, run = 0, words = 0;
	bool long_line = false;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i == len || data[i] == '<' ||
	    textimport_is_json(data, len, NULL, NULL))
		return false;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == 0)
			return false;
		if (c == '\n') {
			long_line |= words >= 6 || run >= 60;
			run = words = 0;
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\r' && c != '\f')
			ctrl++;
		if (c == ' ' && i > 0 && data[i - 1] != ' ')
			words++;
		if (isspace(c))
			continue;
		if ((c & 0xC0) == 0x80)
			continue;
		run++;
		visible++;
		letters += isalpha(c) || c >= 0xC0;
	}
	long_line |= words >= 6 || run >= 60;
	return long_line && ctrl * 100 <= visible && letters * 2 >= visible;
}
