/*
 * fuzz_edition: the edition loader (load_memory), then layout of what it
 * loaded.
 *
 * Input: two bytes of options, then the file.  Byte 0 is the width
 * (16 + b % 185 cells); byte 1 the height (4 + its low six bits; under
 * 6 rows the page view must refuse), bit 6 ASCII drawing, bit 7 with
 * bit 7 of byte 0 the RELAX NG check (--check).  seeds.sh puts such a
 * header before each seed file.
 *
 * Checked: a refused file has an error and a status; a loaded edition
 * keeps the model's invariants (every part in exactly one article, its
 * prev/next and seq in reading order, indexes in range, no control
 * character in any string); no diagnostic holds a control character
 * (main prints them to the terminal); the first page lays out within
 * the screen and the first article's view within its width.
 */
#include <string.h>

#include "fuzz.h"
#include "load.h"

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
	struct load_opts lo;
	struct layout_opts o;
	struct diags d;
	struct edition *ed;
	size_t i;
	int status = -1;

	if (size < 2)
		return 0;
	lo.validate = (data[0] & 0x80) && (data[1] & 0x80);
	diags_init(&d, "fuzz");
	ed = load_memory((const char *)data + 2, size - 2, &lo, &d, &status);
	for (i = 0; i < d.n; i++)
		FUZZ_CHECK(!fuzz_has_control(d.v[i].msg, strlen(d.v[i].msg)),
			   "diagnostic %zu: \"%s\"", i, d.v[i].msg);
	if (!ed) {
		FUZZ_CHECK(status != 0 && d.nerrors > 0, "refused with status "
			   "%d and %zu errors", status, d.nerrors);
		goto out;
	}
	FUZZ_CHECK(status == 0, "loaded with status %d", status);
	fuzz_check_edition(ed);

	memset(&o, 0, sizeof(o));
	o.width = 16 + data[0] % 185;
	o.height = 4 + (data[1] & 0x3f);
	o.ascii = data[1] & 0x40;
	o.hyphenate = true;
	o.justify = data[0] & 1;
	fuzz_check_page(ed, 0, &o, NULL);
	if (ed->narticles) {
		/* The article view's measure is at least 20 (folio.ini's
		   article_width), at most the terminal's width. */
		if (o.width < 20)
			o.width = 20;
		fuzz_check_article(ed, 0, &o);
	}
	edition_free(ed);
out:
	diags_release(&d);
	return 0;
}
