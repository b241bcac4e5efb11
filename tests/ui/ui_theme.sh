#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Themes and help: every theme in themes/ loads without a message; an
# unknown theme or a bad theme file gives a status-line message and the
# default theme, never an exit; a terminal without colours gets the mono
# fallback; ? shows the help overlay with every key and any key closes it.
. ./common.inc

for theme in default light projector mono; do
	start_kss 80 24 --theme $theme
	type_line '1+1'
	wait_for '^2$'
	screen | grep -Eq 'theme|using the default' &&
		fail "theme $theme: unexpected message"
	quit_kss
done

start_kss 80 24 --theme nosuch
wait_for "^theme 'nosuch': No such file or directory; using the default theme$"
type_line '1+1'
wait_for '^2$'
quit_kss

printf 'normal = default default\nfre = red default\n' >"$TMPD/bad.theme"
start_kss 100 24 --theme "$TMPD/bad.theme"
wait_for "bad.theme:2: unknown role 'fre'; using the default theme$"
quit_kss

# more words before '=' than a role name: once overran the parser's array
printf 'a a a a a a a a a a a a a a a a a a=\n' >"$TMPD/long.theme"
start_kss 100 24 --theme "$TMPD/long.theme"
wait_for "long.theme:1: expected one role name before '='; using the default theme$"
type_line '1+1'
wait_for '^2$'
quit_kss

KSS_ENV=TERM=vt100 start_kss 80 24
wait_for 'no colours here: mono theme'
quit_kss

start_kss 80 24 --theme mono
send Escape
wait_for '\[keys\]'
send '?'
wait_for 'kswapsim keys'
# the overlay takes the whole of 80x24, every key on it down to the footer
# on the last row; the row of pane letters grows with the panes, so it is
# checked apart: every pane's letter and name, zones first
check_screen help-80x24 sh -c 'cut -c1-80 | sed "s/ *$//" | grep -v "^  z zones"'
screen | grep -Eq '^  z zones  ([a-z] [a-z]+  )*' ||
	fail "help does not list the pane letters"

for key in 'q ' 'space' 'Esc' 'Tab' 'Ctrl-R' 'PgUp PgDn' 'Ctrl-C'; do
	screen | grep -q -- "$key" || fail "help does not list $key"
done
send x
wait_gone 'kswapsim keys'
quit_kss
finish
