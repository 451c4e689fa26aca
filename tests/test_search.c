/*
 * Unit tests of search: folding (case, accents, marks, ligatures,
 * full-width forms, scripts), the mapping of hits back to the original
 * bytes, smartcase, regular expressions, the fields of an edition,
 * search_seg_of, excerpts and bad queries (search.h).  Editions are read
 * with load_memory from small strings in the edition format, or from
 * $srcdir/src/sample.xml ("." when srcdir is not set).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "diag.h"
#include "edition.h"
#include "load.h"
#include "search.h"
#include "text.h"

#define MAXHITS 64

/* An edition file around the pages given. */
#define EDITION(pages) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<edition version=\"1\" title=\"Search Times\" date=\"2026-03-02\"" \
	" lang=\"en\">\n" pages "</edition>\n"

static const char *
srcdir(void)
{
	const char *s = getenv("srcdir");

	return s && *s ? s : ".";
}

/*
 * What a test holds, released by release_held() whatever the test's
 * outcome (a failed assertion leaves the test at once).
 */
static struct {
	struct edition *ed[4];
	struct search_index *ix[4];
	size_t ned, nix;
	struct search_hit *hits;	/* the last run()'s */
	struct search_query q;		/* a test's own query */
	struct buf b[2];		/* [0]: excerpt(), [1]: the test's */
	void *mem;
} held;

static int
release_held(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < held.nix; i++)
		search_index_free(held.ix[i]);
	for (i = 0; i < held.ned; i++)
		edition_free(held.ed[i]);
	free(held.hits);
	search_query_release(&held.q);
	buf_release(&held.b[0]);
	buf_release(&held.b[1]);
	free(held.mem);
	memset(&held, 0, sizeof(held));
	return 0;
}

static struct edition *
hold_edition(struct edition *ed)
{
	assert_non_null(ed);
	assert_true(held.ned < ARRAY_SIZE(held.ed));
	held.ed[held.ned++] = ed;
	return ed;
}

/* The edition in xml; fails the test when it does not load. */
static struct edition *
load(const char *xml)
{
	struct edition *ed;
	struct diags d;
	int status = 0;

	diags_init(&d, "t.xml");
	ed = load_memory(xml, strlen(xml), NULL, &d, &status);
	if (!ed)
		diags_print(&d, stderr);
	diags_release(&d);
	return hold_edition(ed);
}

static struct edition *
load_sample(void)
{
	char path[4096];
	struct edition *ed;
	struct diags d;
	int status = 0;

	snprintf(path, sizeof(path), "%s/src/sample.xml", srcdir());
	diags_init(&d, path);
	ed = load_file(path, NULL, &d, &status);
	diags_release(&d);
	return hold_edition(ed);
}

static struct search_index *
index_of(const struct edition *ed)
{
	struct search_index *ix = search_index_new(ed);

	assert_non_null(ix);
	assert_true(held.nix < ARRAY_SIZE(held.ix));
	held.ix[held.nix++] = ix;
	return ix;
}

static void
compile(struct search_query *q, const char *query)
{
	struct buf err = BUF_INIT;
	int r = search_compile(q, query, &err);

	if (r != 0)
		fprintf(stderr, "search_compile(\"%s\"): %s\n", query,
			buf_str(&err));
	buf_release(&err);
	assert_int_equal(r, 0);
}

/* Hits of query in text (search_text over the whole string). */
static size_t
find(const char *query, const char *text, uint32_t *start, uint32_t *end)
{
	struct search_query q;
	size_t k;

	compile(&q, query);
	k = search_text(&q, text, strlen(text), start, end, MAXHITS, NULL);
	search_query_release(&q);
	return k;
}

/* Exactly one hit of query in text, at [a, b). */
static void
one(const char *query, const char *text, uint32_t a, uint32_t b)
{
	uint32_t s[MAXHITS], e[MAXHITS];
	size_t k = find(query, text, s, e);

	if (k != 1 || s[0] != a || e[0] != b)
		fprintf(stderr, "\"%s\" in \"%s\": %zu hits, first [%u, %u),"
			" expected [%u, %u)\n", query, text, k,
			k ? s[0] : 0, k ? e[0] : 0, a, b);
	assert_int_equal(k, 1);
	assert_int_equal(s[0], a);
	assert_int_equal(e[0], b);
}

static size_t
count(const char *query, const char *text)
{
	uint32_t s[MAXHITS], e[MAXHITS];

	return find(query, text, s, e);
}

/* search_run of query over ix; *hits lasts until the next run(). */
static size_t
run(const struct search_index *ix, const char *query,
    struct search_hit **hits)
{
	struct search_query q;
	size_t n;

	free(held.hits);
	held.hits = NULL;
	compile(&q, query);
	n = search_run(ix, &q, &held.hits, NULL);
	search_query_release(&q);
	*hits = held.hits;
	return n;
}

static size_t
run_count(const struct search_index *ix, const char *query)
{
	struct search_hit *h;

	return run(ix, query, &h);
}

/* The byte offset of needle in hay, which must hold it. */
static uint32_t
at(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	assert_non_null(p);
	return (uint32_t)(p - hay);
}

/* ---- 1. folding ---- */

static void
test_fold_latin(void **state)
{
	(void)state;
	/* "é" is two bytes: the hit ends after both. */
	one("cafe", "Café au lait", 0, 5);
	one("cafe", "CAFÉ", 0, 5);
	one("cafe", "un café noir", 3, 8);
	one("zurich", "Flights to Zürich resume", 11, 18);
	one("sao paulo", "São Paulo", 0, 10);
	/* And the other way: an accented query finds plain text. */
	one("café", "Cafe au lait", 0, 4);
	one("zürich", "ZURICH", 0, 6);
	one("são paulo", "in Sao Paulo.", 3, 12);
	/* Whitespace in the query collapses as in the text. */
	one("  cafe   au\tlait ", "Café au lait", 0, 13);
	one("naive", "the naïve reader", 4, 10);
	one("angstrom", "10 Ångström", 3, 13);
	/* "Ł" has no decomposition: it folds to "ł", not "l". */
	one("łodz", "Born in Łódź, Poland", 8, 15);
	assert_int_equal(count("cafe", "Cafeteria, café, CAFÉ, cAfÉ"), 4);
	assert_int_equal(count("cafe", "caffè"), 0);
}

static void
test_fold_scripts(void **state)
{
	(void)state;
	/* Greek: case and the tonos. */
	one("αθηνα", "Αθήνα", 0, 10);
	one("αθηνα", "ΑΘΉΝΑ", 0, 10);
	one("αθήνα", "η Αθηνα σημερα", 3, 13);
	/* Final sigma is a sigma, both ways. */
	one("σ", "λόγος", 8, 10);
	one("λογοσ", "ο λόγος", 3, 13);
	one("ς", "σ", 0, 2);
	one("λογος", "ΛΌΓΟΣ", 0, 10);
	/* Cyrillic. */
	one("москва", "Москва", 0, 12);
	one("москва", "в МОСКВЕ и Москва", 19, 31);
	one("москве", "в МОСКВЕ и Москва", 3, 15);
	/* CJK, by character: nothing to fold, found inside a run. */
	one("国际", "国际合作", 0, 6);
	one("合作", "国际合作", 6, 12);
	one("际合", "推进国际合作。", 9, 15);
	assert_int_equal(count("国际", "国家"), 0);
}

