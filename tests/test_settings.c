/*
 * Unit tests of settings: folio.ini read through the options table into
 * struct settings (issue 7).  Every test writes its own folio.ini to a
 * mkstemp file, loads it as "-c FILE" would and removes it; the line
 * numbers asserted are counted in the text written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "keymap.h"
#include "settings.h"

#define ANY_LINE (-1)
#define CTRL_KEY(c) ((c) & 0x1f)

/* One test's settings and diagnostics, released by teardown; s2, d2
   and dump are the round trip's. */
struct fx {
	struct settings s;
	struct diags d;
	struct settings s2;
	struct diags d2;
	char *dump;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	settings_init(&f->s);
	diags_init(&f->d, "folio.ini");
	settings_init(&f->s2);
	diags_init(&f->d2, "dump.ini");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	settings_release(&f->s);
	diags_release(&f->d);
	settings_release(&f->s2);
	diags_release(&f->d2);
	free(f->dump);
	free(f);
	return 0;
}

/* Write text to a fresh file and load it over f->s as "-c FILE" does;
   the file is removed before anything is asserted. */
static int
load(struct fx *f, const char *text)
{
	char path[] = "/tmp/folio-ini-XXXXXX";
	int fd = mkstemp(path), ret;
	FILE *fp;
	bool ok;

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		unlink(path);
		fail_msg("fdopen %s", path);
	}
	ok = fputs(text, fp) >= 0;
	ok = fclose(fp) == 0 && ok;
	if (!ok) {
		unlink(path);
		fail_msg("cannot write %s", path);
	}
	ret = settings_load(&f->s, path, true, &f->d);
	unlink(path);
	return ret;
}

/* Back to the defaults and no diagnostics, then load text. */
static int
reload(struct fx *f, const char *text)
{
	settings_release(&f->s);
	diags_release(&f->d);
	settings_init(&f->s);
	diags_init(&f->d, "folio.ini");
	return load(f, text);
}

/* How many diagnostics of level are at line (ANY_LINE: anywhere) and
   contain word (NULL: any). */
static int
count(const struct diags *d, enum diag_level level, int line,
      const char *word)
{
	size_t i;
	int n = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == level &&
		    (line == ANY_LINE || d->v[i].line == (unsigned)line) &&
		    (!word || strstr(d->v[i].msg, word)))
			n++;
	return n;
}

/* The message of the first diagnostic of level at line, or "(none)". */
static const char *
msg_at(const struct diags *d, enum diag_level level, unsigned line)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == level && d->v[i].line == line)
			return d->v[i].msg;
	return "(none)";
}

static bool
starts_with(const char *s, const char *head)
{
	return !strncmp(s, head, strlen(head));
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

static void
assert_same_color(const struct color_spec *a, const struct color_spec *b,
		  int el)
{
	if (a->fg != b->fg || a->bg != b->bg || a->bold != b->bold ||
	    a->reverse != b->reverse)
		fail_msg("colour %d: fg %d bg %d bold %d reverse %d, expected "
			 "fg %d bg %d bold %d reverse %d", el, a->fg, a->bg,
			 a->bold, a->reverse, b->fg, b->bg, b->bold,
			 b->reverse);
}

static void
assert_same_keys(const struct keymap *a, const struct keymap *b)
{
	int i, k;

	for (i = ACT_NONE + 1; i < ACT_COUNT; i++) {
		if (a->n[i] != b->n[i])
			fail_msg("action %s: %d keys, expected %d",
				 action_name((enum action)i), a->n[i],
				 b->n[i]);
		for (k = 0; k < a->n[i]; k++)
			if (a->keys[i][k] != b->keys[i][k])
				fail_msg("action %s: key %d is %#x, expected "
					 "%#x", action_name((enum action)i), k,
					 (unsigned)a->keys[i][k],
					 (unsigned)b->keys[i][k]);
	}
}

/* Every field of struct settings. */
static void
assert_same_settings(const struct settings *a, const struct settings *b)
{
	int i;

	assert_int_equal(a->column_width, b->column_width);
	assert_int_equal(a->gutter, b->gutter);
	assert_int_equal(a->min_columns, b->min_columns);
	assert_int_equal(a->max_columns, b->max_columns);
	assert_int_equal(a->justify, b->justify);
	assert_int_equal(a->hyphenate, b->hyphenate);
	assert_int_equal(a->article_width, b->article_width);
	assert_int_equal(a->color, b->color);
	assert_int_equal(a->ascii, b->ascii);
	assert_non_null(a->theme);
	assert_non_null(b->theme);
	assert_string_equal(a->theme, b->theme);
	for (i = 0; i < EL_COUNT; i++)
		assert_same_color(&a->colors[i], &b->colors[i], i);
	assert_same_keys(&a->keys, &b->keys);
	if (a->default_edition || b->default_edition) {
		assert_non_null(a->default_edition);
		assert_non_null(b->default_edition);
		assert_string_equal(a->default_edition, b->default_edition);
	}
	assert_int_equal(a->escdelay, b->escdelay);
}

static bool
same_colors(const struct color_spec *a, const struct color_spec *b)
{
	int i;

	for (i = 0; i < EL_COUNT; i++)
		if (a[i].fg != b[i].fg || a[i].bg != b[i].bg ||
		    a[i].bold != b[i].bold || a[i].reverse != b[i].reverse)
			return false;
	return true;
}

/* Line n of text (1-based), in a static buffer. */
static const char *
line_of_text(const char *text, unsigned n)
{
	static char out[160];
	const char *e;
	size_t len;

	out[0] = '\0';
	if (!text || !n)
		return out;
	while (--n && (text = strchr(text, '\n')))
		text++;
	if (!text)
		return out;
	e = strchr(text, '\n');
	len = e ? (size_t)(e - text) : strlen(text);
	if (len >= sizeof(out))
		len = sizeof(out) - 1;
	memcpy(out, text, len);
	out[len] = '\0';
	return out;
}

/*
 * Load text, settings_dump the result to a file, load that into fresh
 * settings: both must agree, and the dump must load without a word.
 */
static void
round_trip(struct fx *f, const char *text)
{
	char path[] = "/tmp/folio-dump-XXXXXX";
	FILE *fp;
	int fd, ret;
	size_t len = 0;

	assert_int_equal(reload(f, text), 0);
	if (f->d.n)
		fail_msg("the file itself: line %u: %s", f->d.v[0].line,
			 f->d.v[0].msg);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w+");
	if (!fp) {
		close(fd);
		unlink(path);
		fail_msg("fdopen %s", path);
	}
	ret = settings_dump(&f->s, fp);
	/* Keep a copy to show when it does not load back. */
	free(f->dump);
	f->dump = NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && ftell(fp) > 0) {
		len = (size_t)ftell(fp);
		rewind(fp);
		f->dump = calloc(1, len + 1);
		if (f->dump && fread(f->dump, 1, len, fp) != len)
			f->dump[0] = '\0';
	}
	fclose(fp);
	settings_release(&f->s2);
	diags_release(&f->d2);
	settings_init(&f->s2);
	diags_init(&f->d2, "dump.ini");
	if (ret == 0)
		ret = settings_load(&f->s2, path, true, &f->d2);
	else
		ret = 99;
	unlink(path);
	if (f->d2.n)
		fail_msg("the dump loads with %zu diagnostics, the first at "
			 "line %u: %s; the line: \"%s\"", f->d2.n,
			 f->d2.v[0].line, f->d2.v[0].msg,
			 line_of_text(f->dump, f->d2.v[0].line));
	assert_int_equal(ret, 0);
	assert_same_settings(&f->s2, &f->s);
}

