/*
 * conform: load each file given and print what folio made of it, one JSON
 * object a line, for tests/conformance.py to check against the corpora's
 * expectations.  The files are loaded in a child process, each within
 * TIME_LIMIT seconds (alarm), so that a crash or a hang is caught, counted
 * and named instead of ending the run; a new child takes the files after
 * it.  (One child for many files: a fork a file costs more than the loads.)
 *
 *   tests/conform FILE...
 *   tests/conform < LIST          (one file name a line)
 *
 * Each line: {"file", "signal" (0, or what ended the child: 14 is the
 * alarm), "exit" (23 after a leak report; for a crash, the child's exit
 * code: a sanitizer's report, or -1 when it ended without a word),
 * "stderr" (what was printed while the file was read, cut short), and,
 * when the file was read to the end: "status" (0 or load_file's sysexits
 * code), "errors" (the first few, "LINE:COL: message"), "nerrors",
 * "warnings" (a count), "first_warnings", and when it loaded "title",
 * "date", "lang" and "entries": each article's start part, in source
 * order, with "title", "author" (the byline), "link", "line", "text" (its
 * blocks, one a line, cut short) and "text_len"}.  A file that crashed a
 * child only after others were read there is run again alone; when it
 * then reads fine its line says "alone": "no crash".
 * Exits 1 when any file crashed or hung.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "edition.h"
#include "load.h"
#include "text.h"
#include "util.h"

#define TIME_LIMIT 10		/* seconds a file may take */
#define MAX_MSGS 10		/* errors and warnings quoted, each */
#define STDERR_MAX 2000		/* bytes of the child's stderr kept */
#define TEXT_MAX 4000		/* bytes of an article's text shown */
#define EXIT_LEAK 23		/* LeakSanitizer's own exit code */
#define MAX_ALONE 20		/* crashes looked at again alone */
#define LEAK_GROUP 64		/* files between two leak checks (each
				   costs more than loading a file) */

/*
 * Under AddressSanitizer, whether the child leaked (LeakSanitizer's report
 * goes to its stderr): _exit() skips the check exit() would make.
 */
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_LSAN 1
#endif
#endif
#ifdef HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#define LEAKS_CHECKED true
#define leaks() __lsan_do_recoverable_leak_check()
#else
#define LEAKS_CHECKED false
#define leaks() 0
#endif

/*
 * s[0..n) as the inside of a JSON string (no quotes); bytes >= 0x80 are
 * passed as they are (the model is UTF-8; file names may not be).
 */
static void
json_chars(FILE *fp, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\u%04x", c);
		else
			putc(c, fp);
	}
}

/* s as a JSON string, NULL as null. */
static void
json_str(FILE *fp, const char *s)
{
	if (!s) {
		fputs("null", fp);
		return;
	}
	putc('"', fp);
	json_chars(fp, s, strlen(s));
	putc('"', fp);
}

/* The first MAX_MSGS diagnostics of this level as a JSON array. */
static void
json_diags(FILE *fp, const struct diags *d, enum diag_level level)
{
	size_t i, n = 0;
	char msg[1024];

	putc('[', fp);
	for (i = 0; i < d->n && n < MAX_MSGS; i++) {
		const struct diag *g = &d->v[i];

		if (g->level != level)
			continue;
		if (g->line)
			snprintf(msg, sizeof(msg), "%u:%u: %s", g->line,
				 g->col, g->msg);
		else
			snprintf(msg, sizeof(msg), "%s", g->msg);
		fputs(n++ ? ", " : "", fp);
		json_str(fp, msg);
	}
	putc(']', fp);
}

static int
cmp_line(const void *a, const void *b)
{
	const struct part *const *x = a, *const *y = b;

	if ((*x)->line != (*y)->line)
		return (*x)->line < (*y)->line ? -1 : 1;
	if ((*x)->col != (*y)->col)
		return (*x)->col < (*y)->col ? -1 : 1;
	return 0;
}

/*
 * The text of all the parts of article a (captions included), blocks
 * separated by newlines, as "text" (its first TEXT_MAX bytes) and
 * "text_len" (all of it).
 */
static void
json_text(FILE *fp, const struct edition *ed, const struct article *a)
{
	size_t i, b, n, len = 0, shown = 0;

	fputs("\"text\": \"", fp);
	for (i = 0; i < a->nparts; i++) {
		const struct part *p = &ed->parts[a->parts[i]];

		for (b = p->first_block; b < p->first_block + p->nblocks;
		     b++) {
			const char *t = ed->blocks[b].text;

			if (len && shown < TEXT_MAX) {
				json_chars(fp, "\n", 1);
				shown++;
			}
			n = strlen(t);
			len += n + (len > 0);
			if (shown < TEXT_MAX) {
				json_chars(fp, t, n < TEXT_MAX - shown ?
					   n : TEXT_MAX - shown);
				shown += n < TEXT_MAX - shown ?
					 n : TEXT_MAX - shown;
			}
		}
	}
	fprintf(fp, "\", \"text_len\": %zu", len);
}

