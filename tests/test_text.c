/*
 * Tests for text: UTF-8, widths, graphemes, the cleaner and line breaking.
 * The wrapping tests check fixed cases and, over many random texts and
 * widths, the contract's properties: the lines give the text back, fit
 * their width and never split a grapheme.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "text.h"

/* ---- helpers ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint32_t
rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11) % n;
}

static uint32_t
dec(const char *s)
{
	uint32_t cp = 0;
	size_t len = utf8_decode(s, strlen(s), &cp);

	assert_int_equal(len, strlen(s));
	return cp;
}

/* Clean the pieces (NULL-terminated) with one cleaner. */
static char *
clean_pieces(const char *first, ...)
{
	struct text_cleaner c;
	struct buf b = BUF_INIT;
	const char *p;
	va_list ap;

	text_clean_init(&c);
	va_start(ap, first);
	for (p = first; p; p = va_arg(ap, const char *))
		text_clean_add(&c, &b, p, strlen(p));
	va_end(ap);
	text_clean_finish(&c, &b);
	return buf_detach(&b);
}

/*
 * Clean in one go, split in two at every byte and byte by byte: all must
 * give want.
 */
static void
check_clean(const char *in, const char *want)
{
	size_t n = strlen(in), i;
	struct text_cleaner c;
	struct buf b = BUF_INIT;
	char *got;

	got = text_clean(in, n);
	assert_string_equal(got, want);
	free(got);
	for (i = 0; i <= n; i++) {
		text_clean_init(&c);
		buf_reset(&b);
		text_clean_add(&c, &b, in, i);
		text_clean_add(&c, &b, "", 0);
		text_clean_add(&c, &b, in + i, n - i);
		text_clean_finish(&c, &b);
		assert_string_equal(buf_str(&b), want);
	}
	text_clean_init(&c);
	buf_reset(&b);
	for (i = 0; i < n; i++)
		text_clean_add(&c, &b, in + i, 1);
	text_clean_finish(&c, &b);
	assert_string_equal(buf_str(&b), want);
	buf_release(&b);
}

static int
fake_hyphenate(void *ctx, const char *word, size_t n, bool *ok)
{
	struct buf *calls = ctx;
	size_t i, e;
	uint32_t cp;

	/* The word is letters only (each grapheme starts with one). */
	for (i = 0; i < n; i = e) {
		e = text_next_grapheme(word, n, i);
		utf8_decode(word + i, n - i, &cp);
		assert_true(iswalpha((wint_t)cp));
	}
	if (calls) {
		buf_add(calls, word, n);
		buf_addch(calls, '|');
	}
	/* Every byte, even inside sequences: the wrapper must cope. */
	for (i = 1; i < n; i++)
		ok[i] = true;
	return 0;
}

static int
failing_hyphenate(void *ctx, const char *word, size_t n, bool *ok)
{
	(void)ctx;
	(void)word;
	(void)n;
	(void)ok;
	return -1;
}

/*
 * The lines as "line|line", a hyphen drawn as "-"; also checks that the
 * widths are what text_width() says.
 */
static char *
wrap_str(const char *s, int width, int first, text_hyphenate_fn h,
	 void *ctx)
{
	struct text_wrap_opts o = { width, first, NULL, h, ctx, 1 };
	struct text_line *l;
	struct buf b = BUF_INIT;
	size_t i, nl;

	nl = text_wrap(s, strlen(s), &o, &l);
	for (i = 0; i < nl; i++) {
		assert_int_equal(l[i].width, text_width(s + l[i].start,
			l[i].end - l[i].start) + l[i].hyphen);
		if (i)
			buf_addch(&b, '|');
		buf_add(&b, s + l[i].start, l[i].end - l[i].start);
		if (l[i].hyphen)
			buf_addch(&b, '-');
	}
	free(l);
	return buf_detach(&b);
}

static void
check_wrap(const char *s, int width, int first, const char *want)
{
	char *got = wrap_str(s, width, first, NULL, NULL);

	assert_string_equal(got, want);
	free(got);
}

static void
check_hyph(const char *s, int width, const char *want)
{
	char *got = wrap_str(s, width, 0, fake_hyphenate, NULL);

	assert_string_equal(got, want);
	free(got);
}

static bool
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == 0x2028 || cp == 0x2029;
}

/*
 * Between two lines: nothing (a hyphen or a cut) or whitespace.  In
 * cleaned text that is one space, or includes a line separator.
 */
static void
check_gap(const char *s, size_t i, size_t end, bool raw)
{
	size_t start = i;
	bool sep = false;
	uint32_t cp;

	while (i < end) {
		i += utf8_decode(s + i, end - i, &cp);
		assert_true(is_space_cp(cp) || raw);
		sep |= cp != ' ';
	}
	assert_int_equal(i, end);
	if (!raw && !sep)
		assert_true(end - start <= 1);
}

/*
 * Check the contract on text s (cleaned unless raw): every line within
 * the text, in order, at grapheme boundaries (or at a character's inside
 * a grapheme wider than the line), fitting its width unless it is a
 * single grapheme or character; the rejoined lines give s back.
 */
