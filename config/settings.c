/*
 * settings: the options table, folio.ini through iniparser, and the line
 * finder that gives every message its place (iniparser does not).  See
 * settings.h.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "files.h"
#include "settings.h"
#include "util.h"

enum opt_type { T_INT, T_BOOL, T_STRING, T_COLOR_MODE, T_THEME, T_COLOR };

struct option_def {
	const char *section, *key;
	enum opt_type type;
	int min, max;		/* T_INT */
	const char *unit;	/* T_INT: "cells", "ms", "columns" */
	size_t offset;		/* into struct settings */
	const char *help;
};

#define OFF(f) offsetof(struct settings, f)

static const struct option_def options[] = {
	{ "layout", "column_width", T_INT, 12, 200, "cells", OFF(column_width),
	  "target width of a newspaper column" },
	{ "layout", "gutter", T_INT, 1, 9, "cells", OFF(gutter),
	  "space between columns, a thin rule in its middle" },
	{ "layout", "min_columns", T_INT, 1, 12, "columns", OFF(min_columns),
	  "fewest columns on a page (when they fit at 20 cells or more)" },
	{ "layout", "max_columns", T_INT, 1, 12, "columns", OFF(max_columns),
	  "most columns on a page" },
	{ "layout", "justify", T_BOOL, 0, 0, NULL, OFF(justify),
	  "justify body text in columns (else ragged right)" },
	{ "layout", "hyphenate", T_BOOL, 0, 0, NULL, OFF(hyphenate),
	  "hyphenate body text in columns (English editions)" },
	{ "layout", "article_width", T_INT, 20, 400, "cells",
	  OFF(article_width), "measure of the article view" },
	{ "display", "color", T_COLOR_MODE, 0, 0, NULL, OFF(color),
	  "colour: auto (when the terminal has it and NO_COLOR is unset), "
	  "always or never" },
	{ "display", "ascii", T_BOOL, 0, 0, NULL, OFF(ascii),
	  "draw rules and boxes with ASCII only" },
	{ "display", "theme", T_THEME, 0, 0, NULL, OFF(theme),
	  "default, mono, solarized-dark or light; the colours below "
	  "override it" },
	{ "display", "headline", T_COLOR, 0, 0, NULL, OFF(colors[EL_HEADLINE]),
	  "headlines: a colour (a name, or 0-255), \"on\" a background, "
	  "bold, reverse" },
	{ "display", "kicker", T_COLOR, 0, 0, NULL, OFF(colors[EL_KICKER]),
	  "kickers above headlines" },
	{ "display", "byline", T_COLOR, 0, 0, NULL, OFF(colors[EL_BYLINE]),
	  "bylines and credits" },
	{ "display", "caption", T_COLOR, 0, 0, NULL, OFF(colors[EL_CAPTION]),
	  "photo boxes and captions" },
	{ "display", "jump", T_COLOR, 0, 0, NULL, OFF(colors[EL_JUMP]),
	  "\"Continued on page\" and \"From page\" lines" },
	{ "display", "highlight", T_COLOR, 0, 0, NULL,
	  OFF(colors[EL_HIGHLIGHT]), "the current headline and search matches" },
	{ "display", "status", T_COLOR, 0, 0, NULL, OFF(colors[EL_STATUS]),
	  "the header and status lines" },
	{ "reader", "default_edition", T_STRING, 0, 0, NULL,
	  OFF(default_edition),
	  "edition opened when none is named (empty: the sample)" },
	{ "reader", "escdelay", T_INT, 0, 5000, "ms", OFF(escdelay),
	  "how long Escape waits for the rest of a key (ESCDELAY wins when "
	  "set)" },
};

static const char *const sections[] = { "layout", "display", "keys",
					"reader" };

const char *const settings_themes[] = {
	"default", "mono", "solarized-dark", "light", NULL,
};

