-- response_state_merge over many states (issue 14): a state is appended to the
-- accumulating state's log and merged in bulk when the log fills
-- (src/response_state.c, "Combining").  Whatever the number, order and
-- shape of the states, the merge is exactly the state built from the rows:
-- the same text form (canonical) and the same answers, equal to plain-SQL
-- references.  States: one per conversation (log only), per day and per
-- part (compacted entries, stored events), read back from text (compacted
-- only), keyed by integer, text and uuid, first response and reply time,
-- business hours; serial, parallel and as a window aggregate; 100,000
-- one-conversation states (expanded state, many log-full merges); states
-- that must not merge.
SET timezone = 'UTC';
SET intervalstyle = 'postgres';
SET jit = off;

-- ===================================================================
-- 1. Conversations split across states, by hand
-- ===================================================================
-- parts A, B, C; times on 2026-03-02 (a Monday), UTC:
--  c1: out 09:00 (C), in 10:00 (B), out 10:05 (A): the 09:00 message answers
--      nothing; first response 5 min; one turn, 5 min
--  c2: in 10:00 (A), out 09:50 (B), in 09:30 (C): asked at 09:30 (only C
--      knows it), answered 09:50 (B's message, earlier than A's question):
--      20 min; turns: 09:30 -> 09:50 (20 min), 10:00 unanswered
--  c3: out 11:00 (A), out 08:00 (B), in 09:00 (C): 2 hours; one turn, 2 hours
--  c4: in 12:00 (C): asked, unanswered; one turn, unanswered
--  c5: out 08:00 (A), out 08:30 (B): never asked
-- first response: asked 4, answered 3 {5 min, 20 min, 2 h}: median 20 min,
-- mean 48:20 ((5 + 20 + 120) / 3 min), max 2 h.  Reply time: 5 turns, 3
-- answered {5 min, 20 min, 2 h}: median 20 min.
CREATE TABLE rsm_hand (part text, conv int, inbound bool, ts timestamptz);
INSERT INTO rsm_hand VALUES
  ('C', 1, false, '2026-03-02 09:00+00'), ('B', 1, true, '2026-03-02 10:00+00'), ('A', 1, false, '2026-03-02 10:05+00'),
  ('A', 2, true, '2026-03-02 10:00+00'), ('B', 2, false, '2026-03-02 09:50+00'), ('C', 2, true, '2026-03-02 09:30+00'),
  ('A', 3, false, '2026-03-02 11:00+00'), ('B', 3, false, '2026-03-02 08:00+00'), ('C', 3, true, '2026-03-02 09:00+00'),
  ('C', 4, true, '2026-03-02 12:00+00'),
  ('A', 5, false, '2026-03-02 08:00+00'), ('B', 5, false, '2026-03-02 08:30+00');
CREATE TABLE rsm_hand_states AS
SELECT part, smskpi.first_response_state(conv, inbound, ts) AS f,
       smskpi.reply_time_state(conv, inbound, ts) AS r
FROM rsm_hand GROUP BY part;
-- every order of the three parts: the built state, and the answers above
SELECT o AS merge_order,
       smskpi.response_state_merge(f ORDER BY strpos(o, part))::text
         = (SELECT smskpi.first_response_state(conv, inbound, ts)::text FROM rsm_hand) AS first_same,
       smskpi.response_state_merge(r ORDER BY strpos(o, part))::text
         = (SELECT smskpi.reply_time_state(conv, inbound, ts)::text FROM rsm_hand) AS reply_same,
       smskpi.response_stats(smskpi.response_state_merge(f ORDER BY strpos(o, part))) AS first_response,
       smskpi.response_stats(smskpi.response_state_merge(r ORDER BY strpos(o, part))) AS reply_time
FROM rsm_hand_states, (VALUES ('ABC'), ('ACB'), ('BAC'), ('BCA'), ('CAB'), ('CBA')) v(o)
GROUP BY o ORDER BY o;
-- the same states read back from their text form (compacted entries only)
SELECT smskpi.response_state_merge(f::text::smskpi.response_state ORDER BY part DESC)::text
         = (SELECT smskpi.first_response_state(conv, inbound, ts)::text FROM rsm_hand) AS first_from_text,
       smskpi.response_state_merge(r::text::smskpi.response_state ORDER BY part DESC)::text
         = (SELECT smskpi.reply_time_state(conv, inbound, ts)::text FROM rsm_hand) AS reply_from_text