/* ---- defaults and the file's place ---- */

static void
test_defaults(void **state)
{
	struct fx *f = *state;
	const struct settings *s = &f->s;
	int a, k;

	assert_int_equal(s->column_width, 36);
	assert_int_equal(s->gutter, 3);
	assert_int_equal(s->min_columns, 1);
	assert_int_equal(s->max_columns, 8);
	assert_false(s->justify);
	assert_true(s->hyphenate);
	assert_int_equal(s->article_width, 72);
	assert_int_equal(s->color, COLOR_AUTO);
	assert_false(s->ascii);
	assert_string_equal(s->theme, "default");
	assert_null(s->default_edition);
	assert_int_equal(s->escdelay, 25);
	/* The default theme: bold headlines, a cyan kicker. */
	assert_true(s->colors[EL_HEADLINE].bold);
	assert_int_equal(s->colors[EL_KICKER].fg, 6);
	assert_int_equal(s->colors[EL_KICKER].bg, -1);
	assert_true(s->colors[EL_STATUS].reverse);
	/* The keys the help screen shows by default. */
	assert_int_equal(keymap_action(&s->keys, ' '), ACT_NEXT_SCREEN);
	assert_int_equal(keymap_action(&s->keys, FK_PGDN), ACT_NEXT_SCREEN);
	assert_int_equal(keymap_action(&s->keys, 'j'), ACT_LINE_DOWN);
	assert_int_equal(keymap_action(&s->keys, ']'), ACT_NEXT_PAGE);
	assert_int_equal(keymap_action(&s->keys, FK_ENTER), ACT_OPEN);
	assert_int_equal(keymap_action(&s->keys, 'q'), ACT_QUIT_SCREEN);
	assert_int_equal(keymap_action(&s->keys, CTRL_KEY('l')), ACT_REDRAW);
	assert_int_equal(keymap_action(&s->keys, 'x'), ACT_NONE);
	/* Every action has a key, and no key runs two actions. */
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		if (s->keys.n[a] < 1)
			fail_msg("action %s has no default key",
				 action_name((enum action)a));
		/* keymap_action gives the first action with the key. */
		for (k = 0; k < s->keys.n[a]; k++)
			if (keymap_action(&s->keys, s->keys.keys[a][k]) !=
			    (enum action)a)
				fail_msg("a key of %s runs another action",
					 action_name((enum action)a));
	}
}

static void
test_missing_at_default_place(void **state)
{
	struct fx *f = *state;
	struct settings def;
	char dir[] = "/tmp/folio-home-XXXXXX", path[64];

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/folio.ini", dir);
	assert_int_equal(settings_load(&f->s, path, false, &f->d), 0);
	rmdir(dir);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->d.nerrors, 0);
	assert_int_equal(f->d.nwarnings, 0);
	settings_init(&def);
	assert_same_settings(&f->s, &def);
	settings_release(&def);
}

static void
test_missing_with_c(void **state)
{
	struct fx *f = *state;
	struct settings def;
	char dir[] = "/tmp/folio-home-XXXXXX", path[64], *out = NULL;
	size_t len = 0;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/folio.ini", dir);
	diags_release(&f->d);
	diags_init(&f->d, path);
	assert_int_equal(settings_load(&f->s, path, true, &f->d), -2);
	rmdir(dir);
	assert_int_equal(f->d.nerrors, 1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].level, DIAG_ERROR);
	assert_non_null(strstr(f->d.v[0].msg, "cannot read"));
	/* Printed, the message names the file. */
	fp = open_memstream(&out, &len);
	assert_non_null(fp);
	assert_int_equal(diags_print(&f->d, fp), 0);
	fclose(fp);
	assert_true(!strncmp(out, path, strlen(path)));
	assert_non_null(strstr(out, "error: cannot read"));
	free(out);
	settings_init(&def);
	assert_same_settings(&f->s, &def);
	settings_release(&def);
}

/* load_path: settings_load of path (must_exist as -c gives it) in a
   child with an alarm, so a read that blocks fails the test instead of
   hanging it; returns what settings_load returned and the first
   message in msg. */
static int
load_path_child(const char *path, bool must_exist, char *msg, size_t size)
{
	int pfd[2], status, ret;
	pid_t pid;
	ssize_t n;

	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct settings s;
		struct diags d;
		int r;

		close(pfd[0]);
		alarm(5);
		settings_init(&s);
		diags_init(&d, path);
		r = settings_load(&s, path, must_exist, &d);
		dprintf(pfd[1], "%d %s", r, d.n ? d.v[0].msg : "");
		_exit(0);
	}
	close(pfd[1]);
	n = read(pfd[0], msg, size - 1);
	close(pfd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		fail_msg("settings_load of %s: killed by signal %d (blocked?)",
			 path, WTERMSIG(status));
	assert_true(n > 0);
	msg[n] = '\0';
	ret = atoi(msg);
	memmove(msg, strchr(msg, ' ') + 1, strlen(strchr(msg, ' ')));
	return ret;
}

/* A folio.ini that is a folder or a FIFO is refused at once, with a
   message saying what it is, as a file that cannot be read (66); at the
   default place too.  /dev/null is still no configuration. */
static void
test_not_a_file(void **state)
{
	char dir[] = "/tmp/folio-home-XXXXXX", path[64], msg[256];
	int at_default;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/folio.ini", dir);
	for (at_default = 0; at_default < 2; at_default++) {
		assert_int_equal(mkdir(path, 0700), 0);
		assert_int_equal(load_path_child(path, !at_default, msg,
						 sizeof(msg)), -2);
		assert_string_equal(msg, "cannot read: a folder, not a file");
		rmdir(path);
		assert_int_equal(mkfifo(path, 0600), 0);
		assert_int_equal(load_path_child(path, !at_default, msg,
						 sizeof(msg)), -2);
		assert_string_equal(msg, "cannot read: a FIFO, not a file");
		unlink(path);
	}
	rmdir(dir);
	assert_int_equal(load_path_child("/dev/null", true, msg, sizeof(msg)),
			 0);
	assert_int_equal(load_path_child("/dev/zero", true, msg, sizeof(msg)),
			 -2);
	assert_string_equal(msg, "cannot read: a device, not a file");
}

