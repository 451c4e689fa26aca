/*
 * rss: RSS 0.9x, 1.0 (RDF, with PRISM) and 2.0, Atom 1.0 and 0.3, as an
 * edition.  The feed is the edition (its title, the date of its newest
 * item); items are articles; pages are the sections (an item's first
 * category, or PRISM's section and pages), in order of first appearance,
 * one page named after the feed for the items with none.  With PRISM page
 * numbers the pages are in print order and an item on "A1, A12" jumps.
 *
 * Streaming: the reader walks the document; each item is expanded alone,
 * read, then skipped, so only one item is ever a tree.  A feed that is not
 * well-formed is read again: first with the HTML entities feeds use
 * undeclared (&nbsp;) spelled as character references, then in libxml2's
 * recovery mode, with a warning that text may be missing.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/uri.h>

#include "feed.h"
#include "text.h"
#include "util.h"

/* What the channel says of itself, kept until the end (priorities). */
struct channel {
	char *title, *pubname, *cover, *edition, *publisher, *lang, *date;
	char *author;		/* Atom feed author: entries inherit it */
	char *link;
	const char *fallback;	/* the page of items with no section */
	const char *path;	/* the feed's file, or NULL */
	unsigned root_line;	/* where the root element is */
	char root[32];		/* its name as written ("rdf:RDF") */
	const char *url;	/* the feed's URL when fetched, or NULL */
	struct diags *d;	/* for warnings about items */
	bool prism;		/* some item has PRISM pages */
	bool atom;
};

static bool
ns_is(xmlNodePtr n, const char *prefix_uri_part)
{
	return n->ns && n->ns->href &&
	       strstr((const char *)n->ns->href, prefix_uri_part);
}

/* Is n in a namespace of RSS or Atom themselves (or none)? */
static bool
core_ns(xmlNodePtr n)
{
	static const char *const ns[] = {
		"purl.org/rss/1.0/", "my.netscape.com/rdf/simple/0.9",
		"purl.org/net/rss1.1", "backend.userland.com/rss",
		"www.w3.org/2005/Atom", "purl.org/atom/ns",
		"www.w3.org/1999/02/22-rdf-syntax-ns", NULL,
	};
	size_t i;

	if (!n->ns || !n->ns->href)
		return true;
	for (i = 0; ns[i]; i++)
		if (strstr((const char *)n->ns->href, ns[i]))
			return true;
	return false;
}

static char *
text_of(xmlNodePtr n)
{
	char *t = feed_node_text(n);

	if (t && !*t) {
		xmlFree(t);
		return NULL;
	}
	return t;
}

/* Keep the first non-empty value. */
static void
keep(char **slot, char *v)
{
	if (!*slot && v && *v)
		*slot = v;
	else
		xmlFree(v);
}

/* The plain text of a string of HTML (a title of type="html"). */
static char *
html_text(const char *html)
{
	if (!strchr(html, '<') && !strchr(html, '&'))
		return xstrdup(html);
	return feed_html_text(html, strlen(html));
}

/* An Atom text construct (title, summary) as plain text. */
static char *
atom_text(xmlNodePtr n)
{
	char *type = feed_attr(n, "type"), *t = text_of(n), *r = t;

	if (t && type && (!strcasecmp(type, "html") ||
			  !strcasecmp(type, "text/html"))) {
		r = html_text(t);
		xmlFree(t);
		t = xmlMemStrdup(r);
		free(r);
		r = t;
	}
	xmlFree(type);
	return r;
}

/* "ann@example.org (Ann Writer)" -> "Ann Writer"; else as it is. */
static void
add_author(struct story_set *s, const char *a)
{
	const char *open = strchr(a, '('), *close = strrchr(a, ')');

	if (strchr(a, '@') && open && close && close > open + 1) {
		/* The name is the part without the @: "me@x (Name)" or
		   "Name (me@x)". */
		if (memchr(open, '@', (size_t)(close - open)))
			story_field(s, SF_BYLINE, a, (size_t)(open - a));
		else
			story_field(s, SF_BYLINE, open + 1,
				    (size_t)(close - open - 1));
	} else {
		story_field(s, SF_BYLINE, a, (size_t)-1);
	}
}

/* An Atom person: its name, else its email. */
static char *
person(xmlNodePtr n)
{
	xmlNodePtr c = feed_child(n, "name");
	char *t = c ? text_of(c) : NULL;

	if (!t && (c = feed_child(n, "email")))
		t = text_of(c);
	if (!t)
		t = text_of(n);	/* Atom 0.3 and RSS: text */
	return t;
}

