#!/bin/sh
# bench.sh: issue 9's figures for folio, each beside the reference it is
# measured against in the same run, and the peers a reader would pick
# instead (newsboat and sfeed_curses on the RSS twin, less and w3m on the
# article text), on the same content.  A benchmark, never pass/fail: make
# check does not run it.  `make bench` runs it as
#
#   tests/bench.sh SRCDIR BUILDDIR
#
# Every command it times is printed as it runs ("+ ..."), so a figure can be
# measured again by hand; the work files stay in BUILDDIR/bench.
#
# Knobs (environment): BENCH_PAGES (400) BENCH_ARTICLES (12) BENCH_SEED (1):
# the edition; BENCH_RUNS (5): runs of each load, the least kept;
# BENCH_READERS (20) folios and BENCH_PEER_READERS (3) of each peer at once;
# BENCH_PEERS=no skips the peers; BENCH_INSTALL=no never installs them
# (otherwise root installs newsboat, sfeed and w3m with apt-get when
# missing).  Needs python3, GNU time, tmux, xmllint, less.

set -u
srcdir=${1:?usage: bench.sh SRCDIR BUILDDIR}
B=${2:?usage: bench.sh SRCDIR BUILDDIR}
srcdir=$(cd "$srcdir" && pwd)
PAGES=${BENCH_PAGES:-400}
ARTS=${BENCH_ARTICLES:-12}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-5}
READERS=${BENCH_READERS:-20}
PEER_READERS=${BENCH_PEER_READERS:-3}
W=$B/bench
FOLIO=$B/folio
GEN=$srcdir/tests/gen-edition.py
CLOCK=$srcdir/tests/ptyclock.py
TTYBENCH=${TTYBENCH:-$srcdir/../shared/tools/ttybench}
E=$W/edition-${PAGES}x$ARTS-s$SEED.xml
RSS=$W/edition-${PAGES}x$ARTS-s$SEED.rss
TSV=$W/edition-${PAGES}x$ARTS-s$SEED.tsv
HTML=$W/edition-${PAGES}x$ARTS-s$SEED.html
TEXT=$W/edition-${PAGES}x$ARTS-s$SEED.txt
LEADTXT=$W/lead.txt
LEADHTML=$W/lead.html
ROWS=$W/rows.tsv
PEERS=$W/peers.tsv
MISSING=qwertyzzz

mkdir -p "$W" || exit 1
: > "$ROWS"
: > "$PEERS"

# Nothing of the user's: no folio.ini, no reading position, no bookmarks,
# no history of less, no ~/.newsboat, no ~/.w3m.
XDG=$W/xdg
export HOME="$W/home" XDG_CONFIG_HOME="$XDG/config" XDG_DATA_HOME="$XDG/data" \
	XDG_STATE_HOME="$XDG/state" XDG_CACHE_HOME="$XDG/cache" \
	LESSHISTFILE=- LESS= LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR
mkdir -p "$HOME"
fresh() { rm -rf "$XDG"; mkdir -p "$XDG/config" "$XDG/data" "$XDG/state" \
	"$XDG/cache"; }

T0=$(date +%s)
say() { printf '%s\n' "$*" >&2; }
show() { say "+ [$(($(date +%s) - T0)) s] $*"; }
have() { command -v "$1" >/dev/null 2>&1; }
py() { python3 -c "$@"; }
# jget FILE EXPR: EXPR over the JSON in FILE (as d), printed.
jget() { python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
try:
    v = eval(sys.argv[2])
except Exception:
    v = None
print("-" if v is None else v)' "$1" "$2"; }
# calc EXPR: awk arithmetic, "-" if any operand is "-".
calc() { case "$*" in *-\ *|*\ -*|-) echo -;; *) awk "BEGIN { printf \"%.2f\", $* }";; esac; }
ratio() { case "$1$2" in *-*|"") echo -;; *) awk -v a="$1" -v b="$2" \
	'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }';; esac; }
