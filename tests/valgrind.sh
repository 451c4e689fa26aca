#!/bin/sh
# The screen tests, and the terminal abuse, with every folio they start
# run under valgrind's memcheck: no error, no definite leak (issue 10).
# ./bootstrap check-valgrind runs it; by hand, from a build folder:
#   srcdir=.. sh ../tests/valgrind.sh [TEST.sh...]
# Waits are five times longer (FOLIO_SLOW=5; more on a slow machine);
# each folio's report is kept in valgrind/ in the build folder.
set -u
: "${srcdir:=.}"
REAL=${FOLIO:-$PWD/folio}
command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 77; }
[ -x "$REAL" ] || { echo "no folio at $REAL"; exit 1; }

V=$PWD/valgrind
SUPP=$(cd "$srcdir/tests" && pwd)/valgrind.supp
rm -rf "$V"
mkdir -p "$V"
# A wrapper that is folio to the tests.  --child-silent-after-fork: a
# forked child that execs is not ours to check.
cat > "$V/folio" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \\
	--child-silent-after-fork=yes --log-file='$V/folio.%p.log' \\
	--suppressions='$SUPP' '$REAL' "\$@"
EOF
chmod +x "$V/folio"

[ $# -gt 0 ] || set -- "$srcdir/tests/screen.sh" "$srcdir/tests/abuse.sh"
status=0
for t in "$@"; do
	start=$(date +%s)
	if FOLIO="$V/folio" FOLIO_SLOW=${FOLIO_SLOW:-5} srcdir="$srcdir" \
	   sh "$t" > "$V/$(basename "$t").out" 2>&1; then
		r=ok
	else
		r=FAILED
		status=1
	fi
	echo "$(basename "$t") under valgrind: $r in $(($(date +%s) - start)) s ($(tail -1 "$V/$(basename "$t").out"))"
	[ "$r" = ok ] || grep '^FAIL' "$V/$(basename "$t").out" | head -20
done

# With -q, valgrind writes only what it found.
runs=$(ls "$V"/folio.*.log 2>/dev/null | wc -l)
found=0
for log in "$V"/folio.*.log; do
	[ -s "$log" ] || continue
	found=$((found + 1))
	echo "== $log"
	head -60 "$log"
done
echo "$runs folios under valgrind, $found with errors or definite leaks"
[ "$found" -eq 0 ] || status=1
# No folio run is no proof.
[ "$runs" -gt 0 ] || { echo "no folio ran under valgrind"; status=1; }
exit $status
