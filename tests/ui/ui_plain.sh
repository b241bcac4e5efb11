#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --no-ui: the REPL line by line on the terminal like lua(1): "> " and
# ">> " prompts, values printed, errors reported, history with Up, Tab
# completion, Ctrl-C interrupting a loop, Ctrl-D leaving with status 0.
. ./common.inc

start_shell 80 24
send -l "cd '$(pwd)' && '$KSS' --no-ui; echo \"kss-exit=\$?\""
send Enter
wait_for '^> *$'
type_line '1+1'
wait_for '^2$'
type_line 'for i = 1, 2 do'
wait_for '^>> *$'
type_line 'print("n", i)'
type_line 'end'
wait_for '^n	*2$|^n +2$'
type_line 'error("plain boom")'
wait_for 'plain boom'
send Up
wait_for '^> error\("plain boom"\)$'
send C-u
send -l 'sysc'
send Tab
wait_for '^> sysctl$'
send C-u
type_line 'while true do end'
sleep 0.3
send C-c
wait_for 'interrupted!'
type_line '5*5'
wait_for '^25$'
send C-d
wait_for '^kss-exit=0$'
check_clean
finish
