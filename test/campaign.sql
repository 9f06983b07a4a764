-- Campaign analytics: hand-computed drip scenarios (doc/campaign.md).
-- Every expected number below was worked out by hand from the rows in this file;
-- the comments give the reasoning.
SET timezone = 'UTC';
CREATE TABLE cm_msgs (message_id bigint, conversation_id bigint, contact_id bigint,
  direction text, sent_at timestamptz, status text, body text, media_count int,
  campaign_id bigint, campaign_step int);
-- Drip campaign 7, four steps at 10:00 on 2024-03-04 .. 03-07 (d1 .. d4).
INSERT INTO cm_msgs VALUES
 -- A (100): reply between steps; two replies to step 2; no reply to step 3;
 -- a reply after the last step (next day).
 (101, 10, 100, 'outbound', '2024-03-04 10:00', 'delivered', 'Step 1', 0, 7, 1),
 (102, 10, 100, 'inbound',  '2024-03-04 10:05', 'received',  'hello', 0, NULL, NULL),
 (103, 10, 100, 'outbound', '2024-03-05 10:00', 'delivered', 'Step 2', 1, 7, 2),
 (104, 10, 100, 'inbound',  '2024-03-05 10:30', 'received',  'who is this?', 0, NULL, NULL),
 (105, 10, 100, 'inbound',  '2024-03-05 11:00', 'received',  'call me later', 0, NULL, NULL),
 (106, 10, 100, 'outbound', '2024-03-06 10:00', 'delivered', 'Step 3', 0, 7, 3),
 (107, 10, 100, 'outbound', '2024-03-07 10:00', 'read',      'Step 4', 0, 7, 4),
 (108, 10, 100, 'inbound',  '2024-03-08 09:00', 'received',  'hi', 0, NULL, NULL),
 -- B (200): a message before any step; STOP at step 2; step 3 sent anyway.
 (201, 20, 200, 'inbound',  '2024-03-03 09:00', 'received',  'hello', 0, NULL, NULL),
 (202, 20, 200, 'outbound', '2024-03-04 10:00', 'sent',      'Step 1', 0, 7, 1),
 (203, 20, 200, 'outbound', '2024-03-05 10:00', 'delivered', 'Step 2', 1, 7, 2),
 (204, 20, 200, 'inbound',  '2024-03-05 10:10', 'received',  'STOP', 0, NULL, NULL),
 (205, 20, 200, 'outbound', '2024-03-06 10:00', 'delivered', 'Step 3', 0, 7, 3),
 -- C (300): a reply in the same microsecond as step 2 (counts for step 1);
 -- step 3 failed (does not close step 2's window); step 4 undelivered.
 (301, 30, 300, 'outbound', '2024-03-04 10:00', 'delivered', 'Step 1', 0, 7, 1),
 (309, 30, 300, 'inbound',  '2024-03-05 10:00', 'received',  'hey there', 0, NULL, NULL),
 (303, 30, 300, 'outbound', '2024-03-05 10:00', 'delivered', 'Step 2', 1, 7, 2),
 (304, 30, 300, 'outbound', '2024-03-06 10:00', 'failed',    'Step 3', 0, 7, 3),
 (305, 30, 300, 'inbound',  '2024-03-06 12:00', 'received',  'next week maybe', 0, NULL, NULL),
 (306, 30, 300, 'outbound', '2024-03-07 10:00', 'undelivered', 'Step 4', 0, 7, 4),
 -- D (400): step 1 sent twice (the reply answers the copy); a 1:1 agent message in
 -- a second conversation gets its own reply.
 (401, 40, 400, 'outbound', '2024-03-04 10:00', 'sent',      'Step 1', 0, 7, 1),
 (402, 40, 400, 'outbound', '2024-03-04 10:01', 'delivered', 'Step 1', 0, 7, 1),
 (403, 41, 400, 'outbound', '2024-03-04 10:02', 'delivered', 'Agent here', 0, NULL, NULL),
 (404, 41, 400, 'inbound',  '2024-03-04 10:03', 'received',  'call me tomorrow', 0, NULL, NULL),
 (405, 40, 400, 'inbound',  '2024-03-04 10:30', 'received',  'what is the price?', 0, NULL, NULL),
 -- E (500): an inbound message in the same microsecond as step 1 (comes before it,
 -- so it answers nothing, although its message_id is larger).
 (509, 50, 500, 'inbound',  '2024-03-04 10:00', 'received',  'hi', 0, NULL, NULL),
 (502, 50, 500, 'outbound', '2024-03-04 10:00', 'delivered', 'Step 1', 0, 7, 1),
 (503, 50, 500, 'outbound', '2024-03-05 10:00', 'delivered', 'Step 2', 0, 7, 2),
 (504, 50, 500, 'inbound',  '2024-03-05 10:20', 'received',  'what is the price?', 0, NULL, NULL),
 -- F (600): campaign 9, one step, answered after 2 hours.
 (601, 60, 600, 'outbound', '2024-03-04 10:00', 'read',      'Other campaign', 2, 9, 1),
 (602, 60, 600, 'inbound',  '2024-03-04 12:00', 'received',  'hey there', 0, NULL, NULL);

CREATE TABLE cm_log AS
SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                          status, body, media_count, campaign_id, campaign_step) AS log
FROM cm_msgs;
-- 30 messages of 48 bytes plus a 12-byte header (16 with the varlena length word).
SELECT octet_length(log) FROM cm_log;

