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

	if (search_compile(&q, query, &b) != 0) {
		fprintf(stderr, "folio: --search: %s\n", b.s);
		buf_release(&b);
		return -1;
	}
	ix = search_index_new(ed);
	n = search_run(ix, &q, &hits);
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
