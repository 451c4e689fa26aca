/*
 * Unit and property tests of layout: the article view's seams and jump
 * lines, and the page view's invariants over synthetic editions from
 * ../shared/tools/gen-edition (skipped when ../shared is not there):
 * no row wider than the screen, no screen taller, every word of the page
 * present and in reading order across columns and screens.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#include "hyph.h"
#include "layout.h"
#include "load.h"
#include "text.h"

static char *
path_in_srcdir(const char *rel)
{
	const char *srcdir = getenv("srcdir");
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s/%s", srcdir ? srcdir : ".", rel);
	return buf_detach(&b);
}

static struct edition *
load(const char *path)
{
	struct diags d;
	int status;
	struct edition *ed;

	diags_init(&d, path);
	ed = load_file(path, NULL, &d, &status);
	diags_release(&d);
	return ed;
}

/* Append the letters and digits of s (lowercased) to out. */
static void
alnum(struct buf *out, const char *s, size_t n)
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

static void
alnum_s(struct buf *out, const char *s)
{
	if (s)
		alnum(out, s, strlen(s));
}

static void
expect_block(struct buf *out, const struct block *b)
{
	alnum_s(out, b->text);
	alnum_s(out, b->credit);
}

/* What a page must show, straight from the model, in print order. */
static void
expected_words(const struct edition *ed, size_t pg, struct buf *out)
{
	const struct page *p = &ed->pages[pg];
	size_t i, k;

	for (i = 0; i < p->nitems; i++) {
		const struct page_item *it = &ed->items[p->first_item + i];
		const struct part *pt;

		if (it->kind == ITEM_PHOTO) {
			alnum_s(out, "Photo");
			expect_block(out, &ed->blocks[it->index]);
			continue;
		}
		pt = &ed->parts[it->index];
		alnum_s(out, pt->kicker);
		if (pt->headline || pt->kind == PART_START)
			alnum_s(out, edition_part_headline(ed, it->index));
		alnum_s(out, pt->deck);
		alnum_s(out, pt->byline);
		alnum_s(out, pt->dateline);
		for (k = 0; k < pt->nblocks; k++) {
			const struct block *b =
				&ed->blocks[pt->first_block + k];

			if (b->kind == BLOCK_PHOTO)
				alnum_s(out, "Photo");
			expect_block(out, b);
		}
	}
}

/* What the laid-out page shows, column by column, screen by screen,
   leaving out jump lines (they are not the page's words). */
static void
shown_words(const struct page_layout *pl, struct buf *out)
{
	size_t s, i;
	int c;

	for (s = 0; s < pl->nscreens; s++)
		for (c = 0; c < pl->ncols; c++) {
			size_t k = s * (size_t)pl->ncols + (size_t)c;

			for (i = 0; i < pl->col_len[k]; i++) {
				const struct line *l =
					&pl->lines.v[pl->col_first[k] + i];

				if (l->role != ROLE_JUMP)
					alnum(out, l->text, l->len);
			}
		}
}

/*
 * No paragraph leaves its first line alone at the bottom of a column or
 * its last line alone at the top of one, and no headline ends a column.
 */
static void
check_columns(const struct page_layout *pl)
{
	size_t k, n = pl->nscreens * (size_t)pl->ncols;

	for (k = 0; k < n; k++) {
		const struct line *v = pl->lines.v + pl->col_first[k];
		size_t len = pl->col_len[k];

		if (!len)
			continue;
		if (len == (size_t)pl->body_rows) {
			assert_false(v[len - 1].para_first &&
				     !v[len - 1].para_last &&
				     v[len - 1].role == ROLE_BODY);
			/* A head ends a column only when the head and its
			   two lines are taller than a column (then it starts
			   the column). */
			if (v[len - 1].role == ROLE_HEADLINE) {
				size_t j = len - 1;

				while (j > 0 && v[j - 1].role >= ROLE_KICKER &&
				       v[j - 1].role <= ROLE_BYLINE)
					j--;
				if (j > 0 && v[j - 1].role == ROLE_JUMP)
					j--;
				assert_int_equal(j, 0);
			}
		}
		if (k)
			assert_false(v[0].para_last && !v[0].para_first &&
				     v[0].role == ROLE_BODY);
	}
}

