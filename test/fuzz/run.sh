#!/bin/sh
# Run one libFuzzer target for a bounded time or number of runs.
#
#   test/fuzz/run.sh TARGET SECONDS       e.g. test/fuzz/run.sh segments 60
#   test/fuzz/run.sh TARGET runs=N        e.g. test/fuzz/run.sh segments runs=100000
#
# TARGET is NAME of test/fuzz/NAME_fuzz.c (built by build.sh if missing).  Seeds:
# test/fuzz/corpus/NAME/ (committed, read-only here); new inputs go to
# build/fuzz/corpus-NAME/, crashes to build/fuzz/crash-NAME-*.  Exit status is
# libFuzzer's: 0 = no crash, leak or sanitizer report.  The last lines
# (-print_final_stats) give stat::number_of_executed_units and the rate.
set -eu
cd "$(dirname "$0")/../.."
t=${1:?usage: run.sh TARGET SECONDS|runs=N}
limit=${2:-20}
bin=build/fuzz/${t}_fuzz
[ -x "$bin" ] && [ "$bin" -nt "test/fuzz/${t}_fuzz.c" ] || sh test/fuzz/build.sh "${t}_fuzz" >/dev/null
case "$limit" in
runs=*) lim="-runs=${limit#runs=}" ;;
*) lim="-max_total_time=${limit%s}" ;;
esac
mkdir -p "build/fuzz/corpus-$t" "test/fuzz/corpus/$t"
dict=
[ -f "test/fuzz/$t.dict" ] && dict="-dict=test/fuzz/$t.dict"
# optional per-target libFuzzer flags (e.g. -max_len=1024), one line
opts=
[ -f "test/fuzz/$t.options" ] && opts=$(cat "test/fuzz/$t.options")
exec "$bin" $lim $dict -max_len=4096 $opts -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
	-artifact_prefix="build/fuzz/crash-$t-" "build/fuzz/corpus-$t" "test/fuzz/corpus/$t"
