#!/bin/sh
# seeds.sh OUTDIR: the seed corpora of the fuzz targets, one folder per
# target (OUTDIR/fuzz_edition/ ...), made from the project's fixtures,
# ../shared/editions and some of ../shared/corpora (when it is there),
# folio.ini files and store lines.  $FOLIO, when it names a built folio,
# gives the full folio.ini of --dump-config.
#
# The targets that take options in their first bytes (see each
# fuzz_*.c) get them here before the seed, a few sizes in turn.

set -e
out=${1:?usage: seeds.sh OUTDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=$top/../shared
text_max=3000		# bytes of text kept from each file

for t in fuzz_edition fuzz_text fuzz_layout fuzz_settings fuzz_store \
	 fuzz_search; do
	rm -rf "$out/$t"
	mkdir -p "$out/$t"
done

# The bytes given as decimal numbers.
bytes() {
	for b; do
		printf "\\$(printf %o "$b")"
	done
}

# ---- editions: a width and height byte, then the file ----

editions() {
	ls "$top"/tests/fixtures/*.xml "$top"/tests/fixtures/*.txt \
	   "$top"/src/sample.xml
	if [ -d "$shared/editions" ]; then
		ls "$shared"/editions/*.xml
	fi
	if [ -d "$shared/corpora" ]; then
		# Other formats: refused today, a start for their importers.
		for d in "$shared"/corpora/*/; do
			find "$d" -name '*.xml' -size -32k | LC_ALL=C sort |
				head -n 6
		done
	fi
}

# width - 16, height - 4 (+64: ASCII; +128 with width +128: --check)
sizes="64 20
104 36
28 16
184 56
4 2
45 5
3 1
232 148"
n=0
editions | while read -r f; do
	n=$((n + 1))
	k=$((n % 8 + 1))
	set -- $(echo "$sizes" | sed -n "${k}p")
	{ bytes "$1" "$2"; cat "$f"; } >"$out/fuzz_edition/$n-${f##*/}"
done

# ---- texts ----

# The words of a file, markup left out.
words() {
	sed -e 's/<[^>]*>//g' -e 's/&[a-z#0-9]*;/ /g' "$1" | tr -s ' \n\t' '  ' |
		head -c "$text_max"
}

texts_dir=$(mktemp -d)
trap 'rm -rf "$texts_dir"' EXIT
n=0
for f in "$top"/tests/fixtures/*.xml "$top"/src/sample.xml; do
	n=$((n + 1))
	words "$f" >"$texts_dir/$n"
done
# What tests/test_text.c wraps: long words, URLs, CJK, emoji and flags,
# combining marks, Hangul jamo, Thai, Devanagari, soft hyphens, zero-width
# and line separators, NBSP, escapes and C1 controls, bidi controls.
printf 'the newspaper reader extraordinarily internationalization supercalifragilisticexpialidocious long-term (hello) "quoted," end. 3.14 1/2 https://example.com/a/very/long/path e\314\201t\303\251 na\303\257ve' >"$texts_dir/t1"
printf '\347\247\221\346\212\200\346\227\245\346\212\245\343\200\202 \345\233\275\351\231\205 \343\200\214\346\235\261\344\272\254\343\200\215 \357\275\206\357\275\225 \360\237\221\215\360\237\217\275 \360\237\207\253\360\237\207\267 \360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247 \342\235\244\357\270\217' >"$texts_dir/t2"
printf '\355\225\234\352\265\255\354\226\264 \341\204\200\341\205\241\341\206\250 a\302\240b \342\200\224 x\314\201\314\202 a\342\200\213b a\302\255b \331\205\330\261\330\255\330\250\330\247 \340\270\240\340\270\262\340\270\251\340\270\262 \340\244\271\340\244\277\340\244\250\340\245\215\340\244\246\340\245\200 \303\237 $100 100%% e.g. don'"'"'t' >"$texts_dir/t3"
printf 'one\342\200\250two three\342\200\251 four\n\tfive \033[1mbold\033[0m \302\23331m red \302\235\061;x\007 \342\200\256evil\342\200\254 \342\201\246iso\342\201\251 \177 \357\277\275 \300\200 \355\240\200 \377 end' >"$texts_dir/t4"
printf 'Caf\303\251 CAF\303\211 \357\254\201nal \357\254\201 Stra\303\237e STRASSE \357\274\241\357\274\242 \357\275\201\357\275\202 \303\205ngstr\303\266m \304\260stanbul \316\243\317\203 co\303\266perate' >"$texts_dir/t5"

# text: width - 1, first width (128+: 1 + b % 80), hyphenator/lang/gap
heads_text="71 0 0
19 0 33
9 200 1
39 0 6
2 0 37
0 0 1
79 150 8
29 0 2"
heads_layout="64 20 4 0
104 36 7 19
28 16 38 51
184 56 9 99
4 2 0 0
45 5 0 0
3 1 12 163
232 148 6 16"
n=0
for f in "$texts_dir"/*; do
	n=$((n + 1))
	k=$((n % 8 + 1))
	set -- $(echo "$heads_text" | sed -n "${k}p")
	{ bytes "$1" "$2" "$3"; cat "$f"; } >"$out/fuzz_text/$n"
	set -- $(echo "$heads_layout" | sed -n "${k}p")
	{ bytes "$1" "$2" "$3" "$4"; cat "$f"; } >"$out/fuzz_layout/$n"
done

# ---- search: the first line a query, the rest the text ----

n=0
for q in the council Budget cafe 'Café' 'STRASSE' 'ﬁnal' 'ß' '国际' \
	 'e.g.' "don't" '\rc[a-z]+' '\r^The' '\r[[:digit:]]+' \
	 '\r(a|b)*c' '\rB[a-z]*t' '\r' 'two three' 'x' ' ' '\r.'; do
	for f in "$texts_dir"/t5 "$texts_dir"/1 "$texts_dir"/t1 \
		 "$texts_dir"/t3; do
		n=$((n + 1))
		{ printf '%s\n' "$q"; cat "$f"; } >"$out/fuzz_search/$n"
	done
done

# ---- folio.ini ----

s=$out/fuzz_settings
if [ -n "$FOLIO" ] && [ -x "$FOLIO" ] &&
   ASAN_OPTIONS=detect_leaks=0 "$FOLIO" -c /dev/null --dump-config \
	>"$s/dump.ini" 2>/dev/null; then
	:
else
	rm -f "$s/dump.ini"
fi
printf '[layout]\ncolumn_width = 30\ngutter = 1\nmin_columns = 2\nmax_columns = 4\njustify = true\nhyphenate = false\narticle_width = 60\n' >"$s/layout.ini"
printf '[display]\ncolor = always\nascii = true\ntheme = solarized-dark\nheadline = bold 33\nkicker = red on 236\nhighlight = reverse yellow\nstatus = 255 on 24 bold\n' >"$s/display.ini"
printf '[display]\ntheme = light\ncolor = never\n\n[reader]\ndefault_edition = ~/news/today.xml\nescdelay = 0\n' >"$s/reader.ini"
printf '[keys]\nnext_screen = Space, x, C-n\nquit = Q, C-c\nsearch = /, F3\nhelp = ?, F1\nredraw = C-l, F12\nnext_part = Tab, Comma\nprev_part = Shift-Tab\nback = Backspace, Esc\n' >"$s/keys.ini"
printf '; comment\n# comment\n[Layout]\nColumn_Width = 500\ngutter = -1\nmin_columns = 9\nmax_columns = 2\ncolumn_widht = 30\n[dispaly]\ncolor = sometimes\n[keys]\nquit = q\nquit_screen = q\nsearch = NotAKey\n' >"$s/bad.ini"
printf '[layout]\njustify = yes\nhyphenate = 0\n[display]\nascii = off\ntheme = "mono"\nkicker = "bold cyan"\n[reader]\ndefault_edition = "a \\"quoted\\" name" ; comment\nescdelay = 25 ; ms\n' >"$s/quotes.ini"
printf '[layout\ncolumn_width\n= 3\n[display]\ncolor = auto\\\n  always\n' >"$s/broken.ini"

# ---- the store: bookmark and state lines ----

t=$out/fuzz_store
printf '# folio bookmarks 1: created, edition date, edition title, page, article id, headline, source\n1767225600\t2026-01-01\tThe Daily\tA1\tbudget\tCouncil passes budget\t/tmp/a.xml\n1767225700\t2026-01-01\tThe Daily\tA12\tstorm\tStorm\\tclosed\\nroads\t\n' >"$t/bookmarks"
printf '# folio reading state 1\ntitle\tThe Daily\ndate\t2026-01-01\nplace\tA1\tbudget\t0\tpage\t-1\t0\nread\tbudget\nread\tstorm\nread\tback\\\\slash\n' >"$t/state"
printf '# folio reading state 1\nplace\tA12\tlead\t2\tarticle\t3\t120\nread\tlead\n' >"$t/state-article"
printf '0\t\t\t\tx\t\t\n12\t2026\tT\tP\tid\th\ts\t\nabc\t2026\tT\tP\tid\th\ts\n5\t2026\tT\tP\t\th\ts\n7\t2026\tT\tP\tid\th\\q\ts\nplace\t\t\t0\tpage\t0\t0\nplace\tA\t\t9999999\tpage\t0\t0\nplace\tA\t\t1\tsideways\t0\t0\nread\t\nread\ta\tb\n' >"$t/bad"
cat "$t/bookmarks" "$t/state" >"$t/both"
