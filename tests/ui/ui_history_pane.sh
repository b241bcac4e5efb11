#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The history pane after lua/demos/kswapd.lua's kswapd cycle, at 80x24,
# 120x40 and 200x60: the 1 GiB DMA32 zone's min 1024, low 1286 and high
# 1548 (__setup_per_zone_wmarks(), as the demo prints them) each label a
# line across the chart; the strip under it shows kswapd running, then
# napping (kswapd_try_to_sleep()'s HZ/10), then asleep; pgscan_kswapd's
# peak rate is the demo's whole scan (its batch text: "It scanned N
# pages") inside one jiffy, N * 250 a second over the jiffies of a cell;
# the time axis has seconds and jiffies. Under the mono theme the chart is
# ASCII and its curve dips between low and min (the free pages the
# allocation left) and ends above high (where kswapd reclaimed to).
. ./common.inc

DEMO=$(cd ../../lua/demos && pwd)/kswapd.lua

batch=$("$KSS" --batch "$DEMO") || fail "the demo failed in batch"
scanned=$(printf '%s\n' "$batch" | sed -n 's/^It scanned \([0-9]*\) pages.*/\1/p')
[ -n "$scanned" ] || fail "no 'It scanned N pages' in the batch text"
# the free pages the batch text gives: after the page cache, after the
# anonymous allocation, once kswapd sleeps; the pane must show the same
cached=$(printf '%s\n' "$batch" | sed -n 's/^  free \([0-9]*\) pages, inactive_file.*/\1/p')
dip=$(printf '%s\n' "$batch" | sed -n 's/^  free \([0-9]*\) < low .*/\1/p')
end=$(printf '%s\n' "$batch" | sed -n 's/^free \([0-9]*\) > high .*/\1/p')
[ -n "$cached" ] && [ -n "$dip" ] && [ -n "$end" ] ||
	fail "no free pages in the batch text: '$cached' '$dip' '$end'"

# show_history: on a screen below the dashboard's size the pane is a
# compact chart (or one summary line) until its letter focuses it; press
# it, from the panes
show_history() {
	screen | grep -q '\[keys\]' || send Escape
	wait_for '\[keys\]'
	send h
	wait_for 'history pane (shown|focused)'
	wait_for '^no history yet'
}

# rate_text SCALE: the pane's text for the demo's scan inside one jiffy,
# at SCALE ("2 cells a jiffy", "1 jiffy a cell", "4 jiffies a cell")
rate_text() {
	awk -v n="$scanned" -v hdr="$1" 'BEGIN {
		split(hdr, f, " ")
		j = (f[2] == "cells") ? 1 : f[1]
		v = n * 250 / j
		if (v >= 99999.5) printf "%.0fk", v / 1000
		else if (v >= 9999.5) printf "%.1fk", v / 1000
		else printf "%.0f", v
	}'
}

# check_cells W H: check_inside for a screen of braille and box drawing,
# counting characters (each one cell wide here), not bytes
check_cells() {
	screen >"$TMPD/cells.txt"
	rows=$(wc -l <"$TMPD/cells.txt")
	[ "$rows" -le "$2" ] || fail "$rows lines on a $2-line screen"
	while IFS= read -r line; do
		n=$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m)
		[ "$n" -le "$1" ] || fail "a line of $n cells: $line"
	done <"$TMPD/cells.txt"
}

# finish_demo: Enter until the script has ended (its last pause() may
# follow a timed one)
finish_demo() {
	i=0
	while screen | grep -q 'script paused' && [ $i -lt 50 ]; do
		send Enter
		sleep 0.2
		i=$((i + 1))
	done
	wait_gone 'script paused'
}

# enter_until REGEX: Enter, again if the script was not yet waiting in
# pause() to take it, until REGEX is on the screen
enter_until() {
	i=0
	while [ $i -lt 40 ]; do
		send Enter
		j=0
		while [ $j -lt 20 ]; do
			screen | grep -Eq -- "$1" && return 0
			sleep 0.1
			j=$((j + 1))
		done
		i=$((i + 1))
	done
	fail "Enter never brought /$1/"
	exit 1
}

# run_demo W H [ARGS]: the demo up to its pause after kswapd fell asleep
run_demo() {
	start_kss "$@" "$DEMO"
	wait_for 'script paused'
	show_history
	# 700 MiB of page cache, then anonymous memory down below low
	enter_until "^Node 0 DMA32 .*free +$cached "
	enter_until "^Node 0 DMA32 .*free +$dip "
	# kswapd's cycle, to the pause once it sleeps
	enter_until '^kswapd0 '
}

for size in "80 24" "120 40" "200 60"; do
	run_demo $size
	wait_for '^kswapd0 +│ *(█)+(▄)+(█)*(▁)+'
	wait_for "^Node 0 DMA32 \\(auto\\) +free $end +min 1024 low 1286 high 1548"
	wait_for '^ +1548 ┼.* high( |$)'
	wait_for '^ +1286 ┼.* low( |$)'
	wait_for '^ +1024 ┼.* min( |$)'
	# (on a wide screen other panes follow on the same rows)
	hdr=$(screen | sed -n 's/^\(seconds\|jiffies\) .* \([0-9.]* [a-z]* a [a-z]*\)\( .*\)\{0,1\}$/\2/p')
	[ -n "$hdr" ] || fail "no time scale at the end of the axis"
	want=$(rate_text "$hdr")
	wait_for "^pgscan k +│.*(█).* $want/s( |\$)"
	wait_for '^seconds +╵[0-9]+\.[0-9]+s +╵[0-9]+\.[0-9]+s'
	# the jiffies row needs a pane of 14 rows; the demo's caption bar,
	# growing with its last lines, may take them at 80x24
	if screen | grep -q '^jiffies'; then
		wait_for '^jiffies +[0-9]+ +[0-9]+ '
	fi
	check_cells $size
	finish_demo
	quit_kss
done

# mono: ASCII; the dip below low and the rise above high, row by row
run_demo 80 24 --theme mono
wait_for '^kswapd0 +\| *R+n+R*s+'
wait_for '^ +1286 \+-*.*low'
screen >"$TMPD/mono.txt"
awk '
/^ history: / { title = NR }
/^ +1548 \+/ { high = NR }
/^ +1286 \+/ { low = NR }
/^ +1024 \+/ { min = NR }
{ star[NR] = index(substr($0, 12), "*") > 0 }
END {
	for (i = high - 1; i > title; i--) if (star[i]) above = 1
	for (i = low + 1; i <= min; i++) if (star[i]) dip = 1
	if (!high || !low || !min) { print "no min/low/high rows"; exit 1 }
	if (!above) { print "no * above the high row"; exit 1 }
	if (!dip) { print "no * between the low and the min rows"; exit 1 }
}' "$TMPD/mono.txt" || fail "the ASCII chart's shape"
sed -n '/^ history: /,/^jiffies/p' "$TMPD/mono.txt" >"$TMPD/pane.txt"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMPD/pane.txt"; then
	fail "characters beyond ASCII in the pane under the mono theme"
fi
check_inside 80 24
finish_demo
quit_kss
finish
