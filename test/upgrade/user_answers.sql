-- test/upgrade/user_answers.sql: the answers the objects of user_objects.sql give, one
-- line each.  They must be the same before and after ALTER EXTENSION smskpi UPDATE
-- (test/shell/upgrade.sh) and after pg_dump | psql (test/shell/dump_restore.sh).
\set ON_ERROR_STOP 1
\pset tuples_only on
\pset format unaligned
SET client_min_messages = warning;

-- the KPI views and the targets in effect
\ir kpi_views.sql

-- the user's relations, columns and indexes are all there (an update script that drops
-- an smskpi function with CASCADE would silently take them away)
SELECT 'relation ' || c.oid::regclass::text || ' ' || c.relkind::text || ' ' ||
       coalesce((SELECT string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod)
                                   || CASE WHEN a.attgenerated <> '' THEN ' generated ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END,
                                   ', ' ORDER BY a.attnum)
                 FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
FROM pg_class c WHERE c.relnamespace = 'app'::regnamespace ORDER BY 1;
SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid || ' ready=' || i.indisready
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace IN ('app'::regnamespace, 'kpim'::regnamespace) ORDER BY 1;
SELECT 'constraint ' || conrelid::regclass::text || coalesce(contypid::regtype::text, '') || ' ' || conname || ' ' ||
       pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = 'app'::regnamespace ORDER BY 1;

-- generated columns: contents, and agreement with the functions
SELECT 'inbox ' || count(*) || ' rows, segments ' || sum(segments) ||
       ', encodings ' || md5(string_agg(encoding || intent, ',' ORDER BY message_id)) ||
       ', stale generated values ' ||
       count(*) FILTER (WHERE segments IS DISTINCT FROM smskpi.sms_segments(body)
                           OR encoding IS DISTINCT FROM smskpi.sms_encoding(body)
                           OR intent IS DISTINCT FROM smskpi.reply_intent(body))
FROM app.inbox;

-- queries answered through the expression and partial indexes (the plan must use the
-- index) give the same rows as a sequential scan
CREATE FUNCTION pg_temp.plan(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END
$$;
SET enable_seqscan = off;
SELECT 'plan uses inbox_sentiment: ' || (pg_temp.plan($$SELECT message_id FROM app.inbox
    WHERE smskpi.sentiment_score(body) < -0.25$$) LIKE '%inbox_sentiment%');
SELECT 'plan uses inbox_segments: ' || (pg_temp.plan($$SELECT count(*) FROM app.inbox
    WHERE smskpi.sms_segments(body) >= 2$$) LIKE '%inbox_segments%');
SELECT 'plan uses inbox_opt_outs: ' || (pg_temp.plan($$SELECT message_id FROM app.inbox
    WHERE smskpi.is_opt_out(body)$$) LIKE '%inbox_opt_outs%');
SELECT 'by index: negative ' || count(*) || ' ' || coalesce(sum(message_id), 0)
FROM app.inbox WHERE smskpi.sentiment_score(body) < -0.25;
SELECT 'by index: multi-segment ' || count(*) FROM app.inbox WHERE smskpi.sms_segments(body) >= 2;
SELECT 'by index: opt-outs ' || count(*) || ' ' || coalesce(sum(message_id), 0) FROM app.inbox WHERE smskpi.is_opt_out(body);
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SET enable_indexonlyscan = off;
SELECT 'by scan: negative ' || count(*) || ' ' || coalesce(sum(message_id), 0)
FROM app.inbox WHERE smskpi.sentiment_score(body) < -0.25;
SELECT 'by scan: multi-segment ' || count(*) FROM app.inbox WHERE smskpi.sms_segments(body) >= 2;
SELECT 'by scan: opt-outs ' || count(*) || ' ' || coalesce(sum(message_id), 0) FROM app.inbox WHERE smskpi.is_opt_out(body);
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET enable_indexonlyscan;

-- stored business_hours values: text form, equality, working time
SELECT 'team ' || team || ' ' || hours::text || ' | ' ||
       smskpi.business_time(hours, '2025-03-07 12:00+00', '2025-03-10 12:00+00')::text || ' | ' ||
       smskpi.business_time(hours, '2025-04-17 00:00+00', '2025-04-23 00:00+00')::text || ' | ' ||
       (hours OPERATOR(smskpi.=) hours::text::smskpi.business_hours)::text
FROM app.teams ORDER BY team;

-- stored response_state values: every state readable, its text form unchanged, and the
-- answers computed from it
SELECT 'states ' || count(*) || ' ' || md5(string_agg(first::text || reply::text, ',' ORDER BY day, team)) ||
       ' medians ' || md5(string_agg(concat_ws(' ', smskpi.response_median(first), smskpi.response_median(reply),
                                                smskpi.response_percentile(first, 0.9)), ',' ORDER BY day, team)) ||
       ' info ' || md5(string_agg((smskpi.response_state_info(first)).conversations::text, ',' ORDER BY day, team))
FROM app.daily_states;
SELECT 'merged ' || team || ' ' || concat_ws(' ', smskpi.response_median(smskpi.response_state_merge(first)),
       smskpi.response_percentile(smskpi.response_state_merge(reply), 0.5),
       (smskpi.response_stats(smskpi.response_state_merge(first)))::text)
FROM app.daily_states GROUP BY team ORDER BY team;
SELECT 'weekly ' || count(*) || ' ' || md5(string_agg(concat_ws(' ', week, team, median_first_response, p90_reply), ',' ORDER BY week, team))
FROM app.weekly_response;
SELECT 'team_stats ' || team || ' ' || asked || ' ' || answered || ' ' || coalesce(median::text, '-') || ' ' || share_within::text
FROM app.team_stats ORDER BY team;
