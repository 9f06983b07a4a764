-- KPI views (sql/parts/50_views.sql) on a small fixed dataset.  Every expected row below
-- was derived by hand from the rows of the dataset (derivations in the comments); each
-- check prints the rows that differ ('unexpected' = in the view only, 'missing' = expected
-- only), so an empty result is a pass.  Sentiment labels are the only values taken from
-- a reference query (smskpi.sentiment_score itself is tested in sentiment.sql).
SET client_min_messages = warning;
SET timezone = 'UTC';
CREATE SCHEMA t;
CREATE TABLE t.messages (message_id bigint, conversation_id bigint, contact_id bigint, direction text,
  sent_at timestamptz, status text, error_code int, body text, media_count int, campaign_id bigint,
  campaign_step int, list_id bigint, agent_id bigint);
-- Campaign 10 (list 100): step 1 on Mon 2025-03-03 10:00 to contacts 1-4, step 2 on 03-04 to 1 and 4.
-- Support conversations 2001-2004; automation (agent NULL) confirms the STOP.
INSERT INTO t.messages VALUES
 (1, 1001, 1, 'outbound', '2025-03-03 10:00', 'delivered', NULL, 'Hi Ann, 20% off today https://x.co/a', 0, 10, 1, 100, NULL),
 (2, 1002, 2, 'outbound', '2025-03-03 10:00', 'delivered', NULL, 'Hi Bob, 20% off today https://x.co/a', 0, 10, 1, 100, NULL),
 (3, 1003, 3, 'outbound', '2025-03-03 10:00', 'undelivered', 30006, 'Hi Cy, 20% off today https://x.co/a', 0, 10, 1, 100, NULL),
 (4, 1004, 4, 'outbound', '2025-03-03 10:00', 'delivered', NULL, 'Hi Di 😀 see the photo', 1, 10, 1, 100, NULL),
 (5, 1001, 1, 'inbound', '2025-03-03 10:05', 'received', NULL, 'Yes please!', 0, NULL, NULL, NULL, NULL),
 (6, 1002, 2, 'inbound', '2025-03-03 10:30', 'received', NULL, 'STOP', 0, NULL, NULL, NULL, NULL),
 (7, 1002, 2, 'outbound', '2025-03-03 10:30:01', 'delivered', NULL, 'You are unsubscribed.', 0, NULL, NULL, NULL, NULL),
 (8, 1001, 1, 'outbound', '2025-03-03 10:15', 'delivered', NULL, 'Great, here is your code', 0, NULL, NULL, NULL, 7),
 (9, 1001, 1, 'outbound', '2025-03-04 10:00', 'delivered', NULL, 'Last chance https://x.co/b ' || repeat('.', 150), 0, 10, 2, 100, NULL),
 (10, 1004, 4, 'outbound', '2025-03-04 10:00', 'failed', 30008, 'Last chance https://x.co/b ' || repeat('.', 150), 0, 10, 2, 100, NULL),
 (11, 2001, 3, 'inbound', '2025-03-04 09:00', 'read', NULL, 'My order is late and I am angry', 0, NULL, NULL, NULL, NULL),
 (12, 2001, 3, 'inbound', '2025-03-04 09:02', 'read', NULL, 'hello?', 0, NULL, NULL, NULL, NULL),
 (13, 2001, 3, 'outbound', '2025-03-04 09:10', 'delivered', NULL, 'Sorry! Checking now', 0, NULL, NULL, NULL, 8),
 (14, 2001, 3, 'inbound', '2025-03-04 09:20', 'read', NULL, 'thanks', 0, NULL, NULL, NULL, NULL),
 (15, 2001, 3, 'outbound', '2025-03-04 09:50', 'delivered', NULL, 'It ships today', 0, NULL, NULL, NULL, 8),
 (16, 2002, 4, 'inbound', '2025-03-05 14:00', 'read', NULL, 'Where is my refund?', 0, NULL, NULL, NULL, NULL),
 (17, 2002, 4, 'outbound', '2025-03-05 15:00', 'sent', NULL, 'Refund sent', 0, NULL, NULL, NULL, 7),
 (18, 2003, 3, 'inbound', '2025-03-05 08:00', 'received', NULL, 'Still nothing', 0, NULL, NULL, NULL, NULL),
 (19, 2004, 1, 'inbound', '2025-03-06 12:00', 'read', NULL, 'Can I change my address?', 0, NULL, NULL, NULL, NULL),
 (20, 2004, 1, 'outbound', '2025-03-06 12:05', 'delivered', NULL, 'Done!', 0, NULL, NULL, NULL, 8);
