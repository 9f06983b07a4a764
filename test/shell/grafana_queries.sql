-- test/shell/grafana_queries.sql -- the SQL Grafana sends for dashboards/grafana/smskpi.json,
-- for tests and benchmarks (test/shell/views_grafana.sh, test/bench/50_views.sql).  Run
-- with \i or \ir from psql started in the repository's root: it reads the dashboard into
-- the psql variable :grafana_dashboard and defines
--
--   pg_temp.grafana_queries(dashboard jsonb, kpi_schema text, t_from timestamptz, t_to timestamptz,
--                           values_schema text DEFAULT NULL)
--     RETURNS TABLE (kind text, title text, format text, sql text)
--
-- one row per template variable of type query (kind 'variable', title = its name) and per
-- panel target (kind 'panel', title = the panel's title, format = the target's format):
-- the SQL with the dashboard's schema "kpi" replaced by kpi_schema and with Grafana's
-- macros and variables substituted as its PostgreSQL data source does for the time range
-- [t_from, t_to]:
--   $__timeFilter(c)          -> c BETWEEN 'from' AND 'to'  (RFC 3339, UTC)
--   $__timeGroupAlias(c, '1d') -> floor(extract(epoch from c)/86400)*86400 AS "time"
--   $__timeFrom(), $__timeTo() -> 'from', 'to'
--   $var (multi-value, "All")  -> every value of the variable's query, quoted and
--                                 comma-separated (the variable's query is run for that,
--                                 on values_schema if given, else on kpi_schema)
-- An error names a panel left with a "$" (a macro or variable not substituted).
\set grafana_dashboard `cat dashboards/grafana/smskpi.json`
CREATE FUNCTION pg_temp.grafana_queries(dashboard jsonb, kpi_schema text, t_from timestamptz, t_to timestamptz,
                                        values_schema text DEFAULT NULL)
RETURNS TABLE (kind text, title text, format text, sql text) LANGUAGE plpgsql AS $$
DECLARE
  p record; v record; q text; vals text; secs int; m text[];
  f text := to_char(t_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
  t text := to_char(t_to AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
  group_alias text := '\$__timeGroupAlias\(\s*([^,]+?)\s*,\s*''?(\d+)([smhdw])''?\s*\)';
  vars jsonb := '{}';
BEGIN
  -- the template variables' queries, and the values "All" stands for
  FOR v IN SELECT x->>'name' AS name, regexp_replace(x->>'query', '\mkpi\.', quote_ident(kpi_schema) || '.', 'g') AS query,
                  regexp_replace(x->>'query', '\mkpi\.', quote_ident(coalesce(values_schema, kpi_schema)) || '.', 'g') AS values_query
           FROM jsonb_array_elements(dashboard->'templating'->'list') x WHERE x->>'type' = 'query' LOOP
    kind := 'variable'; title := v.name; format := NULL; sql := v.query;
    RETURN NEXT;
    EXECUTE format('SELECT string_agg(quote_literal(x::text), '','') FROM (%s) s(x)', v.values_query) INTO vals;
    vars := vars || jsonb_build_object(v.name, coalesce(vals, 'NULL'));   -- no values: IN (NULL)
  END LOOP;
  FOR p IN SELECT x->>'title' AS title, tg->>'format' AS format, tg->>'rawSql' AS sql
           FROM jsonb_array_elements(dashboard->'panels') WITH ORDINALITY x0(x, i),
                jsonb_array_elements(x->'targets') WITH ORDINALITY tg0(tg, j)
           ORDER BY i, j LOOP
    q := regexp_replace(p.sql, '\mkpi\.', quote_ident(kpi_schema) || '.', 'g');
    -- longest names first, so that $campaign does not eat the start of $campaign_step
    FOR v IN SELECT key, value FROM jsonb_each_text(vars) ORDER BY length(key) DESC LOOP
      q := replace(q, '$' || v.key, v.value);
    END LOOP;
    LOOP
      m := regexp_match(q, group_alias);
      EXIT WHEN m IS NULL;
      secs := m[2]::int * CASE m[3] WHEN 's' THEN 1 WHEN 'm' THEN 60 WHEN 'h' THEN 3600 WHEN 'd' THEN 86400 ELSE 604800 END;
      q := regexp_replace(q, group_alias, format('floor(extract(epoch from \1)/%s)*%s AS "time"', secs, secs));
    END LOOP;
    q := regexp_replace(q, '\$__timeFilter\(\s*([^)]+?)\s*\)', format('\1 BETWEEN %L AND %L', f, t), 'g');
    q := replace(replace(q, '$__timeFrom()', quote_literal(f)), '$__timeTo()', quote_literal(t));
    IF q ~ '\$' THEN
      RAISE EXCEPTION 'panel "%": unsubstituted macro or variable in %', p.title, q;
    END IF;
    kind := 'panel'; title := p.title; format := p.format; sql := q;
    RETURN NEXT;
  END LOOP;
END $$;
