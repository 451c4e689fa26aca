/*
 * feedxml: what the importers share of libxml2: sniffing the format, the
 * safe parser settings, errors into diagnostics, and markup (XHTML, NITF
 * bodies, HTML strings) into story blocks.  See feed.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "feed.h"
#include "text.h"
#include "util.h"

/* ---- the safe parser ---- */

static void (*entity_hook)(void *, const char *);
static void *entity_arg;

void
feed_xml_entity_hook(void (*fn)(void *arg, const char *url), void *arg)
{
	entity_hook = fn;
	entity_arg = arg;
}

/* Never load anything from outside the document; say so. */
static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)ctxt;
	if (entity_hook)
		entity_hook(entity_arg, url ? url : id ? id : "");
	return NULL;
}

static void
on_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* libxml2's allocators: folio's, which die when memory runs out. */
static void *
xml_malloc(size_t n)
{
	return xmalloc(n);
}

static void *
xml_realloc(void *p, size_t n)
{
	return xreallocarray(p, 1, n);
}

static char *
xml_strdup(const char *s)
{
	return xstrdup(s);
}

void
feed_xml_setup(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	if (xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup) != 0)
		die("cannot set libxml2's allocators");
	LIBXML_TEST_VERSION;
	xmlSetExternalEntityLoader(refuse_entity);
	xmlSetGenericErrorFunc(NULL, on_generic_error);
	xmlThrDefSetGenericErrorFunc(NULL, on_generic_error);
}

int
feed_xml_options(void)
{
	/* As load.c's: internal entities substituted under libxml2's
	   bounds, external ones refused, no DTD loading, no network, no
	   XInclude, no lifting of the size limits. */
	return XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOCDATA |
	       XML_PARSE_COMPACT | XML_PARSE_NOXINCNODE | XML_PARSE_BIG_LINES;
}

/* ---- sniffing ---- */

static const struct {
	const char *root;
	enum feed_format f;
} roots[] = {
	{ "edition", FMT_EDITION },
	{ "rss", FMT_RSS },
	{ "RDF", FMT_RSS },
	{ "channel", FMT_RSS },
	{ "feed", FMT_ATOM },
	{ "entry", FMT_ATOM },
	{ "Channel", FMT_RSS },
	{ "nitf", FMT_NITF },
	{ "newsMessage", FMT_NEWSML },
	{ "packageItem", FMT_NEWSML },
	{ "newsItem", FMT_NEWSML },
	{ "knowledgeItem", FMT_NEWSML },
	{ "NewsML", FMT_NEWSML },	/* NewsML 1.x: its NITF is read */
	{ "mets", FMT_METS },
	{ "alto", FMT_ALTO },
};

static void
sniff_error(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/*
 * The root's local name read from the bytes, for documents libxml2 gives
 * up on before their first element (an undeclared &eacute; in the first
 * chunk): past a BOM, the declaration, comments, PIs and a DOCTYPE.
 */
static void
scan_root(const char *p, size_t n, char *name, size_t size)
{
	const char *end = p + n, *q;
	size_t k = 0;

	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
				   *p == '\n'))
			p++;
		if (p >= end || *p != '<')
			return;
		if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
			q = memmem(p, (size_t)(end - p), "-->", 3);
			p = q ? q + 3 : end;
		} else if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			const char *sub = memchr(p, '[', (size_t)(end - p));

			/* A DOCTYPE's internal subset holds '>' of its own. */
			if (p[1] == '!' && sub && gt && sub < gt) {
				q = memmem(sub, (size_t)(end - sub), "]>", 2);
				p = q ? q + 2 : end;
			} else {
				p = gt ? gt + 1 : end;
			}
		} else {
			break;
		}
	}
	if (p >= end)
		return;
	for (q = ++p; q < end && !strchr(" \t\r\n/>", *q); q++)
		if (*q == ':')
			p = q + 1;
	while (p < q && k + 1 < size)
		name[k++] = *p++;
	name[k] = '\0';
}

