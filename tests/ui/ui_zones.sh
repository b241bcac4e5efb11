#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The zones pane: one line per populated zone with free pages and the
# min/low/high watermarks, and alloc("1G") lowers the free pages shown for
# Normal by at least the 262144 pages of 1 GiB (4 KiB pages), exactly as
# node(0).zones.Normal.free reports; z hides and shows the pane; at
# 120x40 and at 80x24.
. ./common.inc

# normal_free: the free pages shown on the Node 0 Normal line
normal_free() {
	screen | sed -n 's/^Node 0 Normal *free *\([0-9]*\).*/\1/p'
}

for size in "120 40" "80 24"; do
	start_kss $size
	wait_for '^Node 0 DMA32 +free +[0-9]+'
	wait_for '^Node 0 Normal +free +[0-9]+ .*min +[0-9]+ low +[0-9]+ high +[0-9]+'
	before=$(normal_free)

	type_line 'alloc("1G")'
	wait_gone "^Node 0 Normal +free +$before "
	after=$(normal_free)
	[ $((before - after)) -ge 262144 ] ||
		fail "alloc(\"1G\") took $((before - after)) free pages, want >= 262144"

	# the pane shows what the Lua API says
	type_line 'print("free=" .. node(0).zones.Normal.free)'
	wait_for "^free=$after\$"

	# z hides and shows the pane; the keys stay with the panes
	send Escape
	wait_for '\[keys\]'
	send z
	wait_gone '^Node 0 '
	send z
	wait_for "^Node 0 Normal +free +$after "
	wait_for '\[keys\]'

	check_inside $size
	quit_kss
done
finish