FROM rsm_hand_states;
-- one state per message (12 states, 5 conversations)
SELECT smskpi.response_state_merge(s ORDER BY ts DESC)::text
         = (SELECT smskpi.first_response_state(conv, inbound, ts)::text FROM rsm_hand) AS per_message,
       smskpi.response_median(smskpi.response_state_merge(s ORDER BY ts DESC)) AS median
FROM (SELECT ts, smskpi.first_response_state(conv, inbound, ts) s FROM rsm_hand GROUP BY conv, inbound, ts) x;

-- ===================================================================
-- 2. 8,000 conversations in many states, against plain SQL
-- ===================================================================
-- 1..6 messages each, minute resolution over 3 days (ties, both
-- directions at one instant, and conversations spanning days are common)
CREATE TABLE rsm AS
SELECT conv, k,
       (hashint8extended(conv * 10 + k, 21) & 1) = 0 AS inbound,
       '2026-03-02'::timestamptz
         + (abs(hashint8extended(conv * 10 + k, 22)) % 4320) * interval '1 min' AS ts
FROM generate_series(1, 8000) conv, generate_series(1, 6) k
WHERE k <= 1 + abs(hashint8extended(conv, 23)) % 6
ORDER BY hashint8extended(conv * 10 + k, 24);
ANALYZE rsm;
SELECT count(*) > 25000 AS enough_rows FROM rsm;

-- plain-SQL references (as test/response_time_expanded.sql): first response
-- per conversation; a turn starts at an inbound message not preceded by one
-- in (ts, inbound first) order and is answered by the next outbound message
CREATE TABLE rsm_frt AS
SELECT conv, fi, min(ts) FILTER (WHERE NOT inbound AND ts >= fi) - fi AS frt
FROM (SELECT *, min(ts) FILTER (WHERE inbound) OVER (PARTITION BY conv) AS fi FROM rsm) s
GROUP BY conv, fi;
CREATE TABLE rsm_turn AS
SELECT conv, next_out - ts AS reply
FROM (SELECT conv, ts, inbound, lag(inbound) OVER w AS prev_in,
             min(CASE WHEN NOT inbound THEN ts END) OVER (w ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_out
      FROM rsm WINDOW w AS (PARTITION BY conv ORDER BY ts, inbound DESC)) t
WHERE inbound AND prev_in IS DISTINCT FROM true;
CREATE TABLE rsm_expected AS
SELECT (SELECT count(fi) FROM rsm_frt) AS asked,
       (SELECT count(frt) FROM rsm_frt) AS answered,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) FROM rsm_frt) AS median,
       (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY frt) FROM rsm_frt) AS p90,
       (SELECT count(*) FILTER (WHERE frt <= '1 hour') FROM rsm_frt) AS within_1h,
       (SELECT count(*) FROM rsm_turn) AS turns,
       (SELECT count(reply) FROM rsm_turn) AS turns_answered,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY reply) FROM rsm_turn) AS reply_median;
SELECT asked > 6000 AS many_asked, answered < asked AS some_unanswered, turns > asked AS more_turns
FROM rsm_expected;

-- the states built from the rows, and the answers: the plain-SQL ones
CREATE TABLE rsm_built AS
SELECT smskpi.first_response_state(conv, inbound, ts)::text AS f,
       smskpi.reply_time_state(conv, inbound, ts)::text AS r,
       smskpi.first_response_state(conv::text, inbound, ts)::text AS f_text,
       smskpi.reply_time_state(md5(conv::text)::uuid, inbound, ts)::text AS r_uuid
FROM rsm;
CREATE FUNCTION rsm_answers(f smskpi.response_state, r smskpi.response_state)
RETURNS TABLE (asked bigint, answered bigint, median interval, p90 interval, within_1h bigint,
               turns bigint, turns_answered bigint, reply_median interval)
LANGUAGE sql STABLE AS $$
  SELECT (sf).asked, (sf).answered, (sf).median, (sf).p90, (sf).answered_within[2],
         (sr).asked, (sr).answered, (sr).median
  FROM (SELECT smskpi.response_stats(f) AS sf, smskpi.response_stats(r) AS sr) x
