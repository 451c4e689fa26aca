/*
 * keymap: actions, default keys and key names.  See keymap.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keymap.h"

struct action_def {
	const char *name;
	const char *help;
};

static const struct action_def actions[ACT_COUNT] = {
	[ACT_NONE] = { "none", "" },
	[ACT_NEXT_SCREEN] = { "next_screen",
			      "next screen (past the last: next page)" },
	[ACT_PREV_SCREEN] = { "prev_screen", "previous screen" },
	[ACT_LINE_DOWN] = { "line_down",
			    "line down (article); next part (page)" },
	[ACT_LINE_UP] = { "line_up",
			  "line up (article); previous part (page)" },
	[ACT_TOP] = { "top", "top" },
	[ACT_BOTTOM] = { "bottom", "bottom" },
	[ACT_NEXT_PAGE] = { "next_page", "next page" },
	[ACT_PREV_PAGE] = { "prev_page", "previous page" },
	[ACT_NEXT_PART] = { "next_part", "next article part" },
	[ACT_PREV_PART] = { "prev_part", "previous article part" },
	[ACT_OPEN] = { "open_article", "open the current article, all parts" },
	[ACT_FOLLOW_NEXT] = { "follow_jump",
			      "go where the article continues" },
	[ACT_FOLLOW_PREV] = { "follow_back",
			      "go where the article came from" },
	[ACT_BACK] = { "back", "back in history" },
	[ACT_FORWARD] = { "forward", "forward in history" },
	[ACT_CONTENTS] = { "contents", "contents" },
	[ACT_GOTO_PAGE] = { "goto_page", "go to a page by its label" },
	[ACT_BOOKMARK] = { "bookmark", "bookmark the current article, or "
			   "remove its bookmark" },
	[ACT_BOOKMARKS] = { "bookmarks", "the bookmarks, newest first" },
	[ACT_DELETE] = { "delete", "delete the bookmark (bookmarks)" },
	[ACT_SEARCH] = { "search", "search the edition (the bookmarks: "
			 "filter them)" },
	[ACT_NEXT_MATCH] = { "next_match", "next match" },
	[ACT_PREV_MATCH] = { "prev_match", "previous match" },
	[ACT_RESULTS] = { "results", "every match, one a line" },
	[ACT_NEWSSTAND] = { "newsstand", "the editions a feed of editions "
			    "offers, newest first" },
	[ACT_HELP] = { "help", "this help" },
	[ACT_QUIT_SCREEN] = { "quit_screen",
			      "back out one screen; quit from the page view" },
	[ACT_QUIT] = { "quit", "quit now" },
	[ACT_REDRAW] = { "redraw", "redraw the screen" },
};

#define CTRL(c) ((c) & 0x1f)

static const struct {
	enum action action;
	int keys[4];		/* 0 ends the list */
} defaults[] = {
	{ ACT_NEXT_SCREEN, { ' ', FK_PGDN, 'f' } },
	{ ACT_PREV_SCREEN, { 'b', FK_PGUP } },
	{ ACT_LINE_DOWN, { 'j', FK_DOWN } },
	{ ACT_LINE_UP, { 'k', FK_UP } },
	{ ACT_TOP, { 'g', FK_HOME } },
	{ ACT_BOTTOM, { 'G', FK_END } },
	{ ACT_NEXT_PAGE, { ']' } },
	{ ACT_PREV_PAGE, { '[' } },
	{ ACT_NEXT_PART, { 'J', FK_TAB } },
	{ ACT_PREV_PART, { 'K', FK_BTAB } },
	{ ACT_OPEN, { FK_ENTER } },
	{ ACT_FOLLOW_NEXT, { '>' } },
	{ ACT_FOLLOW_PREV, { '<' } },
	{ ACT_BACK, { 'H', FK_BACKSPACE } },
	{ ACT_FORWARD, { 'L' } },
	{ ACT_CONTENTS, { 't' } },
	{ ACT_GOTO_PAGE, { 'p' } },
	{ ACT_BOOKMARK, { 'm' } },
	{ ACT_BOOKMARKS, { 'B' } },
	{ ACT_DELETE, { 'd' } },
	{ ACT_SEARCH, { '/' } },
	{ ACT_NEXT_MATCH, { 'n' } },
	{ ACT_PREV_MATCH, { 'N' } },
	{ ACT_RESULTS, { 's' } },
	{ ACT_NEWSSTAND, { 'E' } },
	{ ACT_HELP, { '?' } },
	{ ACT_QUIT_SCREEN, { 'q' } },
	{ ACT_QUIT, { 'Q' } },
	{ ACT_REDRAW, { CTRL('l') } },
};

