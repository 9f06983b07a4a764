-- test/response_time_types.sql -- the response-time aggregates' concrete key types
-- (doc/response_time.md, "Conversation keys"): every keyed aggregate exists for keys of
-- type bigint, integer, smallint, text, varchar and uuid beside the anyelement one, so
-- that Citus can split it (doc/citus.md).  Checked here: which overload a call picks for
-- each common key type, and the key type its state records; the same answers whatever
-- the key type; domains keyed by their base type; serial = parallel for every key type.
-- (The calling convention of Citus -- no expression tree, nothing kept between rows --
-- is checked by the Citus suite, test/citus/checks/10_response_time.sql.)
SET client_min_messages = warning;
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET IntervalStyle = 'postgres';

-- Messages of 400 conversations, keys 1..400: conversation c has 1 to 6 messages a
-- minute or more apart, inbound or outbound as (c * 7 + i) % 3 says (a mix of
-- answered, unanswered, drip-first and burst conversations), and every 50th row a NULL
-- key (skipped).  The options are columns with the same value on every row (compared
-- per row) and constants (checked once).
CREATE TABLE rtt (c bigint, i int, inbound boolean, at timestamptz,
                  wins interval[], bh smskpi.business_hours, frac float8);
INSERT INTO rtt
SELECT CASE WHEN (c * 6 + i) % 50 = 0 THEN NULL ELSE c END, i, (c * 7 + i) % 3 = 0,
       timestamptz '2026-03-02 08:00' + c * interval '17 minutes'
         + i * (1 + (c * 13 + i * 5) % 97) * interval '1 minute',
       '{5 min, 1 hour}', 'UTC; mon-sun 06:00-23:00', 0.9
FROM generate_series(1, 400) c, generate_series(1, 6) i
WHERE i <= 1 + c % 6;
ANALYZE rtt;
SELECT count(*) AS rows, count(DISTINCT c) AS conversations, count(*) FILTER (WHERE c IS NULL) AS null_keys,
       count(*) FILTER (WHERE inbound) AS inbound FROM rtt;

-- key expressions of each type over the same conversations (one key per c)
CREATE DOMAIN rtt_big AS bigint;
CREATE DOMAIN rtt_date AS date;
CREATE TABLE rtt_keys (name text, expr text, ord int);
INSERT INTO rtt_keys VALUES
  ('bigint', 'c', 1), ('integer', 'c::integer', 2), ('smallint', 'c::smallint', 3),
  ('text', $$'t' || c$$, 4), ('varchar', 'c::varchar', 5), ('uuid', 'md5(c::text)::uuid', 6),
  ('domain over bigint', 'c::rtt_big', 7), ('date (anyelement)', $$date '2000-01-01' + c::int$$, 8),
  ('domain over date (anyelement)', $$(date '2000-01-01' + c::int)::rtt_date$$, 9),
  ('char(8) (text)', 'c::char(8)', 10), ('name (text)', 'c::name', 11);

-- The calls: %s is the key.  Every keyed aggregate signature: median, percentile, stats
-- without and with windows, the state; without and with business hours.
CREATE TABLE rtt_calls (ord int, call text);
INSERT INTO rtt_calls VALUES
  (1, 'smskpi.median_first_response(%s, inbound, at)'),
  (2, 'smskpi.median_first_response(%s, inbound, at, bh)'),
  (3, 'smskpi.first_response_percentile(%s, inbound, at, 0.9)'),
  (4, 'smskpi.first_response_percentile(%s, inbound, at, frac, bh)'),
  (5, 'smskpi.first_response_stats(%s, inbound, at)'),
  (6, $$smskpi.first_response_stats(%s, inbound, at, '{10 min, 2 hours}')$$),
  (7, 'smskpi.first_response_stats(%s, inbound, at, wins, bh)'),
  (8, 'smskpi.response_stats(smskpi.first_response_state(%s, inbound, at))'),
  (9, $$smskpi.response_stats(smskpi.first_response_state(%s, inbound, at, 'UTC; mon-sun 06:00-23:00'))$$),
  (10, 'smskpi.median_reply_time(%s, inbound, at)'),
  (11, $$smskpi.median_reply_time(%s, inbound, at, 'UTC; mon-sun 06:00-23:00')$$),
  (12, 'smskpi.reply_time_percentile(%s, inbound, at, frac)'),
  (13, $$smskpi.reply_time_percentile(%s, inbound, at, 0.25, 'UTC; mon-sun 06:00-23:00')$$),
  (14, 'smskpi.reply_time_stats(%s, inbound, at)'),
  (15, 'smskpi.reply_time_stats(%s, inbound, at, wins)'),
  (16, $$smskpi.reply_time_stats(%s, inbound, at, '{10 min}', bh)$$),
  (17, 'smskpi.response_stats(smskpi.reply_time_state(%s, inbound, at))'),
  (18, 'smskpi.response_stats(smskpi.reply_time_state(%s, inbound, at, bh))');

