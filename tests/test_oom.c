/*
 * Allocation failure (issue 10): the n-th allocation fails, for every n
 * through loading an edition and laying out its first page (a spread of
 * them when there are more than MAX_TRIES; OOM_EVERY=1 tries each).  Each
 * try runs in a child of its own.
 *
 * The count covers folio's own allocations (the x* wrappers of util.c)
 * and libxml2's, which feed_xml_setup() routes through the same wrappers
 * (xmlMemSetup).  Not counted: libc's (stdio, regex), libhyphen's,
 * libunibreak's.
 *
 * When an allocation fails, folio must end with "folio: out of memory"
 * and status 70 (die()), or a load error saying memory ran out, or cope:
 * the same views as with nothing failing.  Anything else (a crash, a
 * hang, another error, other views) fails the test.
 *
 * OOM_AT=N tests/test_oom runs the n-th alone, in one process, and
 * prints the views (OOM_AT=0: nothing failing); OOM_INPUT=FILE (under
 * $srcdir) for another input than src/sample.xml.  For gdb.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "edition.h"
#include "layout.h"
#include "load.h"
#include "text.h"
#include "util.h"
#include "view.h"

/* Tries per input at most, unless OOM_EVERY is set: every n up to
   EVERY_FIRST, then a spread up to the count.  Fewer under ASan, where
   a fork costs ten times more. */
#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif
#ifdef ASAN
#define MAX_TRIES 400
#define EVERY_FIRST 100
#else
#define MAX_TRIES 1500
#define EVERY_FIRST 400
#endif
/* A try that takes longer has hung: a normal one takes a tenth of a
   second, a quarter under ASan on a busy machine. */
#define TIMEOUT_S 4

/* How a child ends, besides die()'s 70. */
#define DIE_STATUS 70
#define WRONG_VIEWS 3
#define EXIT_ELSEWHERE 4
#define LOAD_FAILED 5

/* What the child says on stderr when it crashes or hangs. */
#define WHERE_MARK "[stopped in "

/* ---- the work: load, contents, first page ---- */

/*
 * Load path and write its contents and first page (80x24) to a string
 * (*out, the caller frees it).  Returns 0, or the loader's sysexits
 * status with its diagnostics on stderr.
 */
static int
work(const char *path, char **out)
{
	struct layout_opts o = { 80, 24, false, true, 0, 0, 0, 0, false };
	struct edition *ed;
	struct diags d;
	size_t n = 0;
	FILE *fp;
	int status = 0;

	*out = NULL;
	diags_init(&d, path);
	ed = load_file(path, NULL, &d, &status);
	if (!ed) {
		diags_print(&d, stderr);
		diags_release(&d);
		return status ? status : 1;
	}
	fp = open_memstream(out, &n);
	if (!fp) {
		perror("open_memstream");
		exit(2);
	}
	view_toc(ed, fp);
	view_page(ed, 0, &o, fp);
	fclose(fp);
	edition_free(ed);
	diags_release(&d);
	return 0;
}

/* ---- the children ---- */

static const char *want;	/* the views with nothing failing */
static volatile sig_atomic_t dying;
/* The crash handlers before cmocka's: a sanitizer's, or the default. */
static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
static struct sigaction before_cmocka[ARRAY_SIZE(fatal)];

static void
on_die(void)
{
	dying = 1;
}

/* die() ends with exit(70): end there, before a sanitizer's leak check
   (everything is still allocated when folio dies, on purpose). */
static void
leave(void)
{
	_exit(dying ? DIE_STATUS : EXIT_ELSEWHERE);
}

/*
 * A crash or the alarm of a hang: say in which object the child stopped
 * (the first frame outside libc), then die of the signal.  Not
 * async-signal-safe, and need not be: the child is done for.
 */
static void
on_stop(int sig)
{
	void *frames[64];
	int n = backtrace(frames, 64), i;
	const char *where = "?";
	Dl_info info;

	/* 0 is this handler, 1 the kernel's trampoline. */
	for (i = 2; i < n; i++) {
		if (!dladdr(frames[i], &info) || !info.dli_fname)
			continue;
		where = strrchr(info.dli_fname, '/') ?
			strrchr(info.dli_fname, '/') + 1 : info.dli_fname;
		if (strncmp(where, "libc.so", 7))
			break;
	}
	fprintf(stderr, "%s%s]\n", WHERE_MARK, where);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Run work(path) in a child with allocation n failing (UTIL_ALLOC_COUNT:
 * none).  Returns the wait status; the child's stderr in err (up to
 * size); the count of allocations and the views when count is given.
 */
