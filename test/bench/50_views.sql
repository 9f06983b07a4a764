-- test/bench/50_views.sql -- KPI views over the generated schema "bench" (:n messages
-- generated over :days days, 91 unless BENCH_DAYS is set, of which the first :days - 34 to
-- :days - 21 are kept: see "tonight's data" below; the figures of doc/views.md were measured with
-- BENCH_DAYS=300: 272 days kept, tonight's day 1/249 of the messages): how long the nightly
-- work takes and how fast a dashboard reads, each way:
--   * materialized views: created (the first computation), then refresh_kpi_views
--     concurrently (readers never wait) and plain, per view;
--   * incremental rollups (incremental => true): created (a full computation), then the
--     nightly refresh after one more day of messages (the lookback and reply window
--     reach back 15 days: of 272 days 5.5% of the history),
--     per rollup, and a refresh with a 1-day lookback and reply window (3 days re-read);
--   * the Grafana dashboard (dashboards/grafana/smskpi.json): every panel's query with
--     Grafana's macros substituted (test/shell/grafana_queries.sql) for the last 30 days
--     of the data and for its whole range, the template variables' queries and
--     SELECT * FROM kpi_vs_target, on the rollups (best of 3 after a warm-up) and on
--     plain views (one run each, they take seconds, stopped after 60 s: psql -v
--     plain_cap_s=N), the ratio, and whether the rollups answer within 200 ms.
-- Above 2M messages (psql -v full_comparison=1 forces them) the slow comparisons are
-- left out: the concurrent and the plain refresh of the materialized views (their
-- creation is their full computation, timed), the 1-day-lookback rollups and the full
-- refresh of the rollups (the same computation as their creation, timed); and plain
-- views are stopped after 20 s instead of 60.  The peak private memory of the backend
-- that builds the rollups is measured (a fresh connection; VmHWM less the shared and
-- file pages it maps).
-- Prints seconds and milliseconds.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
-- the extension as installed now (a long ./dev.sh bench may have started before the
-- last make install; objects of other bench files that depend on it are made again by
-- those files)
DROP EXTENSION IF EXISTS smskpi CASCADE;
CREATE EXTENSION smskpi;
SET work_mem = '256MB';
\if :{?full_comparison}
\else
SELECT :n <= 2000000 AS full_comparison \gset
\endif
\if :{?plain_cap_s}
\else
SELECT CASE WHEN :'full_comparison' THEN 60 ELSE 20 END AS plain_cap_s \gset
\endif
-- psql -v order=time (BENCH_VARS="order=time"): the sources in time order, as a table
-- that rows are appended to is (the generator writes them in hash order, where any range
-- of days is spread over nearly every page); -v materialized=0: no materialized views;
-- -v plain=0: the dashboard's queries on the rollups only, not on plain views
\if :{?order}
\else
\set order hash
\endif
SELECT :'order' = 'time' AS time_order \gset
\if :{?materialized}
\else
\set materialized 1
\endif
\if :{?plain}
\else
\set plain 1
\endif
-- -v build_work_mem=32MB: the work_mem of the session that builds and refreshes the
-- rollups (a backend's peak memory follows it: each sort or hash node keeps up to it, or
-- work_mem x hash_mem_multiplier, and spills the rest)
\if :{?build_work_mem}
\else
\set build_work_mem 256MB
\endif
-- the sources' time columns indexed, as doc/views.md advises for rollups
CREATE INDEX IF NOT EXISTS messages_sent_at ON bench.messages (sent_at);
CREATE INDEX IF NOT EXISTS messages_conversation ON bench.messages (conversation_id);
CREATE INDEX IF NOT EXISTS link_clicks_clicked_at ON bench.link_clicks (clicked_at);
CREATE INDEX IF NOT EXISTS conversions_converted_at ON bench.conversions (converted_at);
CREATE INDEX IF NOT EXISTS consent_events_occurred_at ON bench.consent_events (occurred_at);
CREATE INDEX IF NOT EXISTS conversation_events_occurred_at ON bench.conversation_events (occurred_at);
-- "Tonight's" data is an ordinary day: of the generated window's days :days - 35 to
-- :days - 22 (test/datagen starts the window on 2025-01-06 00:00 at UTC-6, local days,
-- and starts campaigns up to day :days - 22; its last days have only the tails of drips),
-- the one whose number of messages is closest to the average day's before it (campaign
-- sends come in bursts: a day has one or two campaign steps, or none).  The history ends
-- with it: every source's rows after it are removed, and its messages are held back, to
-- be added before the nightly refresh (an earlier run that stopped half-way gives its
-- held-back day back first).
\if :{?days}
\else
\set days 91
\endif
CREATE TABLE IF NOT EXISTS bench.new_day AS SELECT * FROM bench.messages WHERE false;
INSERT INTO bench.messages SELECT * FROM bench.new_day d
WHERE NOT EXISTS (SELECT 1 FROM bench.messages m WHERE m.message_id = d.message_id);
DROP TABLE bench.new_day;
WITH d AS (SELECT floor(extract(epoch FROM sent_at - timestamptz '2025-01-06 06:00:00+00') / 86400)::int AS day, count(*) AS n
           FROM bench.messages GROUP BY 1)
