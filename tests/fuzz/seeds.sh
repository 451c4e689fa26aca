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
doc_max=60000		# bytes kept of a feed (the targets' -max_len: 64 KiB)

for t in fuzz_edition fuzz_text fuzz_layout fuzz_settings fuzz_store \
	 fuzz_search fuzz_rss fuzz_nitf fuzz_newsml fuzz_mets fuzz_sniff \
	 fuzz_html fuzz_textimport; do
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
	sed -e 's/<[^>]*>//g' -e 's/&[a-z#0-9]*;/ /g' "$1" |
		tr -s ' \n\t' '  ' | head -c "$text_max"
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
{
	printf 'the newspaper reader extraordinarily internationalization '
	printf 'supercalifragilisticexpialidocious long-term (hello) '
	printf '"quoted," end. 3.14 1/2 https://example.com/a/very/long/path '
	printf 'e\314\201t\303\251 na\303\257ve'
} >"$texts_dir/t1"
{
	printf '\347\247\221\346\212\200\346\227\245\346\212\245\343\200\202 '
	printf '\345\233\275\351\231\205 \343\200\214\346\235\261\344\272\254'
	printf '\343\200\215 \357\275\206\357\275\225 \360\237\221\215\360\237'
	printf '\217\275 \360\237\207\253\360\237\207\267 \360\237\221\250\342'
	printf '\200\215\360\237\221\251\342\200\215\360\237\221\247 \342\235'
	printf '\244\357\270\217'
} >"$texts_dir/t2"
{
	printf '\355\225\234\352\265\255\354\226\264 \341\204\200\341\205\241'
	printf '\341\206\250 a\302\240b \342\200\224 x\314\201\314\202 '
	printf 'a\342\200\213b a\302\255b \331\205\330\261\330\255\330\250\330'
	printf '\247 \340\270\240\340\270\262\340\270\251\340\270\262 '
	printf '\340\244\271\340\244\277\340\244\250\340\245\215'
	printf '\340\244\246\340\245\200'
	printf " \303\237 \$100 100%% e.g. don't"
} >"$texts_dir/t3"
{
	printf 'one\342\200\250two three\342\200\251 four\n\tfive '
	printf '\033[1mbold\033[0m \302\23331m red \302\235\061;x\007 '
	printf '\342\200\256evil\342\200\254 \342\201\246iso\342\201\251 \177 '
	printf '\357\277\275 \300\200 \355\240\200 \377 end'
} >"$texts_dir/t4"
{
	printf 'Caf\303\251 CAF\303\211 \357\254\201nal \357\254\201 '
	printf 'Stra\303\237e STRASSE \357\274\241\357\274\242 '
	printf '\357\275\201\357\275\202 \303\205ngstr\303\266m '
	printf '\304\260stanbul \316\243\317\203 co\303\266perate'
} >"$texts_dir/t5"

# text: width - 1, first width (128+: 1 + b % 80), hyphenator/lang/gap
heads_text="71 0 0
19 0 33
9 200 1
39 0 6
2 0 37
0 0 1
79 150 8
29 0 2"
# layout: width - 16, height - 4, drawing/lang/measure, gutter/columns
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
if [ -n "${FOLIO:-}" ] && [ -x "$FOLIO" ] &&
   ASAN_OPTIONS=detect_leaks=0 "$FOLIO" -c /dev/null --dump-config \
	>"$s/dump.ini" 2>/dev/null; then
	:
else
	rm -f "$s/dump.ini"
fi
cat >"$s/layout.ini" <<'END'
[layout]
column_width = 30
gutter = 1
min_columns = 2
max_columns = 4
justify = true
hyphenate = false
article_width = 60
END
cat >"$s/display.ini" <<'END'
[display]
color = always
ascii = true
theme = solarized-dark
headline = bold 33
kicker = red on 236
highlight = reverse yellow
status = 255 on 24 bold
END
cat >"$s/reader.ini" <<'END'
[display]
theme = light
color = never

