/*
 * Unit tests of fetch (fetch.h): editions over http(s), cached.  The
 * server is tests/httpd.py, started here on 127.0.0.1 (ports the system
 * picks) and stopped at the end; it exits by itself when this program
 * does, however it ends.  Each test has its own $XDG_CACHE_HOME under
 * /tmp, removed afterwards.  Proxy variables from the environment are
 * cleared first, so that 127.0.0.1 is asked directly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <sysexits.h>
#include <unistd.h>

#include "diag.h"
#include "fetch.h"
#include "util.h"

/* A running tests/httpd.py. */
struct server {
	pid_t pid;
	int in;			/* its standard input: closing it stops it */
	int port, tls_port;
};

/* One fetch_url() call and what it gave; url and everything else owned. */
struct call {
	char *url;
	struct fetch_result r;
	struct diags d;
	int status;
	int ret;
};

static struct server srv;
static struct buf sample;	/* src/sample.xml, what /ok serves */
static char *cache_home;	/* this test's $XDG_CACHE_HOME */

/* ---- helpers ---- */

static char *
strf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

static bool
slurp(const char *path, struct buf *out)
{
	FILE *fp = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	buf_reset(out);
	buf_add(out, "", 0);
	if (!fp)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(out, chunk, n);
	fclose(fp);
	return true;
}

