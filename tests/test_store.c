/*
 * Unit tests of the store (store.h): bookmarks and reading state that are
 * never lost.  Each test works in its own folder under /tmp, named by
 * $XDG_DATA_HOME and $XDG_STATE_HOME, and removed afterwards.  Other
 * processes are real ones (fork): writers racing on one store, and a
 * writer killed with SIGKILL at random moments, 200 times.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "files.h"
#include "store.h"
#include "util.h"

#define HEADER_START "# folio bookmarks 1"
#define NOBODY 65534

/* One test's folder and the paths in it; all owned. */
struct fx {
	char *dir;		/* the mkdtemp folder */
	char *store;		/* store_path(true, "bookmarks") */
};

/* ---- helpers ---- */

static char *
pathf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

static int
setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	char tmpl[] = "/tmp/folio-store-XXXXXX";
	char *p;

	if (!mkdtemp(tmpl)) {
		free(fx);
		return -1;
	}
	fx->dir = xstrdup(tmpl);
	p = pathf("%s/data", tmpl);
	setenv("XDG_DATA_HOME", p, 1);
	free(p);
	p = pathf("%s/state", tmpl);
	setenv("XDG_STATE_HOME", p, 1);
	free(p);
	fx->store = store_path(true, "bookmarks");
	*state = fx;
	return 0;
}

static int
make_writable(const char *p, const struct stat *st, int type, struct FTW *f)
{
	(void)st;
	(void)f;
	if (type == FTW_D || type == FTW_DNR)
		chmod(p, 0700);
	return 0;
}

static int
remove_one(const char *p, const struct stat *st, int type, struct FTW *f)
{
	(void)st;
	(void)type;
	(void)f;
	remove(p);
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	store_fail_write_after(0);
	nftw(fx->dir, make_writable, 16, FTW_PHYS);
	nftw(fx->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx->dir);
	free(fx->store);
	free(fx);
	return 0;
}

/* The whole file, NUL-terminated, or NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!fp)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	if (len)
		*len = b.len;
	return buf_detach(&b);
}

static void
spit(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static size_t
count_char(const char *s, char c)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

/* How many entries of folder dir start with prefix. */
static size_t
count_entries(const char *dir, const char *prefix)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	if (!dp)
		return 0;
	while ((de = readdir(dp)) != NULL)
		if (!strncmp(de->d_name, prefix, strlen(prefix)))
			n++;
	closedir(dp);
	return n;
}

/* A bookmark pointing at the given strings (bookmarks_change copies). */
static struct bookmark
mkbm(const char *date, const char *title, const char *page, const char *id,
     const char *headline, const char *source, time_t created)
{
	struct bookmark bm;

	memset(&bm, 0, sizeof(bm));
	bm.date = (char *)date;
	bm.title = (char *)title;
	bm.page = (char *)page;
	bm.id = (char *)id;
	bm.headline = (char *)headline;
	bm.source = (char *)source;
	bm.created = created;
	return bm;
}

static struct bookmark
simple(const char *id, time_t created)
{
	return mkbm("2024-05-01", "The Daily", "A1", id, "Headline", "/s.xml",
		    created);
}

/* Make folder sub of the test's folder (and its parents). */
static void
make_folder(const struct fx *fx, const char *sub)
{
	char *p = pathf("%s/%s", fx->dir, sub), *s;

	for (s = strchr(p + strlen(fx->dir) + 1, '/'); s;
	     s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

/* A change that must succeed; shows the error when it does not. */
static void
change_ok(struct bookmarks *b, enum store_op op, const struct bookmark *bm)
{
	struct buf err = BUF_INIT;

	if (bookmarks_change(b, op, bm, &err) != 0)
		fail_msg("bookmarks_change %s: %s", bm->id, buf_str(&err));
	buf_release(&err);
}

/* Open path in a fresh struct: must parse without any diagnostic. */
static void
open_clean(struct bookmarks *b, const char *path)
{
	struct diags d;
	size_t i;

	diags_init(&d, path);
	assert_int_equal(bookmarks_open(b, path, &d), 0);
	for (i = 0; i < d.n; i++)
		print_error("%s:%u: %s\n", path, d.v[i].line, d.v[i].msg);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.nwarnings + d.nerrors, 0);
	diags_release(&d);
}

static size_t
find_simple(const struct bookmarks *b, const char *id)
{
	return bookmarks_find(b, "The Daily", "2024-05-01", id);
}

/* Fork; the child runs fn(arg) and _exits with its result, so that no
   cmocka or sanitizer exit check runs in it. */
static pid_t
spawn(int (*fn)(void *), void *arg)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_int_not_equal(pid, -1);
	if (pid == 0)
		_exit(fn(arg));
	return pid;
}

/* The exit status of pid, or -1 when it did not exit normally. */
static int
reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
assert_bookmark(const struct bookmark *got, const struct bookmark *want)
{
	assert_string_equal(got->date, want->date);
	assert_string_equal(got->title, want->title);
	assert_string_equal(got->page, want->page);
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->headline, want->headline);
	assert_string_equal(got->source, want->source);
	assert_int_equal(got->created, want->created);
	assert_false(got->unsaved);
}

/* ---- 1. round trip ---- */

