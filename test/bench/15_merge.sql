-- Benchmark: merging stored response-time states (issue 14) against building
-- one state of the same conversations from their rows.
--
-- Data: the first 1.5M conversations (by conversation_id) of bench.messages,
-- (conversation_id, inbound, sent_at) in bench.merge_msgs; when bench.messages
-- has fewer conversations, its conversations are repeated under new ids until
-- there are 1.5M.  From them, for first response and for reply time:
--   - one state per conversation (1.5M states, as a per-conversation rollup
--     stores them: small, log-only states);
--   - 300 "daily" states of 5,000 conversations each (conversations ranked
--     by id, 5,000 to a state: compacted states with stored events, as a
--     nightly rollup stores them);
-- stored in tables.  Timed (best of 3 after a warm-up, wall clock and the
-- backend's CPU time; serial plans, so the ratios compare the same work):
--   build    response_state_info(first_response_state(...)) over the rows
--            of all 1.5M conversations (one group);
--   merge    response_state_info(response_state_merge(s)) over the stored
--            states of the same conversations;
--   scan     count(*) over the rows and over the per-conversation states
--            (what any query reading them pays).
-- Printed: ms, CPU ms, both per million conversations, and merge / build per
-- conversation (the goal of issue 14: at most 2).  Also the growth with the
-- number of states: the first 5,000, 10,000, 20,000 and 100,000
-- per-conversation states (a quadratic merge doubles its time per million
-- conversations at each doubling; a linear one keeps it flat).
-- Before issue 14 (0.2.0, and 0.3.0 up to 456176b) merging was quadratic:
-- each state was merged into the whole accumulated one.  Run with
-- -v quick=1 (the growth up to 20,000 states only, what is cheap for it),
-- that library took 0.34 / 1.66 / 5.48 s of CPU (0.71 / 3.5 / 8.3 s wall,
-- load average 4.3 on 2 cores) for 5,000 / 10,000 / 20,000 states of the
-- 10M-message data, where this one takes about 10 ms for 20,000; 1.5M
-- states would have taken hours.
--   psql -v n=... -v quick=1 -f test/bench/15_merge.sql
-- The load average of the machine is printed before and after.
\set ON_ERROR_STOP 1
\if :{?quick}
\else
\set quick 0
\endif
SET work_mem = '256MB';
SET max_parallel_workers_per_gather = 0;
\echo load average (1, 5, 15 min) before:
\! cat /proc/loadavg

-- the conversations: 1.5M, repeated under new ids if bench.messages has fewer
DROP TABLE IF EXISTS bench.merge_msgs, bench.merge_rank, bench.merge_conv, bench.merge_day, bench.merge_first,
  bench.merge_timings;
CREATE TABLE bench.merge_msgs AS
WITH conv AS (SELECT DISTINCT conversation_id FROM bench.messages),
n AS (SELECT count(*) AS n FROM conv),
ids AS (SELECT c.conversation_id AS src, c.conversation_id + copy * (1::bigint << 48) AS conversation_id
        FROM conv c, generate_series(0, (1499999 / (SELECT n FROM n))::int) copy
        ORDER BY 2 LIMIT 1500000)
SELECT ids.conversation_id, m.direction = 'inbound' AS inbound, m.sent_at
FROM bench.messages m JOIN ids ON m.conversation_id = ids.src;
-- conversation rank -> "day" (5,000 conversations each)
CREATE TABLE bench.merge_rank AS
SELECT conversation_id, (row_number() OVER (ORDER BY conversation_id) - 1) / 5000 AS day
FROM (SELECT DISTINCT conversation_id FROM bench.merge_msgs) d;
VACUUM ANALYZE bench.merge_msgs;
VACUUM ANALYZE bench.merge_rank;
SELECT count(*) AS messages, count(DISTINCT conversation_id) AS conversations FROM bench.merge_msgs;

-- stored states
CREATE TABLE bench.merge_conv AS
SELECT conversation_id, smskpi.first_response_state(conversation_id, inbound, sent_at) AS f,
       smskpi.reply_time_state(conversation_id, inbound, sent_at) AS r
FROM bench.merge_msgs GROUP BY conversation_id;
CREATE TABLE bench.merge_day AS
SELECT day, smskpi.first_response_state(conversation_id, inbound, sent_at) AS f,
       smskpi.reply_time_state(conversation_id, inbound, sent_at) AS r
FROM bench.merge_msgs JOIN bench.merge_rank USING (conversation_id) GROUP BY day;
VACUUM ANALYZE bench.merge_conv;
VACUUM ANALYZE bench.merge_day;
SELECT 'per conversation' AS states, count(*), pg_size_pretty(pg_total_relation_size('bench.merge_conv')) AS stored
FROM bench.merge_conv
UNION ALL
SELECT 'daily', count(*), pg_size_pretty(pg_total_relation_size('bench.merge_day')) FROM bench.merge_day;
-- the merges give the built states (tested in test/response_state_merge.sql)
SELECT (SELECT smskpi.response_state_merge(f)::text FROM bench.merge_day WHERE day < 10)
     = (SELECT smskpi.first_response_state(conversation_id, inbound, sent_at)::text
        FROM bench.merge_msgs JOIN bench.merge_rank USING (conversation_id) WHERE day < 10) AS daily_merge_equals_build;

CREATE TABLE bench.merge_timings (ord int, kind text, what text, conversations bigint, ms float8, cpu_ms float8);
-- like bench.time (best of runs after a warm-up), with the backend's CPU time
-- too (utime + stime of /proc/self/stat, 10 ms ticks; superusers only, else
-- NULL): on a shared machine it moves less than the wall-clock time
CREATE OR REPLACE FUNCTION bench.merge_time(query text, runs int DEFAULT 3,
                                            OUT wall_ms float8, OUT cpu_ms float8)
LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; c0 float8; c1 float8;
  can_cpu boolean := pg_has_role('pg_read_server_files', 'MEMBER');
BEGIN
  EXECUTE query;                       -- warm-up
  wall_ms := 'infinity';
  FOR i IN 1..runs LOOP
    IF can_cpu THEN
      SELECT (f[12]::float8 + f[13]::float8) * 10 INTO c0
      FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) x;
    END IF;
    t0 := clock_timestamp();
    EXECUTE query;
    wall_ms := least(wall_ms, extract(epoch FROM clock_timestamp() - t0) * 1000);
    IF can_cpu THEN
      SELECT (f[12]::float8 + f[13]::float8) * 10 INTO c1
      FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) x;
      cpu_ms := least(coalesce(cpu_ms, 'infinity'), c1 - c0);
    END IF;
  END LOOP;
