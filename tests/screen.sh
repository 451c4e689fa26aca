#!/bin/sh
# Screen tests: the real ./folio in tmux, driven with send-keys and read
# with capture-pane.  Skipped (77) when tmux is missing.
. "$srcdir/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }

T=$(mktemp -d)
n=0
SOCK="$T/tmux0"
trap 'for s in "$T"/tmux*; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT

# start W H ARGS...: run folio in a fresh tmux server of its own
start() {
	w=$1 h=$2; shift 2
	tmux -S "$SOCK" kill-server 2>/dev/null
	n=$((n + 1))
	SOCK="$T/tmux$n"
	tmux -S "$SOCK" -f /dev/null new-session -d -x "$w" -y "$h" \
		"cd '$srcdir' && TERM=xterm-256color '$FOLIO' $*; echo \"exit=\$?\" > '$T/status'; sleep 30"
	sleep 0.5
}
screen() { tmux -S "$SOCK" capture-pane -p; }
keys() { tmux -S "$SOCK" send-keys "$@"; sleep 0.3; }
# expect TEXT WHAT: the screen shows TEXT
expect() {
	if screen | grep -qF -- "$1"; then pass; else
		fail "$2: no \"$1\" on screen:"; screen | head -5 >&2; fi
}
expect_not() {
	if screen | grep -qF -- "$1"; then
		fail "$2: \"$1\" still on screen"; else pass; fi
}

start 80 24
expect "Page A1" "opens on the first page"
expect "screen 1/" "status line"
first=$(screen | sed -n 2p)
keys Space
expect "screen 2/" "space turns the screen"
keys b
expect "screen 1/" "b turns back"
keys ']'
expect_not "Page A1 " "] goes to the next page"
keys '['
expect "Page A1" "[ comes back"
keys Enter
expect "article" "Enter opens the article view"
keys q
expect "screen 1/" "q returns to the page view"
keys t
expect "contents" "t opens the contents"
keys q
keys '?'
expect "next screen" "? shows the keys"
keys q
tmux -S "$SOCK" resize-window -x 40 -y 12 2>/dev/null
sleep 0.3
expect "screen 1/" "re-laid out at 40x12"
tmux -S "$SOCK" resize-window -x 15 -y 5 2>/dev/null
sleep 0.3
expect "too small" "too small at 15x5"
tmux -S "$SOCK" resize-window -x 80 -y 24 2>/dev/null
sleep 0.3
expect "Page A1" "grows back at 80x24"
keys Q
sleep 0.3
if [ "$(cat "$T/status" 2>/dev/null)" = "exit=0" ]; then pass; else
	fail "Q: exit status $(cat "$T/status" 2>/dev/null)"; fi

# A jump forward and back: > follows the current part's continuation.
start 120 40 --page=A1
keys '>'
expect_not "Page A1 " "> follows the jump"
keys '<'
expect "Page A1" "< comes back"
keys Q

# The article view opened from the command line on a terminal.
start 80 24 --article="$(cd "$srcdir" && "$FOLIO" --toc src/sample.xml | head -1 | cut -f2)" src/sample.xml
expect "article" "--article on a terminal opens the article view"
keys Q
finish