$$;
SELECT ROW(e.*) IS NOT DISTINCT FROM ROW(a.*) AS built_equals_plain_sql
FROM rsm_expected e, rsm_built b, rsm_answers(b.f::smskpi.response_state, b.r::smskpi.response_state) a;

-- states per conversation, per day, per part (a message's part: k mod 3, so
-- a conversation's question, answer and earlier messages are apart), per
-- (day, part) and per 100 conversations; each merged in key order, reversed
-- and shuffled: always the built state, keys of every type
CREATE TABLE rsm_states AS
SELECT 'conversation' AS split, conv AS id,
       smskpi.first_response_state(conv, inbound, ts) AS f,
       smskpi.reply_time_state(conv, inbound, ts) AS r,
       smskpi.first_response_state(conv::text, inbound, ts) AS f_text,
       smskpi.reply_time_state(md5(conv::text)::uuid, inbound, ts) AS r_uuid
FROM rsm GROUP BY conv
UNION ALL
SELECT 'day', extract(day FROM ts)::int,
       smskpi.first_response_state(conv, inbound, ts), smskpi.reply_time_state(conv, inbound, ts),
       smskpi.first_response_state(conv::text, inbound, ts), smskpi.reply_time_state(md5(conv::text)::uuid, inbound, ts)
FROM rsm GROUP BY 2
UNION ALL
SELECT 'part', k % 3,
       smskpi.first_response_state(conv, inbound, ts), smskpi.reply_time_state(conv, inbound, ts),
       smskpi.first_response_state(conv::text, inbound, ts), smskpi.reply_time_state(md5(conv::text)::uuid, inbound, ts)
FROM rsm GROUP BY 2
UNION ALL
SELECT 'day and part', extract(day FROM ts)::int * 10 + k % 3,
       smskpi.first_response_state(conv, inbound, ts), smskpi.reply_time_state(conv, inbound, ts),
       smskpi.first_response_state(conv::text, inbound, ts), smskpi.reply_time_state(md5(conv::text)::uuid, inbound, ts)
FROM rsm GROUP BY 2
UNION ALL
SELECT '100 conversations', conv % 80,
       smskpi.first_response_state(conv, inbound, ts), smskpi.reply_time_state(conv, inbound, ts),
       smskpi.first_response_state(conv::text, inbound, ts), smskpi.reply_time_state(md5(conv::text)::uuid, inbound, ts)
FROM rsm GROUP BY 2;
SELECT split, count(*) AS states FROM rsm_states GROUP BY split ORDER BY split;
SELECT split, o AS merge_order,
       m.f = (SELECT f FROM rsm_built) AS first, m.r = (SELECT r FROM rsm_built) AS reply,
       m.f_text = (SELECT f_text FROM rsm_built) AS first_text_keys,
       m.r_uuid = (SELECT r_uuid FROM rsm_built) AS reply_uuid_keys
FROM (SELECT split, o,
             smskpi.response_state_merge(f ORDER BY CASE o WHEN 'key' THEN id WHEN 'reversed' THEN -id
                                                   ELSE hashint4(id) END)::text AS f,
             smskpi.response_state_merge(r ORDER BY CASE o WHEN 'key' THEN id WHEN 'reversed' THEN -id
                                                   ELSE hashint4(id) END)::text AS r,
             smskpi.response_state_merge(f_text ORDER BY CASE o WHEN 'key' THEN id WHEN 'reversed' THEN -id
                                                        ELSE hashint4(id) END)::text AS f_text,
             smskpi.response_state_merge(r_uuid ORDER BY CASE o WHEN 'key' THEN id WHEN 'reversed' THEN -id
                                                        ELSE hashint4(id) END)::text AS r_uuid
      FROM rsm_states, (VALUES ('key'), ('reversed'), ('shuffled')) v(o)
      GROUP BY split, o) m
ORDER BY split, o;
-- the answers of each split's merge, and of every split at once (each
-- conversation's rows five times over: duplicate rows change no answer)
SELECT coalesce(split, 'all at once') AS split, ROW(e.*) IS NOT DISTINCT FROM ROW(a.*) AS answers
FROM (SELECT split, smskpi.response_state_merge(f ORDER BY hashint4(id)) AS f,
             smskpi.response_state_merge(r ORDER BY -id) AS r
      FROM rsm_states GROUP BY GROUPING SETS ((split), ())) m,
     rsm_expected e, rsm_answers(m.f, m.r) a
ORDER BY split NULLS LAST;
-- states read back from their text form hold compacted entries (and their
-- stored messages) only: merged, the built state too
SELECT split,
       smskpi.response_state_merge(f::text::smskpi.response_state ORDER BY hashint4(id))::text
         = (SELECT f FROM rsm_built) AS first,
       smskpi.response_state_merge(r::text::smskpi.response_state ORDER BY -id)::text
         = (SELECT r FROM rsm_built) AS reply,
       smskpi.response_state_merge(f_text::text::smskpi.response_state)::text
         = (SELECT f_text FROM rsm_built) AS first_text_keys
FROM rsm_states
WHERE split IN ('conversation', 'day and part') GROUP BY split ORDER BY split;
-- merged states merged again (per-day states of per-part states)
SELECT smskpi.response_state_merge(m ORDER BY d DESC)::text = (SELECT r FROM rsm_built) AS merge_of_merges
FROM (SELECT id / 10 AS d, smskpi.response_state_merge(r) AS m FROM rsm_states
      WHERE split = 'day and part' GROUP BY 1) x;

-- parallel (the recipe: ordinary ANALYZEd table, costs zeroed): workers
-- merge their share of the states, the leader combines the partial states
ANALYZE rsm_states;
SELECT smskpi.response_state_merge(f)::text AS serial_f, smskpi.response_state_merge(r_uuid)::text AS serial_r
FROM rsm_states WHERE split = 'conversation' \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION rsm_plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF line LIKE '%' || what || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT rsm_plan_has($$SELECT smskpi.response_state_merge(f) FROM rsm_states WHERE split = 'conversation'$$,
                    'Partial Aggregate') AS plan_is_partial;
SELECT smskpi.response_state_merge(f)::text AS parallel_f, smskpi.response_state_merge(r_uuid)::text AS parallel_r
FROM rsm_states WHERE split = 'conversation' \gset
SELECT :'parallel_f' = :'serial_f' AS parallel_first_equals_serial,
       :'parallel_f' = f AS parallel_first_equals_built,
       :'parallel_r' = :'serial_r' AS parallel_reply_equals_serial,
       :'parallel_r' = r_uuid AS parallel_reply_equals_built
FROM rsm_built;
-- grouped: the states of each split merged in parallel
SELECT rsm_plan_has($$SELECT split, smskpi.response_state_merge(f) FROM rsm_states GROUP BY split$$,
                    'Partial') AS grouped_plan_is_partial;
SELECT split, smskpi.response_state_merge(f)::text = (SELECT f FROM rsm_built) AS first,
       smskpi.response_state_merge(f_text)::text = (SELECT f_text FROM rsm_built) AS first_text_keys
FROM rsm_states GROUP BY split ORDER BY split;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- as a window aggregate: the running merge of the daily states is, at each
-- day, the state of the rows up to that day
SELECT d, m = (SELECT smskpi.first_response_state(conv, inbound, ts)::text FROM rsm
               WHERE extract(day FROM ts) <= d) AS running_merge
FROM (SELECT id AS d, smskpi.response_state_merge(f) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING)::text AS m
      FROM rsm_states WHERE split = 'day') x ORDER BY d;

