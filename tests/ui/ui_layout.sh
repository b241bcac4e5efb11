#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Start-up and the three layouts at 80x24, 120x40 and 200x60. Started
# with no demo, the UI gives the keys to the panes ([keys] on the status
# line), so ? opens the help and any key closes it; : gives them to the
# REPL and Esc takes them back. 1 is the overview: zones, the history
# chart (compact below 160x36) and kswapd above the REPL, every pane
# beside the others from 160x36 up. 2 is the lecture: the history chart
# takes two fifths of the screen or more, zones under it. 3 is debug:
# source and kswapd's scan_control, side by side from 120x30 up. Nothing
# is drawn outside the screen.
. ./common.inc

# title_row NAME: the screen row (1-based) of a pane's title bar, or empty
title_row() {
	screen | grep -n "^ *$1: " | head -n 1 | cut -d: -f1
}

# has_title NAME...: each pane's title bar comes on the screen (the
# status line names a new layout before the panes under it are drawn)
has_title() {
	for name; do
		wait_for "^ *$name: | $name: "
	done
}

for size in "80 24" "120 40" "200 60"; do
	set -- $size
	cols=$1
	rows=$2
	start_shell "$cols" "$rows"
	t send-keys -t kss "cd '$(pwd)' && '$KSS'; echo \"kss-exit=\$?\"" Enter
	wait_for '^ kswapsim '
	wait_for '\[keys\]'

	send '?'
	wait_for 'kswapsim keys'
	wait_for 'any key closes this help'
	send x
	wait_gone 'kswapsim keys'
	send :
	wait_for '\[repl\]'
	send Escape
	wait_for '\[keys\]'

	has_title zones history
	if [ "$cols" -ge 160 ]; then
		has_title lru trace vmstat source
		# two columns: the lru pane's title shares the zones pane's row
		[ "$(title_row zones)" = "$(screen | grep -n ' lru: ' | cut -d: -f1)" ] ||
			fail "zones and lru are not side by side at $size"
	else
		# the compact chart: a watermark row in braille under the header
		wait_for '^Node 0 Normal +free 1277952 +min 10544 low 13180 high 15816'
	fi
	check_inside "$cols" "$rows"

	send 2
	wait_for 'lecture layout'
	has_title history zones
	hist=$(title_row history)
	zones=$(title_row zones)
	# the chart takes two fifths of the screen or more, above the zones
	[ -n "$hist" ] && [ -n "$zones" ] &&
		[ $((zones - hist)) -ge $((rows * 2 / 5)) ] ||
		fail "the lecture's chart has rows $hist..$zones of $rows"
	check_inside "$cols" "$rows"

	send 3
	wait_for 'debug layout'
	has_title source
	screen | grep -q ' kswapd / scan_control: ' ||
		fail "no kswapd pane in the debug layout at $size"
	if [ "$cols" -ge 120 ]; then
		screen | grep -q '^ source: .* kswapd / scan_control: ' ||
			fail "source and kswapd are not side by side at $size"
	fi
	check_inside "$cols" "$rows"

	send 1
	wait_for 'overview layout'
	quit_kss
done
finish
