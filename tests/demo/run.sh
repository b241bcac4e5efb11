# SPDX-License-Identifier: GPL-2.0-only
# run.sh KSWAPSIM DEMO: the demo runs in batch with its expect() claims
# checked (a failed claim exits non-zero), and a second run prints the
# same bytes as the first.
set -eu
bin=$1
demo=$2
out=${TMPDIR:-/tmp}/kss-demo.$$
trap 'rm -f "$out".1 "$out".2' EXIT
"$bin" --batch "$demo" >"$out".1
"$bin" --batch "$demo" >"$out".2
if ! cmp -s "$out".1 "$out".2; then
	echo "$demo: two runs printed different text:" >&2
	diff "$out".1 "$out".2 >&2 || true
	exit 1
fi
cat "$out".1