static int
child(const char *path, unsigned long n, char *err, size_t size,
      unsigned long *count, char **views)
{
	int efd[2], ofd[2], st;
	size_t got = 0, i;
	ssize_t k;
	pid_t pid;

	assert_int_equal(pipe(efd), 0);
	assert_int_equal(pipe(ofd), 0);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		void *warm[1];
		char *out;
		int r;

		close(efd[0]);
		close(ofd[0]);
		dup2(efd[1], STDERR_FILENO);
		close(efd[1]);
		/* A crash is a crash, not cmocka's handlers (which exit):
		   a sanitizer's report, or where it stopped. */
		for (i = 0; i < ARRAY_SIZE(fatal); i++) {
			sigaction(fatal[i], &before_cmocka[i], NULL);
			if (before_cmocka[i].sa_handler == SIG_DFL)
				signal(fatal[i], on_stop);
		}
		signal(SIGALRM, on_stop);
		backtrace(warm, 1);	/* loads what it needs now */
		alarm(TIMEOUT_S);
		die_set_hook(on_die);
		atexit(leave);
		util_fail_alloc(n);
		r = work(path, &out);
		if (r != 0) {
			fprintf(stderr, "[load status %d]\n", r);
			_exit(LOAD_FAILED);
		}
		if (n == UTIL_ALLOC_COUNT) {
			/* The count, then the views, to the parent. */
			unsigned long c = util_alloc_count();
			size_t len = strlen(out);

			if (write(ofd[1], &c, sizeof(c)) != sizeof(c) ||
			    write(ofd[1], out, len) != (ssize_t)len)
				_exit(2);
			_exit(0);
		}
		_exit(strcmp(out, want) ? WRONG_VIEWS : 0);
	}
	close(efd[1]);
	close(ofd[1]);
	if (count) {
		struct buf b = BUF_INIT;
		char chunk[4096];

		if (read(ofd[0], count, sizeof(*count)) != sizeof(*count))
			*count = 0;
		while ((k = read(ofd[0], chunk, sizeof(chunk))) > 0)
			buf_add(&b, chunk, (size_t)k);
		*views = buf_detach(&b);
	}
	close(ofd[0]);
	while (got + 1 < size &&
	       (k = read(efd[0], err + got, size - 1 - got)) > 0)
		got += (size_t)k;
	err[got] = '\0';
	/* The rest, unread, so the child never blocks on a full pipe. */
	{
		char drain[4096];

		while (read(efd[0], drain, sizeof(drain)) > 0)
			;
	}
	close(efd[0]);
	while (waitpid(pid, &st, 0) < 0)
		assert_int_equal(errno, EINTR);
	return st;
}

/* ---- judging a try ---- */

/* How a try ended. */
enum outcome {
	COPED,		/* the same views */
	DIED,		/* "folio: out of memory", 70 */
	LOAD_ERROR,	/* a load error saying memory ran out */
	BAD,		/* a failure */
	N_OUTCOMES
};

/* The outcome of a try, and what was wrong (NULL when nothing). */
static enum outcome
judge(int st, const char *err, const char **why)
{
	bool sanitizer = strstr(err, "Sanitizer") ||
			 strstr(err, "runtime error:");
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;

	*why = NULL;
	if (WIFSIGNALED(st) || sanitizer) {
		bool hang = WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM;

		*why = hang ? "hangs" : sanitizer ? "a sanitizer's report" :
		       "crashes";
		return BAD;
	}
	switch (code) {
	case 0:
		return COPED;
	case DIE_STATUS:
		if (strstr(err, "folio: out of memory"))
			return DIED;
		*why = "status 70 without \"folio: out of memory\"";
		return BAD;
	case LOAD_FAILED:
		if (strcasestr(err, "memory"))
			return LOAD_ERROR;
		*why = "a load error that does not say memory ran out";
		return BAD;
	case WRONG_VIEWS:
		*why = "other views, and no error";
		return BAD;
	case EXIT_ELSEWHERE:
		*why = "exit() called elsewhere than die()";
		return BAD;
	default:
		*why = "an unknown status";
		return BAD;
	}
}

/* The kinds of ending seen, each with its first tries, for the report. */
struct kind {
	char *what;		/* why, and the first line of the message */
	unsigned long n, first[5];
	enum outcome o;
};

struct kinds {
	struct kind *v;
	size_t n, cap;
};

/* The first line of stderr that is not one of the child's marks, with
   the path (the same every time) left out. */
static void
first_line(const char *err, struct buf *out)
{
	const char *nl, *colon;

	while (*err == '[') {
		nl = strchr(err, '\n');
		if (!nl)
			return;
		err = nl + 1;
	}
	nl = strchr(err, '\n');
	colon = strstr(err, ": ");
	if (colon && (!nl || colon < nl))
		err = colon + 2;
	buf_add(out, err, nl ? (size_t)(nl - err) : strlen(err));
}

