#!/bin/sh
# Hostile and broken input: each file must end in a clear message with the
# right exit status, or a loaded edition; never a crash, a hang, unbounded
# memory, or a byte of a file the edition points at.
. "$srcdir/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 "$srcdir/tests/fixtures/make-hostile.py" "$T" >/dev/null ||
	fail "make-hostile.py"

# run FILE WANT-STATUS [PATTERN]: --check exits WANT-STATUS within 30 s,
# peak memory under 400 MB (1.5 GB under sanitizers), PATTERN in the output.
# $SECS and $KB (and $SAN_KB under sanitizers) change the bounds.
run() {
	file=$1 want=$2 pat=${3:-}
	python3 - "$FOLIO" "$file" "${SECS:-30}" > "$T/result" 2> "$T/out" <<'PY'
import resource, subprocess, sys
try:
    p = subprocess.run([sys.argv[1], "--check", sys.argv[2]],
                       timeout=int(sys.argv[3]),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sys.stderr.buffer.write(p.stdout)
    rc = p.returncode
except subprocess.TimeoutExpired:
    rc = "timeout"
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(rc, kb)
PY
	read -r rc kb < "$T/result"
	limit=${KB:-400000}
	grep -q sanitize "$FOLIO" 2>/dev/null && limit=${SAN_KB:-1500000}
	if [ "$rc" != "$want" ]; then
		fail "$(basename "$file"): exit $rc, want $want"; head -3 "$T/out" >&2
	elif [ "$kb" -gt "$limit" ]; then
		fail "$(basename "$file"): peak memory ${kb} KB"
	elif [ -n "$pat" ] && ! grep -q -- "$pat" "$T/out"; then
		fail "$(basename "$file"): no \"$pat\" in:"; head -3 "$T/out" >&2
	elif grep -q 'root:x:0' "$T/out"; then
		fail "$(basename "$file"): leaked /etc/passwd"
	else
		pass
	fi
}

F="$srcdir/tests/fixtures"
run "$T/huge-attribute.xml" 0
run "$T/deep-nesting.xml" 65 ':[0-9]*:[0-9]*: error: '
run "$T/huge-text-node.xml" 65 "huge text node"
run "$F/empty.xml" 65 'error'
run "$F/not-xml.txt" 0
run "$F/junk.bin" 65 ':1:1: error'
run "$F/truncated.xml" 65 ':[0-9]*:[0-9]*: error'
run "$F/bad-utf8.xml" 65 'error'
run "$F/esc-byte.xml" 65 'error'
run "$F/not-edition.xml" 65 'not an edition'
run "$F/no-pages.xml" 65 'no pages'
run "$F/xxe.xml" 0
run "$F/external-dtd.xml" 0
run "$F/billion-laughs.xml" 65
run "$T/does-not-exist.xml" 66 'cannot open'

# clean FILE...: each is UTF-8 holding nothing that drives a terminal: no
# NUL or other C0 control but tab, newline and form feed (between the
# screens of a page view), no DEL, no C1 control, no bidi control.  Says
# which are not, and how.
clean() {
	python3 - "$@" <<'PY'
import re, sys
bad = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f"
                 "\u202a-\u202e\u2066-\u2069]")
ok = True
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print("%s: not UTF-8 at byte %d" % (name, e.start)); ok = False
        continue
    m = bad.search(text)
    if m:
        print("%s: U+%04X at %d: %r" % (name, ord(m.group()), m.start(),
              text[max(0, m.start() - 20):m.start() + 20])); ok = False
sys.exit(0 if ok else 1)
PY
}

# Text that would reach the terminal: no control bytes, no escapes.
for v in --toc "--page=$("$FOLIO" --toc "$F/control-chars.xml" | head -1 | cut -f1)"; do
	"$FOLIO" "$v" "$F/control-chars.xml" > "$T/cc" 2>&1
	if clean "$T/cc" >&2; then pass; else
		fail "control characters reach the output of $v"; fi
done

# An edition in UTF-16 and UTF-32, with a BOM (UTF-16, UTF-32) and
# without (the BE and LE forms): the same contents as in UTF-8.
"$FOLIO" --toc "$srcdir/src/sample.xml" > "$T/toc-utf8"
for enc in UTF-16 UTF-16BE UTF-16LE UTF-32 UTF-32BE; do
	sed "1s/encoding=\"UTF-8\"/encoding=\"$enc\"/" "$srcdir/src/sample.xml" |
		iconv -f UTF-8 -t $enc > "$T/sample-$enc.xml"
	if "$FOLIO" --toc "$T/sample-$enc.xml" 2>&1 | cmp -s - "$T/toc-utf8"
	then pass; else fail "the edition in $enc: other contents"; fi
