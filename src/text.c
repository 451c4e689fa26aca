/*
 * text: UTF-8 decoding, display width, grapheme clusters, the text cleaner
 * and line breaking.
 *
 * Widths come from the C library's wcwidth(), so they agree with curses.
 * Grapheme clusters follow a practical subset of UAX #29 (a base and its
 * combining marks, variation selectors, ZWJ sequences, emoji modifiers,
 * Hangul jamo and regional-indicator pairs).  Break opportunities come
 * from libunibreak (UAX #14); lines are filled greedily, with optional
 * hyphenation and a cut at grapheme boundaries as the last resort.
 */
#include <langinfo.h>
#include <linebreak.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "text.h"

#define REPLACEMENT 0xFFFD
#define HYPHEN_MAX_WORD 256	/* longer "words" are not hyphenated */
#define HYPHEN_MAX_TAIL 64	/* trailing punctuation looked at */

static bool env_utf8;	/* the environment's locale was UTF-8 */

void
text_init(void)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	env_utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	if (!env_utf8)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int
text_unibreak_version(void)
{
	return linebreak_version;
}

bool
text_env_utf8(void)
{
	return env_utf8;
}

/* ---- UTF-8 ---- */

/*
 * Decode s[0..n), n >= 1.  Returns the length, 1 with U+FFFD for a bad
 * byte, or 0 when s is a valid but incomplete prefix of a sequence.
 */
static size_t
decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xBF;
	uint32_t v;
	size_t len, k;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xC2 || u[0] > 0xF4)
		goto bad;
	len = u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	if (u[0] == 0xE0)
		lo = 0xA0;		/* overlong */
	else if (u[0] == 0xED)
		hi = 0x9F;		/* surrogates */
	else if (u[0] == 0xF0)
		lo = 0x90;		/* overlong */
	else if (u[0] == 0xF4)
		hi = 0x8F;		/* above U+10FFFF */
	v = u[0] & (0x7F >> len);
	for (k = 1; k < len; k++) {
		if (k >= n)
			return 0;
		if (u[k] < lo || u[k] > hi)
			goto bad;
		lo = 0x80;
		hi = 0xBF;
		v = v << 6 | (u[k] & 0x3F);
	}
	*cp = v;
	return len;
bad:
	*cp = REPLACEMENT;
	return 1;
}

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t len;

	if (n == 0) {
		*cp = 0;
		return 0;
	}
	len = decode(s, n, cp);
	if (len == 0) {
		*cp = REPLACEMENT;
		len = 1;
	}
	return len;
}

bool
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		len = decode(s + i, n - i, &cp);
		if (len <= 1)
			return false;
		i += len;
	}
	return true;
}

/* Surrogates and values above U+10FFFF are encoded as U+FFFD. */
size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- Width and grapheme clusters ---- */

struct range {
	uint32_t lo, hi;
};

static bool
in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	return false;
}

static bool
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* Whitespace that ends a line or separates words (never U+00A0). */
static bool
is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
	       cp == 0x2028 || cp == 0x2029;
}

static bool
is_ri(uint32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (is_control(cp))
		return 0;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 0 : w;
}

int
text_width(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	int w = 0;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			w += s[i] >= 0x20 && s[i] < 0x7F;
			i++;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

/* Does cp attach to the character before it? */
static bool
is_extend(uint32_t cp)
{
	static const struct range extend[] = {
		{ 0x0300, 0x036F }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
		{ 0x200C, 0x200D }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
		{ 0xFE20, 0xFE2F }, { 0x1F3FB, 0x1F3FF }, { 0xE0020, 0xE007F },
		{ 0xE0100, 0xE01EF },
	};
	/* Zero width, but format characters that stand alone. */
	static const struct range format[] = {
		{ 0x00AD, 0x00AD }, { 0x061C, 0x061C }, { 0x180E, 0x180E },
		{ 0x200B, 0x200B }, { 0x200E, 0x200F }, { 0x2028, 0x202E },
		{ 0x2060, 0x206F }, { 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB },
	};

	if (cp < 0x300)
		return false;
	if (in_ranges(cp, extend, ARRAY_SIZE(extend)))
		return true;
	if (in_ranges(cp, format, ARRAY_SIZE(format)))
		return false;
	return wcwidth((wchar_t)cp) == 0;
}

enum { H_NONE, H_L, H_V, H_T, H_LV, H_LVT };

static int
hangul_type(uint32_t cp)
{
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xA960 && cp <= 0xA97C))
		return H_L;
	if ((cp >= 0x1160 && cp <= 0x11A7) || (cp >= 0xD7B0 && cp <= 0xD7C6))
		return H_V;
	if ((cp >= 0x11A8 && cp <= 0x11FF) || (cp >= 0xD7CB && cp <= 0xD7FB))
		return H_T;
	if (cp >= 0xAC00 && cp <= 0xD7A3)
		return (cp - 0xAC00) % 28 == 0 ? H_LV : H_LVT;
	return H_NONE;
}

