/*
 * fuzz_layout: any text as the paragraph of a small edition, laid out as
 * a page and as an article at any size.
 *
 * Input: four bytes of options, then the text.  Byte 0 is the width
 * (16 + b % 185 cells), byte 1 the height (4 + b % 77 rows; under
 * 20x6 the page view must refuse), byte 2 ASCII drawing (bit 0),
 * justification (bit 1), hyphenation (bit 2), the language (bits 3-4)
 * and the column measure (bits 5-7), byte 3 the gutter (b % 10) and the
 * fewest and most columns (bits 4-5, 6-7).  The text is escaped into the
 * <p> of an XML template and loaded with load_memory, as a file would be.
 *
 * Checked, as tests/test_layout.c does: no row of page_layout_row wider
 * than the width, no column taller than the screen, no line wider than
 * its column; every letter and digit of the paragraph (the input as the
 * loader cleaned it) shown, in reading order across columns and
 * screens; the article view within its width.
 */
#include <string.h>

#include "fuzz.h"

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
	static const char *const langs[] = { NULL, "en", "zh", "en-GB" };
	struct layout_opts o;
	struct edition *ed;
	struct buf want = BUF_INIT, got = BUF_INIT;
	const char *w, *g;
	size_t i = 0;
	int k;

	if (size < 4)
		return 0;
	ed = fuzz_text_edition((const char *)data + 4, size - 4,
			       langs[(data[2] >> 3) & 3]);
	fuzz_check_edition(ed);
	FUZZ_ASSERT(ed->nblocks == 1 && ed->narticles == 1);

	memset(&o, 0, sizeof(o));
	o.width = 16 + data[0] % 185;
	o.height = 4 + data[1] % 77;
	o.ascii = data[2] & 1;
	o.justify = data[2] & 2;
	o.hyphenate = data[2] & 4;
	k = data[2] >> 5;
	o.measure = k ? 12 + 13 * k : 0;
	o.gutter = data[3] % 10;
	o.min_columns = (data[3] >> 4) & 3;
	k = data[3] >> 6;
	o.max_columns = k ? (o.min_columns ? o.min_columns : 1) + k - 1 : 0;
	fuzz_check_page(ed, 0, &o, &got);
	if (o.width >= LAYOUT_MIN_W && o.height >= LAYOUT_MIN_H) {
		fuzz_alnum(&want, "Fuzz", 4);
		fuzz_alnum(&want, ed->blocks[0].text,
			   strlen(ed->blocks[0].text));
		w = buf_str(&want);
		g = buf_str(&got);
		while (w[i] && w[i] == g[i])
			i++;
		FUZZ_CHECK(w[i] == g[i], "at %dx%d the words differ at %zu: "
			   "want \"%.40s\", got \"%.40s\"", o.width, o.height,
			   i, w + i, g + i);
	}
	if (o.width < 20)
		o.width = 20;
	fuzz_check_article(ed, 0, &o);
	buf_release(&want);
	buf_release(&got);
	edition_free(ed);
	return 0;
}
