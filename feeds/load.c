/*
 * load: the edition format, version 1, read with libxml2's xmlTextReader.
 *
 * A stack of frames follows the elements that matter: edition, page, part
 * (article or continuation), photo, and the text containers (the part's
 * fields, p, subhead, quote, caption) with their inline em/strong/a.
 * Unknown elements are transparent: warned about once per name, their
 * children read as if they stood in the parent, their text kept when they
 * sit inside a text container.  See load.h and EDITION-FORMAT.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>

#include "edition.h"
#include "feed.h"
#include "fetch.h"
#include "files.h"
#include "load.h"
#include "text.h"
#include "textimport.h"

extern const char folio_schema_rng[];
extern const size_t folio_schema_rng_len;

enum frame_kind {
	F_DOC,		/* outside the root */
	F_EDITION,
	F_PAGE,
	F_PART,
	F_PHOTO,
	F_FIELD,	/* kicker, headline, deck, byline, dateline */
	F_BLOCK,	/* p, subhead, quote, caption */
	F_INLINE,	/* em, strong, a */
	F_UNKNOWN,	/* transparent */
	F_SKIP,		/* a second root or the like: contents ignored */
};

enum field { FIELD_KICKER, FIELD_HEADLINE, FIELD_DECK, FIELD_BYLINE,
	     FIELD_DATELINE };
static const char *const field_names[] = {
	"kicker", "headline", "deck", "byline", "dateline",
};

struct frame {
	enum frame_kind kind;
	int which;		/* the field, or the inline style */
	const char *href;	/* F_INLINE <a> */
	size_t start;		/* F_INLINE: text offset where it began */
};

struct loader {
	xmlTextReaderPtr r;
	struct edition *ed;
	struct diags *d;
	struct diags schema;	/* schema findings, merged at the end */
	struct frame *stack;
	size_t depth, cap;
	bool root_seen;		/* an <edition> root */
	bool io_error;
	bool in_part;		/* blocks go to the current part */
	bool jump_seen;		/* the current part had its <jump> */
	size_t photo;		/* the open photo block, or NONE */
	/* The open text container. */
	struct buf text;
	struct text_cleaner clean;
	struct strmap warned;	/* element and attribute names warned of */
	struct arena names;	/* keys of warned, hints */
	const char **hints;	/* per diagnostic: "<tag" to find its column */
	size_t nhints, cap_hints;
	bool any_node;		/* the reader produced a node */
	size_t max_pages;	/* load_opts.max_pages */
	bool enough;		/* max_pages pages are read: stop */
	size_t last_xml;	/* the last diagnostic from libxml2, or NONE */
	int last_code;		/* its xmlParserErrors code */
};

/*
 * Where the current node is.  The parser runs ahead of the reader by up
 * to a chunk, so its own position is only a fallback: the node's line is
 * exact.  Columns are found afterwards (fill_columns) from a hint, the
 * start tag "<name", on that line of the source.
 */
static unsigned
cur_line(struct loader *l)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(l->r);
	long ln = n ? xmlGetLineNo(n) : -1;

	if (ln <= 0)
		ln = xmlTextReaderGetParserLineNumber(l->r);
	return ln > 0 ? (unsigned)ln : 0;
}

static unsigned
cur_col(struct loader *l)
{
	(void)l;
	return 0;
}

/* Set the hint of the diagnostic just added (not copied). */
static void
set_hint(struct loader *l, const char *hint)
{
	size_t i = l->d->n - 1;

	if (!l->d->n || l->nhints > i)
		return;
	VEC_RESERVE(l->hints, l->cap_hints, i + 1);
	while (l->nhints <= i)
		l->hints[l->nhints++] = NULL;
	l->hints[i] = hint;
}

/* Remember the start tag of the current element as the hint for the
   diagnostic just added. */
static void
hint_last(struct loader *l)
{
	const xmlChar *qn = xmlTextReaderConstName(l->r);
	struct buf b = BUF_INIT;

	if (xmlTextReaderNodeType(l->r) != XML_READER_TYPE_ELEMENT || !qn)
		return;
	buf_addf(&b, "<%s", (const char *)qn);
	set_hint(l, arena_strndup(&l->names, b.s, b.len));
	buf_release(&b);
}