enum feed_format
feed_sniff(const char *data, size_t n, const char **root)
{
	static char name[64];
	xmlTextReaderPtr r;
	enum feed_format f = FMT_UNKNOWN;
	size_t i;
	int ret;

	name[0] = '\0';
	if (root)
		*root = name;
	feed_xml_setup();
	if (n > 1 << 20)
		n = 1 << 20;
	r = xmlReaderForMemory(data, (int)n, NULL, NULL,
			       feed_xml_options() | XML_PARSE_RECOVER);
	if (!r)
		return FMT_UNKNOWN;
	xmlTextReaderSetStructuredErrorHandler(r, sniff_error, NULL);
	while ((ret = xmlTextReaderRead(r)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
			break;
	if (ret != 1)
		scan_root(data, n, name, sizeof(name));
	if (ret == 1) {
		const xmlChar *ln = xmlTextReaderConstLocalName(r);

		snprintf(name, sizeof(name), "%s", ln ? (const char *)ln : "");
	}
	if (name[0]) {
		const xmlChar *ln;

		for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
			if (!strcmp(name, roots[i].root))
				f = roots[i].f;
		/* Several NITF documents under one root of any name. */
		if (f == FMT_UNKNOWN && ret == 1) {
			while ((ret = xmlTextReaderRead(r)) == 1 &&
			       xmlTextReaderDepth(r) <= 2)
				if (xmlTextReaderNodeType(r) ==
				    XML_READER_TYPE_ELEMENT) {
					ln = xmlTextReaderConstLocalName(r);
					if (ln && !strcmp((const char *)ln,
							  "nitf"))
						f = FMT_NITF;
					break;
				}
		}
	}
	xmlFreeTextReader(r);
	return f;
}

const char *
feed_format_name(enum feed_format f)
{
	static const char *const names[] = {
		[FMT_UNKNOWN] = "unknown", [FMT_EDITION] = "edition",
		[FMT_RSS] = "RSS", [FMT_ATOM] = "Atom", [FMT_NITF] = "NITF",
		[FMT_NEWSML] = "NewsML-G2", [FMT_METS] = "METS/ALTO",
		[FMT_ALTO] = "ALTO", [FMT_TEXT] = "text",
	};

	return names[f];
}

/* ---- errors ---- */

struct errsink {
	struct diags *d;
	bool recover;		/* fatal errors are warnings: we go on */
	xmlTextReaderPtr r;	/* the parse, for the place of an error in */
	xmlParserCtxtPtr c;	/* an entity's text (one of the two) */
};

void
feed_xml_message(const xmlError *e, struct buf *b)
{
	const char *bytes;
	long c = -1;
	size_t i;

	buf_reset(b);
	buf_adds(b, e->message ? e->message : "unknown XML error");
	while (b->len && (b->s[b->len - 1] == '\n' || b->s[b->len - 1] == ' '))
		buf_truncate(b, b->len - 1);
	for (i = 0; i < b->len; i++)	/* one line: "...!\nBytes: 0xFF" */
		if (b->s[i] == '\n')
			b->s[i] = ' ';
	if (b->len && b->s[0] >= 'A' && b->s[0] <= 'Z' &&
	    !(b->len > 1 && b->s[1] >= 'A' && b->s[1] <= 'Z'))
		b->s[0] += 'a' - 'A';
	/* A control character: "PCDATA invalid Char value 27", "Char 0x0
	   out of allowed range" (the character in int1), and, in CDATA,
	   "input is not proper UTF-8, indicate encoding ! Bytes: 0x1B 0x62"
	   (in the words only). */
	if (e->code == XML_ERR_INVALID_CHAR &&
	    (strstr(b->s, "har value") || strstr(b->s, "har 0x")))
		c = e->int1;
	else if (strstr(b->s, "not proper UTF-8") &&
		 (bytes = strstr(b->s, "Bytes: 0x")) != NULL)
		c = strtol(bytes + 9, NULL, 16);
	if (c >= 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
		buf_reset(b);
		buf_addf(b, "a control character (0x%02lX), which XML does "
			 "not allow", c);
	}
	/* libxml2 2.9 says "detected an entity reference loop" of a billion
	   laughs too. */
	if (e->code == XML_ERR_ENTITY_LOOP) {
		buf_reset(b);
		buf_adds(b, "an entity refers to itself, or expands too far "
			 "(a \"billion laughs\"): not expanded");
	}
}

bool
feed_xml_in_entity(const xmlError *e)
{
	return e->domain == XML_FROM_PARSER && e->ctxt &&
	       ((const xmlParserCtxt *)e->ctxt)->depth > 0;
}

/* A libxml2 error as one diagnostic line, lowercase, deduplicated. */
static void
on_error(void *arg, xmlErrorPtr e)
{
	struct errsink *es = arg;
	struct buf b = BUF_INIT;
	int line = e->line, col = e->int2;

	feed_xml_message(e, &b);
	/* In an entity's text, libxml2's place is in that text ("1:7"): the
	   reference's is the parse's. */
	if (feed_xml_in_entity(e) && es->r) {
		line = xmlTextReaderGetParserLineNumber(es->r);
		col = xmlTextReaderGetParserColumnNumber(es->r);
	} else if (feed_xml_in_entity(e) && es->c && es->c->input) {
		line = es->c->input->line;
		col = es->c->input->col;
	}
	if (!es->d->n || !strstr(es->d->v[es->d->n - 1].msg, b.s))
		diags_add(es->d, e->level == XML_ERR_FATAL && !es->recover ?
			  DIAG_ERROR : DIAG_WARNING,
			  line > 0 ? (unsigned)line : 0,
			  col > 0 ? (unsigned)col : 0, "%s", b.s);
	buf_release(&b);
}

/* The charset to impose: the HTTP one, unless a BOM says otherwise. */
static const char *
imposed_charset(const struct feed_src *src)
{
	const unsigned char *u = (const unsigned char *)src->data;

	if (!src->charset || !*src->charset)
		return NULL;
	if (src->len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
			      (u[0] == 0xFF && u[1] == 0xFE)))
		return NULL;
	if (src->len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return NULL;
	return src->charset;
}

xmlTextReaderPtr
feed_reader_new(const struct feed_src *src, bool recover, struct diags *d)
{
	struct errsink *es;
	xmlTextReaderPtr r;

	feed_xml_setup();
	if (src->len > INT32_MAX) {
		diags_add(d, DIAG_ERROR, 0, 0, "too large to read");
		return NULL;
	}
	r = xmlReaderForMemory(src->data, (int)src->len, src->url,
			       imposed_charset(src), feed_xml_options() |
			       (recover ? XML_PARSE_RECOVER : 0));
	if (!r) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot start the XML reader");
		return NULL;
	}
	es = xcalloc(1, sizeof(*es));
	es->d = d;
	es->recover = recover;
	es->r = r;
	xmlTextReaderSetStructuredErrorHandler(r, on_error, es);
	return r;
}

void
feed_reader_free(xmlTextReaderPtr r)
{
	xmlStructuredErrorFunc fn = NULL;
	void *arg = NULL;

	if (!r)
		return;
	xmlTextReaderGetErrorHandler(r, (xmlTextReaderErrorFunc *)&fn, &arg);
	xmlFreeTextReader(r);
	free(arg);
}

xmlDocPtr
feed_doc_read(const struct feed_src *src, bool recover, struct diags *d)
{
	struct errsink es = { d, recover, NULL, NULL };
	xmlParserCtxtPtr c;
	xmlDocPtr doc;

	feed_xml_setup();
	if (src->len > INT32_MAX) {
		diags_add(d, DIAG_ERROR, 0, 0, "too large to read");
		return NULL;
	}
	c = xmlNewParserCtxt();
	if (!c) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot start the XML parser");
		return NULL;
	}
	/* libxml2 2.9 has no per-context structured handler for a tree
	   parse: the global one, for this call. */
	es.c = c;
	xmlSetStructuredErrorFunc(&es, on_error);
	doc = xmlCtxtReadMemory(c, src->data, (int)src->len, src->url,
				imposed_charset(src), feed_xml_options() |
				(recover ? XML_PARSE_RECOVER : 0));
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc && !recover && !c->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(c);
	return doc;
}