CREATE TABLE t.link_clicks (message_id bigint, clicked_at timestamptz);
INSERT INTO t.link_clicks VALUES
 (1, '2025-03-03 10:00:01'),   -- link preview (1 s < click_min_delay 5 s): ignored
 (1, '2025-03-03 10:10'), (1, '2025-03-03 10:20'), (2, '2025-03-03 10:03'), (9, '2025-03-04 12:00');
CREATE TABLE t.conversions (contact_id bigint, converted_at timestamptz, revenue numeric, message_id bigint);
INSERT INTO t.conversions VALUES
 (1, '2025-03-04 11:00', 50.00, NULL),  -- last non-failed send to 1 before it: 9 (1 h)      -> 9
 (2, '2025-03-03 11:00', 20.00, 2),     -- explicit                                          -> 2
 (4, '2025-03-20 09:00', 30.00, NULL),  -- last non-failed: 17 (03-05 15:00), 14.75 d > 7 d -> none
 (3, '2025-03-06 09:00', 10.00, NULL),  -- last non-failed: 15 (03-04 09:50; 3 undelivered)  -> 15
 (5, '2025-03-05 12:00', 40.00, NULL);  -- holdout contact, never messaged                    -> none
CREATE TABLE t.consent_events (contact_id bigint, list_id bigint, event text, occurred_at timestamptz, source text);
INSERT INTO t.consent_events VALUES
 (1, 100, 'opt_in', '2025-02-01 12:00', 'web_form'), (2, 100, 'opt_in', '2025-02-01 12:00', 'keyword'),
 (3, 100, 'opt_in', '2025-02-15 00:00', 'import'), (4, 100, 'opt_in', '2025-03-03 09:59', 'web_form'),
 (2, 100, 'opt_out', '2025-03-03 10:30', 'keyword'), (2, 100, 'opt_out', '2025-03-03 10:30:05', 'keyword');
CREATE TABLE t.conversation_events (conversation_id bigint, event text, occurred_at timestamptz);
INSERT INTO t.conversation_events VALUES
 (2001, 'resolved', '2025-03-04 10:00'),
 (2002, 'resolved', '2025-03-05 16:00'), (2002, 'reopened', '2025-03-05 17:00'), (2002, 'resolved', '2025-03-06 09:00'),
 (2004, 'resolved', '2025-03-06 12:10');
CREATE TABLE t.holdout_contacts (contact_id bigint, campaign_id bigint);
INSERT INTO t.holdout_contacts VALUES (5, 10), (6, 10);

CREATE SCHEMA k;
SELECT v::text FROM smskpi.create_kpi_views('k', 't.messages', 't.link_clicks', 't.conversions', 't.consent_events',
    't.conversation_events', 't.holdout_contacts') v ORDER BY 1;

-- kpi_sends: position = rank among all outbound messages to the contact; credits: SMS
-- segments (177 GSM characters = 2), 1 per MMS; replies attributed to the latest
-- non-failed outbound message before them in the conversation.
WITH v AS (SELECT message_id, day, "position", channel, credits, emoji, has_link, delivered, failed, replied, opted_out FROM k.kpi_sends),
e (message_id, day, "position", channel, credits, emoji, has_link, delivered, failed, replied, opted_out) AS (VALUES
 (1::bigint, '2025-03-03'::date, 1, 'SMS', 1, false, true, true, false, true, false),
 (2, '2025-03-03', 1, 'SMS', 1, false, true, true, false, true, true),
 (3, '2025-03-03', 1, 'SMS', 1, false, true, false, true, false, false),
 (4, '2025-03-03', 1, 'MMS', 1, true, false, true, false, false, false),
 (7, '2025-03-03', 2, 'SMS', 1, false, false, true, false, false, false),
 (8, '2025-03-03', 2, 'SMS', 1, false, false, true, false, false, false),
 (9, '2025-03-04', 3, 'SMS', 2, false, true, true, false, false, false),
 (10, '2025-03-04', 2, 'SMS', 2, false, true, false, true, false, false),
 (13, '2025-03-04', 2, 'SMS', 1, false, false, true, false, true, false),
 (15, '2025-03-04', 3, 'SMS', 1, false, false, true, false, false, false),
 (17, '2025-03-05', 3, 'SMS', 1, false, false, false, false, false, false),
 (20, '2025-03-06', 4, 'SMS', 1, false, false, true, false, false, false))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;

