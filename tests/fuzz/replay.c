/*
 * replay: a fuzz target run on files, without libFuzzer, so that every
 * input a fuzzer once crashed on is run again by `make check`
 * (tests/replay.sh): tests/replay_TARGET FILE...
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "util.h"

/* Not every target has one. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int
main(int argc, char **argv)
{
	int i;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct buf b = BUF_INIT;
		char chunk[65536];
		size_t n;
		FILE *fp = fopen(argv[i], "rb");

		if (!fp) {
			perror(argv[i]);
			return 66;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(&b, chunk, n);
		fclose(fp);
		LLVMFuzzerTestOneInput((const uint8_t *)buf_str(&b), b.len);
		buf_release(&b);
	}
	return 0;
}
