#!/bin/sh
# smoke.sh SRCDIR BUILDDIR TARGET...: `make fuzz-smoke`.  Runs each
# libFuzzer target for $FUZZ_SECONDS (default 60) on its seeds (made
# afresh by seeds.sh) and its corpus (kept between runs), with its
# dictionary where it has one, and prints per target the executions,
# executions per second and coverage (cov: edges, ft: features) from
# libFuzzer's final stats.  Fails when a target crashed, leaked, hung
# or ran out of memory (the input that did it is saved under
# BUILDDIR/tests/fuzz/artifacts/TARGET/, the log in tests/fuzz), or
# when an input kept in tests/fuzz/crashes/ still fails.
#
# FUZZ_LEDGER=FILE appends a line per run to FILE (tab-separated: date,
# the code's version, target, executions, seconds, exec/s, cov, ft, ok or
# failed, or stopped by a signal; the sanitizers: asan for a build with
# AddressSanitizer, ubsan for one with UBSan alone, --enable-fuzzing=fast,
# none for --enable-fuzzing=bare), the
# record campaign.sh sums.  The code's version is the last commit that
# changed what the target is built from (version.sh).
# FUZZ_NO_SEEDS=1 uses the seeds already made (for runs side by side).
# FUZZ_ASAN_BUILD=DIR, for a build without AddressSanitizer: every input
# the run added to the corpus is run again by DIR's target (built with
# it, from the same source) and the run fails if one fails there.

set -u
srcdir=$1
builddir=$2
shift 2
secs=${FUZZ_SECONDS:-60}
fz=$builddir/tests/fuzz

if [ "${FUZZ_NO_SEEDS:-}" != 1 ] || [ ! -d "$fz/seeds" ]; then
	FOLIO=$builddir/folio sh "$srcdir/tests/fuzz/seeds.sh" "$fz/seeds" ||
		exit 1
fi
# ASan's quarantine of freed memory (256 MB by default) makes inputs
# fault in fresh pages: 16 MB still catches a use after free of the
# input before, with a third of the system time (fuzz_rss, 3000 runs:
# 8.2 s of CPU against 6.9 s).
export ASAN_OPTIONS="quarantine_size_mb=16${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
. "$srcdir/tests/fuzz/version.sh"
# The front door reads every format: every format's words.
# (Made aside and renamed: a run beside this one may be reading it.)
cat "$srcdir"/tests/fuzz/edition.dict "$srcdir"/tests/fuzz/rss.dict \
    "$srcdir"/tests/fuzz/nitf.dict "$srcdir"/tests/fuzz/newsml.dict \
    "$srcdir"/tests/fuzz/mets.dict >"$fz/sniff.dict.$$" &&
	mv -f "$fz/sniff.dict.$$" "$fz/sniff.dict" || exit 1

# The sanitizers BUILDDIR's targets were built with (configure's
# FUZZ_SAN): asan (with UBSan), ubsan, or none.
fuzz_sanitizers() {
	case $(sed -n 's/^FUZZ_SAN = //p' "$1/Makefile") in
	*address*)	echo asan ;;
	*undefined*)	echo ubsan ;;
	*)		echo none ;;
	esac
}
# A figure of libFuzzer's final stats (-print_final_stats=1) in $log.
final() {
	sed -n "s/^stat::$1: *//p" "$log" | tail -n 1
}
# A field ("cov", "ft", "corp") of the last status line, in $last.
field() {
	echo "$last" | sed -n "s/.* $1: \\([0-9a-zA-Z]*\\).*/\\1/p"
}

