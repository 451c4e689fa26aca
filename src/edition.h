/*
 * edition: the model of one newspaper edition, whatever format it came
 * from.  An edition has pages in order; each page holds items in print
 * order: article parts and page-level photos.  An article is the start part
 * printed under its headline plus the continuations ("From page 1") that
 * name it; edition_finish() resolves each article's chain of parts in
 * reading order, following the rules of EDITION-FORMAT.md.
 *
 * The structs are read directly by layout, views, search and the ui, but
 * only the importers in feeds/ build them, through the functions below.
 * All strings live in the edition's arena and are cleaned UTF-8 (see
 * text_clean); they are never NULL where the field says "never NULL".
 * Indexes link the arrays; NONE means no link.
 */
#ifndef FOLIO_EDITION_H
#define FOLIO_EDITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

enum span_style {
	STYLE_EM = 1,
	STYLE_STRONG = 2,
	STYLE_LINK = 4,
};

/* A styled run of a block's text, in bytes. */
struct span {
	uint32_t start, end;
	uint32_t style;		/* enum span_style bits */
	const char *href;	/* STYLE_LINK: the target, else NULL */
};

enum block_kind {
	BLOCK_PARA,
	BLOCK_SUBHEAD,
	BLOCK_QUOTE,
	BLOCK_PHOTO,
};

struct block {
	enum block_kind kind;
	const char *text;	/* the text, or a photo's caption; never NULL */
	const char *credit;	/* photo only; NULL when absent */
	const char *src;	/* photo only; never fetched; NULL when absent */
	size_t first_span;	/* into edition.spans */
	size_t nspans;
};

enum part_kind {
	PART_START,		/* <article>: where the article begins */
	PART_CONT,		/* <continuation>: "From page N" */
};

struct part {
	enum part_kind kind;
	const char *art_id;	/* id= or article= as written; NULL for an
				   article with no id (one is made up) */
	size_t page;		/* the page it is printed on */
	size_t article;		/* its article */
	const char *kicker;	/* each NULL when absent */
	const char *headline;	/* for a continuation, its jump head */
	const char *deck;
	const char *byline;
	const char *dateline;
	const char *from;	/* continuation's from= as written, or NULL */
	const char *jump;	/* <jump to=> as written, or NULL */
	const char *url;	/* start part: the article on the web (a
				   feed's link), or NULL */
	const char *date;	/* start part: when it was published (a
				   feed item's date), or NULL */
	const char *edition_url;	/* start part: the edition file it
				   offers (a feed of editions), or NULL */
	size_t first_block;	/* into edition.blocks */
	size_t nblocks;
	unsigned line, col;	/* where it starts in the source */
	/* Resolved by edition_finish(): */
	size_t prev, next;	/* parts of the same article in reading order */
	size_t seq;		/* 0-based place in its article's parts */
	size_t from_page;	/* page named by "from" (or derived), or NONE */
	size_t jump_page;	/* page named by jump, or NONE */
};

struct article {
	const char *id;		/* never NULL; made up when the file had none */
	bool id_made;		/* the id was made up by the reader */
	size_t start;		/* its PART_START part, or NONE when not here */
	size_t *parts;		/* all its parts, reading order; owned */
	size_t nparts;
};

enum item_kind { ITEM_PART, ITEM_PHOTO };

struct page_item {
	enum item_kind kind;
	size_t index;		/* into edition.parts or edition.blocks */
};

struct page {
	const char *label;	/* never NULL */
	const char *section;	/* NULL when absent */
	size_t first_item;	/* into edition.items */
	size_t nitems;
	unsigned line;
};

struct edition {
	const char *title;	/* never NULL after edition_finish */
	const char *date;	/* never NULL after edition_finish */
	const char *name;	/* edition="Late City"; NULL when absent */
	const char *publisher;
	const char *lang;	/* BCP 47; NULL when absent */

	struct page *pages;
	size_t npages, cap_pages;
	struct part *parts;	/* in page order, as printed */
	size_t nparts, cap_parts;
	struct article *articles;
	size_t narticles, cap_articles;
	struct block *blocks;
	size_t nblocks, cap_blocks;
	struct span *spans;
	size_t nspans, cap_spans;
	struct page_item *items;
	size_t nitems, cap_items;

	struct arena arena;
	struct strmap page_index;	/* label -> page */
	struct strmap article_index;	/* id -> article */
};

struct edition *edition_new(void);
void edition_free(struct edition *ed);

/* Copy s[0..n) into the edition's arena, as is (the caller cleaned it). */
const char *edition_strndup(struct edition *ed, const char *s, size_t n);
const char *edition_strdup(struct edition *ed, const char *s);

/*
 * Builders, used in print order.  Each returns a zeroed struct (links set
 * to NONE) that stays valid until the next call to the same builder.
 *  - edition_add_page: a new last page.
 *  - edition_add_part: a new part on the last page (there must be one);
 *    its article is set by edition_finish from art_id.
 *  - edition_add_block: a block of the last part (when in_part) or a
 *    page-level photo of the last page.
 *  - edition_add_span: a span of the last block.
 * art_id is the article id (article's id= or continuation's article=), or
 * NULL for an article with no id.
 */
struct page *edition_add_page(struct edition *ed);
struct part *edition_add_part(struct edition *ed, enum part_kind kind,
			      const char *art_id);
struct block *edition_add_block(struct edition *ed, bool in_part);
struct span *edition_add_span(struct edition *ed);

/*
 * Resolve the edition once everything was added: make up missing ids and
 * defaults, index pages and articles, and link each article's parts into
 * reading order.  Every broken rule is a warning in d, naming the ids and
 * pages involved; every part stays in the edition and in its article.
 * Returns 0, or -1 when the edition is not usable (no page at all), with
 * an error in d.
 */
int edition_finish(struct edition *ed, struct diags *d);

/* Lookups: the index, or NONE. */
size_t edition_page_by_label(const struct edition *ed, const char *label);
/* A page a person names: its label as written, else ignoring case. */
size_t edition_find_page(const struct edition *ed, const char *label);
size_t edition_article_by_id(const struct edition *ed, const char *id);

/* The spans of block b, or NULL when it has none. */
const struct span *edition_block_spans(const struct edition *ed,
				       const struct block *b);

/* The headline to show for a part: its own, else its article's start's. */
const char *edition_part_headline(const struct edition *ed, size_t part);

/* Bytes the model holds (arena and arrays), for memory figures. */
size_t edition_memory(const struct edition *ed);

#endif
