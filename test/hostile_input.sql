-- Hostile and extreme input (issue 7 item 3): NULL in every argument of every
-- function and aggregate, empty groups, timestamps at +-infinity and at the
-- ends of the range, overflowing intervals, and a hostile search_path
-- (user-owned public functions and operators shadowing =, lower, btrim...)
-- that must change no result.  Big inputs (100 MB bodies, 20M conversations)
-- are in test/shell/hostile_big.sh; encodings in test/shell/hostile_encodings.sh.
SET client_min_messages = warning;
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- sample arguments by type (and by name for the logs)
CREATE TABLE hm (contact bigint, conv bigint, id bigint, dir text, at timestamptz,
                 status text, body text, media int, campaign bigint, step int);
INSERT INTO hm VALUES
  (1, 10, 100, 'outbound', '2026-03-02 09:00Z', 'delivered', 'Hi', 0, 7, 1),
  (1, 10, 101, 'inbound',  '2026-03-02 09:30Z', NULL, 'yes please', 0, NULL, NULL),
  (1, 10, 102, 'outbound', '2026-03-03 09:00Z', 'delivered', 'Step 2', 0, 7, 2),
  (2, 11, 103, 'outbound', '2026-03-02 09:00Z', 'delivered', 'Hi', 0, 7, 1),
  (2, 11, 104, 'inbound',  '2026-03-02 12:00Z', NULL, 'STOP', 0, NULL, NULL);
CREATE TABLE hsample AS
SELECT (SELECT smskpi.message_log(contact, conv, id, dir, at, status, body, media, campaign, step) FROM hm) AS log,
       (SELECT smskpi.contact_event_log(contact, at) FROM hm WHERE dir = 'inbound') AS events,
       (SELECT smskpi.first_response_state(conv, dir = 'inbound', at) FROM hm) AS state,
       (SELECT smskpi.contact_history(contact, conv, id, dir, at, status, body, media, campaign, step)
        FROM hm WHERE contact = 1) AS history,
       (SELECT smskpi.falloff_state(h) FROM (SELECT smskpi.contact_history(contact, conv, id, dir, at, status,
                                                   body, media, campaign, step) AS h FROM hm GROUP BY contact) c) AS funnel,
       (SELECT smskpi.duration_state(x) FROM (VALUES (interval '1 hour'), (interval '3 hours')) v(x)) AS durations;