/* The entries: each article's start part, sorted into source order. */
static void
json_entries(FILE *fp, const struct edition *ed)
{
	const struct part **v;
	size_t i, n = 0;

	v = calloc(ed->narticles ? ed->narticles : 1, sizeof(*v));
	if (!v)
		abort();
	for (i = 0; i < ed->narticles; i++)
		if (ed->articles[i].start != NONE)
			v[n++] = &ed->parts[ed->articles[i].start];
	qsort(v, n, sizeof(*v), cmp_line);
	putc('[', fp);
	for (i = 0; i < n; i++) {
		fputs(i ? ", {\"title\": " : "{\"title\": ", fp);
		json_str(fp, v[i]->headline);
		fputs(", \"author\": ", fp);
		json_str(fp, v[i]->byline);
		fputs(", \"link\": ", fp);
		json_str(fp, v[i]->url);
		fprintf(fp, ", \"line\": %u, ", v[i]->line);
		json_text(fp, ed, &ed->articles[v[i]->article]);
		putc('}', fp);
	}
	putc(']', fp);
	free(v);
}

/* In the child: load path and write the report's fields to fp. */
static void
report(FILE *fp, const char *path)
{
	struct diags d;
	struct edition *ed;
	int status = 0;

	diags_init(&d, path);
	ed = load_file(path, NULL, &d, &status);
	diags_sort(&d);
	fprintf(fp, "\"status\": %d, \"errors\": ", ed ? 0 : status);
	json_diags(fp, &d, DIAG_ERROR);
	fprintf(fp, ", \"nerrors\": %zu, \"warnings\": %zu, "
		"\"first_warnings\": ", d.nerrors, d.nwarnings);
	json_diags(fp, &d, DIAG_WARNING);
	if (ed) {
		fputs(", \"title\": ", fp);
		json_str(fp, ed->title);
		fputs(", \"date\": ", fp);
		json_str(fp, ed->date);
		fputs(", \"lang\": ", fp);
		json_str(fp, ed->lang);
		fputs(", \"entries\": ", fp);
		json_entries(fp, ed);
	}
	fputs("}\n", fp);
	edition_free(ed);
	diags_release(&d);
}

/*
 * What is in fd, at most max bytes, as a string the caller frees.  pread
 * only: the offset of a file shared with a child is not to be trusted.
 */
