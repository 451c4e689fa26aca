/*
 * mets: scanned newspapers from libraries, METS with ALTO pages (and a
 * lone ALTO page).  The METS file is small and read as a tree: its MODS
 * give the title and date, its PHYSICAL structMap the pages in order
 * and their areas (an ALTO file and a BEGIN..END range of ALTO ids), its
 * LOGICAL structMap the articles, and its structLink (or the articles'
 * own fptr/area) which areas each article is made of, in reading order.
 * Each ALTO page is then streamed once with xmlTextReader: every String
 * goes to the areas open at that point, or, when none is, to the page's
 * text in no article.  Last, each article becomes a story on the pages
 * of its areas, with a page break where its areas change page, so that
 * an article on pages 2 and 3 becomes a jump.
 *
 * ALTO text: TextBlock / TextLine / String@CONTENT, SP a space, HYP at a
 * line's end joins the word's parts (the hyphen dropped).  A TextBlock
 * is a paragraph, cut again where a line is indented (the geometry
 * says so) and joined to the next block of its article when it ends
 * mid-sentence at a full line (a column break) or on a hyphen.
 * Nothing is fetched: ALTO files are looked for beside the METS file,
 * by relative names that stay inside its folder.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/uri.h>

#include "feed.h"
#include "util.h"

#define MAX_XML_WARNINGS 5	/* libxml2 messages kept per ALTO file */
#define MAX_NAMED 5		/* article ids named in one warning */
#define REST_MIN_WORDS 10	/* text in no article worth a story */
#define TREE_DEPTH 256		/* METS nesting followed */
#define MAX_LINKS (1 << 20)	/* structLink arcs followed (labels shared
				   by many locators multiply) */
#define MAX_OPEN 16		/* areas open at once: overlaps beyond this
				   are hostile (each word copied to each) */

/* What an area is to its article. */
enum role {
	R_TEXT,
	R_HEADLINE,
	R_SUBHEAD,
	R_BYLINE,
	R_CAPTION,
	R_ILLUSTRATION,
};

/* One paragraph of a sink: bytes [start, end) of its text. */
struct para {
	size_t start, end;
	size_t lines;
	bool new_block;		/* the first of its TextBlock */
	bool indented;		/* its first line is indented */
	bool ends_hyp;		/* its last line ends on a HYP */
	bool last_full;		/* its last line reaches the right edge */
};

/* Text collected from an ALTO page: an area's, or a page's leftovers. */
struct sink {
	struct buf b;
	struct para *v;
	size_t n, cap;
	unsigned long block, line;	/* where its last word was */
	bool hyp;		/* its last line ended on a HYP */
	size_t words;		/* Strings */
	size_t real_words;	/* Strings with two letters in a row */
	size_t blocks;		/* TextBlocks it has words of */
	unsigned long first_pos;	/* element count at its first word */
};

/* An ALTO file named in the fileSec. */
enum file_state { FS_UNREAD, FS_READ, FS_MISSING };

struct mfile {
	const char *id;
	const char *href;	/* FLocat xlink:href; NULL when none */
	bool alto;		/* text, not an image */
	size_t page;		/* its page, or NONE */
	unsigned line;		/* of its FLocat, for messages */
	enum file_state state;
	struct sink rest;	/* its text in no area */
	size_t first_area;	/* its used areas, chained by next_in_file */
};

/* A part of a page: an ALTO range [begin, end] in one file. */
struct area {
	const char *id;		/* the pagearea div's (or area's) ID */
	const char *label;	/* LABEL or TYPE as written, or NULL */
	enum role role;		/* from its label */
	size_t file;		/* the ALTO file, or NONE */
	size_t page;		/* or NONE */
	const char *begin, *end;	/* ALTO ids; end may be NULL */
	const char *img;	/* image file's href, for a photo's src */
	const char *coords;	/* RECT x1,y1,x2,y2 on img */
	unsigned line;
	bool used;		/* some article is made of it */
	/* While its ALTO file is read: */
	bool found, active, done;
	int end_depth;		/* depth of its END element, or -1 */
	unsigned long pos;	/* element count at its BEGIN */
	size_t next_begin;	/* next area with the same begin, or NONE */
	size_t next_in_file;	/* next used area of its file, or NONE */
	struct sink text;
};

/* An article's area with the role it plays there. */
struct use {
	size_t area;
	enum role role;
};

/* A logical div read as an article. */
struct art {
	xmlNodePtr div;
	const char *id;
	const char *type;
	struct use *v;
	size_t n, cap;
	size_t *pages;		/* pages named without an area (links to a
				   whole page) */
	size_t npages, cap_pages;
};

struct mpage {
	xmlNodePtr div;
	const char *label;
	long order;		/* ORDER, or -1 */
	size_t seq;		/* document order */
	size_t file;		/* its ALTO file, or NONE */
};

/* An smLink or smLinkGrp arc: from a logical div to an area or page. */
struct link {
	const char *from, *to;
	size_t next;		/* next link from the same div, or NONE */
};

struct mets {
	const struct feed_src *src;
	struct diags *d;
	struct story_set *s;
	struct arena a;
	xmlDocPtr doc;
	struct strmap ids;	/* ID -> index into nodes */
	struct idnode {
		xmlNodePtr n;
	} *nodes;
	size_t nnodes, cap_nodes;
	struct mfile *files;
	size_t nfiles, cap_files;
	struct strmap file_ids;	/* file ID -> files */
	struct area *areas;
	size_t nareas, cap_areas;
	struct strmap area_ids;	/* pagearea div ID -> areas */
	struct mpage *pages;
	size_t npages, cap_pages;
	struct strmap page_ids;	/* page div ID -> pages */
	struct strmap unknown_files;	/* FILEIDs warned of */
	struct art *arts;
	size_t narts, cap_arts;
	struct link *links;
	size_t nlinks, cap_links;
	struct strmap link_from;	/* div ID -> its first link */
	struct strmap link_tail;	/* div ID -> its last link */
	xmlNodePtr logical, physical;	/* the structMaps' top divs */
	bool no_folder_said;
	bool links_capped;
};

/* ---- small helpers ---- */

#define GROW(arr, n, cap) VEC_RESERVE(arr, cap, (n) + 1)

/*
 * The value of n's attribute with this local name (any namespace): the
 * tree's own string when it holds one (not copied), else a copy in the
 * arena.  NULL when absent.
 */
static const char *
attr(struct mets *m, xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;
	xmlChar *v;
	const char *r;

	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (!a->children)
			return "";
		if (!a->children->next && a->children->type == XML_TEXT_NODE &&
		    a->children->content)
			return (const char *)a->children->content;
		v = xmlNodeListGetString(n->doc, a->children, 1);
		r = arena_strdup(&m->a, v ? (const char *)v : "");
		xmlFree(v);
		return r;
	}
	return NULL;
}

static bool
is_blank(const char *s)
{
	return !s || s[strspn(s, " \t\r\n")] == '\0';
}

/* s without the blanks around it, in the arena (NULL stays NULL). */
static const char *
trimmed(struct mets *m, const char *s)
{
	size_t n;

	if (!s)
		return NULL;
	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return arena_strndup(&m->a, s, n);
}

static bool
eq(const char *a, const char *b)
{
	return a && b && !strcasecmp(a, b);
}

static bool
in_set(const char *s, const char *const *set)
{
	if (!s)
		return false;
	for (; *set; set++)
		if (!strcasecmp(s, *set))
			return true;
	return false;
}

static unsigned
line_of(xmlNodePtr n)
{
	long l = n ? xmlGetLineNo(n) : 0;

	return l > 0 && l < 0x7fffffff ? (unsigned)l : 0;
}

/* The next element after n in document order inside top (n's subtree
   skipped unless descend), or NULL. */
static xmlNodePtr
next_el(xmlNodePtr n, xmlNodePtr top, bool descend)
{
	for (;;) {
		if (descend && n->children) {
			n = n->children;
		} else {
			while (n != top && !n->next)
				n = n->parent;
			if (n == top)
				return NULL;
			n = n->next;
		}
		if (n->type == XML_ELEMENT_NODE)
			return n;
		descend = false;
	}
}

/* The element with this ID (a leading "#" is skipped), or NULL. */
static xmlNodePtr
by_id(struct mets *m, const char *id)
{
	size_t i;

	if (!id)
		return NULL;
	if (*id == '#')
		id++;
	i = strmap_get(&m->ids, id);
	return i == NONE ? NULL : m->nodes[i].n;
}

/* The lowercase form of a libxml2 or C library message. */
static void
lower_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] += 'a' - 'A';
}

/* Two letters in a row somewhere in s[0..n): a word, not a speck. */
static bool
has_word(const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c >= 0xC0)
			run++;
		else if (c < 0x80)
			run = 0;
		if (run >= 2)
			return true;
	}
	return false;
}

/* Does s[0..n) end in a letter and "-" ("counting-"), not a dash? */
static bool
word_dash(const char *s, size_t n)
{
	unsigned char c = n >= 2 ? (unsigned char)s[n - 2] : 0;

	return n >= 2 && s[n - 1] == '-' &&
	       ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80);
}