/* Hangul syllable sequences (UAX #29 rules GB6-GB8). */
static bool
hangul_joins(uint32_t prev, uint32_t cp)
{
	int a = hangul_type(prev), b = hangul_type(cp);

	switch (a) {
	case H_L:
		return b != H_NONE && b != H_T;
	case H_V:
	case H_LV:
		return b == H_V || b == H_T;
	case H_T:
	case H_LVT:
		return b == H_T;
	}
	return false;
}

/*
 * The grapheme cluster at s[i] (i < n): returns its end, its width in *w
 * and its first code point in *base.  Controls and whitespace stand alone.
 */
static size_t
grapheme(const char *s, size_t n, size_t i, int *w, uint32_t *base)
{
	uint32_t cp, prev;
	size_t j, len;
	bool ri, zwj = false, join, alone;
	int width;

	j = i + utf8_decode(s + i, n - i, &cp);
	*base = prev = cp;
	width = text_cp_width(cp);
	ri = is_ri(cp);
	alone = is_control(cp) || is_space(cp);
	if (cp == '\r' && j < n && s[j] == '\n')
		j++;
	while (j < n && !alone) {
		if (!zwj && (unsigned char)s[j] < 0x80)
			break;
		len = utf8_decode(s + j, n - j, &cp);
		if (zwj)
			join = !is_control(cp) && !is_space(cp);
		else if (ri && is_ri(cp))
			join = true;
		else
			join = is_extend(cp) || hangul_joins(prev, cp);
		if (!join)
			break;
		ri = false;
		zwj = cp == 0x200D;
		width += text_cp_width(cp);
		prev = cp;
		j += len;
	}
	*w = width;
	return j;
}

size_t
text_next_grapheme(const char *s, size_t n, size_t i)
{
	uint32_t base;
	int w;

	return i >= n ? i : grapheme(s, n, i, &w, &base);
}

size_t
text_fit(const char *s, size_t n, int width, int *w_out)
{
	size_t i = 0, e;
	uint32_t base;
	int w = 0, gw;

	while (i < n) {
		e = grapheme(s, n, i, &gw, &base);
		if (w + gw > width)
			break;
		w += gw;
		i = e;
	}
	if (w_out)
		*w_out = w;
	return i;
}

/* ---- The cleaner ---- */

enum {
	CL_TEXT,
	CL_ESC,		/* after ESC */
	CL_ESC_INTER,	/* ESC and intermediate bytes, awaiting the final */
	CL_CSI,		/* control sequence: parameters, intermediates */
	CL_STR,		/* OSC, DCS, SOS, PM or APC string */
};

void
text_clean_init(struct text_cleaner *c)
{
	memset(c, 0, sizeof(*c));
}

static bool
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Zero-width space, non-joiner, joiner, word joiner, no-break space. */
static bool
is_zero_width(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       cp == 0xFEFF;
}

static void
clean_visible(struct text_cleaner *c, struct buf *out, const char *s,
	      size_t n)
{
	buf_add(out, c->zw, c->nzw);
	c->nzw = 0;
	if (c->space_pending)
		buf_addch(out, ' ');
	c->space_pending = false;
	c->started = true;
	buf_add(out, s, n);
}

size_t
text_clean_pending(const struct text_cleaner *c)
{
	return c->state != CL_TEXT ? 0 :
	       c->nzw + (c->started && c->space_pending);
}

