#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The kswapd pane, stepped through one balance_pgdat() pass at 80x24,
# 120x40 and 200x60. On 256 MiB of DMA32 with min_free_kbytes 4096 (min
# 1024, low 1280, high 1536: __setup_per_zone_wmarks()), a page-cache
# allocation that leaves free 100 pages below low (1180 free) wakes
# kswapd0 with 64356 folios on the inactive file list. Each round of
# balance_pgdat() scans that list >> sc.priority (get_scan_count(), no
# swap, so SCAN_FILE) and, all clean and unmapped, reclaims each folio it
# scans (shrink_folio_list()):
#   priority 12: 64356 >> 12 = 15      free 1195
#   priority 11: 64341 >> 11 = 31      free 1226
#   priority 10: 64310 >> 10 = 62      free 1288
#   priority  9: 64248 >>  9 = 125     free 1413
#   priority  8: 64123 >>  8 = 250     free 1663 >= high: balanced
# so the pass's table reads 12 11 10 9 8 over 15 31 62 125 250 twice,
# and its sums are /proc/vmstat's pgscan_kswapd and pgsteal_kswapd (483).
# While the pass is parked at the top of a round the pane shows kswapd's
# live scan_control with the priority it is about to scan at, the values
# the last step changed marked (reverse video in the mono theme), as
# gdb's TUI marks changed registers; a parked direct reclaimer's
# scan_control shows too. Under it, vmpressure's window (mm/vmpressure.c:
# vmpressure() adds each shrink_node() pass): the pass's 483 scanned and
# reclaimed, short of the 512 that queue a work, so no level yet, as
# vmpressure() says in Lua.
. ./common.inc

# show_pane: make the kswapd pane shown and focused, scrolled to END or
# HOME, then give the keys back to the REPL
show_pane() {
	send Escape
	wait_for '\[keys\]'
	send b
	wait_for 'kswapd pane (shown|focused)'
	send "$1"
	sleep 0.2
}

# make_room: hide the source pane if it is shown (its letter focuses it,
# then hides it), so that at 80x24 the REPL keeps a few lines
make_room() {
	send Escape
	wait_for '\[keys\]'
	if screen | grep -q ' source: '; then
		send w
		wait_for 'source pane focused'
		send w
		wait_gone ' source: '
	fi
	send :
	wait_for '\[repl\]'
}

# marked TEXT: TEXT is on screen in reverse video (the mono theme's
# "changed"), right after the SGR sequence that turns it on
ESC=$(printf '\033')
marked() {
	t capture-pane -e -p -t kss | grep -Fq -- "$ESC[7m$1" ||
		fail "'$1' is not marked as changed"
}

back_to_repl() {
	send :
	wait_for '\[repl\]'
}

# table_sum ROW: the sum of the numbers of the pane's table row ROW
table_sum() {
	screen | grep -Eo "(^| )$1( +[0-9]+)+ *\$" |
		awk '{ s = 0; for (i = 2; i <= NF; i++) s += $i; print s }'
}