/* Does s[0..n) end a sentence (closing quotes and brackets skipped)? */
static bool
ends_sentence(const char *s, size_t n)
{
	while (n > 0) {
		unsigned char c = (unsigned char)s[n - 1];

		if (c == ' ' || c == '"' || c == '\'' || c == ')' ||
		    c == ']') {
			n--;
		} else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
			   (unsigned char)s[n - 2] == 0x80 &&
			   (c == 0x9D || c == 0x99)) {
			n -= 3;	/* ” ’ */
		} else {
			return c == '.' || c == '!' || c == '?' || c == ':' ||
			       c == ';';
		}
	}
	return false;
}

static enum role
role_of(const char *label)
{
	static const char *const heads[] = {
		"headline", "heading", "head", "title", "headline_main",
		"main_title", NULL,
	};
	static const char *const subheads[] = {
		"subheadline", "subheading", "subtitle", "subhead",
		"sub_headline", "intertitle", NULL,
	};
	static const char *const bylines[] = {
		"byline", "author", NULL,
	};
	static const char *const pictures[] = {
		"illustration", "picture", "photo", "photograph", "image",
		"graphic", "figure", "map", "cartoon", NULL,
	};

	if (in_set(label, heads))
		return R_HEADLINE;
	if (in_set(label, subheads))
		return R_SUBHEAD;
	if (in_set(label, bylines))
		return R_BYLINE;
	if (eq(label, "caption"))
		return R_CAPTION;
	if (in_set(label, pictures))
		return R_ILLUSTRATION;
	return R_TEXT;
}

/* A TYPE as words: "OBITUARY_NOTICE" -> "Obituary notice"; NULL
   stays NULL. */
static const char *
pretty_type(struct mets *m, const char *type)
{
	char *k;
	size_t i;

	if (!type)
		return NULL;
	k = arena_strdup(&m->a, type);
	for (i = 0; k[i]; i++) {
		if (k[i] == '_')
			k[i] = ' ';
		else if (i && k[i] >= 'A' && k[i] <= 'Z')
			k[i] += 'a' - 'A';
	}
	return k;
}

/* ---- sinks: text as it comes out of an ALTO page ---- */

static void
sink_release(struct sink *k)
{
	buf_release(&k->b);
	free(k->v);
}

/* ---- the METS tree ---- */

/* Does s hold w (lowercase), ignoring case? */
static bool
has_ci(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; s && *s; s++)
		if (!strncasecmp(s, w, n))
			return true;
	return false;
}

/* An ALTO (text) file rather than an image, by what the fileSec says. */
static bool
is_alto(const char *mime, const char *use, const char *href)
{
	size_t n = href ? strlen(href) : 0;

	if (mime && !strncasecmp(mime, "image/", 6))
		return false;
	if (mime && strstr(mime, "xml"))
		return true;
	if (n > 4 && !strcasecmp(href + n - 4, ".xml"))
		return true;
	return has_ci(use, "text") || has_ci(use, "alto") ||
	       has_ci(use, "ocr");
}

static void
add_file(struct mets *m, xmlNodePtr n)
{
	xmlNodePtr c, g;
	const char *id = attr(m, n, "ID"), *use = NULL, *href = NULL;
	struct mfile *f;
	unsigned line = line_of(n);

	if (!id || strmap_get(&m->file_ids, id) != NONE)
		return;
	for (g = n->parent; g && feed_is(g, "fileGrp") && !use; g = g->parent)
		use = attr(m, g, "USE");
	for (c = n->children; c && !href; c = c->next)
		if (feed_is(c, "FLocat")) {
			href = attr(m, c, "href");
			line = line_of(c);
		}
	GROW(m->files, m->nfiles, m->cap_files);
	f = &m->files[m->nfiles];
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->href = href ? trimmed(m, href) : NULL;
	f->alto = is_alto(attr(m, n, "MIMETYPE"), use, f->href);
	f->page = NONE;
	f->line = line;
	f->first_area = NONE;
	strmap_put(&m->file_ids, id, m->nfiles++);
}

static size_t
file_by_id(struct mets *m, const char *id)
{
	return id ? strmap_get(&m->file_ids, id) : NONE;
}

static void
add_link(struct mets *m, const char *from, const char *to)
{
	struct link *l;
	size_t prev;

	if (!from || !to)
		return;
	if (m->nlinks >= MAX_LINKS) {
		if (!m->links_capped)
			diags_add(m->d, DIAG_WARNING, 0, 0, "more than %d "
				  "structLink arcs: the rest are left out",
				  MAX_LINKS);
		m->links_capped = true;
		return;
	}
	if (*from == '#')
		from++;
	if (*to == '#')
		to++;
	GROW(m->links, m->nlinks, m->cap_links);
	l = &m->links[m->nlinks];
	l->from = from;
	l->to = to;
	l->next = NONE;
	/* Appended to its div's chain, keeping document order. */
	prev = strmap_put(&m->link_tail, from, m->nlinks);
	if (prev == NONE)
		strmap_put(&m->link_from, from, m->nlinks);
	else
		m->links[prev].next = m->nlinks;
	m->nlinks++;
}

/*
 * An smLinkGrp: locators name divs by label, arcs join labels.  Labels
 * are chained so that a large group costs what its arcs cost.
 */
static void
read_link_group(struct mets *m, xmlNodePtr g)
{
	struct loc {
		const char *href;
		size_t next;
	} *v = NULL;
	size_t n = 0, cap = 0, i, j, last;
	struct strmap first, tail;	/* label -> its first, last locator */
	xmlNodePtr c;

	strmap_init(&first);
	strmap_init(&tail);
	for (c = g->children; c; c = c->next) {
		const char *label = attr(m, c, "label");

		if (!feed_is(c, "smLocatorLink") || !label)
			continue;
		VEC_RESERVE(v, cap, n + 1);
		v[n].href = attr(m, c, "href");
		v[n].next = NONE;
		last = strmap_put(&tail, label, n);
		if (last == NONE)
			strmap_put(&first, label, n);
		else
			v[last].next = n;
		n++;
	}
	for (c = v ? g->children : NULL; c; c = c->next) {
		const char *from, *to;

		if (!feed_is(c, "smArcLink"))
			continue;
		from = attr(m, c, "from");
		to = attr(m, c, "to");
		if (!from || !to)
			continue;
		for (i = strmap_get(&first, from); i != NONE; i = v[i].next)
			for (j = strmap_get(&first, to); j != NONE;
			     j = v[j].next)
				add_link(m, v[i].href, v[j].href);
	}
	free(v);
	strmap_release(&first);
	strmap_release(&tail);
}

/* First pass: every ID, the files, the structMaps and the links. */
static void
index_tree(struct mets *m, xmlNodePtr root)
{
	xmlNodePtr n;

	for (n = root; n; n = next_el(n, root, true)) {
		const char *id = attr(m, n, "ID");

		if (id && strmap_get(&m->ids, id) == NONE) {
			GROW(m->nodes, m->nnodes, m->cap_nodes);
			m->nodes[m->nnodes].n = n;
			strmap_put(&m->ids, id, m->nnodes++);
		}
		if (feed_is(n, "file")) {
			add_file(m, n);
		} else if (feed_is(n, "structMap")) {
			const char *t = attr(m, n, "TYPE");
			xmlNodePtr top = feed_child(n, "div");

			if (eq(t, "PHYSICAL") && !m->physical)
				m->physical = top;
			else if (eq(t, "LOGICAL") && !m->logical)
				m->logical = top;
			else if (!t && top && !m->logical)
				m->logical = top;	/* decided below */
		} else if (feed_is(n, "smLink")) {
			add_link(m, attr(m, n, "from"), attr(m, n, "to"));
		} else if (feed_is(n, "smLinkGrp")) {
			read_link_group(m, n);
		}
	}
}

/* ---- MODS ---- */

/* The mods element of a dmdSec named by a DMDID list, or NULL. */
static xmlNodePtr
mods_of(struct mets *m, const char *dmdids)
{
	char id[256];
	const char *p = dmdids;

	while (p && *p) {
		size_t n;
		xmlNodePtr sec, x;

		p += strspn(p, " \t\r\n");
		n = strcspn(p, " \t\r\n");
		if (!n)
			break;
		if (n < sizeof(id)) {
			memcpy(id, p, n);
			id[n] = '\0';
			sec = by_id(m, id);
			for (x = sec; x; x = next_el(x, sec, true))
				if (feed_is(x, "mods"))
					return x;
		}
		p += n;
	}
	return NULL;
}

/* Its titleInfo's nonSort and title, "THE STATESMAN"; NULL when none. */
static const char *
mods_title(struct mets *m, xmlNodePtr mods)
{
	xmlNodePtr ti, c;
	struct buf b = BUF_INIT;
	const char *r = NULL;

	for (ti = mods ? mods->children : NULL; ti; ti = ti->next) {
		if (!feed_is(ti, "titleInfo") || attr(m, ti, "type"))
			continue;
		for (c = ti->children; c; c = c->next) {
			char *t;

			if (!feed_is(c, "nonSort") && !feed_is(c, "title"))
				continue;
			t = feed_node_text(c);
			if (t && !is_blank(t)) {
				if (b.len && b.s[b.len - 1] != ' ')
					buf_addch(&b, ' ');
				buf_adds(&b, t);
			}
			xmlFree(t);
		}
		if (b.len)
			break;
	}
	if (b.len)
		r = trimmed(m, buf_str(&b));
	buf_release(&b);
	return r;
}