static void clean_cp(struct text_cleaner *c, struct buf *out, uint32_t cp);

/* The string being read was none: what followed its introducer is text,
   where no string begins (only each introducer goes), so that nothing is
   read twice over. */
static void
give_back(struct text_cleaner *c, struct buf *out)
{
	char tmp[sizeof(c->str)];
	size_t n = c->nstr, i = 0;
	uint32_t cp;

	memcpy(tmp, c->str, n);
	c->nstr = 0;
	c->state = CL_TEXT;
	c->no_strings = true;
	while (i < n) {
		i += utf8_decode(tmp + i, n - i, &cp);
		clean_cp(c, out, cp);
	}
	c->no_strings = false;
}

/* Feed one code point through the escape-sequence state machine. */
static void
clean_cp(struct text_cleaner *c, struct buf *out, uint32_t cp)
{
	char enc[4];

	/* Not characters, and not allowed in XML: an edition written of
	   the text (--import-text) must load again. */
	if (cp == 0xFFFE || cp == 0xFFFF)
		cp = REPLACEMENT;

	switch (c->state) {
	case CL_ESC:
		c->state = CL_TEXT;
		if (cp == '[')
			c->state = CL_CSI;
		else if (cp == ']' || cp == 'P' || cp == 'X' || cp == '^' ||
			 cp == '_')
			c->state = c->no_strings ? CL_TEXT : CL_STR;
		else if (cp >= 0x20 && cp <= 0x2F)
			c->state = CL_ESC_INTER;
		if (c->state != CL_TEXT || (cp >= 0x30 && cp <= 0x7E))
			return;
		break;		/* a lone ESC: cp is text */
	case CL_ESC_INTER:
		if (cp >= 0x20 && cp <= 0x2F)
			return;
		c->state = CL_TEXT;
		if (cp >= 0x30 && cp <= 0x7E)
			return;
		break;
	case CL_CSI:
		if (cp >= 0x20 && cp <= 0x3F)
			return;
		c->state = CL_TEXT;
		if (cp >= 0x40 && cp <= 0x7E)
			return;
		break;		/* malformed: the sequence ends before cp */
	case CL_STR:
		/* BEL or ST ends it, and so does ESC: ST is ESC + '\' */
		if (cp == 0x07 || cp == 0x9C || cp == 0x1B) {
			c->state = cp == 0x1B ? CL_ESC : CL_TEXT;
			c->nstr = 0;
			return;
		}
		if (c->nstr + 4 <= sizeof(c->str)) {
			c->nstr += utf8_encode(cp, c->str + c->nstr);
			return;
		}
		give_back(c, out);
		clean_cp(c, out, cp);
		return;
	}

	if (cp == 0x1B) {
		c->state = CL_ESC;
	} else if (cp == 0x9B) {
		c->state = CL_CSI;
	} else if (cp == 0x90 || cp == 0x98 || (cp >= 0x9D && cp <= 0x9F)) {
		if (!c->no_strings)
			c->state = CL_STR;
	} else if (cp == ' ' || (cp >= '\t' && cp <= '\r')) {
		c->space_pending = c->started;
	} else if (is_zero_width(cp)) {
		/* Kept for the next visible character, if one comes after
		   one already written; a run longer than zw means nothing
		   more. */
		if (c->started && c->nzw + 3 <= sizeof(c->zw))
			c->nzw += utf8_encode(cp, c->zw + c->nzw);
	} else if (!is_control(cp) && !is_bidi_control(cp)) {
		clean_visible(c, out, enc, utf8_encode(cp, enc));
	}
}

/* A printable ASCII character other than space. */
static bool
is_graph(char ch)
{
	return ch > ' ' && ch < 0x7F;
}