static void
test_fold_forms(void **state)
{
	(void)state;
	/* A decomposed accent: the mark goes with the hit. */
	one("cafe", "cafe\xcc\x81", 0, 6);
	one("cafe", "un cafe\xcc\x81 noir", 3, 9);
	one("café", "cafe\xcc\x81", 0, 6);
	one("cafe\xcc\x81", "Café", 0, 5);
	one("noir", "cafe\xcc\x81 noir", 7, 11);
	/* Ligatures spelled out. */
	one("fish", "ﬁsh", 0, 5);
	one("fi", "ﬁ", 0, 3);
	one("ﬁsh", "a fish", 2, 6);
	/* A hit starting inside one: from the start of the ligature. */
	one("i", "ﬁsh", 0, 3);
	one("ish", "ﬁsh", 0, 5);
	one("sh", "ﬁsh", 3, 5);
	one("office", "the oﬃce", 4, 10);
	/* Full-width forms. */
	one("abc", "ａｂｃ", 0, 9);
	one("b", "ａｂｃ", 3, 6);
	one("abc", "ＡＢＣ", 0, 9);
	one("ａｂｃ", "xabc", 1, 4);
	/* A no-break space is a space. */
	one("10 km", "10\xc2\xa0" "km", 0, 6);
	one("10 km", "a 10\xc2\xa0" "km run", 2, 8);
	one("10\xc2\xa0" "km", "10 km", 0, 5);
}

/*
 * A query ending (or starting) inside what one character spelled out (a
 * ligature, a fraction) covers the whole character: the hit is never
 * empty and never leaves out what matched.
 */
static void
test_fold_partial_expansion(void **state)
{
	(void)state;
	one("f", "ﬁsh", 0, 3);
	one("off", "oﬃce", 0, 4);
	one("1", "½ cup", 0, 2);
	one("2 cup", "½ cup", 0, 6);
}

static void
test_offsets(void **state)
{
	const char *text = "Élodie, Ångström et Françoise à Zürich: "
		"café, São Paulo, ﬁn, ａｂｃ, cafe\xcc\x81 end";
	uint32_t s[MAXHITS], e[MAXHITS];
	size_t k;

	(void)state;
	one("zurich", text, at(text, "Zürich"),
	    at(text, "Zürich") + (uint32_t)strlen("Zürich"));
	one("sao paulo", text, at(text, "São"),
	    at(text, "São") + (uint32_t)strlen("São Paulo"));
	one("fin", text, at(text, "ﬁn"),
	    at(text, "ﬁn") + (uint32_t)strlen("ﬁn"));
	one("abc", text, at(text, "ａｂｃ"),
	    at(text, "ａｂｃ") + (uint32_t)strlen("ａｂｃ"));
	one("end", text, (uint32_t)strlen(text) - 3, (uint32_t)strlen(text));
	one("elodie", text, 0, (uint32_t)strlen("Élodie"));
	/* Two hits, each on its own bytes. */
	k = find("cafe", text, s, e);
	assert_int_equal(k, 2);
	assert_int_equal(s[0], at(text, "café"));
	assert_int_equal(e[0], s[0] + strlen("café"));
	assert_int_equal(s[1], at(text, "cafe\xcc\x81"));
	assert_int_equal(e[1], s[1] + strlen("cafe\xcc\x81"));
	/* search_text honours n: only the first n bytes are searched. */
	{
		struct search_query *q = &held.q;
		uint32_t z = at(text, "Zürich");

		compile(q, "zurich");
		assert_int_equal(search_text(q, text, z + 6, s, e, MAXHITS, NULL),
				 0);
		assert_int_equal(search_text(q, text, z + 7, s, e, MAXHITS, NULL),
				 1);
		assert_int_equal(e[0], z + 7);
		assert_int_equal(search_text(q, text, 0, s, e, MAXHITS, NULL), 0);
	}
}

/* The same through search_run: offsets into the field's own text. */
static void
test_offsets_run(void **state)
{
	static const char xml[] = EDITION(
		"<page number=\"1\"><article id=\"a\">"
		"<headline>Über Zürich</headline>"
		"<p>Ça va à São Paulo, à Zürich, à Αθήνα, à Москва, "
		"國際 et ﬁn.</p>"
		"</article></page>");
	static const char *const words[][2] = {
		{ "zurich", "Zürich" }, { "sao paulo", "São Paulo" },
		{ "αθηνα", "Αθήνα" }, { "москва", "Москва" },
		{ "fin", "ﬁn" }, { "ca va", "Ça va" },
	};
	struct edition *ed = load(xml);
	struct search_index *ix = index_of(ed);
	struct search_hit *h;
	size_t i, n;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		const char *t;

		n = run(ix, words[i][0], &h);
		/* "zurich" is in the headline too. */
		assert_int_equal(n, i == 0 ? 2 : 1);
		t = search_seg_text(ix, h[n - 1].seg);
		assert_int_equal(h[n - 1].field, SF_TEXT);
		assert_int_equal(h[n - 1].start, at(t, words[i][1]));
		assert_int_equal(h[n - 1].end - h[n - 1].start,
				 strlen(words[i][1]));
		if (i == 0) {
			t = search_seg_text(ix, h[0].seg);
			assert_int_equal(h[0].field, SF_HEADLINE);
			assert_int_equal(h[0].start, strlen("Über "));
			assert_int_equal(h[0].end, strlen(t));
		}
	}
}

/* ---- 2. the text is searched, not the screen ---- */

/* Break anywhere inside a word, two letters from either end. */
static int
hyphenate_anywhere(void *ctx, const char *word, size_t n, bool *ok)
{
	size_t i;

	(void)ctx;
	(void)word;
	for (i = 2; i + 2 <= n; i++)
		ok[i] = true;
	return 0;
}

static const char wrapped_xml[] = EDITION(
	"<page number=\"1\"><article id=\"w\">"
	"<headline>Long lines</headline>"
	"<p>The committee reconsidered the extraordinarily complicated "
	"proposal about harbour maintenance yesterday afternoon.</p>"
	"</article></page>");