static void
test_round_trip(void **state)
{
	struct fx *fx = *state;
	struct bookmark in[4];
	struct bookmarks b;
	char *text, *line, *next;
	time_t before, after;
	size_t i, nrec;

	in[0] = mkbm("2024-05-01", "The Daily", "A1", "budget",
		     "Budget\tpassed", "/srv/daily.xml", 1000);
	in[1] = mkbm("2024-05-01", "The Daily", "A2", "back\\slash",
		     "Line one\nline two \\n is no escape\r",
		     "http://x.test/y?a=b\tc", 2000);
	in[2] = mkbm("2024-05-02", "Le Monde \xe2\x80\x94 \xc3\xa9" "dition",
		     "\xc3\x89t\xc3\xa9",
		     "z\xc3\xbcrich-\xe6\x9d\xb1\xe4\xba\xac",
		     "Gr\xc3\xbc\xc3\x9f" "e \xe6\x9d\xb1\xe4\xba\xac \\",
		     "/tmp/\xc3\xbc.xml", 3000);
	in[3] = mkbm("2024-05-02", "The Daily", "B4", "latest", "Newest",
		     "", 0);

	open_clean(&b, fx->store);		/* a missing file: empty */
	assert_int_equal(b.n, 0);
	before = time(NULL);
	for (i = 0; i < ARRAY_SIZE(in); i++)
		change_ok(&b, STORE_ADD, &in[i]);
	after = time(NULL);
	assert_int_equal(b.n, 4);
	bookmarks_release(&b);

	open_clean(&b, fx->store);
	assert_int_equal(b.n, 4);
	/* Newest first; created was set on the one added with 0. */
	assert_string_equal(b.v[0].id, "latest");
	assert_in_range(b.v[0].created, before, after);
	assert_string_equal(b.v[0].source, "");
	assert_bookmark(&b.v[1], &in[2]);
	assert_bookmark(&b.v[2], &in[1]);
	assert_bookmark(&b.v[3], &in[0]);
	assert_int_equal(bookmarks_find(&b, "The Daily", "2024-05-01",
					"back\\slash"), 2);
	assert_int_equal(bookmarks_find(&b, in[2].title, in[2].date,
					in[2].id), 1);
	assert_int_equal(bookmarks_find(&b, "The Daily", "2024-05-02",
					"budget"), NONE);
	assert_int_equal(bookmarks_find(&b, "2024-05-01", "The Daily",
					"budget"), NONE);

	/* Plain text: the header, then one line of 7 fields a bookmark. */
	text = slurp(fx->store, NULL);
	assert_non_null(text);
	assert_int_equal(strncmp(text, HEADER_START, strlen(HEADER_START)), 0);
	assert_int_equal(count_char(text, '\n'), 5);
	assert_non_null(strstr(text, "\n1000\t2024-05-01\tThe Daily\tA1\t"
			       "budget\tBudget\\tpassed\t/srv/daily.xml\n"));
	assert_non_null(strstr(text, "\n2000\t2024-05-01\tThe Daily\tA2\t"
			       "back\\\\slash\tLine one\\nline two \\\\n is "
			       "no escape\\r\thttp://x.test/y?a=b\\tc\n"));
	nrec = 0;
	for (line = strchr(text, '\n') + 1; *line; line = next) {
		next = strchr(line, '\n');
		assert_non_null(next);
		*next++ = '\0';
		assert_int_equal(count_char(line, '\t'), 6);
		nrec++;
	}
	assert_int_equal(nrec, 4);
	free(text);

	/* Adding it again keeps one. */
	change_ok(&b, STORE_ADD, &in[0]);
	assert_int_equal(b.n, 4);

	/* Delete. */
	change_ok(&b, STORE_DELETE, &in[1]);
	assert_int_equal(b.n, 3);
	assert_int_equal(bookmarks_find(&b, in[1].title, in[1].date,
					in[1].id), NONE);
	bookmarks_release(&b);
	open_clean(&b, fx->store);
	assert_int_equal(b.n, 3);
	assert_int_equal(bookmarks_find(&b, in[1].title, in[1].date,
					in[1].id), NONE);
	assert_int_not_equal(bookmarks_find(&b, in[0].title, in[0].date,
					    in[0].id), NONE);
	text = slurp(fx->store, NULL);
	assert_non_null(text);
	assert_int_equal(count_char(text, '\n'), 4);
	assert_null(strstr(text, "back\\\\slash"));
	free(text);
	/* Deleting what is not there changes nothing. */
	change_ok(&b, STORE_DELETE, &in[1]);
	assert_int_equal(b.n, 3);
	bookmarks_release(&b);
}

/* ---- 2. concurrent writers ---- */

#define WRITERS 4
#define PER_WRITER 50

struct writer_arg {
	const char *path;
	int w;
	int gate[2];		/* a pipe: EOF on its read end means go */
};

static int
writer(void *p)
{
	struct writer_arg *a = p;
	struct bookmarks b;
	struct diags d;
	struct buf err = BUF_INIT;
	char id[32], c;
	int k, ret = 0;

	close(a->gate[1]);
	while (read(a->gate[0], &c, 1) < 0 && errno == EINTR)
		;
	diags_init(&d, a->path);
	if (bookmarks_open(&b, a->path, &d) != 0)
		return 2;
	for (k = 0; k < PER_WRITER && !ret; k++) {
		struct bookmark bm;

		snprintf(id, sizeof(id), "w%d-%d", a->w, k);
		bm = simple(id, 0);
		if (bookmarks_change(&b, STORE_ADD, &bm, &err) != 0)
			ret = 1;
	}
	bookmarks_release(&b);
	diags_release(&d);
	buf_release(&err);
	return ret;
}

static void
test_concurrent_writers(void **state)
{
	struct fx *fx = *state;
	struct writer_arg args[WRITERS];
	struct bookmark seed_bm = simple("seed", 1);
	pid_t pids[WRITERS];
	struct bookmarks b;
	int gate[2], w, k;
	char id[32];

	/* Make the folder first so that all race on the file itself. */
	open_clean(&b, fx->store);
	change_ok(&b, STORE_ADD, &seed_bm);
	bookmarks_release(&b);
	assert_int_equal(pipe(gate), 0);
	for (w = 0; w < WRITERS; w++) {
		args[w].path = fx->store;
		args[w].w = w;
		args[w].gate[0] = gate[0];
		args[w].gate[1] = gate[1];
		pids[w] = spawn(writer, &args[w]);
	}
	close(gate[0]);
	close(gate[1]);			/* all go at once */
	for (w = 0; w < WRITERS; w++)
		assert_int_equal(reap(pids[w]), 0);

	open_clean(&b, fx->store);
	assert_int_equal(b.n, 1 + WRITERS * PER_WRITER);
	for (w = 0; w < WRITERS; w++)
		for (k = 0; k < PER_WRITER; k++) {
			snprintf(id, sizeof(id), "w%d-%d", w, k);
			if (find_simple(&b, id) == NONE)
				fail_msg("bookmark %s lost", id);
		}
	bookmarks_release(&b);
}

static int
add_from_b(void *p)
{
	struct bookmarks b;
	struct diags d;
	struct buf err = BUF_INIT;
	struct bookmark bm = simple("from-b", 2000);
	int ret;

	diags_init(&d, p);
	if (bookmarks_open(&b, p, &d) != 0)
		return 2;
	ret = bookmarks_change(&b, STORE_ADD, &bm, &err) != 0;
	bookmarks_release(&b);
	diags_release(&d);
	buf_release(&err);
	return ret;
}