SELECT d.day AS new_day,
       timestamptz '2025-01-06 06:00:00+00' + d.day * interval '1 day' AS new_day_from,
       timestamptz '2025-01-06 06:00:00+00' + (d.day + 1) * interval '1 day' AS new_day_to
FROM d
WHERE d.day BETWEEN :days - 35 AND :days - 22
ORDER BY abs(d.n - (SELECT avg(n) FROM d d2 WHERE d2.day BETWEEN 0 AND :days - 36)), d.day DESC
LIMIT 1 \gset
DELETE FROM bench.messages WHERE sent_at >= :'new_day_to';
DELETE FROM bench.link_clicks WHERE clicked_at >= :'new_day_to';
DELETE FROM bench.conversions WHERE converted_at >= :'new_day_to';
DELETE FROM bench.consent_events WHERE occurred_at >= :'new_day_to';
DELETE FROM bench.conversation_events WHERE occurred_at >= :'new_day_to';
SELECT count(*) AS messages, count(DISTINCT conversation_id) AS conversations,
       :new_day + 1 AS days, min(sent_at) AS first_message, max(sent_at) AS last_message
FROM bench.messages;
SELECT count(*) AS history_messages FROM bench.messages \gset
CREATE TABLE bench.new_day AS SELECT * FROM bench.messages WHERE sent_at >= :'new_day_from';
DELETE FROM bench.messages WHERE sent_at >= :'new_day_from';
\if :time_order
CLUSTER bench.messages USING messages_sent_at;
CLUSTER bench.link_clicks USING link_clicks_clicked_at;
CLUSTER bench.conversions USING conversions_converted_at;
CLUSTER bench.consent_events USING consent_events_occurred_at;
CLUSTER bench.conversation_events USING conversation_events_occurred_at;
\endif
VACUUM ANALYZE bench.messages, bench.link_clicks, bench.conversions, bench.consent_events, bench.conversation_events;
SELECT :'order' AS physical_order;
SELECT count(*) AS held_back_messages,
       round(100.0 * count(*) / (count(*) + (SELECT count(*) FROM bench.messages)), 2) AS pct_of_messages,
       round((count(*) + (SELECT count(*) FROM bench.messages))::numeric / count(*)) AS one_in
FROM bench.new_day;

DROP SCHEMA IF EXISTS bench_kpi CASCADE;
\if :materialized
\echo '== materialized views'
CREATE SCHEMA bench_kpi;
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS materialized_views FROM smskpi.create_kpi_views('bench_kpi', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    materialized => true, time_zone => 'Etc/GMT+6');
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 1) AS create_materialized_s \gset
\else
\set create_materialized_s NULL
\endif
SELECT :'full_comparison'::boolean AND :'materialized'::boolean AS mat_refresh \gset
\if :mat_refresh
-- (tables of schema bench: the rollups' part below runs in a new connection)
DROP TABLE IF EXISTS bench.t_conc, bench.t_plain;
CREATE TABLE bench.t_conc AS SELECT * FROM smskpi.refresh_kpi_views('bench_kpi');
CREATE TABLE bench.t_plain AS SELECT * FROM smskpi.refresh_kpi_views('bench_kpi', concurrent => false);
\else
DROP TABLE IF EXISTS bench.t_conc, bench.t_plain;
CREATE TABLE bench.t_conc (view_name regclass, seconds float8);
CREATE TABLE bench.t_plain (view_name regclass, seconds float8);
\endif

\echo '== incremental rollups'
DROP SCHEMA IF EXISTS bench_roll CASCADE;
CREATE SCHEMA bench_roll;
-- a fresh backend: its peak memory is the build's
\connect
SET client_min_messages = warning;
SET work_mem = :'build_work_mem';
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS rollups FROM smskpi.create_kpi_views('bench_roll', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    incremental => true, time_zone => 'Etc/GMT+6');
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 1) AS create_rollups_s \gset
SELECT round(((regexp_match(s, 'VmHWM:\s+(\d+)'))[1]::bigint - (regexp_match(s, 'RssShmem:\s+(\d+)'))[1]::bigint
        - (regexp_match(s, 'RssFile:\s+(\d+)'))[1]::bigint) / 1024.0) AS create_rollups_peak_mb
