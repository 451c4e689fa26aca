/*
 * newsml: NewsML-G2 as an edition.  A file is a newsMessage (its itemSet
 * of items), a packageItem or a lone newsItem; knowledge, concept,
 * planning and catalog items are not news and are skipped (warned).
 *
 * A packageItem lays out the edition: each group whose role is a page
 * ("group:page", any scheme) is a page, its title the page's label (else
 * its id), declared in the order the groupSet reaches them from its root
 * (groupRefs followed depth first), then any left over in document
 * order.  The itemRefs of a page group put the items they name on that
 * page; an item named from two page groups is one story jumping from
 * the first to the second.  A picture named in a group goes with the
 * text item named beside it in that group (the one before it, else the
 * one after): on that story's first page it opens the body, on a later
 * page it closes it.  A picture with no text item in its group is a
 * story of its own.  Groups that are not pages only hold items: their
 * items go on their section's page.
 *
 * A named item is looked for in the file, then in the files beside it
 * (*.xml, and files whose name begins with the guid, as Reuters names
 * them); an item found nowhere is shown from what its itemRef says (its
 * title, summary or caption), with a warning.
 *
 * A newsItem: contentMeta's headline (a "sub" role: the deck), by,
 * dateline, slugline (the kicker), contentCreated; the body from
 * contentSet: inlineXML holding NITF (nitf_fill) or XHTML, or inlineData
 * (plain text, HTML).  A picture item (itemClass ninat:picture) is a
 * photo: description role drol:caption, by and creditline, the first
 * remoteContent's href.  A video or audio item is shown only when it has
 * words (warned when it has none).  An item no package places is a story
 * on a page named from its best subject (a desk's own, else a top IPTC
 * topic, else any named topic; never a place), else "News".
 *
 * A NewsML 1.x file (<NewsML>) is read for the NITF it carries
 * (nitf_load).
 *
 * The file is read twice with xmlTextReader, one item expanded at a
 * time; only packageItems are kept as trees.  Stories come in the
 * file's order, then those found beside it or missing, in the package's
 * order.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "feed.h"
#include "util.h"

#define BESIDE_MAX_FILES 4096
#define BESIDE_MAX_BYTES (64 << 20)
#define NEST_MAX 16

enum cls { CLS_NONE, CLS_TEXT, CLS_PICTURE, CLS_VIDEO, CLS_AUDIO,
	   CLS_COMPOSITE, CLS_OTHER };

struct photo {
	char *caption, *credit, *src, *headline;
};

/* A newsItem of the file, as the first pass saw it. */
struct item {
	char *guid;		/* NULL when it has none */
	enum cls cls;
	struct photo ph;	/* a picture's */
	size_t ref;		/* the reference to it, or NONE */
};

/* An item the packages name (itemRef@residref). */
struct ref {
	char *guid;
	size_t *pages;		/* into g2.labels, reading order */
	size_t npages, cap_pages;
	enum cls cls;
	char *title, *summary, *caption;	/* the itemRef's own */
	size_t host;		/* a picture's text reference, or NONE */
	bool lead;		/* on its host's first page */
	size_t photos;		/* first picture it hosts, or NONE */
	size_t next_photo;	/* the next its host hosts, or NONE */
	unsigned line, col;	/* its first itemRef */
	size_t item;		/* in the file: into g2.items, or NONE */
	char *beside;		/* else the file beside holding it, or NULL */
	struct photo ph;	/* a picture found beside */
	bool done;		/* its story was made (or it was skipped) */
};

struct g2 {
	const struct feed_src *src;
	struct diags *d;
	struct story_set *s;
	xmlDocPtr pkgdoc;	/* copies of the packageItems */
	struct pkg {
		xmlNodePtr node;	/* in pkgdoc */
		bool placed;		/* its items placed */
	} *pkgs;
	size_t npkgs, cap_pkgs;
	struct item *items;
	size_t nitems, cap_items;
	struct strmap item_index;	/* guid -> item */
	struct ref *refs;
	size_t nrefs, cap_refs;
	struct strmap ref_index;	/* guid -> ref */
	char **labels;		/* the page groups' labels, as declared */
	size_t nlabels, cap_labels;
	struct strmap label_index;
	char *provider;		/* the first provider named */
	unsigned root_line, root_col;
	bool newsml1;		/* the root is NewsML 1.x's <NewsML> */
	int warned;		/* kinds of item warned about (bits) */
	size_t seen;		/* newsItems met in the current pass */
};

/* ---- small helpers ---- */

/* Does the QCode or role v end in ":what" (or is it what), any case? */
static bool
code_is(const char *v, const char *what)
{
	const char *c;

	if (!v)
		return false;
	c = strrchr(v, ':');
	return !strcasecmp(c ? c + 1 : v, what);
}

static void
photo_release(struct photo *p)
{
	free(p->caption);
	free(p->credit);
	free(p->src);
	free(p->headline);
	memset(p, 0, sizeof(*p));
}