# verdict RATIO OP GOAL: met or missed.
verdict() { case "$1" in -) echo "n/a";; *) awk -v r="$1" -v g="$3" -v op="$2" \
	'BEGIN { ok = op == "<" ? r < g : r <= g; print ok ? "met" : "missed" }';;
	esac; }
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$ROWS"; }
peer() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$PEERS"; }
mb() { case "$1" in -) echo -;; *) awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1000 }';; esac; }

# timed CMD...: run CMD (output to /dev/null); print "WALL_MS CPU_MS
# MAXRSS_KB": CPU (user + sys) from wait4, to the microsecond where GNU
# time rounds to 10 ms; peak RSS from GNU time (wait4's would count the
# Python that forked).
timed() {
	python3 -c 'import os, sys, time
null = os.open(os.devnull, os.O_RDWR)
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    os.dup2(null, 1); os.dup2(null, 2)
    try:
        os.execv("/usr/bin/time", ["time", "-f", "%M", "-o", sys.argv[1]] +
                 sys.argv[2:])
    finally:
        os._exit(127)
_, st, ru = os.wait4(pid, 0)
t1 = time.monotonic()
rss = open(sys.argv[1]).read().split()[-1]
print("%.1f %.1f %s" % ((t1 - t0) * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3,
                        rss))' "$W/time.out" "$@"
}
# best N CMD...: the least wall time and CPU, the largest peak RSS, of N runs.
best() {
	n=$1; shift
	show "$* >/dev/null    (x$n: wall; CPU from wait4; GNU time's %M)"
	i=0
	while [ $i -lt "$n" ]; do timed "$@"; i=$((i + 1)); done |
	awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 < c { c = $2 }
	     $3 > m { m = $3 } END { printf "%.1f %.1f %d\n", w, c, m }'
}
field() { echo "$1" | awk -v i="$2" '{ print $i }'; }

# ttyb NAME COLS ROWS KEYS CMD...: ttybench's JSON in $W/NAME.json.
ttyb() {
	name=$1 cols=$2 rows=$3 keys=$4; shift 4
	show "$TTYBENCH --cols $cols --rows $rows --keys \"$keys\" -- $*"
	fresh
	python3 "$TTYBENCH" --cols "$cols" --rows "$rows" --keys "$keys" \
		--no-table --timeout 180 "$@" > "$W/$name.json" 2> "$W/$name.err" ||
		say "bench: ttybench $name failed (see $W/$name.err)"
}
# clock N NAME COLS ROWS READY KEYS CMD...: ptyclock's JSON in $W/NAME.json,
# the least first_ms of N runs kept (with that run's other figures).
clock() {
	n=$1 name=$2 cols=$3 rows=$4 ready=$5 keys=$6; shift 6
	show "$CLOCK --cols $cols --rows $rows --ready '$ready' --keys '$keys' -- $*    (x$n)"
	for i in $(seq "$n"); do
		fresh
		python3 "$CLOCK" --cols "$cols" --rows "$rows" --ready "$ready" \
			--keys "$keys" -- "$@" 2> "$W/$name.err"
	done > "$W/$name.runs"
	python3 -c 'import json, sys
rs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ok = [r for r in rs if "first_ms" in r] or rs
json.dump(min(ok, key=lambda r: r.get("first_ms", 1e9)), sys.stdout)' \
		"$W/$name.runs" > "$W/$name.json"
}
# label_bytes FILE LABEL: ttybench's median bytes for the steps so labelled.
label_bytes() { jget "$1" "d['summary']['per_label']['$2']['bytes_median']"; }