static void
test_default_path(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/srv/conf", 1);
	p = settings_default_path();
	assert_string_equal(p, "/srv/conf/folio/folio.ini");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative/conf", 1);	/* not absolute */
	setenv("HOME", "/home/reader", 1);
	p = settings_default_path();
	assert_string_equal(p, "/home/reader/.config/folio/folio.ini");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = settings_default_path();
	assert_string_equal(p, "/home/reader/.config/folio/folio.ini");
	free(p);
}

/* ---- each type ---- */

static const struct int_opt {
	const char *section, *key;
	size_t off;
	int min, max;
	const char *unit;
} ints[] = {
	{ "layout", "column_width", offsetof(struct settings, column_width),
	  12, 200, "cells" },
	{ "layout", "gutter", offsetof(struct settings, gutter), 1, 9,
	  "cells" },
	{ "layout", "min_columns", offsetof(struct settings, min_columns), 1,
	  12, "columns" },
	{ "layout", "max_columns", offsetof(struct settings, max_columns), 1,
	  12, "columns" },
	{ "layout", "article_width", offsetof(struct settings, article_width),
	  20, 400, "cells" },
	{ "reader", "escdelay", offsetof(struct settings, escdelay), 0, 5000,
	  "ms" },
};

static int *
int_field(struct settings *s, const struct int_opt *o)
{
	return (int *)((char *)s + o->off);
}

/* Load "[section]\nkey = value\n"; min_columns gets room to 12. */
static int
load_int(struct fx *f, const struct int_opt *o, const char *value)
{
	char text[256];

	snprintf(text, sizeof(text), "[%s]\n%s = %s\n%s", o->section, o->key,
		 value, !strcmp(o->key, "min_columns") ? "max_columns = 12\n" :
		 "");
	return reload(f, text);
}

static void
test_int_within_bounds(void **state)
{
	struct fx *f = *state;
	size_t i;
	char v[32];

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		const struct int_opt *o = &ints[i];
		int vals[3] = { o->min, o->max, (o->min + o->max) / 2 }, k;

		for (k = 0; k < 3; k++) {
			snprintf(v, sizeof(v), "%d", vals[k]);
			if (load_int(f, o, v) != 0 || f->d.n)
				fail_msg("%s = %s: %s", o->key, v,
					 f->d.n ? f->d.v[0].msg : "-1");
			assert_int_equal(*int_field(&f->s, o), vals[k]);
		}
	}
}

static void
test_int_rejected(void **state)
{
	struct fx *f = *state;
	static const char *const words[] = {
		"banana", "12abc", "", "99999999999", "4.5", "0x10",
		"-99999999999999999999", "forty",
	};
	struct settings def;
	char v[32], want[256];
	size_t i, w;
	int k;

	settings_init(&def);
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		const struct int_opt *o = &ints[i];

		for (k = 0; k < 2 + (int)(sizeof(words) / sizeof(words[0]));
		     k++) {
			w = (size_t)k - 2;
			if (k == 0)
				snprintf(v, sizeof(v), "%d", o->min - 1);
			else if (k == 1)
				snprintf(v, sizeof(v), "%d", o->max + 1);
			else
				snprintf(v, sizeof(v), "%s", words[w]);
			snprintf(want, sizeof(want), "%s = \"%s\": expected a "
				 "whole number of %s between %d and %d",
				 o->key, v, o->unit, o->min, o->max);
			assert_int_equal(load_int(f, o, v), -1);
			assert_int_equal(f->d.nerrors, 1);
			assert_int_equal(f->d.n, 1);
			assert_int_equal(f->d.v[0].level, DIAG_ERROR);
			assert_int_equal(f->d.v[0].line, 2);
			assert_string_equal(f->d.v[0].msg, want);
			/* A bad value leaves the setting as it was. */
			assert_int_equal(*int_field(&f->s, o),
					 *int_field(&def, o));
		}
	}
	settings_release(&def);
}

static void
test_bool(void **state)
{
	struct fx *f = *state;
	static const char *const keys[] = { "justify", "hyphenate", "ascii" };
	static const struct {
		const char *word;
		bool value;
	} words[] = {
		{ "true", true }, { "false", false }, { "yes", true },
		{ "no", false }, { "on", true }, { "off", false },
		{ "1", true }, { "0", false }, { "TRUE", true },
		{ "Off", false },
	};
	char text[128], want[128];
	size_t i, k;

	for (i = 0; i < 3; i++)
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
			const char *sec = strcmp(keys[i], "ascii") ? "layout" :
				"display";
			bool *field;

			snprintf(text, sizeof(text), "[%s]\n%s = %s\n", sec,
				 keys[i], words[k].word);
			settings_release(&f->s);
			diags_release(&f->d);
			settings_init(&f->s);
			diags_init(&f->d, "folio.ini");
			field = !strcmp(keys[i], "justify") ? &f->s.justify :
				!strcmp(keys[i], "hyphenate") ?
				&f->s.hyphenate : &f->s.ascii;
			*field = !words[k].value;	/* so it must change */
			assert_int_equal(load(f, text), 0);
			assert_int_equal(f->d.n, 0);
			if (*field != words[k].value)
				fail_msg("%s = %s gave %d", keys[i],
					 words[k].word, *field);
		}
	/* "maybe" is not a bool; the value stays. */
	assert_int_equal(reload(f, "[layout]\njustify = maybe\n"), -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].line, 2);
	assert_string_equal(f->d.v[0].msg,
			    "justify = \"maybe\": expected true or false");
	assert_false(f->s.justify);
	assert_int_equal(reload(f, "[display]\n\nascii = 2\n"), -1);
	snprintf(want, sizeof(want), "ascii = \"2\": expected true or false");
	assert_string_equal(msg_at(&f->d, DIAG_ERROR, 3), want);
	assert_false(f->s.ascii);
}

static void
test_string(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "[reader]\n"
			 "default_edition = /srv/news/today.xml\n"), 0);
	assert_int_equal(f->d.n, 0);
	assert_non_null(f->s.default_edition);
	assert_string_equal(f->s.default_edition, "/srv/news/today.xml");
	/* Quotes are iniparser's, not the value's. */
	assert_int_equal(load(f, "[reader]\n"
			 "default_edition = \"/srv/my papers/a.xml\"\n"), 0);
	assert_string_equal(f->s.default_edition, "/srv/my papers/a.xml");
	/* Empty: back to the sample. */
	assert_int_equal(load(f, "[reader]\ndefault_edition =\n"), 0);
	assert_int_equal(f->d.n, 0);
	assert_null(f->s.default_edition);
}

static void
test_color_mode(void **state)
{
	struct fx *f = *state;

	assert_int_equal(reload(f, "[display]\ncolor = always\n"), 0);
	assert_int_equal(f->s.color, COLOR_ALWAYS);
	assert_int_equal(reload(f, "[display]\ncolor = never\n"), 0);
	assert_int_equal(f->s.color, COLOR_NEVER);
	assert_int_equal(load(f, "[display]\ncolor = auto\n"), 0);
	assert_int_equal(f->s.color, COLOR_AUTO);
	assert_int_equal(reload(f, "[display]\ncolor = NEVER\n"), 0);
	assert_int_equal(f->s.color, COLOR_NEVER);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(reload(f, "[display]\n# colour\ncolor = sometimes\n"),
			 -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].line, 3);
	assert_string_equal(f->d.v[0].msg, "color = \"sometimes\": expected "
			    "auto, always or never");
	assert_int_equal(f->s.color, COLOR_AUTO);
}

