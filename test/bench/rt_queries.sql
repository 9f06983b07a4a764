-- Included twice by 10_response_time.sql: times every response-time query over
-- :tbl, labelled :tag.  Each plain-SQL form is issue 3's (window form, join form).
SELECT bench.time(:'tag' || ' | count(*) scan', format($q$ SELECT count(*) FROM %s $q$, :'tbl'));
SELECT bench.time(:'tag' || ' | floor: count/max over the same 3 columns', format($q$
SELECT count(*) FILTER (WHERE direction = 'inbound'), max(sent_at), max(conversation_id) FROM %s $q$, :'tbl'));

SELECT bench.time(:'tag' || ' | FRT median: plain SQL, window form', format($q$
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) FROM (
  SELECT conversation_id,
         min(sent_at) FILTER (WHERE direction = 'outbound' AND sent_at >= first_in) - min(first_in) AS frt
  FROM (SELECT conversation_id, direction, sent_at,
               min(sent_at) FILTER (WHERE direction = 'inbound') OVER (PARTITION BY conversation_id) AS first_in
        FROM %s) s
  GROUP BY conversation_id) t WHERE frt IS NOT NULL $q$, :'tbl'), 1);

SELECT bench.time(:'tag' || ' | FRT median: plain SQL, join form', format($q$
WITH firsts AS (SELECT conversation_id, min(sent_at) FILTER (WHERE direction = 'inbound') AS first_in
                FROM %1$s GROUP BY 1)
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) FROM (
  SELECT f.conversation_id, min(m.sent_at) - f.first_in AS frt
  FROM firsts f JOIN %1$s m ON m.conversation_id = f.conversation_id
   AND m.direction = 'outbound' AND m.sent_at >= f.first_in
  GROUP BY f.conversation_id, f.first_in) r $q$, :'tbl'), 1);

SELECT bench.time(:'tag' || ' | FRT median: smskpi.median_first_response', format($q$
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) FROM %s $q$, :'tbl'));

SELECT bench.time(:'tag' || ' | FRT p90: smskpi.first_response_percentile', format($q$
SELECT smskpi.first_response_percentile(conversation_id, direction = 'inbound', sent_at, 0.9) FROM %s $q$, :'tbl'));

SELECT bench.time(:'tag' || ' | FRT summary: smskpi.first_response_stats', format($q$
SELECT smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at) FROM %s $q$, :'tbl'));

SELECT bench.time(:'tag' || ' | FRT median by agent: smskpi', format($q$
SELECT agent_id, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)
FROM %s GROUP BY agent_id $q$, :'tbl'));

SELECT bench.time(:'tag' || ' | FRT median, business hours: smskpi', format($q$
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at,
         'America/New_York; mon-fri 08:00-18:00; sat 09:00-13:00') FROM %s $q$, :'tbl'));

SELECT bench.time(:'tag' || ' | reply time median: smskpi.median_reply_time', format($q$
SELECT smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at) FROM %s $q$, :'tbl'));

SELECT bench.time(:'tag' || ' | reply time median: plain SQL, window form', format($q$
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY reply) FROM (
  SELECT ts - asked AS reply FROM (
    SELECT sent_at AS ts, direction,
           max(sent_at) FILTER (WHERE turn_start) OVER w AS asked,
           lag(direction) OVER w AS prev
    FROM (SELECT conversation_id, sent_at, direction,
                 direction = 'inbound' AND lag(direction) OVER w0 IS DISTINCT FROM 'inbound' AS turn_start
          FROM %s
          WINDOW w0 AS (PARTITION BY conversation_id ORDER BY sent_at, direction <> 'inbound')) s
    WINDOW w AS (PARTITION BY conversation_id ORDER BY sent_at, direction <> 'inbound')) t
  WHERE direction = 'outbound' AND prev = 'inbound') r $q$, :'tbl'), 1);

-- Serial plans of the floor and the median: their difference is smskpi's own work
-- per row, independent of how a parallel plan shares the two cores.
SET max_parallel_workers_per_gather = 0;
SELECT bench.time(:'tag' || ' | floor, serial plan', format($q$
SELECT count(*) FILTER (WHERE direction = 'inbound'), max(sent_at), max(conversation_id) FROM %s $q$, :'tbl'));
SELECT bench.time(:'tag' || ' | FRT median: smskpi, serial plan', format($q$
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) FROM %s $q$, :'tbl'));
SET max_parallel_workers_per_gather = 2;

-- The serial tail of a parallel plan: the leader combines the three partial
-- states (two workers and its own) and computes the median.  Here the same work
-- on three stored partial states, the rows split by message_id % 3 as the three
-- processes of a parallel scan split a table in random order (each third holds
-- most conversations); stored uncompressed, as a worker hands its state over.
DROP TABLE IF EXISTS bench.rt_thirds;
CREATE TABLE bench.rt_thirds (part int, state smskpi.response_state);
ALTER TABLE bench.rt_thirds ALTER state SET STORAGE EXTERNAL;
SELECT format($q$
INSERT INTO bench.rt_thirds
SELECT message_id %% 3, smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at)
FROM %s GROUP BY 1 $q$, :'tbl') \gexec
SELECT bench.time(:'tag' || ' | combine tail of FRT: merge of 3 partial states + median', $q$
SELECT smskpi.response_median(smskpi.response_state_merge(state)) FROM bench.rt_thirds $q$);
INSERT INTO bench.rt_share
SELECT :'tag', round(100.0 * avg((smskpi.response_state_info(state)).conversations)
       / (SELECT (smskpi.response_state_info(smskpi.response_state_merge(state))).conversations
          FROM bench.rt_thirds), 1)
FROM bench.rt_thirds;
DROP TABLE bench.rt_thirds;
