/*
 * hyph: libhyphen behind the text_hyphenate_fn contract.  Words are
 * lowercased (ASCII and Latin-1 letters; others are left alone) before
 * the patterns see them; libhyphen's hyphens[i] odd means "a hyphen may
 * follow byte i".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "config.h"
#include "hyph.h"
#include "util.h"

struct hyph {
	HyphenDict *dict;
};

static struct hyph en;
static bool en_tried;

struct hyph *
hyph_get(const char *lang)
{
	const char *dir = getenv("FOLIO_HYPHEN_DIR");
	struct buf path = BUF_INIT;

	if (!lang || strncasecmp(lang, "en", 2) != 0 ||
	    (lang[2] && lang[2] != '-' && lang[2] != '_'))
		return NULL;
	if (!en_tried) {
		en_tried = true;
		buf_addf(&path, "%s/hyph_en_US.dic", dir ? dir : HYPHEN_DIR);
		en.dict = hnj_hyphen_load(path.s);
		buf_release(&path);
	}
	return en.dict ? &en : NULL;
}

int
hyph_points(void *ctx, const char *word, size_t n, bool *ok)
{
	struct hyph *h = ctx;
	char low[64], hy[64 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t i;

	if (!h || !h->dict || n < 4 || n >= sizeof(low))
		return -1;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)word[i]);
	low[n] = '\0';
	if (hnj_hyphen_hyphenate2(h->dict, low, (int)n, hy, NULL, &rep, &pos,
				  &cut) != 0)
		return -1;
	if (rep) {
		/* Non-standard hyphenation (would change letters): unused. */
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
		return -1;
	}
	for (i = 0; i + 1 < n; i++)
		if (hy[i] & 1)
			ok[i + 1] = true;
	return 0;
}