CREATE FUNCTION hsample_arg(t regtype, argname text, fname text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF fname = 'make_business_hours' THEN
    RETURN CASE argname WHEN 'zone' THEN quote_literal('UTC') WHEN 'weekly' THEN quote_literal('mon-fri 09:00-17:00')
                        ELSE quote_literal('{2026-12-25}') || '::date[]' END;
  END IF;
  RETURN CASE t::text
    WHEN 'smskpi.business_hours' THEN quote_literal('UTC; mon-fri 09:00-17:00') || '::smskpi.business_hours'
    WHEN 'timestamp with time zone' THEN quote_literal('2026-03-02 10:00Z') || '::timestamptz'
    WHEN 'text' THEN CASE WHEN argname = 'contract' THEN quote_literal('messages') ELSE quote_literal('STOP please 😀') END
    WHEN 'text[]' THEN quote_literal('{}') || '::text[]'
    WHEN 'date[]' THEN quote_literal('{2026-12-25}') || '::date[]'
    WHEN 'smskpi.response_state' THEN '(SELECT state FROM hsample)'
    WHEN 'smskpi.contact_history' THEN '(SELECT history FROM hsample)'
    WHEN 'smskpi.falloff_state' THEN '(SELECT funnel FROM hsample)'
    WHEN 'smskpi.duration_state' THEN '(SELECT durations FROM hsample)'
    WHEN 'double precision[]' THEN quote_literal('{0.5}') || '::float8[]'
    WHEN 'boolean' THEN 'true'
    WHEN 'double precision' THEN '0.5::float8'
    WHEN 'interval[]' THEN quote_literal('{1 hour}') || '::interval[]'
    WHEN 'interval' THEN quote_literal('1 day') || '::interval'
    WHEN 'bytea' THEN CASE WHEN argname IN ('stops', 'opt_ins') THEN '(SELECT events FROM hsample)' ELSE '(SELECT log FROM hsample)' END
    WHEN 'bigint' THEN '7::bigint'
    WHEN 'integer' THEN '2'
    WHEN 'regclass' THEN quote_literal('hm') || '::regclass'
    WHEN 'smallint' THEN '3::smallint'
    WHEN 'character varying' THEN quote_literal('c-7') || '::varchar'
    WHEN 'uuid' THEN quote_literal('00000000-0000-0000-0000-000000000007') || '::uuid'
    -- a key type without an overload of its own, so that the anyelement function is called
    WHEN 'anyelement' THEN quote_literal('2026-03-02') || '::date'
    ELSE NULL END;
END $$;

-- outcome of one call: null, value (its text when show) or the SQLSTATE
-- (the helpers run with pg_catalog first; only the statement under test runs
-- with the path in the setting hostile.path, when set)
CREATE FUNCTION hcall(sql text) RETURNS text LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
DECLARE r text; p text := coalesce(current_setting('hostile.path', true), '');
BEGIN
  IF p <> '' THEN PERFORM set_config('search_path', p, true); END IF;
  EXECUTE sql INTO r;
  PERFORM set_config('search_path', 'pg_catalog, public', true);
  RETURN coalesce('=' || r, 'null');
EXCEPTION WHEN OTHERS THEN
  RETURN 'error ' || SQLSTATE || CASE WHEN SQLSTATE LIKE '42%' THEN ' ' || SQLERRM ELSE '' END;
END $$;

-- every smskpi function (not the type I/O, aggregate support internals, or
-- the view builders of issue 6), called with each argument NULL in turn and
-- with all arguments NULL; one line each: baseline, then per position
CREATE TABLE hfuncs AS
SELECT p.oid, p.proname, p.proisstrict, p.proretset, p.oid::regprocedure::text AS sig,
       ARRAY(SELECT unnest(p.proargtypes::regtype[])) AS types,
       coalesce(p.proargnames, array_fill(''::text, ARRAY[p.pronargs])) AS names
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'smskpi'
WHERE p.prokind = 'f' AND p.prorettype <> 'trigger'::regtype
  AND NOT ('internal'::regtype = ANY (p.proargtypes)) AND NOT ('cstring'::regtype = ANY (p.proargtypes))
  AND p.proname NOT IN ('create_kpi_views', 'refresh_kpi_views');

CREATE FUNCTION hnull_calls() RETURNS TABLE (sig text, is_strict boolean, results text[])
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE f record; args text[]; res text[]; i int; n int; call text;
BEGIN
  FOR f IN SELECT * FROM hfuncs ORDER BY sig LOOP
    n := coalesce(array_length(f.types, 1), 0);
    res := '{}';
    FOR i IN 0 .. n + 1 LOOP          -- 0: baseline, 1..n: arg i NULL, n+1: all NULL
      CONTINUE WHEN i = n + 1 AND n < 2;
      args := '{}';
      FOR j IN 1 .. n LOOP
        args := args || CASE WHEN i = j OR i = n + 1
                             THEN 'NULL::' || CASE WHEN f.types[j] = 'anyelement'::regtype THEN 'date' ELSE f.types[j]::text END
                             ELSE hsample_arg(f.types[j], f.names[j], f.proname) END;
      END LOOP;
      call := 'smskpi.' || quote_ident(f.proname) || '(' || array_to_string(args, ', ') || ')';
      IF f.proretset THEN
        call := 'SELECT count(*) FROM ' || call;
      ELSE
        call := 'SELECT (' || call || ')::text';
      END IF;
      res := res || hcall(call);
    END LOOP;
    sig := f.sig; is_strict := f.proisstrict; results := res;
    RETURN NEXT;
  END LOOP;
END $$;

-- strict functions: NULL in any argument gives NULL (checked, not printed)
SELECT sig, results FROM hnull_calls()
WHERE is_strict AND EXISTS (SELECT 1 FROM unnest(results[2:]) r WHERE r <> 'null');
-- non-strict functions: what each NULL gives (no crash, clean SQLSTATEs);
-- baselines of value-returning functions shown as "value" (compared below)
SELECT sig, array_to_string(ARRAY(SELECT CASE WHEN r LIKE '=%' AND o > 1 THEN 'value' ELSE r END
                                  FROM unnest(results) WITH ORDINALITY u(r, o)), ' | ') AS baseline_then_null_per_arg
FROM hnull_calls() WHERE NOT is_strict AND sig NOT LIKE 'smskpi.kpi%' ORDER BY sig;

-- every aggregate: no rows; each argument NULL on every row; all NULL
CREATE TABLE hagg (conv int, inbound boolean, at timestamptz, frac float8, wins interval[], bh smskpi.business_hours);
INSERT INTO hagg VALUES
  (1, true, '2026-03-02 10:00Z', 0.5, '{1 hour}', 'UTC; mon-fri 09:00-17:00'),
  (1, false, '2026-03-02 10:30Z', 0.5, '{1 hour}', 'UTC; mon-fri 09:00-17:00'),
  (2, true, '2026-03-02 11:00Z', 0.5, '{1 hour}', 'UTC; mon-fri 09:00-17:00'),
  (2, false, '2026-03-02 13:00Z', 0.5, '{1 hour}', 'UTC; mon-fri 09:00-17:00');
-- the conversation column as the aggregate's key type (anyelement: a date, a type
-- without an overload of its own)
CREATE FUNCTION hkey(t regtype) RETURNS text LANGUAGE sql
RETURN CASE t WHEN 'anyelement'::regtype THEN $$('2026-03-01'::date + conv)$$
              WHEN 'uuid'::regtype THEN $$('00000000-0000-0000-0000-00000000000' || conv)::uuid$$
              ELSE 'conv::' || t::text END;
