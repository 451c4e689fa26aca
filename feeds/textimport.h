/*
 * textimport: a newspaper page as plain text (what pdftotext makes of an
 * e-paper page) turned into an edition of one page, by heuristics:
 *  - blocks are runs of non-blank lines; a page break (form feed) or two
 *    blank lines is a wide gap;
 *  - photo captions ("Photo shows ...", "... (PHOTO: XINHUA)", a caption
 *    next to a credit line such as "Photo: Ann Lens", a one-sentence block
 *    set apart by wide gaps) are lifted out into photos with their credit,
 *    and the paragraph they interrupted is joined again;
 *  - a paragraph cut by a column break (no final punctuation, and the next
 *    block starts in lower case, or it ended in a comma, or it is long
 *    prose) is joined; a word hyphenated at the break is joined when it is
 *    a word (libhyphen would break it there) and kept hyphenated for
 *    compounds (capitals, digits, known parts such as sci-, -term);
 *    "sci- tech" inside a line becomes "sci-tech";
 *  - short lines without final punctuation before a byline ("By ...") or a
 *    "From page N" line are the kicker (the shortest) and headline (the
 *    longest) of an article or continuation; two or more such lines also
 *    start an article; a single one inside an article, or a numbered line
 *    ("III. Jointly ..."), is a subhead;
 *  - "Continued on page N" is the part's jump.
 * Article ids are slugs of the headline's first two significant words,
 * made unique.  Captions outside any article's text are page-level photos.
 * The kicker of an article that opens the page is the page's section.
 * Credits are only what the text prints: an uncredited photo has none.
 */
#ifndef FOLIO_TEXTIMPORT_H
#define FOLIO_TEXTIMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "edition.h"

struct text_import_opts {
	const char *page_label;	/* NULL: "1" */
	const char *title;	/* NULL: the model's default */
	const char *date;	/* NULL: the model's default */
	const char *lang;	/* BCP 47; NULL: none (English hyphenation) */
};

/*
 * Import len bytes of text (not copied; need not be NUL-terminated; any
 * bytes: invalid UTF-8 and controls are cleaned) as a one-page edition.
 * o may be NULL.  Returns a finished edition (edition_finish() done; the
 * caller frees it with edition_free) with any warnings in d, or NULL with
 * an error in d when the text holds nothing to show.
 */
struct edition *textimport_memory(const char *text, size_t len,
				  const struct text_import_opts *o,
				  struct diags *d);

/*
 * Whether data looks like a page of prose: not XML (its first non-blank
 * byte is not '<'), not JSON (textimport_is_json), no NUL bytes, few
 * control characters, mostly letters, and at least one line of several
 * words.
 */
bool textimport_sniff(const char *data, size_t len);

/*
 * Whether data starts as JSON does (a JSON Feed, ninjs): after a BOM and
 * blanks, '{' then blanks and '"' or '}', or '[' then blanks and '{',
 * '[', '"' or ']'.  Such text is not a page of prose (textimport_sniff
 * says no).  *line and *col (may be NULL) get where its first byte is.
 */
bool textimport_is_json(const char *data, size_t len, int *line, int *col);

#endif