CREATE FUNCTION rtt_eval(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE q INTO r;
  RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN
  RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;

-- ===================================================================
-- 1. Which aggregate a call picks, and the key type of its state
-- ===================================================================
-- The aggregate a view's query is bound to (pg_depend of its rewrite rule), the key
-- type of the state first_response_state makes, the same for reply_time_state with
-- hours, and that a 5-argument call (reply_time_stats with windows and hours, one
-- conversation) resolves too.  Concrete overloads for smallint, integer,
-- bigint, text, varchar and uuid (and what converts to them implicitly: a domain over
-- bigint, char(n), name, an unknown literal -- char(n) keys, refused before, now
-- work as text); anyelement for the rest.  "char" (a PostgreSQL-internal 1-byte type)
-- converts implicitly to text but prefers neither: the call is ambiguous, cast it.
CREATE FUNCTION rtt_picked(expr text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('CREATE TEMP VIEW rtt_v AS SELECT smskpi.median_first_response(%s, true, now())', expr);
  SELECT string_agg(d.refobjid::regprocedure::text, ', ') INTO r
  FROM pg_depend d JOIN pg_rewrite w ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
  JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid AND p.prokind = 'a'
  WHERE w.ev_class = 'rtt_v'::regclass;
  DROP VIEW rtt_v;
  RETURN r;
EXCEPTION WHEN OTHERS THEN
  RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT t AS key, rtt_picked(v) AS picked,
       rtt_eval(format('SELECT (smskpi.response_state_info(smskpi.first_response_state(%s, true, now()))).key_type', v)) AS state_key_type,
       rtt_eval(format($$SELECT (smskpi.response_state_info(smskpi.reply_time_state(%s, true, now(), 'UTC; mon-sun 06:00-23:00'))).key_type$$, v)) AS with_hours,
       rtt_eval(format($$SELECT (smskpi.reply_time_stats(%s, inbound, at, '{1 hour}', 'UTC; mon-sun 06:00-23:00')).asked FROM rtt WHERE c = 7$$, v)) AS asked_5_args
FROM (VALUES ('smallint', '1::smallint'), ('integer', '1'), ('bigint', '1::bigint'), ('numeric', '1.0'),
             ('text', $$'a'::text$$), ('varchar', $$'a'::varchar$$), ('char(3)', $$'a'::char(3)$$),
             ('name', $$'a'::name$$), ('uuid', $$'00000000-0000-0000-0000-000000000001'::uuid$$),
             ('date', $$date '2026-01-01'$$), ('timestamptz', $$timestamptz '2026-01-01'$$),
             ('boolean', 'true'), ('"char"', $$'a'::"char"$$), ('"char" cast to text', $$'a'::"char"::text$$),
             ('oid', '1::oid'), ('domain over bigint', '1::rtt_big'), ('domain over date', $$date '2026-01-01'::rtt_date$$),
             ('unknown literal', $$'a'$$)) k(t, v);
-- a sent_at of type timestamp (without time zone) converts implicitly: the same picks
SELECT (smskpi.response_state_info(smskpi.first_response_state(c::int, inbound, at::timestamp))).key_type AS int_key_timestamp_column,
       (smskpi.response_state_info(smskpi.first_response_state(c::varchar, inbound, at::timestamp))).key_type AS varchar_key_timestamp_column,
       (smskpi.response_state_info(smskpi.first_response_state(c::name, inbound, at::timestamp))).key_type AS name_key_timestamp_column
FROM rtt;

-- ===================================================================
-- 2. The same answers whatever the key type
-- ===================================================================
-- Each call over each key type, compared with the call over text keys ('t' || c):
-- a line per call, with the text-key answer and the key types whose answer differs
-- (none).
SELECT cl.ord, cl.call, rtt_eval(format('SELECT (%s)::text FROM rtt', format(cl.call, $$'t' || c$$))) AS text_keys,
       coalesce((SELECT string_agg(k.name, ', ' ORDER BY k.ord) FROM rtt_keys k
                 WHERE rtt_eval(format('SELECT (%s)::text FROM rtt', format(cl.call, k.expr)))
                       IS DISTINCT FROM rtt_eval(format('SELECT (%s)::text FROM rtt', format(cl.call, $$'t' || c$$)))),
                'none') AS differing_key_types
FROM rtt_calls cl ORDER BY cl.ord;
-- Grouped (every 40 conversations a group), as window aggregates,
-- and the state's key type per key: a line per key type
SELECT k.name,
       rtt_eval(format($$SELECT md5(string_agg(g || ':' || m, ',' ORDER BY g)) FROM
                        (SELECT c / 40 AS g, smskpi.median_reply_time(%s, inbound, at)::text AS m FROM rtt GROUP BY 1) x$$, k.expr))
         = rtt_eval($$SELECT md5(string_agg(g || ':' || m, ',' ORDER BY g)) FROM
                     (SELECT c / 40 AS g, smskpi.median_reply_time('t' || c, inbound, at)::text AS m FROM rtt GROUP BY 1) x$$) AS grouped_same,
       rtt_eval(format($$SELECT md5(string_agg(m, ',' ORDER BY c, i)) FROM
                        (SELECT c, i, (smskpi.first_response_stats(%s, inbound, at, wins) OVER (ORDER BY c, i))::text AS m FROM rtt) x$$, k.expr))
         = rtt_eval($$SELECT md5(string_agg(m, ',' ORDER BY c, i)) FROM
                     (SELECT c, i, (smskpi.first_response_stats('t' || c, inbound, at, wins) OVER (ORDER BY c, i))::text AS m FROM rtt) x$$) AS window_same,
       rtt_eval(format('SELECT (smskpi.response_state_info(smskpi.reply_time_state(%s, inbound, at))).key_type FROM rtt', k.expr)) AS state_key_type
FROM rtt_keys k ORDER BY k.ord;

-- The text-key answers against plain SQL (percentile_cont over each conversation's
-- first response, and over each customer turn): equal.
WITH f AS (SELECT c, min(at) FILTER (WHERE inbound) AS first_in FROM rtt WHERE c IS NOT NULL GROUP BY c),
frt AS (SELECT f.c, (SELECT min(r.at) FROM rtt r WHERE r.c = f.c AND NOT r.inbound AND r.at >= f.first_in) - f.first_in AS t
        FROM f WHERE f.first_in IS NOT NULL),
o AS (SELECT c, inbound, at, row_number() OVER (PARTITION BY c ORDER BY at, NOT inbound) AS n FROM rtt WHERE c IS NOT NULL),
-- a turn starts at an inbound message with no open turn: the first inbound one after
-- the last outbound one (or the start); it is answered by the next outbound one
turns AS (SELECT a.c, a.at AS asked,
                 (SELECT min(b.at) FROM o b WHERE b.c = a.c AND NOT b.inbound AND b.n > a.n) AS answered
          FROM o a
          WHERE a.inbound AND NOT EXISTS (SELECT 1 FROM o p WHERE p.c = a.c AND p.n < a.n AND p.inbound
                                          AND NOT EXISTS (SELECT 1 FROM o q WHERE q.c = a.c AND NOT q.inbound AND q.n > p.n AND q.n < a.n)))
SELECT (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM frt) = smskpi.median_first_response('t' || c, inbound, at) AS frt_median_ok,
       (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY t) FROM frt) = smskpi.first_response_percentile('t' || c, inbound, at, 0.9) AS frt_p90_ok,
       (SELECT count(*) FROM frt) = (smskpi.first_response_stats('t' || c, inbound, at)).asked AS frt_asked_ok,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY answered - asked) FROM turns) = smskpi.median_reply_time('t' || c, inbound, at) AS rt_median_ok,
       (SELECT count(*) FROM turns) = (smskpi.reply_time_stats('t' || c, inbound, at)).asked AS rt_asked_ok,
       (SELECT count(*) FROM frt) AS conversations_asked, (SELECT count(*) FROM turns) AS turns
