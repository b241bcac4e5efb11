#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The trace pane at 80x24, 120x40 and 200x60. The workload of
# ui_kswapd_pane.sh (free 100 pages below low on 256 MiB of DMA32) wakes
# kswapd0 once; with trace(true) its mm_vmscan_* lines (kswapd_wake,
# lru_isolate, lru_shrink_inactive, kswapd_sleep: include/trace/events/
# vmscan.h) go to the pane, newest at the bottom, and not to the REPL.
# The pane holds exactly the lines --batch prints for the same commands
# (the trace is deterministic), as many as its heading counts; Home shows
# the oldest: the allocation's wakeup_kswapd, then kswapd0's kswapd_wake;
# `/` filters by substring, Enter applies,
# Esc cancels, an empty filter clears it.
. ./common.inc

SETUP='reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, sysctl = {min_free_kbytes = 4096, percpu_pagelist_high_fraction = 65536}}'
WORK='trace(true); z = node(0).zones.DMA32; f = alloc(z.free + z.free_pcp - z.low + 100, {kind = "file"}); run(100); print("done")'

# In batch the lines still go to the output: count them there.
"$KSS" -e "$SETUP" -e "$WORK" >"$TMPD/batch.txt" ||
	fail "--batch run failed"
nr_all=$(grep -c ': mm_vmscan_' "$TMPD/batch.txt")
nr_wake=$(grep -c ': mm_vmscan_kswapd_wake: nid=0 order=0$' "$TMPD/batch.txt")
nr_inactive=$(grep -c ': mm_vmscan_lru_shrink_inactive: nid=0 ' "$TMPD/batch.txt")
[ "$nr_wake" -eq 1 ] || fail "--batch: $nr_wake kswapd_wake lines, want 1"
[ "$nr_inactive" -ge 2 ] ||
	fail "--batch: $nr_inactive lru_shrink_inactive lines, want 2 or more"
# the allocation wakes kswapd0 (wakeup_kswapd()), then kswapd0 runs
first=$(grep ': mm_vmscan_' "$TMPD/batch.txt" | head -n 2 | sed 's/.*: mm_vmscan_//')
expect "--batch: the first two lines" "wakeup_kswapd: nid=0 order=0 gfp_flags=GFP_HIGHUSER_MOVABLE
kswapd_wake: nid=0 order=0" "$first"

# keys: leave the REPL for the panes
keys() {
	send Escape
	wait_for '\[keys\]'
}

back_to_repl() {
	send :
	wait_for '\[repl\]'
}

# hide NAME LETTER: hide a pane if its title is on screen (its letter
# focuses it, then hides it)
hide() {
	if screen | grep -q " $1: \| $1 / "; then
		send "$2"
		wait_for "$1 pane focused"
		send "$2"
		wait_for "$1 pane hidden"
	fi
}

# repl_trace_lines: mm_vmscan_ lines in the REPL (under its title row)
repl_trace_lines() {
	screen | sed -n '/^ repl/,$p' | grep -c 'mm_vmscan_'
}

# trace_lines: the trace lines on screen (first rows: comm-pid [cpu])
trace_lines() {
	screen | grep -E '[a-z0-9]-[0-9]+ +\[[0-9]{3}\] [^ ]{5} +[0-9]+\.[0-9]{6}: mm_vmscan_'
}

# The ring keeps the last 4096 lines: after a workload that traces far
# more (while the pane is hidden), the heading counts them all, the
# bottom row is the last line --batch prints and Home shows the 4096th
# line from the end.
BIG='reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "64M", sysctl = {min_free_kbytes = 4096, percpu_pagelist_high_fraction = 65536}}; trace(true); require("workloads").cyclic_working_set{size = "300M", rate = "4M", kind = "anon"}; run(150); print("big done")'
"$KSS" -e "$BIG" | grep ': mm_vmscan_' >"$TMPD/big.txt" ||
	fail "--batch big run failed"