-- kpi_message_volume: inbound replies carry no campaign/agent, so they land in the
-- NULL/NULL/NULL groups (9 and 7 outbound credits: m9 = 2 segments + m10 = 2).
WITH v AS (SELECT day, campaign_id, list_id, agent_id, channel, outbound, inbound, delivered, failed, credits,
                  round(inbound_per_outbound::numeric, 4) AS ratio FROM k.kpi_message_volume),
e (day, campaign_id, list_id, agent_id, channel, outbound, inbound, delivered, failed, credits, ratio) AS (VALUES
 ('2025-03-03'::date, 10::bigint, 100::bigint, NULL::bigint, 'SMS', 3::bigint, 0::bigint, 2::bigint, 1::bigint, 3::bigint, 0::numeric),
 ('2025-03-03', 10, 100, NULL, 'MMS', 1, 0, 1, 0, 1, 0),
 ('2025-03-03', NULL, NULL, NULL, 'SMS', 1, 2, 1, 0, 1, 2),
 ('2025-03-03', NULL, NULL, 7, 'SMS', 1, 0, 1, 0, 1, 0),
 ('2025-03-04', 10, 100, NULL, 'SMS', 2, 0, 1, 1, 4, 0),
 ('2025-03-04', NULL, NULL, NULL, 'SMS', 0, 3, 0, 0, 0, NULL),
 ('2025-03-04', NULL, NULL, 8, 'SMS', 2, 0, 2, 0, 2, 0),
 ('2025-03-05', NULL, NULL, NULL, 'SMS', 0, 2, 0, 0, 0, NULL),
 ('2025-03-05', NULL, NULL, 7, 'SMS', 1, 0, 0, 0, 1, 0),
 ('2025-03-06', NULL, NULL, NULL, 'SMS', 0, 1, 0, 0, 0, NULL),
 ('2025-03-06', NULL, NULL, 8, 'SMS', 1, 0, 1, 0, 1, 0))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;

-- kpi_response_rate: replied/repliers count delivered sends only; m17 ('sent', no
-- receipt) is not delivered, so its rate is NULL.
WITH v AS (SELECT day, campaign_id, agent_id, channel, sent, delivered, replied, repliers, replies,
                  round(response_rate::numeric, 4) AS rate FROM k.kpi_response_rate),
e (day, campaign_id, agent_id, channel, sent, delivered, replied, repliers, replies, rate) AS (VALUES
 ('2025-03-03'::date, 10::bigint, NULL::bigint, 'SMS', 3::bigint, 2::bigint, 2::bigint, 2::bigint, 2::bigint, 1::numeric),
 ('2025-03-03', 10, NULL, 'MMS', 1, 1, 0, 0, 0, 0),
 ('2025-03-03', NULL, NULL, 'SMS', 1, 1, 0, 0, 0, 0),
 ('2025-03-03', NULL, 7, 'SMS', 1, 1, 0, 0, 0, 0),
 ('2025-03-04', 10, NULL, 'SMS', 2, 1, 0, 0, 0, 0),
 ('2025-03-04', NULL, 8, 'SMS', 2, 2, 1, 1, 1, 0.5),
 ('2025-03-05', NULL, 7, 'SMS', 1, 0, 0, 0, 0, NULL),
 ('2025-03-06', NULL, 8, 'SMS', 1, 1, 0, 0, 0, 0))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;