static void
warn(struct loader *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
warn(struct loader *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(l->d, DIAG_WARNING, cur_line(l), cur_col(l), fmt, ap);
	va_end(ap);
	hint_last(l);
}

/* Warn about key (an element or attribute name) once per file. */
static void
warn_once(struct loader *l, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn_once(struct loader *l, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (strmap_get(&l->warned, key) != NONE)
		return;
	if (l->warned.n < 256)
		strmap_put(&l->warned, arena_strdup(&l->names, key), 1);
	va_start(ap, fmt);
	diags_vadd(l->d, DIAG_WARNING, cur_line(l), cur_col(l), fmt, ap);
	va_end(ap);
	hint_last(l);
}

/* libxml2's errors, with their place, into the diagnostics. */
static void
on_xml_error(void *arg, xmlErrorPtr e)
{
	struct loader *l = arg;
	struct buf b = BUF_INIT;
	unsigned line = e->line > 0 ? (unsigned)e->line : 0;
	unsigned col = e->int2 > 0 ? (unsigned)e->int2 : 0;
	const struct diags *d;
	const char *t;

	feed_xml_message(e, &b);
	/* In an entity's text, libxml2's place is in that text ("1:7"): the
	   reference's is the reader's. */
	if (feed_xml_in_entity(e)) {
		int ln = xmlTextReaderGetParserLineNumber(l->r);
		int cl = xmlTextReaderGetParserColumnNumber(l->r);

		line = ln > 0 ? (unsigned)ln : 0;
		col = cl > 0 ? (unsigned)cl : 0;
	}
	/* libxml2 2.9's relaxng says "text in element  TODO  content". */
	if ((t = strstr(b.s, " in element  TODO  content")) != NULL) {
		buf_truncate(&b, (size_t)(t - b.s));
		buf_adds(&b, " here");
	}
	/* The same message again (an entity loop is reported at each
	   reference) says nothing new. */
	d = e->domain == XML_FROM_RELAXNGV ? &l->schema : l->d;
	if (d->n && strstr(d->v[d->n - 1].msg, b.s)) {
		buf_release(&b);
		return;
	}
	/* A file cut short, as libxml2's reader words it. */
	if (!strcmp(b.s, "extra content at the end of the document") &&
	    l->depth > 1) {
		buf_reset(&b);
		buf_adds(&b, "the file ends inside an element: it is cut short");
	}
	if (e->domain == XML_FROM_RELAXNGV) {
		diags_add(&l->schema, DIAG_WARNING, line, col,
			  "does not follow the edition schema: %s", b.s);
	} else {
		if (e->domain == XML_FROM_IO)
			l->io_error = true;
		l->last_xml = l->d->n;
		l->last_code = e->code;
		diags_add(l->d, e->level == XML_ERR_FATAL ? DIAG_ERROR
							 : DIAG_WARNING,
			  line, col, "%s", b.s);
	}
	buf_release(&b);
}

/* An external entity was refused (feed_xml_setup's loader): say so. */
static void
refused_entity(void *arg, const char *url)
{
	warn_once(arg, "#external", "the external entity \"%s\" is not "
		  "loaded (external entities are never read)", url);
}

static const char *
local_name(struct loader *l)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(l->r);
	const xmlChar *n = xmlTextReaderConstLocalName(l->r);

	/* Elements of other vocabularies are unknown here, whatever their
	   local name. */
	if (ns && *ns)
		return "";
	return n ? (const char *)n : "";
}

/* A cleaned copy of an attribute's value in the arena, or NULL. */
static const char *
attr(struct loader *l, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(l->r, (const xmlChar *)name);
	const char *s = NULL;
	char *c;

	if (!v)
		return NULL;
	c = text_clean((const char *)v, strlen((const char *)v));
	if (*c)
		s = edition_strdup(l->ed, c);
	free(c);
	xmlFree(v);
	return s;
}

/* Warn about the attributes of the current element not in known. */
static void
check_attrs(struct loader *l, const char *elem, const char *const *known)
{
	struct buf key = BUF_INIT;

	if (xmlTextReaderMoveToFirstAttribute(l->r) != 1)
		return;
	do {
		const char *n = (const char *)xmlTextReaderConstName(l->r);
		const char *const *k;

		if (!n || strncmp(n, "xmlns", 5) == 0 ||
		    strncmp(n, "xml:", 4) == 0)
			continue;
		for (k = known; *k && strcmp(*k, n) != 0; k++)
			;
		if (*k)
			continue;
		buf_reset(&key);
		buf_addf(&key, "%s@%s", elem, n);
		warn_once(l, key.s, "unknown attribute %s= on <%s> is "
			  "ignored", n, elem);
	} while (xmlTextReaderMoveToNextAttribute(l->r) == 1);
	xmlTextReaderMoveToElement(l->r);
	buf_release(&key);
}

/* For elements that take no attributes. */
static const char *const none[] = { NULL };

static struct frame *
push(struct loader *l, enum frame_kind kind, int which)
{
	struct frame *f;

	VEC_RESERVE(l->stack, l->cap, l->depth + 1);
	f = &l->stack[l->depth++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->which = which;
	return f;
}

static struct frame *
top(struct loader *l)
{
	return &l->stack[l->depth - 1];
}

/* The innermost frame that is not an unknown element. */
static struct frame *
context(struct loader *l)
{
	size_t i = l->depth;

	while (i > 1 && l->stack[i - 1].kind == F_UNKNOWN)
		i--;
	return &l->stack[i - 1];
}

static bool
in_text(struct loader *l)
{
	enum frame_kind k = context(l)->kind;

	return k == F_FIELD || k == F_BLOCK || k == F_INLINE;
}

static void
text_begin(struct loader *l)
{
	buf_reset(&l->text);
	text_clean_init(&l->clean);
}

/* Where the next visible character will land (after a pending space). */
static size_t
text_pos(struct loader *l)
{
	return l->text.len + text_clean_pending(&l->clean);
}

static const char *
text_end(struct loader *l)
{
	text_clean_finish(&l->clean, &l->text);
	return edition_strndup(l->ed, buf_str(&l->text), l->text.len);
}

static struct part *
cur_part(struct loader *l)
{
	return &l->ed->parts[l->ed->nparts - 1];
}

static void
start_edition(struct loader *l)
{
	static const char *const known[] = {
		"version", "title", "date", "edition", "publisher", "lang",
		NULL,
	};
	struct edition *ed = l->ed;
	const char *version = attr(l, "version");
	const char *date;
	size_t n;

	check_attrs(l, "edition", known);
	if (version && strcmp(version, "1") != 0)
		warn(l, "edition format version \"%s\" is not one this reader "
		     "knows; reading it as version 1", version);
	ed->title = attr(l, "title");
	if (!ed->title)
		warn(l, "<edition> has no title=");
	ed->date = date = attr(l, "date");
	if (!date) {
		warn(l, "<edition> has no date=");
	} else {
		n = strspn(date, "0123456789-");
		if (n != strlen(date) ||
		    !(n == 4 || n == 7 || n == 10) ||
		    (n >= 7 && (date[4] != '-' || strchr(date + 5, '-') !=
				(n == 10 ? date + 7 : NULL))) ||
		    strchr(date, '-') == date)
			warn(l, "date \"%s\" is not YYYY-MM-DD, YYYY-MM or "
			     "YYYY", date);
	}
	ed->name = attr(l, "edition");
	ed->publisher = attr(l, "publisher");
	ed->lang = attr(l, "lang");
}

static void
start_page(struct loader *l)
{
	static const char *const known[] = { "number", "section", NULL };
	struct page *pg;
	const char *label = attr(l, "number");
	const char *section = attr(l, "section");

	check_attrs(l, "page", known);
	pg = edition_add_page(l->ed);
	pg->label = label;
	pg->section = section;
	pg->line = cur_line(l);
	if (!label)
		warn(l, "<page> has no number=; it is called \"%zu\"",
		     l->ed->npages);
}

static void
start_part(struct loader *l, enum part_kind kind)
{
	static const char *const known_a[] = { "id", NULL };
	static const char *const known_c[] = { "article", "from", NULL };
	struct part *p;

	if (kind == PART_START) {
		check_attrs(l, "article", known_a);
		p = edition_add_part(l->ed, kind, attr(l, "id"));
	} else {
		check_attrs(l, "continuation", known_c);
		p = edition_add_part(l->ed, kind, attr(l, "article"));
		p->from = attr(l, "from");
		if (!p->art_id)
			warn(l, "<continuation> has no article=; it is shown "
			     "on its own");
	}
	p->line = cur_line(l);
	p->col = cur_col(l);
	l->in_part = true;
	l->jump_seen = false;
}

static void
end_part(struct loader *l)
{
	struct part *p = cur_part(l);

	if (p->kind == PART_START && !p->headline)
		diags_add(l->d, DIAG_WARNING, p->line, p->col, "article%s%s%s "
			  "on page %s has no headline", p->art_id ? " \"" : "",
			  p->art_id ? p->art_id : "", p->art_id ? "\"" : "",
			  l->ed->pages[p->page].label ?
			  l->ed->pages[p->page].label : "?");
	l->in_part = false;
}

/* Something other than a jump inside a part: the jump must come last. */
static void
after_jump(struct loader *l, const char *name)
{
	if (l->jump_seen)
		warn_once(l, "jump-not-last", "<%s> after <jump>: the jump "
			  "must be the last element of its part", name);
}

static void
start_photo(struct loader *l)
{
	static const char *const known[] = { "credit", "src", NULL };
	struct block *b;

	check_attrs(l, "photo", known);
	b = edition_add_block(l->ed, l->in_part);
	b->kind = BLOCK_PHOTO;
	b->credit = attr(l, "credit");
	b->src = attr(l, "src");
	l->photo = l->ed->nblocks - 1;
}

static void
start_block(struct loader *l, enum block_kind kind)
{
	struct block *b = edition_add_block(l->ed, true);

	b->kind = kind;
	text_begin(l);
}

static void
end_block(struct loader *l)
{
	l->ed->blocks[l->ed->nblocks - 1].text = text_end(l);
}

static void
end_field(struct loader *l, int which)
{
	struct part *p = cur_part(l);
	const char **slot[] = {
		&p->kicker, &p->headline, &p->deck, &p->byline, &p->dateline,
	};
	const char *s = text_end(l);

	if (!*s)
		return;
	if (*slot[which]) {
		warn(l, "a second <%s> in one part is ignored: \"%s\"",
		     field_names[which], s);
		return;
	}
	*slot[which] = s;
}

static void
end_inline(struct loader *l, struct frame *f)
{
	struct span *s;
	size_t end = l->text.len;
	enum frame_kind k = F_DOC;
	size_t i;

	/* Spans belong to blocks (p, subhead, quote, caption); inside a
	   field the style is dropped.  f is popped already. */
	for (i = l->depth; i-- > 0;)
		if (l->stack[i].kind != F_INLINE &&
		    l->stack[i].kind != F_UNKNOWN) {
			k = l->stack[i].kind;
			break;
		}
	if (k != F_BLOCK || end <= f->start)
		return;
	s = edition_add_span(l->ed);
	s->start = (uint32_t)f->start;
	s->end = (uint32_t)end;
	s->style = (uint32_t)f->which;
	s->href = f->href;
}

static void
start_element(struct loader *l)
{
	const char *n = local_name(l);
	enum frame_kind ctx = context(l)->kind;
	struct frame *f;
	int i;

	if (ctx == F_SKIP) {
		push(l, F_SKIP, 0);
		return;
	}
	if (ctx == F_DOC) {
		if (strcmp(n, "edition") != 0 || l->root_seen) {
			const xmlChar *qn = xmlTextReaderConstName(l->r);

			diags_add(l->d, DIAG_ERROR, cur_line(l), cur_col(l),
				  "not an edition: the root element is <%s>, "
				  "not <edition> (nor RSS, Atom, NITF, "
				  "NewsML-G2 or METS/ALTO, which folio also "
				  "reads)", qn ? (const char *)qn : "");
			push(l, F_SKIP, 0);
			return;
		}
		l->root_seen = true;
		start_edition(l);
		push(l, F_EDITION, 0);
		return;
	}
	if (ctx == F_FIELD || ctx == F_BLOCK || ctx == F_INLINE) {
		int style = !strcmp(n, "em") ? STYLE_EM :
			    !strcmp(n, "strong") ? STYLE_STRONG :
			    !strcmp(n, "a") ? STYLE_LINK : 0;

		if (style) {
			static const char *const k[] = { "href", NULL };
			const char *href = style == STYLE_LINK ?
					   attr(l, "href") : NULL;

			check_attrs(l, n, style == STYLE_LINK ? k : none);
			f = push(l, F_INLINE, style);
			f->start = text_pos(l);
			f->href = href;
			return;
		}
		goto unknown;
	}
	if (ctx == F_EDITION && !strcmp(n, "page")) {
		start_page(l);
		push(l, F_PAGE, 0);
		return;
	}
	if (ctx == F_PAGE) {
		if (!strcmp(n, "article") || !strcmp(n, "continuation")) {
			start_part(l, n[0] == 'a' ? PART_START : PART_CONT);
			push(l, F_PART, 0);
			return;
		}
		if (!strcmp(n, "photo")) {
			start_photo(l);
			push(l, F_PHOTO, 0);
			return;
		}
	}
	if (ctx == F_PART) {
		if (!strcmp(n, "jump")) {
			static const char *const k[] = { "to", NULL };
			const char *to = attr(l, "to");

			check_attrs(l, "jump", k);
			if (!to)
				warn(l, "<jump> has no to=; it is ignored");
			else if (cur_part(l)->jump)
				warn(l, "a second <jump> in one part is "
				     "ignored (to page %s)", to);
			else
				cur_part(l)->jump = to;
			l->jump_seen = true;
			push(l, F_UNKNOWN, 0);
			return;
		}
		after_jump(l, n);
		for (i = 0; i < (int)ARRAY_SIZE(field_names); i++)
			if (!strcmp(n, field_names[i])) {
				check_attrs(l, n, none);
				text_begin(l);
				push(l, F_FIELD, i);
				return;
			}
		if (!strcmp(n, "p") || !strcmp(n, "subhead") ||
		    !strcmp(n, "quote")) {
			check_attrs(l, n, none);
			start_block(l, n[0] == 'p' ? BLOCK_PARA :
				       n[0] == 's' ? BLOCK_SUBHEAD :
				       BLOCK_QUOTE);
			push(l, F_BLOCK, 0);
			return;
		}
		if (!strcmp(n, "photo")) {
			start_photo(l);
			push(l, F_PHOTO, 0);
			return;
		}
	}
	if (ctx == F_PHOTO && !strcmp(n, "caption")) {
		check_attrs(l, n, none);
		if (*l->ed->blocks[l->photo].text)
			warn(l, "a second <caption> in one photo is "
			     "ignored");
		text_begin(l);
		push(l, F_BLOCK, 1);	/* which = 1: a caption */
		return;
	}
unknown:
	{
		const xmlChar *qn = xmlTextReaderConstName(l->r);
		const char *q = qn ? (const char *)qn : "?";

		/* Inside text its words stay where they sit; elsewhere it
		   goes with all it holds. */
		if (in_text(l)) {
			warn_once(l, q, "unknown element <%s> is ignored; its "
				  "text is kept", q);
			push(l, F_UNKNOWN, 0);
		} else {
			warn_once(l, q, "unknown element <%s> is ignored with "
				  "what it holds", q);
			push(l, F_SKIP, 0);
		}
	}
}

static void
end_element(struct loader *l)
{
	struct frame f = *top(l);

	l->depth--;
	switch (f.kind) {
	case F_PAGE:
		if (l->max_pages && l->ed->npages >= l->max_pages)
			l->enough = true;
		break;
	case F_PART:
		end_part(l);
		break;
	case F_FIELD:
		end_field(l, f.which);
		break;
	case F_BLOCK:
		if (f.which == 1) {
			/* Caption: keep the first one. */
			struct block *b = &l->ed->blocks[l->photo];
			const char *s = text_end(l);

			if (!*b->text)
				b->text = s;
		} else {
			end_block(l);
		}
		break;
	case F_INLINE:
		end_inline(l, &f);
		break;
	case F_PHOTO:
		l->photo = NONE;
		break;
	default:
		break;
	}
}

static void
on_text(struct loader *l)
{
	const xmlChar *v = xmlTextReaderConstValue(l->r);
	const char *s = v ? (const char *)v : "";
	size_t n = strlen(s);
	enum frame_kind k = context(l)->kind;

	if (k == F_FIELD || k == F_BLOCK || k == F_INLINE) {
		text_clean_add(&l->clean, &l->text, s, n);
		return;
	}
	if (k == F_SKIP || strspn(s, " \t\r\n") == n)
		return;
	warn_once(l, "#stray-text", "text outside any paragraph or heading "
		  "is ignored");
}

static void
on_node(struct loader *l)
{
	int type = xmlTextReaderNodeType(l->r);
	const xmlChar *name;

	switch (type) {
	case XML_READER_TYPE_ELEMENT:
		start_element(l);
		if (xmlTextReaderIsEmptyElement(l->r))
			end_element(l);
		break;
	case XML_READER_TYPE_END_ELEMENT:
		if (l->depth > 1)
			end_element(l);
		break;
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		on_text(l);
		break;
	case XML_READER_TYPE_DOCUMENT_TYPE: {
		xmlNodePtr n = xmlTextReaderCurrentNode(l->r);
		xmlDtdPtr dtd = n && n->type == XML_DTD_NODE ? (xmlDtdPtr)n
							     : NULL;

		/* DTD nodes have no line: fill_columns finds it. */
		if (dtd && (dtd->SystemID || dtd->ExternalID)) {
			diags_add(l->d, DIAG_WARNING, 0, 0, "the external DTD "
				  "\"%s\" is not loaded", dtd->SystemID ?
				  (const char *)dtd->SystemID :
				  (const char *)dtd->ExternalID);
			set_hint(l, "<!DOCTYPE");
		}
		break;
	}
	case XML_READER_TYPE_ENTITY_REFERENCE:
		name = xmlTextReaderConstName(l->r);
		warn_once(l, "#entity", "entity reference &%s; is not expanded "
			  "(entities are never read)",
			  name ? (const char *)name : "");
		break;
	default:
		break;
	}
}

static int
xml_options(void)
{
	return feed_xml_options();
}

static void
xml_setup(void)
{
	feed_xml_setup();
}

/*
 * The schema's findings cascade: after the first problem in an element
 * libxml2 reports its valid siblings too.  So only the first finding is
 * kept, and none when the loader already spoke of that line (its own
 * message says it better).
 */
static void
merge_schema(struct loader *l)
{
	const struct diag *s;
	size_t j;

	if (!l->schema.n)
		return;
	s = &l->schema.v[0];
	for (j = 0; j < l->d->n; j++)
		if (l->d->v[j].line == s->line)
			return;
	if (l->schema.n > 1)
		diags_add(l->d, s->level, s->line, s->col, "%s (the schema "
			  "check stops at its first finding)", s->msg);
	else
		diags_add(l->d, s->level, s->line, s->col, "%s", s->msg);
}

/* The column, in characters, where hint starts on line, or 0. */
static unsigned
column_of(const char *line, size_t n, const char *hint)
{
	const char *p = memmem(line, n, hint, strlen(hint));
	unsigned col = 1;
	const char *q;

	if (!p)
		return 0;
	for (q = line; q < p; q++)
		col += ((unsigned char)*q & 0xC0) != 0x80;
	return col;
}

/* The hint for diagnostic i: its start tag, else the first tag. */
static const char *
hint_of(const struct loader *l, size_t i)
{
	return i < l->nhints && l->hints[i] ? l->hints[i] : "<";
}

/* Give each diagnostic with a line but no column the column of its start
   tag, reading the source once more (from memory, or the file again;
   never stdin). */
static void
fill_columns(struct loader *l, const char *data, size_t len,
	     const char *path)
{
	struct diags *d = l->d;
	FILE *fp = NULL;
	char *line = NULL;
	size_t cap = 0, i, off = 0;
	ssize_t n;
	unsigned ln = 0, want = 0;

	for (i = 0; i < d->n; i++) {
		if (!d->v[i].col && d->v[i].line > want)
			want = d->v[i].line;
		/* No line but a hint (a DOCTYPE): look near the top. */
		if (!d->v[i].line && i < l->nhints && l->hints[i] &&
		    want < 200)
			want = 200;
	}
	if (!want || (!data && (!path || !strcmp(path, "-") ||
				!(fp = fopen(path, "r")))))
		return;
	while (ln < want) {
		const char *text;

		if (fp) {
			if ((n = getline(&line, &cap, fp)) < 0)
				break;
			text = line;
		} else {
			const char *nl;

			if (off >= len)
				break;
			text = data + off;
			nl = memchr(text, '\n', len - off);
			n = nl ? nl - text + 1 : (ssize_t)(len - off);
			off += (size_t)n;
		}
		ln++;
		for (i = 0; i < d->n; i++) {
			if (!d->v[i].line && i < l->nhints && l->hints[i] &&
			    (d->v[i].col = column_of(text, (size_t)n,
						     l->hints[i])))
				d->v[i].line = ln;
			else if (d->v[i].line == ln && !d->v[i].col)
				d->v[i].col = column_of(text, (size_t)n,
							hint_of(l, i));
		}
	}
	free(line);
	if (fp)
		fclose(fp);
}

/*
 * libxml2 calls an empty file "extra content at the end of the document"
 * and prose "document is empty".  Say what it is instead, when the
 * reader stopped before the first node.  Other errors there (an
 * encoding it does not know, a second root element) are its own words:
 * such a file is XML.
 */
static void
explain_not_xml(struct diags *d, size_t nerrors, size_t len, int code)
{
	size_t i = d->n;

	if (!d->n || d->nerrors != nerrors + 1 ||
	    (len != 0 && code != XML_ERR_DOCUMENT_EMPTY))
		return;
	while (i-- > 0 && d->v[i].level != DIAG_ERROR)
		;
	free(d->v[i].msg);
	if (len == 0)
		d->v[i].msg = xstrdup("the file is empty");
	else
		d->v[i].msg = xstrdup("not an edition: this is not XML (an "
				      "edition starts with <?xml or <edition)");
}

static struct edition *
load_reader(xmlTextReaderPtr r, const struct load_opts *o, struct diags *d,
	    int *status, const char *data, size_t len, const char *path)
{
	struct loader l;
	xmlRelaxNGParserCtxtPtr pc = NULL;
	xmlRelaxNGPtr schema = NULL;
	struct edition *ed = NULL;
	size_t nerrors = d->nerrors;
	int ret;

	memset(&l, 0, sizeof(l));
	l.r = r;
	l.d = d;
	l.ed = edition_new();
	l.photo = NONE;
	l.last_xml = NONE;
	diags_init(&l.schema, d->file);
	strmap_init(&l.warned);
	arena_init(&l.names);
	push(&l, F_DOC, 0);
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &l);
	if (o && o->validate) {
		pc = xmlRelaxNGNewMemParserCtxt(folio_schema_rng,
						(int)folio_schema_rng_len);
		schema = pc ? xmlRelaxNGParse(pc) : NULL;
		if (!schema || xmlTextReaderRelaxNGSetSchema(r, schema) != 0)
			diags_add(d, DIAG_WARNING, 0, 0, "the edition schema "
				  "could not be loaded; not checked against "
				  "it");
	}
	l.max_pages = o ? o->max_pages : 0;
	feed_xml_entity_hook(refused_entity, &l);
	while (!l.enough && (ret = xmlTextReaderRead(r)) == 1) {
		l.any_node = true;
		on_node(&l);
	}
	feed_xml_entity_hook(NULL, NULL);
	*status = 0;
	if (ret < 0 || d->nerrors > nerrors) {
		if (d->nerrors == nerrors && l.last_xml < d->n) {
			/* libxml2 stopped after what it called a warning
			   ("huge text node"): that was the fatal one. */
			d->v[l.last_xml].level = DIAG_ERROR;
			d->nerrors++;
			d->nwarnings--;
		} else if (d->nerrors == nerrors) {
			diags_add(d, DIAG_ERROR, cur_line(&l), cur_col(&l),
				  "cannot read the file as XML");
		}
		else if (!l.any_node && xmlTextReaderByteConsumed(r) == 0)
			explain_not_xml(d, nerrors, len, l.last_code);
		*status = l.io_error ? EX_IOERR : EX_DATAERR;
	} else if (!l.root_seen) {
		diags_add(d, DIAG_ERROR, 0, 0, "not an edition: no <edition> "
			  "element");
		*status = EX_DATAERR;
	} else if (edition_finish(l.ed, d) != 0) {
		*status = EX_DATAERR;
	} else {
		ed = l.ed;
		l.ed = NULL;
	}
	if (o && o->validate && ed)
		merge_schema(&l);
	fill_columns(&l, data, len, path);
	diags_sort(d);
	edition_free(l.ed);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pc);
	buf_release(&l.text);
	free(l.stack);
	diags_release(&l.schema);
	strmap_release(&l.warned);
	arena_release(&l.names);
	free(l.hints);
	return ed;
}

