#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The REPL pane: an expression prints its value, an error prints its
# message and traceback and the UI carries on, incomplete input continues
# on the ".." prompt and Up recalls it whole (one history item, as lua.c
# keeps it), Up recalls the last line, Tab completes sysc to
# sysctl and node(0).zo to node(0).zones, Ctrl-C drops a line and
# interrupts a runaway loop; at 120x40 and again at 80x24.
. ./common.inc

for size in "120 40" "80 24"; do
	start_kss $size --theme mono

	type_line '1+1'
	wait_for '^2$'

	type_line 'error("boom")'
	wait_for 'boom'
	wait_for 'stack traceback:'
	type_line '40+2'
	wait_for '^42$'

	type_line 'for i = 1, 2 do'
	wait_for '^\.\. *$'
	type_line 'print("line", i * 10)'
	type_line 'end'
	wait_for '^line	*20$|^line +20$'

	# the statement is one history item (lua.c): Up brings it back
	# whole, its newlines shown, and Enter runs it again
	send Up
	wait_for '^> for i = 1, 2 do(↵|\|)print\("line", i \* 10\)(↵|\|)end$'
	send Enter
	wait_for '^\.\. end$'
	# its output follows the echo: wait for the second "line 20"
	i=0
	while [ "$(screen | grep -Ec '^line	*20$|^line +20$')" -lt 2 ] &&
		[ $i -lt $((WAIT_SECS * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ "$(screen | grep -Ec '^line	*20$|^line +20$')" -eq 2 ] ||
		fail "the recalled statement did not run again"

	type_line 'x = 7'
	send Up
	wait_for '^> x = 7$'
	send Enter
	type_line 'x'
	wait_for '^7$'

	send -l 'sysc'
	send Tab
	wait_for '^> sysctl$'
	send C-u
	send -l 'node(0).zo'
	send Tab
	wait_for '^> node\(0\)\.zones$'
	send C-u

	# Ctrl-C with text on the line drops it
	send -l 'abc'
	send C-c
	wait_for '^\^C$'
	expect "line dropped" ">" "$(input_line)"

	# Ctrl-C stops a runaway statement and the REPL still answers
	type_line 'while true do end'
	send C-c
	wait_for 'interrupted!'
	type_line '6*7'
	wait_for '^42$'

	# PgUp scrolls the output back, PgDn returns to the newest line
	type_line 'for i = 1, 80 do print("row " .. i) end'
	wait_for '^row 80$'
	send PPage
	wait_for 'scrolled -[0-9]+$'
	screen | grep -q '^row 80$' && fail "PgUp did not scroll"
	send NPage
	wait_gone 'scrolled -'
	wait_for '^row 80$'

	check_inside $size
	quit_kss

done
# the history file keeps the statement as one item, its newlines encoded
hist=$TMPD/state/kswapsim/history
grep -q '^for\\040i\\040=\\0401,\\0402\\040do\\012print(' "$hist" ||
	fail "no multi-line item in $hist: $(tail -n 3 "$hist")"
finish
