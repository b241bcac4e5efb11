#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A long line pasted into the REPL (issue 14, defect 3): a 200 KB string
# assignment shows its end on the input line and runs on Enter; a 1 MB
# paste followed by Ctrl-C leaves an empty prompt, and the next line runs
# with none of the paste in it; a statement entered at the start of a
# paste still runs when Ctrl-C comes during the rest of it. Each paste is
# one tmux paste-buffer, the way a terminal writes a paste.
. ./common.inc

# xs N: N x's, no newline
xs() {
	head -c "$1" /dev/zero | tr '\0' x
}

{
	printf 's = "'
	xs 200000
	printf '"'
} >"$TMPD/assign"
xs 1000000 >"$TMPD/mega"
{
	printf 'print("before")\n'
	xs 100000
} >"$TMPD/before"

paste_file() {
	t load-buffer -b p "$TMPD/$1"
	t paste-buffer -b p -t kss
}

start_kss 80 24 --theme mono

# 200 KB: the input line scrolls to the end of the paste, Enter runs it
paste_file assign
wait_for '^> x*"$|xxx"$'
type_line ''
type_line 'print(#s .. "-long", s:sub(1, 1), s:sub(-1))'
wait_for '^200000-long'
screen | grep -Eq '^200000-long +x +x$' ||
	fail "the pasted string is not 200000 x's"

# 1 MB, then Ctrl-C: the line goes, and what is typed next runs alone
paste_file mega
send C-c
wait_for '^\^C$'
expect "prompt after Ctrl-C on a 1 MB paste" ">" "$(input_line | sed 's/ *$//')"
type_line '6*7'
wait_for '^42$'

# a statement entered before the rest of the paste runs; the rest goes
paste_file before
send C-c
wait_for '^before$'
wait_for '^\^C$'
expect "prompt after Ctrl-C on a paste after a statement" ">" \
	"$(input_line | sed 's/ *$//')"
type_line '"after" .. 1+1'
wait_for '^after2$'
quit_kss
check_clean
finish
