#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --record FILE.cast --size COLSxROWS SCRIPT.lua: a demo recorded without
# a terminal, on a screen of that size, its clock moved by the recording
# (a pause() for a key lasts 3 s, pause(N) N s), never the wall clock: two
# runs give the same bytes. The cast is asciicast v2 (a header with width,
# height, title and command; "o" and "m" events) that the real asciinema
# plays and prints.
. ./common.inc

cat >"$TMPD/demo.lua" <<'LUA'
-- SPDX-License-Identifier: GPL-2.0-only
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
chapter("One")
say("first at " .. jiffies())
pause()
chapter("Two → time runs")
pause(0.5, {run = true})
say("after " .. jiffies())
pause(1)
LUA

DEMOS=$(cd ../../lua/demos && pwd)
cd "$TMPD" || exit 1
"$KSS" --record a.cast --size 100x30 demo.lua </dev/null >out 2>&1 ||
	fail "headless recording failed: $(cat out)"
"$KSS" --record b.cast --size 100x30 demo.lua </dev/null >/dev/null 2>&1
cmp -s a.cast b.cast || fail "two recordings differ: $(cmp a.cast b.cast)"
"$KSS" --record c.cast --size 120x40 demo.lua </dev/null >/dev/null 2>&1
cmp -s a.cast c.cast && fail "the size changes nothing"

# asciicast v2, and the clock of the recording: One at 0 s; Two after
# the 3 s a pause() for a key lasts; 0.5 s with time running at 1x is
# 125 jiffies (HZ 250), shown 0.5 s later
python3 - a.cast >py.out 2>&1 <<'PY' || fail "not asciicast v2: $(cat py.out)"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
h = json.loads(lines[0])
assert h["version"] == 2 and h["width"] == 100 and h["height"] == 30, h
assert h["command"] == "kswapsim demo.lua" and h["title"], h
last = 0.0
marks = []
for l in lines[1:]:
    t, code, data = json.loads(l)
    assert isinstance(t, float) and t >= last, l
    assert code in ("o", "m") and isinstance(data, str), l
    last = t
    if code == "m":
        marks.append("%.3f %s" % (t, data))
want = ["0.000 One", "0.000 first at 0", "3.000 Two → time runs",
        "3.500 after 125"]
assert marks == want, marks
assert last == 3.500 + 1 + 3, last
PY

# every demo of the project: the same bytes twice; asciicast v2; its
# markers, in order, are its chapters and captions as --batch prints them
for d in "$DEMOS"/*.lua; do
	n=$(basename "$d" .lua)
	"$KSS" --record "$n.1.cast" --size 100x30 "$d" </dev/null >/dev/null 2>&1 ||
		fail "$n: the headless recording failed"
	"$KSS" --record "$n.2.cast" --size 100x30 "$d" </dev/null >/dev/null 2>&1
	cmp -s "$n.1.cast" "$n.2.cast" || fail "$n: two recordings differ"
	"$KSS" --batch "$d" >"$n.txt" || fail "$n: the batch run failed"
	python3 - "$n.1.cast" "$n.txt" "kswapsim $d" >py.out 2>&1 <<'PY' ||
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
h = json.loads(lines[0])
assert h["version"] == 2 and (h["width"], h["height"]) == (100, 30), h
assert h["command"] == sys.argv[3] and h["title"], h
last, marks, out = 0.0, [], 0
for l in lines[1:]:
    t, code, data = json.loads(l)
    assert isinstance(t, float) and t >= last, l
    assert code in ("o", "m") and isinstance(data, str), l
    last = t
    if code == "m":
        marks.append(data)
    else:
        out += len(data)
assert out > 0, "no output"
want = [l[3:-3] if l.startswith("== ") and l.endswith(" ==") else l
        for l in open(sys.argv[2], encoding="utf-8").read().splitlines()]
assert marks == want, next(
    ("marker %d: %r, batch %r" % (i, a, b)
     for i, (a, b) in enumerate(zip(marks + [None] * len(want), want))
     if a != b), "more markers than batch lines")
PY
		fail "$n: $(tail -1 py.out)"
done

# the real asciinema prints and plays it (it wants a terminal)
cat >demo-bad.lua <<'LUA'
-- SPDX-License-Identifier: GPL-2.0-only
say("before")
error("no such " .. "zone")
LUA
start_shell 100 30
send "cd '$TMPD' && asciinema cat a.cast >cat.out; echo cat-exit=\$?" Enter
wait_for '^cat-exit=0$'
grep -aq 'Node 0 DMA32' cat.out || fail "asciinema cat shows no zones"
grep -aq ' first at 0' cat.out || fail "asciinema cat shows no caption"
send "clear; asciinema play -i 0.3 a.cast; echo play-exit=\$?" Enter
wait_for 'Node 0 DMA32 '
wait_for '^play-exit=0$'

# what goes wrong says so
"$KSS" --record /nonexistent/x.cast --size 100x30 demo.lua </dev/null \
	>/dev/null 2>err
expect "unwritable path: exit" 2 $?
grep -q '^kswapsim: --record /nonexistent/x.cast: No such file' err ||
	fail "no message: $(cat err)"
"$KSS" --size 100x30 demo.lua </dev/null >/dev/null 2>err
expect "--size without --record: exit" 2 $?
"$KSS" --record x.cast --size 10x3 demo.lua </dev/null >/dev/null 2>err
expect "--size 10x3: exit" 2 $?
grep -q "kswapsim: --size: COLSxROWS expected (20x5 up to 1000x500), got '10x3'" err ||
	fail "no message: $(head -1 err)"
"$KSS" --record bad.cast --size 100x30 demo-bad.lua </dev/null >/dev/null 2>err
expect "a failing demo: exit" 1 $?
grep -q 'no such zone' err || fail "the demo's error is not on stderr: $(cat err)"
grep -q '"m", "before"' bad.cast || fail "the cast stops before the error"
finish