static void
test_theme(void **state)
{
	struct fx *f = *state;
	struct color_spec got[8][EL_COUNT], def[EL_COUNT];
	char text[128];
	int i, j, n, el;

	memcpy(def, f->s.colors, sizeof(def));
	for (n = 0; settings_themes[n]; n++) {
		assert_true(n < 8);
		/* From another theme, so that each must set its own. */
		snprintf(text, sizeof(text), "[display]\ntheme = %s\n",
			 settings_themes[n]);
		assert_int_equal(reload(f, "[display]\ntheme = mono\n"), 0);
		assert_int_equal(load(f, text), 0);
		assert_int_equal(f->d.n, 0);
		assert_string_equal(f->s.theme, settings_themes[n]);
		memcpy(got[n], f->s.colors, sizeof(got[n]));
	}
	assert_int_equal(n, 4);
	assert_string_equal(settings_themes[0], "default");
	assert_true(same_colors(got[0], def));
	/* mono: attributes only, no colour at all. */
	for (i = 0; settings_themes[i]; i++)
		if (!strcmp(settings_themes[i], "mono"))
			for (el = 0; el < EL_COUNT; el++) {
				assert_int_equal(got[i][el].fg, -1);
				assert_int_equal(got[i][el].bg, -1);
			}
	/* Each theme is its own. */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (same_colors(got[i], got[j]))
				fail_msg("themes %s and %s have the same "
					 "colours", settings_themes[i],
					 settings_themes[j]);
	/* Names are matched without case and kept as the table spells them. */
	assert_int_equal(reload(f, "[display]\ntheme = Solarized-Dark\n"), 0);
	assert_string_equal(f->s.theme, "solarized-dark");
	/* The file's colours go over the theme wherever they are written. */
	assert_int_equal(reload(f, "[display]\nheadline = red\ntheme = light\n"
				"kicker = blue\n"), 0);
	assert_string_equal(f->s.theme, "light");
	assert_int_equal(f->s.colors[EL_HEADLINE].fg, 1);
	assert_false(f->s.colors[EL_HEADLINE].bold);
	assert_int_equal(f->s.colors[EL_KICKER].fg, 4);
	for (i = 0; settings_themes[i]; i++)
		if (!strcmp(settings_themes[i], "light"))
			for (el = EL_BYLINE; el < EL_COUNT; el++)
				assert_same_color(&f->s.colors[el],
						  &got[i][el], el);
	/* An unknown theme. */
	assert_int_equal(reload(f, "[display]\ntheme = dracula\n"), -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].line, 2);
	assert_string_equal(f->d.v[0].msg, "theme = \"dracula\": expected "
			    "default, mono, solarized-dark or light");
	assert_string_equal(f->s.theme, "default");
	assert_true(same_colors(f->s.colors, def));
}

static void
test_colors(void **state)
{
	struct fx *f = *state;
	static const char *const names[EL_COUNT] = {
		[EL_HEADLINE] = "headline", [EL_KICKER] = "kicker",
		[EL_BYLINE] = "byline", [EL_CAPTION] = "caption",
		[EL_JUMP] = "jump", [EL_HIGHLIGHT] = "highlight",
		[EL_STATUS] = "status",
	};
	static const struct {
		const char *v;
		struct color_spec c;
	} good[] = {
		{ "cyan", { 6, -1, false, false } },
		{ "bold yellow on blue", { 3, 4, true, false } },
		{ "208 on default", { 208, -1, false, false } },
		{ "bright-red", { 9, -1, false, false } },
		{ "reverse", { -1, -1, false, true } },
		{ "BOLD Cyan", { 6, -1, true, false } },
		{ "0 on 255", { 0, 255, false, false } },
		{ "default on bright-black", { -1, 8, false, false } },
		{ "reverse bold white", { 7, -1, true, true } },
	};
	static const char *const bad[] = {
		"on", "red on", "chartreuse", "256", "red green", "-1",
		"bright-chartreuse", "bold on",
	};
	struct settings def;
	char text[128], want[128];
	size_t i;
	int el;

	for (el = 0; el < EL_COUNT; el++)
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			snprintf(text, sizeof(text), "[display]\n%s = %s\n",
				 names[el], good[i].v);
			if (reload(f, text) != 0 || f->d.n)
				fail_msg("%s = %s: %s", names[el], good[i].v,
					 f->d.n ? f->d.v[0].msg : "-1");
			assert_same_color(&f->s.colors[el], &good[i].c, el);
		}
	settings_init(&def);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "[display]\n\nkicker = %s\n",
			 bad[i]);
		assert_int_equal(reload(f, text), -1);
		assert_int_equal(f->d.n, 1);
		assert_int_equal(f->d.v[0].level, DIAG_ERROR);
		assert_int_equal(f->d.v[0].line, 3);
		snprintf(want, sizeof(want), "kicker = \"%s\": expected a "
			 "colour", bad[i]);
		if (!starts_with(f->d.v[0].msg, want))
			fail_msg("kicker = %s: \"%s\"", bad[i], f->d.v[0].msg);
		/* A bad colour leaves the one there was. */
		assert_same_color(&f->s.colors[EL_KICKER],
				  &def.colors[EL_KICKER], EL_KICKER);
	}
	settings_release(&def);
}

/* ---- where and what ---- */

static void
test_message_exact(void **state)
{
	struct fx *f = *state;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	assert_int_equal(load(f,
			      "; folio.ini\n"		/* 1 */
			      "[layout]\n"		/* 2 */
			      "gutter = 2\n"		/* 3 */
			      "\n"			/* 4 */
			      "column_width = banana\n"	/* 5 */
			      "justify = yes\n"),	/* 6 */
			 -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 1);
	assert_int_equal(f->d.v[0].level, DIAG_ERROR);
	assert_int_equal(f->d.v[0].line, 5);
	assert_int_equal(strcmp(f->d.v[0].msg, "column_width = \"banana\": "
				"expected a whole number of cells between 12 "
				"and 200"), 0);
	fp = open_memstream(&out, &len);
	assert_non_null(fp);
	assert_int_equal(diags_print(&f->d, fp), 0);
	fclose(fp);
	assert_string_equal(out, "folio.ini:5: error: column_width = "
			    "\"banana\": expected a whole number of cells "
			    "between 12 and 200\n");
	free(out);
	/* The good lines around it still count. */
	assert_int_equal(f->s.column_width, 36);
	assert_int_equal(f->s.gutter, 2);
	assert_true(f->s.justify);
}

