#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --record FILE.cast: the session runs as usual while every byte the
# terminal gets goes into an asciicast v2 file: a header with the size,
# then [time, "o", data] events in time order and an "r" event on resize.
. ./common.inc

CAST=$TMPD/session.cast
start_kss 100 30 --record "$CAST"
wait_for 'recording to '
type_line 'print("rec" .. "orded")'
wait_for '^recorded$'
t resize-window -t kss -x 80 -y 24
wait_for '^Node 0 Normal .*high +[0-9]+$'
quit_kss

head -n 1 "$CAST" | grep -q '^{"version": 2, "width": 100, "height": 30,' ||
	fail "bad header: $(head -n 1 "$CAST")"
bad=$(sed 1d "$CAST" | grep -Evc '^\[[0-9]+\.[0-9]{3}, "(o|r)", ".*"\]$')
[ "$bad" -eq 0 ] || fail "$bad lines are not asciicast events"
grep -q '^\[[0-9.]*, "r", "80x24"\]$' "$CAST" || fail "no resize event"
grep -q 'recorded' "$CAST" || fail "the output is not in the cast"
# time never runs backwards
sed 1d "$CAST" | sed 's/^\[\([0-9.]*\),.*/\1/' | sort -c -n ||
	fail "event times out of order"
# the last event leaves the alternate screen (endwin)
tail -n 3 "$CAST" | grep -q '1049l' || fail "the cast does not end with endwin"
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys
for l in open(sys.argv[1]): json.loads(l)' "$CAST" || fail "not JSON"
fi

# a path that cannot be written: exit 2 before the UI starts, saying why
for bad in /nonexistent/x.cast /dev/full; do
	start_shell 100 30
	t send-keys -t kss "'$KSS' --record $bad; echo \"kss-exit=\$?\"" Enter
	wait_for "^kswapsim: --record $bad: (No such file or directory|No space left on device)$"
	wait_for '^kss-exit=2$'
	[ "$(t display -p -t kss '#{alternate_on}')" = 0 ] ||
		fail "$bad: the UI started"
done

# a write error during the session: the cast goes into a pipe whose reader
# leaves after 2000 bytes; the UI says so on screen, goes on, and exits 1
# with the reason on stderr
mkfifo "$TMPD/pipe"
start_shell 100 30
t send-keys -t kss "head -c 2000 '$TMPD/pipe' >/dev/null & '$KSS' --record '$TMPD/pipe'; echo \"kss-exit=\$?\"" Enter
wait_for '^ kswapsim '
send :
wait_for 'Esc: keys to panes'
type_line 'print(string.rep("x", 90))'
wait_for 'recording to .*pipe failed: Broken pipe'
type_line 'print("still" .. "here")'
wait_for '^stillhere$'
send Escape
wait_for '\[keys\]'
send q
wait_for '^kss-exit=1$'
screen | grep -q "^kswapsim: recording to $TMPD/pipe failed: Broken pipe$" ||
	fail "no message after the UI ended"
[ "$(t display -p -t kss '#{alternate_on}')" = 0 ] ||
	fail "the alternate screen is still on"
finish
