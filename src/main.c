/*
 * folio: a terminal newspaper reader.  main() reads the command line,
 * loads the configuration and the edition, and either prints a plain-text
 * view or runs the reader.  Only here (and in ui/) is anything printed.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "edition.h"
#include "fetch.h"
#include "layout.h"
#include "load.h"
#include "reader.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "textimport.h"
#include "view.h"

extern const char folio_sample_xml[];
extern const size_t folio_sample_xml_len;

enum view { V_READER, V_TOC, V_PAGE, V_ARTICLE, V_CHECK, V_BOOKMARKS,
	     V_SEARCH, V_IMPORT };

struct args {
	enum view view;
	const char *page, *article, *config, *edition, *export, *query;
	const char *import, *title, *date;
	int width, height;
	bool ascii, print, no_color, dump_config, dump_man;
};

/*
 * What a message may quote of a name it was given (a file, a URL, an id,
 * an argument): text_escape()d, so that a name holding escapes cannot
 * reach the terminal.  The last few are kept; older ones are freed.
 */
static const char *
shown(const char *s)
{
	static char *ring[4];
	static size_t next;

	free(ring[next]);
	ring[next] = text_escape(s ? s : "");
	s = ring[next];
	next = (next + 1) % 4;
	return s;
}

static void
usage(FILE *fp)
{
	fputs("Usage: folio [OPTION]... [EDITION]\n"
	      "Read a newspaper edition in the terminal: its pages rebuilt as "
	      "columns,\njumps followed both ways.  EDITION is a file, - for "
	      "standard input, or an\nhttp(s) URL; with none, the configured "
	      "edition, else the sample edition.\nRSS, Atom, NITF, NewsML-G2, "
	      "METS/ALTO and a page's text (pdftotext) are read\nas editions "
	      "too.\n"
	      "\nViews (plain text when standard output is not a terminal; "
	      "on a terminal,\nthe reader opens there):\n"
	      "      --toc             one line per article part: PAGE ID "
	      "N/PARTS HEADLINE\n"
	      "      --page=LABEL      the page view of that page, every "
	      "screen\n"
	      "      --article=ID      the article view, all parts stitched\n"
	      "      --search=QUERY    one match a line: PAGE ID EXCERPT\n"
	      "      --bookmarks       one bookmark a line: DATE TITLE PAGE ID "
	      "HEADLINE\n"
	      "      --export=FORMAT   with --bookmarks: tsv, markdown or "
	      "atom\n"
	      "      --check           warnings and errors as "
	      "FILE:LINE:COL: ...\n"
	      "\nImport:\n"
	      "      --import-text=FILE  a page's text (as pdftotext gives "
	      "it) as an edition\n"
	      "                        on standard output; with "
	      "--page=LABEL, --title=TITLE,\n"
	      "                        --date=DATE\n"
	      "\nLayout:\n"
	      "      --width=N         width the views lay out for (default "
	      "80)\n"
	      "      --height=N        height the views lay out for (default "
	      "24)\n"
	      "      --print           plain text even on a terminal\n"
	      "      --ascii           ASCII rules and boxes, no Unicode "
	      "drawing\n"
	      "      --no-color        attributes, no colours (also "
	      "NO_COLOR)\n"
	      "\nConfiguration:\n"
	      "  -c, --config=FILE     read FILE, not "
	      "~/.config/folio/folio.ini\n"
	      "      --dump-config     the settings in effect, as a "
	      "folio.ini\n"
	      "      --dump-config=man the options, for folio.ini(5)\n"
	      "\nOther:\n"
	      "  -h, --help            this help\n"
	      "  -V, --version         the version, and the libraries'\n"
	      "\nExit status: 0 success, 1 --search found nothing, 64 usage, "
	      "65 not a usable\nedition, 66 cannot open, 70 internal error, "
	      "74 I/O error, 78 configuration\nerror.  See folio(1), "
	      "folio.ini(5), folio-edition(5).\n", fp);
}

