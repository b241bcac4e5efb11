#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run.sh FUZZER NAME SECONDS CORPUS WORKDIR: every input of CORPUS, then
# SECONDS of fuzzing from it; new inputs go to WORKDIR. Prints one line
# "fuzz NAME: N runs in S s" and fails on a crash, a leak or a timeout
# (the input is kept as WORKDIR-crash-*, -leak-* or -timeout-*).
fuzzer=$1 name=$2 seconds=$3 corpus=$4 work=$5
mkdir -p "$work" || exit 1
LSAN_OPTIONS=suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp:print_suppressions=0
export LSAN_OPTIONS
log="$work.log"
(cd "$work" && "$fuzzer" -max_total_time="$seconds" -timeout=20 \
	-rss_limit_mb=2048 -close_fd_mask=3 -print_final_stats=1 \
	-artifact_prefix="$work-" "$work" "$corpus") >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
echo "fuzz $name: ${runs:-0} runs in $seconds s, exit $status"
if [ $status -ne 0 ]; then
	tail -n 60 "$log"
	exit 1
fi