static void
test_merge_with_disk(void **state)
{
	struct fx *fx = *state;
	struct bookmark mine = simple("from-a", 1000);
	struct bookmarks a, check;

	open_clean(&a, fx->store);
	assert_int_equal(a.n, 0);
	assert_int_equal(reap(spawn(add_from_b, fx->store)), 0);
	assert_int_equal(a.n, 0);		/* A has not looked yet */
	change_ok(&a, STORE_ADD, &mine);
	/* A's write kept B's bookmark, and A now shows it. */
	assert_int_equal(a.n, 2);
	assert_int_not_equal(find_simple(&a, "from-b"), NONE);
	open_clean(&check, fx->store);
	assert_int_equal(check.n, 2);
	assert_int_not_equal(find_simple(&check, "from-a"), NONE);
	assert_int_not_equal(find_simple(&check, "from-b"), NONE);
	bookmarks_release(&check);

	/* A deletes its own: B's stays. */
	change_ok(&a, STORE_DELETE, &mine);
	open_clean(&check, fx->store);
	assert_int_equal(check.n, 1);
	assert_int_equal(find_simple(&check, "from-a"), NONE);
	assert_int_not_equal(find_simple(&check, "from-b"), NONE);
	bookmarks_release(&check);
	bookmarks_release(&a);
}

/* ---- 3. corrupt lines ---- */

static void
test_corrupt_lines(void **state)
{
	struct fx *fx = *state;
	static const char bad[] =
		"200\t2024-05-01\tThe Daily\tA1\n"
		"300\t2024-05-01\tThe Daily\tA1\tbad-esc\tA \\q escape\t/s\n"
		"soon\t2024-05-01\tThe Daily\tA1\tbad-time\tNo time\t/s\n"
		"400\t2024-05-01\tThe Daily\tA1\t\tNo id\t/s\n";
	static const unsigned bad_lines[] = { 3, 4, 5, 6 };
	struct bookmark third = simple("good-3", 600);
	struct bookmarks b;
	struct diags d;
	char *rej = pathf("%s.rejected", fx->store);
	char *text;
	size_t i;

	make_folder(fx, "data/folio");
	text = pathf("%s\n"
		     "100\t2024-05-01\tThe Daily\tA1\tgood-1\tGood one\t/s\n"
		     "%s"
		     "\n"
		     "500\t2024-05-01\tThe Daily\tA2\tgood-2\tGood two\t/s\n",
		     HEADER_START, bad);
	spit(fx->store, text);
	free(text);

	diags_init(&d, fx->store);
	assert_int_equal(bookmarks_open(&b, fx->store, &d), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.v[0].id, "good-2");
	assert_string_equal(b.v[1].id, "good-1");
	assert_int_equal(d.n, ARRAY_SIZE(bad_lines));
	assert_int_equal(d.nwarnings, ARRAY_SIZE(bad_lines));
	assert_int_equal(d.nerrors, 0);
	for (i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].level, DIAG_WARNING);
		assert_int_equal(d.v[i].line, bad_lines[i]);
	}
	diags_release(&d);
	/* The bad lines, verbatim, are kept aside. */
	text = slurp(rej, NULL);
	assert_non_null(text);
	assert_string_equal(text, bad);
	free(text);

	/* The next write leaves them out of the store. */
	change_ok(&b, STORE_ADD, &third);
	assert_int_equal(b.n, 3);
	bookmarks_release(&b);
	text = slurp(fx->store, NULL);
	assert_non_null(text);
	assert_int_equal(count_char(text, '\n'), 4);
	assert_null(strstr(text, "bad-esc"));
	assert_null(strstr(text, "bad-time"));
	assert_null(strstr(text, "No id"));
	assert_null(strstr(text, "\tA1\n"));
	free(text);
	open_clean(&b, fx->store);
	assert_int_equal(b.n, 3);
	bookmarks_release(&b);
	/* They are in .rejected, once each: kept aside, not copied again
	   by every later read of the store. */
	text = slurp(rej, NULL);
	assert_non_null(text);
	assert_string_equal(text, bad);
	free(text);
	free(rej);
}

static void
test_nul_byte(void **state)
{
	/* A NUL byte (a zeroed block after a crash, a bad edit) spoils its
	   line only: the lines after it are still read, and kept. */
	static const char text[] =
		HEADER_START "\n"
		"100\t2024-05-01\tThe Daily\tA1\tgood-1\tGood one\t/s\n"
		"200\t2024-05-01\tThe Daily\tA1\tnul\tA \0 here\t/s\n"
		"300\t2024-05-01\tThe Daily\tA1\tgood-3\tGood three\t/s\n";
	struct fx *fx = *state;
	struct bookmark more = simple("good-4", 400);
	struct bookmarks b;
	struct diags d;
	FILE *fp;

	make_folder(fx, "data/folio");
	fp = fopen(fx->store, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, sizeof(text) - 1, fp),
			 sizeof(text) - 1);
	assert_int_equal(fclose(fp), 0);

	diags_init(&d, fx->store);
	assert_int_equal(bookmarks_open(&b, fx->store, &d), 0);
	assert_int_not_equal(find_simple(&b, "good-1"), NONE);
	assert_int_not_equal(find_simple(&b, "good-3"), NONE);
	assert_int_equal(b.n, 2);
	assert_int_equal(d.nwarnings, 1);
	assert_int_equal(d.v[0].line, 3);
	diags_release(&d);
	change_ok(&b, STORE_ADD, &more);
	bookmarks_release(&b);
	open_clean(&b, fx->store);
	assert_int_equal(b.n, 3);
	bookmarks_release(&b);
}

/* ---- 4. failed writes ---- */