[reader]
default_edition = ~/news/today.xml
escdelay = 0
END
cat >"$s/keys.ini" <<'END'
[keys]
next_screen = Space, x, C-n
quit = Q, C-c
search = /, F3
help = ?, F1
redraw = C-l, F12
next_part = Tab, Comma
prev_part = Shift-Tab
back = Backspace, Esc
END
cat >"$s/bad.ini" <<'END'
; comment
# comment
[Layout]
Column_Width = 500
gutter = -1
min_columns = 9
max_columns = 2
column_widht = 30
[dispaly]
color = sometimes
[keys]
quit = q
quit_screen = q
search = NotAKey
END
cat >"$s/quotes.ini" <<'END'
[layout]
justify = yes
hyphenate = 0
[display]
ascii = off
theme = "mono"
kicker = "bold cyan"
[reader]
default_edition = "a name" ; comment
escdelay = 25 ; ms
END
cat >"$s/broken.ini" <<'END'
[layout
column_width
= 3
[display]
color = auto\
  always
END
printf '[layout]\r\ngutter = 2\r\n' >"$s/crlf.ini"

# ---- the store: bookmark and state lines ("|" is a tab) ----

t=$out/fuzz_store
tab=$(printf '\t')
store() {
	sed "s/|/$tab/g" >"$t/$1"
}
store bookmarks <<'END'
# folio bookmarks 1: created, edition date, edition title, page, ...
1767225600|2026-01-01|The Daily|A1|budget|Council passes budget|/tmp/a.xml
1767225700|2026-01-01|The Daily|A12|storm|Storm\tclosed\nroads|
END
store state <<'END'
# folio reading state 1
title|The Daily
date|2026-01-01
place|A1|budget|0|page|-1|0
read|budget
read|storm
read|back\\slash
END
store state-article <<'END'
# folio reading state 1
place|A12|lead|2|article|3|120
read|lead
END
store bad <<'END'
0||||x||
12|2026|T|P|id|h|s|
abc|2026|T|P|id|h|s
5|2026|T|P||h|s
7|2026|T|P|id|h\q|s
place|||0|page|0|0
place|A||9999999|page|0|0
place|A||1|sideways|0|0
read|
read|a|b
END
cat "$t/bookmarks" "$t/state" >"$t/both"

# ---- feeds: three option bytes (fuzz_import in fuzz.h), then the file ----

# The files of ../shared/corpora/$1 (all, or the first $2 of its files in
# name order), under 32 KiB, leaving out what is not a document.
corpus() {
	[ -d "$shared/corpora/$1" ] || return 0
	find "$shared/corpora/$1" -type f -size -32k \
		! -name '*.json' ! -name '*.md' ! -name '*.txt' \
		! -name LICENSE ! -name '*.py' | LC_ALL=C sort |
		head -n "${2:-100000}"
}

# The option bytes put before the feeds, in turn: width - 16, height -
# 4, the source (fuzz_import: an HTTP charset, a URL), one file each.
hd=$texts_dir/heads
mkdir "$hd"
k=0
for h in "64 20 0" "104 36 0" "28 16 8" "184 56 0" "4 2 3" "45 5 0" \
	 "3 1 1" "232 148 5"; do
	bytes $h >"$hd/$k"
	k=$((k + 1))
done

# Those of the files named on standard input that hold an element named
# one of $2 (an extended regular expression) into target $1, each with
# the next option bytes.
feeds() {
	t=$1
	n=$(ls "$out/$t" | wc -l)
	tr '\n' '\0' |
	xargs -0 grep -lE "<([A-Za-z0-9_]+:)?($2)([[:space:]>/]|\$)" |
	while read -r f; do
		n=$((n + 1))
		cat "$hd/$((n % 8))" "$f" >"$out/$t/$n-${f##*/}"
	done
}

fixtures() {
	ls "$top"/tests/fixtures/feeds/* "$top"/tests/fixtures/mets/* \
	   "$top"/tests/fixtures/http/*
}

{
	fixtures
	corpus own-examples
	corpus feedparser/tests/wellformed
	corpus feedparser/tests/illformed
	corpus feedparser/tests/encoding
	corpus feedparser/tests/entities
	corpus feedvalidator/testcases
	corpus condenast-pam
	corpus superdesk-core-fixtures
} | feeds fuzz_rss 'rss|RDF|feed|channel'
{
	fixtures
	corpus own-examples
	corpus dti-nitf
	corpus superdesk-core-fixtures
	corpus iptc-newsml-g2
} | feeds fuzz_nitf 'nitf'
{
	fixtures
	corpus own-examples
	corpus iptc-newsml-g2
	corpus superdesk-core-fixtures
} | feeds fuzz_newsml 'newsMessage|packageItem|newsItem|knowledgeItem'
{
	fixtures
	corpus own-examples
} | feeds fuzz_mets 'mets|alto'
# The British Library's issue and pages, cut short.
for f in "$shared"/corpora/bl-mets-alto/demo-files/*/*/*/*.xml; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	{ cat "$hd/$((n % 8))"; head -c "$doc_max" "$f"; } \
		>"$out/fuzz_mets/$n-${f##*/}"
done

# METS issues with their ALTO pages beside them (byte 2, bit 4): the
# pages named 1.xml, 2.xml ... and put after the issue, cut by the
# separator fuzz.h names.
sep="
--next file--
"
m=$top/tests/fixtures/mets
for h in "64 20 16" "104 36 24" "4 2 16"; do
	set -- $h
	{
		bytes "$1" "$2" "$3"
		sed -e 's/"page1\.xml"/"1.xml"/; s/"\.\/page2\.xml"/".\/2.xml"/' \
			"$m/issue.xml"
		printf '%s' "$sep"
		cat "$m/page1.xml"
		printf '%s' "$sep"
		cat "$m/page2.xml"
	} >"$out/fuzz_mets/beside-$1"
done

# ---- the front door: a few files of every kind ----

n=0
{
	fixtures
	ls "$top"/tests/fixtures/*.xml "$top"/tests/fixtures/text/* \
	   "$top"/src/sample.xml
	for d in "$shared"/corpora/*/; do
		corpus "${d#"$shared"/corpora/}" 6
	done
	if [ -d "$shared/corpora/own-examples" ]; then
		ls "$shared"/corpora/own-examples/*.json
	fi
} | while read -r f; do
	n=$((n + 1))
	k=$((n % 8 + 1))
	set -- $(echo "$sizes" | sed -n "${k}p")
	# Byte 2: the prefix sniffed (bits 1-7), --check (bit 0) now and then.
	{ bytes "$1" "$2" $((n * 37 % 256)); head -c "$doc_max" "$f"; } \
		>"$out/fuzz_sniff/$n-${f##*/}"
done

# ---- HTML bodies: three option bytes (fuzz_html.c), then HTML ----

h=$out/fuzz_html
heads_html="64 20 0
104 36 1
28 16 2
184 56 4
4 2 6
45 5 41
3 1 77
232 148 150"
# The HTML of each RSS description or Atom content named on standard
# input, entities decoded, into $texts_dir/html/N.
mkdir "$texts_dir/html"
html_of() {
	tr '\n' '\0' | xargs -0 awk -v dir="$texts_dir/html" '
		FNR == 1 { done = 0 }
		!done && match($0, /<(content|description|summary)[^>]*>.*<\//) {
			s = substr($0, RSTART, RLENGTH - 2)
			sub(/^<[^>]*>/, "", s)
			gsub(/&lt;/, "<", s)
			gsub(/&gt;/, ">", s)
			gsub(/&quot;/, "\"", s)
			gsub(/&apos;/, "\047", s)
			gsub(/&amp;/, "\\&", s)
			if (s != "") {
				printf "%s", s >(dir "/" ++n)
				close(dir "/" n)
				done = 1
			}
		}'
}
{
	ls "$top"/tests/fixtures/feeds/*
	corpus feedparser/tests/wellformed/sanitize
	corpus feedparser/tests/wellformed/rss 60
	corpus feedparser/tests/wellformed/atom10 60
} | html_of
n=0
for f in "$texts_dir"/html/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	k=$((n % 8 + 1))
	set -- $(echo "$heads_html" | sed -n "${k}p")
	{ bytes "$1" "$2" "$3"; cat "$f"; } >"$h/$n"
done
# Bodies of two pages, several stories, links of every kind.
html() {
	name=$1
	shift
	{ bytes "$@"; cat; } >"$h/$name"
}
html jump 64 20 4 <<'END'
<p>The council passed the budget on Tuesday after a long night.</p>
<p>Members argued over the library and the buses.</p>
<p>Please see BUDGET, Page A12</p>
<p>The vote was close: five to four.</p>
END
printf '<h2>One</h2><p>First story.\f<p>Second <b>story</b>.\f<p>Third.' |
	html stories 104 36 58
printf '<p>A1 part of it.\f<p>The A12 part.\f<p>And B3.' |
	html pages 104 36 110
html links 45 5 1 <<'END'
<p><a href="javascript:alert(1)">js</a> <a href=" JAVASCRIPT:x">js2</a>
<a href="data:text/html,x">data</a> <a href="file:///etc/passwd">file</a>
<a href="rel/path">rel</a> <a href="//host/x">net</a>
<a href="http://example.com/ok">ok</a> <a href="mailto:a@b">mail</a>
<a href="java&#x09;script:x">tab</a> <a href="&#x1b;]8;;x">esc</a></p>
END
html hostile 184 56 1 <<'END'
<script>alert(1)</script><style>p{}</style><iframe src="x"></iframe>
<p>&#x1b;[31mred&#x1b;[0m &#x9b;31m &#x202e;evil&#x202c; a&#x200b;b
&#x1b;]52;c;aGVsbG8=&#x07; &nbsp;&mdash;&hellip;</p>
<figure><img src="a.jpg" alt="The mayor"><figcaption>The mayor,
smiling</figcaption></figure><img alt="&#x1b;[2J">
<blockquote>Quoted <em>words <strong>nested <a href="x">deep</a></strong></em>
</blockquote><ul><li>one<li>two</ul><table><tr><td>cell</table>
<div><div><div><p>deep</div></div></div><br><br/><hr>
END

# ---- a page's text: three option bytes (fuzz_textimport.c), then text ----

t=$out/fuzz_textimport
n=0
for f in "$top"/tests/fixtures/text/*.txt "$top"/tests/fixtures/*.txt \
	 "$shared"/seed/page.txt "$texts_dir"/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	k=$((n % 8 + 1))
	set -- $(echo "$sizes" | sed -n "${k}p")
	{ bytes "$1" "$2" $((n % 16)); head -c "$doc_max" "$f"; } \
		>"$t/$n-${f##*/}"
done
