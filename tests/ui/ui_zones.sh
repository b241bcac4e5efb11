#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The zones pane: one line per populated zone with free pages and the
# min/low/high watermarks, and alloc("1G") lowers the free pages shown for
# Normal by at least the 262144 pages of 1 GiB (4 KiB pages), exactly as
# node(0).zones.Normal.free reports, and on a narrow row the per-cpu
# lists' pages as free_pcp does; z hides and shows the pane; at
# 120x40 and at 80x24. Below 4*high free pages the gauge zooms and says
# so: on a 60 GiB Normal zone (min 16346, low 32074, high 47802: the
# numbers /proc/zoneinfo prints for this machine, __setup_per_zone_wmarks()
# with min_free_kbytes 67584) the marks M L H stand apart under the label
# "zoom 0..4*high=191208", on the zone's own row at 200x60 and on a second
# row at 80x24.
. ./common.inc

# normal_free: the free pages shown on the zones pane's Node 0 Normal line
# (the first: the history pane's header may name the zone too)
normal_free() {
	screen | sed -n 's/^Node 0 Normal *free *\([0-9]*\).*/\1/p' | head -n 1
}

for size in "120 40" "80 24"; do
	start_kss $size
	wait_for '^Node 0 DMA32 +free +[0-9]+'
	wait_for '^Node 0 Normal +free +[0-9]+ .*min +[0-9]+ low +[0-9]+ high +[0-9]+'
	before=$(normal_free)

	type_line 'alloc("1G")'
	wait_gone "^Node 0 Normal +free +$before "
	# a slow build redraws a long alloc() with its progress: wait for the end
	wait_gone 'alloc\(\): [0-9]+%'
	after=$(normal_free)
	[ $((before - after)) -ge 262144 ] ||
		fail "alloc(\"1G\") took $((before - after)) free pages, want >= 262144"

	# the pane shows what the Lua API says
	type_line 'print("free=" .. node(0).zones.Normal.free)'
	wait_for "^free=$after\$"
	# and, on a narrow row, the pages on the CPUs' per-cpu lists: the
	# free_pcp of mm/show_mem.c: __show_free_areas(), outside free
	case $size in
	80*)
		pcp=$(screen | sed -n 's/^Node 0 Normal .* free_pcp \([0-9]*\)$/\1/p' | head -n 1)
		[ -n "$pcp" ] || fail "no free_pcp on the Normal row at $size"
		type_line 'print("pcp=" .. node(0).zones.Normal.free_pcp)'
		wait_for "^pcp=$pcp\$"
		;;
	esac

	# z hides and shows the pane; the keys stay with the panes
	send Escape
	wait_for '\[keys\]'
	send z
	wait_gone '^Node 0 kswapd0 '
	send z
	wait_for "^Node 0 Normal +free +$after "
	wait_for '\[keys\]'

	check_inside $size
	quit_kss
done

for size in "200 60" "80 24"; do
	start_kss $size
	type_line 'reset{nodes = {{zones = {DMA = "16M", DMA32 = "2G", Normal = "60G"}}}}'
	type_line 'zs = node(0).zones; r = alloc(zs.Normal.free + zs.Normal.free_pcp + zs.DMA32.free + zs.DMA32.free_pcp - 60000, {kind = "file"})'
	wait_for 'zoom 0\.\.4\*high=191208'
	wait_for '^Node 0 Normal +free +[0-9]+ .*min +16346 low +32074 high +47802'
	case $size in
	200*)
		wait_for '^Node 0 Normal +free +[0-9]+ \[.*M[#.]*L\.*H.* zoom'
		;;
	*)
		wait_for '^  \[.*M[#.]*L\.*H.* zoom 0\.\.4\*high=191208 \]$'
		;;
	esac
	check_inside $size
	quit_kss
done
finish