static char *
slurp(int fd, size_t max)
{
	struct stat st;
	size_t n = 0;
	ssize_t r;
	char *s;

	if (fstat(fd, &st) == 0 && (size_t)st.st_size < max)
		max = (size_t)st.st_size;
	s = malloc(max + 1);
	if (!s)
		abort();
	while (n < max && (r = pread(fd, s + n, max - n, (off_t)n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += (size_t)r;
	}
	s[n] = '\0';
	return s;
}

/* The start of a file's line, the same from a child and from the parent. */
static void
line_head(FILE *fp, const char *path, int sig, int code, const char *msg)
{
	fputs("{\"file\": ", fp);
	json_str(fp, path);
	fprintf(fp, ", \"signal\": %d, \"exit\": %d, \"stderr\": ", sig, code);
	json_str(fp, msg);
}

/*
 * A child: load v[0..n) one after the other, each within TIME_LIMIT
 * seconds, writing each file's line to fp as soon as it is done, its
 * stderr (err, emptied before each file) quoted in it.  After every group
 * files (and after the last) it checks for leaks and writes "ok" or
 * "leak" on a line of its own; after a leak it stops, lest the same leak
 * be reported again.  With group 1 a leak is also in the file's line.
 * Never returns.
 */
static void
serve(char **v, size_t n, size_t group, FILE *fp, int err)
{
	char *rep, *msg;
	size_t i, len;
	int leaked = 0;
	FILE *mem;

	dup2(err, 2);
	for (i = 0; i < n; i++) {
		if (ftruncate(err, 0))
			_exit(70);
		lseek(err, 0, SEEK_SET);
		alarm(TIME_LIMIT);
		mem = open_memstream(&rep, &len);
		if (!mem)
			abort();
		report(mem, v[i]);
		fclose(mem);
		if (group == 1)
			leaked = leaks();
		alarm(0);
		msg = slurp(err, STDERR_MAX);
		line_head(fp, v[i], 0, leaked ? EXIT_LEAK : 0, msg);
		fprintf(fp, ", %s", rep);
		free(msg);
		free(rep);
		if ((i + 1) % group == 0 || i + 1 == n) {
			if (group > 1)
				leaked = leaks();
			fputs(leaked ? "leak\n" : "ok\n", fp);
		}
		fflush(fp);
		if (leaked)
			_exit(EXIT_LEAK);
	}
	/* _exit: the libraries' exit handlers cost more than a load */
	_exit(0);
}

/*
 * Run a child on v[0..n) and pass on its lines (when pass), a group's
 * once the group was found free of leaks.  Returns how many files it
 * reported.  When a group of more than one leaked, *leaked is set and
 * the group's lines are not passed on nor counted: the files from the
 * returned count on are to be run again one a group.  Otherwise, when
 * fewer than n are reported, the next file ended the child, and *sig,
 * *code and *msg (the caller frees) say how.
 */
static size_t
run(char **v, size_t n, size_t group, bool pass, int err, bool *leaked,
    int *sig, int *code, char **msg)
{
	char *line = NULL;
	size_t cap = 0, done = 0, held = 0;
	struct buf pending = BUF_INIT;
	ssize_t len;
	int fd[2], ws;
	pid_t pid;
	FILE *in;

	*leaked = false;
	fflush(stdout);
	fflush(stderr);
	if (ftruncate(err, 0) || pipe(fd)) {
		perror("conform");
		exit(70);
	}
	pid = fork();
	if (pid < 0) {
		perror("conform: fork");
		exit(71);
	}
	if (pid == 0) {
		FILE *out;

		close(fd[0]);
		out = fdopen(fd[1], "w");
		if (!out)
			_exit(70);
		serve(v, n, group, out, err);
	}
	close(fd[1]);
	in = fdopen(fd[0], "r");
	if (!in) {
		perror("conform: fdopen");
		exit(70);
	}
	while ((len = getline(&line, &cap, in)) > 0 && line[len - 1] == '\n') {
		if (line[0] == '{') {
			buf_add(&pending, line, (size_t)len);
			held++;
			continue;
		}
		if (!strcmp(line, "leak\n") && group > 1) {
			*leaked = true;
			break;
		}
		/* "ok", or a leak already in the file's line */
		if (pass && pending.len)
			fwrite(pending.s, 1, pending.len, stdout);
		done += held;
		held = 0;
		buf_reset(&pending);
	}
	if (!*leaked) {
		/* the files read before a crash */
		if (pass && pending.len)
			fwrite(pending.s, 1, pending.len, stdout);
		done += held;
	}
	buf_release(&pending);
	free(line);
	fclose(in);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			perror("conform: waitpid");
			exit(71);
		}
	*sig = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
	*code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 0;
	*msg = done < n && !*leaked ? slurp(err, STDERR_MAX) : NULL;
	return done;
}

/*
 * Load each of v[0..n), children one after the other: a child goes on
 * until a file crashes or hangs it, when that file is run again alone
 * (to tell its own crash from harm done by those before it; the first
 * MAX_ALONE only, a crash on every file costing enough) and a new child
 * takes the rest.  Leaks are looked for after every group files,
 * and a group that leaked is run again one file a group, to name the
 * file.  Returns 1 when any file crashed or hung (leaks are in their
 * lines only).
 */
static int
conform(char **v, size_t n, size_t group, int err)
{
	size_t i = 0, done, m;
	int sig, code, sig1, code1, bad = 0;
	char *msg, *msg1;
	bool leaked;
	static int alone;	/* files run again alone so far */

	while (i < n) {
		done = run(v + i, n - i, group, true, err, &leaked, &sig,
			   &code, &msg);
		i += done;
		if (leaked) {
			m = n - i < group ? n - i : group;
			bad |= conform(v + i, m, 1, err);
			i += m;
			continue;
		}
		if (i == n || (!sig && code == EXIT_LEAK && done > 0)) {
			free(msg);
			continue;
		}
		bad = 1;
		if (done > 0 && alone++ < MAX_ALONE) {
			/* run it alone: does it crash on its own? */
			if (run(v + i, 1, 1, false, err, &leaked, &sig1,
				&code1, &msg1) == 1) {
				/* it did not: report the crash seen */
				line_head(stdout, v[i], sig, code, msg);
				fputs(", \"alone\": \"no crash\"}\n", stdout);
				free(msg1);
				free(msg);
				i++;
				continue;
			}
			free(msg);
			sig = sig1, code = code1, msg = msg1;
		}
		/* exit -1: it ended without a word, exit(0) from a library */
		line_head(stdout, v[i], sig, sig || code ? code : -1, msg);
		fputs("}\n", stdout);
		free(msg);
		i++;
	}
	fflush(stdout);
	return bad;
}

/*
 * The file names: argv, or standard input's lines.  The list is read whole
 * before the first fork: a child's exit() would move the offset of a
 * seekable standard input it shares with us.
 */
static char **
names(int argc, char **argv, size_t *n)
{
	char **v = NULL, *line = NULL;
	size_t cap = 0, vcap = 0;
	ssize_t len;

	*n = 0;
	if (argc > 1) {
		*n = (size_t)argc - 1;
		return argv + 1;
	}
	while ((len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (!len)
			continue;
		if (*n == vcap) {
			vcap = vcap ? 2 * vcap : 256;
			v = realloc(v, vcap * sizeof(*v));
			if (!v)
				abort();
		}
		v[(*n)++] = strdup(line);
		if (!v[*n - 1])
			abort();
	}
	free(line);
	return v;
}

int
main(int argc, char **argv)
{
	FILE *err;		/* only to own the file: fileno is used */
	char **v;
	size_t i, n;
	int bad;

	text_init();
	err = tmpfile();
	if (!err) {
		perror("conform: tmpfile");
		return 70;
	}
	v = names(argc, argv, &n);
	bad = conform(v, n, LEAKS_CHECKED ? LEAK_GROUP : 1,
		      fileno(err));
	if (argc == 1) {
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
	}
	fclose(err);
	return bad;
}