-- kpi_delivery and kpi_delivery_failures
WITH v AS (SELECT day, campaign_id, channel, sent, delivered, failed, pending,
                  round(delivery_rate::numeric, 4) AS dr, round(failure_rate::numeric, 4) AS fr FROM k.kpi_delivery),
e (day, campaign_id, channel, sent, delivered, failed, pending, dr, fr) AS (VALUES
 ('2025-03-03'::date, 10::bigint, 'SMS', 3::bigint, 2::bigint, 1::bigint, 0::bigint, 0.6667, 0.3333),
 ('2025-03-03', 10, 'MMS', 1, 1, 0, 0, 1, 0),
 ('2025-03-03', NULL, 'SMS', 2, 2, 0, 0, 1, 0),
 ('2025-03-04', 10, 'SMS', 2, 1, 1, 0, 0.5, 0.5),
 ('2025-03-04', NULL, 'SMS', 2, 2, 0, 0, 1, 0),
 ('2025-03-05', NULL, 'SMS', 1, 0, 0, 1, 0, 0),
 ('2025-03-06', NULL, 'SMS', 1, 1, 0, 0, 1, 0))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;
SELECT day, campaign_id, list_id, channel, status, error_code, reason, failures FROM k.kpi_delivery_failures ORDER BY day;

-- kpi_click_through: m1 clicked at 10:10 and 10:20 (the 10:00:01 preview is ignored),
-- m2 at 10:03, m9 2 h after the send: median time to click on 03-03 = (10 + 3) / 2 min.
WITH v AS (SELECT day, campaign_id, channel, delivered, delivered_with_link, clicked, clicks,
                  round(ctr::numeric, 4) AS ctr, round(link_ctr::numeric, 4) AS link_ctr, median_time_to_click
           FROM k.kpi_click_through),
e (day, campaign_id, channel, delivered, delivered_with_link, clicked, clicks, ctr, link_ctr, median_time_to_click) AS (VALUES
 ('2025-03-03'::date, 10::bigint, 'SMS', 2::bigint, 2::bigint, 2::bigint, 3::bigint, 1::numeric, 1::numeric, interval '6 min 30 s'),
 ('2025-03-03', 10, 'MMS', 1, 0, 0, 0, 0, NULL, NULL),
 ('2025-03-03', NULL, 'SMS', 2, 0, 0, 0, 0, NULL, NULL),
 ('2025-03-04', 10, 'SMS', 1, 1, 1, 1, 1, 1, interval '2 hours'),
 ('2025-03-04', NULL, 'SMS', 2, 0, 0, 0, 0, NULL, NULL),
 ('2025-03-05', NULL, 'SMS', 0, 0, 0, 0, NULL, NULL, NULL),
 ('2025-03-06', NULL, 'SMS', 1, 0, 0, 0, 0, NULL, NULL))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;

-- kpi_engagement: engaged = delivered and (a reply that is not an opt-out, or a click):
-- 03-03 campaign SMS: m1 (reply + click), m2 (STOP, but clicked) = 2 of 2.
WITH v AS (SELECT day, campaign_id, agent_id, channel, delivered, replied, clicked, engaged,
                  round(engagement_rate::numeric, 4) AS rate FROM k.kpi_engagement),
e (day, campaign_id, agent_id, channel, delivered, replied, clicked, engaged, rate) AS (VALUES
 ('2025-03-03'::date, 10::bigint, NULL::bigint, 'SMS', 2::bigint, 1::bigint, 2::bigint, 2::bigint, 1::numeric),
 ('2025-03-03', 10, NULL, 'MMS', 1, 0, 0, 0, 0),
 ('2025-03-03', NULL, NULL, 'SMS', 1, 0, 0, 0, 0),
 ('2025-03-03', NULL, 7, 'SMS', 1, 0, 0, 0, 0),
 ('2025-03-04', 10, NULL, 'SMS', 1, 0, 1, 1, 1),
 ('2025-03-04', NULL, 8, 'SMS', 2, 1, 0, 1, 0.5),
 ('2025-03-05', NULL, 7, 'SMS', 0, 0, 0, 0, NULL),
 ('2025-03-06', NULL, 8, 'SMS', 1, 0, 0, 0, 0))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;

