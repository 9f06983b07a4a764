#!/bin/sh
# Every panel of dashboards/grafana/smskpi.json runs against generated data: its SQL is
# taken from the JSON, Grafana's macros and template variables are substituted as the
# PostgreSQL data source does ($__timeFilter(c) -> c BETWEEN 'from' AND 'to',
# $__timeGroupAlias(c, '1d') -> floor(extract(epoch from c)/86400)*86400 AS "time",
# $__timeFrom()/$__timeTo() -> quoted RFC 3339 times, a multi-value variable -> its values
# quoted and comma-separated, "All" = every value of the variable's query), and each
# panel must return rows with the columns listed below.
set -eu
cd "$(dirname "$0")/../.."
db=smskpi_grafana
psql -qX -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS '$db'" >/dev/null 2>&1 || true' EXIT
export PGDATABASE=$db
psql -qX -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION smskpi'
sh test/datagen/generate.sh data 20000 7 >/dev/null
psql -qX -v ON_ERROR_STOP=1 -c 'CREATE SCHEMA kpi' \
  -c "SELECT count(*) FROM smskpi.create_kpi_views('kpi', 'data.messages', 'data.link_clicks', 'data.conversions',
        'data.consent_events', 'data.conversation_events', 'data.holdout_contacts', time_zone => 'Etc/GMT+6')" >/dev/null
dashboard=$(cat dashboards/grafana/smskpi.json)
psql -X -v ON_ERROR_STOP=1 -v dashboard="$dashboard" <<'SQL'
\set QUIET on
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
CREATE TEMP TABLE dash AS SELECT :'dashboard'::jsonb AS j;
CREATE TEMP TABLE vars AS
SELECT v->>'name' AS name, v->>'query' AS query FROM dash, jsonb_array_elements(j->'templating'->'list') v
WHERE v->>'type' = 'query';
CREATE TEMP TABLE panels AS
SELECT p->>'title' AS title, p->>'type' AS type, p->'targets'->0->>'format' AS format,
       p->'targets'->0->>'rawSql' AS sql
FROM dash, jsonb_array_elements(j->'panels') p;
CREATE TEMP TABLE results (title text, rows bigint, columns text[]);
DO $$
DECLARE
  p record; v record; q text; vals text; unit text; secs int; n bigint; m text[];
  t_from text := '2025-01-01T00:00:00Z'; t_to text := '2025-04-30T23:59:59Z';
BEGIN
  FOR p IN SELECT * FROM panels LOOP
    q := p.sql;
    -- template variables: All = every value of the variable's query, quoted
    FOR v IN SELECT * FROM vars LOOP
      EXECUTE format('SELECT string_agg(quote_literal(x::text), '','') FROM (%s) s(x)', v.query) INTO vals;
      q := replace(q, '$' || v.name, vals);
    END LOOP;
    LOOP
      m := regexp_match(q, '\$__timeGroupAlias\(\s*([^,]+?)\s*,\s*''?(\d+)([smhdw])''?\s*\)');
      EXIT WHEN m IS NULL;
      secs := m[2]::int * CASE m[3] WHEN 's' THEN 1 WHEN 'm' THEN 60 WHEN 'h' THEN 3600 WHEN 'd' THEN 86400 ELSE 604800 END;
      q := regexp_replace(q, '\$__timeGroupAlias\(\s*([^,]+?)\s*,\s*''?(\d+)([smhdw])''?\s*\)',
                          format('floor(extract(epoch from \1)/%s)*%s AS "time"', secs, secs));
    END LOOP;
    q := regexp_replace(q, '\$__timeFilter\(\s*([^)]+?)\s*\)', format('\1 BETWEEN %L AND %L', t_from, t_to), 'g');
    q := replace(replace(q, '$__timeFrom()', quote_literal(t_from)), '$__timeTo()', quote_literal(t_to));
    IF q ~ '\$' THEN
      RAISE EXCEPTION 'panel "%": unsubstituted macro or variable in %', p.title, q;
    END IF;
    EXECUTE format('CREATE TEMP VIEW panel_query AS %s', q);
    EXECUTE 'SELECT count(*) FROM panel_query' INTO n;
    INSERT INTO results
    SELECT p.title, n, array_agg(attname::text ORDER BY attnum)
    FROM pg_attribute WHERE attrelid = 'panel_query'::regclass AND attnum > 0;
    DROP VIEW panel_query;
  END LOOP;
END $$;
\set QUIET off
SELECT p.title, r.rows, r.columns = e.columns AS columns_ok,
       CASE WHEN p.format = 'time_series' THEN r.columns[1] = 'time' ELSE true END AS time_first
FROM panels p LEFT JOIN results r USING (title) LEFT JOIN expected_columns e USING (title) ORDER BY 1;
SELECT count(*) AS bad_panels FROM panels p LEFT JOIN results r USING (title) LEFT JOIN expected_columns e USING (title)
WHERE r.rows IS NULL OR r.rows = 0 OR e.columns IS NULL OR r.columns IS DISTINCT FROM e.columns
   OR (p.format = 'time_series' AND r.columns[1] <> 'time')
\gset
\if :bad_panels
\echo FAILED: :bad_panels panels
\q 1
\endif
\echo all panels return rows with the expected columns
SQL
