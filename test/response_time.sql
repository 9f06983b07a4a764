-- Response times: hand-computed cases.  Expected values are worked out in the
-- comments; every query prints the value and whether it equals the hand value.
SET timezone = 'UTC';
SET intervalstyle = 'postgres';
SET datestyle = 'ISO, YMD';
CREATE TABLE rt (conv int, inbound boolean, ts timestamptz);
INSERT INTO rt VALUES
  -- 1: asked 10:00, answered 10:05 (and again 10:30): FRT 5 min
  (1, true,  '2026-01-05 10:00'), (1, false, '2026-01-05 10:05'), (1, false, '2026-01-05 10:30'),
  -- 2: outbound 09:00 before the first inbound 11:00 does not answer it; 11:20 does: 20 min
  (2, false, '2026-01-05 09:00'), (2, true,  '2026-01-05 11:00'), (2, false, '2026-01-05 11:20'),
  -- 3: inbound only: asked, unanswered
  (3, true,  '2026-01-05 12:00'),
  -- 4: outbound only: not asked
  (4, false, '2026-01-05 12:00'),
  -- 5: reply in the same instant: FRT 0
  (5, true,  '2026-01-05 08:00'), (5, false, '2026-01-05 08:00'),
  -- 6: burst of inbound 13:00, 13:01, 13:02 answered 14:00: FRT 60 min from the first
  (6, true,  '2026-01-05 13:02'), (6, true,  '2026-01-05 13:00'), (6, true, '2026-01-05 13:01'),
  (6, false, '2026-01-05 14:00'),
  -- 7: duplicate timestamps; NULL rows are skipped
  (7, true,  '2026-01-05 15:00'), (7, true,  '2026-01-05 15:00'), (7, false, '2026-01-05 15:10'),
  (7, false, '2026-01-05 15:10'), (7, NULL, '2026-01-05 14:00'), (7, true, NULL),
  (NULL, true, '2026-01-05 01:00');
-- FRTs: 5, 20, 0, 60, 10 min; asked 6 (1,2,3,5,6,7), answered 5, unanswered 1.
-- median of {0,5,10,20,60} = 10 min; p90: pos 0.9*4 = 3.6 -> 20 + 0.6*40 = 44 min
-- mean = 95/5 = 19 min; max 60 min
SELECT smskpi.median_first_response(conv, inbound, ts) AS median,
       smskpi.median_first_response(conv, inbound, ts) = '10 min' AS ok FROM rt;
SELECT smskpi.first_response_percentile(conv, inbound, ts, 0.9) AS p90,
       smskpi.first_response_percentile(conv, inbound, ts, 0.9) = '44 min' AS ok FROM rt;
SELECT smskpi.first_response_percentile(conv, inbound, ts, 0) = '0' AS p0_ok,
       smskpi.first_response_percentile(conv, inbound, ts, 1) = '60 min' AS p100_ok,
       smskpi.first_response_percentile(conv, inbound, ts, 0.25) = '5 min' AS p25_ok FROM rt;
-- within 15 min: {0,5,10} = 3 of 6 asked = 0.5; within 1 h: 5/6; within 24 h: 5/6
SELECT (s).* FROM (SELECT smskpi.first_response_stats(conv, inbound, ts) s FROM rt) x;
SELECT (s).answered_within, (s).share_within
FROM (SELECT smskpi.first_response_stats(conv, inbound, ts, '{5 min, 30 min}') s FROM rt) x;
-- per conversation (the group is the conversation)
SELECT conv, smskpi.first_response_time(inbound, ts) FROM rt GROUP BY conv ORDER BY conv;

-- Reply time: every customer turn.
--  1: turn 10:00 -> 10:05 (10:30 answers nothing): 5
--  2: 09:00 out (no turn); turn 11:00 -> 11:20: 20
--  3: turn 12:00 unanswered
--  5: turn 08:00 -> 08:00 (inbound first at the same instant): 0
--  6: turn 13:00 (burst) -> 14:00: 60
--  7: turn 15:00 -> 15:10: 10
--  8: in 09:00, out 09:10, in 09:30, in 09:40, out 10:00, out 10:05, in 11:00:
--     turns 09:00->09:10 (10), 09:30->10:00 (30), 11:00 unanswered
INSERT INTO rt VALUES (8, true, '2026-01-05 09:00'), (8, false, '2026-01-05 09:10'),
  (8, true, '2026-01-05 09:30'), (8, true, '2026-01-05 09:40'), (8, false, '2026-01-05 10:00'),
  (8, false, '2026-01-05 10:05'), (8, true, '2026-01-05 11:00');
-- reply times {0,5,10,10,20,30,60}: median 10; asked 9 turns, answered 7, unanswered 2
SELECT smskpi.median_reply_time(conv, inbound, ts) = '10 min' AS ok FROM rt;
SELECT (s).asked, (s).answered, (s).unanswered, (s).median, (s).max
FROM (SELECT smskpi.reply_time_stats(conv, inbound, ts) s FROM rt) x;
-- p75: pos 0.75*6 = 4.5 -> 20 + 0.5*10 = 25 min
SELECT smskpi.reply_time_percentile(conv, inbound, ts, 0.75) = '25 min' AS ok FROM rt;

