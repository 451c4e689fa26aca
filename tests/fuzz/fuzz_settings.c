/*
 * fuzz_settings: folio.ini read by settings_load.
 *
 * Input: the file's bytes, written to a memfd (created once, rewritten
 * for each input) that settings_load reads by its /proc/self/fd path.
 *
 * Checked: settings_load returns -1 exactly when it reported an error,
 * never -2 (the file is there); every number it kept is within its
 * bounds (folio.ini(5)) and the theme is one of the themes; and, when
 * the file loaded, what settings_dump writes loads back, with no error,
 * to the same settings (settings.h promises that).
 *
 * Not checked: control characters in diagnostics.  The file is the
 * user's own and its values are quoted as written; only untrusted
 * input (editions) is held to that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "settings.h"

static struct fuzz_file in, dump;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	fuzz_file_open(&in, NULL, "folio.ini");
	fuzz_file_open(&dump, NULL, "dump.ini");
	return 0;
}

static void
check_bounds(const struct settings *s)
{
	size_t i;
	int e;

	FUZZ_CHECK(s->column_width >= 12 && s->column_width <= 200, "%d",
		   s->column_width);
	FUZZ_CHECK(s->gutter >= 1 && s->gutter <= 9, "%d", s->gutter);
	FUZZ_CHECK(s->min_columns >= 1 && s->min_columns <= 12, "%d",
		   s->min_columns);
	FUZZ_CHECK(s->max_columns >= 1 && s->max_columns <= 12, "%d",
		   s->max_columns);
	FUZZ_CHECK(s->article_width >= 20 && s->article_width <= 400, "%d",
		   s->article_width);
	FUZZ_CHECK(s->escdelay >= 0 && s->escdelay <= 5000, "%d",
		   s->escdelay);
	FUZZ_ASSERT(s->color == COLOR_AUTO || s->color == COLOR_ALWAYS ||
		    s->color == COLOR_NEVER);
	FUZZ_ASSERT(s->theme != NULL);
	for (i = 0; settings_themes[i]; i++)
		if (!strcmp(settings_themes[i], s->theme))
			break;
	FUZZ_CHECK(settings_themes[i] != NULL, "theme \"%s\"", s->theme);
	for (e = 0; e < EL_COUNT; e++)
		FUZZ_CHECK(s->colors[e].fg >= -1 && s->colors[e].fg <= 255 &&
			   s->colors[e].bg >= -1 && s->colors[e].bg <= 255,
			   "colour %d: %d on %d", e, s->colors[e].fg,
			   s->colors[e].bg);
	for (e = ACT_NONE + 1; e < ACT_COUNT; e++)
		FUZZ_CHECK(s->keys.n[e] >= 0 && s->keys.n[e] <= KEYMAP_MAX,
			   "action %d has %d keys", e, s->keys.n[e]);
}

/* Does action a have the same keys in x and y, in any order? */
static bool
same_keys(const struct keymap *x, const struct keymap *y, int a)
{
	int i, j;

	if (x->n[a] != y->n[a])
		return false;
	for (i = 0; i < x->n[a]; i++) {
		for (j = 0; j < y->n[a]; j++)
			if (x->keys[a][i] == y->keys[a][j])
				break;
		if (j == y->n[a])
			return false;
	}
	return true;
}

static bool
same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void
check_same(const struct settings *a, const struct settings *b,
	   const char *text)
{
	int e;

	FUZZ_CHECK(a->column_width == b->column_width &&
		   a->gutter == b->gutter &&
		   a->min_columns == b->min_columns &&
		   a->max_columns == b->max_columns &&
		   a->justify == b->justify && a->hyphenate == b->hyphenate &&
		   a->article_width == b->article_width,
		   "[layout] does not load back from:\n%s", text);
	FUZZ_CHECK(a->color == b->color && a->ascii == b->ascii &&
		   same_str(a->theme, b->theme),
		   "[display] does not load back from:\n%s", text);
	for (e = 0; e < EL_COUNT; e++)
		FUZZ_CHECK(a->colors[e].fg == b->colors[e].fg &&
			   a->colors[e].bg == b->colors[e].bg &&
			   a->colors[e].bold == b->colors[e].bold &&
			   a->colors[e].reverse == b->colors[e].reverse,
			   "colour %d does not load back from:\n%s", e, text);
	for (e = ACT_NONE + 1; e < ACT_COUNT; e++)
		FUZZ_CHECK(same_keys(&a->keys, &b->keys, e),
			   "the keys of %s do not load back from:\n%s",
			   action_name((enum action)e), text);
	FUZZ_CHECK(same_str(a->default_edition, b->default_edition) &&
		   a->escdelay == b->escdelay,
		   "[reader] does not load back from:\n%s", text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings s, again;
	struct diags d, d2;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	int r;

	fuzz_file_write(&in, data, size);
	settings_init(&s);
	diags_init(&d, "folio.ini");
	r = settings_load(&s, in.path, true, &d);
	FUZZ_CHECK(r == 0 || r == -1, "settings_load returned %d", r);
	FUZZ_CHECK((r == -1) == (d.nerrors > 0), "returned %d with %zu "
		   "errors", r, d.nerrors);
	check_bounds(&s);
	if (r == 0) {
		FUZZ_ASSERT(s.min_columns <= s.max_columns);
		fp = open_memstream(&text, &len);
		FUZZ_ASSERT(fp != NULL);
		FUZZ_ASSERT(settings_dump(&s, fp) == 0);
		fclose(fp);
		fuzz_file_write(&dump, text, len);
		settings_init(&again);
		diags_init(&d2, "dump.ini");
		r = settings_load(&again, dump.path, true, &d2);
		FUZZ_CHECK(r == 0 && d2.nerrors == 0, "the dump does not load "
			   "(%d): %s\n%s", r, d2.n ? d2.v[0].msg : "", text);
		check_same(&s, &again, text);
		diags_release(&d2);
		settings_release(&again);
		free(text);
	}
	diags_release(&d);
	settings_release(&s);
	return 0;
}
