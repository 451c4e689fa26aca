#!/bin/sh
# Editions and feeds over http: ./folio against tests/httpd.py on
# 127.0.0.1 (the cache, 304, errors with and without a cached copy, a
# feed with its HTTP charset, a feed of editions).  The fetching itself
# is tested closer in tests/test_fetch.c.
. "$srcdir/tests/lib.sh"

export XDG_CACHE_HOME="$TESTHOME/cache"
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy NO_PROXY no_proxy
FIFO="$TESTHOME/httpd.in"
mkfifo "$FIFO"
python3 "$srcdir/tests/httpd.py" < "$FIFO" > "$TESTHOME/ports" &
exec 3> "$FIFO"	# the server ends when this closes
for i in 1 2 3 4 5 6 7 8 9 10; do
	[ -s "$TESTHOME/ports" ] && break
	sleep 0.5
done
PORT=$(cut -d' ' -f1 < "$TESTHOME/ports")
if [ -z "$PORT" ]; then
	fail "tests/httpd.py did not start"
	finish
	exit 1
fi
U="http://127.0.0.1:$PORT"

# expect NAME STATUS PATTERN ARGS...: folio's status, and its output
# (stdout and stderr) holding PATTERN (grep -E; empty: anything).
expect() {
	name=$1 want=$2 pat=$3; shift 3
	out=$("$FOLIO" "$@" 2>&1)
	got=$?
	if [ "$got" != "$want" ]; then
		fail "$name: exit $got, not $want: folio $*"
		printf '%s\n' "$out" | head -5 >&2
	elif [ -n "$pat" ] && ! printf '%s\n' "$out" | grep -Eq -- "$pat"; then
		fail "$name: no /$pat/ in the output of folio $*"
		printf '%s\n' "$out" | head -5 >&2
	else
		pass
	fi
}

# same NAME ARGS-A -- ARGS-B: the two outputs are the same
same() {
	name=$1; shift
	a="" b=""
	while [ "$1" != -- ]; do a="$a $1"; shift; done
	shift
	# shellcheck disable=SC2086
	if [ "$(cd "$srcdir" && "$FOLIO" $a 2>&1)" = "$(cd "$srcdir" && "$FOLIO" "$@" 2>&1)" ]; then
		pass
	else
		fail "$name: folio$a differs from folio $*"
	fi
}

stats() { python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode())" "$U/stats/$1"; }

# The edition, then again from the cache on 304.
same fetch-toc --toc src/sample.xml -- --toc "$U/ok"
same fetch-toc-304 --toc src/sample.xml -- --toc "$U/ok"
case $(stats ok) in
*"304=1"*) pass ;;
*) fail "fetch-304: the second fetch was not answered 304: $(stats ok)" ;;
esac
same fetch-article --article=canal-bridge src/sample.xml -- --article=canal-bridge "$U/ok"
same fetch-gzip --toc src/sample.xml -- --toc "$U/gzip"
same fetch-redirect --toc src/sample.xml -- --toc "$U/redirect"

# Errors with no cached copy: a clear message, exit 69 (EX_UNAVAILABLE).
expect fetch-404 69 "HTTP 404" --toc "$U/404"
expect fetch-loop 69 "redirect" --toc "$U/loop"
expect fetch-truncated 69 "cut short" --toc "$U/truncated"
expect fetch-refused 69 "refused" --toc "http://127.0.0.1:1/edition.xml"
expect fetch-file-redirect 69 "" --toc "$U/to-file"

# With a cached copy: the copy, and a note that says so.
expect fetch-var-ok 0 "canal-bridge" --toc "$U/var/a"
stats mode/a/500 >/dev/null 2>&1; python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]).read()" "$U/mode/a/500"
expect fetch-var-500 0 "HTTP 500: showing the copy fetched" --toc "$U/var/a"
python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]).read()" "$U/mode/a/truncated"
expect fetch-var-cut 0 "showing the copy fetched" --toc "$U/var/a"
expect fetch-var-cut-toc 0 "canal-bridge" --toc "$U/var/a"

# Feeds over http: the same as from the file; the HTTP charset read.
same fetch-rss --toc tests/fixtures/feeds/rss-sections.xml -- --toc "$U/fixture/feeds/rss-sections.xml"
same fetch-atom --article=markets-mood tests/fixtures/feeds/atom-types.xml -- --article=markets-mood "$U/fixture/feeds/atom-types.xml"
expect fetch-charset 0 "Мост откроют в понедельник" --toc "$U/fixture/http/koi8r-undeclared.xml?type=text/xml&charset=KOI8-R"

# A feed of editions: its enclosures resolved against the feed's URL.
expect fetch-stand 0 "The sample" --toc "$U/stand"
# ...never a file of this machine (each said), while "/ok" is on the web.
out=$("$FOLIO" --check "$U/fixture/http/stand-file.xml" 2>&1)
case $out in
*root:*) fail "stand-file: read /etc/passwd" ;;
*'"/ok" is not kept'*) fail "stand-file: /ok taken for a file: $out" ;;
*':6: warning: an edition offered by a feed from the web must be on the web: "file:///etc/passwd" is not kept'*':8: warning: '*'"FILE://localhost/etc/shadow" is not kept'*) pass ;;
*) fail "stand-file: $out" ;;
esac

# A DTD, an external entity and a parameter entity on a server that
# answers, named by an edition, a feed and a NITF file: none is ever
# asked for (the server counts the requests for each route).
for kind in edition rss nitf; do
	case $kind in
	edition) root='<edition version="1" title="Net" date="2026-03-14"><page number="1"><article id="a"><headline>H &ent;</headline><p>x</p></article></page></edition>' ;;
	rss) root='<rss version="2.0"><channel><title>Net &ent;</title><item><title>T &ent;</title></item></channel></rss>' ;;
	nitf) root='<nitf><head><title>Net</title></head><body><body.head><hedline><hl1>H &ent;</hl1></hedline></body.head><body.content><p>x</p></body.content></body></nitf>' ;;
	esac
	cat > "$TESTHOME/net-$kind.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE $kind SYSTEM "$U/var/dtd-$kind" [
  <!ENTITY ent SYSTEM "$U/var/ent-$kind">
  <!ENTITY % pe SYSTEM "$U/var/pe-$kind">
  %pe;
]>
$root
XML
	"$FOLIO" --check "$TESTHOME/net-$kind.xml" > /dev/null 2>&1
	"$FOLIO" --toc "$TESTHOME/net-$kind.xml" > /dev/null 2>&1
done
bad=""
for kind in edition rss nitf; do
	for r in dtd ent pe; do
		[ "$(stats "var/$r-$kind")" = "200=0 304=0 conditional=0 proxied=0" ] ||
			bad="$bad $r-$kind"
	done
done
# (And the server counts: the route asked for once is counted once.)
"$FOLIO" --toc "$U/var/counted" > /dev/null 2>&1
[ "$(stats var/counted)" = "200=1 304=0 conditional=0 proxied=0" ] ||
	bad="$bad [the server does not count: $(stats var/counted)]"
if [ -z "$bad" ]; then pass; else fail "asked the server for:$bad"; fi

exec 3>&-
finish