FROM pg_read_file('/proc/self/status') s \gset
-- tonight: one more day of messages, then the nightly refresh
INSERT INTO bench.messages SELECT * FROM bench.new_day;
ANALYZE bench.messages;
SELECT clock_timestamp() AS t0 \gset
CREATE TEMP TABLE t_incr AS SELECT * FROM smskpi.refresh_kpi_views('bench_roll');
-- the whole call: the rollups' seconds and the window's messages and key sets read first
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 1) AS nightly_refresh_s \gset
SELECT window_start AS nightly_window_start FROM bench_roll.kpi_rollup_state;
\if :full_comparison
-- the same rollups with a 1-day lookback and reply window: the refresh re-reads 3 days
DROP SCHEMA IF EXISTS bench_roll1 CASCADE;
CREATE SCHEMA bench_roll1;
SELECT count(*) AS rollups_1day FROM smskpi.create_kpi_views('bench_roll1', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    incremental => true, time_zone => 'Etc/GMT+6', lookback => '1 day', reply_window => '1 day', conversion_window => '1 day');
CREATE TEMP TABLE t_incr1 AS SELECT * FROM smskpi.refresh_kpi_views('bench_roll1');
CREATE TEMP TABLE t_full AS SELECT * FROM smskpi.refresh_kpi_views('bench_roll', full => true);
\else
CREATE TEMP TABLE t_incr1 (view_name regclass, seconds float8);
CREATE TEMP TABLE t_full (view_name regclass, seconds float8);
\endif

\echo '== seconds per view: materialized (concurrently, plain), rollups (nightly refresh, 1-day lookback, full)'
SELECT split_part(i.view_name::text, '.', 2) AS view, round(c.seconds::numeric, 1) AS mat_concurrently_s,
       round(p.seconds::numeric, 1) AS mat_plain_s, round(i.seconds::numeric, 2) AS rollup_nightly_s,
       round(i1.seconds::numeric, 2) AS rollup_1day_s, round(f.seconds::numeric, 1) AS rollup_full_s
FROM t_incr i
LEFT JOIN bench.t_conc c ON split_part(i.view_name::text, '.', 2) = split_part(c.view_name::text, '.', 2)
LEFT JOIN bench.t_plain p ON p.view_name = c.view_name
LEFT JOIN t_incr1 i1 ON split_part(i1.view_name::text, '.', 2) = split_part(i.view_name::text, '.', 2)
LEFT JOIN t_full f ON split_part(f.view_name::text, '.', 2) = split_part(i.view_name::text, '.', 2)
ORDER BY i.seconds DESC;
SELECT :history_messages AS messages, :create_materialized_s AS create_materialized_s,
       (SELECT round(sum(seconds)::numeric, 1) FROM bench.t_conc) AS refresh_materialized_s,
       :create_rollups_s AS create_rollups_s,
       round(:create_rollups_s * 1000 / (:history_messages / 1e6)) AS create_rollups_ms_per_m_messages,
       :create_rollups_peak_mb AS create_rollups_peak_mb, :'build_work_mem' AS build_work_mem,
       :nightly_refresh_s AS nightly_refresh_s,
       (SELECT round(sum(seconds)::numeric, 1) FROM t_incr) AS nightly_rollups_s,
       round((100 * :nightly_refresh_s / :create_rollups_s)::numeric, 1) AS nightly_pct_of_full_build,
       round((:create_materialized_s / :nightly_refresh_s)::numeric, 1) AS materialized_build_over_nightly,
       (SELECT round(sum(seconds)::numeric, 1) FROM t_incr1) AS nightly_refresh_1day_s,
       (SELECT round(sum(seconds)::numeric, 1) FROM t_full) AS full_refresh_s,
       round(((SELECT sum(seconds) FROM bench.t_conc) / :nightly_refresh_s)::numeric, 1) AS materialized_over_nightly;
DROP TABLE bench.t_conc, bench.t_plain;