/* The text of n's first child named name, trimmed; NULL when none. */
static const char *
child_text(struct mets *m, xmlNodePtr n, const char *name)
{
	xmlNodePtr x = feed_child(n, name);
	char *t;
	const char *r;

	if (!x)
		return NULL;
	t = feed_node_text(x);
	r = is_blank(t) ? NULL : trimmed(m, t);
	xmlFree(t);
	return r;
}

/* A MODS date as YYYY-MM-DD when it is one ("1824-02-17T..." too,
   "18240217"); else as written. */
static void
set_date(struct mets *m, const char *t)
{
	char out[11];
	size_t n = t ? strspn(t, "0123456789") : 0;

	if (!t)
		return;
	if (n == 8 && (!t[8] || t[8] == 'T')) {
		snprintf(out, sizeof(out), "%.4s-%.2s-%.2s", t, t + 4, t + 6);
		story_set_meta(m->s, META_DATE, out, (size_t)-1);
	} else if (n == 4 && strlen(t) >= 10 && t[4] == '-' && t[7] == '-' &&
		   strspn(t + 5, "0123456789") == 2 &&
		   strspn(t + 8, "0123456789") == 2) {
		story_set_meta(m->s, META_DATE, t, 10);
	} else {
		story_set_meta(m->s, META_DATE, t, (size_t)-1);
	}
}

/* The issue's MODS: title, date, edition, publisher, language. */
static void
read_issue_mods(struct mets *m, xmlNodePtr mods)
{
	xmlNodePtr x, oi;
	const char *t;

	if (!mods)
		return;
	t = mods_title(m, mods);
	for (x = mods->children; !t && x; x = x->next)
		if (feed_is(x, "relatedItem") &&
		    eq(attr(m, x, "type"), "host"))
			t = mods_title(m, x);
	if (t)
		story_set_meta(m->s, META_TITLE, t, (size_t)-1);
	for (oi = mods->children; oi; oi = oi->next) {
		if (!feed_is(oi, "originInfo"))
			continue;
		for (x = oi->children; x; x = x->next) {
			const char *pt = attr(m, x, "point");
			char *v;

			if (!feed_is(x, "dateIssued") ||
			    (pt && !eq(pt, "start")))
				continue;
			v = feed_node_text(x);
			if (!is_blank(v))
				set_date(m, trimmed(m, v));
			xmlFree(v);
			if (eq(attr(m, x, "keyDate"), "yes"))
				break;
		}
		if ((t = child_text(m, oi, "edition")))
			story_set_meta(m->s, META_NAME, t, (size_t)-1);
		if ((t = child_text(m, oi, "publisher")))
			story_set_meta(m->s, META_PUBLISHER, t, (size_t)-1);
	}
	for (x = mods->children; x; x = x->next) {
		xmlNodePtr lt = feed_child(x, "languageTerm");
		const char *auth = attr(m, lt, "authority");

		if (feed_is(x, "language") && lt && (eq(auth, "rfc3066") ||
		    eq(auth, "rfc4646") || eq(auth, "rfc5646"))) {
			char *v = feed_node_text(lt);

			if (!is_blank(v))
				story_set_meta(m->s, META_LANG, trimmed(m, v),
					       (size_t)-1);
			xmlFree(v);
			break;
		}
	}
}

/* ---- pages and their areas ---- */

/* The area elements under n (through seq and par), in order. */
static xmlNodePtr
next_area(xmlNodePtr n, xmlNodePtr top)
{
	while ((n = next_el(n, top, true)))
		if (feed_is(n, "area"))
			return n;
	return NULL;
}

/*
 * The areas of div's own fptr children, in order: after prev (NULL for
 * the first).  A div's inner divs have their own.
 */
static xmlNodePtr
own_area(xmlNodePtr div, xmlNodePtr prev)
{
	xmlNodePtr f = prev, a;

	if (prev) {
		while (f->parent != div)
			f = f->parent;	/* prev's fptr */
		if ((a = next_area(prev, f)))
			return a;
		f = f->next;
	} else {
		f = div->children;
	}
	for (; f; f = f->next)
		if (feed_is(f, "fptr") && (a = next_area(f, f)))
			return a;
	return NULL;
}

/*
 * An area record for an ALTO <area> element; NONE when it is not one (an
 * image's).  An area with a BEGIN in a file the fileSec does not have
 * still puts its article on its page, with no text (warned).
 */
static size_t
new_area(struct mets *m, xmlNodePtr el, const char *id, const char *label,
	 size_t page)
{
	const char *fid = attr(m, el, "FILEID");
	size_t f = file_by_id(m, fid);
	struct area *a;

	if (f != NONE && !m->files[f].alto)
		return NONE;
	if (f == NONE) {
		if (!attr(m, el, "BEGIN") || (page == NONE && !id))
			return NONE;
		if (fid && strmap_put(&m->unknown_files, fid, 0) == NONE)
			diags_add(m->d, DIAG_WARNING, line_of(el), 0,
				  "the file \"%s\" is not in the fileSec: "
				  "its areas have no text", fid);
	}
	GROW(m->areas, m->nareas, m->cap_areas);
	a = &m->areas[m->nareas];
	memset(a, 0, sizeof(*a));
	a->id = id ? id : attr(m, el, "BEGIN");
	a->label = label;
	a->role = role_of(label);
	a->file = f;
	a->page = page != NONE ? page : f != NONE ? m->files[f].page : NONE;
	a->begin = attr(m, el, "BEGIN");
	a->end = attr(m, el, "END");
	a->line = line_of(el);
	a->end_depth = -1;
	a->next_begin = NONE;
	return m->nareas++;
}

/* The image and rectangle of a pagearea div, for its photo's src. */
static void
area_image(struct mets *m, struct area *a, xmlNodePtr div)
{
	xmlNodePtr el;

	for (el = own_area(div, NULL); el; el = own_area(div, el)) {
		size_t f = file_by_id(m, attr(m, el, "FILEID"));

		if (f != NONE && !m->files[f].alto && m->files[f].href &&
		    eq(attr(m, el, "SHAPE"), "RECT") &&
		    attr(m, el, "COORDS")) {
			a->img = m->files[f].href;
			a->coords = attr(m, el, "COORDS");
			return;
		}
	}
}

/* The areas of a page: its divs with an ALTO area of their own. */
static void
read_page_areas(struct mets *m, size_t page, xmlNodePtr pdiv)
{
	xmlNodePtr n, el;

	for (n = next_el(pdiv, pdiv, true); n; n = next_el(n, pdiv, true)) {
		const char *id, *label;
		size_t ai = NONE;

		if (!feed_is(n, "div"))
			continue;
		id = attr(m, n, "ID");
		label = attr(m, n, "LABEL");
		if (is_blank(label) && !eq(attr(m, n, "TYPE"), "pagearea"))
			label = attr(m, n, "TYPE");
		for (el = own_area(n, NULL); el && ai == NONE;
		     el = own_area(n, el))
			ai = new_area(m, el, id, label, page);
		if (ai == NONE)
			continue;
		area_image(m, &m->areas[ai], n);
		if (id)
			strmap_put(&m->area_ids, id, ai);
		if (m->pages[page].file == NONE)
			m->pages[page].file = m->areas[ai].file;
	}
}

