# Shared by the tests that drive the real ./folio in tmux (screen.sh,
# abuse.sh): a tmux server of its own for each folio, keys sent with
# send-keys, the screen read with capture-pane.  Sourced after lib.sh;
# the test is skipped (77) when tmux is missing.
#
# FOLIO_SLOW=N multiplies every wait by N, for a folio that is slow to
# answer (FOLIO a wrapper running it under valgrind: 5).
command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }

T=$(mktemp -d)
n=0
SOCK="$T/tmux0"
trap 'for s in "$T"/tmux*; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT
SLOW=${FOLIO_SLOW:-1}
PAUSE=$(awk -v s="$SLOW" 'BEGIN { print 0.3 * s }')

# start W H ARGS...: run folio in a fresh tmux server of its own (its
# configuration $TMUX_CONF, else none).  The
# terminal's settings before and after are kept in $T/stty.before and
# $T/stty.after, the exit status in $T/status (written last).
start() {
	w=$1 h=$2; shift 2
	[ -n "${NO_KILL:-}" ] || tmux -S "$SOCK" kill-server 2>/dev/null
	n=$((n + 1))
	SOCK="$T/tmux$n"
	rm -f "$T/status" "$T/stty.before" "$T/stty.after"
	# A fresh reading state each time, unless KEEP_STATE is set.
	[ -n "${KEEP_STATE:-}" ] || export XDG_STATE_HOME="$T/state$n"
	tmux -S "$SOCK" -f "${TMUX_CONF:-/dev/null}" new-session -d -x "$w" -y "$h" \
		"cd '$srcdir' && stty -g > '$T/stty.before'; ${TERM_IN:+TERM=$TERM_IN} XDG_STATE_HOME='$XDG_STATE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' '$FOLIO' $*; s=\$?; stty -g > '$T/stty.after'; echo \"exit=\$s\" > '$T/status'; sleep 30"
	# Ready when folio has drawn its status line (a sanitizer build on a
	# busy machine takes a while): up to 10 s.
	i=0
	until screen | grep -qE 'q quit|q back|too small|Enter open'; do
		i=$((i + 1))
		[ "$i" -ge $((50 * SLOW)) ] && break
		sleep 0.2
	done
	sleep 0.2
}
screen() { tmux -S "$SOCK" capture-pane -p; }
# kill_folio SIG: signal this session's folio only (other test runs may
# have theirs); under valgrind the process is valgrind's memcheck
kill_folio() {
	pkill "-$1" -P "$(tmux -S "$SOCK" display -p '#{pane_pid}')" \
		-x 'folio|memcheck-amd64-'
}
keys() { tmux -S "$SOCK" send-keys "$@"; sleep "$PAUSE"; }
# expect TEXT WHAT: the screen shows TEXT (waiting up to 3 s for it: a
# loaded machine is slow to draw)
expect() {
	i=0
	while ! screen | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ "$i" -ge $((15 * SLOW)) ]; then
			fail "$2: no \"$1\" on screen:"; screen | head -5 >&2
			return
		fi
		sleep 0.2
	done
	pass
}
# status_is N: folio ended with status N (waiting up to 3 s)
status_is() {
	i=0
	while [ "$(cat "$T/status" 2>/dev/null)" != "exit=$1" ]; do
		i=$((i + 1))
		[ "$i" -ge $((15 * SLOW)) ] && return 1
		sleep 0.2
	done
}
expect_not() {
	i=0
	while screen | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ "$i" -ge $((15 * SLOW)) ]; then
			fail "$2: \"$1\" still on screen"
			return
		fi
		sleep 0.2
	done
	pass
}