# readers N NAME READY CMD: N copies of the shell command CMD (%i: the
# copy's number) in one private tmux server at 200x60; once READY (a regex)
# is on every screen, the median private memory (Private_Clean +
# Private_Dirty of /proc/PID/smaps_rollup) in KB, then the median Pss.
readers() {
	n=$1 name=$2 ready=$3 cmd=$4
	sock=folio-bench-$$-$name
	show "$n x ($cmd) in tmux -L $sock at 200x60; smaps_rollup of each"
	fresh
	i=1
	while [ $i -le "$n" ]; do
		c=$(printf '%s' "$cmd" | sed "s/%i/$i/g")
		if [ $i -eq 1 ]; then
			tmux -L "$sock" -f /dev/null new-session -d -x 200 -y 60 \
				-s bench "exec $c"
			tmux -L "$sock" set-option -g remain-on-exit on
		else
			tmux -L "$sock" new-window -t bench "exec $c"
		fi
		i=$((i + 1))
	done
	t=0
	while [ $t -lt 240 ]; do
		ok=0
		for p in $(tmux -L "$sock" list-panes -s -t bench -F '#{pane_id}'); do
			tmux -L "$sock" capture-pane -p -t "$p" | grep -Eq "$ready" &&
				ok=$((ok + 1))
		done
		[ "$ok" -ge "$n" ] && break
		sleep 0.5; t=$((t + 1))
	done
	[ "$ok" -ge "$n" ] || say "bench: only $ok of $n $name ready"
	# Then until none of them has used CPU for a second: loaded, even in
	# the background after the first screen.
	pids=$(tmux -L "$sock" list-panes -s -t bench -F '#{pane_pid}')
	last=-1 t=0
	while [ $t -lt 120 ]; do
		now=$(for pid in $pids; do cat "/proc/$pid/stat"; done 2> /dev/null |
			awk '{ sub(/.*\) /, ""); c += $12 + $13 } END { print c + 0 }')
		[ "$now" = "$last" ] && break
		last=$now; sleep 1; t=$((t + 1))
	done
	for pid in $(tmux -L "$sock" list-panes -s -t bench -F '#{pane_pid}'); do
		awk '/^Private_(Clean|Dirty):/ { p += $2 } /^Pss:/ { s = $2 }
		     END { print p, s }' "/proc/$pid/smaps_rollup" 2> /dev/null
	done > "$W/$name.mem"
	tmux -L "$sock" kill-server 2> /dev/null
	sort -n "$W/$name.mem" | awk '{ p[NR] = $1; s[NR] = $2 }
		END { if (NR) print p[int((NR + 1) / 2)], s[int((NR + 1) / 2)];
		      else print "- -" }'
}

# ---- what it needs ---------------------------------------------------------
for t in python3 xmllint less tmux /usr/bin/time; do
	have "$t" || { say "bench: $t is needed"; exit 1; }
done
[ -x "$FOLIO" ] || { say "bench: no $FOLIO (make folio)"; exit 1; }
[ -f "$TTYBENCH" ] || say "bench: no ttybench at $TTYBENCH: byte figures left out"
if [ "${BENCH_PEERS:-yes}" != no ] &&
	! { have newsboat && have sfeed_curses && have w3m; }; then
	if [ "${BENCH_INSTALL:-yes}" != no ] && [ "$(id -u)" = 0 ] &&
		have apt-get; then
		show "apt-get install -y newsboat sfeed w3m"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q newsboat \
			sfeed w3m > "$W/apt.log" 2>&1 ||
		{ apt-get update -q > /dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			newsboat sfeed w3m > "$W/apt.log" 2>&1; } ||
		say "bench: could not install the peers (see $W/apt.log)"
	fi
fi

# ---- the edition and its twins, made once --------------------------------
if [ ! -s "$E" ] || [ ! -s "$RSS" ] || [ ! -s "$LEADTXT" ]; then
	g="python3 $GEN --pages $PAGES --articles-per-page $ARTS --seed $SEED"
	show "$g -o $E --rss $RSS --html $HTML --text $TEXT --manifest $W/manifest.json"
	$g -o "$E.tmp" --rss "$RSS" --html "$HTML" --text "$TEXT" \
		--manifest "$W/manifest.json" && mv "$E.tmp" "$E" || exit 1
	show "$g --only lead --wrap 72 --text $LEADTXT --html $LEADHTML"
	$g --only lead --wrap 72 --text "$LEADTXT" --html "$LEADHTML" || exit 1
	rm -f "$TSV" "$W/newsboat.db"
