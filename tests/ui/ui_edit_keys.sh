#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Key sequences found by the edit fuzzer (tests/fuzz/corpus/edit/crash-*):
# Alt-x then a lone quote and Enter once ran libedit's own command parser,
# which crashed, in the UI and with --no-ui. Now Alt-x does nothing, the
# quote is typed (an unfinished string: the continuation prompt), and the
# REPL goes on. Alt-3 seven times then X (corpus/edit/slow-alt-digits)
# inserted a million X's, after which every key took libedit 90 ms: now
# Alt-digits give no repeat count and X is typed once.
. ./common.inc

start_kss 80 24
send M-x
send -l '"'
send Enter
wait_for '^\.\. *$'
send C-c
send M-X
type_line '"x" .. 1+1'
wait_for '^x2$'
for i in 1 2 3 4 5 6 7; do
	send M-3
done
send -l 'X'
send C-a
send -l '#"'
send C-e
send -l '"'
send Enter
wait_for '^1$'
quit_kss

start_shell 80 24
send -l "cd '$(pwd)' && '$KSS' --no-ui; echo \"kss-exit=\$?\""
send Enter
wait_for '^> *$'
send Escape x
send -l '"'
send Enter
wait_for '^>> *$'
# Ctrl-C is a signal here, not a key: keys sent right behind it can be
# read before it lands, so type only once the fresh prompt shows.
send C-c
wait_for '^> *$'
type_line '2*21'
wait_for '^42$'
send C-d
wait_for '^kss-exit=0$'
check_clean
finish