static void
test_several_errors(void **state)
{
	struct fx *f = *state;
	static const struct {
		unsigned line;
		const char *start;
	} want[] = {
		{ 2, "column_width = \"5\": " },
		{ 4, "justify = \"maybe\": " },
		{ 6, "color = \"sometimes\": " },
		{ 7, "theme = \"dracula\": " },
		{ 8, "headline = \"chartreuse\": " },
		{ 10, "escdelay = \"soon\": " },
	};
	size_t i;

	assert_int_equal(load(f,
			      "[layout]\n"		/* 1 */
			      "column_width = 5\n"	/* 2 */
			      "gutter = 4\n"		/* 3 */
			      "justify = maybe\n"	/* 4 */
			      "[display]\n"		/* 5 */
			      "color = sometimes\n"	/* 6 */
			      "theme = dracula\n"	/* 7 */
			      "headline = chartreuse\n"	/* 8 */
			      "[reader]\n"		/* 9 */
			      "escdelay = soon\n"),	/* 10 */
			 -1);
	assert_int_equal(f->d.nwarnings, 0);
	assert_int_equal(f->d.nerrors, 6);
	assert_int_equal(f->d.n, 6);
	for (i = 0; i < 6; i++) {
		assert_int_equal(f->d.v[i].level, DIAG_ERROR);
		assert_int_equal(f->d.v[i].line, want[i].line);
		if (strncmp(f->d.v[i].msg, want[i].start,
			    strlen(want[i].start)))
			fail_msg("line %u: \"%s\"", want[i].line,
				 f->d.v[i].msg);
	}
	assert_int_equal(f->s.gutter, 4);
}

static void
test_comments_and_spaces(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f,
			      "; folio.ini, by hand\n"	/* 1 */
			      "# hash comment\n"	/* 2 */
			      "\n"			/* 3 */
			      "   [layout]\n"		/* 4 */
			      "\t; indented = comment\n"	/* 5 */
			      "  # column_width = 99\n"	/* 6 */
			      "   column_width = 40\n"	/* 7 */
			      "\n"			/* 8 */
			      "\t\n"			/* 9 */
			      "\tgutter=x\n"		/* 10 */
			      "  [reader]  \n"		/* 11 */
			      "escdelay = 50 ; ms\n"	/* 12 */
			      "  escdelay_ms = 1\n"),	/* 13 */
			 -1);
	assert_int_equal(f->s.column_width, 40);
	assert_int_equal(f->s.escdelay, 50);
	assert_int_equal(f->d.nerrors, 1);
	assert_string_equal(msg_at(&f->d, DIAG_ERROR, 10), "gutter = \"x\": "
			    "expected a whole number of cells between 1 and "
			    "9");
	assert_int_equal(f->d.nwarnings, 1);
	assert_int_equal(count(&f->d, DIAG_WARNING, 13, "escdelay_ms"), 1);
}

static void
test_crlf(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "[layout]\r\ncolumn_width = 40\r\n"
			      "\r\ngutter = banana\r\n"), -1);
	assert_int_equal(f->s.column_width, 40);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].line, 4);
	assert_string_equal(f->d.v[0].msg, "gutter = \"banana\": expected a "
			    "whole number of cells between 1 and 9");
}

static void
test_repeated_key(void **state)
{
	struct fx *f = *state;

	/* The last wins. */
	assert_int_equal(load(f,
			      "[layout]\n"		/* 1 */
			      "column_width = banana\n"	/* 2 */
			      "column_width = 50\n"	/* 3 */
			      "[keys]\n"		/* 4 */
			      "next_page = xx\n"	/* 5 */
			      "next_page = x\n"),	/* 6 */
			 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->s.column_width, 50);
	assert_int_equal(f->s.keys.n[ACT_NEXT_PAGE], 1);
	assert_int_equal(keymap_action(&f->s.keys, 'x'), ACT_NEXT_PAGE);
	/* A bad last one is reported at its own line. */
	assert_int_equal(reload(f,
				"[layout]\n"		/* 1 */
				"column_width = 40\n"	/* 2 */
				"column_width = banana\n"), /* 3 */
			 -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].line, 3);
	assert_int_equal(f->s.column_width, 36);
}

static void
test_repeated_action(void **state)
{
	struct fx *f = *state;

	/* Line 2's value was good: only line 3 is wrong, and only once. */
	assert_int_equal(load(f,
			      "[keys]\n"		/* 1 */
			      "next_page = x\n"		/* 2 */
			      "next_page = xx\n"),	/* 3 */
			 -1);
	assert_int_equal(f->d.nerrors, 1);
	assert_int_equal(count(&f->d, DIAG_ERROR, 3, "\"xx\""), 1);
	assert_int_equal(count(&f->d, DIAG_ERROR, 2, NULL), 0);
}

static void
test_unknown_section(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f,
			      "[layout]\n"		/* 1 */
			      "gutter = 2\n"		/* 2 */
			      "[colours]\n"		/* 3 */
			      "headline = red\n"	/* 4 */
			      "kicker = blue\n"		/* 5 */
			      "[Extras]\n"		/* 6 */
			      "\n"			/* 7 */
			      "foo = 1\n"		/* 8 */
			      "[colours]\n"		/* 9 */
			      "byline = red\n"),	/* 10 */
			 0);
	assert_int_equal(f->d.nerrors, 0);
	/* Once a section, none for the keys in it. */
	assert_int_equal(f->d.nwarnings, 2);
	assert_int_equal(count(&f->d, DIAG_WARNING, ANY_LINE, "[colours]"), 1);
	assert_int_equal(count(&f->d, DIAG_WARNING, ANY_LINE, "[extras]"), 1);
	assert_int_equal(count(&f->d, DIAG_WARNING, ANY_LINE, "headline"), 0);
	assert_int_equal(count(&f->d, DIAG_WARNING, ANY_LINE, "foo"), 0);
	/* Ignored, and folio runs. */
	assert_int_equal(f->s.gutter, 2);
	assert_int_equal(f->s.colors[EL_HEADLINE].fg, -1);
	assert_int_equal(f->s.colors[EL_KICKER].fg, 6);
}

static void
test_unknown_section_line(void **state)
{
	struct fx *f = *state;

	/* The warning is at the [section] line that names it, even when
	   the section holds no key. */
	assert_int_equal(load(f,
			      "[layout]\n"		/* 1 */
			      "gutter = 2\n"		/* 2 */
			      "[colours]\n"		/* 3 */
			      "; the theme's\n"		/* 4 */
			      "headline = red\n"	/* 5 */
			      "[reader]\n"		/* 6 */
			      "[extras]\n"		/* 7 */
			      "; nothing yet\n"),	/* 8 */
			 0);
	if (count(&f->d, DIAG_WARNING, 3, "[colours]") != 1 ||
	    count(&f->d, DIAG_WARNING, 7, "[extras]") != 1)
		fail_msg("[colours] (line 3) warned %d times, at line %u; "
			 "[extras] (line 7) warned %d times",
			 count(&f->d, DIAG_WARNING, ANY_LINE, "[colours]"),
			 f->d.n ? f->d.v[0].line : 0,
			 count(&f->d, DIAG_WARNING, ANY_LINE, "[extras]"));
	assert_int_equal(f->d.nwarnings, 2);
}