/* Open path for reading ("-": standard input); -1 with an error in d. */
static int
open_input(const char *path, struct diags *d, int *status)
{
	struct stat st;
	int fd;

	if (!strcmp(path, "-"))
		return STDIN_FILENO;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot open: %s",
			  strerror(errno));
		*status = EX_NOINPUT;
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot open: it is a folder");
		*status = EX_NOINPUT;
		close(fd);
		return -1;
	}
	return fd;
}

static struct edition *
import_buffer(const struct buf *b, const struct text_import_opts *o,
	      struct diags *d, int *status)
{
	/* Opened directly, a page's text is taken as English (its
	   hyphenation); --import-text can say otherwise. */
	static const struct text_import_opts en = { NULL, NULL, NULL, "en" };
	struct edition *ed = textimport_memory(buf_str(b), b->len,
					       o ? o : &en, d);

	*status = ed ? 0 : EX_DATAERR;
	return ed;
}

struct edition *
load_text_file(const char *path, const struct text_import_opts *o,
	       struct diags *d, int *status)
{
	struct buf b = BUF_INIT;
	struct edition *ed = NULL;
	int fd = open_input(path, d, status);

	if (fd < 0)
		return NULL;
	if (files_read_all(fd, SIZE_MAX, &b) != 0) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot read: %s",
			  strerror(errno));
		*status = EX_IOERR;
	} else {
		ed = import_buffer(&b, o, d, status);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	buf_release(&b);
	return ed;
}