CREATE FUNCTION hagg_calls() RETURNS TABLE (agg text, results text)
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE a record; n int; args text[]; res text[]; cols text[]; i int;
BEGIN
  FOR a IN SELECT p.proname, p.oid::regprocedure::text AS sig, ARRAY(SELECT unnest(p.proargtypes::regtype[])) AS types
           FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
           JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'smskpi'
           WHERE p.prokind = 'a' AND p.proname NOT IN ('message_log', 'contact_event_log', 'response_state_merge',
                                                     'contact_history', 'contact_history_merge', 'falloff_state', 'falloff_state_merge',
                                                     'duration_state', 'duration_state_merge', 'duration_percentile', 'duration_percentiles')
           ORDER BY 2 LOOP
    n := array_length(a.types, 1);
    cols := CASE WHEN a.types[1] = 'boolean'::regtype
                 THEN ARRAY['inbound', 'at', 'bh']
                 ELSE ARRAY[hkey(a.types[1]), 'inbound', 'at'] ||
                      CASE WHEN n >= 4 AND a.types[4] = 'double precision'::regtype THEN ARRAY['frac']
                           WHEN n >= 4 AND a.types[4] = 'interval[]'::regtype THEN ARRAY['wins']
                           ELSE '{}'::text[] END END;
    cols := cols[1:n - CASE WHEN a.types[n] = 'smskpi.business_hours'::regtype THEN 1 ELSE 0 END];
    IF a.types[n] = 'smskpi.business_hours'::regtype THEN cols := cols || 'bh'::text; END IF;
    res := ARRAY[hcall(format('SELECT smskpi.%I(%s)::text FROM hagg', a.proname, array_to_string(cols, ', '))),
                 hcall(format('SELECT smskpi.%I(%s)::text FROM hagg WHERE false', a.proname, array_to_string(cols, ', ')))];
    FOR i IN 1 .. n LOOP
      args := cols;
      args[i] := 'NULL::' || CASE WHEN a.types[i] = 'anyelement'::regtype THEN 'date' ELSE a.types[i]::text END;
      res := res || hcall(format('SELECT smskpi.%I(%s)::text FROM hagg', a.proname, array_to_string(args, ', ')));
    END LOOP;
    agg := a.sig;
    results := array_to_string(res, ' | ');
    RETURN NEXT;
  END LOOP;