static void
test_phrase_across_lines(void **state)
{
	struct edition *ed = load(wrapped_xml);
	struct search_index *ix = index_of(ed);
	struct text_wrap_opts o = { .width = 20 };
	const char *t = ed->blocks[0].text;
	struct text_line *lines;
	struct search_hit *h;
	char phrase[128];
	size_t nl, i, n, a, b;

	(void)state;
	nl = text_wrap(t, strlen(t), &o, &lines);
	held.mem = lines;
	assert_true(nl >= 3);
	/* The last word of line 0 and the first of line 1. */
	a = lines[0].end;
	while (a > lines[0].start && t[a - 1] != ' ')
		a--;
	b = lines[1].start;
	while (b < lines[1].end && t[b] != ' ')
		b++;
	assert_true(a < lines[0].end && b > lines[1].start);
	snprintf(phrase, sizeof(phrase), "%.*s", (int)(b - a), t + a);
	assert_non_null(strchr(phrase, ' '));
	n = run(ix, phrase, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].start, a);
	assert_int_equal(h[0].end, b);
	assert_int_equal(h[0].field, SF_TEXT);
	/* Every pair of neighbouring lines, joined by the phrase between. */
	for (i = 0; i + 1 < nl; i++) {
		a = lines[i].end;
		while (a > lines[i].start && t[a - 1] != ' ')
			a--;
		b = lines[i + 1].start;
		while (b < lines[i + 1].end && t[b] != ' ')
			b++;
		snprintf(phrase, sizeof(phrase), "%.*s", (int)(b - a),
			 t + a);
		assert_int_equal(run_count(ix, phrase), 1);
	}
}

static void
test_hyphenated_word(void **state)
{
	struct edition *ed = load(wrapped_xml);
	struct search_index *ix = index_of(ed);
	struct text_wrap_opts o = {
		.width = 20, .hyphenate = hyphenate_anywhere, .hyphen_gap = 1,
	};
	const char *t = ed->blocks[0].text;
	struct text_line *lines;
	struct search_hit *h;
	char word[128], half[128];
	size_t nl, i, n, a, b;
	int hyphens = 0;

	(void)state;
	assert_null(strchr(t, '-'));
	nl = text_wrap(t, strlen(t), &o, &lines);
	held.mem = lines;
	for (i = 0; i + 1 < nl; i++) {
		if (!lines[i].hyphen)
			continue;
		hyphens++;
		/* The word cut at the end of line i, whole. */
		a = lines[i].end;
		while (a > 0 && t[a - 1] != ' ')
			a--;
		b = lines[i].end;
		while (t[b] && t[b] != ' ' && t[b] != '.')
			b++;
		snprintf(word, sizeof(word), "%.*s", (int)(b - a), t + a);
		/* As shown: "extra-" on one line, "ordinarily" on the next. */
		snprintf(half, sizeof(half), "%.*s-", (int)(lines[i].end - a),
			 t + a);
		assert_int_equal(run_count(ix, half), 0);
		n = run(ix, word, &h);
		assert_int_equal(n, 1);
		assert_int_equal(h[0].start, a);
		assert_int_equal(h[0].end, b);
	}
	assert_true(hyphens > 0);
}

/* ---- 3. smartcase ---- */

static void
test_smartcase(void **state)
{
	uint32_t s[MAXHITS], e[MAXHITS];

	(void)state;
	assert_int_equal(count("bri", "BRI bri Bri"), 3);
	one("BRI", "BRI bri Bri", 0, 3);
	one("BRI", "bri Bri BRI", 8, 11);
	one("Bri", "BRI bri Bri", 8, 11);
	assert_int_equal(count("BRI", "bri Bri bRI"), 0);
	/* Accents are still ignored. */
	one("Zurich", "zürich Zürich ZÜRICH", 8, 15);
	one("ZURICH", "zürich Zürich ZÜRICH", 16, 23);
	one("Zürich", "zurich Zurich", 7, 13);
	one("CAFE", "café CAFÉ Café", 6, 11);
	one("Αθηνα", "αθήνα Αθήνα", 11, 21);
	one("Москва", "москва Москва", 13, 25);
	assert_int_equal(count("Zurich", "zürich ZÜRICH"), 0);
	/* A lowercase query is case-blind, inside a word too. */
	assert_int_equal(find("bri", "xBRIx", s, e), 1);
	assert_int_equal(s[0], 1);
	assert_int_equal(e[0], 4);
}

static void
test_smartcase_run(void **state)
{
	static const char xml[] = EDITION(
		"<page number=\"1\"><article id=\"a\">"
		"<headline>BRI talks in Zürich</headline>"
		"<p>The bri roads; Bri for short; zürich or Zürich.</p>"
		"</article></page>");
	struct edition *ed = load(xml);
	struct search_index *ix = index_of(ed);
	struct search_hit *h;
	size_t n;

	(void)state;
	assert_int_equal(run_count(ix, "bri"), 3);
	n = run(ix, "BRI", &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].field, SF_HEADLINE);
	assert_int_equal(h[0].start, 0);
	assert_int_equal(h[0].end, 3);
	assert_int_equal(run_count(ix, "Bri"), 1);
	assert_int_equal(run_count(ix, "zurich"), 3);
	n = run(ix, "Zurich", &h);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].field, SF_HEADLINE);
	assert_int_equal(h[1].field, SF_TEXT);
	assert_int_equal(h[1].start,
			 at(search_seg_text(ix, h[1].seg), "Zürich."));
}

/*
 * A place that matches folded but not in case is no hit, and the search
 * goes on from the next character, not past the place: a real hit that
 * overlaps a refused one is still found.
 */
static void
test_smartcase_refused_overlap(void **state)
{
	static const char xml[] = EDITION(
		"<page number=\"1\"><article id=\"a\">"
		"<headline>boBob</headline>"
		"</article></page>");
	struct search_index *ix = index_of(load(xml));
	struct search_hit *h;

	(void)state;
	one("Aa", "aAa", 1, 3);
	one("Bob", "boBob", 2, 5);
	assert_int_equal(count("ÉÉ", "éÉÉÉÉ"), 2);
	assert_int_equal(run(ix, "Bob", &h), 1);
	assert_int_equal(h[0].start, 2);
	assert_int_equal(h[0].end, 5);
}

/* ---- 4. regular expressions ---- */

static void
test_regex(void **state)
{
	const char *text = "sci-tech and scitech, SCI-TECH, Sci-Tech";
	uint32_t s[MAXHITS], e[MAXHITS];
	size_t k;

	(void)state;
	k = find("\\rsci-?tech", text, s, e);
	assert_int_equal(k, 4);
	assert_int_equal(s[0], 0);
	assert_int_equal(e[0], 8);
	assert_int_equal(s[1], 13);
	assert_int_equal(e[1], 20);
	assert_int_equal(s[2], 22);
	assert_int_equal(s[3], 32);
	assert_int_equal(e[3], 40);
	/* Uppercase in the pattern: case-sensitive. */
	one("\\rSCI-?TECH", text, 22, 30);
	one("\\rSci-Tech", text, 32, 40);
	assert_int_equal(count("\\rSCITECH", "scitech"), 0);
	/* Matched against the original text: accents count. */
	one("\\rcaf.", "Café", 0, 5);
	assert_int_equal(count("\\rcafe", "Café"), 0);
	/* Anchors: ^ only at the start of the text. */
	one("\\r^a", "aaa", 0, 1);
	/* At most max hits. */
	compile(&held.q, "\\ra");
	assert_true(held.q.regex);
	assert_int_equal(search_text(&held.q, "aaaaa", 5, s, e, 2, NULL), 2);
	assert_int_equal(e[1], 2);
}

