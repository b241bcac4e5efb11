#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kswapsim SCRIPT.lua runs the script in the UI: say() captions reach the
# REPL pane, pause(seconds) resumes on its own while time runs, pause()
# waits for Enter, q asks before quitting while the script is still
# there, and the REPL answers in between.
. ./common.inc

cat >"$TMPD/demo.lua" <<'LUA'
-- SPDX-License-Identifier: GPL-2.0-only
say("step one")
pause(0.2)
say("step two")
pause()
say("step three")
pause()
say("step four")
LUA

start_kss 100 30 "$TMPD/demo.lua"
wait_for '^step one$'
wait_for '^step two$'
wait_for 'script paused'
screen | grep -q '^step three$' && fail "pause() did not wait for a key"

# the REPL works while the script waits
send Tab
wait_for '\[repl\]'
type_line '3*3'
wait_for '^9$'
send Escape
wait_for '\[keys\]'
send Enter
wait_for '^step three$'

# q asks while the script still waits; n keeps it
send q
wait_for 'A script is running\. Quit\? \(y/n\)'
send n
wait_gone 'Quit\?'
send Enter
wait_for '^step four$'
wait_for 'script finished'
quit_kss

# a script that fails reports it in the REPL, which takes the keys, and
# the UI stays
printf 'say("before")\nerror("demo broke")\n' >"$TMPD/bad.lua"
start_kss 100 30 "$TMPD/bad.lua"
wait_for 'demo broke'
wait_for 'script stopped with an error'
wait_for '\[repl\]'
type_line '1+1'
wait_for '^2$'
quit_kss

# a script that is not there: said so, and time stays where it was
start_kss 100 30 "$TMPD/nosuch.lua"
wait_for 'cannot open .*nosuch\.lua: No such file or directory'
wait_for 'script stopped with an error'
screen | grep -q '^ kswapsim 6\.12  PAUSE  t=0 (0\.00s)' ||
	fail "a script that cannot load set time running"
quit_kss

# at 80 columns the end-of-script message drops the speed and seed from
# the status line but keeps the simulated time and where the keys go
printf 'say("done")\n' >"$TMPD/short.lua"
start_kss 80 24 "$TMPD/short.lua"
wait_for '^ kswapsim 6\.12  PAUSE  t=0 \(0\.00s\)  \[keys\] +script finished; space runs time'
check_inside 80 24
quit_kss
finish