static bool
is_image(const char *type, const char *medium, const char *url)
{
	const char *dot;

	if (medium)
		return !strcasecmp(medium, "image");
	if (type)
		return !strncasecmp(type, "image/", 6);
	if (!url || !(dot = strrchr(url, '.')))
		return false;
	return !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg") ||
	       !strcasecmp(dot, ".png") || !strcasecmp(dot, ".gif") ||
	       !strcasecmp(dot, ".webp");
}

/* Media RSS: media:content, media:group, media:thumbnail; the caption
   and credit from the element, else from the item. */
struct photo {
	char *src, *caption, *credit, *title;
};

static void
media_fields(xmlNodePtr n, struct photo *p)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !ns_is(c, "search.yahoo"))
			continue;
		if (feed_is(c, "description"))
			keep(&p->caption, text_of(c));
		else if (feed_is(c, "credit"))
			keep(&p->credit, text_of(c));
		else if (feed_is(c, "title"))
			keep(&p->title, text_of(c));
	}
}

static void
photo_release(struct photo *p)
{
	xmlFree(p->src);
	xmlFree(p->caption);
	xmlFree(p->credit);
	xmlFree(p->title);
	memset(p, 0, sizeof(*p));
}

static void
media_content(xmlNodePtr n, struct photo *p, struct photo *item)
{
	char *url = feed_attr(n, "url"), *type = feed_attr(n, "type");
	char *medium = feed_attr(n, "medium");

	if (url && !p->src && is_image(type, medium, url)) {
		p->src = url;
		url = NULL;
		media_fields(n, p);
		media_fields(n->parent, item);	/* media:group */
	}
	xmlFree(url);
	xmlFree(type);
	xmlFree(medium);
}

/* PRISM pages: "A1, A12" -> A1 then A12; "1-3, 12" -> 1, 12; a bare
   number takes a one- or two-letter section ("A" + "12"). */
static void
prism_pages(struct story_set *s, const char *range, const char *section)
{
	bool letter = section && strlen(section) <= 2 &&
		      isalpha((unsigned char)section[0]);
	const char *p = range;

	while (*p) {
		size_t n;
		char label[64];

		p += strspn(p, " ,;\t\n");
		n = strcspn(p, ",;");
		if (n) {
			size_t m = strcspn(p, "-\xe2");	/* "1-3", "1–3" */
			char tok[48];

			if (m > n)
				m = n;
			while (m && isspace((unsigned char)p[m - 1]))
				m--;
			if (m && m < sizeof(tok)) {
				memcpy(tok, p, m);
				tok[m] = '\0';
				if (letter && isdigit((unsigned char)tok[0]))
					snprintf(label, sizeof(label), "%s%s",
						 section, tok);
				else
					snprintf(label, sizeof(label), "%s",
						 tok);
				story_page(s, label, section);
			}
		}
		p += n;
	}
}

/*
 * Is this enclosure an edition file (a feed of editions)?  Its type says
 * (folio's application/vnd.folio.edition+xml, or XML), else a name
 * ending in .xml.
 */
static bool
is_edition(const char *type, const char *url)
{
	size_t n;

	if (type)
		return strstr(type, "folio") ||
		       !strcasecmp(type, "application/xml") ||
		       !strcasecmp(type, "text/xml");
	n = strcspn(url, "?#");
	return n > 4 && !strncasecmp(url + n - 4, ".xml", 4);
}

/*
 * Where an offered edition is: a URL resolved against the item's base
 * (xml:base, or the feed's own URL); a relative name in a feed read from
 * a file is beside that file.  The caller frees the result.
 */
static char *
edition_path(const struct channel *ch, const char *base, const char *href)
{
	xmlChar *u;
	char *r;

	if (strstr(href, "://"))
		return xstrdup(href);
	/* "/2026-03-14.xml" from the web is on that host, not here. */
	if (base && strstr(base, "://")) {
		u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
		r = xstrdup(u ? (const char *)u : href);
		xmlFree(u);
		return r;
	}
	if (href[0] == '/' || (!base && !ch->path))
		return xstrdup(href);
	if (ch->path && strchr(ch->path, '/')) {
		struct buf b = BUF_INIT;

		buf_add(&b, ch->path, (size_t)(strrchr(ch->path, '/') -
					      ch->path + 1));
		buf_adds(&b, href);
		return buf_detach(&b);
	}
	return xstrdup(href);
}

