/*
 * feed: the importers of other formats than folio's own edition, and what
 * they share.  load_file() sniffs the root element (feed_sniff) and hands
 * the whole document to the importer of that format; each reads it with
 * libxml2 (streaming with xmlTextReader, expanding one item at a time at
 * most, never a tree of the whole file), builds stories (story.h) and
 * returns the edition.
 *
 * Private to feeds/: the rest of folio sees load.h only.
 */
#ifndef FOLIO_FEED_H
#define FOLIO_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "diag.h"
#include "edition.h"
#include "story.h"

enum feed_format {
	FMT_UNKNOWN,
	FMT_EDITION,		/* <edition>: folio's own */
	FMT_RSS,		/* <rss> 0.9x/2.0, <rdf:RDF> RSS 0.90/1.0 */
	FMT_ATOM,		/* <feed> Atom 1.0 (and 0.3) */
	FMT_NITF,		/* <nitf>, or several inside one root */
	FMT_NEWSML,		/* <newsMessage>, <packageItem>, <newsItem> */
	FMT_METS,		/* <mets> with ALTO pages beside it */
	FMT_ALTO,		/* <alto>: one scanned page */
	FMT_TEXT,		/* not XML: a page's text (textimport.h) */
};

/* Where the bytes came from. */
struct feed_src {
	const char *data;	/* the whole document */
	size_t len;
	const char *path;	/* its file, or NULL (standard input, http):
				   files it names are looked for beside it */
	const char *url;	/* fetched from, or NULL: relative links */
	const char *charset;	/* the HTTP charset, or NULL */
};

/*
 * The format of the document starting with these bytes (the first few
 * KiB are enough): the root element's name and namespace decide, whatever
 * the encoding (a BOM, UTF-16, the XML declaration).  *root gets the root
 * element's local name (static storage, "" when none).
 */
enum feed_format feed_sniff(const char *data, size_t n, const char **root);
const char *feed_format_name(enum feed_format f);

/*
 * The importers.  Each returns the edition or NULL with an error in d and
 * *status set to a sysexits code (EX_DATAERR: not usable).
 */
struct edition *rss_load(const struct feed_src *src, struct diags *d,
			 int *status);	/* RSS and Atom */
struct edition *nitf_load(const struct feed_src *src, struct diags *d,
			  int *status);
struct edition *newsml_load(const struct feed_src *src, struct diags *d,
			    int *status);
struct edition *mets_load(const struct feed_src *src, struct diags *d,
			  int *status);	/* METS and a lone ALTO page */

/*
 * What NewsML-G2 borrows from the NITF importer (nitf.c):
 *  - nitf_fill: one <nitf> element (a document, or a NewsML-G2 item's
 *    inline NITF) as the current story; pages from its pubdata when
 *    pages is true.
 *  - nitf_where: where element n's start tag begins in src (its line;
 *    its column in *col, 0 when not found); nitf_where(NULL, NULL, &c)
 *    forgets the document asked about last.
 *  - nitf_dateline: the current story's dateline from t, its closing
 *    dash dropped.
 */
void nitf_fill(struct story_set *s, xmlNodePtr nitf, bool pages,
	       const struct feed_src *src, struct diags *d);
unsigned nitf_where(const struct feed_src *src, xmlNodePtr n,
		    unsigned *col);
void nitf_dateline(struct story_set *s, const char *t);

/*
 * libxml2 opened safely, for every importer: no network, no DTD loading,
 * external entities refused (and reported), internal ones expanded under
 * libxml2's bounds.  Its memory comes from util's allocators: when it
 * runs out, folio ends with "out of memory" (die) before libxml2's own
 * handling of a failed allocation (crashes and hangs in 2.9) can run.
 * Called before any other use of libxml2, from one thread.
 */
