/*
 * Unit tests of the edition model: builders and edition_finish's chain
 * rules (EDITION-FORMAT.md "Rules the reader enforces"), built through the
 * same API the importers use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "edition.h"

static void
page(struct edition *ed, const char *label)
{
	edition_add_page(ed)->label = label;
}

static size_t
part(struct edition *ed, enum part_kind k, const char *id, const char *from,
     const char *jump, const char *headline)
{
	struct part *p = edition_add_part(ed, k, id);

	p->from = from;
	p->jump = jump;
	p->headline = headline;
	p->line = (unsigned)ed->nparts + 10;
	return ed->nparts - 1;
}

/* The pages of article id's parts in reading order, "A1 A12 A2". */
static const char *
chain(const struct edition *ed, const char *id)
{
	static char out[256];
	size_t a = edition_article_by_id(ed, id), i;

	out[0] = '\0';
	if (a == NONE)
		return "(none)";
	for (i = 0; i < ed->articles[a].nparts; i++) {
		const struct part *p = &ed->parts[ed->articles[a].parts[i]];

		if (i)
			strcat(out, " ");
		strcat(out, ed->pages[p->page].label);
	}
	return out;
}

/* How many diagnostics contain all of the given words. */
static int
count_diags(const struct diags *d, const char *a, const char *b)
{
	size_t i;
	int n = 0;

	for (i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, a) && (!b || strstr(d->v[i].msg, b)))
			n++;
	return n;
}

static void
test_three_pages_backward(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;
	size_t s, c1, c2;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "A1");
	s = part(ed, PART_START, "budget", NULL, "A12", "Budget");
	page(ed, "A2");
	c2 = part(ed, PART_CONT, "budget", "A12", NULL, NULL);
	page(ed, "A12");
	c1 = part(ed, PART_CONT, "budget", "A1", "A2", "Budget, cont.");
	assert_int_equal(edition_finish(ed, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(chain(ed, "budget"), "A1 A12 A2");
	assert_int_equal(ed->parts[s].next, c1);
	assert_int_equal(ed->parts[c1].next, c2);
	assert_int_equal(ed->parts[c2].prev, c1);
	assert_int_equal(ed->parts[c2].seq, 2);
	assert_int_equal(ed->parts[c2].from_page, 2);
	assert_int_equal(ed->parts[c1].jump_page, 1);
	/* A continuation without its own head shows the article's. */
	assert_string_equal(edition_part_headline(ed, c2), "Budget");
	assert_string_equal(edition_part_headline(ed, c1), "Budget, cont.");
	edition_free(ed);
	diags_release(&d);
}

static void
test_derived_from(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;
	size_t c;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "1");
	part(ed, PART_START, "x", NULL, "5", "X");
	page(ed, "3");
	part(ed, PART_CONT, "x", NULL, NULL, NULL);	/* nothing leads here */
	page(ed, "5");
	c = part(ed, PART_CONT, "x", NULL, NULL, NULL);
	assert_int_equal(edition_finish(ed, &d), 0);
	assert_string_equal(chain(ed, "x"), "1 5 3");
	assert_int_equal(ed->parts[c].from_page, 0);
	assert_int_equal(count_diags(&d, "no from=", "page 3"), 1);
	edition_free(ed);
	diags_release(&d);
}

static void
test_missing_article(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;
	size_t a;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "2");
	part(ed, PART_CONT, "silk-road", "1", NULL, "Silk Road");
	assert_int_equal(edition_finish(ed, &d), 0);
	a = edition_article_by_id(ed, "silk-road");
	assert_int_not_equal(a, NONE);
	assert_int_equal(ed->articles[a].start, NONE);
	assert_int_equal(ed->articles[a].nparts, 1);
	assert_int_equal(ed->parts[0].from_page, NONE);
	assert_int_equal(count_diags(&d, "\"silk-road\"",
				     "not in this edition"), 1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 11);
	edition_free(ed);
	diags_release(&d);
}

static void
test_jump_without_continuation(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "A1");
	part(ed, PART_START, "a", NULL, "A3", "A");
	part(ed, PART_START, "b", NULL, "Z9", "B");
	page(ed, "A3");
	assert_int_equal(edition_finish(ed, &d), 0);
	assert_int_equal(count_diags(&d, "\"a\"", "no continuation"), 1);
	assert_int_equal(count_diags(&d, "\"b\"", "Z9, which is not in"), 1);
	assert_int_equal(ed->parts[1].jump_page, NONE);
	edition_free(ed);
	diags_release(&d);
}