static void
test_failed_write_keeps_file(void **state)
{
	struct fx *fx = *state;
	struct bookmark x = simple("x", 1000), y = simple("y", 2000),
			z = simple("z", 3000);
	struct bookmarks b, check;
	struct buf err = BUF_INIT;
	char *dir = pathf("%s/data/folio", fx->dir);
	const char *stale = NULL;
	char *before, *now;
	size_t lb, ln, i;

	open_clean(&b, fx->store);
	change_ok(&b, STORE_ADD, &x);
	before = slurp(fx->store, &lb);
	assert_non_null(before);

	store_fail_write_after(1);
	assert_int_equal(bookmarks_change(&b, STORE_ADD, &y, &err), -1);
	store_fail_write_after(0);
	assert_non_null(strstr(buf_str(&err), fx->store));
	now = slurp(fx->store, &ln);
	assert_non_null(now);
	assert_int_equal(ln, lb);
	assert_memory_equal(now, before, lb);
	free(now);
	assert_int_equal(count_entries(dir, "bookmarks.tmp"), 0);
	/* Shown, marked unsaved, pending. */
	assert_int_equal(b.n, 2);
	i = find_simple(&b, "y");
	assert_int_not_equal(i, NONE);
	assert_true(b.v[i].unsaved);
	assert_false(b.v[find_simple(&b, "x")].unsaved);
	assert_int_equal(b.npending, 1);

	/* The next change writes both. */
	buf_reset(&err);
	change_ok(&b, STORE_ADD, &z);
	assert_int_equal(b.npending, 0);
	for (i = 0; i < b.n; i++)	/* checked last, below */
		if (b.v[i].unsaved && !stale)
			stale = b.v[i].id;
	open_clean(&check, fx->store);
	assert_int_equal(check.n, 3);
	assert_string_equal(check.v[0].id, "z");
	assert_string_equal(check.v[1].id, "y");
	assert_string_equal(check.v[2].id, "x");
	bookmarks_release(&check);

	/* A failed delete: the file keeps it, memory does not show it,
	   and a flush deletes it. */
	free(before);
	before = slurp(fx->store, &lb);
	store_fail_write_after(1);
	assert_int_equal(bookmarks_change(&b, STORE_DELETE, &x, &err), -1);
	store_fail_write_after(0);
	now = slurp(fx->store, &ln);
	assert_int_equal(ln, lb);
	assert_memory_equal(now, before, lb);
	free(now);
	assert_int_equal(find_simple(&b, "x"), NONE);
	assert_int_equal(b.npending, 1);
	buf_reset(&err);
	assert_int_equal(bookmarks_flush(&b, &err), 0);
	assert_int_equal(bookmarks_flush(&b, &err), 0);	/* none left */
	open_clean(&check, fx->store);
	assert_int_equal(check.n, 2);
	assert_int_equal(find_simple(&check, "x"), NONE);
	bookmarks_release(&check);

	bookmarks_release(&b);
	buf_release(&err);
	free(before);
	free(dir);
	/* Once the retry wrote them, none is marked unsaved any more. */
	if (stale)
		fail_msg("after a successful write, bookmark %s is still "
			 "marked unsaved", stale);
}

static void
test_written_not_unsaved(void **state)
{
	/* unsaved means "the last write of it failed": after a write that
	   succeeded, no bookmark shows it. */
	struct fx *fx = *state;
	struct bookmark x = simple("x", 1000), y = simple("y", 2000);
	struct bookmarks b;

	open_clean(&b, fx->store);
	change_ok(&b, STORE_ADD, &x);
	assert_int_equal(b.n, 1);
	assert_false(b.v[0].unsaved);
	change_ok(&b, STORE_ADD, &y);
	assert_int_equal(b.n, 2);
	assert_false(b.v[0].unsaved);
	assert_false(b.v[1].unsaved);
	bookmarks_release(&b);
}

/* Exit codes of ro_check, for the parent to explain. */
static const char *const ro_why[] = {
	"",
	"the first bookmark could not be written",
	"a write into a read-only folder returned 0",
	"the error does not name the file",
	"the file changed",
	"the bookmark is not shown as unsaved",
	"a new store in a read-only folder returned 0 or no message",
};

/* In a child (as nobody when run by root): a store in a folder made
   read-only after its first write. */
static int
ro_check(void *p)
{
	const char *folder = p;
	char *path = pathf("%s/bookmarks", folder);
	char *other = pathf("%s/other", folder);
	char *probe = pathf("%s/probe", folder);
	struct bookmark x = simple("x", 1000), y = simple("y", 2000);
	struct bookmarks b;
	struct diags d;
	struct buf err = BUF_INIT;
	char *before, *now;
	size_t lb, ln, i;
	int fd;

	if (geteuid() == 0 && (setgroups(0, NULL) != 0 ||
			       setgid(NOBODY) != 0 || setuid(NOBODY) != 0))
		return 78;
	diags_init(&d, path);
	if (bookmarks_open(&b, path, &d) != 0 ||
	    bookmarks_change(&b, STORE_ADD, &x, &err) != 0)
		return 1;
	before = slurp(path, &lb);
	if (!before || chmod(folder, 0500) != 0)
		return 1;
	fd = open(probe, O_WRONLY | O_CREAT, 0600);
	if (fd >= 0) {
		close(fd);
		unlink(probe);
		chmod(folder, 0700);
		return 77;		/* permissions are not enforced */
	}
	if (bookmarks_change(&b, STORE_ADD, &y, &err) != -1)
		return 2;
	if (!strstr(buf_str(&err), path))
		return 3;
	now = slurp(path, &ln);
	if (!now || ln != lb || memcmp(now, before, lb))
		return 4;
	i = bookmarks_find(&b, y.title, y.date, y.id);
	if (i == NONE || !b.v[i].unsaved)
		return 5;
	bookmarks_release(&b);
	diags_release(&d);
	diags_init(&d, other);
	buf_reset(&err);
	if (bookmarks_open(&b, other, &d) != 0 ||
	    bookmarks_change(&b, STORE_ADD, &y, &err) != -1 ||
	    !strstr(buf_str(&err), other))
		return 6;
	chmod(folder, 0700);
	return 0;
}