fi
SIZE=$(wc -c < "$E")
SIZEKB=$((SIZE / 1000))
HEAD1=$(jget "$W/manifest.json" "d['lead']['headline'].split()[0]")
say "bench: $E, $(calc "$SIZE / 1e6") MB, $PAGES pages x $ARTS articles"

# ---- load, memory, search -------------------------------------------------
REF=$(best "$RUNS" xmllint --stream --noout "$E")
TOC=$(best "$RUNS" "$FOLIO" -c /dev/null --toc "$E")
SEARCH=$(best "$RUNS" "$FOLIO" -c /dev/null --search=$MISSING "$E")
show "tests/bench $E 200x60 80x24"
"$B/tests/bench" "$E" 200x60 80x24 > "$W/bench.out" 2>&1
cat "$W/bench.out" >&2
LOAD=$(field "$TOC" 1)
r=$(ratio "$LOAD" "$(field "$REF" 1)")
row "load to --toc (wall, least of $RUNS)" "$LOAD ms (cpu $(field "$TOC" 2) ms)" \
	"xmllint --stream --noout $(field "$REF" 1) ms" "$r" "<= 1.5" \
	"$(verdict "$r" "<=" 1.5)"
# CPU time too: on a busy machine the wall clock mostly measures the wait
# for a CPU, and CPU time (user + sys) much less so.
r=$(ratio "$(field "$TOC" 2)" "$(field "$REF" 2)")
row "load to --toc (CPU, least of $RUNS)" "$(field "$TOC" 2) ms" \
	"xmllint --stream --noout $(field "$REF" 2) ms" "$r" "<= 1.5" \
	"$(verdict "$r" "<=" 1.5)"
r=$(ratio "$(field "$TOC" 3)" "$SIZEKB")
row "peak RSS of --toc" "$(mb "$(field "$TOC" 3)")" \
	"file $(mb "$SIZEKB")" "$r" "<= 1.5" "$(verdict "$r" "<=" 1.5)"

# ---- first screen and page turns, 200x60 ----------------------------------
TURNS="]*12 SPACE*12"
clock 3 first 200 60 "Page A1" "$TURNS" "$FOLIO" -c /dev/null "$E"
FIRST=$(jget "$W/first.json" "d['first_ms']")
r=$(ratio "$FIRST" "$LOAD")
row "first screen in a pty, 200x60" "$FIRST ms" "full load $LOAD ms" "$r" \
	"<= 0.25" "$(verdict "$r" "<=" 0.25)"
# A page turn is "]" (the next page: laid out and painted); Space, the
# next screen of the same page, is shown beside it.
med() { jget "$W/first.json" "sorted(k['cpu_ms'] for k in d['keys'] if k['key'] == '$1')[len([k for k in d['keys'] if k['key'] == '$1'])//2]"; }
CPUFIRST=$(jget "$W/first.json" "d['cpu_first_ms']")
r=$(ratio "$CPUFIRST" "$(field "$TOC" 2)")
row "first screen, CPU" "$CPUFIRST ms" "full load $(field "$TOC" 2) ms" \
	"$r" "<= 0.25" "$(verdict "$r" "<=" 0.25)"
TURN=$(med "]")
TURNSP=$(med " ")
TURNMAX=$(jget "$W/first.json" "max(k['cpu_ms'] for k in d['keys'] if k['key'] == ']')")
LAYOUT=$(awk '/^layout 200x60/ { for (i = 1; i <= NF; i++)
	if ($(i + 1) == "ms/page") print $i }' "$W/bench.out")
r=$(ratio "$TURN" 5)
row "page turn CPU, layout+paint, 200x60" "$TURN ms (max $TURNMAX; Space $TURNSP)" \
	"layout alone ${LAYOUT:-?} ms/page (tests/bench)" "$r" "< 1 (5 ms)" \
	"$(verdict "$r" "<" 1)"