-- Empty groups and all-NULL groups
SELECT smskpi.median_first_response(conv, inbound, ts) IS NULL AS empty_is_null FROM rt WHERE false;
SELECT smskpi.median_first_response(conv, inbound, ts) IS NULL AS nulls_is_null
FROM (VALUES (NULL::int, true, now())) v(conv, inbound, ts);
SELECT (s).* FROM (SELECT smskpi.first_response_stats(conv, inbound, ts) s FROM rt WHERE false) x;
SELECT smskpi.first_response_time(inbound, ts) IS NULL AS one_message
FROM (VALUES (true, '2026-01-01'::timestamptz)) v(inbound, ts);

-- Conversation keys: any type whose equality is image equality
SELECT smskpi.median_first_response(conv::bigint, inbound, ts) = '10 min' AS int8_ok,
       smskpi.median_first_response(conv::smallint, inbound, ts) = '10 min' AS int2_ok,
       smskpi.median_first_response('c-' || conv, inbound, ts) = '10 min' AS text_ok,
       smskpi.median_first_response(md5(conv::text)::uuid, inbound, ts) = '10 min' AS uuid_ok,
       smskpi.median_first_response(('2026-01-01'::date + conv), inbound, ts) = '10 min' AS date_ok
FROM rt WHERE conv <= 7;
-- types whose equal values can differ in bytes are refused
SELECT smskpi.median_first_response(ARRAY[conv], inbound, ts) FROM rt;
SELECT smskpi.median_first_response(conv::numeric, inbound, ts) FROM rt;
SELECT smskpi.median_first_response(conv::float8, inbound, ts) FROM rt;

-- Bad arguments
SELECT smskpi.first_response_percentile(conv, inbound, ts, 1.5) FROM rt;
SELECT smskpi.first_response_percentile(conv, inbound, ts, 'NaN') FROM rt;
SELECT smskpi.first_response_percentile(conv, inbound, ts, NULL) FROM rt;
SELECT smskpi.first_response_percentile(conv, inbound, ts, random()) FROM rt;
SELECT smskpi.first_response_stats(conv, inbound, ts, '{-1 min}') FROM rt;
SELECT smskpi.first_response_stats(conv, inbound, ts, '{1 min, NULL}') FROM rt;
SELECT smskpi.median_first_response(conv, inbound, 'infinity') FROM rt;
SELECT smskpi.median_first_response(conv, inbound, '-infinity') FROM rt;

-- Extreme timestamps: the ends of the range
SELECT smskpi.first_response_time(inbound, ts)
FROM (VALUES (true, '4714-11-24 00:00:00+00 BC'::timestamptz),
             (false, '294276-12-31 23:59:59+00'::timestamptz)) v(inbound, ts);
SELECT smskpi.first_response_time(inbound, ts) AS near_the_end
FROM (VALUES (true, '294276-12-31 23:00:00+00'::timestamptz),
             (false, '294276-12-31 23:59:59+00'::timestamptz)) v(inbound, ts);
SELECT smskpi.first_response_time(inbound, ts) AS near_the_start
FROM (VALUES (true, '4714-11-24 00:00:00+00 BC'::timestamptz),
             (false, '4714-11-25 00:00:01+00 BC'::timestamptz)) v(inbound, ts);

-- DST: New York springs forward 2026-03-08 02:00 EST -> 03:00 EDT.  01:30 EST
-- to 03:30 EDT is one real hour, which is what a response time is.
SELECT smskpi.first_response_time(inbound, ts) = '1 hour' AS dst_ok
FROM (VALUES (true, '2026-03-08 01:30 America/New_York'::timestamptz),
             (false, '2026-03-08 03:30 America/New_York'::timestamptz)) v(inbound, ts);

-- Business hours: office 08:00-17:00 Mon-Fri in New York.
--  a: Tue 23:00 -> Wed 08:05: 5 min of working time
--  b: Fri 16:50 -> Mon 08:10: 10 + 10 = 20 min
--  c: Sat 10:00 -> Sat 11:00: 0
--  d: over the spring-forward weekend, Fri 16:00 EST -> Mon 09:00 EDT: 1 h + 1 h = 2 h
CREATE TABLE rt_bh (conv text, inbound boolean, ts timestamptz);
INSERT INTO rt_bh VALUES
  ('a', true, '2026-01-06 23:00 America/New_York'), ('a', false, '2026-01-07 08:05 America/New_York'),
  ('b', true, '2026-01-09 16:50 America/New_York'), ('b', false, '2026-01-12 08:10 America/New_York'),
  ('c', true, '2026-01-10 10:00 America/New_York'), ('c', false, '2026-01-10 11:00 America/New_York'),
  ('d', true, '2026-03-06 16:00 America/New_York'), ('d', false, '2026-03-09 09:00 America/New_York');
SELECT conv,
       smskpi.first_response_time(inbound, ts, 'America/New_York; mon-fri 08:00-17:00') AS working,
       smskpi.first_response_time(inbound, ts) AS calendar
