/*
 * fuzz_html: the HTML-in-feeds converter (feed_markup_html, which RSS
 * descriptions, Atom content and NewsML-G2 HTML bodies go through) into
 * a story set, then the story builder (story_build) making pages, parts
 * and jumps of it.
 *
 * Input: three option bytes, then HTML.  Bytes 0 and 1 are the screen
 * (fuzz_screen); byte 2: bit 0 a base URL for relative links; bits 1-2
 * the pages each story is printed on (none, A1, A1 and A12, A1, A12 and
 * B3); bit 3 the HTML cut at each form feed into up to 8 stories, or
 * with bit 6 into the pages of one story (story_page_break); bit 4 every
 * story with the same id, else none; bit 5 a headline, else the
 * builder makes one from the first words; bit 7 pages in print order.
 *
 * Checked: the edition built as fuzz_check_load and fuzz_check_links
 * check (a story set with a story always builds).
 */
#include <string.h>

#include "feed.h"
#include "fuzz.h"

#define MAX_PIECES 8

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const pages[] = { "A1", "A12", "B3" };
	struct story_set *s;
	struct layout_opts o;
	struct diags d;
	struct edition *ed;
	const char *p = (const char *)data + 3, *end = p + size - 3, *q;
	unsigned mode;
	int i, k;

	if (size < 3)
		return 0;
	fuzz_init();
	fuzz_screen(data, &o);
	mode = data[2];
	s = story_set_new();
	story_set_order(s, mode & 0x80 ? ORDER_PRINT : ORDER_APPEARANCE);
	for (i = 0; i < MAX_PIECES && p; i++) {
		q = mode & 8 && i + 1 < MAX_PIECES ?
		    memchr(p, '\f', (size_t)(end - p)) : NULL;
		if (i == 0 || !(mode & 0x40)) {
			story_add(s, mode & 0x10 ? "s" : NULL, 1, 1);
			if (mode & 0x20)
				story_field(s, SF_HEADLINE, "Fuzz", 4);
			for (k = 0; k < (int)(mode >> 1 & 3); k++)
				story_page(s, pages[k], NULL);
		} else {
			story_page_break(s);
		}
		feed_markup_html(s, p, (size_t)((q ? q : end) - p), mode & 1 ?
				 "http://example.com/news/2026/story.html" :
				 NULL);
		p = q ? q + 1 : NULL;
	}
	diags_init(&d, "fuzz");
	ed = story_build(s, "Fuzz", "1", &d);
	FUZZ_CHECK(ed != NULL, "no edition of %d stories", i);
	fuzz_check_links(ed);
	fuzz_check_load(ed, &d, 0, &o);
	diags_release(&d);
	story_set_free(s);
	return 0;
}