static const struct {
	int key;
	const char *name;
} names[] = {
	{ ' ', "Space" }, { FK_ENTER, "Enter" }, { FK_ENTER, "Return" },
	{ FK_TAB, "Tab" }, { FK_BTAB, "Shift-Tab" }, { FK_BTAB, "S-Tab" },
	{ FK_BTAB, "BTab" }, { FK_BACKSPACE, "Backspace" },
	{ FK_BACKSPACE, "BS" }, { FK_ESC, "Esc" }, { FK_ESC, "Escape" },
	{ FK_UP, "Up" }, { FK_DOWN, "Down" }, { FK_LEFT, "Left" },
	{ FK_RIGHT, "Right" }, { FK_HOME, "Home" }, { FK_END, "End" },
	{ FK_PGUP, "PgUp" }, { FK_PGUP, "PageUp" }, { FK_PGDN, "PgDn" },
	{ FK_PGDN, "PageDown" }, { FK_DELETE, "Delete" }, { FK_DELETE, "Del" },
	{ FK_INSERT, "Insert" }, { ',', "Comma" }, { '#', "Hash" },
	{ ';', "Semicolon" }, { '"', "Quote" }, { '\'', "Apostrophe" },
	{ '\\', "Backslash" },
};

void
keymap_default(struct keymap *km)
{
	size_t i, k;

	memset(km, 0, sizeof(*km));
	for (i = 0; i < ARRAY_SIZE(defaults); i++)
		for (k = 0; k < 4 && defaults[i].keys[k]; k++)
			km->keys[defaults[i].action][km->n[defaults[i]
							   .action]++] =
				defaults[i].keys[k];
}

enum action
keymap_action(const struct keymap *km, int key)
{
	int a, k;

	for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
		for (k = 0; k < km->n[a]; k++)
			if (km->keys[a][k] == key)
				return (enum action)a;
	return ACT_NONE;
}

const char *
action_name(enum action a)
{
	return a < ACT_COUNT ? actions[a].name : "";
}

const char *
action_help(enum action a)
{
	return a < ACT_COUNT ? actions[a].help : "";
}

enum action
action_by_name(const char *name)
{
	int a;

	for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (!strcmp(actions[a].name, name))
			return (enum action)a;
	return ACT_NONE;
}

int
keymap_parse_key(const char *name)
{
	size_t i;
	char *end;
	long f;

	if (!name || !*name)
		return -1;
	if (!name[1] && (unsigned char)name[0] > ' ' &&
	    (unsigned char)name[0] < 127)
		return name[0];
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcasecmp(names[i].name, name))
			return names[i].key;
	if ((!strncasecmp(name, "C-", 2) || !strncasecmp(name, "Ctrl-", 5))) {
		const char *c = strchr(name, '-') + 1;

		if (c[0] && !c[1] && isalpha((unsigned char)c[0]))
			return CTRL(tolower((unsigned char)c[0]));
		return -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && isdigit((unsigned char)name[1])) {
		f = strtol(name + 1, &end, 10);
		if (!*end && f >= 1 && f <= 12)
			return FK_F1 + (int)f - 1;
	}
	return -1;
}

void
keymap_key_name(int key, struct buf *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].key == key) {
			buf_adds(out, names[i].name);
			return;
		}
	if (key >= FK_F1 && key <= FK_F12)
		buf_addf(out, "F%d", key - FK_F1 + 1);
	else if (key > 0 && key < 32)
		buf_addf(out, "C-%c", key + 'a' - 1);
	else if (key > ' ' && key < 127)
		buf_addch(out, (char)key);
	else
		buf_addf(out, "<%d>", key);
}

int
keymap_bind(struct keymap *km, enum action a, const char *list,
	    struct buf *err)
{
	int keys[KEYMAP_MAX] = { 0 }, n = 0, k;
	char *copy = xstrdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *e;

		while (*tok == ' ' || *tok == '\t')
			tok++;
		e = tok + strlen(tok);
		while (e > tok && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (!*tok)
			continue;
		k = keymap_parse_key(tok);
		if (k < 0) {
			buf_addf(err, "\"%s\" is not a key (keys are written "
				 "x, C-n, Space, Enter, Tab, PgDn, Up, F5 ...)",
				 tok);
			free(copy);
			return -1;
		}
		if (n == KEYMAP_MAX) {
			buf_addf(err, "more than %d keys", KEYMAP_MAX);
			free(copy);
			return -1;
		}
		keys[n++] = k;
	}
	free(copy);
	memcpy(km->keys[a], keys, (size_t)n * sizeof(int));
	km->n[a] = n;
	return 0;
}

void
keymap_describe(const struct keymap *km, enum action a, struct buf *out)
{
	int k;

	for (k = 0; k < km->n[a]; k++) {
		if (k)
			buf_adds(out, ", ");
		keymap_key_name(km->keys[a][k], out);
	}
}