void
text_clean_add(struct text_cleaner *c, struct buf *out, const char *s,
	       size_t n)
{
	char tmp[4];
	size_t i = 0, j, k, m, len;
	uint32_t cp;

	if (n == 0)
		return;
	/* Complete a sequence left over from the previous piece. */
	while (c->npartial > 0) {
		k = c->npartial;
		m = n - i < 4 - k ? n - i : 4 - k;
		memcpy(tmp, c->partial, k);
		memcpy(tmp + k, s + i, m);
		len = decode(tmp, k + m, &cp);
		if (len == 0) {		/* still incomplete: all used */
			memcpy(c->partial, tmp, k + m);
			c->npartial = k + m;
			return;
		}
		if (len > k) {
			i += len - k;
			c->npartial = 0;
		} else {		/* a bad byte: retry from the next */
			memmove(c->partial, c->partial + 1, --c->npartial);
		}
		clean_cp(c, out, cp);
	}
	while (i < n) {
		if (c->state == CL_TEXT && is_graph(s[i])) {
			/* Words with one space between them are already
			   clean: copied as one run. */
			for (j = i + 1; j < n && (is_graph(s[j]) ||
			     (s[j] == ' ' && j + 1 < n && is_graph(s[j + 1])));
			     j++)
				;
			clean_visible(c, out, s + i, j - i);
			i = j;
			continue;
		}
		len = decode(s + i, n - i, &cp);
		if (len == 0) {
			memcpy(c->partial, s + i, n - i);
			c->npartial = n - i;
			return;
		}
		clean_cp(c, out, cp);
		i += len;
	}
}

/* Also resets c, so that it can clean the next text. */
void
text_clean_finish(struct text_cleaner *c, struct buf *out)
{
	size_t i;

	for (i = 0; i < c->npartial; i++)
		clean_cp(c, out, REPLACEMENT);
	if (c->state == CL_STR)
		give_back(c, out);
	text_clean_init(c);
}

char *
text_clean(const char *s, size_t n)
{
	struct text_cleaner c;
	struct buf b = BUF_INIT;

	text_clean_init(&c);
	text_clean_add(&c, &b, s, n);
	text_clean_finish(&c, &b);
	return buf_detach(&b);
}

char *
text_escape(const char *s)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), i = 0, k, j;
	uint32_t cp;
	bool bad;

	buf_adds(&b, "");
	while (i < n) {
		k = decode(s + i, n - i, &cp);
		bad = k == 0 || (k == 1 && cp == REPLACEMENT) ||
		      is_control(cp) || is_bidi_control(cp) ||
		      (!env_utf8 && cp >= 0x80);
		if (!bad) {
			buf_add(&b, s + i, k);
			i += k;
			continue;
		}
		for (j = 0; j < (k ? k : 1); j++)
			buf_addf(&b, "\\x%02X", (unsigned char)s[i + j]);
		i += k ? k : 1;
	}
	return buf_detach(&b);
}

/* ---- Line breaking ---- */

/* What may happen after a grapheme, weakest first. */
enum { BRK_NONE, BRK_WEAK, BRK_ALLOW, BRK_MUST };

struct wrapper {
	const char *s;
	size_t n;
	char *brks;			/* libunibreak's, one per byte */
	const struct text_wrap_opts *o;
	bool *ok;			/* hyphenation points, reused */
	size_t okcap;
	size_t hy_from;		/* word hyphenated at the previous line's
				   end, or NONE */
};

/*
 * libunibreak 1.1 aborts on regional indicators and treats U+FFFF as the
 * end of the text, and its UTF-8 decoder trusts its input.  Give it a copy
 * with those replaced by characters of the same length and line-breaking
 * class (an ideograph, U+FFFD, an ASCII letter) when the text needs it.
 */
