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
	struct layout_opts o;

	if (size < 2)
		return 0;
	fuzz_screen(data, &o);
	fuzz_load_memory((const char *)data + 2, size - 2,
			 (data[0] & 0x80) && (data[1] & 0x80), &o);
	return 0;
}
