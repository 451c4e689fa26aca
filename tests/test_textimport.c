/*
 * Unit tests of the text importer (feeds/textimport.c): each heuristic on
 * a small input through textimport_memory, the pages of
 * tests/fixtures/text with their structure asserted, and the seed page
 * (../shared/seed/page.txt) scored element by element against the page
 * structured by hand (../shared/editions/seed-page.xml).  Files are found
 * through $srcdir, "." when it is not set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "edition.h"
#include "load.h"
#include "text.h"
#include "textimport.h"
#include "util.h"

static const char *
srcdir(void)
{
	const char *s = getenv("srcdir");

	return s && *s ? s : ".";
}

/* The whole file srcdir/rel, or NULL; *n gets its length. */
static char *
slurp(const char *rel, size_t *n)
{
	char path[512];
	FILE *fp;
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t k;

	snprintf(path, sizeof(path), "%s/%s", srcdir(), rel);
	fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, k);
	fclose(fp);
	*n = b.len;
	return b.len ? buf_detach(&b) : xstrdup("");
}

static struct edition *
import_str(const char *s, const char *lang)
{
	struct text_import_opts o = { "1", "T", "2025", lang };
	struct diags d;
	struct edition *ed;

	diags_init(&d, "test");
	ed = textimport_memory(s, strlen(s), &o, &d);
	diags_release(&d);
	assert_non_null(ed);
	return ed;
}

static struct edition *
import_file(const char *rel, const char *label, const char *lang)
{
	struct text_import_opts o = { label, "T", "2025", lang };
	struct diags d;
	struct edition *ed;
	size_t n;
	char *s = slurp(rel, &n);

	assert_non_null(s);
	diags_init(&d, rel);
	ed = textimport_memory(s, n, &o, &d);
	diags_release(&d);
	free(s);
	assert_non_null(ed);
	return ed;
}

static const struct block *
blk(const struct edition *ed, size_t part, size_t i)
{
	assert_true(i < ed->parts[part].nblocks);
	return &ed->blocks[ed->parts[part].first_block + i];
}

/* Dump an edition when FOLIO_TEST_DUMP is set, to see what was made. */
static void
dump(const struct edition *ed)
{
	size_t i, j;

	if (!getenv("FOLIO_TEST_DUMP"))
		return;
	for (i = 0; i < ed->nitems; i++) {
		const struct page_item *it = &ed->items[i];

		const struct part *p;

		if (it->kind == ITEM_PHOTO) {
			printf("PAGE PHOTO [%s] %s\n",
			       ed->blocks[it->index].credit ?
			       ed->blocks[it->index].credit : "-",
			       ed->blocks[it->index].text);
			continue;
		}
		p = &ed->parts[it->index];
		printf("%s id=%s from=%s jump=%s\n  K: %s\n  H: %s\n"
		       "  D: %s\n  B: %s\n",
		       p->kind == PART_START ? "ARTICLE" : "CONT",
		       ed->articles[p->article].id, p->from ? p->from : "-",
		       p->jump ? p->jump : "-", p->kicker ? p->kicker : "-",
		       p->headline ? p->headline : "-",
		       p->deck ? p->deck : "-", p->byline ? p->byline : "-");
		for (j = 0; j < p->nblocks; j++) {
			const struct block *b = blk(ed, it->index, j);

			printf("  %s%s%s: %s\n", b->kind == BLOCK_PHOTO ?
			       "PHOTO" : b->kind == BLOCK_SUBHEAD ? "SUB" :
			       "P", b->credit ? " by " : "",
			       b->credit ? b->credit : "", b->text);
		}
	}
}

/* ---- heuristics, one by one ---- */