END $$;
-- columns: all rows | no rows | arg 1 NULL | arg 2 NULL | ...
SELECT * FROM hagg_calls();

-- message_log / contact_event_log: NULL rows are skipped (documented); a group
-- of only NULL rows, or no rows, gives an empty log (12 bytes: the header)
SELECT length(smskpi.message_log(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS all_null_row,
       (SELECT length(smskpi.message_log(contact, conv, id, dir, at, status, body, media, campaign, step)) FROM hm WHERE false) AS no_rows,
       (SELECT count(*) FROM smskpi.reply_attribution((SELECT smskpi.message_log(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)))) AS rows_from_empty,
       length(smskpi.contact_event_log(NULL, NULL)) AS events_all_null;
SELECT smskpi.response_state_merge(s) IS NULL AS merge_of_nulls FROM (VALUES (NULL::smskpi.response_state)) v(s);

-- timestamps: +-infinity and the ends of the range
SELECT hcall($$SELECT smskpi.median_first_response(c, i, t)::text FROM (VALUES (1, true, 'infinity'::timestamptz), (1, false, 'infinity')) v(c, i, t)$$) AS infinity_rows,
       hcall($$SELECT smskpi.median_first_response(c, i, t)::text FROM (VALUES (1, true, '-infinity'::timestamptz), (1, false, '2026-01-01')) v(c, i, t)$$) AS minus_infinity_rows,
       hcall($$SELECT smskpi.median_first_response(c, i, t)::text FROM (VALUES (1, true, '4714-11-24 00:00:00+00 BC'::timestamptz), (1, false, '4714-11-24 00:00:01+00 BC')) v(c, i, t)$$) AS range_start,
       hcall($$SELECT smskpi.median_first_response(c, i, t)::text FROM (VALUES (1, true, '294276-12-31 23:59:58+00'::timestamptz), (1, false, '294276-12-31 23:59:59.999999+00')) v(c, i, t)$$) AS range_end;
-- the whole range: 294276 + 4714 years do not fit an interval's microseconds
SELECT hcall($$SELECT smskpi.median_first_response(c, i, t)::text FROM (VALUES (1, true, '4714-11-24 00:00:00+00 BC'::timestamptz), (1, false, '294276-12-31 23:59:59.999999+00')) v(c, i, t)$$) AS whole_range,
       hcall($$SELECT smskpi.median_reply_time(c, i, t)::text FROM (VALUES (1, true, '4714-11-24 00:00:00+00 BC'::timestamptz), (1, false, '294276-12-31 23:59:59.999999+00')) v(c, i, t)$$) AS whole_range_reply,
       hcall($$SELECT (smskpi.first_response_stats(c, i, t)).max::text FROM (VALUES (1, true, '2000-01-01'::timestamptz), (1, false, '200000-01-01')) v(c, i, t)$$) AS stats_200k_years;
SELECT hcall($$SELECT smskpi.business_time('UTC', 'infinity', 'infinity')::text$$) AS bt_inf,
       hcall($$SELECT smskpi.business_time('UTC', '-infinity', '2026-01-01')::text$$) AS bt_minus_inf,
       -- 24/7 over the whole range: 294276+4713 years of hours (no overflow: < 2^63 us)
       hcall($$SELECT smskpi.business_time('UTC; mon-sun 00:00-24:00', '4714-11-24 00:00:00+00 BC', '294276-12-31 23:59:59.999999+00')::text$$) AS bt_whole_range,
       ('294276-12-31 23:59:59.999999+00'::timestamptz - '4714-11-24 00:00:00+00 BC'::timestamptz) IS NULL AS unused;
-- intervals: windows beyond any span, negative, with months; reply windows
SELECT hcall($$SELECT (smskpi.first_response_stats(conv, inbound, at, '{178000000 years}')).share_within::text FROM hagg$$) AS window_huge,
       hcall($$SELECT (smskpi.first_response_stats(conv, inbound, at, '{-1 hour}')).share_within::text FROM hagg$$) AS window_negative,
       hcall($$SELECT (smskpi.first_response_stats(conv, inbound, at, '{1 mon}')).share_within::text FROM hagg$$) AS window_month,
       hcall($$SELECT count(*)::text FROM smskpi.reply_attribution((SELECT log FROM hsample), '178000000 years')$$) AS reply_window_huge,
       hcall($$SELECT count(*)::text FROM smskpi.reply_attribution((SELECT log FROM hsample), '-1 day')$$) AS reply_window_negative,
       hcall($$SELECT count(*)::text FROM smskpi.reply_attribution((SELECT log FROM hsample), '1 mon')$$) AS reply_window_month;
-- message_log with infinite sent_at
SELECT hcall($$SELECT length(smskpi.message_log(1, 1, 1, 'outbound', 'infinity', 'sent', 'x', 0, 1, 1))::text$$) AS log_infinity;

-- response_percentile_final on a state that no percentile aggregate made
-- (no fraction) is refused (it used to read outside its array)
SELECT smskpi.response_percentile_final((SELECT state FROM hsample));

-- hostile search_path: user-owned public functions and operators shadowing
-- built-ins, placed before pg_catalog; every function and aggregate must
-- give the same results as with a clean path
CREATE TEMP TABLE hbase AS SELECT sig, results FROM hnull_calls();
CREATE TEMP TABLE hbase_agg AS SELECT * FROM hagg_calls();
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.boom_text(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
CREATE FUNCTION hostile.boom(text, text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hijacked operator'; END $$;
CREATE FUNCTION hostile.boom(bigint, bigint) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hijacked operator'; END $$;
CREATE FUNCTION hostile.boom(integer, integer) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hijacked operator'; END $$;
CREATE FUNCTION hostile.boom(timestamptz, timestamptz) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hijacked operator'; END $$;
CREATE FUNCTION public.lower(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
CREATE FUNCTION public.upper(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
CREATE FUNCTION public.btrim(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
CREATE FUNCTION public.length(text) RETURNS integer LANGUAGE sql AS $$ SELECT -1 $$;
CREATE FUNCTION public.coalesce_(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
CREATE FUNCTION public.array_length(anyarray, integer) RETURNS integer LANGUAGE sql AS $$ SELECT -1 $$;
CREATE FUNCTION public.format_type(oid, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.boom);
CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = hostile.boom);
CREATE OPERATOR public.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = hostile.boom);
CREATE OPERATOR public.< (LEFTARG = timestamptz, RIGHTARG = timestamptz, FUNCTION = hostile.boom);
CREATE OPERATOR public.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.boom);
CREATE FUNCTION pg_temp.lower(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
SET search_path = public, pg_temp, pg_catalog;
SELECT lower('X') AS shadow_works;
RESET search_path;
SET hostile.path = 'public, pg_temp, pg_catalog';
-- control: the statements under test really run with the hostile path
SELECT hcall($$SELECT ('a'::text = 'a')::text$$) AS control_eq, hcall($$SELECT lower('A')$$) AS control_lower;
CREATE TEMP TABLE hhost AS SELECT sig, results FROM hnull_calls();
CREATE TEMP TABLE hhost_agg AS SELECT * FROM hagg_calls();
RESET hostile.path;
SELECT sig, h.results AS with_clean_path, n.results AS with_hostile_path
FROM hbase h JOIN hhost n USING (sig)
WHERE h.results IS DISTINCT FROM n.results;
SELECT agg, h.results AS with_clean_path, n.results AS with_hostile_path
FROM hbase_agg h JOIN hhost_agg n USING (agg)
WHERE h.results IS DISTINCT FROM n.results;
SELECT count(*) AS functions_compared FROM hhost;
SELECT count(*) AS aggregates_compared FROM hhost_agg;