r=$(ratio "$(field "$SEARCH" 1)" "$LOAD")
row "--search of a missing word" "$(field "$SEARCH" 1) ms" "load $LOAD ms" \
	"$r" "<= 1.5" "$(verdict "$r" "<=" 1.5)"
r=$(ratio "$(field "$SEARCH" 2)" "$(field "$TOC" 2)")
row "--search of a missing word (CPU)" "$(field "$SEARCH" 2) ms" \
	"load $(field "$TOC" 2) ms" "$r" "<= 1.5" "$(verdict "$r" "<=" 1.5)"

# ---- bytes on the wire, 80x24 ----------------------------------------------
if [ -f "$TTYBENCH" ]; then
	ttyb art 80 24 "screen=SPACE*8 line=j*10" "$FOLIO" -c /dev/null \
		--article=lead "$E"
	ttyb less 80 24 "screen=SPACE*8 line=j*10" less "$LEADTXT"
	FS=$(label_bytes "$W/art.json" screen)
	LS=$(label_bytes "$W/less.json" screen)
	r=$(ratio "$FS" "$LS")
	row "bytes per screen turn, article 80x24" "$FS B" "less $LS B" "$r" \
		"<= 1" "$(verdict "$r" "<=" 1)"
	FL=$(label_bytes "$W/art.json" line)
	r=$(ratio "$FL" 200)
	row "bytes per line scroll, article 80x24" "$FL B" \
		"less $(label_bytes "$W/less.json" line) B" "$r" "< 1 (200 B)" \
		"$(verdict "$r" "<" 1)"
	show "... --screens $W/page.screens (the screens, to count what is visible)"
	fresh
	python3 "$TTYBENCH" --cols 80 --rows 24 --keys "turn=SPACE*8" \
		--no-table --screens "$W/page.screens" -- "$FOLIO" -c /dev/null \
		--page=A1 "$E" > "$W/page.json" 2> "$W/page.err"
	# Visible characters: the cells not blank on each screen after a turn.
	VIS=$(python3 -c 'import re, statistics, sys
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
parts = re.split(r"^==== after (.*?)  \(.*\) ====\n", t, flags=re.M)
n = [sum(1 for c in body if not c.isspace())
     for name, body in zip(parts[1::2], parts[2::2]) if name == "SPACE"]
print(statistics.median(n) if n else "-")' "$W/page.screens")
	FP=$(label_bytes "$W/page.json" turn)
	r=$(ratio "$FP" "$VIS")
	row "bytes per page turn, page view 80x24" "$FP B" \
		"visible characters $VIS" "$r" "<= 1.2" "$(verdict "$r" "<=" 1.2)"
fi

# ---- many readers -----------------------------------------------------------
R=$(readers "$READERS" folio "help" "$FOLIO -c /dev/null '$E'")
FOLIOPRIV=$(field "$R" 1)
r=$(ratio "$(field "$R" 1)" "$SIZEKB")
row "$READERS readers: private memory each" \
	"$(mb "$(field "$R" 1)") (Pss $(mb "$(field "$R" 2)"))" \
	"file $(mb "$SIZEKB")" "$r" "<= 0.3" "$(verdict "$r" "<=" 0.3)"

# ---- the peers, on the same content ---------------------------------------
FTOC_RSS=$(field "$TOC" 3)
if [ "${BENCH_PEERS:-yes}" != no ]; then
	# folio itself on the RSS twin, for scale.
	T=$(best 1 "$FOLIO" -c /dev/null --toc "$RSS")
	peer "folio on the RSS twin" "load --toc" "$(field "$T" 1) ms, $(mb \
		"$(field "$T" 3)")" "$(ratio "$(field "$T" 1)" "$LOAD")" \
		"$(ratio "$(field "$T" 3)" "$FTOC_RSS")"
fi
if [ "${BENCH_PEERS:-yes}" != no ] && have sfeed; then
	[ -s "$TSV" ] || sfeed < "$RSS" > "$TSV"
	show "sfeed < $RSS > /dev/null    (x$RUNS)"
	i=0; while [ $i -lt "$RUNS" ]; do timed sh -c 'sfeed < "$1"' sh "$RSS"
		i=$((i + 1)); done | sort -n | head -1 > "$W/sfeed.t"
	T=$(cat "$W/sfeed.t")
	peer "sfeed (parse the RSS)" "load" "$(field "$T" 1) ms, $(mb \
		"$(field "$T" 3)")" "$(ratio "$(field "$T" 1)" "$LOAD")" \
		"$(ratio "$(field "$T" 3)" "$FTOC_RSS")"
fi
if [ "${BENCH_PEERS:-yes}" != no ] && have sfeed_curses; then
	clock 1 sfeedc 200 60 "$HEAD1" "" sfeed_curses "$TSV"
	F=$(jget "$W/sfeedc.json" "d['first_ms']")
	peer "sfeed_curses (its TSV)" "first screen 200x60" "$F ms" \
		"$(ratio "$F" "$FIRST")" "-"
	R=$(readers "$PEER_READERS" sfeedc "$HEAD1" "sfeed_curses '$TSV'")
	peer "sfeed_curses (its TSV)" "private memory each" \
		"$(mb "$(field "$R" 1)")" "-" \
		"$(ratio "$(field "$R" 1)" "$FOLIOPRIV")"
fi
if [ "${BENCH_PEERS:-yes}" != no ] && have newsboat; then
	NB=$W/newsboat
	mkdir -p "$NB"
	echo "file://$RSS" > "$NB/urls"
	: > "$NB/config"
	nbx="newsboat -u $NB/urls -C $NB/config"
	rm -f "$NB/cache.db" "$NB/cache.db.lock"
	show "$nbx -c $NB/cache.db -x reload"
	T=$(timed $nbx -c "$NB/cache.db" -x reload)
	peer "newsboat (import the RSS)" "load" "$(field "$T" 1) ms, $(mb \
		"$(field "$T" 3)")" "$(ratio "$(field "$T" 1)" "$LOAD")" \
		"$(ratio "$(field "$T" 3)" "$FTOC_RSS")"
	cp "$NB/cache.db" "$NB/pristine.db"
	cp "$NB/pristine.db" "$NB/run.db"
	clock 1 newsboat 200 60 "Synthetic" "" sh -c \
		"rm -f '$NB/run.db.lock'; exec $nbx -c '$NB/run.db'"
	F=$(jget "$W/newsboat.json" "d['first_ms']")
	peer "newsboat (its cache)" "first screen 200x60" "$F ms" \
		"$(ratio "$F" "$FIRST")" "-"
	if [ -f "$TTYBENCH" ]; then
		rm -f "$NB/run.db.lock"
		ttyb nbart 80 24 "ENTER ENTER screen=PGDN*8 line=DOWN*10" \
			$nbx -c "$NB/run.db"
		peer "newsboat (article view)" "bytes per screen turn 80x24" \
			"$(label_bytes "$W/nbart.json" screen) B" \
			"$(ratio "$(label_bytes "$W/nbart.json" screen)" "$FS")" "-"
		peer "newsboat (article view)" "bytes per line scroll" \
			"$(label_bytes "$W/nbart.json" line) B" \
			"$(ratio "$(label_bytes "$W/nbart.json" line)" "$FL")" "-"
	fi
	for i in $(seq "$PEER_READERS"); do
		cp "$NB/pristine.db" "$NB/r$i.db"
	done
	R=$(readers "$PEER_READERS" newsboat "Synthetic" \
		"$nbx -c '$NB/r%i.db'")
	peer "newsboat (its cache)" "private memory each" \
		"$(mb "$(field "$R" 1)")" "-" \
		"$(ratio "$(field "$R" 1)" "$FOLIOPRIV")"
	rm -f "$NB"/r*.db "$NB/run.db"
fi
if [ "${BENCH_PEERS:-yes}" != no ]; then
	clock 1 lessfirst 200 60 "$HEAD1" "" less "$TEXT"
	F=$(jget "$W/lessfirst.json" "d['first_ms']")
	peer "less (the text, $(calc "$(wc -c < "$TEXT") / 1e6") MB)" \
		"first screen 200x60" "$F ms" "$(ratio "$F" "$FIRST")" "-"
	R=$(readers "$PEER_READERS" less "$HEAD1" "less '$TEXT'")
	peer "less (the text)" "private memory each" "$(mb "$(field "$R" 1)")" \
		"-" "$(ratio "$(field "$R" 1)" "$FOLIOPRIV")"
	if [ -f "$TTYBENCH" ]; then
		peer "less (the lead's text)" "bytes per screen turn 80x24" \
			"$LS B" "$(ratio "$LS" "$FS")" "-"
		peer "less (the lead's text)" "bytes per line scroll" \
			"$(label_bytes "$W/less.json" line) B" \
			"$(ratio "$(label_bytes "$W/less.json" line)" "$FL")" "-"
	fi
fi
if [ "${BENCH_PEERS:-yes}" != no ] && have w3m; then
	T=$(best 1 w3m -T text/html -dump "$HTML")
	peer "w3m -dump (the HTML, $(calc "$(wc -c < "$HTML") / 1e6") MB)" "load" \
		"$(field "$T" 1) ms, $(mb "$(field "$T" 3)")" \
		"$(ratio "$(field "$T" 1)" "$LOAD")" \
		"$(ratio "$(field "$T" 3)" "$FTOC_RSS")"
	clock 1 w3m 200 60 "$HEAD1" "" w3m -T text/html "$HTML"
	F=$(jget "$W/w3m.json" "d['first_ms']")
	peer "w3m (the HTML)" "first screen 200x60" "$F ms" \
		"$(ratio "$F" "$FIRST")" "-"
	if [ -f "$TTYBENCH" ]; then
		ttyb w3mart 80 24 "screen=SPACE*8 line=J*10" w3m -T text/html \
			"$LEADHTML"
		peer "w3m (the lead's HTML)" "bytes per screen turn 80x24" \
			"$(label_bytes "$W/w3mart.json" screen) B" \
			"$(ratio "$(label_bytes "$W/w3mart.json" screen)" "$FS")" "-"
		peer "w3m (the lead's HTML)" "bytes per line scroll" \
			"$(label_bytes "$W/w3mart.json" line) B" \
			"$(ratio "$(label_bytes "$W/w3mart.json" line)" "$FL")" "-"
	fi
	R=$(readers "$PEER_READERS" w3m "$HEAD1" "w3m -T text/html '$HTML'")
	peer "w3m (the HTML)" "private memory each" "$(mb "$(field "$R" 1)")" \
		"-" "$(ratio "$(field "$R" 1)" "$FOLIOPRIV")"
fi

# ---- the table -----------------------------------------------------------------
echo
echo "folio bench: $(basename "$E"), $(calc "$SIZE / 1e6") MB, $PAGES pages x $ARTS articles, seed $SEED; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
awk -F '\t' 'BEGIN { printf "%-38s %-30s %-38s %6s  %-12s %s\n", "figure",
	"folio", "reference (same run)", "ratio", "goal", "result" }
	{ printf "%-38s %-30s %-38s %6s  %-12s %s\n", $1, $2, $3, $4, $5, $6 }' \
	"$ROWS"
if [ -s "$PEERS" ]; then
	echo
	awk -F '\t' 'BEGIN { printf "%-36s %-30s %-22s %9s %9s\n", "peer, same content",
		"figure", "measured", "x folio", "RSS x"; }
		{ printf "%-36s %-30s %-22s %9s %9s\n", $1, $2, $3, $4, $5 }' \
		"$PEERS"
	echo
	echo "x folio: the peer's figure over folio's (time, bytes or memory);"
	echo "RSS x: the peer's peak RSS over folio --toc's.  Work files: $W"
	echo "(the peers' times are wall times, as folio's in the first table)"
fi