static void
check_props(const char *s, size_t n, const struct text_wrap_opts *o,
	    bool raw)
{
	struct text_line *l;
	struct buf join = BUF_INIT;
	bool *bound = calloc(n + 1, sizeof(*bound));
	bool *chr = calloc(n + 1, sizeof(*chr));	/* a character starts */
	int *gwide = calloc(n + 1, sizeof(*gwide));	/* its grapheme's */
	size_t nl, i, g, k;
	uint32_t cp;
	int w, wmin;

	assert_non_null(bound);
	assert_non_null(gwide);
	assert_non_null(chr);
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
		assert_int_equal(nl, 0);
	for (i = 0; i < nl; i++) {
		w = i == 0 && o->first_width ? o->first_width : o->width;
		assert_true(l[i].start < l[i].end);
		assert_true(l[i].end <= n);
		/* Inside a grapheme only when it is too wide for a line. */
		assert_true(bound[l[i].start] ||
			    (gwide[l[i].start] > wmin &&
			     chr[l[i].start]));
		assert_true(bound[l[i].end] ||
			    (gwide[l[i].end] > wmin &&
			     chr[l[i].end]));
		assert_int_equal(l[i].width, text_width(s + l[i].start,
			l[i].end - l[i].start) + l[i].hyphen);
		if (l[i].width > w) {
			g = text_next_grapheme(s, n, l[i].start);
			if (g != l[i].end) {
				/* One character of a grapheme cut, and the
				   zero-width ones after it. */
				g = l[i].start + utf8_decode(s + l[i].start,
					n - l[i].start, &cp);
				assert_true(g <= l[i].end);
				assert_int_equal(text_width(s + g,
							    l[i].end - g), 0);
			}
			assert_false(l[i].hyphen);
		}
		if (i + 1 < nl) {
			assert_true(l[i].end <= l[i + 1].start);
			check_gap(s, l[i].end, l[i + 1].start, raw);
		}
		if (l[i].hyphen) {
			assert_true(i + 1 < nl);
			assert_int_equal(l[i].end, l[i + 1].start);
			utf8_decode(s + l[i].end, n - l[i].end, &cp);
			assert_true(iswalpha((wint_t)cp));
		}
		/* Rejoin: the line, then the whitespace (or nothing). */
		buf_add(&join, s + l[i].start, l[i].end - l[i].start);
		if (i + 1 < nl)
			buf_add(&join, s + l[i].end,
				l[i + 1].start - l[i].end);
	}
	if (!raw && nl > 0) {
		assert_int_equal(l[0].start, 0);
		check_gap(s, l[nl - 1].end, n, false);
		assert_int_equal(join.len, l[nl - 1].end);
		assert_memory_equal(buf_str(&join), s, join.len);
	}
	buf_release(&join);
	free(bound);
	free(gwide);
	free(chr);
	free(l);
}

/* ---- UTF-8 ---- */

static void
test_decode_valid(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("", 0, &cp), 0);
	assert_int_equal(dec("A"), 'A');
	assert_int_equal(dec("\x7F"), 0x7F);
	assert_int_equal(dec("\xC2\x80"), 0x80);
	assert_int_equal(dec("\xC3\xA9"), 0xE9);
	assert_int_equal(dec("\xDF\xBF"), 0x7FF);
	assert_int_equal(dec("\xE0\xA0\x80"), 0x800);
	assert_int_equal(dec("\xE4\xB8\xAD"), 0x4E2D);
	assert_int_equal(dec("\xED\x9F\xBF"), 0xD7FF);
	assert_int_equal(dec("\xEE\x80\x80"), 0xE000);
	assert_int_equal(dec("\xEF\xBF\xBF"), 0xFFFF);
	assert_int_equal(dec("\xF0\x90\x80\x80"), 0x10000);
	assert_int_equal(dec("\xF0\x9F\x98\x80"), 0x1F600);
	assert_int_equal(dec("\xF4\x8F\xBF\xBF"), 0x10FFFF);
	/* Only the first code point is used. */
	assert_int_equal(utf8_decode("\xC3\xA9xyz", 5, &cp), 2);
	assert_int_equal(cp, 0xE9);
}

static void
test_decode_invalid(void **state)
{
	static const char *bad[] = {
		"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80",
		"\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
		"\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80",
		"\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFE", "\xFF",
		"\xC3", "\xE4\xB8", "\xF0\x9F\x98", "\xC3\x41", "\xE4\x41\xAD",
		"\xE4\xB8\xC3\xA9", "\xF0\x9F\x98\x41",
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		cp = 0;
		assert_int_equal(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		assert_int_equal(cp, 0xFFFD);
	}
	/* A truncated sequence is bad even when more would follow. */
	assert_int_equal(utf8_decode("\xE4\xB8\xAD", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	/* utf8_valid says no to each, alone or amid good text. */
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char amid[32];

		assert_false(utf8_valid(bad[i], strlen(bad[i])));
		snprintf(amid, sizeof(amid), "ab\xC3\xA9%sz", bad[i]);
		assert_false(utf8_valid(amid, strlen(amid)));
	}
	assert_false(utf8_valid("\xE4\xB8\xAD", 2));
}

static void
test_utf8_valid(void **state)
{
	static const char good[] = "plain \xC3\xA9t\xC3\xA9 \xE4\xB8\xAD "
		"\xF0\x9F\x98\x80 \xEF\xBF\xBD \x1B[2J \xC2\x9B";

	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid(good, sizeof(good) - 1));
	/* NUL is a character like any other here. */
	assert_true(utf8_valid("a\0b", 3));
	assert_false(utf8_valid(good, sizeof(good) - 2));	/* cut */
}

static void
test_encode_roundtrip(void **state)
{
	char out[4];
	uint32_t cp, back;
	size_t len;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		len = utf8_encode(cp, out);
		assert_int_equal(len, cp < 0x80 ? 1 : cp < 0x800 ? 2 :
				 cp < 0x10000 ? 3 : 4);
		assert_int_equal(utf8_decode(out, len, &back), len);
		assert_int_equal(back, cp);
	}
	/* What cannot be encoded becomes U+FFFD. */
	assert_int_equal(utf8_encode(0xD800, out), 3);
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
	assert_int_equal(utf8_encode(0x110000, out), 3);
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

/* ---- Width and graphemes ---- */

static void
test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(' '), 1);
	assert_int_equal(text_cp_width(0xE9), 1);
	assert_int_equal(text_cp_width(0xA0), 1);
	assert_int_equal(text_cp_width(0x4E2D), 2);	/* 中 */
	assert_int_equal(text_cp_width(0xFF21), 2);	/* fullwidth A */
	assert_int_equal(text_cp_width(0xAC00), 2);	/* 가 */
	assert_int_equal(text_cp_width(0x1F600), 2);	/* emoji */
	assert_int_equal(text_cp_width(0x0301), 0);	/* combining */
	assert_int_equal(text_cp_width(0x200B), 0);	/* ZWSP */
	assert_int_equal(text_cp_width(0x200D), 0);	/* ZWJ */
	assert_int_equal(text_cp_width(0xFE0F), 0);	/* VS16 */
	assert_int_equal(text_cp_width(0), 0);
	assert_int_equal(text_cp_width('\t'), 0);
	assert_int_equal(text_cp_width('\n'), 0);
	assert_int_equal(text_cp_width(0x1B), 0);
	assert_int_equal(text_cp_width(0x7F), 0);
	assert_int_equal(text_cp_width(0x85), 0);
	assert_int_equal(text_cp_width(0x9B), 0);
	assert_int_equal(text_cp_width(0xD800), 0);
	assert_int_equal(text_cp_width(0x110000), 0);
}