/* Each theme's colours, in enum element order. */
#define C(fg, bg, bold, rev) { fg, bg, bold, rev }
static const struct color_spec themes[][EL_COUNT] = {
	{	/* default: the terminal's colours, a little cyan */
		C(-1, -1, true, false), C(6, -1, false, false),
		C(-1, -1, false, false), C(-1, -1, false, false),
		C(6, -1, true, false), C(-1, -1, false, true),
		C(-1, -1, false, true),
	},
	{	/* mono: attributes only */
		C(-1, -1, true, false), C(-1, -1, false, false),
		C(-1, -1, false, false), C(-1, -1, false, false),
		C(-1, -1, true, false), C(-1, -1, false, true),
		C(-1, -1, false, true),
	},
	{	/* solarized-dark */
		C(33, -1, true, false), C(136, -1, false, false),
		C(244, -1, false, false), C(37, -1, false, false),
		C(166, -1, true, false), C(234, 136, false, false),
		C(245, 235, false, false),
	},
	{	/* light */
		C(18, -1, true, false), C(124, -1, false, false),
		C(240, -1, false, false), C(23, -1, false, false),
		C(124, -1, true, false), C(-1, 229, false, false),
		C(255, 24, false, false),
	},
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

void
settings_init(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->column_width = 36;
	s->gutter = 3;
	s->min_columns = 1;
	s->max_columns = 8;
	s->justify = false;
	s->hyphenate = true;
	s->article_width = 72;
	s->color = COLOR_AUTO;
	s->ascii = false;
	s->theme = xstrdup("default");
	memcpy(s->colors, themes[0], sizeof(s->colors));
	keymap_default(&s->keys);
	s->default_edition = NULL;
	s->escdelay = 25;
}

void
settings_release(struct settings *s)
{
	free(s->theme);
	free(s->default_edition);
	memset(s, 0, sizeof(*s));
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
			 home && *home ? home : ".");
	return buf_detach(&b);
}

/* ---- the line finder ---- */

/* A key = value line of the file, as it was written, or a [section]
   line (key NULL). */
struct entry {
	char *section;		/* lowercase, as iniparser keeps it */
	char *key;
	unsigned line;
};

struct scan {
	struct entry *v;
	size_t n, cap;
};

static char *
lower_dup(const char *s, size_t n)
{
	char *p = xstrndup(s, n);
	char *q;

	for (q = p; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q += 'a' - 'A';
	return p;
}

static void
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && (e[0][-1] == ' ' || e[0][-1] == '\t' ||
			   e[0][-1] == '\r'))
		(*e)--;
}

/* Where each section and key is; iniparser keeps no line numbers. */
static void
scan_file(const char *text, struct scan *sc, struct diags *d)
{
	const char *p = text;
	char *section = xstrdup("");
	unsigned ln = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		const char *e = end, *s = p, *eq;

		ln++;
		trim(&s, &e);
		if (s < e && *s == '[') {
			const char *close = memchr(s, ']', (size_t)(e - s));

			if (close && close + 1 == e) {
				const char *a = s + 1, *b = close;

				trim(&a, &b);
				free(section);
				section = lower_dup(a, (size_t)(b - a));
				VEC_RESERVE(sc->v, sc->cap, sc->n + 1);
				sc->v[sc->n].section = xstrdup(section);
				sc->v[sc->n].key = NULL;
				sc->v[sc->n].line = ln;
				sc->n++;
			} else {
				diags_add(d, DIAG_ERROR, ln, 0, "expected "
					  "[section] alone on its line");
			}
		} else if (s < e && *s != ';' && *s != '#') {
			eq = memchr(s, '=', (size_t)(e - s));
			if (eq) {
				const char *a = s, *b = eq;

				trim(&a, &b);
				VEC_RESERVE(sc->v, sc->cap, sc->n + 1);
				sc->v[sc->n].section = xstrdup(section);
				sc->v[sc->n].key = lower_dup(a, (size_t)(b - a));
				sc->v[sc->n].line = ln;
				sc->n++;
			} else {
				diags_add(d, DIAG_ERROR, ln, 0, "expected "
					  "key = value or [section]");
			}
		}
		p = nl ? nl + 1 : end;	/* not e: trimming moved it */
	}
	free(section);
}