/* Plain text with blank lines between paragraphs. */
static void
plain_body(struct story_set *s, const char *t)
{
	while (*t) {
		const char *e = strstr(t, "\n\n");
		size_t n = e ? (size_t)(e - t) : strlen(t);

		story_block_begin(s, BLOCK_PARA);
		story_text(s, t, n);
		story_block_end(s);
		t += n;
		t += strspn(t, "\n \t\r");
	}
}

enum body_kind { BODY_NONE, BODY_HTML, BODY_TEXT, BODY_XHTML };

/* The body chosen among the item's: content:encoded, then Atom content,
   then description or summary. */
struct body {
	xmlNodePtr node;
	int rank;
	enum body_kind kind;
};

static void
offer(struct body *b, xmlNodePtr n, int rank, enum body_kind kind)
{
	if (rank > b->rank) {
		b->node = n;
		b->rank = rank;
		b->kind = kind;
	}
}

static enum body_kind
atom_kind(xmlNodePtr n, struct channel *ch)
{
	char *type = feed_attr(n, "type"), *mode = feed_attr(n, "mode");
	enum body_kind k = ch->atom ? BODY_TEXT : BODY_HTML;

	if (type && (!strcasecmp(type, "html") ||
		     !strcasecmp(type, "text/html")))
		k = BODY_HTML;
	else if (type && (!strcasecmp(type, "xhtml") ||
			  !strcasecmp(type, "application/xhtml+xml")))
		k = BODY_XHTML;
	else if (type && strcasecmp(type, "text") &&
		 strcasecmp(type, "text/plain"))
		k = strstr(type, "html") ? BODY_HTML : BODY_NONE;
	if (mode && !strcasecmp(mode, "escaped") && k == BODY_TEXT)
		k = BODY_HTML;	/* Atom 0.3 */
	if (mode && !strcasecmp(mode, "xml"))
		k = BODY_XHTML;
	xmlFree(type);
	xmlFree(mode);
	return k;
}

static void
emit_body(struct story_set *s, const struct body *b, const char *base)
{
	char *t;

	if (!b->node)
		return;
	switch (b->kind) {
	case BODY_XHTML: {
		xmlNodePtr div = feed_child(b->node, "div");

		feed_markup_nodes(s, div ? div->children : b->node->children,
				  base);
		break;
	}
	case BODY_HTML:
		if ((t = text_of(b->node))) {
			feed_markup_html(s, t, strlen(t), base);
			xmlFree(t);
		}
		break;
	case BODY_TEXT:
		if ((t = text_of(b->node))) {
			plain_body(s, t);
			xmlFree(t);
		}
		break;
	case BODY_NONE:
		break;
	}
}