static int
parse_size(const char *s, const char *what, int *out)
{
	char *end;
	long n;

	if (!s)		/* getopt gives one; the analyzers cannot know */
		s = "";
	n = strtol(s, &end, 10);
	if (end == s || *end || n < 1 || n > 10000) {
		fprintf(stderr, "folio: %s \"%s\" is not a number from 1 to "
			"10000\n", what, shown(s));
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* Returns -1 to exit with status 64, 1 to exit 0 (help, version). */
static int
parse_args(int argc, char **argv, struct args *a)
{
	enum { O_TOC = 256, O_PAGE, O_ARTICLE, O_CHECK, O_WIDTH, O_HEIGHT,
	       O_PRINT, O_ASCII, O_NOCOLOR, O_BOOKMARKS, O_EXPORT, O_SEARCH,
	       O_DUMP, O_IMPORT, O_TITLE, O_DATE };
	static const struct option longopts[] = {
		{ "toc", no_argument, NULL, O_TOC },
		{ "page", required_argument, NULL, O_PAGE },
		{ "article", required_argument, NULL, O_ARTICLE },
		{ "check", no_argument, NULL, O_CHECK },
		{ "bookmarks", no_argument, NULL, O_BOOKMARKS },
		{ "search", required_argument, NULL, O_SEARCH },
		{ "import-text", required_argument, NULL, O_IMPORT },
		{ "title", required_argument, NULL, O_TITLE },
		{ "date", required_argument, NULL, O_DATE },
		{ "export", required_argument, NULL, O_EXPORT },
		{ "width", required_argument, NULL, O_WIDTH },
		{ "height", required_argument, NULL, O_HEIGHT },
		{ "print", no_argument, NULL, O_PRINT },
		{ "ascii", no_argument, NULL, O_ASCII },
		{ "no-color", no_argument, NULL, O_NOCOLOR },
		{ "dump-config", optional_argument, NULL, O_DUMP },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, nviews = 0;

	memset(a, 0, sizeof(*a));
	a->width = 80;
	a->height = 24;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case O_TOC:
			a->view = V_TOC;
			nviews++;
			break;
		case O_PAGE:
			a->view = V_PAGE;
			a->page = optarg;
			nviews++;
			break;
		case O_ARTICLE:
			a->view = V_ARTICLE;
			a->article = optarg;
			nviews++;
			break;
		case O_CHECK:
			a->view = V_CHECK;
			nviews++;
			break;
		case O_BOOKMARKS:
			a->view = V_BOOKMARKS;
			nviews++;
			break;
		case O_EXPORT:
			a->export = optarg;
			break;
		case O_SEARCH:
			a->view = V_SEARCH;
			a->query = optarg;
			nviews++;
			break;
		case O_IMPORT:
			a->import = optarg;
			break;
		case O_TITLE:
			a->title = optarg;
			break;
		case O_DATE:
			a->date = optarg;
			break;
		case O_WIDTH:
			if (parse_size(optarg, "width", &a->width))
				return -1;
			break;
		case O_HEIGHT:
			if (parse_size(optarg, "height", &a->height))
				return -1;
			break;
		case O_PRINT:
			a->print = true;
			break;
		case O_ASCII:
			a->ascii = true;
			break;
		case O_DUMP:
			/* --dump-config=man: the options for folio.ini(5) */
			if (optarg && strcmp(optarg, "man")) {
				fprintf(stderr, "folio: --dump-config takes no "
					"value but man\n");
				return -1;
			}
			a->dump_config = true;
			a->dump_man = optarg != NULL;
			break;
		case O_NOCOLOR:
			a->no_color = true;
			break;
		case 'c':
			a->config = optarg;
			break;
		case 'h':
			usage(stdout);
			return 1;
		case 'V':
			printf("folio %s\n%s, %s, libunibreak %d.%d, "
			       "iniparser, libhyphen, %s\n", PACKAGE_VERSION,
			       load_libxml_version(), reader_curses_version(),
			       text_unibreak_version() >> 8,
			       text_unibreak_version() & 0xff,
			       fetch_curl_version());
			return 1;
		case ':':
			fprintf(stderr, "folio: option %s needs a value\n",
				shown(argv[optind - 1]));
			return -1;
		default:
			fprintf(stderr, "folio: unknown option %s; try "
				"'folio --help'\n", shown(argv[optind - 1]));
			return -1;
		}
	}
	if (nviews > 1) {
		fputs("folio: give one of --toc, --page, --article, --search, "
		      "--check, --bookmarks\n", stderr);
		return -1;
	}
	if (a->import) {
		/* --page names the page the text becomes. */
		if (nviews > (a->view == V_PAGE)) {
			fputs("folio: --import-text prints an edition; it goes "
			      "with --page, --title and --date only\n",
			      stderr);
			return -1;
		}
		a->view = V_IMPORT;
	} else if (a->title || a->date) {
		fputs("folio: --title and --date go with --import-text\n",
		      stderr);
		return -1;
	}
	if (a->export && a->view != V_BOOKMARKS) {
		fputs("folio: --export goes with --bookmarks\n", stderr);
		return -1;
	}
	if (a->export && strcmp(a->export, "tsv") &&
	    strcmp(a->export, "markdown") && strcmp(a->export, "atom")) {
		fprintf(stderr, "folio: --export=%s: the formats are tsv, "
			"markdown and atom\n", shown(a->export));
		return -1;
	}
	if (optind < argc)
		a->edition = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "folio: one edition at a time (\"%s\" is one "
			"too many)\n", shown(argv[optind]));
		return -1;
	}
	return 0;
}

