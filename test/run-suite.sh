#!/bin/sh
# The whole test suite, run by ./dev.sh test inside a throw-away cluster
# (pg_virtualenv sets PGHOST/PGPORT/PGUSER).  Order:
#   1. pg_regress tests: test/*.sql against expected/*.out
#   2. the same again in a database where smskpi was installed at the oldest
#      shipped version and updated (make installcheck-upgrade; without the four
#      volume and timing tests unless UPGRADE_TESTS=all)
#   3. shell tests: test/shell/*.sh (each exits 0 on success)
#   4. pgTAP tests: test/pgtap/*.sql with pg_prove
# and ends with one line "tests: N passed, N failed" counting regress files
# (of both runs), shell tests and pgTAP assertions.
set -u
cd "$(dirname "$0")/.."
mkdir -p build
passed=0
failed=0

echo "== pg_regress"
make -s installcheck PG_CONFIG="${PG_CONFIG:-pg_config}" > build/regress.log 2>&1
rc=$?
cat build/regress.log
p=$(grep -cE '\.\.\. ok' build/regress.log)
f=$(grep -cE '\.\.\. FAILED' build/regress.log)
if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi	# pg_regress itself failed
[ -s build/regress/regression.diffs ] && head -c 20000 build/regress/regression.diffs
passed=$((passed + p)); failed=$((failed + f))

echo "== pg_regress, smskpi installed at an earlier version and updated"
make -s installcheck-upgrade PG_CONFIG="${PG_CONFIG:-pg_config}" > build/regress-upgrade.log 2>&1
rc=$?
cat build/regress-upgrade.log
p=$(grep -cE '\.\.\. ok' build/regress-upgrade.log)
f=$(grep -cE '\.\.\. FAILED' build/regress-upgrade.log)
if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi	# pg_regress itself failed
[ -s build/regress-upgrade/regression.diffs ] && head -c 20000 build/regress-upgrade/regression.diffs
passed=$((passed + p)); failed=$((failed + f))

echo "== shell tests"
for t in test/shell/*.sh; do
	[ -e "$t" ] || continue
	if sh "$t" > build/shell.log 2>&1; then
		echo "ok     $t"; passed=$((passed + 1))
	else
		echo "FAILED $t"; sed 's/^/    /' build/shell.log | tail -40; failed=$((failed + 1))
	fi
done

echo "== pgTAP"
psql -qX -v ON_ERROR_STOP=1 -d postgres -c 'DROP DATABASE IF EXISTS smskpi_tap' -c 'CREATE DATABASE smskpi_tap'
psql -qX -v ON_ERROR_STOP=1 -d smskpi_tap -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION smskpi'
pg_prove -v -d smskpi_tap test/pgtap/*.sql > build/pgtap.log 2>&1
rc=$?
grep -vE '^ok [0-9]' build/pgtap.log
p=$(grep -cE '^ok [0-9]' build/pgtap.log)
f=$(grep -cE '^not ok [0-9]' build/pgtap.log)
if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi	# a file died or planned wrong
passed=$((passed + p)); failed=$((failed + f))

echo "tests: $passed passed, $failed failed" | tee build/summary.txt
[ "$failed" -eq 0 ]
