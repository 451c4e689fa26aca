/*
 * files: writing folio's own files safely (the bookmarks, the reading
 * state, the download cache): folders made as needed (0700), files
 * replaced whole or not at all, symbolic links never followed; and
 * reading a file whole.
 */
#ifndef FOLIO_FILES_H
#define FOLIO_FILES_H

#include <fcntl.h>
#include <stddef.h>

#include "util.h"

/* What folio's own files are opened with: never through a symlink. */
#define FILES_OPEN_FLAGS (O_CLOEXEC | O_NOFOLLOW)

/* Make the folders above path (0700); 0, or -1 with errno. */
int files_make_parents(const char *path);

/* Write all n bytes of s to fd, through EINTR; 0, or -1 with errno. */
int files_write_all(int fd, const char *s, size_t n);

/*
 * Append what is left of fd to out, through EINTR: 0; 1 as soon as it
 * is more than max bytes (SIZE_MAX: no limit), out then holding part
 * of it; or -1 with errno.
 */
int files_read_all(int fd, size_t max, struct buf *out);

/*
 * Replace path with data[0..n): a temporary file beside it (a leftover
 * one removed first, never followed), fsync, rename, fsync of the
 * folder.  Returns 0, or -1 with a message naming path in err; path is
 * untouched then.
 */
int files_write_atomic(const char *path, const char *data, size_t n,
		       struct buf *err);

/* errno as a message: ELOOP and EINVAL say what they mean here. */
const char *files_error(int e);

/* For tests: make the n-th write from now fail with ENOSPC (0 = never). */
void files_fail_write_after(int n);

#endif
