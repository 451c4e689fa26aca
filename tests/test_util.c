/* Unit tests of util (buffers, arena, string map) and diag. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "util.h"

static void
test_buf(void **state)
{
	struct buf b = BUF_INIT;
	char *s;
	int i;

	(void)state;
	assert_string_equal(buf_str(&b), "");
	buf_adds(&b, "abc");
	buf_addch(&b, '-');
	buf_addf(&b, "%d/%s", 42, "x");
	assert_string_equal(b.s, "abc-42/x");
	assert_int_equal(b.len, 8);
	buf_truncate(&b, 3);
	assert_string_equal(b.s, "abc");
	for (i = 0; i < 10000; i++)
		buf_addch(&b, 'z');
	assert_int_equal(b.len, 10003);
	assert_int_equal(b.s[b.len], '\0');
	s = buf_detach(&b);
	assert_null(b.s);
	assert_int_equal(strlen(s), 10003);
	free(s);
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
}

static void
test_arena(void **state)
{
	struct arena a;
	char *p[2000];
	char big[100000];
	int i;

	(void)state;
	arena_init(&a);
	for (i = 0; i < 2000; i++) {
		char t[32];

		snprintf(t, sizeof(t), "string %d", i);
		p[i] = arena_strdup(&a, t);
		assert_int_equal(((uintptr_t)p[i]) % 8, 0);
	}
	memset(big, 'x', sizeof(big));
	assert_memory_equal(arena_strndup(&a, big, sizeof(big)), big,
			    sizeof(big));
	/* Older strings survive both kinds of growth. */
	for (i = 0; i < 2000; i++) {
		char t[32];

		snprintf(t, sizeof(t), "string %d", i);
		assert_string_equal(p[i], t);
	}
	assert_true(a.total >= sizeof(big));
	arena_release(&a);
}

static void
test_strmap(void **state)
{
	struct strmap m;
	struct arena a;
	char t[32];
	size_t i;

	(void)state;
	strmap_init(&m);
	arena_init(&a);
	assert_int_equal(strmap_get(&m, "nothing"), NONE);
	for (i = 0; i < 5000; i++) {
		snprintf(t, sizeof(t), "k%zu", i);
		assert_int_equal(strmap_put(&m, arena_strdup(&a, t), i), NONE);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(t, sizeof(t), "k%zu", i);
		assert_int_equal(strmap_get(&m, t), i);
	}
	assert_int_equal(strmap_put(&m, "k7", 99), 7);
	assert_int_equal(strmap_get(&m, "k7"), 99);
	assert_int_equal(strmap_get(&m, "k5000"), NONE);
	assert_int_equal(m.n, 5000);
	strmap_release(&m);
	arena_release(&a);
}

static void
test_diags(void **state)
{
	struct diags d;
	char out[4096];
	FILE *fp;
	int i;

	(void)state;
	diags_init(&d, "today.xml");
	diags_add(&d, DIAG_WARNING, 14, 3, "second %s", "thing");
	diags_add(&d, DIAG_ERROR, 2, 0, "first");
	diags_add(&d, DIAG_WARNING, 0, 0, "whole file");
	diags_sort(&d);
	fp = fmemopen(out, sizeof(out), "w");
	assert_int_equal(diags_print(&d, fp), 0);
	fclose(fp);
	assert_string_equal(out, "today.xml: warning: whole file\n"
			    "today.xml:2: error: first\n"
			    "today.xml:14:3: warning: second thing\n");
	assert_int_equal(d.nerrors, 1);
	assert_int_equal(d.nwarnings, 2);
	/* Bounded: hostile input cannot grow the list without limit. */
	for (i = 0; i < 5000; i++)
		diags_add(&d, DIAG_WARNING, 1, 1, "w%d", i);
	assert_int_equal(d.n, DIAG_MAX + 1);
	assert_int_equal(d.nwarnings, 5002);
	assert_non_null(strstr(d.v[DIAG_MAX].msg, "too many"));
	diags_release(&d);
}

/* A deadline passes when its time comes, and stays passed. */
static void
test_deadline(void **state)
{
	struct deadline dl;
	struct timespec nap = { 0, 30 * 1000000L };

	(void)state;
	deadline_start(&dl, 0);
	assert_true(deadline_passed(&dl));
	deadline_start(&dl, 60 * 1000L);
	assert_false(deadline_passed(&dl));
	assert_false(deadline_passed(&dl));
	deadline_start(&dl, 1999);	/* carries into the seconds */
	assert_true(dl.until.tv_nsec >= 0 && dl.until.tv_nsec < 1000000000L);
	assert_false(deadline_passed(&dl));
	deadline_start(&dl, 20);
	nanosleep(&nap, NULL);
	assert_true(deadline_passed(&dl));
	/* Passed once, always: even with the limit moved on by hand. */
	dl.until.tv_sec += 3600;
	assert_true(deadline_passed(&dl));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_diags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