FROM rtt;

-- ===================================================================
-- 3. Domains: states name the base type
-- ===================================================================
-- A state names its key type by OID, and pg_dump keeps no OIDs of user types: a state
-- keyed by a domain could be refused after a restore.  States are now built with the
-- domain's base type, so they merge with the base type's states (conversation 7 on
-- both sides is one conversation: 3 conversations, not 4).
SELECT (smskpi.response_state_info(smskpi.first_response_state(c::rtt_big, inbound, at))).key_type AS domain_key_type,
       (smskpi.response_state_info(smskpi.first_response_state((date '2000-01-01' + c::int)::rtt_date, inbound, at))).key_type AS date_domain_key_type
FROM rtt;
SELECT (smskpi.response_state_info(smskpi.response_state_merge(s))).conversations,
       smskpi.response_median(smskpi.response_state_merge(s)) =
         (SELECT smskpi.median_first_response(c, inbound, at) FROM rtt WHERE c IN (5, 6, 7)) AS same_median
FROM (SELECT smskpi.first_response_state(c::rtt_big, inbound, at) s FROM rtt WHERE c IN (5, 7)
      UNION ALL
      SELECT smskpi.first_response_state(c, inbound, at) FROM rtt WHERE c IN (6, 7)) x;
-- a state stored before (keyed by the domain itself; made here by editing the key type
-- field, characters 19-26 of the text form) stays readable with the same answers, and
-- does not merge with the new bigint-keyed states (cast the key to the base type when
-- building them again)
CREATE TABLE rtt_old AS
SELECT overlay(s::text PLACING lpad(to_hex('rtt_big'::regtype::oid::bigint), 8, '0') FROM 19 FOR 8)::smskpi.response_state AS s
FROM (SELECT smskpi.first_response_state(c, inbound, at) s FROM rtt WHERE c IN (5, 7)) x;
SELECT (smskpi.response_state_info(s)).key_type, smskpi.response_median(s) =
         (SELECT smskpi.median_first_response(c, inbound, at) FROM rtt WHERE c IN (5, 7)) AS same_median