static int
load_settings(const struct args *a, struct settings *s)
{
	char *path = a->config ? xstrdup(a->config) : settings_default_path();
	const char *nc;
	struct diags d;
	int ret;

	diags_init(&d, path);
	ret = settings_load(s, path, a->config != NULL, &d);
	diags_print(&d, stderr);
	diags_release(&d);
	free(path);
	/* The command line goes over the file. */
	if (a->ascii)
		s->ascii = true;
	/* NO_COLOR turns "auto" off; "always" in the file wins over it,
	   --no-color over everything. */
	nc = getenv("NO_COLOR");
	if (a->no_color || (nc && *nc && s->color == COLOR_AUTO))
		s->color = COLOR_NEVER;
	/* ~/ in default_edition is the home folder. */
	if (s->default_edition && !strncmp(s->default_edition, "~/", 2) &&
	    getenv("HOME")) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "%s%s", getenv("HOME"), s->default_edition + 1);
		free(s->default_edition);
		s->default_edition = buf_detach(&b);
	}
	return ret == -2 ? EX_NOINPUT : ret < 0 ? EX_CONFIG : 0;
}

/* Print the bookmarks; no edition is needed. */
static int
print_bookmarks(const struct args *a)
{
	char *path = store_path(true, "bookmarks");
	struct bookmarks b;
	struct diags d;
	int r;

	diags_init(&d, path);
	r = bookmarks_open(&b, path, &d);
	diags_print(&d, stderr);
	if (r != 0) {
		/* Said above: the file, not standard output, failed. */
		bookmarks_release(&b);
		diags_release(&d);
		free(path);
		return EX_NOINPUT;
	}
	r = view_bookmarks(&b, a->export ? a->export : "lines", stdout);
	bookmarks_release(&b);
	diags_release(&d);
	free(path);
	if (r != 0 || fflush(stdout) != 0) {
		perror("folio: standard output");
		return EX_IOERR;
	}
	return 0;
}

/* --import-text: the text of a page as an edition, on stdout. */
static int
import_text(const struct args *a)
{
	struct text_import_opts o = { a->page, a->title, a->date, "en" };
	struct diags d;
	struct edition *ed;
	int status;

	diags_init(&d, a->import);
	ed = load_text_file(a->import, &o, &d, &status);
	diags_print(&d, stderr);
	diags_release(&d);
	if (!ed)
		return status;
	status = view_edition_xml(ed, stdout) != 0 || fflush(stdout) != 0 ?
		 EX_IOERR : 0;
	edition_free(ed);
	return status;
}

