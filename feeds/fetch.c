/*
 * fetch: editions over http(s) with libcurl, cached beside their ETag and
 * Last-Modified so that the next fetch is a conditional GET.  See fetch.h.
 *
 * One fetch is one easy handle: no connection is kept between fetches
 * (folio fetches one edition at a start).  The body is gathered in memory,
 * as the loaders want it, and counted as it arrives so that the cap holds
 * for the decoded bytes, not only for what Content-Length announced.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <dlfcn.h>

/* Calls go through the table below, not the macros that check types. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include "fetch.h"
#include "files.h"

/*
 * libcurl is opened when the first URL is fetched, not when folio
 * starts: it and the 30-odd libraries it needs (TLS, HTTP/2, IDN,
 * LDAP...) would cost every start of the reader some 60% of its
 * dynamic linking for a file that never needs them.
 */
static struct {
	void *dl;
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	void (*free)(void *);
	curl_version_info_data *(*version_info)(CURLversion);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
	CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
} lib;

/* Open libcurl and find its functions; 0, or -1 when it is not there. */
static int
curl_load(void)
{
	static const char *const names[] = {
		"curl_global_init", "curl_easy_init", "curl_easy_setopt",
		"curl_easy_perform", "curl_easy_getinfo", "curl_easy_cleanup",
		"curl_easy_strerror", "curl_slist_append",
		"curl_slist_free_all", "curl_free", "curl_version_info",
		"curl_url", "curl_url_cleanup", "curl_url_set", "curl_url_get",
	};
	void **slot = (void **)&lib.global_init;
	size_t i;

	if (lib.dl)
		return 0;
	lib.dl = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!lib.dl)
		return -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		*(void **)&slot[i] = dlsym(lib.dl, names[i]);
		if (!slot[i]) {
			dlclose(lib.dl);
			lib.dl = NULL;
			return -1;
		}
	}
	return 0;
}

#define curl_global_init (*lib.global_init)
#define curl_easy_init (*lib.easy_init)
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_setopt (*lib.easy_setopt)
#define curl_easy_perform (*lib.easy_perform)
#define curl_easy_getinfo (*lib.easy_getinfo)
#define curl_easy_cleanup (*lib.easy_cleanup)
#define curl_easy_strerror (*lib.easy_strerror)
#define curl_slist_append (*lib.slist_append)
#define curl_slist_free_all (*lib.slist_free_all)
#define curl_free (*lib.free)
#define curl_version_info (*lib.version_info)
#define curl_url (*lib.url)
#define curl_url_cleanup (*lib.url_cleanup)
#define curl_url_set (*lib.url_set)
#define curl_url_get (*lib.url_get)

#define META_HEADER "# folio cache 1\n"
#define META_MAX ((size_t)64 << 10)	/* a longer .meta is not ours */
#define HEADER_MAX 1024		/* a longer validator is not kept */
#define LOW_SPEED_LIMIT 1L	/* bytes/s, below which ... */
#define LOW_SPEED_TIME 60L	/* ... for this many seconds, we give up */

/* What HASH.meta says about HASH.body; every string owned. */
struct meta {
	char *url;
	char *effective_url;
	char *etag;
	char *last_modified;
	char *content_type;
	char *charset;
	long long fetched;	/* time_t of the last 200 or 304 */
	unsigned long long size;	/* of the body */
	unsigned long long hash;	/* FNV-1a 64 of the body */
};

/* One transfer, as the callbacks see it. */
struct xfer {
	CURL *curl;
	const struct fetch_opts *o;
	struct buf body;
	size_t max;
	bool too_large;		/* the cap was passed: aborted */
	bool cancelled;		/* the progress callback said stop */
	bool http_error;	/* a body came with a status not 2xx */
	char *etag;		/* validators of the last response; owned */
	char *last_modified;
	struct timespec start;
	curl_off_t last_now;	/* dlnow at the last progress call */
	double last_call;	/* and when it was made */
};

