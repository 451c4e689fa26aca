/*
 * edition: building the model and resolving each article's chain of parts.
 * See edition.h for the contract and EDITION-FORMAT.md for the rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "edition.h"

struct edition *
edition_new(void)
{
	struct edition *ed = xcalloc(1, sizeof(*ed));

	arena_init(&ed->arena);
	strmap_init(&ed->page_index);
	strmap_init(&ed->article_index);
	return ed;
}

void
edition_free(struct edition *ed)
{
	size_t i;

	if (!ed)
		return;
	for (i = 0; i < ed->narticles; i++)
		free(ed->articles[i].parts);
	free(ed->pages);
	free(ed->parts);
	free(ed->articles);
	free(ed->blocks);
	free(ed->spans);
	free(ed->items);
	strmap_release(&ed->page_index);
	strmap_release(&ed->article_index);
	arena_release(&ed->arena);
	free(ed);
}

const char *
edition_strndup(struct edition *ed, const char *s, size_t n)
{
	return arena_strndup(&ed->arena, s, n);
}

const char *
edition_strdup(struct edition *ed, const char *s)
{
	return arena_strdup(&ed->arena, s);
}

struct page *
edition_add_page(struct edition *ed)
{
	struct page *pg;

	VEC_RESERVE(ed->pages, ed->cap_pages, ed->npages + 1);
	pg = &ed->pages[ed->npages++];
	memset(pg, 0, sizeof(*pg));
	pg->first_item = ed->nitems;
	return pg;
}

static void
add_item(struct edition *ed, enum item_kind kind, size_t index)
{
	struct page *pg = &ed->pages[ed->npages - 1];

	VEC_RESERVE(ed->items, ed->cap_items, ed->nitems + 1);
	ed->items[ed->nitems].kind = kind;
	ed->items[ed->nitems].index = index;
	ed->nitems++;
	pg->nitems++;
}

struct part *
edition_add_part(struct edition *ed, enum part_kind kind, const char *art_id)
{
	struct part *p;

	if (!ed->npages)
		die("edition_add_part: no page");
	VEC_RESERVE(ed->parts, ed->cap_parts, ed->nparts + 1);
	p = &ed->parts[ed->nparts];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->art_id = art_id;
	p->page = ed->npages - 1;
	p->article = NONE;
	p->first_block = ed->nblocks;
	p->prev = p->next = NONE;
	p->seq = NONE;
	p->from_page = p->jump_page = NONE;
	add_item(ed, ITEM_PART, ed->nparts);
	ed->nparts++;
	return p;
}

struct block *
edition_add_block(struct edition *ed, bool in_part)
{
	struct block *b;

	if (!ed->npages || (in_part && !ed->nparts))
		die("edition_add_block: nowhere to add");
	VEC_RESERVE(ed->blocks, ed->cap_blocks, ed->nblocks + 1);
	b = &ed->blocks[ed->nblocks];
	memset(b, 0, sizeof(*b));
	b->text = "";
	b->first_span = ed->nspans;
	if (in_part)
		ed->parts[ed->nparts - 1].nblocks++;
	else
		add_item(ed, ITEM_PHOTO, ed->nblocks);
	ed->nblocks++;
	return b;
}

struct span *
edition_add_span(struct edition *ed)
{
	struct span *s;

	if (!ed->nblocks)
		die("edition_add_span: no block");
	VEC_RESERVE(ed->spans, ed->cap_spans, ed->nspans + 1);
	s = &ed->spans[ed->nspans++];
	memset(s, 0, sizeof(*s));
	ed->blocks[ed->nblocks - 1].nspans++;
	return s;
}

size_t
edition_page_by_label(const struct edition *ed, const char *label)
{
	return label ? strmap_get(&ed->page_index, label) : NONE;
}

size_t
edition_find_page(const struct edition *ed, const char *label)
{
	size_t i = edition_page_by_label(ed, label);

	if (i != NONE || !label)
		return i;
	for (i = 0; i < ed->npages; i++)
		if (!strcasecmp(ed->pages[i].label, label))
			return i;
	return NONE;
}

size_t
edition_article_by_id(const struct edition *ed, const char *id)
{
	return id ? strmap_get(&ed->article_index, id) : NONE;
}

const struct span *
edition_block_spans(const struct edition *ed, const struct block *b)
{
	return b->nspans ? ed->spans + b->first_span : NULL;
}

const char *
edition_part_headline(const struct edition *ed, size_t part)
{
	const struct part *p = &ed->parts[part];
	size_t start;

	if (p->headline)
		return p->headline;
	start = p->article != NONE ? ed->articles[p->article].start : NONE;
	if (start != NONE && ed->parts[start].headline)
		return ed->parts[start].headline;
	return "(no headline)";
}

size_t
edition_memory(const struct edition *ed)
{
	size_t n = sizeof(*ed) + ed->arena.total;
	size_t i;

	n += ed->cap_pages * sizeof(*ed->pages);
	n += ed->cap_parts * sizeof(*ed->parts);
	n += ed->cap_articles * sizeof(*ed->articles);
	n += ed->cap_blocks * sizeof(*ed->blocks);
	n += ed->cap_spans * sizeof(*ed->spans);
	n += ed->cap_items * sizeof(*ed->items);
	n += (ed->page_index.cap + ed->article_index.cap) *
	     (sizeof(char *) + sizeof(size_t));
	for (i = 0; i < ed->narticles; i++)
		n += ed->articles[i].nparts * sizeof(size_t);
	return n;
}

static const char *
page_label(const struct edition *ed, size_t page)
{
	return ed->pages[page].label;
}

static void
warn_part(struct diags *d, const struct part *p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn_part(struct diags *d, const struct part *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_WARNING, p->line, p->col, fmt, ap);
	va_end(ap);
}

/* An id not yet used by any article, made from base. */
static const char *
unique_id(struct edition *ed, const char *base)
{
	struct buf b = BUF_INIT;
	const char *id;
	unsigned n;

	for (n = 2;; n++) {
		buf_reset(&b);
		buf_addf(&b, "%s-%u", base, n);
		if (strmap_get(&ed->article_index, buf_str(&b)) == NONE)
			break;
	}
	id = edition_strndup(ed, b.s, b.len);
	buf_release(&b);
	return id;
}