static void
scan_release(struct scan *sc)
{
	size_t i;

	for (i = 0; i < sc->n; i++) {
		free(sc->v[i].section);
		free(sc->v[i].key);
	}
	free(sc->v);
}

static unsigned
line_of(const struct scan *sc, const char *section, const char *key)
{
	size_t i;
	unsigned line = 0;

	for (i = 0; i < sc->n; i++)	/* the last one wins, as in ini */
		if (sc->v[i].key && !strcmp(sc->v[i].section, section) &&
		    !strcmp(sc->v[i].key, key))
			line = sc->v[i].line;
	return line;
}

/* Levenshtein distance, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row = xcalloc(lb + 1, sizeof(size_t)), d;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j], best = prev +
				(a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* The known key of section nearest to key, or NULL when none is near
   (a quarter of its letters wrong, at most). */
static const char *
nearest(const char *section, const char *key)
{
	const char *best = NULL;
	size_t bd = (strlen(key) + 2) / 4 + 1, i, dd;
	int a;

	if (!strcmp(section, "keys")) {
		for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
			if ((dd = distance(key, action_name(a))) < bd) {
				bd = dd;
				best = action_name(a);
			}
		return best;
	}
	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (!strcmp(options[i].section, section) &&
		    (dd = distance(key, options[i].key)) < bd) {
			bd = dd;
			best = options[i].key;
		}
	if (!best)		/* perhaps in another section */
		for (i = 0; i < ARRAY_SIZE(options); i++)
			if ((dd = distance(key, options[i].key)) < bd) {
				bd = dd;
				best = options[i].key;
			}
	return best;
}

static bool
known_section(const char *s)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sections); i++)
		if (!strcmp(sections[i], s))
			return true;
	return false;
}

static bool
known_key(const char *section, const char *key)
{
	size_t i;

	if (!strcmp(section, "keys"))
		return action_by_name(key) != ACT_NONE;
	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (!strcmp(options[i].section, section) &&
		    !strcmp(options[i].key, key))
			return true;
	return false;
}

static void
check_unknown(const struct scan *sc, struct diags *d)
{
	size_t i, j;

	for (i = 0; i < sc->n; i++) {
		const struct entry *e = &sc->v[i];
		const char *near;

		if (!known_section(e->section)) {
			for (j = 0; j < i; j++)	/* once a section */
				if (!strcmp(sc->v[j].section, e->section))
					break;
			if (j == i && *e->section)
				diags_add(d, DIAG_WARNING, e->line, 0,
					  "unknown section [%s] is ignored "
					  "(the sections are [layout], "
					  "[display], [keys], [reader])",
					  e->section);
			else if (j == i)
				diags_add(d, DIAG_WARNING, e->line, 0,
					  "%s outside any section is ignored",
					  e->key ? e->key : "a line");
			continue;
		}
		if (!e->key)
			continue;
		if (known_key(e->section, e->key))
			continue;
		near = nearest(e->section, e->key);
		diags_add(d, DIAG_WARNING, e->line, 0, "unknown %s %s in [%s] "
			  "is ignored%s%s%s", !strcmp(e->section, "keys") ?
			  "action" : "key", e->key, e->section,
			  near ? "; did you mean " : "", near ? near : "",
			  near ? "?" : "");
	}
}

/* ---- values ---- */

