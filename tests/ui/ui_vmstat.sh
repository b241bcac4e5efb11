#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The vmstat pane at 80x24 (mono theme), 120x40 and 200x60. On a 1 GiB
# machine, 1000 MiB of page cache and run(25) in one REPL line: the
# frame after it lists nr_free_pages, pgalloc_dma32, pgscan_kswapd and
# pgsteal_kswapd marked '*' with the value /proc/vmstat (vmstat()) gives
# and the change since the frame before. free(f) then moves nr_free_pages
# again (marked, with the new change) while pgscan_kswapd stays listed
# with its old change and no mark. j scrolls the focused pane.
. ./common.inc

# lua_value EXPR: a Lua value, written by the REPL to a file
lua_value() {
	rm -f "$TMPD/value" "$TMPD/value.tmp"
	type_line "do local h = io.open('$TMPD/value.tmp', 'w') h:write(tostring($1)) h:close() os.rename('$TMPD/value.tmp', '$TMPD/value') end"
	i=0
	while [ ! -f "$TMPD/value" ] && [ $i -lt $((WAIT_SECS * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ -f "$TMPD/value" ] || { fail "no value for $1"; exit 1; }
	cat "$TMPD/value"
}

# find_line REGEX: Home in the focused vmstat pane, then j until it shows
find_line() {
	send Home
	n=0
	while [ $n -lt 40 ]; do
		screen | grep -Eq -- "$1" && return 0
		send j
		sleep 0.1
		n=$((n + 1))
	done
	fail "no line /$1/ in the vmstat pane"
}

# focus_vmstat: the pane shown and holding the keys
focus_vmstat() {
	send Escape
	wait_for '\[keys\]'
	send v
	wait_for ' vmstat: '
	wait_for 'vmstat pane (shown|focused)'
}

for run in "80 24 --theme mono" "120 40" "200 60"; do
	set -- $run
	start_kss "$@"
	size="$1 $2"
	type_line 'reset{nodes = {{zones = {DMA32 = "1G"}}}, swap = "256M"}'
	# the pane watches from when it is shown
	focus_vmstat
	wait_for 'no counter has moved since t=0\.00s'
	send :
	wait_for '\[repl\]'
	names="nr_free_pages pgalloc_dma32 pgscan_kswapd pgsteal_kswapd"
	for n in $names; do
		eval "before_$n=\$(lua_value 'vmstat().$n')"
	done
	type_line 'f = alloc("1000M", {kind = "file"}); run(25)'
	for n in $names; do
		eval "after_$n=\$(lua_value 'vmstat().$n')"
	done
	focus_vmstat
	for n in $names; do
		eval "b=\$before_$n a=\$after_$n"
		d=$((a - b))
		[ $d -ge 0 ] && d="\\+$d"
		find_line "\\*$n +$a +$d +at 0\\.10s"
	done
	[ "$after_pgscan_kswapd" -gt "$before_pgscan_kswapd" ] ||
		fail "$size: kswapd scanned nothing"

	send :
	wait_for '\[repl\]'
	type_line 'free(f)'
	free2=$(lua_value 'vmstat().nr_free_pages')
	focus_vmstat
	find_line "\\*nr_free_pages +$free2 +\\+$((free2 - after_nr_free_pages)) "
	d=$((after_pgscan_kswapd - before_pgscan_kswapd))
	find_line " pgscan_kswapd +$after_pgscan_kswapd +\\+$d +at 0\\.10s"
	screen | grep -Eq '\*pgscan_kswapd' &&
		fail "$size: pgscan_kswapd marked though free() did not move it"
	check_inside $size
	quit_kss
done
finish