static size_t
new_article(struct edition *ed, const char *id, bool made)
{
	struct article *a;

	VEC_RESERVE(ed->articles, ed->cap_articles, ed->narticles + 1);
	a = &ed->articles[ed->narticles];
	memset(a, 0, sizeof(*a));
	a->id = id;
	a->id_made = made;
	a->start = NONE;
	strmap_put(&ed->article_index, id, ed->narticles);
	return ed->narticles++;
}

static void
index_pages(struct edition *ed, struct diags *d)
{
	struct buf b = BUF_INIT;
	size_t i, prev;

	for (i = 0; i < ed->npages; i++) {
		struct page *pg = &ed->pages[i];

		if (!pg->label || !*pg->label) {
			buf_reset(&b);
			buf_addf(&b, "%zu", i + 1);
			pg->label = edition_strndup(ed, b.s, b.len);
		}
		prev = strmap_get(&ed->page_index, pg->label);
		if (prev != NONE) {
			diags_add(d, DIAG_WARNING, pg->line, 0,
				  "page \"%s\" appears twice (lines %u and "
				  "%u); jumps to it go to the first",
				  pg->label, ed->pages[prev].line, pg->line);
			continue;
		}
		strmap_put(&ed->page_index, pg->label, i);
	}
	buf_release(&b);
}