static void
test_unwritable_folder(void **state)
{
	struct fx *fx = *state;
	char *folder = pathf("%s/ro", fx->dir);
	char *file = pathf("%s/file", fx->dir);
	char *path = pathf("%s/file/bookmarks", fx->dir);
	struct bookmark x = simple("x", 1000);
	struct bookmarks b;
	struct reading_state s;
	struct diags d;
	struct buf err = BUF_INIT;
	int r;

	/* A read-only folder.  Root ignores permissions, so as root the
	   check runs as nobody; it is skipped when that cannot be. */
	assert_int_equal(mkdir(folder, 0700), 0);
	if (geteuid() == 0) {
		assert_int_equal(chown(folder, NOBODY, NOBODY), 0);
		assert_int_equal(chmod(fx->dir, 0711), 0);
	}
	r = reap(spawn(ro_check, folder));
	chmod(folder, 0700);
	if (r == 77 || r == 78)
		print_message("read-only folder check skipped: %s\n",
			      r == 77 ? "the folder stays writable" :
			      "cannot run as nobody");
	else if (r != 0)
		fail_msg("read-only folder: %s (exit %d)",
			 r > 0 && (size_t)r < ARRAY_SIZE(ro_why) ? ro_why[r] :
			 "the child crashed", r);

	/* A path below a regular file. */
	spit(file, "not a folder\n");
	diags_init(&d, path);
	(void)bookmarks_open(&b, path, &d);	/* may report ENOTDIR */
	assert_int_equal(bookmarks_change(&b, STORE_ADD, &x, &err), -1);
	assert_non_null(strstr(buf_str(&err), path));
	assert_int_equal(b.n, 1);
	assert_true(b.v[0].unsaved);
	buf_reset(&err);
	assert_int_equal(bookmarks_flush(&b, &err), -1);
	assert_non_null(strstr(buf_str(&err), path));
	assert_int_equal(b.npending, 1);
	bookmarks_release(&b);
	diags_release(&d);

	buf_reset(&err);
	state_init(&s);
	state_mark_read(&s, "a");
	assert_int_equal(state_save(&s, path, "T", "D", &err), -1);
	assert_non_null(strstr(buf_str(&err), path));
	state_release(&s);
	buf_release(&err);
	free(folder);
	free(file);
	free(path);
}

/* ---- 4b. links and other files planted among the store's ---- */

/* A copy of /etc/passwd owned by the test, as the target of the links:
   its text and its times are compared afterwards. */
struct target {
	char *path;
	char *text;
	struct stat st;
};

static void
target_make(struct target *t, const struct fx *fx, const char *name)
{
	char *text = slurp("/etc/passwd", NULL);

	t->path = pathf("%s/%s", fx->dir, name);
	spit(t->path, text && *text ? text :
	     "root:x:0:0:root:/root:/bin/sh\n");
	free(text);
	t->text = slurp(t->path, NULL);
	assert_non_null(t->text);
	assert_int_equal(stat(t->path, &t->st), 0);
}

/* The target is as it was: same text, never opened for writing. */
static void
target_check(struct target *t)
{
	struct stat st;
	char *now = slurp(t->path, NULL);

	assert_non_null(now);
	assert_string_equal(now, t->text);
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_size, t->st.st_size);
	assert_true(st.st_mtim.tv_sec == t->st.st_mtim.tv_sec &&
		    st.st_mtim.tv_nsec == t->st.st_mtim.tv_nsec);
	free(now);
	free(t->path);
	free(t->text);
}

/* path is still a symbolic link to target. */
static void
assert_link(const char *path, const char *target)
{
	char got[4096];
	ssize_t n = readlink(path, got, sizeof(got) - 1);

	assert_true(n > 0);
	got[n] = '\0';
	assert_string_equal(got, target);
}

static void
test_store_symlink(void **state)
{
	/* The bookmarks file replaced by a link to (a copy of) /etc/passwd:
	   not read, so none of its lines is copied into .rejected; not
	   written through, nor replaced: the change stays in memory. */
	struct fx *fx = *state;
	struct bookmark x = simple("x", 1000);
	struct target t;
	struct bookmarks b;
	struct diags d;
	struct buf err = BUF_INIT;
	char *rej = pathf("%s.rejected", fx->store), *dir;

	make_folder(fx, "data/folio");
	target_make(&t, fx, "passwd");
	assert_int_equal(symlink(t.path, fx->store), 0);
	diags_init(&d, fx->store);
	assert_int_equal(bookmarks_open(&b, fx->store, &d), -1);
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.v[0].msg,
			    "cannot read: a symbolic link, not followed");
	assert_int_equal(b.n, 0);
	diags_release(&d);
	assert_int_equal(bookmarks_change(&b, STORE_ADD, &x, &err), -1);
	assert_non_null(strstr(buf_str(&err), "a symbolic link, not followed"));
	assert_int_equal(b.n, 1);
	assert_true(b.v[0].unsaved);
	buf_reset(&err);
	assert_int_equal(bookmarks_flush(&b, &err), -1);
	bookmarks_release(&b);
	assert_link(fx->store, t.path);
	assert_int_equal(access(rej, F_OK), -1);
	dir = pathf("%s/data/folio", fx->dir);
	assert_int_equal(count_entries(dir, "bookmarks.tmp"), 0);
	free(dir);
	target_check(&t);
	buf_release(&err);
	free(rej);
}

static void
test_state_symlink(void **state)
{
	/* The same for a reading state file. */
	struct fx *fx = *state;
	char *path = state_path("The Daily", "2024-05-01");
	struct reading_state s;
	struct target t;
	struct diags d;
	struct buf err = BUF_INIT;
	char *rej = pathf("%s.rejected", path);

	make_folder(fx, "state/folio");
	target_make(&t, fx, "passwd");
	assert_int_equal(symlink(t.path, path), 0);
	state_init(&s);
	diags_init(&d, path);
	assert_int_equal(state_load(&s, path, &d), -1);
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.v[0].msg,
			    "cannot read: a symbolic link, not followed");
	assert_int_equal(s.nread, 0);
	diags_release(&d);
	s.page = xstrdup("A1");
	state_mark_read(&s, "budget");
	assert_int_equal(state_save(&s, path, "The Daily", "2024-05-01",
				    &err), -1);
	assert_non_null(strstr(buf_str(&err), "a symbolic link, not followed"));
	state_release(&s);
	assert_link(path, t.path);
	assert_int_equal(access(rej, F_OK), -1);
	target_check(&t);
	buf_release(&err);
	free(rej);
	free(path);
}

