#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run.sh FUZZER NAME SECONDS CORPUS WORKDIR [OPTIONS...]: every input of
# CORPUS, then SECONDS of fuzzing from it (libFuzzer OPTIONS added); new
# inputs go to WORKDIR. Prints one line
# "fuzz NAME: N runs in S s" and fails on a crash, a leak or a timeout
# (the input is kept as WORKDIR-crash-*, -leak-* or -timeout-*).
fuzzer=$1 name=$2 seconds=$3 corpus=$4 work=$5
shift 5
mkdir -p "$work" || exit 1
LSAN_OPTIONS=suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp:print_suppressions=0
export LSAN_OPTIONS
log="$work.log"
# The Lua fuzzers keep one Lua state from input to input: libFuzzer's
# per-input leak check would run every input twice and find the state's
# growth; the sanitizer build's tests check leaks at exit instead.
leaks=1
case $name in lua_*) leaks=0 ;; esac
set -- -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
	-close_fd_mask=3 -print_final_stats=1 -detect_leaks=$leaks \
	-artifact_prefix="$work-" "$@" "$work" "$corpus"
if [ -n "${KSS_FUZZ_VERBOSE:-}" ]; then
	cd "$work" && exec "$fuzzer" "$@"
fi
(cd "$work" && "$fuzzer" "$@") >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
echo "fuzz $name: ${runs:-0} runs in $seconds s, exit $status"
if [ $status -ne 0 ]; then
	tail -n 60 "$log"
	exit 1
fi
