/*
 * fuzz_text: the cleaner (text_clean) and line breaking (text_wrap).
 *
 * Input: three bytes of options, then the text.  Byte 0 is the width
 * (1 + b % 80 cells); byte 1 the first line's width (0, the same, when
 * under 128, else 1 + b % 80); byte 2 picks the hyphenator (bits 0-1:
 * none, one that allows every byte, the real English patterns), the
 * language (bits 2-4) and the hyphen gap (bit 5), and where the text is
 * cut in two to clean it in pieces.
 *
 * Checked, as tests/test_text.c does on random texts: the cleaned text
 * has no control character, no space at either end or twice, cleans to
 * itself again and the same in two pieces; every line is inside the
 * text, in order, at grapheme boundaries, as wide as it says and
 * within its width unless it is a single grapheme; a hyphen is drawn
 * only before a letter; the lines rejoined give the cleaned text back
 * (line separators at either end aside).  The raw bytes are wrapped
 * too, with the checks that hold for them.
 */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "fuzz.h"
#include "hyph.h"
#include "text.h"

/* Every byte inside a word may take a hyphen: the wrapper must cope
   (and may only ask about letters). */
static int
any_hyphenate(void *ctx, const char *word, size_t n, bool *ok)
{
	size_t i;
	uint32_t cp;

	(void)ctx;
	for (i = 0; i < n; i = text_next_grapheme(word, n, i)) {
		utf8_decode(word + i, n - i, &cp);
		FUZZ_CHECK(iswalpha((wint_t)cp), "U+%04X in a word given to "
			   "the hyphenator: \"%.*s\"", cp, (int)n, word);
	}
	for (i = 1; i < n; i++)
		ok[i] = true;
	return 0;
}

static bool
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == 0x2028 || cp == 0x2029;
}

/* Between two lines: nothing (a hyphen or a cut) or whitespace; in
   cleaned text one space, or a line separator. */
static void
check_gap(const char *s, size_t i, size_t end, bool raw)
{
	size_t start = i;
	bool sep = false;
	uint32_t cp;

	while (i < end) {
		i += utf8_decode(s + i, end - i, &cp);
		FUZZ_CHECK(is_space_cp(cp) || raw, "U+%04X between lines at "
			   "%zu", cp, start);
		sep |= cp != ' ';
	}
	FUZZ_ASSERT(i == end);
	if (!raw && !sep)
		FUZZ_CHECK(end - start <= 1, "%zu spaces between lines",
			   end - start);
}

