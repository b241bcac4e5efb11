#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The UI tells a demo's story number for number as --batch does: played
# with Enter at every pause() in the lecture layout (2), every caption
# line the caption bar shows is a line of the batch text, every batch
# line with a number in it is shown as a caption at some pause, and the
# chapter row counts the batch text's "== title ==" lines. A pause holds
# simulated time, so however long the screen is read the numbers cannot
# drift; once the demo ends the clock stays where it stopped.
. ./common.inc

DEMOS=$(cd ../../lua/demos && pwd)

# caption: the caption bar's text rows (row 2 is the chapter and the
# hint; the bar ends at the next pane's title), without the blank column
# in front and the padding behind
caption() {
	awk '
NR <= 2 { next }
/^ (zones|history|repl|lru|vmstat|trace|source|kswapd \/ scan_control)[: ]/ { exit }
{ print }' "$1" | sed 's/^ //; s/ *$//'
}

# play DEMO: the demo in the UI, its captions gathered in $TMPD/seen
play() {
	name=$(basename "$1" .lua)
	"$KSS" --batch "$1" | sed 's/ *$//' >"$TMPD/$name.batch" ||
		fail "$name: the batch run failed"
	: >"$TMPD/seen"
	start_kss 120 40 "$1"
	send 2
	i=0
	while [ $i -lt $((WAIT_SECS * 20)) ]; do
		# one settled look for the caption and the hint alike
		settled >"$TMPD/scr"
		caption "$TMPD/scr" >"$TMPD/cap"
		cat "$TMPD/cap" >>"$TMPD/seen"
		chapter=$(sed -n '2s/^  \([0-9][0-9]*\)\. \(.*[^ ]\) *$/\1|\2/p' "$TMPD/scr" |
			sed 's/ *press Enter \/ Space to continue$//')
		if [ -n "$chapter" ]; then
			n=${chapter%%|*}
			want=$(grep '^== .* ==$' "$TMPD/$name.batch" | sed -n "${n}p")
			expect "$name: chapter $n" "== ${chapter#*|} ==" "$want"
		fi
		grep -q 'script finished' "$TMPD/scr" && break
		if grep -q 'press Enter / Space to continue' "$TMPD/scr"; then
			send Enter
			# until the script has taken the key
			j=0
			while [ $j -lt 100 ]; do
				screen >"$TMPD/scr"
				grep -q 'press Enter / Space to continue' "$TMPD/scr" ||
					break
				caption "$TMPD/scr" | cmp -s - "$TMPD/cap" || break
				sleep 0.05
				j=$((j + 1))
			done
			i=0
		else
			sleep 0.05
			i=$((i + 1))
		fi
	done
	screen | grep -q 'script finished; space runs time' ||
		fail "$name: the demo did not end in the UI"
	screen | grep -q '^ kswapsim 6\.12  PAUSE ' ||
		fail "$name: time runs after the demo ended"
	# every caption row is batch text; every numbered batch line was shown
	sort -u "$TMPD/seen" | grep -v '^$' >"$TMPD/seen.u"
	# (a line wider than the bar's 118 columns wraps at a space: its
	# rows are pieces of it, and its first row holds its first 100
	# characters)
	while IFS= read -r line; do
		grep -Fq -- "$line" "$TMPD/$name.batch" ||
			fail "$name: the caption '$line' is not in the batch text"
	done <"$TMPD/seen.u"
	grep '[0-9]' "$TMPD/$name.batch" | grep -v '^== .* ==$' |
		while IFS= read -r line; do
			if [ ${#line} -le 118 ]; then
				grep -Fxq -- "$line" "$TMPD/seen.u" || echo "$line"
			else
				grep -Fq -- "$(printf '%.100s' "$line")" \
					"$TMPD/seen.u" || echo "$line"
			fi
		done >"$TMPD/missing"
	[ -s "$TMPD/missing" ] &&
		fail "$name: batch lines never shown as captions: $(head -3 "$TMPD/missing")"
	nr=$(grep -c '[0-9]' "$TMPD/seen.u")
	[ "$nr" -ge 5 ] || fail "$name: only $nr caption lines with numbers"
	quit_kss
}

for d in watermarks oom priority; do
	play "$DEMOS/$d.lua"
done
finish
