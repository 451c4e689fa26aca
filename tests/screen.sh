#!/bin/sh
# Screen tests: the real ./folio in tmux, driven with send-keys and read
# with capture-pane (tests/tmux.sh).  Skipped (77) when tmux is missing.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tmux.sh"

start 80 24
expect "Page A1" "opens on the first page"
expect "screen 1/3" "status line"
keys Space
expect "screen 2/3" "SPACE turns the screen"
keys b
expect "screen 1/3" "b turns back"
keys PgDn
expect "screen 2/3" "PgDn turns the screen"
keys PgUp
expect "screen 1/3" "PgUp turns back"
keys f
expect "screen 2/3" "f turns the screen"
keys g
expect "screen 1/3" "g goes to the top"
keys G
expect "screen 3/3" "G goes to the bottom"
keys Home
expect "screen 1/3" "Home goes to the top"
keys j
expect "screen 2/3" "j makes the next part current, on its screen"
keys k
expect "screen 1/3" "k makes the previous part current"
keys Tab
expect "screen 2/3" "Tab: next part"
keys BTab
expect "screen 1/3" "Shift-Tab: previous part"
keys J
expect "screen 2/3" "J: next part"
keys K
expect "screen 1/3" "K: previous part"
keys ']'
expect "Page A2" "] goes to the next page"
keys '['
expect "Page A1" "[ comes back"
keys Enter
expect "article: Canal Street bridge" "Enter opens the article view"
expect "page A1" "the article view starts on the part's page"
keys j
expect "line 2/" "j scrolls a line"
keys k
expect "line 1/" "k scrolls back"
keys Space
expect "line 23/" "SPACE scrolls a screen"
keys b
expect "line 1/" "b scrolls back a screen"
keys '>'
expect "page A12" "> goes to the next part of the article"
keys '<'
expect "page A1 " "< goes back to the part before"
keys G
expect "(end)" "G goes to the end"
keys q
expect "screen 1/3" "q returns to the page view"
keys '>'
expect "Page A12" "> follows the jump to A12"
keys '>'
expect "Page A2" "> follows the next jump, backwards in the paper, to A2"
keys '<'
expect "Page A12" "< comes back to A12"
keys H
expect "Page A2" "H goes back in history"
keys H
expect "Page A12" "H again"
keys BSpace
expect "Page A1 " "Backspace goes back too"
keys L
expect "Page A12" "L goes forward"
keys t
expect "contents" "t opens the contents"
expect "more than a ye…  (cont. from A1)  (cont. on A2)" "a contents row too long cuts its headline, not its jumps"
keys g j Enter
expect "Page A1 " "Enter in the contents goes to the part's page"
keys t
keys q
expect "Page A1 " "q closes the contents"
keys p B 1 Enter
expect "Page B1" "p asks for a page and goes there"
keys p z z Enter
expect 'no page "zz"' "p names a page that is not there"
keys p Escape
expect "screen 1/" "Escape closes the prompt"
keys '?'
expect "next screen (past the last: next page)" "? shows every key"
expect "Space, PgDn, f" "the help names the keys from the key table"
expect "next_screen" "the help names the actions as folio.ini does"
expect "                                      its bookmark" "a help too long for its line goes on under itself"
keys G j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
expect "C-l                    redraw        redraw the screen" "the help scrolls down to its last key"
keys q
expect "Page B1" "q closes the help"
keys C-l
expect "Page B1" "Ctrl-L redraws"
keys x
expect "no key x here" "an unbound key says so"
keys '['
keys '['
keys '['
keys '['
expect "Page A1 " "back to A1"
for size in 40x12 20x6 120x40; do
	tmux -S "$SOCK" resize-window -x "${size%x*}" -y "${size#*x}" 2>/dev/null
	sleep 0.4
	expect "Page A1" "re-laid out at $size, same page"
	expect "screen 1/" "re-laid out at $size, same place"
done
tmux -S "$SOCK" resize-window -x 7 -y 3 2>/dev/null
sleep 0.4
expect "too sma" "a message at 7x3"
tmux -S "$SOCK" resize-window -x 15 -y 5 2>/dev/null
sleep 0.4
expect "too small" "a message at 15x5"
tmux -S "$SOCK" resize-window -x 80 -y 24 2>/dev/null
sleep 0.4
expect "Page A1" "grows back at 80x24"
keys Q
sleep 0.3
if status_is 0; then pass; else
	fail "Q: exit status $(cat "$T/status" 2>/dev/null)"; fi
