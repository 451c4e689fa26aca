/*
 * view: plain-text views.  They print exactly the lines layout made, so
 * golden files of these views test the layout the screens show.
 */
#include <string.h>

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
