-- Issue 16: options that differ between rows, key types of stored states,
-- merges of states with different key types, error texts.  Every expected
-- number below is worked out by hand in the comments.
SET client_min_messages = warning;
SET intervalstyle = 'postgres';
-- try(q): q's single value as text, or its SQLSTATE and message
CREATE FUNCTION try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE q INTO r;
  RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN
  RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;

-- ===================================================================
-- 1. Options computed per row are compared by value on every row
-- ===================================================================
-- The issue's case: team 1 works 09:00-10:30, team 2 09:00-18:00 (UTC).
-- Inbound Mon 2026-01-05 10:00 (team 1), answered 11:00 (team 2): 30 min
-- of team 1's working time, 60 min of team 2's.  The schedules differ
-- between the rows of the group: 22023 in both row orders (before the fix:
-- 01:00:00 with "order by team desc", 00:30:00 with "order by team").
create temp table teams(team int, zone text, weekly text);
insert into teams values (1,'UTC','mon-fri 09:00-10:30'),(2,'UTC','mon-fri 09:00-18:00');
create temp table msgs(conv int, team int, inbound bool, sent_at timestamptz);
insert into msgs values (1,1,true,'2026-01-05 10:00+00'),(1,2,false,'2026-01-05 11:00+00');
select smskpi.median_first_response(conv,inbound,sent_at,
       smskpi.make_business_hours(t.zone,t.weekly) order by team desc)
from msgs m join teams t using (team);
select smskpi.median_first_response(conv,inbound,sent_at,
       smskpi.make_business_hours(t.zone,t.weekly) order by team)
from msgs m join teams t using (team);
-- windows per row (before: {0} or {1} by row order)
select smskpi.first_response_stats(conv,inbound,sent_at,
       array[case team when 1 then '30 min' else '2 hours' end]::interval[] order by team)
from msgs;
select smskpi.first_response_stats(conv,inbound,sent_at,
       array[case team when 1 then '30 min' else '2 hours' end]::interval[] order by team desc)
from msgs;

-- Two teams, rows interleaved (k = insertion order); every row carries its
-- team's options, as columns (hours, w, frac) and as the text the schedule
-- is made from (zone, weekly).
--   team 1: 09:00-10:30, window 30 min, fraction 0
--     conv 1: in Mon 10:00, out 11:00: 60 min calendar, 30 min working
--     conv 2: in Mon 09:00, out 09:20: 20 min calendar, 20 min working
--   team 2: 09:00-18:00, window 3 hours, fraction 1
--     conv 3: in Mon 10:00, out 11:00: 60 min calendar and working
--     conv 4: in Mon 12:00, out 15:00: 180 min calendar and working
CREATE TABLE af_msgs (k int, team int, conv int, inbound bool, ts timestamptz,
    zone text, weekly text, hours smskpi.business_hours, w interval[], frac float8);
INSERT INTO af_msgs
SELECT k, team, conv, inbound, ts::timestamptz, 'UTC', weekly,
       smskpi.make_business_hours('UTC', weekly), w::interval[], frac
FROM (VALUES
  (1, 1, 1, true,  '2026-01-05 10:00+00'),
  (2, 2, 3, true,  '2026-01-05 10:00+00'),
  (3, 1, 2, true,  '2026-01-05 09:00+00'),
  (4, 2, 4, true,  '2026-01-05 12:00+00'),
  (5, 1, 1, false, '2026-01-05 11:00+00'),
  (6, 2, 3, false, '2026-01-05 11:00+00'),
  (7, 1, 2, false, '2026-01-05 09:20+00'),
  (8, 2, 4, false, '2026-01-05 15:00+00')) v(k, team, conv, inbound, ts)
JOIN (VALUES (1, 'mon-fri 09:00-10:30', '{30 min}', 0.0::float8),
             (2, 'mon-fri 09:00-18:00', '{3 hours}', 1.0::float8)) o(team, weekly, w, frac)
  USING (team);
