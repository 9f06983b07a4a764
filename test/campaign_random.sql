-- Campaign analytics on random data against a plain-SQL reference written with
-- window functions (an independent formulation of doc/campaign.md), with input
-- order shuffled, and the aggregates run serially and in parallel.
SET timezone = 'UTC';
SELECT setseed(0.42);
-- 400 contacts, 6000 messages on 60 half-hour slots: many same-time ties, two
-- conversations per contact, some NULL conversations, failed messages, three
-- campaigns of 4 steps, 1:1 messages, STOPs.
CREATE TABLE cr AS
SELECT i AS message_id,
       c AS contact_id,
       CASE WHEN random() < 0.05 THEN NULL ELSE c * 10 + (random() < 0.3)::int END AS conversation_id,
       CASE WHEN random() < 0.55 THEN 'outbound' ELSE 'inbound' END AS direction,
       '2024-05-01'::timestamptz + (floor(random() * 60) * 30) * interval '1 minute' AS sent_at,
       (ARRAY['sent', 'delivered', 'read', 'failed', 'undelivered', 'queued', NULL])[1 + floor(random() * 7)] AS status,
       (ARRAY['STOP', 'stop', 'Yes', 'hello', 'no thanks', 'call me', NULL])[1 + floor(random() * 7)] AS body,
       (ARRAY[0, 0, 1, 3, NULL])[1 + floor(random() * 5)] AS media_count,
       CASE WHEN random() < 0.3 THEN NULL ELSE 1 + floor(random() * 3)::bigint END AS campaign_id,
       CASE WHEN random() < 0.05 THEN NULL ELSE 1 + floor(random() * 4)::int END AS campaign_step
FROM (SELECT i, 1 + floor(random() * 400)::bigint AS c FROM generate_series(1, 6000) i) s;
ANALYZE cr;

-- Reference attribution.  grp = the number of non-failed outbound messages up to
-- and including this row in its conversation, in the order (sent_at, inbound
-- first, message_id); a reply belongs to the non-failed outbound message with the
-- same grp.  An opt-out is a body that is STOP in any case.
CREATE FUNCTION ref_attr(w interval)
RETURNS TABLE (message_id bigint, "position" bigint, delivered boolean, failed boolean,
               still_active boolean, replies bigint, reply_delay interval,
               first_is_stop boolean, opted_out boolean)
LANGUAGE sql STABLE AS $$
WITH o AS (
  SELECT r.*, count(*) FILTER (WHERE direction = 'outbound'
                               AND coalesce(status, '') NOT IN ('failed', 'undelivered'))
         OVER (PARTITION BY contact_id, conversation_id
               ORDER BY sent_at, direction = 'outbound', message_id
               ROWS UNBOUNDED PRECEDING) AS grp
  FROM cr r),
ins AS (
  SELECT i.*, upper(btrim(i.body)) = 'STOP' AS is_stop FROM o i WHERE direction = 'inbound' AND grp > 0),
outs AS (
  SELECT x.*, coalesce(x.status IN ('failed', 'undelivered'), false) AS is_failed,
         row_number() OVER (PARTITION BY x.contact_id ORDER BY x.sent_at, x.message_id) AS position
  FROM o x WHERE direction = 'outbound')
SELECT x.message_id, x.position,
       coalesce(x.status IN ('delivered', 'read'), false),
       x.is_failed,
       NOT EXISTS (SELECT 1 FROM cr s WHERE s.contact_id = x.contact_id
                   AND s.direction = 'inbound' AND upper(btrim(s.body)) = 'STOP'
                   AND s.sent_at <= x.sent_at),
       coalesce(a.replies, 0),
       a.first_at - x.sent_at,
       upper(btrim(a.first_body)) = 'STOP',
       coalesce(a.any_stop, false)
FROM outs x
LEFT JOIN LATERAL (
  SELECT count(*) FILTER (WHERE w IS NULL OR i.sent_at - x.sent_at <= w) AS replies,
         min(i.sent_at) FILTER (WHERE w IS NULL OR i.sent_at - x.sent_at <= w) AS first_at,
         (array_agg(i.body ORDER BY i.sent_at, i.message_id)
            FILTER (WHERE w IS NULL OR i.sent_at - x.sent_at <= w))[1] AS first_body,
         bool_or(i.is_stop) AS any_stop
  FROM ins i
  WHERE i.contact_id = x.contact_id
    AND i.conversation_id IS NOT DISTINCT FROM x.conversation_id
    AND i.grp = x.grp) a ON NOT x.is_failed
