/*
 * keymap: the reader's actions, their names and help, and which keys
 * run them.  No curses here: keys are folio key codes (a character is
 * itself; the special keys are FK_* above Unicode), which ui/ maps from
 * curses and folio.ini names ("x", "C-n", "PgDn", "Space").  The one
 * table of actions drives the help screen and the [keys] section.
 */
#ifndef FOLIO_KEYMAP_H
#define FOLIO_KEYMAP_H

#include "util.h"

enum folio_key {
	FK_UP = 0x110000, FK_DOWN, FK_LEFT, FK_RIGHT, FK_HOME, FK_END,
	FK_PGUP, FK_PGDN, FK_ENTER, FK_TAB, FK_BTAB, FK_BACKSPACE, FK_ESC,
	FK_DELETE, FK_INSERT, FK_F1, FK_F12 = FK_F1 + 11,
};

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
	ACT_NEWSSTAND,
	ACT_HELP,
	ACT_QUIT_SCREEN,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_COUNT
};

#define KEYMAP_MAX 8	/* keys one action may have */

struct keymap {
	int keys[ACT_COUNT][KEYMAP_MAX];
	int n[ACT_COUNT];
};

/* The default bindings (less- and newsboat-like). */
void keymap_default(struct keymap *km);

/* The action of key, or ACT_NONE. */
enum action keymap_action(const struct keymap *km, int key);

/* The action's name in folio.ini and help ("next_screen"), its help line;
   static strings.  action_by_name: the action, or ACT_NONE. */
const char *action_name(enum action a);
const char *action_help(enum action a);
enum action action_by_name(const char *name);

/* A key from its name ("x", "C-n", "PgDn", "Space", "F5"), or -1. */
int keymap_parse_key(const char *name);
/* Append the name people write for key. */
void keymap_key_name(int key, struct buf *out);

/*
 * Bind action a to the keys in list ("x, C-n, PgDn"), replacing its keys.
 * Returns 0, or -1 with a message in err naming the bad key (a is then
 * unchanged).  An empty list leaves the action without a key.
 */
int keymap_bind(struct keymap *km, enum action a, const char *list,
		struct buf *err);

/* Append the keys of a: "Space, PgDn, f". */
void keymap_describe(const struct keymap *km, enum action a,
		     struct buf *out);

#endif
