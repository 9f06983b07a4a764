-- Response-time benchmark data in the shape issue 3 describes: :n messages over
-- :n / 6.5 conversations (10M messages -> ~1.5M conversations), rows in random
-- physical order, each row as wide as a real message row (body, status, ids).
-- Deterministic (hash-based, no random()).  Not part of the extension.
--
-- A conversation has 2..11 messages (6.5 on average); 70% start with the
-- customer (support, inbound leads), 30% with us (campaign sends); each next
-- message switches direction with probability 3/4 (else a burst); 8% of the
-- conversations are inbound only (never answered).  The gap before a
-- message that switches direction is a response delay: exponential with mean
-- 4 minutes (60%), 2 hours (30%) or 1 day (10%); within a burst, mean 1 minute.
-- Times are whole seconds, so same-second ties happen.
\set ON_ERROR_STOP 1
SET work_mem = '256MB';
DROP TABLE IF EXISTS bench.rt_messages;
CREATE TEMP TABLE rt_raw AS
WITH c AS (
  SELECT c, 2 + (abs(hashint8extended(c, 1)) % 10) AS nmsg,
         (abs(hashint8extended(c, 2)) % 100) < 70 AS starts_in,
         (abs(hashint8extended(c, 3)) % 100) < 8 AS inbound_only,
         1767225600 + abs(hashint8extended(c, 4)) % (90 * 86400) AS t0
  FROM generate_series(1, greatest(1, round(:n / 6.5)::bigint)) c),
m AS (
  SELECT c.c, k, c.t0,
         (abs(hashint8extended(c.c * 16 + k, 5)) % 4) <> 0 AS switch,
         ((abs(hashint8extended(c.c * 16 + k, 6)) % 1000000) + 1) / 1000001.0 AS u,
         abs(hashint8extended(c.c * 16 + k, 7)) % 100 AS kind,
         c.starts_in, c.inbound_only
  FROM c, generate_series(1, 11) k WHERE k <= c.nmsg)
SELECT c, k, t0, starts_in, inbound_only,
       -- direction: the number of switches so far decides it
       sum(CASE WHEN k > 1 AND switch THEN 1 ELSE 0 END) OVER w AS nswitch,
       sum(CASE WHEN k = 1 THEN 0
                WHEN NOT switch THEN -ln(u) * 60
                WHEN kind < 60 THEN -ln(u) * 240
                WHEN kind < 90 THEN -ln(u) * 7200
                ELSE -ln(u) * 86400 END) OVER w AS dt
FROM m WINDOW w AS (PARTITION BY c ORDER BY k ROWS UNBOUNDED PRECEDING);

CREATE TABLE bench.rt_messages AS
SELECT c * 16 + k AS message_id, c AS conversation_id, 1000000 + c / 3 AS contact_id,
       CASE WHEN inbound THEN NULL ELSE 1 + abs(hashint8extended(c, 8)) % 40 END AS agent_id,
       CASE WHEN inbound THEN 'inbound' ELSE 'outbound' END AS direction,
       to_timestamp(t0 + floor(dt)) AS sent_at,
       CASE WHEN inbound THEN 'received' ELSE 'delivered' END AS status,
       (ARRAY['Hi, is this still available?', 'Yes please, send me the details',
              'Thanks! What time works for you tomorrow afternoon?', 'STOP',
              'Hey {first_name}, just following up on your request - reply YES to book a call.',
              'Can you call me back? I have a question about my order #48213',
              'Your appointment is confirmed for Tuesday at 3pm. Reply C to cancel.',
              'ok', 'Sounds good 👍', 'Not interested, thanks',
              'Hi there! Our spring sale starts today: 20% off everything with code SPRING20 https://bsd.ly/x8Yq',
              'How much is the monthly plan?', 'Got it, thank you so much!',
              'We have your request, an agent will reply shortly.', 'Perfect, see you then',
              'Can I reschedule to next week?'])[1 + abs(hashint8extended(c * 16 + k, 9)) % 16] AS body,
       0 AS media_count
FROM (SELECT *, inbound_only OR (starts_in = (nswitch % 2 = 0)) AS inbound FROM rt_raw) r
ORDER BY hashint8extended(c * 16 + k, 10);
DROP TABLE rt_raw;
VACUUM ANALYZE bench.rt_messages;
