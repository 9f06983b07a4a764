#!/bin/sh
# The nightly refresh of incremental rollups run by pg_cron, for real (doc/views.md,
# "Nightly refresh"): a throw-away cluster of its own (initdb in a temporary directory,
# a free loopback port; the suite's cluster is not touched) with
#   shared_preload_libraries = 'pg_cron', cron.database_name = 'smskpi_cron',
#   cron.use_background_workers = on (max_worker_processes left at its default, 8)
# and pg_hba asking a password for every TCP login (as Debian's default does for
# localhost) while the job's owner has none.  A non-superuser, kpi_owner, creates
# incremental rollups over 8,000 generated messages and schedules
#   SELECT smskpi.refresh_kpi_views('kpi')   every minute ('* * * * *': pg_cron 1.4.2
#                                            has no finer schedule)
# after a new day of messages was appended.  The test waits (at most CRON_WAIT seconds,
# default 130, polling cron.job_run_details every second) for the job's first run, and
# checks: it succeeded, as kpi_owner, in smskpi_cron, and the refresh happened inside it;
# the rollups were stale before it and after it count every message of the sources
# (plain SQL over the tables) and equal a full rebuild (a fresh create_kpi_views into
# another schema) rollup by rollup; cron.unschedule removes the job.
#
# pg_cron missing: as root (or with sudo), the test installs postgresql-15-cron; if that
# cannot be done it skips with a message, except under CI=true, where it fails.
set -u
cd "$(dirname "$0")/../.." || exit 1
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
bindir=$("$PG_CONFIG" --bindir) || exit 1
pkglibdir=$("$PG_CONFIG" --pkglibdir)
major=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
pkg=postgresql-$major-cron
wait_max=${CRON_WAIT:-130}

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if ! [ -f "$pkglibdir/pg_cron.so" ] && command -v apt-get >/dev/null 2>&1 &&
	{ [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }; then
	echo "installing $pkg"
	$SUDO apt-get update -qq >/dev/null 2>&1
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 ||
		echo "could not install $pkg"
fi
if ! [ -f "$pkglibdir/pg_cron.so" ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAILED: pg_cron is not installed (no $pkglibdir/pg_cron.so; Debian: apt-get install $pkg), and CI=true requires this test to run"
		exit 1
	fi
	echo "SKIP: pg_cron is not installed and could not be installed (no $pkglibdir/pg_cron.so; Debian: apt-get install $pkg)"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	as_pg() { runuser -u postgres -- "$@"; }
	pguser=postgres
else
	as_pg() { "$@"; }
	pguser=$(id -un)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smskpi-cron.XXXXXX") || exit 1
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp"
data=$tmp/data
ok=0
cleanup() {
	[ -f "$data/postmaster.pid" ] && as_pg "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
	if [ "$ok" -ne 1 ] && [ -f "$tmp/server.log" ]; then
		echo "--- server log (last 40 lines)"; tail -40 "$tmp/server.log"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
die() { echo "FAILED: $*"; exit 1; }

# the cluster: local (socket) logins trusted, TCP logins need a password
as_pg "$bindir/initdb" -D "$data" -U "$pguser" -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 \
	>"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log"; die "initdb"; }
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp'
fsync = off
synchronous_commit = off
jit = off
include_if_exists = 'port.conf'
include_if_exists = 'cron.conf'
CONF
: >"$tmp/server.log"
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp/server.log"
start() {
	as_pg "$bindir/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 start >/dev/null 2>&1
}
port=""
for p in $(seq 9800 9899); do
	echo "port = $p" >"$tmp/port.conf"
	as_pg cp "$tmp/port.conf" "$data/port.conf"
	if start; then port=$p; break; fi
	grep -qE 'could not bind|could not create any TCP/IP sockets|Address already in use|could not create lock file' "$tmp/server.log" ||
		die "the server did not start"
done
[ -n "$port" ] || die "no free port in 9800-9899"
export PGHOST="$tmp" PGPORT="$port" PGUSER="$pguser" PGDATABASE=smskpi_cron
unset PGSERVICE PGPASSWORD 2>/dev/null || true
db=smskpi_cron
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "CREATE DATABASE $db" || die "CREATE DATABASE"
# pg_cron is loaded at start: restart with it, its database now there
cat >"$tmp/cron.conf" <<CONF
shared_preload_libraries = 'pg_cron'
cron.database_name = '$db'
cron.use_background_workers = on
CONF
as_pg cp "$tmp/cron.conf" "$data/cron.conf"
as_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || die "stop"
start || die "the server did not start with pg_cron"

q -c "CREATE EXTENSION smskpi" -c "CREATE EXTENSION pg_cron" || die "CREATE EXTENSION"
cron_version=$(q -c "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'")
PGDATABASE=$db sh test/datagen/generate.sh src 8000 7 >/dev/null || die "generate.sh"
tz=America/Chicago
srcs="'src.messages', 'src.link_clicks', 'src.conversions', 'src.consent_events', 'src.conversation_events', 'src.holdout_contacts'"
q <<SQL || die "set-up"
CREATE ROLE kpi_owner LOGIN;
GRANT USAGE ON SCHEMA smskpi, src, cron TO kpi_owner;
GRANT SELECT ON ALL TABLES IN SCHEMA src TO kpi_owner;
CREATE SCHEMA kpi AUTHORIZATION kpi_owner;
SET ROLE kpi_owner;
SELECT count(*) FROM smskpi.create_kpi_views('kpi', $srcs, time_zone => '$tz', incremental => true) \\g /dev/null
SQL
# the premise: kpi_owner cannot log in over TCP (localhost) without a password
PGPASSFILE=/dev/null psql -qXAt -w -h 127.0.0.1 -p "$port" -U kpi_owner -d $db -c "SELECT 1" >/dev/null 2>&1 &&
	die "kpi_owner logged in over TCP without a password: the premise of the test does not hold"

# a new day: the messages of the busiest local day again, on the day after the last one
# (new ids, the same conversations, the same local times)
q <<SQL || die "append"
WITH busiest AS (SELECT (sent_at AT TIME ZONE '$tz')::date AS day FROM src.messages GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
     shift AS (SELECT (SELECT max((sent_at AT TIME ZONE '$tz')::date) FROM src.messages) + 1 - day AS days,
                      (SELECT max(message_id) FROM src.messages) AS ids FROM busiest)
INSERT INTO src.messages
SELECT message_id + s.ids, conversation_id, contact_id, direction,
       ((sent_at AT TIME ZONE '$tz') + s.days * interval '1 day') AT TIME ZONE '$tz',
       status, error_code, body, media_count, campaign_id, campaign_step, list_id, agent_id
FROM src.messages, shift s, busiest b
WHERE (sent_at AT TIME ZONE '$tz')::date = b.day;
SQL
# expected, from the tables: messages in and out (all, and of the new day)
expected=$(q -c "SELECT count(*) FILTER (WHERE direction = 'outbound') || ' ' || count(*) FILTER (WHERE direction = 'inbound') || ' ' ||
                        count(*) FILTER (WHERE direction = 'outbound' AND (sent_at AT TIME ZONE '$tz')::date =
                                         (SELECT max((sent_at AT TIME ZONE '$tz')::date) FROM src.messages))
                 FROM src.messages")
rollup_sql="SELECT sum(outbound) || ' ' || sum(inbound) || ' ' || coalesce(sum(outbound) FILTER (WHERE day =
                   (SELECT max((sent_at AT TIME ZONE '$tz')::date) FROM src.messages)), 0) FROM kpi.kpi_message_volume"
before=$(q -c "$rollup_sql")
[ "$before" != "$expected" ] || die "the rollups already count the new day before any refresh ($before)"
refreshed0=$(q -c "SELECT refreshed_at FROM kpi.kpi_rollup_state")

# the job, scheduled by kpi_owner
t0=$(date +%s)
jobid=$(q -c "SET ROLE kpi_owner" -c "SELECT cron.schedule('smskpi-kpi-refresh', '* * * * *', \$\$SELECT smskpi.refresh_kpi_views('kpi')\$\$)") ||
	die "cron.schedule"
status=""
while [ $(($(date +%s) - t0)) -le "$wait_max" ]; do
	status=$(q -c "SELECT status FROM cron.job_run_details WHERE jobid = $jobid AND status IN ('succeeded', 'failed')
	               ORDER BY runid LIMIT 1")
	[ -n "$status" ] && break
	sleep 1
done
waited=$(($(date +%s) - t0))
q -c "SELECT cron.unschedule($jobid)" >/dev/null || die "cron.unschedule"
left=$(q -c "SELECT count(*) FROM cron.job")
if [ -z "$status" ]; then
	echo "FAILED: no finished run of the job within $wait_max s; cron.job_run_details:"
	q -c "SELECT runid, status, return_message, start_time, end_time FROM cron.job_run_details"
	exit 1
fi
run=$(q -c "SELECT status || ' | ' || username || ' | ' || database || ' | ' || command || ' | ' || coalesce(return_message, '')
            FROM cron.job_run_details WHERE jobid = $jobid ORDER BY runid LIMIT 1")
# the refresh happened inside the run: refreshed_at is the refresh's now(), the start of the
# worker's transaction (at or after the minute the run was due, before its end_time;
# start_time is written by the launcher once the worker is up, a little later)
inside=$(q -c "SELECT s.refreshed_at BETWEEN date_trunc('minute', d.start_time) AND d.end_time AND s.refreshed_at > '$refreshed0'
               FROM kpi.kpi_rollup_state s, (SELECT * FROM cron.job_run_details WHERE jobid = $jobid ORDER BY runid LIMIT 1) d")
after=$(q -c "$rollup_sql")
# a full rebuild to compare with: every rollup, row by row (response states by their answers,
# a float mean rounded: their bits follow the order of the rows)
differences=$(q <<SQL
CREATE SCHEMA fresh;
SELECT count(*) FROM smskpi.create_kpi_views('fresh', $srcs, time_zone => '$tz', incremental => true) \\g /dev/null
CREATE FUNCTION pg_temp.differences(a text, b text) RETURNS TABLE (rollup text, rows bigint, differing bigint)
LANGUAGE plpgsql AS \$\$
DECLARE r record; j text;
BEGIN
    FOR r IN SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'state') AS has_state
             FROM pg_class c
             WHERE c.relnamespace = a::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'kpi\_%'
               AND c.relname <> 'kpi_rollup_state' ORDER BY 1 LOOP
        rollup := r.relname;
        j := CASE WHEN r.has_state THEN \$j\$to_jsonb(t) - 'state' || jsonb_build_object('answers', smskpi.response_stats(t.state)::text)\$j\$
                  WHEN r.relname = 'kpi_sentiment_trend' THEN \$j\$to_jsonb(t) || jsonb_build_object('mean_score', round(t.mean_score::numeric, 12))\$j\$
                  ELSE 'to_jsonb(t)' END;
        EXECUTE format(\$q\$
            WITH x AS (SELECT %4\$s AS j FROM %1\$I.%3\$I t),
                 y AS (SELECT %4\$s AS j FROM %2\$I.%3\$I t)
            SELECT (SELECT count(*) FROM x),
                   (SELECT count(*) FROM ((SELECT j FROM x EXCEPT ALL SELECT j FROM y) UNION ALL
                                          (SELECT j FROM y EXCEPT ALL SELECT j FROM x)) d)\$q\$, a, b, r.relname, j)
            INTO rows, differing;
        RETURN NEXT;
    END LOOP;
END \$\$;
SELECT count(*) || ' ' || sum(differing) || ' ' || bool_and(rows > 0) || ' ' ||
       coalesce(string_agg(rollup || ' (' || differing || ' of ' || rows || ' rows)', ', ') FILTER (WHERE differing > 0), '')
FROM pg_temp.differences('kpi', 'fresh');
SQL
) || die "the comparison with a full rebuild"

fail=0
case "$run" in
"succeeded | kpi_owner | $db | SELECT smskpi.refresh_kpi_views('kpi') | "*) ;;
*) echo "FAILED: the job's run: $run (expected succeeded, as kpi_owner, in $db)"; fail=1 ;;
esac
[ "$inside" = t ] || { echo "FAILED: the rollups were not refreshed inside the job's run (refreshed_at $(q -c "SELECT refreshed_at FROM kpi.kpi_rollup_state"), before $refreshed0; the run: $(q -c "SELECT start_time || ' - ' || end_time FROM cron.job_run_details WHERE jobid = $jobid ORDER BY runid LIMIT 1"))"; fail=1; }
[ "$after" = "$expected" ] || { echo "FAILED: after the job the rollups count '$after' (outbound, inbound, outbound of the new day); the tables have '$expected' (before: '$before')"; fail=1; }
set -- $differences
[ "${1:-0}" -ge 20 ] && [ "${2:-}" = 0 ] && [ "${3:-}" = true ] ||
	{ echo "FAILED: the rollups after the job against a full rebuild: $differences (rollups, differing rows, all have rows, which differ)"; fail=1; }
[ "$left" = 0 ] || { echo "FAILED: $left jobs left after cron.unschedule"; fail=1; }
[ $fail -eq 0 ] || exit 1
ok=1
echo "pg_cron (extension $cron_version, background workers): the refresh ran as kpi_owner ${waited} s after cron.schedule (job_run_details: $run), the rollups went from '$before' to '$after' (outbound, inbound, outbound of the new day: the tables' counts), $1 rollups equal a full rebuild"
