#!/bin/sh
# Shell test for test/datagen/generate.sh (run by test/run-suite.sh with PG* set).
# In a scratch database it creates and drops:
#   * generates 2000 messages with seed 7 twice (the second time with parallel plans
#     forced) and once with seed 8;
#   * asserts identical content (md5 over every column, ORDER BY every column) for the
#     same seed and different content for the other seed, table by table;
#   * asserts the data contract's columns and types;
#   * asserts the generated data makes sense (both directions, MMS, failures with their
#     error codes, opt-outs, same-second ties, holdouts that received nothing, clicks
#     after their sends, suppression after opt-out ...);
#   * DAYS: a longer window spreads the messages, 91 is the default, bad values refused.
# GENERATE=path overrides the generator (to check that this test can fail).
set -u
cd "$(dirname "$0")/../.."
gen=${GENERATE:-test/datagen/generate.sh}
db=smskpi_datagen_test
fails=0
checks=0

psql -qX -v ON_ERROR_STOP=1 -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" || exit 1
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
export PGDATABASE=$db

q() { psql -qXtA -v ON_ERROR_STOP=1 -c "$1"; }
# check NAME SQL EXPECTED: the query's single value must equal EXPECTED
check() {
	checks=$((checks + 1))
	got=$(q "$2" 2>&1)
	if [ "$got" = "$3" ]; then
		echo "ok     $1"
	else
		echo "FAILED $1: got '$got', expected '$3'"
		fails=$((fails + 1))
	fi
}

sh "$gen" dg_a 2000 7 || { echo "FAILED generate dg_a"; exit 1; }
PGOPTIONS="-c parallel_setup_cost=0 -c parallel_tuple_cost=0 -c min_parallel_table_scan_size=0 -c max_parallel_workers_per_gather=2 -c parallel_leader_participation=off" \
	sh "$gen" dg_b 2000 7 || { echo "FAILED generate dg_b"; exit 1; }
sh "$gen" dg_c 2000 8 || { echo "FAILED generate dg_c"; exit 1; }

# md5 of a table's full content, independent of physical order
fp() {
	q "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) || ':' || count(*) FROM $1.$2 t"
}
for t in messages link_clicks conversions consent_events conversation_events holdout_contacts; do
	a=$(fp dg_a $t) b=$(fp dg_b $t) c=$(fp dg_c $t)
	checks=$((checks + 2))
	if [ "$a" = "$b" ] && [ -n "$a" ]; then echo "ok     same seed, same $t ($a)"
	else echo "FAILED same seed gave different $t: $a vs $b"; fails=$((fails + 1)); fi
	if [ "$a" != "$c" ]; then echo "ok     other seed, other $t"
	else echo "FAILED seed 8 gave the same $t as seed 7"; fails=$((fails + 1)); fi
done
# the physical (insertion) order is deterministic too (ORDER BY ctid: a query that reads
# only message_id may otherwise get an index-only scan of the primary key)
check "same physical order of messages" \
	"SELECT (SELECT md5(string_agg(message_id::text, ',' ORDER BY ctid)) FROM dg_a.messages)
	      = (SELECT md5(string_agg(message_id::text, ',' ORDER BY ctid)) FROM dg_b.messages)" t
check "physical order is not message_id order" \
	"SELECT count(*) > 100 FROM (SELECT message_id < lead(message_id) OVER (ORDER BY ctid) AS up FROM dg_a.messages) s WHERE NOT up" t

# the data contract, column by column (name:type in ordinal order)
check "contract columns and types" \
	"SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ' ' ORDER BY table_name, ordinal_position)
	 FROM information_schema.columns WHERE table_schema = 'dg_a'" \
"consent_events.contact_id:bigint consent_events.list_id:bigint consent_events.event:text consent_events.occurred_at:timestamp with time zone consent_events.source:text conversation_events.conversation_id:bigint conversation_events.event:text conversation_events.occurred_at:timestamp with time zone conversions.contact_id:bigint conversions.converted_at:timestamp with time zone conversions.revenue:numeric conversions.message_id:bigint holdout_contacts.contact_id:bigint holdout_contacts.campaign_id:bigint link_clicks.message_id:bigint link_clicks.clicked_at:timestamp with time zone messages.message_id:bigint messages.conversation_id:bigint messages.contact_id:bigint messages.direction:text messages.sent_at:timestamp with time zone messages.status:text messages.error_code:integer messages.body:text messages.media_count:integer messages.campaign_id:bigint messages.campaign_step:integer messages.list_id:bigint messages.agent_id:bigint"
check "only the six tables, no leftover helpers" \
	"SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'dg_a' AND c.relkind = 'r')
	     || ',' || (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'dg_a')" "6,0"
check "tables analyzed" \
	"SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'dg_a' AND last_analyze IS NOT NULL" 6

# size and value domains
check "about 2000 messages (1500..2500)" "SELECT count(*) BETWEEN 1500 AND 2500 FROM dg_a.messages" t
check "direction values" "SELECT string_agg(DISTINCT direction, ',') FROM dg_a.messages" "inbound,outbound"
check "status values by direction" \
	"SELECT count(*) FROM dg_a.messages WHERE NOT (direction = 'inbound' AND status IN ('received', 'read')
	   OR direction = 'outbound' AND status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))" 0
