/*
 * layout: flowing parts into lines, and lines into columns and screens.
 * See layout.h.  Nothing here draws: lines carry their text, width, role
 * and style runs; the ui and the plain-text views print them.
 */
#include <stdlib.h>
#include <string.h>

#include "hyph.h"
#include "layout.h"
#include "text.h"

/* The glyphs of rules, boxes and jump arrows, Unicode or ASCII. */
struct glyphs {
	const char *h, *v, *tl, *tr, *bl, *br, *next, *prev, *photo, *sep,
		   *cut;
};
static const struct glyphs uni = {
	"\u2500", "\u2502", "\u250c", "\u2510", "\u2514", "\u2518",
	"\u25b8", "\u25c2", "\u25a3", " \u00b7 ", "\u2026",
};
static const struct glyphs ascii = {
	"-", "|", "+", "+", "+", "+", ">", "<", "#", " - ", "~",
};

/* What flowing needs to know besides the edition. */
struct flow {
	const struct edition *ed;
	const struct glyphs *g;
	struct lines *out;
	int width;		/* the measure */
	bool compact;		/* page view: indents, no blank lines */
	bool justify;		/* spread body lines to the measure */
	struct hyph *hyph;
	size_t block;		/* the block being flowed, or NONE */
	size_t shift;		/* bytes put before its text (a dateline) */
	struct buf tmp;
};

void
lines_init(struct lines *ls)
{
	memset(ls, 0, sizeof(*ls));
	arena_init(&ls->arena);
}

void
lines_release(struct lines *ls)
{
	free(ls->v);
	arena_release(&ls->arena);
	memset(ls, 0, sizeof(*ls));
}

static uint32_t
role_style(enum line_role role)
{
	switch (role) {
	case ROLE_HEADLINE:
	case ROLE_SUBHEAD:
		return CS_BOLD;
	case ROLE_KICKER:
	case ROLE_JUMP:
		return CS_BOLD | CS_DIM;
	case ROLE_DECK:
	case ROLE_QUOTE:
		return CS_ITALIC;
	case ROLE_BYLINE:
	case ROLE_RULE:
	case ROLE_SEAM:
		return CS_DIM;
	default:
		return 0;
	}
}

/*
 * Append a line of text s[0..n) with its runs (copied).  The role's own
 * style is merged into every run and covers the whole line.
 */
static struct line *
emit(struct flow *f, enum line_role role, const char *s, size_t n,
     const struct style_run *runs, size_t nruns, size_t part)
{
	struct lines *ls = f->out;
	struct line *l;
	struct style_run *r;
	uint32_t rs = role_style(role), pos = 0;
	size_t i, k = 0;

	VEC_RESERVE(ls->v, ls->cap, ls->n + 1);
	l = &ls->v[ls->n++];
	memset(l, 0, sizeof(*l));
	l->text = arena_strndup(&ls->arena, s, n);
	l->len = (uint32_t)n;
	l->width = text_width(s, n);
	l->role = role;
	l->part = part;
	l->block = f->block;
	l->target = l->target_page = NONE;
	/* Runs: the given ones plus the role's style in the gaps. */
	r = arena_alloc(&ls->arena, (2 * nruns + 1) * sizeof(*r));
	for (i = 0; i <= nruns; i++) {
		/* runs may be NULL when nruns is 0: runs[i] is read only
		   for i < nruns.  cppcheck cannot see it. */
		/* cppcheck-suppress nullPointer */
		/* cppcheck-suppress uninitvar */
		uint32_t next = i < nruns ? runs[i].start : (uint32_t)n;

		if (next > pos && rs) {
			r[k].start = pos;
			r[k].len = next - pos;
			r[k++].style = rs;
		}
		if (i < nruns) {
			r[k] = runs[i];
			r[k++].style |= rs;
			pos = runs[i].start + runs[i].len;
		}
	}
	l->runs = r;
	l->nruns = (uint32_t)k;
	return l;
}

static void
emit_blank(struct flow *f, size_t part)
{
	emit(f, ROLE_BLANK, "", 0, NULL, 0, part);
}

static uint32_t
span_cells(uint32_t style)
{
	return (style & STYLE_EM ? CS_ITALIC : 0) |
	       (style & STYLE_STRONG ? CS_BOLD : 0) |
	       (style & STYLE_LINK ? CS_UNDERLINE : 0);
}