static int
page_cmp(const void *x, const void *y)
{
	const struct mpage *a = x, *b = y;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The pages of the PHYSICAL structMap, in ORDER, each declared. */
static void
read_pages(struct mets *m)
{
	xmlNodePtr top = m->physical, n, c;
	bool all_ordered = true;
	size_t i;

	for (n = top; n; n = next_el(n, top, true)) {
		const char *order;
		struct mpage *p;

		if (!feed_is(n, "div") || !eq(attr(m, n, "TYPE"), "page"))
			continue;
		GROW(m->pages, m->npages, m->cap_pages);
		p = &m->pages[m->npages];
		p->div = n;
		p->seq = m->npages;
		p->file = NONE;
		order = attr(m, n, "ORDER");
		p->order = order && strspn(order, "0123456789") ==
			   strlen(order) && *order && strlen(order) < 10 ?
			   atol(order) : -1;
		if (p->order < 0)
			all_ordered = false;
		p->label = attr(m, n, "ORDERLABEL");
		if (is_blank(p->label))
			p->label = is_blank(order) ? NULL : order;
		m->npages++;
	}
	/* No div says "page": the top div's children are the pages. */
	if (!m->npages && top) {
		for (n = top->children; n; n = n->next) {
			struct mpage *p;

			if (!feed_is(n, "div"))
				continue;
			GROW(m->pages, m->npages, m->cap_pages);
			p = &m->pages[m->npages];
			p->div = n;
			p->seq = m->npages;
			p->file = NONE;
			p->order = -1;
			p->label = attr(m, n, "ORDERLABEL");
			if (is_blank(p->label))
				p->label = attr(m, n, "ORDER");
			m->npages++;
		}
		all_ordered = false;
	}
	if (all_ordered && m->npages)
		qsort(m->pages, m->npages, sizeof(*m->pages), page_cmp);
	for (i = 0; i < m->npages; i++) {
		struct mpage *p = &m->pages[i];
		const char *id = attr(m, p->div, "ID");

		if (is_blank(p->label)) {
			char num[32];

			snprintf(num, sizeof(num), "%zu", i + 1);
			p->label = arena_strdup(&m->a, num);
		} else {
			p->label = trimmed(m, p->label);
		}
		if (id)
			strmap_put(&m->page_ids, id, i);
		/* Its own ALTO file: an fptr of the page div. */
		for (c = p->div->children; c; c = c->next) {
			size_t f = feed_is(c, "fptr") ?
				   file_by_id(m, attr(m, c, "FILEID")) : NONE;

			if (f != NONE && m->files[f].alto) {
				p->file = f;
				if (m->files[f].page == NONE)
					m->files[f].page = i;
				break;
			}
		}
		story_declare_page(m->s, p->label, NULL);
	}
	for (i = 0; i < m->npages; i++)
		read_page_areas(m, i, m->pages[i].div);
	for (i = 0; i < m->npages; i++) {
		size_t f = m->pages[i].file;

		if (f != NONE && m->files[f].page == NONE)
			m->files[f].page = i;
	}
}

/* ---- articles ---- */

static void
art_use(struct art *t, size_t area, enum role role)
{
	GROW(t->v, t->n, t->cap);
	t->v[t->n].area = area;
	t->v[t->n].role = role;
	t->n++;
}

static void
art_page(struct art *t, size_t page)
{
	GROW(t->pages, t->npages, t->cap_pages);
	t->pages[t->npages++] = page;
}

/* The role a div inside an article gives its areas (R_TEXT: none). */
static enum role
div_role(struct mets *m, xmlNodePtr div, xmlNodePtr story)
{
	for (; div && div != story; div = div->parent) {
		enum role r = role_of(attr(m, div, "TYPE"));

		if (r != R_TEXT)
			return r;
	}
	return R_TEXT;
}

/* The areas of article t: its divs' own areas and their links. */
static void
gather_areas(struct mets *m, struct art *t)
{
	xmlNodePtr top = t->div, n, el;

	for (n = top; n; n = next_el(n, top, true)) {
		enum role r;
		const char *id;
		size_t li;

		if (!feed_is(n, "div"))
			continue;
		r = div_role(m, n, top);
		/* Its fptr: an area of an ALTO file, or a whole file. */
		for (el = n->children; el; el = el->next) {
			xmlNodePtr a;

			if (!feed_is(el, "fptr"))
				continue;
			for (a = next_area(el, el); a; a = next_area(a, el)) {
				size_t ai = new_area(m, a, attr(m, a, "ID"),
						     pretty_type(m,
						     attr(m, n, "TYPE")),
						     NONE);

				if (ai != NONE)
					art_use(t, ai, r != R_TEXT ? r :
						m->areas[ai].role);
			}
			if (!next_area(el, el)) {
				size_t f = file_by_id(m,
						      attr(m, el, "FILEID"));

				if (f != NONE && m->files[f].page != NONE)
					art_page(t, m->files[f].page);
			}
		}
		id = attr(m, n, "ID");
		for (li = id ? strmap_get(&m->link_from, id) : NONE;
		     li != NONE; li = m->links[li].next) {
			const char *to = m->links[li].to;
			size_t ai = strmap_get(&m->area_ids, to), p;

			if (ai != NONE) {
				art_use(t, ai, r != R_TEXT ? r :
					m->areas[ai].role);
			} else if ((p = strmap_get(&m->page_ids, to)) !=
				   NONE) {
				art_page(t, p);
			} else if (!by_id(m, to)) {
				diags_add(m->d, DIAG_WARNING, line_of(n), 0,
					  "\"%s\" links to \"%s\", which is "
					  "not in the file", id, to);
			}
		}
	}
}

static void
add_art(struct mets *m, xmlNodePtr div)
{
	struct art *t;

	GROW(m->arts, m->narts, m->cap_arts);
	t = &m->arts[m->narts++];
	memset(t, 0, sizeof(*t));
	t->div = div;
	t->id = attr(m, div, "ID");
	t->type = attr(m, div, "TYPE");
	gather_areas(m, t);
}

/*
 * The articles: the LOGICAL structMap's divs below its containers
 * (issue, volume, section...).  A div of another type is one article,
 * whatever it holds (its own divs are its headline, body, captions).
 */
static void
read_articles(struct mets *m, xmlNodePtr div, int depth)
{
	static const char *const containers[] = {
		"newspaper", "periodical", "issue", "volume", "year", "month",
		"day", "edition", "section", "supplement", "part", "contents",
		"content", "newspaper_issue", "physsequence", "title_section",
		"page", NULL,
	};
	xmlNodePtr c;
	bool kids = false;

	for (c = div->children; c; c = c->next)
		kids |= feed_is(c, "div");
	if (kids && (depth == 0 || in_set(attr(m, div, "TYPE"), containers)) &&
	    depth < TREE_DEPTH) {
		for (c = div->children; c; c = c->next)
			if (feed_is(c, "div"))
				read_articles(m, c, depth + 1);
	} else if (depth > 0 || !kids) {
		add_art(m, div);
	}
}

/* ---- finding and reading the ALTO files ---- */

static void
say_no_folder(struct mets *m)
{
	if (m->no_folder_said)
		return;
	m->no_folder_said = true;
	if (m->src->url)
		diags_add(m->d, DIAG_WARNING, 0, 0, "the ALTO pages cannot be "
			  "found: the METS file was fetched from \"%s\", and "
			  "folio fetches no more", m->src->url);
	else
		diags_add(m->d, DIAG_WARNING, 0, 0, "the ALTO pages cannot be "
			  "found: the METS file was read from standard input, "
			  "not from a folder (open the file itself)");
}

/*
 * The path of file f: its href taken relative to the METS file's
 * folder.  Refused (-1, why set): URLs, absolute paths and ".." (a page
 * is inside the issue's folder).  "file:" with a relative path is read.
 */
static int
alto_path(struct mets *m, const struct mfile *f, struct buf *out,
	  const char **why)
{
	const char *h = f->href, *slash;
	char *dec = NULL, *p;
	size_t scheme = 0;
	int ret = -1;

	*why = NULL;
	if (!m->src->path || !strcmp(m->src->path, "-")) {
		say_no_folder(m);
		return -1;
	}
	if (is_blank(h)) {
		*why = "it names no file";
		return -1;
	}
	while (h[scheme] && (isalnum((unsigned char)h[scheme]) ||
			     strchr("+.-", h[scheme])))
		scheme++;
	if (scheme > 1 && h[scheme] == ':') {
		if (strncasecmp(h, "file:", 5) != 0) {
			*why = "it is a URL, and folio fetches nothing";
			return -1;
		}
		h += 5;
		if (!strncmp(h, "//./", 4)) {
			h += 4;		/* file://./alto/1.xml */
		} else if (!strncmp(h, "//", 2)) {
			*why = "it is an absolute path (only files beside the "
			       "METS file are read)";
			return -1;	/* file:///p, file://host/p */
		}
	}
	dec = xmlURIUnescapeString(h, 0, NULL);
	if (!dec) {
		*why = "it is not a file name";
		return -1;
	}
	for (p = dec; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*why = "its name holds control characters";
			goto out;
		}
		if (*p == '\\')
			*p = '/';
	}
	if (dec[0] == '/') {
		*why = "it is an absolute path (only files beside the METS "
		       "file are read)";
		goto out;
	}
	for (p = dec; *p; p += strcspn(p, "/"), p += *p == '/') {
		if (!strncmp(p, "..", 2) && (p[2] == '/' || !p[2])) {
			*why = "its path leaves the METS file's folder";
			goto out;
		}
	}
	buf_reset(out);
	slash = strrchr(m->src->path, '/');
	if (slash)
		buf_add(out, m->src->path, (size_t)(slash - m->src->path) + 1);
	for (p = dec; p[0] == '.' && p[1] == '/';)
		p += 2;		/* "./" */
	buf_adds(out, p);
	ret = 0;
out:
	xmlFree(dec);
	return ret;
}

/* Where the reader is in an ALTO file, and what it has seen. */
struct geom {
	double x, w, h;
	bool ok;
};

struct alto {
	struct mets *m;
	size_t file;		/* into m->files */
	struct sink *rest;	/* text in no area */
	xmlTextReaderPtr r;
	const char *name;	/* the file, for messages */
	unsigned mets_line;	/* its FLocat, for messages */
	size_t nxml;		/* libxml2 messages so far */
	struct strmap begins;	/* BEGIN id -> first area */
	size_t *active;		/* open areas */
	size_t nactive, cap_active;
	size_t *last;		/* the areas given the last String (NONE:
				   rest) */
	size_t nlast, cap_last;
	unsigned long pos, block, line;
	struct geom blk, ln, prev;
	bool prev_short, prev_ended;
	bool line_hyp, prev_hyp;	/* this line, the last, end on a HYP */
	bool line_new_para, line_indented, line_full;
	bool space;		/* an SP since the last String */
	char last_end[8];	/* the last String's last bytes */
	const char *page_label;	/* a lone page's PRINTED_IMG_NR... */
	struct buf id, content;	/* the element's, copied: the reader's
				   attribute strings may share a buffer */
	bool too_many_said;
};

