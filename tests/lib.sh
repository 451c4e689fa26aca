# Shared by the shell tests: where things are, and how to report.
# Sourced; expects srcdir and FOLIO from `make check` (or sets them).
set -u
: "${srcdir:=.}"
: "${FOLIO:=$PWD/folio}"
SHARED="$srcdir/../shared"
export LC_ALL=C.UTF-8
# Never the tester's own bookmarks, state or configuration.
TESTHOME=$(mktemp -d)
export XDG_DATA_HOME="$TESTHOME/data" XDG_STATE_HOME="$TESTHOME/state" \
	XDG_CONFIG_HOME="$TESTHOME/config" HOME="$TESTHOME"
npass=0
nfail=0

pass() { npass=$((npass + 1)); }
fail() { nfail=$((nfail + 1)); echo "FAIL: $*" >&2; }

# The plain closing line CI reads, and automake's exit status.
finish() {
	rm -rf "$TESTHOME"
	echo "$npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
}

# case_ NAME ARGS...: run folio in $srcdir (output and exit status)
# against the golden file $G/NAME.out; UPDATE_GOLDEN=1 writes it first.
case_() {
	name=$1; shift
	out=$(cd "$srcdir" && "$FOLIO" "$@" 2>&1; echo "[exit $?]")
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		printf '%s\n' "$out" > "$G/$name.out"
	fi
	if [ -e "$G/$name.out" ] &&
	   printf '%s\n' "$out" | cmp -s - "$G/$name.out"; then
		pass
	else
		fail "$name: folio $*"
		[ -e "$G/$name.out" ] &&
			printf '%s\n' "$out" | diff -u "$G/$name.out" - |
			head -20 >&2
	fi
}