/* Give every part its article, making up ids and articles as needed. */
static void
assign_articles(struct edition *ed, struct diags *d)
{
	struct buf b = BUF_INIT;
	size_t i, a;
	unsigned n = 0;

	/* Starts with an id first, so that continuations can find them
	   wherever they are printed. */
	for (i = 0; i < ed->nparts; i++) {
		struct part *p = &ed->parts[i];

		if (p->kind != PART_START || !p->art_id)
			continue;
		a = strmap_get(&ed->article_index, p->art_id);
		if (a != NONE) {
			const char *id = unique_id(ed, p->art_id);

			warn_part(d, p, "article id \"%s\" is used twice "
				  "(pages %s and %s); the second is read as "
				  "\"%s\"", p->art_id,
				  page_label(ed, ed->parts[ed->articles[a]
							   .start].page),
				  page_label(ed, p->page), id);
			a = new_article(ed, id, true);
		} else {
			a = new_article(ed, p->art_id, false);
		}
		ed->articles[a].start = i;
		p->article = a;
	}
	for (i = 0; i < ed->nparts; i++) {
		struct part *p = &ed->parts[i];

		/* Number it by its place among the page's articles. */
		if (i == 0 || p->page != ed->parts[i - 1].page)
			n = 0;
		if (p->kind != PART_START)
			continue;
		n++;
		if (p->art_id)
			continue;
		buf_reset(&b);
		buf_addf(&b, "%s-%u", page_label(ed, p->page), n);
		if (strmap_get(&ed->article_index, b.s) == NONE)
			a = new_article(ed, edition_strndup(ed, b.s, b.len),
					true);
		else
			a = new_article(ed, unique_id(ed, b.s), true);
		ed->articles[a].start = i;
		p->article = a;
	}
	for (i = 0; i < ed->nparts; i++) {
		struct part *p = &ed->parts[i];

		if (p->kind != PART_CONT)
			continue;
		if (!p->art_id)
			p->art_id = "";
		a = strmap_get(&ed->article_index, p->art_id);
		if (a == NONE) {
			warn_part(d, p, "continuation on page %s%s%s%s "
				  "continues article \"%s\", whose first part "
				  "is not in this edition",
				  page_label(ed, p->page),
				  p->from ? " (from page " : "",
				  p->from ? p->from : "", p->from ? ")" : "",
				  p->art_id);
			a = new_article(ed, p->art_id, false);
		}
		p->article = a;
	}
	buf_release(&b);
	/* Collect each article's parts in print order. */
	for (i = 0; i < ed->nparts; i++)
		ed->articles[ed->parts[i].article].nparts++;
	for (i = 0; i < ed->narticles; i++) {
		ed->articles[i].parts = xcalloc(ed->articles[i].nparts,
						sizeof(size_t));
		ed->articles[i].nparts = 0;
	}
	for (i = 0; i < ed->nparts; i++) {
		struct article *art = &ed->articles[ed->parts[i].article];

		art->parts[art->nparts++] = i;
	}
}

/*
 * Scratch index for linking one article at a time without quadratic scans
 * (an edition may hold an article of 100,000 parts):
 *  - by_from[page]: its continuations whose from= names page, print order;
 *  - by_page[page]: its continuations with no from= printed on page;
 *  - count[page]: how many of its parts are printed on page.
 * Chains through link[part]; every entry is cleared after each article.
 */
struct chain_index {
	size_t *by_from, *by_page, *count, *link;
};

static void
index_article(struct edition *ed, const struct article *a,
	      struct chain_index *x)
{
	size_t i;

	/* Backwards so that each list ends up in print order. */
	for (i = a->nparts; i-- > 0;) {
		size_t pi = a->parts[i];
		const struct part *c = &ed->parts[pi];
		size_t *head = NULL;

		x->count[c->page]++;
		if (c->kind != PART_CONT)
			continue;
		if (c->from && c->from_page != NONE)
			head = &x->by_from[c->from_page];
		else if (!c->from)
			head = &x->by_page[c->page];
		if (head) {
			x->link[pi] = *head;
			*head = pi;
		}
	}
}

static void
unindex_article(struct edition *ed, const struct article *a,
		struct chain_index *x)
{
	size_t i;

	for (i = 0; i < a->nparts; i++) {
		const struct part *c = &ed->parts[a->parts[i]];

		x->count[c->page] = 0;
		if (c->from_page != NONE)
			x->by_from[c->from_page] = NONE;
		x->by_page[c->page] = NONE;
		x->link[a->parts[i]] = NONE;
	}
}

/* The first part in list head not read yet, or NONE. */
static size_t
first_unused(const struct edition *ed, const struct chain_index *x,
	     size_t head)
{
	size_t p;

	for (p = head; p != NONE; p = x->link[p])
		if (ed->parts[p].seq == NONE)
			return p;
	return NONE;
}

