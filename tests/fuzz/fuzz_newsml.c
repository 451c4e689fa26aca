/*
 * fuzz_newsml: the NewsML-G2 importer (newsml_load): a newsMessage, a
 * packageItem with its groups as pages, newsItems and their inline XHTML
 * or HTML bodies.
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
	return fuzz_import(data, size, newsml_load);
}