done
# A NUL byte in an edition: refused where it is (a feed, read in
# recovery mode, goes on: below).
printf '<?xml version="1.0"?>\n<edition version="1" title="N" date="2026-01-01"><page number="1"><article id="a"><headline>H\000i</headline><p>x</p></article></page></edition>\n' > "$T/nul-edition.xml"
run "$T/nul-edition.xml" 65 ':2:[0-9]*: error: a control character (0x00), which XML does not allow'

# ---- feeds (tests/fixtures/make-hostile-feeds.py says what each tries) ----
H="$T/feeds"
python3 "$srcdir/tests/fixtures/make-hostile-feeds.py" "$H" ||
	fail "make-hostile-feeds.py"
run "$H/escapes-xml11.xml" 0 "recovery mode"
run "$H/escapes-html.xml" 0
run "$H/raw-controls.xml" 0 "a control character (0x00), which XML does not allow"
run "$H/links.xml" 0 'a link that is not http(s) is not kept: "javascript:'
run "$H/xxe.xml" 0
run "$H/laughs.xml" 65 "past the parser's limits"
run "$H/quadratic.xml" 65 "entity"
run "$H/deep.xml" 65 "past the parser's limits"
run "$H/huge-text.xml" 65 "past the parser's limits"
run "$H/long-label.xml" 0
run "$H/many-pages.xml" 0
# An edition of 10^6 pages (99 MB): loads, in 4 s and 480 MB here (13 s
# and 1.1 GB under ASan).
python3 - "$T/million.xml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?>\n'
            '<edition version="1" title="Million" date="2026-01-01">\n')
    for i in range(1000000):
        f.write('<page number="P%d"><article id="a%d"><headline>H%d'
                '</headline><p>x</p></article></page>\n' % (i, i, i))
    f.write('</edition>\n')
PY
SECS=120 KB=1000000 SAN_KB=2500000 run "$T/million.xml" 0
unset SECS KB SAN_KB	# sh may keep what a function call was given
if [ "$("$FOLIO" --toc "$T/million.xml" | tail -n 1)" = \
     "$(printf 'P999999\ta999999\t1/1\tH999999')" ]; then pass; else
	fail "the millionth page is not in the contents"; fi
rm -f "$T/million.xml"
run "$H/duplicate-ids.xml" 0
run "$H/nul.xml" 0
run "$H/utf16le-nobom.xml" 0
run "$H/utf16be-bom.xml" 0
run "$H/utf32-bom.xml" 0
run "$H/utf32be-nobom.xml" 0
run "$H/overlong.xml" 0
run "$H/truncated.xml" 0 "recovery mode"
run "$H/empty-rss.xml" 0 "the feed has no items"

# Nothing a feed holds reaches the terminal as a control: every view of
# every article, at two widths.
for f in escapes-xml11 escapes-html raw-controls links nul overlong \
	 utf16le-nobom; do
	rm -rf "$T/views" && mkdir "$T/views"
	"$FOLIO" --toc "$H/$f.xml" > "$T/views/toc" 2>&1
	"$FOLIO" --check "$H/$f.xml" > "$T/views/check" 2>&1
	"$FOLIO" "--page=$("$FOLIO" --toc "$H/$f.xml" | head -1 | cut -f1)" \
		"$H/$f.xml" > "$T/views/page" 2>&1
	for id in $("$FOLIO" --toc "$H/$f.xml" 2>/dev/null | cut -f2); do
		for w in 30 100; do
			"$FOLIO" --width=$w --article="$id" "$H/$f.xml" \
				> "$T/views/$id-$w" 2>&1
		done
	done
	if [ "$(ls "$T/views" | wc -l)" -lt 5 ]; then
		fail "$f: no article to look at"
	elif (cd "$T/views" && clean *) >&2; then pass; else
		fail "$f: controls reach the output"; fi
