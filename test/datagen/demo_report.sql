-- test/datagen/demo_report.sql -- a small KPI report over the generated sample data, in plain SQL.
-- Run by test/demo.sh:  psql -v schema=demo -f test/datagen/demo_report.sql
-- (It lives in test/datagen/, not test/: the Makefile runs every test/*.sql as a
-- pg_regress test.)
-- The places where smskpi functions take over from the plain SQL are marked
-- "SMSKPI PLUG-IN"; each gives the plain-SQL definition it must agree with.
\set ON_ERROR_STOP 1
\set QUIET 1
\if :{?schema}
\else
\set schema demo
\endif
\pset footer off
\pset null '-'
SET search_path = :"schema", public;

\echo
\echo '== smskpi demo report'
SELECT smskpi.version() AS smskpi_version,
       current_schema() AS data_schema,
       min(sent_at)::date AS first_day, max(sent_at)::date AS last_day,
       count(*) AS messages, count(DISTINCT conversation_id) AS conversations,
       count(DISTINCT contact_id) AS contacts
FROM messages;

\echo
\echo '== volume by month (outbound = business, inbound = customers)'
SELECT to_char(date_trunc('month', sent_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
       count(*) FILTER (WHERE direction = 'outbound') AS outbound,
       count(*) FILTER (WHERE direction = 'inbound') AS inbound,
       round(count(*) FILTER (WHERE direction = 'inbound')::numeric
             / nullif(count(*) FILTER (WHERE direction = 'outbound'), 0), 3) AS inbound_per_outbound,
       count(*) FILTER (WHERE media_count > 0) AS mms
FROM messages GROUP BY 1 ORDER BY 1;

\echo
\echo '== delivery: delivered / outbound with a final status (sent without a receipt excluded)'
SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered,
       count(*) FILTER (WHERE status IN ('delivered', 'undelivered', 'failed')) AS final,
       round(100.0 * count(*) FILTER (WHERE status = 'delivered')
             / nullif(count(*) FILTER (WHERE status IN ('delivered', 'undelivered', 'failed')), 0), 2) AS delivery_rate_pct
FROM messages WHERE direction = 'outbound';
SELECT status, error_code,
       CASE error_code WHEN 30003 THEN 'unreachable handset' WHEN 30005 THEN 'unknown destination'
                       WHEN 30006 THEN 'landline or unreachable carrier' WHEN 30007 THEN 'carrier filtered'
                       WHEN 30008 THEN 'unknown error' END AS meaning,
       count(*) AS messages
FROM messages WHERE status IN ('undelivered', 'failed') GROUP BY 1, 2 ORDER BY 4 DESC;

-- Campaign sends and their replies.  A send "got a reply" when the next inbound message
-- of its conversation (in sent_at, message_id order) comes within 72 hours and no later
-- than the next campaign send of that conversation.
CREATE TEMP TABLE sends AS
SELECT s.*, s.next_in IS NOT NULL
            AND s.next_in <= least(s.sent_at + interval '72 hours', coalesce(s.next_send, 'infinity')) AS replied
FROM (SELECT m.*,
             min(CASE WHEN m.direction = 'inbound' THEN m.sent_at END)
                 OVER (PARTITION BY m.conversation_id ORDER BY m.sent_at, m.message_id
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_in,
             min(CASE WHEN m.campaign_step IS NOT NULL THEN m.sent_at END)
                 OVER (PARTITION BY m.conversation_id ORDER BY m.sent_at, m.message_id
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_send,
             max(m.campaign_step) OVER (PARTITION BY m.campaign_id) > 1 AS drip
      FROM messages m WHERE m.campaign_id IS NOT NULL) s
WHERE s.campaign_step IS NOT NULL AND s.status = 'delivered';
-- SMSKPI PLUG-IN (reply attribution): smskpi.reply_attribution() over the message log
-- replaces the EXISTS above; it must give the same replied flag per send.

\echo
\echo '== response rate of delivered campaign sends, drips by step (the falloff) and blasts'
SELECT CASE WHEN drip THEN 'drip step ' || campaign_step ELSE 'blast' END AS send,
       count(*) AS delivered, count(*) FILTER (WHERE replied) AS replied,
       round(100.0 * count(*) FILTER (WHERE replied) / count(*), 1) AS reply_rate_pct
FROM sends GROUP BY drip, campaign_step ORDER BY drip DESC, campaign_step;
-- SMSKPI PLUG-IN (falloff): smskpi.campaign_falloff() gives the per-step table above.

\echo
\echo '== MMS vs SMS and emoji vs none: reply rate of delivered campaign sends'
SELECT CASE WHEN media_count > 0 THEN 'MMS' ELSE 'SMS' END AS kind,
       CASE WHEN body ~ '[\U0001F300-\U0001FAFF\u2600-\u27BF]' THEN 'emoji' ELSE 'no emoji' END AS emoji,
       count(*) AS delivered,
       round(100.0 * count(*) FILTER (WHERE replied) / count(*), 1) AS reply_rate_pct
FROM sends GROUP BY 1, 2 ORDER BY 1, 2;
-- SMSKPI PLUG-IN (emoji): smskpi.has_emoji(body) replaces the regular expression.

\echo
\echo '== opt-outs by campaign (last campaign send to the contact on that list before the opt-out)'
SELECT c.campaign_id, count(*) AS opt_outs,
       count(*) FILTER (WHERE c.source = 'keyword') AS by_keyword,
       count(*) FILTER (WHERE c.source = 'agent') AS by_agent,
       round(100.0 * count(*) / (SELECT count(DISTINCT contact_id) FROM messages m
                                 WHERE m.campaign_id = c.campaign_id AND m.campaign_step IS NOT NULL), 2) AS pct_of_contacts
FROM (SELECT DISTINCT ON (e.contact_id, e.list_id, e.occurred_at, e.source) m.campaign_id, e.source
      FROM consent_events e
      JOIN messages m ON m.contact_id = e.contact_id AND m.list_id = e.list_id
                     AND m.campaign_step IS NOT NULL AND m.sent_at <= e.occurred_at
      WHERE e.event = 'opt_out'
      ORDER BY e.contact_id, e.list_id, e.occurred_at, e.source, m.sent_at DESC, m.message_id DESC) c
GROUP BY c.campaign_id ORDER BY opt_outs DESC, c.campaign_id LIMIT 10;
SELECT source, count(*) AS opt_outs FROM consent_events WHERE event = 'opt_out' GROUP BY 1 ORDER BY 2 DESC;
-- SMSKPI PLUG-IN (opt-out detection): smskpi.is_opt_out(body) on inbound replies should
-- find the 'keyword' and 'agent' opt-outs above (STOP words and natural language).

\echo
\echo '== first response time to customer-started conversations (plain SQL, business hours ignored)'
SELECT count(*) AS conversations,
       count(first_answer) AS answered,
       justify_interval(percentile_cont(0.5) WITHIN GROUP (ORDER BY first_answer - first_in)) AS median,
       justify_interval(percentile_cont(0.9) WITHIN GROUP (ORDER BY first_answer - first_in)) AS p90
FROM (SELECT conversation_id, min(sent_at) AS first_in,
             min(sent_at) FILTER (WHERE direction = 'outbound' AND agent_id IS NOT NULL) AS first_answer,
             (array_agg(direction ORDER BY sent_at, message_id))[1] AS first_direction
      FROM messages GROUP BY conversation_id) s
WHERE first_direction = 'inbound';
-- SMSKPI PLUG-IN (response time): the first-response-time aggregate, and
-- smskpi.business_time() for the same figure in business hours.

\echo
\echo '== agents: median wait of a customer message answered by the very next message, from an agent'
SELECT agent_id, count(*) AS answers,
       justify_interval(percentile_cont(0.5) WITHIN GROUP (ORDER BY wait)) AS median_wait,
       justify_interval(percentile_cont(0.9) WITHIN GROUP (ORDER BY wait)) AS p90_wait
FROM (SELECT direction, lead(agent_id) OVER w AS agent_id, lead(direction) OVER w AS next_dir,
             lead(sent_at) OVER w - sent_at AS wait
      FROM messages WINDOW w AS (PARTITION BY conversation_id ORDER BY sent_at, message_id)) s
WHERE direction = 'inbound' AND next_dir = 'outbound' AND agent_id IS NOT NULL
GROUP BY agent_id ORDER BY median_wait LIMIT 8;

\echo
\echo '== clicks and conversions per campaign, with the holdout (5% of targets got nothing)'
WITH sent AS (
    SELECT campaign_id, contact_id, min(sent_at) AS first_send
    FROM messages WHERE campaign_step IS NOT NULL GROUP BY 1, 2
), starts AS (
    SELECT campaign_id, min(first_send) AS start_at FROM sent GROUP BY 1
), grp AS (
    SELECT s.campaign_id, s.contact_id, false AS holdout, st.start_at FROM sent s JOIN starts st USING (campaign_id)
    UNION ALL
    SELECT h.campaign_id, h.contact_id, true, st.start_at FROM holdout_contacts h JOIN starts st USING (campaign_id)
)
SELECT campaign_id,
       count(*) FILTER (WHERE NOT holdout) AS targeted,
       count(*) FILTER (WHERE holdout) AS holdout,
       round(100.0 * count(*) FILTER (WHERE NOT holdout AND converted) / nullif(count(*) FILTER (WHERE NOT holdout), 0), 1) AS conv_pct,
       round(100.0 * count(*) FILTER (WHERE holdout AND converted) / nullif(count(*) FILTER (WHERE holdout), 0), 1) AS holdout_conv_pct
FROM (SELECT g.campaign_id, g.contact_id, g.holdout,
             bool_or(v.contact_id IS NOT NULL) AS converted
      FROM grp g LEFT JOIN conversions v
        ON v.contact_id = g.contact_id AND v.converted_at >= g.start_at
       AND v.converted_at < g.start_at + interval '14 days'
      GROUP BY 1, 2, 3) x
GROUP BY campaign_id ORDER BY targeted DESC, campaign_id LIMIT 8;
SELECT (SELECT count(*) FROM link_clicks) AS clicks,
       (SELECT count(DISTINCT message_id) FROM link_clicks) AS clicked_sends,
       (SELECT count(*) FROM messages WHERE direction = 'outbound' AND status = 'delivered' AND body LIKE '%https://%') AS delivered_sends_with_link,
       (SELECT count(*) FROM conversions) AS conversions,
       (SELECT sum(revenue) FROM conversions) AS revenue;

\echo
\echo '== SMS segments of outbound texts (plain SQL approximation: GSM-7 if ASCII-only, 160/153 vs 70/67 characters)'
SELECT CASE WHEN body ~ '^[\x20-\x7E\n]*$' THEN 'GSM-7 (ASCII)' ELSE 'other (UCS-2 or extension)' END AS charset,
       count(*) AS messages,
       sum(CASE WHEN body ~ '^[\x20-\x7E\n]*$'
                THEN CASE WHEN length(body) <= 160 THEN 1 ELSE ceil(length(body) / 153.0) END
                ELSE CASE WHEN length(body) <= 70 THEN 1 ELSE ceil(length(body) / 67.0) END END) AS approx_segments
FROM messages WHERE direction = 'outbound' AND body <> '' GROUP BY 1 ORDER BY 1;
-- SMSKPI PLUG-IN (segments): smskpi.sms_segments(body) / smskpi.sms_units(body) give the
-- exact count (GSM-7 extension characters count twice, surrogate pairs, ...).

\echo
\echo '== support conversations: resolved / reopened'
SELECT event, count(*) AS events, count(DISTINCT conversation_id) AS conversations
FROM conversation_events GROUP BY 1 ORDER BY 1;
-- SMSKPI PLUG-IN (sentiment / intent): smskpi.sentiment_label(body) and
-- smskpi.reply_intent(body) over inbound replies, e.g. share of positive replies by step.