-- the same rows in the other order
CREATE TABLE af_msgs_rev AS SELECT * FROM af_msgs ORDER BY k DESC;
SELECT array_agg(k) AS heap_order FROM af_msgs;
SELECT array_agg(k) AS heap_order FROM af_msgs_rev;

-- Equal values at different addresses are the same options: per team, one
-- group per team, rows of the two groups interleaved.  Expected per team:
--   median, working time: team 1 (30, 20) -> 00:25:00; team 2 (60, 180) -> 02:00:00
--   answered within the team's window, calendar: team 1 (60, 20) <= 30 min
--     -> {1}, share {0.5}; team 2 (60, 180) <= 3 hours -> {2}, share {1}
--   percentile at the team's fraction, calendar: team 1 fraction 0 -> the
--     least, 00:20:00; team 2 fraction 1 -> the largest, 03:00:00
CREATE TABLE af_equal (name text, q text);
INSERT INTO af_equal VALUES
 ('hours made per row',   $$SELECT string_agg(team || ' ' || r, ', ' ORDER BY team) FROM (SELECT team, smskpi.median_first_response(conv, inbound, ts, smskpi.make_business_hours(zone, weekly))::text r FROM %s GROUP BY team) x$$),
 ('hours column',         $$SELECT string_agg(team || ' ' || r, ', ' ORDER BY team) FROM (SELECT team, smskpi.median_first_response(conv, inbound, ts, hours)::text r FROM %s GROUP BY team) x$$),
 ('reply time hours per row', $$SELECT string_agg(team || ' ' || r, ', ' ORDER BY team) FROM (SELECT team, smskpi.median_reply_time(conv, inbound, ts, smskpi.make_business_hours(zone, weekly))::text r FROM %s GROUP BY team) x$$),
 ('windows made per row', $$SELECT string_agg(team || ' ' || r, ', ' ORDER BY team) FROM (SELECT team, ((s).windows, (s).answered_within, (s).share_within)::text r FROM (SELECT team, smskpi.first_response_stats(conv, inbound, ts, array[w[1]]) s FROM %s GROUP BY team) y) x$$),
 ('windows column',       $$SELECT string_agg(team || ' ' || r, ', ' ORDER BY team) FROM (SELECT team, ((s).windows, (s).answered_within, (s).share_within)::text r FROM (SELECT team, smskpi.first_response_stats(conv, inbound, ts, w) s FROM %s GROUP BY team) y) x$$),
 ('fraction per row',     $$SELECT string_agg(team || ' ' || r, ', ' ORDER BY team) FROM (SELECT team, smskpi.first_response_percentile(conv, inbound, ts, frac)::text r FROM %s GROUP BY team) x$$);

-- Options that differ within a group: one group of all rows (GROUP BY a
-- constant expression), each option per row.  22023 in both row orders
-- and both groupings.
CREATE TABLE af_differ (name text, q text);
INSERT INTO af_differ VALUES
 ('hours made per row',   $$SELECT smskpi.median_first_response(conv, inbound, ts, smskpi.make_business_hours(zone, weekly))::text FROM %s GROUP BY conv / 100$$),
 ('hours column',         $$SELECT smskpi.median_first_response(conv, inbound, ts, hours)::text FROM %s GROUP BY conv / 100$$),
 ('reply time hours per row', $$SELECT smskpi.median_reply_time(conv, inbound, ts, smskpi.make_business_hours(zone, weekly))::text FROM %s GROUP BY conv / 100$$),
 ('stats hours per row',  $$SELECT smskpi.first_response_stats(conv, inbound, ts, '{1 hour}', smskpi.make_business_hours(zone, weekly))::text FROM %s GROUP BY conv / 100$$),
 ('windows made per row', $$SELECT smskpi.first_response_stats(conv, inbound, ts, array[w[1]])::text FROM %s GROUP BY conv / 100$$),
 ('windows column',       $$SELECT smskpi.first_response_stats(conv, inbound, ts, w)::text FROM %s GROUP BY conv / 100$$),
 ('reply windows per row', $$SELECT smskpi.reply_time_stats(conv, inbound, ts, array[w[1]])::text FROM %s GROUP BY conv / 100$$),
 ('windows per row, hours constant', $$SELECT smskpi.first_response_stats(conv, inbound, ts, array[w[1]], 'UTC; mon-fri 09:00-18:00')::text FROM %s GROUP BY conv / 100$$),
 ('fraction per row',     $$SELECT smskpi.first_response_percentile(conv, inbound, ts, frac)::text FROM %s GROUP BY conv / 100$$),
 ('fraction column, hours per row', $$SELECT smskpi.reply_time_percentile(conv, inbound, ts, 0.5, smskpi.make_business_hours(zone, weekly))::text FROM %s GROUP BY conv / 100$$),
 -- the first row (k = 1 or k = 8) has a schedule, a later one none: a differing schedule
 ('hours then none',      $$SELECT smskpi.median_first_response(conv, inbound, ts, CASE WHEN k IN (1, 8) THEN hours END)::text FROM %s GROUP BY conv / 100$$),
 -- the first row has no schedule, a later one has
 ('none then hours',      $$SELECT smskpi.median_first_response(conv, inbound, ts, CASE WHEN k NOT IN (1, 8) THEN hours END)::text FROM %s GROUP BY conv / 100$$),
 -- a NULL window array on a later row is an error like on the first (22004)
 ('windows then null',    $$SELECT smskpi.first_response_stats(conv, inbound, ts, CASE WHEN k IN (1, 8) THEN w END)::text FROM %s GROUP BY conv / 100$$);

