#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The terminal always comes back: q from the panes, Ctrl-C twice at an
# empty prompt (with the y/n question in between), Ctrl-D, SIGTERM,
# Ctrl-\, SIGHUP, os.exit() and a crash (SIGSEGV) all leave the alternate
# screen and give the shell a sane terminal that echoes what is typed.
. ./common.inc

# shell_ok WHAT: the shell is back and the terminal echoes again
n=0
shell_ok() {
	wait_for '^kss-exit=[0-9]+$'
	wait_for '^shell\$ *$'
	[ "$(t display -p -t kss '#{alternate_on}')" = 0 ] ||
		fail "$1: the alternate screen is still on"
	n=$((n + 1))
	t send-keys -t kss -l "echo \"back \$((1000 + $n))\""
	send Enter
	wait_for "^shell\\\$ echo \"back \\\$\\(\\(1000 \\+ $n\\)\\)\"\$"
	wait_for "^back $((1000 + n))\$"
}

# kss_pid: the kswapsim process under the pane's shell
kss_pid() {
	pgrep -P "$(t display -p -t kss '#{pane_pid}')" | head -n 1
}

start_kss 80 24
quit_kss
shell_ok "q"

start_kss 80 24
send C-c
wait_for 'Quit kswapsim\? \(y/n\)'
send n
wait_gone 'Quit kswapsim\?'
type_line '1+1'
wait_for '^2$'
send C-c
wait_for 'Quit kswapsim\? \(y/n\)'
send y
shell_ok "Ctrl-C, y"

start_kss 80 24
send C-d
wait_for 'Quit kswapsim\? \(y/n\)'
send y
shell_ok "Ctrl-D, y"

start_kss 80 24
kill -TERM "$(kss_pid)"
shell_ok "SIGTERM"

start_kss 80 24
kill -SEGV "$(kss_pid)"
shell_ok "SIGSEGV"

# Ctrl-\ (SIGQUIT) once left the terminal raw on the alternate screen
start_kss 80 24
send 'C-\'
shell_ok "Ctrl-\\"

start_kss 80 24
kill -HUP "$(kss_pid)"
shell_ok "SIGHUP"

# what went to stderr just before the end, never drained into the pane,
# reaches the terminal once it is restored (it once stayed in a temp file)
start_kss 80 24
type_line 'io.stderr:write("last words\n") os.exit(3)'
shell_ok "os.exit"
screen | grep -q '^last words$' || fail "stderr lost at exit"
screen | grep -q '^kss-exit=3$' || fail "os.exit(3) did not exit with 3"
finish