/* ---- node helpers ---- */

bool
feed_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->name, name);
}

xmlNodePtr
feed_child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (feed_is(n, name))
			return n;
	return NULL;
}

xmlNodePtr
feed_first_elem(xmlNodePtr n)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

bool
feed_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *
feed_trim(const char *s)
{
	size_t n;

	if (!s)
		return NULL;
	while (feed_is_space(*s))
		s++;
	n = strlen(s);
	while (n && feed_is_space(s[n - 1]))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

char *
feed_attr_text(xmlNodePtr n, const char *name)
{
	char *v = feed_attr(n, name), *t = feed_trim(v);

	xmlFree(v);
	return t;
}

char *
feed_text(xmlNodePtr n)
{
	char *v, *t;

	if (!n)
		return NULL;
	v = feed_node_text(n);
	t = feed_trim(v);
	xmlFree(v);
	return t;
}

char *
feed_child_text(xmlNodePtr n, const char *name)
{
	return feed_text(feed_child(n, name));
}

bool
feed_blank(xmlNodePtr n)
{
	char *t = feed_text(n);

	free(t);
	return t == NULL;
}

char *
feed_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return (char *)xmlNodeGetContent((xmlNodePtr)a);
	return NULL;
}

char *
feed_node_text(xmlNodePtr n)
{
	return n ? (char *)xmlNodeGetContent(n) : NULL;
}