static void
warn(struct g2 *g, xmlNodePtr at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A warning at the start tag of at (in the file being loaded). */
static void
warn(struct g2 *g, xmlNodePtr at, const char *fmt, ...)
{
	va_list ap;
	unsigned col, line = nitf_where(g->src, at, &col);

	va_start(ap, fmt);
	diags_vadd(g->d, DIAG_WARNING, line, col, fmt, ap);
	va_end(ap);
}

/* What an itemClass or a contenttype says the item is. */
static enum cls
item_class(xmlNodePtr item_ref_or_meta)
{
	char *q = feed_attr_text(feed_child(item_ref_or_meta, "itemClass"),
				 "qcode");
	enum cls c = CLS_NONE;

	if (q) {
		if (code_is(q, "text"))
			c = CLS_TEXT;
		else if (code_is(q, "picture") || code_is(q, "graphic"))
			c = CLS_PICTURE;
		else if (code_is(q, "video") || code_is(q, "animated"))
			c = CLS_VIDEO;
		else if (code_is(q, "audio"))
			c = CLS_AUDIO;
		else if (code_is(q, "composite"))
			c = CLS_COMPOSITE;
		else
			c = CLS_OTHER;
	}
	free(q);
	return c;
}

static const char *
cls_name(enum cls c)
{
	switch (c) {
	case CLS_PICTURE:
		return "a picture";
	case CLS_VIDEO:
		return "a video";
	case CLS_AUDIO:
		return "an audio item";
	case CLS_COMPOSITE:
		return "a package";
	default:
		return "an item";
	}
}

/* A provider's or holder's name: literal, else its name, else its
   QCode's code. */
static char *
party_name(xmlNodePtr p)
{
	char *v, *c;

	if (!p)
		return NULL;
	if ((v = feed_attr_text(p, "literal")) ||
	    (v = feed_child_text(p, "name")))
		return v;
	if (!(v = feed_attr_text(p, "qcode")))
		return NULL;
	c = strrchr(v, ':');
	if (c && c[1]) {
		c = xstrdup(c + 1);
		free(v);
		return c;
	}
	return v;
}

/* The main headline of contentMeta (one whose role is no "sub" one). */
static xmlNodePtr
headline_of(xmlNodePtr cm, bool sub)
{
	xmlNodePtr c;

	for (c = cm ? cm->children : NULL; c; c = c->next) {
		char *role;
		bool is_sub;

		if (!feed_is(c, "headline"))
			continue;
		role = feed_attr_text(c, "role");
		is_sub = role && strcasestr(role, "sub");
		free(role);
		if (is_sub == sub && !feed_blank(c))
			return c;
	}
	return NULL;
}

/* The description of contentMeta whose role ends in role (any role when
   role is NULL: the first). */
static xmlNodePtr
description_of(xmlNodePtr cm, const char *role)
{
	xmlNodePtr c;

	for (c = cm ? cm->children : NULL; c; c = c->next) {
		char *r;
		bool ok;

		if (!feed_is(c, "description"))
			continue;
		r = feed_attr_text(c, "role");
		ok = !role || (r && strcasestr(r, role));
		free(r);
		if (ok && !feed_blank(c))
			return c;
	}
	return NULL;
}

/* A picture item's photo. */
static void
photo_of(xmlNodePtr item, struct photo *p)
{
	xmlNodePtr cm = feed_child(item, "contentMeta");
	xmlNodePtr c, cs = feed_child(item, "contentSet");
	char *by = feed_child_text(cm, "by");
	char *cl = feed_child_text(cm, "creditline");

	p->headline = feed_text(headline_of(cm, false));
	if (!p->headline)
		p->headline = feed_child_text(feed_child(item, "itemMeta"),
					      "title");
	p->caption = feed_text(description_of(cm, "caption"));
	if (!p->caption)
		p->caption = feed_text(description_of(cm, NULL));
	if (!p->caption && p->headline)
		p->caption = xstrdup(p->headline);
	if (by && cl && !strcasestr(cl, by) && !strcasestr(by, cl)) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "%s / %s", by, cl);
		p->credit = buf_detach(&b);
	} else {
		p->credit = cl ? xstrdup(cl) : by ? xstrdup(by) : NULL;
	}
	free(by);
	free(cl);
	for (c = cs ? cs->children : NULL; c && !p->src; c = c->next)
		if (feed_is(c, "remoteContent"))
			p->src = feed_attr_text(c, "href");
}

/* ---- reading a file: the items in it ---- */

enum found { FOUND_ITEM, FOUND_PACKAGE };

typedef bool (*found_fn)(struct g2 *g, xmlNodePtr n, enum found what,
			 void *arg);

/*
 * Stream src, expanding each newsItem and packageItem (a groupSet as
 * the root: a fragment of one) and handing it to fn, which returns
 * false to stop.  Items that are not news are skipped, warned about
 * when warn.  Returns -1 when the document is not well-formed (the
 * error in d), else 0.
 */
static int
walk(struct g2 *g, const struct feed_src *src, struct diags *d, bool note,
     found_fn fn, void *arg)
{
	static const char *const not_news[] = {
		"knowledgeItem", "conceptItem", "planningItem",
		"catalogItem", NULL,
	};
	xmlTextReaderPtr r = feed_reader_new(src, false, d);
	size_t nerr = d->nerrors;
	int ret, i;

	if (!r)
		return -1;
	ret = xmlTextReaderRead(r);
	while (ret == 1) {
		const char *ln;
		xmlNodePtr n;
		int depth;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		ln = (const char *)xmlTextReaderConstLocalName(r);
		depth = xmlTextReaderDepth(r);
		if (note && depth == 0) {
			n = xmlTextReaderCurrentNode(r);
			g->root_line = nitf_where(src, n, &g->root_col);
			g->newsml1 = ln && !strcmp(ln, "NewsML");
		}
		ln = ln ? ln : "";
		for (i = 0; not_news[i] && strcmp(ln, not_news[i]); i++)
			;
		if (not_news[i]) {
			if (note && !(g->warned & 1 << i)) {
				g->warned |= 1 << i;
				warn(g, xmlTextReaderCurrentNode(r), "<%s> "
				     "holds no news: skipped", ln);
			}
			ret = xmlTextReaderNext(r);
			continue;
		}
		if (!strcmp(ln, "header")) {
			ret = xmlTextReaderNext(r);
			continue;
		}
		if (strcmp(ln, "newsItem") && strcmp(ln, "packageItem") &&
		    (strcmp(ln, "groupSet") || depth)) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (!(n = xmlTextReaderExpand(r))) {
			ret = -1;
			break;
		}
		if (!fn(g, n, strcmp(ln, "newsItem") ? FOUND_PACKAGE :
			FOUND_ITEM, arg))
			break;
		ret = xmlTextReaderNext(r);
	}
	feed_reader_free(r);
	if (ret < 0 && d->nerrors == nerr)
		diags_add(d, DIAG_ERROR, 0, 0, "the XML reader stopped: "
			  "not well-formed");
	return ret < 0 ? -1 : 0;
}