status=0
for bin; do
	t=${bin##*/}
	corpus=$fz/corpus/$t
	art=$fz/artifacts/$t
	log=$fz/$t.log
	mkdir -p "$corpus" "$art"
	case $t in
	fuzz_edition)	dict=edition.dict len=65536 ;;
	fuzz_settings)	dict=ini.dict len=8192 ;;
	fuzz_store)	dict= len=8192 ;;
	fuzz_rss)	dict=rss.dict len=65536 ;;
	fuzz_nitf)	dict=nitf.dict len=65536 ;;
	fuzz_newsml)	dict=newsml.dict len=65536 ;;
	fuzz_mets)	dict=mets.dict len=65536 ;;
	fuzz_sniff)	dict=$fz/sniff.dict len=65536 ;;
	fuzz_html)	dict=html.dict len=16384 ;;
	fuzz_textimport) dict= len=16384 ;;
	*)		dict= len=4096 ;;
	esac
	case $dict in
	""|/*)	;;
	*)	dict=$srcdir/tests/fuzz/$dict ;;
	esac
	stamp=$fz/.stamp-$t
	: >"$stamp"
	t0=$(date +%s)
	"$builddir/$bin" -max_total_time="$secs" -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -max_len=$len \
		${dict:+-dict="$dict"} \
		-artifact_prefix="$art/" "$corpus" "$fz/seeds/$t" \
		>"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - t0))
	san=$(fuzz_sanitizers "$builddir")
	# What the run found new, under AddressSanitizer (the same target
	# of the ASan build: coverage is what led libFuzzer there; ASan
	# tells a heap overflow that did not crash from none).
	replay=
	if [ "$san" != asan ] && [ -n "${FUZZ_ASAN_BUILD:-}" ]; then
		new=$(find "$corpus" -type f -newer "$stamp")
		replay=$(echo "$new" | grep -c .)
		# All in one process; one at a time to name the one that fails.
		if [ "$replay" -gt 0 ] && ! echo "$new" | xargs \
			"$FUZZ_ASAN_BUILD/$bin" -timeout=10 -rss_limit_mb=2048 \
			>"$log.asan" 2>&1; then
			for f in $new; do
				"$FUZZ_ASAN_BUILD/$bin" -timeout=10 \
					-rss_limit_mb=2048 "$f" >>"$log.asan" \
					2>&1 && continue
				cp "$f" "$art/asan-${f##*/}"
				echo "  fails under AddressSanitizer: $art/asan-${f##*/} (log: $log.asan)"
			done
			rc=1
		fi
	fi
	last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
	printf '%-14s %10s execs %8s exec/s  cov: %-6s ft: %-7s corpus: %s%s\n' \
		"$t" "$(final number_of_executed_units)" \
		"$(final average_exec_per_sec)" "$(field cov)" "$(field ft)" \
		"$(field corp)" "${replay:+ ($san; $replay new inputs replayed under asan)}"
	found=$(find "$art" -type f -newer "$stamp" \
		\( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
		   -o -name 'oom-*' -o -name 'asan-*' \) | sort)
	rm -f "$stamp"
	if [ -n "${FUZZ_LEDGER:-}" ]; then
		ok=ok
		{ [ "$rc" -ne 0 ] || [ -n "$found" ]; } && ok=failed
		# Stopped by a signal (campaign.sh's STOP, a ^C): no failure.
		[ -z "$found" ] && grep -q 'run interrupted' "$log" &&
			ok=stopped
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
			"$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
			"$(fuzz_version "$srcdir" "$t")" "$t" \
			"$(final number_of_executed_units)" "$took" \
			"$(final average_exec_per_sec)" "$(field cov)" \
			"$(field ft)" "$ok" "$san" >>"$FUZZ_LEDGER"
	fi
	if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
		status=1
		echo "  FAILED (exit $rc); log: $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: )' "$log" |
			head -n 3 | sed 's/^/  /'
		for f in $found; do
			echo "  input saved: $f ($(wc -c <"$f") bytes)"
		done
	fi
	# The inputs that crashed before (tests/fuzz/crashes/TARGET-NAME)
	# must pass once fixed: run each once.
	nreg=0
	nbad=0
	for f in "$srcdir/tests/fuzz/crashes/$t"-*; do
		[ -f "$f" ] || continue
		nreg=$((nreg + 1))
		if ! "$builddir/$bin" -timeout=10 -rss_limit_mb=2048 "$f" \
			>>"$log" 2>&1; then
			nbad=$((nbad + 1))
			echo "  regression input fails: $f"
		fi
	done
	if [ "$nreg" -gt 0 ]; then
		echo "  regression inputs: $nreg, $nbad failing"
		[ "$nbad" -eq 0 ] || status=1
	fi
done
exit $status
