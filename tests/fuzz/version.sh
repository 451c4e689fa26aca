# Sourced by smoke.sh and campaign.sh.  fuzz_version SRCDIR TARGET: the
# version of the code a target is built from, as the ledger records it:
# the last commit that changed src, feeds, config, configure.ac,
# tests/fuzz/fuzz.[ch] or the target's own source, with a + when those
# have changes not committed; - outside git.
fuzz_version() {
	(
		cd "$1" 2>/dev/null || exit 0
		set -- src feeds config configure.ac tests/fuzz/fuzz.c \
			tests/fuzz/fuzz.h "tests/fuzz/$2.c"
		v=$(git log -1 --abbrev=12 --format=%h -- "$@" 2>/dev/null)
		[ -n "$v" ] || { echo -; exit 0; }
		git diff --quiet HEAD -- "$@" 2>/dev/null || v="$v+"
		echo "$v"
	)
}