static void
note_kind(struct kinds *k, enum outcome o, const char *why, const char *err,
	  unsigned long at)
{
	struct buf w = BUF_INIT;
	struct kind *p;
	size_t i;

	buf_adds(&w, why);
	if (*err && !strstr(why, "hangs")) {
		buf_adds(&w, ": ");
		first_line(err, &w);
	}
	for (i = 0; i < k->n; i++)
		if (!strcmp(k->v[i].what, w.s))
			break;
	if (i == k->n) {
		VEC_RESERVE(k->v, k->cap, k->n + 1);
		memset(&k->v[i], 0, sizeof(k->v[i]));
		k->v[i].what = buf_detach(&w);
		k->v[i].o = o;
		k->n++;
	}
	buf_release(&w);
	p = &k->v[i];
	if (p->n < ARRAY_SIZE(p->first))
		p->first[p->n] = at;
	p->n++;
}

static const char *
srcdir(void)
{
	const char *s = getenv("srcdir");

	return s && *s ? s : ".";
}

static void
run_input(const char *rel)
{
	char path[4096], err[4096];
	char *views = NULL;
	unsigned long count = 0, n, step, tries = 0, seen[N_OUTCOMES] = { 0 };
	bool every = getenv("OOM_EVERY") != NULL;
	struct kinds kinds = { NULL, 0, 0 };
	time_t t0 = time(NULL);
	size_t i, j;
	int st;

	snprintf(path, sizeof(path), "%s/%s", srcdir(), rel);
	st = child(path, UTIL_ALLOC_COUNT, err, sizeof(err), &count, &views);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || count == 0)
		fail_msg("%s: the run with nothing failing ends with status "
			 "%#x: %s", rel, st, err);
	want = views;
	step = every || count <= MAX_TRIES ? 1 :
	       (count - EVERY_FIRST) / (MAX_TRIES - EVERY_FIRST) + 1;
	for (n = 1; n <= count; n += n < EVERY_FIRST ? 1 : step) {
		const char *why;
		enum outcome o;

		st = child(path, n, err, sizeof(err), NULL, NULL);
		tries++;
		o = judge(st, err, &why);
		seen[o]++;
		if (why)
			note_kind(&kinds, o, why, err, n);
	}
	print_message("%s: %lu allocations, %lu tried (%s) in %ld s: "
		      "%lu coped, %lu died out of memory, %lu load errors "
		      "saying so, %lu bad\n", rel,
		      count, tries, step == 1 ? "every one" : "a spread",
		      (long)(time(NULL) - t0), seen[COPED], seen[DIED],
		      seen[LOAD_ERROR], seen[BAD]);
	for (i = 0; i < kinds.n; i++) {
		struct kind *k = &kinds.v[i];
		struct buf at = BUF_INIT;

		for (j = 0; j < k->n && j < ARRAY_SIZE(k->first); j++)
			buf_addf(&at, "%s%lu", j ? ", " : "", k->first[j]);
		print_error("  BAD %lu x (n = %s%s): %s\n", k->n,
			    buf_str(&at), k->n > j ? ", ..." : "", k->what);
		buf_release(&at);
		free(k->what);
	}
	free(kinds.v);
	free(views);
	want = NULL;
	if (seen[BAD])
		fail_msg("%s: allocation failures end badly (OOM_AT=N "
			 "OOM_INPUT=%s tests/test_oom runs the n-th alone)",
			 rel, rel);
}

static void
test_sample(void **state)
{
	(void)state;
	run_input("src/sample.xml");
}

static void
test_rss(void **state)
{
	(void)state;
	run_input("tests/fixtures/feeds/rss-sections.xml");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_rss),
	};
	const char *at = getenv("OOM_AT");
	size_t i;

	text_init();
	if (at) {
		/* One try, here, for a debugger: no fork. */
		char path[4096], *out = NULL;
		const char *in = getenv("OOM_INPUT");
		unsigned long n = strtoul(at, NULL, 10);
		int r;

		snprintf(path, sizeof(path), "%s/%s", srcdir(),
			 in ? in : "src/sample.xml");
		util_fail_alloc(n ? n : UTIL_ALLOC_COUNT);
		r = work(path, &out);
		if (out)
			fputs(out, stdout);
		fprintf(stderr, "status %d, %lu allocations\n", r,
			util_alloc_count());
		free(out);
		return r;
	}
	for (i = 0; i < ARRAY_SIZE(fatal); i++)
		sigaction(fatal[i], NULL, &before_cmocka[i]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
