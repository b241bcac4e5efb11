#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Under a language whose decimal separator is a comma (de_DE.UTF-8, built
# with localedef from Debian's locales package into a private LOCPATH),
# the UI takes the terminal's characters from the locale but keeps the
# numbers in C: the status line says t=0 (0.00s), and Lua prints 0.5 and
# reads "0.25" as lua(1) does, so a journal or a demo prints the same
# bytes in any language. The braille of the history pane still shows.
. ./common.inc

LOC=$TMPD/locale
mkdir -p "$LOC"
if ! localedef -i de_DE -f UTF-8 "$LOC/de_DE.UTF-8" >/dev/null 2>&1; then
	fail "localedef could not build de_DE.UTF-8 (Debian package locales)"
	finish
fi

KSS_ENV="LOCPATH=$LOC LC_ALL=de_DE.UTF-8" start_kss 100 30
wait_for '^ kswapsim 6\.12  PAUSE  t=0 \(0\.00s\) '
type_line 'print(0.5, tonumber("0.25"), 1/4, string.format("%.1f", 2.5))'
wait_for '^0\.5 +0\.25 +0\.25 +2\.5$'
type_line 'run(250); print(os.setlocale(nil, "ctype"))'
wait_for '^de_DE\.UTF-8$'
wait_for '^ kswapsim 6\.12  PAUSE  t=250 \(1\.00s\) '
# the history chart: the locale's UTF-8 draws braille, not ASCII
wait_for '^ +[0-9]+ ┼'
check_inside 100 30
quit_kss
finish
