#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# History persists in $XDG_STATE_HOME/kswapsim/history (the directory is
# created) and comes back in the next session with Up; Ctrl-R finds an
# older line; with nowhere to write it the REPL still runs and keeps the
# session's history in memory.
. ./common.inc

start_kss 80 24
type_line 'hist_one = 11'
type_line 'hist_two = 22'
quit_kss
grep -qx 'hist_two\\040=\\04022' "$TMPD/state/kswapsim/history" ||
	fail "history file lacks the last line: $(cat "$TMPD/state/kswapsim/history")"

start_kss 80 24
send Up
wait_for '^> hist_two = 22$'
send C-u
send C-r
send -l 'one'
wait_for 'hist_one = 11$'
send Enter
type_line 'hist_one + 1'
wait_for '^12$'
quit_kss

# a 200 KB line in the history file: Up shows its end at once (drawing
# the input once took time quadratic in its length) and it runs
{
	echo _HiStOrY_V2_
	printf 'long_n\\040=\\0407--'
	head -c 200000 /dev/zero | tr '\0' x
	echo
} >"$TMPD/state/kswapsim/history"
start_kss 80 24
send Up
wait_for 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx$'
send Home
wait_for '^> long_n = 7--xxxxxxxx'
send Enter
type_line 'long_n * 6'
wait_for '^42$'
quit_kss

# XDG_STATE_HOME is a file: no history file, no crash
rm -rf "$TMPD/state"
: >"$TMPD/state"
start_kss 80 24
type_line 'mem_only = 5'
send Up
wait_for '^> mem_only = 5$'
send Enter
type_line 'mem_only'
wait_for '^5$'
quit_kss
finish
