-- test/demo/kpi_report.sql -- a readable KPI report over the smskpi KPI views.
-- Run at the end of the demo:  psql -v schema=demo -f test/demo/kpi_report.sql
-- Creates the views in schema "<schema>_kpi" over the generated tables of <schema>
-- (local time UTC-6, as the generator's business hours), then prints the report.
\set ON_ERROR_STOP 1
\if :{?schema}
\else
\set schema demo
\endif
\set kpi :schema _kpi
\pset footer off
\pset null '-'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS :"kpi" CASCADE;
CREATE SCHEMA :"kpi";
SELECT count(*) AS kpi_views FROM smskpi.create_kpi_views(:'kpi',
    format('%I.messages', :'schema')::regclass, format('%I.link_clicks', :'schema')::regclass,
    format('%I.conversions', :'schema')::regclass, format('%I.consent_events', :'schema')::regclass,
    format('%I.conversation_events', :'schema')::regclass, format('%I.holdout_contacts', :'schema')::regclass,
    materialized => true, time_zone => 'Etc/GMT+6') \gset
SET search_path = :"kpi", pg_catalog;

\echo
\echo '== smskpi KPI report (':kpi_views' views in schema ':kpi', refreshed by smskpi.refresh_kpi_views)'
\echo
\echo '-- KPIs against the targets of "10 Metrics to Track with Real-Time Messaging Analytics" (whole period)'
WITH m AS (SELECT metric, avg(actual) AS actual, min(unit) AS unit FROM kpi_vs_target
           WHERE month >= (SELECT min(month) FROM kpi_message_volume) GROUP BY metric)
SELECT t.metric,
       CASE m.unit WHEN 'ratio' THEN to_char(100 * m.actual, 'FM990.0') || ' %'
                   ELSE to_char(m.actual, 'FM99990.0') || ' min' END AS actual_monthly_avg,
       t.target_text AS target,
       CASE WHEN bool_or(v.below_target) THEN 'below in ' || count(*) FILTER (WHERE v.below_target) || ' of ' || count(*) || ' months'
            ELSE 'on target' END AS status
FROM m JOIN kpi_vs_target v USING (metric)
JOIN (SELECT DISTINCT ON (metric) metric, target_text FROM smskpi.kpi_targets ORDER BY metric, edited DESC) t USING (metric)
WHERE v.month >= (SELECT min(month) FROM kpi_message_volume)
GROUP BY t.metric, m.actual, m.unit, t.target_text ORDER BY t.metric;

\echo
\echo '-- volume and delivery by month'
SELECT to_char(v.month, 'YYYY-MM') AS month, sum(v.outbound) AS outbound, sum(v.inbound) AS inbound,
       round(sum(v.inbound)::numeric / nullif(sum(v.outbound), 0), 3) AS inbound_per_outbound,
       sum(v.credits) AS credits,
       round(100.0 * sum(v.delivered) / nullif(sum(v.outbound), 0), 2) AS delivery_pct
FROM kpi_message_volume v GROUP BY v.month ORDER BY 1;

\echo
\echo '-- why messages fail'
SELECT reason, error_code, sum(failures) AS failures FROM kpi_delivery_failures
GROUP BY reason, error_code ORDER BY failures DESC;

\echo
\echo '-- first response (median over conversations, merged from the daily states) by hour of the first message, local time'
SELECT hour, sum(conversations) AS conversations,
       smskpi.response_median(smskpi.response_state_merge(state)) AS median,
       round((smskpi.response_stats(smskpi.response_state_merge(state))).share_within[1]::numeric, 3) AS within_15m
FROM kpi_first_response GROUP BY hour ORDER BY hour;

\echo
\echo '-- agents: first response, resolution, first contact resolution'
SELECT f.agent_id, f.conversations, f.median_first_response, r.resolved,
       justify_hours(r.mean_resolution) AS mean_resolution, round(r.fcr, 3) AS fcr
FROM (SELECT agent_id, sum(conversations) AS conversations,
             smskpi.response_median(smskpi.response_state_merge(state)) AS median_first_response
      FROM kpi_first_response WHERE agent_id IS NOT NULL GROUP BY agent_id) f
LEFT JOIN (SELECT agent_id, sum(resolved) AS resolved,
                  make_interval(secs => sum(extract(epoch FROM mean_resolution_time) * resolved) / nullif(sum(resolved), 0)) AS mean_resolution,
                  sum(first_contact_resolved)::numeric / nullif(sum(resolved), 0) AS fcr
           FROM kpi_resolution GROUP BY agent_id) r USING (agent_id)
ORDER BY f.median_first_response LIMIT 10;

\echo
\echo '-- campaigns: the 10 largest blasts'
SELECT campaign_id, campaign_step AS step, day, channel, sent, delivered, replied, clicked, opt_outs, credits,
       conversions, revenue, round(reply_rate::numeric, 3) AS reply_rate, round(ctr::numeric, 3) AS ctr,
       round(opt_out_rate::numeric, 4) AS opt_out_rate, CASE WHEN opt_out_over_2pct THEN 'OVER 2%' END AS flag
FROM kpi_campaign_report ORDER BY sent DESC, campaign_id, campaign_step LIMIT 10;

\echo
\echo '-- campaigns over the 2% opt-out limit, and lift against the holdout group'
SELECT (SELECT count(*) FROM kpi_campaign_opt_outs WHERE over_2pct) AS campaigns_over_2pct,
       (SELECT count(*) FROM kpi_campaign_opt_outs) AS campaigns,
       (SELECT round(avg(lift)::numeric, 4) FROM kpi_campaign_lift) AS mean_conversion_lift,
       (SELECT round(avg(treated_rate)::numeric, 4) FROM kpi_campaign_lift) AS treated_rate,
       (SELECT round(avg(holdout_rate)::numeric, 4) FROM kpi_campaign_lift) AS holdout_rate;

\echo
\echo '-- drip falloff: where reply rates drop the most'
SELECT campaign_id, step, recipients, round(reply_rate::numeric, 3) AS reply_rate,
       round(reply_rate_change::numeric, 3) AS change, opted_out
FROM kpi_drip_falloff WHERE falloff_point ORDER BY reply_rate_change LIMIT 8;

\echo
\echo '-- reply rate by message position, MMS vs SMS, emoji vs none'
SELECT "position", round(sum(replied)::numeric / nullif(sum(delivered), 0), 3) AS reply_rate, sum(delivered) AS delivered
FROM kpi_reply_rates GROUP BY "position" ORDER BY "position";
SELECT channel, emoji, sum(delivered) AS delivered, round(sum(replied)::numeric / nullif(sum(delivered), 0), 3) AS reply_rate
FROM kpi_reply_rates GROUP BY channel, emoji ORDER BY channel, emoji;

\echo
\echo '-- revenue'
SELECT to_char(month, 'YYYY-MM') AS month, conversions, revenue, attributed_revenue,
       round(revenue_per_message, 3) AS per_message, round(revenue_per_active_subscriber, 2) AS per_active_subscriber
FROM kpi_revenue WHERE sent > 0 ORDER BY month;

\echo
\echo '-- speed to lead (opt-ins during the period) and unanswered streaks'
SELECT sum(leads) AS leads, sum(contacted) AS contacted, sum(within_5m) AS within_5m,
       round(sum(within_5m)::numeric / nullif(sum(leads), 0), 3) AS share_within_5m
FROM kpi_speed_to_lead WHERE day >= (SELECT min(day) FROM kpi_message_volume);
SELECT count(*) AS contacts_with_2_unanswered, sum(sent_after) AS sent_after_signal,
       round(avg(replied_after::int), 3) AS pushing_on_paid_off
FROM kpi_unanswered_streaks;

\echo
\echo '-- sentiment by month, and the latest negative messages'
SELECT to_char(month, 'YYYY-MM') AS month, sum(inbound) AS inbound, sum(positive) AS positive, sum(neutral) AS neutral,
       sum(negative) AS negative, round(sum(positive + neutral)::numeric / sum(inbound), 3) AS positive_or_neutral
FROM kpi_sentiment_trend GROUP BY month ORDER BY month;
SELECT to_char(sent_at AT TIME ZONE 'Etc/GMT+6', 'MM-DD HH24:MI') AS local_time, round(sentiment_score::numeric, 2) AS score,
       intent, left(body, 60) AS body
FROM kpi_negative_messages ORDER BY sent_at DESC LIMIT 5;