SELECT :plain_cap_s * 1000 AS plain_cap_ms \gset
\echo '== the Grafana dashboard (dashboards/grafana/smskpi.json): every query, on the rollups (ms, best of 3) and on plain views (one run, at most' :plain_cap_s 's)'
DROP SCHEMA IF EXISTS bench_plain CASCADE;
CREATE SCHEMA bench_plain;
SELECT count(*) AS plain_views FROM smskpi.create_kpi_views('bench_plain', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    time_zone => 'Etc/GMT+6');
-- every panel's SQL with Grafana's macros substituted as test/shell/views_grafana.sh runs
-- it, for the last 30 days of the data and for its whole range (the template variables
-- "All", their values read from the rollups), the variables' queries, and kpi_vs_target
\ir ../shell/grafana_queries.sql
SELECT min(sent_at) AS first_at, max(sent_at) AS last_at FROM bench.messages \gset
CREATE TEMP TABLE t_dash_sql AS
SELECT r.range_ord, CASE WHEN q.kind = 'panel' THEN r.range_name ELSE 'any' END AS range_name,
       q.ord, q.kind, q.title, s.schema_name, q.sql
FROM (VALUES (1, 'last 30 days', :'last_at'::timestamptz - interval '30 days'),
             (2, 'whole range', :'first_at'::timestamptz)) r(range_ord, range_name, t_from),
     (VALUES ('bench_roll'), ('bench_plain')) s(schema_name),
     pg_temp.grafana_queries(:'grafana_dashboard'::jsonb, s.schema_name, r.t_from, :'last_at', 'bench_roll')
       WITH ORDINALITY q(kind, title, format, sql, ord)
WHERE q.kind = 'panel' OR r.range_ord = 1
UNION ALL
SELECT 3, 'any', 1000, 'view', 'kpi_vs_target', s.schema_name, format('SELECT * FROM %I.kpi_vs_target', s.schema_name)
FROM (VALUES ('bench_roll'), ('bench_plain')) s(schema_name);
ALTER TABLE t_dash_sql ADD label text;
UPDATE t_dash_sql SET label = format('dashboard: %s %s (%s) on %s', kind, title, range_name, schema_name);
DELETE FROM bench.timings WHERE label LIKE 'dashboard: %';
-- the rollups: best of 3 after a warm-up
SELECT count(bench.time(label, sql)) AS rollup_queries_timed
FROM (SELECT * FROM t_dash_sql WHERE schema_name = 'bench_roll' ORDER BY range_ord, ord) q;
-- plain views: one run each, as its own statement, stopped after :plain_cap_s seconds
-- (psql -v plain_cap_s=N; default 60) and then shown as "> N000" (-v plain=0: not run)
\if :plain
\else
DELETE FROM t_dash_sql WHERE schema_name = 'bench_plain';
\endif
\set ON_ERROR_STOP 0
\set VERBOSITY terse
SET statement_timeout = :plain_cap_ms;
\o /dev/null
SELECT format('SELECT bench.time(%L, %L, 1, warm => false)', label, sql)
FROM t_dash_sql WHERE schema_name = 'bench_plain' ORDER BY range_ord, ord \gexec
\o
RESET statement_timeout;
\set VERBOSITY default
\set ON_ERROR_STOP 1
CREATE TEMP TABLE t_dash AS
SELECT q.range_ord, q.range_name, q.ord, q.kind, q.title, q.schema_name, t.ms
FROM t_dash_sql q LEFT JOIN bench.timings t USING (label);
SELECT r.range_name AS range, r.kind, r.title AS query, round(r.ms::numeric, 1) AS rollup_ms,
       CASE WHEN p.title IS NOT NULL THEN coalesce(round(p.ms::numeric)::text, '> ' || :plain_cap_ms) END AS plain_ms,
       CASE WHEN p.title IS NOT NULL THEN coalesce(round((p.ms / nullif(r.ms, 0))::numeric)::text, '> ' || round((:plain_cap_ms / nullif(r.ms, 0))::numeric)) END AS ratio,
       r.ms <= 200 AS within_200ms
FROM t_dash r LEFT JOIN t_dash p ON (p.range_name, p.kind, p.title, p.schema_name) = (r.range_name, r.kind, r.title, 'bench_plain')
WHERE r.schema_name = 'bench_roll' ORDER BY r.range_ord, r.ord;
SELECT count(*) AS dashboard_queries, count(*) FILTER (WHERE ms <= 200) AS within_200ms,
       round(max(ms)::numeric, 1) AS slowest_rollup_ms,
       (array_agg(title || ' (' || range_name || ')' ORDER BY ms DESC))[1] AS slowest,
       round(sum(ms)::numeric) AS rollup_total_ms,
       CASE WHEN :'plain'::boolean THEN (SELECT count(*) FROM t_dash WHERE schema_name = 'bench_plain' AND ms IS NULL) END AS plain_over_cap
FROM t_dash WHERE schema_name = 'bench_roll';
DROP TABLE bench.new_day;
