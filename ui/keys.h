/*
 * keys: the one table of the reader's actions and their default keys.
 * The help screen is generated from it; the configuration issue will let
 * folio.ini rebind actions by name.
 */
#ifndef FOLIO_KEYS_H
#define FOLIO_KEYS_H

#include "util.h"

enum action {
	ACT_NONE,
	ACT_NEXT_SCREEN,
	ACT_PREV_SCREEN,
	ACT_LINE_DOWN,
	ACT_LINE_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_NEXT_PAGE,
	ACT_PREV_PAGE,
	ACT_NEXT_PART,
	ACT_PREV_PART,
	ACT_OPEN,
	ACT_FOLLOW_NEXT,
	ACT_FOLLOW_PREV,
	ACT_BACK,
	ACT_FORWARD,
	ACT_CONTENTS,
	ACT_GOTO_PAGE,
	ACT_BOOKMARK,
	ACT_BOOKMARKS,
	ACT_DELETE,
	ACT_SEARCH,
	ACT_NEXT_MATCH,
	ACT_PREV_MATCH,
	ACT_RESULTS,
	ACT_HELP,
	ACT_QUIT_SCREEN,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_COUNT
};

/* The action bound to a curses key code, or ACT_NONE. */
enum action keys_action(int key);

/* The action's name ("next-screen") and one line of help; static. */
const char *keys_name(enum action a);
const char *keys_help(enum action a);

/* Append the keys bound to a, as people write them: "SPACE, PgDn, f". */
void keys_describe(enum action a, struct buf *out);

#endif
