-- test/bench/50_views.sql -- KPI views over the generated schema "bench" (:n messages over
-- 91 days): how long the nightly work takes and how fast a dashboard reads, each way:
--   * materialized views: created (the first computation), then refresh_kpi_views
--     concurrently (readers never wait) and plain, per view;
--   * incremental rollups (incremental => true): created (a full computation), then the
--     nightly refresh after one more day of messages (the lookback and reply window
--     reach back 14 days of the 91, so the refresh re-reads about 16% of the history),
--     per rollup, and a refresh with a 1-day lookback and reply window (3 days re-read);
--   * a dashboard's queries (the last 30 days of response rate by campaign, first
--     response by agent with merged states, message volume by day) on the plain views
--     and on the rollups, and the ratio.
-- Prints seconds and milliseconds.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
SET work_mem = '256MB';
SELECT count(*) AS messages, count(DISTINCT conversation_id) AS conversations FROM bench.messages;
-- the sources' time columns indexed, as doc/views.md advises for rollups
CREATE INDEX IF NOT EXISTS messages_sent_at ON bench.messages (sent_at);
CREATE INDEX IF NOT EXISTS messages_conversation ON bench.messages (conversation_id);
CREATE INDEX IF NOT EXISTS link_clicks_clicked_at ON bench.link_clicks (clicked_at);
CREATE INDEX IF NOT EXISTS conversions_converted_at ON bench.conversions (converted_at);
CREATE INDEX IF NOT EXISTS consent_events_occurred_at ON bench.consent_events (occurred_at);
CREATE INDEX IF NOT EXISTS conversation_events_occurred_at ON bench.conversation_events (occurred_at);
-- the last generated day is held back and added as "tonight's" data (an earlier run that
-- stopped half-way gives its held-back day back first)
CREATE TABLE IF NOT EXISTS bench.new_day AS SELECT * FROM bench.messages WHERE false;
INSERT INTO bench.messages SELECT * FROM bench.new_day;
DROP TABLE bench.new_day;
CREATE TABLE bench.new_day AS SELECT * FROM bench.messages WHERE sent_at >= (SELECT max(sent_at) FROM bench.messages) - interval '1 day';
DELETE FROM bench.messages WHERE sent_at >= (SELECT max(sent_at) FROM bench.messages) - interval '1 day';
VACUUM ANALYZE bench.messages;
SELECT count(*) AS held_back_messages FROM bench.new_day;

\echo '== materialized views'
DROP SCHEMA IF EXISTS bench_kpi CASCADE;
CREATE SCHEMA bench_kpi;
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS materialized_views FROM smskpi.create_kpi_views('bench_kpi', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    materialized => true, time_zone => 'Etc/GMT+6');
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 1) AS create_materialized_s \gset
CREATE TEMP TABLE t_conc AS SELECT * FROM smskpi.refresh_kpi_views('bench_kpi');
CREATE TEMP TABLE t_plain AS SELECT * FROM smskpi.refresh_kpi_views('bench_kpi', concurrent => false);

\echo '== incremental rollups'
DROP SCHEMA IF EXISTS bench_roll CASCADE;
CREATE SCHEMA bench_roll;
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS rollups FROM smskpi.create_kpi_views('bench_roll', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    incremental => true, time_zone => 'Etc/GMT+6');
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 1) AS create_rollups_s \gset
-- tonight: one more day of messages, then the nightly refresh
INSERT INTO bench.messages SELECT * FROM bench.new_day;
ANALYZE bench.messages;
CREATE TEMP TABLE t_incr AS SELECT * FROM smskpi.refresh_kpi_views('bench_roll');
SELECT window_start AS nightly_window_start FROM bench_roll.kpi_rollup_state;
-- the same rollups with a 1-day lookback and reply window: the refresh re-reads 3 days
DROP SCHEMA IF EXISTS bench_roll1 CASCADE;
CREATE SCHEMA bench_roll1;
SELECT count(*) AS rollups_1day FROM smskpi.create_kpi_views('bench_roll1', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    incremental => true, time_zone => 'Etc/GMT+6', lookback => '1 day', reply_window => '1 day', conversion_window => '1 day');
CREATE TEMP TABLE t_incr1 AS SELECT * FROM smskpi.refresh_kpi_views('bench_roll1');
CREATE TEMP TABLE t_full AS SELECT * FROM smskpi.refresh_kpi_views('bench_roll', full => true);

