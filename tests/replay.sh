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
# The feed fixtures through the front door (replay_sniff), each with the
# option bytes the feed targets expect: 80x24, no HTTP charset (fuzz.h).
H="$TESTHOME/feeds"
mkdir -p "$H"
for f in "$srcdir"/tests/fixtures/feeds/* "$srcdir"/tests/fixtures/mets/* \
	 "$srcdir"/tests/fixtures/http/*; do
	[ -f "$f" ] || continue
	{ printf '\100\024\000'; cat "$f"; } > "$H/${f##*/}"
done
if timeout 120 "$B/replay_sniff" "$H"/* > /dev/null 2>&1; then
	pass
else
	fail "replay_sniff on the feed fixtures"
fi
finish
