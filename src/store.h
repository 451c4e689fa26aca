/*
 * store: bookmarks and reading state that are never lost.
 *
 * Both are plain text files a person can read and a tool can merge: one
 * record a line, fields separated by tabs (a tab, newline or backslash in
 * a field is written \t, \n or \\).  Bookmarks from every edition live in
 * one file, $XDG_DATA_HOME/folio/bookmarks; each edition's reading state
 * in its own, $XDG_STATE_HOME/folio/state-HASH.
 *
 * Every change is written when it happens: under an exclusive flock on
 * FILE.lock, the file is read again, the change applied to what another
 * folio may have written meanwhile, and the result written to a
 * temporary file, fsynced, renamed over FILE, and the directory fsynced.
 * A kill -9 at any moment leaves the old file or the new one, never half
 * of one.  A change whose write failed stays in memory, marked unsaved,
 * and is written with the next change that succeeds.
 *
 * A line that does not parse is reported (with its line number), kept
 * aside in FILE.rejected, and left out of the rewritten file; the good
 * lines are kept.
 *
 * A store file that is a symbolic link, or not a regular file, is
 * neither read nor replaced: opening it is an error ("a symbolic link,
 * not followed"), and changes stay in memory, unsaved.
 */
#ifndef FOLIO_STORE_H
#define FOLIO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "util.h"

struct bookmark {
	char *date;		/* the edition's date and title: which */
	char *title;		/* edition the bookmark is in */
	char *page;		/* the page of the part that was current */
	char *id;		/* the article id */
	char *headline;
	char *source;		/* path or URL the edition was read from */
	time_t created;
	bool unsaved;		/* the last write of it failed */
};

enum store_op { STORE_ADD, STORE_DELETE };

struct bookmarks {
	char *path;		/* the store file; owned */
	struct bookmark *v;	/* newest first; each field owned */
	size_t n, cap;
	struct pending {	/* changes not on disk yet */
		enum store_op op;
		struct bookmark bm;
	} *pending;
	size_t npending, cap_pending;
};

/*
 * The path of NAME in folio's folder under $XDG_DATA_HOME (data true) or
 * $XDG_STATE_HOME, defaulting to ~/.local/share and ~/.local/state.  The
 * caller frees it.
 */
char *store_path(bool data, const char *name);

/*
 * Read the bookmarks at path (a missing file is an empty store).
 * Unparsable lines are warnings in d and kept aside.  Returns 0, or -1
 * when the file exists but cannot be read (an error in d).
 */
int bookmarks_open(struct bookmarks *b, const char *path, struct diags *d);
void bookmarks_release(struct bookmarks *b);

/* The bookmark of article id in the edition (title, date), or NONE. */
size_t bookmarks_find(const struct bookmarks *b, const char *title,
		      const char *date, const char *id);

/*
 * Add bm (copied; created is set when 0) or delete the bookmark with
 * bm's title, date and id, merging with what is on disk.  Returns 0 when
 * written, or -1 with a message in err when the write failed: the change
 * is then kept in memory (unsaved) and retried with the next change.
 */
int bookmarks_change(struct bookmarks *b, enum store_op op,
		     const struct bookmark *bm, struct buf *err);

/* Write pending changes again; 0 when there are none left. */
int bookmarks_flush(struct bookmarks *b, struct buf *err);

/*
 * Reading state of one edition: where the reader was (a page, a part of
 * an article, and a place in it that survives a new layout) and which
 * articles were opened.
 */
struct reading_state {
	char *page;		/* page label, or NULL when none is saved */
	char *article;		/* the current part's article id, or NULL */
	unsigned seq;		/* the part's place in its article */
	bool in_article;	/* the article view was open */
	long block;		/* block within the part, -1 for its head */
	unsigned offset;	/* text offset in that block */
	char **read;		/* ids of articles opened; owned */
	size_t nread, cap_read;
};

/* The state file of the edition (title, date); the caller frees it. */
char *state_path(const char *title, const char *date);

void state_init(struct reading_state *s);
void state_release(struct reading_state *s);

/* Read path into s (a missing file is an empty state).  Returns 0, or -1
   when it cannot be read; bad lines are warnings in d. */
int state_load(struct reading_state *s, const char *path, struct diags *d);

/*
 * Write s, merging the articles read with those on disk (another folio
 * may have opened others).  Returns 0, or -1 with a message in err.
 */
int state_save(struct reading_state *s, const char *path, const char *title,
	       const char *date, struct buf *err);

/* Has article id been opened?  Mark it opened (copied). */
bool state_was_read(const struct reading_state *s, const char *id);
void state_mark_read(struct reading_state *s, const char *id);

/* For tests: make the n-th write from now fail (0 = never): any file
   written through files.h, the download cache's too. */
void store_fail_write_after(int n);

#endif