static int
server_start(struct server *s)
{
	const char *srcdir = getenv("srcdir");
	char *script = strf("%s/tests/httpd.py", srcdir ? srcdir : ".");
	int in[2], out[2];
	char line[64];
	FILE *fp;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
		return -1;
	s->pid = fork();
	if (s->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		execlp("python3", "python3", script, (char *)NULL);
		_exit(127);
	}
	free(script);
	close(in[0]);
	close(out[1]);
	s->in = in[1];
	fp = fdopen(out[0], "r");
	if (s->pid < 0 || !fp || !fgets(line, sizeof(line), fp) ||
	    sscanf(line, "%d %d", &s->port, &s->tls_port) != 2) {
		if (fp)
			fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

static void
server_stop(struct server *s)
{
	close(s->in);
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
}

/* A port on 127.0.0.1 that nobody listens on (just closed). */
static int
free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static void
fetch_at(struct call *c, const char *url, const struct fetch_opts *o)
{
	c->url = xstrdup(url);
	diags_init(&c->d, url);
	c->status = -1;
	c->ret = fetch_url(url, o, &c->r, &c->d, &c->status);
	if (c->ret == 0) {
		assert_int_equal(c->status, 0);
		assert_int_equal(c->d.nerrors, 0);
		assert_non_null(c->r.body.s);
		assert_non_null(c->r.effective_url);
	} else {
		assert_int_equal(c->ret, -1);
		assert_int_equal(c->d.nerrors, 1);
		assert_int_not_equal(c->status, 0);
	}
}

/* fetch_at() of path on the test server. */
static void
fetch(struct call *c, const char *path, const struct fetch_opts *o)
{
	char *url = strf("http://127.0.0.1:%d%s", srv.port, path);

	fetch_at(c, url, o);
	free(url);
}

static void
call_release(struct call *c)
{
	fetch_result_release(&c->r);
	diags_release(&c->d);
	free(c->url);
	memset(c, 0, sizeof(*c));
}

static const char *
error_of(const struct call *c)
{
	return c->d.n ? c->d.v[0].msg : "";
}

/* What the server counted for route: "200=1 304=0 ...". */
static char *
stats(const char *route)
{
	struct call c;
	char *path = strf("/stats%s", route), *s;

	fetch(&c, path, NULL);
	assert_int_equal(c.ret, 0);
	s = xstrndup(c.r.body.s, strcspn(c.r.body.s, "\n"));
	call_release(&c);
	free(path);
	return s;
}

static void
assert_stats(const char *route, const char *want)
{
	char *s = stats(route);

	assert_string_equal(s, want);
	free(s);
}

static void
assert_sample(const struct fetch_result *r)
{
	assert_int_equal(r->body.len, sample.len);
	assert_memory_equal(r->body.s, sample.s, sample.len);
}

static void
assert_prefix(const char *s, const char *prefix)
{
	if (!s || strncmp(s, prefix, strlen(prefix)))
		fail_msg("\"%s\" does not begin \"%s\"", s ? s : "(null)",
			 prefix);
}

static void
assert_contains(const char *s, const char *part)
{
	if (!s || !strstr(s, part))
		fail_msg("\"%s\" lacks \"%s\"", s ? s : "(null)", part);
}

/* The cached body of url, or false when there is none. */
static bool
cached_body(const char *url, struct buf *out)
{
	char *p = fetch_cache_path(url, ".body");
	bool ok = slurp(p, out);

	free(p);
	return ok;
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
setup(void **state)
{
	char tmpl[] = "/tmp/folio-fetch-XXXXXX";

	if (!mkdtemp(tmpl))
		return -1;
	cache_home = xstrdup(tmpl);
	setenv("XDG_CACHE_HOME", cache_home, 1);
	return 0;
}

static int
teardown(void **state)
{
	nftw(cache_home, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(cache_home);
	cache_home = NULL;
	return 0;
}

/* ---- the tests ---- */

static void
test_is_url(void **state)
{
	assert_true(fetch_is_url("http://example.com/today.xml"));
	assert_true(fetch_is_url("https://example.com/"));
	assert_true(fetch_is_url("HTTPS://example.com/"));
	assert_true(fetch_is_url("HtTp://x"));
	assert_false(fetch_is_url("ftp://example.com/"));
	assert_false(fetch_is_url("http:/x"));
	assert_false(fetch_is_url("file:///tmp/x.xml"));
	assert_false(fetch_is_url("today.xml"));
	assert_false(fetch_is_url("-"));
	assert_false(fetch_is_url(""));
	assert_false(fetch_is_url(NULL));
	assert_prefix(fetch_curl_version(), "libcurl ");
}

/* 200 with validators, cached; then a conditional GET and 304. */
static void
test_ok_then_not_modified(void **state)
{
	struct call c;
	struct buf b = BUF_INIT;
	char *meta;

	fetch(&c, "/var/ok", NULL);
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	assert_false(c.r.from_cache);
	assert_null(c.r.note);
	assert_string_equal(c.r.content_type, "application/xml");
	assert_string_equal(c.r.charset, "UTF-8");
	assert_string_equal(c.r.effective_url, c.url);
	assert_int_equal(c.d.n, 0);
	assert_true(cached_body(c.url, &b));
	assert_int_equal(b.len, sample.len);
	assert_memory_equal(b.s, sample.s, sample.len);
	meta = fetch_cache_path(c.url, ".meta");
	assert_true(slurp(meta, &b));
	assert_prefix(b.s, "# folio cache 1\n");
	assert_contains(b.s, "\netag\t\"folio-sample-1\"\n");
	assert_contains(b.s, "\nlast-modified\t"
			"Sat, 28 Nov 2026 14:02:00 GMT\n");
	assert_contains(b.s, "\ncharset\tUTF-8\n");
	free(meta);
	call_release(&c);

	fetch(&c, "/var/ok", NULL);
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	assert_true(c.r.from_cache);
	assert_null(c.r.note);
	assert_string_equal(c.r.content_type, "application/xml");
	assert_string_equal(c.r.charset, "UTF-8");
	call_release(&c);
	assert_stats("/var/ok", "200=1 304=1 conditional=1 proxied=0");
	buf_release(&b);
}

/* A new body replaces the cached one; its new ETag is sent next time. */
static void
test_changed(void **state)
{
	struct call c;
	struct buf b = BUF_INIT;

	fetch(&c, "/var/chg", NULL);
	assert_int_equal(c.ret, 0);
	call_release(&c);
	fetch(&c, "/mode/chg/new", NULL);
	call_release(&c);
	fetch(&c, "/var/chg", NULL);
	assert_int_equal(c.ret, 0);
	assert_false(c.r.from_cache);
	assert_string_equal(c.r.body.s, "<edition>changed</edition>\n");
	assert_true(cached_body(c.url, &b));
	assert_string_equal(b.s, "<edition>changed</edition>\n");
	call_release(&c);
	fetch(&c, "/var/chg", NULL);
	assert_int_equal(c.ret, 0);
	assert_true(c.r.from_cache);
	assert_string_equal(c.r.body.s, "<edition>changed</edition>\n");
	call_release(&c);
	assert_stats("/var/chg", "200=2 304=1 conditional=2 proxied=0");
	buf_release(&b);
}

static void
test_offline(void **state)
{
	struct fetch_opts o = { .offline = true };
	struct call c;

	fetch(&c, "/var/off", &o);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_string_equal(error_of(&c),
			    "cannot fetch: offline, and no copy is cached");
	call_release(&c);
	fetch(&c, "/var/off", NULL);
	assert_int_equal(c.ret, 0);
	call_release(&c);
	fetch(&c, "/var/off", &o);
	assert_int_equal(c.ret, 0);
	assert_true(c.r.from_cache);
	assert_sample(&c.r);
	assert_prefix(c.r.note, "offline: showing the copy fetched ");
	/* "YYYY-MM-DD HH:MM" */
	assert_int_equal(strlen(c.r.note),
			 strlen("offline: showing the copy fetched ") + 16);
	call_release(&c);
	assert_stats("/var/off", "200=1 304=0 conditional=0 proxied=0");
}

static void
test_redirects(void **state)
{
	struct call c;
	char *ok;

	fetch(&c, "/redirect", NULL);
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	ok = strf("http://127.0.0.1:%d/ok", srv.port);
	assert_string_equal(c.r.effective_url, ok);
	call_release(&c);

	fetch(&c, "/redirect/5", NULL);		/* 5 are followed */
	assert_int_equal(c.ret, 0);
	assert_string_equal(c.r.effective_url, ok);
	call_release(&c);

	fetch(&c, "/redirect/6", NULL);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_prefix(error_of(&c), "cannot fetch: more than 5 redirects");
	call_release(&c);

	fetch(&c, "/loop", NULL);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_string_equal(error_of(&c),
			    "cannot fetch: more than 5 redirects");
	call_release(&c);

	fetch(&c, "/to-file", NULL);		/* http(s) only */
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_string_equal(error_of(&c), "cannot fetch: redirected to a URL "
			    "neither http nor https (at file:///etc/passwd)");
	call_release(&c);
	free(ok);
}

static void
test_compressed(void **state)
{
	struct call c;

	fetch(&c, "/gzip", NULL);
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	call_release(&c);
	fetch(&c, "/deflate", NULL);
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	call_release(&c);
	fetch(&c, "/headers", NULL);
	assert_int_equal(c.ret, 0);
	assert_contains(c.r.body.s, "User-Agent: folio/" PACKAGE_VERSION);
	assert_contains(c.r.body.s, "Accept-Encoding: ");
	assert_contains(c.r.body.s, "gzip");
	assert_contains(c.r.body.s, "deflate");
	call_release(&c);
}

struct seen {
	struct fetch_progress v[256];
	size_t n;
	size_t cancel_after;	/* bytes; 0: never */
};

static int
record(void *arg, const struct fetch_progress *p)
{
	struct seen *s = arg;

	if (s->n < ARRAY_SIZE(s->v))
		s->v[s->n++] = *p;
	return s->cancel_after && p->got >= s->cancel_after;
}

static void
test_slow_progress(void **state)
{
	struct seen *s = xcalloc(1, sizeof(*s));
	struct fetch_opts o = { .progress = record, .arg = s };
	struct call c;
	size_t i, moves = 0;

	fetch(&c, "/slow", &o);
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	assert_true(s->n >= 4);
	for (i = 1; i < s->n; i++) {
		assert_true(s->v[i].got >= s->v[i - 1].got);
		assert_true(s->v[i].seconds >= s->v[i - 1].seconds);
		if (s->v[i].got > s->v[i - 1].got) {
			moves++;
			assert_int_equal(s->v[i].total, sample.len);
		}
	}
	assert_true(moves >= 4);	/* 8 pieces, 0.15 s apart */
	assert_int_equal(s->v[s->n - 1].got, sample.len);
	assert_true(s->v[s->n - 1].seconds > 0.5);
	call_release(&c);

	/* nonzero from the callback cancels: the cached copy, or none */
	memset(s, 0, sizeof(*s));
	s->cancel_after = 1;
	fetch(&c, "/slow", &o);
	assert_int_equal(c.ret, 0);
	assert_true(c.r.from_cache);
	assert_sample(&c.r);
	assert_prefix(c.r.note, "cancelled: showing the copy fetched ");
	assert_true(s->v[s->n - 1].got < sample.len);
	call_release(&c);
	memset(s, 0, sizeof(*s));
	s->cancel_after = 1;
	fetch(&c, "/slow?again", &o);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_string_equal(error_of(&c), "cannot fetch: cancelled");
	assert_true(s->v[s->n - 1].got < sample.len);
	call_release(&c);
	free(s);
}

static void
test_truncated(void **state)
{
	struct call c;
	struct buf b = BUF_INIT;
	char *want = strf("cannot fetch: the transfer was cut short after "
			  "%zu bytes", sample.len / 2);

	fetch(&c, "/truncated", NULL);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_string_equal(error_of(&c), want);
	assert_false(cached_body(c.url, &b));
	call_release(&c);
	buf_release(&b);
	free(want);
}

/* A failed fetch falls back to the cached copy, never replacing it. */
static void
test_fallbacks(void **state)
{
	static const struct {
		const char *mode, *note;
	} fails[] = {
		{ "truncated", "the transfer was cut short after 1350 bytes" },
		{ "404", "HTTP 404" },
		{ "500", "HTTP 500" },
		{ "close", "the server closed the connection without an "
			   "answer" },
	};
	struct call c;
	struct buf b = BUF_INIT;
	size_t i;
	char *mode, *note;

	fetch(&c, "/var/fb", NULL);
	assert_int_equal(c.ret, 0);
	call_release(&c);
	for (i = 0; i < ARRAY_SIZE(fails); i++) {
		mode = strf("/mode/fb/%s", fails[i].mode);
		fetch(&c, mode, NULL);
		call_release(&c);
		fetch(&c, "/var/fb", NULL);
		assert_int_equal(c.ret, 0);
		assert_true(c.r.from_cache);
		assert_sample(&c.r);
		note = strf("%s: showing the copy fetched ", fails[i].note);
		assert_prefix(c.r.note, note);
		assert_true(cached_body(c.url, &b));
		assert_int_equal(b.len, sample.len);
		assert_memory_equal(b.s, sample.s, sample.len);
		call_release(&c);
		free(note);
		free(mode);
	}
	buf_release(&b);
}

/* The server gone: its cached copy opens; with none, "refused". */
static void
test_refused(void **state)
{
	struct server gone;
	struct call c;
	char *url, *want;

	assert_int_equal(server_start(&gone), 0);
	url = strf("http://127.0.0.1:%d/ok", gone.port);
	fetch_at(&c, url, NULL);
	assert_int_equal(c.ret, 0);
	call_release(&c);
	server_stop(&gone);

	fetch_at(&c, url, NULL);
	assert_int_equal(c.ret, 0);
	assert_true(c.r.from_cache);
	assert_sample(&c.r);
	assert_prefix(c.r.note, "connection refused: showing the copy "
		      "fetched ");
	call_release(&c);
	free(url);

	url = strf("http://127.0.0.1:%d/ok", free_port());
	fetch_at(&c, url, NULL);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_string_equal(error_of(&c), "cannot fetch: connection refused");
	call_release(&c);

	/* a diags about another name: the URL is in the message */
	diags_init(&c.d, "edition");
	assert_int_equal(fetch_url(url, NULL, &c.r, &c.d, &c.status), -1);
	want = strf("cannot fetch %s: connection refused", url);
	assert_string_equal(error_of(&c), want);
	fetch_result_release(&c.r);
	diags_release(&c.d);
	free(want);
	free(url);
}

static void
test_too_large(void **state)
{
	struct fetch_opts o = { .max_bytes = 1000 };
	struct call c;
	struct buf b = BUF_INIT;

	fetch(&c, "/big?n=1000", &o);		/* the cap itself is fine */
	assert_int_equal(c.ret, 0);
	assert_int_equal(c.r.body.len, 1000);
	call_release(&c);

	fetch(&c, "/big?n=1001", &o);		/* Content-Length says so */
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_DATAERR);
	assert_string_equal(error_of(&c),
			    "cannot fetch: larger than 1000 bytes");
	assert_false(cached_body(c.url, &b));
	call_release(&c);

	fetch(&c, "/chunked?n=5000", &o);	/* counted as it comes */
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_DATAERR);
	assert_string_equal(error_of(&c),
			    "cannot fetch: larger than 1000 bytes");
	call_release(&c);

	o.max_bytes = 64 * 1024;		/* decoded bytes count */
	fetch(&c, "/bomb?n=1048576", &o);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_DATAERR);
	assert_string_equal(error_of(&c), "cannot fetch: larger than 64 KiB");
	call_release(&c);

	fetch(&c, "/big?n=67108865", NULL);	/* the default: 64 MiB */
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_DATAERR);
	assert_string_equal(error_of(&c), "cannot fetch: larger than 64 MiB");
	call_release(&c);
	buf_release(&b);
}

