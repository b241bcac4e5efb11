#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The stepping keys. On 256 MiB of DMA32 with min_free_kbytes 4096
# (min 1024, low 1280, high 1536: __setup_per_zone_wmarks()), a file
# allocation that leaves free 100 pages below low wakes kswapd0
# (wakeup_kswapd()); then, with the keys on the panes, s stops at the
# first yield point, the top of balance_pgdat()'s priority loop at
# DEF_PRIORITY 12, with its source line from the embedded vmscan.c; s
# again stops when shrink_list() has shrunk a list; S steps out of it to
# the end of shrink_node(); n runs to the end of
# balance_pgdat(). Each key echoes the Lua line it stands for, and the
# source pane shows the line the reclaimer is parked at, from the engine
# source built into the binary. While it is parked the status line says
# PARKED and time does not run. (70 rows: room for where()'s whole table.)
# At 80x24, where the overview has no room for the source, a stop
# switches it to the debug layout, and c switches it back; at 120x40 and
# 200x60 the overview shows the source with the rest.
. ./common.inc

# on_screen REGEX...: each matches a line of the screen
on_screen() {
	for re; do
		screen | grep -Eq -- "$re" || fail "no line matches /$re/"
	done
}

start_kss 120 70
type_line 'reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, sysctl = {min_free_kbytes = 4096, percpu_pagelist_high_fraction = 65536}}'
type_line 'z = node(0).zones.DMA32; print(z.min, z.low, z.high)'
wait_for '^1024 +1280 +1536$'
type_line 'f = alloc(z.free + z.free_pcp - z.low + 100, {kind = "file"}); print(node(0).kswapd.state)'
wait_for '^running$'
# the zones pane's kswapd line: 65536 - 1280 + 100 = 64356 page-cache
# pages, all on the inactive file list (folio_add_lru())
wait_for '^Node 0 kswapd0 running +order 0 prio 12 fail 0 +anon 0/0 file 64356/0$'

send Escape
wait_for '\[keys\]'
wait_for '^no reclaimer is parked: s steps into the next one'
send s
wait_for '^> step\(\)$'
# one line per stop, as gdb reports one: the statement the stop precedes,
# never the stepping macro
wait_for '^kswapd0 in balance_pgdat\(\) at vmscan\.c:[0-9]+  priority 12  scanned 0  reclaimed 0/0: sc\.reclaim_idx = highest_zoneidx;$'
screen | grep -Eq '^ *[0-9]+> *STEP_|: STEP_' &&
	fail "a stepping macro is the current line"
# a parked reclaimer holds the clock: space runs time, which waits
wait_for '^ kswapsim 6\.12  PARKED  t=0 '
send ' '
sleep 1
on_screen '^ kswapsim 6\.12  PARKED  t=0 '
send ' '
# the source pane: the statement highlighted (>), numbered as where().line
line=$(screen | sed -n 's/^kswapd0 in balance_pgdat() at vmscan\.c:\([0-9]*\) .*/\1/p' | tail -n 1)
on_screen "^vmscan\\.c:$line balance_pgdat\\(\\)  kswapd0  priority 12  nr_scanned 0" \
	"^ *$line> +sc\\.reclaim_idx = highest_zoneidx;( |\$)" \
	"^#0  balance_pgdat \\(\\) at vmscan\\.c:$line( |\$)" \
	"^#1  kswapd \\(\\) at vmscan\\.c:[0-9]+( |\$)"

send s
wait_for '^kswapd0 in shrink_list\(\) at vmscan\.c:[0-9]+ .*: if \(is_active_lru\(lru\)\) \{$'

send S
wait_for '^kswapd0 in shrink_node\(\) at vmscan\.c:[0-9]+ .*: if \(should_continue_reclaim'
on_screen '^> step_out\(\)$'

send n
wait_for '^> step\("balance"\)$'
wait_for '^kswapd0 in balance_pgdat\(\) at vmscan\.c:[0-9]+ '

# c: the parked reclaimer runs on unstopped and simulated time runs again
send c
wait_for '^> cont\(\)$'
wait_for '^continuing: kswapd0 left balance_pgdat\(\) at t=[0-9]+'
wait_for '^ kswapsim 6\.12  RUN '
wait_for '^no reclaimer is parked: s steps into the next one'
send ' '
wait_for '^ kswapsim 6\.12  PAUSE '

# w focuses the source pane, w again hides it, and w shows it again
send w
wait_for 'source pane focused'
send w
wait_gone '^ source: '
send w
wait_for '^no reclaimer is parked: s steps into the next one'

# the help overlay lists the stepping keys
send '?'
wait_for 's S n c +step, step out, next balance, continue'
send Escape
check_inside 120 70
quit_kss

# the source pane at the three sizes: the overview at 120x40 and 200x60
# has room for it at the top of balance_pgdat(); at 80x24 a stop brings
# up the debug layout
for size in "80 24" "120 40" "200 60"; do
	start_kss $size
	type_line 'reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, sysctl = {min_free_kbytes = 4096, percpu_pagelist_high_fraction = 65536}}'
	type_line 'z = node(0).zones.DMA32; f = alloc(z.free + z.free_pcp - z.low + 100, {kind = "file"})'
	send Escape
	wait_for '\[keys\]'
	wait_for '^ zones: '
	send s
	wait_for '^kswapd0 in balance_pgdat\(\) at vmscan\.c:[0-9]+ '
	# kswapd's scan_control, the stack, the statement marked
	wait_for '^ *[0-9]+> +sc\.reclaim_idx = highest_zoneidx;( |$)'
	on_screen "(^| )kswapd's scan_control: +priority 12 " \
		'^#0  balance_pgdat \(\) at '
	case $size in
	80*)
		screen | grep -q '^ zones: ' &&
			fail "the zones pane stayed in the debug layout at $size"
		;;
	*) on_screen '^ zones: ' ;;
	esac
	send c
	wait_for '^continuing: kswapd0 left balance_pgdat\(\)'
	wait_for '^ zones: '
	check_inside $size
	quit_kss
done
finish
