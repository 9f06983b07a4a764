-- Unanswered streaks and speed-to-lead (doc/campaign.md), computed by hand.
SET timezone = 'UTC';
CREATE TABLE cs AS
SELECT * FROM (VALUES
  -- contact 7: five messages an hour apart, only the 4th answered (at 4:30):
  -- unanswered, unanswered, unanswered, answered, unanswered.  The signal (2 in a
  -- row) comes with the 2nd message at 02:00; 3 more were sent after it, one was
  -- answered; the longest run is 3, the trailing run 1.
  (1::bigint, 7::bigint, 'outbound', '2024-01-01 01:00'::timestamptz, 'delivered'),
  (2, 7, 'outbound', '2024-01-01 02:00', 'delivered'),
  (3, 7, 'outbound', '2024-01-01 03:00', 'delivered'),
  (4, 7, 'outbound', '2024-01-01 04:00', 'delivered'),
  (5, 7, 'inbound',  '2024-01-01 04:30', 'received'),
  (6, 7, 'outbound', '2024-01-01 05:00', 'delivered'),
  -- contact 8: the failed message in the middle is skipped: the run of 2 ends at
  -- 03:00, nothing after it; 2 messages count as sent.
  (7, 8, 'outbound', '2024-01-01 01:00', 'sent'),
  (8, 8, 'outbound', '2024-01-01 02:00', 'failed'),
  (9, 8, 'outbound', '2024-01-01 03:00', 'sent'),
  -- contact 9: answered every time: never reported.
  (10, 9, 'outbound', '2024-01-01 01:00', 'sent'),
  (11, 9, 'inbound',  '2024-01-01 01:05', 'received'),
  (12, 9, 'outbound', '2024-01-01 02:00', 'sent'),
  (13, 9, 'inbound',  '2024-01-01 02:05', 'received')
) v(message_id, contact_id, direction, sent_at, status);
CREATE TABLE cs_log AS
SELECT smskpi.message_log(contact_id, contact_id, message_id, direction, sent_at, status,
                          'ok', 0, NULL, NULL) AS log FROM cs;

SELECT * FROM smskpi.unanswered_streaks((SELECT log FROM cs_log)) ORDER BY contact_id;
-- min_streak 3: only contact 7, signalled by its 3rd message (03:00), 2 after it.
SELECT * FROM smskpi.unanswered_streaks((SELECT log FROM cs_log), 3);
-- min_streak 1: contact 7 signals at 01:00 (4 after), contact 8 at 01:00 (1 after),
-- contact 9 never.
SELECT contact_id, signal_at, sent_after, replied_after
FROM smskpi.unanswered_streaks((SELECT log FROM cs_log), 1) ORDER BY contact_id;
-- A 10-minute reply window: contact 7's reply came after 30 min and no longer
-- counts, so all 5 are unanswered (signal still at the 2nd message, 3 after it,
-- none answered, trailing run 5); contact 9's replies came after 5 min and count.
SELECT contact_id, longest_streak, sent_after, replied_after, current_streak
FROM smskpi.unanswered_streaks((SELECT log FROM cs_log), 2, interval '10 minutes') ORDER BY contact_id;
SELECT * FROM smskpi.unanswered_streaks((SELECT log FROM cs_log), 0);
SELECT * FROM smskpi.unanswered_streaks(NULL::bytea);

-- Speed to lead.  Opt-ins: contact 7 at 00:58 -> first message 01:00, 2 min, within
-- 5 min; contact 8 at 01:30 -> 02:00 failed, so 03:00: 1 h 30 min, not within;
-- contact 8 again at 03:00 -> 03:00 itself (at or after): 0, within; contact 9 at
-- 03:00 -> nothing after: NULL; contact 10 is not in the log: NULL.
SELECT * FROM smskpi.speed_to_lead((SELECT log FROM cs_log),
  (SELECT smskpi.contact_event_log(c, t) FROM (VALUES
     (7::bigint, '2024-01-01 00:58'::timestamptz), (8, '2024-01-01 01:30'),
     (8, '2024-01-01 03:00'), (9, '2024-01-01 03:00'), (10, '2024-01-01 00:00')) v(c, t)),
  interval '5 minutes');
-- Without a window, contacted_within means "contacted at all".
SELECT contact_id, contacted_within FROM smskpi.speed_to_lead((SELECT log FROM cs_log),
  (SELECT smskpi.contact_event_log(c, t) FROM (VALUES
     (8::bigint, '2024-01-01 01:30'::timestamptz), (9, '2024-01-01 03:00')) v(c, t)));
SELECT count(*) FROM smskpi.speed_to_lead((SELECT log FROM cs_log), NULL);
SELECT count(*) FROM smskpi.speed_to_lead((SELECT log FROM cs_log), (SELECT log FROM cs_log));

-- speed_to_lead against a plain-SQL reference: 30 contacts with 200 messages and
-- about 100 opt-ins each on a 500-minute grid (many ties between opt-ins and
-- messages, several opt-ins answered by the same message), contact 31 with
-- opt-ins but no messages.
SELECT setseed(0.7);
CREATE TABLE sl AS
SELECT i AS message_id, 1 + (i % 30)::bigint AS contact_id,
       CASE WHEN random() < 0.6 THEN 'outbound' ELSE 'inbound' END AS direction,
       '2024-01-01'::timestamptz + floor(random() * 500) * interval '1 minute' AS sent_at,
       (ARRAY['sent', 'delivered', 'failed', 'undelivered', NULL])[1 + floor(random() * 5)] AS status
FROM generate_series(1, 6000) i;
CREATE TABLE sl_ev AS
SELECT 1 + floor(random() * 31)::bigint AS contact_id,
       '2024-01-01'::timestamptz + floor(random() * 520) * interval '1 minute' AS at
FROM generate_series(1, 3000);
WITH c AS (
  SELECT * FROM smskpi.speed_to_lead(
    (SELECT smskpi.message_log(contact_id, contact_id, message_id, direction, sent_at, status,
                               'x', 0, NULL, NULL) FROM sl),
    (SELECT smskpi.contact_event_log(contact_id, at) FROM sl_ev), interval '3 minutes')),
r AS (
  SELECT e.contact_id, e.at,
         (SELECT min(m.sent_at) FROM sl m
          WHERE m.contact_id = e.contact_id AND m.direction = 'outbound' AND m.sent_at >= e.at
            AND coalesce(m.status, '') NOT IN ('failed', 'undelivered')) AS first
  FROM sl_ev e)
SELECT (SELECT count(*) FROM c) AS rows, (SELECT count(*) FROM r) AS ref_rows,
       (SELECT count(*) FROM c WHERE contacted_within) AS within_3min,
       (SELECT count(*) FROM c WHERE first_outbound_at IS NULL) AS never,
       (SELECT count(*) FROM (
          SELECT contact_id, opted_in_at, first_outbound_at, delay, contacted_within FROM c
          EXCEPT ALL
          SELECT contact_id, at, first, first - at, coalesce(first - at <= interval '3 minutes', false)
          FROM r) d) AS mismatches;
