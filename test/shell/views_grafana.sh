#!/bin/sh
# Every panel of dashboards/grafana/smskpi.json runs against generated data, on each kind
# of KPI schema create_kpi_views makes: plain views (schema kpi), materialized views
# (kpi_mat) and incremental rollups (kpi_roll).  The SQL is taken from the JSON with
# Grafana's macros and template variables substituted as its PostgreSQL data source does
# (test/shell/grafana_queries.sql: $__timeFilter, $__timeGroupAlias, $__timeFrom/To, a
# multi-value variable "All" = every value of its query), and each panel must return
# rows with the columns listed below, the same on every schema; each template variable's
# query must return values.
set -eu
cd "$(dirname "$0")/../.."
db=smskpi_grafana
psql -qX -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS '$db'" >/dev/null 2>&1 || true' EXIT
export PGDATABASE=$db
psql -qX -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION smskpi'
sh test/datagen/generate.sh data 20000 7 >/dev/null
for kind in "kpi" "kpi_mat materialized" "kpi_roll incremental"; do
	set -- $kind
	psql -qX -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $1" \
	  -c "SELECT count(*) FROM smskpi.create_kpi_views('$1', 'data.messages', 'data.link_clicks', 'data.conversions',
	        'data.consent_events', 'data.conversation_events', 'data.holdout_contacts', time_zone => 'Etc/GMT+6'
	        ${2:+, $2 => true})" >/dev/null
done
psql -X -v ON_ERROR_STOP=1 <<'SQL'
\set QUIET on
\i test/shell/grafana_queries.sql
CREATE TEMP TABLE expected_columns (title text PRIMARY KEY, columns text[]);
INSERT INTO expected_columns VALUES
 ('Messages in and out per day', '{time,outbound,inbound}'),
 ('Delivery rate', '{time,delivery_rate}'),
 ('Failures by reason', '{reason,failures}'),
 ('Response rate (selected campaigns)', '{time,response_rate}'),
 ('First response time (selected agents)', '{time,median_minutes,p90_minutes}'),
 ('First response by hour of day', '{hour,median_minutes,within_15m}'),
 ('Agents', '{agent_id,conversations,median_first_response,within_1h}'),
 ('Resolution time and first contact resolution', '{time,mean_resolution_hours,fcr_rate}'),
 ('Campaign report', '{campaign_id,campaign_step,day,channel,sent,delivered,failed,replied,clicked,opt_outs,credits,conversions,revenue,reply_rate,ctr,opt_out_rate,opt_out_over_2pct}'),
 ('Opt-out rate per campaign', '{campaign_id,day,delivered_recipients,opted_out,opt_out_rate,over_2pct}'),
 ('Drip falloff', '{campaign_id,step,recipients,replied,reply_rate,opted_out,reply_rate_change,falloff_point}'),
 ('Click-through rate', '{time,ctr}'),
 ('Reply rate: MMS vs SMS, emoji vs none', '{channel,emoji,delivered,replied,reply_rate}'),
 ('Revenue by month', '{month,revenue,attributed_revenue,revenue_per_active_subscriber}'),
 ('Sentiment of customer messages', '{time,positive,neutral,negative}'),
 ('Latest negative messages', '{sent_at,contact_id,conversation_id,body,sentiment_score,intent}'),
 ('KPIs against targets', '{month,metric,actual,unit,target_text,below_target,advice}');
CREATE TEMP TABLE queries AS
SELECT s.schema_name, q.*
FROM (VALUES ('kpi'), ('kpi_mat'), ('kpi_roll')) s(schema_name),
     pg_temp.grafana_queries(:'grafana_dashboard'::jsonb, s.schema_name, '2025-01-01T00:00:00Z', '2025-04-30T23:59:59Z') q;
CREATE TEMP TABLE results (schema_name text, kind text, title text, rows bigint, columns text[]);
DO $$
DECLARE q record; n bigint;
BEGIN
  FOR q IN SELECT * FROM queries LOOP
    EXECUTE format('CREATE TEMP VIEW panel_query AS %s', q.sql);
    EXECUTE 'SELECT count(*) FROM panel_query' INTO n;
    INSERT INTO results
    SELECT q.schema_name, q.kind, q.title, n, array_agg(attname::text ORDER BY attnum)
    FROM pg_attribute WHERE attrelid = 'panel_query'::regclass AND attnum > 0;
    DROP VIEW panel_query;
  END LOOP;
END $$;
CREATE TEMP VIEW failures AS
SELECT q.schema_name, q.kind, q.title,
       CASE WHEN r.rows IS NULL THEN 'did not run' WHEN r.rows = 0 THEN 'no rows'
            WHEN q.kind = 'variable' THEN NULL
            WHEN e.columns IS NULL THEN 'not an expected panel'
            WHEN r.columns IS DISTINCT FROM e.columns THEN 'columns ' || r.columns::text
            WHEN q.format = 'time_series' AND r.columns[1] <> 'time' THEN 'time not first' END AS problem
FROM queries q LEFT JOIN results r USING (schema_name, kind, title)
LEFT JOIN expected_columns e ON e.title = q.title AND q.kind = 'panel'
UNION ALL
SELECT s.schema_name, 'panel', e.title, 'missing from the dashboard'
FROM expected_columns e, (VALUES ('kpi'), ('kpi_mat'), ('kpi_roll')) s(schema_name)
WHERE NOT EXISTS (SELECT FROM queries q WHERE q.kind = 'panel' AND q.title = e.title);
\set QUIET off
SELECT q.kind, q.title, r.rows AS plain_rows, rm.rows AS materialized_rows, rr.rows AS rollup_rows,
       r.columns = e.columns AND rm.columns = e.columns AND rr.columns = e.columns AS columns_ok,
       CASE WHEN q.format = 'time_series' THEN r.columns[1] = 'time' ELSE true END AS time_first