static void
test_unknown_keys(void **state)
{
	struct fx *f = *state;
	const char *m;

	assert_int_equal(load(f,
			      "[layout]\n"		/* 1 */
			      "colum_width = 40\n"	/* 2 */
			      "frobnicate = 1\n"	/* 3 */
			      "[keys]\n"		/* 4 */
			      "nxt_page = x\n"		/* 5 */
			      "[reader]\n"		/* 6 */
			      "escdelya = 10\n"),	/* 7 */
			 0);
	assert_int_equal(f->d.nerrors, 0);
	assert_int_equal(f->d.nwarnings, 4);
	m = msg_at(&f->d, DIAG_WARNING, 2);
	assert_non_null(strstr(m, "colum_width"));
	assert_true(ends_with(m, "did you mean column_width?"));
	m = msg_at(&f->d, DIAG_WARNING, 3);
	assert_non_null(strstr(m, "frobnicate"));
	assert_null(strstr(m, "did you mean"));
	m = msg_at(&f->d, DIAG_WARNING, 5);
	assert_non_null(strstr(m, "nxt_page"));
	assert_true(ends_with(m, "did you mean next_page?"));
	m = msg_at(&f->d, DIAG_WARNING, 7);
	assert_true(ends_with(m, "did you mean escdelay?"));
	/* Nothing of theirs was taken. */
	assert_int_equal(f->s.column_width, 36);
	assert_int_equal(f->s.escdelay, 25);
	assert_int_equal(keymap_action(&f->s.keys, 'x'), ACT_NONE);
	assert_int_equal(keymap_action(&f->s.keys, ']'), ACT_NEXT_PAGE);
}

static void
test_unparsable_line(void **state)
{
	struct fx *f = *state;

	/* A line that is neither key = value nor [section] is an error at
	   its line. */
	assert_int_equal(load(f,
			      "[layout]\n"		/* 1 */
			      "column_width 40\n"	/* 2 */
			      "gutter = 2\n"),		/* 3 */
			 -1);
	assert_true(f->d.nerrors >= 1);
	assert_int_equal(count(&f->d, DIAG_ERROR, 2, NULL), 1);
	/* An inline comment after a section name: read, or an error at
	   its line, never an error without a place. */
	reload(f, "[layout]\n"			/* 1 */
		  "gutter = 2\n"			/* 2 */
		  "[display] ; colours\n"		/* 3 */
		  "ascii = yes\n");			/* 4 */
	if (count(&f->d, DIAG_ERROR, 0, NULL))
		fail_msg("an error without a line: %s", msg_at(&f->d,
			 DIAG_ERROR, 0));
	if (!f->d.nerrors)
		assert_true(f->s.ascii);
	else
		assert_int_equal(count(&f->d, DIAG_ERROR, 3, NULL), 1);
}

/* ---- [keys] ---- */

static void
test_keys_list(void **state)
{
	struct fx *f = *state;
	static const int want[] = {
		'x', CTRL_KEY('n'), FK_PGDN, ' ', FK_F1 + 4, ',', FK_BTAB,
	};
	const struct keymap *km = &f->s.keys;
	size_t i;

	assert_int_equal(load(f, "[keys]\n"
			      "next_page = x, C-n, PgDn, Space, F5, Comma, "
			      "Shift-Tab\n"), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(km->n[ACT_NEXT_PAGE], 7);
	for (i = 0; i < 7; i++) {
		assert_int_equal(km->keys[ACT_NEXT_PAGE][i], want[i]);
		assert_int_equal(keymap_action(km, want[i]), ACT_NEXT_PAGE);
	}
	/* Its old key went with the new list. */
	assert_int_equal(keymap_action(km, ']'), ACT_NONE);
	/* Those it took leave the defaults that had them. */
	assert_int_equal(km->n[ACT_NEXT_SCREEN], 1);
	assert_int_equal(km->keys[ACT_NEXT_SCREEN][0], 'f');
	assert_int_equal(km->n[ACT_PREV_PART], 1);
	assert_int_equal(km->keys[ACT_PREV_PART][0], 'K');
	assert_int_equal(keymap_action(km, 'f'), ACT_NEXT_SCREEN);
}

static void
test_key_names(void **state)
{
	static const struct {
		const char *name;
		int key;
	} names[] = {
		{ "x", 'x' }, { "G", 'G' }, { "/", '/' }, { "C-n", 14 },
		{ "Ctrl-n", 14 }, { "C-L", 12 }, { "Space", ' ' },
		{ "Enter", FK_ENTER }, { "Return", FK_ENTER },
		{ "Tab", FK_TAB }, { "Shift-Tab", FK_BTAB },
		{ "Backspace", FK_BACKSPACE }, { "Esc", FK_ESC },
		{ "Up", FK_UP }, { "Down", FK_DOWN }, { "PgUp", FK_PGUP },
		{ "PgDn", FK_PGDN }, { "Home", FK_HOME }, { "End", FK_END },
		{ "F1", FK_F1 }, { "F12", FK_F12 }, { "Comma", ',' },
		{ "pgdn", FK_PGDN }, { "Quote", '"' }, { "Apostrophe", '\'' },
		{ "Backslash", '\\' }, { "\"", '"' }, { "'", '\'' },
		{ "\\", '\\' },
	};
	static const char *const bad[] = {
		"", "xx", "Ctrl-Alt-Q", "C-", "C-1", "F0", "F13", "F1x",
		"Hyper", " ",
	};
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (keymap_parse_key(names[i].name) != names[i].key)
			fail_msg("%s: %#x, expected %#x", names[i].name,
				 (unsigned)keymap_parse_key(names[i].name),
				 (unsigned)names[i].key);
		/* The name it is written back with reads as the same key. */
		buf_reset(&b);
		keymap_key_name(names[i].key, &b);
		assert_int_equal(keymap_parse_key(buf_str(&b)), names[i].key);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (keymap_parse_key(bad[i]) != -1)
			fail_msg("\"%s\" read as a key", bad[i]);
	buf_release(&b);
}

static void
test_key_taken_quietly(void **state)
{
	struct fx *f = *state;
	const struct keymap *km = &f->s.keys;

	assert_int_equal(load(f, "[keys]\nnext_page = j\n"), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(keymap_action(km, 'j'), ACT_NEXT_PAGE);
	assert_int_equal(km->n[ACT_LINE_DOWN], 1);
	assert_int_equal(km->keys[ACT_LINE_DOWN][0], FK_DOWN);
	assert_int_equal(keymap_action(km, FK_DOWN), ACT_LINE_DOWN);
}

static void
test_key_taken_leaves_none(void **state)
{
	struct fx *f = *state;
	const char *m;

	/* forward's only key is taken: the action is left without one,
	   which is warned of where it happened, naming both actions. */
	assert_int_equal(load(f, "[keys]\n"		/* 1 */
			      "next_page = L\n"),	/* 2 */
			 0);
	assert_int_equal(keymap_action(&f->s.keys, 'L'), ACT_NEXT_PAGE);
	assert_int_equal(f->s.keys.n[ACT_FORWARD], 0);
	assert_int_equal(f->d.nwarnings, 1);
	assert_int_equal(count(&f->d, DIAG_WARNING, ANY_LINE, "forward"), 1);
	m = f->d.v[0].msg;
	if (f->d.v[0].line != 2 || !strstr(m, "next_page"))
		fail_msg("warned at line %u: \"%s\"", f->d.v[0].line, m);
}

static void
test_key_shared(void **state)
{
	struct fx *f = *state;
	const char *m;

	assert_int_equal(load(f, "[keys]\n"		/* 1 */
			      "next_page = x\n"		/* 2 */
			      "prev_page = x, [\n"),	/* 3 */
			 0);
	assert_int_equal(f->d.nerrors, 0);
	assert_int_equal(f->d.nwarnings, 1);
	assert_int_equal(f->d.v[0].line, 3);
	m = f->d.v[0].msg;
	assert_non_null(strstr(m, "next_page"));
	assert_non_null(strstr(m, "prev_page"));
	assert_non_null(strstr(m, "key x "));
	assert_int_equal(keymap_action(&f->s.keys, 'x'), ACT_NEXT_PAGE);
	assert_int_equal(keymap_action(&f->s.keys, '['), ACT_PREV_PAGE);
}

static void
test_key_empty(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "[keys]\n"		/* 1 */
			      "\n"			/* 2 */
			      "bookmark =\n"),		/* 3 */
			 0);
	assert_int_equal(f->d.nerrors, 0);
	assert_int_equal(f->d.nwarnings, 1);
	assert_int_equal(f->d.v[0].line, 3);
	assert_non_null(strstr(f->d.v[0].msg, "bookmark"));
	assert_non_null(strstr(f->d.v[0].msg, "has no key"));
	assert_int_equal(f->s.keys.n[ACT_BOOKMARK], 0);
	assert_int_equal(keymap_action(&f->s.keys, 'm'), ACT_NONE);
}

