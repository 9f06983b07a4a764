-- Benchmark: response times over bench.messages, against the plain-SQL ways of
-- computing the same numbers (issue 3's window and join formulations), all in
-- one run.  Prints each time and its ratio to a bare count(*) scan and to the
-- best plain-SQL formulation.
\set ON_ERROR_STOP 1
SET work_mem = '256MB';
SET max_parallel_workers_per_gather = 2;

SELECT count(*) AS messages, count(DISTINCT conversation_id) AS conversations FROM bench.messages;

\o /dev/null
SELECT bench.time('count(*) scan', $q$ SELECT count(*) FROM bench.messages $q$);

-- plain SQL, window form
SELECT bench.time('FRT median: plain SQL, window form', $q$
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) FROM (
  SELECT conversation_id,
         min(sent_at) FILTER (WHERE direction = 'outbound' AND sent_at >= first_in) - min(first_in) AS frt
  FROM (SELECT conversation_id, direction, sent_at,
               min(sent_at) FILTER (WHERE direction = 'inbound') OVER (PARTITION BY conversation_id) AS first_in
        FROM bench.messages) s
  GROUP BY conversation_id) t WHERE frt IS NOT NULL $q$, 1);

-- plain SQL, join form
SELECT bench.time('FRT median: plain SQL, join form', $q$
WITH firsts AS (SELECT conversation_id, min(sent_at) FILTER (WHERE direction = 'inbound') AS first_in
                FROM bench.messages GROUP BY 1)
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) FROM (
  SELECT f.conversation_id, min(m.sent_at) - f.first_in AS frt
  FROM firsts f JOIN bench.messages m ON m.conversation_id = f.conversation_id
   AND m.direction = 'outbound' AND m.sent_at >= f.first_in
  GROUP BY f.conversation_id, f.first_in) r $q$, 1);

SELECT bench.time('FRT median: smskpi.median_first_response', $q$
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) FROM bench.messages $q$);

SELECT bench.time('FRT summary: smskpi.first_response_stats', $q$
SELECT smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at) FROM bench.messages $q$);

SELECT bench.time('FRT median by agent: smskpi', $q$
SELECT agent_id, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)
FROM bench.messages GROUP BY agent_id $q$);

SELECT bench.time('FRT median, business hours: smskpi', $q$
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at,
         'America/New_York; mon-fri 08:00-18:00; sat 09:00-13:00') FROM bench.messages $q$);

SELECT bench.time('reply time median: smskpi.median_reply_time', $q$
SELECT smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at) FROM bench.messages $q$);

SELECT bench.time('reply time median: plain SQL, window form', $q$
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY reply) FROM (
  SELECT ts - asked AS reply FROM (
    SELECT sent_at AS ts, direction,
           max(sent_at) FILTER (WHERE turn_start) OVER w AS asked,
           lag(direction) OVER w AS prev
    FROM (SELECT conversation_id, sent_at, direction,
                 direction = 'inbound' AND lag(direction) OVER w0 IS DISTINCT FROM 'inbound' AS turn_start
          FROM bench.messages
          WINDOW w0 AS (PARTITION BY conversation_id ORDER BY sent_at, direction <> 'inbound')) s
    WINDOW w AS (PARTITION BY conversation_id ORDER BY sent_at, direction <> 'inbound')) t
  WHERE direction = 'outbound' AND prev = 'inbound') r $q$, 1);

\o
-- the median itself (equality with the plain-SQL forms is tested in test/response_time_random.sql)
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) AS smskpi_median
FROM bench.messages;

WITH t AS (SELECT label, ms FROM bench.timings WHERE label LIKE 'FRT%' OR label LIKE 'reply%' OR label = 'count(*) scan'),
base AS (SELECT ms FROM bench.timings WHERE label = 'count(*) scan'),
best_sql AS (SELECT min(ms) AS ms FROM bench.timings WHERE label LIKE 'FRT median: plain SQL%'),
best_reply_sql AS (SELECT min(ms) AS ms FROM bench.timings WHERE label LIKE 'reply time median: plain SQL%')
SELECT label, round(t.ms::numeric) AS ms,
       round((t.ms / base.ms)::numeric, 2) AS "x count(*)",
       CASE WHEN label LIKE 'FRT%' THEN round((best_sql.ms / t.ms)::numeric, 1)
            WHEN label LIKE 'reply%' THEN round((best_reply_sql.ms / t.ms)::numeric, 1) END AS "speed-up vs best plain SQL"
FROM t, base, best_sql, best_reply_sql ORDER BY t.ms;