/*
 * The style runs of text[start..end) from spans (offsets in text), moved
 * by shift bytes (an indent or prefix before the text on the line).
 * Returns how many it wrote to out (at most 2 * nspans + 1).
 */
static size_t
line_runs(const struct span *spans, size_t nspans, size_t start, size_t end,
	  size_t shift, struct style_run *out)
{
	size_t i, k = 0, pos;

	/* Split the line at every span edge and give each piece the union
	   of the spans covering it. */
	for (pos = start; pos < end;) {
		size_t next = end;
		uint32_t style = 0;

		for (i = 0; i < nspans; i++) {
			if (spans[i].start <= pos && spans[i].end > pos) {
				style |= span_cells(spans[i].style);
				if (spans[i].end < next)
					next = spans[i].end;
			} else if (spans[i].start > pos &&
				   spans[i].start < next) {
				next = spans[i].start;
			}
		}
		if (style && k < 2 * nspans + 1) {
			out[k].start = (uint32_t)(pos - start + shift);
			out[k].len = (uint32_t)(next - pos);
			out[k++].style = style;
		}
		pos = next;
	}
	return k;
}

/*
 * Justify: spread extra cells over the spaces between the words of line
 * (after its indent of from bytes), moving the style runs with the text.
 */
static void
justify_line(struct buf *line, size_t from, int extra,
	     struct style_run *runs, size_t nr)
{
	struct buf out = BUF_INIT;
	size_t i, nsp = 0, seen = 0, r;
	uint32_t *shift;

	for (i = from; i < line->len; i++)
		nsp += line->s[i] == ' ';
	if (extra <= 0 || !nsp)
		return;
	shift = xcalloc(line->len + 1, sizeof(*shift));
	buf_add(&out, line->s, from);
	for (i = from; i < line->len; i++) {
		shift[i] = (uint32_t)(out.len - i);
		buf_addch(&out, line->s[i]);
		if (line->s[i] == ' ') {
			int add = extra / (int)nsp +
				  (seen < (size_t)extra % nsp);

			buf_addf(&out, "%*s", add, "");
			seen++;
		}
	}
	shift[line->len] = (uint32_t)(out.len - line->len);
	for (r = 0; r < nr; r++) {
		uint32_t s = runs[r].start, e = s + runs[r].len;

		runs[r].start = s + shift[s < line->len ? s : line->len];
		runs[r].len = e + shift[e <= line->len ? e : line->len] -
			      runs[r].start;
	}
	buf_reset(line);
	buf_add(line, out.s, out.len);
	buf_release(&out);
	free(shift);
}

/*
 * Flow text (with spans) as lines of a role: wrapped at the measure less
 * indent, the first line indented by first_indent, the others by indent.
 * Returns the index of the first line emitted.
 */
static size_t
flow_text(struct flow *f, enum line_role role, const char *text,
	  const struct span *spans, size_t nspans, int first_indent,
	  int indent, size_t part)
{
	struct text_wrap_opts wo;
	struct text_line *tl;
	struct style_run *runs;
	size_t n = strlen(text), nl, i, first = f->out->n;

	memset(&wo, 0, sizeof(wo));
	wo.width = f->width - indent > 1 ? f->width - indent : 1;
	wo.first_width = f->width - first_indent > 1 ?
			 f->width - first_indent : 1;
	wo.lang = f->ed->lang;
	if (f->hyph && (role == ROLE_BODY || role == ROLE_QUOTE)) {
		wo.hyphenate = hyph_points;
		wo.hyphenate_ctx = f->hyph;
	}
	nl = text_wrap(text, n, &wo, &tl);
	runs = xcalloc(2 * nspans + 1, sizeof(*runs));
	for (i = 0; i < nl; i++) {
		int ind = i ? indent : first_indent;
		size_t nr;
		struct line *l;

		buf_reset(&f->tmp);
		buf_addf(&f->tmp, "%*s", ind, "");
		buf_add(&f->tmp, text + tl[i].start, tl[i].end - tl[i].start);
		if (tl[i].hyphen)
			buf_addch(&f->tmp, '-');
		nr = line_runs(spans, nspans, tl[i].start, tl[i].end,
			       (size_t)ind, runs);
		if (f->justify && role == ROLE_BODY && i + 1 < nl)
			justify_line(&f->tmp, (size_t)ind,
				     (i ? wo.width : wo.first_width) -
				     tl[i].width, runs, nr);
		l = emit(f, role, f->tmp.s, f->tmp.len, runs, nr, part);
		l->offset = (uint32_t)(tl[i].start > f->shift ?
				       tl[i].start - f->shift : 0);
		l->para_first = i == 0;
		l->para_last = i + 1 == nl;
	}
	free(runs);
	free(tl);
	return first;
}