/* The first pass: each item's guid and class (a picture's photo), the
   packages kept. */
static bool
first_pass(struct g2 *g, xmlNodePtr n, enum found what, void *arg)
{
	struct item *it;

	(void)arg;
	if (what == FOUND_PACKAGE) {
		xmlNodePtr copy = xmlDocCopyNode(n, g->pkgdoc, 1);

		if (!copy)
			die("out of memory");
		xmlAddChild(xmlDocGetRootElement(g->pkgdoc), copy);
		VEC_RESERVE(g->pkgs, g->cap_pkgs, g->npkgs + 1);
		g->pkgs[g->npkgs].node = copy;
		g->pkgs[g->npkgs++].placed = false;
		if (!g->provider)
			g->provider = party_name(feed_child(feed_child(n,
				"itemMeta"), "provider"));
		return true;
	}
	VEC_RESERVE(g->items, g->cap_items, g->nitems + 1);
	it = &g->items[g->nitems];
	memset(it, 0, sizeof(*it));
	it->guid = feed_attr_text(n, "guid");
	it->cls = item_class(feed_child(n, "itemMeta"));
	it->ref = NONE;
	if (it->cls == CLS_PICTURE)
		photo_of(n, &it->ph);
	if (!g->provider)
		g->provider = party_name(feed_child(feed_child(n, "itemMeta"),
						    "provider"));
	if (it->guid) {
		if (strmap_get(&g->item_index, it->guid) == NONE)
			strmap_put(&g->item_index, it->guid, g->nitems);
		else
			warn(g, n, "newsItem \"%s\" again: both are shown",
			     it->guid);
	}
	g->nitems++;
	return true;
}

/* ---- packages: pages and the items on them ---- */

/* The page's section: the letters of a label such as "A12". */
static char *
section_of(const char *label)
{
	size_t n = strcspn(label, "0123456789");

	if (!n || !label[n] || strspn(label + n, "0123456789") !=
	    strlen(label + n))
		return NULL;
	return xstrndup(label, n);
}

static size_t
declare(struct g2 *g, xmlNodePtr group)
{
	char *label = feed_child_text(group, "title"), *sec;
	size_t i;

	if (!label)
		label = feed_attr_text(group, "id");
	if (!label) {
		warn(g, group, "page group with neither title nor id: its "
		     "items go on their sections' pages");
		return NONE;
	}
	if ((i = strmap_get(&g->label_index, label)) != NONE) {
		free(label);
		return i;
	}
	VEC_RESERVE(g->labels, g->cap_labels, g->nlabels + 1);
	g->labels[g->nlabels] = label;
	strmap_put(&g->label_index, label, g->nlabels);
	sec = section_of(label);
	story_declare_page(g->s, label, sec);
	free(sec);
	return g->nlabels++;
}

/* A group being walked: its last text item, pictures awaiting one. */
struct gwalk {
	size_t page;
	size_t last_text;
	size_t *pending;
	size_t npending, cap_pending;
};

static void
host(struct g2 *g, size_t pic, size_t text, size_t page)
{
	struct ref *p = &g->refs[pic], *t = &g->refs[text];
	size_t *tail = &t->photos;

	p->host = text;
	p->lead = page == NONE || !t->npages || t->pages[0] == page;
	while (*tail != NONE)
		tail = &g->refs[*tail].next_photo;
	*tail = pic;
}

static void package(struct g2 *g, size_t k, size_t page, int depth);

static void
item_ref(struct g2 *g, xmlNodePtr ir, struct gwalk *w, int depth)
{
	char *guid = feed_attr_text(ir, "residref");
	struct ref *r;
	size_t i, k, it;

	if (!guid) {
		warn(g, ir, "<itemRef> names no item (no residref): "
		     "skipped");
		return;
	}
	/* A package in the file: its items in this place (once). */
	for (k = 0; k < g->npkgs; k++) {
		char *pg = feed_attr_text(g->pkgs[k].node, "guid");
		bool same = pg && !strcmp(pg, guid);

		free(pg);
		if (same) {
			if (!g->pkgs[k].placed && depth < NEST_MAX)
				package(g, k, w->page, depth + 1);
			free(guid);
			return;
		}
	}
	if ((i = strmap_get(&g->ref_index, guid)) == NONE) {
		VEC_RESERVE(g->refs, g->cap_refs, g->nrefs + 1);
		i = g->nrefs++;
		r = &g->refs[i];
		memset(r, 0, sizeof(*r));
		r->guid = guid;
		strmap_put(&g->ref_index, r->guid, i);
		r->cls = item_class(ir);
		it = strmap_get(&g->item_index, guid);
		r->item = it;
		if (it != NONE) {
			g->items[it].ref = i;
			if (g->items[it].cls != CLS_NONE)
				r->cls = g->items[it].cls;
		}
		r->title = feed_child_text(ir, "title");
		if (!r->title)
			r->title = feed_text(headline_of(ir, false));
		r->summary = feed_text(description_of(ir, "summary"));
		r->caption = feed_text(description_of(ir, "caption"));
		r->host = r->photos = r->next_photo = NONE;
		r->line = nitf_where(g->src, ir, &r->col);
		guid = NULL;
	}
	free(guid);
	r = &g->refs[i];
	if (w->page != NONE) {
		for (k = 0; k < r->npages && r->pages[k] != w->page; k++)
			;
		if (k == r->npages) {
			VEC_RESERVE(r->pages, r->cap_pages, r->npages + 1);
			r->pages[r->npages++] = w->page;
		}
	}
	if (r->cls == CLS_PICTURE) {
		if (r->host != NONE || r->photos != NONE)
			return;
		if (w->last_text != NONE) {
			host(g, i, w->last_text, w->page);
		} else {
			VEC_RESERVE(w->pending, w->cap_pending,
				    w->npending + 1);
			w->pending[w->npending++] = i;
		}
		return;
	}
	if (r->cls == CLS_VIDEO || r->cls == CLS_AUDIO ||
	    r->cls == CLS_COMPOSITE)
		return;		/* not a story a picture goes with */
	w->last_text = i;
	for (k = 0; k < w->npending; k++)
		host(g, w->pending[k], i, w->page);
	w->npending = 0;
}