static void
test_http_errors(void **state)
{
	struct call c;

	fetch(&c, "/404", NULL);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_string_equal(error_of(&c), "cannot fetch: HTTP 404");
	call_release(&c);
	fetch(&c, "/500", NULL);
	assert_int_equal(c.ret, -1);
	assert_string_equal(error_of(&c), "cannot fetch: HTTP 500");
	call_release(&c);
}

static void
test_tls_verified(void **state)
{
	struct call c;
	char *url = strf("https://127.0.0.1:%d/ok", srv.tls_port);

	fetch_at(&c, url, NULL);
	assert_int_equal(c.ret, -1);
	assert_int_equal(c.status, EX_UNAVAILABLE);
	assert_prefix(error_of(&c), "cannot fetch: TLS: ");
	call_release(&c);
	free(url);
}

static void
test_proxy_from_environment(void **state)
{
	struct call c;
	char *proxy = strf("http://127.0.0.1:%d", srv.port);

	setenv("http_proxy", proxy, 1);
	fetch_at(&c, "http://folio.invalid/var/px", NULL);
	unsetenv("http_proxy");
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	call_release(&c);
	assert_stats("/var/px", "200=1 304=0 conditional=0 proxied=1");
	free(proxy);
}

/* A body that does not match its meta is not used, nor trusted. */
static void
test_damaged_cache(void **state)
{
	struct call c;
	struct buf b = BUF_INIT;
	char *body, *meta;
	FILE *fp;

	fetch(&c, "/var/dmg", NULL);
	assert_int_equal(c.ret, 0);
	body = fetch_cache_path(c.url, ".body");
	meta = fetch_cache_path(c.url, ".meta");
	call_release(&c);

	fp = fopen(body, "r+");			/* same size, one byte off */
	assert_non_null(fp);
	fputc('#', fp);
	fclose(fp);
	fetch(&c, "/var/dmg", NULL);		/* not conditional */
	assert_int_equal(c.ret, 0);
	assert_false(c.r.from_cache);
	assert_sample(&c.r);
	call_release(&c);
	assert_true(slurp(body, &b));		/* and mended */
	assert_memory_equal(b.s, sample.s, sample.len);

	fp = fopen(meta, "w");			/* another URL's meta */
	assert_non_null(fp);
	fprintf(fp, "# folio cache 1\nurl\thttp://elsewhere/\n"
		"size\t%zu\nhash\t0\n", sample.len);
	fclose(fp);
	fetch(&c, "/var/dmg", NULL);
	assert_int_equal(c.ret, 0);
	assert_false(c.r.from_cache);
	call_release(&c);
	assert_stats("/var/dmg", "200=3 304=0 conditional=0 proxied=0");

	fetch(&c, "/var/dmg", NULL);		/* whole again: 304 */
	assert_true(c.r.from_cache);
	call_release(&c);
	buf_release(&b);
	free(body);
	free(meta);
}