static void
test_regex_bad(void **state)
{
	struct search_query *q = &held.q;
	struct buf *err = &held.b[1];

	(void)state;
	assert_int_equal(search_compile(q, "\\r(", err), -1);
	assert_true(err->len > 0);
	assert_non_null(strstr(buf_str(err), "regular expression"));
	search_query_release(q);
	search_query_release(q);
	buf_reset(err);
	assert_int_equal(search_compile(q, "\\r[a-", err), -1);
	assert_true(err->len > 0);
	search_query_release(q);
	buf_reset(err);
	assert_int_equal(search_compile(q, "\\r", err), -1);
	assert_true(err->len > 0);
	search_query_release(q);
}

/* What glibc's regcomp would spell out into gigabytes, or match in
   exponential time, is refused with a message; the like of what people
   type is not. */
static void
test_regex_too_costly(void **state)
{
	static const struct {
		const char *re, *why;	/* why: NULL when it compiles */
	} cases[] = {
		/* Once a fuzz_search out-of-memory (2 GB in regcomp). */
		{ "(a|b)+++++++++++++++++++++*", "repeats too much" },
		{ "((a{1,200}){1,200}){1,200}", "repeats too much" },
		{ "a{2001}", "repeats too much" },
		/* regexec's time grows with the cube of it. */
		{ "a{101}", "repeats too much" },
		{ ".{1,2000}x", "repeats too much" },
		{ "(.|..|...|....|.....){1,20}", "repeats too much" },
		{ "(ab|cd){1,500}", "repeats too much" },
		{ "[(]{1,9000}", "repeats too much" },
		/* Once a fuzz_search timeout (13 s in regcomp's eclosure). */
		{ "a\\\\**************************", "repeats too much" },
		{ "((a*)*)*b?c?(d?)?", "nest too deep" },
		/* Once a fuzz_search timeout (16 s in regexec over 255
		   bytes: each quantifier over another doubles the time). */
		{ ".++++++++++don't+++", "repeats too much" },
		{ ".+++don't", "nest too deep" },
		{ "x+++", "nest too deep" },
		{ "((x+)+)+", "nest too deep" },
		{ "(a(b(c?)*)+)", "nest too deep" },
		{ "x{1,3}{2}{2}", "nest too deep" },
		{ "(a*)*b?c?(d?)?", NULL },
		{ "x++", NULL },
		{ "(ab+|c*)+d?", NULL },
		{ "((((((((((((((((((((((((((((((((((a))))))))))))))))))))"
		  "))))))))))))))", "groups inside each other" },
		{ "(a)\\1", "back-references" },
		{ "(x+x+)+\\2", "back-references" },
		{ "colou?r", NULL },
		{ "[0-9]{4}", NULL },
		{ "a{100}", NULL },
		{ "(.|..|...){1,14}", NULL },
		{ "the quick brown fox jumps over the lazy dog", NULL },
		{ "x{2,}y{1,3}", NULL },
		{ "[]a]+", NULL },
		{ "[[:alpha:]]{3,5}", NULL },
		{ "\\(a\\)", NULL },
		{ "a)b", NULL },
		{ "(.*){1,30}x", NULL },
		{ "(.*){1,300}x", "repeats too much" },
		{ "(x?){1,600}", "repeats too much" },
	};
	struct search_query *q = &held.q;
	struct buf *err = &held.b[1];
	char query[256];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int r;

		snprintf(query, sizeof(query), "\\r%s", cases[i].re);
		buf_reset(err);
		r = search_compile(q, query, err);
		if (cases[i].why) {
			if (r != -1 || !strstr(buf_str(err), cases[i].why))
				fail_msg("%s: %d, \"%s\"", cases[i].re, r,
					 buf_str(err));
		} else if (r != 0) {
			fail_msg("%s: refused: %s", cases[i].re, buf_str(err));
		}
		search_query_release(q);
	}
}

/*
 * A regular expression is matched SEARCH_RE_WINDOW bytes at a time: $
 * only at the real end, a short hit across a window's end found, a long
 * one cut at the window.
 */
static void
test_regex_windows(void **state)
{
	size_t n = 3 * SEARCH_RE_WINDOW, k;
	char *text = malloc(n + 16);
	uint32_t s[MAXHITS], e[MAXHITS];
	struct search_query *q = &held.q;

	(void)state;
	assert_non_null(text);
	memset(text, 'a', n);
	strcpy(text + n, "b");
	compile(q, "\\ra$");
	assert_int_equal(search_text(q, text, n + 1, s, e, MAXHITS, NULL), 0);
	search_query_release(q);
	compile(q, "\\rb$");
	assert_int_equal(search_text(q, text, n + 1, s, e, MAXHITS, NULL), 1);
	assert_int_equal(s[0], n);
	search_query_release(q);
	/* "needle" across the first window's end. */
	memcpy(text + SEARCH_RE_WINDOW - 3, "needle", 6);
	compile(q, "\\rne+dle");
	assert_int_equal(search_text(q, text, n + 1, s, e, MAXHITS, NULL), 1);
	assert_int_equal(s[0], SEARCH_RE_WINDOW - 3);
	assert_int_equal(e[0], SEARCH_RE_WINDOW + 3);
	search_query_release(q);
	/* a+ over 3 windows of a's: at most a window each. */
	memset(text, 'a', n);
	compile(q, "\\ra+");
	k = search_text(q, text, n, s, e, MAXHITS, NULL);
	assert_int_equal(k, 3);
	assert_int_equal(s[0], 0);
	assert_int_equal(e[0], SEARCH_RE_WINDOW);
	assert_int_equal(e[2], n);
	search_query_release(q);
	/* A window ends between words: "word" of "words" across the first
	   window's end is no word, and the hit there is not cut. */
	memset(text, ' ', n);
	memcpy(text + SEARCH_RE_WINDOW - 4, "words", 5);
	compile(q, "\\rword\\>");
	assert_int_equal(search_text(q, text, n, s, e, MAXHITS, NULL), 0);
	search_query_release(q);
	compile(q, "\\r[a-z]+");
	assert_int_equal(search_text(q, text, n, s, e, MAXHITS, NULL), 1);
	assert_int_equal(s[0], SEARCH_RE_WINDOW - 4);
	assert_int_equal(e[0], SEARCH_RE_WINDOW + 1);
	search_query_release(q);
	free(text);
}

/*
 * A regular expression that glibc matches slowly (0.3 s a kilobyte of
 * accented text) over an edition of 40 KB stops after SEARCH_RE_MS, with
 * what it found until then; a screen line's search after
 * SEARCH_RE_LINE_MS.
 */