/* A number attribute (ALTO coordinates may be decimals); -1 if not. */
static double
num(const char *s)
{
	double v = 0, scale = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (scale) {
				v += (*s - '0') / scale;
				scale *= 10;
			} else {
				v = v * 10 + (*s - '0');
			}
		} else if (*s == '.' && !scale) {
			scale = 10;
		} else {
			return -1;
		}
	}
	return v;
}

/* libxml2's messages about an ALTO file: warnings naming it. */
static void
alto_error(void *arg, xmlErrorPtr e)
{
	struct alto *x = arg;
	char *msg;
	size_t n;

	if (!e || !e->message)
		return;
	if (++x->nxml > MAX_XML_WARNINGS) {
		if (x->nxml == MAX_XML_WARNINGS + 1)
			diags_add(x->m->d, DIAG_WARNING, x->mets_line, 0,
				  "\"%s\": more XML errors not shown",
				  x->name);
		return;
	}
	msg = xstrdup(e->message);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	lower_first(msg);
	diags_add(x->m->d, DIAG_WARNING, x->mets_line, 0,
		  "\"%s\" line %d: %s", x->name, e->line, msg);
	free(msg);
}

/* The sink of area ai, or rest when ai is NONE. */
static struct sink *
sink_of(struct alto *x, size_t ai)
{
	return ai == NONE ? x->rest : &x->m->areas[ai].text;
}

/* Add one String's content to the sink of area ai (NONE: rest). */
static void
sink_word(struct alto *x, size_t ai, const char *w, size_t n)
{
	struct sink *k = sink_of(x, ai);
	struct para *p = k->n ? &k->v[k->n - 1] : NULL;
	bool same_block = p && k->block == x->block;

	if (!p || !same_block || (k->line != x->line && x->line_new_para)) {
		VEC_RESERVE(k->v, k->cap, k->n + 1);
		p = &k->v[k->n++];
		memset(p, 0, sizeof(*p));
		p->start = p->end = k->b.len;
		p->new_block = !same_block;
		p->indented = x->line_indented;
		p->lines = 1;
		if (!same_block)
			k->blocks++;
		if (!k->words)
			k->first_pos = x->pos;
	} else if (k->line != x->line) {
		/* No space after a HYP, nor after a word ending in "-" with
		   no HYP ("counting-" "house": the hyphen is kept). */
		if (!k->hyp && !word_dash(k->b.s + p->start,
					  k->b.len - p->start))
			buf_addch(&k->b, ' ');
		p->lines++;
	} else if (k->hyp) {
		buf_addch(&k->b, '-');	/* a HYP inside a line */
	} else if (x->space) {
		buf_addch(&k->b, ' ');
	}
	buf_add(&k->b, w, n);
	p->end = k->b.len;
	p->ends_hyp = false;
	p->last_full = x->line_full;
	k->hyp = false;
	k->block = x->block;
	k->line = x->line;
	k->words++;
	if (has_word(w, n))
		k->real_words++;
	VEC_RESERVE(x->last, x->cap_last, x->nlast + 1);
	x->last[x->nlast++] = ai;
}

static void
on_string(struct alto *x, const char *w)
{
	size_t i, n = strlen(w);

	x->nlast = 0;
	if (!n)
		return;
	if (!x->nactive)
		sink_word(x, NONE, w, n);
	for (i = 0; i < x->nactive; i++)
		sink_word(x, x->active[i], w, n);
	x->space = false;
	x->line_hyp = false;
	i = n < sizeof(x->last_end) ? n : sizeof(x->last_end) - 1;
	memcpy(x->last_end, w + n - i, i);
	x->last_end[i] = '\0';
}

static void
on_hyp(struct alto *x)
{
	size_t i;

	x->line_hyp = true;
	for (i = 0; i < x->nlast; i++) {
		struct sink *k = sink_of(x, x->last[i]);

		k->hyp = true;
		if (k->n)
			k->v[k->n - 1].ends_hyp = true;
	}
}

static void
read_geom(struct geom *g, double hpos, double width, double height)
{
	g->x = hpos;
	g->w = width;
	g->h = height;
	g->ok = hpos >= 0 && width >= 0 && height > 0;
}

/*
 * A new TextLine: is it indented (a paragraph's first line), does it
 * start a paragraph, does it reach the block's right edge?  Lines too
 * short to judge by (specks) are no reference for the next.
 */
static void
on_line(struct alto *x, double hpos, double width, double height)
{
	bool real;
	double h, left;

	x->line++;
	x->prev_hyp = x->line_hyp;
	x->line_hyp = false;
	read_geom(&x->ln, hpos, width, height);
	x->line_indented = x->line_new_para = false;
	x->line_full = true;
	if (!x->ln.ok || !x->blk.ok)
		return;
	h = x->ln.h;
	real = x->ln.w >= 2 * h;
	left = x->prev.ok ? x->prev.x : x->blk.x;
	x->line_indented = real && x->ln.x - left >= 0.5 * h;
	x->line_full = x->ln.x + x->ln.w >= x->blk.x + x->blk.w - 1.5 * h;
	/* A paragraph's first line is indented after a short line or a
	   sentence's end (not a centred line inside a sentence), or
	   follows a short line ending a sentence; never after a hyphen. */
	if (x->prev.ok && !x->prev_hyp)
		x->line_new_para = (x->line_indented &&
				    (x->prev_short || x->prev_ended)) ||
				   (x->prev_short && x->prev_ended);
	if (real) {
		x->prev = x->ln;
		x->prev_short = x->ln.x + x->ln.w <
				x->blk.x + x->blk.w - 3 * h;
		x->prev_ended = false;	/* known at its last String */
	}
}

/* Open the areas beginning at this id; mark those ending at it. */
static void
on_id(struct alto *x, const char *id, int depth)
{
	size_t i, ai;

	for (ai = strmap_get(&x->begins, id); ai != NONE;
	     ai = x->m->areas[ai].next_begin) {
		struct area *a = &x->m->areas[ai];

		if (a->found)
			continue;
		if (x->nactive >= MAX_OPEN) {
			if (!x->too_many_said)
				diags_add(x->m->d, DIAG_WARNING, a->line, 0,
					  "more than %d areas overlap in "
					  "\"%s\": the rest are left out",
					  MAX_OPEN, x->name);
			x->too_many_said = true;
			a->found = a->done = true;	/* said: no text */
			continue;
		}
		a->found = a->active = true;
		a->pos = x->pos;
		VEC_RESERVE(x->active, x->cap_active, x->nactive + 1);
		x->active[x->nactive++] = ai;
	}
	for (i = 0; i < x->nactive; i++) {
		struct area *a = &x->m->areas[x->active[i]];

		if (a->end_depth < 0 && (a->end ? !strcmp(a->end, id) :
					 !strcmp(a->begin, id)))
			a->end_depth = depth;
	}
}

/* Close the areas whose END element ends at this depth. */
static void
on_close(struct alto *x, int depth)
{
	size_t i = 0;

	while (i < x->nactive) {
		struct area *a = &x->m->areas[x->active[i]];

		if (a->end_depth == depth) {
			a->active = false;
			a->done = true;
			x->active[i] = x->active[--x->nactive];
		} else {
			i++;
		}
	}
}

/* One element start: its attributes, then what it means. */
static void
on_element(struct alto *x)
{
	xmlTextReaderPtr r = x->r;
	const char *name = (const char *)xmlTextReaderConstLocalName(r);
	const char *id = NULL, *content = NULL, *a_printed = NULL;
	const char *a_physical = NULL;
	double hpos = -1, width = -1, height = -1;
	int depth = xmlTextReaderDepth(r);
	bool empty = xmlTextReaderIsEmptyElement(r) == 1, hyp1 = false;

	x->pos++;
	if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
		do {
			const char *an = (const char *)
				xmlTextReaderConstLocalName(r);
			const char *av = (const char *)
				xmlTextReaderConstValue(r);

			if (!an || !av)
				continue;
			switch (an[0]) {
			case 'I':
				if (!strcmp(an, "ID")) {
					buf_reset(&x->id);
					buf_adds(&x->id, av);
					id = buf_str(&x->id);
				}
				break;
			case 'C':
				if (!strcmp(an, "CONTENT")) {
					buf_reset(&x->content);
					buf_adds(&x->content, av);
					content = buf_str(&x->content);
				}
				break;
			case 'H':
				if (!strcmp(an, "HPOS"))
					hpos = num(av);
				else if (!strcmp(an, "HEIGHT"))
					height = num(av);
				break;
			case 'W':
				if (!strcmp(an, "WIDTH"))
					width = num(av);
				break;
			case 'S':
				if (!strcmp(an, "SUBS_TYPE"))
					hyp1 = !strcmp(av, "HypPart1");
				break;
			case 'P':
				if (!strcmp(an, "PRINTED_IMG_NR"))
					a_printed = trimmed(x->m, av);
				else if (!strcmp(an, "PHYSICAL_IMG_NR"))
					a_physical = trimmed(x->m, av);
				break;
			}
		} while (xmlTextReaderMoveToNextAttribute(r) == 1);
		xmlTextReaderMoveToElement(r);
	}
	if (id)
		on_id(x, id, depth);
	if (!strcmp(name, "String")) {
		if (content) {
			on_string(x, content);
			if (hyp1)
				on_hyp(x);	/* its HYP may not follow */
			if (x->prev.ok && x->ln.ok && x->ln.w >= 2 * x->ln.h)
				x->prev_ended = ends_sentence(x->last_end,
							      strlen(
							      x->last_end));
		}
	} else if (!strcmp(name, "SP")) {
		x->space = true;
	} else if (!strcmp(name, "HYP")) {
		on_hyp(x);
	} else if (!strcmp(name, "TextLine")) {
		on_line(x, hpos, width, height);
		x->space = false;
	} else if (!strcmp(name, "TextBlock")) {
		x->block++;
		read_geom(&x->blk, hpos, width, 1);
		x->prev.ok = false;
		x->nlast = 0;
	} else if (!strcmp(name, "Page") && !x->page_label) {
		const char *l = !is_blank(a_printed) ? a_printed : a_physical;

		if (!is_blank(l))
			x->page_label = l;
	}
	if (empty)
		on_close(x, depth);
}

