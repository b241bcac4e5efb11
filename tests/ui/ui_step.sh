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
. ./common.inc

# on_screen REGEX...: each matches a line of the screen
on_screen() {
	for re; do
		screen | grep -Eq -- "$re" || fail "no line matches /$re/"
	done
}

start_kss 120 70
type_line 'reset{thp = false, nodes = {{zones = {DMA32 = "256M"}}}, sysctl = {min_free_kbytes = 4096}}'
type_line 'z = node(0).zones.DMA32; print(z.min, z.low, z.high)'
wait_for '^1024 +1280 +1536$'
type_line 'f = alloc(z.free - z.low + 100, {kind = "file"}); print(node(0).kswapd.state)'
wait_for '^running$'
# the zones pane's kswapd line: 65536 - 1280 + 100 = 64356 page-cache
# pages, all on the inactive file list (folio_add_lru())
wait_for '^Node 0 kswapd0 running +order 0 prio 12 fail 0 +anon 0/0 file 64356/0$'

send Escape
wait_for '\[keys\]'
wait_for '^no reclaimer is parked: s steps into the next one'
send s
wait_for '^> step\(\)$'
wait_for 'text = "STEP_POINT\(sim, STEP_PRIORITY\);"'
on_screen 'fn = "balance_pgdat"' 'priority = 12,' 'task = "kswapd0"' \
	'file = "vmscan.c"'
# a parked reclaimer holds the clock: space runs time, which waits
wait_for '^ kswapsim 6\.12  PARKED  t=0 '
send ' '
sleep 1
on_screen '^ kswapsim 6\.12  PARKED  t=0 '
send ' '
# the source pane: the parked line, numbered as where().line says
line=$(screen | sed -n 's/^  line = \([0-9]*\),$/\1/p')
on_screen "^vmscan\\.c:$line balance_pgdat\\(\\)  kswapd0  priority 12  nr_scanned 0" \
	"^ *$line +STEP_POINT\\(sim, STEP_PRIORITY\\);\$" \
	"^ *$((line + 1)) +sc\\.reclaim_idx = highest_zoneidx;\$"

send s
wait_for 'text = "STEP_POINT\(sc->sim, STEP_LRU\);"'
on_screen 'fn = "shrink_list"'

send S
wait_for 'text = "STEP_POINT\(sc->sim, STEP_NODE\);"'
on_screen '^> step_out\(\)$' 'fn = "shrink_node"'

send n
wait_for '^> step\("balance"\)$'
wait_for 'text = "STEP_POINT\(sim, STEP_BALANCE\);"'
on_screen 'granularity = "balance"'

# w focuses the source pane, w again hides it, and w shows it again
send w
wait_for 'source pane focused'
send w
wait_gone '^ source: '
send w
wait_for '^vmscan\.c:[0-9]+ balance_pgdat\(\)'

# the help overlay lists the stepping keys
send '?'
wait_for 's S n +step\(\), step out, next balance'
send Escape
check_inside 120 70
quit_kss
finish