static void
test_text_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("", 0), 0);
	assert_int_equal(text_width("hello", 5), 5);
	assert_int_equal(text_width("hello", 3), 3);
	assert_int_equal(text_width("\xE4\xB8\xAD", 3), 2);
	assert_int_equal(text_width("\xE4\xB8\xAD\xE6\x96\x87" "abc", 9), 7);
	assert_int_equal(text_width("e\xCC\x81", 3), 1);
	assert_int_equal(text_width("a\tb\nc\x1b", 6), 3);
	/* A bad byte is U+FFFD, width 1; a truncated one too. */
	assert_int_equal(text_width("a\xFF" "b", 3), 3);
	assert_int_equal(text_width("\xE4\xB8", 2), 2);
}

static void
check_graphemes(const char *s, const char *want)
{
	size_t n = strlen(s), i = 0, e;
	struct buf b = BUF_INIT;
	char num[16];

	while (i < n) {
		e = text_next_grapheme(s, n, i);
		assert_true(e > i && e <= n);
		snprintf(num, sizeof(num), "%s%zu", i ? "," : "", e - i);
		buf_adds(&b, num);
		i = e;
	}
	assert_string_equal(buf_str(&b), want);
	buf_release(&b);
}

static void
test_graphemes(void **state)
{
	(void)state;
	assert_int_equal(text_next_grapheme("abc", 3, 3), 3);
	assert_int_equal(text_next_grapheme("abc", 3, 5), 5);
	check_graphemes("abc", "1,1,1");
	check_graphemes("e\xCC\x81x", "3,1");			/* é */
	check_graphemes("a\xCC\x81\xCC\xA7" "b", "5,1");	/* 2 marks */
	check_graphemes("\xE4\xB8\xAD\xE6\x96\x87", "3,3");
	check_graphemes("\xE2\x9D\xA4\xEF\xB8\x8F!", "6,1");	/* ❤️ */
	check_graphemes("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "8");	/* 👍🏽 */
	/* 👨‍👩‍👧 family: a ZWJ sequence. */
	check_graphemes("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9"
			"\xE2\x80\x8D\xF0\x9F\x91\xA7x", "18,1");
	/* 🇫🇷🇩🇪🇮: flags pair up, an odd one stands alone. */
	check_graphemes("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"
			"\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"
			"\xF0\x9F\x87\xAE", "8,8,4");
	/* Hangul L V T jamo; a LV syllable and a T; LVT + LV. */
	check_graphemes("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8" "a", "9,1");
	check_graphemes("\xEA\xB0\x80\xE1\x86\xA8", "6");
	check_graphemes("\xE1\x84\x80\xEA\xB0\x80\xE1\x84\x80", "6,3");
	check_graphemes("\xED\x95\x9C\xEA\xB5\xAD", "3,3");
	/* U+E0100 variation selector, U+20D7 combining arrow. */
	check_graphemes("\xE8\xBE\xBB\xF3\xA0\x84\x80" "v\xE2\x83\x97",
			"7,4");
	check_graphemes("\r\n\n", "2,1");
	/* Controls, spaces and ZWSP stand alone; marks after a space too. */
	check_graphemes("\x01\xCC\x81", "1,2");
	check_graphemes(" \xCC\x81", "1,2");
	check_graphemes("a\xE2\x80\x8B" "b", "1,3,1");
	/* Bad bytes are one grapheme each, never half a sequence. */
	check_graphemes("\xFF\xE4\xB8", "1,1,1");
	check_graphemes("e\xCC", "1,1");
}

static void
test_fit(void **state)
{
	int w = -1;

	(void)state;
	assert_int_equal(text_fit("hello", 5, 3, &w), 3);
	assert_int_equal(w, 3);
	assert_int_equal(text_fit("hello", 5, 10, &w), 5);
	assert_int_equal(w, 5);
	assert_int_equal(text_fit("hello", 5, 0, &w), 0);
	assert_int_equal(w, 0);
	/* A wide character never straddles the edge. */
	assert_int_equal(text_fit("\xE4\xB8\xAD\xE6\x96\x87", 6, 3, &w), 3);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("\xE4\xB8\xAD", 3, 1, &w), 0);
	assert_int_equal(w, 0);
	/* Marks stay with their base. */
	assert_int_equal(text_fit("e\xCC\x81" "e\xCC\x81" "e", 7, 2, &w), 6);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("e\xCC\x81", 3, 1, &w), 3);
	assert_int_equal(w, 1);
	assert_int_equal(text_fit("ab", 2, 1, NULL), 1);
}

/* ---- The cleaner ---- */

static void
test_clean_whitespace(void **state)
{
	(void)state;
	check_clean("", "");
	check_clean("   \t\n ", "");
	check_clean("hello", "hello");
	check_clean("  hello  ", "hello");
	check_clean("a  b\t\tc\r\nd\n\ne", "a b c d e");
	check_clean("a\vb\fc", "a b c");
	/* U+00A0 is not collapsed, nor U+3000. */
	check_clean("a \xC2\xA0 b", "a \xC2\xA0 b");
	check_clean("a\xC2\xA0\xC2\xA0" "b", "a\xC2\xA0\xC2\xA0" "b");
	check_clean("\xE3\x80\x80x", "\xE3\x80\x80x");
	check_clean("caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87",
		    "caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87");
}

static void
test_clean_controls(void **state)
{
	(void)state;
	check_clean("a\x01" "b\x7F" "c\x08" "d", "abcd");
	check_clean("a\x07\x1f\x0e" "b", "ab");
	check_clean("\x01 \x02 a \x03", "a");
	check_clean("a \x01 b", "a b");
	/* U+0085 NEL and the other C1 controls go. */
	check_clean("a\xC2\x85" "b\xC2\x80" "c\xC2\x9C" "d", "abcd");
	/* A raw C1 byte is not a control in UTF-8, it is a bad byte. */
	check_clean("a\x9B" "31mb", "a\xEF\xBF\xBD" "31mb");
	{
		char *s = text_clean("a\0b", 3);

		assert_string_equal(s, "ab");
		free(s);
	}
}