-- ===================================================================
-- 3. 100,000 one-conversation states
-- ===================================================================
-- 1..3 messages each over 3 days: the merged state passes 128 kB (expanded)
-- after a few thousand states, and its log fills and is merged again and
-- again (it holds as many rows as the state holds items: about 20 merges)
CREATE TABLE rsm_big AS
SELECT conv, (hashint8extended(conv * 10 + k, 31) & 1) = 0 AS inbound,
       '2026-03-02'::timestamptz + (abs(hashint8extended(conv * 10 + k, 32)) % 4320) * interval '1 min' AS ts
FROM generate_series(1, 100000) conv, generate_series(1, 3) k
WHERE k <= 1 + abs(hashint8extended(conv, 33)) % 3;
CREATE TABLE rsm_big_states AS
SELECT conv, smskpi.first_response_state(conv, inbound, ts) AS f FROM rsm_big GROUP BY conv;
SELECT md5(smskpi.first_response_state(conv, inbound, ts)::text) AS big_built FROM rsm_big \gset
SELECT count(*) AS states,
       md5(smskpi.response_state_merge(f)::text) = :'big_built' AS merged,
       md5(smskpi.response_state_merge(f ORDER BY conv DESC)::text) = :'big_built' AS reversed,
       (smskpi.response_state_info(smskpi.response_state_merge(f))).conversations