nr_big=$(wc -l <"$TMPD/big.txt")
[ "$nr_big" -gt 4096 ] || fail "the big workload traced only $nr_big lines"

# prefix N: the first 60 columns of line N of the big trace, unpadded
prefix() {
	sed -n "${1}p" "$TMPD/big.txt" | sed 's/^ *//' | cut -c1-60
}

ring_test() {
	# hidden, the pane still takes the lines, and the status line says so
	send t
	wait_for 'trace pane hidden'
	back_to_repl
	type_line "$BIG"
	wait_for '^big done$'
	wait_for 'trace lines go to the trace pane: t shows it'
	keys
	send t
	wait_for 'trace pane shown'
	wait_for "(^| )4096 lines \\(the last of $((nr_all + nr_big))\\) +following"
	screen | grep -qF -- "$(prefix "$nr_big")" ||
		fail "the last line is not at the bottom: $(prefix "$nr_big")"
	send Home
	wait_for 'HELD: End follows'
	oldest=$(screen | grep -A 1 '4096 lines (the last of' | tail -n 1 | cut -c1-60)
	expect "the oldest line kept" "$(prefix $((nr_big - 4095)))" "$oldest"
}

for size in "80 24" "120 40" "200 60"; do
	start_kss $size
	type_line "$SETUP"
	# room for the trace pane at 80x24
	keys
	hide source w
	hide kswapd b
	hide history h
	if ! screen | grep -q ' trace: mm_vmscan_'; then
		send t
		wait_for 'trace pane shown'
	fi
	wait_for 'no lines yet: trace\(true\) turns'
	back_to_repl

	type_line "$WORK"
	wait_for '^done$'
	wait_for "(^| )$nr_all lines +following"
	wait_for ' 0\.100002: mm_vmscan_kswapd_sleep: nid=0$'
	wait_for ': mm_vmscan_lru_shrink_inactive: nid=0( |$)'
	expect "mm_vmscan_ lines in the REPL" 0 "$(repl_trace_lines)"

	# t gives the pane the keys; Home shows the oldest line
	keys
	send t
	wait_for 'trace pane focused'
	send Home
	wait_for 'HELD: End follows'
	wait_for 'init-1 +\[000\] \.{5} +0\.000000: mm_vmscan_wakeup_kswapd: nid=0 order=0'
	wait_for 'kswapd0-2 +\[000\] \.{5} +0\.000002: mm_vmscan_kswapd_wake: nid=0 order=0$'
	send End
	wait_for "(^| )$nr_all lines +following"

	# / filters; q while typing it is text, not quit
	send /
	wait_for 'filter: +\(Enter applies'
	send -l 'kswapd_wakq'
	send BSpace
	send -l e
	wait_for 'filter: kswapd_wake '
	send Enter
	wait_for "filter \"kswapd_wake\": 1 of $nr_all lines"
	expect "lines shown with filter kswapd_wake" 1 "$(trace_lines | wc -l)"
	trace_lines | grep -q ': mm_vmscan_kswapd_wake: nid=0 order=0$' ||
		fail "the kswapd_wake line is not shown"

	send /
	send C-u
	send -l shrink_inactive
	send Enter
	wait_for "filter \"shrink_inactive\": $nr_inactive of $nr_all lines"
	[ "$(trace_lines | grep -vc 'mm_vmscan_lru_shrink_inactive')" -eq 0 ] ||
		fail "a line without shrink_inactive is shown"
	[ "$(trace_lines | wc -l)" -ge 1 ] || fail "no shrink_inactive line"

	# Esc leaves the filter as it was; an empty one clears it
	send /
	send -l xyz
	send Escape
	wait_for "filter \"shrink_inactive\": $nr_inactive of $nr_all"
	send /
	send C-u
	send Enter
	wait_for "(^| )$nr_all lines +following"

	check_inside $size
	[ "$size" = "120 40" ] && ring_test
	quit_kss
done
finish
