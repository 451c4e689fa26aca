/*
 * nitf: NITF 3.x documents as stories.  A file holds one <nitf> or
 * several under a root of any name (a collection, a NewsML 1.x wrapper),
 * with or without NITF's namespace.  Each document is expanded on its
 * own, copied (so that it can be mended: DTI's smart quotes written as
 * comments, its vendor media fields) and becomes one story:
 *
 *   docdata/doc-id@id-string	the story's id
 *   pubdata (0..n)		its pages in reading order: position.section
 *				+ position.sequence ("A" + "1" = "A1"),
 *				trimmed; several make a jump chain.  Also
 *				the edition's title (@name), name
 *				(@edition.name) and date (@date.publication)
 *   hedline/hl1, hl2		headline, deck (else head/title, else a
 *				heading opening the body)
 *   byline			person, then ", " and byttl
 *   dateline, body.content	dateline and body (feed_markup_nodes);
 *   body.end/tagline		a last paragraph, in italics
 *
 * A document printed on no page goes on its section's page (a pubdata's
 * lone position.section, else the first tobject.subject's type), else on
 * "News".  Pages are in print order (A1 < A2 < A12 < B1).
 *
 * Inside a NewsML 1.x NewsItem, its NewsLines (HeadLine, SubHeadLine,
 * ByLine, DateLine, SlugLine) give what the NITF leaves unsaid.
 *
 * nitf_fill() reads one document into the current story for the
 * NewsML-G2 importer too, whose items often carry NITF.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include <libxml/tree.h>

#include "feed.h"
#include "util.h"

/* Used by newsml.c as well; see the end of this file. */
void nitf_fill(struct story_set *s, xmlNodePtr nitf, bool pages,
	       const struct feed_src *src, struct diags *d);
unsigned nitf_where(const struct feed_src *src, xmlNodePtr n,
		    unsigned *col);
void nitf_dateline(struct story_set *s, const char *t);

struct nitf {
	const struct feed_src *src;
	struct diags *d;
	struct story_set *s;
	char *publisher;	/* the first doc.copyright holder, or NULL */
	size_t ndocs;
};

/* ---- small helpers ---- */

/* Is there a start tag tag (tl bytes) at p, before end? */
static bool
tag_at(const char *p, const char *end, const char *tag, size_t tl)
{
	return p + tl <= end && !memcmp(p, tag, tl) && (p + tl == end ||
	       feed_is_space(p[tl]) || p[tl] == '>' || p[tl] == '/');
}

/*
 * Where element n's start tag begins in src: its line, and its column
 * (1-based, in characters) in *col, 0 when not found (a document not in
 * UTF-8, a line past libxml2's 65535).  libxml2 numbers an element by
 * the line its start tag ends on: "<name" or "<prefix:name" is looked
 * for on that line (after the one found last, when that was on this
 * line: elements are mostly asked for in document order), else on the
 * lines before it.  Where the last call ended is remembered, so that a
 * document asked about in order is scanned once; nitf_where(NULL, ...)
 * forgets it (call it before freeing a document asked about).
 */
