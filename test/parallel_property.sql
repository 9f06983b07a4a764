-- Serial = parallel = shuffled, as a property over many generated datasets
-- (issue 7 item 6), for every smskpi aggregate: the response-time family
-- (first response, reply time: median, percentile, stats with windows, the
-- states themselves, with and without business hours, keyed and keyless,
-- response_state_merge) and the campaign logs (message_log,
-- contact_event_log).  Datasets: test/datagen/generate.sh with 8 seeds and
-- sizes from 400 to 6000 messages, unioned with a dataset column.
-- For each aggregate the answer per dataset is computed (1) serially,
-- (2) with a parallel plan, checked to contain a Partial Aggregate (core's
-- recipe: ordinary ANALYZEd table, costs zeroed, leader not participating),
-- and (3) serially over the rows in a shuffled physical order; the three
-- must be identical.  A state is compared by what it answers and holds
-- (response_stats with windows, percentiles, response_state_info counts and
-- bytes), not by its text form: the order of a conversation's stored
-- messages inside the state follows the row order, so equivalent states can
-- print differently (checked below).
SET client_min_messages = warning;
SET timezone = 'UTC';
SET intervalstyle = 'postgres';
SET extra_float_digits = 0;
\setenv PGDATABASE :DBNAME
\setenv PGOPTIONS '-c client_min_messages=warning'
\! sh test/datagen/generate.sh pp1 400 1
\! sh test/datagen/generate.sh pp2 900 2
\! sh test/datagen/generate.sh pp3 1500 3
\! sh test/datagen/generate.sh pp4 2500 4
\! sh test/datagen/generate.sh pp5 3000 5
\! sh test/datagen/generate.sh pp6 4000 6
\! sh test/datagen/generate.sh pp7 5000 77
\! sh test/datagen/generate.sh pp8 6000 123456
CREATE TABLE pm AS
SELECT ds, m.*
FROM generate_series(1, 8) ds,
     LATERAL (SELECT * FROM pp1.messages WHERE ds = 1 UNION ALL SELECT * FROM pp2.messages WHERE ds = 2
              UNION ALL SELECT * FROM pp3.messages WHERE ds = 3 UNION ALL SELECT * FROM pp4.messages WHERE ds = 4
              UNION ALL SELECT * FROM pp5.messages WHERE ds = 5 UNION ALL SELECT * FROM pp6.messages WHERE ds = 6
              UNION ALL SELECT * FROM pp7.messages WHERE ds = 7 UNION ALL SELECT * FROM pp8.messages WHERE ds = 8) m
ORDER BY ds, m.conversation_id, m.sent_at, m.message_id;
CREATE TABLE pc AS
SELECT 1 AS ds, * FROM pp1.conversions UNION ALL SELECT 2, * FROM pp2.conversions
UNION ALL SELECT 3, * FROM pp3.conversions UNION ALL SELECT 4, * FROM pp4.conversions
UNION ALL SELECT 5, * FROM pp5.conversions UNION ALL SELECT 6, * FROM pp6.conversions
UNION ALL SELECT 7, * FROM pp7.conversions UNION ALL SELECT 8, * FROM pp8.conversions;
-- the same rows in a shuffled physical order
CREATE TABLE pm_shuffled AS SELECT * FROM pm ORDER BY hashint8extended(message_id * 16 + ds, 42);
CREATE TABLE pc_shuffled AS SELECT * FROM pc ORDER BY hashint8extended(contact_id * 16 + ds, 43), converted_at;
ANALYZE pm; ANALYZE pm_shuffled; ANALYZE pc; ANALYZE pc_shuffled;
DROP SCHEMA pp1, pp2, pp3, pp4, pp5, pp6, pp7, pp8 CASCADE;
SELECT count(DISTINCT ds) AS datasets, count(*) > 20000 AS enough_messages,
       count(DISTINCT (ds, conversation_id)) > 5000 AS enough_conversations,
       (SELECT count(*) > 0 FROM pc) AS some_conversions
FROM pm;

