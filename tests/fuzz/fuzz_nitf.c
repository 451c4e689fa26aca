/*
 * fuzz_nitf: the NITF importer (nitf_load): one <nitf> document or several
 * under one root of any name, each a story with its head, byline and
 * body.content.
 *
 * Input: three option bytes (the screen, the HTTP charset, a URL, a
 * path: fuzz_import in fuzz.h), then the document.  Checked: what
 * fuzz_check_load and fuzz_check_links check.
 */
#include "feed.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(data, size, nitf_load);
}