-- kpi_conversions: attributed conversions 2 -> m2 (20), 1 -> m9 (50), 3 -> m15 (10).
WITH v AS (SELECT day, campaign_id, agent_id, channel, sent, delivered, converted, conversions, revenue,
                  round(conversion_rate::numeric, 4) AS rate, round(revenue_per_message, 4) AS rpm FROM k.kpi_conversions),
e (day, campaign_id, agent_id, channel, sent, delivered, converted, conversions, revenue, rate, rpm) AS (VALUES
 ('2025-03-03'::date, 10::bigint, NULL::bigint, 'SMS', 3::bigint, 2::bigint, 1::bigint, 1::bigint, 20.00::numeric, 0.5::numeric, 6.6667::numeric),
 ('2025-03-03', 10, NULL, 'MMS', 1, 1, 0, 0, 0, 0, 0),
 ('2025-03-03', NULL, NULL, 'SMS', 1, 1, 0, 0, 0, 0, 0),
 ('2025-03-03', NULL, 7, 'SMS', 1, 1, 0, 0, 0, 0, 0),
 ('2025-03-04', 10, NULL, 'SMS', 2, 1, 1, 1, 50.00, 1, 25),
 ('2025-03-04', NULL, 8, 'SMS', 2, 2, 1, 1, 10.00, 0.5, 5),
 ('2025-03-05', NULL, 7, 'SMS', 1, 0, 0, 0, 0, NULL, 0),
 ('2025-03-06', NULL, 8, 'SMS', 1, 1, 0, 0, 0, 0, 0))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;

-- kpi_revenue: 5 conversions, 150.00; attributed 3, 80.00; 12 outbound messages;
-- active subscribers (a delivered message in March): contacts 1, 2, 3, 4.
SELECT month, conversions, revenue, attributed_conversions, attributed_revenue, sent, active_subscribers,
       round(revenue_per_message, 4) AS rpm, round(revenue_per_active_subscriber, 4) AS rpas
FROM k.kpi_revenue;
-- expected: 2025-03-01 | 5 | 150.00 | 3 | 80.00 | 12 | 4 | 6.6667 | 20.0000

-- kpi_campaign_lift: window [03-03 10:00, 03-04 10:00 + 7 d); treated 1-4, converted
-- 1, 2, 3 (4 converted on 03-20); holdout 5 (converted 03-05) and 6.
SELECT campaign_id, day, treated, treated_converted, treated_rate, holdout, holdout_converted, holdout_rate,
       lift, relative_lift FROM k.kpi_campaign_lift;
-- expected: 10 | 2025-03-03 | 4 | 3 | 0.75 | 2 | 1 | 0.5 | 0.25 | 0.5

-- kpi_opt_ins_outs
SELECT day, list_id, source, opt_ins, opt_outs, net FROM k.kpi_opt_ins_outs ORDER BY day, source;
-- expected: 02-01 keyword 1 0 1; 02-01 web_form 1 0 1; 02-15 import 1 0 1;
--           03-03 keyword 0 2 -2; 03-03 web_form 1 0 1

-- kpi_list_health: the second opt-out of contact 2 changes nothing (net 03-03 = +1 -1 +0);
-- 03-04 has messages only (m9, m10).
SELECT day, list_id, opt_ins, opt_outs, net_change, subscribers, messages, round(messages_per_subscriber::numeric, 4) AS mps
FROM k.kpi_list_health ORDER BY day;
-- expected: 02-01 2 0 2 2 0 0; 02-15 1 0 1 3 0 0; 03-03 1 2 0 3 4 1.3333; 03-04 0 0 0 3 2 0.6667

-- kpi_campaign_opt_outs: recipients 1-4, delivered recipients 1, 2, 4; opted out: 2.
SELECT campaign_id, day, list_id, recipients, delivered_recipients, opted_out, round(opt_out_rate::numeric, 4) AS rate, over_2pct
FROM k.kpi_campaign_opt_outs;
-- expected: 10 | 2025-03-03 | 100 | 4 | 3 | 1 | 0.3333 | t

