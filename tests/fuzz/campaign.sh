#!/bin/sh
# campaign.sh SRCDIR BUILDDIR UNTIL [TARGET...]: long fuzzing.  Runs the
# targets (all of BUILDDIR/tests/fuzz/fuzz_* by default) in rounds of
# $FUZZ_SECONDS (default 600) through smoke.sh, $FUZZ_JOBS at a time
# (default 2), each round given to the target that has run the shortest
# time at its version of the code (version.sh), until UNTIL (seconds
# since the epoch), the file BUILDDIR/tests/fuzz/STOP, or every target
# has run $FUZZ_GOAL executions (10 million) clean: in rounds that found
# nothing, at any version.  Every round is
# a line of BUILDDIR/tests/fuzz/ledger.tsv (smoke.sh says what); at the
# end, and with --sum for UNTIL, the executions per target are summed
# from it and from SRCDIR/tests/fuzz/ledger.tsv, the record of earlier
# campaigns (append the build's ledger to it when committing their
# figures).  A round that fails (crash, leak, hang, out of memory) stops
# that worker; its input is under BUILDDIR/tests/fuzz/artifacts/TARGET/.
# Each target's corpus is first merged (libFuzzer's -merge=1) into the
# inputs that add coverage: every round starts by running them all.
#
# A build without AddressSanitizer (--enable-fuzzing=fast, or bare
# without any sanitizer) runs more executions a second; then FUZZ_ASAN_BUILD=DIR, a build with it, must
# be given, and every input a round adds to the corpus is run again
# there (smoke.sh).
#
#   sh tests/fuzz/campaign.sh . build-fuzz $(( $(date +%s) + 7200 ))
#   FUZZ_ASAN_BUILD=build-fuzz sh tests/fuzz/campaign.sh . build-fast $((...))

set -u
srcdir=$(cd "${1:?usage: campaign.sh SRCDIR BUILDDIR UNTIL [TARGET...]}" && pwd)
builddir=$(cd "${2:?}" && pwd)
until=${3:?}
shift 3
fz=$builddir/tests/fuzz
ledger=$fz/ledger.tsv
secs=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-2}
goal=${FUZZ_GOAL:-10000000}

. "$srcdir/tests/fuzz/version.sh"

# Per target: executions at every version, and at this one (version.sh)
# with the hours they took; failed rounds.
summary() {
	printf '%-16s %12s %12s %12s %12s %8s  %s\n' target "all versions" \
		clean "this version" "with asan" hours rounds
	for t; do
		n=${t##*/}
		v=$(fuzz_version "$srcdir" "$n")
		# A round appended to the record is in both: once.
		cat "$srcdir/tests/fuzz/ledger.tsv" "$ledger" 2>/dev/null |
		awk -F'\t' -v t="$n" -v v="$v" '
			$3 == t && !seen[$0]++ { all += $4
				  if ($9 == "failed") bad++; else ok += $4
				  if ($2 == v) { now += $4; s += $5
				      if ($10 == "asan" || $10 == "") asan += $4 } }
			END { printf "%-16s %12d %12d %12d %12d %8.2f  %s\n", t, all,
				ok, now, asan, s / 3600,
				bad ? bad " failed" : "clean" }'
	done
	echo "(clean: in the rounds that found nothing, at every version;"
	echo " this version: the last commit changing what each is built from;"
	echo " with asan: of those, the executions in a build with AddressSanitizer)"
}
touch "$ledger"
[ $# -gt 0 ] || set -- $(cd "$builddir" && ls tests/fuzz/fuzz_* |
			 grep -v '\.[a-z]*$')
if [ "$until" = --sum ]; then
	summary "$@"
	exit 0
fi
rm -f "$fz/STOP"
# Targets taken by a campaign that was stopped short are free again.
rm -rf "$fz"/.taken-*
trap 'rm -rf "$fz"/.taken-*' EXIT
trap 'exit 130' INT TERM
if ! grep -q __asan_init "$builddir/$1"; then
	[ -n "${FUZZ_ASAN_BUILD:-}" ] && [ -x "$FUZZ_ASAN_BUILD/$1" ] || {
		echo "campaign: $builddir has no AddressSanitizer: give FUZZ_ASAN_BUILD=DIR, a build with it, to run the new inputs there" >&2
		exit 64
	}
	FUZZ_ASAN_BUILD=$(cd "$FUZZ_ASAN_BUILD" && pwd)
	export FUZZ_ASAN_BUILD
fi
FOLIO=$builddir/folio sh "$srcdir/tests/fuzz/seeds.sh" "$fz/seeds" || exit 1
# The corpus cut to the inputs that add coverage (one run of each).
for t; do
	n=${t##*/}
	c=$fz/corpus/$n
	[ -d "$c" ] || continue
	rm -rf "$c.merged" && mkdir "$c.merged" &&
		"$builddir/$t" -merge=1 -timeout=10 -rss_limit_mb=2048 \
			"$c.merged" "$c" >"$fz/$n.merge.log" 2>&1 &&
		rm -rf "$c" && mv "$c.merged" "$c" ||
		echo "campaign: merging $c failed ($fz/$n.merge.log); kept" >&2
	echo "campaign: $n corpus: $(ls "$c" | wc -l) inputs"
done

# The target that has run the shortest time at this version, not taken,
# among those short of $FUZZ_GOAL clean executions (in rounds that found
# nothing, at every version: the figure issue 10 asks of each target).
next() {
	for t; do
		n=${t##*/}
		[ -e "$fz/.taken-$n" ] && continue
		awk -F'\t' -v c="$(fuzz_version "$srcdir" "$n")" -v t="$n" \
			-v goal="$goal" '
			$3 == t && !seen[$0]++ { if ($9 != "failed") x += $4
				  if ($2 == c) s += $5 }
			END { if (x < goal) print s + 0, t }' \
			"$srcdir/tests/fuzz/ledger.tsv" "$ledger" 2>/dev/null
	done | sort -n | head -n 1 | cut -d' ' -f2
}

worker() {
	while [ "$(date +%s)" -lt "$until" ] && [ ! -e "$fz/STOP" ]; do
		left=$((until - $(date +%s)))
		# (0 would be -max_total_time=0: no limit at all.)
		[ "$left" -gt 0 ] || break
		# Taking a target is atomic: mkdir fails when another has it.
		n=$(next "$@")
		if [ -z "$n" ]; then
			# All at the goal, or the rest taken by other workers.
			[ -z "$(ls -d "$fz"/.taken-* 2>/dev/null)" ] && break
			sleep 5
			continue
		fi
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
pids=
while [ "$i" -lt "$jobs" ]; do
	worker "$@" &
	pids="$pids $!"
	i=$((i + 1))
done
rc=0
for p in $pids; do
	wait "$p" || rc=1
done
summary "$@"
exit $rc
