#!/bin/sh
# The long fuzz run (issue 7: >= 10M executions per harness), one target after
# the other, with a summary table at the end.
#
#   sh test/fuzz/long.sh [RUNS] [TARGET ...]     default RUNS=10000000, all targets
#
# Logs: build/fuzz/long-TARGET.log.  Exit 1 if any target found a crash, leak,
# sanitizer report or property violation (reproducer: build/fuzz/crash-TARGET-*).
set -u
cd "$(dirname "$0")/../.."
runs=${1:-10000000}
[ $# -gt 0 ] && shift
targets=${*:-$(ls test/fuzz/*_fuzz.c | sed 's|.*/||; s|_fuzz\.c$||')}
sh test/fuzz/build.sh >/dev/null || { echo "long.sh: build failed"; exit 1; }
rc=0
summary=""
for t in $targets; do
	start=$(date +%s)
	if sh test/fuzz/run.sh "$t" "runs=$runs" > "build/fuzz/long-$t.log" 2>&1; then res=ok; else res=FAILED; rc=1; fi
	secs=$(( $(date +%s) - start ))
	n=$(sed -n 's/^stat::number_of_executed_units: *//p' "build/fuzz/long-$t.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "build/fuzz/long-$t.log")
	summary="$summary$(printf '%-16s %-7s %12s runs %8s/s %6s s' "$t" "$res" "${n:-?}" "${rate:-?}" "$secs")
"
	echo "$t: $res"
done
printf '\n%s' "$summary"
exit $rc
