/* Unit tests of settings: folio.ini through iniparser into the struct. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"

static char path[64];

static void
write_ini(const char *text)
{
	FILE *fp;

	strcpy(path, "/tmp/folio-test-XXXXXX");
	close(mkstemp(path));
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
}

static void
test_defaults_and_missing(void **state)
{
	struct settings s;
	struct diags d;

	(void)state;
	settings_init(&s);
	diags_init(&d, "x");
	assert_int_equal(settings_load(&s, "/nonexistent/folio.ini", false,
				       &d), 0);
	assert_int_equal(s.measure, 36);
	assert_true(s.hyphenate);
	assert_null(s.edition);
	/* Named with -c, a missing file is an error. */
	assert_int_equal(settings_load(&s, "/nonexistent/folio.ini", true,
				       &d), -1);
	assert_int_equal(d.nerrors, 1);
	diags_release(&d);
	settings_release(&s);
}

static void
test_values(void **state)
{
	struct settings s;
	struct diags d;

	(void)state;
	write_ini("[reader]\nedition = /srv/today.xml\n"
		  "[layout]\nmeasure = 42\nascii = yes\nhyphenate = off\n"
		  "colour = red\n");
	settings_init(&s);
	diags_init(&d, path);
	assert_int_equal(settings_load(&s, path, true, &d), 0);
	assert_string_equal(s.edition, "/srv/today.xml");
	assert_int_equal(s.measure, 42);
	assert_true(s.ascii);
	assert_false(s.hyphenate);
	assert_int_equal(d.nwarnings, 1);
	assert_non_null(strstr(d.v[0].msg, "layout:colour"));
	diags_release(&d);
	settings_release(&s);
	unlink(path);
}

static void
test_bad_values(void **state)
{
	struct settings s;
	struct diags d;

	(void)state;
	write_ini("[layout]\nmeasure = 5\nascii = maybe\n");
	settings_init(&s);
	diags_init(&d, path);
	assert_int_equal(settings_load(&s, path, true, &d), -1);
	assert_int_equal(d.nerrors, 2);
	assert_int_equal(s.measure, 36);
	diags_release(&d);
	settings_release(&s);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_and_missing),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_bad_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