static void
check_page(const struct edition *ed, size_t pg, int w, int h)
{
	struct layout_opts o = { .width = w, .height = h, .hyphenate = true };
	struct page_layout pl;
	struct buf want = BUF_INIT, got = BUF_INIT, row = BUF_INIT;
	size_t s;
	int r;

	assert_int_equal(layout_page(ed, pg, &o, &pl), 0);
	assert_int_equal(pl.body_rows + 2, h);
	assert_true(pl.nscreens >= 1);
	for (s = 0; s < pl.nscreens; s++) {
		int c;

		for (c = 0; c < pl.ncols; c++)
			assert_true(pl.col_len[s * (size_t)pl.ncols +
					       (size_t)c] <=
				    (size_t)pl.body_rows);
		for (r = 0; r < pl.body_rows; r++) {
			buf_reset(&row);
			page_layout_row(&pl, s, r, &row);
			assert_int_equal(text_width(buf_str(&row), row.len),
					 w);
		}
	}
	for (s = 0; s < pl.lines.n; s++)
		assert_true(pl.lines.v[s].width <= pl.colw);
	check_columns(&pl);
	expected_words(ed, pg, &want);
	shown_words(&pl, &got);
	if (strcmp(buf_str(&want), buf_str(&got)) != 0) {
		size_t i = 0;

		while (want.s[i] == got.s[i])
			i++;
		print_error("page %s at %dx%d differs at %zu: want \"%.40s\" "
			    "got \"%.40s\"\n", ed->pages[pg].label, w, h, i,
			    want.s + i, got.s + i);
		fail();
	}
	buf_release(&want);
	buf_release(&got);
	buf_release(&row);
	page_layout_release(&pl);
}

static const int sizes[][2] = {
	{ 80, 24 }, { 120, 40 }, { 200, 60 }, { 44, 20 }, { 20, 6 },
	{ 61, 9 },
};

static void
check_edition(const struct edition *ed)
{
	size_t p, z;

	for (p = 0; p < ed->npages; p++)
		for (z = 0; z < ARRAY_SIZE(sizes); z++)
			check_page(ed, p, sizes[z][0], sizes[z][1]);
}

static void
test_sample_pages(void **state)
{
	char *path = path_in_srcdir("src/sample.xml");
	struct edition *ed = load(path);

	(void)state;
	assert_non_null(ed);
	check_edition(ed);
	edition_free(ed);
	free(path);
}

static void
test_gen_edition_property(void **state)
{
	char *tool = path_in_srcdir("../shared/tools/gen-edition");
	int seed;

	(void)state;
	if (access(tool, X_OK) != 0) {
		free(tool);
		skip();
	}
	for (seed = 1; seed <= 4; seed++) {
		struct buf cmd = BUF_INIT;
		char file[] = "/tmp/folio-gen-XXXXXX";
		struct edition *ed;

		close(mkstemp(file));
		buf_addf(&cmd, "python3 %s --pages 6 --articles-per-page 4 "
			 "--seed %d --cjk-rate %s --photo-rate 0.8 > %s", tool,
			 seed, seed % 2 ? "0.3" : "0", file);
		assert_int_equal(system(cmd.s), 0);
		ed = load(file);
		assert_non_null(ed);
		check_edition(ed);
		edition_free(ed);
		unlink(file);
		buf_release(&cmd);
	}
	free(tool);
}

/*
 * The header: the page and its section, then the paper and the date at
 * the right; with no room for the paper's name, the date alone; with
 * none for that, the page cut with a mark.
 */
static void
header_is(const struct edition *ed, int width, bool ascii_only,
	  const char *want)
{
	struct buf b = BUF_INIT;

	layout_header(ed, 0, width, ascii_only, &b);
	assert_string_equal(b.s, want);
	assert_int_equal(text_width(b.s, b.len), width);
	buf_release(&b);
}

static void
test_header(void **state)
{
	char *path = path_in_srcdir("src/sample.xml");
	struct edition *ed = load(path);

	(void)state;
	assert_non_null(ed);
	header_is(ed, 52, false,
		  "Page A1 \u00b7 Front   The Wrenfield Courier \u00b7 2026-03-14");
	header_is(ed, 51, false,
		  "Page A1 \u00b7 Front" "                          2026-03-14");
	header_is(ed, 28, false, "Page A1 \u00b7 Front   2026-03-14");
	header_is(ed, 27, false, "Page A1 \u00b7 Front            ");
	header_is(ed, 27, true, "Page A1 - Front            ");
	header_is(ed, 10, false, "Page A1 \u00b7\u2026");
	header_is(ed, 12, true, "Page A1 - F~");
	edition_free(ed);
	free(path);
}