static bool curl_ready;

/* ---- small helpers ---- */

static unsigned long long
fnv1a(const char *s, size_t n)
{
	unsigned long long h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A header value or meta field we keep: printable, no tab, not huge. */
static bool
clean_value(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > HEADER_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* "64 MiB", "512 KiB", "1000 bytes". */
static void
add_size(struct buf *b, size_t n)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		buf_addf(b, "%zu MiB", n >> 20);
	else if (n >= 1024 && n % 1024 == 0)
		buf_addf(b, "%zu KiB", n >> 10);
	else
		buf_addf(b, "%zu bytes", n);
}

/* ---- the cache files ---- */

static char *
cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;

	if (xdg && *xdg == '/')
		buf_addf(&b, "%s/folio", xdg);
	else
		buf_addf(&b, "%s/.cache/folio", home && *home ? home : ".");
	return buf_detach(&b);
}

char *
fetch_cache_path(const char *url, const char *suffix)
{
	char *dir = cache_dir();
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s/%016llx%s", dir, fnv1a(url, strlen(url)), suffix);
	free(dir);
	return buf_detach(&b);
}

/*
 * Read at most max bytes of path into out (NUL-terminated).  0; 1 when
 * the file is longer than max; -1 with errno when it cannot be read.
 */
static int
read_file(const char *path, size_t max, struct buf *out)
{
	/* Never through a symlink, never a FIFO (it would block). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | FILES_OPEN_FLAGS), r;
	struct stat st;

	buf_reset(out);
	buf_add(out, "", 0);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	r = files_read_all(fd, max, out);
	close(fd);
	return r;
}

static void
meta_release(struct meta *m)
{
	free(m->url);
	free(m->effective_url);
	free(m->etag);
	free(m->last_modified);
	free(m->content_type);
	free(m->charset);
	memset(m, 0, sizeof(*m));
}

/* Keep value in *field when it is clean (replacing what was there). */
static void
set_field(char **field, const char *value, size_t n)
{
	if (!clean_value(value, n))
		return;
	free(*field);
	*field = xstrndup(value, n);
}

/*
 * Read the .meta at path into m.  0, or -1 when it is missing, not ours
 * or lacks the URL, size or hash (m is empty then).  Unknown keys are
 * skipped, so that a later folio may add some.
 */
static int
meta_read(const char *path, struct meta *m)
{
	struct buf text = BUF_INIT;
	char *line, *next, *tab, *end;
	bool have_size = false, have_hash = false;

	memset(m, 0, sizeof(*m));
	if (read_file(path, META_MAX, &text) != 0 ||
	    strncmp(text.s, META_HEADER, strlen(META_HEADER)))
		goto bad;
	for (line = text.s + strlen(META_HEADER); *line; line = next) {
		next = strchr(line, '\n');
		if (!next)
			break;		/* a last line without newline: cut */
		*next++ = '\0';
		tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab++ = '\0';
		if (!strcmp(line, "url"))
			set_field(&m->url, tab, strlen(tab));
		else if (!strcmp(line, "effective-url"))
			set_field(&m->effective_url, tab, strlen(tab));
		else if (!strcmp(line, "etag"))
			set_field(&m->etag, tab, strlen(tab));
		else if (!strcmp(line, "last-modified"))
			set_field(&m->last_modified, tab, strlen(tab));
		else if (!strcmp(line, "content-type"))
			set_field(&m->content_type, tab, strlen(tab));
		else if (!strcmp(line, "charset"))
			set_field(&m->charset, tab, strlen(tab));
		else if (!strcmp(line, "fetched"))
			m->fetched = strtoll(tab, NULL, 10);
		else if (!strcmp(line, "size")) {
			errno = 0;
			m->size = strtoull(tab, &end, 10);
			have_size = !errno && end != tab && !*end;
		} else if (!strcmp(line, "hash")) {
			errno = 0;
			m->hash = strtoull(tab, &end, 16);
			have_hash = !errno && end != tab && !*end;
		}
	}
	if (!m->url || !have_size || !have_hash)
		goto bad;
	buf_release(&text);
	return 0;
bad:
	buf_release(&text);
	meta_release(m);
	return -1;
}

static void
meta_add(struct buf *b, const char *key, const char *value)
{
	if (value && clean_value(value, strlen(value)))
		buf_addf(b, "%s\t%s\n", key, value);
}

static int
meta_write(const char *path, const struct meta *m, struct buf *err)
{
	struct buf b = BUF_INIT;
	int ret;

	buf_adds(&b, META_HEADER);
	meta_add(&b, "url", m->url);
	meta_add(&b, "effective-url", m->effective_url);
	meta_add(&b, "etag", m->etag);
	meta_add(&b, "last-modified", m->last_modified);
	meta_add(&b, "content-type", m->content_type);
	meta_add(&b, "charset", m->charset);
	buf_addf(&b, "fetched\t%lld\nsize\t%llu\nhash\t%016llx\n",
		 m->fetched, m->size, m->hash);
	ret = files_write_atomic(path, b.s, b.len, err);
	buf_release(&b);
	return ret;
}

/*
 * The cached copy of url: its meta in m and its body in body, when both
 * are there and agree (the URL, the body's size and hash).  0, or -1
 * when there is no good copy (m and body empty).
 */
static int
cache_load(const char *url, struct meta *m, struct buf *body)
{
	char *mpath = fetch_cache_path(url, ".meta");
	char *bpath = fetch_cache_path(url, ".body");
	struct stat st;
	int ret = -1;

	if (meta_read(mpath, m) != 0)
		goto out;
	if (strcmp(m->url, url) || stat(bpath, &st) != 0 ||
	    (unsigned long long)st.st_size != m->size ||
	    read_file(bpath, (size_t)m->size, body) != 0 ||
	    body->len != m->size || fnv1a(body->s, body->len) != m->hash)
		goto out;
	ret = 0;
out:
	if (ret != 0) {
		meta_release(m);
		buf_release(body);
	}
	free(mpath);
	free(bpath);
	return ret;
}

/* Write body, then meta: a body without its meta is never taken. */
static int
cache_store(const char *url, const struct meta *m, const struct buf *body,
	    struct buf *err)
{
	char *mpath = fetch_cache_path(url, ".meta");
	char *bpath = fetch_cache_path(url, ".body");
	int ret = -1;

	if (body && files_write_atomic(bpath, body->s ? body->s : "",
				       body->len, err) != 0)
		goto out;
	ret = meta_write(mpath, m, err);
out:
	free(mpath);
	free(bpath);
	return ret;
}

/* ---- libcurl callbacks ---- */

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	long code = 0;

	curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &code);
	if (code < 200 || code > 299) {
		x->http_error = true;	/* an error page: not wanted */
		return 0;
	}
	if (len > x->max - x->body.len) {
		x->too_large = true;
		return 0;
	}
	buf_add(&x->body, p, len);
	return len;
}

