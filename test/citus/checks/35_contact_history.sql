-- test/citus/checks/35_contact_history.sql -- the per-contact campaign functions
-- (sql/parts/41_contact_history.sql): smskpi.contact_history(...) GROUP BY contact_id, the
-- set-returning functions over each history (LATERAL), falloff_state summing histories.
-- contact_history and falloff_state have real state types with combine functions and
-- concrete argument types, so Citus can split them.  Where messages are distributed by
-- contact_id the per-contact part runs whole on the workers; by conversation_id each
-- contact's history is built from per-shard partial histories combined on the
-- coordinator (partial), and what is computed over the histories then runs there.
-- Format: see test/citus/run.sh.

-- name: history_info
-- plan: byc:pushdown byv:partial
SELECT (smskpi.contact_history_info(h)).*, h::text
FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                    status, body, media_count, campaign_id, campaign_step) AS h
      FROM {S}.messages GROUP BY contact_id) c;

-- name: history_reply_attribution
-- plan: byc:pushdown byv:partial
SELECT a.*
FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                    status, body, media_count, campaign_id, campaign_step) AS h
      FROM {S}.messages GROUP BY contact_id) c,
     LATERAL smskpi.reply_attribution(c.h, interval '1 hour') a;

-- name: history_attribution_by_position
-- plan: byc:combine byv:partial
SELECT a.position, count(*), count(*) FILTER (WHERE a.replied), count(*) FILTER (WHERE a.opted_out)
FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                    status, body, media_count, campaign_id, campaign_step) AS h
      FROM {S}.messages GROUP BY contact_id) c,
     LATERAL smskpi.reply_attribution(c.h) a
GROUP BY a.position;

-- name: history_unanswered_streaks
-- plan: byc:pushdown byv:partial
SELECT u.*
FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                    status, body, media_count, campaign_id, campaign_step) AS h
      FROM {S}.messages GROUP BY contact_id) c,
     LATERAL smskpi.unanswered_streaks(c.h, 2) u;

-- name: history_speed_to_lead
-- plan: byc:pushdown byv:partial
-- (consent_events: co-located on byc, a reference table on byv)
SELECT e.contact_id, e.occurred_at, smskpi.first_outbound_after(c.h, e.occurred_at)
FROM (SELECT contact_id, smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                                status, body, media_count, campaign_id, campaign_step) AS h
      FROM {S}.messages GROUP BY contact_id) c
JOIN {S}.consent_events e ON e.contact_id = c.contact_id AND e.event = 'opt_in';

-- name: history_falloff
-- plan: partial
SELECT f.*
FROM smskpi.campaign_falloff(
  (SELECT smskpi.falloff_state(c.h, interval '24 hours')
   FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                       status, body, media_count, campaign_id, campaign_step) AS h
         FROM {S}.messages GROUP BY contact_id) c)) f;

-- name: history_falloff_merge
-- plan: partial
-- falloff states per contact range merged
SELECT f.*
FROM smskpi.campaign_falloff(
  (SELECT smskpi.falloff_state_merge(s.f)
   FROM (SELECT c.contact_id % 7 AS part, smskpi.falloff_state(c.h) AS f
         FROM (SELECT contact_id, smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                                         status, body, media_count, campaign_id, campaign_step) AS h
               FROM {S}.messages GROUP BY contact_id) c
         GROUP BY 1) s), campaign => 1) f;
