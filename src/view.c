/*
 * view: plain-text views.  They print exactly the lines layout made, so
 * golden files of these views test the layout the screens show.
 */
#include <string.h>

#include <stdlib.h>
#include <time.h>

#include "search.h"
#include "store.h"
#include "text.h"
#include "view.h"

int
view_toc(const struct edition *ed, FILE *fp)
{
	size_t i;

	for (i = 0; i < ed->nparts; i++) {
		const struct part *p = &ed->parts[i];
		const struct article *a = &ed->articles[p->article];

		fprintf(fp, "%s\t%s\t%zu/%zu\t%s\n", ed->pages[p->page].label,
			a->id, p->seq + 1, a->nparts,
			edition_part_headline(ed, i));
	}
	return ferror(fp) ? -1 : 0;
}

/* s[0..n) without trailing spaces, and a newline. */
static void
put_trimmed(const char *s, size_t n, FILE *fp)
{
	while (n && s[n - 1] == ' ')
		n--;
	fwrite(s, 1, n, fp);
	fputc('\n', fp);
}

long
view_search(const struct edition *ed, const char *query, FILE *fp)
{
	struct search_index *ix;
	struct search_query q;
	struct search_hit *hits;
	struct buf b = BUF_INIT;
	size_t n, i;
	bool stopped;

	if (search_compile(&q, query, &b) != 0) {
		fprintf(stderr, "folio: --search: %s\n", b.s);
		buf_release(&b);
		return -1;
	}
	ix = search_index_new(ed);
	n = search_run(ix, &q, &hits, &stopped);
	for (i = 0; i < n; i++) {
		const struct search_hit *h = &hits[i];

		buf_reset(&b);
		search_excerpt(search_seg_text(ix, h->seg), h->start, h->end,
			       60, &b);
		fprintf(fp, "%s\t%s\t%s\n", ed->pages[h->page].label,
			h->part != NONE ?
			ed->articles[ed->parts[h->part].article].id : "",
			b.s);
	}
	free(hits);
	buf_release(&b);
	search_query_release(&q);
	search_index_free(ix);
	if (stopped) {
		fprintf(stderr, "folio: --search: stopped after %d s: the "
			"regular expression is too slow for this edition "
			"(%zu hits before)\n", SEARCH_RE_MS / 1000, n);
		return -1;
	}
	return ferror(fp) ? -1 : (long)n;
}

/* s with XML's five special characters escaped. */
static void
put_xml(const char *s, FILE *fp)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&apos;", fp); break;
		default: fputc(*s, fp); break;
		}
	}
}

/* An element holding text, or nothing when s is NULL. */
static void
put_elem(FILE *fp, const char *indent, const char *name, const char *s)
{
	if (!s)
		return;
	fprintf(fp, "%s<%s>", indent, name);
	put_xml(s, fp);
	fprintf(fp, "</%s>\n", name);
}

static void
put_attr(FILE *fp, const char *name, const char *v)
{
	if (!v)
		return;
	fprintf(fp, " %s=\"", name);
	put_xml(v, fp);
	fputc('"', fp);
}

/* A block's text with its spans as em, strong and a (they nest). */
static void
put_spans(const struct edition *ed, const struct block *b, FILE *fp)
{
	const struct span *sp = edition_block_spans(ed, b);
	size_t n = strlen(b->text), pos, i;
	struct buf t = BUF_INIT;

	for (pos = 0; pos <= n; pos++) {
		/* Close what ends here (innermost first), open what starts. */
		for (i = b->nspans; i-- > 0;)
			if (sp[i].end == pos && sp[i].start < pos)
				fputs(sp[i].style & STYLE_LINK ? "</a>" :
				      sp[i].style & STYLE_STRONG ? "</strong>" :
				      "</em>", fp);
		for (i = 0; i < b->nspans; i++)
			if (sp[i].start == pos && sp[i].end > pos) {
				if (sp[i].style & STYLE_LINK) {
					fputs("<a", fp);
					put_attr(fp, "href", sp[i].href ?
						 sp[i].href : "");
					fputc('>', fp);
				} else {
					fputs(sp[i].style & STYLE_STRONG ?
					      "<strong>" : "<em>", fp);
				}
			}
		if (pos < n) {
			buf_reset(&t);
			buf_addch(&t, b->text[pos]);
			put_xml(t.s, fp);
		}
	}
	buf_release(&t);
}