/* If the header line p (n bytes, CRLF included) is name's, keep it. */
static void
take_header(const char *p, size_t n, const char *name, char **field)
{
	size_t k = strlen(name);

	if (n <= k || strncasecmp(p, name, k) || p[k] != ':')
		return;
	p += k + 1;
	n -= k + 1;
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n && (p[n - 1] == '\r' || p[n - 1] == '\n' ||
		     p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	free(*field);
	*field = clean_value(p, n) ? xstrndup(p, n) : NULL;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;

	if (len >= 5 && !strncmp(p, "HTTP/", 5)) {
		/* a new response (after a redirect, a proxy's CONNECT) */
		free(x->etag);
		free(x->last_modified);
		x->etag = x->last_modified = NULL;
	} else {
		take_header(p, len, "ETag", &x->etag);
		take_header(p, len, "Last-Modified", &x->last_modified);
	}
	return len;
}

static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
	    curl_off_t ultotal, curl_off_t ulnow)
{
	struct xfer *x = arg;
	struct fetch_progress p;
	double t = since(&x->start);

	if (dlnow == x->last_now && t - x->last_call < 1.0)
		return 0;
	x->last_now = dlnow;
	x->last_call = t;
	p.got = dlnow > 0 ? (size_t)dlnow : 0;
	p.total = dltotal > 0 ? (size_t)dltotal : 0;
	p.seconds = t;
	if (x->o->progress(x->o->arg, &p)) {
		x->cancelled = true;
		return 1;
	}
	return 0;
}

