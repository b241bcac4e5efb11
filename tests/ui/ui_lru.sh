#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The LRU pane at 80x24, 120x40 and 200x60. On a 1 GiB machine: 100 MiB
# of anon (25600 pages on the inactive list: a new anon folio starts
# there), 200 MiB of page cache read three times (folio_mark_accessed()
# promotes it: 51200 pages on the active file list) and 8 MiB mlock()ed
# (2048 unevictable). The pane's five sizes must be those, and equal the
# nr_inactive_anon ... nr_unevictable lines of /proc/vmstat (vmstat()).
# Then 700 MiB more page cache and run(250), one simulated second with no
# frame in between: the pane's pgsteal_kswapd rate is the counter's
# change over that second, as vmstat() reports it. Stepping into
# shrink_folio_list() holds a batch isolated: nr_isolated_file shows it,
# as /proc/vmstat does. l focuses, hides and shows the pane.
. ./common.inc

# show_lru: bring the pane up with its letter if its title is not shown,
# and give the keys back to the REPL
show_lru() {
	if ! screen | grep -q ' lru: '; then
		send Escape
		wait_for '\[keys\]'
		# room for it at 80x24: the history, kswapd and source panes go
		for pane in "history h" "kswapd b" "source w"; do
			set -- $pane
			if screen | grep -q "^ $1[:/ ]"; then
				send "$2"
				wait_for "$1 pane focused"
				send "$2"
				wait_for "$1 pane hidden"
			fi
		done
		send l
		wait_for ' lru: '
		send :
		wait_for '\[repl\]'
	fi
}

# lua_value EXPR: the value of a Lua expression, written by the REPL to a
# file (the REPL may have one row left on a small screen)
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

# pane_pages NAME: the pages the pane shows on the row of list NAME
pane_pages() {
	screen | sed -n "s/.*  $1  *\([0-9][0-9]*\)  *[0-9.][0-9.]* MiB.*/\1/p" |
		head -n 1
}

for size in "80 24" "120 40" "200 60"; do
	start_kss $size
	show_lru
	type_line 'reset{nodes = {{zones = {DMA32 = "1G"}}}, swap = "256M"}'
	# the touches cost the init task 2 x 51200 x 50 ns, past the first
	# tick: run(1) ends that tick, so that the frame after it samples the
	# clock on a tick and the second below is one of 250 ticks exactly
	type_line 'a = alloc("100M", {kind = "anon"}); f = alloc("200M", {kind = "file"}); touch(f); touch(f); m = alloc("8M"); mlock(m); check(); run(1)'
	wait_for ' nr_unevictable +2048 +8\.0 MiB'
	for want in nr_inactive_anon=25600 nr_active_anon=0 \
		nr_inactive_file=0 nr_active_file=51200 nr_unevictable=2048; do
		name=${want%=*}
		got=$(pane_pages "$name")
		expect "$size: $name on the pane" "${want#*=}" "$got"
		vm=$(lua_value "vmstat().$name")
		expect "$size: $name, pane against /proc/vmstat" "$vm" "$got"
	done
	wait_for ' nr_active_file +51200 +200 MiB'
	wait_for ' nr_inactive_anon +25600 +100 MiB'

	# one simulated second: the rate is the change over it
	type_line 'p0 = vmstat().pgsteal_kswapd; f2 = alloc("700M", {kind = "file"}); run(250)'
	steal=$(lua_value 'vmstat().pgsteal_kswapd - p0')
	[ "$steal" -gt 0 ] || fail "$size: kswapd reclaimed nothing in a second"
	wait_for "pgsteal_kswapd $steal/s"

	# a batch held isolated by a parked shrink_folio_list()
	type_line 'f3 = alloc("100M", {kind = "file"}); for i = 1, 60 do w = step("page") if vmstat().nr_isolated_file > 0 then break end end'
	iso=$(lua_value 'vmstat().nr_isolated_file')
	[ "$iso" -gt 0 ] || fail "$size: no folio isolated while parked"
	wait_for "nr_isolated_file $iso( |\$)"
	expect "$size: check() while parked" ok "$(lua_value 'check() or "ok"')"

	# l: focus, hide, show again
	send Escape
	wait_for '\[keys\]'
	send l
	send l
	wait_gone ' lru: '
	send l
	wait_for ' lru: '
	wait_for "nr_isolated_file $iso( |\$)"
	send :
	wait_for '\[repl\]'

	check_inside $size
	quit_kss
done
finish
