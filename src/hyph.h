/*
 * hyph: hyphenation points from libhyphen and Debian's patterns
 * (hyphen-en-us: /usr/share/hyphen/hyph_en_US.dic).  Loaded once per
 * language on first use and kept for the life of the program.
 */
#ifndef FOLIO_HYPH_H
#define FOLIO_HYPH_H

#include <stdbool.h>
#include <stddef.h>

struct hyph;

/*
 * The hyphenator for a BCP 47 language ("en", "en-GB"), or NULL when there
 * are no patterns for it (or lang is NULL).  Owned by this module.
 */
struct hyph *hyph_get(const char *lang);

/*
 * A text_hyphenate_fn (see text.h): ctx is a struct hyph.  Sets ok[i] for
 * each byte offset i of word where a hyphen may go.  Returns 0, or -1 when
 * the word cannot be hyphenated (too long, not letters).
 */
int hyph_points(void *ctx, const char *word, size_t n, bool *ok);

#endif