static bool
parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = true;
			return true;
		}
		if (!strcasecmp(v, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool
parse_color_word(const char *w, short *out)
{
	char *end;
	long n;
	size_t i;
	bool bright = !strncasecmp(w, "bright-", 7);

	if (!strcasecmp(w, "default")) {
		*out = -1;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(color_names); i++)
		if (!strcasecmp(w + (bright ? 7 : 0), color_names[i])) {
			*out = (short)(i + (bright ? 8 : 0));
			return true;
		}
	n = strtol(w, &end, 10);
	if (end != w && !*end && n >= 0 && n <= 255) {
		*out = (short)n;
		return true;
	}
	return false;
}

/* "cyan", "bold yellow on blue", "208 on default", "reverse". */
static bool
parse_color(const char *v, struct color_spec *c)
{
	struct color_spec s = { -1, -1, false, false };
	char *copy = xstrdup(v), *w, *save = NULL;
	bool fg_set = false, on = false, ok = true;

	for (w = strtok_r(copy, " \t", &save); w && ok;
	     w = strtok_r(NULL, " \t", &save)) {
		if (!strcasecmp(w, "bold"))
			s.bold = true;
		else if (!strcasecmp(w, "reverse"))
			s.reverse = true;
		else if (!strcasecmp(w, "on"))
			on = true;
		else if (on)
			ok = parse_color_word(w, &s.bg), on = false;
		else if (!fg_set)
			ok = parse_color_word(w, &s.fg), fg_set = true;
		else
			ok = false;
	}
	free(copy);
	if (!ok || on)
		return false;
	*c = s;
	return true;
}

static void
color_string(const struct color_spec *c, struct buf *out)
{
	size_t start = out->len;

	if (c->bold)
		buf_adds(out, "bold ");
	if (c->reverse)
		buf_adds(out, "reverse ");
	if (c->fg < 0)
		buf_adds(out, "default");
	else if (c->fg < 8)
		buf_adds(out, color_names[c->fg]);
	else if (c->fg < 16)
		buf_addf(out, "bright-%s", color_names[c->fg - 8]);
	else
		buf_addf(out, "%d", c->fg);
	if (c->bg >= 0) {
		buf_adds(out, " on ");
		if (c->bg < 8)
			buf_adds(out, color_names[c->bg]);
		else if (c->bg < 16)
			buf_addf(out, "bright-%s", color_names[c->bg - 8]);
		else
			buf_addf(out, "%d", c->bg);
	}
	(void)start;
}

static int
theme_index(const char *name)
{
	int i;

	for (i = 0; settings_themes[i]; i++)
		if (!strcasecmp(settings_themes[i], name))
			return i;
	return -1;
}

/* Set option o from v; an error in d at line when v will not do. */
static int
set_option(struct settings *s, const struct option_def *o, const char *v,
	   unsigned line, struct diags *d)
{
	char *field = (char *)s + o->offset, *end;
	long n;
	int t;

	switch (o->type) {
	case T_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < o->min || n > o->max) {
			diags_add(d, DIAG_ERROR, line, 0, "%s = \"%s\": "
				  "expected a whole number of %s between %d "
				  "and %d", o->key, v, o->unit, o->min,
				  o->max);
			return -1;
		}
		*(int *)field = (int)n;
		return 0;
	case T_BOOL:
		if (!parse_bool(v, (bool *)field)) {
			diags_add(d, DIAG_ERROR, line, 0, "%s = \"%s\": "
				  "expected true or false", o->key, v);
			return -1;
		}
		return 0;
	case T_STRING:
		free(*(char **)field);
		*(char **)field = *v ? xstrdup(v) : NULL;
		return 0;
	case T_COLOR_MODE:
		if (!strcasecmp(v, "auto"))
			s->color = COLOR_AUTO;
		else if (!strcasecmp(v, "always"))
			s->color = COLOR_ALWAYS;
		else if (!strcasecmp(v, "never"))
			s->color = COLOR_NEVER;
		else {
			diags_add(d, DIAG_ERROR, line, 0, "%s = \"%s\": "
				  "expected auto, always or never", o->key, v);
			return -1;
		}
		return 0;
	case T_THEME:
		t = theme_index(v);
		if (t < 0) {
			diags_add(d, DIAG_ERROR, line, 0, "%s = \"%s\": "
				  "expected default, mono, solarized-dark or "
				  "light", o->key, v);
			return -1;
		}
		free(s->theme);
		s->theme = xstrdup(settings_themes[t]);
		memcpy(s->colors, themes[t], sizeof(s->colors));
		return 0;
	case T_COLOR:
		if (!parse_color(v, (struct color_spec *)field)) {
			diags_add(d, DIAG_ERROR, line, 0, "%s = \"%s\": "
				  "expected a colour (a name such as cyan or "
				  "bright-red, or 0-255), \"on\" a background, "
				  "bold or reverse", o->key, v);
			return -1;
		}
		return 0;
	}
	return 0;
}

/* Action b lost its last key to a, which the file named. */
static void
warn_stolen(const struct settings *s, const struct scan *sc, int a, int b,
	    struct diags *d)
{
	(void)s;
	diags_add(d, DIAG_WARNING, line_of(sc, "keys", action_name(a)), 0,
		  "%s takes the last key of %s, which now has none",
		  action_name(a), action_name(b));
}

/*
 * [keys]: each action named there gets the keys listed; a key it takes
 * from an action the file did not name leaves that one, quietly.  Two
 * named actions sharing a key, or an action left with none, are warned
 * of.
 */
static int
load_keys(struct settings *s, dictionary *ini, const struct scan *sc,
	  struct diags *d)
{
	bool named[ACT_COUNT] = { false };
	struct buf err = BUF_INIT;
	int a, b, k, j, ret = 0;
	size_t i;

	for (i = 0; i < sc->n; i++) {
		const struct entry *e = &sc->v[i];
		struct buf key = BUF_INIT;
		const char *v;

		if (!e->key || strcmp(e->section, "keys") ||
		    (a = action_by_name(e->key)) == ACT_NONE ||
		    line_of(sc, "keys", e->key) != e->line)
			continue;	/* iniparser keeps the last one */
		buf_addf(&key, "keys:%s", e->key);
		v = iniparser_getstring(ini, key.s, "");
		buf_release(&key);
		buf_reset(&err);
		if (keymap_bind(&s->keys, (enum action)a, v, &err) != 0) {
			diags_add(d, DIAG_ERROR, e->line, 0, "%s = \"%s\": %s",
				  e->key, v, err.s);
			ret = -1;
			continue;
		}
		named[a] = true;
	}
	buf_release(&err);
	/* Keys the file gave away leave the defaults that had them. */
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		if (!named[a])
			continue;
		for (k = 0; k < s->keys.n[a]; k++)
			for (b = ACT_NONE + 1; b < ACT_COUNT; b++) {
				if (b == a || named[b])
					continue;
				for (j = 0; j < s->keys.n[b]; j++)
					if (s->keys.keys[b][j] ==
					    s->keys.keys[a][k]) {
						memmove(&s->keys.keys[b][j],
							&s->keys.keys[b][j + 1],
							(size_t)(s->keys.n[b] -
								 j - 1) *
							sizeof(int));
						if (--s->keys.n[b] == 0)
							warn_stolen(s, sc, a,
								    b, d);
						j--;
					}
			}
	}
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		for (b = a + 1; b < ACT_COUNT; b++)
			for (k = 0; k < s->keys.n[a]; k++)
				for (j = 0; j < s->keys.n[b]; j++)
					if (s->keys.keys[a][k] ==
					    s->keys.keys[b][j]) {
						struct buf kn = BUF_INIT;

						keymap_key_name(
							s->keys.keys[a][k],
							&kn);
						diags_add(d, DIAG_WARNING,
							  line_of(sc, "keys",
								  action_name(b)),
							  0, "key %s is bound "
							  "to both %s and %s; "
							  "%s wins", kn.s,
							  action_name(a),
							  action_name(b),
							  action_name(a));
						buf_release(&kn);
					}
		if (!s->keys.n[a] && named[a])
			diags_add(d, DIAG_WARNING,
				  line_of(sc, "keys", action_name(a)), 0,
				  "action %s has no key", action_name(a));
	}
	return ret;
}

