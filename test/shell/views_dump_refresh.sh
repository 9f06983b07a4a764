#!/bin/sh
# KPI views survive pg_dump / pg_restore (plain and materialized, with the user's edits of
# smskpi.kpi_targets), and REFRESH ... CONCURRENTLY (smskpi.refresh_kpi_views) never
# blocks or breaks readers of the materialized views.
set -eu
cd "$(dirname "$0")/../.."
a=smskpi_views_a b=smskpi_views_b
work=$(mktemp -d)
cleanup() {
	[ -n "${readers:-}" ] && kill $readers 2>/dev/null || true
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $a" -c "DROP DATABASE IF EXISTS $b" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
psql -qX -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $a" -c "DROP DATABASE IF EXISTS $b" \
	-c "CREATE DATABASE $a" -c "CREATE DATABASE $b" 2>/dev/null
export PGDATABASE=$a
psql -qX -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION smskpi'
sh test/datagen/generate.sh data 20000 11 >/dev/null
psql -qX -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA kpi;
CREATE SCHEMA kpim;
SELECT count(*) FROM smskpi.create_kpi_views('kpi', 'data.messages', 'data.link_clicks', 'data.conversions',
  'data.consent_events', 'data.conversation_events', 'data.holdout_contacts');
SELECT count(*) FROM smskpi.create_kpi_views('kpim', 'data.messages', 'data.link_clicks', 'data.conversions',
  'data.consent_events', 'data.conversation_events', 'data.holdout_contacts', materialized => true);
UPDATE smskpi.kpi_targets SET target_min = 0.5 WHERE metric = 'delivery_rate';
INSERT INTO smskpi.kpi_targets (metric, description, unit, better, target_min, target_text, advice)
VALUES ('engagement_rate', 'ours', 'ratio', 'higher', 0.42, '42%', 'ours');
SQL
# row counts and a checksum of every KPI view, and the targets in effect
fingerprint() {
	psql -qX -d "$1" -f test/upgrade/kpi_views.sql
}
fingerprint $a > "$work/a.txt"
pg_dump -Fc -f "$work/dump" $a
pg_restore --exit-on-error -d $b "$work/dump"
fingerprint $b > "$work/b.txt"
if ! diff "$work/a.txt" "$work/b.txt" > "$work/diff"; then cat "$work/diff" | head -20
	echo "FAILED: the restored database differs"; exit 1
fi
nviews=$(grep -c ' [vm] ' "$work/b.txt")
# both schemas have every KPI view (all sources are given)
want=$(psql -qXAt -d $b -c "SELECT 2 * count(*) FROM smskpi.kpi_view_definitions()")
[ "$nviews" -eq "$want" ] || { echo "FAILED: $nviews views restored, expected $want"; exit 1; }
grep -q '^delivery_rate true 0.5$' "$work/b.txt" || { echo "FAILED: edited target lost"; exit 1; }
grep -q '^engagement_rate true 0.42$' "$work/b.txt" || { echo "FAILED: added target lost"; exit 1; }
[ "$(psql -qXAt -d $b -c "SELECT count(*) FROM smskpi.kpi_targets WHERE NOT edited")" -eq 14 ] || { echo "FAILED: built-in targets missing"; exit 1; }
psql -qXAt -d $b -c "SELECT target_min FROM kpi.kpi_vs_target WHERE metric = 'delivery_rate' LIMIT 1" | grep -qx 0.5 \
	|| { echo "FAILED: kpi_vs_target does not use the restored edit"; exit 1; }
echo "dump/restore: $nviews views, identical contents, target edits kept"

# REFRESH CONCURRENTLY under concurrent reads: 3 readers, each read must finish within
# a lock within 100 ms (lock_timeout); then the refresh must show the new messages.
export PGDATABASE=$b
before=$(psql -qXAt -c 'SELECT sum(outbound) FROM kpim.kpi_message_volume')
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO data.messages (message_id, conversation_id, contact_id, direction, sent_at,
    status, media_count) SELECT 9000000000 + g, 9000000000 + g, g, 'outbound', '2025-02-01 12:00+00', 'delivered', 0
    FROM generate_series(1, 1000) g"
for r in 1 2 3; do
	(
		i=0 ok=0
		while [ ! -e "$work/stop" ] && [ $i -lt 2000 ]; do
			if psql -qXAt -c "SET lock_timeout = '100ms'; SET statement_timeout = '5s';
			    SELECT sum(outbound) FROM kpim.kpi_message_volume; SELECT count(*) FROM kpim.kpi_sends;
			    SELECT count(*) FROM kpim.kpi_vs_target" > /dev/null 2>> "$work/errors"; then
				ok=$((ok + 1))
			fi
			i=$((i + 1))
		done
		echo $ok > "$work/reader$r"
	) &
	readers="${readers:-} $!"
done
sleep 1
psql -qX -v ON_ERROR_STOP=1 -c "SELECT count(*) AS refreshed FROM smskpi.refresh_kpi_views('kpim')"
touch "$work/stop"
wait $readers
readers=
after=$(psql -qXAt -c 'SELECT sum(outbound) FROM kpim.kpi_message_volume')
reads=0; for f in "$work"/reader*; do reads=$((reads + $(cat "$f"))); done
if [ -s "$work/errors" ]; then
	echo "FAILED: readers got errors during the refresh:"; sort "$work/errors" | uniq -c | head; exit 1
fi
[ "$after" -eq $((before + 1000)) ] || { echo "FAILED: outbound $before -> $after, expected +1000"; exit 1; }
[ "$reads" -gt 0 ] || { echo "FAILED: no reads"; exit 1; }
echo "refresh concurrently: $reads reads during the refresh, none failed or waited 100 ms for a lock; outbound $before -> $after"