/* ---- results ---- */

/* "text/xml; charset="UTF-8"" -> type "text/xml", charset "UTF-8". */
static void
parse_content_type(const char *ct, char **type, char **charset)
{
	const char *semi, *p, *v;
	size_t n;
	char *t;

	*type = *charset = NULL;
	if (!ct)
		return;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	semi = strchr(ct, ';');
	n = semi ? (size_t)(semi - ct) : strlen(ct);
	while (n && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	if (clean_value(ct, n)) {
		*type = t = xstrndup(ct, n);
		for (; *t; t++)
			*t = (char)tolower((unsigned char)*t);
	}
	for (p = semi; p; p = strchr(p + 1, ';')) {
		v = p + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		if (strncasecmp(v, "charset=", 8))
			continue;
		v += 8;
		if (*v == '"')
			v++;
		n = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			   "abcdefghijklmnopqrstuvwxyz0123456789-_.:+");
		if (n && n <= 40 && (!v[n] || strchr("\"; \t", v[n])))
			*charset = xstrndup(v, n);
		return;
	}
}

/* r from the cached copy (m and body handed over). */
static void
take_cache(struct fetch_result *r, struct meta *m, struct buf *body)
{
	r->body = *body;
	buf_init(body);
	r->content_type = m->content_type;
	r->charset = m->charset;
	r->effective_url = m->effective_url ? m->effective_url
			   : xstrdup(m->url);
	m->content_type = m->charset = m->effective_url = NULL;
	r->from_cache = true;
}

static char *
fallback_note(const char *why, long long fetched)
{
	struct buf b = BUF_INIT;
	time_t t = (time_t)fetched;
	struct tm tm;
	char when[32];

	if (!localtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm))
		snprintf(when, sizeof(when), "at an unknown time");
	buf_addf(&b, "%s: showing the copy fetched %s", why, when);
	return buf_detach(&b);
}

/* The host of url, for a message; "" when it has none.  Caller frees. */
static char *
url_host(const char *url)
{
	CURLU *u = curl_load() == 0 ? curl_url() : NULL;
	char *host = NULL, *ret;

	if (u && !curl_url_set(u, CURLUPART_URL, url, 0))
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	ret = xstrdup(host ? host : "");
	curl_free(host);
	curl_url_cleanup(u);
	return ret;
}

/*
 * libcurl's message, its first letter lowercased when its first word is
 * an ordinary one ("Recv failure", not "SSL ..." or "OpenSSL/3 ...").
 */
static void
add_curl_message(struct buf *b, const char *msg)
{
	size_t i = 1;

	while (islower((unsigned char)msg[i]))
		i++;
	if (isupper((unsigned char)msg[0]) && i > 1 &&
	    (msg[i] == ' ' || msg[i] == ':' || !msg[i])) {
		buf_addch(b, (char)tolower((unsigned char)msg[0]));
		msg++;
	}
	buf_adds(b, msg);
}

/*
 * Why the transfer failed, in a few words for a message and the status
 * line (not naming the URL).  *status: its sysexits code.
 */
