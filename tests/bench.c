/*
 * bench: load an edition and lay out every page, timing each step.
 * A benchmark, not a test: its figures go in notes, never into pass/fail.
 * tests/bench.sh (make bench) reads the "ms/page" figure of the layout.
 *
 *   tests/bench EDITION [WIDTHxHEIGHT]...     (default 200x60)
 *
 * Load and search are wall time; the layout of a page is CPU time (a page
 * turn's budget in issue 9), its mean, median and worst over every page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "layout.h"
#include "load.h"
#include "search.h"
#include "text.h"
#include "util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The CPU time of this process, in seconds. */
static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	struct diags d;
	struct edition *ed;
	struct rusage ru;
	double t0, t1;
	int status, i, w = 200, h = 60;

	if (argc < 2) {
		fputs("usage: bench EDITION [WIDTHxHEIGHT]...\n", stderr);
		return 64;
	}
	text_init();
	diags_init(&d, argv[1]);
	t0 = now();
	ed = load_file(argv[1], NULL, &d, &status);
	t1 = now();
	if (!ed) {
		diags_print(&d, stderr);
		return status;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("load\t%.3f s\t%zu pages\t%zu parts\tmodel %.1f MB\t"
	       "peak RSS %.1f MB\n", t1 - t0, ed->npages, ed->nparts,
	       (double)edition_memory(ed) / 1e6, (double)ru.ru_maxrss / 1e3);
	{
		struct search_index *ix;
		struct search_query q;
		struct search_hit *hits;
		struct buf err = BUF_INIT;
		size_t n;
		double t2;

		t0 = now();
		ix = search_index_new(ed);
		t1 = now();
		search_compile(&q, "qwertyzzz", &err);
		n = search_run(ix, &q, &hits, NULL);
		t2 = now();
		printf("search\tfold %.3f s\tquery (no match) %.4f s\t%zu hits\n",
		       t1 - t0, t2 - t1, n);
		free(hits);
		search_query_release(&q);
		search_compile(&q, "harbour", &err);
		t1 = now();
		n = search_run(ix, &q, &hits, NULL);
		t2 = now();
		printf("search\tquery \"harbour\" %.4f s\t%zu hits\n", t2 - t1,
		       n);
		free(hits);
		search_query_release(&q);
		search_index_free(ix);
		buf_release(&err);
	}
	for (i = argc > 2 ? 2 : 1; i < argc; i++) {
		struct layout_opts o = { .width = w, .height = h,
					 .hyphenate = true };
		size_t p, screens = 0, lines = 0;
		double a, sum = 0;
		double *t = xcalloc(ed->npages ? ed->npages : 1, sizeof(*t));
		size_t worst = 0;

		if (i > 1 && sscanf(argv[i], "%dx%d", &w, &h) != 2) {
			free(t);
			continue;
		}
		o.width = w;
		o.height = h;
		for (p = 0; p < ed->npages; p++) {
			struct page_layout pl;
			a = cpu();
			if (layout_page(ed, p, &o, &pl) == 0) {
				screens += pl.nscreens;
				lines += pl.lines.n;
			}
			page_layout_release(&pl);
			t[p] = cpu() - a;
			sum += t[p];
			if (t[p] > t[worst])
				worst = p;
		}
		a = ed->npages ? t[worst] * 1e3 : 0;
		qsort(t, ed->npages, sizeof(*t), cmp_double);
		printf("layout %dx%d\t%.3f s cpu\t%zu screens\t%zu lines\t"
		       "%.2f ms/page mean\t%.2f median\t%.2f worst (page %s, "
		       "%zu items)\n", w, h, sum, screens, lines,
		       sum * 1e3 / (double)(ed->npages ? ed->npages : 1),
		       ed->npages ? t[ed->npages / 2] * 1e3 : 0, a,
		       ed->npages ? ed->pages[worst].label : "-",
		       ed->npages ? ed->pages[worst].nitems : 0);
		free(t);
	}
	edition_free(ed);
	diags_release(&d);
	return 0;
}