static void
test_key_bad_names(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "[keys]\n"		/* 1 */
			      "quit = Ctrl-Alt-Q\n"	/* 2 */
			      "help = xx\n"		/* 3 */
			      "search = /, F13\n"	/* 4 */
			      "top = a,b,c,d,e,f,g,h,i\n"), /* 5 */
			 -1);
	assert_int_equal(f->d.nerrors, 4);
	assert_int_equal(f->d.nwarnings, 0);
	assert_true(starts_with(msg_at(&f->d, DIAG_ERROR, 2), "quit = "
				"\"Ctrl-Alt-Q\": \"Ctrl-Alt-Q\" is not a "
				"key"));
	assert_true(starts_with(msg_at(&f->d, DIAG_ERROR, 3), "help = \"xx\": "
				"\"xx\" is not a key"));
	assert_non_null(strstr(msg_at(&f->d, DIAG_ERROR, 4), "\"F13\""));
	assert_non_null(strstr(msg_at(&f->d, DIAG_ERROR, 5), "more than 8"));
	/* A bad list leaves the action's keys alone. */
	assert_int_equal(keymap_action(&f->s.keys, 'Q'), ACT_QUIT);
	assert_int_equal(keymap_action(&f->s.keys, '?'), ACT_HELP);
	assert_int_equal(keymap_action(&f->s.keys, '/'), ACT_SEARCH);
	assert_int_equal(keymap_action(&f->s.keys, 'g'), ACT_TOP);
}

/* ---- order ---- */

static void
test_override_order(void **state)
{
	struct fx *f = *state;
	struct settings def;

	settings_init(&def);
	assert_int_equal(load(f, "[layout]\ncolumn_width = 50\n"
			      "justify = true\n[display]\nheadline = red\n"
			      "[reader]\ndefault_edition = /srv/a.xml\n"
			      "[keys]\nquit = C-q\n"), 0);
	assert_int_equal(f->d.n, 0);
	/* What the file says differs from the defaults... */
	assert_int_not_equal(f->s.column_width, def.column_width);
	assert_int_equal(f->s.column_width, 50);
	assert_true(f->s.justify);
	assert_int_equal(f->s.colors[EL_HEADLINE].fg, 1);
	assert_string_equal(f->s.default_edition, "/srv/a.xml");
	assert_int_equal(keymap_action(&f->s.keys, CTRL_KEY('q')), ACT_QUIT);
	assert_int_equal(keymap_action(&f->s.keys, 'Q'), ACT_NONE);
	/* ...and the rest is the defaults. */
	def.column_width = 50;
	def.justify = true;
	def.colors[EL_HEADLINE] = f->s.colors[EL_HEADLINE];
	def.default_edition = f->s.default_edition;
	def.keys.keys[ACT_QUIT][0] = CTRL_KEY('q');
	assert_same_settings(&f->s, &def);
	def.default_edition = NULL;
	settings_release(&def);
	/* A second file goes over the first, keeping what it leaves. */
	assert_int_equal(load(f, "[layout]\ngutter = 7\n"), 0);
	assert_int_equal(f->s.gutter, 7);
	assert_int_equal(f->s.column_width, 50);
	assert_string_equal(f->s.default_edition, "/srv/a.xml");
}

static void
test_min_above_max(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "[layout]\n"		/* 1 */
			      "min_columns = 5\n"	/* 2 */
			      "max_columns = 4\n"),	/* 3 */
			 -1);
	assert_int_equal(f->d.nerrors, 1);
	assert_non_null(strstr(f->d.v[0].msg, "min_columns"));
	assert_non_null(strstr(f->d.v[0].msg, "max_columns"));
	assert_true(f->d.v[0].line == 2 || f->d.v[0].line == 3);
	/* Against the default max (8). */
	assert_int_equal(reload(f, "[layout]\nmin_columns = 10\n"), -1);
	assert_int_equal(f->d.nerrors, 1);
	assert_int_equal(f->d.v[0].line, 2);
	assert_int_equal(reload(f, "[layout]\nmin_columns = 4\n"
				"max_columns = 4\n"), 0);
	assert_int_equal(f->d.n, 0);
}

/* ---- written out ---- */

