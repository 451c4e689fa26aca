/*
 * text: UTF-8, display width, sanitizing and line breaking.
 *
 * All text in folio is UTF-8.  Width is counted in terminal cells with the
 * C library's wcwidth() (the same table curses uses), after text_init() has
 * made sure LC_CTYPE is a UTF-8 locale.  Nothing here allocates behind the
 * caller's back except where a function says it returns memory.
 */
#ifndef FOLIO_TEXT_H
#define FOLIO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/*
 * Make LC_CTYPE a UTF-8 locale: the environment's if it is one, else
 * C.UTF-8.  Call once at start-up before any width is measured.
 */
void text_init(void);
/* Whether the environment's own locale was UTF-8 (before text_init made
   LC_CTYPE one): when not, the terminal may not show Unicode drawing. */
bool text_env_utf8(void);
/* libunibreak's version, 0xMMmm. */
int text_unibreak_version(void);

/*
 * Decode the code point at s[0..n).  Returns the number of bytes used
 * (1 to 4; 0 only when n == 0).  Malformed, overlong, surrogate and
 * out-of-range sequences decode as U+FFFD using exactly one byte.
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Append cp encoded as UTF-8 to out; returns the bytes written (1-4). */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Whether s[0..n) is all well-formed UTF-8 (utf8_decode meets no
   malformed, overlong, surrogate, out-of-range or cut sequence). */
bool utf8_valid(const char *s, size_t n);

/*
 * Width of one code point in cells: 0 for combining marks, zero-width
 * characters and anything non-printable, 2 for wide (East Asian Wide and
 * Fullwidth, emoji presentation), else 1.
 */
int text_cp_width(uint32_t cp);
/* Width in cells of s[0..n). */
int text_width(const char *s, size_t n);

/*
 * The end of the grapheme cluster starting at s[i]: a base character and
 * what attaches to it (combining marks, variation selectors, ZWJ
 * sequences, Hangul jamo, regional-indicator pairs).  Returns i when i >= n.
 * Never splits a UTF-8 sequence.
 */
size_t text_next_grapheme(const char *s, size_t n, size_t i);

/*
 * Longest prefix of s[0..n) fitting in width cells, cut at a grapheme
 * boundary; *w_out gets its width.  Returns the prefix length in bytes.
 */
size_t text_fit(const char *s, size_t n, int width, int *w_out);

/*
 * The cleaner turns raw text (as parsed from XML) into what folio shows:
 * valid UTF-8 (bad bytes, and U+FFFE and U+FFFF, which XML forbids,
 * become U+FFFD), no C0 controls (tab, CR and LF are whitespace), no DEL,
 * no C1 controls, no terminal escape sequences (ESC or C1 CSI/OSC/DCS/SOS/
 * PM/APC sequences are dropped whole, to their final byte or string
 * terminator; a string not ended within 252 bytes, or by the end of the
 * text, was none: only its introducer is dropped, and what followed it is
 * text, never lost), no bidi embeddings, overrides or isolates
 * (U+202A-U+202E, U+2066-U+2069), and whitespace collapsed as HTML does:
 * each run of spaces, tabs and newlines becomes one space, none at the
 * start or end.  U+00A0 is kept as is.  Zero-width characters (U+200B-
 * U+200D, U+2060, U+FEFF) are kept between visible ones only, never at
 * the start or end: a label or headline with one at an edge is the one
 * without it, as it looks.
 *
 * It is incremental so that text arriving in pieces (text nodes around
 * <em> elements) collapses across the pieces: add the pieces in order, then
 * finish.  Spans into the output stay valid: nothing already appended to
 * out is changed except by text_clean_finish(), which only removes nothing
 * (a pending space is simply never written).
 */
struct text_cleaner {
	int state;		/* escape-sequence state, 0 = plain text */
	bool space_pending;	/* whitespace seen since the last character */
	bool started;		/* a visible character has been written */
	char partial[4];	/* an incomplete UTF-8 sequence between pieces */
	size_t npartial;
	char zw[12];		/* zero-width characters awaiting a visible one */
	size_t nzw;
	char str[256];		/* an OSC, DCS... string awaiting its end */
	size_t nstr;
	bool no_strings;	/* giving str back as text */
};
void text_clean_init(struct text_cleaner *c);
void text_clean_add(struct text_cleaner *c, struct buf *out,
		    const char *s, size_t n);
/* The bytes a visible character added next is written after (a pending
   space, zero-width characters): where it lands is out->len plus these.
   0 inside an escape sequence or string, where what comes next may be
   text, after them. */
size_t text_clean_pending(const struct text_cleaner *c);
/* Flush an incomplete trailing sequence (as U+FFFD); drops a pending
   space and pending zero-width characters. */
void text_clean_finish(struct text_cleaner *c, struct buf *out);
/* Clean s[0..n) in one go into a new string the caller frees. */
char *text_clean(const char *s, size_t n);

/*
 * s as a message on a terminal may quote it (a file name, a URL, an
 * argument): unchanged but for each byte that is not UTF-8 and each
 * character that is a C0 or C1 control, DEL or a bidi control, written
 * as \xHH per byte; and, when the environment's locale is not UTF-8
 * (text_init), every byte above 0x7F, since an 8-bit terminal takes
 * 0x80-0x9F for C1 controls.  Nothing in it can move the cursor or
 * start an escape sequence.  A new string the caller frees.
 */
char *text_escape(const char *s);

/*
 * Line breaking (UAX #14 with libunibreak; CJK breaks between characters,
 * no break before closing punctuation).  A word longer than the width is
 * broken at grapheme boundaries, only when no break opportunity fits.
 * Optional hyphenation: a hyphenator is called for a word that would not
 * fit on the current line; it fills the allowed hyphenation points.
 */
struct text_line {
	size_t start, end;	/* bytes of the line in the text, no trailing
				   spaces; end <= next line's start */
	int width;		/* cells, including the hyphen if any */
	bool hyphen;		/* a '-' must be drawn after end */
};

/*
 * A hyphenator: given a word (letters only, UTF-8), set ok[i] = true for
 * each byte offset i inside the word where it may be broken with a hyphen
 * (ok has n entries, all false on entry).  Return 0, or -1 when it cannot.
 */
typedef int (*text_hyphenate_fn)(void *ctx, const char *word, size_t n,
				 bool *ok);

struct text_wrap_opts {
	int width;			/* cells per line, >= 1 */
	int first_width;		/* first line's width, 0 = width */
	const char *lang;		/* BCP 47 or NULL */
	text_hyphenate_fn hyphenate;	/* NULL: no hyphenation */
	void *hyphenate_ctx;
	int hyphen_gap;			/* hyphenate only when at least
					   this many cells would be left
					   empty; 0 = a sixth of the line */
};

/*
 * Break s[0..n) (cleaned text: no newlines) into lines.  Returns the
 * number of lines and sets *lines to a new array the caller frees (NULL
 * and 0 for empty text).  Lines break between graphemes, except that a
 * grapheme wider than the line is cut between its characters (a
 * zero-width one stays with the character before it).  Every line fits
 * its width but a line of one character wider still; joining the lines
 * (with a space where the text had whitespace, nothing where a hyphen was
 * added or a word was cut) gives the text back.
 */
size_t text_wrap(const char *s, size_t n, const struct text_wrap_opts *o,
		 struct text_line **lines);

#endif