static void
describe_failure(const struct xfer *x, CURLcode res, long code,
		 const char *errbuf, long timeout, struct buf *why,
		 int *status)
{
	curl_off_t got = 0, connect = 0;
	long oserr = 0, redirects = 0;
	const char *eff = NULL;
	char *host;

	*status = EX_UNAVAILABLE;
	curl_easy_getinfo(x->curl, CURLINFO_SIZE_DOWNLOAD_T, &got);
	curl_easy_getinfo(x->curl, CURLINFO_CONNECT_TIME_T, &connect);
	curl_easy_getinfo(x->curl, CURLINFO_OS_ERRNO, &oserr);
	curl_easy_getinfo(x->curl, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(x->curl, CURLINFO_REDIRECT_COUNT, &redirects);
	if (x->too_large || res == CURLE_FILESIZE_EXCEEDED) {
		buf_adds(why, "larger than ");
		add_size(why, x->max);
		*status = EX_DATAERR;
		return;
	}
	if (x->cancelled) {
		buf_adds(why, "cancelled");
		return;
	}
	if (x->http_error || (res == CURLE_OK && code)) {
		buf_addf(why, "HTTP %ld", code);
		if (code == 304)
			buf_adds(why, " but no copy is cached");
		return;
	}
	switch (res) {
	case CURLE_COULDNT_RESOLVE_HOST:
		host = url_host(eff ? eff : "");
		buf_addf(why, "cannot resolve host \"%s\"", host);
		free(host);
		return;
	case CURLE_COULDNT_RESOLVE_PROXY:
		buf_adds(why, "cannot resolve the proxy");
		return;
	case CURLE_COULDNT_CONNECT:
		if (oserr == ECONNREFUSED)
			buf_adds(why, "connection refused");
		else if (oserr)
			buf_addf(why, "cannot connect: %s", strerror(oserr));
		else
			buf_adds(why, "cannot connect");
		return;
	case CURLE_OPERATION_TIMEDOUT:
		if (connect > 0)
			buf_addf(why, "timed out: under %ld byte/s for %ld s",
				 LOW_SPEED_LIMIT, LOW_SPEED_TIME);
		else
			buf_addf(why, "timed out connecting after %ld s",
				 timeout);
		return;
	case CURLE_TOO_MANY_REDIRECTS:
		buf_addf(why, "more than %d redirects", FETCH_MAX_REDIRECTS);
		return;
	case CURLE_PARTIAL_FILE:
		buf_addf(why, "the transfer was cut short after %lld bytes",
			 (long long)got);
		return;
	case CURLE_BAD_CONTENT_ENCODING:
		buf_adds(why, "the compressed body is damaged");
		return;
	case CURLE_GOT_NOTHING:
		buf_adds(why, "the server closed the connection "
			 "without an answer");
		return;
	case CURLE_UNSUPPORTED_PROTOCOL:
		buf_adds(why, redirects ? "redirected to a URL neither http "
			 "nor https" : "not an http or https URL");
		return;
	case CURLE_URL_MALFORMAT:
		buf_adds(why, "malformed URL");
		return;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_USE_SSL_FAILED:
		buf_adds(why, "TLS: ");
		add_curl_message(why, *errbuf ? errbuf
				 : curl_easy_strerror(res));
		return;
	default:
		add_curl_message(why, *errbuf ? errbuf
				 : curl_easy_strerror(res));
		return;
	}
}

/* ---- the fetch ---- */

static int
curl_setup(void)
{
	if (!curl_ready) {
		if (curl_load() != 0 ||
		    curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return -1;
		curl_ready = true;
	}
	return 0;
}

bool
fetch_is_url(const char *s)
{
	return s && (!strncasecmp(s, "http://", 7) ||
		     !strncasecmp(s, "https://", 8));
}

void
fetch_result_release(struct fetch_result *r)
{
	buf_release(&r->body);
	free(r->charset);
	free(r->content_type);
	free(r->note);
	free(r->effective_url);
	memset(r, 0, sizeof(*r));
}

const char *
fetch_curl_version(void)
{
	static char v[96];
	const curl_version_info_data *info;

	if (curl_load() != 0)
		return "libcurl (not found: apt-get install libcurl4)";
	info = curl_version_info(CURLVERSION_NOW);
	if (info->ssl_version)
		snprintf(v, sizeof(v), "libcurl %s (%s)", info->version,
			 info->ssl_version);
	else
		snprintf(v, sizeof(v), "libcurl %s", info->version);
	return v;
}

/* Set the handle's options; CURLE_OK or the first that failed. */
static CURLcode
set_options(struct xfer *x, const char *url, long timeout,
	    struct curl_slist *headers, char *errbuf)
{
	CURL *c = x->curl;
	CURLcode e = CURLE_OK;

#define SET(opt, val) do { \
		if (e == CURLE_OK) \
			e = curl_easy_setopt(c, opt, val); \
	} while (0)
	SET(CURLOPT_URL, url);
	SET(CURLOPT_ERRORBUFFER, errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	SET(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max);
	SET(CURLOPT_CONNECTTIMEOUT, timeout);
	SET(CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_LIMIT);
	SET(CURLOPT_LOW_SPEED_TIME, LOW_SPEED_TIME);
	SET(CURLOPT_USERAGENT, "folio/" PACKAGE_VERSION);
	SET(CURLOPT_HTTPHEADER, headers);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, x);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, x);
	if (x->o->progress) {
		SET(CURLOPT_XFERINFOFUNCTION, on_progress);
		SET(CURLOPT_XFERINFODATA, x);
		SET(CURLOPT_NOPROGRESS, 0L);
	}
#undef SET
	return e;
}

