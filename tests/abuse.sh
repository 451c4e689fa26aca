#!/bin/sh
# Terminal abuse (issue 10): a thousand resizes down to 1x1, a megabyte
# of random bytes typed into the reader and its prompts, and the output
# pipe closed under the plain views.  Never a crash; the terminal is
# given back as it was; the exit status is what a Unix tool gives.
# The random bytes are the same every run (ABUSE_SEED changes them).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tmux.sh"

SEED=${ABUSE_SEED:-10}

# restored WHAT: folio has ended and the pane is as a shell left it: out
# of the alternate screen, the cursor shown, no mouse reporting, the
# cursor keys and keypad in normal mode, the same stty settings.
restored() {
	flags=$(tmux -S "$SOCK" display -p \
		'#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag} #{keypad_cursor_flag} #{keypad_flag}')
	if [ "$flags" != "0 1 0 0 0 0 0" ]; then
		fail "$1: the terminal is not restored (alternate screen, cursor, mouse x3, keypad x2: $flags)"
	elif ! cmp -s "$T/stty.before" "$T/stty.after"; then
		fail "$1: the stty settings are not restored"
	else
		pass
	fi
}

# quit WHAT: Escape, then q until folio ends (q backs out one screen);
# it must end with 0 and give the terminal back.
quit() {
	keys Escape
	for _ in 1 2 3 4 5 6; do
		[ -f "$T/status" ] && break
		keys q
		sleep 0.2
	done
	if status_is 0; then pass; else
		fail "$1: exit status $(cat "$T/status" 2>/dev/null || echo none: still running)"
		screen | tail -3 >&2
	fi
	restored "$1"
}

# alive WHAT: folio has not ended (nor crashed) and answers: the help
# screen comes up and goes again.
alive() {
	if [ -f "$T/status" ]; then
		fail "$1: folio ended: $(cat "$T/status")"; screen | tail -5 >&2
		return
	fi
	keys Escape
	keys '?'
	expect "next_screen" "$1: the help comes up"
	keys Escape
}

# Once a bug (ui/reader.c): after ? and Escape in the article view, q
# went "back" to the article itself and stayed there.  Random keys found
# it; it must quit from anywhere now.
start 80 24 src/sample.xml
keys Enter '?'
keys Escape
keys q
if screen | grep -qF "screen 1/3"; then pass; else
	fail "q in the article view after ? and Escape stays there"
fi
keys Q

# Ctrl-S is a key, not XOFF: the reader goes on drawing after it (with
# the terminal's flow control on, nothing would be drawn until Ctrl-Q).
start 80 24 src/sample.xml
keys C-s
keys Space
expect "screen 2/3" "the reader draws after Ctrl-S"
quit "quitting after Ctrl-S"