-- kpi_conversations
SELECT conversation_id, contact_id, customer_initiated, day, hour, first_response_time, agent_id, campaign_id, messages, inbound
FROM k.kpi_conversations ORDER BY conversation_id;
-- expected: 1001 1 f 03-03 10 00:10:00 7 10 4 1 | 1002 2 f 03-03 10 00:00:01 NULL 10 3 1
--           1003 3 f 03-03 10 NULL NULL 10 1 0 | 1004 4 f 03-03 10 NULL NULL 10 2 0
--           2001 3 t 03-04 9 00:10:00 8 NULL 5 3 | 2002 4 t 03-05 14 01:00:00 7 NULL 2 1
--           2003 3 t 03-05 8 NULL NULL NULL 1 1 | 2004 1 t 03-06 12 00:05:00 8 NULL 2 1

-- kpi_first_response (by day, hour of the first inbound message, first responder)
SELECT day, hour, agent_id, conversations, answered, median, p90, within_15m, within_1h, within_24h
FROM k.kpi_first_response ORDER BY day, hour, agent_id;
-- expected: 03-03 10 7: 1 1 00:10 00:10 1 1 1 | 03-03 10 NULL: 1 1 00:00:01 00:00:01 1 1 1
--           03-04 9 8: 1 1 00:10 00:10 1 1 1  | 03-05 8 NULL: 1 0 NULL NULL 0 0 0
--           03-05 14 7: 1 1 01:00 01:00 0 1 1 | 03-06 12 8: 1 1 00:05 00:05 1 1 1
-- states merge across rows: all answered {1 s, 5, 10, 10, 60 min} -> median 10 min;
-- agent 7 {10 min, 1 h} -> 35 min; hour 10 {1 s, 10 min} -> 5 min 0.5 s
SELECT smskpi.response_median(smskpi.response_state_merge(state)) FROM k.kpi_first_response;
SELECT agent_id, smskpi.response_median(smskpi.response_state_merge(state)) FROM k.kpi_first_response GROUP BY 1 ORDER BY 1;
SELECT hour, smskpi.response_median(smskpi.response_state_merge(state)) FROM k.kpi_first_response GROUP BY 1 ORDER BY 1;

-- kpi_first_response_monthly (by month of the first inbound message, first responder):
-- agent 7 {10 min, 1 h}: 2 conversations, 2 answered, median 35 min, p90 10 + 0.9 * 50 =
-- 55 min; agent 8 {10 min, 5 min}: 2 2 7 min 30 s, 5 + 0.9 * 5 = 9 min 30 s; NULL (1002
-- answered by automation in 1 s, 2003 unanswered): 2 1 1 s 1 s.  Merged: the median of
-- all five, 10 min, as above.
SELECT month, agent_id, conversations, answered, median, p90 FROM k.kpi_first_response_monthly ORDER BY month, agent_id;
SELECT month, smskpi.duration_percentile(smskpi.duration_state_merge(durations), 0.5) AS median
FROM k.kpi_first_response_monthly GROUP BY month;

-- kpi_first_response_daily (kpi_first_response merged over the hours of a day): one hour
-- per day and agent here, so the rows above: 03-03 7 {10 min}, 03-03 NULL {1 s}, 03-04 8
-- {10 min}, 03-05 7 {1 h}, 03-05 NULL (2003 unanswered: 1 0, median NULL), 03-06 8 {5 min}.
SELECT day, agent_id, conversations, answered, median, p90, answered_15m, answered_1h, answered_24h
FROM k.kpi_first_response_daily ORDER BY day, agent_id;
-- kpi_first_response_hourly (merged over agents): 03-03 hour 10 has 1001 (agent 7, 10 min)
-- and 1002 (automation, 1 s): 2 2, median 5 min 0.5 s, p90 1 s + 0.9 * 599 s = 9 min 0.1 s,
-- both within 15 min; 03-04 9: 10 min; 03-05 8: 1 0 NULL; 03-05 14: 1 h (not within
-- 15 min, within 1 h); 03-06 12: 5 min.
SELECT day, hour, conversations, answered, median, p90, answered_15m, answered_1h, answered_24h
FROM k.kpi_first_response_hourly ORDER BY day, hour;