-- one query per aggregate; %s is the message table, grouped by dataset
CREATE TABLE pq (name text, q text);
INSERT INTO pq VALUES
 ('median_first_response', $$SELECT ds, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)::text AS r FROM %s GROUP BY ds$$),
 ('median_first_response text key', $$SELECT ds, smskpi.median_first_response(conversation_id::text, direction = 'inbound', sent_at)::text AS r FROM %s GROUP BY ds$$),
 ('median_first_response hours', $$SELECT ds, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at, 'America/New_York; mon-fri 09:00-17:00; sat 10:00-14:00; holidays 2025-01-20 2025-02-17')::text AS r FROM %s GROUP BY ds$$),
 ('first_response_percentile', $$SELECT ds, smskpi.first_response_percentile(conversation_id, direction = 'inbound', sent_at, 0.9)::text AS r FROM %s GROUP BY ds$$),
 ('first_response_percentile hours', $$SELECT ds, smskpi.first_response_percentile(conversation_id, direction = 'inbound', sent_at, 0.25, 'Europe/Paris; mon-fri 08:00-12:00 13:00-18:00')::text AS r FROM %s GROUP BY ds$$),
 ('first_response_stats', $$SELECT ds, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at)::text AS r FROM %s GROUP BY ds$$),
 ('first_response_stats windows', $$SELECT ds, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at, '{5 min, 2 hours, 3 days}')::text AS r FROM %s GROUP BY ds$$),
 ('first_response_stats windows hours', $$SELECT ds, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at, '{30 min}', 'UTC; mon-sun 06:00-22:00')::text AS r FROM %s GROUP BY ds$$),
 ('first_response_time per contact', $$SELECT ds, md5(string_agg(r, ',' ORDER BY contact_id)) AS r FROM (SELECT ds, contact_id, smskpi.first_response_time(direction = 'inbound', sent_at)::text AS r FROM %s GROUP BY ds, contact_id) x GROUP BY ds$$),
 ('first_response_time hours', $$SELECT ds, smskpi.first_response_time(direction = 'inbound', sent_at, 'UTC; mon-fri 09:00-17:00')::text AS r FROM %s GROUP BY ds$$),
 ('first_response_state', $$SELECT ds, pstate(smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at)) AS r FROM %s GROUP BY ds$$),
 ('first_response_state hours', $$SELECT ds, pstate(smskpi.first_response_state(conversation_id::varchar, direction = 'inbound', sent_at, 'Asia/Kolkata; mon-fri 10:00-19:00')) AS r FROM %s GROUP BY ds$$),
 ('median_reply_time', $$SELECT ds, smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at)::text AS r FROM %s GROUP BY ds$$),
 ('median_reply_time hours', $$SELECT ds, smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at, 'America/New_York; mon-fri 09:00-17:00')::text AS r FROM %s GROUP BY ds$$),
 ('reply_time_percentile', $$SELECT ds, smskpi.reply_time_percentile(conversation_id, direction = 'inbound', sent_at, 0.75)::text AS r FROM %s GROUP BY ds$$),
 ('reply_time_percentile hours', $$SELECT ds, smskpi.reply_time_percentile(conversation_id, direction = 'inbound', sent_at, 0.1, 'UTC; mon-fri 09:00-17:00')::text AS r FROM %s GROUP BY ds$$),
 ('reply_time_stats', $$SELECT ds, smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at)::text AS r FROM %s GROUP BY ds$$),
 ('reply_time_stats windows', $$SELECT ds, smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at, '{1 min, 1 hour}')::text AS r FROM %s GROUP BY ds$$),
 ('reply_time_stats windows hours', $$SELECT ds, smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at, '{1 hour}', 'Europe/Paris; mon-sat 09:00-19:00')::text AS r FROM %s GROUP BY ds$$),
 ('reply_time_state', $$SELECT ds, pstate(smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at)) AS r FROM %s GROUP BY ds$$),
 ('reply_time_state hours', $$SELECT ds, pstate(smskpi.reply_time_state(contact_id, direction = 'inbound', sent_at, 'UTC; mon-fri 09:00-17:00')) AS r FROM %s GROUP BY ds$$),
 ('response_state_merge', $$SELECT ds, pstate(smskpi.response_state_merge(s)) AS r FROM (SELECT ds, campaign_id, smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at) AS s FROM %s GROUP BY ds, campaign_id) x GROUP BY ds$$),
 ('message_log', $$SELECT ds, md5(smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at, status, body, media_count, campaign_id, campaign_step)) AS r FROM %s GROUP BY ds$$),
 ('contact_event_log', $$SELECT ds, md5(smskpi.contact_event_log(contact_id, converted_at)) AS r FROM %s GROUP BY ds$$),
 ('median_first_response ungrouped', $$SELECT 0 AS ds, smskpi.median_first_response(ds * 1099511627776 + conversation_id, direction = 'inbound', sent_at)::text AS r FROM %s$$),
 ('reply_time_stats ungrouped', $$SELECT 0 AS ds, smskpi.reply_time_stats(ds * 1099511627776 + conversation_id, direction = 'inbound', sent_at, '{10 min}')::text AS r FROM %s$$),
 ('message_log ungrouped', $$SELECT 0 AS ds, md5(smskpi.message_log(ds * 1099511627776 + contact_id, conversation_id, message_id, direction, sent_at, status, body, media_count, campaign_id, campaign_step)) AS r FROM %s$$);