static int utf32_order(const char *data, size_t len);

/*
 * Another format than folio's own (feed.h): its importer, the whole
 * document in memory.  path may be NULL.
 */
static struct edition *
load_feed(enum feed_format f, const char *data, size_t len, const char *path,
	  const char *url, const char *charset, struct diags *d, int *status)
{
	struct feed_src src = { data, len, path, url, charset };

	switch (f) {
	case FMT_RSS:
	case FMT_ATOM:
		return rss_load(&src, d, status);
	case FMT_NITF:
		return nitf_load(&src, d, status);
	case FMT_NEWSML:
		return newsml_load(&src, d, status);
	case FMT_METS:
	case FMT_ALTO:
		return mets_load(&src, d, status);
	default:
		diags_add(d, DIAG_ERROR, 0, 0, "not an edition or a feed folio "
			  "reads");
		*status = EX_DATAERR;
		return NULL;
	}
}

static bool
is_feed(enum feed_format f)
{
	return f != FMT_UNKNOWN && f != FMT_EDITION && f != FMT_TEXT;
}

/*
 * Is this the text of a page rather than XML?  The first bytes tell
 * (textimport_sniff): an edition is opened as whichever it is.
 */
static bool
looks_like_text(const char *data, size_t n)
{
	return n > 0 && textimport_sniff(data, n);
}

