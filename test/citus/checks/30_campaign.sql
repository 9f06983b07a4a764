-- test/citus/checks/30_campaign.sql -- the campaign functions over one message log
-- (doc/campaign.md; the per-contact functions are in 35_contact_history.sql):
-- smskpi.message_log has an internal state, so Citus cannot split it and gathers every
-- message row on the coordinator (row-gather) before the aggregate runs there: expected
-- "pull".  message_log grouped by contact_id with a LATERAL set-returning function over
-- each log runs whole on the workers where messages are distributed by contact_id.
-- Format: see test/citus/run.sh.

-- name: message_log_bytes
-- plan: pull
-- note: message_log's state is internal: Citus gathers every row on the coordinator
SELECT length(l), md5(l)
FROM (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                status, body, media_count, campaign_id, campaign_step) AS l
      FROM {S}.messages) x;

-- name: contact_event_log_bytes
-- plan: byc:pull byv:pushdown
-- note: contact_event_log's state is internal: Citus gathers every row on the coordinator (on byv consent_events is a reference table: one node runs it all)
SELECT length(l), md5(l)
FROM (SELECT smskpi.contact_event_log(contact_id, occurred_at) AS l
      FROM {S}.consent_events WHERE event = 'opt_out') x;

-- name: reply_attribution
-- plan: pull
-- note: message_log's state is internal: Citus gathers every row on the coordinator
SELECT * FROM smskpi.reply_attribution(
  (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                             status, body, media_count, campaign_id, campaign_step) FROM {S}.messages));

-- name: reply_attribution_window_stops
-- plan: pull
-- note: message_log's and contact_event_log's states are internal: every row on the coordinator
SELECT * FROM smskpi.reply_attribution(
  (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                             status, body, media_count, campaign_id, campaign_step) FROM {S}.messages),
  interval '1 hour',
  (SELECT smskpi.contact_event_log(contact_id, at) FROM (
     SELECT contact_id, converted_at FROM {S}.conversions
     UNION ALL
     SELECT contact_id, occurred_at FROM {S}.consent_events WHERE event = 'opt_out') s(contact_id, at)));

-- name: campaign_falloff
-- plan: pull
-- note: message_log's state is internal: Citus gathers every row on the coordinator
SELECT * FROM smskpi.campaign_falloff(
  (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                             status, body, media_count, campaign_id, campaign_step) FROM {S}.messages));

-- name: campaign_falloff_options
-- plan: pull
-- note: message_log's and contact_event_log's states are internal: every row on the coordinator
SELECT * FROM smskpi.campaign_falloff(
  (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                             status, body, media_count, campaign_id, campaign_step) FROM {S}.messages),
  campaign => 1, reply_window => interval '24 hours',
  stops => (SELECT smskpi.contact_event_log(contact_id, converted_at) FROM {S}.conversions));

-- name: unanswered_streaks
-- plan: pull
-- note: message_log's state is internal: Citus gathers every row on the coordinator
SELECT * FROM smskpi.unanswered_streaks(
  (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                             status, body, media_count, campaign_id, campaign_step) FROM {S}.messages), 2);

-- name: speed_to_lead
-- plan: pull
-- note: message_log's and contact_event_log's states are internal: every row on the coordinator
SELECT * FROM smskpi.speed_to_lead(
  (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                             status, body, media_count, campaign_id, campaign_step) FROM {S}.messages),
  (SELECT smskpi.contact_event_log(contact_id, occurred_at) FROM {S}.consent_events WHERE event = 'opt_in'),
  interval '5 minutes');

-- Per contact: one log per contact (GROUP BY contact_id), the set-returning function
-- over each.  Where contact_id is the distribution column the whole query runs on the
-- workers (the internal state never leaves a worker); on byv the grouping is not by the
-- distribution column and the rows are gathered.  (reply_attribution and
-- unanswered_streaks give the same rows per contact as over one log of everything.)

-- name: reply_attribution_per_contact
-- plan: byc:pushdown byv:pull
-- note: on byv message_log is grouped by a column that is not the distribution column: every row gathered
SELECT a.*
FROM (SELECT contact_id, smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                            status, body, media_count, campaign_id, campaign_step) AS log
      FROM {S}.messages GROUP BY contact_id) l,
     LATERAL smskpi.reply_attribution(l.log) a;

-- name: unanswered_streaks_per_contact
-- plan: byc:pushdown byv:pull
-- note: on byv message_log is grouped by a column that is not the distribution column: every row gathered
SELECT u.*
FROM (SELECT contact_id, smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                            status, body, media_count, campaign_id, campaign_step) AS log
      FROM {S}.messages GROUP BY contact_id) l,
     LATERAL smskpi.unanswered_streaks(l.log, 2) u;

-- name: falloff_counts_per_contact
-- plan: byc:nopull byv:pull
-- note: on byv message_log is grouped by a column that is not the distribution column: every row gathered
-- recipients and replies per campaign step summed over per-contact falloffs (a contact
-- counts once per step in each), which equals the falloff of one log for these columns
SELECT f.campaign_id, f.step, sum(f.recipients), sum(f.delivered), sum(f.replied),
       sum(f.positive_replies), sum(f.opted_out), sum(f.still_active)
FROM (SELECT contact_id, smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                            status, body, media_count, campaign_id, campaign_step) AS log
      FROM {S}.messages GROUP BY contact_id) l,
     LATERAL smskpi.campaign_falloff(l.log) f
GROUP BY f.campaign_id, f.step;
