/*
 * fuzz_store: the bookmarks file and the reading-state file.
 *
 * Input: the bytes of a store file, read both as bookmarks
 * (bookmarks_open) and as a reading state (state_load): seeds hold lines
 * of both kinds, and each parser must reject the other's.  The file is
 * written once per input in a folder of its own under /dev/shm, which
 * $XDG_DATA_HOME, $XDG_STATE_HOME and $XDG_CONFIG_HOME name too; the
 * FILE.rejected the parsers keep bad lines in is removed after each
 * input.
 *
 * Checked: both read the file (it is there); every bookmark has its
 * fields and an id, newest first; the state's place is in range and its
 * read ids are distinct; and what is read is never lost: the state
 * saved by state_save and the first bookmarks added by bookmarks_change
 * to a new file load back the same, with no line rejected, and a
 * deleted bookmark is gone.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "store.h"

/* Bookmarks written back per input: each is a locked, fsynced write. */
#define MAX_ROUND_TRIP 8

static struct fuzz_file in;
static char *rejected, *copy, *copy_rejected;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir;
	struct buf b = BUF_INIT;

	(void)argc;
	(void)argv;
	fuzz_init();
	dir = fuzz_tmpdir();
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	fuzz_file_open(&in, dir, "store");
	buf_addf(&b, "%s.rejected", in.path);
	rejected = buf_detach(&b);
	buf_addf(&b, "%s/copy", dir);
	copy = buf_detach(&b);
	buf_addf(&b, "%s/copy.rejected", dir);
	copy_rejected = buf_detach(&b);
	return 0;
}

static bool
same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void
check_bookmarks(const struct bookmarks *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct bookmark *bm = &b->v[i];

		FUZZ_CHECK(bm->date && bm->title && bm->page && bm->id &&
			   bm->headline && bm->source, "bookmark %zu", i);
		FUZZ_CHECK(*bm->id, "bookmark %zu has no id", i);
		FUZZ_CHECK(!i || b->v[i - 1].created >= bm->created,
			   "bookmark %zu is newer than the one before", i);
		FUZZ_ASSERT(!bm->unsaved);
	}
}

/* Bookmark i is the first with its edition and id. */
static bool
first_of_its_key(const struct bookmarks *b, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (!strcmp(b->v[j].title, b->v[i].title) &&
		    !strcmp(b->v[j].date, b->v[i].date) &&
		    !strcmp(b->v[j].id, b->v[i].id))
			return false;
	return true;
}

static void
round_trip_bookmarks(const struct bookmarks *b)
{
	struct bookmarks out, back;
	struct buf err = BUF_INIT;
	struct diags d;
	size_t i, k, n = b->n < MAX_ROUND_TRIP ? b->n : MAX_ROUND_TRIP;

	unlink(copy);
	diags_init(&d, "copy");
	FUZZ_ASSERT(bookmarks_open(&out, copy, &d) == 0 && out.n == 0);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(bookmarks_change(&out, STORE_ADD, &b->v[i], &err)
			   == 0, "%s", buf_str(&err));
	FUZZ_ASSERT(bookmarks_open(&back, copy, &d) == 0);
	FUZZ_CHECK(d.n == 0, "a bookmark written is not read back: %s",
		   d.v[0].msg);
	for (i = 0; i < n; i++) {
		const struct bookmark *bm = &b->v[i], *got;

		if (!first_of_its_key(b, i))
			continue;
		k = bookmarks_find(&back, bm->title, bm->date, bm->id);
		FUZZ_CHECK(k != NONE, "bookmark %zu (\"%s\") is lost", i,
			   bm->id);
		got = &back.v[k];
		FUZZ_CHECK(same_str(got->page, bm->page) &&
			   same_str(got->headline, bm->headline) &&
			   same_str(got->source, bm->source) &&
			   (!bm->created || got->created == bm->created),
			   "bookmark %zu (\"%s\") changed", i, bm->id);
	}
	bookmarks_release(&back);
	if (n) {
		FUZZ_CHECK(bookmarks_change(&out, STORE_DELETE, &b->v[0],
					    &err) == 0, "%s", buf_str(&err));
		FUZZ_ASSERT(bookmarks_open(&back, copy, &d) == 0);
		FUZZ_CHECK(bookmarks_find(&back, b->v[0].title, b->v[0].date,
					  b->v[0].id) == NONE,
			   "bookmark \"%s\" is still there", b->v[0].id);
		bookmarks_release(&back);
	}
	bookmarks_release(&out);
	diags_release(&d);
	buf_release(&err);
}

static void
check_state(const struct reading_state *s)
{
	size_t i, j;

	if (s->page) {
		FUZZ_ASSERT(*s->page);
		FUZZ_CHECK(s->block >= -1, "block %ld", s->block);
		FUZZ_CHECK(s->seq <= 1000000, "seq %u", s->seq);
	}
	for (i = 0; i < s->nread; i++) {
		FUZZ_ASSERT(s->read[i] && *s->read[i]);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(s->read[i], s->read[j]),
				   "\"%s\" read twice", s->read[i]);
	}
}

static void
round_trip_state(struct reading_state *s)
{
	struct reading_state back;
	struct buf err = BUF_INIT;
	struct diags d;
	size_t i;

	unlink(copy);
	FUZZ_CHECK(state_save(s, copy, "Title", "2026-01-01", &err) == 0,
		   "%s", buf_str(&err));
	state_init(&back);
	diags_init(&d, "copy");
	FUZZ_ASSERT(state_load(&back, copy, &d) == 0);
	FUZZ_CHECK(d.n == 0, "a state written is not read back: %s",
		   d.v[0].msg);
	FUZZ_CHECK(same_str(back.page, s->page) &&
		   same_str(back.article, s->article), "the place changed");
	if (s->page)
		FUZZ_CHECK(back.seq == s->seq &&
			   back.in_article == s->in_article &&
			   back.block == s->block && back.offset == s->offset,
			   "the place changed");
	FUZZ_CHECK(back.nread == s->nread, "%zu read, %zu back", s->nread,
		   back.nread);
	for (i = 0; i < s->nread; i++)
		FUZZ_CHECK(state_was_read(&back, s->read[i]), "\"%s\" is no "
			   "longer read", s->read[i]);
	diags_release(&d);
	state_release(&back);
	buf_release(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bookmarks b;
	struct reading_state s;
	struct diags d;

	fuzz_file_write(&in, data, size);
	diags_init(&d, "store");
	FUZZ_ASSERT(bookmarks_open(&b, in.path, &d) == 0);
	check_bookmarks(&b);
	round_trip_bookmarks(&b);
	bookmarks_release(&b);

	state_init(&s);
	FUZZ_ASSERT(state_load(&s, in.path, &d) == 0);
	check_state(&s);
	round_trip_state(&s);
	state_release(&s);

	diags_release(&d);
	unlink(rejected);
	unlink(copy_rejected);
	return 0;
}