$$;

CREATE TABLE cr_log AS
SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                          status, body, media_count, campaign_id, campaign_step) AS log
FROM cr;

-- The same messages as per-contact histories (GROUP BY contact_id).
CREATE TABLE cr_hist AS
SELECT contact_id, smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                          status, body, media_count, campaign_id, campaign_step) AS h
FROM cr GROUP BY contact_id;

-- The attribution of the log (per_contact false) or of the histories (true).
CREATE TABLE cr_attr_row AS SELECT * FROM smskpi.reply_attribution(NULL::bytea) WITH NO DATA;
CREATE FUNCTION cr_attr(w interval, per_contact boolean) RETURNS SETOF cr_attr_row
LANGUAGE sql STABLE AS $$
SELECT * FROM smskpi.reply_attribution((SELECT log FROM cr_log), w) WHERE NOT per_contact
UNION ALL
SELECT a.* FROM cr_hist c, LATERAL smskpi.reply_attribution(c.h, w) a WHERE per_contact
$$;

-- Attribution equals the reference, without and with a reply window, from the log
-- and from the per-contact histories.
CREATE FUNCTION attr_mismatches(w interval, per_contact boolean DEFAULT false)
RETURNS TABLE (rows bigint, replied bigint, mismatches bigint)
LANGUAGE sql STABLE AS $$
SELECT count(*), count(*) FILTER (WHERE r.replies > 0),
       count(*) FILTER (WHERE c.message_id IS NULL OR r.message_id IS NULL
         OR c.position <> r.position OR c.delivered <> r.delivered OR c.failed <> r.failed
         OR c.still_active <> r.still_active OR c.replied <> (r.replies > 0)
         OR c.replies <> r.replies OR c.reply_delay IS DISTINCT FROM r.reply_delay
         OR (c.reply_intent = 'opt_out') IS DISTINCT FROM r.first_is_stop
         OR c.opted_out <> r.opted_out)
FROM cr_attr(w, per_contact) c
FULL JOIN ref_attr(w) r USING (message_id)
$$;
SELECT * FROM attr_mismatches(NULL);
SELECT * FROM attr_mismatches(interval '45 minutes');
SELECT * FROM attr_mismatches(NULL, per_contact => true);
SELECT * FROM attr_mismatches(interval '45 minutes', per_contact => true);
-- The output columns copied from the input are the input.
SELECT count(*) AS copied_mismatches
FROM smskpi.reply_attribution((SELECT log FROM cr_log)) c JOIN cr m USING (message_id)
WHERE c.contact_id <> m.contact_id OR c.conversation_id IS DISTINCT FROM m.conversation_id
   OR c.campaign_id IS DISTINCT FROM m.campaign_id OR c.campaign_step IS DISTINCT FROM m.campaign_step
   OR c.sent_at <> m.sent_at OR c.mms IS DISTINCT FROM (m.media_count > 0) OR m.direction <> 'outbound';

-- Reference falloff: per contact and step, merge the copies (delivered / replied /
-- opted out if any copy was, active as of the first copy, shortest delay); rates,
-- relative change against the previous step, the largest drop.
CREATE FUNCTION ref_falloff(w interval)
RETURNS TABLE (campaign_id bigint, step int, recipients bigint, delivered bigint, replied bigint,
               reply_rate float8, opted_out bigint, still_active bigint, median_reply_delay interval,
               reply_rate_change float8, falloff_point boolean)
LANGUAGE sql STABLE AS $$
WITH per AS (
  SELECT m.campaign_id, m.campaign_step AS step, m.contact_id,
         bool_or(r.delivered) AS d, bool_or(r.replies > 0) AS rp, bool_or(r.opted_out) AS oo,
         (array_agg(r.still_active ORDER BY r.position))[1] AS act,
         min(r.reply_delay) FILTER (WHERE r.replies > 0) AS delay
  FROM ref_attr(w) r JOIN cr m USING (message_id)
  WHERE m.campaign_id IS NOT NULL AND m.campaign_step IS NOT NULL
  GROUP BY 1, 2, 3),