static void
wrap_breaks(const char *s, size_t n, const char *lang, char *brks)
{
	char *fixed = NULL;
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if ((len == 1 && cp == REPLACEMENT) || is_ri(cp) ||
		    cp == 0xFFFF) {
			if (!fixed) {
				fixed = xmalloc(n);
				memcpy(fixed, s, n);
			}
			/* Bytes swapped in place, not strings: */
			if (len == 1)
				fixed[i] = 'A';
			else if (len == 3)
				/* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
				memcpy(fixed + i, "\xEF\xBF\xBD", 3);
			else
				/* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
				memcpy(fixed + i, "\xF0\xA0\x80\x80", 4);
		}
		i += len;
	}
	memset(brks, LINEBREAK_NOBREAK, n);
	set_linebreaks_utf8((const utf8_t *)(fixed ? fixed : s), n, lang,
			    brks);
	free(fixed);
}

/*
 * The break after the grapheme ending at e, whose base is base.  Breaks
 * after '/' (inside URLs and paths) are weak: used only when nothing else
 * fits.
 */
static int
wrap_brk(const struct wrapper *wr, size_t e, uint32_t base)
{
	if (e >= wr->n)
		return BRK_ALLOW;
	switch (wr->brks[e - 1]) {
	case LINEBREAK_MUSTBREAK:
		return BRK_MUST;
	case LINEBREAK_ALLOWBREAK:
		return base == '/' ? BRK_WEAK : BRK_ALLOW;
	}
	return BRK_NONE;
}

static size_t
skip_space(const char *s, size_t n, size_t i)
{
	uint32_t cp;
	size_t len;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (!is_space(cp))
			break;
		i += len;
	}
	return i;
}

/*
 * Hyphenate the word of the segment at p, which does not fit: the line
 * has w cells up to p and cols in all.  The word is the segment's run of
 * letters without leading and trailing punctuation; a segment with other
 * letters (a URL, "l'homme") is left alone.  Returns the break or NONE;
 * *hw gets the line's width with the hyphen.
 */
static size_t
wrap_hyphen(struct wrapper *wr, size_t start, size_t p, int w, int cols,
	    int *hw)
{
	const char *s = wr->s;
	size_t n = wr->n, q = p, ws, we, t, e, best = NONE;
	int gw, x = w, k = 0, nl = 0, kind = BRK_NONE;
	uint32_t base;

	if (!wr->o->hyphenate)
		return NONE;
	for (; q < n; q = e) {			/* leading punctuation */
		e = grapheme(s, n, q, &gw, &base);
		if (iswalpha((wint_t)base))
			break;
		if (is_space(base) || wrap_brk(wr, e, base) != BRK_NONE ||
		    q - p > HYPHEN_MAX_TAIL)
			return NONE;
		x += gw;
	}
	/* Ragged right: hyphenate only where the line would otherwise
	   gape, and where two letters and a hyphen fit. */
	if (cols - x < 3 || cols - w < (wr->o->hyphen_gap > 0 ?
					 wr->o->hyphen_gap : cols / 6))
		return NONE;
	ws = q == start && wr->hy_from != NONE ? wr->hy_from : q;
	for (t = ws; t < n; t = e) {			/* the letters */
		e = grapheme(s, n, t, &gw, &base);
		if (!iswalpha((wint_t)base))
			break;
		nl++;
		if (e - ws > HYPHEN_MAX_WORD)
			return NONE;
		if ((kind = wrap_brk(wr, e, base)) != BRK_NONE) {
			t = e;
			break;
		}
	}
	we = t;
	for (; kind < BRK_ALLOW && t < n && t - we < HYPHEN_MAX_TAIL; t = e) {
		e = grapheme(s, n, t, &gw, &base);
		if (iswalpha((wint_t)base))
			return NONE;
		if (is_space(base))
			break;
		kind = wrap_brk(wr, e, base);
	}
	if (nl < 4)
		return NONE;
	VEC_RESERVE(wr->ok, wr->okcap, we - ws);
	memset(wr->ok, 0, (we - ws) * sizeof(*wr->ok));
	if (wr->o->hyphenate(wr->o->hyphenate_ctx, s + ws, we - ws, wr->ok))
		return NONE;
	for (t = ws; t < we; t = e) {
		e = grapheme(s, n, t, &gw, &base);
		k++;
		if (t >= q)
			x += gw;
		if (e <= q || e >= we || k < 2)
			continue;
		if (x + 1 > cols || nl - k < 2)
			break;
		if (wr->ok[e - ws]) {
			best = e;
			*hw = x + 1;
		}
	}
	if (best != NONE)
		wr->hy_from = ws;
	return best;
}

/*
 * The characters of the grapheme s[q..e) that fit cols cells (at least
 * one, and the zero-width ones after it: a line never starts with a
 * U+200D): its end, its width in *w.  For a cluster wider than a line:
 * UAX #29 lets conjoining jamo (U+1111 U+1111 ...) or characters joined
 * by U+200D run on without end, and a terminal draws each in its own
 * cells (33 jamo were a line of 66 cells in a column of 61: fuzz_sniff).
 */
static size_t
cut_cluster(const char *s, size_t q, size_t e, int cols, int *w)
{
	size_t i = q, len;
	uint32_t cp;
	int cw;

	*w = 0;
	while (i < e) {
		len = utf8_decode(s + i, e - i, &cp);
		cw = text_cp_width(cp);
		if (i > q && cw > 0 && *w + cw > cols)
			break;
		*w += cw;
		i += len;
	}
	return i;
}

/*
 * Cut the text at start, whose first segment is wider than cols: at the last
 * weak break that fits, else after the graphemes that fit (at least one,
 * or as much of it as fits when it is wider than cols).
 */
static size_t
wrap_cut(struct wrapper *wr, size_t start, int cols, struct text_line *ln)
{
	size_t q = start, e, end = start;
	uint32_t base;
	int x = 0, gw, w = 0;

	while (q < wr->n) {
		e = grapheme(wr->s, wr->n, q, &gw, &base);
		if (x + gw > cols && q > start)
			break;
		if (gw > cols)
			e = cut_cluster(wr->s, q, e, cols, &gw);
		x += gw;
		q = e;
		if (!is_space(base)) {
			end = e;
			w = x;
		}
		if (wrap_brk(wr, e, base) == BRK_WEAK) {
			ln->end = e;
			ln->width = x;
		}
	}
	if (ln->end == start) {
		ln->end = end;
		ln->width = w;
	}
	return skip_space(wr->s, wr->n, ln->end);
}

/*
 * Fill one line from start (not a space) in cols cells; returns where the
 * next line starts.
 */
static size_t
wrap_line(struct wrapper *wr, size_t start, int cols, struct text_line *ln)
{
	const char *s = wr->s;
	size_t n = wr->n, p = start, e = start, cend, next = start, hp;
	int w = 0, rw, cw = 0, gw, kind = BRK_NONE, hw;
	bool over = false;
	uint32_t base;

	ln->start = ln->end = start;
	ln->width = 0;
	ln->hyphen = false;
	while (p < n && kind != BRK_MUST) {
		/* The segment up to the next break; its spaces are free. */
		rw = w;
		cend = p;
		do {
			e = grapheme(s, n, e, &gw, &base);
			rw += gw;
			if (!is_space(base)) {
				if (rw > cols) {
					over = true;
					break;
				}
				cend = e;
				cw = rw;
			}
		} while ((kind = wrap_brk(wr, e, base)) < BRK_ALLOW);
		if (over)
			break;
		if (cend > p) {
			ln->end = cend;
			ln->width = cw;
		}
		next = p = e;
		w = rw;
	}
	hp = over ? wrap_hyphen(wr, start, p, w, cols, &hw) : NONE;
	if (hp != NONE) {
		ln->end = hp;
		ln->width = hw;
		ln->hyphen = true;
		return hp;
	}
	wr->hy_from = NONE;
	if (ln->end == start)
		return wrap_cut(wr, start, cols, ln);
	return skip_space(s, n, next);
}

size_t
text_wrap(const char *s, size_t n, const struct text_wrap_opts *o,
	  struct text_line **lines)
{
	static bool initialized;
	struct wrapper wr = { s, n, NULL, o, NULL, 0, NONE };
	struct text_line *v = NULL;
	size_t nv = 0, cap = 0, p;
	int cols;

	*lines = NULL;
	p = skip_space(s, n, 0);
	if (p >= n)
		return 0;
	if (!initialized) {
		init_linebreak();
		initialized = true;
	}
	wr.brks = xmalloc(n);
	wrap_breaks(s, n, o->lang, wr.brks);
	while (p < n) {
		cols = o->width;
		if (nv == 0 && o->first_width > 0)
			cols = o->first_width;
		VEC_RESERVE(v, cap, nv + 1);
		p = wrap_line(&wr, p, cols < 1 ? 1 : cols, &v[nv++]);
	}
	free(wr.brks);
	free(wr.ok);
	*lines = v;
	return nv;
}