END $$;

-- growth with the number of states (cheap for a quadratic merge too): the
-- first 100,000 per-conversation states, in id order, read k at a time
CREATE TABLE bench.merge_first AS
SELECT conversation_id, f FROM bench.merge_conv ORDER BY conversation_id LIMIT 100000;
VACUUM ANALYZE bench.merge_first;
INSERT INTO bench.merge_timings
SELECT 10 + ord, 'first response', 'merge: first ' || k || ' per-conversation states', k, (t).*
FROM (SELECT ord, k, bench.merge_time(format($$SELECT smskpi.response_state_info(smskpi.response_state_merge(f))
                                              FROM (SELECT f FROM bench.merge_first LIMIT %s) x$$, k)) AS t
      FROM unnest(CASE WHEN :quick = 1 THEN '{5000,10000,20000}'::int[]
                 ELSE '{5000,10000,20000,100000}'::int[] END) WITH ORDINALITY u(k, ord)) x;

\if :quick
\else
INSERT INTO bench.merge_timings
SELECT ord, kind, what, 1500000, (bench.merge_time(q)).*
FROM (VALUES
  (1, 'first response', 'build from rows',
   $$SELECT smskpi.response_state_info(smskpi.first_response_state(conversation_id, inbound, sent_at)) FROM bench.merge_msgs$$),
  (2, 'first response', 'merge: 1.5M per-conversation states',
   $$SELECT smskpi.response_state_info(smskpi.response_state_merge(f)) FROM bench.merge_conv$$),
  (3, 'first response', 'merge: 300 daily states',
   $$SELECT smskpi.response_state_info(smskpi.response_state_merge(f)) FROM bench.merge_day$$),
  (21, 'reply time', 'build from rows',
   $$SELECT smskpi.response_state_info(smskpi.reply_time_state(conversation_id, inbound, sent_at)) FROM bench.merge_msgs$$),
  (22, 'reply time', 'merge: 1.5M per-conversation states',
   $$SELECT smskpi.response_state_info(smskpi.response_state_merge(r)) FROM bench.merge_conv$$),
  (23, 'reply time', 'merge: 300 daily states',
   $$SELECT smskpi.response_state_info(smskpi.response_state_merge(r)) FROM bench.merge_day$$)) v(ord, kind, what, q);
-- scans of the tables read (what any query over them pays; the daily states
-- are TOASTed, which a count does not read, so they have no such line)
INSERT INTO bench.merge_timings
SELECT ord, 'scan', what, 1500000, (bench.merge_time(q)).*
FROM (VALUES (31, 'count(*): the rows', 'SELECT count(*) FROM bench.merge_msgs'),
             (32, 'count(*): 1.5M per-conversation states', 'SELECT count(f), count(r) FROM bench.merge_conv')) v(ord, what, q);
\endif

SELECT t.kind, t.what, round(t.ms::numeric) AS ms, round(t.cpu_ms::numeric) AS "cpu ms",
       round((t.ms / (t.conversations / 1e6))::numeric) AS "ms per million conversations",
       round((t.cpu_ms / (t.conversations / 1e6))::numeric) AS "cpu ms per million",
       CASE WHEN t.what LIKE 'merge: %' AND b.ms IS NOT NULL
            THEN round(((t.ms / t.conversations) / (b.ms / b.conversations))::numeric, 2) END
         AS "merge / build",
       CASE WHEN t.what LIKE 'merge: %' AND b.cpu_ms > 0 AND t.conversations >= 100000
            THEN round(((t.cpu_ms / t.conversations) / (b.cpu_ms / b.conversations))::numeric, 2) END
         AS "merge / build (cpu)"
FROM bench.merge_timings t
LEFT JOIN bench.merge_timings b ON b.kind = t.kind AND b.what = 'build from rows'
ORDER BY t.ord;

\echo load average (1, 5, 15 min) after:
\! cat /proc/loadavg
DROP TABLE bench.merge_msgs, bench.merge_rank, bench.merge_conv, bench.merge_day, bench.merge_first,
  bench.merge_timings;
DROP FUNCTION bench.merge_time(text, int);
