#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The command line without a terminal: -e and --batch in the order given,
# "file:line: message" and a traceback on errors, exit codes 0/1/2, and
# the import of a real zoneinfo (the foundation issue's done-criterion).
K=${1:?usage: cli_batch.sh path/to/kswapsim}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

# expect WHAT WANT GOT
expect() {
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1"
		echo "  want: $2"
		echo "  got:  $3"
		fail=1
	fi
}

# run ARGS...: stdout in $T/out, stderr in $T/err, status in $rc
run() {
	"$K" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

run -e 'print(1+1)'
expect "-e prints" "2" "$(cat "$T/out")"
expect "-e status" 0 $rc

printf 'x = x + 1\n' >"$T/inc.lua"
run -e 'x = 1' --batch "$T/inc.lua" -e 'print(x)' --batch="$T/inc.lua" -e'print(x)'
expect "chunks run in order" "2
3" "$(cat "$T/out")"

out=$(printf 'print("from stdin")\n' | "$K" --batch - 2>&1)
expect "--batch - reads stdin" "from stdin" "$out"

run -e 'say("a caption") pause() pause(10)'
expect "say prints, pause returns in batch" "a caption" "$(cat "$T/out")"

# errors: file:line: message, a traceback, exit 1, later chunks skipped
run -e 'print("before")' -e 'error("boom")' -e 'print("after")'
expect "error status" 1 $rc
expect "error stops the run" "before" "$(cat "$T/out")"
expect "error message" "(command line):1: boom" "$(head -n 1 "$T/err")"
expect "traceback" "stack traceback:" "$(sed -n 2p "$T/err")"

printf 'reset{}\nalloc(-1)\n' >"$T/bad.lua"
run --batch "$T/bad.lua"
expect "file error status" 1 $rc
expect "file error message" \
	"$T/bad.lua:2: bad argument #1 to 'alloc' (size must not be negative, got -1)" \
	"$(head -n 1 "$T/err")"

printf 'x = 1\nprint(node(0).zones.Foo)\n' | "$K" --batch - >/dev/null 2>"$T/err"
expect "stdin error status" 1 $?
expect "stdin error message" \
	"stdin:2: unknown zone 'Foo' (expected DMA, DMA32, Normal, Movable or Device)" \
	"$(head -n 1 "$T/err")"

run --batch "$T/missing.lua"
expect "missing file status" 1 $rc
expect "missing file message" \
	"cannot open $T/missing.lua: No such file or directory" \
	"$(head -n 1 "$T/err")"

run -e 'for i = 1,'
expect "syntax error status" 1 $rc
expect "syntax error message" \
	"(command line):1: unexpected symbol near <eof>" "$(head -n 1 "$T/err")"

# interrupt CHUNK PAUSE: run CHUNK, which prints "ready" first, and send
# it ^C PAUSE seconds after it has; rc is its exit status
interrupt() {
	"$K" -e "print(\"ready\") io.stdout:flush() $1" \
		>"$T/out" 2>"$T/err" </dev/null &
	pid=$!
	i=0
	while [ "$(cat "$T/out")" != ready ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep "$2"
	kill -INT $pid
	wait $pid
	rc=$?
}

# ^C interrupts a running chunk through a hook (lua.c: laction, lstop)
interrupt 'while true do end' 0
expect "interrupt status" 1 $rc
expect "interrupt message" "(command line):1: interrupted!" \
	"$(head -n 1 "$T/err")"

# ... also inside a C function the chunk calls (string.find here): the
# message names the Lua line that called it
interrupt 'local s = string.rep("ab", 5e7) for i = 1, 1e6 do s:find("abc", 1, true) end' 0.2
expect "interrupt in C status" 1 $rc
expect "interrupt in C message" "(command line):1: interrupted!" \
	"$(head -n 1 "$T/err")"

# ... also in a loop in C: run(ticks) stops between two ticks
interrupt 'run(1 << 40)' 0.2
expect "interrupt run() status" 1 $rc
expect "interrupt run() message" "(command line):1: interrupted!" \
	"$(head -n 1 "$T/err")"

# usage errors: exit 2, the usage on stderr
run --bogus
expect "unknown option status" 2 $rc
expect "unknown option message" "kswapsim: unknown option '--bogus'" \
	"$(head -n 1 "$T/err" | sed 's/^[^:]*kswapsim:/kswapsim:/')"
expect "usage on stderr" 1 "$(grep -c '^usage: ' "$T/err")"
run -e
expect "missing -e code" 2 $rc
run --seed x -e 'print(1)'
expect "bad seed" 2 $rc
run a.lua b.lua
expect "two scripts" 2 $rc

# the UI needs a terminal
run
expect "no terminal status" 2 $rc
expect "no terminal message" 1 "$(grep -c 'not a terminal' "$T/err")"

run --version
expect "--version" "kswapsim 0.1.0" "$(cat "$T/out")"
run --help
expect "--help status" 0 $rc
expect "--help usage" 1 "$(grep -c '^usage: ' "$T/out")"

# --seed seeds the default machine and math.random, as reset{seed} does
run --seed 7 -e 'print(math.random(1 << 30))'
a=$(cat "$T/out")
run -e 'reset{seed = 7} print(math.random(1 << 30))'
expect "--seed = reset{seed}" "$a" "$(cat "$T/out")"

# done-criterion of the foundation issue, against the 6.18 host's file:
# every min/low/high/promo and protection line comes out as the kernel
# printed it, and the import has nothing to warn about
fixture=../fixtures/zoneinfo-host-6.18.txt
run -e "reset{zoneinfo=\"$fixture\"} io.write(zoneinfo())"
expect "zoneinfo import status" 0 $rc
expect "zoneinfo import warnings" "" "$(cat "$T/err")"
pick='^ *(min|low|high|promo|spanned|present|managed) |protection:|^Node'
expect "zoneinfo import watermarks" \
	"$(grep -E "$pick" "$fixture")" "$(grep -E "$pick" "$T/out")"

# the import warns where its result differs from the file: a copy of a
# saved /proc without the sys/vm/ beside it gets the default sysctls
cp ../fixtures/proc-wsf200/zoneinfo "$T/zoneinfo"
run -e "reset{zoneinfo=\"$T/zoneinfo\"}"
expect "zoneinfo import warns" \
	"warning: zoneinfo: Node 0, zone DMA: min 57, file says 76" \
	"$(head -n 1 "$T/err")"
expect "a warning is no error" 0 $rc
run -e 'reset{zoneinfo="../fixtures/proc-wsf200/zoneinfo"}'
expect "sys/vm/ beside zoneinfo" "" "$(cat "$T/err")"

# a machine the host cannot hold is refused up front with what it would
# take; the swap map counts (reset{swap = "16T"} once said "out of memory
# for 20480 page frames"); --host-memory sets the host's size
run --host-memory 1G -e 'reset{swap = "16T"}'
expect "16T swap status" 1 $rc
expect "16T swap message" \
	"(command line):1: reset: the host cannot hold this machine: its 2359296 page frames (36.0 MiB) and its swap map of 4294967296 slots (36.0 GiB) need 36.0 GiB, more than the host's 1.0 GiB" \
	"$(head -n 1 "$T/err")"
run --host-memory 1G -e 'reset{nodes = {{zones = {Normal = "15T"}}}}'
expect "15T message" \
	"(command line):1: reset: the host cannot hold this machine: its 4027580416 page frames need 60.0 GiB, more than the host's 1.0 GiB" \
	"$(head -n 1 "$T/err")"
run --host-memory 64M -e 'reset{nodes = {{zones = {Normal = "8G"}}}} print(node(0).zones.Normal.managed)'
expect "a machine that fits boots" "2097152" "$(cat "$T/out")"
run --host-memory 1X -e '1'
expect "--host-memory usage" 2 $rc
# so is a workload whose page table the host cannot hold: a 4 TiB file
# maps 2^30 pages, 8 GiB of PTEs (it once made the fuzzer time out)
run --host-memory 128M -e 'reset{nodes = {{zones = {DMA32 = "16M"}}}} task("t"):start{kind = "file", size = "4T", rate = 64}'
expect "4T workload status" 1 $rc
expect "4T workload message" \
	"(command line):1: size 1073741824 pages: its page table would not fit in this host's memory (--host-memory)" \
	"$(head -n 1 "$T/err")"
# without --host-memory the limit is the host's MemTotal
memtotal=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
if [ -n "$memtotal" ] && [ "$(awk '/^MemTotal:/ { print ($2 < 60 * 1048576) }' /proc/meminfo)" = 1 ]; then
	run -e 'reset{nodes = {{zones = {Normal = "15T"}}}}'
	expect "15T against MemTotal" \
		"(command line):1: reset: the host cannot hold this machine: its 4027580416 page frames need 60.0 GiB, more than the host's $memtotal" \
		"$(head -n 1 "$T/err")"
fi

# --no-ui reads a pipe like lua(1): expressions print, input continues
printf '40 + 2\nfor i = 1, 2 do\nprint("line" .. i)\nend\nerror("oops")\nprint("still here")\n' |
	"$K" --no-ui >"$T/out" 2>"$T/err"
expect "--no-ui value" 1 "$(grep -c '42' "$T/out")"
expect "--no-ui multi-line" 2 "$(grep -c 'line[12]' "$T/out")"
expect "--no-ui error" 1 "$(grep -c 'stdin:1: oops' "$T/err" "$T/out" |
	awk -F: '{ n += $2 } END { print n }')"
expect "--no-ui survives errors" 1 "$(grep -c 'still here' "$T/out")"

exit $fail
