#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Key sequences found by the edit fuzzer (tests/fuzz/corpus/edit/crash-*):
# Alt-x then a lone quote and Enter once ran libedit's own command parser,
# which crashed, in the UI and with --no-ui. Now Alt-x does nothing, the
# quote is typed (an unfinished string: the continuation prompt), and the
# REPL goes on.
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
quit_kss

start_shell 80 24
send -l "cd '$(pwd)' && '$KSS' --no-ui; echo \"kss-exit=\$?\""
send Enter
wait_for '^> *$'
send Escape x
send -l '"'
send Enter
wait_for '^>> *$'
send C-c
type_line '2*21'
wait_for '^42$'
send C-d
wait_for '^kss-exit=0$'
check_clean
finish
