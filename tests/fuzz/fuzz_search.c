/*
 * fuzz_search: queries (search_compile) found in text (search_text,
 * search_run over an index) and shown in excerpts (search_excerpt).
 *
 * Input: the first line is the query, the rest the text.  The text is
 * the paragraph of a small edition (escaped into an XML template and
 * loaded as a file would be), so that it is cleaned as folio's own
 * text is and can be indexed.
 *
 * Checked: a query is compiled or refused with a message; the hits of
 * search_text lie inside the text, in order, on character boundaries;
 * search_run finds in the paragraph's field exactly what search_text
 * finds in the same text (unless either ran out of time: SEARCH_RE_MS,
 * only ever a regular expression's), and every hit is inside its field; an excerpt
 * holds its match whole and no control character.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "search.h"
#include "text.h"

#define MAX_HITS 64

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

static bool
char_start(const char *s, size_t n, size_t i)
{
	return i >= n || ((unsigned char)s[i] & 0xC0) != 0x80;
}

static void
check_excerpt(const char *text, uint32_t start, uint32_t end, int cells)
{
	struct buf out = BUF_INIT;

	search_excerpt(text, start, end, cells, &out);
	FUZZ_CHECK(end == start || memmem(buf_str(&out), out.len,
					  text + start, end - start),
		   "the excerpt \"%s\" lost its match \"%.*s\"", buf_str(&out),
		   (int)(end - start), text + start);
	FUZZ_CHECK(!fuzz_has_control(buf_str(&out), out.len), "\"%s\"",
		   buf_str(&out));
	buf_release(&out);
}

static void
check_hits(const struct search_query *q, const struct edition *ed,
	   int cells)
{
	const char *text = ed->blocks[0].text;
	size_t n = strlen(text), nh, nr, i, k = 0;
	uint32_t start[MAX_HITS], end[MAX_HITS];
	struct search_index *ix;
	struct search_hit *hits;
	bool cut_text, cut_run;

	nh = search_text(q, text, n, start, end, MAX_HITS, &cut_text);
	FUZZ_CHECK(nh <= MAX_HITS, "%zu hits", nh);
	for (i = 0; i < nh; i++) {
		FUZZ_CHECK(start[i] <= end[i] && end[i] <= n,
			   "hit %zu: %u-%u in %zu bytes", i, start[i], end[i],
			   n);
		FUZZ_CHECK(!i || start[i] >= end[i - 1], "hit %zu (%u-%u) "
			   "before the one before (%u-%u)", i, start[i],
			   end[i], start[i - 1], end[i - 1]);
		FUZZ_CHECK(char_start(text, n, start[i]) &&
			   char_start(text, n, end[i]), "hit %zu: %u-%u "
			   "splits a character", i, start[i], end[i]);
		if (i < 8)
			check_excerpt(text, start[i], end[i], cells);
	}

	ix = search_index_new(ed);
	nr = search_run(ix, q, &hits, &cut_run);
	FUZZ_CHECK(q->regex || (!cut_text && !cut_run), "a phrase search "
		   "stopped");
	for (i = 0; i < nr; i++) {
		const struct search_hit *h = &hits[i];
		const char *seg;

		FUZZ_CHECK(h->seg < search_nsegs(ix), "hit %zu", i);
		FUZZ_CHECK(!i || h->seg >= hits[i - 1].seg, "hit %zu", i);
		seg = search_seg_text(ix, h->seg);
		FUZZ_CHECK(h->start <= h->end && h->end <= strlen(seg),
			   "hit %zu: %u-%u in a field of %zu bytes", i,
			   h->start, h->end, strlen(seg));
		FUZZ_ASSERT(h->page < ed->npages);
		FUZZ_ASSERT(h->part == NONE || h->part < ed->nparts);
		FUZZ_ASSERT(h->block == NONE || h->block < ed->nblocks);
		/* Out of time, one found less than the other. */
		if (h->block != 0 || h->field != SF_TEXT || cut_text || cut_run)
			continue;
		/* The paragraph: what search_text found there (search_text
		   stops at MAX_HITS). */
		if (k < nh)
			FUZZ_CHECK(h->start == start[k] && h->end == end[k],
				   "search_run's hit %zu (%u-%u) is not "
				   "search_text's %zu (%u-%u)", i, h->start,
				   h->end, k, start[k], end[k]);
		else
			FUZZ_CHECK(nh == MAX_HITS, "search_run's hit %zu "
				   "(%u-%u) is not found by search_text (%zu "
				   "hits)", i, h->start, h->end, nh);
		k++;
	}
	FUZZ_CHECK(k >= nh || cut_run, "search_run found %zu in the "
		   "paragraph, search_text %zu", k, nh);
	free(hits);
	search_index_free(ix);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t qlen = nl ? (size_t)(nl - (const char *)data) : size;
	struct search_query q;
	struct buf err = BUF_INIT;
	struct edition *ed;
	char *query;

	query = xstrndup((const char *)data, qlen);	/* to a NUL */
	if (search_compile(&q, query, &err) != 0) {
		FUZZ_CHECK(err.len > 0, "query \"%s\" refused with no message",
			   query);
		goto out;
	}
	FUZZ_CHECK(err.len == 0, "\"%s\"", buf_str(&err));
	ed = fuzz_text_edition(nl ? nl + 1 : "", nl ? size - qlen - 1 : 0,
			       NULL);
	if (ed->nblocks)
		check_hits(&q, ed, 8 + (int)(size % 73));
	edition_free(ed);
	search_query_release(&q);
out:
	buf_release(&err);
	free(query);
	return 0;
}