expect_not "? help" "the terminal is restored after Q"

# The mouse, as tmux passes it on (X10 reports): a click on a headline
# opens its article, the wheel turns the screen; Escape closes overlays.
start 80 24
keys -l "$(printf '\033[M %%#')"
expect "article: Canal Street bridge" "a click on a headline opens the article"
keys q
keys -l "$(printf '\033[Ma!!')"
expect "screen 2/3" "the wheel turns the screen"
keys '?'
keys Escape
expect "screen 2/3" "Escape closes the help"
keys Q

# A resize keeps the paragraph being read, not just the page.
start 80 24 --page=A12
keys Space
expect "screen 2/" "SPACE on A12"
before=$(screen | sed -n 2p | cut -c1-30)
tmux -S "$SOCK" resize-window -x 100 -y 30 2>/dev/null
sleep 0.4
tmux -S "$SOCK" resize-window -x 80 -y 24 2>/dev/null
sleep 0.4
expect "$before" "a resize and back shows the same lines"
keys Q

# SIGTERM restores the terminal and ends with 128 + 15.
start 80 24
kill_folio TERM
sleep 0.5
if status_is 143; then pass; else
	fail "SIGTERM: exit status $(cat "$T/status" 2>/dev/null)"; fi
expect_not "? help" "the terminal is restored after SIGTERM"

# The article view opened from the command line on a terminal; and
# TERM=vt100 works.
start 80 24 --article=canal-bridge src/sample.xml
expect "article: Canal Street bridge" "--article on a terminal opens the article view"
keys Q
TERM_IN=vt100 start 80 24 --toc src/sample.xml
expect "contents" "--toc on a vt100 terminal opens the contents"
expect "Canal Street bridge" "the contents lists the headlines"
keys Q
TERM_IN=xterm-256color start 80 24 src/sample.xml
keys Space
expect "screen 2/3" "TERM=xterm-256color works"
keys Q
# Bookmarks that are never lost: m, then kill -9 a moment later.
export XDG_DATA_HOME="$T/data"
KEEP_STATE=1
export XDG_STATE_HOME="$T/keep"
start 80 24 src/sample.xml
keys m
expect "bookmarked: Canal Street bridge" "m bookmarks the current article"
kill_folio KILL
sleep 0.3
if "$FOLIO" --bookmarks | grep -q "	canal-bridge	"; then pass; else
	fail "a bookmark made just before kill -9 is lost"; fi

# Two readers bookmarking different articles at once.
start 80 24 src/sample.xml
SOCK1=$SOCK
NO_KILL=1 start 80 24 --page=B1 src/sample.xml
tmux -S "$SOCK1" send-keys ']' j m
tmux -S "$SOCK" send-keys m
sleep 0.5
n_bm=$("$FOLIO" --bookmarks | wc -l)
if [ "$n_bm" = 3 ]; then pass; else
	fail "two readers bookmarking at once: $n_bm bookmarks, want 3"
	"$FOLIO" --bookmarks >&2; fi
tmux -S "$SOCK1" kill-server 2>/dev/null
keys Q

# The bookmarks screen: newest first, d deletes, / filters.
start 80 24 src/sample.xml
keys B
expect "bookmarks · 3" "B opens the bookmarks"
keys / n o t e b o o k Enter
expect "bookmarks · 1" "/ filters the bookmarks"
keys / Enter
expect "bookmarks · 3" "an empty filter shows them all"
keys G d
expect "deleted: Canal Street bridge" "d deletes the bookmark"
keys q
keys Q
if "$FOLIO" --bookmarks | grep -q canal-bridge; then
	fail "a deleted bookmark is still there"; else pass; fi

# SIGHUP (the link dropped) saves the place; reopening returns there.
start 80 24 src/sample.xml
keys p A 1 2 Enter Space
before=$(screen | sed -n 2p)
kill_folio HUP
sleep 0.5
if status_is 129; then pass; else
	fail "SIGHUP: exit status $(cat "$T/status" 2>/dev/null)"; fi