/* The part read after cur: an unused continuation from cur's page, or
   one with no from= on the page cur jumps to; the first printed wins.
   A second claimant is read after the chain, with a warning there. */
static size_t
find_next(const struct edition *ed, const struct chain_index *x,
	  const struct part *cur)
{
	size_t a, b = NONE;

	a = first_unused(ed, x, x->by_from[cur->page]);
	if (cur->jump_page != NONE)
		b = first_unused(ed, x, x->by_page[cur->jump_page]);
	return a < b ? a : b;	/* NONE is the largest size_t */
}

static size_t
chain_head(struct edition *ed, size_t ai, const struct chain_index *x,
	   bool *looped, struct diags *d)
{
	struct article *a = &ed->articles[ai];
	size_t i;

	if (a->start != NONE)
		return a->start;
	for (i = 0; i < a->nparts; i++) {
		const struct part *c = &ed->parts[a->parts[i]];

		if (c->from_page == NONE || !x->count[c->from_page])
			return a->parts[i];
	}
	/* Every part continues from one of the article's pages: a loop, or
	   a part from its own page.  Read from the first printed. */
	*looped = true;
	if (ed->parts[a->parts[0]].from_page == ed->parts[a->parts[0]].page) {
		const struct part *c = &ed->parts[a->parts[0]];

		warn_part(d, c, "article \"%s\": the continuation on page %s "
			  "is from page %s, its own page%s", a->id,
			  page_label(ed, c->page), c->from,
			  a->nparts > 1 ? "; it is read first" : "");
	} else {
		struct buf b = BUF_INIT;

		for (i = 0; i < a->nparts; i++)
			buf_addf(&b, "%s%s", i ? ", " : "",
				 page_label(ed, ed->parts[a->parts[i]].page));
		warn_part(d, &ed->parts[a->parts[0]], "the parts of article "
			  "\"%s\" continue from each other in a loop (pages "
			  "%s); reading from page %s", a->id, buf_str(&b),
			  page_label(ed, ed->parts[a->parts[0]].page));
		buf_release(&b);
	}
	return a->parts[0];
}

/* A part of article a on page pg not read yet, or NONE. */
static size_t
unread_on(const struct edition *ed, const struct article *a, size_t pg)
{
	size_t i;

	for (i = 0; i < a->nparts; i++)
		if (ed->parts[a->parts[i]].page == pg &&
		    ed->parts[a->parts[i]].seq == NONE)
			return a->parts[i];
	return NONE;
}

static void
check_jump(struct edition *ed, const struct article *a,
	   const struct chain_index *x, const struct part *cur, size_t next,
	   bool looped, struct diags *d)
{
	const char *here = page_label(ed, cur->page);
	size_t there;

	if (!cur->jump) {
		if (next != NONE)
			warn_part(d, cur, "article \"%s\": the part on page "
				  "%s has no jump line, but the part on page "
				  "%s continues from it", a->id, here,
				  page_label(ed, ed->parts[next].page));
		return;
	}
	if (cur->jump_page == NONE)
		warn_part(d, cur, "article \"%s\": the jump on page %s goes "
			  "to page %s, which is not in this edition", a->id,
			  here, cur->jump);
	else if (next == NONE && x->count[cur->jump_page] && looped)
		;	/* the loop was reported once, at the chain's head */
	else if (next == NONE && (there = unread_on(ed, a, cur->jump_page))
		 != NONE)
		warn_part(d, cur, "article \"%s\": the jump on page %s goes "
			  "to page %s, but the part there is from page %s",
			  a->id, here, cur->jump, ed->parts[there].from);
	else if (next == NONE && x->count[cur->jump_page])
		warn_part(d, cur, "article \"%s\": the jump on page %s goes "
			  "back to page %s, whose part is read already: the "
			  "parts loop", a->id, here, cur->jump);
	else if (next == NONE)
		warn_part(d, cur, "article \"%s\": the jump on page %s goes "
			  "to page %s, which has no continuation of it",
			  a->id, here, cur->jump);
	else if (ed->parts[next].page != cur->jump_page)
		warn_part(d, cur, "article \"%s\": the jump on page %s goes "
			  "to page %s, but it continues on page %s", a->id,
			  here, cur->jump,
			  page_label(ed, ed->parts[next].page));
}

