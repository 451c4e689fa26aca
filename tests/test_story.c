/*
 * Unit tests of the story builder (feeds/story.c): page order, jumps and
 * where a story's body is cut, article ids, made-up headlines, dates,
 * bylines and styled runs through whitespace collapsing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "diag.h"
#include "edition.h"
#include "story.h"
#include "text.h"

static struct diags d;

/* The edition of s, its stories that name no page on default_page. */
static struct edition *
build_on(struct story_set *s, const char *default_page)
{
	struct edition *ed;

	diags_release(&d);
	diags_init(&d, "t");
	ed = story_build(s, "Default", default_page, &d);
	story_set_free(s);
	assert_non_null(ed);
	return ed;
}

static struct edition *
build(struct story_set *s)
{
	return build_on(s, "News");
}

static void
para(struct story_set *s, const char *t)
{
	story_block_begin(s, BLOCK_PARA);
	story_text(s, t, (size_t)-1);
	story_block_end(s);
}

static const struct part *
part_of(const struct edition *ed, const char *id, size_t seq)
{
	size_t a = edition_article_by_id(ed, id);

	assert_int_not_equal(a, NONE);
	assert_true(seq < ed->articles[a].nparts);
	return &ed->parts[ed->articles[a].parts[seq]];
}

static void
test_order_appearance(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;

	(void)state;
	story_add(s, "w1", 1, 0);
	story_page(s, "World", "World");
	story_add(s, "s1", 2, 0);
	story_page(s, "Sport", NULL);
	story_add(s, "w2", 3, 0);
	story_page(s, "World", NULL);
	story_add(s, "n1", 4, 0);	/* no page: the default */
	ed = build(s);
	assert_int_equal(ed->npages, 3);
	assert_string_equal(ed->pages[0].label, "World");
	assert_null(ed->pages[0].section);	/* not "World · World" */
	assert_string_equal(ed->pages[1].label, "Sport");
	assert_string_equal(ed->pages[2].label, "News");
	assert_int_equal(ed->pages[0].nitems, 2);
	assert_string_equal(ed->title, "Default");
	edition_free(ed);
}

static void
test_order_print(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;

	(void)state;
	story_set_order(s, ORDER_PRINT);
	story_add(s, "a", 1, 0);
	story_page(s, "A12", "A");
	story_add(s, "b", 2, 0);
	story_page(s, "B1", "B");
	story_add(s, "c", 3, 0);
	story_page(s, "A2", "A");
	story_add(s, "d", 4, 0);
	story_page(s, "A1", "A");
	ed = build(s);
	assert_int_equal(ed->npages, 4);
	assert_string_equal(ed->pages[0].label, "A1");
	assert_string_equal(ed->pages[1].label, "A2");
	assert_string_equal(ed->pages[2].label, "A12");
	assert_string_equal(ed->pages[3].label, "B1");
	assert_string_equal(ed->pages[0].section, "A");
	edition_free(ed);
}

static void
test_declared_first(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;

	(void)state;
	story_set_order(s, ORDER_PRINT);
	story_declare_page(s, "9", NULL);
	story_declare_page(s, "2", NULL);
	story_add(s, "x", 1, 0);
	story_page(s, "1", NULL);
	ed = build(s);
	assert_int_equal(ed->npages, 3);
	assert_string_equal(ed->pages[0].label, "9");
	assert_string_equal(ed->pages[1].label, "2");
	assert_string_equal(ed->pages[2].label, "1");
	assert_int_equal(ed->pages[0].nitems, 0);
	edition_free(ed);
}

/* A1 -> A12: the body is cut after the jump line, which goes (the model
   prints its own), and the continuation's "From page A1" goes too. */
static void
test_jump_line_cut(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;
	const struct part *a, *b;

	(void)state;
	story_add(s, "budget", 1, 0);
	story_field(s, SF_HEADLINE, "Council passes budget", (size_t)-1);
	story_page(s, "A1", "A");
	story_page(s, "A1", "A");	/* twice in a row counts once */
	story_page(s, "A12", "A");
	para(s, "One.");
	para(s, "Two.");
	para(s, "Please see BUDGET, Page A12");
	para(s, "From page A1");
	para(s, "Three.");
	ed = build(s);
	a = part_of(ed, "budget", 0);
	b = part_of(ed, "budget", 1);
	assert_int_equal(a->kind, PART_START);
	assert_string_equal(a->jump, "A12");
	assert_int_equal(a->nblocks, 2);
	assert_int_equal(b->kind, PART_CONT);
	assert_string_equal(b->from, "A1");
	assert_int_equal(b->nblocks, 1);
	assert_string_equal(ed->blocks[b->first_block].text, "Three.");
	assert_string_equal(b->headline, "Council passes budget");
	assert_int_equal(d.nwarnings, 0);
	edition_free(ed);
}

