/*
 * settings: folio.ini read into a typed struct.  The only module that
 * includes iniparser.  This is the start of the one options table that
 * the configuration issue grows; today it holds what the reader and the
 * layout already use.
 */
#ifndef FOLIO_SETTINGS_H
#define FOLIO_SETTINGS_H

#include <stdbool.h>

#include "diag.h"

struct settings {
	char *edition;		/* default edition when none is named;
				   NULL = the sample edition; owned */
	int measure;		/* column measure in cells, 20-80 */
	bool ascii;		/* ASCII line drawing */
	bool hyphenate;		/* hyphenate body text in columns */
};

/* The defaults; edition is NULL. */
void settings_init(struct settings *s);
void settings_release(struct settings *s);

/*
 * Read path into s.  A missing file is not an error when it is the
 * default path (must_exist false).  Problems are diagnostics in d
 * (errors for bad values, warnings for unknown keys).  Returns 0, or -1
 * when the file cannot be read or a value is bad.
 */
int settings_load(struct settings *s, const char *path, bool must_exist,
		  struct diags *d);

/* The default path ($XDG_CONFIG_HOME/folio/folio.ini); caller frees. */
char *settings_default_path(void);

#endif