steps AS (
  SELECT campaign_id, step, count(*) AS n, count(*) FILTER (WHERE d) AS d,
         count(*) FILTER (WHERE rp) AS rp, count(*) FILTER (WHERE rp)::float8 / count(*) AS rate,
         count(*) FILTER (WHERE oo) AS oo, count(*) FILTER (WHERE act) AS act,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY delay) AS med
  FROM per GROUP BY 1, 2),
ch AS (
  SELECT s.*, CASE WHEN lag(rate) OVER w > 0 THEN rate / lag(rate) OVER w - 1 END AS change
  FROM steps s WINDOW w AS (PARTITION BY campaign_id ORDER BY step))
SELECT campaign_id, step, n, d, rp, rate, oo, act, med, change,
       change < 0 AND (campaign_id, step) IN (
         SELECT DISTINCT ON (campaign_id) campaign_id, step FROM ch
         WHERE change < 0 ORDER BY campaign_id, change, step)
FROM ch
$$;
-- The falloff of the log (per_contact false) or of the histories' falloff_state.
CREATE TABLE cr_falloff_row AS SELECT * FROM smskpi.campaign_falloff(NULL::bytea) WITH NO DATA;
CREATE FUNCTION cr_falloff(w interval, per_contact boolean) RETURNS SETOF cr_falloff_row
LANGUAGE sql STABLE AS $$
SELECT * FROM smskpi.campaign_falloff((SELECT log FROM cr_log), reply_window => w) WHERE NOT per_contact
UNION ALL
SELECT * FROM smskpi.campaign_falloff((SELECT CASE WHEN w IS NULL THEN smskpi.falloff_state(h)
                                                   ELSE smskpi.falloff_state(h, w) END FROM cr_hist))
WHERE per_contact
$$;
CREATE FUNCTION falloff_mismatches(w interval, per_contact boolean DEFAULT false)
RETURNS TABLE (rows bigint, mismatches bigint)
LANGUAGE sql STABLE AS $$
SELECT count(*),
       count(*) FILTER (WHERE c.step IS NULL OR r.step IS NULL
         OR c.recipients <> r.recipients OR c.delivered <> r.delivered OR c.replied <> r.replied
         OR c.reply_rate <> r.reply_rate OR c.opted_out <> r.opted_out
         OR c.still_active <> r.still_active
         OR (c.median_reply_delay IS NULL) <> (r.median_reply_delay IS NULL)
         OR abs(extract(epoch FROM c.median_reply_delay - r.median_reply_delay)) > 0.000001
         OR c.reply_rate_change IS DISTINCT FROM r.reply_rate_change
         OR c.falloff_point IS DISTINCT FROM coalesce(r.falloff_point, false))
FROM cr_falloff(w, per_contact) c
FULL JOIN ref_falloff(w) r USING (campaign_id, step)
$$;
SELECT * FROM falloff_mismatches(NULL);
SELECT * FROM falloff_mismatches(interval '45 minutes');
SELECT * FROM falloff_mismatches(NULL, per_contact => true);
SELECT * FROM falloff_mismatches(interval '45 minutes', per_contact => true);
SELECT count(*) AS falloff_points FROM smskpi.campaign_falloff((SELECT log FROM cr_log)) WHERE falloff_point;

-- Shuffled and sorted input give byte-identical logs.
SELECT (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                  status, body, media_count, campaign_id, campaign_step)
        FROM (SELECT * FROM cr ORDER BY random()) s) = (SELECT log FROM cr_log) AS shuffled_same,
       (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                  status, body, media_count, campaign_id, campaign_step)
        FROM (SELECT * FROM cr ORDER BY contact_id, sent_at, message_id) s) = (SELECT log FROM cr_log) AS sorted_same;

-- Input already in log order (the aggregate notices and does not sort again).
SELECT (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                  status, body, media_count, campaign_id, campaign_step)
        FROM (SELECT * FROM cr ORDER BY contact_id, sent_at, direction = 'outbound', message_id) s)
     = (SELECT log FROM cr_log) AS log_order_same;