/*
 * JSON (a JSON Feed, ninjs) is neither XML nor a page's text: say so
 * rather than read it as either.  True with the error in d.
 */
static bool
refuse_json(const char *data, size_t n, struct diags *d, int *status)
{
	int line, col;

	if (!textimport_is_json(data, n, &line, &col))
		return false;
	diags_add(d, DIAG_ERROR, line, col, "not an edition: this is JSON, "
		  "not XML (folio reads editions, RSS, Atom, NITF, NewsML-G2 "
		  "and METS/ALTO, all XML)");
	*status = EX_DATAERR;
	return true;
}

struct edition *
load_file(const char *path, const struct load_opts *o, struct diags *d,
	  int *status)
{
	xmlTextReaderPtr r;
	enum feed_format f;
	struct edition *ed;
	struct stat st;
	size_t size;
	int fd;

	xml_setup();
	if (fetch_is_url(path)) {
		char *note = NULL;

		ed = load_url(path, o, NULL, &note, d, status);
		if (note)
			diags_add(d, DIAG_WARNING, 0, 0, "%s", note);
		free(note);
		return ed;
	}
	fd = open_input(path, d, status);
	if (fd < 0)
		return NULL;
	/* The size tells an empty file from one that is not XML. */
	size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ?
	       (size_t)st.st_size : NONE;
	if (size == NONE) {
		/* A pipe: read it whole, then see what it is. */
		struct buf b = BUF_INIT;

		if (files_read_all(fd, SIZE_MAX, &b) != 0) {
			diags_add(d, DIAG_ERROR, 0, 0, "cannot read: %s",
				  strerror(errno));
			*status = EX_IOERR;
			ed = NULL;
		} else if (looks_like_text(buf_str(&b), b.len)) {
			ed = import_buffer(&b, NULL, d, status);
		} else if (is_feed(f = feed_sniff(buf_str(&b), b.len, NULL))) {
			ed = load_feed(f, buf_str(&b), b.len, NULL, NULL, NULL, d,
				       status);
		} else {
			ed = load_memory(buf_str(&b), b.len, o, d, status);
		}
		if (fd != STDIN_FILENO)
			close(fd);
		buf_release(&b);
		return ed;
	} else {
		char head[65536];
		ssize_t n = pread(fd, head, sizeof(head), 0);

		if (n > 0 && looks_like_text(head, (size_t)n)) {
			/* The file's name stands for the missing masthead. */
			const char *base = strrchr(path, '/');
			char *title = xstrdup(base ? base + 1 : path);
			char *dot = strrchr(title, '.');
			struct text_import_opts to = { NULL, title, NULL,
						       "en" };

			if (dot && dot != title)
				*dot = '\0';
			if (fd != STDIN_FILENO)
				close(fd);
			ed = load_text_file(path, &to, d, status);
			free(title);
			return ed;
		}
		if (n > 0 && utf32_order(head, (size_t)n)) {
			struct buf b = BUF_INIT;

			if (files_read_all(fd, SIZE_MAX, &b) != 0) {
				diags_add(d, DIAG_ERROR, 0, 0, "cannot read: "
					  "%s", strerror(errno));
				*status = EX_IOERR;
				ed = NULL;
			} else {
				ed = load_memory(buf_str(&b), b.len, o, d,
						 status);
			}
			close(fd);
			buf_release(&b);
			return ed;
		}
		if (n > 0 && refuse_json(head, (size_t)n, d, status)) {
			if (fd != STDIN_FILENO)
				close(fd);
			return NULL;
		}
		if (n > 0 && is_feed(f = feed_sniff(head, (size_t)n, NULL))) {
			/* The file mapped, not copied: the importers read
			   it in place. */
			void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd,
				       0);

			if (m == MAP_FAILED) {
				diags_add(d, DIAG_ERROR, 0, 0, "cannot read: "
					  "%s", strerror(errno));
				*status = EX_IOERR;
				ed = NULL;
			} else {
				ed = load_feed(f, m, size, strcmp(path, "-") ?
					       path : NULL, NULL, NULL, d,
					       status);
				munmap(m, size);
			}
			close(fd);
			return ed;
		}
	}
	r = xmlReaderForFd(fd, NULL, NULL, xml_options());
	if (!r) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot start the XML reader");
		*status = EX_SOFTWARE;
		ed = NULL;
	} else {
		ed = load_reader(r, o, d, status, NULL, size, path);
		xmlFreeTextReader(r);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return ed;
}