static void
test_blocks(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("Headline Here\n\nFirst line of a paragraph that "
			"is wrapped\nonto a second line.\n\nAnother "
			"paragraph ends here.\n", NULL);
	assert_int_equal(ed->nparts, 1);
	assert_string_equal(ed->parts[0].headline, "Headline Here");
	assert_int_equal(ed->parts[0].nblocks, 2);
	assert_string_equal(blk(ed, 0, 0)->text, "First line of a paragraph "
			    "that is wrapped onto a second line.");
	edition_free(ed);
}

static void
test_heads_byline(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("Opinion\n\nWhy Cities Need More Trees Now\n\n"
			"By Ann WRITER\n\nTrees cool streets.\n\n"
			"Rivers Come Back to Life\n\nNature Desk\n\n"
			"By JOHN Doe\n\nThe river is clean.\n", NULL);
	dump(ed);
	assert_int_equal(ed->nparts, 2);
	assert_string_equal(ed->parts[0].kicker, "Opinion");
	assert_string_equal(ed->parts[0].headline,
			    "Why Cities Need More Trees Now");
	assert_string_equal(ed->parts[0].byline, "By Ann WRITER");
	assert_string_equal(ed->parts[1].headline,
			    "Rivers Come Back to Life");
	assert_string_equal(ed->parts[1].kicker, "Nature Desk");
	assert_string_equal(ed->articles[ed->parts[0].article].id,
			    "why-cities");
	assert_string_equal(ed->articles[ed->parts[1].article].id,
			    "rivers-come");
	edition_free(ed);
}

static void
test_continuation_jump(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("Budget Talks Stall\n\nBy Ann Writer\n\nThe council "
			"met again.\n\nContinued on page A5\n\nHarbour Plan "
			"Moves On\n\nFrom page 1\n\nThe harbour plan was "
			"approved. (Continued on page 7)\n", NULL);
	dump(ed);
	assert_int_equal(ed->nparts, 2);
	assert_int_equal(ed->parts[0].kind, PART_START);
	assert_string_equal(ed->parts[0].jump, "A5");
	assert_int_equal(ed->parts[1].kind, PART_CONT);
	assert_string_equal(ed->parts[1].from, "1");
	assert_string_equal(ed->parts[1].jump, "7");
	assert_string_equal(ed->parts[1].headline, "Harbour Plan Moves On");
	assert_string_equal(ed->parts[1].art_id, "harbour-plan");
	assert_string_equal(blk(ed, 1, 0)->text,
			    "The harbour plan was approved.");
	edition_free(ed);
}

/* The label of the page made of s, given (NULL: none given). */
static char *
label_of(const char *s, const char *given)
{
	struct text_import_opts o = { given, "T", "2025", NULL };
	struct diags d;
	struct edition *ed;
	char *label;

	diags_init(&d, "test");
	ed = textimport_memory(s, strlen(s), &o, &d);
	assert_non_null(ed);
	assert_int_equal(ed->npages, 1);
	label = xstrdup(ed->pages[0].label);
	edition_free(ed);
	diags_release(&d);
	return label;
}

/* With no label given a page is "1", unless its jumps name page 1: the
   text of page 2 says "From page 1", and page 1 then loops to itself. */
static void
test_page_label(void **state)
{
	static const struct {
		const char *text, *label;
	} cases[] = {
		{ "Budget Talks Stall\n\nThe council met again and again "
		  "on Monday.\n", "1" },
		{ "Harbour Plan Moves On\n\nFrom page 1\n\nThe harbour plan "
		  "was approved on Monday.\n", "2" },
		{ "Harbour Plan Moves On\n\nFrom page 1\n\nThe harbour plan "
		  "was approved. (Continued on page 2)\n\nSchools Open\n\n"
		  "From page 3\n\nThe schools opened on Monday morning.\n",
		  "4" },
		{ "Harbour Plan Moves On\n\nFrom page A1\n\nThe harbour "
		  "plan was approved. (Continued on page 7)\n", "1" },
	};
	size_t i;
	char *label;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		label = label_of(cases[i].text, NULL);
		assert_string_equal(label, cases[i].label);
		free(label);
	}
	label = label_of(cases[1].text, "A5");
	assert_string_equal(label, "A5");
	free(label);
}

