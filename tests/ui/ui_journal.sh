#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --journal FILE.lua: the REPL entries of a UI session, the keys that
# stand for a line (s: step()) and the jiffies the clock ran (as run(N))
# make a script that --batch replays to the same machine: the same
# vmstat, byte for byte. A failed entry is replayed under pcall(), one
# that does not compile is kept as a comment. A journal that cannot be
# written stops the UI from starting (exit 2).
. ./common.inc

J=$TMPD/session.lua
start_kss 100 30 --seed 7 --journal "$J"
type_line 'r = alloc("7700M", {kind = "file"})'
type_line 'for i = 1, 2 do'
type_line '  alloc("100M")'
type_line 'end'
type_line 'local y = 5'
type_line 'error("bo" .. "om")'
wait_for 'boom'
type_line 'x = ('
type_line ')'
wait_for "unexpected symbol near '\)'"
send Escape
wait_for '\[keys\]'
send Space
wait_for ' RUN '
# let some jiffies run, then stop the clock and step once
wait_for 't=[1-9][0-9]* '
send Space
wait_for ' PAUSE '
send s
# the s key's line, or its answer where the idle REPL's few rows scrolled
# the line away
wait_for '^> step\(\)$|nothing to step'
send :
wait_for '\[repl\]'
type_line "f = io.open('$TMPD/vmstat', 'w') f:write(tostring(vmstat())) f:close()"
wait_for '^> f = io.open'
type_line 'print("written")'
wait_for '^written$'
quit_kss

grep -q '^-- replay it with: kswapsim --seed 7 --batch ' "$J" ||
	fail "no replay line: $(head -3 "$J")"
grep -q '^run([1-9][0-9]*)$' "$J" || fail "no run(N) line"
grep -q '^for i = 1, 2 do$' "$J" || fail "the multi-line entry is not there"
grep -q '^step()$' "$J" || fail "the s key is not there"
grep -q '^pcall(load(\[\[return error("bo" .. "om")\]\]))$' "$J" ||
	fail "the failed entry is not under pcall"
grep -q '^--   x = ($' "$J" || fail "the syntax error is not a comment"
mv "$TMPD/vmstat" "$TMPD/vmstat.ui"
"$KSS" --seed 7 --batch "$J" >"$TMPD/out" 2>&1 ||
	fail "the journal does not replay: $(tail -3 "$TMPD/out")"
grep -q '^nr_free_pages [0-9]' "$TMPD/vmstat" || fail "no vmstat written"
cmp -s "$TMPD/vmstat.ui" "$TMPD/vmstat" ||
	fail "the replay's vmstat differs: $(diff "$TMPD/vmstat.ui" "$TMPD/vmstat" | head -5)"
# the jiffies matter: without run(N) the machine is another one
grep -v '^run(' "$J" >"$TMPD/norun.lua"
"$KSS" --seed 7 --batch "$TMPD/norun.lua" >/dev/null 2>&1
cmp -s "$TMPD/vmstat.ui" "$TMPD/vmstat" && fail "run(N) changes nothing"

for bad in /nonexistent/x.lua /dev/full; do
	start_shell 100 30
	send "'$KSS' --journal $bad; echo \"kss-exit=\$?\"" Enter
	wait_for "^kswapsim: --journal $bad: (No such file or directory|No space left on device)$"
	wait_for '^kss-exit=2$'
done
finish