static void
check_wrap(const char *s, size_t n, const struct text_wrap_opts *o,
	   bool raw)
{
	struct text_line *l;
	struct buf join = BUF_INIT;
	bool *bound = xcalloc(n + 1, sizeof(*bound));
	bool *chr = xcalloc(n + 1, sizeof(*chr));	/* a character starts */
	int *gwide = xcalloc(n + 1, sizeof(*gwide));	/* its grapheme's */
	size_t nl, i, g, k;
	uint32_t cp;
	int w, wmin;

	for (i = 0; i < n; i = g) {
		g = text_next_grapheme(s, n, i);
		bound[i] = true;
		for (k = i; k < g; k++)
			gwide[k] = text_width(s + i, g - i);
		/* A character's start, decoded as the wrapper does (a stray
		   byte is a character of its own). */
		for (k = i; k < g; k += utf8_decode(s + k, g - k, &cp))
			chr[k] = true;
	}
	bound[n] = true;
	wmin = o->first_width && o->first_width < o->width ? o->first_width
							   : o->width;
	nl = text_wrap(s, n, o, &l);
	if (n == 0)
		FUZZ_ASSERT(nl == 0);
	if (!raw && nl > 0) {
		/* Cleaned text starts with no space, but it may with a line
		   separator, a break that makes no empty line (as at the
		   end). */
		check_gap(s, 0, l[0].start, false);
		buf_add(&join, s, l[0].start);
	}
	for (i = 0; i < nl; i++) {
		w = i == 0 && o->first_width ? o->first_width : o->width;
		FUZZ_CHECK(l[i].start < l[i].end && l[i].end <= n,
			   "line %zu: %zu-%zu of %zu", i, l[i].start,
			   l[i].end, n);
		/* Inside a grapheme only when it is too wide for a line,
		   and then between its characters. */
		FUZZ_CHECK((bound[l[i].start] ||
			    (gwide[l[i].start] > wmin &&
			     chr[l[i].start])) &&
			   (bound[l[i].end] ||
			    (gwide[l[i].end] > wmin &&
			     chr[l[i].end])),
			   "line %zu (%zu-%zu) splits a grapheme", i,
			   l[i].start, l[i].end);
		FUZZ_CHECK(l[i].width == text_width(s + l[i].start,
			   l[i].end - l[i].start) + l[i].hyphen,
			   "line %zu says %d cells", i, l[i].width);
		if (l[i].width > w) {
			g = text_next_grapheme(s, n, l[i].start);
			if (g != l[i].end) {
				/* a character of one cut, and the zero-width
				   ones after it */
				g = l[i].start + utf8_decode(s + l[i].start,
							     n - l[i].start,
							     &cp);
				if (g < l[i].end &&
				    !text_width(s + g, l[i].end - g))
					g = l[i].end;
			}
			FUZZ_CHECK(g == l[i].end && !l[i].hyphen,
				   "line %zu: %d cells in %d: \"%.*s\"", i,
				   l[i].width, w, (int)(l[i].end - l[i].start),
				   s + l[i].start);
		}
		if (i + 1 < nl) {
			FUZZ_CHECK(l[i].end <= l[i + 1].start,
				   "lines %zu and %zu overlap", i, i + 1);
			check_gap(s, l[i].end, l[i + 1].start, raw);
		}
		if (l[i].hyphen) {
			FUZZ_CHECK(i + 1 < nl && l[i].end == l[i + 1].start,
				   "line %zu: a hyphen, then no word", i);
			utf8_decode(s + l[i].end, n - l[i].end, &cp);
			FUZZ_CHECK(iswalpha((wint_t)cp), "a hyphen before "
				   "U+%04X", cp);
		}
		buf_add(&join, s + l[i].start, l[i].end - l[i].start);
		if (i + 1 < nl)
			buf_add(&join, s + l[i].end,
				l[i + 1].start - l[i].end);
	}
	if (!raw && nl > 0) {
		check_gap(s, l[nl - 1].end, n, false);
		FUZZ_ASSERT(join.len == l[nl - 1].end);
		FUZZ_CHECK(!memcmp(buf_str(&join), s, join.len),
			   "rejoined: \"%s\"", buf_str(&join));
	}
	buf_release(&join);
	free(bound);
	free(gwide);
	free(chr);
	free(l);
}

static void
check_clean(const char *raw, size_t n, size_t cut)
{
	struct text_cleaner c;
	struct buf b = BUF_INIT;
	char *s = text_clean(raw, n), *again;
	size_t len = strlen(s);

	FUZZ_CHECK(!fuzz_has_control(s, len), "cleaned: \"%s\"", s);
	FUZZ_CHECK(!len || (s[0] != ' ' && s[len - 1] != ' '), "cleaned: "
		   "\"%s\"", s);
	FUZZ_CHECK(!strstr(s, "  "), "cleaned: \"%s\"", s);
	again = text_clean(s, len);
	FUZZ_CHECK(!strcmp(again, s), "cleaned \"%s\", again \"%s\"", s,
		   again);
	free(again);
	text_clean_init(&c);
	text_clean_add(&c, &b, raw, cut);
	text_clean_add(&c, &b, raw + cut, n - cut);
	text_clean_finish(&c, &b);
	FUZZ_CHECK(!strcmp(buf_str(&b), s), "cut at %zu: \"%s\", whole: "
		   "\"%s\"", cut, buf_str(&b), s);
	buf_release(&b);
	free(s);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {
		NULL, "en", "zh", "ja", "ko", "th", "en-US", "de",
	};
	struct text_wrap_opts o;
	const char *raw = (const char *)data + 3;
	size_t n;
	char *s;

	if (size < 3)
		return 0;
	n = size - 3;
	memset(&o, 0, sizeof(o));
	o.width = 1 + data[0] % 80;
	o.first_width = data[1] < 128 ? 0 : 1 + data[1] % 80;
	switch (data[2] & 3) {
	case 1:
		o.hyphenate = any_hyphenate;
		break;
	case 2:
		o.hyphenate_ctx = hyph_get("en");
		if (o.hyphenate_ctx)
			o.hyphenate = hyph_points;
		break;
	}
	o.lang = langs[(data[2] >> 2) & 7];
	o.hyphen_gap = data[2] & 0x20 ? 1 : 0;

	check_clean(raw, n, n * data[2] / 256);
	s = text_clean(raw, n);
	check_wrap(s, strlen(s), &o, false);
	free(s);
	check_wrap(raw, n, &o, true);
	return 0;
}