/*
 * Stream the ALTO reader r: every String into the areas of file (NONE:
 * a lone page, all of it into rest).  Returns 0, or -1 when the reader
 * stopped on an error (what was read is kept).
 */
static int
read_alto(struct alto *x)
{
	int ret, type;

	while ((ret = xmlTextReaderRead(x->r)) == 1) {
		type = xmlTextReaderNodeType(x->r);
		if (type == XML_READER_TYPE_ELEMENT)
			on_element(x);
		else if (type == XML_READER_TYPE_END_ELEMENT)
			on_close(x, xmlTextReaderDepth(x->r));
	}
	/* Areas still open at the end (their END never came) end here. */
	while (x->nactive)
		x->m->areas[x->active[--x->nactive]].active = false;
	return ret == 0 ? 0 : -1;
}

static void
alto_init(struct alto *x, struct mets *m, size_t file, struct sink *rest)
{
	memset(x, 0, sizeof(*x));
	x->m = m;
	x->file = file;
	x->rest = rest;
	strmap_init(&x->begins);
}

static void
alto_release(struct alto *x)
{
	strmap_release(&x->begins);
	buf_release(&x->id);
	buf_release(&x->content);
	free(x->active);
	free(x->last);
}

/* Read ALTO file f for the areas used in it. */
static void
read_file(struct mets *m, size_t fi)
{
	struct mfile *f = &m->files[fi];
	struct buf path = BUF_INIT;
	const char *why;
	struct alto x;
	struct stat st;
	size_t ai;
	int fd;

	f->state = FS_MISSING;
	if (alto_path(m, f, &path, &why) != 0) {
		if (why)
			diags_add(m->d, DIAG_WARNING, f->line, 0, "the ALTO "
				  "file \"%s\" is not read: %s",
				  f->href ? f->href : "", why);
		buf_release(&path);
		return;
	}
	fd = open(buf_str(&path), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		char *e = xstrdup(fd < 0 ? strerror(errno) :
				  "not a regular file");

		lower_first(e);
		diags_add(m->d, DIAG_WARNING, f->line, 0, "cannot read the "
			  "ALTO file \"%s\": %s", f->href, e);
		free(e);
		if (fd >= 0)
			close(fd);
		buf_release(&path);
		return;
	}
	alto_init(&x, m, fi, &f->rest);
	x.name = f->href;
	x.mets_line = f->line;
	for (ai = f->first_area; ai != NONE; ai = m->areas[ai].next_in_file)
		if (m->areas[ai].begin)
			m->areas[ai].next_begin = strmap_put(&x.begins,
					m->areas[ai].begin, ai);
	x.r = xmlReaderForFd(fd, buf_str(&path), NULL,
			     feed_xml_options() | XML_PARSE_RECOVER);
	if (!x.r) {
		diags_add(m->d, DIAG_WARNING, f->line, 0, "cannot read the "
			  "ALTO file \"%s\"", f->href);
	} else {
		xmlTextReaderSetStructuredErrorHandler(x.r, alto_error, &x);
		if (read_alto(&x) != 0)
			diags_add(m->d, DIAG_WARNING, f->line, 0, "\"%s\" is "
				  "read up to line %d only", f->href,
				  xmlTextReaderGetParserLineNumber(x.r));
		xmlFreeTextReader(x.r);
		f->state = FS_READ;
	}
	close(fd);
	alto_release(&x);
	buf_release(&path);
}

/* ---- stories ---- */

/* Where a story's body is: a paragraph open, how it ended. */
struct emit {
	struct story_set *s;
	bool open;
	bool hyp;		/* the open paragraph ends on a HYP */
	bool full;		/* ... on a full line, its second or more */
	bool ended;		/* ... on a sentence's end */
	bool dash;		/* ... on a word's "-" (no HYP) */
};

static void
emit_close(struct emit *e)
{
	if (!e->open)
		return;
	if (e->hyp)
		story_text(e->s, "-", 1);
	story_block_end(e->s);
	e->open = false;
	e->hyp = false;
}

/*
 * Paragraph p (its bytes at base) into the story: joined to the open
 * one across a column break (after a hyphen, or after a full line that
 * ends no sentence, when p starts a block and is not indented).
 */
static void
emit_para(struct emit *e, const char *base, const struct para *p)
{
	const char *t = base + p->start;
	size_t n = p->end - p->start;

	if (e->open && p->new_block && !p->indented &&
	    (e->hyp || (e->full && !e->ended))) {
		if (!e->hyp && !e->dash)
			story_text(e->s, " ", 1);
	} else {
		emit_close(e);
		story_block_begin(e->s, BLOCK_PARA);
		e->open = true;
	}
	story_text(e->s, t, n);
	e->hyp = p->ends_hyp;
	e->full = p->last_full && p->lines >= 2;
	e->ended = ends_sentence(t, n);
	e->dash = word_dash(t, n);
}

static void
emit_sink(struct emit *e, const struct sink *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		emit_para(e, k->b.s, &k->v[i]);
}

/* A sink's text as one string (paragraphs joined by spaces), in the
   arena; NULL when empty. */
static const char *
sink_flat(struct mets *m, const struct sink *k)
{
	struct buf b = BUF_INIT;
	const char *r = NULL;
	size_t i;

	for (i = 0; i < k->n; i++) {
		if (b.len && !k->v[i - 1].ends_hyp)
			buf_addch(&b, ' ');
		buf_add(&b, k->b.s + k->v[i].start,
			k->v[i].end - k->v[i].start);
	}
	if (b.len)
		r = arena_strndup(&m->a, b.s, b.len);
	buf_release(&b);
	return r;
}

/* The kicker of a logical type: none for an article. */
static const char *
kicker_of(struct mets *m, const char *type)
{
	if (!type || eq(type, "ARTICLE") || eq(type, "STORY"))
		return NULL;
	if (eq(type, "ADVERT") || eq(type, "ADVERTISEMENT") || eq(type, "AD"))
		return "Advertisement";
	return pretty_type(m, type);
}

/* The caption for the photo of use u: a caption area of the article
   (the next one, else the one before), else the area's label. */
static const char *
caption_for(struct mets *m, const struct art *t, size_t u)
{
	size_t i;
	const struct area *a = &m->areas[t->v[u].area];

	for (i = u + 1; i < t->n && t->v[i].role != R_ILLUSTRATION; i++)
		if (t->v[i].role == R_CAPTION && m->areas[t->v[i].area].text.n)
			return sink_flat(m, &m->areas[t->v[i].area].text);
	for (i = u; i-- > 0 && t->v[i].role != R_ILLUSTRATION;)
		if (t->v[i].role == R_CAPTION && m->areas[t->v[i].area].text.n)
			return sink_flat(m, &m->areas[t->v[i].area].text);
	return !is_blank(a->label) ? a->label : "Illustration";
}

/* Is the caption area of use u shown as a photo's caption? */
static bool
caption_used(const struct art *t, size_t u)
{
	size_t i;

	for (i = u + 1; i < t->n; i++)
		if (t->v[i].role == R_ILLUSTRATION)
			return true;
	for (i = u; i-- > 0;)
		if (t->v[i].role == R_ILLUSTRATION)
			return true;
	return false;
}

/* A photo's src: its image and rectangle as a media fragment
   ("p2.jp2#xywh=3726,4387,441,1788"), the image alone when the
   rectangle is not one, NULL without an image. */
static const char *
photo_src(struct mets *m, const struct area *a)
{
	struct buf b = BUF_INIT;
	const char *p, *r;
	long c[4];
	char *end;
	size_t i;

	if (!a->img || !a->coords)
		return a->img;
	for (i = 0, p = a->coords; i < 4; i++) {
		c[i] = strtol(p, &end, 10);
		if (end == p || c[i] < 0)
			return a->img;
		p = end + strspn(end, " ,");
	}
	if (c[2] < c[0] || c[3] < c[1])
		return a->img;
	buf_addf(&b, "%s#xywh=%ld,%ld,%ld,%ld", a->img, c[0], c[1],
		 c[2] - c[0], c[3] - c[1]);
	r = arena_strdup(&m->a, buf_str(&b));
	buf_release(&b);
	return r;
}