-- hashed grouping
SET enable_hashagg = on;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT team, smskpi.median_first_response(conv, inbound, ts, hours) FROM af_msgs GROUP BY team;
EXPLAIN (COSTS OFF) SELECT smskpi.median_first_response(conv, inbound, ts, hours) FROM af_msgs GROUP BY conv / 100;
SELECT name, t AS "table", try(format(q, t)) AS result
FROM af_equal, (VALUES ('af_msgs'), ('af_msgs_rev')) v(t) ORDER BY name, t;
SELECT name, t AS "table", try(format(q, t)) AS result
FROM af_differ, (VALUES ('af_msgs'), ('af_msgs_rev')) v(t) ORDER BY name, t;
-- sorted grouping
SET enable_hashagg = off;
RESET enable_sort;
EXPLAIN (COSTS OFF) SELECT team, smskpi.median_first_response(conv, inbound, ts, hours) FROM af_msgs GROUP BY team;
EXPLAIN (COSTS OFF) SELECT smskpi.median_first_response(conv, inbound, ts, hours) FROM af_msgs GROUP BY conv / 100;
SELECT name, t AS "table", try(format(q, t)) AS result
FROM af_equal, (VALUES ('af_msgs'), ('af_msgs_rev')) v(t) ORDER BY name, t;
SELECT name, t AS "table", try(format(q, t)) AS result
FROM af_differ, (VALUES ('af_msgs'), ('af_msgs_rev')) v(t) ORDER BY name, t;
RESET enable_hashagg;

-- As window aggregates (no Aggref to tell constants: every row is
-- checked).  Per team, running median in working time in k order:
-- team 1: k 1, 3 nothing answered (NULL); k 5 conv 1 (30) -> 00:30:00;
-- k 7 conv 2 (20) -> 00:25:00.  team 2: k 2, 4 NULL; k 6 conv 3 (60) ->
-- 01:00:00; k 8 conv 4 (180) -> 02:00:00.
SELECT k, team, smskpi.median_first_response(conv, inbound, ts, smskpi.make_business_hours(zone, weekly))
         OVER (PARTITION BY team ORDER BY k) AS running
FROM af_msgs ORDER BY k;
-- one window over both teams: the schedule differs from row 2 on
SELECT k, smskpi.median_first_response(conv, inbound, ts, smskpi.make_business_hours(zone, weekly))
         OVER (ORDER BY k) AS running
FROM af_msgs ORDER BY k;
SELECT k, (smskpi.first_response_stats(conv, inbound, ts, array[w[1]]) OVER (ORDER BY k)).answered_within
FROM af_msgs ORDER BY k;