static void
test_too_small(void **state)
{
	char *path = path_in_srcdir("src/sample.xml");
	struct edition *ed = load(path);
	struct layout_opts o = { .width = 19, .height = 24 };
	struct page_layout pl;

	(void)state;
	assert_int_equal(layout_page(ed, 0, &o, &pl), -1);
	o.width = 80;
	o.height = 5;
	assert_int_equal(layout_page(ed, 0, &o, &pl), -1);
	page_layout_release(&pl);
	edition_free(ed);
	free(path);
}

static void
test_columns(void **state)
{
	char *path = path_in_srcdir("src/sample.xml");
	struct edition *ed = load(path);
	struct layout_opts o = { .width = 80, .height = 24, .hyphenate = true };
	struct page_layout pl;

	(void)state;
	assert_int_equal(layout_page(ed, 0, &o, &pl), 0);
	assert_int_equal(pl.ncols, 2);
	page_layout_release(&pl);
	o.width = 59;
	assert_int_equal(layout_page(ed, 0, &o, &pl), 0);
	assert_int_equal(pl.ncols, 1);
	assert_int_equal(pl.colw, 59);
	page_layout_release(&pl);
	o.width = 200;
	assert_int_equal(layout_page(ed, 0, &o, &pl), 0);
	assert_int_equal(pl.ncols, 5);
	page_layout_release(&pl);
	edition_free(ed);
	free(path);
}

/* The article view stitches every part with a seam and jump lines. */
static void
test_article_seams(void **state)
{
	char *path = path_in_srcdir("tests/fixtures/chain-3pages-backward.xml");
	struct edition *ed = load(path);
	struct layout_opts o = { .width = 50, .height = 24, .ascii = true };
	struct lines ls;
	size_t a, i, seams = 0, jumps = 0;

	(void)state;
	assert_non_null(ed);
	a = 0;
	while (a < ed->narticles && ed->articles[a].nparts < 3)
		a++;
	assert_true(a < ed->narticles);
	lines_init(&ls);
	layout_article(ed, a, &o, &ls);
	for (i = 0; i < ls.n; i++) {
		assert_true(ls.v[i].width <= 50);
		seams += ls.v[i].role == ROLE_SEAM;
		if (ls.v[i].role == ROLE_JUMP) {
			jumps++;
			assert_int_not_equal(ls.v[i].target, NONE);
		}
		/* ASCII only with --ascii. */
		for (size_t k = 0; k < ls.v[i].len; k++)
			if (ls.v[i].role != ROLE_BODY &&
			    ls.v[i].role != ROLE_HEADLINE)
				assert_true((unsigned char)ls.v[i].text[k] <
					    0x80);
	}
	assert_int_equal(seams, 3);
	assert_int_equal(jumps, 4);	/* 2 "continued", 2 "from" */
	lines_release(&ls);
	edition_free(ed);
	free(path);
}

/*
 * Hyphenation never changes the words: with Debian's real patterns,
 * joining each hyphenated line end to the next line gives the text back.
 */
static void
test_hyphenation_keeps_words(void **state)
{
	static const char *const text = "The international cooperation "
		"programme transformed telecommunication infrastructure, "
		"notwithstanding extraordinarily complicated administrative "
		"responsibilities and unquestionably uncharacteristic "
		"circumstances.";
	struct hyph *h = hyph_get("en");
	struct text_wrap_opts o;
	struct text_line *tl;
	int w, hyphens = 0;

	(void)state;
	if (!h)
		skip();
	for (w = 8; w <= 40; w++) {
		struct buf got = BUF_INIT;
		size_t n, i, len = strlen(text);

		memset(&o, 0, sizeof(o));
		o.width = w;
		o.lang = "en";
		o.hyphenate = hyph_points;
		o.hyphenate_ctx = h;
		o.hyphen_gap = 1;
		n = text_wrap(text, len, &o, &tl);
		for (i = 0; i < n; i++) {
			assert_true(tl[i].width <= w);
			buf_add(&got, text + tl[i].start,
				tl[i].end - tl[i].start);
			hyphens += tl[i].hyphen;
			/* A space where the text had one, nothing where a
			   hyphen was added. */
			if (i + 1 < n && tl[i + 1].start > tl[i].end)
				buf_addch(&got, ' ');
		}
		assert_string_equal(got.s, text);
		free(tl);
		buf_release(&got);
	}
	assert_true(hyphens > 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_article_seams),
		cmocka_unit_test(test_sample_pages),
		cmocka_unit_test(test_gen_edition_property),
		cmocka_unit_test(test_hyphenation_keeps_words),
	};

	text_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