/* Keep the lines [first, out->n) together with the next `after` lines. */
static void
keep_block(struct flow *f, size_t first, uint32_t after)
{
	size_t i, n = f->out->n;

	for (i = first; i < n; i++)
		f->out->v[i].keep = (uint32_t)(n - 1 - i) + after;
}

/* A rule the whole measure wide with an optional label in it. */
static void
emit_rule(struct flow *f, enum line_role role, const char *label,
	  size_t part)
{
	struct buf *b = &f->tmp;
	int w = 0, lw = label ? text_width(label, strlen(label)) : 0;

	buf_reset(b);
	if (label && lw + 4 <= f->width) {
		buf_adds(b, f->g->h);
		buf_adds(b, f->g->h);
		buf_addf(b, " %s ", label);
		w = lw + 4;
	}
	for (; w < f->width; w++)
		buf_adds(b, f->g->h);
	emit(f, role, b->s, b->len, NULL, 0, part);
}

/*
 * A photo as a boxed placeholder: a top rule with the marker, the
 * caption wrapped inside, the credit right-aligned, a bottom rule.  The
 * box's lines are kept together (never split across columns when the box
 * fits in one).
 */
static void
flow_photo(struct flow *f, const struct block *b, size_t part)
{
	const struct glyphs *g = f->g;
	struct flow inner = *f;
	struct lines caption;
	struct buf *t = &f->tmp;
	size_t first = f->out->n, i;
	int w = f->width, inw = w - 4, k;

	if (inw < 1) {		/* too narrow for a box: plain lines */
		flow_text(f, ROLE_PHOTO, b->text, NULL, 0, 0, 0, part);
		if (b->credit)
			flow_text(f, ROLE_PHOTO, b->credit, NULL, 0, 0, 0,
				  part);
		keep_block(f, first, 0);
		return;
	}
	buf_reset(t);
	buf_adds(t, g->tl);
	buf_addf(t, "%s %s Photo ", g->h, g->photo);
	k = text_width(t->s, t->len);
	if (k + 1 > w) {	/* narrower than the label: a bare rule */
		buf_reset(t);
		buf_adds(t, g->tl);
		k = 1;
	}
	for (; k < w - 1; k++)
		buf_adds(t, g->h);
	buf_adds(t, g->tr);
	emit(f, ROLE_PHOTO, t->s, t->len, NULL, 0, part);

	/* Caption and credit inside the box. */
	lines_init(&caption);
	buf_init(&inner.tmp);
	inner.out = &caption;
	inner.width = inw;
	inner.hyph = NULL;
	if (*b->text)
		flow_text(&inner, ROLE_BODY, b->text,
			  edition_block_spans(f->ed, b), b->nspans, 0, 0,
			  part);
	if (b->credit) {
		int cw = text_width(b->credit, strlen(b->credit));

		if (cw <= inw) {
			buf_reset(&inner.tmp);
			buf_addf(&inner.tmp, "%*s%s", inw - cw, "", b->credit);
			emit(&inner, ROLE_BYLINE, inner.tmp.s, inner.tmp.len,
			     NULL, 0, part);
		} else {
			flow_text(&inner, ROLE_BYLINE, b->credit, NULL, 0, 0,
				  0, part);
		}
	}
	buf_release(&inner.tmp);
	for (i = 0; i < caption.n; i++) {
		const struct line *c = &caption.v[i];
		struct style_run runs[64];
		size_t nr = c->nruns < 62 ? c->nruns : 62, r;

		buf_reset(t);
		buf_addf(t, "%s ", g->v);
		buf_add(t, c->text, c->len);
		buf_addf(t, "%*s %s", inw - c->width, "", g->v);
		for (r = 0; r < nr; r++) {
			runs[r] = c->runs[r];
			runs[r].start += (uint32_t)strlen(g->v) + 1;
		}
		emit(f, ROLE_PHOTO, t->s, t->len, runs, nr, part);
	}
	lines_release(&caption);
	buf_reset(t);
	buf_adds(t, g->bl);
	for (k = 1; k < w - 1; k++)
		buf_adds(t, g->h);
	buf_adds(t, g->br);
	emit(f, ROLE_PHOTO, t->s, t->len, NULL, 0, part);
	keep_block(f, first, 0);
}