const char *
load_libxml_version(void)
{
	static char v[32];
	int n = atoi(xmlParserVersion);

	snprintf(v, sizeof(v), "libxml2 %d.%d.%d", n / 10000, n / 100 % 100,
		 n % 100);
	return v;
}

/* Is this UTF-32 (a BOM, or "<" as four bytes)?  1 little-endian, 2
   big-endian, 0 not. */
static int
utf32_order(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;

	if (len < 4)
		return 0;
	if ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
	    (u[0] == '<' && !u[1] && !u[2] && !u[3]))
		return 1;
	if ((!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF) ||
	    (!u[0] && !u[1] && !u[2] && u[3] == '<'))
		return 2;
	return 0;
}

/*
 * UTF-32, which libxml2 2.9 does not read, as UTF-8 with its declaration
 * saying so (the BOM dropped); bad code points become U+FFFD.
 */
static void
from_utf32(const char *data, size_t len, int order, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t i, decl;
	char *e;

	for (i = 0; i + 4 <= len; i += 4) {
		uint32_t cp = order == 1 ?
			(uint32_t)u[i] | (uint32_t)u[i + 1] << 8 |
			(uint32_t)u[i + 2] << 16 | (uint32_t)u[i + 3] << 24 :
			(uint32_t)u[i + 3] | (uint32_t)u[i + 2] << 8 |
			(uint32_t)u[i + 1] << 16 | (uint32_t)u[i] << 24;
		char enc[4];

		if (i == 0 && cp == 0xFEFF)
			continue;
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		buf_add(out, enc, utf8_encode(cp, enc));
	}
	/* encoding="UTF-32" in the declaration would send libxml2 looking
	   for a decoder: it is UTF-8 now. */
	decl = strncmp(buf_str(out), "<?xml", 5) ? 0 :
	       strcspn(buf_str(out), ">");
	if (decl && (e = strstr(buf_str(out), "encoding")) &&
	    (size_t)(e - out->s) < decl) {
		size_t q = strcspn(e, "\"'"), end;

		if (e[q]) {
			end = q + 1 + strcspn(e + q + 1, "\"'");
			if (e[end] && end - q - 1 >= 5) {
				memmove(e + q + 1 + 5, e + end,
					out->len - (size_t)(e + end - out->s) +
					1);
				memcpy(e + q + 1, "UTF-8", 5);
				out->len = out->len - (end - q - 1) + 5;
			}
		}
	}
}