/* "name: value" added to list when there is a value; the new list. */
static struct curl_slist *
add_header(struct curl_slist *list, const char *name, const char *value)
{
	struct curl_slist *more;
	struct buf b = BUF_INIT;

	if (!value)
		return list;
	buf_addf(&b, "%s: %s", name, value);
	more = curl_slist_append(list, b.s);
	buf_release(&b);
	return more ? more : list;
}

/*
 * Add the error to d, naming url unless d is about it already, and eff,
 * where redirects led (or NULL), unless that is url again.
 */
static void
add_error(struct diags *d, const char *url, const char *eff,
	  const char *why)
{
	bool named = d->file && !strcmp(d->file, url);
	bool moved = eff && strcmp(eff, url);

	diags_add(d, DIAG_ERROR, 0, 0, "cannot fetch%s%s: %s%s%s%s",
		  named ? "" : " ", named ? "" : url, why,
		  moved ? " (at " : "", moved ? eff : "", moved ? ")" : "");
}

int
fetch_url(const char *url, const struct fetch_opts *o,
	  struct fetch_result *r, struct diags *d, int *status)
{
	static const struct fetch_opts defaults;
	struct meta m, fresh;
	struct buf cached = BUF_INIT, why = BUF_INIT, err = BUF_INIT;
	struct curl_slist *headers = NULL;
	struct xfer x;
	char errbuf[CURL_ERROR_SIZE] = "";
	const char *eff = NULL, *ct = NULL;
	bool have_cache;
	long code = 0, redirects = 0, timeout;
	CURLcode res;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	buf_init(&r->body);
	memset(&x, 0, sizeof(x));
	memset(&fresh, 0, sizeof(fresh));
	if (!o)
		o = &defaults;
	*status = 0;
	timeout = o->connect_timeout > 0 ? o->connect_timeout
		  : FETCH_CONNECT_TIMEOUT;
	have_cache = cache_load(url, &m, &cached) == 0;

	if (o->offline) {
		if (have_cache) {
			take_cache(r, &m, &cached);
			r->note = fallback_note("offline", m.fetched);
			ret = 0;
		} else {
			add_error(d, url, NULL,
				  "offline, and no copy is cached");
			*status = EX_UNAVAILABLE;
		}
		goto out;
	}

