/*
 * keys: default bindings (less- and newsboat-like) and their help texts.
 */
#include <curses.h>
#include <string.h>

#include "keys.h"

struct action_def {
	const char *name;
	const char *help;
};

static const struct action_def actions[ACT_COUNT] = {
	[ACT_NONE] = { "none", "" },
	[ACT_NEXT_SCREEN] = { "next-screen",
			      "next screen (past the last: next page)" },
	[ACT_PREV_SCREEN] = { "prev-screen", "previous screen" },
	[ACT_LINE_DOWN] = { "line-down",
			    "line down (article); next part (page)" },
	[ACT_LINE_UP] = { "line-up",
			  "line up (article); previous part (page)" },
	[ACT_TOP] = { "top", "top" },
	[ACT_BOTTOM] = { "bottom", "bottom" },
	[ACT_NEXT_PAGE] = { "next-page", "next page" },
	[ACT_PREV_PAGE] = { "prev-page", "previous page" },
	[ACT_NEXT_PART] = { "next-part", "next article part" },
	[ACT_PREV_PART] = { "prev-part", "previous article part" },
	[ACT_OPEN] = { "open", "open the current article, all parts" },
	[ACT_FOLLOW_NEXT] = { "follow-next",
			      "go where the article continues" },
	[ACT_FOLLOW_PREV] = { "follow-prev",
			      "go where the article came from" },
	[ACT_BACK] = { "back", "back in history" },
	[ACT_FORWARD] = { "forward", "forward in history" },
	[ACT_CONTENTS] = { "contents", "contents" },
	[ACT_GOTO_PAGE] = { "goto-page", "go to a page by its label" },
	[ACT_BOOKMARK] = { "bookmark", "bookmark the current article, or "
			   "remove its bookmark" },
	[ACT_BOOKMARKS] = { "bookmarks", "the bookmarks, newest first" },
	[ACT_DELETE] = { "delete", "delete the bookmark (bookmarks)" },
	[ACT_SEARCH] = { "search", "search the edition (the bookmarks: "
			 "filter them)" },
	[ACT_NEXT_MATCH] = { "next-match", "next match" },
	[ACT_PREV_MATCH] = { "prev-match", "previous match" },
	[ACT_RESULTS] = { "results", "every match, one a line" },
	[ACT_HELP] = { "help", "this help" },
	[ACT_QUIT_SCREEN] = { "quit-screen",
			      "back out one screen; quit from the page view" },
	[ACT_QUIT] = { "quit", "quit now" },
	[ACT_REDRAW] = { "redraw", "redraw the screen" },
};

struct binding {
	int key;
	enum action action;
};

#define CTRL(c) ((c) & 0x1f)

/* In help order; the first key of an action is its main one. */
static const struct binding bindings[] = {
	{ ' ', ACT_NEXT_SCREEN }, { KEY_NPAGE, ACT_NEXT_SCREEN },
	{ 'f', ACT_NEXT_SCREEN },
	{ 'b', ACT_PREV_SCREEN }, { KEY_PPAGE, ACT_PREV_SCREEN },
	{ 'j', ACT_LINE_DOWN }, { KEY_DOWN, ACT_LINE_DOWN },
	{ 'k', ACT_LINE_UP }, { KEY_UP, ACT_LINE_UP },
	{ 'g', ACT_TOP }, { KEY_HOME, ACT_TOP },
	{ 'G', ACT_BOTTOM }, { KEY_END, ACT_BOTTOM },
	{ ']', ACT_NEXT_PAGE }, { '[', ACT_PREV_PAGE },
	{ 'J', ACT_NEXT_PART }, { '\t', ACT_NEXT_PART },
	{ 'K', ACT_PREV_PART }, { KEY_BTAB, ACT_PREV_PART },
	{ '\r', ACT_OPEN }, { '\n', ACT_OPEN }, { KEY_ENTER, ACT_OPEN },
	{ '>', ACT_FOLLOW_NEXT }, { '<', ACT_FOLLOW_PREV },
	{ 'H', ACT_BACK }, { KEY_BACKSPACE, ACT_BACK }, { 127, ACT_BACK },
	{ CTRL('h'), ACT_BACK },
	{ 'L', ACT_FORWARD },
	{ 't', ACT_CONTENTS },
	{ 'p', ACT_GOTO_PAGE },
	{ 'm', ACT_BOOKMARK },
	{ 'B', ACT_BOOKMARKS },
	{ 'd', ACT_DELETE },
	{ '/', ACT_SEARCH },
	{ 'n', ACT_NEXT_MATCH },
	{ 'N', ACT_PREV_MATCH },
	{ 's', ACT_RESULTS },
	{ '?', ACT_HELP },
	{ 'q', ACT_QUIT_SCREEN },
	{ 'Q', ACT_QUIT },
	{ CTRL('l'), ACT_REDRAW },
};

enum action
keys_action(int key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bindings); i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

const char *
keys_name(enum action a)
{
	return a < ACT_COUNT ? actions[a].name : "";
}

const char *
keys_help(enum action a)
{
	return a < ACT_COUNT ? actions[a].help : "";
}

static void
keyname_of(int key, struct buf *out)
{
	static const struct { int key; const char *name; } names[] = {
		{ ' ', "SPACE" }, { KEY_NPAGE, "PgDn" }, { KEY_PPAGE, "PgUp" },
		{ KEY_DOWN, "Down" }, { KEY_UP, "Up" }, { KEY_HOME, "Home" },
		{ KEY_END, "End" }, { '\t', "Tab" }, { KEY_BTAB, "Shift-Tab" },
		{ '\r', "Enter" }, { KEY_BACKSPACE, "Backspace" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].key == key) {
			buf_adds(out, names[i].name);
			return;
		}
	if (key < 32)
		buf_addf(out, "Ctrl-%c", key + 'A' - 1);
	else if (key < 127)
		buf_addch(out, (char)key);
}

void
keys_describe(enum action a, struct buf *out)
{
	size_t i, start = out->len;

	for (i = 0; i < ARRAY_SIZE(bindings); i++) {
		int k = bindings[i].key;

		/* Aliases a person never types by name. */
		if (bindings[i].action != a || k == '\n' || k == KEY_ENTER ||
		    k == 127 || k == CTRL('h'))
			continue;
		if (out->len > start)
			buf_adds(out, ", ");
		keyname_of(k, out);
	}
}