start 80 24 src/sample.xml
expect "Page A12" "reopening after SIGHUP returns to the page"
expect "$before" "and to the same screen"
expect "screen 2/" "the same screen number"
# The contents marks the articles already read.
keys Enter q t
expect "✓ Bridge: a detour" "the contents marks an article read"
keys Q
unset KEEP_STATE
# In the article view, < and > at a part whose jump names a page the
# edition lacks say so (they said "this is the first part").
start 80 24 --article=spring-season src/sample.xml
expect "From page C1 (not in this edition)" "an article continued from a page not here"
keys '<'
expect "page C1 is not in this edition" "< there names the page"
keys '>'
expect "this is the last part" "> at its last part"
keys Q
# Search: / highlights as it is typed, Enter goes to the first match at or
# after here, n and N step through the edition and wrap, s lists them.
start 80 24 src/sample.xml
keys / b r i d
if tmux -S "$SOCK" capture-pane -e -p | grep -q "$(printf '\033\\[7m')brid"; then
	pass; else fail "the match is highlighted as it is typed"; fi
keys Escape
keys / f o o t b r i d g e Enter
expect "match 1/" "Enter goes to the first match"
expect "Page A12" "crossing pages"
keys n
expect "match 2/" "n steps to the next match"
keys N
expect "match 1/" "N steps back"
keys N
expect "search wrapped to the bottom" "N wraps with a message"
keys s
expect "matches for \"footbridge\"" "s opens the results"
keys Enter
expect "Page A" "Enter on a result goes there"
keys / z u r i c h Enter
expect 'no match for "zurich"' "a search with no match says so"
keys / s a o Space p a u l o Enter
expect "match 1/" "accents are ignored: sao paulo finds São Paulo"
# A regular expression refused at Enter says why, and leaves the search
# before it (not the part of it that compiled as it was typed).
keys / '\rbrid(g' Enter
expect "bad regular expression: Unmatched ( or" "a refused regular expression says why"
keys s
expect "matches for \"sao paulo\"" "after it, s lists the search before it"
keys q
# A search prompt left with Esc: n goes on from the match shown.
keys p A 1 Enter g
keys / r i v e r Enter n
expect "match 2/8: river" "n after a search"
keys / x Escape
keys n
expect "match 3/8: river" "after a search prompt left with Esc, n goes on from the match shown"
keys Q
# A regular expression glibc is slow at (0.3 s a kilobyte), over an
# edition of every paragraph ten times: the search stops after 2 s and
# says so, and the reader goes on.
awk '/<p>/ { for (i = 0; i < 9; i++) print } { print }' "$srcdir/src/sample.xml" \
	> "$T/long.xml"
start 80 24 "$T/long.xml"
keys / '\r.{1,96}qqq' Enter
expect "search stopped after 2 s" "a slow regular expression's search stops and says so"
keys ']'
expect "Page A2" "the reader goes on after a search that stopped"
keys Q
# On a big screen, highlighting the matches of one of the slowest
# expressions allowed (1.7 ms a line of 38 cells here, a second for
# this screen) stops after 0.2 s, and says so.
start 300 100 "$T/long.xml"
keys / '\r(.{0,9}.{0,9}){1,5}qqq' Enter
expect "search stopped after 2 s" "the slow search stops at 300x100 too"
keys ']' '['
expect "Page A1 " "back to the first page, full of long lines"
expect "not every match highlighted: too slow" "a redraw's highlighting stops in time and says so"
keys Q
# A key remapped in folio.ini works, and the help shows it.
printf '[keys]\nnext_page = x\n' > "$T/folio.ini"
start 80 24 -c "$T/folio.ini" src/sample.xml
keys x
expect "Page A2" "a key remapped in folio.ini works"
keys '?'
expect "x                      next_page" "the help shows the remapped key"
keys Q
# A feed of editions opens the newsstand, newest first; Enter opens one,
# E comes back; a missing one is said on the status line.
mkdir -p "$T/stand"
cp "$srcdir/src/sample.xml" "$T/stand/sample.xml"
cat > "$T/stand/feed.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Courier editions</title>
<item><title>Older issue</title><pubDate>Fri, 28 Feb 2025 05:00:00 GMT</pubDate><enclosure url="missing.xml" type="application/xml" length="1"/></item>
<item><title>Newest issue</title><pubDate>Sat, 01 Mar 2025 05:00:00 GMT</pubDate><enclosure url="sample.xml" type="application/vnd.folio.edition+xml" length="1"/></item>
</channel></rss>
XML
start 80 24 "$T/stand/feed.xml"
expect "newsstand · Courier editions · 2 editions" "a feed of editions opens the newsstand"
if screen | sed -n 2p | grep -q "2025-03-01  Newest issue"; then pass; else
	fail "the newsstand lists the newest edition first"; screen | head -4 >&2; fi
