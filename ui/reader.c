/*
 * reader: the curses front end over the layout engine.  Three screens
 * so far: the page view (columns, one part current), the article view
 * (one column, all parts stitched) and the contents.  The draw loop:
 * key, update the model, werase and draw, wnoutrefresh, one doupdate.
 */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"
#include "text.h"
#include "util.h"

enum scr { SCR_PAGE, SCR_ARTICLE, SCR_CONTENTS, SCR_HELP };

struct reader {
	const struct edition *ed;
	struct layout_opts o;
	enum scr scr, back;	/* back: where q returns to */
	/* Page view */
	size_t page, shown;	/* page index, screen index */
	size_t part;		/* the current part, or NONE */
	struct page_layout pl;
	bool pl_ok;
	/* Article view */
	size_t article;
	struct lines art;
	size_t top;
	/* Contents: one entry per part, selected index */
	size_t sel, ctop;
	char msg[160];
	bool quit;
};

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

static int
rows(void)
{
	return LINES;
}

static attr_t
cell_attr(uint32_t style)
{
	attr_t a = 0;

	if (style & CS_BOLD)
		a |= A_BOLD;
	if (style & CS_ITALIC)
		a |= A_ITALIC;
	if (style & CS_UNDERLINE)
		a |= A_UNDERLINE;
	if (style & CS_DIM)
		a |= A_DIM;
	if (style & CS_REVERSE)
		a |= A_REVERSE;
	return a;
}

/* Draw a layout line at (y, x), clipped to width cells. */
static void
draw_line(int y, int x, const struct line *l, int width, attr_t extra)
{
	uint32_t pos = 0, r;
	int w;
	size_t n = text_fit(l->text, l->len, width, &w);

	move(y, x);
	for (r = 0; r <= l->nruns && pos < n; r++) {
		uint32_t end = r < l->nruns ? l->runs[r].start : (uint32_t)n;

		if (end > n)
			end = (uint32_t)n;
		if (end > pos) {
			attrset(extra);
			addnstr(l->text + pos, (int)(end - pos));
			pos = end;
		}
		if (r < l->nruns && pos < n) {
			uint32_t e = l->runs[r].start + l->runs[r].len;

			if (e > n)
				e = (uint32_t)n;
			attrset(cell_attr(l->runs[r].style) | extra);
			addnstr(l->text + pos, (int)(e - pos));
			pos = e;
		}
	}
	attrset(A_NORMAL);
}

static void
draw_bar(int y, const char *s)
{
	int w;
	size_t n = text_fit(s, strlen(s), COLS, &w);

	attrset(A_REVERSE);
	mvaddnstr(y, 0, s, (int)n);
	for (; w < COLS; w++)
		addch(' ');
	attrset(A_NORMAL);
}

static void
relayout(struct reader *rd)
{
	if (rd->pl_ok)
		page_layout_release(&rd->pl);
	rd->o.width = COLS;
	rd->o.height = LINES;
	rd->pl_ok = layout_page(rd->ed, rd->page, &rd->o, &rd->pl) == 0;
	if (!rd->pl_ok)
		page_layout_release(&rd->pl);
	if (rd->pl_ok && rd->shown >= rd->pl.nscreens)
		rd->shown = rd->pl.nscreens - 1;
	lines_release(&rd->art);
	lines_init(&rd->art);
	if (rd->article != NONE) {
		struct layout_opts ao = rd->o;

		ao.width = COLS < 72 ? COLS : 72;
		layout_article(rd->ed, rd->article, &ao, &rd->art);
	}
}

/* The screen of the page view where part's first line is shown. */
static size_t
screen_of_part(const struct reader *rd, size_t part)
{
	const struct page_layout *pl = &rd->pl;
	size_t s, c, i;

	for (s = 0; s < pl->nscreens; s++)
		for (c = 0; c < (size_t)pl->ncols; c++) {
			size_t k = s * (size_t)pl->ncols + c;

			for (i = 0; i < pl->col_len[k]; i++)
				if (pl->lines.v[pl->col_first[k] + i].part ==
				    part)
					return s;
		}
	return 0;
}

/* The first part printed on page, or NONE. */
static size_t
first_part(const struct edition *ed, size_t page)
{
	const struct page *p = &ed->pages[page];
	size_t i;

	for (i = 0; i < p->nitems; i++)
		if (ed->items[p->first_item + i].kind == ITEM_PART)
			return ed->items[p->first_item + i].index;
	return NONE;
}

