/*
 * settings: folio.ini read into a typed struct; the only module that
 * includes iniparser.  One table of options (section, key, type, default,
 * bounds, help) drives loading, validation, --dump-config, the sample
 * folio.ini and the man page's list; [keys] binds the actions of
 * keymap.h by the names the help screen shows.
 *
 * Order: the defaults, then the file, then the command line (main.c
 * applies that last).
 */
#ifndef FOLIO_SETTINGS_H
#define FOLIO_SETTINGS_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "keymap.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* What can be coloured; the reader maps layout's roles onto these. */
enum element {
	EL_HEADLINE, EL_KICKER, EL_BYLINE, EL_CAPTION, EL_JUMP, EL_HIGHLIGHT,
	EL_STATUS, EL_COUNT
};

/* A colour: fg and bg are 0-255 or -1 (the terminal's default). */
struct color_spec {
	short fg, bg;
	bool bold;
	bool reverse;
};

struct settings {
	/* [layout] */
	int column_width;	/* target newspaper column, cells */
	int gutter;		/* cells between columns */
	int min_columns, max_columns;
	bool justify;
	bool hyphenate;
	int article_width;	/* the article view's measure, cells */
	/* [display] */
	enum color_mode color;
	bool ascii;
	char *theme;		/* owned */
	struct color_spec colors[EL_COUNT];	/* the theme's, then the
						   file's own */
	/* [keys] */
	struct keymap keys;
	/* [reader] */
	char *default_edition;	/* owned; NULL: the sample */
	int escdelay;		/* ms */
};

/* The defaults. */
void settings_init(struct settings *s);
void settings_release(struct settings *s);

/*
 * Read the file at path into s over what is there.  A missing file is not
 * an error when must_exist is false (the default place).  Diagnostics go
 * to d with their line: errors for values of the wrong type or out of
 * bounds, warnings for unknown sections and keys (with the nearest known
 * one) and for keys bound twice or actions left without a key.
 * Returns 0, -1 when a value is bad (EX_CONFIG), or -2 when the file
 * cannot be read (EX_NOINPUT).
 */
int settings_load(struct settings *s, const char *path, bool must_exist,
		  struct diags *d);

/* The default path ($XDG_CONFIG_HOME/folio/folio.ini); caller frees. */
char *settings_default_path(void);

/* Write s as a folio.ini that loads back to s, each option with its help
   as a comment.  Returns 0 or -1 on a write error. */
int settings_dump(const struct settings *s, FILE *fp);

/* The options as a man page section (roff): folio.ini(5). */
int settings_man(FILE *fp);

/* The built-in themes' names, NULL-terminated. */
extern const char *const settings_themes[];

#endif
