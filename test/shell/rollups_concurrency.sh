#!/bin/sh
# Incremental rollups under concurrency (doc/views.md, "Incremental rollups"):
#   * a refresh is one transaction: while it runs (and until it commits) a reader reads
#     the previous numbers without waiting;
#   * a second refresh of the same schema waits for the first (advisory lock) instead of
#     running beside it, then runs;
#   * after both, the rollups equal a full rebuild.
# Needs a server (PGHOST/PGPORT/PGUSER, as in the suite).
set -eu
cd "$(dirname "$0")/../.."
db=smskpi_rollup_conc
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@"; }
work=$(mktemp -d)
cleanup() { wait 2>/dev/null || true; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
q -c "CREATE EXTENSION smskpi"
PGDATABASE=$db sh test/datagen/generate.sh src 20000 5 >/dev/null
q -c "CREATE SCHEMA k" -c "SELECT count(*) FROM smskpi.create_kpi_views('k', 'src.messages', 'src.link_clicks', 'src.conversions', 'src.consent_events', 'src.conversation_events', 'src.holdout_contacts', incremental => true)" >/dev/null
before=$(q -c "SELECT sum(outbound) FROM k.kpi_message_volume")
# new messages after the watermark: the next refresh counts them
off=$(q -c "SELECT max(message_id) FROM src.messages")
q -c "INSERT INTO src.messages SELECT message_id + $off, conversation_id, contact_id, direction, sent_at + interval '1 hour',
        status, error_code, body, media_count, campaign_id, campaign_step, list_id, agent_id
      FROM src.messages WHERE sent_at >= (SELECT max(sent_at) FROM src.messages) - interval '1 day'"
added=$(q -c "SELECT count(*) FROM src.messages WHERE message_id > $off AND direction = 'outbound'")

# A: a refresh that stays uncommitted for 6 s
( q -c "BEGIN" -c "SELECT count(*) FROM smskpi.refresh_kpi_views('k')" -c "SELECT pg_sleep(6)" -c "COMMIT" > "$work/a.out" 2>&1; date +%s.%N > "$work/a.done" ) &
sleep 2
# B: a reader, while A is open: answers at once, with the previous numbers
t0=$(date +%s.%N)
seen=$(q -c "SELECT sum(outbound) FROM k.kpi_message_volume")
t1=$(date +%s.%N)
# C: a second refresh: waits for A
( q -c "SELECT count(*) FROM smskpi.refresh_kpi_views('k')" > "$work/c.out" 2>&1; date +%s.%N > "$work/c.done" ) &
sleep 1
waiting=$(q -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE '%refresh_kpi_views%'")
wait
after=$(q -c "SELECT sum(outbound) FROM k.kpi_message_volume")
q -c "CREATE SCHEMA f" -c "SELECT count(*) FROM smskpi.create_kpi_views('f', 'src.messages', 'src.link_clicks', 'src.conversions', 'src.consent_events', 'src.conversation_events', 'src.holdout_contacts', incremental => true)" >/dev/null
differing=$(q -c "SELECT sum(n) FROM (
    SELECT (SELECT count(*) FROM ((SELECT to_jsonb(x) - 'state' - 'mean_score' FROM k.kpi_message_volume x EXCEPT ALL SELECT to_jsonb(y) - 'state' - 'mean_score' FROM f.kpi_message_volume y)
                                  UNION ALL (SELECT to_jsonb(y) - 'state' - 'mean_score' FROM f.kpi_message_volume y EXCEPT ALL SELECT to_jsonb(x) - 'state' - 'mean_score' FROM k.kpi_message_volume x)) d) AS n
    UNION ALL
    SELECT (SELECT count(*) FROM ((SELECT * FROM k.kpi_sends EXCEPT ALL SELECT * FROM f.kpi_sends) UNION ALL (SELECT * FROM f.kpi_sends EXCEPT ALL SELECT * FROM k.kpi_sends)) d)) s")

fail=0
read_ms=$(echo "$t0 $t1" | awk '{printf "%d", ($2 - $1) * 1000}')
[ "$read_ms" -lt 1500 ] || { echo "FAILED: a reader waited $read_ms ms for an open refresh"; fail=1; }
[ "$seen" = "$before" ] || { echo "FAILED: a reader saw $seen outbound messages during the refresh, not the previous $before"; fail=1; }
[ "$waiting" = 1 ] || { echo "FAILED: the second refresh was not waiting on the advisory lock ($waiting waiting)"; fail=1; }
ca=$(echo "$(cat "$work/a.done") $(cat "$work/c.done")" | awk '{print ($2 >= $1) ? 1 : 0}')
[ "$ca" = 1 ] || { echo "FAILED: the second refresh ended before the first committed"; fail=1; }
# (it refreshed every rollup table of the schema: all but kpi_rollup_state)
tables=$(q -c "SELECT count(*) - 1 FROM pg_tables WHERE schemaname = 'k'")
grep -q "^$tables\$" "$work/c.out" || { echo "FAILED: the second refresh did not run after the wait (expected $tables rollups):"; cat "$work/c.out"; fail=1; }
[ "$after" = "$((before + added))" ] || { echo "FAILED: $after outbound messages after the refreshes, expected $before + $added"; fail=1; }
[ "$differing" = 0 ] || { echo "FAILED: $differing rows differ from a full rebuild"; fail=1; }
[ $fail -eq 0 ] || exit 1
echo "rollups under concurrency: reader answered in $read_ms ms with the previous numbers, the second refresh waited, then both equal a full rebuild"
