/*
 * reader: the curses front end over the layout engine.
 *
 * Four screens: the page view (columns; one article part is current and
 * its headline highlighted), the article view (one column, every part
 * stitched), the contents and the help.  Where the reader is, is a place:
 * a screen, a page, a part, and an anchor (block and text offset) that
 * survives a new layout, so a resize keeps the reader's paragraph.
 * Every move between places goes through go(), which keeps the history.
 *
 * The draw loop (STYLE.md 7): key, update the model, werase and draw the
 * screen, wnoutrefresh, one doupdate.  clear() only for Ctrl-L; curses
 * sends only what changed.  Signal handlers only set a flag.
 */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "keymap.h"
#include "reader.h"
#include "search.h"
#include "store.h"
#include "text.h"
#include "util.h"

enum scr {
	SCR_PAGE, SCR_ARTICLE, SCR_CONTENTS, SCR_HELP, SCR_BOOKMARKS,
	SCR_NEWSSTAND,
	SCR_RESULTS,
};

enum prompt { PROMPT_NONE, PROMPT_PAGE, PROMPT_FILTER, PROMPT_SEARCH };

/* Where the reader is. */
struct place {
	enum scr scr;
	size_t page;		/* page view: the page */
	size_t part;		/* the current part, or NONE */
	size_t article;		/* article view: the article */
	size_t apart;		/* anchor: the part shown at the top */
	size_t block;		/* anchor: the block at the top, or NONE */
	uint32_t offset;	/* anchor: text offset in that block */
	bool at_top;		/* anchor: the top of the part (its head) */
};

/* A row of the contents: a page, or a part printed on it. */
struct centry {
	size_t page;
	size_t part;		/* NONE for the page's own row */
};

struct reader {
	struct keymap keys;
	const struct edition *ed;
	struct edition *owned;	/* an edition the reader loaded itself */
	const struct reader_start *st;
	struct layout_opts o;
	bool color;
	struct place at;
	struct place ret;	/* where q goes back to from an overlay */
	struct place aret;	/* the article view's own ret, kept while
				   an overlay opened over it is shown */
	/* Page view */
	struct page_layout pl;
	bool pl_ok;
	size_t pl_page;
	size_t shown;		/* screen of the page shown */
	/* Article view */
	struct lines art;
	size_t art_article;
	int art_w, art_x;
	size_t top;		/* first line shown */
	/* Contents and help */
	struct centry *cv;
	size_t cn, sel, ctop, htop;
	bool help_all;		/* the help shows down to its last key */
	/* History: hist[hcur] is the place being read */
	struct place *hist;
	size_t nhist, hcap, hcur;
	/* Bookmarks: the store, and the rows shown (filtered) */
	struct bookmarks bm;
	size_t *bv;
	size_t bn, bsel, btop;
	bool pending;		/* ed is a first look: st->rest brings the
				   whole edition */
	/* The newsstand: a feed of editions (the edition folio opened,
	   kept while others are read), its offers newest first. */
	const struct edition *stand;
	size_t *sv;
	size_t sn, scap, ssel, stop;
	struct buf filter;
	/* Search: the folded text (made on first use), the query and its
	   matches; hit is the one shown last */
	struct search_index *six;
	struct search_query q;
	bool have_q, searched;
	bool cut_short;		/* the search ran out of time */
	/* A redraw highlights matches of a regular expression until
	   hl_until (READER_HL_MS), then no more: hl_cut */
	struct deadline hl_until;
	bool hl_cut;
	char *query, *prev_query;
	struct search_hit *hits;
	size_t nhits, hit, rsel, rtop;
	/* The hit shown when the prompt opened, and the one to go on from
	   once the query before it is back (hits are found again) */
	size_t prev_hit, resume_hit;
	/* Reading state of this edition */
	struct reading_state state;
	char *state_file;
	struct place saved;	/* the place last written */
	/* The prompt on the status line */
	enum prompt prompting;
	struct buf input;
	char msg[200];
	bool quit;
};

static void drop_query(struct reader *rd);

/*
 * What one redraw may spend highlighting the matches of a regular
 * expression: each line has SEARCH_RE_LINE_MS, but 60 lines of 200
 * cells at that would take 3 s a key.
 */
#define READER_HL_MS 200
#define HL_CUT_SAID " \u00b7 not every match highlighted: too slow"

/* How each element is drawn: the theme and folio.ini's colours, or
   attributes alone without colour. */
static attr_t el_attrs[EL_COUNT];

static volatile sig_atomic_t got_signal;
static struct termios saved_tio;
static bool have_tio;
static char crash_reset[64];
static size_t crash_reset_len;

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* A crash: put the terminal back as well as a signal handler may, then
   die of the signal as before. */
static void
on_crash(int sig)
{
	if (have_tio)
		tcsetattr(STDOUT_FILENO, TCSANOW, &saved_tio);
	if (crash_reset_len &&
	    write(STDOUT_FILENO, crash_reset, crash_reset_len) < 0)
		crash_reset_len = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

/* What a crash handler writes: leave the alternate screen, show the
   cursor, plain attributes.  Taken from terminfo now, while it is safe. */
static void
prepare_crash_reset(void)
{
	const char *caps[] = { "rmcup", "cnorm", "sgr0" };
	size_t i;

	crash_reset_len = 0;
	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		const char *s = tigetstr((char *)caps[i]);
		size_t n;

		if (!s || s == (char *)-1)
			continue;
		n = strlen(s);
		if (crash_reset_len + n >= sizeof(crash_reset))
			break;
		memcpy(crash_reset + crash_reset_len, s, n);
		crash_reset_len += n;
	}
}

