/*
 * search: finding text across an edition, forgiving of case and accents.
 *
 * search_index_new() folds every searchable field of the edition once
 * (headlines, kickers, decks, bylines, datelines, paragraphs, crossheads,
 * quotes, captions, credits) into one buffer: lowercase, accents and
 * marks removed, ligatures and full-width forms spelled out ("Café" ->
 * "cafe", "ﬁ" -> "fi").  Fields are separated by NUL so no match spans
 * two.  A sparse map of points where the byte lengths of the original and
 * the folded text part ways turns a folded offset back into the original.
 * A query is folded the same way and found with memmem: the text is
 * searched, not the screen, so a phrase matches across line breaks and
 * hyphenation.
 *
 * Smartcase: a query with an uppercase letter is case-sensitive (still
 * accent-blind).  A query that starts with "\r" is a POSIX extended
 * regular expression, matched against the original text (case-blind
 * unless it has an uppercase letter).
 */
#ifndef FOLIO_SEARCH_H
#define FOLIO_SEARCH_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "edition.h"
#include "util.h"

enum search_field {
	SF_KICKER, SF_HEADLINE, SF_DECK, SF_BYLINE, SF_DATELINE,
	SF_TEXT, SF_SUBHEAD, SF_QUOTE, SF_CAPTION, SF_CREDIT,
};

/* Its name for a reader: "headline", "caption" ... */
const char *search_field_name(enum search_field f);

struct search_hit {
	size_t seg;		/* the field, in edition order */
	size_t page;
	size_t part;		/* NONE for a page-level photo */
	size_t block;		/* NONE for a part's head fields */
	enum search_field field;
	uint32_t start, end;	/* bytes of the field's original text */
};

struct search_index;

/* Fold the edition's text; the index points into ed, which must outlive
   it.  Never NULL. */
struct search_index *search_index_new(const struct edition *ed);
void search_index_free(struct search_index *ix);

/* The original text of field seg, and how many fields there are. */
const char *search_seg_text(const struct search_index *ix, size_t seg);
size_t search_nsegs(const struct search_index *ix);

/*
 * The field where the place (part, block; NONE for the head) begins:
 * the first field of that block or part, for "at or after here".
 */
size_t search_seg_of(const struct search_index *ix, size_t part,
		     size_t block);

struct search_query {
	char *folded;		/* the query folded (case-blind) */
	char *accents;		/* folded but for case, for smartcase */
	size_t len;
	bool smartcase;		/* the query had an uppercase letter */
	bool regex;
	regex_t re;
};

/*
 * Compile query.  Returns 0, or -1 with a message in err (a bad regular
 * expression, an empty query).  Release with search_query_release.
 * A regular expression is refused, before the C library sees it, when
 * it would grow too big once its repetitions are spelled out (glibc's
 * regcomp copies x{m,n} n times and x+ twice, so (a|b)++++... or
 * ((a{1,200}){1,200}){1,200} take gigabytes, and a******... takes
 * minutes; and its regexec, in UTF-8, takes time growing with the cube
 * of that size for each byte: .{1,64} 0.08 s a kilobyte, .{1,128} 0.7 s,
 * .{1,2000} more than 100 s: SEARCH_RE_MAX_COST bounds it to 0.3 s),
 * repeats what is repeated inside what is repeated (more than
 * SEARCH_RE_MAX_NEST quantifiers over each other, as in x+++ or
 * ((x+)+)+: glibc's regexec takes twice as long for each, 16 s over 255
 * bytes for .++++++++++), nests more than SEARCH_RE_MAX_DEPTH groups,
 * or has a back-reference (\1 to \9: exponential time to match).
 */
#define SEARCH_RE_MAX_COST 100
#define SEARCH_RE_MAX_DEPTH 32
#define SEARCH_RE_MAX_NEST 2
int search_compile(struct search_query *q, const char *query,
		   struct buf *err);
void search_query_release(struct search_query *q);

/*
 * A regular expression is matched a window of SEARCH_RE_WINDOW bytes at
 * a time (ending before a space or punctuation, when there is one in its
 * last SEARCH_RE_OVERLAP bytes, so that \> and \b match only where a
 * word ends), the next window starting SEARCH_RE_OVERLAP bytes before the
 * end of one without a match ($ matches only at the real end): glibc's
 * regexec takes time growing with the square of the text (a failing
 * .+x tries every start), so a hit is at most that long, and one longer
 * than the overlap that crosses a window's end can be missed.  And a
 * search stops once it has taken SEARCH_RE_MS milliseconds (a phrase
 * search never does): *stopped is then set, and the hits are those
 * found until then.
 */
#define SEARCH_RE_WINDOW 1024
#define SEARCH_RE_OVERLAP 256
#define SEARCH_RE_MS 2000

/*
 * Every hit, in edition order; *hits is a new array (free it).
 * *stopped (when not NULL): whether the time ran out (above).
 */
size_t search_run(const struct search_index *ix, const struct search_query *q,
		  struct search_hit **hits, bool *stopped);

/*
 * Hits of q in any text (a screen line), as byte ranges of that text in
 * start[i], end[i]; at most max.  For highlighting what is shown.  A
 * regular expression has SEARCH_RE_LINE_MS here; *stopped as above.
 */
#define SEARCH_RE_LINE_MS 50
size_t search_text(const struct search_query *q, const char *text,
		   size_t n, uint32_t *start, uint32_t *end, size_t max,
		   bool *stopped);

/*
 * An excerpt of about cells display cells of text around [start, end),
 * the match always whole, cut at grapheme boundaries with "…" where cut.
 */
void search_excerpt(const char *text, uint32_t start, uint32_t end,
		    int cells, struct buf *out);

#include "fold_table.h"

#endif