static struct edition *
load_memory_utf8(const char *data, size_t len, const struct load_opts *o,
		 struct diags *d, int *status);

struct edition *
load_memory(const char *data, size_t len, const struct load_opts *o,
	    struct diags *d, int *status)
{
	int order = utf32_order(data, len);
	struct buf b = BUF_INIT;
	struct edition *ed;

	if (!order)
		return load_memory_utf8(data, len, o, d, status);
	from_utf32(data, len, order, &b);
	ed = load_memory_utf8(buf_str(&b), b.len, o, d, status);
	buf_release(&b);
	return ed;
}

static struct edition *
load_memory_utf8(const char *data, size_t len, const struct load_opts *o,
		 struct diags *d, int *status)
{
	xmlTextReaderPtr r;
	struct edition *ed;
	enum feed_format f;

	xml_setup();
	if (len > INT32_MAX) {
		diags_add(d, DIAG_ERROR, 0, 0, "too large to read");
		*status = EX_DATAERR;
		return NULL;
	}
	if (refuse_json(data, len, d, status))
		return NULL;
	f = feed_sniff(data, len, NULL);
	if (is_feed(f))
		return load_feed(f, data, len, NULL, NULL, NULL, d, status);
	r = xmlReaderForMemory(data, (int)len, NULL, NULL, xml_options());
	if (!r) {
		diags_add(d, DIAG_ERROR, 0, 0, "cannot start the XML reader");
		*status = EX_SOFTWARE;
		return NULL;
	}
	ed = load_reader(r, o, d, status, data, len, NULL);
	xmlFreeTextReader(r);
	return ed;
}

