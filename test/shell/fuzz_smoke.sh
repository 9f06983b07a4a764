#!/bin/sh
# Fuzz smoke test (part of the suite): builds every test/fuzz/*_fuzz.c and
# *_check.c, runs the Unicode conformance check, then each fuzz target for a
# bounded time (FUZZ_SMOKE_SECONDS in total, default 20, split evenly, at
# least 3 s each) from its committed seeds.  Exit 0 = no crash, no sanitizer
# report, conformance passed (or skipped because unicode-data is absent).
set -u
cd "$(dirname "$0")/../.."
if ! command -v clang >/dev/null 2>&1; then
	echo "SKIP: clang not installed (Debian: clang libclang-rt-14-dev)"
	exit 0
fi
sh test/fuzz/build.sh || { echo "FAILED: a fuzz target does not build"; exit 1; }
rc=0
for c in build/fuzz/*_check; do
	[ -x "$c" ] || continue
	"$c"; s=$?
	if [ $s -eq 77 ]; then echo "skipped $c (data files absent)"
	elif [ $s -ne 0 ]; then echo "FAILED $c"; rc=1; fi
done
targets=$(ls test/fuzz/*_fuzz.c | sed 's|.*/||; s|_fuzz\.c$||')
n=$(echo "$targets" | wc -w)
total=${FUZZ_SMOKE_SECONDS:-20}
each=$((total / n)); [ "$each" -lt 3 ] && each=3
for t in $targets; do
	if sh test/fuzz/run.sh "$t" "$each" > "build/fuzz/smoke-$t.log" 2>&1; then
		echo "ok     fuzz $t ($each s, $(sed -n 's/^stat::number_of_executed_units: *//p' "build/fuzz/smoke-$t.log") runs)"
	else
		echo "FAILED fuzz $t"; tail -30 "build/fuzz/smoke-$t.log"; rc=1
	fi
done
exit $rc