static const char *
page_label(struct mets *m, size_t p)
{
	return m->pages[p].label;
}

/* Is use u one of the headline areas an article starts with (before
   any text)?  Those make its headline and deck, later ones subheads. */
static bool
leading_head(struct mets *m, const struct art *t, size_t u)
{
	size_t i;

	if (t->v[u].role != R_HEADLINE)
		return false;
	for (i = 0; i < u; i++)
		if (t->v[i].role != R_HEADLINE && t->v[i].role != R_BYLINE &&
		    t->v[i].role != R_ILLUSTRATION &&
		    m->areas[t->v[i].area].text.n)
			return false;
	return true;
}

/* The caption of an article made of pictures only, with no words to
   make a headline of; else NULL. */
static const char *
lone_picture(struct mets *m, const struct art *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct sink *k = &m->areas[t->v[i].area].text;

		if (t->v[i].role != R_ILLUSTRATION ||
		    (k->n && has_word(k->b.s, k->b.len)))
			return NULL;
	}
	return t->n ? caption_for(m, t, 0) : NULL;
}

/* Article t as a story. */
static void
emit_art(struct mets *m, struct art *t)
{
	struct emit e = { m->s, false, false, false, false, false };
	xmlNodePtr mods = mods_of(m, attr(m, t->div, "DMDID"));
	const char *head = NULL, *k;
	size_t i, page = NONE, head_use = NONE, deck_use = NONE;

	story_add(m->s, t->id, line_of(t->div), 0);
	if ((k = kicker_of(m, t->type)))
		story_field(m->s, SF_KICKER, k, (size_t)-1);
	/* The headline: its first leading headline area (a second one is
	   the deck, more are subheads), else the MODS title, else the
	   LABEL, else a lone picture's caption; else story_build takes
	   the first words. */
	for (i = 0; i < t->n; i++) {
		const struct area *a = &m->areas[t->v[i].area];

		if (!a->text.n)
			continue;
		if (leading_head(m, t, i) && head_use == NONE) {
			head = sink_flat(m, &a->text);
			head_use = i;
		} else if (leading_head(m, t, i) && deck_use == NONE) {
			story_field(m->s, SF_DECK, sink_flat(m, &a->text),
				    (size_t)-1);
			deck_use = i;
		} else if (t->v[i].role == R_BYLINE) {
			story_field(m->s, SF_BYLINE, sink_flat(m, &a->text),
				    (size_t)-1);
		}
	}
	if (!head)
		head = mods_title(m, mods);
	if (!head && !is_blank(attr(m, t->div, "LABEL")))
		head = attr(m, t->div, "LABEL");
	if (!head)
		head = lone_picture(m, t);
	if (head)
		story_field(m->s, SF_HEADLINE, head, (size_t)-1);
	for (i = 0; i < t->npages; i++)
		story_page(m->s, page_label(m, t->pages[i]), NULL);
	for (i = 0; i < t->n; i++) {
		const struct area *a = &m->areas[t->v[i].area];

		if (a->page != NONE && a->page != page) {
			if (page != NONE) {
				emit_close(&e);
				story_page_break(m->s);
			}
			story_page(m->s, page_label(m, a->page), NULL);
			page = a->page;
		}
		switch (t->v[i].role) {
		case R_BYLINE:
			break;
		case R_HEADLINE:
		case R_SUBHEAD:
			if (i == head_use || i == deck_use || !a->text.n)
				break;
			emit_close(&e);
			story_block_begin(m->s, BLOCK_SUBHEAD);
			story_text(m->s, sink_flat(m, &a->text), (size_t)-1);
			story_block_end(m->s);
			break;
		case R_CAPTION:	/* as text when no picture takes it */
		case R_TEXT:
			if (t->v[i].role == R_TEXT || !caption_used(t, i))
				emit_sink(&e, &a->text);
			break;
		case R_ILLUSTRATION:
			emit_close(&e);
			story_photo(m->s, caption_for(m, t, i), NULL,
				    photo_src(m, a));
			/* The words OCR read in the picture, unless specks:
			   one paragraph (its lines are no sentences). */
			if (a->text.n &&
			    has_word(a->text.b.s, a->text.b.len)) {
				story_block_begin(m->s, BLOCK_PARA);
				story_text(m->s, sink_flat(m, &a->text),
					   (size_t)-1);
				story_block_end(m->s);
			}
			break;
		}
	}
	emit_close(&e);
}

/*
 * The text of a page in no article.  With articles, it is one story
 * per page when it holds a few words (warned either way); with none (a
 * lone page, a METS without articles) the page is cut into stories at
 * blocks that look like headlines.
 */
static bool
looks_like_head(const struct sink *k, const struct para *p)
{
	size_t i, letters = 0, upper = 0, words = 1;
	const char *t = k->b.s + p->start;
	size_t n = p->end - p->start;

	if (!p->new_block || p->lines > 2 || n > 80)
		return false;
	if (p + 1 < k->v + k->n && !p[1].new_block)
		return false;	/* its block goes on */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == ' ')
			words++;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
			letters++;
		if (c >= 'A' && c <= 'Z')
			upper++;
	}
	return words <= 12 && letters >= 4 && upper * 4 >= letters * 3;
}

static void
emit_lone_page(struct mets *m, const struct sink *k, const char *label,
	       unsigned line)
{
	struct emit e = { m->s, false, false, false, false, false };
	size_t i;

	for (i = 0; i < k->n; i++) {
		const struct para *p = &k->v[i];
		bool head = looks_like_head(k, p);

		if (head || i == 0) {
			emit_close(&e);
			story_add(m->s, NULL, line, 0);
			story_page(m->s, label, NULL);
		}
		if (head)
			story_field(m->s, SF_HEADLINE, k->b.s + p->start,
				    p->end - p->start);
		else
			emit_para(&e, k->b.s, p);
	}
	emit_close(&e);
}

/* Is most of p words (not specks: ".. ~ , ":•")? */
static bool
wordy(const char *t, size_t n)
{
	size_t i = 0, words = 0, real = 0;

	while (i < n) {
		size_t w = strcspn(t + i, " ");

		if (w > n - i)
			w = n - i;
		if (w) {
			words++;
			real += has_word(t + i, w);
		}
		i += w + 1;
	}
	return real >= 2 && real * 2 >= words;
}

/* A headline for text with none: the first words of its first wordy
   paragraph, cut at a space near 60 bytes; NULL when it has none. */
static const char *
first_words(struct mets *m, const struct sink *k)
{
	size_t i, n, cut;
	const char *t;
	struct buf b = BUF_INIT;

	for (i = 0; i < k->n; i++) {
		t = k->b.s + k->v[i].start;
		n = k->v[i].end - k->v[i].start;
		if (!wordy(t, n))
			continue;
		if (n > 60) {
			for (cut = 60; cut > 20 && t[cut] != ' '; cut--)
				;
			while (cut < n && ((unsigned char)t[cut] & 0xC0) ==
			       0x80)
				cut++;	/* a whole character */
			buf_add(&b, t, cut);
			buf_adds(&b, "\u2026");
		} else {
			buf_add(&b, t, n);
		}
		t = arena_strdup(&m->a, buf_str(&b));
		buf_release(&b);
		return t;
	}
	return NULL;
}