-- Attribution, one row per outbound message.  Expected (by hand):
-- A: 101 replied once after 5 min; 103 twice, first after 30 min; 106 none;
--    107 once after 23 h.  B: 202 none (201 came before any step); 203 STOP after
--    10 min (replied, opted_out); 205 none, no longer active.  C: 301 after 1 day
--    (309 ties with 303 and still answers 301); 303 answered by 305 after 1 day 2 h
--    (the failed 304 does not close its window); 304 and 306 failed, no replies.
--    D: 401 none (its window ends at 402); 402 after 29 min; 403 (conversation 41)
--    after 1 min; positions 1, 2, 3 across both conversations.  E: 502 none;
--    503 after 20 min.  F: 601 after 2 h.
SELECT message_id, contact_id AS contact, campaign_step AS step, position AS pos,
       delivered, failed, mms, still_active AS active, replied, replies, reply_delay,
       opted_out, reply_intent = 'opt_out' AS first_is_stop
FROM smskpi.reply_attribution((SELECT log FROM cm_log))
ORDER BY contact_id, sent_at, message_id;

-- positive is "some reply in the window has intent yes": with one reply it is the
-- first reply's intent (whatever the classifier says about these bodies).
SELECT count(*) AS one_reply_rows,
       count(*) FILTER (WHERE positive IS DISTINCT FROM (reply_intent = 'yes')) AS inconsistent
FROM smskpi.reply_attribution((SELECT log FROM cm_log)) WHERE replies = 1;

-- Falloff of campaign 7 (by hand):
-- step 1: recipients A B C D E = 5; delivered A C D(copy 2) E = 4 (B only 'sent');
--   replied A C D = 3, rate 0.6; delays 5 min, 1 day, 29 min -> median 29 min.
-- step 2: A B C E = 4, all delivered, all replied (B with STOP) = 4, rate 1.0,
--   change 1.0/0.6 - 1 = 0.667; opted_out 1; delays 30m, 10m, 1d 2h, 20m ->
--   median (20m + 30m)/2 = 25 min.
-- step 3: A B C = 3; delivered A B = 2; replied 0, rate 0, change -1;
--   still active A C = 2 (B opted out).  The largest drop: the falloff point.
-- step 4: A C = 2; delivered A = 1; replied A = 1, rate 0.5; change NULL
--   (previous rate 0); median 23 h.
-- Campaign 9, step 1: 1 recipient, delivered (read), replied after 2 h.
SELECT campaign_id, step, recipients, delivered, replied, round(reply_rate::numeric, 3) AS rate,
       opted_out, still_active, median_reply_delay,
       round(reply_rate_change::numeric, 3) AS change, falloff_point
FROM smskpi.campaign_falloff((SELECT log FROM cm_log));

-- One campaign only, with a 1-hour reply window (by hand): step 1 replied A (5m)
-- D (29m) = 2, rate 0.4, median 17 min; step 2 A (30m) B (10m) E (20m) = 3, rate
-- 0.75, change 0.875, median 20 min, the STOP still counts as opted out; step 3: 0,
-- change -1; step 4: A's reply came after 23 h, outside the window: 0, change NULL.
SELECT step, recipients, replied, round(reply_rate::numeric, 3) AS rate, opted_out,
       median_reply_delay, round(reply_rate_change::numeric, 3) AS change, falloff_point
FROM smskpi.campaign_falloff((SELECT log FROM cm_log), 7, interval '1 hour');

-- A conversion of A at 2024-03-06 09:00 (before step 3) and an event of a contact
-- who is not in the log: step 3 still active = C only = 1, step 4 = C = 1.
SELECT step, recipients, still_active
FROM smskpi.campaign_falloff((SELECT log FROM cm_log), 7,
  stops => (SELECT smskpi.contact_event_log(c, t) FROM (VALUES
      (100::bigint, '2024-03-06 09:00'::timestamptz), (999, '2024-01-01'), (NULL, NULL)) v(c, t)));
