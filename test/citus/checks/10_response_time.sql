-- test/citus/checks/10_response_time.sql -- the response-time aggregates on distributed
-- messages (doc/response_time.md).  Format: see test/citus/run.sh; {S} = schema.
--
-- Every aggregate ungrouped, by day and by agent must split into worker states and a
-- combine on the coordinator (worker_partial_agg / coord_combine_agg); grouped by the
-- distribution column the whole query runs on the workers.
-- "By agent" joins on (contact_id, conversation_id), so that the join contains the
-- distribution column of either table (a conversation belongs to one contact): the join
-- is co-located on byc and on byv.  frt_median_by_agent_doc is doc/response_time.md's form
-- (the same join); frt_median_by_agent_doc_old the README's form before 0.3.0 (join on
-- conversation_id alone), which is not co-located on byc.

-- name: frt_median
-- plan: partial
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages;

-- name: frt_median_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY 1;

-- name: frt_median_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.median_first_response(m.conversation_id, m.direction = 'inbound', m.sent_at)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_median_bh
-- plan: partial
SELECT smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: frt_median_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY 1;

-- name: frt_median_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.median_first_response(m.conversation_id, m.direction = 'inbound', m.sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_pct
-- plan: partial
SELECT smskpi.first_response_percentile(conversation_id, direction = 'inbound', sent_at, 0.9)
FROM {S}.messages;

-- name: frt_pct_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.first_response_percentile(conversation_id, direction = 'inbound', sent_at, 0.9)
FROM {S}.messages GROUP BY 1;

-- name: frt_pct_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.first_response_percentile(m.conversation_id, m.direction = 'inbound', m.sent_at, 0.9)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_pct_bh
-- plan: partial
SELECT smskpi.first_response_percentile(conversation_id, direction = 'inbound', sent_at, 0.9, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: frt_pct_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.first_response_percentile(conversation_id, direction = 'inbound', sent_at, 0.9, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY 1;

-- name: frt_pct_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.first_response_percentile(m.conversation_id, m.direction = 'inbound', m.sent_at, 0.9, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_stats
-- plan: partial
SELECT smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages;

-- name: frt_stats_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY 1;

-- name: frt_stats_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.first_response_stats(m.conversation_id, m.direction = 'inbound', m.sent_at)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_stats_win
-- plan: partial
SELECT smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'])
FROM {S}.messages;

-- name: frt_stats_win_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'])
FROM {S}.messages GROUP BY 1;

-- name: frt_stats_win_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.first_response_stats(m.conversation_id, m.direction = 'inbound', m.sent_at, ARRAY[interval '5 minutes', interval '1 hour'])
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_stats_win_bh
-- plan: partial
SELECT smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: frt_stats_win_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY 1;

-- name: frt_stats_win_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.first_response_stats(m.conversation_id, m.direction = 'inbound', m.sent_at, ARRAY[interval '5 minutes', interval '1 hour'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_state
-- plan: partial
SELECT smskpi.response_stats(smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at))
FROM {S}.messages;

-- name: frt_state_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.response_stats(smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at))
FROM {S}.messages GROUP BY 1;

-- name: frt_state_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.response_stats(smskpi.first_response_state(m.conversation_id, m.direction = 'inbound', m.sent_at))
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_state_bh
-- plan: partial
SELECT smskpi.response_median(smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours))
FROM {S}.messages;

-- name: frt_state_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.response_median(smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours))
FROM {S}.messages GROUP BY 1;

-- name: frt_state_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.response_median(smskpi.first_response_state(m.conversation_id, m.direction = 'inbound', m.sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours))
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_median
-- plan: partial
SELECT smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages;

-- name: rt_median_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY 1;

-- name: rt_median_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.median_reply_time(m.conversation_id, m.direction = 'inbound', m.sent_at)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_median_bh
-- plan: partial
SELECT smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: rt_median_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.median_reply_time(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY 1;

-- name: rt_median_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.median_reply_time(m.conversation_id, m.direction = 'inbound', m.sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_pct
-- plan: partial
SELECT smskpi.reply_time_percentile(conversation_id, direction = 'inbound', sent_at, 0.9)
FROM {S}.messages;

-- name: rt_pct_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.reply_time_percentile(conversation_id, direction = 'inbound', sent_at, 0.9)
FROM {S}.messages GROUP BY 1;

-- name: rt_pct_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.reply_time_percentile(m.conversation_id, m.direction = 'inbound', m.sent_at, 0.9)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_pct_bh
-- plan: partial
SELECT smskpi.reply_time_percentile(conversation_id, direction = 'inbound', sent_at, 0.9, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: rt_pct_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.reply_time_percentile(conversation_id, direction = 'inbound', sent_at, 0.9, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY 1;

-- name: rt_pct_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.reply_time_percentile(m.conversation_id, m.direction = 'inbound', m.sent_at, 0.9, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_stats
-- plan: partial
SELECT smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages;

-- name: rt_stats_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY 1;

-- name: rt_stats_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.reply_time_stats(m.conversation_id, m.direction = 'inbound', m.sent_at)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_stats_win
-- plan: partial
SELECT smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'])
FROM {S}.messages;

-- name: rt_stats_win_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'])
FROM {S}.messages GROUP BY 1;

-- name: rt_stats_win_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.reply_time_stats(m.conversation_id, m.direction = 'inbound', m.sent_at, ARRAY[interval '5 minutes', interval '1 hour'])
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_stats_win_bh
-- plan: partial
SELECT smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: rt_stats_win_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at, ARRAY[interval '5 minutes', interval '1 hour'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY 1;

-- name: rt_stats_win_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.reply_time_stats(m.conversation_id, m.direction = 'inbound', m.sent_at, ARRAY[interval '5 minutes', interval '1 hour'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_state
-- plan: partial
SELECT smskpi.response_stats(smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at))
FROM {S}.messages;

-- name: rt_state_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.response_stats(smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at))
FROM {S}.messages GROUP BY 1;

-- name: rt_state_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.response_stats(smskpi.reply_time_state(m.conversation_id, m.direction = 'inbound', m.sent_at))
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: rt_state_bh
-- plan: partial
SELECT smskpi.response_median(smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours))
FROM {S}.messages;

-- name: rt_state_bh_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day, smskpi.response_median(smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours))
FROM {S}.messages GROUP BY 1;

-- name: rt_state_bh_by_agent
-- plan: partial
SELECT a.agent_id, smskpi.response_median(smskpi.reply_time_state(m.conversation_id, m.direction = 'inbound', m.sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours))
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_median_by_agent_doc
-- plan: partial
-- doc/response_time.md's form, as written there
SELECT a.agent_id, smskpi.median_first_response(m.conversation_id, m.direction = 'inbound', m.sent_at)
FROM {S}.messages m
JOIN (SELECT DISTINCT ON (contact_id, conversation_id) contact_id, conversation_id, agent_id
      FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
      ORDER BY contact_id, conversation_id, sent_at, message_id) a USING (contact_id, conversation_id)
GROUP BY a.agent_id;

-- name: frt_median_by_agent_doc_old
-- plan: partial
-- the README's form before 0.3.0 (with a.agent_id: plain agent_id is ambiguous), joined on
-- conversation_id alone: not co-located on byc (messages by contact_id), where the
-- DISTINCT ON sub-select becomes a subplan (one row per conversation and shard, made
-- distinct on the coordinator and sent to the workers), then the join and the partial
-- aggregation run on the workers
SELECT a.agent_id, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages JOIN (SELECT DISTINCT ON (conversation_id) conversation_id, agent_id
                        FROM {S}.messages WHERE direction = 'outbound' AND agent_id IS NOT NULL
                        ORDER BY conversation_id, sent_at, message_id) a USING (conversation_id)
GROUP BY a.agent_id;

-- Grouped by the distribution column: the whole query on the workers.

-- name: frt_median_by_contact
-- plan: byc:pushdown byv:partial
SELECT contact_id, smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY contact_id;

-- name: frt_stats_by_conversation
-- plan: byc:partial byv:pushdown
SELECT conversation_id, smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY conversation_id;

-- name: rt_stats_by_contact
-- plan: byc:pushdown byv:partial
SELECT contact_id, smskpi.reply_time_stats(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY contact_id;

-- name: rt_state_by_contact_conversation
-- plan: pushdown
SELECT contact_id, conversation_id,
       smskpi.response_stats(smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at))
FROM {S}.messages GROUP BY contact_id, conversation_id;

-- first_response_time(inbound, sent_at): the group is one conversation.

-- name: frt_time_by_conversation
-- plan: byc:partial byv:pushdown
SELECT conversation_id, smskpi.first_response_time(direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY conversation_id;

-- name: frt_time_by_conversation_bh
-- plan: byc:partial byv:pushdown
SELECT conversation_id,
       smskpi.first_response_time(direction = 'inbound', sent_at, 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY conversation_id;

-- name: frt_time_by_contact_conversation
-- plan: pushdown
SELECT contact_id, conversation_id, smskpi.first_response_time(direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY contact_id, conversation_id;

-- name: frt_time_ungrouped
-- plan: partial
SELECT smskpi.first_response_time(direction = 'inbound', sent_at)
FROM {S}.messages;

-- Stored states ({S}.rt_states: day, campaign_id, frt, rt; distributed by campaign_id on
-- byc and by day on byv; see test/citus/load.sql): merged by response_state_merge.

-- name: merge_frt_total
-- plan: partial
SELECT smskpi.response_median(smskpi.response_state_merge(frt)),
       smskpi.response_stats(smskpi.response_state_merge(frt))
FROM {S}.rt_states;

-- name: merge_frt_by_month
-- plan: partial
SELECT date_trunc('month', day) AS month, smskpi.response_median(smskpi.response_state_merge(frt)),
       smskpi.response_percentile(smskpi.response_state_merge(frt), 0.9)
FROM {S}.rt_states GROUP BY 1;

-- name: merge_rt_by_campaign
-- plan: byc:pushdown byv:partial
SELECT campaign_id, smskpi.response_stats(smskpi.response_state_merge(rt))
FROM {S}.rt_states GROUP BY campaign_id;

-- name: merge_rt_by_day
-- plan: byc:partial byv:pushdown
SELECT day, smskpi.response_stats(smskpi.response_state_merge(rt), ARRAY[interval '5 minutes'])
FROM {S}.rt_states GROUP BY day;

-- The state's text form travels between nodes: stored states read back, and states
-- built on the workers compared with those built locally (same text = same binary form).

-- name: state_text_round_trip
-- plan: pushdown
SELECT day, campaign_id, frt::text, rt::text, smskpi.response_state_info(frt)
FROM {S}.rt_states;

-- name: state_built_on_workers
-- plan: partial
SELECT date_trunc('day', sent_at)::date AS day, coalesce(campaign_id, 0) AS campaign_id,
       smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at)::text AS frt,
       smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at)::text AS rt
FROM {S}.messages GROUP BY 1, 2;

-- No rows: every shard sends an empty state (NULL); the coordinator's final function
-- must give what PostgreSQL gives (NULL, or a row of zero counts for the stats).

-- name: frt_stats_no_rows
-- plan: partial
SELECT smskpi.first_response_stats(conversation_id, direction = 'inbound', sent_at),
       smskpi.median_first_response(conversation_id, direction = 'inbound', sent_at)
FROM {S}.messages WHERE sent_at < '2000-01-01';

-- name: frt_time_no_rows
-- plan: partial
SELECT smskpi.first_response_time(direction = 'inbound', sent_at)
FROM {S}.messages WHERE sent_at < '2000-01-01';

-- name: merge_no_rows
-- plan: partial
SELECT smskpi.response_stats(smskpi.response_state_merge(rt)), smskpi.response_median(smskpi.response_state_merge(frt))
FROM {S}.rt_states WHERE day < '2000-01-01';