struct edition *
load_url(const char *url, const struct load_opts *o,
	 const struct fetch_opts *fo, char **note, struct diags *d,
	 int *status)
{
	struct fetch_result r;
	struct edition *ed = NULL;
	const char *data;
	enum feed_format f;

	*note = NULL;
	if (fetch_url(url, fo, &r, d, status) != 0) {
		fetch_result_release(&r);
		return NULL;
	}
	data = buf_str(&r.body);
	f = feed_sniff(data, r.body.len, NULL);
	if (is_feed(f))
		ed = load_feed(f, data, r.body.len, NULL, r.effective_url ?
			       r.effective_url : url, r.charset, d, status);
	else if (looks_like_text(data, r.body.len))
		ed = import_buffer(&r.body, NULL, d, status);
	else
		ed = load_memory(data, r.body.len, o, d, status);
	if (ed) {
		*note = r.note;
		r.note = NULL;
	}
	fetch_result_release(&r);
	return ed;
}

bool
load_first_look_pays(const char *path, long long min_bytes)
{
	char head[65536];
	struct stat st;
	ssize_t n;
	int fd;
	bool pays = false;

	if (!strcmp(path, "-") || fetch_is_url(path))
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (long long)st.st_size >= min_bytes &&
	    (n = pread(fd, head, sizeof(head), 0)) > 0 &&
	    !utf32_order(head, (size_t)n))
		pays = feed_sniff(head, (size_t)n, NULL) == FMT_EDITION;
	close(fd);
	return pays;
}