static void
go_page(struct reader *rd, size_t page, size_t part)
{
	rd->page = page;
	rd->part = part != NONE ? part : first_part(rd->ed, page);
	rd->shown = 0;
	rd->scr = SCR_PAGE;
	relayout(rd);
	if (rd->pl_ok && rd->part != NONE)
		rd->shown = screen_of_part(rd, rd->part);
}

static void
open_article(struct reader *rd, size_t part)
{
	size_t i;

	if (part == NONE)
		return;
	rd->article = rd->ed->parts[part].article;
	rd->top = 0;
	rd->back = rd->scr;
	rd->scr = SCR_ARTICLE;
	relayout(rd);
	for (i = 0; i < rd->art.n; i++)
		if (rd->art.v[i].part == part) {
			rd->top = i;
			break;
		}
}

static void
draw_page(struct reader *rd)
{
	const struct page_layout *pl = &rd->pl;
	struct buf b = BUF_INIT;
	int c, r;

	layout_header(rd->ed, rd->page, COLS, rd->o.ascii, &b);
	draw_bar(0, b.s);
	for (c = 0; c < pl->ncols; c++) {
		size_t k = rd->shown * (size_t)pl->ncols + (size_t)c;
		int x = c * (pl->colw + pl->gutter);

		if (c) {
			attrset(A_DIM);
			for (r = 0; r < pl->body_rows; r++)
				mvaddstr(pl->body_top + r, x - 2,
					 rd->o.ascii ? "|" : "\u2502");
			attrset(A_NORMAL);
		}
		for (r = 0; r < pl->body_rows && (size_t)r < pl->col_len[k];
		     r++) {
			const struct line *l =
				&pl->lines.v[pl->col_first[k] + (size_t)r];
			attr_t extra = l->part == rd->part &&
				       l->part != NONE &&
				       l->role == ROLE_HEADLINE ?
				       A_REVERSE : 0;

			draw_line(pl->body_top + r, x, l, pl->colw, extra);
		}
	}
	buf_reset(&b);
	if (rd->msg[0])
		buf_adds(&b, rd->msg);
	else
		layout_status(pl, rd->shown, &b);
	draw_bar(LINES - 1, b.s);
	buf_release(&b);
}

static void
draw_article(struct reader *rd)
{
	const struct article *a = &rd->ed->articles[rd->article];
	struct buf b = BUF_INIT;
	int r, x = COLS > 72 ? (COLS - 72) / 2 : 0;

	buf_addf(&b, "%s \u00b7 article %s (%zu part%s)", rd->ed->title,
		 a->id, a->nparts, a->nparts == 1 ? "" : "s");
	draw_bar(0, b.s);
	for (r = 0; r < rows() - 2 && rd->top + (size_t)r < rd->art.n; r++)
		draw_line(1 + r, x, &rd->art.v[rd->top + (size_t)r], COLS - x,
			  0);
	buf_reset(&b);
	if (rd->msg[0])
		buf_adds(&b, rd->msg);
	else
		buf_addf(&b, "line %zu/%zu   q back  < > parts  ? help",
			 rd->top + 1, rd->art.n);
	draw_bar(LINES - 1, b.s);
	buf_release(&b);
}

static void
draw_contents(struct reader *rd)
{
	const struct edition *ed = rd->ed;
	struct buf b = BUF_INIT;
	int h = rows() - 2, r;

	if (rd->sel < rd->ctop)
		rd->ctop = rd->sel;
	if (h > 0 && rd->sel >= rd->ctop + (size_t)h)
		rd->ctop = rd->sel - (size_t)h + 1;
	buf_addf(&b, "%s \u00b7 %s \u00b7 contents", ed->title, ed->date);
	draw_bar(0, b.s);
	for (r = 0; r < h && rd->ctop + (size_t)r < ed->nparts; r++) {
		size_t i = rd->ctop + (size_t)r;
		const struct part *p = &ed->parts[i];
		int w;
		size_t n;

		buf_reset(&b);
		buf_addf(&b, "%5s  %s%s", ed->pages[p->page].label,
			 p->kind == PART_CONT ? "(cont.) " : "",
			 edition_part_headline(ed, i));
		n = text_fit(b.s, b.len, COLS, &w);
		attrset(i == rd->sel ? A_REVERSE : A_NORMAL);
		mvaddnstr(1 + r, 0, b.s, (int)n);
		attrset(A_NORMAL);
	}
	draw_bar(LINES - 1, "Enter open  j/k move  q back");
	buf_release(&b);
}

static const char *const help_text[] = {
	"SPACE PgDn f   next screen (past the last: next page)",
	"b PgUp         previous screen",
	"j k Tab J K    next / previous article part",
	"] [            next / previous page",
	"g G            first / last screen",
	"Enter          open the current article",
	"> <            where the article continues / came from",
	"t              contents",
	"Ctrl-L         redraw",
	"q              back; quits from the page view",
	"Q              quit",
};