/*
 * The whole file; -1 with errno when it cannot be read, and *why set
 * when errno alone would not say it.  Only a regular file is read, or
 * /dev/null (-c /dev/null: no configuration): a FIFO would block for a
 * writer, a folder fails in the middle of reading, a device may never
 * end.  Opened without blocking, so a FIFO is refused, not waited on.
 */
static int
read_text(const char *path, struct buf *out, const char **why)
{
	struct stat st, null;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), e;

	*why = NULL;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (!S_ISREG(st.st_mode) &&
	    !(S_ISCHR(st.st_mode) && stat("/dev/null", &null) == 0 &&
	      st.st_rdev == null.st_rdev)) {
		*why = S_ISDIR(st.st_mode) ? "a folder, not a file" :
		       S_ISFIFO(st.st_mode) ? "a FIFO, not a file" :
		       S_ISSOCK(st.st_mode) ? "a socket, not a file" :
		       "a device, not a file";
		errno = EINVAL;
		goto fail;
	}
	if (files_read_all(fd, SIZE_MAX, out) != 0)
		goto fail;
	close(fd);
	buf_add(out, "", 0);
	return 0;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* Option o from the file, when it is there. */
static int
load_option(struct settings *s, const struct option_def *o, dictionary *ini,
	    const struct scan *sc, struct diags *d)
{
	struct buf key = BUF_INIT;
	const char *v;
	int ret = 0;

	buf_addf(&key, "%s:%s", o->section, o->key);
	v = iniparser_getstring(ini, key.s, NULL);
	if (v && set_option(s, o, v, line_of(sc, o->section, o->key), d) != 0)
		ret = -1;
	buf_release(&key);
	return ret;
}