/* One item or entry, expanded. */
static void
read_item(struct story_set *s, xmlNodePtr item, struct channel *ch)
{
	const char *page = ch->title ? ch->title : ch->fallback;
	xmlNodePtr c;
	struct body body = { NULL, 0, BODY_NONE };
	struct photo ph = { 0 }, itemph = { 0 }, encl = { 0 }, thumb = { 0 };
	char *id = NULL, *title = NULL, *link = NULL, *date = NULL;
	char *section = NULL, *psection = NULL, *start = NULL, *range = NULL;
	char *author = NULL, *edition = NULL;
	xmlChar *base = xmlNodeGetBase(item->doc, item);
	struct buf authors = BUF_INIT;	/* NUL-separated */

	for (c = item->children; c; c = c->next) {
		const char *n = (const char *)c->name;
		bool dc, prism, media, atomns, content;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		dc = ns_is(c, "purl.org/dc/");
		prism = ns_is(c, "prismstandard");
		media = ns_is(c, "search.yahoo");
		content = ns_is(c, "rss/1.0/modules/content");
		atomns = ns_is(c, "www.w3.org/2005/Atom") ||
			 ns_is(c, "purl.org/atom/ns");
		/* An extension module's <description> or <title> is not the
		   item's: only the feed's own namespaces are read as such. */
		if (!dc && !prism && !media && !content && !core_ns(c) &&
		    !(!strcmp(n, "body") && ns_is(c, "www.w3.org/1999/xhtml")))
			continue;
		if (!strcmp(n, "body")) {
			offer(&body, c, 4, BODY_XHTML);
		} else if (!strcmp(n, "fullitem")) {
			offer(&body, c, 4, BODY_HTML);
		} else if (media) {
			if (!strcmp(n, "content"))
				media_content(c, &ph, &itemph);
			else if (!strcmp(n, "group")) {
				xmlNodePtr g;

				for (g = c->children; g; g = g->next)
					if (feed_is(g, "content"))
						media_content(g, &ph, &itemph);
				media_fields(c, &itemph);
			} else if (!strcmp(n, "thumbnail") && !thumb.src) {
				thumb.src = feed_attr(c, "url");
			} else if (!strcmp(n, "description")) {
				keep(&itemph.caption, text_of(c));
			} else if (!strcmp(n, "credit")) {
				keep(&itemph.credit, text_of(c));
			}
		} else if (prism) {
			if (!strcmp(n, "section"))
				keep(&psection, text_of(c));
			else if (!strcmp(n, "startingPage"))
				keep(&start, text_of(c));
			else if (!strcmp(n, "pageRange"))
				keep(&range, text_of(c));
		} else if (content && !strcmp(n, "encoded")) {
			offer(&body, c, 4, BODY_HTML);
		} else if (!strcmp(n, "title") && !dc) {
			keep(&title, atomns ? atom_text(c) : text_of(c));
		} else if (!strcmp(n, "title")) {
			keep(&title, text_of(c));
		} else if (!strcmp(n, "link") && !dc) {
			char *rel = feed_attr(c, "rel");
			char *href = feed_attr(c, "href");

			if (href) {
				char *type = feed_attr(c, "type");

				if (!rel || !strcmp(rel, "alternate"))
					keep(&link, href);
				else if (!strcmp(rel, "enclosure") &&
					 !edition && is_edition(type, href))
					edition = href;
				else if (!strcmp(rel, "enclosure") &&
					 is_image(type, NULL, href) &&
					 !encl.src)
					encl.src = href;
				else
					xmlFree(href);
				xmlFree(type);
			} else {
				keep(&link, text_of(c));
			}
			xmlFree(rel);
		} else if (!strcmp(n, "guid") || !strcmp(n, "id") ||
			   (dc && !strcmp(n, "identifier"))) {
			keep(&id, text_of(c));
		} else if (!strcmp(n, "creator") || !strcmp(n, "author") ||
			   (atomns && !strcmp(n, "contributor"))) {
			char *a = atomns ? person(c) : text_of(c);

			if (a) {
				if (!strcmp(n, "contributor")) {
					keep(&author, a);
				} else {
					buf_adds(&authors, a);
					buf_addch(&authors, '\0');
					xmlFree(a);
				}
			}
		} else if (!strcmp(n, "pubDate") || !strcmp(n, "published") ||
			   !strcmp(n, "issued") || !strcmp(n, "updated") ||
			   !strcmp(n, "modified") || !strcmp(n, "created") ||
			   (dc && !strcmp(n, "date"))) {
			keep(&date, text_of(c));
		} else if (!strcmp(n, "category") ||
			   (dc && !strcmp(n, "subject"))) {
			char *t = feed_attr(c, "label");

			if (!t)
				t = feed_attr(c, "term");
			if (!t)
				t = text_of(c);
			keep(&section, t);
		} else if (!strcmp(n, "content")) {
			offer(&body, c, 3, atom_kind(c, ch));
		} else if (!strcmp(n, "description") && !dc) {
			offer(&body, c, 2, BODY_HTML);
		} else if (!strcmp(n, "summary") ||
			   (dc && !strcmp(n, "description"))) {
			offer(&body, c, 1, atomns ? atom_kind(c, ch) : BODY_HTML);
		} else if (!strcmp(n, "enclosure")) {
			char *url = feed_attr(c, "url");
			char *type = feed_attr(c, "type");

			if (url && !encl.src && is_image(type, NULL, url)) {
				encl.src = url;
				url = NULL;
			} else if (url && !edition && is_edition(type, url)) {
				edition = url;
				url = NULL;
			}
			xmlFree(url);
			xmlFree(type);
		}
	}

	/* A guid that is a permalink is the link when there is none. */
	if (!link && id && !strncmp(id, "http", 4) && feed_safe_url(id)) {
		xmlNodePtr g = feed_child(item, "guid");
		char *perma = g ? feed_attr(g, "isPermaLink") : NULL;

		if (g && (!perma || strcasecmp(perma, "false")))
			link = (char *)xmlStrdup((xmlChar *)id);
		xmlFree(perma);
	}
	story_add(s, id, (unsigned)xmlGetLineNo(item), 0);
	if (!title && itemph.title)
		story_field(s, SF_HEADLINE, itemph.title, (size_t)-1);
	if (title)
		story_field(s, SF_HEADLINE, title, (size_t)-1);
	if (authors.len) {
		const char *a = authors.s;

		for (; a < authors.s + authors.len; a += strlen(a) + 1)
			add_author(s, a);
	} else if (author) {
		add_author(s, author);
	} else if (ch->author) {
		add_author(s, ch->author);
	}
	buf_release(&authors);
	if (link) {
		char *abs = feed_resolve(link, (const char *)base);

		if (abs)
			story_field(s, SF_URL, abs, (size_t)-1);
		else
			diags_add(ch->d, DIAG_WARNING,
				  (unsigned)xmlGetLineNo(item), 0, "a link "
				  "that is not http(s) is not kept: \"%.40s\"",
				  link);
		free(abs);
	}
	if (date)
		story_field(s, SF_DATE, date, (size_t)-1);
	if (edition) {
		char *where = edition_path(ch, (const char *)base, edition);

		/* A feed from the web offers editions on the web only, never
		   a file of this machine. */
		if (ch->url && strncasecmp(where, "http://", 7) &&
		    strncasecmp(where, "https://", 8))
			diags_add(ch->d, DIAG_WARNING,
				  (unsigned)xmlGetLineNo(item), 0, "an edition "
				  "offered by a feed from the web must be on "
				  "the web: \"%.60s\" is not kept", where);
		else
			story_field(s, SF_EDITION, where, (size_t)-1);
		free(where);
	}
	if (start || range) {
		ch->prism = true;
		prism_pages(s, range ? range : start, psection);
	}
	if (psection)
		story_field(s, SF_SECTION, psection, (size_t)-1);
	if (section)
		story_field(s, SF_SECTION, section, (size_t)-1);
	if (!start && !range)
		story_page(s, psection ? psection : section ? section : page,
			   psection ? psection : section);

	/* The photo first (a lead photo), then the body. */
	if (!ph.src && encl.src) {
		ph.src = encl.src;
		encl.src = NULL;
	}
	if (!ph.src && thumb.src) {
		ph.src = thumb.src;
		thumb.src = NULL;
	}
	if (ph.src) {
		keep(&ph.caption, itemph.caption);
		itemph.caption = NULL;
		keep(&ph.caption, ph.title);
		ph.title = NULL;
		keep(&ph.caption, itemph.title);
		itemph.title = NULL;
		keep(&ph.credit, itemph.credit);
		itemph.credit = NULL;
		story_photo(s, ph.caption, ph.credit, ph.src);
	}
	emit_body(s, &body, base ? (const char *)base : ch->link);

	photo_release(&ph);
	photo_release(&itemph);
	photo_release(&encl);
	photo_release(&thumb);
	xmlFree(id);
	xmlFree(title);
	xmlFree(link);
	xmlFree(date);
	xmlFree(section);
	xmlFree(psection);
	xmlFree(start);
	xmlFree(range);
	xmlFree(author);
	xmlFree(edition);
	xmlFree(base);
}

