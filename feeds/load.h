/*
 * load: reading an edition file (format version 1) into the model, with a
 * streaming parse (libxml2's xmlTextReader), never a tree of the whole
 * document.  libxml2 is opened safely: no network, no DTD loading, no
 * external entities (an entity loader that refuses everything), entities
 * never substituted, libxml2's own depth and size limits kept.
 *
 * This is the only door from bytes to the model for the native format;
 * the other formats' importers will sit beside it in feeds/.
 */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "edition.h"

struct load_opts {
	bool validate;	/* also check the RELAX NG schema (--check) */
	size_t max_pages;	/* stop after this many pages, a first look
				   at a big edition (the reader shows it
				   while the whole loads); 0: all.  Only
				   folio's own format stops early. */
};

/*
 * Load the edition in the file at path ("-" reads standard input).
 * Diagnostics go to d (whose file name the caller chose).  Returns the
 * edition (the caller frees it with edition_free), or NULL with an error
 * in d and *status set to a sysexits code: EX_NOINPUT when the file cannot
 * be opened, EX_DATAERR when it is not a usable edition, EX_IOERR when
 * reading failed.  o may be NULL.
 */
struct edition *load_file(const char *path, const struct load_opts *o,
			  struct diags *d, int *status);

/* The same from len bytes in memory (not copied; must outlive the call). */
struct edition *load_memory(const char *data, size_t len,
			    const struct load_opts *o, struct diags *d,
			    int *status);

struct fetch_opts;

/*
 * The edition or feed at an http(s) URL, fetched through the cache
 * (fetch.h; fo may be NULL for the defaults), then read as load_file
 * reads a file (the HTTP charset applies when the document declares
 * none).  *note gets what the status line should say when the cached
 * copy stands in for a failed fetch (the caller frees it), else NULL.
 * Errors as load_file's, EX_UNAVAILABLE when the fetch failed with no
 * cached copy.  load_file() itself fetches a path that is a URL.
 */
struct edition *load_url(const char *url, const struct load_opts *o,
			 const struct fetch_opts *fo, char **note,
			 struct diags *d, int *status);

struct text_import_opts;

/*
 * A page's text (pdftotext's) in the file at path ("-": standard input)
 * imported as an edition (textimport.h).  Errors as load_file's.
 */
struct edition *load_text_file(const char *path,
			       const struct text_import_opts *o,
			       struct diags *d, int *status);

/*
 * Does a first look (load_opts.max_pages) pay for this file: folio's own
 * format, a regular file of at least min_bytes?
 */
bool load_first_look_pays(const char *path, long long min_bytes);

/* "libxml2 2.9.14": the library folio runs with. */
const char *load_libxml_version(void);

#endif