-- Contact ids spread over the bigint range (the sort hashes the contacts instead
-- of counting them over their range) give the same attribution, message for
-- message; plus the smallest and the largest bigint as contacts, with 6 messages
-- each, a minute apart in one conversation (every 3rd minute an inbound reply).
CREATE TABLE cr_sparse AS
SELECT message_id, contact_id * 1000000007 - 200000000000 AS contact_id, conversation_id,
       direction, sent_at, status, body, media_count, campaign_id, campaign_step
FROM cr
UNION ALL
SELECT 100000 + i, CASE WHEN i % 2 = 0 THEN -9223372036854775808 ELSE 9223372036854775807 END,
       1, CASE WHEN i % 3 = 0 THEN 'inbound' ELSE 'outbound' END,
       '2024-05-01'::timestamptz + i * interval '1 minute', 'delivered', 'hello', 0, 1, 1
FROM generate_series(1, 12) i;
CREATE TABLE cr_sparse_attr AS
SELECT * FROM smskpi.reply_attribution((
  SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                            status, body, media_count, campaign_id, campaign_step) FROM cr_sparse));
SELECT count(*) AS rows,
       count(*) FILTER (WHERE a.message_id IS NULL OR b.message_id IS NULL
         OR a.contact_id <> b.contact_id * 1000000007 - 200000000000
         OR (a.position, a.replies, a.reply_delay, a.reply_intent, a.opted_out, a.still_active)
            IS DISTINCT FROM (b.position, b.replies, b.reply_delay, b.reply_intent, b.opted_out,
                              b.still_active)) AS mismatches
FROM (SELECT * FROM cr_sparse_attr WHERE message_id < 100000) a
FULL JOIN smskpi.reply_attribution((SELECT log FROM cr_log)) b USING (message_id);
-- By hand: the smallest id has outbound 2, 4, 8, 10 and replies 6 (answers 4) and
-- 12 (answers 10); the largest has outbound 1, 5, 7, 11 and replies 3 (answers 1)
-- and 9 (answers 7); every reply 2 minutes after its message.  Contacts in order.
SELECT message_id - 100000 AS i, contact_id, position, replies, reply_delay
FROM cr_sparse_attr WHERE message_id > 100000 ORDER BY contact_id, sent_at;

-- The classification memo (starts small, grows, rehashes, is emptied when full):
-- 40,000 replies, each the only reply to its own outbound message: replies 1-24,000
-- cycle through 6,000 distinct bodies (memo hits after each growth), 24,001-34,000
-- are all different (the memo fills and is emptied), 34,001-40,000 are the first
-- 6,000 bodies again; every 997th body is longer than the memo takes.  Each must be
-- classified as by smskpi.reply_intent and smskpi.sentiment_score (float4 in the log).
CREATE TABLE cmemo AS
SELECT i AS message_id, (i % 50)::bigint AS contact_id, i AS conversation_id, d AS direction,
       '2024-01-01'::timestamptz + i * interval '1 minute' + (d = 'inbound')::int * interval '1 second' AS sent_at,
       CASE WHEN d = 'outbound' THEN NULL
            WHEN i % 997 = 0 THEN repeat('great, ', 30) || i
            WHEN i BETWEEN 24001 AND 34000 THEN 'msg ' || i
            ELSE (ARRAY['yes ', 'STOP ', 'great, thanks ', 'who is this? ', 'no way '])[1 + i % 5] || (i % 6000)
       END AS body
FROM generate_series(1, 40000) i, (VALUES ('outbound'), ('inbound')) v(d)
ORDER BY i, d DESC;
SELECT count(*) AS replies, count(DISTINCT m.body) AS bodies,
       count(*) FILTER (WHERE a.reply_intent = 'yes') AS yes,
       count(*) FILTER (WHERE a.reply_intent = 'question') AS question,
       count(*) FILTER (WHERE a.reply_sentiment > 0) AS positive_sentiment,
       count(*) FILTER (WHERE a.reply_intent IS DISTINCT FROM smskpi.reply_intent(m.body)
                           OR a.reply_sentiment IS DISTINCT FROM smskpi.sentiment_score(m.body)::float4::float8) AS mismatches
