#!/bin/sh
# campaign.sh SRCDIR BUILDDIR UNTIL [TARGET...]: long fuzzing.  Runs the
# targets (all of BUILDDIR/tests/fuzz/fuzz_* by default) in rounds of
# $FUZZ_SECONDS (default 600) through smoke.sh, $FUZZ_JOBS at a time
# (default 2), each round given to the target with the fewest executions
# so far, until UNTIL (seconds since the epoch) or the file
# BUILDDIR/tests/fuzz/STOP.  Every round is a line of
# BUILDDIR/tests/fuzz/ledger.tsv; at the end, and with --sum alone, the
# executions per target and commit are summed from it.  A round that
# fails (crash, leak, hang, out of memory) stops that worker; its input
# is under BUILDDIR/tests/fuzz/artifacts/TARGET/.
#
#   sh tests/fuzz/campaign.sh . build-fuzz $(( $(date +%s) + 7200 ))

set -u
srcdir=$(cd "${1:?usage: campaign.sh SRCDIR BUILDDIR UNTIL [TARGET...]}" && pwd)
builddir=$(cd "${2:?}" && pwd)
until=${3:?}
shift 3
fz=$builddir/tests/fuzz
ledger=$fz/ledger.tsv
secs=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-2}

summary() {
	echo "executions per target (all commits; this commit: $1)"
	awk -F'\t' -v c="$1" '
		{ all[$3] += $4; if ($2 == c) now[$3] += $4
		  if ($9 != "ok") bad[$3]++ }
		END { for (t in all) printf "%-14s %12d %12d %s\n", t,
			all[t], now[t], bad[t] ? bad[t] " failed" : "clean" }
	' "$ledger" | sort
}
commit=$(git -C "$srcdir" rev-parse --short HEAD)
if [ "$until" = --sum ]; then
	summary "$commit"
	exit 0
fi
[ $# -gt 0 ] || set -- $(cd "$builddir" && ls tests/fuzz/fuzz_* |
			 grep -v '\.[a-z]*$')
touch "$ledger"
rm -f "$fz/STOP"
FOLIO=$builddir/folio sh "$srcdir/tests/fuzz/seeds.sh" "$fz/seeds" || exit 1

# The target with the fewest executions at this commit, not taken.
next() {
	for t; do
		n=${t##*/}
		[ -e "$fz/.taken-$n" ] && continue
		awk -F'\t' -v c="$commit" -v t="$n" \
			'$2 == c && $3 == t { s += $4 } END { print s + 0, t }' \
			"$ledger"
	done | sort -n | head -n 1 | cut -d' ' -f2
}

worker() {
	while [ "$(date +%s)" -lt "$until" ] && [ ! -e "$fz/STOP" ]; do
		left=$((until - $(date +%s)))
		# Taking a target is atomic: mkdir fails when another has it.
		n=$(next "$@")
		[ -n "$n" ] || { sleep 5; continue; }
		mkdir "$fz/.taken-$n" 2>/dev/null || continue
		FUZZ_NO_SEEDS=1 FUZZ_LEDGER=$ledger \
			FUZZ_SECONDS=$((left < secs ? left : secs)) \
			sh "$srcdir/tests/fuzz/smoke.sh" "$srcdir" "$builddir" \
			"tests/fuzz/$n"
		rc=$?
		rmdir "$fz/.taken-$n"
		[ "$rc" -eq 0 ] || { echo "campaign: $n failed" >&2; return 1; }
	done
}

i=0
while [ "$i" -lt "$jobs" ]; do
	worker "$@" &
	i=$((i + 1))
done
wait
summary "$commit"
