-- Benchmark: per-message text functions over bench.messages.body, against the
-- cheapest possible scan of the same column, sum(length(body)).  Prints for
-- each function the best of 3 runs, messages/s and the ratio to the length
-- scan (target for sms_segments: <= 1.5).  Functions not (yet) installed are
-- skipped.  Serial plans, so the ratio is per-row cost.  is_opt_out can be set
-- beside the plain-SQL keyword regex (which finds only the carrier keywords).
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
SET jit = off;

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
  (8, 'sentiment_score',    'smskpi.sentiment_score(text)',    'sum(smskpi.sentiment_score(body))'),
  -- the plain-SQL way of finding opt-outs: the carrier keywords only, by regex
  (9, 'opt-out keywords by regex [plain SQL]', NULL,
      'count(*) FILTER (WHERE body ~* ''^\W*(stop|stopall|unsubscribe|cancel|end|quit|revoke|optout)\W*$'')')),
t AS MATERIALIZED (
  SELECT ord, label,
         bench.time('text: ' || label, format('SELECT %s FROM bench.messages', expr)) AS ms
  FROM f WHERE fn IS NULL OR to_regprocedure(fn) IS NOT NULL)
SELECT t.label, round(t.ms::numeric, 0) AS best_ms,
       round((:messages / (t.ms / 1000))::numeric, 0) AS messages_per_s,
       round((t.ms / b.ms)::numeric, 2) AS ratio_to_length
FROM t CROSS JOIN (SELECT ms FROM t WHERE ord = 0) b
ORDER BY t.ord;