done
# ...and every item is there, its text with it: escapes dropped, not
# what is around them.
toc_ids() { "$FOLIO" --toc "$1" 2>/dev/null | cut -f2 | tr '\n' ' '; }
want="head-0 cdata-0 head-1 cdata-1 head-2 cdata-2 head-3 cdata-3 head-4 cdata-4 head-5 cdata-5 head-6 cdata-6 "
if [ "$(toc_ids "$H/escapes-html.xml")" = "$want" ]; then pass; else
	fail "escapes-html: items $(toc_ids "$H/escapes-html.xml")"; fi
bad=""
for i in 0 1 2 3 4 5 6; do
	"$FOLIO" --width=200 --article=head-$i "$H/escapes-html.xml" |
		grep -q "^Para $i .* end$" || bad="$bad head-$i"
	"$FOLIO" --width=200 --article=cdata-$i "$H/escapes-html.xml" |
		grep -q "^CDATA $i .* end$" || bad="$bad cdata-$i"
done
if [ -z "$bad" ]; then pass; else fail "escapes-html: text lost in$bad"; fi
if [ "$(toc_ids "$H/raw-controls.xml")" = "raw-0 raw-1 raw-2 raw-3 raw-4 " ] &&
   [ "$("$FOLIO" --article=raw-4 "$H/raw-controls.xml" | grep -c \
	'^Raw 4 text$\|^Body 4 \[2J cdata$')" = 2 ]; then pass; else
	fail "raw-controls: an item or its text lost"; fi
if [ "$("$FOLIO" --toc "$H/nul.xml" 2>/dev/null)" = "$(printf 'NUL\tab\t1/1\tab')" ]
then pass; else fail "nul: $("$FOLIO" --toc "$H/nul.xml" 2>&1 | head -3)"; fi
# Zero-width characters at a label's edges are not part of it: the pages
# "<ZW>Label<ZW>" and "Label<ZW>" are the page Label, as they look.
if [ "$("$FOLIO" --toc "$H/escapes-html.xml" | cut -f1 | sort -u)" = Label ] &&
   "$FOLIO" --page=Label "$H/escapes-html.xml" > /dev/null; then pass; else
	fail "escapes-html: zero-width characters make other page labels"; fi
# The same feed in UTF-16 and UTF-32, with a BOM and without: the same.
for f in utf16le-nobom utf16be-bom utf32-bom utf32be-nobom; do
	if [ "$("$FOLIO" --toc "$H/$f.xml" 2>/dev/null)" = \
	     "$(printf 'Wide Ch\303\242teau \346\226\260\350\201\236\tete\t1/1\t\303\211t\303\251 \346\262\263')" ]
	then pass; else fail "$f: $("$FOLIO" --toc "$H/$f.xml" 2>&1 | head -2)"; fi
done
# A broken feed in ISO-2022-JP, read in recovery mode: its ESCs are its
# encoding, kept for the decoder (the controls XML forbids are not).
python3 -c 'import sys
open(sys.argv[1], "wb").write(("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>\n"
    "<rss version=\"2.0\"><channel><title>\u65e5\u672c\u8a9e</title><item>"
    "<title>\u6a4b</title></item><item><title>x</titl></item></channel></rss>\n"
    ).encode("iso2022_jp"))' "$T/iso2022.xml"
if [ "$("$FOLIO" --toc "$T/iso2022.xml" 2>/dev/null | head -1)" = \
     "$(printf '\346\227\245\346\234\254\350\252\236\tstory-1\t1/1\t\346\251\213')" ]
then pass; else fail "iso2022: $("$FOLIO" --toc "$T/iso2022.xml" 2>&1 | head -3)"; fi
# Overlong forms are not read as the characters they would spell.
if "$FOLIO" --toc "$H/overlong.xml" 2>&1 | grep -q 'Bad /'; then
	fail "overlong: an overlong / read as /"; else pass; fi
# The same guid on 50 items: 50 articles, each its own.
if [ "$("$FOLIO" --toc "$H/duplicate-ids.xml" 2>/dev/null | cut -f2 |
	sort -u | wc -l)" = 50 ]; then pass; else
	fail "duplicate-ids: not 50 distinct articles"; fi
# Links with other schemes than http(s) are never kept as links.
if "$FOLIO" --article=link-3 "$H/links.xml" | grep -q "On the web: file:"; then
	fail "a file: link kept"; else pass; fi