CREATE FUNCTION pstate(s smskpi.response_state) RETURNS text LANGUAGE sql PARALLEL SAFE AS $$
  SELECT md5(concat_ws('|', smskpi.response_stats(s, '{1 min, 1 hour, 1 day}')::text,
                       smskpi.response_percentile(s, 0.1)::text, smskpi.response_percentile(s, 0.99)::text,
                       (SELECT i::text FROM smskpi.response_state_info(s) i)))
$$;
CREATE FUNCTION prun(q text, tab text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT md5(string_agg(ds || '':'' || coalesce(r, ''NULL''), '','' ORDER BY ds)) FROM (%s) x', format(q, tab)) INTO r;
  RETURN r;
END $$;
CREATE FUNCTION pplan(q text, tab text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || format(q, tab) LOOP
    plan := plan || line || E'\n';
  END LOOP;
  RETURN plan;
END $$;

-- serial, over the ordered and the shuffled tables
SET max_parallel_workers_per_gather = 0;
CREATE TABLE pres AS
SELECT name, q, CASE WHEN name = 'contact_event_log' THEN 'pc' ELSE 'pm' END AS t,
       prun(q, CASE WHEN name = 'contact_event_log' THEN 'pc' ELSE 'pm' END) AS serial,
       prun(q, CASE WHEN name = 'contact_event_log' THEN 'pc_shuffled' ELSE 'pm_shuffled' END) AS shuffled,
       NULL::text AS parallel, NULL::text AS parallel_shuffled, NULL::boolean AS partial
FROM pq;
-- parallel
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
UPDATE pres SET parallel = prun(q, t), parallel_shuffled = prun(q, t || '_shuffled'),
                partial = pplan(q, t) LIKE '%Partial%Aggregate%' AND pplan(q, t || '_shuffled') LIKE '%Partial%Aggregate%';
SELECT name, partial AS plan_is_parallel, serial = shuffled AS shuffled_equal,
       serial = parallel AS parallel_equal, serial = parallel_shuffled AS parallel_shuffled_equal,
       serial IS NOT NULL AS has_result
FROM pres ORDER BY name;
-- results are not trivially equal: datasets differ from each other
SELECT count(DISTINCT r) AS distinct_medians FROM (
  SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) AS r FROM pm GROUP BY ds) x;
-- the text form is canonical (stored messages written in time order): states
-- of the same rows in another order print the same
RESET max_parallel_workers_per_gather;
SELECT count(*) FILTER (WHERE a <> b) > 0 AS some_text_forms_differ,
       count(*) FILTER (WHERE pstate(a::smskpi.response_state) <> pstate(b::smskpi.response_state)) AS answers_differ
FROM (SELECT ds, smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at)::text AS a FROM pm GROUP BY ds) x
JOIN (SELECT ds, smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at)::text AS b FROM pm_shuffled GROUP BY ds) y USING (ds);
RESET ALL;
DROP TABLE pm, pm_shuffled, pc, pc_shuffled, pq, pres;
DROP FUNCTION prun(text, text), pplan(text, text), pstate(smskpi.response_state);