static void
test_regex_out_of_time(void **state)
{
	static const char words[] = "Caf\xc3\xa9 na\xc3\xafve se\xc3\xb1or "
				    "\xe2\x80\x94 Stra\xc3\x9f" "e qqx ";
	struct buf xml = BUF_INIT, para = BUF_INIT, body = BUF_INIT;
	struct search_index *ix;
	struct search_hit *h;
	struct timespec t0, t1;
	struct search_query *q = &held.q;
	uint32_t s[MAXHITS], e[MAXHITS];
	bool stopped = false;
	double secs;
	size_t i;

	(void)state;
	while (para.len < 4000)
		buf_adds(&para, words);
	for (i = 0; i < 10; i++)
		buf_addf(&body, "<p>%s</p>", para.s);
	buf_addf(&xml, EDITION("<page number=\"1\"><article id=\"a\">"
			       "<headline>Slow</headline>%s</article></page>"),
		 body.s);
	ix = index_of(load(xml.s));
	compile(q, "\\r.{1,96}qqq");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	h = NULL;
	(void)search_run(ix, q, &h, &stopped);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(h);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(stopped);
	/* The time, and at most a window's more (3x under ASan). */
	assert_true(secs >= SEARCH_RE_MS / 1000.0);
	assert_true(secs < SEARCH_RE_MS / 1000.0 + 8);
	stopped = false;
	(void)search_text(q, para.s, para.len, s, e, MAXHITS, &stopped);
	assert_true(stopped);
	search_query_release(q);
	/* A phrase search never stops. */
	compile(q, "qqq");
	h = NULL;
	assert_int_equal(search_run(ix, q, &h, &stopped), 0);
	assert_false(stopped);
	free(h);
	search_query_release(q);
	buf_release(&xml);
	buf_release(&para);
	buf_release(&body);
}

static void
test_regex_empty_match(void **state)
{
	static const char xml[] = EDITION(
		"<page number=\"1\"><article id=\"a\">"
		"<headline>xx marks</headline>"
		"<p>axxbx, no ex, and é x</p>"
		"</article></page>");
	uint32_t s[MAXHITS], e[MAXHITS];
	size_t k;
	struct edition *ed;
	struct search_index *ix;
	struct search_hit *h;
	size_t n, i;

	(void)state;
	k = find("\\rx*", "axxbx", s, e);
	assert_int_equal(k, 2);
	assert_int_equal(s[0], 1);
	assert_int_equal(e[0], 3);
	assert_int_equal(s[1], 4);
	assert_int_equal(e[1], 5);
	assert_int_equal(count("\\rx*", "abc"), 0);
	assert_int_equal(count("\\rx*", ""), 0);
	/* An empty match between the bytes of "é" is stepped over whole. */
	assert_int_equal(count("\\rx*", "ééx"), 1);
	assert_int_equal(count("\\r()", "abc"), 0);
	ed = load(xml);
	ix = index_of(ed);
	n = run(ix, "\\rx*", &h);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++)
		assert_true(h[i].end > h[i].start);
	assert_int_equal(h[0].field, SF_HEADLINE);
	assert_int_equal(h[0].end - h[0].start, 2);
}

/* More hits in one field than regex_some hands out at a time. */
static void
test_regex_many(void **state)
{
	struct buf *xml = &held.b[1];
	struct edition *ed;
	struct search_index *ix;
	struct search_hit *h;
	size_t n, i;

	(void)state;
	buf_adds(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		 "<edition version=\"1\" title=\"T\" date=\"2026\">"
		 "<page number=\"1\"><article id=\"a\"><headline>H</headline>"
		 "<p>");
	for (i = 0; i < 150; i++)
		buf_adds(xml, "ab ");
	buf_adds(xml, "</p></article></page></edition>");
	ed = load(buf_str(xml));
	ix = index_of(ed);
	n = run(ix, "\\rab", &h);
	assert_int_equal(n, 150);
	for (i = 0; i < n; i++) {
		assert_int_equal(h[i].start, 3 * i);
		assert_int_equal(h[i].end, 3 * i + 2);
	}
	assert_int_equal(run_count(ix, "ab"), 150);
}

/*
 * search_text is for a screen line: text[0..n) of a longer string.  No
 * hit may reach past n, whatever follows in memory.
 */
static void
test_text_bounded(void **state)
{
	const char *text = "sci-tech forum, scitech";
	uint32_t s[MAXHITS], e[MAXHITS];
	struct search_query *q = &held.q;
	size_t k, i;

	(void)state;
	compile(q, "sci-tech");
	assert_int_equal(search_text(q, text, 3, s, e, MAXHITS, NULL), 0);
	assert_int_equal(search_text(q, text, 8, s, e, MAXHITS, NULL), 1);
	search_query_release(q);
	compile(q, "\\rforum");
	k = search_text(q, text, 3, s, e, MAXHITS, NULL);
	if (k)
		fprintf(stderr, "\"\\rforum\" in \"%.3s\": [%u, %u)\n",
			text, s[0], e[0]);
	assert_int_equal(k, 0);
	search_query_release(q);
	compile(q, "\\rsci-?tech");
	k = search_text(q, text, 3, s, e, MAXHITS, NULL);
	for (i = 0; i < k; i++)
		assert_true(e[i] <= 3);
	assert_int_equal(k, 0);
	k = search_text(q, text + 16, 3, s, e, MAXHITS, NULL);
	assert_int_equal(k, 0);
	search_query_release(q);
	/* "$" is the end of the line, not of the string. */
	compile(q, "\\rsci-tech$");
	assert_int_equal(search_text(q, text, 8, s, e, MAXHITS, NULL), 1);
	search_query_release(q);
}

/* ---- 5. fields ---- */

static const char fields_xml[] = EDITION(
	"<page number=\"A1\" section=\"Front\">"
	"<article id=\"f\">"
	"<kicker>Kickword rubric</kicker>"
	"<headline>Council passes budget</headline>"
	"<deck>Seven votes to two</deck>"
	"<byline>By Ann Bylineson</byline>"
	"<dateline>DATELINEVILLE</dateline>"
	"<p>Paraword in the body.</p>"
	"<subhead>Subword in a crosshead</subhead>"
	"<quote>Quoteword, she said</quote>"
	"<photo credit=\"Creditperson\" src=\"p.jpg\">"
	"<caption>Captionword of a photo</caption></photo>"
	"<jump to=\"A2\"/>"
	"</article>"
	"</page>"
	"<page number=\"A2\">"
	"<continuation article=\"f\" from=\"A1\">"
	"<headline>Budget, cont.</headline>"
	"<p>Lastword of the story.</p>"
	"</continuation>"
	"<photo credit=\"Pagecredit\"><caption>Pagecaption alone</caption>"
	"</photo>"
	"</page>");