static void
test_content_type(void **state)
{
	struct call c;

	fetch(&c, "/latin1", NULL);
	assert_int_equal(c.ret, 0);
	assert_string_equal(c.r.content_type, "text/xml");
	assert_string_equal(c.r.charset, "ISO-8859-1");
	call_release(&c);
}

/* Without $XDG_CACHE_HOME: ~/.cache/folio; a cache that cannot be
   written is a warning, and the fetch still succeeds. */
static void
test_cache_place(void **state)
{
	struct call c;
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *p, *want, *file;
	FILE *fp;

	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", cache_home, 1);
	p = fetch_cache_path("http://example.com/", ".body");
	want = strf("%s/.cache/folio/", cache_home);
	assert_prefix(p, want);
	assert_int_equal(strlen(p), strlen(want) + 16 + strlen(".body"));
	free(p);
	free(want);
	if (home)
		setenv("HOME", home, 1);
	free(home);

	file = strf("%s/file", cache_home);	/* a file, not a folder */
	fp = fopen(file, "w");
	assert_non_null(fp);
	fclose(fp);
	setenv("XDG_CACHE_HOME", file, 1);
	fetch(&c, "/ok", NULL);
	assert_int_equal(c.ret, 0);
	assert_sample(&c.r);
	assert_int_equal(c.d.nwarnings, 1);
	assert_prefix(c.d.v[0].msg, "cannot keep a copy in the cache: ");
	call_release(&c);
	free(file);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_is_url),
		T(test_ok_then_not_modified),
		T(test_changed),
		T(test_offline),
		T(test_redirects),
		T(test_compressed),
		T(test_slow_progress),
		T(test_truncated),
		T(test_fallbacks),
		T(test_refused),
		T(test_too_large),
		T(test_http_errors),
		T(test_tls_verified),
		T(test_proxy_from_environment),
		T(test_damaged_cache),
		T(test_content_type),
		T(test_cache_place),
	};
	static const char *const proxies[] = {
		"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy",
		"ALL_PROXY", "no_proxy", "NO_PROXY",
	};
	char *path;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(proxies); i++)
		unsetenv(proxies[i]);
	signal(SIGPIPE, SIG_IGN);
	if (server_start(&srv) != 0) {
		fprintf(stderr, "test_fetch: cannot start tests/httpd.py "
			"(python3, $srcdir)\n");
		return 99;
	}
	path = strf("%s/src/sample.xml", getenv("srcdir") ? getenv("srcdir")
		    : ".");
	if (!slurp(path, &sample)) {
		fprintf(stderr, "test_fetch: cannot read %s\n", path);
		server_stop(&srv);
		return 99;
	}
	free(path);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	server_stop(&srv);
	buf_release(&sample);
	return ret;
}
