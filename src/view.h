/*
 * view: the plain-text views of DESIGN.md's command line, printed to a
 * stream: --toc, --article, --page.  (--check prints diagnostics with
 * diags_print.)  Each returns 0, or -1 when writing failed.
 */
#ifndef FOLIO_VIEW_H
#define FOLIO_VIEW_H

#include <stdio.h>

#include "edition.h"
#include "layout.h"

/* One line per part in page order: PAGE<TAB>ID<TAB>N/PARTS<TAB>HEADLINE. */
int view_toc(const struct edition *ed, FILE *fp);

/* The article view of article a, wrapped to o->width. */
int view_article(const struct edition *ed, size_t a,
		 const struct layout_opts *o, FILE *fp);

/*
 * The page view of page pg: every screen as a o->width x o->height
 * terminal shows it (header, columns, status line), a form feed line
 * between screens.  Returns 1 when the size is too small to lay out.
 */
int view_page(const struct edition *ed, size_t pg,
	      const struct layout_opts *o, FILE *fp);

struct bookmarks;

/*
 * Every match of query in the edition, one a line in page order:
 * PAGE<TAB>ID<TAB>EXCERPT (ID empty for a page-level photo), the excerpt
 * about 60 cells around the match.  Returns the number of matches, -1
 * for a bad query or a regular expression too slow to finish in
 * SEARCH_RE_MS (the hits before printed; message on stderr), or a write
 * error.
 */
long view_search(const struct edition *ed, const char *query, FILE *fp);

/*
 * The bookmarks, newest first, in format "lines" (DESIGN.md's
 * EDITION-DATE<TAB>EDITION-TITLE<TAB>PAGE<TAB>ID<TAB>HEADLINE), "tsv"
 * (the same with a header line and the source and time), "markdown" or
 * "atom" (a feed).  Returns 0, -1 on a write error, 1 for an unknown
 * format.
 */
int view_bookmarks(const struct bookmarks *b, const char *format, FILE *fp);

/*
 * The edition in format version 1 (EDITION-FORMAT.md): what an importer
 * made, written so that loading it gives the same model back.  Returns 0
 * or -1 on a write error.
 */
int view_edition_xml(const struct edition *ed, FILE *fp);

/* Print lines as plain text, one a line, trailing spaces removed. */
int view_lines(const struct lines *ls, FILE *fp);

#endif