/* A groupSet's groups. */
struct groups {
	struct grp {
		xmlNodePtr node;
		bool visited;
	} *v;
	size_t n;
};

static void
group(struct g2 *g, struct groups *gs, size_t gi, size_t page, int depth)
{
	struct gwalk w = { page, NONE, NULL, 0, 0 };
	xmlNodePtr c, grp = gs->v[gi].node;
	char *role = feed_attr_text(grp, "role");

	gs->v[gi].visited = true;
	if (code_is(role, "page"))
		w.page = declare(g, grp);
	free(role);
	for (c = grp->children; c; c = c->next) {
		if (feed_is(c, "itemRef")) {
			item_ref(g, c, &w, depth);
		} else if (feed_is(c, "groupRef")) {
			char *id = feed_attr_text(c, "idref");
			size_t k;

			for (k = 0; id && k < gs->n; k++) {
				char *gid = feed_attr_text(gs->v[k].node, "id");
				bool same = gid && !strcmp(gid, id);

				free(gid);
				if (same)
					break;
			}
			if (!id || k == gs->n)
				warn(g, c, "<groupRef> to \"%s\": no such "
				     "group", id ? id : "");
			else if (!gs->v[k].visited && depth < NEST_MAX)
				group(g, gs, k, w.page, depth + 1);
			free(id);
		}
	}
	free(w.pending);
}

/* The edition's fields from a package: the first package's win. */
static void
package_meta(struct g2 *g, xmlNodePtr pkg)
{
	xmlNodePtr im = feed_child(pkg, "itemMeta");
	xmlNodePtr cm = feed_child(pkg, "contentMeta");
	char *v = party_name(feed_child(im, "provider")), *title, *p, *q;

	story_set_meta(g->s, META_TITLE, v, (size_t)-1);
	/* "The Daily Example, Late City, 2024-03-02": the masthead, the
	   edition's name, the date. */
	title = feed_child_text(im, "title");
	if (v && title && !strncmp(title, v, strlen(v)) &&
	    !strncmp(title + strlen(v), ", ", 2) &&
	    (q = strrchr(title, ',')) > (p = title + strlen(v) + 2) &&
	    strspn(q + 2, "0123456789") >= 4)
		story_set_meta(g->s, META_NAME, p, (size_t)(q - p));
	free(title);
	free(v);
	v = feed_child_text(cm, "contentCreated");
	if (!v)
		v = feed_child_text(im, "firstCreated");
	if (!v)
		v = feed_child_text(im, "versionCreated");
	story_set_meta(g->s, META_DATE, v, (size_t)-1);
	free(v);
	v = party_name(feed_child(feed_child(pkg, "rightsInfo"),
				  "copyrightHolder"));
	story_set_meta(g->s, META_PUBLISHER, v, (size_t)-1);
	free(v);
	v = feed_attr_text(pkg, "lang");
	story_set_meta(g->s, META_LANG, v, (size_t)-1);
	free(v);
}

/* Place the items of package k, on page (NONE: their groups say). */
static void
package(struct g2 *g, size_t k, size_t page, int depth)
{
	xmlNodePtr pkg = g->pkgs[k].node;
	xmlNodePtr set = feed_is(pkg, "groupSet") ? pkg :
			 feed_child(pkg, "groupSet");
	struct groups gs = { NULL, 0 };
	char *root;
	xmlNodePtr c;
	size_t i, cap = 0;

	g->pkgs[k].placed = true;
	if (!pkg)
		return;
	if (depth == 0)
		package_meta(g, pkg);
	if (!set) {
		/* itemRefs right in the package (LISTING 24 does so). */
		struct gwalk w = { page, NONE, NULL, 0, 0 };

		for (c = pkg->children; c; c = c->next)
			if (feed_is(c, "itemRef"))
				item_ref(g, c, &w, depth);
		free(w.pending);
		return;
	}
	for (c = set->children; c; c = c->next)
		if (feed_is(c, "group")) {
			VEC_RESERVE(gs.v, cap, gs.n + 1);
			gs.v[gs.n].node = c;
			gs.v[gs.n++].visited = false;
		}
	root = feed_attr_text(set, "root");
	for (i = 0; root && i < gs.n; i++) {
		char *id = feed_attr_text(gs.v[i].node, "id");
		bool same = id && !strcmp(id, root);

		free(id);
		if (same) {
			group(g, &gs, i, page, depth);
			break;
		}
	}
	for (i = 0; i < gs.n; i++)
		if (!gs.v[i].visited)
			group(g, &gs, i, page, depth);
	free(root);
	free(gs.v);
}

/* ---- the files beside ---- */

/* The file's bytes (up to BESIDE_MAX_BYTES), or NULL. */
static char *
read_file(const char *path, size_t *len)
{
	struct stat st;
	char *data;
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    st.st_size > BESIDE_MAX_BYTES) {
		close(fd);
		return NULL;
	}
	data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	       (n = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	data[got] = '\0';
	*len = got;
	return data;
}

/* Is name a file that may hold the item guid: *.xml, or named after it
   (its characters other than letters, digits, ".", "-" as "_")? */
static bool
may_hold(const char *name, const char *guid)
{
	size_t n = strlen(name), i;

	if (n > 4 && !strcasecmp(name + n - 4, ".xml"))
		return true;
	for (i = 0; guid[i] && name[i]; i++) {
		char c = guid[i];
		bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '.' || c == '-';

		if (name[i] != (keep ? c : '_'))
			return false;
	}
	return !guid[i];
}