static void
test_store_side_files_symlink(void **state)
{
	/* Links where the store's other files go: FILE.lock (to a file that
	   is not there: not created), FILE.rejected (not appended to) and
	   the temporary file of this pid (not truncated, not written). */
	struct fx *fx = *state;
	struct bookmark x = simple("x", 1000);
	struct target t;
	struct bookmarks b;
	struct diags d;
	struct buf err = BUF_INIT;
	char *lock = pathf("%s.lock", fx->store);
	char *rej = pathf("%s.rejected", fx->store);
	char *tmp = pathf("%s.tmp.%ld", fx->store, (long)getpid());
	char *nowhere = pathf("%s/created-through-a-link", fx->dir);

	make_folder(fx, "data/folio");
	target_make(&t, fx, "passwd");
	spit(fx->store, HEADER_START "\nnot a bookmark\n");

	/* .rejected a link: the bad line is reported, not appended. */
	assert_int_equal(symlink(t.path, rej), 0);
	diags_init(&d, fx->store);
	assert_int_equal(bookmarks_open(&b, fx->store, &d), 0);
	assert_int_equal(d.nwarnings, 1);
	diags_release(&d);

	/* The lock a link to nothing: refused, nothing created. */
	assert_int_equal(symlink(nowhere, lock), 0);
	assert_int_equal(bookmarks_change(&b, STORE_ADD, &x, &err), -1);
	assert_non_null(strstr(buf_str(&err), "cannot lock"));
	assert_int_equal(access(nowhere, F_OK), -1);
	assert_int_equal(unlink(lock), 0);

	/* The temporary file a link: removed, the target left alone, and
	   the store written. */
	assert_int_equal(symlink(t.path, tmp), 0);
	buf_reset(&err);
	if (bookmarks_flush(&b, &err) != 0)
		fail_msg("flush: %s", buf_str(&err));
	assert_int_equal(b.n, 1);
	assert_false(b.v[0].unsaved);
	bookmarks_release(&b);
	assert_link(rej, t.path);
	assert_int_equal(access(tmp, F_OK), -1);
	open_clean(&b, fx->store);
	assert_int_equal(b.n, 1);
	bookmarks_release(&b);
	target_check(&t);
	buf_release(&err);
	free(lock);
	free(rej);
	free(tmp);
	free(nowhere);
}

static void
test_store_fifo(void **state)
{
	/* A FIFO where the bookmarks file goes is refused, not waited on
	   (the child is killed by an alarm if it blocks). */
	struct fx *fx = *state;
	pid_t pid;

	make_folder(fx, "data/folio");
	assert_int_equal(mkfifo(fx->store, 0600), 0);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_int_not_equal(pid, -1);
	if (pid == 0) {
		struct bookmarks b;
		struct diags d;
		int r;

		alarm(5);
		diags_init(&d, fx->store);
		r = bookmarks_open(&b, fx->store, &d);
		_exit(r == -1 && d.nerrors == 1 &&
		      !strcmp(d.v[0].msg, "cannot read: not a regular file") ?
		      0 : 1);
	}
	assert_int_equal(reap(pid), 0);
}

/* ---- 5. reading state ---- */

static void
test_state_path(void **state)
{
	struct fx *fx = *state;
	char *p1 = state_path("The Daily", "2024-05-01");
	char *p2 = state_path("The Daily", "2024-05-01");
	char *p3 = state_path("The Daily", "2024-05-02");
	char *p4 = state_path("The Times", "2024-05-01");
	char *p5 = state_path("The Dail", "y2024-05-01");
	char *p6 = state_path("A", "");
	char *p7 = state_path("", "A");
	char *prefix = pathf("%s/state/folio/state-", fx->dir);

	assert_string_equal(p1, p2);
	assert_string_not_equal(p1, p3);
	assert_string_not_equal(p1, p4);
	assert_string_not_equal(p1, p5);
	assert_string_not_equal(p6, p7);
	assert_int_equal(strncmp(p1, prefix, strlen(prefix)), 0);
	assert_null(strchr(p1 + strlen(prefix), '/'));
	free(p1);
	free(p2);
	free(p3);
	free(p4);
	free(p5);
	free(p6);
	free(p7);
	free(prefix);
}

static void
save_ok(struct reading_state *s, const char *path)
{
	struct buf err = BUF_INIT;

	if (state_save(s, path, "The Daily", "2024-05-01", &err) != 0)
		fail_msg("state_save: %s", buf_str(&err));
	buf_release(&err);
}

static void
load_clean(struct reading_state *s, const char *path)
{
	struct diags d;

	diags_init(&d, path);
	state_init(s);
	assert_int_equal(state_load(s, path, &d), 0);
	assert_int_equal(d.n, 0);
	diags_release(&d);
}

static void
test_state_round_trip(void **state)
{
	static const char *const ids[] = {
		"budget", "back\\slash", "tab\there",
		"na\xc3\xafve-\xe6\x9d\xb1",
	};
	char *path = state_path("The Daily", "2024-05-01");
	struct reading_state s, t;
	size_t i;

	(void)state;
	load_clean(&t, path);			/* a missing file: empty */
	assert_null(t.page);
	assert_null(t.article);
	assert_int_equal(t.block, -1);
	assert_int_equal(t.nread, 0);
	state_release(&t);

	state_init(&s);
	s.page = xstrdup("A12");
	s.article = xstrdup("budget\tpart \\ two");
	s.seq = 2;
	s.in_article = true;
	s.block = -1;
	s.offset = 17;
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		state_mark_read(&s, ids[i]);
	state_mark_read(&s, "budget");		/* once */
	assert_int_equal(s.nread, ARRAY_SIZE(ids));
	save_ok(&s, path);

	load_clean(&t, path);
	assert_string_equal(t.page, "A12");
	assert_string_equal(t.article, "budget\tpart \\ two");
	assert_int_equal(t.seq, 2);
	assert_true(t.in_article);
	assert_int_equal(t.block, -1);
	assert_int_equal(t.offset, 17);
	assert_int_equal(t.nread, ARRAY_SIZE(ids));
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		assert_true(state_was_read(&t, ids[i]));
	assert_false(state_was_read(&t, "other"));
	state_release(&t);

	/* The page view, no article, a block that is not the head. */
	free(s.article);
	s.article = NULL;
	s.in_article = false;
	s.seq = 0;
	s.block = 7;
	s.offset = 4000000000u;
	save_ok(&s, path);
	load_clean(&t, path);
	assert_string_equal(t.page, "A12");
	assert_null(t.article);
	assert_false(t.in_article);
	assert_int_equal(t.seq, 0);
	assert_int_equal(t.block, 7);
	assert_int_equal(t.offset, 4000000000u);
	assert_int_equal(t.nread, ARRAY_SIZE(ids));
	state_release(&t);
	state_release(&s);
	free(path);
}