/* The block of ed whose text (or credit) is s. */
static size_t
block_with(const struct edition *ed, const char *s)
{
	size_t i;

	for (i = 0; i < ed->nblocks; i++)
		if (!strcmp(ed->blocks[i].text, s) ||
		    (ed->blocks[i].credit && !strcmp(ed->blocks[i].credit, s)))
			return i;
	fail_msg("no block \"%s\"", s);
	return NONE;
}

static void
test_fields(void **state)
{
	static const struct {
		const char *query;
		enum search_field field;
		const char *name;
		size_t page;
		bool head;	/* a part's head field: block NONE */
		const char *block;	/* else the block's text */
	} want[] = {
		{ "kickword", SF_KICKER, "kicker", 0, true, NULL },
		{ "passes", SF_HEADLINE, "headline", 0, true, NULL },
		{ "seven", SF_DECK, "deck", 0, true, NULL },
		{ "bylineson", SF_BYLINE, "byline", 0, true, NULL },
		{ "datelineville", SF_DATELINE, "dateline", 0, true, NULL },
		{ "paraword", SF_TEXT, "text", 0, false,
		  "Paraword in the body." },
		{ "subword", SF_SUBHEAD, "crosshead", 0, false,
		  "Subword in a crosshead" },
		{ "quoteword", SF_QUOTE, "quote", 0, false,
		  "Quoteword, she said" },
		{ "captionword", SF_CAPTION, "caption", 0, false,
		  "Captionword of a photo" },
		{ "creditperson", SF_CREDIT, "credit", 0, false,
		  "Captionword of a photo" },
		{ "cont.", SF_HEADLINE, "headline", 1, true, NULL },
		{ "lastword", SF_TEXT, "text", 1, false,
		  "Lastword of the story." },
	};
	struct edition *ed = load(fields_xml);
	struct search_index *ix = index_of(ed);
	struct search_hit *h;
	size_t i, n, pb;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		n = run(ix, want[i].query, &h);
		if (n != 1)
			fprintf(stderr, "\"%s\": %zu hits\n", want[i].query,
				n);
		assert_int_equal(n, 1);
		assert_int_equal(h[0].field, want[i].field);
		assert_string_equal(search_field_name(h[0].field),
				    want[i].name);
		assert_int_equal(h[0].page, want[i].page);
		assert_int_equal(h[0].part, want[i].page);
		if (want[i].head)
			assert_int_equal(h[0].block, NONE);
		else
			assert_int_equal(h[0].block,
					 block_with(ed, want[i].block));
		assert_true(h[0].seg < search_nsegs(ix));
	}
	/* A page-level photo: no part. */
	pb = block_with(ed, "Pagecaption alone");
	n = run(ix, "pagecaption", &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].part, NONE);
	assert_int_equal(h[0].block, pb);
	assert_int_equal(h[0].page, 1);
	assert_int_equal(h[0].field, SF_CAPTION);
	assert_string_equal(search_seg_text(ix, h[0].seg),
			    "Pagecaption alone");
	n = run(ix, "pagecredit", &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].part, NONE);
	assert_int_equal(h[0].block, pb);
	assert_int_equal(h[0].field, SF_CREDIT);
	assert_int_equal(h[0].start, 0);
	assert_int_equal(h[0].end, strlen("Pagecredit"));
	/* Fields never run together. */
	assert_int_equal(run_count(ix, "passes budget"), 1);
	assert_int_equal(run_count(ix, "budget seven"), 0);
	assert_int_equal(run_count(ix, "rubric council"), 0);
	assert_int_equal(run_count(ix, "bylineson datelineville"), 0);
	assert_int_equal(run_count(ix, "body. subword"), 0);
	assert_int_equal(run_count(ix, "photo creditperson"), 0);
	assert_int_equal(run_count(ix, "story.pagecaption"), 0);
	assert_int_equal(run_count(ix, "\\rbudget.seven"), 0);
	assert_int_equal(run_count(ix, "\\rbudget$"), 1);
	/* Not searched: ids, page labels, the masthead, src, jumps. */
	assert_int_equal(run_count(ix, "search times"), 0);
	assert_int_equal(run_count(ix, "p.jpg"), 0);
	assert_int_equal(run_count(ix, "a2"), 0);
	assert_string_equal(search_field_name((enum search_field)99), "");
}

/* ---- 6. places and order ---- */

static void
test_seg_of(void **state)
{
	struct edition *ed = load(fields_xml);
	struct search_index *ix = index_of(ed);
	size_t i, b;

	(void)state;
	assert_int_equal(ed->nparts, 2);
	/* A part's head: its first field (the kicker, else the headline). */
	assert_string_equal(search_seg_text(ix, search_seg_of(ix, 0, NONE)),
			    "Kickword rubric");
	assert_string_equal(search_seg_text(ix, search_seg_of(ix, 1, NONE)),
			    "Budget, cont.");
	assert_int_equal(search_seg_of(ix, 0, NONE), 0);
	/* A block: its field (a photo's caption, before its credit). */
	for (i = 0; i < ed->nblocks; i++) {
		size_t part = NONE, p;

		for (p = 0; p < ed->nparts; p++)
			if (i >= ed->parts[p].first_block &&
			    i < ed->parts[p].first_block + ed->parts[p].nblocks)
				part = p;
		assert_string_equal(search_seg_text(ix, search_seg_of(ix, part,
								      i)),
				    ed->blocks[i].text);
	}
	b = block_with(ed, "Pagecaption alone");
	assert_int_equal(search_seg_of(ix, NONE, b), search_nsegs(ix) - 2);
	assert_string_equal(search_seg_text(ix, search_nsegs(ix) - 1),
			    "Pagecredit");
	/* Out of range: the start. */
	assert_int_equal(search_seg_of(ix, 99, NONE), 0);
	assert_int_equal(search_seg_of(ix, NONE, NONE), 0);
	assert_string_equal(search_seg_text(ix, search_nsegs(ix)), "");
	/* kicker headline deck byline dateline p subhead quote caption
	   credit | headline p | caption credit */
	assert_int_equal(search_nsegs(ix), 14);
}

/*
 * search_seg_of is "at or after here": a place with no text of its own
 * (a photo with neither caption nor credit) is followed by the next
 * field, not sent back to its part's head.
 */
static void
test_seg_of_empty_place(void **state)
{
	static const char xml[] = EDITION(
		"<page number=\"1\"><article id=\"a\">"
		"<headline>Head</headline>"
		"<p>One</p>"
		"<photo src=\"x.jpg\"/>"
		"<p>Two</p>"
		"</article></page>");
	struct edition *ed = load(xml);
	struct search_index *ix = index_of(ed);
	size_t photo = NONE, i;

	(void)state;
	for (i = 0; i < ed->nblocks; i++)
		if (ed->blocks[i].kind == BLOCK_PHOTO)
			photo = i;
	assert_int_not_equal(photo, NONE);
	assert_string_equal(ed->blocks[photo].text, "");
	assert_int_equal(search_nsegs(ix), 3);
	assert_string_equal(search_seg_text(ix, search_seg_of(ix, 0, photo)),
			    "Two");
}

