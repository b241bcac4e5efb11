#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A demo's pause() holds simulated time, so the UI prints the numbers
# --batch prints however long the user waits (the status line says HELD);
# pause{run = true} lets time run; chapter() prints its title as in
# batch; when the demo ends, time stays where it ended until space.
. ./common.inc

cat >"$TMPD/demo.lua" <<'LUA'
-- SPDX-License-Identifier: GPL-2.0-only
chapter("Holding time")
say("at " .. jiffies())
pause(0.3)
say("then " .. jiffies())
pause()
say("after " .. jiffies())
pause(0.5, {run = true})
say(jiffies() > 0 and "time ran" or "time held")
LUA

out=$("$KSS" --batch "$TMPD/demo.lua") || fail "batch run failed"
expect "batch text" "== Holding time ==
at 0
then 0
after 0" "$(printf '%s\n' "$out" | head -4)"

start_kss 100 30 "$TMPD/demo.lua"
wait_for '^== Holding time ==$'
wait_for '^then 0$'
wait_for 'script paused'
wait_for '^ kswapsim 6\.12  HELD  t=0 '
# the user reads the screen for a while: the clock must not move
sleep 1
send Enter
wait_for '^after 0$'
wait_for '^time ran$'
wait_for 'script finished; space runs time'
wait_for '^ kswapsim 6\.12  PAUSE  t=[1-9]'
end=$(screen | sed -n '1s/^ kswapsim 6\.12  PAUSE  t=\([0-9]*\) .*/\1/p')
sleep 1
now=$(screen | sed -n '1s/^ kswapsim 6\.12  PAUSE  t=\([0-9]*\) .*/\1/p')
expect "the clock after the demo ended" "$end" "$now"
send Space
wait_for '^ kswapsim 6\.12  RUN '
quit_kss
finish
