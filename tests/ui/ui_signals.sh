#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Signals at varied moments while reclaim runs, recording or not (issue
# 14): INT, QUIT, TERM, HUP, TSTP then CONT (fg), and storms of WINCH
# (resize-window in a loop), each during a demo that allocates page cache
# in a loop (kswapd and direct reclaim run) or during a REPL statement
# that never ends. After each the terminal is the shell's again: no
# alternate screen, icanon and echo on; the cast is asciicast v2 up to
# where the process was cut (a header, then complete [time, code, data]
# lines in time order). The moments come from a fixed list, so a failure
# repeats.
. ./common.inc

cat >"$TMPD/reclaim.lua" <<'EOF'
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
say("reclaim loop")
local r = {}
while true do
  r[#r + 1] = alloc("64M", {kind = "file"})
  if #r > 14 then free(table.remove(r, 1)) end
  run(2)
  pause(0.02)
end
EOF
LOOP='reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}} r = {} while true do r[#r + 1] = alloc("64M", {kind = "file"}) if #r > 14 then free(table.remove(r, 1)) end end'

# seconds to wait after reclaim started, one per case in turn
DELAYS="0 0.3 0.05 0.8 0.15 0.5 1.2 0.02 0.4"
delay_at() {
	set -- $DELAYS
	shift $(($1 % $#))
	echo "$1"
}

kss_pid() {
	pgrep -P "$(t display -p -t kss '#{pane_pid}')" | head -n 1
}

# wait_state PID STATE: poll until ps shows the process in STATE (T:
# stopped), or until it is gone when STATE is "gone"
wait_state() {
	k=0
	while [ $k -lt $((WAIT_SECS * 20)) ]; do
		st=$(ps -o stat= -p "$1" 2>/dev/null)
		case "$2:$st" in
		gone:) return 0 ;;
		T:T*) return 0 ;;
		esac
		sleep 0.05
		k=$((k + 1))
	done
	fail "case $c: process $1 never got to '$2' (stat '$st')"
	exit 1
}

# cast_ok CASE FILE: a header, then events that parse, in time order
cast_ok() {
	[ -s "$2" ] || {
		fail "$1: no cast"
		return
	}
	python3 - "$2" <<'EOF' || fail "$1: not asciicast v2 up to the cut"
import json, sys
data = open(sys.argv[1], encoding="utf-8", errors="strict").read()
lines = data.split("\n")
if not data.endswith("\n"):
    lines = lines[:-1]  # the line being written when the process was cut
else:
    lines = lines[:-1]
head = json.loads(lines[0])
assert head["version"] == 2 and head["width"] > 0 and head["height"] > 0, head
last = 0.0
for l in lines[1:]:
    ev = json.loads(l)
    assert isinstance(ev, list) and len(ev) == 3, l
    assert isinstance(ev[0], (int, float)) and ev[0] >= last, l
    assert ev[1] in ("o", "r", "m") and isinstance(ev[2], str), l
    last = ev[0]
EOF
}

# term_ok CASE: the shell has the terminal back, in cooked mode with echo
n=0
term_ok() {
	wait_for 'shell\$ *$'
	[ "$(t display -p -t kss '#{alternate_on}')" = 0 ] ||
		fail "$1: the alternate screen is still on"
	n=$((n + 1))
	t send-keys -t kss -l "stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo \"=$((1000 + n))\""
	send Enter
	wait_for "=$((1000 + n))\$"
	screen | grep -q "^icanon echo =$((1000 + n))\$" ||
		fail "$1: the terminal is not in icanon echo mode"
	check_clean
}

# start CASE MODE: kswapsim reclaiming, MODE demo or repl, recording to
# $TMPD/CASE.cast on odd cases
start() {
	rec=
	[ $(($1 % 2)) -eq 1 ] && rec="--record $TMPD/$1.cast"
	rm -f "$TMPD/$1.cast"
	if [ "$2" = demo ]; then
		start_kss 100 30 $rec "$TMPD/reclaim.lua"
		wait_for 'reclaim loop'
	else
		start_kss 100 30 $rec
		type_line "$LOOP"
	fi
	sleep "$(delay_at "$1")"
}

# last_size CASE: the cast's last resize event
last_size() {
	grep -o '"r", "[0-9x]*"' "$TMPD/$1.cast" 2>/dev/null | tail -n 1
}

# after CASE: the cast (if any) is valid up to the cut
after() {
	[ -n "$rec" ] && cast_ok "case $1" "$TMPD/$1.cast"
}

c=0
for mode in demo repl; do
	# the signals that end the process
	for sig in TERM HUP QUIT; do
		c=$((c + 1))
		start $c $mode
		pid=$(kss_pid)
		kill -$sig "$pid"
		wait_state "$pid" gone
		term_ok "case $c: $sig during a $mode"
		after $c
	done

	# Ctrl-C interrupts (the demo or the statement); the UI goes on
	c=$((c + 1))
	start $c $mode
	pid=$(kss_pid)
	kill -INT "$pid"
	if [ $mode = repl ]; then
		wait_for 'interrupted!'
	else
		sleep "$(delay_at $((c + 1)))"
		kill -INT "$pid"
		wait_for 'script paused|interrupted|Quit kswapsim|A script is running\. Quit'
	fi
	[ "$(t display -p -t kss '#{alternate_on}')" = 1 ] ||
		fail "case $c: SIGINT ended the UI"
	kill -TERM "$pid"
	wait_state "$pid" gone
	term_ok "case $c: INT during a $mode"
	after $c

	# stopped with TSTP, the shell has a sane terminal; fg continues
	for k2 in 1 2; do
		c=$((c + 1))
		start $c $mode
		pid=$(kss_pid)
		kill -TSTP "$pid"
		wait_state "$pid" T
		term_ok "case $c: TSTP during a $mode"
		t send-keys -t kss -l 'clear; fg'
		send Enter
		wait_for '^ kswapsim '
		[ "$(t display -p -t kss '#{alternate_on}')" = 1 ] ||
			fail "case $c: no UI after fg"
		sleep "$(delay_at $((c + 3)))"
		kill -TERM "$pid"
		wait_state "$pid" gone
		term_ok "case $c: the end after CONT during a $mode"
		after $c
	done

	# WINCH storms: the UI keeps up and fits the last size
	c=$((c + 1))
	start $c $mode
	pid=$(kss_pid)
	for size in 80x24 120x40 81x25 200x60 90x30 100x30 80x24 132x43; do
		t resize-window -t kss -x "${size%x*}" -y "${size#*x}"
	done
	t resize-window -t kss -x 90 -y 28
	wait_for '^ kswapsim '
	# a loaded machine may take a while to reach the last size: the cast
	# says when the UI has (it flushes each resize)
	i=0
	while [ -n "$rec" ] && [ $i -lt $((WAIT_SECS * 20)) ] &&
		[ "$(last_size $c)" != '"r", "90x28"' ]; do
		sleep 0.05
		i=$((i + 1))
	done
	sleep "$(delay_at $c)"
	check_inside 90 28
	kill -TERM "$pid"
	wait_state "$pid" gone
	term_ok "case $c: WINCH storm during a $mode"
	after $c
	# the storm's sizes may come as one: the last is the one that counts
	last=$(last_size $c)
	if [ -n "$rec" ] && [ "$last" != '"r", "90x28"' ]; then
		fail "case $c: the cast's last size is '$last', not 90x28"
	fi
done
finish