unsigned
nitf_where(const struct feed_src *src, xmlNodePtr n, unsigned *col)
{
	static struct {
		const char *data;
		long line;		/* the line starting at off */
		size_t off, eol;	/* and ending at eol */
		size_t hit;		/* the last tag found, or NONE */
		unsigned col;		/* its column */
	} at;
	long want = n ? xmlGetLineNo(n) : -1, line;
	const char *p, *end, *bol, *eol, *hit = NULL;
	char tag[128];
	size_t tl;
	int back;

	*col = 0;
	if (!src) {
		memset(&at, 0, sizeof(at));	/* a buffer freed */
		return 0;
	}
	if (!src->data || want <= 0 || n->type != XML_ELEMENT_NODE)
		return want > 0 ? (unsigned)want : 0;
	if (n->ns && n->ns->prefix)
		snprintf(tag, sizeof(tag), "<%s:%s", n->ns->prefix, n->name);
	else
		snprintf(tag, sizeof(tag), "<%s", n->name);
	tl = strlen(tag);
	if (at.data != src->data || at.line > want || at.off > src->len ||
	    at.eol > src->len) {
		at.data = src->data;
		at.line = 1;
		at.off = at.eol = 0;
		at.hit = NONE;
	}
	end = src->data + src->len;
	p = src->data + at.off;
	for (line = at.line; line < want; line++) {
		if (!(p = memchr(p, '\n', (size_t)(end - p))))
			return (unsigned)want;
		p++;
	}
	bol = p;
	if (line != at.line || !at.eol) {
		at.hit = NONE;
		at.line = line;
		at.off = (size_t)(bol - src->data);
		if (!(eol = memchr(bol, '\n', (size_t)(end - bol))))
			eol = end;
		at.eol = (size_t)(eol - src->data);
	}
	eol = src->data + at.eol;
	/* On its line: after the last one found there, else the first. */
	if (at.hit != NONE)
		for (p = src->data + at.hit + 1; !hit && p < eol &&
		     (p = memchr(p, '<', (size_t)(eol - p))); p++)
			if (tag_at(p, eol, tag, tl))
				hit = p;
	for (p = bol; !hit && p < eol &&
	     (p = memchr(p, '<', (size_t)(eol - p))); p++)
		if (tag_at(p, eol, tag, tl))
			hit = p;
	/* Else the last one on the lines before. */
	for (back = 0; !hit && back < 64 && bol > src->data; back++) {
		eol = bol - 1;
		for (bol = eol; bol > src->data && bol[-1] != '\n'; bol--)
			;
		for (p = bol; p < eol &&
		     (p = memchr(p, '<', (size_t)(eol - p))); p++)
			if (tag_at(p, eol, tag, tl))
				hit = p;
		line--;
	}
	if (!hit)
		return (unsigned)want;
	p = bol;
	if (line == at.line && at.hit != NONE && src->data + at.hit <= hit) {
		p = src->data + at.hit;
		*col = at.col - 1;
	}
	for (; p < hit; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			(*col)++;
	(*col)++;
	if (line == at.line) {
		at.hit = (size_t)(hit - src->data);
		at.col = *col;
	}
	return (unsigned)line;
}

/* ---- mending a document before it is read ---- */

/* "2019(unknown)": DTI's way of writing U+2019 (as a comment). */
static bool
dti_char(const char *c, char out[5])
{
	unsigned long cp = 0;
	size_t i = 0, n;

	while (feed_is_space(c[i]))
		i++;
	for (n = 0; n < 6; n++, i++) {
		char h = c[i];

		if (h >= '0' && h <= '9')
			cp = cp * 16 + (unsigned long)(h - '0');
		else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
			cp = cp * 16 + (unsigned long)((h | 0x20) - 'a' + 10);
		else
			break;
	}
	if (n < 2 || strncmp(c + i, "(unknown)", 9))
		return false;
	for (i += 9; feed_is_space(c[i]); i++)
		;
	if (c[i] || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
	    (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
		return false;
	if (cp < 0x80) {
		out[0] = (char)cp;
		out[1] = '\0';
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		out[2] = '\0';
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		out[3] = '\0';
	} else {
		out[0] = (char)(0xF0 | cp >> 18);
		out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		out[4] = '\0';
	}
	return true;
}

/* The first non-blank child element of media among names, or NULL. */
static char *
media_field(xmlNodePtr media, const char *const *names)
{
	xmlNodePtr c;
	char *t;

	for (; *names; names++)
		for (c = media->children; c; c = c->next)
			if (feed_is(c, *names) && (t = feed_text(c)) != NULL)
				return t;
	return NULL;
}

/*
 * One media element as feed_markup_nodes reads it: one media-caption
 * and one media-producer, taken from NITF's own fields or DTI's
 * (media-printcaption, else media-originalcaption; media-printproducer,
 * else media-byline).  A media of another type than a picture is
 * dropped, with a warning.
 */
static void
mend_media(xmlNodePtr m, const struct feed_src *src, struct diags *d)
{
	static const char *const caps[] = {
		"media-caption", "media-printcaption",
		"media-originalcaption", NULL,
	};
	static const char *const creds[] = {
		"media-producer", "media-printproducer", "media-byline",
		NULL,
	};
	char *type = feed_attr_text(m, "media-type"), *cap, *cred;
	xmlNodePtr c, next;
	unsigned line, col;

	if (type && strcasecmp(type, "image") && strcasecmp(type, "photo") &&
	    strcasecmp(type, "graphic")) {
		line = nitf_where(src, m, &col);
		diags_add(d, DIAG_WARNING, line, col, "<media> of type \"%s\" "
			  "is not shown (only pictures are)", type);
		free(type);
		xmlUnlinkNode(m);
		xmlFreeNode(m);
		return;
	}
	free(type);
	cap = media_field(m, caps);
	cred = media_field(m, creds);
	for (c = m->children; c; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "media-reference")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	if (cap)
		xmlNewTextChild(m, m->ns, BAD_CAST "media-caption",
				BAD_CAST cap);
	if (cred)
		xmlNewTextChild(m, m->ns, BAD_CAST "media-producer",
				BAD_CAST cred);
	free(cap);
	free(cred);
}

/* Mend the tree under n: DTI's comments into characters, media. */
static void
mend(xmlNodePtr n, int depth, const struct feed_src *src, struct diags *d)
{
	xmlNodePtr c, next;
	char u[5];

	if (depth > 512)
		return;
	for (c = n->children; c; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE && c->content &&
		    dti_char((const char *)c->content, u)) {
			xmlNodePtr t = xmlNewDocText(c->doc, BAD_CAST u);

			xmlReplaceNode(c, t);
			xmlFreeNode(c);
		} else if (feed_is(c, "media")) {
			mend_media(c, src, d);
		} else if (c->type == XML_ELEMENT_NODE) {
			mend(c, depth + 1, src, d);
		}
	}
}

/* ---- one document ---- */

/* The byline's text: its words, each person's name, ", " and a title. */
static void
byline(struct story_set *s, xmlNodePtr by)
{
	struct buf b = BUF_INIT;
	xmlNodePtr c;
	char *t;

	for (c = by->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			buf_adds(&b, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || !(t = feed_text(c)))
			continue;
		while (b.len && feed_is_space(b.s[b.len - 1]))
			buf_truncate(&b, b.len - 1);
		if (feed_is(c, "byttl") && b.len && b.s[b.len - 1] != ',')
			buf_addch(&b, ',');
		if (b.len)
			buf_addch(&b, ' ');
		buf_adds(&b, t);
		free(t);
	}
	story_field(s, SF_BYLINE, buf_str(&b), b.len);
	buf_release(&b);
}

/*
 * The current story's dateline from t, without its closing dash
 * ("SYDNEY March 22 AAP -", "London (dpa) -"): the views set a dash
 * between the dateline and the text.
 */
void
nitf_dateline(struct story_set *s, const char *t)
{
	size_t n = t ? strlen(t) : 0;

	/* Reuters writes a timestamp there: not a place. */
	if (n >= 10 && strspn(t, "0123456789") == 4 && t[4] == '-' &&
	    t[7] == '-')
		return;
	for (;;) {
		while (n && feed_is_space(t[n - 1]))
			n--;
		if (n && (t[n - 1] == '-' || t[n - 1] == ':'))
			n--;
		else if (n >= 3 && (!memcmp(t + n - 3, "\xe2\x80\x93", 3) ||
				    !memcmp(t + n - 3, "\xe2\x80\x94", 3)))
			n -= 3;
		else
			break;
	}
	if (n)
		story_field(s, SF_DATELINE, t, n);
}

/* The dateline's text, without a story.date that only repeats its
   machine-readable norm (EFE's "20170102T222800+0000"). */
static void
dateline(struct story_set *s, xmlNodePtr dl)
{
	xmlNodePtr c, next;
	char *t, *norm;

	if (!dl)
		return;
	for (c = dl->children; c; c = next) {
		next = c->next;
		if (!feed_is(c, "story.date"))
			continue;
		t = feed_text(c);
		norm = feed_attr_text(c, "norm");
		if (t && norm && !strcmp(t, norm)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		free(t);
		free(norm);
	}
	t = feed_text(dl);
	nitf_dateline(s, t);
	free(t);
}

/* The pages of pubdata p (with pages), the edition's fields. */
static void
pubdata(struct story_set *s, xmlNodePtr p, bool pages)
{
	char *sec = feed_attr_text(p, "position.section");
	char *seq = feed_attr_text(p, "position.sequence");
	char *v;

	if (pages) {
		if ((v = feed_attr_text(p, "name")) != NULL)
			story_set_meta(s, META_TITLE, v, (size_t)-1);
		free(v);
		if ((v = feed_attr_text(p, "edition.name")) != NULL)
			story_set_meta(s, META_NAME, v, (size_t)-1);
		free(v);
		if ((v = feed_attr_text(p, "date.publication")) != NULL)
			story_set_meta(s, META_DATE, v, (size_t)-1);
		free(v);
		if (seq) {
			struct buf b = BUF_INIT;

			buf_addf(&b, "%s%s", sec ? sec : "", seq);
			story_page(s, buf_str(&b), sec);
			buf_release(&b);
		} else if (sec) {
			story_field(s, SF_SECTION, sec, (size_t)-1);
		}
	}
	if ((v = feed_attr_text(p, "date.publication")) != NULL)
		story_field(s, SF_DATE, v, (size_t)-1);
	free(v);
	v = feed_attr_text(p, "ex-ref");
	if (v && (!strncasecmp(v, "http://", 7) ||
		  !strncasecmp(v, "https://", 8)))
		story_field(s, SF_URL, v, (size_t)-1);
	free(v);
	free(sec);
	free(seq);
}

/* head: pubdata, docdata's dates, the section from tobject. */
static void
head(struct story_set *s, xmlNodePtr h, bool pages)
{
	xmlNodePtr c, dd;
	char *v;

	for (c = h ? h->children : NULL; c; c = c->next)
		if (feed_is(c, "pubdata"))
			pubdata(s, c, pages);
	if ((dd = feed_child(h, "docdata")) != NULL) {
		static const char *const dates[] = {
			"date.release", "date.issue", NULL,
		};
		const char *const *dn;

		for (dn = dates; *dn; dn++) {
			v = feed_attr_text(feed_child(dd, *dn), "norm");
			story_field(s, SF_DATE, v, (size_t)-1);
			free(v);
		}
	}
	c = feed_child(feed_child(h, "tobject"), "tobject.subject");
	v = feed_attr_text(c, "tobject.subject.type");
	story_field(s, SF_SECTION, v, (size_t)-1);
	free(v);
}

/* The last paragraph from body.end: a tagline, in italics. */
static void
body_end(struct story_set *s, xmlNodePtr be)
{
	xmlNodePtr c;
	char *t;

	for (c = be ? be->children : NULL; c; c = c->next) {
		if (!feed_is(c, "tagline") && !feed_is(c, "bibliography"))
			continue;
		if (!(t = feed_text(c)))
			continue;
		story_block_begin(s, BLOCK_PARA);
		story_style_begin(s, STYLE_EM, NULL);
		story_text(s, t, (size_t)-1);
		story_style_end(s);
		story_block_end(s);
		free(t);
	}
}

/* Fill the current story from a mended copy of a <nitf>. */
static void
fill(struct story_set *s, xmlNodePtr nitf, bool pages)
{
	xmlNodePtr h = feed_child(nitf, "head"), body = feed_child(nitf,
								    "body");
	xmlNodePtr bh = feed_child(body, "body.head");
	xmlNodePtr hed = feed_child(bh, "hedline"), c, lead;
	char *v;

	head(s, h, pages);
	if (pages) {
		v = feed_attr_text(nitf, "lang");
		story_set_meta(s, META_LANG, v, (size_t)-1);
		free(v);
	}

	v = feed_child_text(hed, "hl1");
	story_field(s, SF_HEADLINE, v, (size_t)-1);
	free(v);
	for (c = hed ? hed->children : NULL; c; c = c->next)
		if (feed_is(c, "hl2") && (v = feed_text(c)) != NULL) {
			story_field(s, SF_DECK, v, (size_t)-1);
			free(v);
		}
	/* No headline: a heading opening the body is one, else the
	   document's title. */
	lead = feed_first_elem(feed_child(body, "body.content"));
	if (!story_has_field(s, SF_HEADLINE) &&
	    (feed_is(lead, "hl1") || feed_is(lead, "hl2"))) {
		v = feed_text(lead);
		story_field(s, SF_HEADLINE, v, (size_t)-1);
		free(v);
		xmlUnlinkNode(lead);
		xmlFreeNode(lead);
	}
	v = feed_child_text(h, "title");
	story_field(s, SF_HEADLINE, v, (size_t)-1);
	free(v);

	for (c = bh ? bh->children : NULL; c; c = c->next)
		if (feed_is(c, "byline"))
			byline(s, c);
	dateline(s, feed_child(bh, "dateline"));

	for (c = body ? body->children : NULL; c; c = c->next)
		if (feed_is(c, "body.content"))
			feed_markup_nodes(s, c->children, NULL);
	/* An abstract stands for a body that has no text. */
	if (!story_has_body(s) && (c = feed_child(bh, "abstract")) != NULL)
		feed_markup_nodes(s, c->children, NULL);
	body_end(s, feed_child(body, "body.end"));
}

void
nitf_fill(struct story_set *s, xmlNodePtr nitf, bool pages,
	  const struct feed_src *src, struct diags *d)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr copy;

	if (!doc)
		die("out of memory");
	copy = xmlDocCopyNode(nitf, doc, 1);
	if (!copy)
		die("out of memory");
	xmlDocSetRootElement(doc, copy);
	mend(copy, 0, src, d);
	fill(s, copy, pages);
	xmlFreeDoc(doc);
}

/* Has this <nitf> anything to read: a headline, a title, body text? */
static bool
worth_reading(xmlNodePtr nitf)
{
	xmlNodePtr body = feed_child(nitf, "body");
	xmlNodePtr bc;

	if (!feed_blank(body) ||
	    !feed_blank(feed_child(feed_child(nitf, "head"), "title")))
		return true;
	/* A picture alone is something too. */
	for (bc = body ? body->children : NULL; bc; bc = bc->next)
		if (feed_is(bc, "body.content") &&
		    feed_child(bc, "media") != NULL)
			return true;
	return false;
}

/* The first element named name under n (n included), or NULL. */
static xmlNodePtr
find(xmlNodePtr n, const char *name, int depth)
{
	xmlNodePtr c, f;

	if (feed_is(n, name))
		return n;
	for (c = n && depth < 64 ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (f = find(c, name, depth + 1)) != NULL)
			return f;
	return NULL;
}

/* A NewsML 1.x NewsItem's NewsLines: what its NITF leaves unsaid. */
static void
news_lines(struct story_set *s, xmlNodePtr item)
{
	static const struct {
		const char *name;
		enum story_field f;
	} lines[] = {
		{ "HeadLine", SF_HEADLINE }, { "SubHeadLine", SF_DECK },
		{ "ByLine", SF_BYLINE }, { "SlugLine", SF_KICKER },
	};
	xmlNodePtr nl = find(item, "NewsLines", 0);
	size_t i;
	char *v;

	for (i = 0; nl && i < ARRAY_SIZE(lines); i++) {
		if (lines[i].f == SF_BYLINE && story_has_field(s, SF_BYLINE))
			continue;
		v = feed_child_text(nl, lines[i].name);
		story_field(s, lines[i].f, v, (size_t)-1);
		free(v);
	}
	if (nl && !story_has_field(s, SF_DATELINE)) {
		v = feed_child_text(nl, "DateLine");
		nitf_dateline(s, v);
		free(v);
	}
	v = feed_child_text(find(item, "NewsManagement", 0), "FirstCreated");
	story_field(s, SF_DATE, v, (size_t)-1);
	free(v);
}

/* One <nitf>; item is the NewsML 1.x NewsItem around it, or NULL. */
static void
read_doc(struct nitf *x, xmlNodePtr n, xmlNodePtr item)
{
	unsigned col, line = nitf_where(x->src, n, &col);
	xmlNodePtr dd = feed_child(feed_child(n, "head"), "docdata");
	char *id = feed_attr_text(feed_child(dd, "doc-id"), "id-string");

	if (!id && item)
		id = feed_child_text(find(item, "NewsIdentifier", 0),
				     "NewsItemId");
	x->ndocs++;
	if (!worth_reading(n) && !(item && find(item, "HeadLine", 0))) {
		diags_add(x->d, DIAG_WARNING, line, col, "<nitf> document%s%s"
			  "%s has no headline and no text: skipped",
			  id ? " \"" : "", id ? id : "", id ? "\"" : "");
		free(id);
		return;
	}
	if (!x->publisher) {
		x->publisher = feed_attr_text(feed_child(dd, "doc.copyright"),
					      "holder");
		story_set_meta(x->s, META_PUBLISHER, x->publisher, (size_t)-1);
	}
	story_add(x->s, id, line, col);
	nitf_fill(x->s, n, true, x->src, x->d);
	if (item)
		news_lines(x->s, item);
	if (!story_has_field(x->s, SF_HEADLINE))
		diags_add(x->d, DIAG_WARNING, line, col, "<nitf> document%s%s"
			  "%s has no headline", id ? " \"" : "", id ? id : "",
			  id ? "\"" : "");
	free(id);
}

/* A NewsML 1.x NewsItem: each <nitf> under n, with the NewsLines of
   item around it. */
static void
news_item(struct nitf *x, xmlNodePtr n, xmlNodePtr item, int depth)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (feed_is(c, "nitf"))
			read_doc(x, c, item);
		else if (c->type == XML_ELEMENT_NODE && depth < 64)
			news_item(x, c, item, depth + 1);
}

/* The title when no pubdata names the paper: the copyright holder, else
   the file's name without its folder and extension. */
static char *
default_title(const struct nitf *x)
{
	const char *p, *b;

	if (x->publisher)
		return xstrdup(x->publisher);
	if (!x->src->path)
		return xstrdup("NITF");
	b = (p = strrchr(x->src->path, '/')) ? p + 1 : x->src->path;
	p = strrchr(b, '.');
	return p && p != b ? xstrndup(b, (size_t)(p - b)) : xstrdup(b);
}

struct edition *
nitf_load(const struct feed_src *src, struct diags *d, int *status)
{
	struct nitf x = { src, d, NULL, NULL, 0 };
	struct edition *ed = NULL;
	xmlTextReaderPtr r;
	size_t nerr = d->nerrors;
	unsigned root_line = 0, root_col = 0;
	char *title;
	int ret;

	*status = EX_DATAERR;
	if (!(r = feed_reader_new(src, false, d)))
		return NULL;
	x.s = story_set_new();
	story_set_order(x.s, ORDER_PRINT);
	ret = xmlTextReaderRead(r);
	while (ret == 1) {
		const xmlChar *ln;
		xmlNodePtr n;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (!root_line) {
			n = xmlTextReaderCurrentNode(r);
			root_line = nitf_where(src, n, &root_col);
		}
		ln = xmlTextReaderConstLocalName(r);
		if (!ln || (strcmp((const char *)ln, "nitf") &&
			    strcmp((const char *)ln, "NewsItem"))) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (!(n = xmlTextReaderExpand(r))) {
			ret = -1;
			break;
		}
		if (feed_is(n, "nitf"))
			read_doc(&x, n, NULL);
		else
			news_item(&x, n, n, 0);
		ret = xmlTextReaderNext(r);
	}
	feed_reader_free(r);
	if (ret < 0) {
		if (d->nerrors == nerr)
			diags_add(d, DIAG_ERROR, 0, 0, "the XML reader "
				  "stopped: not well-formed");
		goto out;
	}
	if (!x.ndocs) {
		diags_add(d, DIAG_ERROR, root_line, root_col,
			  "no NITF document (<nitf>) in this file");
		goto out;
	}
	title = default_title(&x);
	ed = story_build(x.s, title, "News", d);
	free(title);
	if (ed)
		*status = 0;
out:
	diags_sort(d);
	story_set_free(x.s);
	free(x.publisher);
	return ed;
}