static void
test_caption_photo_shows(void **state)
{
	struct edition *ed;
	const struct block *b;

	(void)state;
	ed = import_str("A Bridge Opens\n\nBy Ann Writer\n\nThe bridge "
			"opened on Monday, and the mayor of the city,\n\n\n\n"
			"Photo shows the bridge at night. (PHOTO: XINHUA)\n\n"
			"Ann Smith, cut the ribbon.\n", NULL);
	dump(ed);
	assert_int_equal(ed->parts[0].nblocks, 2);
	b = blk(ed, 0, 0);
	assert_int_equal(b->kind, BLOCK_PHOTO);
	assert_string_equal(b->text, "Photo shows the bridge at night.");
	assert_string_equal(b->credit, "XINHUA");
	assert_string_equal(blk(ed, 0, 1)->text, "The bridge opened on "
			    "Monday, and the mayor of the city, Ann Smith, "
			    "cut the ribbon.");
	edition_free(ed);
}

static void
test_caption_credit_line(void **state)
{
	struct edition *ed;
	const struct block *b;

	(void)state;
	ed = import_str("A Bridge Opens\n\nBy Ann Writer\n\nThe bridge "
			"opened on Monday.\n\nWorkers paint the railings "
			"before the opening.\n\nPhoto: Bob Lens\n\nThe "
			"mayor spoke.\n", NULL);
	dump(ed);
	assert_int_equal(ed->parts[0].nblocks, 3);
	b = blk(ed, 0, 1);
	assert_int_equal(b->kind, BLOCK_PHOTO);
	assert_string_equal(b->credit, "Bob Lens");
	assert_string_equal(b->text, "Workers paint the railings before "
			    "the opening.");
	edition_free(ed);
}

static void
test_caption_shared_credit(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("A Bridge Opens\n\nBy Ann Writer\n\nThe bridge "
			"opened on Monday.\n\n\n\nThe mayor cuts the "
			"ribbon in front of the crowd.\n\n\n\nChildren "
			"cross the bridge for the first time.\n\n"
			"(PHOTOS: Bob Lens)\n", NULL);
	dump(ed);
	assert_int_equal(ed->nitems, 3);
	assert_int_equal(ed->items[1].kind, ITEM_PHOTO);
	assert_string_equal(ed->blocks[ed->items[1].index].credit,
			    "Bob Lens");
	assert_string_equal(ed->blocks[ed->items[2].index].credit,
			    "Bob Lens");
	edition_free(ed);
}

static void
test_page_photo(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("A Bridge Opens\n\nBy Ann Writer\n\nThe bridge "
			"opened on Monday.\n\n\n\nA crowd of people watches "
			"the fireworks over the river.\n\n\n", NULL);
	dump(ed);
	assert_int_equal(ed->parts[0].nblocks, 1);
	assert_int_equal(ed->nitems, 2);
	assert_int_equal(ed->items[1].kind, ITEM_PHOTO);
	assert_null(ed->blocks[ed->items[1].index].credit);
	edition_free(ed);
}

static void
test_column_break(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("Markets Rise\n\nBy Ann Writer\n\nShares rose on "
			"Monday as the\n\nmarkets opened.\n\nThe index "
			"closed at a record after a long week of trading, "
			"and traders said that the\n\nRally was broad.\n",
			NULL);
	dump(ed);
	assert_int_equal(ed->parts[0].nblocks, 2);
	assert_string_equal(blk(ed, 0, 0)->text,
			    "Shares rose on Monday as the markets opened.");
	assert_string_equal(blk(ed, 0, 1)->text, "The index closed at a "
			    "record after a long week of trading, and "
			    "traders said that the Rally was broad.");
	edition_free(ed);
}

