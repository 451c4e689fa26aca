/* newsml: importer under construction (issue 8). */
#include <sysexits.h>

#include "feed.h"

struct edition *
newsml_load(const struct feed_src *src, struct diags *d, int *status)
{
	(void)src;
	diags_add(d, DIAG_ERROR, 0, 0, "this format is not read yet");
	*status = EX_DATAERR;
	return NULL;
}
