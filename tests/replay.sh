#!/bin/sh
# Every input a fuzzer crashed on (tests/fuzz/crashes/TARGET-NAME), and the
# fixtures, run again through the fuzz targets' own checks, built without
# libFuzzer (tests/fuzz/replay.c): none may fail or hang.
. "$srcdir/tests/lib.sh"

B=${top_builddir:-.}/tests
for f in "$srcdir"/tests/fuzz/crashes/*; do
	[ -f "$f" ] || continue
	target=$(basename "$f" | sed 's/-.*//; s/^fuzz_//')
	if timeout 60 "$B/replay_$target" "$f" > /dev/null 2>&1; then
		pass
	else
		fail "replay_$target $(basename "$f")"
	fi
done
for t in edition layout; do
	if timeout 120 "$B/replay_$t" "$srcdir"/tests/fixtures/*.xml "$srcdir/src/sample.xml" > /dev/null 2>&1; then
		pass
	else
		fail "replay_$t on the fixtures"
	fi
done
finish
