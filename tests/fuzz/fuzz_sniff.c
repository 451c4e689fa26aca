/*
 * fuzz_sniff: the front door.  load_memory() sniffs the root element
 * (feed_sniff) and reads the document as folio's own edition or hands
 * it to the importer of its format, whichever that is.
 *
 * Input: three option bytes, then the document.  Bytes 0 and 1 are the
 * screen (fuzz_screen); byte 2, bit 0, the RELAX NG check of an edition
 * (--check), bits 1-7 where feed_sniff is tried on a prefix (in 128ths
 * of the document).
 *
 * Checked: feed_sniff on the document and on the prefix returns a
 * format with a name, the root's name a short string; load_memory as
 * fuzz_check_load checks (status 0 taken as the importer's on success,
 * as main does).
 */
#include <string.h>

#include "feed.h"
#include "fuzz.h"

static void
sniff(const char *data, size_t n)
{
	const char *root = NULL;
	enum feed_format f = feed_sniff(data, n, &root);

	FUZZ_ASSERT(f >= FMT_UNKNOWN && f <= FMT_TEXT);
	FUZZ_ASSERT(feed_format_name(f) != NULL);
	FUZZ_CHECK(root && strlen(root) < 64, "the root of %zu bytes", n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout_opts o;
	const char *doc = (const char *)data + 3;
	size_t n = size - 3;

	if (size < 3)
		return 0;
	fuzz_init();
	fuzz_screen(data, &o);
	sniff(doc, n);
	sniff(doc, n * (data[2] >> 1) / 128);
	fuzz_load_memory(doc, n, data[2] & 1, &o);
	return 0;
}