static void
test_clean_escapes(void **state)
{
	(void)state;
	/* CSI: parameters, intermediates, final byte. */
	check_clean("\x1b[31mred\x1b[0m", "red");
	check_clean("a\x1b[1;38;5;196mb", "ab");
	check_clean("a\x1b[?25lb\x1b[?1049h", "ab");
	check_clean("a\x1b[2 qb", "ab");
	check_clean("x \x1b[K y", "x y");
	/* CSI broken off by something else: that is text again. */
	check_clean("a\x1b[3\xC3\xA9" "b", "a\xC3\xA9" "b");
	check_clean("a\x1b[3\nb", "a b");
	/* OSC ended by BEL or ST, hyperlinks. */
	check_clean("a\x1b]0;title\x07" "b", "ab");
	check_clean("\x1b]8;;http://x/\x1b\\link\x1b]8;;\x1b\\", "link");
	check_clean("a\x1b]0;t\xC3\xA9tle\xC2\x9C" "b", "ab");
	/* DCS, SOS, PM, APC. */
	check_clean("a\x1bPq#0;2;0;0;0#0~~\x1b\\b", "ab");
	check_clean("a\x1bXsos\x1b\\b", "ab");
	check_clean("a\x1b^pm\x1b\\b", "ab");
	check_clean("a\x1b_apc\x1b\\b", "ab");
	/* An ESC in a string ends it and starts a sequence. */
	check_clean("\x1b]0;t\x1b[1mx", "x");
	/* A string with no end was none: what followed is text, with no
	   string in it, only the introducers gone. */
	check_clean("a\x1b]0;title never ends", "a0;title never ends");
	check_clean("a\x1bPno end", "ano end");
	check_clean("a\x1b]x\xC2\x9D" "y\xC2\x90z", "axyz");
	/* ...as is one that runs past what a cleaner keeps (an OSC 8 link
	   to a URL of 300 bytes): only ESC ] and BEL go. */
	{
		char k[301], in[400], want[400];

		memset(k, 'k', 300);
		k[300] = '\0';
		snprintf(in, sizeof(in), "a\x1b]8;;%s\x07tail", k);
		snprintf(want, sizeof(want), "a8;;%stail", k);
		check_clean(in, want);
	}
	/* Two-byte and intermediate sequences. */
	check_clean("a\x1b" "cb", "ab");
	check_clean("a\x1b=b\x1b>c", "abc");
	check_clean("a\x1b(Bb\x1b#8c", "abc");
	check_clean("a\x1b\x1b[1mb", "ab");
	/* ESC before a non-ASCII character or a control goes alone. */
	check_clean("a\x1b\xC3\xA9", "a\xC3\xA9");
	check_clean("a\x1b\nb", "a b");
	check_clean("a\x1b", "a");
}

static void
test_clean_c1(void **state)
{
	(void)state;
	/* U+009B CSI */
	check_clean("a\xC2\x9B" "31mb", "ab");
	check_clean("a\xC2\x9B?25hb", "ab");
	/* U+009D OSC, U+0090 DCS, U+0098 SOS, U+009E PM, U+009F APC */
	check_clean("a\xC2\x9D" "0;t\xC2\x9C" "b", "ab");
	check_clean("a\xC2\x9D" "0;t\x07" "b", "ab");
	check_clean("a\xC2\x9D" "0;t\x1b\\b", "ab");
	check_clean("a\xC2\x90q\xC2\x9C" "b", "ab");
	check_clean("a\xC2\x98sos\xC2\x9C" "b", "ab");
	check_clean("a\xC2\x9Epm\xC2\x9C" "b", "ab");
	check_clean("a\xC2\x9F" "apc\xC2\x9C" "b", "ab");
	/* Stray C1 bytes, as Windows-1252 read as Latin-1 leaves them ("
	   is E2 80 9D): no string, nothing lost. */
	check_clean("a\xC2\x9D" "unterminated", "aunterminated");
	check_clean("\xC3\xA2\xE2\x82\xAC\xC2\x9D" "quoted\xC2\x90 text",
		    "\xC3\xA2\xE2\x82\xAC" "quoted text");
	/* Split between the two bytes of U+009B and after it. */
	{
		char *s = clean_pieces("a\xC2", "\x9B" "31mb", NULL);

		assert_string_equal(s, "ab");
		free(s);
		s = clean_pieces("a\xC2\x9B", "31", "m", "b", NULL);
		assert_string_equal(s, "ab");
		free(s);
		s = clean_pieces("a\x1b", "]0;x", "\x1b", "\\b", NULL);
		assert_string_equal(s, "ab");
		free(s);
	}
}

static void
test_clean_bidi(void **state)
{
	(void)state;
	check_clean("a\xE2\x80\xAA" "b\xE2\x80\xAB" "c\xE2\x80\xAC" "d"
		    "\xE2\x80\xAD" "e\xE2\x80\xAE" "f", "abcdef");
	check_clean("a\xE2\x81\xA6" "b\xE2\x81\xA7" "c\xE2\x81\xA8" "d"
		    "\xE2\x81\xA9" "e", "abcde");
	/* Neighbours are kept: LRM, RLM, U+206A. */
	check_clean("a\xE2\x80\x8E" "b\xE2\x80\xA9" "c\xE2\x81\xAA",
		    "a\xE2\x80\x8E" "b\xE2\x80\xA9" "c\xE2\x81\xAA");
}

#define ZWSP "\xE2\x80\x8B"
#define ZWJ "\xE2\x80\x8D"
#define BOM "\xEF\xBB\xBF"

static void
test_clean_zero_width(void **state)
{
	struct text_cleaner c;
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	/* At the edges: gone, as they look; between letters: kept. */
	check_clean(ZWSP ZWJ BOM "Label" ZWSP ZWJ BOM, "Label");
	check_clean(BOM " Head " ZWSP, "Head");
	check_clean(ZWSP BOM, "");
	check_clean("a" ZWJ "b c" ZWSP " d", "a" ZWJ "b c" ZWSP " d");
	check_clean("\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x92\xBB",
		    "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x92\xBB");
	/* A long run is cut to four: it means no more than one. */
	check_clean("a" ZWSP ZWSP ZWSP ZWSP ZWSP ZWSP "b",
		    "a" ZWSP ZWSP ZWSP ZWSP "b");
	/* Across pieces, and where the next visible character lands. */
	s = clean_pieces("x" ZWJ, ZWJ, "  ", NULL);
	assert_string_equal(s, "x");
	free(s);
	text_clean_init(&c);
	text_clean_add(&c, &b, "x " ZWSP, 5);
	assert_string_equal(buf_str(&b), "x");
	assert_int_equal(text_clean_pending(&c), 4);
	text_clean_add(&c, &b, "y", 1);
	assert_string_equal(buf_str(&b), "x" ZWSP " y");
	assert_int_equal(text_clean_pending(&c), 0);
	text_clean_finish(&c, &b);
	buf_release(&b);
}