for size in "80 24" "120 40" "200 60"; do
	start_kss $size --theme mono
	type_line 'reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, sysctl = {min_free_kbytes = 4096, percpu_pagelist_high_fraction = 65536}}'
	type_line 'z = node(0).zones.DMA32; f = alloc(z.free + z.free_pcp - z.low + 100, {kind = "file"}); print("free=" .. z.free + z.free_pcp)'
	wait_for '^free=1180$'
	make_room

	# kswapd0 was woken, and is parked at its first round
	type_line 'step("priority")'
	show_pane Home
	wait_for 'kswapd0 running +kswapd_order 0'
	wait_for "kswapd's scan_control: +priority 12 "
	back_to_repl

	type_line 'step("priority")'
	wait_for "kswapd's scan_control: +priority 11 "
	type_line 'step("priority")'
	wait_for "kswapd's scan_control: +priority 10 "
	show_pane Home
	# the step from 11 to 10 changed the priority, the round's scan
	# (64341 >> 11 = 31) and the pass's reclaimed (15 + 31)
	marked '10'
	marked '31'
	marked '46'
	send End
	wait_for '(^| )priority +12 +11 *$'
	wait_for '(^| )scanned +15 +31 *$'
	wait_for '(^| )reclaimed +15 +31 *$'
	back_to_repl

	# to the end of the pass, then past it: the table stays
	type_line 'step("balance")'
	wait_for '^kswapd0 in balance_pgdat\(\) at vmscan\.c:[0-9]+ '
	type_line 'run(1); print(node(0).kswapd.state, vmstat().pgscan_kswapd, vmstat().pgsteal_kswapd); check()'
	wait_for '^(sleeping|napping) +483 +483$'
	show_pane End
	wait_for '(^| )priority +12 +11 +10 +9 +8 *$'
	wait_for '(^| )scanned +15 +31 +62 +125 +250 *$'
	wait_for '(^| )reclaimed +15 +31 +62 +125 +250 *$'
	expect "pgscan_kswapd = the table's scanned" 483 "$(table_sum scanned)"
	expect "pgsteal_kswapd = the table's reclaimed" 483 \
		"$(table_sum reclaimed)"
	send Home
	wait_for 'kswapd0 (sleeping|napping) +kswapd_order 0'
	case $size in
	80*) ;;
	*)
		# room for the rest: the last pass and get_scan_count()'s
		# last targets (priority 8: 64123 >> 8)
		wait_for 'balance_pgdat\(\) last pass:'
		wait_for 'get_scan_count\(\): +SCAN_FILE +inactive_anon 0 +active_anon 0'
		wait_for 'inactive_file 250'
		wait_for 'vmpressure: +no level yet +this window: scanned 483 reclaimed 483 \(of 512\)'
		# the disk is idle (the page cache was clean): no disk line
		wait_gone '^disk: '
		back_to_repl
		type_line 'v = vmpressure(); print("vp=" .. v.level .. " " .. v.scanned .. " " .. v.reclaimed)'
		wait_for '^vp=none 483 483$'
		send Escape
		wait_for '\[keys\]'
		;;
	esac
	check_inside $size

	# A task that allocates anon faster than kswapd frees it enters
	# direct reclaim (__alloc_pages_direct_reclaim()); parked there, its
	# own scan_control shows beside kswapd's: try_to_free_pages() asks
	# for SWAP_CLUSTER_MAX (32) pages, starting at DEF_PRIORITY. (Stepped
	# until the hog is parked at DEF_PRIORITY while kswapd is inside
	# balance_pgdat() and its swap writes are at the disk.)
	case $size in
	80*)
		# Short of rows (the debug layout at 80x24), the pane keeps,
		# after the state, scan_control and the rounds, the disk line,
		# then vmpressure's. An eater of 384 MiB on 256 MiB with swap
		# takes the zone below min at once: at t=38 kswapd and the
		# eater's direct reclaim both sleep in mempool_alloc() for a
		# swap write's bio, the pool's two out (bio.c)
		back_to_repl
		type_line 'reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "256M"}; e = task("eater"); e:start{kind = "anon", size = "384M", rate = "384M", cycle = true, passes = 1}; run(38)'
		send Escape
		wait_for '\[keys\]'
		send 3
		wait_for 'debug layout'
		wait_for '^disk: +[1-9][0-9]* pages queued'
		wait_for '^bio mempool 0 of 2, 2 waiting for a bio'
		wait_for '^vmpressure: '
		check_inside $size
		;;
	*)
		back_to_repl
		type_line 'reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "64M", sysctl = {min_free_kbytes = 4096, percpu_pagelist_high_fraction = 65536}}'
		type_line 'w = task("hog"); w:start{kind = "anon", size = "512M", rate = "2M"}; for i = 1, 400 do local at = step("node"); if at and at.task == "hog" and at.priority == 12 and node(0).kswapd.running and disk().queued > 0 then local d = disk(); print(("hog parked %d %d %d %d"):format(d.max_depth, d.wb_normal, d.wb_background, d.scale_step)) break end end'
		wait_for '^hog parked [0-9]+ [0-9]+ [0-9]+ -?[0-9]+$'
		set -- $(screen | sed -n 's/^hog parked \([0-9]*\) \([0-9]*\) \([0-9]*\) \(-*[0-9]*\)$/\1 \2 \3 \4/p' | tail -1)
		show_pane Home
		wait_for 'direct reclaim \(hog\) scan_control: +priority 12 +nr_to_reclaim 32( |$)'
		wait_for "kswapd's scan_control: +priority [0-9]+ "
		# under it the swap disk, as disk() has it: kswapd's swap
		# writes against wbt's depth (swap writes may have it all),
		# and the page cache's limits, (depth + 1) / 2 and (depth + 3)
		# / 4 requests (block/blk-wbt.c: get_limit(), calc_wb_limits());
		# the depth is RWB_DEF_DEPTH 16 scaled up once for each window
		# of writes so far (rq_depth_calc_max_depth(): 1 + 15 << -step,
		# at most 3/4 of the virtio disk's 256 tags)
		[ "$2" -eq $((($1 + 1) / 2)) ] && [ "$3" -eq $((($1 + 3) / 4)) ] &&
			[ "$4" -le 0 ] && { [ "$1" -eq $((1 + (15 << -$4))) ] ||
			[ "$1" -eq 192 ]; } ||
			fail "wbt's limits: depth $1, normal $2, background $3, step $4"
		wait_for 'disk: +[1-9][0-9]* pages queued'
		wait_for "wbt: requests under way: swap [1-9][0-9]* of $1, page cache 0 of $2"
		wait_for "\\(background $3\\), scale step $4"
		check_inside $size
		;;
	esac
	quit_kss
done
finish
