/*
 * layout: the model turned into lines of styled cells, with no curses.
 *
 * Two products share one engine:
 *  - layout_article(): one article, every part stitched in reading order,
 *    in a single column of a given measure (the article view);
 *  - layout_page(): one page as newspaper columns on screens of a given
 *    size (the page view).  The page's items are flowed into lines at the
 *    column measure, then cut into columns that snake from column 1 to
 *    column N, screen after screen; the last screen is balanced.
 *
 * The ui paints these lines; the plain-text views print them.  What
 * `folio --page` prints is exactly what a terminal of that size shows.
 */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "edition.h"
#include "util.h"

/* How a run of cells is drawn; the ui maps these to attributes. */
enum cell_style {
	CS_BOLD = 1,
	CS_ITALIC = 2,
	CS_UNDERLINE = 4,	/* links */
	CS_DIM = 8,		/* rules, credits, kickers' markers */
	CS_REVERSE = 16,	/* search matches, selection (later) */
};

/* What a line is, for styling, navigation and keep-together rules. */
enum line_role {
	ROLE_BLANK,
	ROLE_BODY,
	ROLE_KICKER,
	ROLE_HEADLINE,
	ROLE_DECK,
	ROLE_BYLINE,
	ROLE_SUBHEAD,
	ROLE_QUOTE,
	ROLE_PHOTO,		/* a line of a photo's box */
	ROLE_JUMP,		/* "Continued on page A12 >" / "< From page 1" */
	ROLE_SEAM,		/* article view: where the printed page changes */
	ROLE_RULE,
};

struct style_run {
	uint32_t start, len;	/* bytes of the line's text */
	uint32_t style;		/* enum cell_style bits */
};

struct line {
	const char *text;	/* UTF-8, no control characters */
	uint32_t len;		/* bytes */
	int width;		/* cells */
	enum line_role role;
	const struct style_run *runs;	/* sorted, not overlapping */
	uint32_t nruns;
	size_t part;		/* the part it belongs to, or NONE */
	size_t block;		/* the block it shows, or NONE (heads, jumps) */
	uint32_t offset;	/* where in the block's text the line starts:
				   a place that survives a new layout */
	size_t target;		/* ROLE_JUMP: the part it leads to, or NONE */
	size_t target_page;	/* ROLE_JUMP: the page it names, or NONE */
	/* Rules for cutting into columns: */
	uint32_t keep;		/* lines after this one that must stay in
				   its column (headlines, box lines) */
	bool para_first, para_last;	/* first/last line of a paragraph */
};

struct lines {
	struct line *v;
	size_t n, cap;
	struct arena arena;	/* texts and runs */
};

void lines_init(struct lines *ls);
void lines_release(struct lines *ls);

struct layout_opts {
	int width;		/* cells */
	int height;		/* page view: rows of the whole screen */
	bool ascii;		/* ASCII rules and boxes, no Unicode */
	bool hyphenate;		/* when the edition's language has patterns */
	int measure;		/* page view: target column width, 0 = 36 */
	int gutter;		/* cells between columns, 0 = 3 */
	int min_columns;	/* 0 = 1 */
	int max_columns;	/* 0 = no limit */
	bool justify;		/* justify body lines in columns */
};

/*
 * The article view of article a at o->width cells: every part in reading
 * order, a seam line where the printed page changes, jump lines, photos
 * as boxed placeholders.  Appends to out.
 */
void layout_article(const struct edition *ed, size_t a,
		    const struct layout_opts *o, struct lines *out);

/* A page laid out as screens of columns. */
struct page_layout {
	int width, height;	/* the whole screen */
	int body_top, body_rows;	/* rows for the columns */
	int ncols, colw, gutter;
	struct lines lines;	/* the page flowed at colw */
	size_t nscreens;
	/* col_first[s * ncols + c], col_len[...]: the lines of column c on
	   screen s. */
	size_t *col_first;
	size_t *col_len;
	bool ascii;
};

/*
 * Lay out page pg for a screen of o->width x o->height (header and status
 * line included: the columns get height - 2 rows).  Returns 0, or -1 when
 * the screen is too small to lay out (under LAYOUT_MIN_W x LAYOUT_MIN_H).
 */
#define LAYOUT_MIN_W 20
#define LAYOUT_MIN_H 6
int layout_page(const struct edition *ed, size_t pg,
		const struct layout_opts *o, struct page_layout *pl);
void page_layout_release(struct page_layout *pl);

/*
 * Compose row r (0 <= r < body_rows) of screen s into out: the columns'
 * lines side by side with gutters and rules, padded to the full width.
 * Style runs of the composed row go to runs when it is not NULL.
 */
struct buf;
void page_layout_row(const struct page_layout *pl, size_t s, int r,
		     struct buf *out);

/* The header and status line texts of a page view screen. */
void layout_header(const struct edition *ed, size_t pg, int width,
		   bool ascii, struct buf *out);
void layout_status(const struct page_layout *pl, size_t s, struct buf *out);

#endif