# External entities and DTDs: never read.
if "$FOLIO" --article="$("$FOLIO" --toc "$H/xxe.xml" | cut -f2)" "$H/xxe.xml" |
   grep -q "root:"; then fail "xxe: /etc/passwd read"; else pass; fi
# A DTD beside the file, naming /etc/passwd in an entity and a parameter
# entity, and declaring one of its own: never read, in an edition or a
# feed (its own entity stays unknown: the proof).
mkdir "$T/dtd"
cat > "$T/dtd/evil.dtd" <<'DTD'
<!ENTITY secret SYSTEM "file:///etc/passwd">
<!ENTITY greeting "Hello from the DTD">
<!ENTITY % pe SYSTEM "file:///etc/passwd">
%pe;
DTD
cat > "$T/dtd/edition.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE edition SYSTEM "evil.dtd" [
  <!ENTITY % inner SYSTEM "evil.dtd">
  %inner;
]>
<edition version="1" title="The DTD Times" date="2026-03-14">
  <page number="1"><article id="a"><headline>Before &secret; &greeting;
  after</headline><p>Body</p></article></page>
</edition>
XML
sed -e 's/DOCTYPE edition/DOCTYPE rss/' -e '6,$d' "$T/dtd/edition.xml" \
	> "$T/dtd/feed.xml"
printf '%s\n' '<rss version="2.0"><channel><title>DTD</title><item>' \
	'<title>Before &secret; &greeting; after</title></item></channel></rss>' \
	>> "$T/dtd/feed.xml"
for f in edition feed; do
	out=$("$FOLIO" --check "$T/dtd/$f.xml" 2>&1
	      "$FOLIO" --toc "$T/dtd/$f.xml" 2>&1)
	case $out in
	*root:*|*Hello*) fail "local DTD ($f): read: $out" ;;
	*"Before after"*) pass ;;
	*) fail "local DTD ($f): $out" ;;
	esac
done
# A folio.ini that is a folder or a FIFO: said, exit 66, no hang.
mkdir -p "$T/cfg/folio/folio.ini" "$T/cfg2/folio"
mkfifo "$T/cfg2/folio/folio.ini"
for how in "-c $T/cfg/folio/folio.ini" "XDG_CONFIG_HOME=$T/cfg" \
	   "XDG_CONFIG_HOME=$T/cfg2" "-c $T/cfg2/folio/folio.ini"; do
	case $how in
	-c*) out=$(timeout 10 "$FOLIO" ${how%% *} "${how#* }" --toc 2>&1) ;;
	*) out=$(env "$how" timeout 10 "$FOLIO" --toc 2>&1) ;;
	esac
	rc=$?
	case $rc:$out in
	66:*"folio.ini: error: cannot read: a folder, not a file"*|\
	66:*"folio.ini: error: cannot read: a FIFO, not a file"*) pass ;;
	*) fail "folio.ini ($how): exit $rc: $out" ;;
	esac
done
# Names folio is given (a file, an id, a page) reach its messages
# escaped: a file name with CSI, OSC 52 and a C1 control, and ids with
# OSC 8 and a bidi override.
esc=$(printf '\033[2J\033]52;c;aGk=\007\302\233\342\200\256')
cp "$srcdir/src/sample.xml" "$T/name$esc.xml"
printf '<x' > "$T/bad$esc.xml"
bad=""
for args in "--check $T/bad$esc.xml" "--toc $T/gone$esc.xml" \
	    "--page=p$esc $T/name$esc.xml" "--article=a$esc $T/name$esc.xml" \
	    "--width=9$esc $T/name$esc.xml" "--export=x$esc --bookmarks"; do
	# shellcheck disable=SC2086
	(IFS=' '; "$FOLIO" $args) > "$T/cc" 2>&1
	grep -q 'x1B' "$T/cc" || bad="$bad [no \\x1B: $(head -c 80 "$T/cc")]"
	clean "$T/cc" >&2 || bad="$bad [controls: $args]"
done
if [ -n "$bad" ]; then fail "escapes in names reach messages:$bad"; else pass; fi
# A label of 10 kB stays on one line of the page view's header.
"$FOLIO" --page="$("$FOLIO" --toc "$H/long-label.xml" | cut -f1)" \
	--width=80 --height=24 "$H/long-label.xml" > "$T/ll"
if python3 -c 'import sys
sys.exit(any(len(l.rstrip("\n\f")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$T/ll"
then pass; else fail "a 10 kB page label overflows the page view"; fi
finish