check "error_code set exactly on failed/undelivered" \
	"SELECT count(*) FROM dg_a.messages WHERE (error_code IS NOT NULL) <> (status IN ('failed', 'undelivered'))" 0
check "all four carrier error codes occur" \
	"SELECT count(DISTINCT error_code) FROM dg_a.messages WHERE error_code IN (30003, 30005, 30006, 30007)" 4
check "some MMS and some SMS, both directions carry MMS" \
	"SELECT count(DISTINCT direction) FROM dg_a.messages WHERE media_count > 0" 2
check "campaign_step only on outbound campaign sends, 1..6" \
	"SELECT count(*) FROM dg_a.messages WHERE campaign_step IS NOT NULL
	   AND (direction <> 'outbound' OR campaign_id IS NULL OR campaign_step NOT BETWEEN 1 AND 6 OR agent_id IS NOT NULL)" 0
check "drips of 3..6 steps exist" "SELECT max(campaign_step) >= 3 FROM dg_a.messages" t
check "agents answer inbound, automation (NULL agent) sends campaigns" \
	"SELECT count(*) FILTER (WHERE direction = 'outbound' AND agent_id IS NOT NULL) > 0
	    AND count(*) FILTER (WHERE direction = 'inbound' AND agent_id IS NOT NULL) = 0 FROM dg_a.messages" t
check "customer-started conversations (first message inbound)" \
	"SELECT count(*) > 0 FROM (SELECT DISTINCT ON (conversation_id) direction FROM dg_a.messages
	   ORDER BY conversation_id, sent_at, message_id) s WHERE direction = 'inbound'" t
check "same-second ties inside a conversation" \
	"SELECT count(*) > 0 FROM (SELECT 1 FROM dg_a.messages GROUP BY conversation_id, sent_at HAVING count(*) > 1) s" t
check "STOP replies, natural-language opt-outs, curly apostrophes, emoji, ALL CAPS, empty bodies" \
	"SELECT bool_and(n > 0) FROM (SELECT count(*) FILTER (WHERE upper(btrim(body)) = 'STOP') AS n FROM dg_a.messages WHERE direction = 'inbound'
	   UNION ALL SELECT count(*) FILTER (WHERE body ~* '(stop texting|remove me|off your list|unsubscribe me)') FROM dg_a.messages WHERE direction = 'inbound'
	   UNION ALL SELECT count(*) FILTER (WHERE body LIKE '%’%') FROM dg_a.messages
	   UNION ALL SELECT count(*) FILTER (WHERE body ~ '[👍🙏😡❤]') FROM dg_a.messages
	   UNION ALL SELECT count(*) FILTER (WHERE body = upper(body) AND body ~ '[A-Z]{3}') FROM dg_a.messages WHERE direction = 'inbound'
	   UNION ALL SELECT count(*) FILTER (WHERE body = '') FROM dg_a.messages) s" t
check "outbound placeholders all filled" "SELECT count(*) FROM dg_a.messages WHERE body ~ '\\{(first_name|agent|link|code)\\}'" 0
check "long campaign texts (> 160 chars) and GSM-7 extension chars" \
	"SELECT count(*) FILTER (WHERE length(body) > 160) > 0 AND count(*) FILTER (WHERE body ~ '[€\\[\\]{}^|~]') > 0
	 FROM dg_a.messages WHERE direction = 'outbound'" t

# reply behaviour: the reply to send m is message m + 1 when inbound (see doc/datagen.md)
check "drip falloff: reply rate of steps 1-3 is at least twice that of steps 4-6" \
	"SELECT avg((r.message_id IS NOT NULL)::int) FILTER (WHERE m.campaign_step <= 3 AND c.drip)
	     >= 2 * avg((r.message_id IS NOT NULL)::int) FILTER (WHERE m.campaign_step >= 4)
	 FROM dg_a.messages m
	 JOIN (SELECT campaign_id, max(campaign_step) > 1 AS drip FROM dg_a.messages GROUP BY 1) c USING (campaign_id)
	 LEFT JOIN dg_a.messages r ON r.message_id = m.message_id + 1 AND r.direction = 'inbound'
	 WHERE m.campaign_step IS NOT NULL" t
check "replies come after their send" \
	"SELECT count(*) FROM dg_a.messages m JOIN dg_a.messages r ON r.message_id = m.message_id + 1
	 WHERE m.campaign_step IS NOT NULL AND r.direction = 'inbound' AND r.sent_at <= m.sent_at" 0
check "no reply to an undelivered send" \
	"SELECT count(*) FROM dg_a.messages m JOIN dg_a.messages r ON r.message_id = m.message_id + 1
	 WHERE m.campaign_step IS NOT NULL AND r.direction = 'inbound' AND m.status IN ('failed', 'undelivered')" 0

# consent, suppression and holdouts
check "opt-ins and opt-outs, with sources" \
	"SELECT string_agg(DISTINCT event, ',') || '/' || bool_and(source IS NOT NULL) FROM dg_a.consent_events" "opt_in,opt_out/true"
