#!/bin/sh
# Golden files of the feed importers: every file in tests/fixtures/feeds/
# and every XML file of ../shared/corpora/own-examples/ (when the corpora
# are there) through --toc, --check and --article of each article.
# Expected files are tests/expected/feeds/NAME-VIEW.out; UPDATE_GOLDEN=1
# rewrites them (read the diff before committing).
. "$srcdir/tests/lib.sh"

G="$srcdir/tests/expected/feeds"

# one FILE (relative to srcdir) NAME: its views
one() {
	f=$1 n=$2
	case_ "$n-toc" --toc "$f"
	case_ "$n-check" --check "$f"
	for id in $(cd "$srcdir" && "$FOLIO" --toc "$f" 2>/dev/null | cut -f2 | sort -u); do
		case_ "$n-article-$id" --width=72 --article="$id" "$f"
	done
}

for f in "$srcdir"/tests/fixtures/feeds/*; do
	[ -e "$f" ] || continue
	b=$(basename "$f")
	one "tests/fixtures/feeds/$b" "${b%.*}"
done
# A METS issue with its ALTO pages beside it, and the real 1824 issue
# (The Statesman: art0010 continues from page 2 to page 3).
one tests/fixtures/mets/issue.xml mets-small
case_ mets-small-page-1 --page=1 --width=100 --height=30 tests/fixtures/mets/issue.xml
if [ -d "$SHARED/corpora/bl-mets-alto" ]; then
	BL=../shared/corpora/bl-mets-alto/demo-files/0002647/1824/0217/0002647_18240217_mets.xml
	case_ mets-bl-1824-toc --toc "$BL"
	case_ mets-bl-1824-check --check "$BL"
	case_ mets-bl-1824-article-art0010 --width=72 --article=art0010 "$BL"
fi
if [ -d "$SHARED/corpora/own-examples" ]; then
	for f in "$SHARED"/corpora/own-examples/*.xml; do
		b=$(basename "$f")
		one "../shared/corpora/own-examples/$b" "own-${b%.*}"
	done
else
	echo "feeds.sh: $SHARED/corpora not found: own-examples skipped" >&2
fi
finish