-- kpi_reply_time: 2001 has two turns (09:00 burst -> 09:10, 09:20 -> 09:50): median 20
-- min, p90 10 + 0.9 * 20 = 28 min, mean 20 min.
SELECT day, agent_id, turns, answered, median, p90, mean FROM k.kpi_reply_time ORDER BY day, agent_id;

-- kpi_resolution: 2001: resolved 1 h after its first message, but contact 3 wrote again
-- (2003) 22 h later -> not FCR; 2002: reopened, finally resolved 19 h after the first
-- message -> not FCR; 2004: 10 min, FCR.
SELECT day, agent_id, conversations, resolved, reopened, mean_resolution_time, median_resolution_time,
       first_contact_resolved, fcr_rate FROM k.kpi_resolution ORDER BY day;

-- kpi_sentiment_trend and kpi_negative_messages against a plain-SQL reference
WITH v AS (SELECT day, channel, inbound, positive, neutral, negative, round(mean_score::numeric, 6) AS mean_score FROM k.kpi_sentiment_trend),
e AS (SELECT sent_at::date AS day, 'SMS' AS channel, count(*) AS inbound,
             count(*) FILTER (WHERE smskpi.sentiment_label(body) = 'positive') AS positive,
             count(*) FILTER (WHERE smskpi.sentiment_label(body) = 'neutral') AS neutral,
             count(*) FILTER (WHERE smskpi.sentiment_label(body) = 'negative') AS negative,
             round(avg(smskpi.sentiment_score(body))::numeric, 6) AS mean_score
      FROM t.messages WHERE direction = 'inbound' GROUP BY 1)
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;
SELECT (SELECT count(*) FROM k.kpi_sentiment_trend) AS days,
       (SELECT array_agg(message_id ORDER BY sent_at DESC) FROM k.kpi_negative_messages)
       = (SELECT array_agg(message_id ORDER BY sent_at DESC) FROM t.messages
          WHERE direction = 'inbound' AND smskpi.sentiment_label(body) = 'negative') AS negatives_match,
       (SELECT count(*) > 0 FROM k.kpi_negative_messages) AS some_negative;

-- kpi_campaign_report: step 1: sent 4 (m1-m4, SMS + MMS = mixed), delivered 3, failed 1,
-- replied 2, clicked 2 (3 clicks), opt-outs 1, credits 4, conversion m2 (20.00);
-- step 2: m9 + m10 (2 segments each), m9 clicked and converted (50.00).
SELECT campaign_id, campaign_step, day, list_id, channel, sent, delivered, failed, replied, replies, clicked, clicks,
       opt_outs, credits, conversions, revenue, round(reply_rate::numeric, 4) AS reply_rate, round(ctr::numeric, 4) AS ctr,
       round(opt_out_rate::numeric, 4) AS opt_out_rate, opt_out_over_2pct
FROM k.kpi_campaign_report ORDER BY 1, 2;

-- kpi_drip_falloff (contacts per step): step 1: 4 recipients, 3 delivered, 2 replied
-- (5 and 30 min: median 17.5 min), 1 positive, 1 opted out; step 2: 1 and 4, none
-- replied: change -1, the falloff point.
SELECT campaign_id, step, day, recipients, delivered, replied, reply_rate, positive_replies, opted_out, still_active,
       median_reply_delay, reply_rate_change, falloff_point FROM k.kpi_drip_falloff ORDER BY 1, 2;

-- kpi_reply_rates
WITH v AS (SELECT day, campaign_id, "position", channel, emoji, sent, delivered, replied, positive, opted_out,
                  round(reply_rate::numeric, 4) AS rate FROM k.kpi_reply_rates),
