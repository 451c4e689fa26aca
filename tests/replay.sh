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
# The pages of text through fuzz_textimport's checks (imported, written,
# read back the same), at 80x24 and 40x10 with each language.
mkdir -p "$TESTHOME/text"
n=0
for f in "$srcdir"/tests/fixtures/text/*.txt "$srcdir/../shared/seed/page.txt"; do
	[ -f "$f" ] || continue
	for opt in '\100\024\000' '\030\006\015' '\100\024\002'; do
		n=$((n + 1))
		{ printf "$opt"; cat "$f"; } > "$TESTHOME/text/$n"
	done
done
if timeout 120 "$B/replay_textimport" "$TESTHOME"/text/* > "$TESTHOME/ti.out" 2>&1; then
	pass
else
	fail "replay_textimport on the pages of text"; head -5 "$TESTHOME/ti.out" >&2
fi
finish