FROM rtt_old;
SELECT rtt_eval($$SELECT smskpi.response_state_merge(s)::text FROM
                  (SELECT s FROM rtt_old UNION ALL SELECT smskpi.first_response_state(c::rtt_big, inbound, at) FROM rtt WHERE c = 6) x$$) AS old_domain_with_new;

-- varchar keys keep their type (an overload of their own): their states merge with the
-- varchar states stored before, not with text ones (as before)
SELECT rtt_eval($$SELECT (smskpi.response_state_info(smskpi.response_state_merge(s))).conversations FROM
                  (SELECT smskpi.first_response_state(c::varchar, inbound, at) s FROM rtt WHERE c = 5
                   UNION ALL SELECT smskpi.first_response_state(c::text, inbound, at) FROM rtt WHERE c = 6) x$$) AS varchar_with_text,
       rtt_eval($$SELECT (smskpi.response_state_info(smskpi.response_state_merge(s))).conversations FROM
                  (SELECT smskpi.first_response_state(c::varchar(10), inbound, at) s FROM rtt WHERE c = 5
                   UNION ALL SELECT smskpi.first_response_state(c::varchar, inbound, at) FROM rtt WHERE c = 6) x$$) AS varchar_n_with_varchar;

-- ===================================================================
-- 4. Options compared per row, for the concrete overloads too
-- ===================================================================
-- windows, hours and fraction from columns: equal on every row is accepted (above);
-- a different value on a later row of the group is 22023, a NULL window 22004, a
-- negative one 22023, a NULL array 22004, a 2-D array 2202E
SELECT w AS later_windows,
       rtt_eval(format($$SELECT (smskpi.first_response_stats(c::int, inbound, at, CASE WHEN i = 1 THEN '{1 hour}' ELSE %s END))::text
                         FROM rtt WHERE c = 5$$, w)) AS result