check "STOP opt-out recorded at the reply's second" \
	"SELECT count(*) > 0 FROM dg_a.consent_events e JOIN dg_a.messages m
	   ON m.contact_id = e.contact_id AND m.list_id = e.list_id AND m.sent_at = e.occurred_at
	 WHERE e.source = 'keyword' AND m.direction = 'inbound'" t
check "no campaign send to a list after the contact opted out of it" \
	"SELECT count(*) FROM dg_a.messages m
	 JOIN (SELECT contact_id, list_id, min(occurred_at) t FROM dg_a.consent_events WHERE event = 'opt_out' GROUP BY 1, 2) o
	   USING (contact_id, list_id)
	 WHERE m.campaign_step IS NOT NULL AND m.sent_at > o.t" 0
check "holdouts exist, all for campaigns that sent" \
	"SELECT count(*) > 0 AND bool_and(campaign_id IN (SELECT campaign_id FROM dg_a.messages)) FROM dg_a.holdout_contacts" t
check "holdouts (~5%) receive nothing from their campaign" \
	"SELECT count(*) FROM dg_a.holdout_contacts h JOIN dg_a.messages m USING (contact_id, campaign_id)" 0
check "holdout share of campaign contacts between 2% and 9%" \
	"SELECT (SELECT count(*) FROM dg_a.holdout_contacts)::numeric
	      / ((SELECT count(*) FROM dg_a.holdout_contacts)
	         + (SELECT count(DISTINCT (contact_id, campaign_id)) FROM dg_a.messages WHERE campaign_id IS NOT NULL))
	      BETWEEN 0.02 AND 0.09" t

# clicks, conversions, conversation events
check "clicks only on delivered outbound sends with a link, not before the send" \
	"SELECT count(*) FROM dg_a.link_clicks c LEFT JOIN dg_a.messages m USING (message_id)
	 WHERE m.message_id IS NULL OR m.direction <> 'outbound' OR m.status <> 'delivered'
	    OR m.body NOT LIKE '%https://%' OR c.clicked_at < m.sent_at" 0
check "some clicks" "SELECT count(*) > 0 FROM dg_a.link_clicks" t
check "conversions: attributed ones point at an outbound message of the same contact, sent before" \
	"SELECT count(*) FROM dg_a.conversions v LEFT JOIN dg_a.messages m USING (message_id)
	 WHERE v.message_id IS NOT NULL AND (m.message_id IS NULL OR m.contact_id <> v.contact_id
	    OR m.direction <> 'outbound' OR m.sent_at > v.converted_at)" 0
check "conversions with and without message_id, revenue >= 0 with cents" \
	"SELECT count(message_id) > 0 AND count(*) > count(message_id) AND min(revenue) >= 0 AND max(scale(revenue)) = 2
	 FROM dg_a.conversions" t
check "conversation events: resolved and reopened, only on existing conversations" \
	"SELECT string_agg(DISTINCT event, ',') || '/' ||
	        (SELECT count(*) FROM dg_a.conversation_events e
	         WHERE NOT EXISTS (SELECT 1 FROM dg_a.messages m WHERE m.conversation_id = e.conversation_id))
	 FROM dg_a.conversation_events" "reopened,resolved/0"
check "a reopen follows a resolve" \
	"SELECT count(*) FROM dg_a.conversation_events o WHERE o.event = 'reopened' AND NOT EXISTS
	   (SELECT 1 FROM dg_a.conversation_events r WHERE r.conversation_id = o.conversation_id
	     AND r.event = 'resolved' AND r.occurred_at <= o.occurred_at)" 0

# DAYS: the window's length.  200 days: messages on the days past the default 91 (their
# campaigns start up to day 178), none before the window; the default is 91 (the same
# rows as dg_a, checked above against an explicit 91); bad values are refused.
sh "$gen" dg_d 2000 7 200 || { echo "FAILED generate dg_d"; exit 1; }
sh "$gen" dg_e 2000 7 91 || { echo "FAILED generate dg_e"; exit 1; }
check "DAYS 200: messages on days 100..200 of the window, none before it" \
	"SELECT count(*) FILTER (WHERE sent_at >= timestamptz '2025-01-06 06:00+00' + interval '100 days') > 0
	    AND count(*) FILTER (WHERE sent_at < timestamptz '2025-01-06 06:00+00') = 0
	    AND count(*) FILTER (WHERE campaign_id IS NOT NULL AND sent_at >= timestamptz '2025-01-06 06:00+00' + interval '100 days') > 0
	 FROM dg_d.messages" t
check "DAYS 91 (given) = the default" \
	"SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM dg_a.messages t)
	      = (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM dg_e.messages t)" t
for bad in 29 3651 x; do
	checks=$((checks + 1))
	if sh "$gen" dg_f 100 7 "$bad" >/dev/null 2>&1; then echo "FAILED DAYS $bad accepted"; fails=$((fails + 1))
	else echo "ok     DAYS $bad refused"; fi
done

echo "datagen: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