/* A channel-level element, expanded. */
static void
read_channel_field(xmlNodePtr c, struct channel *ch)
{
	const char *n = (const char *)c->name;
	bool dc = ns_is(c, "purl.org/dc/"), prism = ns_is(c, "prismstandard");
	bool atomns = ns_is(c, "www.w3.org/2005/Atom") ||
		      ns_is(c, "purl.org/atom/ns");

	if (prism) {
		if (!strcmp(n, "publicationName"))
			keep(&ch->pubname, text_of(c));
		else if (!strcmp(n, "coverDate"))
			keep(&ch->cover, text_of(c));
		else if (!strcmp(n, "edition"))
			keep(&ch->edition, text_of(c));
	} else if (!strcmp(n, "title") && !dc) {
		keep(&ch->title, atomns ? atom_text(c) : text_of(c));
	} else if (!strcmp(n, "title")) {
		keep(&ch->title, text_of(c));
	} else if (!strcmp(n, "language")) {
		keep(&ch->lang, text_of(c));
	} else if (!strcmp(n, "publisher") || !strcmp(n, "managingEditor")) {
		keep(&ch->publisher, text_of(c));
	} else if (!strcmp(n, "author") && atomns) {
		keep(&ch->author, person(c));
	} else if (!strcmp(n, "link") && !dc) {
		char *rel = feed_attr(c, "rel"), *href = feed_attr(c, "href");

		if (href && (!rel || !strcmp(rel, "alternate")))
			keep(&ch->link, href);
		else if (!href)
			keep(&ch->link, text_of(c));
		else
			xmlFree(href);
		xmlFree(rel);
	} else if (!strcmp(n, "pubDate") || !strcmp(n, "lastBuildDate") ||
		   !strcmp(n, "updated") || !strcmp(n, "modified") ||
		   (dc && !strcmp(n, "date"))) {
		keep(&ch->date, text_of(c));
	}
}