static void
test_clean_invalid_utf8(void **state)
{
	(void)state;
	check_clean("a\xFF" "b", "a\xEF\xBF\xBD" "b");
	check_clean("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");
	check_clean("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* Truncated: each byte at the end, or before other text. */
	check_clean("a\xE2\x82", "a\xEF\xBF\xBD\xEF\xBF\xBD");
	check_clean("\xE2\x82x", "\xEF\xBF\xBD\xEF\xBF\xBDx");
	check_clean("\xE2\x82 \xE2\x82\xAC",
		    "\xEF\xBF\xBD\xEF\xBF\xBD \xE2\x82\xAC");
	check_clean("\xF0\x9F\x98\xC3\xA9", "\xEF\xBF\xBD\xEF\xBF\xBD"
		    "\xEF\xBF\xBD\xC3\xA9");
	/* Valid four-byte sequences survive any split. */
	check_clean("\xF0\x9F\x98\x80 \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7",
		    "\xF0\x9F\x98\x80 \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7");
	/* A pending bad tail is flushed before the pending space goes. */
	{
		char *s = clean_pieces("a ", "\xE2", "  ", NULL);

		assert_string_equal(s, "a \xEF\xBF\xBD");
		free(s);
		s = clean_pieces("a \xF0\x9F", NULL);
		assert_string_equal(s, "a \xEF\xBF\xBD\xEF\xBF\xBD");
		free(s);
	}
}

static void
test_clean_pieces(void **state)
{
	struct text_cleaner c;
	struct buf b = BUF_INIT;
	char *s;
	size_t len;

	(void)state;
	s = clean_pieces("foo ", " bar", NULL);
	assert_string_equal(s, "foo bar");
	free(s);
	s = clean_pieces("foo", "bar", NULL);
	assert_string_equal(s, "foobar");
	free(s);
	s = clean_pieces("  ", "\n", " x", " ", "", "y  ", "\t", NULL);
	assert_string_equal(s, "x y");
	free(s);
	s = clean_pieces("", NULL);
	assert_string_equal(s, "");
	free(s);
	/* What was appended is never changed by later pieces. */
	text_clean_init(&c);
	text_clean_add(&c, &b, "one ", 4);
	assert_string_equal(buf_str(&b), "one");
	len = b.len;
	text_clean_add(&c, &b, "\x1b[1mtwo", 7);
	assert_string_equal(buf_str(&b), "one two");
	assert_memory_equal(b.s, "one", len);
	text_clean_add(&c, &b, "  ", 2);
	text_clean_finish(&c, &b);
	assert_string_equal(buf_str(&b), "one two");
	/* After finish the cleaner starts afresh: no leading space. */
	text_clean_add(&c, &b, " three", 6);
	text_clean_finish(&c, &b);
	assert_string_equal(buf_str(&b), "one twothree");
	buf_release(&b);
}

/* ---- Line breaking ---- */

static void
test_wrap_basic(void **state)
{
	struct text_wrap_opts o = { 10, 0, NULL, NULL, NULL, 0 };
	struct text_line *l = (void *)1;

	(void)state;
	assert_int_equal(text_wrap("", 0, &o, &l), 0);
	assert_null(l);
	l = (void *)1;
	assert_int_equal(text_wrap("   ", 3, &o, &l), 0);
	assert_null(l);
	check_wrap("hello", 10, 0, "hello");
	check_wrap("the quick brown fox", 10, 0, "the quick|brown fox");
	check_wrap("the quick brown fox", 9, 0, "the quick|brown fox");
	check_wrap("the quick brown fox", 8, 0, "the|quick|brown|fox");
	check_wrap("the quick brown fox", 19, 0, "the quick brown fox");
	check_wrap("the quick brown fox", 200, 0, "the quick brown fox");
	check_wrap("a b c d e f g", 3, 0, "a b|c d|e f|g");
	check_wrap("a b c d e f g", 1, 0, "a|b|c|d|e|f|g");
	/* Spaces at either end are not part of a line. */
	check_wrap("  two  words  ", 5, 0, "two|words");
	/* Combining marks and NBSP do not open break opportunities. */
	check_wrap("e\xCC\x81t\xC3\xA9 e\xCC\x81t\xC3\xA9", 5, 0,
		   "e\xCC\x81t\xC3\xA9|e\xCC\x81t\xC3\xA9");
	check_wrap("10\xC2\xA0km away", 6, 0, "10\xC2\xA0km|away");
}

static void
test_wrap_first_width(void **state)
{
	struct text_wrap_opts o = { 10, 4, NULL, NULL, NULL, 0 };
	struct text_line *l;
	size_t nl;

	(void)state;
	check_wrap("the quick brown fox", 10, 3, "the|quick|brown fox");
	check_wrap("the quick brown fox", 4, 15, "the quick brown|fox");
	check_wrap("the quick brown fox", 10, 10, "the quick|brown fox");
	/* first_width applies to the first line only. */
	nl = text_wrap("aaaa bbbb cccc", 14, &o, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].end, 4);
	assert_int_equal(l[0].width, 4);
	assert_int_equal(l[1].start, 5);
	assert_int_equal(l[1].end, 14);
	assert_int_equal(l[1].width, 9);
	assert_false(l[0].hyphen || l[1].hyphen);
	free(l);
}

static void
test_wrap_cut(void **state)
{
	(void)state;
	check_wrap("abcdefghij", 4, 0, "abcd|efgh|ij");
	check_wrap("abcdefghij", 1, 0, "a|b|c|d|e|f|g|h|i|j");
	/* The cut is the last resort: a break that fits wins. */
	check_wrap("ab abcdefghij", 4, 0, "ab|abcd|efgh|ij");
	check_wrap("abcdefghij x", 8, 0, "abcdefgh|ij x");
	/* Graphemes are never split. */
	check_wrap("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, 0,
		   "e\xCC\x81" "e\xCC\x81|e\xCC\x81");
	check_wrap("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9"
		   "\xF0\x9F\x87\xAA", 2, 0,
		   "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7|"
		   "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA");
}

