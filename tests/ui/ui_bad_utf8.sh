#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Invalid UTF-8 in the input (issue 14, defect 8): one burst of keys holds
# a line with a stray byte 0xff, Enter, and a second line. The stray byte
# shows as U+FFFD (3 bytes in the string, so #s is 5), and the second line
# runs on its own instead of being lost or glued onto the first. The same
# with --no-ui on a terminal and from a pipe.
. ./common.inc

# s = "a<ff>z" Enter #s .. "-ok" Enter, pasted as one burst (paste-buffer
# turns each LF into the CR that Enter sends)
printf 's = "a\377z"\n#s .. "-ok"\n' >"$TMPD/burst"
printf 's = "\303\251\377"\nprint(#s .. "-after")\n' >"$TMPD/pipe"

paste_burst() {
	t load-buffer -b burst "$TMPD/burst"
	t paste-buffer -b burst -t kss
}

start_kss 80 24 --theme mono
paste_burst
wait_for '^5-ok$'
screen | grep -q "^> s = \"a$(printf '\357\277\275')z\"\$" ||
	fail "the stray byte is not shown as U+FFFD in the echoed line"
type_line '6*7'
wait_for '^42$'
quit_kss

start_shell 80 24
send -l "cd '$(pwd)' && '$KSS' --no-ui; echo \"kss-exit=\$?\""
send Enter
wait_for '^> *$'
paste_burst
wait_for '^5-ok$'
send C-d
wait_for '^kss-exit=0$'

# from a pipe: e-acute is kept, the stray byte replaced, the next line runs
out=$("$KSS" --no-ui <"$TMPD/pipe" 2>&1)
expect "--no-ui from a pipe" "5-after" "$out"
check_clean
finish
