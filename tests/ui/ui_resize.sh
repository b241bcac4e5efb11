#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Resizing: after every tmux resize-window the UI redraws to the new size
# with the status line on the first row, the REPL prompt on the last, and
# no line wider than the screen; a tiny 20x5 terminal shows what fits and
# the UI keeps working when it grows again; so does every size of a sweep
# to 300x100 in each of the three layouts.
. ./common.inc

# check_layout W H
check_layout() {
	# the redraw after the resize puts the prompt back on the last row
	i=0
	while ! screen | head -n 1 | grep -q '^ kswapsim' ||
		[ "$(input_line)" != ">" ]; do
		[ $i -lt $((WAIT_SECS * 20)) ] || break
		sleep 0.05
		i=$((i + 1))
	done
	screen | head -n 1 | grep -q '^ kswapsim' ||
		fail "${1}x$2: status line not on the first row"
	[ "$(input_line)" = ">" ] ||
		fail "${1}x$2: prompt not on the last row: '$(input_line)'"
	check_inside "$1" "$2"
}

start_kss 120 40
check_layout 120 40
for size in "80 24" "200 60" "100 30" "20 5" "12 3" "80 24"; do
	set -- $size
	t resize-window -t kss -x "$1" -y "$2"
	# the zones pane's lines are laid out for the new width
	if [ "$1" -ge 80 ]; then
		wait_for "^Node 0 Normal .*high +[0-9]+( |\$)"
	fi
	check_layout "$1" "$2"
done
type_line '2+3'
wait_for '^5$'
check_inside 80 24

# A sweep from 20x5 to 300x100, across each layout's two-column size
# (debug 120x30, overview 160x36), in the three layouts, with kswapd's
# cycle in the history, lines in the trace and counters in vmstat: every
# size keeps the status line, the prompt and every line inside the screen.
type_line 'reset{nodes = {{zones = {DMA32 = "1G"}}}}; trace(true); f = alloc("1000M", {kind = "file"}); run(100); print("ready")'
wait_for '^ready$'
for layout in 1 2 3; do
	send Escape
	wait_for '\[keys\]'
	send $layout
	send :
	wait_for '\[repl\]'
	for size in "20 5" "60 20" "119 29" "120 30" "159 35" \
		"160 36" "300 100"; do
		set -- $size
		t resize-window -t kss -x "$1" -y "$2"
		check_layout "$1" "$2"
	done
done
t resize-window -t kss -x 80 -y 24
check_layout 80 24
quit_kss
finish