static void
test_wrap_wide(void **state)
{
	struct text_wrap_opts o = { 1, 0, NULL, NULL, NULL, 0 };
	struct text_line *l;
	size_t nl;

	(void)state;
	/* A wide character in one cell: one per line, never lost. */
	nl = text_wrap("\xE4\xB8\xAD\xE6\x96\x87", 6, &o, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].start, 0);
	assert_int_equal(l[0].end, 3);
	assert_int_equal(l[0].width, 2);
	assert_int_equal(l[1].start, 3);
	assert_int_equal(l[1].end, 6);
	free(l);
	/* Nor straddles the edge: 3 cells hold one ideograph. */
	check_wrap("\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 3, 0,
		   "\xE4\xB8\xAD|\xE6\x96\x87|\xE5\xAD\x97");
	check_wrap("a\xE4\xB8\xAD" "b", 2, 0, "a|\xE4\xB8\xAD|b");
	check_wrap("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", 5, 0,
		   "\xEF\xBC\xA1\xEF\xBC\xA2|\xEF\xBC\xA3");
}

static void
test_wrap_cjk(void **state)
{
	const char *s = "\xE7\xA7\x91\xE6\x8A\x80\xE6\x97\xA5\xE6\x8A\xA5"
			"\xE3\x80\x82\xE5\x9B\xBD\xE9\x99\x85";	/* 科技日报。国际 */
	struct text_wrap_opts o = { 1, 0, "zh", NULL, NULL, 0 };
	struct text_line *l;
	size_t nl, i;
	int w;

	(void)state;
	check_wrap(s, 14, 0, s);
	/* Breaks between ideographs, but never before "。". */
	check_wrap(s, 8, 0, "\xE7\xA7\x91\xE6\x8A\x80\xE6\x97\xA5|"
		   "\xE6\x8A\xA5\xE3\x80\x82\xE5\x9B\xBD\xE9\x99\x85");
	check_wrap(s, 4, 0, "\xE7\xA7\x91\xE6\x8A\x80|\xE6\x97\xA5|"
		   "\xE6\x8A\xA5\xE3\x80\x82|\xE5\x9B\xBD\xE9\x99\x85");
	check_wrap(s, 6, 0, "\xE7\xA7\x91\xE6\x8A\x80\xE6\x97\xA5|"
		   "\xE6\x8A\xA5\xE3\x80\x82\xE5\x9B\xBD|\xE9\x99\x85");
	for (w = 4; w <= 14; w++) {
		o.width = w;
		nl = text_wrap(s, strlen(s), &o, &l);
		for (i = 0; i < nl; i++)
			assert_memory_not_equal(s + l[i].start,
						"\xE3\x80\x82", 3);
		free(l);
	}
	/* Japanese: no break after 「 nor before 」. */
	check_wrap("\xE3\x80\x8C\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x80\x8D"
		   "\xE3\x81\xA7\xE3\x81\x99", 6, 0,
		   "\xE3\x80\x8C\xE6\x9D\xB1|"
		   "\xE4\xBA\xAC\xE3\x80\x8D\xE3\x81\xA7|\xE3\x81\x99");
}

static void
test_wrap_punct(void **state)
{
	char *got;
	int w;

	(void)state;
	check_wrap("see (hello) there", 10, 0, "see|(hello)|there");
	check_wrap("see (hello) there", 11, 0, "see (hello)|there");
	check_wrap("say \"hello,\" she said.", 12, 0,
		   "say \"hello,\"|she said.");
	check_wrap("a long-term plan", 7, 0, "a long-|term|plan");
	check_wrap("wait \xE2\x80\x94 what?", 6, 0,
		   "wait \xE2\x80\x94|what?");
	/* ")" never starts a line when "(hello)" fits on one. */
	for (w = 7; w <= 20; w++) {
		got = wrap_str("x (hello) y (hello) z", w, 0, NULL, NULL);
		assert_null(strstr(got, "|)"));
		assert_null(strstr(got, "(|"));
		free(got);
	}
}

static void
test_wrap_url(void **state)
{
	const char *url = "https://example.com/a/very/long/path";
	char *got, *p;
	struct buf b = BUF_INIT;
	int w;

	(void)state;
	assert_int_equal(strlen(url), 36);
	/* Kept whole on its own line when it fits there. */
	check_wrap("see https://example.com/a/very/long/path now", 38, 0,
		   "see|https://example.com/a/very/long/path|now");
	check_wrap("see https://example.com/a/very/long/path now", 40, 0,
		   "see https://example.com/a/very/long/path|now");
	/* Too long for any line: broken after a slash. */
	check_wrap("see https://example.com/a/very/long/path now", 30, 0,
		   "see|https://example.com/a/very/|long/path now");
	check_wrap(url, 22, 0, "https://example.com/a/|very/long/path");
	/* Narrower: a slash that fits, else a cut at graphemes. */
	check_wrap(url, 5, 0, "https|://|examp|le.co|m/a/|very/|long/|path");
	/* Rejoining gives the URL back at any width. */
	for (w = 1; w <= 40; w++) {
		got = wrap_str(url, w, 0, NULL, NULL);
		buf_reset(&b);
		for (p = got; *p; p++)
			if (*p != '|')
				buf_addch(&b, *p);
		assert_string_equal(buf_str(&b), url);
		free(got);
	}
	buf_release(&b);
}

static void
test_wrap_mustbreak(void **state)
{
	struct text_wrap_opts o = { 20, 0, NULL, NULL, NULL, 0 };
	const char *s = "one\xE2\x80\xA8two three\xE2\x80\xA8 four";
	struct text_line *l;
	size_t nl;

	(void)state;
	nl = text_wrap(s, strlen(s), &o, &l);
	assert_int_equal(nl, 3);
	assert_int_equal(l[0].start, 0);
	assert_int_equal(l[0].end, 3);
	assert_int_equal(l[1].start, 6);
	assert_int_equal(l[1].end, 15);
	assert_int_equal(l[2].start, 19);
	assert_int_equal(l[2].end, strlen(s));
	free(l);
	check_props(s, strlen(s), &o, false);
	/* The break at the very end of the text is no empty line. */
	check_wrap("end\xE2\x80\xA8", 20, 0, "end");
	/* Raw newlines (not cleaned) break too. */
	check_wrap("a\nb", 20, 0, "a|b");
}