struct beside_scan {
	struct feed_src src;	/* the file beside, while it is read */
	size_t want;		/* the ref sought, or NONE: all missing */
	bool built;
};

/* In a file beside: note where the missing items are (a picture's photo
   read at once), or build the story of the one sought. */
static void build_item(struct g2 *g, xmlNodePtr n, struct ref *r,
		       const struct feed_src *src);

static bool
beside_item(struct g2 *g, xmlNodePtr n, enum found what, void *arg)
{
	struct beside_scan *bs = arg;
	char *guid;
	size_t i;

	if (what != FOUND_ITEM || !(guid = feed_attr_text(n, "guid")))
		return true;
	i = strmap_get(&g->ref_index, guid);
	free(guid);
	if (i == NONE)
		return true;
	if (bs->want != NONE) {
		if (i != bs->want)
			return true;
		build_item(g, n, &g->refs[i], &bs->src);
		bs->built = true;
		return false;
	}
	if (g->refs[i].item != NONE || g->refs[i].beside)
		return true;
	g->refs[i].beside = xstrdup(bs->src.path);
	if (g->refs[i].cls == CLS_NONE)
		g->refs[i].cls = item_class(feed_child(n, "itemMeta"));
	if (g->refs[i].cls == CLS_PICTURE)
		photo_of(n, &g->refs[i].ph);
	return true;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Stream the file at path with fn; its own problems are not ours. */
static void
walk_beside(struct g2 *g, const char *path, found_fn fn,
	    struct beside_scan *bs)
{
	struct diags quiet;
	char *data;
	unsigned unused;

	memset(&bs->src, 0, sizeof(bs->src));
	if (!(data = read_file(path, &bs->src.len)))
		return;
	bs->src.data = data;
	bs->src.path = path;
	diags_init(&quiet, path);
	walk(g, &bs->src, &quiet, false, fn, bs);
	diags_release(&quiet);
	nitf_where(NULL, NULL, &unused);
	memset(&bs->src, 0, sizeof(bs->src));
	free(data);
}

/* Find the items no file holds in the files beside src. */
static void
beside(struct g2 *g)
{
	const char *path = g->src->path, *slash;
	struct stat self;
	char *dir, **names = NULL;
	size_t nnames = 0, cap = 0, i, k, missing = 0;
	struct buf b = BUF_INIT;
	struct dirent *de;
	DIR *dp;

	for (k = 0; k < g->nrefs; k++)
		missing += g->refs[k].item == NONE;
	if (!path || !missing || !strcmp(path, "-") || stat(path, &self))
		return;
	slash = strrchr(path, '/');
	dir = slash ? xstrndup(path, (size_t)(slash - path + 1)) :
		      xstrdup("");
	if (!(dp = opendir(*dir ? dir : "."))) {
		free(dir);
		return;
	}
	while ((de = readdir(dp)) && nnames < BESIDE_MAX_FILES) {
		bool may = false;

		if (de->d_name[0] == '.')
			continue;
		for (k = 0; k < g->nrefs && !may; k++)
			may = g->refs[k].item == NONE &&
			      may_hold(de->d_name, g->refs[k].guid);
		if (!may)
			continue;
		VEC_RESERVE(names, cap, nnames + 1);
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (nnames)
		qsort(names, nnames, sizeof(*names), name_cmp);
	for (i = 0; i < nnames; i++) {
		struct beside_scan bs = { { NULL, 0, NULL, NULL, NULL },
					  NONE, false };
		struct stat st;
		size_t len;
		char *data;
		bool any = false;

		buf_reset(&b);
		buf_addf(&b, "%s%s", dir, names[i]);
		if (stat(b.s, &st) || (st.st_ino == self.st_ino &&
				       st.st_dev == self.st_dev))
			continue;
		/* Cheap first: is any missing guid in the bytes at all? */
		if (!(data = read_file(b.s, &len)))
			continue;
		for (k = 0; k < g->nrefs && !any; k++)
			any = g->refs[k].item == NONE && !g->refs[k].beside &&
			      memmem(data, len, g->refs[k].guid,
				     strlen(g->refs[k].guid));
		free(data);
		if (!any)
			continue;
		walk_beside(g, b.s, beside_item, &bs);
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
	buf_release(&b);
}

/* ---- stories ---- */

/* Is line [p, e) blank: only whitespace, or only a <p>, </p> or <br>
   (wire text marked "text/plain" that has them)? */
static bool
blank_line(const char *p, const char *e)
{
	while (p < e && feed_is_space(*p))
		p++;
	while (e > p && feed_is_space(e[-1]))
		e--;
	if (p == e)
		return true;
	if (*p != '<' || e[-1] != '>')
		return false;
	p += 1 + (p[1] == '/');
	return (e - p == 2 && (*p | 0x20) == 'p') ||
	       ((e - p == 3 || (e - p >= 4 && e[-2] == '/')) &&
		!strncasecmp(p, "br", 2));
}

/*
 * Plain text as paragraphs: at blank lines when it has some between its
 * lines; else at indented lines, as wire copy marks them; else one a
 * line.
 */
static void
plain_text(struct story_set *s, const char *t)
{
	enum { AT_BLANK, AT_INDENT, AT_LINE } mode = AT_LINE;
	const char *p, *e;
	bool text_seen = false, gap = false;

	for (p = t; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if (blank_line(p, e)) {
			gap = text_seen;
		} else {
			if (gap)
				mode = AT_BLANK;
			if (mode == AT_LINE && text_seen &&
			    (*p == ' ' || *p == '\t'))
				mode = AT_INDENT;
			text_seen = true;
			gap = false;
		}
	}
	for (p = t; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if (blank_line(p, e)) {
			story_block_end(s);
			continue;
		}
		if (mode == AT_LINE || (mode == AT_INDENT &&
					(*p == ' ' || *p == '\t')))
			story_block_end(s);
		story_text(s, p, (size_t)(e - p));
		story_text(s, " ", 1);
	}
	story_block_end(s);
}

/* Is n an element whose class names what (dpa's span class="dateline")? */
static bool
has_class(xmlNodePtr n, const char *what)
{
	char *c = n->type == XML_ELEMENT_NODE ? feed_attr_text(n, "class")
					       : NULL;
	bool yes = c && strcasestr(c, what);

	free(c);
	return yes;
}

/* Drop the dateline spans under n, the first one kept in *dl. */
static void
drop_datelines(xmlNodePtr n, char **dl, int depth)
{
	xmlNodePtr c, next;

	for (c = n->children; c && depth < 64; c = next) {
		next = c->next;
		if (has_class(c, "dateline")) {
			if (!*dl)
				*dl = feed_text(c);
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE) {
			drop_datelines(c, dl, depth + 1);
		}
	}
}

/*
 * An XHTML body: a copy without what repeats contentMeta (an HTML5
 * <header> holding the headline and metadata, dpa's dateline spans,
 * whose text is the dateline when contentMeta had none).
 */
static void
xhtml(struct g2 *g, xmlNodePtr body)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr copy, c, next;
	char *dl = NULL;

	if (!doc || !(copy = xmlDocCopyNode(body, doc, 1)))
		die("out of memory");
	xmlDocSetRootElement(doc, copy);
	for (c = copy->children; c; c = next) {
		next = c->next;
		if (feed_is(c, "header")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	drop_datelines(copy, &dl, 0);
	nitf_dateline(g->s, dl);
	free(dl);
	feed_markup_nodes(g->s, copy->children, g->src->url);
	xmlFreeDoc(doc);
}

/* The body from contentSet: the first rendition that has text. */
static void
body(struct g2 *g, xmlNodePtr item, bool pages, const struct feed_src *src)
{
	xmlNodePtr cs = feed_child(item, "contentSet"), c, e, remote = NULL;
	const char *base = g->src->url;

	for (c = cs ? cs->children : NULL; c; c = c->next) {
		if (feed_is(c, "inlineXML")) {
			e = feed_first_elem(c);
			if (feed_is(e, "nitf")) {
				/* Where a file beside says what is no
				   place in this one. */
				nitf_fill(g->s, e, pages,
					  src == g->src ? src : NULL, g->d);
			} else if (feed_is(e, "html")) {
				if ((e = feed_child(e, "body")) != NULL)
					xhtml(g, e);
			} else if (feed_is(e, "body")) {
				xhtml(g, e);
			} else if (e) {
				feed_markup_nodes(g->s, c->children, base);
			} else {
				char *t = feed_node_text(c);

				if (t)
					plain_text(g->s, t);
				xmlFree(t);
			}
		} else if (feed_is(c, "inlineData")) {
			char *ct = feed_attr_text(c, "contenttype");
			char *t = feed_node_text(c);

			if (t && ct && strcasestr(ct, "html"))
				feed_markup_html(g->s, t, strlen(t), base);
			else if (t)
				plain_text(g->s, t);
			xmlFree(t);
			free(ct);
		} else if (feed_is(c, "remoteContent") && !remote) {
			char *ct = feed_attr_text(c, "contenttype");

			if (!ct || !strncasecmp(ct, "text/", 5) ||
			    strcasestr(ct, "xml") || strcasestr(ct, "html"))
				remote = c;
			free(ct);
			continue;
		} else {
			continue;
		}
		if (story_has_body(g->s))
			return;
	}
	if (remote && src == g->src) {
		char *href = feed_attr_text(remote, "href");

		warn(g, remote, "the text of this item is elsewhere (\"%s\"): "
		     "not fetched", href ? href : "");
		free(href);
	}
}

/* How good a section subject c's name makes: 3 for a desk's own
   (STT's sttdepartment, dpa's category), 2 for a top IPTC subject
   ("economy, business and finance"), 1 for any other topic, 0 for none
   (a place, a person, a code with no name). */
static int
section_rank(xmlNodePtr c, char **name)
{
	char *q = feed_attr_text(c, "qcode"), *type = feed_attr_text(c, "type");
	const char *code = q ? strrchr(q, ':') : NULL;
	int rank = 1;

	*name = feed_child_text(c, "name");
	if (!*name || strlen(*name) < 3 ||
	    (type && !code_is(type, "abstract") &&
	     !strcasestr(type, "category") && !strcasestr(type, "subject")))
		rank = 0;
	else if ((q && (strcasestr(q, "department") || strcasestr(q, "desk") ||
			strcasestr(q, "section"))) ||
		 (type && strcasestr(type, "category")))
		rank = 3;
	else if (code && strlen(code + 1) == 8 &&
		 !strcmp(code + 1 + 2, "000000"))
		rank = 2;
	free(q);
	free(type);
	if (!rank) {
		free(*name);
		*name = NULL;
	}
	return rank;
}

/* The section of an item no package places: its best named subject. */
static void
section(struct story_set *s, xmlNodePtr cm)
{
	xmlNodePtr c;
	char *best = NULL, *name;
	int top = 0, rank;

	for (c = cm ? cm->children : NULL; c; c = c->next) {
		if (!feed_is(c, "subject"))
			continue;
		rank = section_rank(c, &name);
		if (rank > top) {
			free(best);
			best = name;
			top = rank;
		} else {
			free(name);
		}
	}
	story_field(s, SF_SECTION, best, (size_t)-1);
	free(best);
}

/* The photos that ref r hosts, those that lead or those that follow. */
static void
hosted(struct g2 *g, const struct ref *r, bool lead)
{
	size_t i;

	for (i = r->photos; i != NONE; i = g->refs[i].next_photo) {
		struct ref *p = &g->refs[i];
		const struct photo *ph;
		struct photo stub = { NULL, NULL, NULL, NULL };

		if (p->lead != lead)
			continue;
		if (p->item != NONE) {
			ph = &g->items[p->item].ph;
		} else if (p->beside) {
			ph = &p->ph;
		} else {
			stub.caption = p->caption ? p->caption : p->title;
			ph = &stub;
			diags_add(g->d, DIAG_WARNING, p->line, p->col,
				  "picture \"%s\" is not in this file nor "
				  "beside it: %s", p->guid, ph->caption ?
				  "only its caption is shown" : "not shown");
		}
		story_photo(g->s, ph->caption, ph->credit, ph->src);
		p->done = true;
	}
}

/* One newsItem as a story; r is its reference, or NULL.  src is the
   file it is in: this one, or one beside (whose item is placed where
   its itemRef is, for messages). */
static void
build_item(struct g2 *g, xmlNodePtr n, struct ref *r,
	   const struct feed_src *src)
{
	xmlNodePtr im = feed_child(n, "itemMeta");
	xmlNodePtr cm = feed_child(n, "contentMeta"), c;
	enum cls cls = item_class(im);
	char *guid = feed_attr_text(n, "guid"), *v;
	unsigned line = r ? r->line : 0, col = r ? r->col : 0;
	size_t k;

	if (src == g->src)
		line = nitf_where(src, n, &col);
	if (r)
		r->done = true;
	if (cls == CLS_VIDEO || cls == CLS_AUDIO ||
	    cls == CLS_COMPOSITE) {
		/* Only its words could be shown: say so, show them when it
		   has some. */
		if (!feed_child(feed_child(n, "contentSet"), "inlineXML") &&
		    !description_of(cm, NULL) && !headline_of(cm, false)) {
			diags_add(g->d, DIAG_WARNING, line, col, "item \"%s\" "
				  "is %s: not shown", guid ? guid : "",
				  cls_name(cls));
			free(guid);
			return;
		}
	}
	if (cls != CLS_PICTURE && feed_blank(headline_of(cm, false)) &&
	    feed_blank(feed_child(im, "title")) &&
	    feed_blank(feed_child(n, "contentSet")) &&
	    !description_of(cm, NULL) &&
	    (!r || r->photos == NONE)) {
		diags_add(g->d, DIAG_WARNING, line, col, "item \"%s\" has no "
			  "headline and no text: skipped", guid ? guid : "");
		free(guid);
		return;
	}
	story_add(g->s, guid, line, col);
	free(guid);
	for (k = 0; r && k < r->npages; k++) {
		char *sec = section_of(g->labels[r->pages[k]]);

		story_page(g->s, g->labels[r->pages[k]], sec);
		free(sec);
	}
	if ((v = feed_attr_text(n, "lang")) ||
	    (v = feed_attr_text(feed_child(cm, "language"), "tag")))
		story_set_meta(g->s, META_LANG, v, (size_t)-1);
	free(v);

	v = feed_text(headline_of(cm, false));
	story_field(g->s, SF_HEADLINE, v, (size_t)-1);
	free(v);
	v = feed_text(headline_of(cm, true));
	story_field(g->s, SF_DECK, v, (size_t)-1);
	free(v);
	/* A picture's by is its credit. */
	for (c = cm ? cm->children : NULL; c && cls != CLS_PICTURE;
	     c = c->next)
		if (feed_is(c, "by") && (v = feed_text(c)) != NULL) {
			story_field(g->s, SF_BYLINE, v, (size_t)-1);
			free(v);
		}
	v = feed_child_text(cm, "dateline");
	nitf_dateline(g->s, v);
	free(v);
	v = feed_child_text(cm, "slugline");
	story_field(g->s, SF_KICKER, v, (size_t)-1);
	free(v);
	v = feed_child_text(cm, "contentCreated");
	if (!v)
		v = feed_child_text(im, "firstCreated");
	if (!v)
		v = feed_child_text(im, "versionCreated");
	story_field(g->s, SF_DATE, v, (size_t)-1);
	free(v);
	section(g->s, cm);

	if (cls == CLS_PICTURE) {
		struct photo ph = { NULL, NULL, NULL, NULL };

		photo_of(n, &ph);
		story_field(g->s, SF_HEADLINE, ph.headline, (size_t)-1);
		story_photo(g->s, ph.caption, ph.credit, ph.src);
		photo_release(&ph);
	} else {
		if (r)
			hosted(g, r, true);
		body(g, n, !r || !r->npages, src);
		if (!story_has_body(g->s)) {
			v = feed_text(description_of(cm, "summary"));
			if (!v)
				v = feed_text(description_of(cm, NULL));
			if (v) {
				story_text(g->s, v, (size_t)-1);
				story_block_end(g->s);
			}
			free(v);
		}
		if (r)
			hosted(g, r, false);
	}
	v = feed_child_text(im, "title");
	story_field(g->s, SF_HEADLINE, v, (size_t)-1);
	free(v);
}

/* The second pass: each item of the file, in the file's order. */
static bool
second_pass(struct g2 *g, xmlNodePtr n, enum found what, void *arg)
{
	const struct item *it;

	(void)arg;
	if (what != FOUND_ITEM || g->seen >= g->nitems)
		return true;
	it = &g->items[g->seen++];
	if (it->ref != NONE && g->refs[it->ref].host != NONE)
		return true;	/* its host shows it */
	build_item(g, n, it->ref != NONE ? &g->refs[it->ref] : NULL, g->src);
	return true;
}

/* An item named but found nowhere: what its itemRef says. */
static void
stub(struct g2 *g, struct ref *r)
{
	size_t k;

	r->done = true;
	if (r->cls == CLS_VIDEO || r->cls == CLS_AUDIO) {
		diags_add(g->d, DIAG_WARNING, r->line, r->col, "item \"%s\" "
			  "is %s (and not in this file nor beside it): not "
			  "shown", r->guid, cls_name(r->cls));
		return;
	}
	if (!r->title && !r->summary && !r->caption && r->photos == NONE) {
		diags_add(g->d, DIAG_WARNING, r->line, r->col, "item \"%s\" "
			  "is not in this file nor beside it: skipped",
			  r->guid);
		return;
	}
	diags_add(g->d, DIAG_WARNING, r->line, r->col, "item \"%s\" is not in "
		  "this file nor beside it: only what the package says of "
		  "it is shown", r->guid);
	story_add(g->s, r->guid, r->line, r->col);
	for (k = 0; k < r->npages; k++) {
		char *sec = section_of(g->labels[r->pages[k]]);

		story_page(g->s, g->labels[r->pages[k]], sec);
		free(sec);
	}
	story_field(g->s, SF_HEADLINE, r->title, (size_t)-1);
	if (r->cls == CLS_PICTURE) {
		story_photo(g->s, r->caption ? r->caption : r->title, NULL,
			    NULL);
		return;
	}
	hosted(g, r, true);
	if (r->summary) {
		story_text(g->s, r->summary, (size_t)-1);
		story_block_end(g->s);
	}
	hosted(g, r, false);
}

/* A picture whose story was not shown, from what was gathered of it. */
static void
picture_story(struct g2 *g, struct ref *r)
{
	const struct photo *ph = r->item != NONE ? &g->items[r->item].ph :
				 &r->ph;
	size_t k;

	if (r->item == NONE && !r->beside) {
		r->host = NONE;
		stub(g, r);
		return;
	}
	r->done = true;
	story_add(g->s, r->guid, r->line, r->col);
	for (k = 0; k < r->npages; k++) {
		char *sec = section_of(g->labels[r->pages[k]]);

		story_page(g->s, g->labels[r->pages[k]], sec);
		free(sec);
	}
	story_field(g->s, SF_HEADLINE, ph->headline, (size_t)-1);
	story_field(g->s, SF_HEADLINE, r->title, (size_t)-1);
	story_photo(g->s, ph->caption, ph->credit, ph->src);
}

/* The title when no package names the paper: the first provider, else
   the file's name. */
static char *
default_title(const struct g2 *g)
{
	const char *p, *b;

	if (g->provider)
		return xstrdup(g->provider);
	if (!g->src->path)
		return xstrdup("NewsML-G2");
	b = (p = strrchr(g->src->path, '/')) ? p + 1 : g->src->path;
	p = strrchr(b, '.');
	return p && p != b ? xstrndup(b, (size_t)(p - b)) : xstrdup(b);
}

static void
g2_release(struct g2 *g)
{
	size_t i;

	for (i = 0; i < g->nitems; i++) {
		free(g->items[i].guid);
		photo_release(&g->items[i].ph);
	}
	for (i = 0; i < g->nrefs; i++) {
		struct ref *r = &g->refs[i];

		free(r->guid);
		free(r->pages);
		free(r->title);
		free(r->summary);
		free(r->caption);
		free(r->beside);
		photo_release(&r->ph);
	}
	for (i = 0; i < g->nlabels; i++)
		free(g->labels[i]);
	free(g->items);
	free(g->refs);
	free(g->labels);
	free(g->pkgs);
	free(g->provider);
	strmap_release(&g->item_index);
	strmap_release(&g->ref_index);
	strmap_release(&g->label_index);
	if (g->pkgdoc)
		xmlFreeDoc(g->pkgdoc);
	story_set_free(g->s);
}

struct edition *
newsml_load(const struct feed_src *src, struct diags *d, int *status)
{
	struct g2 g;
	struct diags again;
	struct edition *ed = NULL;
	char *title;
	size_t i;

	*status = EX_DATAERR;
	memset(&g, 0, sizeof(g));
	g.src = src;
	g.d = d;
	g.s = story_set_new();
	story_set_order(g.s, ORDER_APPEARANCE);
	strmap_init(&g.item_index);
	strmap_init(&g.ref_index);
	strmap_init(&g.label_index);
	g.pkgdoc = xmlNewDoc(BAD_CAST "1.0");
	if (!g.pkgdoc)
		die("out of memory");
	xmlDocSetRootElement(g.pkgdoc, xmlNewDocNode(g.pkgdoc, NULL,
						     BAD_CAST "packages",
						     NULL));

	if (walk(&g, src, d, true, first_pass, NULL) < 0)
		goto out;
	if (!g.nitems && !g.npkgs && g.newsml1) {
		/* NewsML 1.x: read for the NITF it carries. */
		g2_release(&g);
		return nitf_load(src, d, status);
	}
	if (!g.nitems && !g.npkgs) {
		diags_add(d, DIAG_ERROR, g.root_line, g.root_col, "no news "
			  "in this file: no <newsItem> and no <packageItem>");
		goto out;
	}
	for (i = 0; i < g.npkgs; i++)
		if (!g.pkgs[i].placed)
			package(&g, i, NONE, 0);
	beside(&g);

	/* Again, building the stories; libxml2 said its piece already. */
	diags_init(&again, d->file);
	walk(&g, src, &again, false, second_pass, NULL);
	diags_release(&again);
	for (i = 0; i < g.nrefs; i++) {
		struct ref *r = &g.refs[i];
		struct beside_scan bs = { { NULL, 0, NULL, NULL, NULL }, i,
					  false };

		if (r->done || r->host != NONE || r->item != NONE)
			continue;
		if (r->beside)
			walk_beside(&g, r->beside, beside_item, &bs);
		if (!bs.built)
			stub(&g, r);
	}
	/* Pictures whose story was not shown: on their own. */
	for (i = 0; i < g.nrefs; i++)
		if (!g.refs[i].done && g.refs[i].cls == CLS_PICTURE)
			picture_story(&g, &g.refs[i]);

	if (!story_count(g.s) && !g.nlabels) {
		diags_add(d, DIAG_ERROR, g.root_line, g.root_col, "nothing to "
			  "read: %s", g.nrefs || g.nitems ? "no item here has "
			  "a headline or text" : "the package names no item");
		goto out;
	}
	title = default_title(&g);
	ed = story_build(g.s, title, "News", d);
	free(title);
	if (ed)
		*status = 0;
out:
	diags_sort(d);
	g2_release(&g);
	return ed;
}