FROM (VALUES ($$'{1 hour}'::interval[]$$), ($$'{60 min}'::interval[]$$), ($$'{2 hours}'::interval[]$$),
             ($$'{1 hour, 2 hours}'::interval[]$$), ('NULL::interval[]'), ($$'{NULL}'::interval[]$$),
             ($$'{-1 hour}'::interval[]$$), ($$'{{1 hour}}'::interval[]$$), ($$'{}'::interval[]$$)) v(w);
SELECT rtt_eval($$SELECT smskpi.reply_time_percentile(md5(c::text)::uuid, inbound, at, CASE WHEN i = 1 THEN 0.5 ELSE 0.9 END)::text
                  FROM rtt WHERE c = 5$$) AS later_fraction,
       rtt_eval($$SELECT smskpi.median_first_response(c::smallint, inbound, at,
                         CASE WHEN i = 1 THEN 'UTC; mon-sun 06:00-23:00' ELSE 'UTC; mon-sun 06:00-22:00' END::smskpi.business_hours)::text
                  FROM rtt WHERE c = 5$$) AS later_hours,
       rtt_eval($$SELECT smskpi.median_first_response(c::smallint, inbound, at,
                         CASE WHEN i = 1 THEN 'UTC; mon-sun 06:00-23:00' ELSE 'UTC;  mon-sun  06:00-23:00' END::smskpi.business_hours)::text
                  FROM rtt WHERE c = 5$$) AS same_hours_written_otherwise;

