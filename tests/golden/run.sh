#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run.sh KSWAPSIM NAME: runs tests/golden/NAME.lua in batch and compares
# what it prints (the mm_vmscan_* ftrace text, /proc/vmstat and
# /proc/zoneinfo) with tests/fixtures/golden/NAME.txt byte for byte: a
# change of the engine's code that keeps its behaviour prints the same
# bytes. GENERATE=1 rewrites the saved file instead. The workloads run
# without the page cache's slab (reset{slab = false}), which
# tests/core/test_slab.c and tests/lua/slab.lua check.
set -eu
bin=$1
name=$2
dir=$(cd "$(dirname "$0")" && pwd)
want=$dir/../fixtures/golden/$name.txt
out=${TMPDIR:-/tmp}/kss-golden.$$
trap 'rm -f "$out"' EXIT
(cd "$dir" && "$bin" --batch "$name.lua") >"$out"
if [ "${GENERATE:-}" = 1 ]; then
	cp "$out" "$want"
	exit 0
fi
if ! cmp -s "$want" "$out"; then
	echo "$name: the output differs from $want:" >&2
	diff -u "$want" "$out" | head -60 >&2 || true
	exit 1
fi