static void
emit_rest(struct mets *m, size_t fi)
{
	struct mfile *f = &m->files[fi];
	const char *label = page_label(m, f->page);
	struct emit e = { m->s, false, false, false, false, false };
	char id[48];

	if (f->rest.real_words < REST_MIN_WORDS) {
		diags_add(m->d, DIAG_WARNING, f->line, 0,
			  "page %s: %zu word%s in %zu text block%s of \"%s\" "
			  "belong%s to no article: left out", label,
			  f->rest.words,
			  f->rest.words == 1 ? "" : "s", f->rest.blocks,
			  f->rest.blocks == 1 ? "" : "s", f->href,
			  f->rest.words == 1 ? "s" : "");
		return;
	}
	snprintf(id, sizeof(id), "page%s-other", label);
	if (strlen(id) > 24 || strspn(id, "abcdefghijklmnopqrstuvwxyz"
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(id))
		snprintf(id, sizeof(id), "page%zu-other", f->page + 1);
	diags_add(m->d, DIAG_WARNING, f->line, 0, "page %s: %zu words in %zu "
		  "text block%s of \"%s\" belong to no article: kept as "
		  "article \"%s\"", label, f->rest.words, f->rest.blocks,
		  f->rest.blocks == 1 ? "" : "s", f->href, id);
	story_add(m->s, id, f->line, 0);
	story_field(m->s, SF_KICKER, "Not in any article", (size_t)-1);
	story_field(m->s, SF_HEADLINE, first_words(m, &f->rest), (size_t)-1);
	story_page(m->s, label, NULL);
	emit_sink(&e, &f->rest);
	emit_close(&e);
}

/* Warn of what could not be found: missing files, unknown ids. */
static void
warn_lost(struct mets *m)
{
	size_t fi, i, j;

	for (fi = 0; fi < m->nfiles; fi++) {
		struct mfile *f = &m->files[fi];
		struct buf ids = BUF_INIT;
		size_t named = 0, count = 0;

		if (f->state != FS_MISSING)
			continue;
		for (i = 0; i < m->narts; i++) {
			const struct art *t = &m->arts[i];

			for (j = 0; j < t->n; j++)
				if (m->areas[t->v[j].area].file == fi)
					break;
			if (j == t->n)
				continue;
			count++;
			if (named++ < MAX_NAMED)
				buf_addf(&ids, "%s\"%s\"", ids.len ? ", " : "",
					 t->id ? t->id : "?");
		}
		if (count)
			diags_add(m->d, DIAG_WARNING, f->line, 0,
				  "the text of %zu article%s on page %s is "
				  "missing (%s%s)",
				  count, count == 1 ? "" : "s",
				  f->page != NONE ? page_label(m, f->page) :
				  "?", buf_str(&ids),
				  count > MAX_NAMED ? ", ..." : "");
		buf_release(&ids);
	}
	for (i = 0; i < m->nareas; i++) {
		const struct area *a = &m->areas[i];
		const struct mfile *f;
		const char *id = a->id ? a->id : "?";

		if (!a->used || a->file == NONE)
			continue;
		f = &m->files[a->file];
		if (f->state != FS_READ)
			continue;
		if (!a->begin)
			diags_add(m->d, DIAG_WARNING, a->line, 0,
				  "area \"%s\" names no BEGIN in \"%s\": no "
				  "text", id, f->href);
		else if (!a->found)
			diags_add(m->d, DIAG_WARNING, a->line, 0,
				  "area \"%s\": \"%s\" is not in \"%s\": no "
				  "text", id, a->begin, f->href);
		else if (!a->done && a->end)
			diags_add(m->d, DIAG_WARNING, a->line, 0,
				  "area \"%s\": its END \"%s\" is not in "
				  "\"%s\" (read to the page's end)", id,
				  a->end, f->href);
	}
}

/* Stories in the METS order, each page's text in no article placed
   before the first article that comes after it on its page. */
static void
emit_all(struct mets *m)
{
	bool *done = xcalloc(m->nfiles + 1, sizeof(*done));
	size_t i, j, fi;

	for (i = 0; i < m->narts; i++) {
		const struct art *t = &m->arts[i];
		const struct area *first = NULL;

		for (j = 0; j < t->n && !first; j++)
			if (m->areas[t->v[j].area].found)
				first = &m->areas[t->v[j].area];
		fi = first ? first->file : NONE;
		if (fi != NONE && !done[fi] && m->files[fi].rest.words &&
		    m->files[fi].page != NONE &&
		    m->files[fi].rest.first_pos < first->pos) {
			done[fi] = true;
			emit_rest(m, fi);
		}
		emit_art(m, &m->arts[i]);
	}
	for (i = 0; i < m->npages; i++) {
		fi = m->pages[i].file;
		if (fi != NONE && !done[fi] && m->files[fi].rest.words) {
			done[fi] = true;
			emit_rest(m, fi);
		}
	}
	free(done);
}

/* ---- the importer ---- */

static void
mets_release(struct mets *m)
{
	size_t i;

	for (i = 0; i < m->nareas; i++)
		sink_release(&m->areas[i].text);
	for (i = 0; i < m->nfiles; i++)
		sink_release(&m->files[i].rest);
	for (i = 0; i < m->narts; i++) {
		free(m->arts[i].v);
		free(m->arts[i].pages);
	}
	free(m->arts);
	free(m->areas);
	free(m->files);
	free(m->pages);
	free(m->nodes);
	free(m->links);
	strmap_release(&m->ids);
	strmap_release(&m->file_ids);
	strmap_release(&m->area_ids);
	strmap_release(&m->page_ids);
	strmap_release(&m->unknown_files);
	strmap_release(&m->link_from);
	strmap_release(&m->link_tail);
	if (m->doc)
		xmlFreeDoc(m->doc);
	arena_release(&m->a);
}

/* The file's name without folder and extension, for a lone page. */
static char *
base_name(const char *path)
{
	const char *b = path ? strrchr(path, '/') : NULL;
	char *r = xstrdup(b ? b + 1 : path ? path : "ALTO page");
	char *dot = strrchr(r, '.');

	if (dot && dot != r)
		*dot = '\0';
	return r;
}

/* A lone ALTO page, streamed from memory. */
static struct edition *
alto_load(const struct feed_src *src, struct diags *d, int *status)
{
	struct mets m;
	struct alto x;
	struct sink rest;
	struct edition *ed = NULL;
	char *title = base_name(src->path);

	memset(&m, 0, sizeof(m));
	memset(&rest, 0, sizeof(rest));
	m.src = src;
	m.d = d;
	m.s = story_set_new();
	arena_init(&m.a);
	alto_init(&x, &m, NONE, &rest);
	x.r = feed_reader_new(src, true, d);
	if (x.r) {
		read_alto(&x);
		feed_reader_free(x.r);
		if (!rest.words)
			diags_add(d, DIAG_WARNING, 0, 0, "the ALTO page holds "
				  "no text");
		emit_lone_page(&m, &rest, x.page_label ? x.page_label : "1",
			       1);
		ed = story_build(m.s, title, x.page_label ? x.page_label :
				 "1", d);
	}
	if (!ed)
		*status = EX_DATAERR;
	alto_release(&x);
	sink_release(&rest);
	story_set_free(m.s);
	mets_release(&m);
	free(title);
	return ed;
}

struct edition *
mets_load(const struct feed_src *src, struct diags *d, int *status)
{
	struct mets m;
	struct edition *ed = NULL;
	xmlNodePtr root;
	const char *root_name = NULL, *title;
	size_t i, j;

	if (feed_sniff(src->data, src->len, &root_name) == FMT_ALTO)
		return alto_load(src, d, status);
	memset(&m, 0, sizeof(m));
	m.src = src;
	m.d = d;
	arena_init(&m.a);
	m.doc = feed_doc_read(src, true, d);
	root = m.doc ? xmlDocGetRootElement(m.doc) : NULL;
	if (!root) {
		diags_add(d, DIAG_ERROR, 0, 0, "not a METS document: no root "
			  "element");
		*status = EX_DATAERR;
		mets_release(&m);
		return NULL;
	}
	m.s = story_set_new();
	story_set_order(m.s, ORDER_APPEARANCE);
	index_tree(&m, root);
	/* A structMap with no TYPE taken as logical may hold the pages. */
	if (!m.physical && m.logical) {
		for (i = 0; i < m.nnodes; i++)
			if (feed_is(m.nodes[i].n, "div") &&
			    eq(attr(&m, m.nodes[i].n, "TYPE"), "page"))
				break;
		if (i < m.nnodes) {
			m.physical = m.logical;
			m.logical = NULL;
		}
	}
	read_issue_mods(&m, mods_of(&m, attr(&m, m.logical, "DMDID")));
	read_issue_mods(&m, mods_of(&m, attr(&m, m.physical, "DMDID")));
	if (!story_has_meta(m.s, META_TITLE))
		for (i = 0; i < m.nnodes; i++)
			if (feed_is(m.nodes[i].n, "dmdSec")) {
				read_issue_mods(&m, mods_of(&m,
					attr(&m, m.nodes[i].n, "ID")));
				break;
			}
	read_pages(&m);
	if (m.logical)
		read_articles(&m, m.logical, 0);
	for (i = 0; i < m.narts; i++)
		for (j = 0; j < m.arts[i].n; j++)
			m.areas[m.arts[i].v[j].area].used = true;
	/* Each file's used areas, last first (the order does not matter:
	   each opens at its own BEGIN). */
	for (i = 0; i < m.nareas; i++) {
		struct area *a = &m.areas[i];

		a->next_in_file = NONE;
		if (a->used && a->file != NONE) {
			a->next_in_file = m.files[a->file].first_area;
			m.files[a->file].first_area = i;
		}
	}
	for (i = 0; i < m.npages; i++) {
		size_t f = m.pages[i].file;

		if (f != NONE && m.files[f].state == FS_UNREAD)
			read_file(&m, f);
	}
	for (i = 0; i < m.nareas; i++) {
		size_t f = m.areas[i].file;

		if (m.areas[i].used && f != NONE &&
		    m.files[f].state == FS_UNREAD)
			read_file(&m, f);
	}
	warn_lost(&m);
	if (m.narts) {
		emit_all(&m);
	} else {
		for (i = 0; i < m.npages; i++)
			if (m.pages[i].file != NONE)
				emit_lone_page(&m, &m.files[m.pages[i].file]
					       .rest, m.pages[i].label,
					       m.files[m.pages[i].file].line);
	}
	title = trimmed(&m, attr(&m, m.logical ? m.logical : m.physical,
				 "LABEL"));
	ed = story_build(m.s, !is_blank(title) ? title : "METS issue",
			 m.npages ? m.pages[0].label : "1", d);
	if (!ed)
		*status = EX_DATAERR;
	story_set_free(m.s);
	mets_release(&m);
	return ed;
}