static void
test_state_merge(void **state)
{
	char *path = state_path("The Daily", "2024-05-01");
	struct reading_state s1, s2, t;

	(void)state;
	/* Two folios on one edition, neither having seen the other's. */
	state_init(&s1);
	s1.page = xstrdup("A1");
	state_mark_read(&s1, "a");
	state_mark_read(&s1, "b");
	state_init(&s2);
	s2.page = xstrdup("B2");
	s2.article = xstrdup("x");
	s2.seq = 1;
	s2.in_article = true;
	s2.block = 3;
	s2.offset = 9;
	state_mark_read(&s2, "c");
	save_ok(&s1, path);
	save_ok(&s2, path);

	load_clean(&t, path);
	assert_int_equal(t.nread, 3);
	assert_true(state_was_read(&t, "a"));
	assert_true(state_was_read(&t, "b"));
	assert_true(state_was_read(&t, "c"));
	/* The place is the last writer's. */
	assert_string_equal(t.page, "B2");
	assert_string_equal(t.article, "x");
	assert_int_equal(t.block, 3);
	state_release(&t);

	state_mark_read(&s1, "d");
	save_ok(&s1, path);
	load_clean(&t, path);
	assert_int_equal(t.nread, 4);
	assert_true(state_was_read(&t, "c"));
	assert_true(state_was_read(&t, "d"));
	assert_string_equal(t.page, "A1");
	state_release(&t);
	state_release(&s1);
	state_release(&s2);
	free(path);
}

static void
test_state_corrupt_lines(void **state)
{
	static const char bad[] =
		"bogus\tx\n"
		"read\tbad\\qescape\n"
		"read\t\n"
		"place\tA2\n";
	static const unsigned bad_lines[] = { 6, 7, 8, 9 };
	struct fx *fx = *state;
	char *path = state_path("The Daily", "2024-05-01");
	char *rej = pathf("%s.rejected", path);
	struct reading_state s;
	struct diags d;
	char *text;
	size_t i;

	make_folder(fx, "state/folio");
	text = pathf("# folio reading state 1\n"
		     "title\tThe Daily\n"
		     "date\t2024-05-01\n"
		     "place\tA1\tbudget\t1\tarticle\t-1\t3\n"
		     "read\tgood1\n"
		     "%s"
		     "read\tgood2\n", bad);
	spit(path, text);
	free(text);

	diags_init(&d, path);
	state_init(&s);
	assert_int_equal(state_load(&s, path, &d), 0);
	assert_int_equal(d.n, ARRAY_SIZE(bad_lines));
	assert_int_equal(d.nerrors, 0);
	for (i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].level, DIAG_WARNING);
		assert_int_equal(d.v[i].line, bad_lines[i]);
	}
	diags_release(&d);
	assert_string_equal(s.page, "A1");
	assert_string_equal(s.article, "budget");
	assert_int_equal(s.offset, 3);
	assert_int_equal(s.nread, 2);
	assert_true(state_was_read(&s, "good1"));
	assert_true(state_was_read(&s, "good2"));
	text = slurp(rej, NULL);
	assert_non_null(text);
	assert_string_equal(text, bad);
	free(text);

	/* The next save leaves them out. */
	save_ok(&s, path);
	state_release(&s);
	text = slurp(path, NULL);
	assert_non_null(text);
	assert_null(strstr(text, "bogus"));
	assert_null(strstr(text, "\\q"));
	assert_null(strstr(text, "read\t\n"));
	assert_null(strstr(text, "A2"));
	free(text);
	load_clean(&s, path);
	assert_int_equal(s.nread, 2);
	state_release(&s);
	/* Kept aside once, not once more for each later read. */
	text = slurp(rej, NULL);
	assert_non_null(text);
	assert_string_equal(text, bad);
	free(text);
	free(rej);
	free(path);
}

static void
test_state_bad_numbers(void **state)
{
	/* A place whose numbers are not numbers does not parse: it is
	   reported and kept aside, as a bookmark with a bad created is. */
	struct fx *fx = *state;
	char *path = state_path("The Daily", "2024-05-01");
	struct reading_state s;
	struct diags d;

	make_folder(fx, "state/folio");
	spit(path, "# folio reading state 1\n"
	     "place\tA1\tbudget\tsecond\tarticle\thead\t12abc\n");
	diags_init(&d, path);
	state_init(&s);
	assert_int_equal(state_load(&s, path, &d), 0);
	assert_int_equal(d.nwarnings, 1);
	assert_int_equal(d.v[0].line, 2);
	diags_release(&d);
	state_release(&s);
	free(path);
}

/* ---- what is written can be read ---- */

static void
test_empty_title_kept(void **state)
{
	/* A bookmark that bookmarks_change wrote (returned 0) must come
	   back: an edition whose title is empty is still an edition. */
	struct fx *fx = *state;
	struct bookmark bm = mkbm("2024-05-01", "", "1", "only", "Only",
				  "/s.xml", 1000);
	struct bookmark other = simple("later", 2000);
	struct bookmarks b;

	open_clean(&b, fx->store);
	change_ok(&b, STORE_ADD, &bm);
	bookmarks_release(&b);
	open_clean(&b, fx->store);
	assert_int_not_equal(bookmarks_find(&b, "", "2024-05-01", "only"),
			     NONE);
	change_ok(&b, STORE_ADD, &other);
	bookmarks_release(&b);
	open_clean(&b, fx->store);
	assert_int_equal(b.n, 2);
	bookmarks_release(&b);
}

/* ---- 6. the crash loop ---- */

#define CRASH_ROUNDS 200
#define CRASH_MAX_PER_CHILD 40
#define CRASH_MAX_DELAY_US 20000

struct crash_arg {
	const char *path;
	int round;
	int fd;			/* write end of the ack pipe */
};

static void
say(int fd, const char *word, const char *id)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "%s %s\n", word, id);

	while (write(fd, line, (size_t)n) < 0 && errno == EINTR)
		;
}

/* Add bookmarks one by one until killed, "ack ID" after each that was
   written ("try ID" before it). */
static int
crash_child(void *p)
{
	struct crash_arg *a = p;
	struct bookmarks b;
	struct diags d;
	struct buf err = BUF_INIT;
	char id[32];
	int k;

	diags_init(&d, a->path);
	if (bookmarks_open(&b, a->path, &d) != 0)
		return 2;
	for (k = 0; k < CRASH_MAX_PER_CHILD; k++) {
		struct bookmark bm;

		snprintf(id, sizeof(id), "c%d-%d", a->round, k);
		bm = simple(id, 0);
		say(a->fd, "try", id);
		if (bookmarks_change(&b, STORE_ADD, &bm, &err) != 0) {
			say(a->fd, "fail", id);
			return 1;
		}
		say(a->fd, "ack", id);
	}
	return 0;
}