FROM queries q
LEFT JOIN results r ON r.schema_name = 'kpi' AND (r.kind, r.title) = (q.kind, q.title)
LEFT JOIN results rm ON rm.schema_name = 'kpi_mat' AND (rm.kind, rm.title) = (q.kind, q.title)
LEFT JOIN results rr ON rr.schema_name = 'kpi_roll' AND (rr.kind, rr.title) = (q.kind, q.title)
LEFT JOIN expected_columns e ON e.title = q.title
WHERE q.schema_name = 'kpi' ORDER BY q.kind DESC, q.title;
SELECT * FROM failures WHERE problem IS NOT NULL ORDER BY 1, 2, 3;
\set QUIET on
DO $$ BEGIN
  IF EXISTS (SELECT FROM failures WHERE problem IS NOT NULL) THEN
    RAISE EXCEPTION 'FAILED: % dashboard queries', (SELECT count(*) FROM failures WHERE problem IS NOT NULL);
  END IF;
END $$;
\echo all panels return rows with the expected columns on plain views, materialized views and rollups
SQL
# The first-response panels read kpi_first_response_daily (day x agent) and
# kpi_first_response_hourly (day x hour): on every kind of schema each must equal its
# definition computed here in plain SQL from the conversations (percentile_cont over the
# first response times in the rollups' form, counts within 15 min / 1 h / 24 h), and each
# panel must answer as it does from kpi_first_response itself.
psql -X -v ON_ERROR_STOP=1 <<'SQL'
\set QUIET on
\i test/shell/grafana_queries.sql
CREATE TEMP TABLE fr_failures (schema_name text, what text, n bigint);
CREATE TEMP TABLE dashboard AS SELECT :'grafana_dashboard'::jsonb AS j;
DO $$
DECLARE s text; g text; n bigint; q record; ref text;
BEGIN
  FOREACH s IN ARRAY ARRAY['kpi', 'kpi_mat', 'kpi_roll'] LOOP
    FOREACH g IN ARRAY ARRAY['daily:agent_id', 'hourly:hour'] LOOP
      ref := format($r$
        SELECT c.day, c.%2$I AS g, count(*) AS conversations, count(c.fr) AS answered,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY c.fr) AS median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY c.fr) AS p90,
               count(*) FILTER (WHERE c.fr <= interval '15 min') AS answered_15m,
               count(*) FILTER (WHERE c.fr <= interval '1 hour') AS answered_1h,
               count(*) FILTER (WHERE c.fr <= interval '24 hours') AS answered_24h
        FROM (SELECT x.*, (extract(epoch FROM x.first_response_at - x.first_inbound_at) * 1000000)::bigint
                            * interval '1 microsecond' AS fr
              FROM %1$I.kpi_conversations x WHERE x.first_inbound_at IS NOT NULL) c
        GROUP BY c.day, c.%2$I$r$, s, split_part(g, ':', 2));
      EXECUTE format($c$SELECT count(*) FROM ((%1$s EXCEPT ALL %2$s) UNION ALL (%2$s EXCEPT ALL %1$s)) d$c$,
                     ref, format('SELECT day, %I, conversations, answered, median, p90, answered_15m, answered_1h, answered_24h FROM %I.%I',
                                 split_part(g, ':', 2), s, 'kpi_first_response_' || split_part(g, ':', 1)))
        INTO n;
      INSERT INTO fr_failures VALUES (s, 'kpi_first_response_' || split_part(g, ':', 1) || ' against its definition', n);
    END LOOP;
    FOR q IN SELECT * FROM pg_temp.grafana_queries((SELECT j FROM dashboard), s, '2025-01-01T00:00:00Z', '2025-04-30T23:59:59Z') x
             WHERE x.sql ~ 'kpi_first_response_(daily|hourly)' LOOP
      EXECUTE format($c$SELECT count(*) FROM ((%1$s EXCEPT ALL %2$s) UNION ALL (%2$s EXCEPT ALL %1$s)) d$c$,
                     regexp_replace(q.sql, '\s+ORDER BY .*$', ''),
                     regexp_replace(regexp_replace(q.sql, 'kpi_first_response_(daily|hourly)', 'kpi_first_response'), '\s+ORDER BY .*$', ''))
        INTO n;
      INSERT INTO fr_failures VALUES (s, 'panel ' || q.title || ' against kpi_first_response', n);
    END LOOP;
  END LOOP;
END $$;
\set QUIET off
SELECT schema_name, what, n AS differing_rows FROM fr_failures ORDER BY 1, 2;
\set QUIET on
DO $$ BEGIN
  IF (SELECT count(*) FROM fr_failures) <> 3 * (2 + 3) THEN
    RAISE EXCEPTION 'FAILED: % first-response checks ran, not 15', (SELECT count(*) FROM fr_failures);
  END IF;
  IF EXISTS (SELECT FROM fr_failures WHERE n <> 0) THEN
    RAISE EXCEPTION 'FAILED: % first-response checks differ', (SELECT count(*) FROM fr_failures WHERE n <> 0);
  END IF;
END $$;
\echo kpi_first_response_daily and _hourly equal their definitions, and the panels that read them answer as from kpi_first_response
SQL