static void
test_wrap_hyphenation(void **state)
{
	struct buf calls = BUF_INIT;
	char *got;

	(void)state;
	check_hyph("extraordinary", 6, "extra-|ordin-|ary");
	check_hyph("an extraordinary day", 10, "an extrao-|rdinary|day");
	/* Two letters at least on either side. */
	check_hyph("abcd", 3, "ab-|cd");
	check_hyph("abc abcde", 3, "abc|ab-|cde");
	check_hyph("abc", 2, "ab|c");
	check_hyph("abcde,", 5, "abc-|de,");
	check_hyph("abcdef", 2, "ab|cd|ef");
	/* Leading and trailing punctuation is not part of the word. */
	check_hyph("x (extraordinary),", 8, "x (extr-|aordina-|ry),");
	check_hyph("\"abcdef\" x", 5, "\"abc-|def\"|x");
	/* An existing hyphen is a break; no hyphen is added there. */
	check_hyph("long-term", 6, "long-|term");
	check_hyph("long-termism", 6, "long-|termi-|sm");
	/* Not inside a URL, digits or an apostrophe: cut instead. */
	check_hyph("https://example.com", 10, "https://|example.co|m");
	check_hyph("abc123def", 6, "abc123|def");
	check_hyph("don't", 3, "don|'t");
	/* Letters with marks; a wide letter counts two. */
	check_hyph("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 3,
		   "e\xCC\x81" "e\xCC\x81-|e\xCC\x81" "e\xCC\x81");
	/* A refusing hyphenator leaves the word alone. */
	got = wrap_str("an extraordinary day", 10, 0, failing_hyphenate,
		       NULL);
	assert_string_equal(got, "an|extraordin|ary day");
	free(got);
	/* Continuation lines still pass the whole word. */
	got = wrap_str("internationalization", 6, 0, fake_hyphenate,
		       &calls);
	assert_string_equal(got, "inter-|natio-|naliz-|ation");
	assert_string_equal(buf_str(&calls), "internationalization|"
			    "internationalization|internationalization|");
	free(got);
	/* Ragged right: a line that would not gape is not hyphenated. */
	{
		struct text_wrap_opts g = { 12, 0, NULL, fake_hyphenate,
					    &calls, 6 };
		struct text_line *tl;
		size_t nl, i;

		buf_reset(&calls);
		nl = text_wrap("the cat elephants", 17, &g, &tl);
		/* "the cat " leaves 4 cells: fewer than 6, no hyphen. */
		assert_int_equal(nl, 2);
		for (i = 0; i < nl; i++)
			assert_false(tl[i].hyphen);
		assert_string_equal(buf_str(&calls), "");
		free(tl);
		g.hyphen_gap = 4;
		nl = text_wrap("the cat elephants", 17, &g, &tl);
		assert_true(tl[0].hyphen);
		free(tl);
	}
	/* No hyphenator call for a word that fits. */
	buf_reset(&calls);
	got = wrap_str("short words fit", 20, 0, fake_hyphenate, &calls);
	assert_string_equal(got, "short words fit");
	assert_string_equal(buf_str(&calls), "");
	free(got);
	buf_release(&calls);
}

static const char *const tokens[] = {
	"the", "a", "of", "newspaper", "reader", "extraordinarily",
	"internationalization", "supercalifragilisticexpialidocious",
	"long-term", "(hello)", "\"quoted,\"", "end.", "3.14", "1/2",
	"https://example.com/a/very/long/path", "e\xCC\x81t\xC3\xA9",
	"na\xC3\xAFve", "\xE7\xA7\x91\xE6\x8A\x80\xE6\x97\xA5\xE6\x8A\xA5"
	"\xE3\x80\x82", "\xE5\x9B\xBD\xE9\x99\x85", "\xE3\x80\x8C\xE6\x9D"
	"\xB1\xE4\xBA\xAC\xE3\x80\x8D", "\xEF\xBD\x86\xEF\xBD\x95",
	"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "\xF0\x9F\x87\xAB\xF0\x9F\x87"
	"\xB7", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
	"\xF0\x9F\x91\xA7", "\xE2\x9D\xA4\xEF\xB8\x8F", "\xED\x95\x9C\xEA"
	"\xB5\xAD\xEC\x96\xB4", "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",
	"\xC2\xA0", "\xE2\x80\x94", "x\xCC\x81\xCC\x82", "a\xE2\x80\x8B" "b",
	"a\xC2\xAD" "b", "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7",
	"\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2",
	"\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6"
	"\xE0\xA5\x80", "\xC3\x9F", "$100", "100%", "e.g.", "don't", "!",
	"?", ",", ";", "\xC2\xBF", "\xE2\x80\x9C", "\xE2\x80\x9D",
	"\xEF\xBF\xBD", "\xCC\x81", "\xE2\x80\x8D", "\xEF\xBF\xBF",
};

static void
random_text(struct buf *b)
{
	uint32_t i, nt = 1 + rnd(40);

	buf_reset(b);
	for (i = 0; i < nt; i++) {
		buf_adds(b, tokens[rnd(ARRAY_SIZE(tokens))]);
		if (rnd(5))
			buf_addch(b, ' ');
	}
}

static void
test_wrap_random(void **state)
{
	struct buf raw = BUF_INIT;
	struct text_wrap_opts o = { 1, 0, NULL, NULL, NULL, 0 };
	static const char *langs[] = { NULL, "en", "zh", "ja", "ko" };
	char *s;
	int iter;

	(void)state;
	for (iter = 0; iter < 4000; iter++) {
		random_text(&raw);
		s = text_clean(raw.s, raw.len);
		o.width = 1 + (int)rnd(iter % 3 ? 30 : 90);
		o.first_width = rnd(3) ? 0 : 1 + (int)rnd(40);
		o.lang = langs[rnd(ARRAY_SIZE(langs))];
		o.hyphenate = rnd(2) ? fake_hyphenate : NULL;
		o.hyphenate_ctx = NULL;
		check_props(s, strlen(s), &o, false);
		free(s);
	}
	buf_release(&raw);
}