FROM rsm_big_states;
-- a big state, small ones merged into it, then a bigger one
SELECT smskpi.response_state_merge(s ORDER BY o)::text
         = (SELECT smskpi.first_response_state(conv, inbound, ts)::text
            FROM rsm_big WHERE conv <= 5000 OR conv > 99000) AS mixed_sizes
FROM (SELECT 1 AS o, smskpi.first_response_state(conv, inbound, ts) AS s FROM rsm_big WHERE conv <= 1000
      UNION ALL
      SELECT 2 + conv, f FROM rsm_big_states WHERE conv > 99000
      UNION ALL
      SELECT 1000000, smskpi.first_response_state(conv, inbound, ts) FROM rsm_big WHERE conv BETWEEN 1001 AND 5000) x;

-- ===================================================================
-- 4. Business hours
-- ===================================================================
-- working time Mon-Fri 09:00-17:00 New York; states per day and part
CREATE TABLE rsm_bh AS
SELECT extract(day FROM ts)::int * 10 + k % 3 AS id,
       smskpi.first_response_state(conv, inbound, ts, 'America/New_York; mon-fri 09:00-17:00') AS f,
       smskpi.reply_time_state(conv, inbound, ts, 'America/New_York; mon-fri 09:00-17:00') AS r
FROM rsm GROUP BY 1;
SELECT smskpi.response_state_merge(f ORDER BY -id)::text
         = (SELECT smskpi.first_response_state(conv, inbound, ts, 'America/New_York; mon-fri 09:00-17:00')::text FROM rsm) AS first_same,
       smskpi.response_state_merge(r ORDER BY hashint4(id))::text
         = (SELECT smskpi.reply_time_state(conv, inbound, ts, 'America/New_York; mon-fri 09:00-17:00')::text FROM rsm) AS reply_same,
       smskpi.response_median(smskpi.response_state_merge(f))
         = (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY smskpi.business_time('America/New_York; mon-fri 09:00-17:00', fi, fi + frt))
            FROM rsm_frt WHERE frt IS NOT NULL) AS working_median
FROM rsm_bh;

-- ===================================================================
-- 5. States that do not merge (issue 16): whatever their position
-- ===================================================================
-- many states of one kind and one of another, first or last
SELECT smskpi.response_state_merge(s ORDER BY o) FROM (
  SELECT id AS o, f AS s FROM rsm_states WHERE split = 'day and part'
  UNION ALL SELECT 1000, r FROM rsm_states WHERE split = 'day' AND id = 2) x;
SELECT smskpi.response_state_merge(s ORDER BY o) FROM (
  SELECT id AS o, f AS s FROM rsm_states WHERE split = 'conversation'
  UNION ALL SELECT 0, f_text FROM rsm_states WHERE split = 'day' AND id = 2) x;
SELECT smskpi.response_state_merge(s ORDER BY o) FROM (
  SELECT id AS o, f AS s FROM rsm_states WHERE split = 'conversation'
  UNION ALL SELECT 100000, f FROM rsm_bh WHERE id = 20) x;
SELECT smskpi.response_state_merge(s ORDER BY o) FROM (
  SELECT id AS o, f AS s FROM rsm_bh
  UNION ALL SELECT 100000, f FROM rsm_states WHERE split = 'conversation' AND id = 7) x;
SELECT smskpi.response_state_merge(s ORDER BY o) FROM (
  SELECT id AS o, f AS s FROM rsm_states WHERE split = 'conversation'
  UNION ALL SELECT 100000, smskpi.first_response_state(conv::bigint, inbound, ts) FROM rsm WHERE conv = 7) x;

DROP TABLE rsm_hand, rsm_hand_states, rsm, rsm_frt, rsm_turn, rsm_expected, rsm_built, rsm_states,
           rsm_big, rsm_big_states, rsm_bh;
DROP FUNCTION rsm_answers(smskpi.response_state, smskpi.response_state);
DROP FUNCTION rsm_plan_has(text, text);
