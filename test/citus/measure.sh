#!/bin/sh
# test/citus/measure.sh -- what a query sends to the coordinator, and how long it takes,
# on the cluster of test/citus/run.sh (CITUS_MEASURE=1 sh test/citus/run.sh runs it after
# the checks; or CITUS_KEEP=1 sh test/citus/run.sh none, then this script with the
# printed PGHOST/PGPORT/PGUSER).  Prints a Markdown table (doc/citus.md, "Running on
# Citus"): for each query, on byc and byv, the bytes the coordinator received from the
# workers and the time, against the same query on loc (one node, the same server) and
# against pulling the message rows the query reads (SELECT of those columns of every
# message: what a row-gather ships).
#
# Bytes are Citus's own count: the sum of "Tuple data received from nodes" of EXPLAIN
# ANALYZE (every distributed scan and subplan of the query).  EXPLAIN ANALYZE of a query
# that splits a user-defined aggregate fails in Citus 13.2 (worker_partial_agg returns
# cstring: 'column "field_0" has pseudo-type cstring'); for those the bytes are the
# text form of each shard's partial state, which is what worker_partial_agg ships,
# computed directly (one state per shard), and the time is the query's own; per-contact
# histories are split (one per contact and shard) on byv only: on byc they are grouped by
# the distribution column, and what is split there (falloff_state) is not estimated (n/a).
# Times: the best of 3 runs, in ms.  A measurement, not a test: it never fails on a number.
set -eu
psql="${PSQL:-psql} -XAtq -d postgres"

# received BYTES of "EXPLAIN ANALYZE query" (empty if EXPLAIN ANALYZE fails)
received() {
	printf '%s\n' "EXPLAIN (ANALYZE, TIMING off) $1" | $psql 2>/dev/null | awk '
		/Tuple data received from nodes:/ {
			v = $(NF - 1); u = $NF
			m = (u == "kB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1
			s += v * m; seen = 1 }
		END { if (seen) printf "%d\n", s }'
}
# best of 3 wall-clock ms of a query
best_ms() {
	printf '%s\n' "\\timing on" "\\o /dev/null" "$1;" "$1;" "$1;" | $psql 2>&1 |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n | head -1
}
human() { # bytes -> "12.3 MB"
	awk -v b="$1" 'BEGIN { if (b == "") { print "n/a"; exit }
		if (b >= 1048576) printf "%.1f MB\n", b / 1048576; else if (b >= 1024) printf "%.0f kB\n", b / 1024; else printf "%d B\n", b }'
}

# name | query ({S} = schema, {V} = its plain KPI views) | columns of messages it reads |
# state-size query for a split aggregate ({D} = the distributed schema), or empty
US=$(printf '\037')
cat <<EOF >"${TMPDIR:-/tmp}/smskpi-measure.$$"
median_first_response over all messages${US}SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) FROM {S}.messages${US}conversation_id, direction, sent_at${US}SELECT sum(octet_length(s::text)) FROM (SELECT smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at) s FROM loc.messages m GROUP BY get_shard_id_for_distribution_column('{D}.messages', CASE WHEN '{D}' = 'byc' THEN m.contact_id ELSE m.conversation_id END)) x
first_response_stats by agent${US}SELECT agent_id, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at) FROM {S}.messages GROUP BY agent_id${US}conversation_id, direction, sent_at, agent_id${US}SELECT sum(octet_length(s::text)) FROM (SELECT smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at) s FROM loc.messages m GROUP BY agent_id, get_shard_id_for_distribution_column('{D}.messages', CASE WHEN '{D}' = 'byc' THEN m.contact_id ELSE m.conversation_id END)) x
reply attribution per contact (count of replied sends)${US}SELECT count(*) FILTER (WHERE a.replied) FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction::text, sent_at, status::text, body, media_count, campaign_id, campaign_step) h FROM {S}.messages GROUP BY contact_id) c, LATERAL smskpi.reply_attribution(c.h) a${US}contact_id, conversation_id, message_id, direction, sent_at, status, body, media_count, campaign_id, campaign_step${US}SELECT sum(octet_length(h::text)) FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction::text, sent_at, status::text, body, media_count, campaign_id, campaign_step) h FROM loc.messages m WHERE '{D}' = 'byv' GROUP BY contact_id, get_shard_id_for_distribution_column('{D}.messages', CASE WHEN '{D}' = 'byc' THEN m.contact_id ELSE m.conversation_id END)) x
kpi_message_volume${US}SELECT * FROM {V}.kpi_message_volume${US}sent_at, direction, media_count, campaign_id, agent_id, list_id${US}
kpi_response_rate${US}SELECT * FROM {V}.kpi_response_rate${US}contact_id, conversation_id, message_id, direction, sent_at, status, body, media_count, campaign_id, campaign_step${US}SELECT sum(octet_length(h::text)) FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction::text, sent_at, status::text, body, media_count, campaign_id, campaign_step) h FROM loc.messages m WHERE '{D}' = 'byv' GROUP BY contact_id, get_shard_id_for_distribution_column('{D}.messages', CASE WHEN '{D}' = 'byc' THEN m.contact_id ELSE m.conversation_id END)) x
kpi_drip_falloff${US}SELECT * FROM {V}.kpi_drip_falloff${US}contact_id, conversation_id, message_id, direction, sent_at, status, body, media_count, campaign_id, campaign_step${US}SELECT sum(octet_length(h::text)) FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction::text, sent_at, status::text, body, media_count, campaign_id, campaign_step) h FROM loc.messages m WHERE '{D}' = 'byv' GROUP BY contact_id, get_shard_id_for_distribution_column('{D}.messages', CASE WHEN '{D}' = 'byc' THEN m.contact_id ELSE m.conversation_id END)) x
kpi_first_response${US}SELECT * FROM {V}.kpi_first_response${US}conversation_id, contact_id, direction, sent_at, agent_id, campaign_id${US}
kpi_conversions${US}SELECT * FROM {V}.kpi_conversions${US}message_id, contact_id, direction, sent_at, campaign_id${US}SELECT sum(octet_length(h::text)) FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction::text, sent_at, status::text, body, media_count, campaign_id, campaign_step) h FROM loc.messages m WHERE '{D}' = 'byv' GROUP BY contact_id, get_shard_id_for_distribution_column('{D}.messages', CASE WHEN '{D}' = 'byc' THEN m.contact_id ELSE m.conversation_id END)) x
EOF
list="${TMPDIR:-/tmp}/smskpi-measure.$$"
trap 'rm -f "$list"' EXIT

echo "| query | loc (one node) | byc: time | byc: received | byv: time | byv: received | row pull: received |"
echo "|---|---:|---:|---:|---:|---:|---:|"
while IFS=$US read -r name q cols stq; do
	loc_q=$(echo "$q" | sed 's/{S}/loc/g; s/{V}/loc_kpi/g')
	line="| $name | $(best_ms "$loc_q") ms"
	pull=""
	for s in byc byv; do
		dq=$(echo "$q" | sed "s/{S}/$s/g; s/{V}/${s}_kpi/g")
		b=$(received "$dq")
		if [ -z "$b" ] && [ -n "$stq" ]; then
			b=$($psql -c "$(echo "$stq" | sed "s/{D}/$s/g")")
			note=""
			[ -n "$b" ] && note=" (states)"
		else
			note=""
		fi
		line="$line | $(best_ms "$dq") ms | $(human "$b")$note"
		[ -z "$pull" ] && pull=$(received "SELECT $cols FROM $s.messages")
	done
	echo "$line | $(human "$pull") |"
done <"$list"
