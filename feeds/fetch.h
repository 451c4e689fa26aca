/*
 * fetch: an edition over http(s), with libcurl, kept in a cache.
 *
 * TLS is verified (the system's CA certificates); redirects are followed,
 * at most 5, to http and https only; gzip and deflate (and whatever else
 * the libcurl build decodes) are accepted; the connection must be made in
 * 10 s and the transfer is given up when it stays below 1 byte/s for 60 s;
 * the decoded body may not pass a size cap (64 MiB by default), so a
 * small gzip bomb cannot fill memory.  Proxies come from the environment
 * as libcurl reads it: http_proxy (lowercase only), https_proxy,
 * ALL_PROXY, NO_PROXY.
 *
 * Each URL has two files in $XDG_CACHE_HOME/folio/ (default
 * ~/.cache/folio/), named by the FNV-1a 64 hash of the URL: HASH.body,
 * the decoded body, and HASH.meta, one "key<TAB>value" a line (the URL,
 * ETag, Last-Modified, content type, charset, when fetched, and the
 * body's size and hash, which must match for the copy to be used).  Both
 * are written atomically (temporary file, fsync, rename).  The next fetch
 * of the URL sends If-None-Match / If-Modified-Since and takes the cached
 * copy on 304.  When the fetch fails (no network, an HTTP error, a
 * transfer cut short) and a good copy is cached, the copy is used and a
 * note says so; a failed transfer never replaces the cached copy.
 *
 * Nothing here prints: errors go to a diags, notes to the result.
 */
#ifndef FOLIO_FETCH_H
#define FOLIO_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "util.h"

#define FETCH_MAX_BYTES ((size_t)64 << 20)	/* the default size cap */
#define FETCH_CONNECT_TIMEOUT 10L		/* seconds, the default */
#define FETCH_MAX_REDIRECTS 5

/* Where a transfer is, for a progress line. */
struct fetch_progress {
	size_t got;		/* bytes received (as sent, before decoding) */
	size_t total;		/* from Content-Length; 0 when unknown */
	double seconds;		/* since the fetch began */
};

/*
 * Called while the transfer runs: whenever bytes arrived, and about once
 * a second while none do.  Returning nonzero cancels the fetch (which
 * then fails, or falls back to the cache, with "cancelled").
 */
typedef int (*fetch_progress_fn)(void *arg, const struct fetch_progress *p);

struct fetch_opts {
	size_t max_bytes;	/* cap on the decoded body; 0: 64 MiB */
	long connect_timeout;	/* seconds; 0: 10 */
	fetch_progress_fn progress;	/* or NULL */
	void *arg;		/* passed to progress */
	bool offline;		/* no network: only the cached copy */
};

/* What fetch_url() hands back; every pointer owned by the result. */
struct fetch_result {
	struct buf body;	/* the decoded body, NUL-terminated */
	char *charset;		/* from Content-Type, as sent; or NULL */
	char *content_type;	/* "text/xml", lowercase, no parameters;
				   or NULL when none was sent */
	bool from_cache;	/* body is the cached copy (304, or a
				   fallback: then note is set) */
	char *note;		/* why an older copy is shown, for the
				   status line, e.g. "offline: showing the
				   copy fetched 2026-11-28 14:02"; or NULL */
	char *effective_url;	/* where the body came from, after
				   redirects */
};

/* Is s an http:// or https:// URL (the scheme in any case)? */
bool fetch_is_url(const char *s);

/*
 * Fetch url into r (which need not be initialised; release it with
 * fetch_result_release() whatever the return).  o may be NULL for the
 * defaults.  Returns 0, r->note set when the cached copy stands in for
 * a failed fetch; or -1 with an error in d (the URL is named unless it
 * is d's file; then what failed: "cannot resolve host ...", "connection
 * refused", "timed out ...", "HTTP 404", "larger than ...", "the transfer
 * was cut short after N bytes", "TLS: ...") and *status set to a sysexits
 * code: EX_DATAERR when the body is larger than the cap, EX_UNAVAILABLE
 * for the rest (network, HTTP and TLS errors, offline with no copy),
 * EX_SOFTWARE when libcurl cannot be set up.  A cache that cannot be
 * written is a warning in d; the fetch still succeeds.
 */
int fetch_url(const char *url, const struct fetch_opts *o,
	      struct fetch_result *r, struct diags *d, int *status);

void fetch_result_release(struct fetch_result *r);

/* The cache file of url with the suffix (".body", ".meta"); caller frees. */
char *fetch_cache_path(const char *url, const char *suffix);

/* "libcurl 7.88.1 (OpenSSL/3.0.15)": the library folio runs with. */
const char *fetch_curl_version(void);

#endif
