-- test/citus/checks/40_shapes.sql -- query shapes the per-contact designs rely on, in
-- plain SQL (and smskpi aggregates used where they are not split): what Citus 13 runs
-- whole on the workers when messages are distributed by contact_id (byc), and what it
-- gathers where they are not (byv).  Format: see test/citus/run.sh.

-- Window functions PARTITION BY the distribution column run on the workers.

-- name: window_by_contact
-- plan: byc:pushdown byv:pull
-- note: on byv the window partition is not the distribution column: rows gathered to the coordinator
SELECT contact_id, message_id,
       row_number() OVER (PARTITION BY contact_id ORDER BY sent_at, message_id) AS position,
       count(*) FILTER (WHERE direction = 'inbound') OVER (PARTITION BY contact_id) AS inbound
FROM {S}.messages;

-- name: window_smskpi_aggregate_by_contact
-- plan: byc:pushdown byv:pull
-- note: on byv the window partition is not the distribution column: rows gathered to the coordinator
-- an smskpi aggregate as a window aggregate is never split: the anyelement argument is no problem here
SELECT message_id,
       smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at) OVER (PARTITION BY contact_id)
FROM {S}.messages;

-- name: window_by_conversation
-- plan: byc:pull byv:pushdown
-- note: on byc the window partition is not the distribution column: rows gathered to the coordinator
SELECT conversation_id, message_id,
       first_value(sent_at) OVER (PARTITION BY conversation_id ORDER BY sent_at, message_id) AS started_at
FROM {S}.messages;

-- name: window_by_contact_conversation
-- plan: pushdown
-- a partition that contains the distribution column runs on the workers on either table
SELECT conversation_id, message_id,
       first_value(sent_at) OVER (PARTITION BY contact_id, conversation_id ORDER BY sent_at, message_id) AS started_at
FROM {S}.messages;

-- A grouped sub-select in FROM, a LATERAL set-returning function over each group's
-- result, and an outer aggregate over what it returns.

-- name: lateral_srf_over_group_by_contact
-- plan: byc:pushdown byv:pull
-- note: on byv array_agg (internal state) grouped by a non-distribution column: rows gathered
SELECT g.contact_id, u.t, u.n
FROM (SELECT contact_id, array_agg(sent_at ORDER BY sent_at, message_id) AS times
      FROM {S}.messages GROUP BY contact_id) g,
     LATERAL unnest(g.times) WITH ORDINALITY AS u(t, n);

-- name: lateral_srf_then_aggregate
-- plan: byc:combine byv:pull
-- note: on byv array_agg (internal state) grouped by a non-distribution column: rows gathered
SELECT u.n, count(*), min(u.t), max(u.t)
FROM (SELECT contact_id, array_agg(sent_at ORDER BY sent_at, message_id) AS times
      FROM {S}.messages WHERE direction = 'outbound' GROUP BY contact_id) g,
     LATERAL unnest(g.times) WITH ORDINALITY AS u(t, n)
GROUP BY u.n;

-- name: aggregate_of_per_contact_aggregates
-- plan: byc:combine byv:nopull
SELECT first_day, count(*) AS contacts, sum(n) AS messages
FROM (SELECT contact_id, min(sent_at)::date AS first_day, count(*) AS n
      FROM {S}.messages GROUP BY contact_id) s
GROUP BY first_day;

-- name: cte_per_contact_joined_back
-- plan: byc:pushdown byv:nopull
WITH firsts AS (SELECT contact_id, min(sent_at) AS first_at FROM {S}.messages GROUP BY contact_id)
SELECT m.contact_id, count(*) FILTER (WHERE m.sent_at <= f.first_at + interval '1 day')
FROM {S}.messages m JOIN firsts f USING (contact_id)
GROUP BY m.contact_id;

-- name: distinct_on_contact
-- plan: nopull
-- (on byc too the coordinator sorts and applies DISTINCT ON again over the workers' rows)
SELECT DISTINCT ON (contact_id) contact_id, message_id, sent_at
FROM {S}.messages WHERE direction = 'outbound'
ORDER BY contact_id, sent_at, message_id;

-- name: percentile_cont_by_day
-- plan: pull
-- note: percentile_cont is an ordered-set aggregate: Citus cannot split it and gathers the rows
SELECT date_trunc('day', sent_at) AS day, percentile_cont(0.5) WITHIN GROUP (ORDER BY media_count)
FROM {S}.messages GROUP BY 1;

-- name: count_distinct_contacts_by_day
-- plan: byc:nopull byv:nopull
SELECT date_trunc('day', sent_at) AS day, count(DISTINCT contact_id)
FROM {S}.messages GROUP BY 1;