/* iniparser reports syntax errors itself, with the line: keep them. */
static struct diags *ini_diags;

static int
on_ini_error(const char *fmt, ...)
{
	char msg[512], *p;
	va_list ap;
	int line = 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if ((p = strrchr(msg, '(')) != NULL)
		line = atoi(p + 1);
	if (ini_diags)
		diags_add(ini_diags, DIAG_ERROR, line > 0 ? (unsigned)line : 0,
			  0, "cannot read this line as key = value");
	return 0;
}

int
settings_load(struct settings *s, const char *path, bool must_exist,
	      struct diags *d)
{
	struct buf text = BUF_INIT;
	struct scan sc = { NULL, 0, 0 };
	dictionary *ini;
	size_t i, nerr = d->nerrors;
	const char *why;
	int ret = 0;

	if (read_text(path, &text, &why) != 0) {
		if (!must_exist && errno == ENOENT) {
			buf_release(&text);
			return 0;
		}
		diags_add(d, DIAG_ERROR, 0, 0, "cannot read: %s",
			  why ? why : strerror(errno));
		buf_release(&text);
		return -2;
	}
	scan_file(buf_str(&text), &sc, d);
	ini_diags = d;
	iniparser_set_error_callback(on_ini_error);
	ini = d->nerrors == nerr ? iniparser_load(path) : NULL;
	ini_diags = NULL;
	if (!ini) {
		if (d->nerrors == nerr)
			diags_add(d, DIAG_ERROR, 0, 0, "cannot parse the file");
		ret = -1;
		goto out;
	}
	check_unknown(&sc, d);
	/* The theme first: the file's own colours go over it. */
	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (options[i].type == T_THEME &&
		    load_option(s, &options[i], ini, &sc, d) != 0)
			ret = -1;
	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (options[i].type != T_THEME &&
		    load_option(s, &options[i], ini, &sc, d) != 0)
			ret = -1;
	if (load_keys(s, ini, &sc, d) != 0)
		ret = -1;
	if (s->min_columns > s->max_columns) {
		diags_add(d, DIAG_ERROR, line_of(&sc, "layout", "min_columns"),
			  0, "min_columns = %d is more than max_columns = %d",
			  s->min_columns, s->max_columns);
		ret = -1;
	}
	iniparser_freedict(ini);
out:
	diags_sort(d);
	scan_release(&sc);
	buf_release(&text);
	return ret;
}

/* ---- writing it out ---- */

static void
value_string(const struct settings *s, const struct option_def *o,
	     struct buf *out)
{
	const char *field = (const char *)s + o->offset;
	static const char *const modes[] = { "auto", "always", "never" };