static void
test_hyphens(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("Hyphen Tests\n\nBy Ann Writer\n\nIt fostered "
			"techno-\n\nlogical growth and a long-\n\nterm "
			"plan for the China-\n\nEurope line, with sci-\n\n"
			"tech ties, non- discriminatory rules and a "
			"people- to- people spirit, pre- and post-war. "
			"The years (2024- 2033) and a develop-\nment "
			"bank by the rail-\n\nway.\n", "en");
	dump(ed);
	assert_string_equal(blk(ed, 0, 0)->text, "It fostered technological "
			    "growth and a long-term plan for the "
			    "China-Europe line, with sci-tech ties, "
			    "non-discriminatory rules and a people-to-people "
			    "spirit, pre- and post-war. The years (2024-2033) "
			    "and a development bank by the railway.");
	edition_free(ed);
}

static void
test_subheads(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("Declaration Text\n\nFrom page 1\n\nII. Work "
			"together for shared prosperity and progress\n\nWe "
			"agree on this.\n\nThe ocean refuses no rivers\n\n"
			"We agree on that too.\n\nSource: The ministry\n",
			NULL);
	dump(ed);
	assert_int_equal(ed->nparts, 1);
	assert_int_equal(ed->parts[0].nblocks, 5);
	assert_int_equal(blk(ed, 0, 0)->kind, BLOCK_SUBHEAD);
	assert_int_equal(blk(ed, 0, 1)->kind, BLOCK_PARA);
	assert_int_equal(blk(ed, 0, 2)->kind, BLOCK_SUBHEAD);
	assert_string_equal(blk(ed, 0, 2)->text,
			    "The ocean refuses no rivers");
	assert_int_equal(blk(ed, 0, 4)->kind, BLOCK_PARA);
	edition_free(ed);
}

static void
test_ids_unique(void **state)
{
	struct edition *ed;

	(void)state;
	ed = import_str("The Big Match\n\nBy A Writer\n\nIt was big.\n\n"
			"The Big Match Again\n\nBy B Writer\n\nBigger.\n",
			NULL);
	assert_int_equal(ed->narticles, 2);
	assert_string_equal(ed->articles[0].id, "big-match");
	assert_string_equal(ed->articles[1].id, "big-match-2");
	edition_free(ed);
}

static void
test_empty_and_junk(void **state)
{
	struct diags d;
	struct edition *ed;
	static const char junk[] = "\x1b[31mRed\x01 Headline\xff\n\n"
				   "Text\tthat is \x7f odd.\n";

	(void)state;
	diags_init(&d, "empty");
	assert_null(textimport_memory("\n \n\f\n", 5, NULL, &d));
	assert_true(d.nerrors > 0);
	diags_release(&d);
	diags_init(&d, "junk");
	ed = textimport_memory(junk, sizeof(junk) - 1, NULL, &d);
	assert_non_null(ed);
	assert_string_equal(ed->pages[0].label, "1");
	assert_null(strchr(ed->parts[0].headline, '\x1b'));
	edition_free(ed);
	diags_release(&d);
}

/* Bytes from a fixed LCG, with many newlines, spaces and hyphens: the
   importer must not crash or leak, and must clean what it keeps. */
static void
test_random_bytes(void **state)
{
	static const char alphabet[] = "\n\n  --..,(PHOTO: )By From page 1"
				       "aBcXyz\f\xe4\xb8\xad\xff\x1b";
	char data[4096];
	uint32_t x = 12345;
	size_t i, round;
	struct diags d;
	struct edition *ed;

	(void)state;
	for (round = 0; round < 50; round++) {
		for (i = 0; i < sizeof(data); i++) {
			x = x * 1103515245u + 12345u;
			data[i] = alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
		}
		diags_init(&d, "random");
		ed = textimport_memory(data, sizeof(data), NULL, &d);
		if (ed) {
			for (i = 0; i < ed->nblocks; i++)
				assert_null(strchr(ed->blocks[i].text,
						   '\x1b'));
			edition_free(ed);
		}
		diags_release(&d);
	}
}