static void
test_page_break_cut(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;

	(void)state;
	story_add(s, "art1", 1, 0);
	story_field(s, SF_HEADLINE, "Head", (size_t)-1);
	story_page(s, "2", NULL);
	story_page(s, "3", NULL);
	para(s, "a");
	para(s, "b");
	para(s, "c");
	story_page_break(s);
	para(s, "d");
	/* A break before the first block: the head alone on its page. */
	story_add(s, "art2", 2, 0);
	story_field(s, SF_HEADLINE, "Head", (size_t)-1);
	story_page(s, "4", NULL);
	story_page(s, "5", NULL);
	story_page_break(s);
	para(s, "e");
	para(s, "f");
	ed = build(s);
	assert_int_equal(part_of(ed, "art1", 0)->nblocks, 3);
	assert_int_equal(part_of(ed, "art1", 1)->nblocks, 1);
	assert_int_equal(part_of(ed, "art2", 0)->nblocks, 0);
	assert_int_equal(part_of(ed, "art2", 1)->nblocks, 2);
	edition_free(ed);
}

/* A section or default page that cleans to nothing (a bidi override
   alone) names no page: the story goes on the next one named, else
   "News" (fuzz_sniff: a METS issue whose default page was such). */
static void
test_empty_page_name(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;

	(void)state;
	story_add(s, "art1", 1, 0);
	story_field(s, SF_HEADLINE, "Head", (size_t)-1);
	para(s, "a");
	story_add(s, "art2", 2, 0);
	story_field(s, SF_HEADLINE, "Head", (size_t)-1);
	story_field(s, SF_SECTION, "\u202E", (size_t)-1);
	para(s, "b");
	ed = build_on(s, "\u202E");
	assert_int_equal(ed->npages, 1);
	assert_string_equal(ed->pages[0].label, "News");
	assert_int_equal(ed->nparts, 2);
	edition_free(ed);
}

/* No break, no jump line: even shares; three pages make a chain. */
static void
test_even_cut(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;
	int i;

	(void)state;
	story_add(s, "x", 1, 0);
	story_field(s, SF_HEADLINE, "Head", (size_t)-1);
	story_page(s, "1", NULL);
	story_page(s, "5", NULL);
	story_page(s, "9", NULL);
	for (i = 0; i < 7; i++)
		para(s, "p");
	ed = build(s);
	assert_int_equal(part_of(ed, "x", 0)->nblocks +
			 part_of(ed, "x", 1)->nblocks +
			 part_of(ed, "x", 2)->nblocks, 7);
	assert_true(part_of(ed, "x", 0)->nblocks >= 2);
	assert_true(part_of(ed, "x", 2)->nblocks >= 2);
	assert_string_equal(part_of(ed, "x", 1)->jump, "9");
	assert_string_equal(part_of(ed, "x", 2)->from, "5");
	edition_free(ed);
}

static void
test_ids(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;

	(void)state;
	story_add(s, "short-id", 1, 0);
	story_field(s, SF_HEADLINE, "Kept", (size_t)-1);
	story_add(s, "http://example.org/2024/03/02/a-long-url", 2, 0);
	story_field(s, SF_HEADLINE, "Café owners’ “big” day: a tale",
		    (size_t)-1);
	story_add(s, "short-id", 3, 0);	/* used: made from the head */
	story_field(s, SF_HEADLINE, "Café owners’ “big” day: a tale",
		    (size_t)-1);
	story_add(s, NULL, 4, 0);
	story_field(s, SF_HEADLINE, "江南古镇", (size_t)-1);
	ed = build(s);
	assert_int_not_equal(edition_article_by_id(ed, "short-id"), NONE);
	assert_int_not_equal(edition_article_by_id(ed,
		"cafe-owners-big-day-a"), NONE);
	assert_int_not_equal(edition_article_by_id(ed,
		"cafe-owners-big-day-a-2"), NONE);
	assert_int_not_equal(edition_article_by_id(ed, "story-4"), NONE);
	edition_free(ed);
}

static void
test_made_headline(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;
	const char *h;

	(void)state;
	story_add(s, "a", 1, 0);
	para(s, "Short one.");
	story_add(s, "c", 3, 0);	/* taken whole: not printed twice */
	para(s, "First.");
	para(s, "Second.");
	story_add(s, "b", 2, 0);
	para(s, "A much longer first paragraph that will not fit in a "
		"headline of sixty cells or so, it goes on.");
	ed = build(s);
	assert_string_equal(part_of(ed, "a", 0)->headline, "Short one.");
	assert_int_equal(part_of(ed, "a", 0)->nblocks, 1);
	assert_string_equal(part_of(ed, "c", 0)->headline, "First.");
	assert_int_equal(part_of(ed, "c", 0)->nblocks, 1);
	assert_string_equal(ed->blocks[part_of(ed, "c", 0)->first_block].text,
			    "Second.");
	h = part_of(ed, "b", 0)->headline;
	assert_true(text_width(h, strlen(h)) <= 60);
	assert_non_null(strstr(h, "\u2026"));
	assert_int_equal(strncmp(h, "A much longer", 13), 0);
	edition_free(ed);
}

