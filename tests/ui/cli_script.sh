#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kswapsim SCRIPT.lua runs the script as a coroutine in the UI: say()
# prints its caption, pause(seconds) resumes by itself, pause() waits for
# a key (say() and step() also yield, for a redraw), and the REPL works
# afterwards.
K=${1:?usage: cli_script.sh path/to/kswapsim}
case $K in
/*) ;;
*) K=$(pwd)/$K ;;
esac
command -v tmux >/dev/null || { echo "tmux not installed"; exit 2; }
T=$(mktemp -d)
TM="tmux -L kss-script$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
fail=0

screen() {
	$TM capture-pane -p -t kss 2>/dev/null
}

# wait_for REGEX WHAT: poll the screen for a line matching REGEX
wait_for() {
	i=0
	while [ $i -lt 600 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: $2 (no line matching '$1')"
	screen
	fail=1
	return 1
}

cat >"$T/demo.lua" <<'EOT'
say("caption one")
pause(0.1)
say("caption two")
print("waiting for a key")
pause()
say("done, Normal free " .. node(0).zones.Normal.free)
EOT

$TM new-session -d -s kss -x 100 -y 30 \
	"env -i HOME=$T TERM=screen LC_ALL=C.UTF-8 '$K' --seed 1 '$T/demo.lua'"
wait_for '^caption one' "say() prints"
wait_for '^caption two' "pause(0.1) resumes by itself"
# print() does not yield: once its line shows, the script is in pause()
wait_for '^waiting for a key' "print() after say()"
wait_for 'script paused' "pause() waits for a key"
screen | grep -q '^done' && { echo "FAIL: pause() did not wait"; fail=1; }
$TM send-keys -t kss Enter
wait_for '^done, Normal free [0-9]+' "a key resumes the script"
wait_for 'script finished' "the script ends"
$TM send-keys -t kss : '6 * 7' Enter
wait_for '^42$' "the REPL works after the script"
# step() yields for a redraw too, and still returns where()
cat >"$T/step.lua" <<'EOT'
reset{seed = 1, thp = false, slab = false, nodes = {{zones = {DMA32 = "1G"}}}}
local z = node(0).zones.DMA32
alloc("700M", {kind = "file"})
alloc(z.free - 1150, {kind = "anon"})
local w = step("line")
print("stepped into " .. tostring(w and w.fn) .. " of " .. tostring(w and w.task))
EOT
# a fresh server: the killed one may still hold its socket
$TM kill-server 2>/dev/null
TM="tmux -L kss-script$$-2 -f /dev/null"
$TM new-session -d -s kss -x 100 -y 30 \
	"env -i HOME=$T TERM=screen LC_ALL=C.UTF-8 '$K' --seed 1 '$T/step.lua'"
wait_for '^stepped into [a-z_]+ of kswapd0' "step() in a script"
exit $fail