void feed_xml_setup(void);
int feed_xml_options(void);
/*
 * libxml2's error e as one line of a diagnostic, into b (reset first):
 * its newlines made spaces, its first letter lower case; and, where it
 * says a control character (which XML forbids, literally, in CDATA too)
 * is "not proper UTF-8", or a billion laughs an "entity reference loop",
 * saying what it is.
 */
void feed_xml_message(const xmlError *e, struct buf *b);
/* Whether e was met in the text of an entity, where libxml2 gives the
   place in that text, not in the file: the caller takes its parse's. */
bool feed_xml_in_entity(const xmlError *e);
/* Who hears of each refused external entity (its URL); NULL: nobody. */
void feed_xml_entity_hook(void (*fn)(void *arg, const char *url), void *arg);

/*
 * A reader over src with the safe options (plus XML_PARSE_RECOVER when
 * recover), its errors going to d with their line and column, the HTTP
 * charset applied when the document declares none.  NULL with an error in
 * d when it cannot start.  Free with feed_reader_free.
 */
xmlTextReaderPtr feed_reader_new(const struct feed_src *src, bool recover,
				 struct diags *d);
void feed_reader_free(xmlTextReaderPtr r);

/* A whole document as a tree (small ones: a METS file, an ALTO page),
   errors into d as feed_reader_new's.  NULL when unreadable. */
xmlDocPtr feed_doc_read(const struct feed_src *src, bool recover,
			struct diags *d);

/*
 * The body of a story from markup: an element's children (NITF
 * body.content, XHTML div, ALTO-free), or a string of HTML (RSS
 * description, Atom content type="html") parsed with libxml2's HTML
 * parser.  Paragraphs, line breaks, emphasis, links, headings (subheads),
 * block quotes, image alt text (and NITF media as photos) are kept;
 * scripts, styles, iframes, forms and every other tag's markup dropped,
 * their text kept where it is content.  base resolves relative links
 * (may be NULL).
 */
void feed_markup_nodes(struct story_set *s, xmlNodePtr first,
		       const char *base);
void feed_markup_html(struct story_set *s, const char *html, size_t n,
		      const char *base);
/*
 * May a link from a feed be kept?  http, https, mailto, ftp and relative
 * ones; never javascript:, data:, file: or any other scheme.
 */
bool feed_safe_url(const char *url);
/* href made absolute against base (may be NULL), or NULL when the
   result is not a safe link (feed_safe_url); the caller frees it. */
char *feed_resolve(const char *href, const char *base);

/* The text a string of HTML shows (a title of type="html"): scripts,
   styles and the like left out.  The caller frees it. */
char *feed_html_text(const char *html, size_t n);

/* Plain text of a node and its descendants (caller frees with xmlFree). */
char *feed_node_text(xmlNodePtr n);
/* An attribute by local name, any namespace; NULL when absent (xmlFree). */
char *feed_attr(xmlNodePtr n, const char *name);
/* Is n an element with this local name (any namespace)? */
bool feed_is(xmlNodePtr n, const char *name);
/* The first child element with this local name, or NULL. */
xmlNodePtr feed_child(xmlNodePtr n, const char *name);
/* n's first child element, or NULL. */
xmlNodePtr feed_first_elem(xmlNodePtr n);

/* XML's whitespace: space, tab, line feed, carriage return. */
bool feed_is_space(char c);
/* A copy of s without the whitespace around it, or NULL when s is NULL
   or that leaves nothing (the caller frees). */
char *feed_trim(const char *s);
/* feed_attr trimmed: NULL when absent or blank (the caller frees). */
char *feed_attr_text(xmlNodePtr n, const char *name);
/* n's text (feed_node_text) trimmed: NULL when n is NULL or its text is
   blank (the caller frees). */
char *feed_text(xmlNodePtr n);
/* The text of n's first child element named name, trimmed, or NULL. */
char *feed_child_text(xmlNodePtr n, const char *name);
/* Has n no text but whitespace (or is it NULL)? */
bool feed_blank(xmlNodePtr n);

#endif