static void
test_dates(void **state)
{
	static const char *const in[][2] = {
		{ "Sat, 02 Mar 2024 10:00:00 GMT", "2024-03-02" },
		{ "2 Mar 24 10:00 +0100", "2024-03-02" },
		{ "2024-03-02T04:00:00Z", "2024-03-02" },
		{ "20240302T000000+0000", "2024-03-02" },
		{ "  2024-03-02", "2024-03-02" },
		{ "spring 2024", "spring 2024" },	/* kept as written */
		{ "2024-13-40", "2024-13-40" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct story_set *s = story_set_new();
		struct edition *ed;

		story_set_meta(s, META_DATE, in[i][0], (size_t)-1);
		story_add(s, "x", 1, 0);
		ed = build(s);
		assert_string_equal(ed->date, in[i][1]);
		edition_free(ed);
	}
}

/* The newest story's date is the edition's; the default only when none. */
static void
test_newest_date(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;

	(void)state;
	story_set_meta(s, META_DATE_DEFAULT, "2020-01-01", (size_t)-1);
	story_add(s, "a", 1, 0);
	story_field(s, SF_DATE, "Fri, 01 Mar 2024 10:00:00 GMT", (size_t)-1);
	story_add(s, "b", 2, 0);
	story_field(s, SF_DATE, "2024-03-02T01:00:00Z", (size_t)-1);
	story_add(s, "c", 3, 0);
	ed = build(s);
	assert_string_equal(ed->date, "2024-03-02");
	edition_free(ed);
}

static void
test_byline_and_fields(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;
	const struct part *p;

	(void)state;
	story_add(s, "a", 1, 0);
	story_field(s, SF_BYLINE, "Ann Writer", (size_t)-1);
	story_field(s, SF_BYLINE, " Bob\tLens ", (size_t)-1);
	story_field(s, SF_BYLINE, "Ann Writer", (size_t)-1);
	story_field(s, SF_HEADLINE, "First", (size_t)-1);
	story_field(s, SF_HEADLINE, "Second", (size_t)-1);
	story_field(s, SF_URL, "http://example.org/a", (size_t)-1);
	story_field(s, SF_DECK, "", 0);
	ed = build(s);
	p = part_of(ed, "a", 0);
	assert_string_equal(p->byline, "Ann Writer, Bob Lens");
	assert_string_equal(p->headline, "First");
	assert_string_equal(p->url, "http://example.org/a");
	assert_null(p->deck);
	edition_free(ed);
}

/* Spans land on the cleaned text: collapsed whitespace, escapes gone. */
static void
test_spans(void **state)
{
	struct story_set *s = story_set_new();
	struct edition *ed;
	const struct part *p;
	const struct block *b;
	const struct span *sp;

	(void)state;
	story_add(s, "a", 1, 0);
	story_field(s, SF_HEADLINE, "Head", (size_t)-1);
	story_text(s, "  \n ", (size_t)-1);	/* no empty paragraph */
	story_text(s, "Hello   ", (size_t)-1);
	story_style_begin(s, STYLE_LINK, "http://x/");
	story_text(s, "\x1b[31mbig\n world", (size_t)-1);
	story_style_end(s);
	story_text(s, " !", (size_t)-1);
	story_block_end(s);
	story_block_begin(s, BLOCK_QUOTE);
	story_block_end(s);		/* empty: dropped */
	story_photo(s, NULL, "credit only", NULL);	/* dropped */
	story_photo(s, "Caption", NULL, "a.jpg");
	ed = build(s);
	p = part_of(ed, "a", 0);
	assert_int_equal(p->nblocks, 2);
	b = &ed->blocks[p->first_block];
	assert_string_equal(b->text, "Hello big world !");
	assert_int_equal(b->nspans, 1);
	sp = edition_block_spans(ed, b);
	assert_int_equal(sp->start, 6);
	assert_int_equal(sp->end, 15);
	assert_string_equal(sp->href, "http://x/");
	assert_int_equal(b[1].kind, BLOCK_PHOTO);
	assert_string_equal(b[1].text, "Caption");
	assert_string_equal(b[1].src, "a.jpg");
	edition_free(ed);
}

static void
test_nothing(void **state)
{
	struct story_set *s = story_set_new();

	(void)state;
	diags_release(&d);
	diags_init(&d, "t");
	assert_null(story_build(s, NULL, NULL, &d));
	assert_int_equal(d.nerrors, 1);
	story_set_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_page_name),
		cmocka_unit_test(test_order_appearance),
		cmocka_unit_test(test_order_print),
		cmocka_unit_test(test_declared_first),
		cmocka_unit_test(test_jump_line_cut),
		cmocka_unit_test(test_page_break_cut),
		cmocka_unit_test(test_even_cut),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_made_headline),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_newest_date),
		cmocka_unit_test(test_byline_and_fields),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_nothing),
	};
	int r;

	text_init();
	diags_init(&d, "t");
	r = cmocka_run_group_tests(tests, NULL, NULL);
	diags_release(&d);
	return r;
}