-- a state given by an aggregate of the user's (INITCOND) must match the call: one of
-- the same key type continues; one keyed otherwise is refused (it used to be read with
-- the call's key layout)
SELECT format($$CREATE AGGREGATE rtt_from_bigint(bigint, boolean, timestamptz) (SFUNC = smskpi.first_response_trans,
                STYPE = smskpi.response_state, FINALFUNC = smskpi.response_median, INITCOND = %L)$$,
              (SELECT smskpi.first_response_state(c, inbound, at)::text FROM rtt WHERE c = 5)) AS q \gset
:q;
SELECT format($$CREATE AGGREGATE rtt_from_text(bigint, boolean, timestamptz) (SFUNC = smskpi.first_response_trans,
                STYPE = smskpi.response_state, FINALFUNC = smskpi.response_median, INITCOND = %L)$$,
              (SELECT smskpi.first_response_state(c::text, inbound, at)::text FROM rtt WHERE c = 5)) AS q \gset
:q;
SELECT rtt_eval('SELECT rtt_from_bigint(c, inbound, at) = (SELECT smskpi.median_first_response(c, inbound, at) FROM rtt WHERE c IN (5, 6)) FROM rtt WHERE c = 6') AS same_key_type,
       rtt_eval('SELECT rtt_from_text(c, inbound, at)::text FROM rtt WHERE c = 6') AS other_key_type;
DROP AGGREGATE rtt_from_bigint(bigint, boolean, timestamptz);
DROP AGGREGATE rtt_from_text(bigint, boolean, timestamptz);

-- ===================================================================
-- 5. Serial and parallel plans give the same answers, for every key type
-- ===================================================================
-- (doc/CONTRIBUTING.md's recipe; a partial state per worker, combined by the leader)
CREATE TABLE rtt_par AS SELECT c + 400 * k AS c, i, inbound, at + k * interval '1 day' AS at, wins, bh, frac
FROM rtt, generate_series(0, 24) k;
ANALYZE rtt_par;
-- per key type: first_response_stats (windows and hours from columns), reply_time_stats,
-- first_response_percentile, response_stats of reply_time_state with hours
CREATE VIEW rtt_answers AS
SELECT
       smskpi.first_response_stats(c, inbound, at, wins, bh)::text || ' ' || smskpi.reply_time_stats(c, inbound, at)::text || ' ' ||
         smskpi.first_response_percentile(c, inbound, at, frac)::text || ' ' || smskpi.response_stats(smskpi.reply_time_state(c, inbound, at, bh))::text AS bigint,
       smskpi.first_response_stats(c::int, inbound, at, wins, bh)::text || ' ' || smskpi.reply_time_stats(c::int, inbound, at)::text || ' ' ||
         smskpi.first_response_percentile(c::int, inbound, at, frac)::text || ' ' || smskpi.response_stats(smskpi.reply_time_state(c::int, inbound, at, bh))::text AS integer,
       smskpi.first_response_stats(c::smallint, inbound, at, wins, bh)::text || ' ' || smskpi.reply_time_stats(c::smallint, inbound, at)::text || ' ' ||
         smskpi.first_response_percentile(c::smallint, inbound, at, frac)::text || ' ' || smskpi.response_stats(smskpi.reply_time_state(c::smallint, inbound, at, bh))::text AS smallint,
       smskpi.first_response_stats(c::text, inbound, at, wins, bh)::text || ' ' || smskpi.reply_time_stats(c::text, inbound, at)::text || ' ' ||
         smskpi.first_response_percentile(c::text, inbound, at, frac)::text || ' ' || smskpi.response_stats(smskpi.reply_time_state(c::text, inbound, at, bh))::text AS text,
       smskpi.first_response_stats(c::varchar, inbound, at, wins, bh)::text || ' ' || smskpi.reply_time_stats(c::varchar, inbound, at)::text || ' ' ||
         smskpi.first_response_percentile(c::varchar, inbound, at, frac)::text || ' ' || smskpi.response_stats(smskpi.reply_time_state(c::varchar, inbound, at, bh))::text AS varchar,
       smskpi.first_response_stats(md5(c::text)::uuid, inbound, at, wins, bh)::text || ' ' || smskpi.reply_time_stats(md5(c::text)::uuid, inbound, at)::text || ' ' ||
         smskpi.first_response_percentile(md5(c::text)::uuid, inbound, at, frac)::text || ' ' || smskpi.response_stats(smskpi.reply_time_state(md5(c::text)::uuid, inbound, at, bh))::text AS uuid,
       smskpi.first_response_stats(date '2000-01-01' + c::int, inbound, at, wins, bh)::text || ' ' || smskpi.reply_time_stats(date '2000-01-01' + c::int, inbound, at)::text || ' ' ||
         smskpi.first_response_percentile(date '2000-01-01' + c::int, inbound, at, frac)::text || ' ' || smskpi.response_stats(smskpi.reply_time_state(date '2000-01-01' + c::int, inbound, at, bh))::text AS date
FROM rtt_par;
SET max_parallel_workers_per_gather = 0;
SELECT * FROM rtt_answers \gset s_
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT * FROM rtt_answers;
SELECT * FROM rtt_answers \gset p_
SELECT :'s_bigint' = :'p_bigint' AS bigint_same, :'s_integer' = :'p_integer' AS integer_same,
       :'s_smallint' = :'p_smallint' AS smallint_same, :'s_text' = :'p_text' AS text_same,
       :'s_varchar' = :'p_varchar' AS varchar_same, :'s_uuid' = :'p_uuid' AS uuid_same,
       :'s_date' = :'p_date' AS date_same,
       :'s_bigint' = :'s_integer' AND :'s_bigint' = :'s_smallint' AND :'s_bigint' = :'s_text'
         AND :'s_bigint' = :'s_varchar' AND :'s_bigint' = :'s_uuid' AND :'s_bigint' = :'s_date' AS all_key_types_same;
-- the answers themselves (10,000 conversations, 35,000 messages)
SELECT :'p_uuid' AS answers;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP VIEW rtt_answers;
DROP TABLE rtt, rtt_par, rtt_keys, rtt_calls, rtt_old;
DROP FUNCTION rtt_eval(text), rtt_picked(text);
DROP DOMAIN rtt_big, rtt_date;
