/*
 * fuzz_mets: the METS/ALTO importer (mets_load): a METS issue, its pages
 * and articles, or a lone ALTO page (the root says which).
 *
 * Input: three option bytes (fuzz_import in fuzz.h), then the document.
 * With bit 4 of byte 2 clear the issue has no file, so none of its ALTO
 * pages is read; set, the document is cut at each "\n--next file--\n"
 * and the pieces after the first are its ALTO files 1.xml, 2.xml ...
 * beside it (seeds.sh names them so in the fixtures' METS files).
 * Checked: what fuzz_check_load and fuzz_check_links check.
 */
#include "feed.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(data, size, mets_load);
}