/* Why a continuation was not reached from the chain's head. */
static void
warn_unreached(struct edition *ed, const struct article *a,
	       const struct chain_index *x, const struct part *c,
	       struct diags *d)
{
	const char *here = page_label(ed, c->page);

	if (c->from && c->from_page == NONE)
		warn_part(d, c, "article \"%s\": the continuation on page %s "
			  "is from page %s, which is not in this edition",
			  a->id, here, c->from);
	else if (c->from && c->from_page == c->page)
		warn_part(d, c, "article \"%s\": the continuation on page %s "
			  "is from page %s, its own page; it is read last",
			  a->id, here, c->from);
	else if (c->from && !x->count[c->from_page])
		warn_part(d, c, "article \"%s\": the continuation on page %s "
			  "is from page %s, which has no part of it", a->id,
			  here, c->from);
	else if (c->from)
		warn_part(d, c, "article \"%s\": the continuation on page %s "
			  "claims the place after page %s, which another "
			  "part already has; it is read last", a->id, here,
			  c->from);
	else
		warn_part(d, c, "article \"%s\": the continuation on page %s "
			  "has no from= and no jump leads to it; it is read "
			  "last", a->id, here);
}

static void
link_article(struct edition *ed, size_t ai, struct chain_index *x,
	     struct diags *d)
{
	struct article *a = &ed->articles[ai];
	size_t *order = xcalloc(a->nparts, sizeof(size_t));
	size_t n = 0, cur, next, i;
	bool looped = false;

	index_article(ed, a, x);
	cur = chain_head(ed, ai, x, &looped, d);
	for (;;) {
		ed->parts[cur].seq = n;
		order[n++] = cur;
		next = find_next(ed, x, &ed->parts[cur]);
		check_jump(ed, a, x, &ed->parts[cur], next, looped, d);
		if (next == NONE)
			break;
		cur = next;
	}
	/* Whatever the chain did not reach is read after it, never lost. */
	for (i = 0; i < a->nparts; i++) {
		struct part *c = &ed->parts[a->parts[i]];

		if (c->seq != NONE)
			continue;
		warn_unreached(ed, a, x, c, d);
		c->seq = n;
		order[n++] = a->parts[i];
	}
	for (i = 0; i < n; i++) {
		struct part *p = &ed->parts[order[i]];

		p->prev = i ? order[i - 1] : NONE;
		p->next = i + 1 < n ? order[i + 1] : NONE;
		if (!p->from && p->prev != NONE)
			p->from_page = ed->parts[p->prev].page;
	}
	unindex_article(ed, a, x);
	free(a->parts);
	a->parts = order;
}

int
edition_finish(struct edition *ed, struct diags *d)
{
	struct chain_index x;
	size_t i;

	if (!ed->npages) {
		diags_add(d, DIAG_ERROR, 0, 0, "the edition has no pages");
		return -1;
	}
	if (!ed->title)
		ed->title = "(untitled)";
	if (!ed->date)
		ed->date = "";
	index_pages(ed, d);
	for (i = 0; i < ed->nparts; i++) {
		struct part *p = &ed->parts[i];

		p->from_page = edition_page_by_label(ed, p->from);
		p->jump_page = edition_page_by_label(ed, p->jump);
	}
	assign_articles(ed, d);
	x.by_from = xreallocarray(NULL, ed->npages, sizeof(size_t));
	x.by_page = xreallocarray(NULL, ed->npages, sizeof(size_t));
	x.count = xcalloc(ed->npages, sizeof(size_t));
	x.link = xreallocarray(NULL, ed->nparts ? ed->nparts : 1,
			       sizeof(size_t));
	memset(x.by_from, 0xff, ed->npages * sizeof(size_t));
	memset(x.by_page, 0xff, ed->npages * sizeof(size_t));
	memset(x.link, 0xff, ed->nparts * sizeof(size_t));
	for (i = 0; i < ed->narticles; i++)
		link_article(ed, i, &x, d);
	free(x.by_from);
	free(x.by_page);
	free(x.count);
	free(x.link);
	return 0;
}
