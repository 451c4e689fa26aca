/*
 * bench: load an edition and lay out every page, timing each step.
 * A benchmark, not a test: its figures go in notes, never into pass/fail.
 *
 *   tests/bench EDITION [WIDTHxHEIGHT]...     (default 200x60)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "layout.h"
#include "load.h"
#include "search.h"
#include "text.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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
		n = search_run(ix, &q, &hits);
		t2 = now();
		printf("search\tfold %.3f s\tquery (no match) %.4f s\t%zu hits\n",
		       t1 - t0, t2 - t1, n);
		free(hits);
		search_query_release(&q);
		search_compile(&q, "harbour", &err);
		t1 = now();
		n = search_run(ix, &q, &hits);
		t2 = now();
		printf("search\tquery \"harbour\" %.4f s\t%zu hits\n", t2 - t1,
		       n);
		free(hits);
		search_query_release(&q);
		search_index_free(ix);
		buf_release(&err);
	}
	for (i = argc > 2 ? 2 : 1; i < argc; i++) {
		struct layout_opts o = { w, h, false, true, 0 };
		size_t p, screens = 0, lines = 0;
		double worst = 0;

		if (i > 1 && sscanf(argv[i], "%dx%d", &w, &h) != 2)
			continue;
		o.width = w;
		o.height = h;
		t0 = now();
		for (p = 0; p < ed->npages; p++) {
			struct page_layout pl;
			double a = now(), b;

			if (layout_page(ed, p, &o, &pl) == 0) {
				screens += pl.nscreens;
				lines += pl.lines.n;
			}
			page_layout_release(&pl);
			b = now() - a;
			if (b > worst)
				worst = b;
		}
		t1 = now();
		printf("layout %dx%d\t%.3f s\t%zu screens\t%zu lines\t"
		       "%.2f ms/page mean\t%.2f ms worst\n", w, h, t1 - t0,
		       screens, lines, (t1 - t0) * 1e3 / (double)ed->npages,
		       worst * 1e3);
	}
	edition_free(ed);
	diags_release(&d);
	return 0;
}