/* Non-overlapping, ASCII-case-blind occurrences of w in s. */
static size_t
naive_count(const char *s, const char *w)
{
	size_t n = 0;

	while ((s = strcasestr(s, w)) != NULL) {
		n++;
		s += strlen(w);
	}
	return n;
}

static void
test_order_and_count(void **state)
{
	static const char *const words[] = {
		"bridge", "the", "council", "wrenfield", "march", "street",
	};
	struct edition *ed = load_sample();
	struct search_index *ix = index_of(ed);
	struct search_hit *h;
	size_t w, i, n, want;

	(void)state;
	assert_true(search_nsegs(ix) > 20);
	for (w = 0; w < ARRAY_SIZE(words); w++) {
		want = 0;
		for (i = 0; i < search_nsegs(ix); i++)
			want += naive_count(search_seg_text(ix, i), words[w]);
		n = run(ix, words[w], &h);
		assert_true(want > 0);
		assert_int_equal(n, want);
		for (i = 0; i < n; i++) {
			const char *t = search_seg_text(ix, h[i].seg);

			assert_int_equal(h[i].end - h[i].start,
					 strlen(words[w]));
			assert_int_equal(strncasecmp(t + h[i].start, words[w],
						     strlen(words[w])), 0);
			if (i == 0)
				continue;
			/* Edition order: by field, then within it. */
			assert_true(h[i].seg > h[i - 1].seg ||
				    (h[i].seg == h[i - 1].seg &&
				     h[i].start >= h[i - 1].end));
			assert_true(h[i].page >= h[i - 1].page);
		}
	}
	/* Pages in order across the whole edition. */
	n = run(ix, "\\r.", &h);
	assert_true(n > 1000);
	for (i = 1; i < n; i++)
		assert_true(h[i].page >= h[i - 1].page);
	assert_int_equal(h[n - 1].page, ed->npages - 1);
	/* The accented byline: "By Zoë Marchetti". */
	n = run(ix, "zoe", &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].field, SF_BYLINE);
	assert_int_equal(h[0].end - h[0].start, strlen("Zoë"));
}

static void
test_repeats(void **state)
{
	static const char xml[] = EDITION(
		"<page number=\"1\"><article id=\"a\">"
		"<headline>aaaa</headline><p>aaa aa a</p>"
		"</article></page>");
	struct edition *ed = load(xml);
	struct search_index *ix = index_of(ed);
	uint32_t s[MAXHITS], e[MAXHITS];
	struct search_hit *h;
	size_t n;

	(void)state;
	/* After a hit the search goes on past it: no overlapping hits. */
	assert_int_equal(find("aa", "aaaa", s, e), 2);
	assert_int_equal(s[0], 0);
	assert_int_equal(s[1], 2);
	assert_int_equal(count("aa", "aaa"), 1);
	assert_int_equal(count("aba", "ababa"), 1);
	n = run(ix, "aa", &h);
	assert_int_equal(n, 4);		/* 2 in "aaaa", 1 in "aaa", 1 */
	assert_int_equal(h[0].start, 0);
	assert_int_equal(h[1].start, 2);
	assert_int_equal(h[2].start, 0);
	assert_int_equal(h[3].start, 4);
	assert_int_equal(run_count(ix, "a"), 10);
}

/* A character folded to several holds a query that is a part of it more
   than once: one hit (fuzz_search: "." three times in "\u2026"). */
static void
test_repeats_in_one_char(void **state)
{
	static const char xml[] = EDITION(
		"<page number=\"1\"><article id=\"a\">"
		"<headline>Wait\xe2\x80\xa6 o\xef\xac\x83" "ce</headline>"
		"</article></page>");
	struct edition *ed = load(xml);
	struct search_index *ix = index_of(ed);
	uint32_t s[MAXHITS], e[MAXHITS];
	struct search_hit *h;

	(void)state;
	assert_int_equal(find(".", "a \xe2\x80\xa6 b", s, e), 1);
	assert_int_equal(s[0], 2);
	assert_int_equal(e[0], 5);
	assert_int_equal(find("f", "o\xef\xac\x83" "ce", s, e), 1);
	assert_int_equal(run(ix, ".", &h), 1);
	assert_int_equal(h[0].start, 4);
	assert_int_equal(h[0].end, 7);
	assert_int_equal(run_count(ix, "f"), 1);
	assert_int_equal(run_count(ix, "ffi"), 1);
}

/* ---- 7. excerpts ---- */

/* Whether i is a grapheme boundary of s. */
static bool
boundary(const char *s, size_t i)
{
	size_t n = strlen(s), j = 0;

	while (j < i)
		j = text_next_grapheme(s, n, j);
	return j == i;
}

/*
 * search_excerpt of text around [start, end) in cells: checked for the
 * rules of search.h; returns its width.
 */
static int
excerpt(const char *text, uint32_t start, uint32_t end, int cells,
	char *out, size_t outsz)
{
	static const char ell[] = "\u2026";
	const size_t el = sizeof(ell) - 1;
	struct buf *b = &held.b[0];
	size_t n = strlen(text), len, a;
	const char *body;
	bool lead, trail;
	int w;

	buf_reset(b);
	search_excerpt(text, start, end, cells, b);
	body = buf_str(b);
	len = b->len;
	w = text_width(body, len);
	lead = len >= el && !memcmp(body, ell, el);
	if (lead) {
		body += el;
		len -= el;
	}
	trail = len >= el && !memcmp(body + len - el, ell, el);
	if (trail)
		len -= el;
	/* The body is the text at some a <= start, holding the match. */
	for (a = 0; a <= start; a++)
		if (a + len >= end && a + len <= n &&
		    !memcmp(text + a, body, len))
			break;
	if (a > start)
		fail_msg("excerpt \"%s\" of [%u, %u) of \"%s\": not the text "
			 "around the match", buf_str(b), start, end, text);
	assert_true(a <= start && a + len >= end);
	/* "…" only where cut, and there always. */
	assert_int_equal(lead, a > 0);
	assert_int_equal(trail, a + len < n);
	/* Cut at grapheme boundaries. */
	assert_true(boundary(text, a));
	assert_true(boundary(text, a + len));
	if (out)
		snprintf(out, outsz, "%s", buf_str(b));
	return w;
}