static bool
sniff_file(const char *rel)
{
	size_t n;
	char *s = slurp(rel, &n);
	bool r;

	assert_non_null(s);
	r = textimport_sniff(s, n);
	free(s);
	return r;
}

static void
test_sniff(void **state)
{
	static const char prose[] = "Headline\n\nThe council met on "
				    "Monday and voted for the budget.\n";
	static const char xml[] = "  <?xml version=\"1.0\"?><edition/>";
	static const char bin[] = "abc\0def ghi jkl mno pqr stu vwx yz";
	static const char nums[] = "1 2 3 4 5 6 7 8 9 10 11 12 13 14\n";

	(void)state;
	assert_true(textimport_sniff(prose, sizeof(prose) - 1));
	assert_false(textimport_sniff(xml, sizeof(xml) - 1));
	assert_false(textimport_sniff(bin, sizeof(bin) - 1));
	assert_false(textimport_sniff(nums, sizeof(nums) - 1));
	assert_false(textimport_sniff("", 0));
	assert_true(sniff_file("tests/fixtures/text/city-page.txt"));
	assert_true(sniff_file("tests/fixtures/text/bilingual-page.txt"));
	assert_false(sniff_file("tests/fixtures/good-minimal.xml"));
	assert_false(sniff_file("tests/fixtures/bad-utf8.xml"));
}

/* JSON is not a page of prose, however many words its strings hold. */
static void
test_sniff_json(void **state)
{
	static const char *const json[] = {
		"{\"version\": \"https://jsonfeed.org/version/1.1\", "
		"\"title\": \"The Daily Example of the whole wide world\"}",
		"\xEF\xBB\xBF\n  [\n  {\"headline\": \"Council passes the "
		"budget after a long night of talks\"}]",
		"{}", "[]", "[ \"one\", \"two\" ]", "{\n\t\"a\":1}",
	};
	static const char *const prose[] = {
		"[Advertisement] The council met on Monday and voted for "
		"the budget.\n",
		"{Corrected} The council met on Monday and voted for the "
		"budget.\n",
		"[1] The council met on Monday and voted for the budget.\n",
	};
	/* The corpora's JSON Feed and ninjs files (../shared). */
	static const char *const files[] = {
		"../shared/corpora/own-examples/jsonfeed.json",
		"../shared/corpora/feedparser/tests/json/example.json",
		"../shared/corpora/superdesk-core-fixtures/tests/io/fixtures/"
		"ninjs1.json",
		"../shared/corpora/superdesk-core-fixtures/tests/io/fixtures/"
		"ap_media_feed.json",
	};
	size_t i, n;
	int line = 0, col = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(json); i++) {
		assert_true(textimport_is_json(json[i], strlen(json[i]), NULL,
					       NULL));
		assert_false(textimport_sniff(json[i], strlen(json[i])));
	}
	assert_true(textimport_is_json(json[1], strlen(json[1]), &line,
				       &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 3);
	for (i = 0; i < ARRAY_SIZE(prose); i++) {
		assert_false(textimport_is_json(prose[i], strlen(prose[i]),
						NULL, NULL));
		assert_true(textimport_sniff(prose[i], strlen(prose[i])));
	}
	assert_false(textimport_is_json("{", 1, NULL, NULL));
	assert_false(textimport_is_json("", 0, NULL, NULL));
	assert_false(textimport_is_json("<edition/>", 10, NULL, NULL));
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		char *s = slurp(files[i], &n);

		if (!s)
			skip();
		assert_true(textimport_is_json(s, n, NULL, NULL));
		assert_false(textimport_sniff(s, n));
		free(s);
	}
}

/* ---- pages of our own ---- */