static void
flow_block(struct flow *f, const struct block *b, size_t part,
	   const char *dateline)
{
	const struct span *spans = edition_block_spans(f->ed, b);
	int ind = f->compact ? 1 : 0;
	size_t first;

	f->block = (size_t)(b - f->ed->blocks);

	switch (b->kind) {
	case BLOCK_PHOTO:
		flow_photo(f, b, part);
		break;
	case BLOCK_SUBHEAD:
		if (f->compact)		/* room above a crosshead */
			emit_blank(f, part);
		first = flow_text(f, ROLE_SUBHEAD, b->text, spans, b->nspans,
				  0, 0, part);
		keep_block(f, first, 2);
		break;
	case BLOCK_QUOTE:
		flow_text(f, ROLE_QUOTE, b->text, spans, b->nspans, 2, 2,
			  part);
		break;
	case BLOCK_PARA:
		if (dateline) {
			/* "SPRINGFIELD - The council voted ..." */
			struct buf t = BUF_INIT;
			struct span *sp = xcalloc(b->nspans + 1,
						  sizeof(*sp));
			size_t shift, i;

			buf_addf(&t, "%s \u2014 ", dateline);
			shift = t.len;
			buf_adds(&t, b->text);
			sp[0].start = 0;
			sp[0].end = (uint32_t)strlen(dateline);
			sp[0].style = STYLE_STRONG;
			for (i = 0; i < b->nspans; i++) {
				sp[i + 1] = spans[i];
				sp[i + 1].start += (uint32_t)shift;
				sp[i + 1].end += (uint32_t)shift;
			}
			f->shift = shift;
			flow_text(f, ROLE_BODY, t.s, sp, b->nspans + 1, ind,
				  0, part);
			f->shift = 0;
			free(sp);
			buf_release(&t);
		} else {
			flow_text(f, ROLE_BODY, b->text, spans, b->nspans,
				  ind, 0, part);
		}
		break;
	}
}

/* "From page A1" or "Continued on page A12", with the arrow. */
static void
flow_jump(struct flow *f, size_t part, bool from)
{
	const struct edition *ed = f->ed;
	const struct part *p = &ed->parts[part];
	const char *label;
	size_t page, target, first, i;
	struct buf t = BUF_INIT;

	if (from) {
		target = p->prev;
		page = p->from_page;
		label = p->from ? p->from :
			page != NONE ? ed->pages[page].label : NULL;
		if (!label)
			return;
		buf_addf(&t, "%s From page %s", f->g->prev, label);
	} else {
		target = p->next;
		page = p->jump_page;
		label = p->jump;
		if (!label)
			return;
		buf_addf(&t, "Continued on page %s %s", label, f->g->next);
	}
	if (page == NONE)
		buf_adds(&t, " (not in this edition)");
	first = flow_text(f, ROLE_JUMP, t.s, NULL, 0, 0, 0, part);
	for (i = first; i < f->out->n; i++) {
		f->out->v[i].target = target;
		f->out->v[i].target_page = page;
	}
	buf_release(&t);
}

/* The head of a part: kicker, headline, deck, byline; or a jump head. */
static void
flow_head(struct flow *f, size_t part)
{
	const struct part *p = &f->ed->parts[part];
	size_t first = f->out->n;

	if (p->kind == PART_CONT)
		flow_jump(f, part, true);
	if (p->kicker)
		flow_text(f, ROLE_KICKER, p->kicker, NULL, 0, 0, 0, part);
	if (p->headline || p->kind == PART_START)
		flow_text(f, ROLE_HEADLINE, edition_part_headline(f->ed, part),
			  NULL, 0, 0, 0, part);
	if (p->deck)
		flow_text(f, ROLE_DECK, p->deck, NULL, 0, 0, 0, part);
	if (p->byline)
		flow_text(f, ROLE_BYLINE, p->byline, NULL, 0, 0, 0, part);
	/* In columns a blank line sets the head apart from the body (the
	   article view has one after every block anyway).  Keep the head
	   with at least two lines of what follows. */
	if (f->compact && f->out->n > first && p->nblocks) {
		emit_blank(f, part);
		keep_block(f, first, 2);
	} else {
		keep_block(f, first, 2);
	}
}