FROM smskpi.reply_attribution((
  SELECT smskpi.message_log(contact_id, conversation_id, message_id * 2 + (direction = 'inbound')::int,
                            direction, sent_at, 'delivered', body, 0, NULL, NULL)
  FROM (SELECT * FROM cmemo ORDER BY message_id, direction DESC) s)) a
JOIN cmemo m ON m.conversation_id = a.conversation_id AND m.direction = 'inbound';

-- One contact with 20,000 messages in 2,000 conversations (the per-contact
-- conversation table grows): every inbound message that follows a non-failed
-- outbound message in its conversation is counted exactly once.
CREATE TABLE cbig AS
SELECT i AS message_id, i % 2000 AS conversation_id, 1::bigint AS contact_id,
       CASE WHEN i % 3 = 0 THEN 'inbound' ELSE 'outbound' END AS direction,
       '2024-01-01'::timestamptz + (i % 997) * interval '1 minute' AS sent_at,
       CASE WHEN i % 7 = 0 THEN 'failed' ELSE 'delivered' END AS status
FROM generate_series(1, 20000) i;
SELECT (SELECT sum(replies) FROM smskpi.reply_attribution((SELECT smskpi.message_log(
          contact_id, conversation_id, message_id, direction, sent_at, status, 'hi', 0, NULL, NULL)
          FROM cbig))) AS attributed,
       (SELECT count(*) FROM (
          SELECT direction, count(*) FILTER (WHERE direction = 'outbound' AND status <> 'failed')
                 OVER (PARTITION BY conversation_id ORDER BY sent_at, direction = 'outbound', message_id
                       ROWS UNBOUNDED PRECEDING) AS grp FROM cbig) s
        WHERE direction = 'inbound' AND grp > 0) AS expected;

-- Serial vs parallel: the same log, and EXPLAIN shows a Partial Aggregate.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                          status, body, media_count, campaign_id, campaign_step) FROM cr;
SELECT md5(smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                              status, body, media_count, campaign_id, campaign_step)) AS parallel_md5
FROM cr \gset
EXPLAIN (COSTS OFF)
SELECT smskpi.contact_event_log(contact_id, sent_at) FROM cr WHERE direction = 'inbound';
SELECT md5(smskpi.contact_event_log(contact_id, sent_at)) AS parallel_ev_md5
FROM cr WHERE direction = 'inbound' \gset
-- per-contact histories: partial aggregation by contact in the workers, combined
-- by the leader; the same histories, attribution and falloff as the serial run
EXPLAIN (COSTS OFF)
SELECT contact_id, smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                          status, body, media_count, campaign_id, campaign_step)
FROM cr GROUP BY contact_id;
SELECT md5(string_agg(h::text, ',' ORDER BY contact_id)) AS parallel_hist_md5
FROM (SELECT contact_id, smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                                status, body, media_count, campaign_id, campaign_step) AS h
      FROM cr GROUP BY contact_id) c \gset
-- falloff_state over stored histories: partial funnels in the workers, combined
ANALYZE cr_hist;
EXPLAIN (COSTS OFF) SELECT smskpi.falloff_state(h) FROM cr_hist;
SELECT md5(string_agg(f::text, ',' ORDER BY f.campaign_id, f.step)) AS parallel_falloff_md5
FROM smskpi.campaign_falloff((SELECT smskpi.falloff_state(h) FROM cr_hist)) f \gset
SET max_parallel_workers_per_gather = 0;
SELECT md5(log) = :'parallel_md5' AS parallel_log_equals_serial FROM cr_log;
SELECT md5(string_agg(h::text, ',' ORDER BY contact_id)) = :'parallel_hist_md5' AS parallel_histories_equal_serial
FROM cr_hist;
SELECT md5(string_agg(f::text, ',' ORDER BY f.campaign_id, f.step)) = :'parallel_falloff_md5' AS parallel_falloff_equals_serial
FROM smskpi.campaign_falloff((SELECT smskpi.falloff_state(h) FROM cr_hist)) f;
SELECT md5(smskpi.contact_event_log(contact_id, sent_at)) = :'parallel_ev_md5' AS parallel_events_equal_serial
FROM cr WHERE direction = 'inbound';
RESET ALL;