/* The reader's way to open a bookmark's edition. */
static struct edition *
load_for_reader(const char *origin, struct buf *err)
{
	struct diags d;
	struct edition *ed;
	int status;

	diags_init(&d, origin);
	ed = load_file(origin, NULL, &d, &status);
	if (!ed && d.n)
		buf_adds(err, d.v[d.n - 1].msg);
	diags_release(&d);
	return ed;
}

/*
 * A big edition is first read to its first page, which the reader shows
 * at once, while a thread reads the whole (the reader asks rest_poll
 * when idle).  Only folio's own format, from a file, stops early.
 */
#define FIRST_LOOK_BYTES ((off_t)2 << 20)

struct rest {
	pthread_t thread;
	const char *path;
	struct load_opts lo;
	struct diags d;
	struct edition *ed;
	int status;
	int done;		/* set by the thread, atomically */
	bool taken;
};

static void *
rest_main(void *arg)
{
	struct rest *r = arg;

	r->ed = load_file(r->path, &r->lo, &r->d, &r->status);
	__atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static struct edition *
rest_poll(void *arg, bool *failed, struct buf *err)
{
	struct rest *r = arg;
	size_t i;

	if (!__atomic_load_n(&r->done, __ATOMIC_ACQUIRE))
		return NULL;
	pthread_join(r->thread, NULL);
	r->taken = true;
	if (r->ed)
		return r->ed;
	*failed = true;
	for (i = 0; i < r->d.n; i++)
		if (r->d.v[i].level == DIAG_ERROR) {
			buf_addf(err, "%u: %s", r->d.v[i].line, r->d.v[i].msg);
			break;
		}
	return NULL;
}

/* Is this run worth a first look: the reader, opened on the first page
   (no --page, --article), of a big edition file? */
static bool
first_look(const struct args *a, const char *src)
{
	return a->view == V_READER && !a->page && !a->article && !a->print &&
	       isatty(STDOUT_FILENO) && !getenv("FOLIO_NO_FIRST_LOOK") &&
	       load_first_look_pays(src, FIRST_LOOK_BYTES);
}

/* Start reading the whole of path in a thread, signals left to this
   one; false when no thread could be made. */
static bool
rest_start(struct rest *r, const char *path, const struct load_opts *lo)
{
	sigset_t all, old;
	bool ok;

	memset(r, 0, sizeof(*r));
	r->path = path;
	r->lo = *lo;
	r->lo.max_pages = 0;
	diags_init(&r->d, path);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ok = pthread_create(&r->thread, NULL, rest_main, r) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!ok)
		diags_release(&r->d);
	return ok;
}

/* After the reader: the thread is joined when it is done; when it is
   not, the process is ending anyway and it goes with it. */
static void
rest_end(struct rest *r)
{
	if (!r->path)
		return;
	if (!r->taken && __atomic_load_n(&r->done, __ATOMIC_ACQUIRE)) {
		pthread_join(r->thread, NULL);
		edition_free(r->ed);
	}
	if (r->taken)
		diags_release(&r->d);
}

/* "1.5 MB": a size for the progress line. */
static void
human_size(double n, char *out, size_t size)
{
	if (n < 1000)
		snprintf(out, size, "%.0f B", n);
	else if (n < 1e6)
		snprintf(out, size, "%.1f kB", n / 1e3);
	else
		snprintf(out, size, "%.1f MB", n / 1e6);
}

/*
 * The progress line on the terminal while an edition is fetched: bytes,
 * rate and time left, rewritten in place at most a few times a second.
 */
static int
show_progress(void *arg, const struct fetch_progress *p)
{
	static double last = -1;
	const char *url = arg;
	char got[16], total[16], rate[16], line[160];
	double r = p->seconds > 0 ? (double)p->got / p->seconds : 0;

	if (p->seconds - last < 0.2 && p->got != p->total)
		return 0;
	last = p->seconds;
	human_size((double)p->got, got, sizeof(got));
	human_size(r, rate, sizeof(rate));
	if (p->total && r > 0) {
		human_size((double)p->total, total, sizeof(total));
		snprintf(line, sizeof(line), "fetching %.60s: %s of %s, %s/s, "
			 "%.0f s left", url, got, total, rate,
			 (double)(p->total - p->got) / r);
	} else {
		snprintf(line, sizeof(line), "fetching %.60s: %s, %s/s", url,
			 got, rate);
	}
	fprintf(stderr, "\r%-79.79s", line);
	fflush(stderr);
	return 0;
}