static uint32_t
xorshift32(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

static void
test_crash_loop(void **state)
{
	struct fx *fx = *state;
	char *dir = pathf("%s/data/folio", fx->dir);
	uint32_t seed = 20240501;
	struct buf acked = BUF_INIT;	/* every acked id, a line each */
	size_t nacked = 0, unacked_saved = 0, mid_change = 0, tmp_left = 0;
	size_t finished = 0, i;
	struct bookmark seed_bm = simple("seed", 1);
	struct bookmarks b;
	int round;

	/* The folder exists, as it would after a first bookmark. */
	open_clean(&b, fx->store);
	change_ok(&b, STORE_ADD, &seed_bm);
	bookmarks_release(&b);

	for (round = 0; round < CRASH_ROUNDS; round++) {
		struct crash_arg a;
		struct buf out = BUF_INIT;
		char chunk[4096], last_try[32] = "", *line, *next, *tmp;
		size_t round_acks = 0;
		ssize_t n;
		pid_t pid;
		int fds[2], st;

		assert_int_equal(pipe(fds), 0);
		a.path = fx->store;
		a.round = round;
		a.fd = fds[1];
		pid = spawn(crash_child, &a);
		close(fds[1]);
		usleep(xorshift32(&seed) % (CRASH_MAX_DELAY_US + 1));
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		if (WIFEXITED(st)) {
			assert_int_equal(WEXITSTATUS(st), 0);
			finished++;
		}
		while ((n = read(fds[0], chunk, sizeof(chunk))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			assert_true(n > 0);
			buf_add(&out, chunk, (size_t)n);
		}
		close(fds[0]);

		/* The store parses cleanly and holds every ack. */
		open_clean(&b, fx->store);
		for (line = out.s; line && *line; line = next) {
			next = strchr(line, '\n');
			assert_non_null(next);
			*next++ = '\0';
			if (!strncmp(line, "try ", 4)) {
				snprintf(last_try, sizeof(last_try), "%s",
					 line + 4);
			} else if (!strncmp(line, "ack ", 4)) {
				assert_string_equal(line + 4, last_try);
				if (find_simple(&b, line + 4) == NONE)
					fail_msg("round %d: acknowledged %s "
						 "lost", round, line + 4);
				buf_addf(&acked, "%s\n", line + 4);
				last_try[0] = '\0';
				round_acks++;
			} else {
				fail_msg("round %d: child said \"%s\"",
					 round, line);
			}
		}
		nacked += round_acks;
		if (last_try[0]) {
			mid_change++;
			if (find_simple(&b, last_try) != NONE)
				unacked_saved++;
		}
		/* Nothing else on disk: no duplicate, no phantom. */
		assert_int_equal(b.n, 1 + nacked + unacked_saved);
		bookmarks_release(&b);
		tmp = pathf("%s.tmp.%ld", fx->store, (long)pid);
		if (access(tmp, F_OK) == 0)
			tmp_left++;
		free(tmp);
		buf_release(&out);
	}

	/* At the end, all of them, and nothing rejected. */
	{
		char *rej = pathf("%s.rejected", fx->store);
		char *line, *next;

		open_clean(&b, fx->store);
		assert_int_equal(b.n, 1 + nacked + unacked_saved);
		for (line = acked.s, i = 0; line && *line; line = next, i++) {
			next = strchr(line, '\n');
			*next++ = '\0';
			assert_int_not_equal(find_simple(&b, line), NONE);
		}
		assert_int_equal(i, nacked);
		bookmarks_release(&b);
		assert_int_equal(access(rej, F_OK), -1);
		assert_int_equal(count_entries(dir, "bookmarks.tmp"),
				 tmp_left);
		free(rej);
	}
	print_message("crash loop: %d kills, %zu bookmarks acknowledged, "
		      "%zu children finished before the kill\n",
		      CRASH_ROUNDS, nacked, finished);
	print_message("crash loop: %zu kills inside bookmarks_change (%zu "
		      "of them after the rename, before the ack), %zu left "
		      "a temporary file (killed mid-write)\n",
		      mid_change, unacked_saved, tmp_left);
	buf_release(&acked);
	free(dir);
}

/* files_read_all: appends, through several reads, stops past max. */
static void
test_files_read_all(void **state)
{
	struct fx *fx = *state;
	struct buf path = BUF_INIT, b = BUF_INIT;
	size_t i, n = 200000;	/* more than one read of 64 KB */
	char *text = malloc(n + 1);
	int fd;

	assert_non_null(text);
	for (i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	text[n] = '\0';
	buf_addf(&path, "%s/whole", fx->dir);
	spit(path.s, text);

	fd = open(path.s, O_RDONLY);
	assert_true(fd >= 0);
	buf_add(&b, "x", 1);
	assert_int_equal(files_read_all(fd, SIZE_MAX, &b), 0);
	assert_int_equal(b.len, n + 1);
	assert_int_equal(b.s[0], 'x');
	assert_memory_equal(b.s + 1, text, n);
	assert_int_equal(b.s[b.len], '\0');

	/* Exactly max bytes fit; one more is too many. */
	buf_reset(&b);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(files_read_all(fd, n, &b), 0);
	assert_int_equal(b.len, n);
	buf_reset(&b);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(files_read_all(fd, n - 1, &b), 1);
	assert_true(b.len < n);
	close(fd);

	/* A closed descriptor: -1 with errno. */
	errno = 0;
	assert_int_equal(files_read_all(fd, SIZE_MAX, &b), -1);
	assert_int_equal(errno, EBADF);
	buf_release(&b);
	buf_release(&path);
	free(text);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_round_trip),
		T(test_concurrent_writers),
		T(test_merge_with_disk),
		T(test_corrupt_lines),
		T(test_nul_byte),
		T(test_written_not_unsaved),
		T(test_failed_write_keeps_file),
		T(test_unwritable_folder),
		T(test_store_symlink),
		T(test_state_symlink),
		T(test_store_side_files_symlink),
		T(test_store_fifo),
		T(test_state_path),
		T(test_state_round_trip),
		T(test_state_merge),
		T(test_state_corrupt_lines),
		T(test_state_bad_numbers),
		T(test_empty_title_kept),
		T(test_crash_loop),
		T(test_files_read_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
