/*
 * story: how the feed importers build an edition.  A feed names articles
 * (stories) and, at best, the pages each is printed on, in any order; the
 * edition model wants pages in print order with each article's parts on
 * them (edition.h).  An importer adds stories to a story set, each with
 * its fields, body and the pages it is printed on in reading order;
 * story_build() then makes the pages and parts: a story on pages A1 and
 * A12 becomes a start on A1 jumping to A12 and a continuation on A12 from
 * A1, its body cut between them (at its page breaks, else at a jump line
 * such as "Please see BUDGET, Page A12", else in half).
 *
 * No XML here: the importers read their format and speak to this.
 * Every function works on the set's current story (the last added).
 * Strings are copied; text is cleaned (text_clean) as it is added, so an
 * importer hands over what the document holds, entities decoded.
 */
#ifndef FOLIO_STORY_H
#define FOLIO_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "edition.h"

struct story_set;

/* The edition's own fields (story_set_meta). */
enum story_meta {
	META_TITLE,		/* the masthead: "The Daily Example" */
	META_DATE,		/* the date, YYYY-MM-DD or as written */
	META_NAME,		/* edition name: "Late City" */
	META_PUBLISHER,
	META_LANG,		/* BCP 47 */
	META_DATE_DEFAULT,	/* the date when neither META_DATE nor any
				   story's SF_DATE gives one */
	META_NMETA
};

/* A story's fields (story_field). */
enum story_field {
	SF_KICKER,
	SF_HEADLINE,
	SF_DECK,
	SF_BYLINE,		/* several calls join with ", " */
	SF_DATELINE,
	SF_SECTION,		/* its page when it names no page */
	SF_DATE,		/* when it was published, as written */
	SF_URL,			/* where it is on the web */
	SF_EDITION,		/* the edition file it offers (a feed of
				   editions: an enclosure), path or URL */
	SF_NFIELDS
};

/* How story_build orders pages it was not told the order of. */
enum story_order {
	ORDER_APPEARANCE,	/* as first named (RSS sections) */
	ORDER_PRINT,		/* A1 < A2 < A12 < B1: section, then number */
};

struct story_set *story_set_new(void);
void story_set_free(struct story_set *s);

/* Text of n bytes (n == (size_t)-1: up to the NUL); NULL or empty text
   sets nothing.  The first value given wins for the masthead fields. */
void story_set_meta(struct story_set *s, enum story_meta which,
		    const char *text, size_t n);
bool story_has_meta(const struct story_set *s, enum story_meta which);
void story_set_order(struct story_set *s, enum story_order order);

/*
 * Declare a page in print order before stories name it (a METS physical
 * page, a NewsML-G2 page group): declared pages come first, in the order
 * declared, even when nothing is printed on them.  section may be NULL.
 */
void story_declare_page(struct story_set *s, const char *label,
			const char *section);

/*
 * A new current story.  id is the source's identifier (guid, doc-id, item
 * guid, METS DMDID...) or NULL; story_build keeps a short one as the
 * article id and makes one from the headline otherwise.  line and col say
 * where it starts in the source, for messages.
 */
void story_add(struct story_set *s, const char *id, unsigned line,
	       unsigned col);
size_t story_count(const struct story_set *s);
/* Pages declared or named so far. */
size_t story_page_count(const struct story_set *s);

/* A field of the current story; the first value wins except SF_BYLINE. */
void story_field(struct story_set *s, enum story_field f, const char *text,
		 size_t n);
bool story_has_field(const struct story_set *s, enum story_field f);

/*
 * A page the current story is printed on, in reading order ("A1", then
 * "A12"); the same page twice in a row counts once.  section may be NULL.
 */
void story_page(struct story_set *s, const char *label, const char *section);

/*
 * The body, in order.  A block is begun, given text (and styled runs),
 * then ended; text outside a begun block starts a paragraph.  Whitespace
 * collapses as in HTML; an empty block is dropped.
 */
void story_block_begin(struct story_set *s, enum block_kind kind);
void story_text(struct story_set *s, const char *text, size_t n);
/* A line break inside the block (HTML <br>): a space in the model. */
void story_line_break(struct story_set *s);
void story_block_end(struct story_set *s);
/* Styled runs nest; href (STYLE_LINK) may be NULL. */
void story_style_begin(struct story_set *s, uint32_t style,
		       const char *href);
void story_style_end(struct story_set *s);
/* A photo in the body; each may be NULL (a photo needs a caption or a
   src to be kept). */
void story_photo(struct story_set *s, const char *caption,
		 const char *credit, const char *src);
/* The rest of the body is printed on the story's next page. */
void story_page_break(struct story_set *s);
/* Does the current story have any body block yet? */
bool story_has_body(const struct story_set *s);

/*
 * Build the edition: pages (declared ones first, then as named by stories
 * in the set's order; stories naming no page go on their SF_SECTION's
 * page, else on one page titled default_page), parts, jumps.  The
 * edition's title falls back to default_title.  Warnings and errors go to
 * d; returns NULL when nothing could be built (no story and no page),
 * with an error in d.
 */
struct edition *story_build(struct story_set *s, const char *default_title,
			    const char *default_page, struct diags *d);

#endif