static void
channel_release(struct channel *ch)
{
	xmlFree(ch->title);
	xmlFree(ch->pubname);
	xmlFree(ch->cover);
	xmlFree(ch->edition);
	xmlFree(ch->publisher);
	xmlFree(ch->lang);
	xmlFree(ch->date);
	xmlFree(ch->author);
	xmlFree(ch->link);
}

/*
 * One pass over the document.  Returns the number of nodes read (0: not
 * even a root) or -1 when the parse failed (errors in d).
 */
static long
read_feed(xmlTextReaderPtr r, struct story_set *s, struct channel *ch)
{
	long nodes = 0;
	int ret, chan_depth = -1;

	ret = xmlTextReaderRead(r);
	while (ret == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		const char *n = (const char *)xmlTextReaderConstLocalName(r);

		nodes++;
		if (type != XML_READER_TYPE_ELEMENT || !n) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (depth == 0) {
			xmlNodePtr root = xmlTextReaderCurrentNode(r);

			const xmlChar *qn = xmlTextReaderConstName(r);

			ch->root_line = root && xmlGetLineNo(root) > 0 ?
					(unsigned)xmlGetLineNo(root) : 0;
			snprintf(ch->root, sizeof(ch->root), "<%s",
				 qn ? (const char *)qn : "");
			if (!strcmp(n, "feed"))
				ch->atom = true, chan_depth = 0;
			else if (!strcmp(n, "channel") || !strcmp(n, "Channel"))
				chan_depth = 0;	/* RSS 0.9x, RSS 1.1 */
			else if (!strcmp(n, "entry"))
				ch->atom = true;	/* an entry alone */
			if (!ch->lang) {
				xmlChar *l = xmlTextReaderXmlLang(r);

				keep(&ch->lang, (char *)l);
			}
		} else if (depth == 1 && !strcmp(n, "channel")) {
			chan_depth = 1;
		}
		if (!strcmp(n, "item") || !strcmp(n, "entry")) {
			xmlNodePtr item = xmlTextReaderExpand(r);

			if (item)
				read_item(s, item, ch);
			ret = xmlTextReaderNext(r);
			continue;
		}
		if (chan_depth >= 0 && depth == chan_depth + 1) {
			xmlNodePtr f = xmlTextReaderExpand(r);

			if (f)
				read_channel_field(f, ch);
			ret = xmlTextReaderNext(r);
			continue;
		}
		ret = xmlTextReaderRead(r);
	}
	return ret < 0 ? -1 : nodes;
}

/*
 * The document with what HTML allows and XML does not spelled out: the
 * HTML entities it uses undeclared (&nbsp; &eacute; &mdash;...) as
 * character references, a bare "&" as &amp;, &#X41; as &#x41;.  NULL
 * when there was nothing to do.
 */