	if (curl_setup() != 0 || !(x.curl = curl_easy_init())) {
		diags_add(d, DIAG_ERROR, 0, 0, lib.dl ? "cannot set up libcurl"
			  : "cannot fetch: libcurl is not installed "
			  "(apt-get install libcurl4)");
		*status = EX_SOFTWARE;
		goto out;
	}
	x.o = o;
	x.max = o->max_bytes ? o->max_bytes : FETCH_MAX_BYTES;
	x.last_now = -1;
	clock_gettime(CLOCK_MONOTONIC, &x.start);
	if (have_cache) {
		headers = add_header(headers, "If-None-Match", m.etag);
		headers = add_header(headers, "If-Modified-Since",
				     m.last_modified);
	}
	res = set_options(&x, url, timeout, headers, errbuf);
	if (res != CURLE_OK) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot set up libcurl: %s",
			  curl_easy_strerror(res));
		*status = EX_SOFTWARE;
		goto out;
	}

	res = curl_easy_perform(x.curl);
	curl_easy_getinfo(x.curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(x.curl, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(x.curl, CURLINFO_REDIRECT_COUNT, &redirects);
	if (res == CURLE_OK && code == 304 && have_cache) {
		/* not modified: the copy stands, checked now */
		take_cache(r, &m, &cached);
		m.fetched = (long long)time(NULL);
		if (x.etag)
			set_field(&m.etag, x.etag, strlen(x.etag));
		if (x.last_modified)
			set_field(&m.last_modified, x.last_modified,
				  strlen(x.last_modified));
		m.effective_url = xstrdup(r->effective_url);
		m.content_type = r->content_type ?
				 xstrdup(r->content_type) : NULL;
		m.charset = r->charset ? xstrdup(r->charset) : NULL;
		if (cache_store(url, &m, NULL, &err) != 0)
			diags_add(d, DIAG_WARNING, 0, 0,
				  "cannot keep a copy in the cache: %s",
				  err.s);
		ret = 0;
		goto out;
	}
	if (res != CURLE_OK || x.too_large || x.http_error ||
	    code < 200 || code > 299) {
		describe_failure(&x, res, res == CURLE_OK || x.http_error ?
				 code : 0, errbuf, timeout, &why, status);
		if (have_cache) {
			take_cache(r, &m, &cached);
			r->note = fallback_note(why.s, m.fetched);
			*status = 0;
			ret = 0;
		} else {
			add_error(d, url, redirects > 0 ? eff : NULL, why.s);
		}
		goto out;
	}

	/* 2xx: the new body, kept in the cache */
	r->body = x.body;
	buf_init(&x.body);
	buf_add(&r->body, "", 0);
	curl_easy_getinfo(x.curl, CURLINFO_CONTENT_TYPE, &ct);
	parse_content_type(ct, &r->content_type, &r->charset);
	r->effective_url = xstrdup(eff ? eff : url);
	fresh.url = xstrdup(url);
	fresh.effective_url = xstrdup(r->effective_url);
	fresh.etag = x.etag ? xstrdup(x.etag) : NULL;
	fresh.last_modified = x.last_modified ? xstrdup(x.last_modified)
			      : NULL;
	fresh.content_type = r->content_type ? xstrdup(r->content_type)
			     : NULL;
	fresh.charset = r->charset ? xstrdup(r->charset) : NULL;
	fresh.fetched = (long long)time(NULL);
	fresh.size = r->body.len;
	fresh.hash = fnv1a(r->body.s, r->body.len);
	if (cache_store(url, &fresh, &r->body, &err) != 0)
		diags_add(d, DIAG_WARNING, 0, 0,
			  "cannot keep a copy in the cache: %s", err.s);
	ret = 0;
out:
	if (have_cache)
		meta_release(&m);
	meta_release(&fresh);
	buf_release(&cached);
	buf_release(&why);
	buf_release(&err);
	buf_release(&x.body);
	free(x.etag);
	free(x.last_modified);
	curl_slist_free_all(headers);
	if (x.curl)
		curl_easy_cleanup(x.curl);
	return ret;
}