FROM rt_bh GROUP BY conv ORDER BY conv;
-- median of {5, 20, 0, 120} min = (5 + 20) / 2 = 12:30
SELECT smskpi.median_first_response(conv, inbound, ts, 'America/New_York; mon-fri 08:00-17:00') = '12 min 30 s' AS ok
FROM rt_bh;
-- a holiday on Wed 2026-01-07 moves a's answer: Tue 23:00 -> Wed 08:05 is 0
SELECT smskpi.first_response_time(inbound, ts, 'America/New_York; mon-fri 08:00-17:00; holidays 2026-01-07') AS holiday
FROM rt_bh WHERE conv = 'a';
SELECT smskpi.median_first_response(conv, inbound, ts, 'Mars/Olympus; mon 08:00-09:00') FROM rt_bh;

-- States: text round trip, merge of parts, info
SELECT smskpi.response_median(smskpi.first_response_state(conv, inbound, ts)::text::smskpi.response_state) = '10 min' AS text_roundtrip
FROM rt WHERE conv <= 7;
SELECT smskpi.response_median(smskpi.response_state_merge(s)) = '10 min' AS merged
FROM (SELECT smskpi.first_response_state(conv, inbound, ts) s FROM rt WHERE conv <= 7
      GROUP BY ts::time < '11:00') parts;
-- rows of one conversation split across parts (asked in one, answered in the other)
SELECT smskpi.response_median(smskpi.response_state_merge(s)) = '20 min' AS split_conversation
FROM (SELECT smskpi.first_response_state(conv, inbound, ts) s FROM rt WHERE conv = 2 GROUP BY inbound) parts;
SELECT (i).kind, (i).key_type, (i).conversations, (i).stored_messages
FROM (SELECT smskpi.response_state_info(smskpi.first_response_state(conv, inbound, ts)) i FROM rt) x;
SELECT smskpi.response_stats(smskpi.reply_time_state(conv, inbound, ts), '{1 hour}') FROM rt;
SELECT smskpi.response_percentile(smskpi.reply_time_state(conv, inbound, ts), 2) FROM rt;
-- a state that no percentile aggregate made has no fraction to finish with
SELECT smskpi.response_percentile_final(smskpi.first_response_state(conv, inbound, ts)) FROM rt;
-- over no rows the windows given are unknown to the final function: NULL, not defaults
SELECT (s).asked, (s).windows, (s).answered_within
FROM (SELECT smskpi.first_response_stats(conv, inbound, ts, '{5 min}') s FROM rt WHERE false) x;
-- the text form is canonical: the same rows in another order print the same state
SELECT (SELECT smskpi.reply_time_state(conv, inbound, ts)::text FROM (SELECT * FROM rt ORDER BY ts) a)
     = (SELECT smskpi.reply_time_state(conv, inbound, ts)::text FROM (SELECT * FROM rt ORDER BY ts DESC) b) AS canonical;
SELECT smskpi.response_state_merge(s) FROM (VALUES
  ((SELECT smskpi.first_response_state(conv, inbound, ts) FROM rt)),
  ((SELECT smskpi.reply_time_state(conv, inbound, ts) FROM rt))) v(s);
-- binary form: COPY BINARY out and in (send/recv) keeps the answer
CREATE TABLE rs_bin (s smskpi.response_state);
COPY (SELECT smskpi.reply_time_state(conv::text, inbound, ts) FROM rt) TO '/tmp/smskpi_rs_test.bin' (FORMAT binary);
COPY rs_bin FROM '/tmp/smskpi_rs_test.bin' (FORMAT binary);
SELECT smskpi.response_median(s) = '10 min' AS binary_roundtrip FROM rs_bin;
DROP TABLE rs_bin;
-- damaged or hand-made states: clear errors, and no crash
SELECT '\x00'::smskpi.response_state;
SELECT 'abc'::smskpi.response_state;
SELECT '\x3253525301'::smskpi.response_state;
SELECT '\x325352530101000400000017bff0000000000000000000000000000000000001'::smskpi.response_state;
-- a hand-written state: key 7 asked at 2026-01-01 00:00, answered 00:01 (both as
-- microseconds since 2000-01-01); its median is 1 minute
SELECT smskpi.response_median(('\x32535253' || '01' || '01' || '0008' || '00000014'
  || 'bff0000000000000' || '00000000' || '00000000' || '00000001'
  || '0000000000000007' || lpad(to_hex(extract(epoch FROM '2026-01-01'::timestamptz - '2000-01-01')::bigint * 1000000), 16, '0')
  || lpad(to_hex(extract(epoch FROM '2026-01-01 00:01'::timestamptz - '2000-01-01')::bigint * 1000000), 16, '0')
  || '00000000')::smskpi.response_state) AS handmade;

-- As a window aggregate (final function leaves the state alone)
SELECT conv, smskpi.first_response_time(inbound, ts) OVER (PARTITION BY conv ORDER BY ts
         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
FROM rt WHERE conv IN (1, 2) ORDER BY conv, ts;

-- A transition function called outside an aggregate is refused
SELECT smskpi.first_response_trans(NULL, 1, true, now());
DROP TABLE rt, rt_bh;
