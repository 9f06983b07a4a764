-- test/upgrade/kpi_views.sql: row count and checksum of every KPI view in schemas kpi and
-- kpim, and the targets in effect.  Used by test/shell/views_dump_refresh.sh and, through
-- user_answers.sql, by the upgrade and dump/restore tests.  Left out of the checksums:
-- the response_state columns (their bytes follow the input order) and mean_score (a
-- float average whose last bits depend on it); and the columns 0.3.0 added (last_at,
-- still_active, and kpi_first_response's durations and answered_15m/1h/24h), so that the answers of earlier versions' views can be compared.
\set ON_ERROR_STOP 1
\pset tuples_only on
\pset format unaligned
SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' ||
       (xpath('/row/f/text()', query_to_xml(format(
          'SELECT count(*) || '':'' || coalesce(md5(string_agg((to_jsonb(x) - ''state'' - ''mean_score'' - ''last_at'' - ''still_active'' - ''durations'' - ''answered_15m'' - ''answered_1h'' - ''answered_24h'')::text, '','' ORDER BY (to_jsonb(x) - ''state'' - ''mean_score'' - ''last_at'' - ''still_active'' - ''durations'' - ''answered_15m'' - ''answered_1h'' - ''answered_24h'')::text)), '''') AS f FROM %I.%I x',
          n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('kpi', 'kpim') AND c.relkind IN ('v', 'm') ORDER BY 1;
-- the targets in effect (an edited row replaces the built-in one; after a restore both are there)
SELECT DISTINCT ON (metric) metric || ' ' || edited || ' ' || coalesce(target_min::text, '-')
FROM smskpi.kpi_targets ORDER BY metric, edited DESC;