/* A part's head, body and jump line. */
static void
flow_part(struct flow *f, size_t part)
{
	const struct edition *ed = f->ed;
	const struct part *p = &ed->parts[part];
	const char *dateline = p->dateline;
	size_t i;

	flow_head(f, part);
	if (!f->compact)
		emit_blank(f, part);
	for (i = 0; i < p->nblocks; i++) {
		const struct block *b = &ed->blocks[p->first_block + i];

		if (i && !f->compact)
			emit_blank(f, part);
		flow_block(f, b, part, b->kind == BLOCK_PARA ? dateline : NULL);
		f->block = NONE;
		if (b->kind == BLOCK_PARA)
			dateline = NULL;
	}
	if (p->jump) {
		if (!f->compact)
			emit_blank(f, part);
		flow_jump(f, part, false);
	}
}

static void
flow_init(struct flow *f, const struct edition *ed,
	  const struct layout_opts *o, struct lines *out, int width)
{
	memset(f, 0, sizeof(*f));
	f->ed = ed;
	f->g = o->ascii ? &ascii : &uni;
	f->out = out;
	f->width = width > 0 ? width : 1;
	f->hyph = o->hyphenate ? hyph_get(ed->lang) : NULL;
	f->block = NONE;
	buf_init(&f->tmp);
}

void
layout_article(const struct edition *ed, size_t a,
	       const struct layout_opts *o, struct lines *out)
{
	const struct article *art = &ed->articles[a];
	struct flow f;
	struct buf label = BUF_INIT;
	size_t i;

	flow_init(&f, ed, o, out, o->width);
	f.hyph = NULL;	/* one wide column reads better unhyphenated */
	for (i = 0; i < art->nparts; i++) {
		size_t part = art->parts[i];
		const struct page *pg = &ed->pages[ed->parts[part].page];

		if (i)
			emit_blank(&f, part);
		buf_reset(&label);
		buf_addf(&label, "Page %s%s%s", pg->label,
			 pg->section ? f.g->sep : "",
			 pg->section ? pg->section : "");
		emit_rule(&f, ROLE_SEAM, label.s, part);
		flow_part(&f, part);
	}
	/* A feed's article says where it is on the web. */
	if (art->start != NONE && ed->parts[art->start].url) {
		emit_blank(&f, art->start);
		buf_reset(&label);
		buf_addf(&label, "On the web: %s", ed->parts[art->start].url);
		flow_text(&f, ROLE_BYLINE, label.s, NULL, 0, 0, 0, art->start);
	}
	buf_release(&label);
	buf_release(&f.tmp);
}

/*
 * The page view.  Geometry first: as many columns of about the measure as
 * fit, with a gutter of " | " between them; one column below 60 cells.
 */
#define GUTTER 3
#define MIN_MULTI 60

static void
page_geometry(struct page_layout *pl, const struct layout_opts *o)
{
	int m = o->measure > 0 ? o->measure : 36;
	int g = o->gutter > 0 ? o->gutter : GUTTER;

	pl->width = o->width;
	pl->height = o->height;
	pl->body_top = 1;
	pl->body_rows = o->height - 2;
	pl->gutter = g;
	pl->ncols = o->width < MIN_MULTI ? 1 : (o->width + g) / (m + g);
	if (o->min_columns > pl->ncols)
		pl->ncols = o->min_columns;
	if (o->max_columns > 0 && pl->ncols > o->max_columns)
		pl->ncols = o->max_columns;
	/* No column narrower than twenty cells, whatever was asked. */
	while (pl->ncols > 1 &&
	       (o->width - (pl->ncols - 1) * g) / pl->ncols < 20)
		pl->ncols--;
	if (pl->ncols < 1)
		pl->ncols = 1;
	pl->colw = (o->width - (pl->ncols - 1) * g) / pl->ncols;
}

static bool
is_space_line(const struct line *l)
{
	return l->role == ROLE_BLANK || l->role == ROLE_RULE;
}

/*
 * The end of a column that starts at line s (after blank lines were
 * skipped) and may hold rows lines: as many as fit, moved earlier so that
 * a kept group (a head with two lines of its story, a photo box) is not
 * split when it fits in a column, and no paragraph leaves its first line
 * alone at the bottom or its last line alone at the top.
 */
