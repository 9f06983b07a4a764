#!/bin/sh
# Memory check: the pg_regress suite (a subset, see below) against a postmaster
# running under valgrind.  (An AddressSanitizer variant is not practical here:
# LD_PRELOAD of libasan, clang 14's or gcc 12's, deadlocks the postgres binary
# in glibc 2.36's bindtextdomain() before main does anything; the fuzz
# harnesses in test/fuzz run the same C files under ASan+UBSan instead.)
#
#   sh test/valgrind/run.sh            valgrind (memcheck), default test subset
#   VALGRIND_TESTS="response_time segments" sh test/valgrind/run.sh
#   VALGRIND_TESTS=all sh test/valgrind/run.sh   every test/*.sql (slow: > 1 h)
#
# Run as root with smskpi installed (make && make install); it makes its own
# throw-away cluster owned by the postgres user (not pg_virtualenv: the
# postmaster itself must be started under valgrind) and removes it.
#
# valgrind: --trace-children=yes --track-origins=yes --leak-check=full, one log
# per process in build/valgrind/.  Fails (exit 1) on
#   - any memcheck error left after test/valgrind/postgres.supp (invalid
#     read/write, use of uninitialised values, bad free...), and
#   - any "definitely lost" block whose allocation stack has a smskpi frame
#     (PostgreSQL's own exit-time leaks are ignored).
# Limits: the server is not built with USE_VALGRIND, so memory contexts are
# opaque to valgrind: an over-read inside an 8 kB context block, or a palloc'd
# chunk never freed, is invisible (and palloc "leaks" are not leaks anyway:
# the context is reset or deleted).  Allocations over 8 kB get their own
# malloc block, so over-reads past large arrays and states are seen;
# uninitialised reads are seen everywhere.
#
# Default subset (~15 min on 2 busy cores): every test/*.sql except
# campaign_random, response_time_memory, response_time_random, cancel,
# parallel_* (millions of rows, or many datasets: hours under valgrind).
# The JIT is off (dlopen of llvmjit.so only adds ld.so noise).
set -u
cd "$(dirname "$0")/../.."
mode=valgrind
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$($PG_CONFIG --bindir)
out=$(pwd)/build/$mode
rm -rf "$out"; mkdir -p "$out"
chmod 777 "$out"
data=$(mktemp -d /tmp/smskpi-$mode.XXXXXX)
chown postgres "$data"
port=$((20000 + $$ % 20000))
as_pg() { runuser -u postgres -- "$@"; }

if [ "${VALGRIND_TESTS:-}" = all ]; then
	tests=$(ls test/*.sql | sed 's|.*/||; s|\.sql$||' | tr '\n' ' ')
elif [ -n "${VALGRIND_TESTS:-}" ]; then
	tests=$VALGRIND_TESTS
else
	tests=$(ls test/*.sql | sed 's|.*/||; s|\.sql$||' |
		grep -vxE 'campaign_random|response_time_memory|response_time_random|cancel.*|parallel.*' | tr '\n' ' ')
fi

cleanup() {
	as_pg "$bindir/pg_ctl" -D "$data/db" -m immediate stop >/dev/null 2>&1
	rm -rf "$data"
}
trap cleanup EXIT INT TERM

as_pg "$bindir/initdb" -D "$data/db" -A trust -U postgres >/dev/null || exit 1
cat >> "$data/db/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$data'
listen_addresses = ''
max_parallel_workers_per_gather = 2
fsync = off
jit = off
CONF

if [ "$mode" = valgrind ]; then
	command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 1; }
	as_pg sh -c "valgrind --quiet --trace-children=yes --track-origins=yes \
		--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
		--num-callers=30 --error-limit=no \
		--suppressions=$(pwd)/test/valgrind/postgres.supp \
		--log-file=$out/vg.%p.log \
		$bindir/postgres -D $data/db > $out/postmaster.log 2>&1 &"
	wait_s=120
fi

i=0
until "$bindir/pg_isready" -q -h "$data" -p "$port"; do
	i=$((i + 1))
	[ $i -gt $wait_s ] && { echo "postmaster did not start"; cat "$out/postmaster.log"; exit 1; }
	sleep 1
done
echo "== $mode: postmaster up on port $port; tests: $tests"

start=$(date +%s)
PGHOST=$data PGPORT=$port PGUSER=postgres make -s installcheck REGRESS="$tests" \
	PG_CONFIG="$PG_CONFIG" > "$out/regress.log" 2>&1
regress_rc=$?
cat "$out/regress.log" | grep -E '^(test|ok|not ok|#| All|.*FAILED|.*failed)' 
echo "pg_regress exit $regress_rc after $(( $(date +%s) - start )) s"
as_pg "$bindir/pg_ctl" -D "$data/db" -m fast -w -t 600 stop >/dev/null 2>&1
sleep 2

rc=0
[ $regress_rc -eq 0 ] || { echo "FAILED: pg_regress (see build/regress/regression.diffs)"; rc=1; }
if [ "$mode" = valgrind ]; then
	# error records: everything between "== <pid> ==" headers; count by kind
	errs=$(cat "$out"/vg.*.log | grep -cE '^==[0-9]+== (Invalid (read|write|free)|Conditional jump|Use of uninitialised|Syscall param|Mismatched free|Source and destination overlap)')
	lost=$(awk '/definitely lost in loss record/ {blk=1; buf=$0; next}
		blk && /^==[0-9]+== *$/ {if (buf ~ /smskpi/) print buf; blk=0; next}
		blk {buf = buf "\n" $0}' "$out"/vg.*.log)
	nlogs=$(ls "$out"/vg.*.log | wc -l)
	echo "valgrind: $nlogs process logs, $errs memcheck errors, $( [ -n "$lost" ] && echo "$lost" | grep -c 'definitely lost' || echo 0) definite leaks with a smskpi frame"
	if [ "$errs" -gt 0 ]; then
		rc=1
		grep -lE '^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and)' "$out"/vg.*.log | head -5 |
			while read -r f; do echo "--- $f"; sed -n '1,60p' "$f"; done
	fi
	[ -n "$lost" ] && { echo "$lost"; rc=1; }
fi
[ $rc -eq 0 ] && echo "memory check: PASSED ($mode)" || echo "memory check: FAILED ($mode)"
exit $rc