static void
draw_help(void)
{
	size_t i;

	draw_bar(0, "folio \u00b7 keys");
	for (i = 0; i < ARRAY_SIZE(help_text) && (int)i < rows() - 2; i++)
		mvaddstr(1 + (int)i, 1, help_text[i]);
	draw_bar(LINES - 1, "q back");
}

static void
draw(struct reader *rd)
{
	werase(stdscr);
	if (COLS < LAYOUT_MIN_W || LINES < LAYOUT_MIN_H) {
		char m[64];

		snprintf(m, sizeof(m), "too small (%dx%d; need %dx%d)", COLS,
			 LINES, LAYOUT_MIN_W, LAYOUT_MIN_H);
		mvaddnstr(0, 0, m, COLS);
	} else if (rd->scr == SCR_PAGE && rd->pl_ok) {
		draw_page(rd);
	} else if (rd->scr == SCR_ARTICLE) {
		draw_article(rd);
	} else if (rd->scr == SCR_CONTENTS) {
		draw_contents(rd);
	} else if (rd->scr == SCR_HELP) {
		draw_help();
	}
	wnoutrefresh(stdscr);
	doupdate();
	rd->msg[0] = '\0';
}

/* Parts of the current page in print order: the one after/before part. */
static size_t
step_part(const struct reader *rd, int dir)
{
	const struct edition *ed = rd->ed;
	const struct page *p = &ed->pages[rd->page];
	size_t i, found = NONE, prev = NONE;

	for (i = 0; i < p->nitems; i++) {
		const struct page_item *it = &ed->items[p->first_item + i];

		if (it->kind != ITEM_PART)
			continue;
		if (found != NONE && dir > 0)
			return it->index;
		if (it->index == rd->part) {
			if (dir < 0)
				return prev;
			found = it->index;
		}
		prev = it->index;
	}
	return NONE;
}

static void
follow(struct reader *rd, int dir)
{
	const struct part *p;
	size_t to, page;

	if (rd->part == NONE)
		return;
	p = &rd->ed->parts[rd->part];
	to = dir > 0 ? p->next : p->prev;
	page = dir > 0 ? p->jump_page : p->from_page;
	if (to != NONE) {
		go_page(rd, rd->ed->parts[to].page, to);
	} else if (page != NONE) {
		go_page(rd, page, NONE);
	} else {
		snprintf(rd->msg, sizeof(rd->msg), "%s",
			 dir > 0 ? "the article does not continue in this "
				   "edition" :
				   "the article does not come from a page in "
				   "this edition");
	}
}

static void
key_page(struct reader *rd, int ch)
{
	size_t n = rd->pl_ok ? rd->pl.nscreens : 1, p;

	switch (ch) {
	case ' ': case 'f': case KEY_NPAGE:
		if (rd->shown + 1 < n)
			rd->shown++;
		else if (rd->page + 1 < rd->ed->npages)
			go_page(rd, rd->page + 1, NONE);
		else
			snprintf(rd->msg, sizeof(rd->msg), "end of edition");
		break;
	case 'b': case KEY_PPAGE:
		if (rd->shown > 0)
			rd->shown--;
		else if (rd->page > 0) {
			go_page(rd, rd->page - 1, NONE);
			rd->shown = rd->pl_ok ? rd->pl.nscreens - 1 : 0;
		}
		break;
	case 'g': case KEY_HOME:
		rd->shown = 0;
		break;
	case 'G': case KEY_END:
		rd->shown = n - 1;
		break;
	case ']':
		if (rd->page + 1 < rd->ed->npages)
			go_page(rd, rd->page + 1, NONE);
		break;
	case '[':
		if (rd->page > 0)
			go_page(rd, rd->page - 1, NONE);
		break;
	case 'j': case 'J': case '\t': case KEY_DOWN:
	case 'k': case 'K': case KEY_BTAB: case KEY_UP:
		p = step_part(rd, strchr("jJ\t", ch) || ch == KEY_DOWN ? 1
									 : -1);
		if (p != NONE) {
			rd->part = p;
			if (rd->pl_ok)
				rd->shown = screen_of_part(rd, p);
		}
		break;
	case '\n': case '\r': case KEY_ENTER:
		open_article(rd, rd->part);
		break;
	case '>':
		follow(rd, 1);
		break;
	case '<':
		follow(rd, -1);
		break;
	case 'q':
		rd->quit = true;
		break;
	}
}

