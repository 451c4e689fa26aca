/*
 * Tests of view: the edition writer gives back what it was given (load,
 * write, load again: the same contents, articles and diagnostics-free),
 * on the sample edition and on every fixture that loads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "text.h"
#include "view.h"

/* All the plain views of ed, as one string to compare. */
static char *
views(const struct edition *ed)
{
	struct layout_opts o = { 60, 24, false, true, 0, 0, 0, 0, false };
	char *s = NULL;
	size_t n = 0, a;
	FILE *fp = open_memstream(&s, &n);

	view_toc(ed, fp);
	/* Articles in print order: made-up ids are made after the real
	   ones, so the model's own order may differ. */
	for (a = 0; a < ed->nparts; a++)
		if (ed->parts[a].seq == 0)
			view_article(ed, ed->parts[a].article, &o, fp);
	fclose(fp);
	return s;
}

static void
round_trip(const char *path)
{
	struct diags d, d2;
	struct edition *ed, *ed2;
	char *xml = NULL, *v1, *v2;
	size_t n = 0;
	FILE *fp;
	int st;

	diags_init(&d, path);
	ed = load_file(path, NULL, &d, &st);
	if (!ed) {
		diags_release(&d);
		return;		/* a fixture that does not load */
	}
	fp = open_memstream(&xml, &n);
	assert_int_equal(view_edition_xml(ed, fp), 0);
	fclose(fp);
	diags_init(&d2, "written");
	ed2 = load_memory(xml, n, NULL, &d2, &st);
	if (!ed2) {
		diags_print(&d2, stderr);
		fprintf(stderr, "%s", xml);
	}
	assert_non_null(ed2);
	v1 = views(ed);
	v2 = views(ed2);
	if (strcmp(v1, v2) != 0)
		print_error("%s: the written edition reads differently\n",
			    path);
	assert_string_equal(v1, v2);
	/* What was written is clean, whatever the original's warnings
	   (made-up ids become real ones, and so on) -- except for broken
	   chains, which stay broken. */
	assert_int_equal(d2.nerrors, 0);
	free(v1);
	free(v2);
	free(xml);
	edition_free(ed);
	edition_free(ed2);
	diags_release(&d);
	diags_release(&d2);
}

static void
test_sample(void **state)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];

	(void)state;
	snprintf(path, sizeof(path), "%s/src/sample.xml",
		 srcdir ? srcdir : ".");
	round_trip(path);
}

static void
test_fixtures(void **state)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096], path[8192];
	struct dirent *e;
	DIR *dp;
	int n = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/tests/fixtures", srcdir ? srcdir : ".");
	dp = opendir(dir);
	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 4 || strcmp(e->d_name + len - 4, ".xml"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		round_trip(path);
		n++;
	}
	closedir(dp);
	assert_true(n > 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_fixtures),
	};

	text_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
