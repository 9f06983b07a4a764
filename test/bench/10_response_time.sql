-- Benchmark: response times against the plain-SQL ways of computing the same
-- numbers (issue 3's window and join formulations), all in one run, on two
-- datasets: bench.rt_messages in the shape issue 3 names (:n messages, ~:n/6.5
-- conversations, test/bench/rt_data.sql) and the generated sample data
-- bench.messages (test/datagen: ~3.6 messages per conversation).  Prints each
-- time and its ratio to a bare count(*) scan of the same table and the
-- speed-up over the best plain-SQL formulation, and a "floor": a query with only
-- built-in aggregates that reads the same three columns (what any aggregate
-- over them pays before doing its own work).  Also the floor and the median with
-- serial plans, and the serial "combine tail" of a parallel plan timed on its own
-- (three partial states merged, then the median), with the share of all
-- conversations that one partial state holds.  Settings as in test/bench/run.sh
-- (parallel plans allowed: 2 workers).
\set ON_ERROR_STOP 1
SET work_mem = '256MB';
SET max_parallel_workers_per_gather = 2;
-- the baseline is a sequential scan: otherwise count(*) on bench.messages is an
-- index-only scan of its primary key (1.2 s against 0.4 s); no other query
-- here can use that index
SET enable_indexonlyscan = off;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
\ir rt_data.sql

SELECT 'bench.rt_messages' AS data, count(*) AS messages, count(DISTINCT conversation_id) AS conversations
FROM bench.rt_messages
UNION ALL
SELECT 'bench.messages', count(*), count(DISTINCT conversation_id) FROM bench.messages;

DROP TABLE IF EXISTS bench.rt_share;
CREATE TABLE bench.rt_share (data text, pct numeric);
\o /dev/null
\set tbl bench.rt_messages
\set tag 'issue shape'
\ir rt_queries.sql
\set tbl bench.messages
\set tag 'generated data'
\ir rt_queries.sql
\o

-- how much of the data one third of the rows covers (the parallel plan's problem)
SELECT data, pct AS "conversations in each partial state, % of all" FROM bench.rt_share;
DROP TABLE bench.rt_share;

-- the medians themselves (equality with the plain-SQL forms is tested in test/response_time_random.sql
-- and test/response_time_expanded.sql)
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) AS smskpi_median
FROM bench.rt_messages;

WITH t AS (SELECT split_part(label, ' | ', 1) AS data, split_part(label, ' | ', 2) AS query, ms
           FROM bench.timings WHERE label LIKE '% | %'),
base AS (SELECT data, ms FROM t WHERE query = 'count(*) scan'),
best AS (SELECT data, min(ms) FILTER (WHERE query LIKE 'FRT median: plain SQL%') AS frt,
                min(ms) FILTER (WHERE query LIKE 'reply time median: plain SQL%') AS reply
         FROM t GROUP BY data)
SELECT t.data, t.query, round(t.ms::numeric) AS ms,
       round((t.ms / base.ms)::numeric, 2) AS "x count(*)",
       CASE WHEN t.query LIKE 'FRT%' THEN round((best.frt / t.ms)::numeric, 1)
            WHEN t.query LIKE 'reply%' THEN round((best.reply / t.ms)::numeric, 1) END AS "speed-up vs best plain SQL"
FROM t JOIN base USING (data) JOIN best USING (data)
ORDER BY t.data DESC, t.ms;