static void
test_page_city(void **state)
{
	struct edition *ed;
	const struct part *p;

	(void)state;
	ed = import_file("tests/fixtures/text/city-page.txt", "A3", "en");
	dump(ed);
	assert_int_equal(ed->nparts, 3);
	p = &ed->parts[0];
	assert_int_equal(p->kind, PART_START);
	assert_string_equal(p->kicker, "City Hall");
	assert_string_equal(p->headline,
			    "Council Approves Riverside Housing Plan");
	assert_string_equal(p->byline, "By Maria ALVES");
	assert_string_equal(ed->pages[0].section, "City Hall");
	assert_string_equal(p->jump, "A7");
	assert_int_equal(p->nblocks, 4);
	assert_int_equal(blk(ed, 0, 1)->kind, BLOCK_PHOTO);
	assert_string_equal(blk(ed, 0, 1)->credit, "Tom Reed");
	assert_string_equal(blk(ed, 0, 2)->text, "The plan, which was first "
			    "proposed in 2019, sets aside long-term funding "
			    "for affordable flats and a riverside park, and "
			    "the developer will pay for a new footbridge.");
	p = &ed->parts[1];
	assert_int_equal(p->kind, PART_CONT);
	assert_string_equal(p->from, "A1");
	assert_string_equal(p->headline, "School Meals");
	assert_int_equal(p->nblocks, 3);
	assert_int_equal(blk(ed, 1, 1)->kind, BLOCK_SUBHEAD);
	assert_string_equal(blk(ed, 1, 2)->text, "Parents welcomed the "
			    "decision, and the catering staff will be "
			    "retrained over the summer.");
	p = &ed->parts[2];
	assert_string_equal(p->headline, "Library Reopens After Repairs");
	assert_null(p->byline);
	assert_int_equal(ed->items[ed->nitems - 1].kind, ITEM_PHOTO);
	assert_string_equal(ed->blocks[ed->items[ed->nitems - 1].index]
			    .credit, "City Archive");
	edition_free(ed);
}

static void
test_page_bilingual(void **state)
{
	struct edition *ed;
	const struct part *p;

	(void)state;
	ed = import_file("tests/fixtures/text/bilingual-page.txt", "5", "en");
	dump(ed);
	assert_int_equal(ed->nparts, 3);
	p = &ed->parts[0];
	assert_string_equal(p->headline, "Ports Brace for a Busy Summer");
	assert_string_equal(p->byline, "By WANG Lei");
	assert_int_equal(p->nblocks, 3);
	assert_string_equal(blk(ed, 0, 1)->text, "Container traffic through "
			    "the southern ports grew by a fifth, and "
			    "operators expect technological upgrades to "
			    "keep queues short.");
	p = &ed->parts[1];
	assert_string_equal(p->kicker, "科技");
	assert_string_equal(p->headline, "中欧科技合作不断深化");
	assert_string_equal(p->byline, "记者 李明");
	assert_string_equal(p->art_id, "article");
	assert_int_equal(p->nblocks, 3);
	assert_string_equal(blk(ed, 1, 0)->text, "近年来，中欧在清洁能源、"
			    "人工智能和生物医药等领域的合作不断深化，双方科研"
			    "机构签署了多项合作协议。");
	assert_int_equal(blk(ed, 1, 1)->kind, BLOCK_PHOTO);
	assert_string_equal(blk(ed, 1, 1)->credit, "新华社");
	p = &ed->parts[2];
	assert_int_equal(p->kind, PART_CONT);
	assert_string_equal(p->headline, "La ciencia abre caminos");
	assert_string_equal(p->from, "1");
	assert_string_equal(p->art_id, "ciencia-abre");
	assert_string_equal(blk(ed, 2, 0)->text, "Los investigadores de "
			    "ambos países trabajarán juntos en un nuevo "
			    "laboratorio, que abrirá sus puertas en otoño.");
	edition_free(ed);
}

/* ---- the seed page, scored ---- */

struct score {
	const char *name;
	size_t got, of;
};

