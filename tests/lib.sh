# Shared by the shell tests: where things are, and how to report.
# Sourced; expects srcdir and FOLIO from `make check` (or sets them).
set -u
: "${srcdir:=.}"
: "${FOLIO:=$PWD/folio}"
SHARED="$srcdir/../shared"
export LC_ALL=C.UTF-8
npass=0
nfail=0

pass() { npass=$((npass + 1)); }
fail() { nfail=$((nfail + 1)); echo "FAIL: $*" >&2; }

# The plain closing line CI reads, and automake's exit status.
finish() {
	echo "$npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
}
