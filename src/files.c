/*
 * files: writing folio's own files safely, reading files whole.  See
 * files.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"

static int fail_after;

void
files_fail_write_after(int n)
{
	fail_after = n;
}

const char *
files_error(int e)
{
	if (e == ELOOP)
		return "a symbolic link, not followed";
	if (e == EINVAL)
		return "not a regular file";
	return strerror(e);
}

int
files_make_parents(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

int
files_write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k;

		if (fail_after > 0 && --fail_after == 0) {
			errno = ENOSPC;
			return -1;
		}
		k = write(fd, s, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int
files_read_all(int fd, size_t max, struct buf *out)
{
	char chunk[65536];
	size_t got = 0;
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if ((size_t)n > max - got)
			return 1;
		buf_add(out, chunk, (size_t)n);
		got += (size_t)n;
	}
	return 0;
}

int
files_write_atomic(const char *path, const char *data, size_t n,
		   struct buf *err)
{
	struct buf tmp = BUF_INIT;
	char *dir = xstrdup(path), *slash;
	int fd = -1, ret = -1, dfd;

	buf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if (files_make_parents(path) != 0) {
		buf_addf(err, "cannot make the folder of %s: %s", path,
			 strerror(errno));
		goto out;
	}
	/* A file left by a crash of a folio with this pid, or anything
	   planted there, is removed (a link, not what it points to). */
	unlink(tmp.s);
	fd = open(tmp.s, O_WRONLY | O_CREAT | O_EXCL | FILES_OPEN_FLAGS,
		  0600);
	if (fd < 0 || files_write_all(fd, data, n) != 0 || fsync(fd) != 0) {
		buf_addf(err, "cannot write %s: %s", path,
			 files_error(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		buf_addf(err, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.s, path) != 0) {
		buf_addf(err, "cannot replace %s: %s", path, strerror(errno));
		goto out;
	}
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (ret != 0)
		unlink(tmp.s);
	buf_release(&tmp);
	free(dir);
	return ret;
}