-- Partial aggregation (one partial state per partition, combined by
-- response_state_combine): each partition's rows agree, the partitions
-- do not.  p1: 500 conversations answered after 60 min, window 30 min;
-- p2: 500 answered after 20 min, window 2 hours.  Combining must refuse
-- the different windows (22023).  With the same window in both
-- ('{1 hour}'): 1000 answered, all within 1 hour: {1000}, share {1}.
CREATE TABLE af_part (part int, g int, conv int, inbound bool, ts timestamptz, w interval[])
  PARTITION BY LIST (part);
CREATE TABLE af_part1 PARTITION OF af_part FOR VALUES IN (1);
CREATE TABLE af_part2 PARTITION OF af_part FOR VALUES IN (2);
INSERT INTO af_part SELECT 1, 1, c, d = 0, '2026-01-05 10:00+00'::timestamptz + d * interval '60 min', '{30 min}'
FROM generate_series(1, 500) c, generate_series(0, 1) d;
INSERT INTO af_part SELECT 2, 1, c, d = 0, '2026-01-05 10:00+00'::timestamptz + d * interval '20 min', '{2 hours}'
FROM generate_series(501, 1000) c, generate_series(0, 1) d;
ANALYZE af_part;
SET enable_partitionwise_aggregate = on;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT g, smskpi.first_response_stats(conv, inbound, ts, w) FROM af_part GROUP BY g;
SELECT g, smskpi.first_response_stats(conv, inbound, ts, w) FROM af_part GROUP BY g;
SELECT g, smskpi.first_response_percentile(conv, inbound, ts, part / 2.0) FROM af_part GROUP BY g;
SELECT g, (s).answered, (s).answered_within, (s).share_within
FROM (SELECT g, smskpi.first_response_stats(conv, inbound, ts, w[1:0] || '1 hour'::interval) s
      FROM af_part GROUP BY g) x;
RESET enable_hashagg;
RESET enable_partitionwise_aggregate;

-- ===================================================================
-- 2. Hand-edited states: the key type is checked on input (22P03)
-- ===================================================================
-- Base states, each one conversation asked at 10:00 and answered at 10:10.
-- Text form: \x, then magic (chars 3-10), kind (11-12), key kind (13-14),
-- key length (15-18), key type OID (19-26), ...
CREATE TABLE af_msg1 (inbound bool, ts timestamptz);
INSERT INTO af_msg1 VALUES (true, '2026-01-05 10:00+00'), (false, '2026-01-05 10:10+00');
CREATE DOMAIN af_bigint AS bigint;
CREATE DOMAIN af_uuid AS uuid;
CREATE TYPE af_shell;
-- an aggregate over the key-less transition function: a state without keys as the code writes it
CREATE AGGREGATE af_nokey_state(boolean, timestamptz) (
  SFUNC = smskpi.first_response_trans_nokey, STYPE = smskpi.response_state);
CREATE TABLE af_states AS
SELECT (SELECT smskpi.first_response_state(7::bigint, inbound, ts)::text FROM af_msg1) AS s8,
       (SELECT smskpi.first_response_state(7::int, inbound, ts)::text FROM af_msg1) AS s4,
       (SELECT smskpi.first_response_state('a'::text, inbound, ts)::text FROM af_msg1) AS st,
       (SELECT af_nokey_state(inbound, ts)::text FROM af_msg1) AS s0;
-- the fields as written: bigint (20 = 14), integer (23 = 17) by value, 8
-- and 4 bytes; text (25 = 19) as bytes, length -1; no key: kind 0, length 0, type 0
SELECT substr(s8, 13, 14) AS s8, substr(s4, 13, 14) AS s4, substr(st, 13, 14) AS st,
       substr(s0, 13, 14) AS s0 FROM af_states;