static void
test_excerpt(void **state)
{
	const char *text = "The council voted seven to two on Thursday night "
		"after a long debate about the budget for the coming year, "
		"which starts in July.";
	char out[512];
	uint32_t s = at(text, "budget"), e = s + 6;
	int cells, w;

	(void)state;
	for (cells = 8; cells <= 60; cells++) {
		w = excerpt(text, s, e, cells, out, sizeof(out));
		assert_true(w <= cells);
		/* About cells: what a cut between words gives back is
		   a word's end, 12 cells at most on either side. */
		assert_true(w >= cells - 24);
	}
	/* Long words: cut inside a word rather than lose most of it. */
	for (cells = 20; cells <= 60; cells++) {
		const char *lw = "Incomprehensibilities and "
			"pneumonoultramicroscopicsilicovolcanoconiosis of budget "
			"pneumonoultramicroscopicsilicovolcanoconiosis again";
		const char *m;
		int side = (cells - 2 - 6) / 2 - 14;

		s = at(lw, "budget");
		w = excerpt(lw, s, s + 6, cells, out, sizeof(out));
		assert_true(w <= cells);
		assert_true(w >= cells - 24);
		/* Around the match: context on both sides, less what a
		   cut between words gave back. */
		m = strstr(out, "budget");
		assert_true(text_width(out, (size_t)(m - out)) - 1 >= side);
		assert_true(text_width(m + 6, strlen(m + 6)) - 1 >= side);
	}
	s = at(text, "budget");
	w = excerpt(text, s, e, 40, out, sizeof(out));
	assert_true(w > 24);
	assert_non_null(strstr(out, "budget"));
	/* The whole text fits: no "…". */
	w = excerpt(text, s, e, 500, out, sizeof(out));
	assert_string_equal(out, text);
	assert_int_equal(w, text_width(text, strlen(text)));
	/* At the very start and the very end. */
	w = excerpt(text, 0, 3, 30, out, sizeof(out));
	assert_true(w <= 30);
	assert_memory_equal(out, "The council", 11);
	w = excerpt(text, (uint32_t)strlen(text) - 5, (uint32_t)strlen(text),
		    30, out, sizeof(out));
	assert_true(w <= 30);
	assert_true(strlen(out) > 5);
	assert_string_equal(out + strlen(out) - 5, "July.");
	/* A match longer than the excerpt is still whole. */
	s = at(text, "seven");
	e = at(text, "debate") + 6;
	excerpt(text, s, e, 10, out, sizeof(out));
	assert_non_null(strstr(out, "seven to two on Thursday night after a "
				    "long debate"));
	excerpt(text, 0, (uint32_t)strlen(text), 10, out, sizeof(out));
	assert_string_equal(out, text);
}

static void
test_excerpt_wide(void **state)
{
	struct buf *t = &held.b[1];
	char out[1024];
	uint32_t s;
	size_t i;
	int cells, w;

	(void)state;
	/* CJK: two cells a character, no spaces to cut at. */
	for (i = 0; i < 30; i++)
		buf_adds(t, "国际合作新闻");
	s = (uint32_t)(t->len / 2 / 3 * 3);
	for (cells = 6; cells <= 41; cells++) {
		w = excerpt(t->s, s, s + 6, cells, out, sizeof(out));
		assert_true(w <= cells);
		assert_true(w >= cells - 3);
	}
	/* Decomposed accents and mixed widths: never a mark cut off. */
	buf_reset(t);
	for (i = 0; i < 12; i++)
		buf_adds(t, "cafe\xcc\x81 国際 ｅ\xcc\x81\xcc\x82 ");
	buf_adds(t, "match");
	for (i = 0; i < 12; i++)
		buf_adds(t, " e\xcc\x81\xcc\x81\xcc\x81 中文 noe\xcc\x88l");
	s = at(t->s, "match");
	for (cells = 7; cells <= 70; cells++) {
		w = excerpt(t->s, s, s + 5, cells, out, sizeof(out));
		assert_true(w <= cells);
	}
}

/* Excerpts of real hits: each within its width, each holding its hit. */
static void
test_excerpt_hits(void **state)
{
	struct edition *ed = load_sample();
	struct search_index *ix = index_of(ed);
	struct search_hit *h;
	size_t n, i;
	int w;

	(void)state;
	n = run(ix, "the", &h);
	assert_true(n > 50);
	for (i = 0; i < n; i++) {
		w = excerpt(search_seg_text(ix, h[i].seg), h[i].start,
			    h[i].end, 32, NULL, 0);
		assert_true(w <= 32);
	}
}

/* ---- 8. bad queries ---- */

static void
test_empty_query(void **state)
{
	static const char *const empty[] = {
		"", " ", "     ", "\t \n ", "\r\n",
	};
	struct search_query *q = &held.q;
	struct buf *err = &held.b[1];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(empty); i++) {
		buf_reset(err);
		assert_int_equal(search_compile(q, empty[i], err), -1);
		assert_true(err->len > 0);
		search_query_release(q);
		search_query_release(q);
	}
	/* Released after success, then again: safe. */
	compile(q, "cafe");
	assert_non_null(q->folded);
	assert_false(q->smartcase);
	assert_false(q->regex);
	assert_int_equal(q->len, 4);
	search_query_release(q);
	search_query_release(q);
	compile(q, "\\rcafe");
	search_query_release(q);
	search_query_release(q);
	/* A released query finds nothing, and says so safely. */
	{
		struct edition *ed = load(fields_xml);
		struct search_index *ix = index_of(ed);
		struct search_hit *h = (struct search_hit *)q;
		uint32_t s[4], e[4];

		assert_int_equal(search_run(ix, q, &h, NULL), 0);
		assert_null(h);
		assert_int_equal(search_text(q, "abc", 3, s, e, 4, NULL), 0);
	}
}

/* An edition with no searchable text at all. */
static void
test_empty_index(void **state)
{
	static const char xml[] = EDITION("<page number=\"1\"/>");
	struct edition *ed = load(xml);
	struct search_index *ix = index_of(ed);
	struct search_hit *h;

	(void)state;
	assert_int_equal(search_nsegs(ix), 0);
	assert_int_equal(run(ix, "a", &h), 0);
	assert_int_equal(run(ix, "\\ra", &h), 0);
	assert_int_equal(search_seg_of(ix, NONE, NONE), 0);
	search_index_free(NULL);
}

int
main(void)
{
#define T(f) cmocka_unit_test_teardown(f, release_held)
	const struct CMUnitTest tests[] = {
		T(test_fold_latin),
		T(test_fold_scripts),
		T(test_fold_forms),
		T(test_fold_partial_expansion),
		T(test_offsets),
		T(test_offsets_run),
		T(test_phrase_across_lines),
		T(test_hyphenated_word),
		T(test_smartcase),
		T(test_smartcase_run),
		T(test_smartcase_refused_overlap),
		T(test_regex),
		T(test_regex_bad),
		T(test_regex_too_costly),
		T(test_regex_windows),
		T(test_regex_out_of_time),
		T(test_regex_empty_match),
		T(test_regex_many),
		T(test_text_bounded),
		T(test_fields),
		T(test_seg_of),
		T(test_seg_of_empty_place),
		T(test_order_and_count),
		T(test_repeats),
		T(test_repeats_in_one_char),
		T(test_excerpt),
		T(test_excerpt_wide),
		T(test_excerpt_hits),
		T(test_empty_query),
		T(test_empty_index),
	};

	text_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
