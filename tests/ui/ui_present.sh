#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Presentation: a demo's chapter and its last say() in the caption bar,
# word-wrapped, with "press Enter / Space to continue" at a pause(); Space
# and Enter continue; ] and [ go to the next and the previous chapter (back
# means the demo runs again from its start, so the numbers are those of the
# first pass) and R starts it again. --record writes an "m" marker for each
# chapter and caption, after the frame that shows it.
. ./common.inc

cat >"$TMPD/demo.lua" <<'LUA'
-- SPDX-License-Identifier: GPL-2.0-only
reset{seed = 1}
chapter("One")
say("first at " .. jiffies())
pause()
chapter("Two")
run(10)
say("second at " .. jiffies())
pause()
chapter("Three")
say("A pause holds simulated time: the numbers on the screen are those " ..
    "that --batch prints, however long the class looks at them.")
pause()
LUA

# the caption rows start with one blank column; the REPL's copy does not
start_shell 80 24
send "cd '$TMPD' && '$KSS' --record p.cast demo.lua; echo \"kss-exit=\$?\"" Enter
wait_for '^ kswapsim '
wait_for '^  1\. One +press Enter / Space to continue *$'
wait_for '^ first at 0 *$'
send Space
wait_for '^  2\. Two '
wait_for '^ second at 10 *$'
send ']'
wait_for '^  3\. Three '
wait_for '^ A pause holds simulated time: the numbers on the screen are those that --batch *$'
wait_for '^ prints, however long the class looks at them\. *$'
wait_for 'press Enter / Space to continue'
check_inside 80 24
send '['
wait_for '^  2\. Two '
wait_for '^ second at 10 *$'
send R
wait_for '^  1\. One '
wait_for '^ first at 0 *$'
send Enter
wait_for '^  2\. Two '
wait_for '^ second at 10 *$'

# any rectangle: tiny and huge terminals keep the UI alive and inside
for size in "12 3" "1 1" "300 100" "80 24"; do
	set -- $size
	t resize-window -t kss -x "$1" -y "$2"
	sleep 0.3
	check_inside "$1" "$2"
done
wait_for '^  2\. Two '

send q
wait_for 'Quit\? \(y/n\)'
send y
wait_for '^kss-exit=0$'
check_clean

# the markers, in the order the class saw the captions
got=$(grep '"m"' "$TMPD/p.cast" | sed 's/^\[[0-9.]*, "m", "\(.*\)"\]$/\1/' |
	cut -c 1-20 | tr '\n' '|')
expect "markers" "One|first at 0|Two|second at 10|Three|A pause holds simula|Two|second at 10|One|first at 0|Two|second at 10|" "$got"
python3 -c 'import json, sys
for l in open(sys.argv[1]): json.loads(l)' "$TMPD/p.cast" || fail "not JSON"
finish