-- key type OID field set to t
CREATE FUNCTION af_keytype(s text, t oid) RETURNS text LANGUAGE sql
RETURN overlay(s PLACING lpad(to_hex(t::bigint), 8, '0') FROM 19 FOR 8);
-- the binary form, read by response_state_recv (COPY BINARY of a bytea field into a state column)
CREATE TABLE af_recv (s smskpi.response_state);
CREATE FUNCTION af_recv_info(hex text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE f text := '/tmp/smskpi_audit_fixes_' || pg_backend_pid() || '.bin';
  r text;
BEGIN
  EXECUTE format('COPY (SELECT decode(%L, ''hex'')) TO %L (FORMAT binary)', hex, f);
  TRUNCATE af_recv;
  EXECUTE format('COPY af_recv FROM %L (FORMAT binary)', f);
  SELECT (i).kind || ' ' || coalesce((i).key_type::text, 'no key') || ' ' || (i).conversations
         || ' ' || coalesce(smskpi.response_median(s)::text, 'NULL')
    INTO r FROM (SELECT s, smskpi.response_state_info(s) i FROM af_recv) x;
  RETURN r;
EXCEPTION WHEN OTHERS THEN
  RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;
-- Expected: accepted states print "first_response <key type> 1 00:10:00"
-- (one conversation, answered in 10 minutes); refused ones 22P03.
CREATE TABLE af_edits (name text, s text);
INSERT INTO af_edits SELECT name, s FROM af_states, LATERAL (VALUES
  ('bigint as written', s8),
  ('bigint, type 7fffffff', af_keytype(s8, 2147483647)),
  ('bigint, type 0', af_keytype(s8, 0)),
  ('bigint, type numeric', af_keytype(s8, 'numeric'::regtype)),
  ('bigint, type float8', af_keytype(s8, 'float8'::regtype)),
  ('bigint, type integer (4 bytes)', af_keytype(s8, 'integer'::regtype)),
  ('bigint, type bool (1 byte)', af_keytype(s8, 'bool'::regtype)),
  ('bigint, type text (bytes)', af_keytype(s8, 'text'::regtype)),
  ('bigint, type of a shell', af_keytype(s8, (SELECT oid FROM pg_type WHERE typname = 'af_shell'))),
  ('bigint, type timestamptz (8 bytes, by value)', af_keytype(s8, 'timestamptz'::regtype)),
  ('bigint, type a domain over bigint', af_keytype(s8, 'af_bigint'::regtype)),
  ('integer as written', s4),
  ('integer, type bigint (8 bytes)', af_keytype(s4, 'bigint'::regtype)),
  ('integer, type date (4 bytes)', af_keytype(s4, 'date'::regtype)),
  ('text as written', st),
  ('text, type numeric', af_keytype(st, 'numeric'::regtype)),
  ('text, type uuid (16 bytes)', af_keytype(st, 'uuid'::regtype)),
  ('text, type integer[]', af_keytype(st, 'integer[]'::regtype)),
  ('text, type bigint', af_keytype(st, 'bigint'::regtype)),
  ('text, type varchar', af_keytype(st, 'varchar'::regtype)),
  ('no key as written', s0),
  ('no key, type bigint', af_keytype(s0, 'bigint'::regtype)),
  ('no key, type 7fffffff', af_keytype(s0, 2147483647))) v(name, s);
-- text form
SELECT name, try(format($$SELECT (i).kind || ' ' || coalesce((i).key_type::text, 'no key') || ' ' || (i).conversations
    || ' ' || coalesce(smskpi.response_median(s)::text, 'NULL')
    FROM (SELECT s, smskpi.response_state_info(s) i FROM (SELECT %L::smskpi.response_state s) y) x$$, s)) AS text_form
FROM af_edits ORDER BY name;
-- binary form: the same answers
SELECT name, af_recv_info(substr(s, 3)) AS binary_form FROM af_edits ORDER BY name;
-- the issue's sequel: merging the edited state with a text-keyed state
-- stops at its input, not at a cache lookup (XX000)
SELECT try(format($$SELECT smskpi.response_state_merge(s::smskpi.response_state)::text
                    FROM (VALUES (%L), (%L)) v(s)$$, af_keytype(s8, 2147483647), st))
FROM af_states;

-- ===================================================================
-- 3. Merging: the key types must be the same type
-- ===================================================================
-- conversation 1 asked at 10:00, answered 10:10 (10 min); conversation 2
-- asked at 10:00, answered 10:30 (30 min); keys of the types named
CREATE TABLE af_conv (c int, inbound bool, ts timestamptz);
INSERT INTO af_conv VALUES (1, true, '2026-01-05 10:00+00'), (1, false, '2026-01-05 10:10+00'),
                           (2, true, '2026-01-05 10:00+00'), (2, false, '2026-01-05 10:30+00');
-- a: conversation 1's rows keyed by the first expression, b: conversation
-- 2's keyed by the second; the median of the merge, or the error
CREATE FUNCTION af_merge(ka text, kb text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format($q$SELECT smskpi.response_median(smskpi.response_state_merge(s))::text
    || ' over ' || (smskpi.response_state_info(smskpi.response_state_merge(s))).conversations
    FROM (SELECT smskpi.first_response_state(%s, inbound, ts) s FROM af_conv WHERE c = 1
          UNION ALL
          SELECT smskpi.first_response_state(%s, inbound, ts) FROM af_conv WHERE c = 2) x$q$, ka, kb)
    INTO r;
  RETURN r;
EXCEPTION WHEN OTHERS THEN
  RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;
-- Same type: two conversations, median (10 + 30) / 2 = 20 min: "00:20:00 over 2".
-- integer 1 and date 2000-01-02 (day 1) have the same 4 bytes: before the
-- fix they merged into one conversation (first response 10 min).  Every
-- pair of different types is refused with 22023, text and varchar included.
-- A domain's states are keyed by its base type (since 0.3.0: a state names
-- its key type by OID, which pg_dump does not keep for user types), so a
-- domain over bigint (uuid) and bigint (uuid) are one type: key 1 on both
-- sides is one conversation, first response 10 min, "00:10:00 over 1".
SELECT ka, kb, af_merge(ka, kb) FROM (VALUES
  ('1::int', '2::int'),
  ('1::int', '1::int'),
  ('c::text', 'c::text'),
  ('1::int', $$'2000-01-02'::date$$),
  ('1::int', '1::oid'),
  ('1::bigint', $$'2000-01-01 00:00:00.000001+00'::timestamptz$$),
  ('1::bigint', '1::af_bigint'),
  ($$'a'::text$$, $$'a'::varchar$$),
  ($$'a'::varchar$$, $$'b'::varchar$$),
  ($$'00000000-0000-0000-0000-000000000001'::uuid$$, $$'00000000-0000-0000-0000-000000000001'::af_uuid$$),
  ('1::bigint', '1::int'),
  ('1::bigint', '1::text')) v(ka, kb);
-- boolean and "char" keys, 1 byte by value each: a "char" key now needs a
-- cast (the call is ambiguous between anyelement and text, see
-- test/response_time_types.sql), so the "char"-keyed state is one stored
-- before, made here by editing a boolean-keyed one
SELECT try(format($$SELECT smskpi.response_median(smskpi.response_state_merge(s::smskpi.response_state))::text
                    FROM (VALUES (%L), (%L)) v(s)$$, a, af_keytype(b, '"char"'::regtype))) AS bool_char
FROM (SELECT (SELECT smskpi.first_response_state(true, inbound, ts)::text FROM af_conv WHERE c = 1) AS a,
             (SELECT smskpi.first_response_state(true, inbound, ts)::text FROM af_conv WHERE c = 2) AS b) x;
-- the issue's case and text against varchar, with the error's detail
SELECT smskpi.response_median(smskpi.response_state_merge(s))
FROM (SELECT smskpi.first_response_state(c, inbound, ts) s FROM af_conv WHERE c = 1
      UNION ALL
      SELECT smskpi.first_response_state('2000-01-02'::date, inbound, ts) FROM af_conv WHERE c = 2) x;
SELECT smskpi.response_median(smskpi.response_state_merge(s))
FROM (SELECT smskpi.reply_time_state(c::text, inbound, ts) s FROM af_conv WHERE c = 1
      UNION ALL
      SELECT smskpi.reply_time_state(c::varchar, inbound, ts) FROM af_conv WHERE c = 2) x;
-- states with different windows or fractions (hand-made: the state
-- aggregates always store the defaults) do not merge either: conversation
-- 7's state with windows {30 min} instead of the default three
SELECT try(format($$SELECT smskpi.response_state_merge(s::smskpi.response_state)::text
                    FROM (VALUES (%L), (%L)) v(s)$$,
       s8, overlay(s8 PLACING '00000001' || lpad(to_hex(30 * 60 * 1000000), 16, '0')
                   FROM 43 FOR 56)))
FROM af_states;
-- (chars 27-42 are the fraction, 43-50 the number of windows, then 16 a window)
SELECT substr(s8, 27, 16) AS fraction, substr(s8, 43, 8) AS nwindows FROM af_states;
SELECT try(format($$SELECT smskpi.response_state_merge(s::smskpi.response_state)::text
                    FROM (VALUES (%L), (%L)) v(s)$$,
       s8, overlay(s8 PLACING '3fe0000000000000' FROM 27 FOR 16)))
FROM af_states;

-- ===================================================================
-- 4. Error texts
-- ===================================================================
SELECT q, try(q) FROM (VALUES
  -- 300000 years = 3,600,000 months of 30 days: over 2^63 microseconds
  ($$SELECT smskpi.first_response_stats(c, inbound, ts, '{300000 years}')::text FROM af_conv$$),
  ($$SELECT smskpi.response_stats(smskpi.first_response_state(c, inbound, ts), '{300000 years}')::text FROM af_conv$$),
  ($$SELECT smskpi.first_response_stats(c, inbound, ts, '{-1 s}')::text FROM af_conv$$),
  ($$SELECT count(*)::text FROM smskpi.speed_to_lead(NULL::bytea, NULL::bytea, within => '-1 s')$$),
  ($$SELECT count(*)::text FROM smskpi.speed_to_lead(NULL::bytea, NULL::bytea, within => '1 mon')$$),
  ($$SELECT count(*)::text FROM smskpi.speed_to_lead(NULL::bytea, NULL::bytea, within => '2000000000 days')$$),
  ($$SELECT count(*)::text FROM smskpi.reply_attribution(NULL::bytea, reply_window => '-1 s')$$),
  ($$SELECT count(*)::text FROM smskpi.campaign_falloff(NULL::bytea, reply_window => '0 s')$$),
  ($$SELECT count(*)::text FROM smskpi.unanswered_streaks(NULL::bytea, reply_window => '1 year')$$),
  ($$SELECT smskpi.first_response_percentile(c, inbound, ts, 1.0000001)::text FROM af_conv$$),
  ($$SELECT smskpi.first_response_percentile(c, inbound, ts, -1e-300)::text FROM af_conv$$),
  ($$SELECT smskpi.response_percentile(smskpi.first_response_state(c, inbound, ts), 1.0000000000000002)::text FROM af_conv$$),
  ($$SELECT smskpi.response_percentile(smskpi.first_response_state(c, inbound, ts), 'Infinity')::text FROM af_conv$$),
  ($$SELECT smskpi.reply_time_percentile(c, inbound, ts, 'NaN')::text FROM af_conv$$),
  -- in range: 1 and 0 themselves (30 min, 10 min)
  ($$SELECT smskpi.first_response_percentile(c, inbound, ts, 1)::text FROM af_conv$$),
  ($$SELECT smskpi.first_response_percentile(c, inbound, ts, 0)::text FROM af_conv$$)) v(q);

DROP TABLE af_msgs, af_msgs_rev, af_equal, af_differ, af_part, af_msg1, af_states, af_recv,
  af_edits, af_conv;
DROP AGGREGATE af_nokey_state(boolean, timestamptz);
DROP FUNCTION try(text), af_keytype(text, oid), af_recv_info(text), af_merge(text, text);
DROP DOMAIN af_bigint;
DROP DOMAIN af_uuid;
DROP TYPE af_shell;
