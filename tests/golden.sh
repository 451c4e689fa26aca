#!/bin/sh
# Golden files of the plain-text views: each case runs ./folio and
# compares its output and exit status with tests/expected/NAME.out.
# UPDATE_GOLDEN=1 rewrites the files (then read the diff before committing).
. "$srcdir/tests/lib.sh"

G="$srcdir/tests/expected"
F="$srcdir/tests/fixtures"
S="$srcdir/src/sample.xml"


# The sample edition: contents, every article, every page at four sizes.
case_ sample-toc --toc src/sample.xml
for id in $(cd "$srcdir" && "$FOLIO" --toc src/sample.xml | cut -f2 | sort -u); do
	case_ "sample-article-$id" --article="$id" src/sample.xml
done
case_ sample-article-narrow --width=30 --article="$(cd "$srcdir" && "$FOLIO" --toc src/sample.xml | awk -F'\t' '$3 ~ /\/3$/ {print $2; exit}')" src/sample.xml
for page in $(cd "$srcdir" && "$FOLIO" --toc src/sample.xml | cut -f1 | uniq); do
	for size in 80x24 120x40 200x60 44x20; do
		case_ "sample-page-$page-$size" --page="$page" \
			--width="${size%x*}" --height="${size#*x}" src/sample.xml
	done
done
case_ sample-page-ascii --ascii --page="$(cd "$srcdir" && "$FOLIO" --toc src/sample.xml | head -1 | cut -f1)" src/sample.xml
case_ sample-default --toc
case_ page-too-small --page=A1 --width=19 --height=5 src/sample.xml

# Every fixture through --check and --toc.
for f in "$F"/*.xml "$F"/*.txt; do
	[ -e "$f" ] || continue
	b=$(basename "$f")
	case_ "check-${b%.*}" --check "tests/fixtures/$b"
	case_ "toc-${b%.*}" --toc "tests/fixtures/$b"
done
case_ article-chain --article=lead tests/fixtures/chain-3pages-backward.xml
case_ article-cjk --width=30 --article="$(cd "$srcdir" && "$FOLIO" --toc tests/fixtures/cjk.xml | head -1 | cut -f2)" tests/fixtures/cjk.xml

# Search: accents and case forgiven, phrases, regular expressions, CJK.
case_ search-bridge --search=bridge src/sample.xml
case_ search-phrase --search="the regulars walked over" src/sample.xml
case_ search-accents --search="sao paulo" src/sample.xml
case_ search-smartcase --search=Courier src/sample.xml
case_ search-regex '--search=\rs(ch|k)ool' src/sample.xml
case_ search-cjk --search=石拱桥 src/sample.xml
case_ search-credit --search=wojcik src/sample.xml
case_ search-none --search=qwertyzzz src/sample.xml
case_ search-bad-regex '--search=\r(' src/sample.xml

# A page's text (pdftotext's) imported, or opened as it is.
for t in "$srcdir"/tests/fixtures/text/*.txt; do
	b=$(basename "$t" .txt)
	case_ "import-$b" --import-text="tests/fixtures/text/$b.txt" --page=A1 \
		--title="The Test Page" --date=2026-03-14
	case_ "text-toc-$b" --toc "tests/fixtures/text/$b.txt"
done
case_ import-missing --import-text=tests/fixtures/nope.txt
case_ import-title-alone --title=x --toc

# The README's captures are the views as they are now.
if sh "$srcdir/doc/update-readme.sh" --check "$srcdir" "$FOLIO" |
   cmp -s - "$srcdir/README.md"; then
	pass
else
	fail "README.md's captures are stale: run make readme"
fi

# The man pages render without a warning (groff -ww prints nothing).
if command -v groff >/dev/null; then
	for m in "$srcdir/doc/folio.1" "$srcdir/doc/folio-edition.5"; do
		w=$(groff -t -man -ww -z "$m" 2>&1)
		if [ -z "$w" ]; then pass; else fail "groff on $m: $w"; fi
	done
	w=$({ cat "$srcdir/doc/folio.ini.5.head"
	      "$FOLIO" -c /dev/null --dump-config=man
	      cat "$srcdir/doc/folio.ini.5.tail"; } | groff -man -ww -z 2>&1)
	if [ -z "$w" ]; then pass; else fail "groff on folio.ini.5: $w"; fi
fi

# Errors and usage.
case_ no-such-file --toc tests/fixtures/does-not-exist.xml
case_ no-such-article --article=nope src/sample.xml
case_ no-such-page --page=Z99 src/sample.xml
case_ bad-option --frobnicate
case_ bad-width --width=abc --toc
case_ two-views --toc --check src/sample.xml
case_ stdin-toc --toc - < "$S"

# The real newspaper page from ../shared, when it is there.
if [ -f "$SHARED/editions/seed-page.xml" ]; then
	case_ seed-check --check ../shared/editions/seed-page.xml
	case_ seed-toc --toc ../shared/editions/seed-page.xml
	case_ seed-article-silk-road --article=silk-road ../shared/editions/seed-page.xml
	case_ seed-page-120x40 --page=2 --width=120 --height=40 ../shared/editions/seed-page.xml
	case_ seed-page-80x24 --page=2 --width=80 --height=24 ../shared/editions/seed-page.xml
	case_ seed-search --search=cassius ../shared/editions/seed-page.xml
	case_ seed-import --import-text=../shared/seed/page.txt --page=2 \
		--title="Science and Technology Daily" --date=2025-05
	case_ seed-text-page --page=2 --width=120 --height=40 ../shared/seed/page.txt
	case_ seed-search-caption --search="toll station" ../shared/editions/seed-page.xml
fi
finish