static size_t
column_end(const struct lines *ls, size_t s, int rows, int full,
	   bool *split)
{
	size_t end = s + (size_t)rows, j;

	if (end >= ls->n)
		return ls->n;	/* the rest fits: nothing crosses */
	/* Widow: a paragraph's last line alone at the top of the next
	   column; take one more line over. */
	if (end - 1 > s && ls->v[end].para_last && !ls->v[end].para_first)
		end--;
	/* Orphan: a paragraph's first line alone at the bottom (also what
	   the widow rule leaves of a three-line paragraph). */
	if (end - 1 > s && ls->v[end - 1].para_first &&
	    !ls->v[end - 1].para_last)
		end--;
	/* A kept group crossing the end moves whole to the next column;
	   moving it may make an earlier group cross, so repeat.  A group
	   that fits a full column is only split when the column is shorter
	   (a balanced last screen): *split tells the caller. */
	for (j = s; j < end; j++) {
		const struct line *l = &ls->v[j];

		if (!l->keep || j + l->keep < end ||
		    l->keep + 1 > (uint32_t)full)
			continue;
		if (j == s) {
			*split = true;
			continue;
		}
		end = j;
		j = s;
	}
	return end;
}

static size_t
skip_space(const struct lines *ls, size_t i)
{
	while (i < ls->n && is_space_line(&ls->v[i]))
		i++;
	return i;
}

/*
 * Cut lines from s into up to ncols columns of rows lines (full: the
 * rows of a whole column).  Returns the line after the last one placed;
 * first[] and len[] (ncols each, may be NULL) get the columns, without
 * the blank lines and rules that separate items at their ends.  *split
 * is set when a kept group that fits a full column had to be split.
 */
static size_t
cut_screen(const struct lines *ls, size_t s, int ncols, int rows, int full,
	   size_t *first, size_t *len, bool *split)
{
	int c;

	for (c = 0; c < ncols; c++) {
		size_t b = skip_space(ls, s), e, k;

		e = b < ls->n ? column_end(ls, b, rows, full, split) : b;
		for (k = e; k > b && is_space_line(&ls->v[k - 1]); k--)
			;
		if (first) {
			first[c] = b;
			len[c] = k - b;
		}
		s = e;
	}
	return skip_space(ls, s);
}

static void
flow_page(struct flow *f, const struct edition *ed, size_t pg)
{
	const struct page *p = &ed->pages[pg];
	size_t i;

	for (i = 0; i < p->nitems; i++) {
		const struct page_item *it = &ed->items[p->first_item + i];

		if (i) {
			emit_blank(f, NONE);
			emit_rule(f, ROLE_RULE, NULL, NONE);
		}
		if (it->kind == ITEM_PART) {
			flow_part(f, it->index);
		} else {
			f->block = it->index;
			flow_photo(f, &ed->blocks[it->index], NONE);
			f->block = NONE;
		}
	}
	if (!p->nitems)		/* wrapped: a page may be narrow */
		flow_text(f, ROLE_BODY, "(nothing is printed on this page)",
			  NULL, 0, 0, 0, NONE);
}

int
layout_page(const struct edition *ed, size_t pg, const struct layout_opts *o,
	    struct page_layout *pl)
{
	struct flow f;
	size_t s = 0, cap = 0, ns = 0;
	int rows, nc;

	memset(pl, 0, sizeof(*pl));
	lines_init(&pl->lines);
	if (o->width < LAYOUT_MIN_W || o->height < LAYOUT_MIN_H)
		return -1;
	page_geometry(pl, o);
	pl->ascii = o->ascii;
	rows = pl->body_rows;
	nc = pl->ncols;
	flow_init(&f, ed, o, &pl->lines, pl->colw);
	f.compact = true;
	f.justify = o->justify;
	flow_page(&f, ed, pg);
	buf_release(&f.tmp);