e (day, campaign_id, "position", channel, emoji, sent, delivered, replied, positive, opted_out, rate) AS (VALUES
 ('2025-03-03'::date, 10::bigint, 1, 'SMS', false, 3::bigint, 2::bigint, 2::bigint, 1::bigint, 1::bigint, 1::numeric),
 ('2025-03-03', 10, 1, 'MMS', true, 1, 1, 0, 0, 0, 0),
 ('2025-03-03', NULL, 2, 'SMS', false, 2, 2, 0, 0, 0, 0),
 ('2025-03-04', 10, 3, 'SMS', false, 1, 1, 0, 0, 0, 0),
 ('2025-03-04', 10, 2, 'SMS', false, 1, 0, 0, 0, 0, NULL),
 ('2025-03-04', NULL, 2, 'SMS', false, 1, 1, 1, 0, 0, 1),
 ('2025-03-04', NULL, 3, 'SMS', false, 1, 1, 0, 0, 0, 0),
 ('2025-03-05', NULL, 3, 'SMS', false, 1, 0, 0, 0, 0, NULL),
 ('2025-03-06', NULL, 4, 'SMS', false, 1, 1, 0, 0, 0, 0))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;

-- kpi_speed_to_lead: 1 and 2 opted in 02-01 12:00, first contacted 03-03 10:00; 3 on
-- 02-15, first non-failed send m13 (03-04 09:10); 4 at 09:59, m4 at 10:00.
SELECT day, leads, contacted, within_5m, within_1h, median_delay, p90_delay FROM k.kpi_speed_to_lead ORDER BY day;

-- kpi_unanswered_streaks: contact 1: m8, m9, m20 unanswered (signal at m9, one sent
-- after); contact 4: m4, m17 (m10 failed: neither extends nor breaks).
SELECT contact_id, day, longest_streak, signal_at, sent_after, replied_after, current_streak
FROM k.kpi_unanswered_streaks ORDER BY contact_id;

-- kpi_vs_target, March 2025: delivery 9/12; response time median 10 min (not above
-- 10); FCR 1/3; response rate 3 repliers / 9 delivered; CTR 3/9; engagement 4/9;
-- conversion cold 2/4, warm 1/5; opt-out 1/3; mean resolution (60 + 1140 + 10) / 3 min;
-- list growth 0 / 3.
WITH v AS (SELECT metric, round(actual::numeric, 4) AS actual, below_target, advice IS NOT NULL AS advised
           FROM k.kpi_vs_target WHERE month = '2025-03-01' AND metric <> 'sentiment_positive_or_neutral'),
e (metric, actual, below_target, advised) AS (VALUES
 ('delivery_rate', 0.75, true, true),
 ('response_time', 10.0, false, false),
 ('response_time_live_chat', 10.0, true, true),
 ('first_contact_resolution', 0.3333, true, true),
 ('response_rate', 0.3333, false, false),
 ('click_through_rate', 0.3333, false, false),
 ('engagement_rate', 0.4444, false, false),
 ('conversion_rate_cold', 0.5, false, false),
 ('conversion_rate_warm', 0.2, false, false),
 ('opt_out_rate', 0.3333, true, true),
 ('resolution_time_simple', 403.3333, true, true),
 ('resolution_time_complex', 403.3333, false, false),
 ('list_growth', 0, false, false))
SELECT 'unexpected' AS diff, * FROM (TABLE v EXCEPT ALL TABLE e) x UNION ALL
SELECT 'missing', * FROM (TABLE e EXCEPT ALL TABLE v) y;
-- an edited target replaces the built-in one
BEGIN;
UPDATE smskpi.kpi_targets SET target_min = 0.80 WHERE metric = 'delivery_rate';
SELECT metric, edited, target_min FROM smskpi.kpi_targets WHERE metric = 'delivery_rate';
SELECT metric, target_min, below_target FROM k.kpi_vs_target WHERE month = '2025-03-01' AND metric = 'delivery_rate';
INSERT INTO smskpi.kpi_targets (metric, description, unit, better, target_min, target_text, advice)
VALUES ('engagement_rate', 'ours', 'ratio', 'higher', 0.5, '50%', 'Write better copy');
SELECT metric, target_min, below_target, advice FROM k.kpi_vs_target WHERE month = '2025-03-01' AND metric = 'engagement_rate';
ROLLBACK;
SELECT count(*) AS builtin_targets, bool_and(NOT edited) AS none_edited FROM smskpi.kpi_targets;
DROP SCHEMA k CASCADE;
DROP SCHEMA t CASCADE;
