/*
 * settings: one table of options, read with iniparser.  See settings.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "settings.h"
#include "util.h"

enum opt_type { OPT_STRING, OPT_INT, OPT_BOOL };

struct option_def {
	const char *key;	/* section:name, as iniparser spells it */
	enum opt_type type;
	int min, max;		/* OPT_INT bounds */
	const char *help;
};

static const struct option_def options[] = {
	{ "reader:edition", OPT_STRING, 0, 0,
	  "edition opened when none is named (default: the sample)" },
	{ "layout:measure", OPT_INT, 20, 80,
	  "target width of a newspaper column, in cells" },
	{ "layout:ascii", OPT_BOOL, 0, 0,
	  "draw rules and boxes with ASCII only" },
	{ "layout:hyphenate", OPT_BOOL, 0, 0,
	  "hyphenate body text in columns" },
};

void
settings_init(struct settings *s)
{
	s->edition = NULL;
	s->measure = 36;
	s->ascii = false;
	s->hyphenate = true;
}

void
settings_release(struct settings *s)
{
	free(s->edition);
	settings_init(s);
}

char *
settings_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;

	if (xdg && *xdg == '/')
		buf_addf(&b, "%s/folio/folio.ini", xdg);
	else
		buf_addf(&b, "%s/.config/folio/folio.ini",
			 home ? home : ".");
	return buf_detach(&b);
}

static int
set_option(struct settings *s, const struct option_def *o, const char *v,
	   struct diags *d)
{
	char *end;
	long n;

	switch (o->type) {
	case OPT_STRING:
		if (strcmp(o->key, "reader:edition") == 0) {
			free(s->edition);
			s->edition = *v ? xstrdup(v) : NULL;
		}
		return 0;
	case OPT_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < o->min || n > o->max) {
			diags_add(d, DIAG_ERROR, 0, 0, "%s: \"%s\" is not a "
				  "number from %d to %d", o->key, v, o->min,
				  o->max);
			return -1;
		}
		s->measure = (int)n;
		return 0;
	case OPT_BOOL:
		if (!strcmp(v, "true") || !strcmp(v, "yes") ||
		    !strcmp(v, "1") || !strcmp(v, "on"))
			n = 1;
		else if (!strcmp(v, "false") || !strcmp(v, "no") ||
			 !strcmp(v, "0") || !strcmp(v, "off"))
			n = 0;
		else {
			diags_add(d, DIAG_ERROR, 0, 0, "%s: \"%s\" is not true "
				  "or false", o->key, v);
			return -1;
		}
		if (!strcmp(o->key, "layout:ascii"))
			s->ascii = n;
		else
			s->hyphenate = n;
		return 0;
	}
	return 0;
}

int
settings_load(struct settings *s, const char *path, bool must_exist,
	      struct diags *d)
{
	dictionary *ini;
	int ret = 0, i, nkeys;
	size_t k;

	if (access(path, R_OK) != 0) {
		if (!must_exist && errno == ENOENT)
			return 0;
		diags_add(d, DIAG_ERROR, 0, 0, "cannot read: %s",
			  strerror(errno));
		return -1;
	}
	ini = iniparser_load(path);
	if (!ini) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot parse the file");
		return -1;
	}
	for (k = 0; k < ARRAY_SIZE(options); k++) {
		const char *v = iniparser_getstring(ini, options[k].key, NULL);

		if (v && set_option(s, &options[k], v, d) != 0)
			ret = -1;
	}
	/* Unknown keys are warned about, never silently ignored. */
	nkeys = iniparser_getnsec(ini);
	for (i = 0; i < nkeys; i++) {
		const char *sec = iniparser_getsecname(ini, i);
		int n = iniparser_getsecnkeys(ini, sec), j;
		const char **keys;

		if (n <= 0)
			continue;
		keys = xcalloc((size_t)n, sizeof(*keys));
		iniparser_getseckeys(ini, sec, keys);
		for (j = 0; j < n; j++) {
			for (k = 0; k < ARRAY_SIZE(options); k++)
				if (!strcmp(keys[j], options[k].key))
					break;
			if (k == ARRAY_SIZE(options))
				diags_add(d, DIAG_WARNING, 0, 0, "unknown "
					  "option %s is ignored", keys[j]);
		}
		free(keys);
	}
	iniparser_freedict(ini);
	return ret;
}