static char *
spell_entities(const struct feed_src *src, size_t *len)
{
	struct buf b = BUF_INIT;
	const char *p = src->data, *end = p + src->len;
	bool any = false;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *semi;
		char name[32];
		size_t n;
		const htmlEntityDesc *e;

		if (!amp) {
			buf_add(&b, p, (size_t)(end - p));
			break;
		}
		buf_add(&b, p, (size_t)(amp - p));
		p = amp + 1;
		if (p < end && *p == '#') {
			/* &#65; stays; &#X41; is XML's &#x41;; a bare "&#"
			   is text. */
			size_t k = 1;
			bool hex = p + 1 < end && (p[1] == 'x' || p[1] == 'X');

			k += hex;
			while (p + k < end && (hex ? isxdigit((unsigned char)p[k])
					       : isdigit((unsigned char)p[k])))
				k++;
			if (k > (size_t)1 + hex && p + k < end && p[k] == ';') {
				buf_adds(&b, hex ? "&#x" : "&#");
				buf_add(&b, p + 1 + hex, k - 1 - hex);
				buf_addch(&b, ';');
				any |= hex && p[1] == 'X';
				p += k + 1;
				continue;
			}
			buf_adds(&b, "&amp;");
			any = true;
			continue;
		}
		n = 0;
		while (p + n < end && n < sizeof(name) - 1 &&
		       isalnum((unsigned char)p[n]))
			n++;
		semi = p + n;
		if (n && semi < end && *semi == ';') {
			memcpy(name, p, n);
			name[n] = '\0';
			if (strcmp(name, "amp") && strcmp(name, "lt") &&
			    strcmp(name, "gt") && strcmp(name, "quot") &&
			    strcmp(name, "apos") &&
			    (e = htmlEntityLookup((const xmlChar *)name))) {
				buf_addf(&b, "&#%u;", e->value);
				p = semi + 1;
				any = true;
				continue;
			}
			buf_addch(&b, '&');	/* declared in the DTD? */
			continue;
		}
		/* A bare "&" (AT&T, Q&A, ?a=1&b=2): text, as HTML reads it. */
		buf_adds(&b, "&amp;");
		any = true;
	}
	if (!any) {
		buf_release(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

/* Did the parse stop at one of libxml2's limits (diagnostics from i)? */
static bool
over_limit(const struct diags *d, size_t i)
{
	for (; i < d->n; i++)
		if (strstr(d->v[i].msg, "huge") ||
		    strstr(d->v[i].msg, "xcessive depth") ||
		    strstr(d->v[i].msg, "entity refers to itself") ||
		    strstr(d->v[i].msg, "amplification"))
			return true;
	return false;
}

/* Did the parse stop at bytes that are not UTF-8 (diagnostics from i)?
   libxml2 says so of a control character in CDATA too: only bytes that
   are not UTF-8 count. */
static bool
not_utf8(const struct feed_src *src, const struct diags *d, size_t i)
{
	if (utf8_valid(src->data, src->len))
		return false;
	for (; i < d->n; i++)
		if (strstr(d->v[i].msg, "not proper UTF-8") ||
		    strstr(d->v[i].msg, "invalid character in attribute") ||
		    strstr(d->v[i].msg, "Char 0x"))
			return true;
	return false;
}

/* Whether byte c is a control character no XML document may hold as it
   is (XML 1.1 allows them only as character references). */
static bool
is_forbidden_c0(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* src's bytes without the control characters XML forbids, for the parse
   in recovery mode: libxml2 takes a NUL for the end of the input, and
   gives up the rest of a CDATA section at a control character, so every
   item after either would be lost.  NULL when there is none, or when the
   text is UTF-16 or UTF-32 (a NUL in its first four bytes), whose NULs
   are its own, or ISO-2022 (named in the XML declaration or the HTTP
   charset), whose ESCs are. */
static char *
without_controls(const struct feed_src *src, size_t *len)
{
	const unsigned char *p = (const unsigned char *)src->data;
	size_t i, n = 0;
	char *out;

	if (src->len < 4 || memchr(p, '\0', 4) ||
	    memmem(p, src->len < 200 ? src->len : 200, "2022", 4) ||
	    (src->charset && strstr(src->charset, "2022")))
		return NULL;
	for (i = 0; i < src->len && !is_forbidden_c0(p[i]); i++)
		;
	if (i == src->len)
		return NULL;
	out = xmalloc(src->len);
	for (i = 0; i < src->len; i++)
		if (!is_forbidden_c0(p[i]))
			out[n++] = (char)p[i];
	*len = n;
	return out;
}

/* The column of tag ("<rss") on line ln of the source (UTF-8 or
   ASCII-compatible), or 0 when it is not found there. */
static unsigned
column_of(const struct feed_src *src, unsigned ln, const char *tag)
{
	const char *p = src->data, *end = p + src->len, *nl, *t;
	unsigned i;

	for (i = 1; i < ln && p < end; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return 0;
		p = nl + 1;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	t = memmem(p, (size_t)((nl ? nl : end) - p), tag, strlen(tag));
	return t ? (unsigned)(t - p) + 1 : 0;
}

/* The file's own name, or the URL's last part, for a feed with no title. */
static const char *
fallback_title(const struct feed_src *src)
{
	const char *p = src->path ? src->path : src->url, *slash;

	if (!p || !strcmp(p, "-"))
		return "Feed";
	slash = strrchr(p, '/');
	return slash && slash[1] ? slash + 1 : p;
}

struct edition *
rss_load(const struct feed_src *src, struct diags *d, int *status)
{
	struct feed_src fixed = *src;
	struct story_set *s = NULL;
	struct channel ch;
	struct edition *ed = NULL;
	char *respelled = NULL, *cleaned = NULL;
	long nodes = -1;
	int pass;
	size_t nerr = d->nerrors, nd = d->n;

	*status = EX_DATAERR;
	memset(&ch, 0, sizeof(ch));
	/* Passes: as it is; as Windows-1252 when it is not the UTF-8 it
	   says (or is taken for); with HTML's entities spelled out; from
	   libxml2's recovered tree. */
	for (pass = 0; pass < 4 && nodes < 0; pass++) {
		xmlTextReaderPtr r;
		struct diags scratch;
		bool recover = pass == 3;
		xmlDocPtr doc = NULL;

		if (pass == 1 && over_limit(d, nd)) {
			/* libxml2's limits are not to be got round. */
			diags_add(d, DIAG_ERROR, 0, 0, "the feed goes past the "
				  "parser's limits (a text over 10 MB, nesting "
				  "over 256 levels, or entities expanding too "
				  "far): not read");
			break;
		}
		if (pass == 1) {
			if (src->charset || !not_utf8(src, d, nd))
				continue;
			fixed.charset = "windows-1252";
		}
		if (pass == 2) {
			size_t len = 0;

			respelled = spell_entities(src, &len);
			if (!respelled)
				continue;
			fixed.data = respelled;
			fixed.len = len;
		}
		if (recover) {
			size_t len = 0;

			cleaned = without_controls(&fixed, &len);
			if (cleaned) {
				fixed.data = cleaned;
				fixed.len = len;
			}
		}
		diags_init(&scratch, d->file);
		if (recover) {
			/* libxml2's reader gives up where its tree parser
			   recovers: walk the recovered tree instead. */
			doc = feed_doc_read(&fixed, true, &scratch);
			r = doc ? xmlReaderWalker(doc) : NULL;
		} else {
			r = feed_reader_new(&fixed, false, pass ? &scratch : d);
		}
		if (!r) {
			diags_release(&scratch);
			break;
		}
		story_set_free(s);
		channel_release(&ch);
		memset(&ch, 0, sizeof(ch));
		s = story_set_new();
		ch.fallback = fallback_title(src);
		ch.path = src->path;
		ch.url = src->url;
		ch.d = d;
		nodes = read_feed(r, s, &ch);
		if (doc)
			xmlFreeTextReader(r);
		else
			feed_reader_free(r);
		if (pass == 0 && nodes < 0) {
			/* Keep the first complaint: it says where. */
			size_t i;

			for (i = nd; i < d->n; i++)
				d->v[i].level = DIAG_WARNING;
			d->nwarnings += d->nerrors - nerr;
			d->nerrors = nerr;
		}
		if (pass && nodes >= 0) {
			static const char *const why[] = {
				"",
				"not UTF-8 as it says or as XML assumes: read "
				"as Windows-1252",
				"HTML entities used without being declared, "
				"or a bare \"&\", were read as HTML reads "
				"them",
				"not well-formed XML: read in recovery mode, "
				"some text may be missing",
			};

			diags_add(d, DIAG_WARNING, 0, 0, "%s", why[pass]);
		}
		diags_release(&scratch);
		xmlFreeDoc(doc);
	}
	if (nodes < 0 || !s) {
		if (d->nerrors == nerr)
			diags_add(d, DIAG_ERROR, 0, 0, "cannot read the feed");
		goto out;
	}
	story_set_order(s, ch.prism ? ORDER_PRINT : ORDER_APPEARANCE);
	story_set_meta(s, META_TITLE, ch.pubname, (size_t)-1);
	story_set_meta(s, META_TITLE, ch.title, (size_t)-1);
	story_set_meta(s, META_DATE, ch.cover, (size_t)-1);
	story_set_meta(s, META_NAME, ch.edition, (size_t)-1);
	story_set_meta(s, META_PUBLISHER, ch.publisher, (size_t)-1);
	story_set_meta(s, META_LANG, ch.lang, (size_t)-1);
	/* An empty feed is still a feed: one empty page, said. */
	if (!story_count(s)) {
		diags_add(d, DIAG_WARNING, ch.root_line,
			  column_of(src, ch.root_line, ch.root),
			  "the feed has no items");
		story_declare_page(s, ch.title, NULL);
		if (!story_page_count(s))	/* no title, or one of nothing */
			story_declare_page(s, ch.fallback, NULL);
	}
	story_set_meta(s, META_DATE_DEFAULT, ch.date, (size_t)-1);
	ed = story_build(s, ch.fallback, ch.fallback, d);
	if (ed)
		*status = 0;
out:
	story_set_free(s);
	channel_release(&ch);
	free(respelled);
	free(cleaned);
	return ed;
}