static void
test_duplicate_part(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "1");
	part(ed, PART_START, "a", NULL, "2", "A");
	page(ed, "2");
	part(ed, PART_CONT, "a", "1", NULL, NULL);
	page(ed, "3");
	part(ed, PART_CONT, "a", "1", NULL, NULL);
	assert_int_equal(edition_finish(ed, &d), 0);
	/* Nothing is lost: the second claimant is read last. */
	assert_string_equal(chain(ed, "a"), "1 2 3");
	assert_int_equal(count_diags(&d, "page 3", "already has"), 1);
	assert_int_equal(d.n, 1);
	edition_free(ed);
	diags_release(&d);
}

static void
test_loop(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "P2");
	part(ed, PART_CONT, "ring", "P3", "P3", "Ring");
	page(ed, "P3");
	part(ed, PART_CONT, "ring", "P2", "P2", NULL);
	assert_int_equal(edition_finish(ed, &d), 0);
	assert_string_equal(chain(ed, "ring"), "P2 P3");
	assert_int_equal(count_diags(&d, "loop", "P2, P3"), 1);
	edition_free(ed);
	diags_release(&d);
}

/* A part continuing from its own page: said so, not called a loop. */
static void
test_from_own_page(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "P2");
	part(ed, PART_CONT, "lone", "P2", NULL, "Lone");
	part(ed, PART_START, "pair", NULL, "P3", "Pair");
	page(ed, "P3");
	part(ed, PART_CONT, "pair", "P3", NULL, NULL);
	assert_int_equal(edition_finish(ed, &d), 0);
	assert_string_equal(chain(ed, "lone"), "P2");
	assert_string_equal(chain(ed, "pair"), "P2 P3");
	assert_int_equal(count_diags(&d, "loop", NULL), 0);
	assert_int_equal(count_diags(&d, "already has", NULL), 0);
	assert_int_equal(count_diags(&d, "\"lone\"", "its own page"), 1);
	assert_int_equal(count_diags(&d, "\"pair\"", "its own page"), 1);
	edition_free(ed);
	diags_release(&d);
}

static void
test_ids(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;

	(void)state;
	diags_init(&d, "t.xml");
	page(ed, "A1");
	part(ed, PART_START, "dup", NULL, NULL, "First");
	part(ed, PART_START, NULL, NULL, NULL, "No id");
	page(ed, "A2");
	part(ed, PART_START, "dup", NULL, NULL, "Second");
	part(ed, PART_START, "A1-2", NULL, NULL, "Squatter");
	part(ed, PART_START, NULL, NULL, NULL, "Also no id");
	page(ed, "A1");	/* a second page with the same label */
	assert_int_equal(edition_finish(ed, &d), 0);
	assert_int_equal(ed->narticles, 5);
	assert_int_equal(count_diags(&d, "\"dup\" is used twice",
				     "\"dup-2\""), 1);
	assert_int_equal(count_diags(&d, "page \"A1\" appears twice", NULL),
			 1);
	assert_string_equal(ed->articles[ed->parts[2].article].id, "dup-2");
	/* Made-up ids never take an id the file uses. */
	assert_true(ed->articles[ed->parts[1].article].id_made);
	assert_string_equal(ed->articles[ed->parts[1].article].id, "A1-2-2");
	assert_string_equal(ed->articles[ed->parts[4].article].id, "A2-3");
	assert_int_equal(edition_page_by_label(ed, "A1"), 0);
	edition_free(ed);
	diags_release(&d);
}

static void
test_no_pages(void **state)
{
	struct edition *ed = edition_new();
	struct diags d;

	(void)state;
	diags_init(&d, "t.xml");
	assert_int_equal(edition_finish(ed, &d), -1);
	assert_int_equal(d.nerrors, 1);
	edition_free(ed);
	diags_release(&d);
}

static void
test_many_parts(void **state)
{
	/* 50,000 continuations of one article, each from the page before:
	   linking must not be quadratic (this would take minutes). */
	struct edition *ed = edition_new();
	struct diags d;
	char *labels = calloc(50001, 8);
	size_t i;

	(void)state;
	diags_init(&d, "t.xml");
	for (i = 0; i <= 50000; i++) {
		char *l = labels + i * 8;

		snprintf(l, 8, "%zu", i);
		page(ed, l);
		if (i == 0)
			part(ed, PART_START, "big", NULL, "1", "Big");
		else
			part(ed, PART_CONT, "big", labels + (i - 1) * 8,
			     i < 50000 ? labels + (i + 1) * 8 : NULL, NULL);
	}
	assert_int_equal(edition_finish(ed, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(ed->articles[0].nparts, 50001);
	assert_int_equal(ed->parts[ed->articles[0].parts[50000]].page, 50000);
	edition_free(ed);
	diags_release(&d);
	free(labels);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_pages_backward),
		cmocka_unit_test(test_derived_from),
		cmocka_unit_test(test_missing_article),
		cmocka_unit_test(test_jump_without_continuation),
		cmocka_unit_test(test_duplicate_part),
		cmocka_unit_test(test_loop),
		cmocka_unit_test(test_from_own_page),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_no_pages),
		cmocka_unit_test(test_many_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