static void
say(struct reader *rd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
say(struct reader *rd, const char *fmt, ...)
{
	va_list ap;

	char *c;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(rd->msg, sizeof(rd->msg), fmt, ap);
	va_end(ap);
	/* It may quote a file name or an edition's words: shown clean,
	   cut at a character (cleaning may lengthen it). */
	c = text_clean(rd->msg, strlen(rd->msg));
	n = strlen(c);
	if (n >= sizeof(rd->msg)) {
		n = sizeof(rd->msg) - 1;
		while (n && ((unsigned char)c[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(rd->msg, c, n);
	rd->msg[n] = '\0';
	free(c);
}

static bool
too_small(void)
{
	return COLS < LAYOUT_MIN_W || LINES < LAYOUT_MIN_H;
}

static int
body_rows(void)
{
	return LINES - 2;
}

/* ---- layouts, laid out on demand for the current size ---- */

static void
drop_layouts(struct reader *rd)
{
	if (rd->pl_ok)
		page_layout_release(&rd->pl);
	rd->pl_ok = false;
	rd->pl_page = NONE;
	lines_release(&rd->art);
	lines_init(&rd->art);
	rd->art_article = NONE;
}

static void
ensure_page(struct reader *rd)
{
	if (rd->pl_ok && rd->pl_page == rd->at.page)
		return;
	if (rd->pl_ok)
		page_layout_release(&rd->pl);
	rd->o.width = COLS;
	rd->o.height = LINES;
	rd->pl_ok = layout_page(rd->ed, rd->at.page, &rd->o, &rd->pl) == 0;
	if (!rd->pl_ok)
		page_layout_release(&rd->pl);
	rd->pl_page = rd->at.page;
}

static void
ensure_article(struct reader *rd)
{
	struct layout_opts ao = rd->o;

	if (rd->art_article == rd->at.article)
		return;
	lines_release(&rd->art);
	lines_init(&rd->art);
	/* A comfortable measure, centred on a wide terminal. */
	rd->art_w = rd->st->article_width > 0 ? rd->st->article_width : 72;
	if (rd->art_w > COLS)
		rd->art_w = COLS;
	/* Centred only where the margin is worth its bytes on the wire. */
	rd->art_x = COLS >= 96 ? (COLS - rd->art_w) / 2 : 0;
	ao.width = rd->art_w;
	layout_article(rd->ed, rd->at.article, &ao, &rd->art);
	rd->art_article = rd->at.article;
}

/*
 * The line of ls that shows the anchor: the last line of the part's
 * block starting at or before the offset; the part's first line when the
 * anchor is the head.  NONE when the part is not there.
 */
static size_t
find_anchor(const struct lines *ls, const struct place *p)
{
	size_t i, best = NONE;

	for (i = 0; i < ls->n; i++) {
		const struct line *l = &ls->v[i];

		if (l->part != p->apart ||
		    (p->apart == NONE && l->block != p->block))
			continue;
		if (best == NONE)
			best = i;
		if (p->at_top || p->block == NONE)
			break;
		if (l->block == p->block && l->offset <= p->offset)
			best = i;
	}
	return best;
}

/* The screen of the page view where line i is shown (or the first one
   after it, for a blank line between columns). */
static size_t
screen_of_line(const struct page_layout *pl, size_t i)
{
	size_t s, c;

	for (s = 0; s < pl->nscreens; s++)
		for (c = 0; c < (size_t)pl->ncols; c++) {
			size_t k = s * (size_t)pl->ncols + c;

			if (i < pl->col_first[k] + pl->col_len[k])
				return s;
		}
	return pl->nscreens ? pl->nscreens - 1 : 0;
}

/* The first line shown on screen s of the page view, or NONE. */
static const struct line *
first_shown(const struct page_layout *pl, size_t s)
{
	size_t c;

	for (c = 0; c < (size_t)pl->ncols; c++) {
		size_t k = s * (size_t)pl->ncols + c;

		if (pl->col_len[k])
			return &pl->lines.v[pl->col_first[k]];
	}
	return NULL;
}

/* Is part shown on screen s? */
static bool
part_on_screen(const struct page_layout *pl, size_t s, size_t part)
{
	size_t c, i;

	for (c = 0; c < (size_t)pl->ncols; c++) {
		size_t k = s * (size_t)pl->ncols + c;

		for (i = 0; i < pl->col_len[k]; i++)
			if (pl->lines.v[pl->col_first[k] + i].part == part)
				return true;
	}
	return false;
}

/* Set the anchor from what is shown now. */
static void
anchor_from_view(struct reader *rd)
{
	const struct line *l = NULL;

	if (rd->at.scr == SCR_PAGE && rd->pl_ok)
		l = first_shown(&rd->pl, rd->shown);
	else if (rd->at.scr == SCR_ARTICLE && rd->top < rd->art.n)
		l = &rd->art.v[rd->top];
	if (!l)
		return;
	if (rd->at.scr == SCR_ARTICLE)
		rd->at.part = l->part;
	rd->at.apart = l->part;
	rd->at.block = l->block;
	rd->at.offset = l->offset;
	rd->at.at_top = l->block == NONE;
}

/* Page view: keep the current part one that is shown. */
static void
follow_view(struct reader *rd)
{
	const struct page_layout *pl = &rd->pl;
	size_t c, i;

	if (!rd->pl_ok || (rd->at.part != NONE &&
			   part_on_screen(pl, rd->shown, rd->at.part)))
		return;
	for (c = 0; c < (size_t)pl->ncols; c++) {
		size_t k = rd->shown * (size_t)pl->ncols + c;

		for (i = 0; i < pl->col_len[k]; i++) {
			size_t p = pl->lines.v[pl->col_first[k] + i].part;

			if (p != NONE) {
				rd->at.part = p;
				return;
			}
		}
	}
}

/* Show the anchor after a new layout or a move. */
static void
view_from_anchor(struct reader *rd)
{
	size_t i;

	if (rd->at.scr == SCR_PAGE) {
		ensure_page(rd);
		rd->shown = 0;
		if (!rd->pl_ok)
			return;
		if ((i = find_anchor(&rd->pl.lines, &rd->at)) != NONE)
			rd->shown = screen_of_line(&rd->pl, i);
		follow_view(rd);
	} else if (rd->at.scr == SCR_ARTICLE) {
		ensure_article(rd);
		i = find_anchor(&rd->art, &rd->at);
		/* The article's first part: from the top, seam included. */
		if (i == NONE || (rd->at.at_top && rd->at.apart != NONE &&
				  rd->ed->parts[rd->at.apart].seq == 0))
			i = 0;
		rd->top = i;
	}
}

/* ---- history and moves ---- */

static void
hist_push(struct reader *rd)
{
	VEC_RESERVE(rd->hist, rd->hcap, rd->hcur + 2);
	rd->hist[rd->hcur] = rd->at;
	rd->hcur++;
	rd->nhist = rd->hcur + 1;
}

/* Move to place p; a move worth returning from is kept in history. */
static void
go(struct reader *rd, struct place p, bool record)
{
	if (rd->at.scr == SCR_PAGE || rd->at.scr == SCR_ARTICLE)
		anchor_from_view(rd);
	if (record && (rd->at.scr == SCR_PAGE || rd->at.scr == SCR_ARTICLE))
		hist_push(rd);
	rd->at = p;
	if (rd->nhist <= rd->hcur)
		rd->nhist = rd->hcur + 1;
	VEC_RESERVE(rd->hist, rd->hcap, rd->hcur + 1);
	rd->hist[rd->hcur] = p;
	view_from_anchor(rd);
}

static struct place
page_place(size_t page, size_t part)
{
	struct place p;

	memset(&p, 0, sizeof(p));
	p.scr = SCR_PAGE;
	p.page = page;
	p.part = part;
	p.apart = part;
	p.article = NONE;
	p.block = NONE;
	p.at_top = true;
	return p;
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
	go(rd, page_place(page, part != NONE ? part :
			  first_part(rd->ed, page)), true);
}

static void
go_article(struct reader *rd, size_t part)
{
	struct place p = page_place(rd->ed->parts[part].page, part);

	if (rd->at.scr == SCR_PAGE) {		/* q comes back here */
		anchor_from_view(rd);
		rd->ret = rd->at;
	}
	p.scr = SCR_ARTICLE;
	p.article = rd->ed->parts[part].article;
	if (!state_was_read(&rd->state, rd->ed->articles[p.article].id)) {
		state_mark_read(&rd->state, rd->ed->articles[p.article].id);
		rd->saved.scr = SCR_HELP;	/* something new to write */
	}
	go(rd, p, true);
}

static void
history(struct reader *rd, int dir)
{
	if (dir < 0 ? rd->hcur == 0 : rd->hcur + 1 >= rd->nhist) {
		say(rd, dir < 0 ? "nothing further back" :
				  "nothing further forward");
		return;
	}
	anchor_from_view(rd);
	rd->hist[rd->hcur] = rd->at;
	rd->hcur = dir < 0 ? rd->hcur - 1 : rd->hcur + 1;
	rd->at = rd->hist[rd->hcur];
	view_from_anchor(rd);
}

/* Open an overlay (contents, help); q comes back here. */
static void
open_overlay(struct reader *rd, enum scr s)
{
	if (rd->at.scr == SCR_PAGE || rd->at.scr == SCR_ARTICLE) {
		anchor_from_view(rd);
		if (rd->at.scr == SCR_ARTICLE)
			rd->aret = rd->ret;	/* its page view */
		rd->ret = rd->at;
	}
	rd->at.scr = s;
}

static void
close_overlay(struct reader *rd)
{
	rd->at = rd->ret;
	/* Back in an article: q takes it back to its page view again. */
	if (rd->at.scr == SCR_ARTICLE)
		rd->ret = rd->aret;
	view_from_anchor(rd);
}

/* ---- following jumps ---- */

/* Part p's jump onward (dir > 0) or back: its label as printed, or NULL;
   the page it names in *page (NONE: not in this edition). */
static const char *
jump_of(const struct part *p, int dir, size_t *page)
{
	*page = dir > 0 ? p->jump_page : p->from_page;
	return dir > 0 ? p->jump : p->from;
}

/* Go where the current part's article continues (dir > 0) or came from. */
static void
follow(struct reader *rd, int dir)
{
	const struct part *p;
	size_t to, page;
	const char *label;

	if (rd->at.part == NONE) {
		say(rd, "no article here");
		return;
	}
	p = &rd->ed->parts[rd->at.part];
	to = dir > 0 ? p->next : p->prev;
	label = jump_of(p, dir, &page);
	if (rd->at.scr == SCR_ARTICLE && to != NONE) {
		struct place pl = rd->at;

		pl.part = pl.apart = to;
		pl.block = NONE;
		pl.at_top = true;
		go(rd, pl, true);
	} else if (to != NONE) {
		go_page(rd, rd->ed->parts[to].page, to);
	} else if (page != NONE) {
		go_page(rd, page, NONE);
	} else if (label) {
		say(rd, "page %s is not in this edition", label);
	} else {
		say(rd, dir > 0 ? "the article does not continue" :
				  "the article starts here");
	}
}

/*
 * The article view has no part after (dir > 0) or before the current
 * one: say so, or that the page its jump names is not in this edition.
 */
static void
no_more_parts(struct reader *rd, size_t cur, int dir)
{
	size_t page = NONE;
	const char *label = cur != NONE ?
			    jump_of(&rd->ed->parts[cur], dir, &page) : NULL;

	if (label && page == NONE)
		say(rd, "page %s is not in this edition", label);
	else
		say(rd, dir > 0 ? "this is the last part" :
				  "this is the first part");
}

/* ---- contents ---- */

static void
build_contents(struct reader *rd)
{
	const struct edition *ed = rd->ed;
	size_t p, i, n = 0;

	free(rd->cv);
	rd->cv = xcalloc(ed->npages + ed->nparts, sizeof(*rd->cv));
	for (p = 0; p < ed->npages; p++) {
		const struct page *pg = &ed->pages[p];

		rd->cv[n].page = p;
		rd->cv[n++].part = NONE;
		for (i = 0; i < pg->nitems; i++) {
			const struct page_item *it =
				&ed->items[pg->first_item + i];

			if (it->kind != ITEM_PART)
				continue;
			rd->cv[n].page = p;
			rd->cv[n++].part = it->index;
		}
	}
	rd->cn = n;
}

static void
open_contents(struct reader *rd)
{
	size_t i;

	open_overlay(rd, SCR_CONTENTS);
	rd->sel = 0;
	for (i = 0; i < rd->cn; i++)
		if (rd->cv[i].page == rd->ret.page &&
		    (rd->cv[i].part == rd->ret.part ||
		     rd->cv[i].part == NONE)) {
			rd->sel = i;
			if (rd->cv[i].part == rd->ret.part)
				break;
		}
}

/* ---- reading state and bookmarks ---- */

/* The state of the place: what survives the program (store.h). */
static void
place_to_state(const struct reader *rd, const struct place *p,
	       struct reading_state *s)
{
	const struct edition *ed = rd->ed;
	size_t part = p->apart != NONE ? p->apart : p->part;

	free(s->page);
	free(s->article);
	s->page = xstrdup(ed->pages[p->scr == SCR_ARTICLE && part != NONE ?
				     ed->parts[part].page : p->page].label);
	s->article = part != NONE ?
		     xstrdup(ed->articles[ed->parts[part].article].id) : NULL;
	s->seq = part != NONE ? (unsigned)ed->parts[part].seq : 0;
	s->in_article = p->scr == SCR_ARTICLE;
	s->block = -1;
	s->offset = 0;
	if (part != NONE && p->block != NONE && !p->at_top &&
	    p->block >= ed->parts[part].first_block &&
	    p->block < ed->parts[part].first_block + ed->parts[part].nblocks) {
		s->block = (long)(p->block - ed->parts[part].first_block);
		s->offset = p->offset;
	}
}

/* The place a saved state names, if it is in this edition. */
static bool
state_to_place(const struct reader *rd, const struct reading_state *s,
	       struct place *p)
{
	const struct edition *ed = rd->ed;
	size_t pg = s->page ? edition_page_by_label(ed, s->page) : NONE;
	size_t a = s->article ? edition_article_by_id(ed, s->article) : NONE;
	size_t part = NONE;

	if (pg == NONE)
		return false;
	if (a != NONE && s->seq < ed->articles[a].nparts)
		part = ed->articles[a].parts[s->seq];
	memset(p, 0, sizeof(*p));
	p->scr = s->in_article && part != NONE ? SCR_ARTICLE : SCR_PAGE;
	p->page = part != NONE && p->scr == SCR_ARTICLE ?
		  ed->parts[part].page : pg;
	p->part = p->apart = part;
	p->article = part != NONE ? ed->parts[part].article : NONE;
	p->block = NONE;
	p->at_top = true;
	if (part != NONE && s->block >= 0 &&
	    (size_t)s->block < ed->parts[part].nblocks) {
		p->block = ed->parts[part].first_block + (size_t)s->block;
		p->offset = s->offset;
		p->at_top = false;
	}
	return true;
}

static bool
same_place(const struct place *a, const struct place *b)
{
	return a->scr == b->scr && a->page == b->page &&
	       a->apart == b->apart && a->block == b->block &&
	       a->offset == b->offset && a->at_top == b->at_top;
}

/*
 * Write where the reader is, when it moved since the last write.  Called
 * when the keyboard is idle, before quitting and on SIGHUP/SIGTERM/SIGINT.
 */
static void
save_state(struct reader *rd, bool force)
{
	struct buf err = BUF_INIT;
	struct place p = rd->at;

	if (!rd->state_file)
		return;
	if (p.scr != SCR_PAGE && p.scr != SCR_ARTICLE)
		p = rd->ret;
	if (!force && same_place(&p, &rd->saved))
		return;
	place_to_state(rd, &p, &rd->state);
	if (state_save(&rd->state, rd->state_file, rd->ed->title,
		       rd->ed->date, &err) != 0)
		say(rd, "the place is not saved: %s", buf_str(&err));
	else
		rd->saved = p;
	buf_release(&err);
}

/* Open the bookmarks store; a bad line is named in the status line. */
static void
open_store(struct reader *rd)
{
	char *path = store_path(true, "bookmarks");
	struct diags d;

	diags_init(&d, path);
	if (bookmarks_open(&rd->bm, path, &d) != 0 || d.n)
		say(rd, "%s:%u: %s%s", path, d.n ? d.v[0].line : 0,
		    d.n ? d.v[0].msg : "cannot be read",
		    d.n > 1 ? " (and more)" : "");
	diags_release(&d);
	free(path);
}

static void
retry_bookmarks(struct reader *rd)
{
	struct buf err = BUF_INIT;

	if (bookmarks_flush(&rd->bm, &err) == 0)
		say(rd, "the bookmarks are saved now");
	buf_release(&err);
}

/* Load this edition's state; a warning names a bad line. */
static void
load_state(struct reader *rd)
{
	struct diags d;

	free(rd->state_file);
	state_release(&rd->state);
	rd->state_file = state_path(rd->ed->title, rd->ed->date);
	diags_init(&d, rd->state_file);
	if (state_load(&rd->state, rd->state_file, &d) != 0 || d.n)
		say(rd, "%s: %s%s", rd->state_file,
		    d.n ? d.v[0].msg : "cannot be read",
		    d.n > 1 ? " (and more)" : "");
	diags_release(&d);
}

/* Rows of the bookmarks screen: those matching the filter. */
static void
filter_bookmarks(struct reader *rd)
{
	size_t i;
	const char *f = buf_str(&rd->filter);

	free(rd->bv);
	rd->bv = xcalloc(rd->bm.n ? rd->bm.n : 1, sizeof(*rd->bv));
	rd->bn = 0;
	for (i = 0; i < rd->bm.n; i++) {
		const struct bookmark *b = &rd->bm.v[i];

		if (!*f || strcasestr(b->headline, f) ||
		    strcasestr(b->title, f) || strcasestr(b->id, f) ||
		    strcasestr(b->page, f) || strcasestr(b->date, f))
			rd->bv[rd->bn++] = i;
	}
	if (rd->bsel >= rd->bn)
		rd->bsel = rd->bn ? rd->bn - 1 : 0;
}

static void
open_bookmarks(struct reader *rd)
{
	open_overlay(rd, SCR_BOOKMARKS);
	rd->bsel = rd->btop = 0;
	filter_bookmarks(rd);
}

/* The part a bookmark or a mark is about: the current one. */
static size_t
current_part(const struct reader *rd)
{
	if (rd->at.scr == SCR_ARTICLE)
		return rd->top < rd->art.n ? rd->art.v[rd->top].part
					   : rd->at.part;
	return rd->at.part;
}

static void
toggle_bookmark(struct reader *rd)
{
	const struct edition *ed = rd->ed;
	size_t part = current_part(rd), a;
	struct bookmark bm;
	struct buf err = BUF_INIT;
	bool had;

	if (part == NONE) {
		say(rd, "no article here to bookmark");
		return;
	}
	a = ed->parts[part].article;
	memset(&bm, 0, sizeof(bm));
	bm.title = (char *)ed->title;
	bm.date = (char *)ed->date;
	bm.id = (char *)ed->articles[a].id;
	bm.page = (char *)ed->pages[ed->parts[part].page].label;
	bm.headline = (char *)edition_part_headline(ed,
		ed->articles[a].start != NONE ? ed->articles[a].start : part);
	bm.source = (char *)(rd->st->origin ? rd->st->origin : "");
	had = bookmarks_find(&rd->bm, bm.title, bm.date, bm.id) != NONE;
	if (bookmarks_change(&rd->bm, had ? STORE_DELETE : STORE_ADD, &bm,
			     &err) != 0)
		say(rd, "%s, in memory only: %s", had ? "bookmark removed" :
		    "bookmarked", buf_str(&err));
	else
		say(rd, "%s: %s", had ? "bookmark removed" : "bookmarked",
		    bm.headline);
	buf_release(&err);
}

/* Put another edition in place of this one (a bookmark's). */
static void
switch_edition(struct reader *rd, struct edition *ed)
{
	save_state(rd, true);
	drop_layouts(rd);
	drop_query(rd);
	search_index_free(rd->six);
	rd->six = NULL;
	edition_free(rd->owned);
	rd->owned = ed;
	rd->ed = ed;
	build_contents(rd);
	rd->nhist = rd->hcur = 0;
	load_state(rd);
	rd->at = page_place(0, first_part(ed, 0));
	rd->saved = rd->at;
	VEC_RESERVE(rd->hist, rd->hcap, 1);
	rd->hist[0] = rd->at;
	rd->nhist = 1;
	view_from_anchor(rd);
}

/* Enter on a bookmark: its article, in this edition or its own. */
static void
open_bookmark(struct reader *rd, const struct bookmark *b)
{
	size_t a;

	if (strcmp(b->title, rd->ed->title) || strcmp(b->date, rd->ed->date)) {
		struct buf err = BUF_INIT;
		struct edition *ed = NULL;

		if (rd->st->load && *b->source)
			ed = rd->st->load(b->source, &err);
		if (!ed || strcmp(ed->title, b->title) ||
		    strcmp(ed->date, b->date)) {
			say(rd, "the edition \"%s\" of %s is not at \"%s\"%s%s",
			    b->title, b->date, b->source, err.len ? ": " : "",
			    buf_str(&err));
			edition_free(ed);
			buf_release(&err);
			return;
		}
		buf_release(&err);
		switch_edition(rd, ed);
	} else {
		close_overlay(rd);
	}
	a = edition_article_by_id(rd->ed, b->id);
	if (a == NONE) {
		say(rd, "no article \"%s\" in this edition", b->id);
		return;
	}
	go_article(rd, rd->ed->articles[a].parts[0]);
}

/* ---- search ---- */

/* The hits of the query: found again when next needed. */
static void
forget_hits(struct reader *rd)
{
	free(rd->hits);
	rd->hits = NULL;
	rd->nhits = 0;
	rd->hit = NONE;
	rd->resume_hit = NONE;
	rd->searched = false;
}

/* Use q (compiled from the prompt) for highlighting and going. */
static void
set_query(struct reader *rd, const char *text)
{
	struct search_query q;
	struct buf err = BUF_INIT;

	if (search_compile(&q, text, &err) != 0) {
		buf_release(&err);
		return;		/* the last good query stays */
	}
	if (rd->have_q)
		search_query_release(&rd->q);
	rd->q = q;
	rd->have_q = true;
	forget_hits(rd);
	free(rd->query);
	rd->query = xstrdup(text);
	buf_release(&err);
}

static void
drop_query(struct reader *rd)
{
	if (rd->have_q)
		search_query_release(&rd->q);
	rd->have_q = false;
	forget_hits(rd);
}

/* Run the query over the whole edition (folding it the first time). */
static void
run_search(struct reader *rd)
{
	if (rd->searched || !rd->have_q)
		return;
	if (!rd->six)
		rd->six = search_index_new(rd->ed);
	free(rd->hits);
	rd->hits = NULL;
	rd->nhits = search_run(rd->six, &rd->q, &rd->hits, &rd->cut_short);
	rd->hit = rd->resume_hit < rd->nhits ? rd->resume_hit : NONE;
	rd->resume_hit = NONE;
	rd->searched = true;
}

/* Show hit i: its page (or its article, from the article view). */
static void
go_hit(struct reader *rd, size_t i)
{
	const struct search_hit *h;
	struct place p;

	if (!rd->hits || i >= rd->nhits)
		return;
	h = &rd->hits[i];
	p = page_place(h->page, h->part);
	rd->hit = i;
	if (rd->at.scr == SCR_ARTICLE && h->part != NONE) {
		p.scr = SCR_ARTICLE;
		p.article = rd->ed->parts[h->part].article;
	}
	if (h->part == NONE)
		p.part = rd->at.part;
	p.apart = h->part;
	p.block = h->block;
	p.offset = h->start;
	p.at_top = h->block == NONE;
	if (rd->at.scr != SCR_PAGE && rd->at.scr != SCR_ARTICLE)
		rd->at = rd->ret;
	go(rd, p, true);
	if (rd->at.scr == SCR_PAGE && h->part != NONE)
		rd->at.part = h->part;
	say(rd, "match %zu/%zu%s: %s (%s)", i + 1, rd->nhits,
	    rd->cut_short ? "+" : "", rd->query, search_field_name(h->field));
}

/* The first hit at or after where the reader is. */
static size_t
hit_from_place(struct reader *rd)
{
	struct place p = rd->at;
	size_t seg, i;

	if (p.scr != SCR_PAGE && p.scr != SCR_ARTICLE)
		p = rd->ret;
	if (p.apart == NONE && p.block == NONE)
		seg = search_seg_of(rd->six, first_part(rd->ed, p.page),
				    NONE);
	else
		seg = search_seg_of(rd->six, p.apart,
				    p.at_top ? NONE : p.block);
	for (i = 0; rd->hits && i < rd->nhits; i++) {
		const struct search_hit *h = &rd->hits[i];

		if (h->seg > seg || (h->seg == seg &&
				     (p.at_top || h->start >= p.offset)))
			return i;
	}
	return NONE;
}

/* n and N: step through every match of the edition, wrapping. */
static void
step_hit(struct reader *rd, int dir)
{
	size_t i;

	if (!rd->have_q) {
		say(rd, "no search yet: / searches");
		return;
	}
	run_search(rd);
	if (!rd->nhits) {
		if (rd->cut_short)
			say(rd, "search stopped after %d s: too slow a "
			    "regular expression", SEARCH_RE_MS / 1000);
		else
			say(rd, "no match for \"%s\"", rd->query);
		return;
	}
	if (rd->hit == NONE) {
		i = hit_from_place(rd);
		if (dir < 0)
			i = i == NONE ? rd->nhits - 1 : i > 0 ? i - 1 : NONE;
	} else {
		i = dir > 0 ? rd->hit + 1 : rd->hit ? rd->hit - 1 : NONE;
	}
	if (i == NONE || i >= rd->nhits) {
		i = dir > 0 ? 0 : rd->nhits - 1;
		go_hit(rd, i);
		say(rd, "match %zu/%zu: %s (search wrapped to the %s)", i + 1,
		    rd->nhits, rd->query, dir > 0 ? "top" : "bottom");
		return;
	}
	go_hit(rd, i);
}

static void
open_results(struct reader *rd)
{
	if (!rd->have_q) {
		say(rd, "no search yet: / searches");
		return;
	}
	run_search(rd);
	open_overlay(rd, SCR_RESULTS);
	rd->rsel = rd->hit != NONE ? rd->hit : 0;
	rd->rtop = 0;
}

/* ---- drawing ---- */

static attr_t
cell_attr(const struct reader *rd, uint32_t style)
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
/* Whether this redraw may still highlight matches (see READER_HL_MS). */
static bool
highlight_left(struct reader *rd)
{
	if (rd->q.regex && !rd->hl_cut && deadline_passed(&rd->hl_until))
		rd->hl_cut = true;
	return !rd->hl_cut;
}

static void
draw_line(struct reader *rd, int y, int x, const struct line *l,
	  int width, attr_t extra)
{
	uint32_t pos = 0, r;
	int w;
	size_t n = text_fit(l->text, l->len, width, &w);

	switch (l->role) {	/* the element's colour under the styles */
	case ROLE_HEADLINE:
		extra |= el_attrs[EL_HEADLINE];
		break;
	case ROLE_KICKER:
		extra |= el_attrs[EL_KICKER];
		break;
	case ROLE_BYLINE:
		extra |= el_attrs[EL_BYLINE];
		break;
	case ROLE_PHOTO:
		extra |= el_attrs[EL_CAPTION];
		break;
	case ROLE_JUMP:
		extra |= el_attrs[EL_JUMP];
		break;
	default:
		break;
	}

	move(y, x);
	for (r = 0; r <= l->nruns && pos < n; r++) {
		uint32_t start = r < l->nruns ? l->runs[r].start : (uint32_t)n;
		uint32_t end;

		if (start > n)
			start = (uint32_t)n;
		if (start > pos) {
			attrset(extra);
			addnstr(l->text + pos, (int)(start - pos));
			pos = start;
		}
		if (r == l->nruns || pos >= n)
			break;
		end = l->runs[r].start + l->runs[r].len;
		if (end > n)
			end = (uint32_t)n;
		if (end > pos) {
			attrset(cell_attr(rd, l->runs[r].style) | extra);
			addnstr(l->text + pos, (int)(end - pos));
			pos = end;
		}
	}
	/* Matches of the search, as it is typed, over what was drawn. */
	if (rd->have_q && (rd->at.scr == SCR_PAGE ||
			   rd->at.scr == SCR_ARTICLE) && highlight_left(rd)) {
		uint32_t st[16], en[16];
		bool stopped = false;
		size_t k = search_text(&rd->q, l->text, n, st, en, 16,
				       &stopped);
		size_t i;

		rd->hl_cut |= stopped;
		attrset(el_attrs[EL_HIGHLIGHT]);
		for (i = 0; i < k; i++)
			mvaddnstr(y, x + text_width(l->text, st[i]),
				  l->text + st[i], (int)(en[i] - st[i]));
	}
	attrset(A_NORMAL);
}

/* A bar (header or status): s left, hint right when it fits. */
static void
draw_bar(int y, const char *s, const char *hint)
{
	int w, hw = hint ? text_width(hint, strlen(hint)) : 0;
	size_t len = strlen(s), n = text_fit(s, len, COLS, &w);

	attrset(el_attrs[EL_STATUS]);
	if (n < len && COLS > 1) {
		/* Cut: say so at the end. */
		n = text_fit(s, len, COLS - 1, &w);
		mvaddnstr(y, 0, s, (int)n);
		addstr(text_env_utf8() ? "\u2026" : "~");
		w++;
		hint = NULL;
	} else {
		mvaddnstr(y, 0, s, (int)n);
	}
	if (hint && w + 2 + hw <= COLS) {
		for (; w < COLS - hw; w++)
			addch(' ');
		addstr(hint);
		w += hw;
	}
	for (; w < COLS; w++)
		addch(' ');
	attrset(A_NORMAL);
}

static void
draw_page(struct reader *rd)
{
	const struct page_layout *pl = &rd->pl;
	struct buf b = BUF_INIT;
	int c, r;

	layout_header(rd->ed, rd->at.page, COLS, rd->o.ascii, &b);
	draw_bar(0, b.s, NULL);
	for (c = 0; c < pl->ncols; c++) {
		size_t k = rd->shown * (size_t)pl->ncols + (size_t)c;
		int x = c * (pl->colw + pl->gutter);

		if (c) {
			/* A plain UTF-8 rule, no attribute: 3 bytes a row
			   where a dim ACS line costs 18 on the wire. */
			int rx = x - pl->gutter + (pl->gutter - 1) / 2;

			if (rd->o.ascii) {
				mvvline(pl->body_top, rx, '|', pl->body_rows);
			} else {
				cchar_t rule;

				setcchar(&rule, L"\u2502", A_NORMAL, 0, NULL);
				mvvline_set(pl->body_top, rx, &rule,
					    pl->body_rows);
			}
		}
		for (r = 0; r < pl->body_rows && (size_t)r < pl->col_len[k];
		     r++) {
			const struct line *l =
				&pl->lines.v[pl->col_first[k] + (size_t)r];
			attr_t extra = l->part == rd->at.part &&
				       l->part != NONE &&
				       l->role == ROLE_HEADLINE ?
				       el_attrs[EL_HIGHLIGHT] : 0;

			draw_line(rd, pl->body_top + r, x, l, pl->colw, extra);
		}
	}
	buf_release(&b);
}

static void
draw_article(struct reader *rd)
{
	const struct edition *ed = rd->ed;
	const struct article *a = &ed->articles[rd->at.article];
	struct buf b = BUF_INIT;
	int r;

	buf_addf(&b, "%s \u00b7 article: %s", ed->title,
		 edition_part_headline(ed, a->start != NONE ? a->start
							    : a->parts[0]));
	draw_bar(0, b.s, NULL);
	for (r = 0; r < body_rows() && rd->top + (size_t)r < rd->art.n; r++)
		draw_line(rd, 1 + r, rd->art_x, &rd->art.v[rd->top + (size_t)r],
			  rd->art_w, 0);
	buf_release(&b);
}

/* One row of a list screen: its text into b, its attributes into *a. */
typedef void row_fn(struct reader *rd, size_t i, struct buf *b, attr_t *a);

/*
 * A list screen (contents, search results, bookmarks): the title bar,
 * then the rows that fit, scrolled so that the selected one (reversed)
 * shows; empty is said when there is no row.
 */
static void
draw_list(struct reader *rd, const char *title, size_t n, size_t sel,
	  size_t *top, row_fn *row, const char *empty)
{
	struct buf b = BUF_INIT;
	size_t h = (size_t)body_rows(), r;

	if (sel < *top)
		*top = sel;
	if (sel >= *top + h)
		*top = sel - h + 1;
	draw_bar(0, title, NULL);
	if (!n && empty)
		mvaddnstr(2, 2, empty, COLS - 2);
	for (r = 0; r < h && *top + r < n; r++) {
		attr_t a = *top + r == sel ? A_REVERSE : 0;
		size_t len;
		int w;

		buf_reset(&b);
		row(rd, *top + r, &b, &a);
		len = text_fit(buf_str(&b), b.len, COLS, &w);
		attrset(a);
		if (len < b.len && COLS > 1) {
			/* Cut: say so at the end. */
			len = text_fit(buf_str(&b), b.len, COLS - 1, &w);
			mvaddnstr(1 + (int)r, 0, buf_str(&b), (int)len);
			addstr(text_env_utf8() ? "\u2026" : "~");
			w++;
		} else {
			mvaddnstr(1 + (int)r, 0, buf_str(&b), (int)len);
		}
		for (; w < COLS && (a & A_REVERSE); w++)
			addch(' ');
		attrset(A_NORMAL);
	}
	buf_release(&b);
}

static void
contents_row(struct reader *rd, size_t i, struct buf *b, attr_t *a)
{
	const struct edition *ed = rd->ed;
	const struct centry *e = &rd->cv[i];
	const struct page *pg = &ed->pages[e->page];
	const struct part *p;
	struct buf notes = BUF_INIT;
	const char *head;
	size_t hlen;
	int room;
	bool read;

	if (e->part == NONE) {
		buf_addf(b, "Page %s%s%s", pg->label,
			 pg->section ? " \u00b7 " : "",
			 pg->section ? pg->section : "");
		*a |= A_BOLD;
		return;
	}
	p = &ed->parts[e->part];
	read = state_was_read(&rd->state, ed->articles[p->article].id);
	if (p->kind == PART_CONT && p->from)
		buf_addf(&notes, "  (cont. from %s)", p->from);
	if (p->jump)
		buf_addf(&notes, "  (cont. on %s)", p->jump);
	buf_addf(b, "  %s ", read ? (rd->o.ascii ? "*" : "\u2713") : " ");
	/* The jumps show whole: the headline gives way. */
	head = edition_part_headline(ed, e->part);
	hlen = strlen(head);
	room = COLS - 4 - text_width(buf_str(&notes), notes.len);
	if (notes.len && text_width(head, hlen) > room && room > 10) {
		hlen = text_fit(head, hlen, room - 1, NULL);
		while (hlen > 0 && head[hlen - 1] == ' ')
			hlen--;
		buf_add(b, head, hlen);
		buf_adds(b, text_env_utf8() ? "\u2026" : "~");
	} else {
		buf_adds(b, head);
	}
	buf_adds(b, buf_str(&notes));
	buf_release(&notes);
}

static void
draw_contents(struct reader *rd)
{
	struct buf t = BUF_INIT;

	/* A feed may have no date: no empty place for it. */
	buf_addf(&t, "%s \u00b7 %s%scontents", rd->ed->title, rd->ed->date,
		 *rd->ed->date ? " \u00b7 " : "");
	draw_list(rd, t.s, rd->cn, rd->sel, &rd->ctop, contents_row, NULL);
	buf_release(&t);
}

static void
draw_help(struct reader *rd)
{
	struct buf b = BUF_INIT;
	struct text_wrap_opts wo = { 0, 0, NULL, NULL, NULL, 0 };
	struct text_line *l;
	const char *help;
	size_t nl, i;
	int r = 0, a, indent;

	draw_bar(0, "folio \u00b7 keys", NULL);
	rd->help_all = true;
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		if ((size_t)(a - 1) < rd->htop)
			continue;
		buf_reset(&b);
		keymap_describe(&rd->keys, (enum action)a, &b);
		while (text_width(b.s, b.len) < 22)
			buf_addch(&b, ' ');
		buf_addf(&b, " %-13s ", action_name((enum action)a));
		/* The help under itself when it does not fit the line. */
		indent = 1 + text_width(b.s, b.len);
		help = action_help((enum action)a);
		wo.width = COLS - 1 - indent;
		if (wo.width < 12)
			wo.width = 1 << 20;	/* too narrow: cut */
		nl = text_wrap(help, strlen(help), &wo, &l);
		for (i = 0; i < nl || i == 0; i++) {
			if (r >= body_rows()) {
				rd->help_all = false;
				break;
			}
			if (i == 0)
				mvaddnstr(1 + r, 1, b.s, (int)text_fit(b.s,
					  b.len, COLS - 1, NULL));
			if (i < nl && indent < COLS)
				mvaddnstr(1 + r, indent, help + l[i].start,
					  (int)text_fit(help + l[i].start,
						l[i].end - l[i].start,
						COLS - indent, NULL));
			r++;
		}
		free(l);
		if (!rd->help_all)
			break;
	}
	buf_release(&b);
}

static void
draw_status(struct reader *rd)
{
	struct buf b = BUF_INIT;
	const char *hint = "? help  q quit";

	if (rd->prompting) {
		buf_addf(&b, "%s: %s_", rd->prompting == PROMPT_PAGE ?
			 "Go to page" : rd->prompting == PROMPT_SEARCH ?
			 "Search" : "Filter", buf_str(&rd->input));
		hint = "Enter go  Esc cancel";
	} else if (rd->msg[0]) {
		buf_adds(&b, rd->msg);
	} else if (rd->at.scr == SCR_PAGE && rd->pl_ok) {
		buf_addf(&b, "screen %zu/%zu", rd->shown + 1,
			 rd->pl.nscreens);
		if (rd->pending)
			buf_adds(&b, " \u00b7 the other pages are loading");
		if (rd->hl_cut)
			buf_adds(&b, HL_CUT_SAID);
		hint = "? help  Enter open  q quit";
	} else if (rd->at.scr == SCR_ARTICLE) {
		size_t n = rd->art.n, h = (size_t)body_rows();
		const struct line *l = rd->top < n ? &rd->art.v[rd->top] : NULL;

		buf_addf(&b, "page %s \u00b7 line %zu/%zu",
			 l && l->part != NONE ?
			 rd->ed->pages[rd->ed->parts[l->part].page].label :
			 "?", rd->top + 1, n);
		if (rd->top + h >= n)
			buf_adds(&b, " (end)");
		if (rd->hl_cut)
			buf_adds(&b, HL_CUT_SAID);
		hint = "? help  < > parts  q back";
	} else if (rd->at.scr == SCR_CONTENTS) {
		hint = "Enter go  q back";
	} else if (rd->at.scr == SCR_RESULTS) {
		hint = "Enter go  q back";
	} else if (rd->at.scr == SCR_NEWSSTAND) {
		hint = "Enter open  q back";
	} else if (rd->at.scr == SCR_BOOKMARKS) {
		if (rd->filter.len)
			buf_addf(&b, "filter: %s", rd->filter.s);
		hint = "Enter open  d delete  / filter  q back";
	} else {
		hint = "q back";
	}
	draw_bar(LINES - 1, buf_str(&b), hint);
	buf_release(&b);
}

/* The match in context first, then where it is. */
static void
result_row(struct reader *rd, size_t i, struct buf *b, attr_t *a)
{
	const struct search_hit *hit = &rd->hits[i];
	int cells = COLS - 6 < 60 ? COLS - 6 : 60;

	(void)a;
	buf_addf(b, "%-5s ", rd->ed->pages[hit->page].label);
	search_excerpt(search_seg_text(rd->six, hit->seg), hit->start,
		       hit->end, cells > 10 ? cells : 10, b);
	buf_addf(b, "  \u00b7 %s, %s", search_field_name(hit->field),
		 hit->part != NONE ? edition_part_headline(rd->ed, hit->part)
				   : "photo");
}

static void
draw_results(struct reader *rd)
{
	struct buf t = BUF_INIT;

	buf_addf(&t, "search \u00b7 %zu match%s for \"%s\"%s", rd->nhits,
		 rd->nhits == 1 ? "" : "es", rd->query,
		 rd->cut_short ? " (stopped: too slow)" : "");
	draw_list(rd, t.s, rd->nhits, rd->rsel, &rd->rtop, result_row,
		  "nothing matches");
	buf_release(&t);
}

static void
bookmark_row(struct reader *rd, size_t i, struct buf *b, attr_t *a)
{
	const struct bookmark *bk = &rd->bm.v[rd->bv[i]];

	(void)a;
	buf_addf(b, "%s%-10s %-5s %s \u00b7 %s", bk->unsaved ? "*" : " ",
		 bk->date, bk->page, bk->headline, bk->title);
}

static void
draw_bookmarks(struct reader *rd)
{
	struct buf t = BUF_INIT;

	buf_addf(&t, "bookmarks \u00b7 %zu", rd->bn);
	draw_list(rd, t.s, rd->bn, rd->bsel, &rd->btop, bookmark_row,
		  rd->bm.n ? "nothing matches the filter" :
		  "no bookmarks yet: m bookmarks the current article");
	buf_release(&t);
}

/* ---- the newsstand ---- */

static const struct edition *sorting_stand;

/* Newest first, then by headline. */
static int
offer_cmp(const void *x, const void *y)
{
	const struct part *a = &sorting_stand->parts[*(const size_t *)x];
	const struct part *b = &sorting_stand->parts[*(const size_t *)y];
	int c = strcmp(b->date ? b->date : "", a->date ? a->date : "");

	return c ? c : strcmp(edition_part_headline(sorting_stand,
			      *(const size_t *)x),
			      edition_part_headline(sorting_stand,
			      *(const size_t *)y));
}

/* If ed offers editions (a feed of editions), it is the newsstand. */
static void
find_offers(struct reader *rd, const struct edition *ed)
{
	size_t i;

	for (i = 0; i < ed->nparts; i++)
		if (ed->parts[i].kind == PART_START && ed->parts[i].edition_url) {
			VEC_RESERVE(rd->sv, rd->scap, rd->sn + 1);
			rd->sv[rd->sn++] = i;
		}
	if (!rd->sn)
		return;
	rd->stand = ed;
	sorting_stand = ed;
	qsort(rd->sv, rd->sn, sizeof(*rd->sv), offer_cmp);
	sorting_stand = NULL;
}

static void
offer_row(struct reader *rd, size_t i, struct buf *b, attr_t *a)
{
	const struct part *p = &rd->stand->parts[rd->sv[i]];

	(void)a;
	buf_addf(b, " %-10s  %s", p->date ? p->date : "",
		 edition_part_headline(rd->stand, rd->sv[i]));
}

static void
draw_newsstand(struct reader *rd)
{
	struct buf t = BUF_INIT;

	buf_addf(&t, "newsstand \u00b7 %s \u00b7 %zu edition%s",
		 rd->stand->title, rd->sn, rd->sn == 1 ? "" : "s");
	draw_list(rd, t.s, rd->sn, rd->ssel, &rd->stop, offer_row, NULL);
	buf_release(&t);
}

static void
open_newsstand(struct reader *rd)
{
	if (!rd->stand) {
		say(rd, "no newsstand: this edition did not come from a feed "
		    "of editions");
		return;
	}
	open_overlay(rd, SCR_NEWSSTAND);
}

static void draw(struct reader *rd);

/* Enter on an offer: fetch (or read) that edition and open it. */
static void
open_offer(struct reader *rd)
{
	const struct part *p;
	struct buf err = BUF_INIT;
	struct edition *ed = NULL;

	if (rd->ssel >= rd->sn)
		return;
	p = &rd->stand->parts[rd->sv[rd->ssel]];
	say(rd, "opening %s\u2026", p->edition_url);
	draw(rd);
	if (rd->st->load)
		ed = rd->st->load(p->edition_url, &err);
	if (!ed) {
		say(rd, "cannot open %s%s%s", p->edition_url,
		    err.len ? ": " : "", buf_str(&err));
		buf_release(&err);
		return;
	}
	buf_release(&err);
	switch_edition(rd, ed);
}

static void
draw(struct reader *rd)
{
	werase(stdscr);
	deadline_start(&rd->hl_until, READER_HL_MS);
	rd->hl_cut = false;
	if (too_small()) {
		char m[64];

		snprintf(m, sizeof(m), "too small (%dx%d; need %dx%d)", COLS,
			 LINES, LAYOUT_MIN_W, LAYOUT_MIN_H);
		/* Not in a lone column: ncurses 6.4 reads past its line
		   when the only cell is written. */
		if (COLS > 1)
			mvaddnstr(0, 0, m, COLS);
	} else {
		switch (rd->at.scr) {
		case SCR_PAGE:
			if (rd->pl_ok)
				draw_page(rd);
			break;
		case SCR_ARTICLE:
			draw_article(rd);
			break;
		case SCR_CONTENTS:
			draw_contents(rd);
			break;
		case SCR_HELP:
			draw_help(rd);
			break;
		case SCR_BOOKMARKS:
			draw_bookmarks(rd);
			break;
		case SCR_NEWSSTAND:
			draw_newsstand(rd);
			break;
		case SCR_RESULTS:
			draw_results(rd);
			break;
		}
		draw_status(rd);
	}
	wnoutrefresh(stdscr);
	doupdate();
	rd->msg[0] = '\0';
}

/* ---- keys, screen by screen ---- */

/* The part after (dir > 0) or before the current one on its page. */
static size_t
step_part(const struct reader *rd, int dir)
{
	const struct edition *ed = rd->ed;
	const struct page *p = &ed->pages[rd->at.page];
	size_t i, prev = NONE;
	bool found = false;

	for (i = 0; i < p->nitems; i++) {
		const struct page_item *it = &ed->items[p->first_item + i];

		if (it->kind != ITEM_PART)
			continue;
		if (found && dir > 0)
			return it->index;
		if (it->index == rd->at.part) {
			if (dir < 0)
				return prev;
			found = true;
		}
		prev = it->index;
	}
	return NONE;
}

static void
page_key(struct reader *rd, enum action a)
{
	size_t n = rd->pl_ok ? rd->pl.nscreens : 1, p;

	switch (a) {
	case ACT_NEXT_SCREEN:
		if (rd->shown + 1 < n) {
			rd->shown++;
			follow_view(rd);
		} else if (rd->at.page + 1 < rd->ed->npages) {
			go_page(rd, rd->at.page + 1, NONE);
		} else {
			say(rd, "end of the edition");
		}
		break;
	case ACT_PREV_SCREEN:
		if (rd->shown > 0) {
			rd->shown--;
			follow_view(rd);
		} else if (rd->at.page > 0) {
			go_page(rd, rd->at.page - 1, NONE);
			rd->shown = rd->pl_ok ? rd->pl.nscreens - 1 : 0;
			follow_view(rd);
		} else {
			say(rd, "first page");
		}
		break;
	case ACT_TOP:
		rd->shown = 0;
		follow_view(rd);
		break;
	case ACT_BOTTOM:
		rd->shown = n - 1;
		follow_view(rd);
		break;
	case ACT_NEXT_PAGE:
		if (rd->at.page + 1 < rd->ed->npages)
			go_page(rd, rd->at.page + 1, NONE);
		else
			say(rd, "last page");
		break;
	case ACT_PREV_PAGE:
		if (rd->at.page > 0)
			go_page(rd, rd->at.page - 1, NONE);
		else
			say(rd, "first page");
		break;
	case ACT_LINE_DOWN:
	case ACT_NEXT_PART:
	case ACT_LINE_UP:
	case ACT_PREV_PART:
		p = step_part(rd, a == ACT_LINE_DOWN || a == ACT_NEXT_PART ?
				  1 : -1);
		if (p == NONE) {
			say(rd, "no more articles on this page");
			break;
		}
		rd->at.part = p;
		if (rd->pl_ok && !part_on_screen(&rd->pl, rd->shown, p)) {
			struct place at = rd->at;

			at.apart = p;
			at.block = NONE;
			at.at_top = true;
			rd->shown = screen_of_line(&rd->pl,
						   find_anchor(&rd->pl.lines,
							       &at));
		}
		break;
	case ACT_OPEN:
		if (rd->at.part != NONE)
			go_article(rd, rd->at.part);
		else
			say(rd, "no article here");
		break;
	case ACT_QUIT_SCREEN:
		rd->quit = true;
		break;
	default:
		break;
	}
}

static void
article_key(struct reader *rd, enum action a)
{
	size_t h = (size_t)body_rows(), i, cur;
	size_t max = rd->art.n > h ? rd->art.n - h : 0;

	cur = rd->top < rd->art.n ? rd->art.v[rd->top].part : NONE;
	switch (a) {
	case ACT_LINE_DOWN:
		if (rd->top < max)
			rd->top++;
		else
			say(rd, "end of the article");
		break;
	case ACT_LINE_UP:
		if (rd->top)
			rd->top--;
		break;
	case ACT_NEXT_SCREEN:
		if (rd->top >= max)
			say(rd, "end of the article");
		rd->top = rd->top + h < max ? rd->top + h : max;
		break;
	case ACT_PREV_SCREEN:
		rd->top = rd->top > h ? rd->top - h : 0;
		break;
	case ACT_TOP:
		rd->top = 0;
		break;
	case ACT_BOTTOM:
		rd->top = max;
		break;
	case ACT_NEXT_PART:
	case ACT_FOLLOW_NEXT:
		for (i = rd->top; i < rd->art.n; i++)
			if (rd->art.v[i].part != cur &&
			    rd->art.v[i].role == ROLE_SEAM)
				break;
		if (i < rd->art.n) {
			struct place p = rd->at;

			p.part = p.apart = rd->art.v[i].part;
			p.block = NONE;
			p.at_top = true;
			go(rd, p, a == ACT_FOLLOW_NEXT);
		} else {
			no_more_parts(rd, cur, 1);
		}
		break;
	case ACT_PREV_PART:
	case ACT_FOLLOW_PREV:
		if (cur != NONE && rd->ed->parts[cur].prev != NONE) {
			struct place p = rd->at;

			p.part = p.apart = rd->ed->parts[cur].prev;
			p.block = NONE;
			p.at_top = true;
			go(rd, p, a == ACT_FOLLOW_PREV);
		} else {
			no_more_parts(rd, cur, -1);
		}
		break;
	case ACT_NEXT_PAGE:
	case ACT_PREV_PAGE:
		/* To the page view, next to the page being read. */
		if (cur != NONE) {
			size_t pg = rd->ed->parts[cur].page;

			if (a == ACT_NEXT_PAGE && pg + 1 < rd->ed->npages)
				go_page(rd, pg + 1, NONE);
			else if (a == ACT_PREV_PAGE && pg > 0)
				go_page(rd, pg - 1, NONE);
		}
		break;
	case ACT_QUIT_SCREEN:
		/* Back to the page view it was opened from. */
		go(rd, rd->ret, true);
		break;
	default:
		break;
	}
}

/*
 * Move the selection sel of a list of n rows by a: the keys the contents,
 * the results and the bookmarks share.  Returns whether a was one.
 */
static bool
list_move(size_t *sel, size_t n, enum action a)
{
	size_t h = (size_t)body_rows();

	switch (a) {
	case ACT_LINE_DOWN:
	case ACT_NEXT_PART:
	case ACT_NEXT_MATCH:
		if (*sel + 1 < n)
			(*sel)++;
		return true;
	case ACT_LINE_UP:
	case ACT_PREV_PART:
	case ACT_PREV_MATCH:
		if (*sel)
			(*sel)--;
		return true;
	case ACT_NEXT_SCREEN:
		*sel = *sel + h < n ? *sel + h : n ? n - 1 : 0;
		return true;
	case ACT_PREV_SCREEN:
		*sel = *sel > h ? *sel - h : 0;
		return true;
	case ACT_TOP:
		*sel = 0;
		return true;
	case ACT_BOTTOM:
		*sel = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

static void
contents_key(struct reader *rd, enum action a)
{
	if (list_move(&rd->sel, rd->cn, a))
		return;
	switch (a) {
	case ACT_OPEN:
		if (rd->sel < rd->cn) {
			const struct centry *e = &rd->cv[rd->sel];

			rd->at = rd->ret;
			go_page(rd, e->page, e->part);
		}
		break;
	case ACT_QUIT_SCREEN:
		close_overlay(rd);
		break;
	default:
		break;
	}
}

static void
results_key(struct reader *rd, enum action a)
{
	if (list_move(&rd->rsel, rd->nhits, a))
		return;
	if (a == ACT_OPEN && rd->rsel < rd->nhits)
		go_hit(rd, rd->rsel);
	else if (a == ACT_QUIT_SCREEN)
		close_overlay(rd);
}

static void
bookmarks_key(struct reader *rd, enum action a)
{
	struct buf err = BUF_INIT;

	if (a != ACT_NEXT_MATCH && a != ACT_PREV_MATCH &&
	    list_move(&rd->bsel, rd->bn, a))
		return;
	switch (a) {
	case ACT_OPEN:
		if (rd->bsel < rd->bn) {
			struct bookmark b = rd->bm.v[rd->bv[rd->bsel]];

			open_bookmark(rd, &b);
		}
		break;
	case ACT_DELETE:
		if (rd->bsel < rd->bn) {
			struct bookmark b = rd->bm.v[rd->bv[rd->bsel]];
			char *head = xstrdup(b.headline);

			if (bookmarks_change(&rd->bm, STORE_DELETE, &b,
					     &err) != 0)
				say(rd, "deleted in memory only: %s",
				    buf_str(&err));
			else
				say(rd, "deleted: %s", head);
			free(head);
			filter_bookmarks(rd);
		}
		break;
	case ACT_SEARCH:
		rd->prompting = PROMPT_FILTER;	/* empty: all of them */
		buf_reset(&rd->input);
		break;
	case ACT_QUIT_SCREEN:
		close_overlay(rd);
		break;
	default:
		break;
	}
	buf_release(&err);
}

static void
help_key(struct reader *rd, enum action a)
{
	if (a == ACT_LINE_DOWN || a == ACT_NEXT_SCREEN) {
		if (!rd->help_all)	/* the last key not shown yet */
			rd->htop++;
	} else if (a == ACT_LINE_UP || a == ACT_PREV_SCREEN) {
		if (rd->htop)
			rd->htop--;
	} else if (a == ACT_QUIT_SCREEN || a == ACT_HELP) {
		close_overlay(rd);
	}
}


/* Back to the query before the search prompt opened, or to none. */
static void
restore_query(struct reader *rd)
{
	if (rd->prev_query) {
		set_query(rd, rd->prev_query);
		rd->resume_hit = rd->prev_hit;	/* n goes on from it */
	} else {
		drop_query(rd);
	}
}

static void
prompt_key(struct reader *rd, int ch)
{
	enum prompt kind = rd->prompting;

	if (ch == 27 || ch == 7) {		/* Esc, Ctrl-G */
		rd->prompting = PROMPT_NONE;
		if (kind == PROMPT_SEARCH)
			restore_query(rd);
	} else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		rd->prompting = PROMPT_NONE;
		if (kind == PROMPT_SEARCH) {
			if (!rd->input.len) {
				open_results(rd);	/* empty: the list */
			} else {
				struct search_query q;
				struct buf err = BUF_INIT;

				if (search_compile(&q, rd->input.s,
						   &err) != 0) {
					/* Not the part of it that compiled
					   as it was typed. */
					say(rd, "%s", err.s);
					restore_query(rd);
				} else {
					search_query_release(&q);
					set_query(rd, rd->input.s);
					step_hit(rd, 1);
				}
				buf_release(&err);
			}
		} else if (kind == PROMPT_FILTER) {
			buf_reset(&rd->filter);
			buf_adds(&rd->filter, buf_str(&rd->input));
			filter_bookmarks(rd);
		} else {
			size_t p = edition_find_page(rd->ed, buf_str(&rd->input));

			if (p != NONE)
				go_page(rd, p, NONE);
			else if (rd->input.len)
				say(rd, "no page \"%s\" in this edition",
				    buf_str(&rd->input));
		}
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* A whole character off, not a byte. */
		while (rd->input.len &&
		       ((unsigned char)rd->input.s[rd->input.len - 1] &
			0xC0) == 0x80)
			buf_truncate(&rd->input, rd->input.len - 1);
		if (rd->input.len)
			buf_truncate(&rd->input, rd->input.len - 1);
	} else if (ch >= ' ' && ch < 256 && ch != 127 &&
		   rd->input.len < 200) {
		buf_addch(&rd->input, (char)ch);	/* UTF-8 bytes too */
	}
	/* Incremental: what is typed so far is highlighted on screen. */
	if (rd->prompting == PROMPT_SEARCH) {
		if (rd->input.len)
			set_query(rd, rd->input.s);
		else
			drop_query(rd);
	}
}

/* The folio key code (keymap.h) of a curses key. */
static int
folio_key(int ch)
{
	static const struct { int curses, folio; } map[] = {
		{ KEY_UP, FK_UP }, { KEY_DOWN, FK_DOWN },
		{ KEY_LEFT, FK_LEFT }, { KEY_RIGHT, FK_RIGHT },
		{ KEY_HOME, FK_HOME }, { KEY_END, FK_END },
		{ KEY_PPAGE, FK_PGUP }, { KEY_NPAGE, FK_PGDN },
		{ KEY_ENTER, FK_ENTER }, { '\r', FK_ENTER }, { '\n', FK_ENTER },
		{ '\t', FK_TAB }, { KEY_BTAB, FK_BTAB },
		{ KEY_BACKSPACE, FK_BACKSPACE }, { 127, FK_BACKSPACE },
		{ 8, FK_BACKSPACE }, { 27, FK_ESC }, { KEY_DC, FK_DELETE },
		{ KEY_IC, FK_INSERT },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (map[i].curses == ch)
			return map[i].folio;
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		return FK_F1 + (ch - KEY_F(1));
	return ch;
}

/* A click or the wheel.  Page view: a click on a headline opens it, on a
   jump line follows it, elsewhere makes its part current. */
static void
on_mouse(struct reader *rd)
{
	MEVENT ev;
	int dir;

	if (getmouse(&ev) != OK)
		return;
	dir = (ev.bstate & BUTTON4_PRESSED) ? -1 :
	      (ev.bstate & BUTTON5_PRESSED) ? 1 : 0;
	if (dir) {
		if (rd->at.scr == SCR_ARTICLE) {
			int i;

			for (i = 0; i < 3; i++)
				article_key(rd, dir > 0 ? ACT_LINE_DOWN
							: ACT_LINE_UP);
		} else if (rd->at.scr == SCR_PAGE) {
			page_key(rd, dir > 0 ? ACT_NEXT_SCREEN
					     : ACT_PREV_SCREEN);
		} else if (rd->at.scr == SCR_CONTENTS) {
			contents_key(rd, dir > 0 ? ACT_LINE_DOWN
						 : ACT_LINE_UP);
		}
		return;
	}
	if (!(ev.bstate & BUTTON1_PRESSED) || ev.y < 1 ||
	    ev.y > body_rows())
		return;
	if (rd->at.scr == SCR_PAGE && rd->pl_ok) {
		const struct page_layout *pl = &rd->pl;
		int c = ev.x / (pl->colw + pl->gutter), r = ev.y - 1;
		size_t k = rd->shown * (size_t)pl->ncols + (size_t)c;
		const struct line *l;

		if (c >= pl->ncols || (size_t)r >= pl->col_len[k])
			return;
		l = &pl->lines.v[pl->col_first[k] + (size_t)r];
		if (l->role == ROLE_JUMP && l->part != NONE) {
			rd->at.part = l->part;
			follow(rd, l->target == rd->ed->parts[l->part].next ?
				   1 : -1);
		} else if (l->part != NONE) {
			rd->at.part = l->part;
			if (l->role == ROLE_HEADLINE || l->role == ROLE_KICKER)
				go_article(rd, l->part);
		}
	} else if (rd->at.scr == SCR_CONTENTS) {
		size_t i = rd->ctop + (size_t)(ev.y - 1);

		if (i < rd->cn) {
			rd->sel = i;
			contents_key(rd, ACT_OPEN);
		}
	}
}

static void
on_key(struct reader *rd, int ch)
{
	enum action a;

	if (rd->prompting) {
		prompt_key(rd, ch);
		return;
	}
	if (ch == KEY_RESIZE) {
		/* The anchor is where the reader last moved to: taking it
		   from each intermediate size would drift. */
		drop_layouts(rd);
		if (!too_small())
			view_from_anchor(rd);
		return;
	}
	if (ch == KEY_MOUSE) {
		on_mouse(rd);
		return;
	}
	if (too_small()) {
		if (ch == 'q' || ch == 'Q')
			rd->quit = true;
		return;
	}
	if (ch == 27 && (rd->at.scr == SCR_CONTENTS ||
			 rd->at.scr == SCR_HELP ||
			 rd->at.scr == SCR_BOOKMARKS ||
			 rd->at.scr == SCR_NEWSSTAND ||
			 rd->at.scr == SCR_RESULTS)) {	/* Esc closes */
		close_overlay(rd);
		return;
	}
	a = keymap_action(&rd->keys, folio_key(ch));
	switch (a) {
	case ACT_QUIT:
		rd->quit = true;
		return;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	case ACT_BACK:
	case ACT_FORWARD:
		if (rd->at.scr != SCR_PAGE && rd->at.scr != SCR_ARTICLE)
			close_overlay(rd);
		history(rd, a == ACT_BACK ? -1 : 1);
		return;
	case ACT_HELP:
		if (rd->at.scr != SCR_HELP) {
			open_overlay(rd, SCR_HELP);
			rd->htop = 0;
			return;
		}
		break;
	case ACT_CONTENTS:
		if (rd->at.scr != SCR_CONTENTS) {
			open_contents(rd);
			return;
		}
		break;
	case ACT_GOTO_PAGE:
		rd->prompting = PROMPT_PAGE;
		buf_reset(&rd->input);
		return;
	case ACT_BOOKMARK:
		if (rd->at.scr == SCR_PAGE || rd->at.scr == SCR_ARTICLE) {
			toggle_bookmark(rd);
			return;
		}
		break;
	case ACT_BOOKMARKS:
		if (rd->at.scr != SCR_BOOKMARKS) {
			open_bookmarks(rd);
			return;
		}
		break;
	case ACT_SEARCH:
		if (rd->at.scr == SCR_BOOKMARKS)
			break;			/* there: filter */
		rd->prompting = PROMPT_SEARCH;
		free(rd->prev_query);
		rd->prev_query = rd->query ? xstrdup(rd->query) : NULL;
		rd->prev_hit = rd->have_q ? rd->hit : NONE;
		buf_reset(&rd->input);
		return;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (rd->at.scr == SCR_RESULTS)
			break;
		step_hit(rd, a == ACT_NEXT_MATCH ? 1 : -1);
		return;
	case ACT_RESULTS:
		if (rd->at.scr != SCR_RESULTS) {
			open_results(rd);
			return;
		}
		break;
	case ACT_NEWSSTAND:
		if (rd->at.scr != SCR_NEWSSTAND) {
			open_newsstand(rd);
			return;
		}
		break;
	case ACT_FOLLOW_NEXT:
	case ACT_FOLLOW_PREV:
		if (rd->at.scr == SCR_PAGE) {
			follow(rd, a == ACT_FOLLOW_NEXT ? 1 : -1);
			return;
		}
		break;
	case ACT_NONE:
		if (ch != ERR && ch != 27)
			say(rd, "no key %s here; ? shows the keys",
			    keyname(ch) ? keyname(ch) : "?");
		return;
	default:
		break;
	}
	switch (rd->at.scr) {
	case SCR_PAGE:
		page_key(rd, a);
		break;
	case SCR_ARTICLE:
		article_key(rd, a);
		break;
	case SCR_CONTENTS:
		contents_key(rd, a);
		break;
	case SCR_HELP:
		help_key(rd, a);
		break;
	case SCR_BOOKMARKS:
		bookmarks_key(rd, a);
		break;
	case SCR_NEWSSTAND:
		if (list_move(&rd->ssel, rd->sn, a))
			break;
		if (a == ACT_OPEN)
			open_offer(rd);
		else if (a == ACT_QUIT_SCREEN)
			close_overlay(rd);
		break;
	case SCR_RESULTS:
		results_key(rd, a);
		break;
	}
	if (rd->at.scr == SCR_PAGE || rd->at.scr == SCR_ARTICLE)
		anchor_from_view(rd);
}

/* ---- set-up and the loop ---- */

static void
setup_signals(void)
{
	struct sigaction sa;
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < ARRAY_SIZE(fatal); i++) {
		struct sigaction old;

		/* A sanitizer's handler stays: it reports better. */
		if (sigaction(fatal[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL)
			sigaction(fatal[i], &sa, NULL);
	}
}

/* Colour pairs from the settings; attributes alone without colour. */
static void
setup_colors(struct reader *rd, const struct reader_start *st)
{
	struct settings def;
	const struct settings *s = st->settings;
	int e;

	if (!s) {
		settings_init(&def);
		s = &def;
	}
	rd->color = has_colors() && !st->no_color &&
		    (s->color == COLOR_ALWAYS || s->color == COLOR_AUTO);
	if (rd->color) {
		start_color();
		use_default_colors();
	}
	for (e = 0; e < EL_COUNT; e++) {
		const struct color_spec *c = &s->colors[e];
		attr_t a = (c->bold ? A_BOLD : 0) |
			   (c->reverse ? A_REVERSE : 0);

		if (rd->color && (c->fg >= 0 || c->bg >= 0)) {
			short fg = c->fg < COLORS ? c->fg : c->fg % 8;
			short bg = c->bg < COLORS ? c->bg : c->bg % 8;

			init_pair((short)(e + 1), fg, bg);
			a |= COLOR_PAIR(e + 1);
		} else if (!rd->color && (e == EL_HIGHLIGHT ||
					  e == EL_STATUS)) {
			a |= A_REVERSE;	/* without colour, still seen */
		}
		el_attrs[e] = a;
	}
	if (s == &def)
		settings_release(&def);
}

/*
 * Ctrl-S and Ctrl-Q are keys, not XOFF and XON: cbreak() leaves the
 * terminal's flow control on, and a Ctrl-S typed by mistake (or sent
 * over a noisy link) would freeze the screen until Ctrl-Q, which no one
 * thinks of.  Saved as the program's mode, so that endwin() gives the
 * shell its own back and a resume after Ctrl-Z takes this one again.
 */
static void
no_flow_control(void)
{
	struct termios t;

	if (tcgetattr(STDOUT_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(STDOUT_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

static void
setup_curses(struct reader *rd, const struct reader_start *st)
{
	if (!getenv("ESCDELAY"))
		set_escdelay(st->escdelay > 0 ? st->escdelay : 25);
	cbreak();
	noecho();
	nonl();
	no_flow_control();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	curs_set(0);
	wtimeout(stdscr, 500);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	rd->color = false;
	setup_colors(rd, st);
	prepare_crash_reset();
}

/*
 * The first place: the page asked for, else where the reader left off
 * (an article view comes back over its page view, as it was opened),
 * else the first page.  History starts there.
 */
static void
start_place(struct reader *rd, size_t page)
{
	struct place restored = { .scr = SCR_PAGE };

	rd->at = page_place(page != NONE ? page : 0, NONE);
	rd->at.part = rd->at.apart = first_part(rd->ed, rd->at.page);
	if (rd->st->restore && !state_to_place(rd, &rd->state, &rd->at))
		rd->at = page_place(0, first_part(rd->ed, 0));
	if (rd->at.scr == SCR_ARTICLE) {
		restored = rd->at;
		rd->at = page_place(restored.page, restored.part);
	}
	rd->saved = rd->at;
	VEC_RESERVE(rd->hist, rd->hcap, 1);
	rd->hist[0] = rd->at;
	rd->nhist = 1;
	rd->hcur = 0;
	if (!too_small())
		view_from_anchor(rd);
	if (restored.scr == SCR_ARTICLE) {
		rd->ret = rd->at;
		go(rd, restored, true);
	}
}

/*
 * Idle while ed is a first look: take the whole edition when it is
 * there.  Its first page is the same, so the reader stays where it is;
 * if it has not moved yet, it goes where it left off last time (which
 * the first look may not have held).
 */
static void
poll_rest(struct reader *rd)
{
	struct buf err = BUF_INIT;
	struct edition *ed;
	bool failed = false, moved = rd->nhist > 1 || rd->at.scr != SCR_PAGE;
	size_t hit;

	ed = rd->st->rest(rd->st->rest_arg, &failed, &err);
	if (!ed && !failed) {
		buf_release(&err);
		return;
	}
	rd->pending = false;
	if (!ed) {
		say(rd, "only the first page could be read: %s",
		    buf_str(&err));
		buf_release(&err);
		return;
	}
	buf_release(&err);
	drop_layouts(rd);
	/* A search made over the first page goes on over the whole, from
	   the hit shown: the first page's hits come first in both. */
	hit = rd->hit;
	forget_hits(rd);
	rd->resume_hit = hit;
	search_index_free(rd->six);
	rd->six = NULL;
	rd->owned = ed;
	rd->ed = ed;
	build_contents(rd);
	if (moved) {
		if (rd->at.scr == SCR_PAGE || rd->at.scr == SCR_ARTICLE)
			view_from_anchor(rd);
	} else {
		start_place(rd, NONE);
	}
}

const char *
reader_curses_version(void)
{
	return curses_version();
}

int
reader_run(const struct edition *ed, const struct reader_start *st)
{
	struct reader rd;
	SCREEN *scr;
	FILE *in = NULL;
	int ch;

	memset(&rd, 0, sizeof(rd));
	rd.ed = ed;
	rd.o = st->opts;
	if (!text_env_utf8())
		rd.o.ascii = true;	/* the terminal may not draw Unicode */
	rd.st = st;
	if (st->keys)
		rd.keys = *st->keys;
	else
		keymap_default(&rd.keys);
	rd.pl_page = NONE;
	rd.art_article = NONE;
	rd.hit = rd.prev_hit = rd.resume_hit = NONE;
	lines_init(&rd.art);
	buf_init(&rd.input);
	buf_init(&rd.filter);
	state_init(&rd.state);

	/* The edition may have come on standard input: read keys from the
	   terminal itself then. */
	if (!isatty(STDIN_FILENO))
		in = fopen("/dev/tty", "r");
	have_tio = tcgetattr(STDOUT_FILENO, &saved_tio) == 0;
	scr = newterm(NULL, stdout, in ? in : stdin);
	if (!scr) {
		char *term = text_escape(getenv("TERM") ? getenv("TERM") : "");

		fprintf(stderr, "folio: cannot use this terminal (TERM=%s)\n",
			term);
		free(term);
		if (in)
			fclose(in);
		return -1;
	}
	die_set_hook(restore_terminal);
	setup_signals();
	setup_curses(&rd, st);
	build_contents(&rd);
	open_store(&rd);
	load_state(&rd);

	rd.pending = st->rest != NULL;
	start_place(&rd, st->page);
	if (st->article != NONE)
		go_article(&rd, ed->articles[st->article].parts[0]);
	if (st->contents)
		open_contents(&rd);
	if (st->bookmarks)
		open_bookmarks(&rd);
	find_offers(&rd, ed);
	if (rd.stand && st->page == NONE && st->article == NONE &&
	    !st->contents && !st->bookmarks)
		open_newsstand(&rd);
	if (st->note)
		say(&rd, "%s", st->note);

	while (!rd.quit && !got_signal) {
		draw(&rd);
		wtimeout(stdscr, rd.pending ? 40 : 500);
		for (;;) {
			ch = getch();
			if (ch != ERR || got_signal)
				break;
			if (rd.pending) {
				/* The first look is not where the reader
				   is: nothing to save until the whole is. */
				poll_rest(&rd);
				if (!rd.pending)
					break;
				continue;
			}
			/* Idle: write what changed; show a failure. */
			save_state(&rd, false);
			if (rd.bm.npending)
				retry_bookmarks(&rd);
			if (rd.msg[0])
				break;
		}
		if (ch != ERR)
			on_key(&rd, ch);
	}
	if (!rd.pending)
		save_state(&rd, false);
	endwin();
	delscreen(scr);
	die_set_hook(NULL);
	if (in)
		fclose(in);
	drop_layouts(&rd);
	lines_release(&rd.art);
	buf_release(&rd.input);
	buf_release(&rd.filter);
	if (rd.bm.npending) {
		char *path = text_escape(rd.bm.path ? rd.bm.path : "");

		fprintf(stderr, "folio: %zu bookmark change%s could not be "
			"written to %s\n", rd.bm.npending,
			rd.bm.npending == 1 ? "" : "s", path);
		free(path);
	}
	bookmarks_release(&rd.bm);
	state_release(&rd.state);
	free(rd.state_file);
	edition_free(rd.owned);
	free(rd.bv);
	free(rd.sv);
	free(rd.cv);
	free(rd.hist);
	drop_query(&rd);
	search_index_free(rd.six);
	free(rd.query);
	free(rd.prev_query);
	return got_signal ? 128 + got_signal : 0;
}