bool
feed_safe_url(const char *url)
{
	static const char *const ok[] = {
		"http", "https", "mailto", "ftp", NULL,
	};
	size_t n, i;

	while (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r')
		url++;
	n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return true;	/* relative: no scheme */
	for (i = 0; ok[i]; i++)
		if (strlen(ok[i]) == n && !strncasecmp(url, ok[i], n))
			return true;
	return false;
}

/* ---- markup into blocks ---- */

struct markup {
	struct story_set *s;
	const char *base;
	int depth;
};

static bool
name_in(const char *n, const char *const *set)
{
	for (; *set; set++)
		if (!strcasecmp(n, *set))
			return true;
	return false;
}

/* Elements whose content is never text to read. */
static const char *const dropped[] = {
	"script", "style", "iframe", "noscript", "select", "textarea",
	"svg", "math", "template", "head", "title", "meta", "link",
	"media-reference", "media-metadata", "media-object", "identified-content",
	NULL,
};

static const char *const paragraphs[] = {
	"p", "div", "li", "dd", "dt", "tr", "pre", "section", "article",
	"header", "footer", "aside", "figure", "table", "ul", "ol", "dl",
	"center", "address", "main", "body.content", "block", "body",
	"html", "tagline", "abstract", "body.end", "nav",
	NULL,
};

static const char *const subheads[] = {
	"h1", "h2", "h3", "h4", "h5", "h6", "hl2", "hl1", NULL,
};

static void walk(struct markup *m, xmlNodePtr n);

static void
walk_children(struct markup *m, xmlNodePtr n)
{
	if (++m->depth < 256)
		for (n = n->children; n; n = n->next)
			walk(m, n);
	m->depth--;
}

char *
feed_resolve(const char *href, const char *base)
{
	xmlChar *u = NULL;
	char *r;

	if (!href)
		return NULL;
	if (base)
		u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	r = xstrdup(u ? (const char *)u : href);
	xmlFree(u);
	/* The scheme may come from the base: checked after resolving. */
	if (!feed_safe_url(r)) {
		free(r);
		return NULL;
	}
	return r;
}

/* t, or NULL when it holds only whitespace (then freed). */
static char *
nonempty(char *t)
{
	if (t && strspn(t, " \t\r\n") == strlen(t)) {
		xmlFree(t);
		return NULL;
	}
	return t;
}

/* NITF <media> and HTML <figure>: a photo with caption and credit. */
static void
media(struct markup *m, xmlNodePtr n)
{
	xmlNodePtr c;
	char *cap = NULL, *cred = NULL, *src = NULL, *type;

	type = feed_attr(n, "media-type");
	for (c = n->children; c; c = c->next) {
		/* The first that says something: an empty print caption
		   does not hide the caption after it. */
		if (!cap && (feed_is(c, "media-caption") ||
			     feed_is(c, "media-printcaption") ||
			     feed_is(c, "figcaption")))
			cap = nonempty(feed_node_text(c));
		else if (!cred && (feed_is(c, "media-producer") ||
				   feed_is(c, "media-printproducer")))
			cred = nonempty(feed_node_text(c));
		else if (!src && feed_is(c, "media-reference"))
			src = feed_attr(c, "source");
		else if (!src && feed_is(c, "img"))
			src = feed_attr(c, "src");
	}
	if (!type || !strcasecmp(type, "image") || !strcasecmp(type, "photo") ||
	    !strcasecmp(type, "graphic")) {
		if (!cap && feed_is(n, "figure")) {
			xmlNodePtr img = feed_child(n, "img");

			cap = img ? feed_attr(img, "alt") : NULL;
		}
		story_photo(m->s, cap, cred, src);
	}
	xmlFree(type);
	xmlFree(cap);
	xmlFree(cred);
	xmlFree(src);
}

static void
walk(struct markup *m, xmlNodePtr n)
{
	const char *name = (const char *)n->name;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		story_text(m->s, (const char *)n->content, (size_t)-1);
		return;
	}
	if (n->type == XML_ENTITY_REF_NODE) {
		walk_children(m, n);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (name_in(name, dropped))
		return;
	if (!strcasecmp(name, "br")) {
		story_line_break(m->s);
	} else if (!strcasecmp(name, "img")) {
		char *alt = feed_attr(n, "alt");

		if (alt && *alt) {
			story_text(m->s, " [", 2);
			story_text(m->s, alt, (size_t)-1);
			story_text(m->s, "] ", 2);
		}
		xmlFree(alt);
	} else if (!strcmp(name, "media") || !strcasecmp(name, "figure")) {
		media(m, n);
	} else if (name_in(name, subheads)) {
		story_block_begin(m->s, BLOCK_SUBHEAD);
		walk_children(m, n);
		story_block_end(m->s);
	} else if (!strcasecmp(name, "blockquote") || !strcmp(name, "bq") ||
		   !strcmp(name, "pull-quote")) {
		story_block_begin(m->s, BLOCK_QUOTE);
		walk_children(m, n);
		story_block_end(m->s);
	} else if (name_in(name, paragraphs)) {
		story_block_end(m->s);
		walk_children(m, n);
		story_block_end(m->s);
	} else if (!strcasecmp(name, "em") || !strcasecmp(name, "i") ||
		   !strcasecmp(name, "cite") || !strcasecmp(name, "strong") ||
		   !strcasecmp(name, "b") || !strcasecmp(name, "a")) {
		uint32_t style = STYLE_EM;
		char *href = NULL, *abs = NULL;

		if (!strcasecmp(name, "strong") || !strcasecmp(name, "b"))
			style = STYLE_STRONG;
		if (!strcasecmp(name, "a")) {
			href = feed_attr(n, "href");
			style = STYLE_LINK;
			/* javascript:, data:, file: links: the text stays,
			   the link goes. */
			abs = feed_resolve(href, m->base);
			if (!abs)
				style = 0;
		}
		if (style) {
			story_style_begin(m->s, style, abs);
			walk_children(m, n);
			story_style_end(m->s);
		} else {
			walk_children(m, n);
		}
		xmlFree(href);
		free(abs);
	} else {
		/* Any other tag: its markup goes, its text stays. */
		walk_children(m, n);
	}
}

void
feed_markup_nodes(struct story_set *s, xmlNodePtr first, const char *base)
{
	struct markup m = { s, base, 0 };

	for (; first; first = first->next)
		walk(&m, first);
	story_block_end(s);
}

/* A fragment of HTML as a tree: html/body/div holding it. */
static htmlDocPtr
html_fragment(const char *html, size_t n)
{
	struct buf b = BUF_INIT;
	htmlDocPtr doc;

	if (n > INT32_MAX - 16)
		n = INT32_MAX - 16;
	feed_xml_setup();
	/* In a div of its own: libxml2 then keeps text and inline elements
	   before the first paragraph together (HTML_PARSE_NOIMPLIED loses
	   leading text, and an implied <p> splits "<b>safe</b> text"). */
	buf_adds(&b, "<div>");
	buf_add(&b, html, n);
	buf_adds(&b, "</div>");
	doc = htmlReadMemory(b.s, (int)b.len, NULL, "UTF-8",
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR |
			     HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
			     HTML_PARSE_COMPACT);
	buf_release(&b);
	return doc;
}

static void
collect_text(xmlNodePtr n, struct buf *out, int depth)
{
	for (; n && depth < 256; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			buf_adds(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE &&
			 !name_in((const char *)n->name, dropped))
			collect_text(n->children, out, depth + 1);
	}
}

char *
feed_html_text(const char *html, size_t n)
{
	struct buf b = BUF_INIT;
	htmlDocPtr doc = html_fragment(html, n);

	if (doc) {
		collect_text(xmlDocGetRootElement(doc), &b, 0);
		xmlFreeDoc(doc);
	}
	buf_addch(&b, '\0');
	b.len--;
	return buf_detach(&b);
}

void
feed_markup_html(struct story_set *s, const char *html, size_t n,
		 const char *base)
{
	htmlDocPtr doc;

	if (!html || !n)
		return;
	doc = html_fragment(html, n);
	if (!doc)
		return;
	feed_markup_nodes(s, xmlDocGetRootElement(doc), base);
	xmlFreeDoc(doc);
}