\echo '== seconds per view: materialized (concurrently, plain), rollups (nightly refresh, 1-day lookback, full)'
SELECT split_part(c.view_name::text, '.', 2) AS view, round(c.seconds::numeric, 1) AS mat_concurrently_s,
       round(p.seconds::numeric, 1) AS mat_plain_s, round(i.seconds::numeric, 2) AS rollup_nightly_s,
       round(i1.seconds::numeric, 2) AS rollup_1day_s, round(f.seconds::numeric, 1) AS rollup_full_s
FROM t_conc c JOIN t_plain p USING (view_name)
LEFT JOIN t_incr i ON split_part(i.view_name::text, '.', 2) = split_part(c.view_name::text, '.', 2)
LEFT JOIN t_incr1 i1 ON split_part(i1.view_name::text, '.', 2) = split_part(c.view_name::text, '.', 2)
LEFT JOIN t_full f ON split_part(f.view_name::text, '.', 2) = split_part(c.view_name::text, '.', 2)
ORDER BY c.seconds DESC;
SELECT :create_materialized_s AS create_materialized_s,
       (SELECT round(sum(seconds)::numeric, 1) FROM t_conc) AS refresh_materialized_s,
       :create_rollups_s AS create_rollups_s,
       (SELECT round(sum(seconds)::numeric, 1) FROM t_incr) AS nightly_refresh_s,
       (SELECT round(sum(seconds)::numeric, 1) FROM t_incr1) AS nightly_refresh_1day_s,
       (SELECT round(sum(seconds)::numeric, 1) FROM t_full) AS full_refresh_s,
       round(((SELECT sum(seconds) FROM t_conc) / (SELECT sum(seconds) FROM t_incr))::numeric, 1) AS materialized_over_nightly;

\echo '== a dashboard: the same three queries on plain views and on the rollups (ms, best of 3)'
DROP SCHEMA IF EXISTS bench_plain CASCADE;
CREATE SCHEMA bench_plain;
SELECT count(*) AS plain_views FROM smskpi.create_kpi_views('bench_plain', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    time_zone => 'Etc/GMT+6');
SELECT max(day) - 30 AS since FROM bench_roll.kpi_message_volume \gset
CREATE TEMP TABLE t_dash AS
SELECT x.panel, s.schema_name,
       bench.time(x.panel || ' on ' || s.schema_name, replace(x.q, '{S}', s.schema_name), 2) AS ms
FROM (VALUES
  ('response rate by campaign, 30 days', 'SELECT campaign_id, sum(repliers)::float8 / nullif(sum(delivered), 0) FROM {S}.kpi_response_rate WHERE day >= ''' || :'since' || ''' GROUP BY campaign_id'),
  ('first response by agent, 30 days', 'SELECT agent_id, smskpi.response_median(smskpi.response_state_merge(state)) FROM {S}.kpi_first_response WHERE day >= ''' || :'since' || ''' GROUP BY agent_id'),
  ('message volume by day, 30 days', 'SELECT day, sum(outbound), sum(inbound) FROM {S}.kpi_message_volume WHERE day >= ''' || :'since' || ''' GROUP BY day')
) x(panel, q), (VALUES ('bench_plain'), ('bench_roll')) s(schema_name);
SELECT p.panel, round(p.ms::numeric) AS plain_view_ms, round(r.ms::numeric, 1) AS rollup_ms,
       round((p.ms / r.ms)::numeric) AS ratio
FROM t_dash p JOIN t_dash r ON r.panel = p.panel AND r.schema_name = 'bench_roll'
WHERE p.schema_name = 'bench_plain' ORDER BY p.panel;
DROP TABLE bench.new_day;
