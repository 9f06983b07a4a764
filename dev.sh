#!/bin/sh
# smskpi developer entry point -- the two commands of the README and a few more.
#
#   ./dev.sh demo    install build deps, build, install, start a throw-away cluster,
#                    load generated sample data, print a KPI report
#   ./dev.sh test    same set-up, then the whole test suite (pg_regress, shell tests,
#                    short fuzz runs, pgTAP via pg_prove); last line "tests: N passed, N failed"
#   ./dev.sh bench   same set-up, then the benchmarks (ratios against plain SQL)
#   ./dev.sh valgrind  build, install, run the regression suite against a server
#                    under valgrind (test/valgrind/run.sh; long)
#   ./dev.sh fuzz    long libFuzzer runs of every harness (test/fuzz/long.sh)
#   ./dev.sh citus   build, install, run the Citus suite on a throw-away coordinator and two
#                    workers (test/citus/run.sh, doc/citus.md); skips without Citus
#
# Needs root (or sudo) only to install Debian packages and the extension files.
set -eu
cd "$(dirname "$0")"

PG_MAJOR=15
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
export PG_CONFIG

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

need_pkgs() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "dev.sh: installing$missing"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
	fi
}

BUILD_PKGS="make gcc libc6-dev postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-common"
TEST_PKGS="postgresql-$PG_MAJOR-pgtap postgresql-$PG_MAJOR-cron libtap-parser-sourcehandler-pgtap-perl clang libclang-rt-14-dev"

build_install() {
	make -s -j2 PG_CONFIG="$PG_CONFIG" >/dev/null
	$SUDO make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
demo)
	need_pkgs $BUILD_PKGS
	build_install
	exec pg_virtualenv -t -v $PG_MAJOR sh test/demo.sh "$@"
	;;
test)
	need_pkgs $BUILD_PKGS $TEST_PKGS
	build_install
	rm -f build/summary.txt
	rc=0
	pg_virtualenv -t -v $PG_MAJOR sh test/run-suite.sh "$@" || rc=$?
	# pg_virtualenv reports dropping its cluster after the suite: repeat the summary last
	if [ -s build/summary.txt ]; then cat build/summary.txt; else echo "tests: 0 passed, 1 failed"; rc=1; fi
	exit $rc
	;;
bench)
	need_pkgs $BUILD_PKGS
	build_install
	exec pg_virtualenv -t -v $PG_MAJOR \
		-o shared_buffers=4GB -o work_mem=256MB -o max_parallel_workers_per_gather=2 \
		-o max_wal_size=8GB -o checkpoint_timeout=30min \
		sh test/bench/run.sh "$@"
	;;
valgrind)
	need_pkgs $BUILD_PKGS valgrind
	build_install
	exec sh test/valgrind/run.sh "$@"
	;;
fuzz)
	need_pkgs $BUILD_PKGS clang libclang-rt-14-dev
	exec sh test/fuzz/long.sh "$@"
	;;
citus)
	need_pkgs $BUILD_PKGS
	build_install
	exec sh test/citus/run.sh "$@"
	;;
*)
	echo "usage: ./dev.sh demo|test|bench|valgrind|fuzz|citus" >&2
	exit 2
	;;
esac
