#!/bin/sh
# One huge group for median_first_response (issue 7 item 3): N conversations
# (two messages each, random order) in a single group; reports time and the
# backend's peak memory, or the clear 54000 error.  Too big for CI: skipped
# unless SMSKPI_BIG_GROUP is set to the sizes to try, e.g.
#   SMSKPI_BIG_GROUP="5000000 20000000 40000000" pg_virtualenv -t -v 15 \
#       -o work_mem=1GB sh test/shell/hostile_big_group.sh
set -eu
sizes=${SMSKPI_BIG_GROUP:-}
if [ -z "$sizes" ]; then
	echo "skipped (set SMSKPI_BIG_GROUP to the group sizes to try)"
	exit 0
fi
db=smskpi_big
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -qX -v ON_ERROR_STOP=1 -d $db -c 'CREATE EXTENSION smskpi'
for n in $sizes; do
	echo "== $n conversations, one group"
	# generate_series streams: no table, so the time is the aggregate's;
	# conversation = hash of g, so rows arrive in random key order
	psql -X -d $db -v n="$n" <<'SQL'
\timing on
SET max_parallel_workers_per_gather = 0;
SELECT pg_backend_pid() AS pid \gset
SELECT smskpi.median_first_response(hashint8(g / 2), g % 2 = 0,
         '2026-01-01'::timestamptz + (g / 2 % 86400) * interval '1 s' + (g % 2) * (g % 3600) * interval '1 s') AS median
FROM generate_series(0, 2 * :n - 1) g;
\timing off
SELECT regexp_replace(pg_read_file('/proc/' || :pid || '/status'), '.*(VmHWM:[^\n]*).*', '\1') AS backend_peak_memory;
SQL
done
psql -qX -d postgres -c "DROP DATABASE $db"