static bool
same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The part of b with the same kind and headline as part i of a. */
static size_t
match_part(const struct edition *a, size_t i, const struct edition *b)
{
	size_t j;

	for (j = 0; j < b->nparts; j++)
		if (b->parts[j].kind == a->parts[i].kind &&
		    same(b->parts[j].headline, a->parts[i].headline))
			return j;
	return NONE;
}

static bool
has_block(const struct edition *ed, size_t part, const struct block *x)
{
	size_t j, first, n;

	first = part == NONE ? 0 : ed->parts[part].first_block;
	n = part == NONE ? ed->nblocks : ed->parts[part].nblocks;
	for (j = first; j < first + n; j++)
		if (ed->blocks[j].kind == x->kind &&
		    same(ed->blocks[j].text, x->text))
			return true;
	return false;
}

/* Part i of a and part j of b hold the same blocks in the same order. */
static bool
same_blocks(const struct edition *a, size_t i, const struct edition *b,
	    size_t j)
{
	const struct part *p = &a->parts[i], *q = &b->parts[j];
	size_t k;

	if (p->nblocks != q->nblocks)
		return false;
	for (k = 0; k < p->nblocks; k++) {
		const struct block *x = &a->blocks[p->first_block + k];
		const struct block *y = &b->blocks[q->first_block + k];

		if (x->kind != y->kind || !same(x->text, y->text) ||
		    !same(x->credit, y->credit))
			return false;
	}
	return true;
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		if (*s == ' ') {
			in = false;
		} else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

static void
test_seed_page(void **state)
{
	enum { S_PARTS, S_CONT, S_HEAD, S_KICK, S_BYLINE, S_PHOTO, S_CREDIT,
	       S_PARA, S_WORDS, S_SEQ, S_ITEMS, S_N };
	struct score sc[S_N] = {
		{ "articles and continuations", 0, 0 },
		{ "continuations (from=)", 0, 0 },
		{ "headlines", 0, 0 },
		{ "kickers", 0, 0 },
		{ "bylines", 0, 0 },
		{ "photos (caption)", 0, 0 },
		{ "photo credits", 0, 0 },
		{ "paragraphs and subheads identical", 0, 0 },
		{ "words in identical paragraphs", 0, 0 },
		{ "parts with identical block lists", 0, 0 },
		{ "page items in the same order", 0, 0 },
	};
	struct text_import_opts o = { "2", "Science and Technology Daily",
				      "2025-05", "en" };
	struct diags d;
	struct edition *want, *got;
	char *text;
	size_t n, i, k, m;
	int status;
	char path[512];

	(void)state;
	text = slurp("../shared/seed/page.txt", &n);
	if (!text)
		skip();
	snprintf(path, sizeof(path), "%s/../shared/editions/seed-page.xml",
		 srcdir());
	diags_init(&d, path);
	want = load_file(path, NULL, &d, &status);
	diags_release(&d);
	assert_non_null(want);
	diags_init(&d, "page.txt");
	got = textimport_memory(text, n, &o, &d);
	diags_release(&d);
	free(text);
	assert_non_null(got);
	dump(got);

	sc[S_PARTS].of = want->nparts;
	sc[S_PARTS].got = got->nparts <= want->nparts ? got->nparts :
			  2 * want->nparts - got->nparts;
	for (i = 0; i < want->nparts; i++) {
		const struct part *w = &want->parts[i];
		const struct part *g;

		m = match_part(want, i, got);
		g = m == NONE ? NULL : &got->parts[m];
		sc[S_HEAD].of++;
		sc[S_HEAD].got += g != NULL;
		if (w->kind == PART_CONT) {
			sc[S_CONT].of++;
			sc[S_CONT].got += g && same(g->from, w->from);
		}
		sc[S_KICK].of++;
		sc[S_KICK].got += g && same(g->kicker, w->kicker);
		sc[S_BYLINE].of++;
		sc[S_BYLINE].got += g && same(g->byline, w->byline);
		sc[S_SEQ].of++;
		sc[S_SEQ].got += g && same_blocks(want, i, got, m);
		for (k = 0; k < w->nblocks; k++) {
			const struct block *x = &want->blocks[w->first_block
							       + k];

			if (x->kind == BLOCK_PHOTO)
				continue;
			sc[S_PARA].of++;
			sc[S_WORDS].of += count_words(x->text);
			if (g && has_block(got, m, x)) {
				sc[S_PARA].got++;
				sc[S_WORDS].got += count_words(x->text);
			}
		}
	}
	/* Photos anywhere on the page, by caption; then their credit. */
	for (i = 0; i < want->nblocks; i++) {
		const struct block *x = &want->blocks[i];

		if (x->kind != BLOCK_PHOTO)
			continue;
		sc[S_PHOTO].of++;
		sc[S_CREDIT].of++;
		for (k = 0; k < got->nblocks; k++)
			if (got->blocks[k].kind == BLOCK_PHOTO &&
			    same(got->blocks[k].text, x->text)) {
				sc[S_PHOTO].got++;
				sc[S_CREDIT].got += same(got->blocks[k].credit,
							 x->credit);
				break;
			}
	}
	sc[S_ITEMS].of = want->nitems;
	for (i = 0; i < want->nitems && i < got->nitems; i++) {
		const struct page_item *a = &want->items[i];
		const struct page_item *b = &got->items[i];

		if (a->kind != b->kind)
			continue;
		if (a->kind == ITEM_PART)
			sc[S_ITEMS].got += match_part(want, a->index, got) ==
					   b->index;
		else
			sc[S_ITEMS].got += same(want->blocks[a->index].text,
						got->blocks[b->index].text);
	}
	for (i = 0; i < S_N; i++)
		print_message("seed page: %-36s %4zu / %-4zu (%3zu%%)\n",
			      sc[i].name, sc[i].got, sc[i].of,
			      sc[i].of ? sc[i].got * 100 / sc[i].of : 100);
	/* Floors actually reached (see the report for what is missed). */
	assert_int_equal(sc[S_PARTS].got, sc[S_PARTS].of);
	assert_int_equal(sc[S_CONT].got, sc[S_CONT].of);
	assert_int_equal(sc[S_HEAD].got, sc[S_HEAD].of);
	assert_int_equal(sc[S_KICK].got, sc[S_KICK].of);
	assert_int_equal(sc[S_BYLINE].got, sc[S_BYLINE].of);
	assert_int_equal(sc[S_PHOTO].got, sc[S_PHOTO].of);
	assert_int_equal(sc[S_CREDIT].got, sc[S_CREDIT].of);
	assert_true(sc[S_PARA].got * 100 >= sc[S_PARA].of * 95);
	assert_true(sc[S_WORDS].got * 100 >= sc[S_WORDS].of * 95);
	assert_true(sc[S_SEQ].got * 100 >= sc[S_SEQ].of * 75);
	assert_int_equal(sc[S_ITEMS].got, sc[S_ITEMS].of);
	edition_free(want);
	edition_free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_heads_byline),
		cmocka_unit_test(test_continuation_jump),
		cmocka_unit_test(test_caption_photo_shows),
		cmocka_unit_test(test_caption_credit_line),
		cmocka_unit_test(test_caption_shared_credit),
		cmocka_unit_test(test_page_photo),
		cmocka_unit_test(test_column_break),
		cmocka_unit_test(test_hyphens),
		cmocka_unit_test(test_subheads),
		cmocka_unit_test(test_ids_unique),
		cmocka_unit_test(test_empty_and_junk),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_page_label),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_sniff_json),
		cmocka_unit_test(test_page_city),
		cmocka_unit_test(test_page_bilingual),
		cmocka_unit_test(test_seed_page),
	};

	text_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
