-- test/citus/checks/20_text.sql -- the text functions (sms_segments, has_emoji,
-- reply_intent, sentiment_score, ...) inside built-in aggregates: per-shard
-- aggregates on the workers, combined on the coordinator (combine), or the whole query
-- on the workers when grouped by the distribution column.  Format: see test/citus/run.sh.

-- name: segments_by_day
-- plan: combine
SELECT date_trunc('day', sent_at) AS day, count(*), sum(smskpi.sms_segments(body)),
       sum(smskpi.sms_smart_segments(body)), sum(smskpi.sms_units(body)),
       count(*) FILTER (WHERE smskpi.has_emoji(body)), sum(smskpi.emoji_count(body))
FROM {S}.messages WHERE direction = 'outbound' GROUP BY 1;

-- name: encoding_by_day
-- plan: combine
SELECT date_trunc('day', sent_at) AS day, smskpi.sms_encoding(body), smskpi.sms_smart_encoding(body), count(*)
FROM {S}.messages GROUP BY 1, 2, 3;

-- name: intent_by_day
-- plan: combine
SELECT date_trunc('day', sent_at) AS day, smskpi.reply_intent(body), count(*),
       count(*) FILTER (WHERE smskpi.is_opt_out(body))
FROM {S}.messages WHERE direction = 'inbound' GROUP BY 1, 2;

-- name: sentiment_by_day
-- plan: combine
-- tolerance: 1e-12
SELECT date_trunc('day', sent_at) AS day, count(*), avg(smskpi.sentiment_score(body)),
       sum(smskpi.sentiment_score(body)), min(smskpi.sentiment_score(body)), max(smskpi.sentiment_score(body))
FROM {S}.messages WHERE direction = 'inbound' GROUP BY 1;

-- name: sentiment_label_by_day
-- plan: combine
SELECT date_trunc('day', sent_at) AS day, smskpi.sentiment_label(body), count(*)
FROM {S}.messages WHERE direction = 'inbound' GROUP BY 1, 2;

-- name: sentiment_by_contact
-- plan: byc:pushdown byv:combine
-- tolerance: 1e-12
SELECT contact_id, count(*), avg(smskpi.sentiment_score(body)), sum(smskpi.sms_segments(body))
FROM {S}.messages WHERE direction = 'inbound' GROUP BY contact_id;

-- name: text_per_message
-- plan: pushdown
SELECT message_id, smskpi.sentiment_score(body), smskpi.sentiment_label(body), smskpi.reply_intent(body),
       smskpi.is_opt_out(body), smskpi.sms_segments(body), smskpi.sms_encoding(body), smskpi.has_emoji(body),
       smskpi.emoji_count(body)
FROM {S}.messages;