/* An edition over http(s); a progress line when a person is watching. */
static struct edition *
fetch_edition(const char *url, const struct args *a,
	      const struct load_opts *lo, char **note, struct diags *d,
	      int *status)
{
	struct fetch_opts fo;
	struct edition *ed;
	bool watch = isatty(STDERR_FILENO) && isatty(STDOUT_FILENO) &&
		     !a->print && a->view != V_CHECK;

	memset(&fo, 0, sizeof(fo));
	if (watch) {
		fo.progress = show_progress;
		fo.arg = (void *)shown(url);
	}
	ed = load_url(url, lo, &fo, note, d, status);
	if (watch)
		fprintf(stderr, "\r%79s\r", "");
	return ed;
}

int
main(int argc, char **argv)
{
	struct args a;
	struct settings set;
	struct diags d;
	struct load_opts lo = { false };
	struct layout_opts o;
	struct edition *ed = NULL;
	const char *src;
	char *origin = NULL, *note = NULL;
	struct rest rest = { 0 };
	int status = 0, r;
	bool tty;

	text_init();
	r = parse_args(argc, argv, &a);
	if (r)
		return r < 0 ? EX_USAGE : 0;
	settings_init(&set);
	if ((r = load_settings(&a, &set)) != 0) {
		settings_release(&set);
		return r;
	}
	if (a.dump_config) {
		r = (a.dump_man ? settings_man(stdout) :
		     settings_dump(&set, stdout)) != 0 ||
		    fflush(stdout) != 0 ? EX_IOERR : 0;
		settings_release(&set);
		return r;
	}
	if (a.view == V_IMPORT) {
		settings_release(&set);
		return import_text(&a);
	}
	if (a.view == V_BOOKMARKS && (!isatty(STDOUT_FILENO) || a.print ||
				      a.export)) {
		settings_release(&set);
		return print_bookmarks(&a);
	}
	src = a.edition ? a.edition : set.default_edition;
	lo.validate = a.view == V_CHECK;
	diags_init(&d, src ? (strcmp(src, "-") ? src : "<stdin>")
			   : "sample edition");
	if (src && fetch_is_url(src)) {
		ed = fetch_edition(src, &a, &lo, &note, &d, &status);
	} else if (src && first_look(&a, src)) {
		/* A first look, then the whole in a thread. */
		struct load_opts one = lo;

		one.max_pages = 1;
		ed = load_file(src, &one, &d, &status);
		if (ed && (ed->npages < 1 || !rest_start(&rest, src, &lo))) {
			edition_free(ed);
			ed = NULL;
		}
		if (!ed) {
			diags_release(&d);
			diags_init(&d, src);
			ed = load_file(src, &lo, &d, &status);
		}
	} else if (src) {
		ed = load_file(src, &lo, &d, &status);
	}
	else
		ed = load_memory(folio_sample_xml, folio_sample_xml_len, &lo,
				 &d, &status);
	tty = isatty(STDOUT_FILENO) && !a.print;

	memset(&o, 0, sizeof(o));
	o.width = a.width;
	o.height = a.height;
	o.ascii = set.ascii;
	o.hyphenate = set.hyphenate;
	o.measure = set.column_width;
	o.gutter = set.gutter;
	o.min_columns = set.min_columns;
	o.max_columns = set.max_columns;
	o.justify = set.justify;

	/* An older copy standing in for a failed fetch is never silent. */
	if (note && (a.view == V_CHECK || !tty))
		fprintf(stderr, "folio: %s: %s\n", shown(d.file), shown(note));
	if (a.view == V_CHECK) {
		diags_print(&d, stdout);
		goto out;
	}
	/* Elsewhere only errors are worth the reader's attention on load;
	   warnings are for --check. */
	if (!ed) {
		diags_print(&d, stderr);
		goto out;
	}
	if (a.view == V_READER && a.print) {
		fputs("folio: --print goes with --toc, --page, --article, "
		      "--search or --bookmarks\n", stderr);
		status = EX_USAGE;
		goto out;
	}
	if (a.view == V_READER || tty) {
		struct reader_start st;

		memset(&st, 0, sizeof(st));
		if (!isatty(STDOUT_FILENO)) {
			fputs("folio: the reader needs a terminal; use --toc, "
			      "--page, --article, --search or --check\n",
			      stderr);
			status = EX_USAGE;
			goto out;
		}
		st.page = a.page ? edition_find_page(ed, a.page) : NONE;
		st.article = a.article ?
			     edition_article_by_id(ed, a.article) : NONE;
		if ((a.page && st.page == NONE) ||
		    (a.article && st.article == NONE)) {
			fprintf(stderr, "folio: %s: no %s \"%s\" in this "
				"edition\n", shown(d.file), a.page ? "page" :
				"article", shown(a.page ? a.page : a.article));
			status = EX_USAGE;
			goto out;
		}
		st.opts = o;
		st.source = d.file;
		st.contents = a.view == V_TOC;
		st.bookmarks = a.view == V_BOOKMARKS;
		st.restore = a.view == V_READER && !a.page && !a.article;
		st.load = load_for_reader;
		/* Bookmarks record where the edition was, whatever the
		   working folder is next time. */
		origin = !src || !strcmp(src, "-") ? NULL :
			 fetch_is_url(src) ? xstrdup(src) :
			 realpath(src, NULL);
		st.origin = origin ? origin : "";
		st.settings = &set;
		st.no_color = set.color == COLOR_NEVER;
		st.keys = &set.keys;
		st.article_width = set.article_width;
		st.escdelay = set.escdelay;
		st.note = note;
		if (rest.path) {
			st.rest = rest_poll;
			st.rest_arg = &rest;
		}
		r = reader_run(ed, &st);
		status = r < 0 ? EX_SOFTWARE : r;
		goto out;
	}
	switch (a.view) {
	case V_TOC:
		r = view_toc(ed, stdout);
		break;
	case V_ARTICLE: {
		size_t ai = edition_article_by_id(ed, a.article);

		if (ai == NONE) {
			fprintf(stderr, "folio: %s: no article \"%s\" in this "
				"edition\n", shown(d.file), shown(a.article));
			status = EX_USAGE;
			goto out;
		}
		/* The measure the reader sets an article at. */
		if (o.width > set.article_width)
			o.width = set.article_width;
		r = view_article(ed, ai, &o, stdout);
		break;
	}
	case V_SEARCH: {
		long n = view_search(ed, a.query, stdout);

		if (n < 0 && !ferror(stdout)) {
			status = EX_USAGE;
			goto out;
		}
		r = n < 0 ? -1 : 0;
		if (n == 0)
			status = 1;	/* nothing matches, as grep says */
		break;
	}
	case V_PAGE: {
		size_t pi = edition_find_page(ed, a.page);

		if (pi == NONE) {
			fprintf(stderr, "folio: %s: no page \"%s\" in this "
				"edition\n", shown(d.file), shown(a.page));
			status = EX_USAGE;
			goto out;
		}
		r = view_page(ed, pi, &o, stdout);
		if (r > 0) {
			fprintf(stderr, "folio: %dx%d is too small to lay out "
				"a page (at least %dx%d)\n", o.width,
				o.height, LAYOUT_MIN_W, LAYOUT_MIN_H);
			status = EX_USAGE;
			r = 0;
		}
		break;
	}
	default:
		r = 0;
		break;
	}
	if (r < 0 || fflush(stdout) != 0) {
		perror("folio: standard output");
		status = EX_IOERR;
	}
out:
	rest_end(&rest);
	free(origin);
	free(note);
	if (fflush(stdout) != 0 && !status)
		status = EX_IOERR;
	edition_free(ed);
	diags_release(&d);
	settings_release(&set);
	return status;
}