static void
test_dump_round_trip(void **state)
{
	struct fx *f = *state;
	struct settings def;

	round_trip(f,
		"[layout]\ncolumn_width = 50\ngutter = 5\nmin_columns = 2\n"
		"max_columns = 4\njustify = yes\nhyphenate = off\n"
		"article_width = 100\n"
		"[display]\ncolor = never\nascii = on\n"
		"theme = solarized-dark\nheadline = bold yellow on blue\n"
		"kicker = 208 on default\nbyline = bright-red\n"
		"caption = reverse\njump = bold reverse 33 on bright-black\n"
		"[reader]\ndefault_edition = /srv/news/my paper.xml\n"
		"escdelay = 100\n"
		"[keys]\nnext_page = x, C-n, PgDn, Space, F5, Comma, "
		"Shift-Tab\nquit = C-q, Q\nhelp = F1, ?\n"
		"next_screen = f, F2, C-f\n");
	/* Not the defaults that came back, but the file's. */
	settings_init(&def);
	assert_int_equal(f->s2.column_width, 50);
	assert_int_equal(f->s2.max_columns, 4);
	assert_false(f->s2.hyphenate);
	assert_true(f->s2.ascii);
	assert_int_equal(f->s2.color, COLOR_NEVER);
	assert_string_equal(f->s2.theme, "solarized-dark");
	assert_int_equal(f->s2.colors[EL_JUMP].bg, 8);
	assert_string_equal(f->s2.default_edition, "/srv/news/my paper.xml");
	assert_int_equal(keymap_action(&f->s2.keys, FK_F1 + 4),
			 ACT_NEXT_PAGE);
	assert_false(same_colors(f->s2.colors, def.colors));
	settings_release(&def);
}

static void
test_dump_defaults(void **state)
{
	struct fx *f = *state;
	struct settings def;

	round_trip(f, "[display]\ntheme = light\n");
	round_trip(f, "[display]\ntheme = mono\n");
	round_trip(f, "");
	settings_init(&def);
	assert_same_settings(&f->s2, &def);
	settings_release(&def);
}

static void
test_dump_defaults_load_back(void **state)
{
	struct fx *f = *state;
	struct settings def;
	char *dump = NULL;
	size_t len = 0;
	FILE *fp;

	settings_init(&def);
	fp = open_memstream(&dump, &len);
	assert_non_null(fp);
	assert_int_equal(settings_dump(&def, fp), 0);
	fclose(fp);
	/* Every section and option is there, with its help. */
	assert_non_null(strstr(dump, "\n[layout]\n"));
	assert_non_null(strstr(dump, "\n[keys]\n"));
	assert_non_null(strstr(dump, "\ncolumn_width = 36\n"));
	assert_non_null(strstr(dump, "\n; target width of a newspaper "
			       "column"));
	assert_non_null(strstr(dump, "\nnext_screen = Space, PgDn, f\n"));
	assert_int_equal(load(f, dump), 0);
	assert_int_equal(f->d.n, 0);
	assert_same_settings(&f->s, &def);
	settings_release(&def);
	free(dump);
}

static void
test_dump_edition_with_hash(void **state)
{
	struct fx *f = *state;

	/* A URL with a fragment, a path with ';': iniparser cuts an
	   unquoted value at ';' or '#', so the dump must keep them. */
	round_trip(f, "[reader]\ndefault_edition = "
			  "\"https://news.example/today.xml#front\"\n");
	round_trip(f, "[reader]\ndefault_edition = "
			  "\"/srv/news;v2/today.xml\"\n");
	/* White space at either end, a tab too (iniparser trims what
	   isspace() says): once a fuzz_settings failure. */
	round_trip(f, "[reader]\ndefault_edition = \"\t,\t\taN\"\n");
	assert_string_equal(f->s.default_edition, "\t,\t\taN");
	round_trip(f, "[reader]\ndefault_edition = \"a.xml\t\"\n");
	round_trip(f, "[reader]\ndefault_edition = \" a.xml\"\n");
}

static void
test_dump_key_hash(void **state)
{
	struct fx *f = *state;

	/* '#' and ';' can be bound, quoted; iniparser cuts an unquoted
	   value there, so the dump must write them some other way. */
	round_trip(f, "[keys]\ngoto_page = \"p, #\"\n");
	round_trip(f, "[keys]\nsearch = \"/, ;\"\n");
	/* A value that starts with a quote is read as quoted, up to the
	   next one: the keys ' and " are written by name, and \ too
	   (fuzz_settings: help = ', ?, N lost its first key). */
	round_trip(f, "[keys]\nhelp = \"'\t\t,?\t\t,\tF9\n");
	round_trip(f, "[keys]\nhelp = '\", ?'\n");
	round_trip(f, "[keys]\nhelp = \"\\, ?\"\n");
}

static void
test_man(void **state)
{
	char *man = NULL, *line, *save = NULL;
	size_t len = 0;
	int ss = 0, tp = 0;
	FILE *fp;

	(void)state;
	fp = open_memstream(&man, &len);
	assert_non_null(fp);
	assert_int_equal(settings_man(fp), 0);
	fclose(fp);
	assert_non_null(strstr(man, ".SS [layout]\n"));
	assert_non_null(strstr(man, ".SS [display]\n"));
	assert_non_null(strstr(man, ".SS [keys]\n"));
	assert_non_null(strstr(man, ".SS [reader]\n"));
	assert_non_null(strstr(man, ".TP\n.B column_width\n"));
	assert_non_null(strstr(man, ".TP\n.B max_columns\n"));
	assert_non_null(strstr(man, ".TP\n.B theme\n"));
	assert_non_null(strstr(man, ".TP\n.B headline\n"));
	assert_non_null(strstr(man, ".TP\n.B default_edition\n"));
	assert_non_null(strstr(man, ".TP\n.B escdelay\n"));
	assert_non_null(strstr(man, ".TP\n.B next_page\n"));
	assert_non_null(strstr(man, ".TP\n.B open_article\n"));
	/* [layout] comes before its options, [keys] before the actions. */
	assert_true(strstr(man, ".SS [layout]") < strstr(man, "column_width"));
	assert_true(strstr(man, ".SS [keys]") < strstr(man, ".B next_page"));
	/* Only the macros used start a line: no text read as a request. */
	for (line = strtok_r(man, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, ".SS ", 4))
			ss++;
		else if (!strcmp(line, ".TP"))
			tp++;
		else if (line[0] == '.' || line[0] == '\'')
			assert_true(!strncmp(line, ".B ", 3));
	}
	assert_int_equal(ss, 4);
	/* 19 options and every action. */
	assert_int_equal(tp, 19 + ACT_COUNT - 1);
	free(man);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_missing_at_default_place),
		T(test_missing_with_c),
		T(test_not_a_file),
		T(test_default_path),
		T(test_int_within_bounds),
		T(test_int_rejected),
		T(test_bool),
		T(test_string),
		T(test_color_mode),
		T(test_theme),
		T(test_colors),
		T(test_message_exact),
		T(test_several_errors),
		T(test_comments_and_spaces),
		T(test_crlf),
		T(test_repeated_key),
		T(test_repeated_action),
		T(test_unknown_section),
		T(test_unknown_section_line),
		T(test_unknown_keys),
		T(test_unparsable_line),
		T(test_keys_list),
		T(test_key_names),
		T(test_key_taken_quietly),
		T(test_key_taken_leaves_none),
		T(test_key_shared),
		T(test_key_empty),
		T(test_key_bad_names),
		T(test_override_order),
		T(test_min_above_max),
		T(test_dump_round_trip),
		T(test_dump_defaults),
		T(test_dump_defaults_load_back),
		T(test_dump_edition_with_hash),
		T(test_dump_key_hash),
		T(test_man),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