static void
key_article(struct reader *rd, int ch)
{
	size_t h = rows() > 2 ? (size_t)rows() - 2 : 1, i;
	size_t max = rd->art.n > h ? rd->art.n - h : 0;
	size_t cur = rd->top < rd->art.n ? rd->art.v[rd->top].part : NONE;

	switch (ch) {
	case 'j': case KEY_DOWN:
		rd->top++;
		break;
	case 'k': case KEY_UP:
		if (rd->top)
			rd->top--;
		break;
	case ' ': case 'f': case KEY_NPAGE:
		rd->top += h;
		break;
	case 'b': case KEY_PPAGE:
		rd->top = rd->top > h ? rd->top - h : 0;
		break;
	case 'g': case KEY_HOME:
		rd->top = 0;
		break;
	case 'G': case KEY_END:
		rd->top = max;
		break;
	case '>': case 'J': case '\t':
		for (i = rd->top; i < rd->art.n; i++)
			if (rd->art.v[i].part != cur) {
				rd->top = i;
				break;
			}
		break;
	case '<': case 'K': case KEY_BTAB:
		if (cur == NONE)
			break;
		cur = rd->ed->parts[cur].prev;
		for (i = 0; i < rd->art.n && cur != NONE; i++)
			if (rd->art.v[i].part == cur) {
				rd->top = i;
				break;
			}
		break;
	case 'q':
		rd->scr = rd->back;
		return;
	}
	if (rd->top > max)
		rd->top = max;
}

static void
key_contents(struct reader *rd, int ch)
{
	switch (ch) {
	case 'j': case KEY_DOWN:
		if (rd->sel + 1 < rd->ed->nparts)
			rd->sel++;
		break;
	case 'k': case KEY_UP:
		if (rd->sel)
			rd->sel--;
		break;
	case '\n': case '\r': case KEY_ENTER:
		if (rd->sel < rd->ed->nparts)
			go_page(rd, rd->ed->parts[rd->sel].page, rd->sel);
		break;
	case 'q':
		rd->scr = SCR_PAGE;
		break;
	}
}

static void
on_key(struct reader *rd, int ch)
{
	if (ch == 'Q') {
		rd->quit = true;
		return;
	}
	if (ch == 12) {		/* Ctrl-L */
		clearok(curscr, TRUE);
		return;
	}
	if (ch == KEY_RESIZE) {
		size_t part = rd->part;

		relayout(rd);
		if (rd->pl_ok && part != NONE)
			rd->shown = screen_of_part(rd, part);
		return;
	}
	if (ch == '?' && rd->scr != SCR_HELP) {
		rd->back = rd->scr;
		rd->scr = SCR_HELP;
		return;
	}
	if (ch == 't' && rd->scr != SCR_CONTENTS) {
		rd->scr = SCR_CONTENTS;
		rd->sel = rd->part != NONE ? rd->part : 0;
		return;
	}
	switch (rd->scr) {
	case SCR_PAGE:
		key_page(rd, ch);
		break;
	case SCR_ARTICLE:
		key_article(rd, ch);
		break;
	case SCR_CONTENTS:
		key_contents(rd, ch);
		break;
	case SCR_HELP:
		if (ch == 'q' || ch == 27)
			rd->scr = rd->back == SCR_HELP ? SCR_PAGE : rd->back;
		break;
	}
}

int
reader_run(const struct edition *ed, const struct reader_start *st)
{
	struct reader rd;
	struct sigaction sa;
	FILE *in = NULL;
	int ch;

	memset(&rd, 0, sizeof(rd));
	rd.ed = ed;
	rd.o = st->opts;
	rd.article = NONE;
	rd.part = NONE;
	lines_init(&rd.art);

	/* The edition may have come on standard input: read keys from the
	   terminal itself then. */
	if (!isatty(STDIN_FILENO))
		in = fopen("/dev/tty", "r");
	if (!newterm(NULL, stdout, in ? in : stdin)) {
		fprintf(stderr, "folio: cannot use this terminal (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	die_set_hook(restore_terminal);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	wtimeout(stdscr, 500);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}

	go_page(&rd, st->page != NONE ? st->page : 0, NONE);
	if (st->article != NONE)
		open_article(&rd, ed->articles[st->article].parts[0]);
	if (st->contents)
		rd.scr = SCR_CONTENTS;
	while (!rd.quit && !got_signal) {
		draw(&rd);
		do {
			ch = getch();
		} while (ch == ERR && !got_signal);
		if (ch != ERR)
			on_key(&rd, ch);
	}
	endwin();
	die_set_hook(NULL);
	if (in)
		fclose(in);
	if (rd.pl_ok)
		page_layout_release(&rd.pl);
	lines_release(&rd.art);
	return 0;
}
