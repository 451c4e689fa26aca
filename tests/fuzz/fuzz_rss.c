/*
 * fuzz_rss: the RSS and Atom importer (rss_load): RSS 0.9x, 1.0 and 2.0,
 * Atom 1.0 and 0.3, read again as Windows-1252, with HTML's entities
 * spelled out or recovered when they are not well-formed.
 *
 * Input: three option bytes (the screen, the HTTP charset, a URL, a
 * path: fuzz_import in fuzz.h), then the feed.  Checked: what
 * fuzz_check_load and fuzz_check_links check.
 */
#include "feed.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(data, size, rss_load);
}