static void
put_block(const struct edition *ed, const struct block *b, const char *in,
	  FILE *fp)
{
	static const char *const tags[] = { "p", "subhead", "quote" };

	if (b->kind == BLOCK_PHOTO) {
		fprintf(fp, "%s<photo", in);
		put_attr(fp, "credit", b->credit);
		put_attr(fp, "src", b->src);
		fputs(">", fp);
		if (*b->text) {
			fputs("<caption>", fp);
			put_xml(b->text, fp);
			fputs("</caption>", fp);
		}
		fputs("</photo>\n", fp);
		return;
	}
	fprintf(fp, "%s<%s>", in, tags[b->kind]);
	put_spans(ed, b, fp);
	fprintf(fp, "</%s>\n", tags[b->kind]);
}

int
view_edition_xml(const struct edition *ed, FILE *fp)
{
	size_t pg, i, k;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<edition version=\"1\"", fp);
	put_attr(fp, "title", ed->title);
	put_attr(fp, "date", ed->date);
	put_attr(fp, "edition", ed->name);
	put_attr(fp, "publisher", ed->publisher);
	put_attr(fp, "lang", ed->lang);
	fputs(">\n", fp);
	for (pg = 0; pg < ed->npages; pg++) {
		const struct page *p = &ed->pages[pg];

		fputs("  <page", fp);
		put_attr(fp, "number", p->label);
		put_attr(fp, "section", p->section);
		fputs(">\n", fp);
		for (i = 0; i < p->nitems; i++) {
			const struct page_item *it = &ed->items[p->first_item +
								i];
			const struct part *pt;
			const char *id;

			if (it->kind == ITEM_PHOTO) {
				put_block(ed, &ed->blocks[it->index], "    ",
					  fp);
				continue;
			}
			pt = &ed->parts[it->index];
			id = ed->articles[pt->article].id;
			if (pt->kind == PART_START) {
				fputs("    <article", fp);
				put_attr(fp, "id", id);
			} else {
				fputs("    <continuation", fp);
				put_attr(fp, "article", id);
				put_attr(fp, "from", pt->from);
			}
			fputs(">\n", fp);
			put_elem(fp, "      ", "kicker", pt->kicker);
			put_elem(fp, "      ", "headline", pt->headline);
			put_elem(fp, "      ", "deck", pt->deck);
			put_elem(fp, "      ", "byline", pt->byline);
			put_elem(fp, "      ", "dateline", pt->dateline);
			for (k = 0; k < pt->nblocks; k++)
				put_block(ed, &ed->blocks[pt->first_block + k],
					  "      ", fp);
			if (pt->jump) {
				fputs("      <jump", fp);
				put_attr(fp, "to", pt->jump);
				fputs("/>\n", fp);
			}
			fprintf(fp, "    </%s>\n", pt->kind == PART_START ?
				"article" : "continuation");
		}
		fputs("  </page>\n", fp);
	}
	fputs("</edition>\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* A URN segment: letters and digits kept, the rest %-escaped. */
static void
put_urn(const char *s, FILE *fp)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.')
			fputc(c, fp);
		else
			fprintf(fp, "%%%02X", c);
	}
}

/* Markdown: brackets and the like would end a link's text. */
static void
put_md(const char *s, FILE *fp)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#|", *s))
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

static void
put_time(time_t t, FILE *fp)
{
	char s[32];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs(s, fp);
}

