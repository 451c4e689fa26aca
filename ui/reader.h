/*
 * reader: the interactive screens (curses lives only in ui/).  This first
 * cut paints the page view and the article view from layout's lines and
 * moves through them with less-like keys; the ui issue grows it into the
 * full reader (contents, history, search, bookmarks, help).
 */
#ifndef FOLIO_READER_H
#define FOLIO_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "edition.h"
#include "keymap.h"
#include "layout.h"
#include "settings.h"
#include "util.h"

struct buf;

struct reader_start {
	size_t page;		/* page to open, or NONE */
	size_t article;		/* article to open, or NONE */
	bool contents;		/* open the contents screen */
	bool no_color;		/* attributes only (--no-color, NO_COLOR) */
	const struct keymap *keys;	/* the bindings; NULL: the defaults */
	const struct settings *settings;	/* colours; NULL: defaults */
	int article_width;	/* the article view's measure, 0 = 72 */
	int escdelay;		/* ms Escape waits for more; 0 = 25 */
	bool bookmarks;		/* open the bookmarks screen */
	bool restore;		/* return to where the reader left off */
	/* Where the edition came from, as bookmarks record it ("" when it
	   came from standard input or is the sample). */
	const char *origin;
	/* Load another edition (a bookmark's); NULL with a message in err.
	   The reader frees what it returns. */
	struct edition *(*load)(const char *origin, struct buf *err);
	struct layout_opts opts;	/* width and height are the screen's */
	const char *source;	/* file name, for messages */
	const char *note;	/* for the status line at the start (a
				   cached copy shown offline); or NULL */
	/*
	 * When ed is a first look at a big edition (its first page), the
	 * whole of it, asked for whenever the reader is idle: returns the
	 * edition once it is loaded (the reader then owns it and shows it
	 * in place of ed, where the reader is), NULL while loading, or NULL
	 * with *failed set and a message in err.  NULL: ed is all there is.
	 */
	struct edition *(*rest)(void *arg, bool *failed, struct buf *err);
	void *rest_arg;
};

/* Run the reader on the terminal until the user quits.  Returns 0, or
   128 + the signal that ended it (SIGHUP, SIGTERM, SIGINT: the terminal
   is restored first), or -1 when the terminal could not be set up
   (message on stderr). */
int reader_run(const struct edition *ed, const struct reader_start *st);

/* "ncurses 6.4.20221231": the curses folio runs with. */
const char *reader_curses_version(void);

#endif
