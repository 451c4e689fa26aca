#!/bin/sh
# Refresh the captures in README.md: each block between
#   <!-- capture: COMMAND -->  and  <!-- end capture -->
# is replaced by COMMAND's output (run with sh from the source folder,
# with $FOLIO the program), in a ``` block.  With --check, print the
# refreshed README to stdout instead of writing it.
#   doc/update-readme.sh [--check] SRCDIR FOLIO
set -eu
check=
[ "$1" = --check ] && { check=1; shift; }
srcdir=$1 FOLIO=$2
export FOLIO LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent
out=$(mktemp)
trap 'rm -f "$out"' EXIT
skip=
while IFS= read -r line; do
	case $line in
	'<!-- capture: '*' -->')
		printf '%s\n' "$line" >> "$out"
		cmd=${line#<!-- capture: }
		cmd=${cmd% -->}
		{ echo '```'; (cd "$srcdir" && sh -c "$cmd"); echo '```'; } >> "$out"
		skip=1
		;;
	'<!-- end capture -->')
		printf '%s\n' "$line" >> "$out"
		skip=
		;;
	*)
		[ -n "$skip" ] || printf '%s\n' "$line" >> "$out"
		;;
	esac
done < "$srcdir/README.md"
if [ -n "$check" ]; then
	cat "$out"
else
	cp "$out" "$srcdir/README.md"
fi