int
view_bookmarks(const struct bookmarks *b, const char *format, FILE *fp)
{
	size_t i;

	if (strcmp(format, "lines") && strcmp(format, "tsv") &&
	    strcmp(format, "markdown") && strcmp(format, "atom"))
		return 1;
	if (!strcmp(format, "tsv"))
		fputs("date\ttitle\tpage\tid\theadline\tsource\tcreated\n",
		      fp);
	if (!strcmp(format, "markdown"))
		fputs("# Bookmarks\n\n", fp);
	if (!strcmp(format, "atom")) {
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
		      "  <title>folio bookmarks</title>\n"
		      "  <id>urn:folio:bookmarks</id>\n  <updated>", fp);
		put_time(b->n ? b->v[0].created : 0, fp);
		fputs("</updated>\n  <author><name>folio</name></author>\n",
		      fp);
	}
	for (i = 0; i < b->n; i++) {
		const struct bookmark *k = &b->v[i];

		if (!strcmp(format, "lines") || !strcmp(format, "tsv")) {
			fprintf(fp, "%s\t%s\t%s\t%s\t%s", k->date, k->title,
				k->page, k->id, k->headline);
			if (!strcmp(format, "tsv")) {
				fprintf(fp, "\t%s\t", k->source);
				put_time(k->created, fp);
			}
			fputc('\n', fp);
		} else if (!strcmp(format, "markdown")) {
			fputs("- **", fp);
			put_md(k->headline, fp);
			fputs("**, ", fp);
			put_md(k->title, fp);
			fprintf(fp, ", %s, page %s (`%s`)", k->date, k->page,
				k->id);
			if (*k->source) {
				fputs(": <", fp);
				fputs(k->source, fp);
				fputc('>', fp);
			}
			fputc('\n', fp);
		} else {
			fputs("  <entry>\n    <title>", fp);
			put_xml(k->headline, fp);
			fputs("</title>\n    <id>urn:folio:bookmark:", fp);
			put_urn(k->title, fp);
			fputc(':', fp);
			put_xml(k->date, fp);
			fputc(':', fp);
			put_urn(k->id, fp);
			fputs("</id>\n    <updated>", fp);
			put_time(k->created, fp);
			fputs("</updated>\n", fp);
			if (*k->source) {
				fputs("    <link href=\"", fp);
				if (k->source[0] == '/')
					fputs("file://", fp);
				put_xml(k->source, fp);
				fputs("\"/>\n", fp);
			}
			fputs("    <summary>", fp);
			put_xml(k->title, fp);
			fprintf(fp, ", %s, page ", k->date);
			put_xml(k->page, fp);
			fputs("</summary>\n  </entry>\n", fp);
		}
	}
	if (!strcmp(format, "atom"))
		fputs("</feed>\n", fp);
	return ferror(fp) ? -1 : 0;
}

int
view_lines(const struct lines *ls, FILE *fp)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		put_trimmed(ls->v[i].text, ls->v[i].len, fp);
	return ferror(fp) ? -1 : 0;
}

int
view_article(const struct edition *ed, size_t a, const struct layout_opts *o,
	     FILE *fp)
{
	struct lines ls;
	int ret;

	lines_init(&ls);
	layout_article(ed, a, o, &ls);
	ret = view_lines(&ls, fp);
	lines_release(&ls);
	return ret;
}

int
view_page(const struct edition *ed, size_t pg, const struct layout_opts *o,
	  FILE *fp)
{
	struct page_layout pl;
	struct buf row = BUF_INIT;
	size_t s;
	int r;

	if (layout_page(ed, pg, o, &pl) != 0)
		return 1;
	for (s = 0; s < pl.nscreens; s++) {
		if (s)
			fputs("\f\n", fp);
		buf_reset(&row);
		layout_header(ed, pg, pl.width, pl.ascii, &row);
		put_trimmed(buf_str(&row), row.len, fp);
		for (r = 0; r < pl.body_rows; r++) {
			buf_reset(&row);
			page_layout_row(&pl, s, r, &row);
			put_trimmed(buf_str(&row), row.len, fp);
		}
		buf_reset(&row);
		layout_status(&pl, s, &row);
		put_trimmed(buf_str(&row), row.len, fp);
	}
	buf_release(&row);
	page_layout_release(&pl);
	return ferror(fp) ? -1 : 0;
}