# ---- 1000 resizes, down to 1x1 ----
start 80 24 src/sample.xml
expect "Page A1" "opens before the resizes"
# Ten sizes a tmux command (a tmux client costs 5 to 25 ms, and the 10 s
# are the issue's): 100 files of commands, each read by one source-file.
mkdir "$T/sizes"
awk -v seed="$SEED" -v dir="$T/sizes" 'BEGIN {
	srand(seed)
	for (i = 0; i < 1000; i++) {
		r = rand()
		if (i % 50 == 0) s = "1 1"
		else if (r < 0.3) s = int(1 + rand() * 8) " " int(1 + rand() * 4)
		else if (r < 0.6) s = int(1 + rand() * 40) " " int(1 + rand() * 12)
		else s = int(1 + rand() * 250) " " int(1 + rand() * 80)
		split(s, wh, " ")
		f = sprintf("%s/%03d", dir, int(i / 10))
		printf "resize-window -x %d -y %d\n", wh[1], wh[2] > f
		if (i % 10 == 9) close(f)
	}
}'
t0=$(date +%s)
for f in "$T"/sizes/*; do
	tmux -S "$SOCK" source-file "$f" || echo x >> "$T/resize-failed"
done
t1=$(date +%s)
echo "1000 resizes in $((t1 - t0)) s"
# The issue's 10 s (more for a folio that is slow to answer: valgrind).
if [ -e "$T/resize-failed" ]; then
	fail "$(wc -l < "$T/resize-failed") of 100 tmux source-file commands failed"
elif [ $((t1 - t0)) -gt $((10 * SLOW)) ]; then
	fail "1000 resizes took $((t1 - t0)) s, not 10"
else
	pass
fi
sleep 0.5
tmux -S "$SOCK" resize-window -x 1 -y 1
sleep 0.5
if [ -f "$T/status" ]; then
	fail "folio ended during the resizes: $(cat "$T/status")"
elif [ "$(tmux -S "$SOCK" display -p '#{window_width}x#{window_height}')" != 1x1 ]; then
	fail "the window is $(tmux -S "$SOCK" display -p '#{window_width}x#{window_height}'), not 1x1"
else
	pass
fi
tmux -S "$SOCK" resize-window -x 80 -y 24
expect "Page A1" "after 1000 resizes, the page is drawn at 80x24"
expect "screen 1/3" "and the place kept"
alive "after 1000 resizes"
tmux -S "$SOCK" resize-window -x 1 -y 1
sleep 0.3
quit "quitting at 1x1"
tmux -S "$SOCK" resize-window -x 80 -y 24

# ---- a megabyte of random bytes, in the reader and its prompts ----
# No q or Q (they quit), ^C, ^Z or ^\ (signals from the terminal), nor
# ^S (XOFF: the terminal stops folio's output until ^Q, and with its
# input full a ^Q behind it never arrives), nor ~ (kept for the end).
# Every kB starts with / or p, so that much is typed into the prompts.
# Pasted by tmux in one go (send-keys -H of the same bytes only costs
# more).  The reader draws after every key, at about 100 us a key at
# 80x24 (three times that under ASan): a 40x12 terminal, and a quarter
# of the bytes under a sanitizer or valgrind, keep this under a minute.
kb=${ABUSE_KB:-1024}
if [ -z "${ABUSE_KB:-}" ] && { [ "$SLOW" -gt 1 ] ||
	grep -q sanitize "$FOLIO" 2>/dev/null; }; then
	kb=$((kb / 4 / SLOW))
fi
python3 - "$SEED" "$kb" "$T/bytes" <<'PY'
import random, sys
rnd = random.Random(int(sys.argv[1]))
left_out = set(b"qQ\x03\x1a\x1c\x13~")
ok = bytes(b for b in range(256) if b not in left_out)
with open(sys.argv[3], "wb") as f:
    for chunk in range(int(sys.argv[2])):
        f.write(b"/p"[chunk % 2:chunk % 2 + 1])
        f.write(bytes(rnd.choices(ok, k=1023)))
PY
start 40 12 src/sample.xml
expect "Page A1" "opens before the typing"
t0=$(date +%s)
tmux -S "$SOCK" load-buffer -b abuse "$T/bytes"
tmux -S "$SOCK" paste-buffer -r -d -b abuse
# Read to the end when ~ (which the bytes leave out, and no screen
# binds) is said to be no key: Escape first, in case of a prompt.
i=0
until screen | grep -qF "no key ~ here"; do
	i=$((i + 1))
	[ -f "$T/status" ] || [ "$i" -ge $((600 * SLOW)) ] && break
	keys Escape
	tmux -S "$SOCK" send-keys '~'
	sleep 0.5
done
t1=$(date +%s)
echo "$kb kB typed and read in $((t1 - t0)) s"
alive "after $kb kB of random bytes"
quit "quitting after $kb kB of random bytes"

# ---- the output pipe closed under --print ----
# An edition whose views are each far more than a pipe holds: the
# contents 6000 lines, page P1 and its article 1 MB.
python3 - > "$T/big.xml" <<'PY'
words = "the council met on thursday to talk about the bridge and the budget " * 4
print('<?xml version="1.0" encoding="UTF-8"?>')
print('<edition version="1" title="Big" date="2026-01-01">')
print('<page number="P1"><article id="long"><headline>A long one</headline>')
for i in range(2500):
    print("<p>%d %s</p>" % (i, words))
print('</article></page>')
for p in range(2, 102):
    print('<page number="P%d">' % p)
    for a in range(60):
        print('<article id="a%d-%d"><headline>Story %d on page %d</headline>'
              '<p>%s</p></article>' % (p, a, a, p, words[:80]))
    print('</page>')
print('</edition>')
PY
# closed VIEW READER WANT: folio --print VIEW into READER ends with WANT
# and says at most one line on stderr.
closed() {
	{ "$FOLIO" --print "$1" "$T/big.xml" 2> "$T/err"; echo $? > "$T/rc"; } |
		$2 > /dev/null
	rc=$(cat "$T/rc")
	lines=$(wc -l < "$T/err")
	if [ "$rc" != "$3" ]; then
		fail "folio --print $1 | $2: exit $rc, want $3"
		head -3 "$T/err" >&2
	elif [ "$lines" -gt "$4" ]; then
		fail "folio --print $1 | $2: $lines lines on stderr:"
		head -3 "$T/err" >&2
	else
		pass
	fi
}
# As cat and grep: killed by SIGPIPE (128 + 13 in the shell), silent.
for view in --toc --page=P1 --article=long --search=council; do
	for reader in "head -1" "head -c 10" true; do
		closed "$view" "$reader" 141 0
	done
done
# Where SIGPIPE is ignored, the write error: EX_IOERR (74), said once.
trap '' PIPE
for view in --toc --page=P1 --article=long --search=council; do
	closed "$view" true 74 1
done
trap - PIPE
if grep -q "folio: standard output: Broken pipe" "$T/err"; then pass; else
	fail "the broken pipe is not said: $(cat "$T/err")"; fi
finish
