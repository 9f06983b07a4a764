#!/bin/sh
# Benchmarks, run by ./dev.sh bench inside a throw-away cluster.
#   ./dev.sh bench [MESSAGES [PATTERN]]   (default 10000000 messages, every file)
#   e.g. ./dev.sh bench 10000000 10_response_time   runs only test/bench/10_response_time.sql
#   ./dev.sh bench "10000000 30000000" 40_campaign   runs it at both sizes, in one run
#   ./dev.sh bench "10000000 30000000" "40_campaign 50_views:10000000"
#                       several patterns; PATTERN:SIZE runs a file at that size only
#   BENCH_DAYS=300 ./dev.sh bench ...   spreads the messages over 300 days (default 91)
#   BENCH_VARS="order=time plain=0" ./dev.sh bench ...   psql variables for the files
#                       (-v order=time -v plain=0; see each file's header)
# For each size (a space-separated list of message counts) generates that many messages
# (seed 42) into schema bench (test/datagen), prints how long that took, then runs every
# test/bench/NN_*.sql in order (psql variable :n = MESSAGES).  Each file times its
# queries with bench.time(label, sql) (defined in 00_util.sql) and prints ratios against
# the plain-SQL way, all in one run; results a file keeps in schema bench_results stay
# across the sizes of a run (40_campaign prints every size measured so far).
set -eu
cd "$(dirname "$0")/../.."
sizes=${1:-10000000}
pattern=${2:-}
days=${BENCH_DAYS:-91}
vars=
for v in ${BENCH_VARS:-}; do
	case "$v" in
	[a-z_]*=*) vars="$vars -v $v" ;;
	*) echo "run.sh: BENCH_VARS takes name=value words" >&2; exit 2 ;;
	esac
done
export PGDATABASE=postgres
psql -qX -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS smskpi' -c 'DROP SCHEMA IF EXISTS bench_results CASCADE'
for n in $sizes; do
	echo "== generating $n messages over $days days (seed 42) into schema bench"
	start=$(date +%s)
	sh test/datagen/generate.sh bench "$n" 42 "$days"
	echo "   generated in $(( $(date +%s) - start )) s"
	psql -qX -v ON_ERROR_STOP=1 -c 'VACUUM ANALYZE'
	for f in test/bench/[0-9]*.sql; do
		run=0
		case "$f" in */00_util.sql) run=1 ;; esac	# bench.time() and friends, always
		[ -z "$pattern" ] && run=1
		for p in $pattern; do
			case "$p" in
			*:*) [ "${p#*:}" = "$n" ] || continue; p=${p%%:*} ;;
			esac
			case "$f" in *"$p"*) run=1 ;; esac
		done
		[ $run = 1 ] || continue
		echo "== $f ($n messages)"
		psql -qX -v ON_ERROR_STOP=1 -v n="$n" -v days="$days" $vars -f "$f"
	done
done