	s = skip_space(&pl->lines, 0);
	do {
		size_t *first, *len, next;
		bool split = false;
		int h = rows;

		VEC_RESERVE(pl->col_first, cap, (ns + 1) * (size_t)nc);
		pl->col_len = xreallocarray(pl->col_len, cap, sizeof(size_t));
		first = pl->col_first + ns * (size_t)nc;
		len = pl->col_len + ns * (size_t)nc;
		next = cut_screen(&pl->lines, s, nc, rows, rows, NULL, NULL,
				  &split);
		if (next >= pl->lines.n && nc > 1) {
			/* The last screen: the shortest columns that still
			   hold everything without splitting what a full
			   column keeps together, so they end level; but no
			   shorter than four lines, or a short remainder
			   would be dealt out a line a column. */
			int hi = rows, lo = rows < 4 ? rows : 4;

			while (lo < hi) {
				int mid = (lo + hi) / 2;

				split = false;
				if (cut_screen(&pl->lines, s, nc, mid, rows,
					       NULL, NULL, &split) >=
				    pl->lines.n && !split)
					hi = mid;
				else
					lo = mid + 1;
			}
			h = lo;
		}
		next = cut_screen(&pl->lines, s, nc, h, rows, first, len,
				  &split);
		ns++;
		s = next;
	} while (s < pl->lines.n);
	pl->nscreens = ns;
	return 0;
}

void
page_layout_release(struct page_layout *pl)
{
	lines_release(&pl->lines);
	free(pl->col_first);
	free(pl->col_len);
	memset(pl, 0, sizeof(*pl));
}

void
page_layout_row(const struct page_layout *pl, size_t s, int r,
		struct buf *out)
{
	const struct glyphs *g = pl->ascii ? &ascii : &uni;
	int c, w = 0;

	for (c = 0; c < pl->ncols; c++) {
		size_t k = s * (size_t)pl->ncols + (size_t)c;
		int lw = 0;

		if (c) {
			int lead = (pl->gutter - 1) / 2;

			buf_addf(out, "%*s%s%*s", lead, "", g->v,
				 pl->gutter - 1 - lead, "");
			w += pl->gutter;
		}
		if ((size_t)r < pl->col_len[k]) {
			const struct line *l =
				&pl->lines.v[pl->col_first[k] + (size_t)r];
			size_t n = text_fit(l->text, l->len, pl->colw, &lw);

			buf_add(out, l->text, n);
		}
		buf_addf(out, "%*s", pl->colw - lw, "");
		w += pl->colw;
	}
	buf_addf(out, "%*s", pl->width - w, "");
}

/*
 * s, cut to fit width cells, then padded to exactly width.  When cut
 * and mark is not NULL, it ends in mark (one cell wide).
 */
static void
add_fitted(struct buf *out, const char *s, int width, const char *mark)
{
	size_t len = strlen(s), n;
	int w;

	n = text_fit(s, len, width, &w);
	if (n < len && mark && width >= 1) {
		n = text_fit(s, len, width - 1, &w);
		buf_add(out, s, n);
		buf_adds(out, mark);
		w++;
	} else {
		buf_add(out, s, n);
	}
	buf_addf(out, "%*s", width - w, "");
}

void
layout_header(const struct edition *ed, size_t pg, int width, bool ascii_only,
	      struct buf *out)
{
	const struct page *p = &ed->pages[pg];
	const struct glyphs *g = ascii_only ? &ascii : &uni;
	struct buf l = BUF_INIT, r = BUF_INIT;
	int lw, rw, dw;

	/* The page first: on a narrow terminal it is what matters, then
	   the date; the paper's name goes first when there is no room. */
	buf_addf(&l, "Page %s", p->label);
	if (p->section)
		buf_addf(&l, "%s%s", g->sep, p->section);
	buf_adds(&r, ed->title);
	if (*ed->date)
		buf_addf(&r, "%s%s", g->sep, ed->date);
	lw = text_width(l.s, l.len);
	rw = text_width(r.s, r.len);
	dw = text_width(ed->date, strlen(ed->date));
	if (lw + 3 + rw <= width)
		buf_addf(out, "%s%*s%s", l.s, width - lw - rw, "", r.s);
	else if (*ed->date && lw + 3 + dw <= width)
		buf_addf(out, "%s%*s%s", l.s, width - lw - dw, "", ed->date);
	else
		add_fitted(out, l.s, width, g->cut);
	buf_release(&l);
	buf_release(&r);
}

void
layout_status(const struct page_layout *pl, size_t s, struct buf *out)
{
	struct buf t = BUF_INIT;
	const char *hint = "? help  q quit";
	int hw = (int)strlen(hint), lw;

	buf_addf(&t, "screen %zu/%zu", s + 1, pl->nscreens);
	lw = text_width(t.s, t.len);
	if (lw + 2 + hw <= pl->width) {
		buf_addf(out, "%s%*s%s", t.s, pl->width - lw - hw, "", hint);
	} else {
		add_fitted(out, t.s, pl->width, NULL);
	}
	buf_release(&t);
}
