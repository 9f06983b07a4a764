-- test/bench/50_views.sql -- KPI views over the generated schema "bench": how long the
-- nightly rollup takes.  Creates the materialized views (first computation), then times
-- smskpi.refresh_kpi_views concurrently (the nightly job; readers never wait) and a
-- plain refresh, per view.  Prints seconds.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
SET work_mem = '256MB';
DROP SCHEMA IF EXISTS bench_kpi CASCADE;
CREATE SCHEMA bench_kpi;
SELECT count(*) AS messages, count(DISTINCT conversation_id) AS conversations FROM bench.messages;
\timing on
SELECT count(*) AS materialized_views FROM smskpi.create_kpi_views('bench_kpi', 'bench.messages', 'bench.link_clicks',
    'bench.conversions', 'bench.consent_events', 'bench.conversation_events', 'bench.holdout_contacts',
    materialized => true, time_zone => 'Etc/GMT+6');
\timing off
VACUUM ANALYZE bench.messages;
CREATE TEMP TABLE t_conc AS SELECT * FROM smskpi.refresh_kpi_views('bench_kpi');
CREATE TEMP TABLE t_plain AS SELECT * FROM smskpi.refresh_kpi_views('bench_kpi', concurrent => false);
\echo '== refresh seconds per view: concurrently (nightly job) and plain'
SELECT c.view_name, round(c.seconds::numeric, 1) AS concurrently_s, round(p.seconds::numeric, 1) AS plain_s,
       pg_size_pretty(pg_total_relation_size(c.view_name)) AS size
FROM t_conc c JOIN t_plain p USING (view_name) ORDER BY c.seconds DESC;
SELECT round(sum(c.seconds)::numeric, 1) AS total_concurrently_s, round(sum(p.seconds)::numeric, 1) AS total_plain_s
FROM t_conc c JOIN t_plain p USING (view_name);
\echo '== plain views: the KPI-vs-target view over the materialized views'
\timing on
SELECT count(*) FROM bench_kpi.kpi_vs_target;
\timing off