static void
test_wrap_random_bytes(void **state)
{
	static const char *frag[] = {
		"\xF0\x9F\x87", "\xA6", "\xEF\xBF\xBF", "\xC3", "\xE4\xB8",
		"\xFF", "\x80", " ", "\n", "\t", "\x1b[1m", "ab", "\xCC\x81",
		"\xF0\x9F\x87\xA6", "\xE2\x80\xA8", "\x00",
	};
	struct text_wrap_opts o = { 1, 0, NULL, fake_hyphenate, NULL, 1 };
	char s[200];
	size_t n, len, k;
	int iter;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		n = 0;
		while (n < 150) {
			if (rnd(4)) {
				s[n++] = (char)rnd(256);
				continue;
			}
			k = rnd(ARRAY_SIZE(frag));
			len = k == ARRAY_SIZE(frag) - 1 ? 1 : strlen(frag[k]);
			memcpy(s + n, frag[k], len);
			n += len;
		}
		o.width = 1 + (int)rnd(20);
		check_props(s, n, &o, true);
	}
}

/*
 * A grapheme wider than the line is cut between its characters: 33
 * conjoining jamo U+1111 are one cluster (UAX #29's L L ...) of 66 cells
 * (once a fuzz_sniff failure: a line of 66 cells in a column of 61).
 */
static void
test_wrap_wide_cluster(void **state)
{
	struct text_wrap_opts o = { 61, 0, NULL, NULL, NULL, 0 };
	struct buf b = BUF_INIT;
	struct text_line *l;
	size_t nl, i;

	(void)state;
	for (i = 0; i < 33; i++)
		buf_adds(&b, "\xE1\x84\x91");
	assert_int_equal(text_next_grapheme(b.s, b.len, 0), b.len);
	nl = text_wrap(b.s, b.len, &o, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].width, 60);
	assert_int_equal(l[0].end, 30 * 3);
	assert_int_equal(l[1].start, 30 * 3);
	assert_int_equal(l[1].width, 6);
	check_props(b.s, b.len, &o, false);
	free(l);
	/* 2 cells of a 4-cell emoji with its skin tone in a line of 3. */
	o.width = 3;
	nl = text_wrap("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", 8, &o, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].end, 4);
	assert_int_equal(l[0].width, 2);
	free(l);
	/* A cluster joined by U+200D to a stray byte, in a line of 1: the
	   joiner stays with the man, the stray byte is a character
	   (fuzz_text). */
	o.width = 1;
	nl = text_wrap("\xF0\x9F\x91\xA8\xE2\x80\x8D\x8D\xF0\x9F\x8F\xBD",
		       12, &o, &l);
	assert_int_equal(nl, 3);
	assert_int_equal(l[0].end, 7);
	assert_int_equal(l[1].start, 7);
	assert_int_equal(l[1].end, 8);
	assert_int_equal(l[2].start, 8);
	check_props("\xF0\x9F\x91\xA8\xE2\x80\x8D\x8D\xF0\x9F\x8F\xBD", 12,
		    &o, true);
	free(l);
	buf_release(&b);
}

static void
test_wrap_large(void **state)
{
	struct text_wrap_opts o = { 72, 0, NULL, fake_hyphenate, NULL, 1 };
	struct buf b = BUF_INIT;
	struct text_line *l;
	size_t i, nl;

	(void)state;
	/* One unbreakable 200 KB word: about 2800 cut lines. */
	for (i = 0; i < 200000; i++)
		buf_addch(&b, (char)('a' + i % 26));
	buf_adds(&b, "/x");
	nl = text_wrap(b.s, b.len, &o, &l);
	assert_int_equal(nl, (b.len + 71) / 72);
	free(l);
	check_props(b.s, b.len, &o, false);
	/* 2 MB of ordinary words. */
	buf_reset(&b);
	for (i = 0; i < 300000; i++)
		buf_adds(&b, tokens[i % 8]), buf_addch(&b, ' ');
	buf_truncate(&b, b.len - 1);
	o.hyphenate = NULL;
	check_props(b.s, b.len, &o, false);
	buf_release(&b);
}

/* Names quoted in messages: controls, bidi controls and bad bytes as
   \xHH, everything else (accents, wide characters, U+FFFD) as is. */
static void
test_escape(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "" },
		{ "plain/file.xml", "plain/file.xml" },
		{ "a\033[2Jb", "a\\x1B[2Jb" },
		{ "\033]52;c;aGk=\007", "\\x1B]52;c;aGk=\\x07" },
		{ "tab\there\n", "tab\\x09here\\x0A" },
		{ "del\x7f", "del\\x7F" },
		{ "c1\xc2\x9b", "c1\\xC2\\x9B" },
		{ "rlo\xe2\x80\xaeiso\xe2\x81\xa6",
		  "rlo\\xE2\\x80\\xAEiso\\xE2\\x81\\xA6" },
		{ "bad\xff\xc3", "bad\\xFF\\xC3" },
		{ "over\xc0\xaflong", "over\\xC0\\xAFlong" },
	};
	size_t i;

	char *got;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		got = text_escape(cases[i].in);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	/* Characters beyond ASCII: kept in a UTF-8 environment; else every
	   byte escaped (U+011B is C4 9B, and 9B is CSI to an 8-bit
	   terminal). */
	got = text_escape("caf\xc3\xa9 \xc4\x9b \xe6\x97\xa5");
	assert_string_equal(got, text_env_utf8() ?
			    "caf\xc3\xa9 \xc4\x9b \xe6\x97\xa5" :
			    "caf\\xC3\\xA9 \\xC4\\x9B \\xE6\\x97\\xA5");
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_graphemes),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_clean_whitespace),
		cmocka_unit_test(test_clean_zero_width),
		cmocka_unit_test(test_clean_controls),
		cmocka_unit_test(test_clean_escapes),
		cmocka_unit_test(test_clean_c1),
		cmocka_unit_test(test_clean_bidi),
		cmocka_unit_test(test_clean_invalid_utf8),
		cmocka_unit_test(test_clean_pieces),
		cmocka_unit_test(test_wrap_basic),
		cmocka_unit_test(test_wrap_first_width),
		cmocka_unit_test(test_wrap_cut),
		cmocka_unit_test(test_wrap_wide),
		cmocka_unit_test(test_wrap_cjk),
		cmocka_unit_test(test_wrap_punct),
		cmocka_unit_test(test_wrap_url),
		cmocka_unit_test(test_wrap_mustbreak),
		cmocka_unit_test(test_wrap_hyphenation),
		cmocka_unit_test(test_wrap_random),
		cmocka_unit_test(test_wrap_random_bytes),
		cmocka_unit_test(test_wrap_wide_cluster),
		cmocka_unit_test(test_wrap_large),
		cmocka_unit_test(test_escape),
	};

	text_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