-- A conversion exactly at the step's time also ends the lead ("at or before").
SELECT message_id, still_active
FROM smskpi.reply_attribution((SELECT log FROM cm_log),
  stops => (SELECT smskpi.contact_event_log(100, '2024-03-05 10:00')))
WHERE contact_id = 100 ORDER BY sent_at;
-- A campaign that is not there: no rows.
SELECT count(*) FROM smskpi.campaign_falloff((SELECT log FROM cm_log), 8);

-- Input order does not matter: the log of shuffled input is byte-identical.
SELECT (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                  status, body, media_count, campaign_id, campaign_step)
        FROM (SELECT * FROM cm_msgs ORDER BY md5(message_id::text)) s)
     = (SELECT log FROM cm_log) AS same_log_shuffled,
       (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                                  status, body, media_count, campaign_id, campaign_step)
        FROM (SELECT * FROM cm_msgs ORDER BY message_id DESC) s)
     = (SELECT log FROM cm_log) AS same_log_reversed;

-- NULLs and empty input.
-- No rows: an empty log (just the 12-byte header), and the functions return nothing.
SELECT octet_length(smskpi.message_log(contact_id, conversation_id, message_id, direction,
       sent_at, status, body, media_count, campaign_id, campaign_step))
FROM cm_msgs WHERE false;
SELECT count(*) FROM smskpi.reply_attribution(NULL::bytea);
SELECT count(*) FROM smskpi.campaign_falloff(NULL::bytea);
-- Rows without contact, direction or sent_at are skipped; NULL conversation, message
-- id, status, body, media count, campaign and step are kept.
SELECT message_id, conversation_id, campaign_id, campaign_step, position, delivered, mms,
       replied, reply_delay, reply_intent, reply_sentiment
FROM smskpi.reply_attribution((SELECT smskpi.message_log(c, conv, id, d, t, st, b, mc, camp, s)
  FROM (VALUES
    (NULL::bigint, 1::bigint, 1::bigint, 'outbound', '2024-01-01'::timestamptz, 'sent', 'x', 0, 1::bigint, 1),
    (1, 1, 2, NULL, '2024-01-01', 'sent', 'x', 0, 1, 1),
    (1, 1, 3, 'outbound', NULL, 'sent', 'x', 0, 1, 1),
    (1, NULL, NULL, 'outbound', '2024-01-01 00:00', NULL, NULL, NULL, NULL, NULL),
    (1, NULL, 5, 'inbound', '2024-01-01 00:01', NULL, NULL, NULL, NULL, NULL)
  ) v(c, conv, id, d, t, st, b, mc, camp, s)));

-- Bad arguments.
SELECT smskpi.message_log(1, 1, 1, 'Outbound', now(), 'sent', 'x', 0, 1, 1);
SELECT smskpi.message_log(1, 1, 1, 'outbound', 'infinity', 'sent', 'x', 0, 1, 1);
SELECT count(*) FROM smskpi.campaign_falloff((SELECT log FROM cm_log), reply_window => interval '1 month');
SELECT count(*) FROM smskpi.campaign_falloff((SELECT log FROM cm_log), reply_window => interval '-1 hour');
SELECT count(*) FROM smskpi.campaign_falloff((SELECT log FROM cm_log), reply_window => interval '0');
-- Not a log, a truncated log, a changed record, a partial state, the wrong kind of log.
SELECT count(*) FROM smskpi.reply_attribution('\x00'::bytea);
SELECT count(*) FROM smskpi.reply_attribution('hello world, this is not a log'::bytea);
SELECT count(*) FROM smskpi.reply_attribution((SELECT substr(log, 1, 100) FROM cm_log));
-- (the bytea data: magic 0-3, version 4-5, flags 6-7, count 8-11, records from 12;
-- byte 46 of a record is its intent, which must be 0 for an outbound message)
SELECT count(*) FROM smskpi.reply_attribution((SELECT set_byte(log, 12 + 46, 255) FROM cm_log));
SELECT count(*) FROM smskpi.reply_attribution((SELECT set_byte(log, 6, 0) FROM cm_log));
SELECT count(*) FROM smskpi.reply_attribution((SELECT set_byte(log, 8, 31) FROM cm_log));
SELECT count(*) FROM smskpi.reply_attribution((SELECT set_byte(log, 4, 2) FROM cm_log));
SELECT count(*) FROM smskpi.reply_attribution((SELECT smskpi.contact_event_log(1, now())));
SELECT count(*) FROM smskpi.reply_attribution((SELECT log FROM cm_log), stops => (SELECT log FROM cm_log));
-- Records swapped: out of order.
SELECT count(*) FROM smskpi.reply_attribution((SELECT overlay(log placing substr(log, 61, 48) || substr(log, 13, 48) from 13) FROM cm_log));
