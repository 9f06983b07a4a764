-- Benchmark: per-message text functions over bench.messages.body, against the
-- cheapest possible scan of the same column, sum(length(body)).  Prints for
-- each function the best of 3 runs, messages/s and the ratio to the length
-- scan (target for sms_segments: <= 1.5).  Functions not (yet) installed are
-- skipped.  Serial plans, so the ratio is per-row cost.
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
SET jit = off;

-- Best-of-N wall time of a query.  (Own helper: bench.time() in 00_util.sql
-- fails on PostgreSQL 15 with 'column reference "label" is ambiguous' in its
-- ON CONFLICT clause; this one records nothing.)
CREATE OR REPLACE FUNCTION bench.text_time(query text, runs int DEFAULT 3)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; best float8 := 'infinity';
BEGIN
  EXECUTE query;                       -- warm-up
  FOR i IN 1..runs LOOP
    t0 := clock_timestamp();
    EXECUTE query;
    best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  RETURN best;
END $$;

SELECT count(*) AS messages FROM bench.messages \gset
SELECT :messages AS messages,
       round(avg(octet_length(body)), 1) AS avg_bytes,
       round(100.0 * count(*) FILTER (WHERE body ~ '[^\x01-\x7f]') / count(*), 1) AS pct_non_ascii
FROM bench.messages;

WITH f(ord, label, fn, expr) AS (VALUES
  (0, 'sum(length(body))  [baseline]', NULL, 'sum(length(body))'),
  (1, 'sms_segments',       'smskpi.sms_segments(text)',       'sum(smskpi.sms_segments(body))'),
  (2, 'sms_encoding',       'smskpi.sms_encoding(text)',       'count(*) FILTER (WHERE smskpi.sms_encoding(body) = ''UCS-2'')'),
  (3, 'sms_smart_segments', 'smskpi.sms_smart_segments(text)', 'sum(smskpi.sms_smart_segments(body))'),
  (4, 'has_emoji',          'smskpi.has_emoji(text)',          'count(*) FILTER (WHERE smskpi.has_emoji(body))'),
  (5, 'emoji_count',        'smskpi.emoji_count(text)',        'sum(smskpi.emoji_count(body))'),
  (6, 'is_opt_out',         'smskpi.is_opt_out(text)',         'count(*) FILTER (WHERE smskpi.is_opt_out(body))'),
  (7, 'reply_intent',       'smskpi.reply_intent(text)',       'count(DISTINCT smskpi.reply_intent(body))'),
  (8, 'sentiment_score',    'smskpi.sentiment_score(text)',    'sum(smskpi.sentiment_score(body))')),
t AS MATERIALIZED (
  SELECT ord, label,
         bench.text_time(format('SELECT %s FROM bench.messages', expr)) AS ms
  FROM f WHERE fn IS NULL OR to_regprocedure(fn) IS NOT NULL)
SELECT t.label, round(t.ms::numeric, 0) AS best_ms,
       round((:messages / (t.ms / 1000))::numeric, 0) AS messages_per_s,
       round((t.ms / b.ms)::numeric, 2) AS ratio_to_length
FROM t CROSS JOIN (SELECT ms FROM t WHERE ord = 0) b
ORDER BY t.ord;