keys Enter
expect "Page A1" "Enter opens the edition offered"
keys E
expect "newsstand · Courier editions" "E returns to the newsstand"
keys j Enter
expect "cannot open" "an edition that is not there is said"
keys Q
# A big edition: the first page shows at once while the rest loads, then
# the whole is there (the next page, the contents); reopened, it returns
# where it was, once the whole has loaded.
python3 - "$T/big.xml" <<'PY'
import sys
words = ("the council voted again and the river rose while the presses "
         "ran all night and the bridge reopened").split()
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?>\n<edition version="1" title="Big Daily" '
            'date="2026-01-02" lang="en">\n')
    for p in range(1, 301):
        f.write('<page number="%d">\n' % p)
        for a in range(4):
            f.write('<article id="p%d-a%d"><headline>Story %d on page %d'
                    '</headline>' % (p, a, a, p))
            for k in range(8):
                f.write("<p>%s.</p>" % " ".join(words[(i * 7 + k + a) %
                                                     len(words)]
                                               for i in range(40)))
            f.write("</article>\n")
        f.write("</page>\n")
    f.write("</edition>\n")
PY
KEEP_STATE=1 XDG_STATE_HOME="$T/bigstate" start 100 30 "$T/big.xml"
expect "Story 0 on page 1" "a big edition shows its first page"
# A search made while the rest loads goes on over the whole once it is
# there (it was dropped).
keys / r i v e r Enter
expect "match 1/" "a search while the rest of the edition loads"
i=0
while screen | grep -q "the other pages are loading"; do
	i=$((i + 1)); [ "$i" -ge 100 ] && break; sleep 0.2
done
expect_not "the other pages are loading" "the rest of a big edition loads"
keys n
expect "match 2/21900: river" "n goes on with that search over the whole edition"
keys p 1 5 0 Enter
expect "Page 150" "the whole edition is there once loaded"
keys q
KEEP_STATE=1 XDG_STATE_HOME="$T/bigstate" start 100 30 "$T/big.xml"
expect "Page 150" "reopened, a big edition returns where it was"
keys Q

# Hostile feeds in the reader: nothing they hold drives the terminal.
# This tmux takes OSC 52 into a paste buffer (set-clipboard on) and OSC 2
# as the pane's title: first shown to, then each article of each feed
# opened, and the page it is on drawn.
python3 "$srcdir/tests/fixtures/make-hostile-feeds.py" "$T/hostile" \
	escapes_xml11 escapes_html raw_controls >/dev/null
printf 'set -s set-clipboard on\n' > "$T/clipboard.conf"
tmux -S "$T/control" -f "$T/clipboard.conf" new-session -d -x 80 -y 24 \
	"printf '\033]52;c;aGk=\007\033]2;owned\033\\'; sleep 30"
sleep 1
if tmux -S "$T/control" list-buffers | grep -q hi &&
   [ "$(tmux -S "$T/control" display -p '#{pane_title}')" = owned ]; then
	pass; else fail "this tmux does not take OSC 52 and OSC 2: no test"; fi
tmux -S "$T/control" kill-server
for f in escapes-xml11 escapes-html raw-controls; do
	TMUX_CONF="$T/clipboard.conf" start 80 24 "$T/hostile/$f.xml"
	title=$(tmux -S "$SOCK" display -p '#{pane_title}')
	i=0
	while [ "$i" -lt 14 ]; do
		keys Enter
		keys q J
		i=$((i + 1))
	done
	keys Q
	if [ -n "$(tmux -S "$SOCK" list-buffers)" ]; then
		fail "$f: the feed wrote the clipboard: $(tmux -S "$SOCK" list-buffers)"
	elif [ "$(tmux -S "$SOCK" display -p '#{pane_title}')" != "$title" ]; then
		fail "$f: the feed set the title"
	elif ! status_is 0; then
		fail "$f: $(cat "$T/status" 2>/dev/null)"
	else
		pass
	fi
done
# A feed with no date: its contents' title has no empty place for one.
start 80 24 "$T/hostile/raw-controls.xml"
keys t
expect "Raw · contents" "the contents of an edition with no date"
keys Q
finish