	switch (o->type) {
	case T_INT:
		buf_addf(out, "%d", *(const int *)field);
		break;
	case T_BOOL:
		buf_adds(out, *(const bool *)field ? "true" : "false");
		break;
	case T_STRING: {
		/* iniparser ends a bare value at ; or # and trims it of
		   isspace()'s white space (a tab too: fuzz_settings): quote
		   such a value, with quotes it does not hold. */
		const char *v = *(char *const *)field;
		size_t n = v ? strlen(v) : 0;
		bool bare = n && !strpbrk(v, ";#\"'") &&
			    !isspace((unsigned char)v[0]) &&
			    !isspace((unsigned char)v[n - 1]);

		if (!v)
			break;
		if (bare)
			buf_adds(out, v);
		else if (!strchr(v, '"'))
			buf_addf(out, "\"%s\"", v);
		else if (!strchr(v, '\''))
			buf_addf(out, "'%s'", v);
		else
			buf_adds(out, v);	/* both quotes: as it is */
		break;
	}
	case T_COLOR_MODE:
		buf_adds(out, modes[s->color]);
		break;
	case T_THEME:
		buf_adds(out, s->theme);
		break;
	case T_COLOR:
		color_string((const struct color_spec *)field, out);
		break;
	}
}

static void
help_string(const struct option_def *o, struct buf *out)
{
	buf_adds(out, o->help);
	if (o->type == T_INT)
		buf_addf(out, " (%d to %d %s)", o->min, o->max, o->unit);
	else if (o->type == T_BOOL)
		buf_adds(out, " (true or false)");
}

int
settings_dump(const struct settings *s, FILE *fp)
{
	struct buf b = BUF_INIT;
	size_t i, k;
	int a;

	fprintf(fp, "; folio.ini: folio's settings (folio %s).\n"
		"; Each option with what it does; a line left out keeps "
		"the default.\n", PACKAGE_VERSION);
	for (k = 0; k < ARRAY_SIZE(sections); k++) {
		fprintf(fp, "\n[%s]\n", sections[k]);
		if (!strcmp(sections[k], "keys")) {
			fputs("; One line per action: a key or several, "
			      "comma-separated (x, C-n, Space,\n; Enter, "
			      "Tab, Shift-Tab, Backspace, Esc, Up, Down, "
			      "PgUp, PgDn, Home, End,\n; F1-F12, Comma, "
			      "Hash, Semicolon, Quote, Apostrophe, "
			      "Backslash).\n",
			      fp);
			for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
				buf_reset(&b);
				keymap_describe(&s->keys, (enum action)a, &b);
				fprintf(fp, "; %s\n%s = %s\n",
					action_help((enum action)a),
					action_name((enum action)a),
					buf_str(&b));
			}
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(options); i++) {
			if (strcmp(options[i].section, sections[k]))
				continue;
			buf_reset(&b);
			help_string(&options[i], &b);
			fprintf(fp, "; %s\n%s = ", b.s, options[i].key);
			buf_reset(&b);
			value_string(s, &options[i], &b);
			fprintf(fp, "%s\n", buf_str(&b));
		}
	}
	buf_release(&b);
	return ferror(fp) ? -1 : 0;
}

int
settings_man(FILE *fp)
{
	struct settings s;
	struct buf b = BUF_INIT;
	size_t i, k;
	int a;

	settings_init(&s);
	for (k = 0; k < ARRAY_SIZE(sections); k++) {
		fprintf(fp, ".SS [%s]\n", sections[k]);
		if (!strcmp(sections[k], "keys")) {
			for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
				buf_reset(&b);
				keymap_describe(&s.keys, (enum action)a, &b);
				fprintf(fp, ".TP\n.B %s\n%s (default: %s)\n",
					action_name((enum action)a),
					action_help((enum action)a),
					buf_str(&b));
			}
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(options); i++) {
			if (strcmp(options[i].section, sections[k]))
				continue;
			buf_reset(&b);
			help_string(&options[i], &b);
			buf_adds(&b, "; default: ");
			value_string(&s, &options[i], &b);
			fprintf(fp, ".TP\n.B %s\n%s\n", options[i].key, b.s);
		}
	}
	buf_release(&b);
	settings_release(&s);
	return ferror(fp) ? -1 : 0;
}
