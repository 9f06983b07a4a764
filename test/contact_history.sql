-- Per-contact campaign analytics (doc/campaign.md): smskpi.contact_history over
-- GROUP BY contact_id, the functions that read one history, falloff_state and its
-- merge.  Expected values are worked out by hand in the comments; the random
-- comparison with a plain-SQL reference is in campaign_random.sql.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- Contact 1 (conversations 10 and 11) and contact 2 (conversation 20):
--   m1 09:00 out c10 delivered campaign 7 step 1
--   m2 09:05 in  c10 "yes"        reply 1 to m1 (5 min), intent yes
--   m3 09:06 in  c10 "ok"         reply 2 to m1
--   m4 10:00 out c11 failed    campaign 7 step 2: no replies, opens no window
--   m5 10:30 in  c11 "hello"      answers nothing (c11 has no open message)
--   m6 11:00 out c10 delivered campaign 7 step 2: closes m1's window at 11:00
--   m7 11:00 in  c10 "STOP"       same instant as m6: inbound first, so reply 3 to
--                                 m1 (2 h), an opt-out; the contact is inactive from 11:00
--   m8 12:00 out c10 delivered, no campaign (1:1)
--   m9 09:00 out c20 delivered campaign 7 step 1 (contact 2)
--   m10 09:20 in c20 "no thanks"  reply to m9 (20 min), intent no
--   m11 10:00 out c20 delivered campaign 7 step 2, never answered
CREATE TABLE chm (message_id bigint, contact_id bigint, conversation_id bigint, direction text,
                  sent_at timestamptz, status text, body text, media_count int,
                  campaign_id bigint, campaign_step int);
INSERT INTO chm VALUES
  (1, 1, 10, 'outbound', '2026-03-02 09:00Z', 'delivered', 'Hi', 0, 7, 1),
  (2, 1, 10, 'inbound',  '2026-03-02 09:05Z', NULL, 'yes', 0, NULL, NULL),
  (3, 1, 10, 'inbound',  '2026-03-02 09:06Z', NULL, 'ok', 0, NULL, NULL),
  (4, 1, 11, 'outbound', '2026-03-02 10:00Z', 'failed', 'Step 2', 1, 7, 2),
  (5, 1, 11, 'inbound',  '2026-03-02 10:30Z', NULL, 'hello', 0, NULL, NULL),
  (6, 1, 10, 'outbound', '2026-03-02 11:00Z', 'delivered', 'Step 2', 0, 7, 2),
  (7, 1, 10, 'inbound',  '2026-03-02 11:00Z', NULL, 'STOP', 0, NULL, NULL),
  (8, 1, 10, 'outbound', '2026-03-02 12:00Z', 'read', 'Thanks', 0, NULL, NULL),
  (9, 2, 20, 'outbound', '2026-03-02 09:00Z', 'delivered', 'Hi', 0, 7, 1),
  (10, 2, 20, 'inbound', '2026-03-02 09:20Z', NULL, 'no thanks', 0, NULL, NULL),
  (11, 2, 20, 'outbound', '2026-03-02 10:00Z', 'delivered', 'Step 2', 0, 7, 2);
CREATE TABLE chh AS
SELECT contact_id, smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                          status, body, media_count, campaign_id, campaign_step) AS h
FROM chm GROUP BY contact_id;

-- What a history holds: contact 1 has 8 messages (4 outbound), contact 2 three.
SELECT (smskpi.contact_history_info(h)).* FROM chh ORDER BY contact_id;

-- Attribution of contact 1.  Positions 1-4 among its outbound messages (failed one
-- included); m1: 3 replies, first after 5 min (yes, positive), opted out by m7;
-- m4 failed, no replies; m6 and m8 after the STOP: not active.
SELECT message_id, "position", delivered, failed, mms, still_active, replied, replies,
       reply_delay, reply_intent, round(reply_sentiment::numeric, 4) AS sentiment, positive, opted_out
FROM chh, LATERAL smskpi.reply_attribution(h) WHERE chh.contact_id = 1 ORDER BY message_id;
-- Replies within 1 hour: m1 keeps m2 and m3 (m7 came after 2 h), still opted out (an
-- opt-out counts in the whole attribution window).
SELECT message_id, replies, reply_delay, positive, opted_out
FROM chh, LATERAL smskpi.reply_attribution(h, interval '1 hour') WHERE chh.contact_id = 1 ORDER BY message_id;
-- opt_out_window 1 hour: m7's STOP came 2 h after m1, so m1 is not counted as opted out
-- (it still makes the contact inactive afterwards: m6, m8 not active); 2 hours: it is.
SELECT message_id, replies, opted_out, still_active
FROM chh, LATERAL smskpi.reply_attribution(h, opt_out_window => interval '1 hour') WHERE chh.contact_id = 1 ORDER BY message_id;
SELECT message_id, opted_out
FROM chh, LATERAL smskpi.reply_attribution(h, opt_out_window => interval '2 hours') WHERE chh.contact_id = 1 AND message_id = 1;
SELECT * FROM chh, LATERAL smskpi.reply_attribution(h, opt_out_window => interval '-1 hour');
-- stopped_at 09:30: m1 (09:00) active, the others not; first_position 10: positions 10-13.
SELECT message_id, "position", still_active
FROM chh, LATERAL smskpi.reply_attribution(h, stopped_at => '2026-03-02 09:30Z', first_position => 10)
WHERE chh.contact_id = 1 ORDER BY message_id;
-- The columns copied from the messages are the messages (both contacts).
SELECT count(*) AS rows, count(*) FILTER (WHERE a.contact_id <> m.contact_id
         OR a.conversation_id IS DISTINCT FROM m.conversation_id OR a.campaign_id IS DISTINCT FROM m.campaign_id
         OR a.campaign_step IS DISTINCT FROM m.campaign_step OR a.sent_at <> m.sent_at
         OR a.mms <> (m.media_count > 0) OR m.direction <> 'outbound') AS mismatches
FROM chh, LATERAL smskpi.reply_attribution(h) a JOIN chm m USING (message_id);
-- Bad arguments.
SELECT * FROM chh, LATERAL smskpi.reply_attribution(h, first_position => 0);
SELECT * FROM chh, LATERAL smskpi.reply_attribution(h, interval '-1 hour');
SELECT * FROM chh, LATERAL smskpi.reply_attribution(h, interval '1 month');
SELECT count(*) FROM chh, LATERAL smskpi.reply_attribution(h, first_position => 2147483646);
SELECT count(*) FROM chh, LATERAL smskpi.reply_attribution(h, first_position => 2147483645) WHERE chh.contact_id = 2;
SELECT count(*) AS no_rows FROM smskpi.reply_attribution(NULL::smskpi.contact_history);

-- Streaks: contact 1's non-failed messages m1 (answered), m6, m8 (not): a run of 2
-- completed by m8 at 12:00, nothing sent after it.  Contact 2: m9 answered, m11 not:
-- longest run 1, no row for min_streak 2.
SELECT u.* FROM chh, LATERAL smskpi.unanswered_streaks(h, 2) u ORDER BY contact_id;
SELECT u.contact_id, u.longest_streak, u.signal_at FROM chh, LATERAL smskpi.unanswered_streaks(h, 1) u ORDER BY 1;
SELECT * FROM chh, LATERAL smskpi.unanswered_streaks(h, 0);

-- Speed to lead: the first non-failed outbound message at or after the time.
-- 09:30 -> 11:00 (m4 at 10:00 failed); 12:00 -> 12:00 (at or after); 12:01 -> none;
-- 08:00 -> 09:00.
SELECT t, smskpi.first_outbound_after(h, t)
FROM chh, unnest(ARRAY['2026-03-02 09:30Z', '2026-03-02 12:00Z', '2026-03-02 12:01Z',
                       '2026-03-02 08:00Z']::timestamptz[]) t
WHERE contact_id = 1 ORDER BY t;
SELECT smskpi.first_outbound_after(h, 'infinity'), smskpi.first_outbound_after(h, '-infinity'),
       smskpi.first_outbound_after(NULL, now()) FROM chh WHERE contact_id = 2;

-- Falloff of campaign 7 over both contacts.  Step 1: both got it, delivered, both
-- replied (5 and 20 min: median 12 min 30 s), one positive (yes; "no thanks" is not),
-- one opted out (contact 1's STOP), both active.  Step 2: contact 1 got m4 (failed)
-- and m6 (delivered), merged into one recipient: delivered, not replied, active as of
-- its first copy (m4); contact 2 got m11: delivered, not replied, active.  Rate 1 -> 0:
-- change -1, the falloff point.
CREATE TABLE chf AS SELECT smskpi.falloff_state(h) AS f FROM chh;
SELECT * FROM smskpi.campaign_falloff((SELECT f FROM chf));
SELECT count(*) AS other_campaign FROM smskpi.campaign_falloff((SELECT f FROM chf), campaign => 8);
-- With a 10-minute reply window contact 2's reply (20 min) does not count: step 1
-- rate 0.5, median delay 5 min.
SELECT step, replied, reply_rate, median_reply_delay, reply_rate_change, falloff_point
FROM smskpi.campaign_falloff((SELECT smskpi.falloff_state(h, interval '10 minutes') FROM chh));
-- stopped_at per contact: contact 2 stopped at 09:30, so inactive for step 2.
SELECT step, still_active
FROM smskpi.campaign_falloff((SELECT smskpi.falloff_state(h, NULL, CASE contact_id WHEN 2 THEN '2026-03-02 09:30Z'::timestamptz END) FROM chh));
-- Merging the two contacts' states gives the same funnel; states of different reply
-- windows do not merge; the text form reads back the same.
SELECT (SELECT string_agg(x::text, ';') FROM smskpi.campaign_falloff(
          (SELECT smskpi.falloff_state_merge(f) FROM (SELECT smskpi.falloff_state(h) AS f FROM chh GROUP BY contact_id) s)) x)
     = (SELECT string_agg(x::text, ';') FROM smskpi.campaign_falloff((SELECT f FROM chf)) x) AS merged_same;
SELECT smskpi.falloff_state_merge(f) FROM (
  SELECT smskpi.falloff_state(h) AS f FROM chh WHERE contact_id = 1
  UNION ALL SELECT smskpi.falloff_state(h, interval '1 day') FROM chh WHERE contact_id = 2) s;
SELECT smskpi.falloff_state(h, CASE contact_id WHEN 1 THEN interval '1 day' ELSE interval '2 days' END) FROM chh;
SELECT f::text::smskpi.falloff_state::text = f::text AS falloff_text_round_trip FROM chf;
SELECT smskpi.falloff_state(h) IS NULL AS no_rows_null FROM chh WHERE false;
SELECT count(*) AS none FROM smskpi.campaign_falloff((SELECT smskpi.falloff_state(h) FROM chh WHERE contact_id = 99));

-- Merging histories: split by day (before/after 10:15) and merged = the whole;
-- the union of no history and one is that one; two contacts cannot merge.
SELECT (SELECT smskpi.contact_history_merge(h) FROM (
          SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                        status, body, media_count, campaign_id, campaign_step) AS h
          FROM chm WHERE contact_id = 1 GROUP BY sent_at < '2026-03-02 10:15Z') s)::text
     = (SELECT h::text FROM chh WHERE contact_id = 1) AS merged_whole;
SELECT smskpi.contact_history_merge(h) FROM chh;
-- Rows of two contacts in one group: an error naming both (GROUP BY contact_id).
SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                              status, body, media_count, campaign_id, campaign_step) FROM chm;
-- NULL contact, direction or sent_at: the row is skipped; nothing left gives NULL.
SELECT (smskpi.contact_history_info(smskpi.contact_history(c, 1, 1, d, t, NULL, NULL, NULL, NULL, NULL))).messages
FROM (VALUES (1::bigint, 'outbound', '2026-01-01'::timestamptz), (NULL, 'outbound', '2026-01-01'),
             (1, NULL, '2026-01-01'), (1, 'inbound', NULL)) v(c, d, t);
SELECT smskpi.contact_history(NULL, 1, 1, 'inbound', now(), NULL, NULL, NULL, NULL, NULL) IS NULL AS all_skipped_null;
SELECT smskpi.contact_history(1, 1, 1, 'sideways', now(), NULL, NULL, NULL, NULL, NULL);
SELECT smskpi.contact_history(1, 1, 1, 'inbound', 'infinity', NULL, NULL, NULL, NULL, NULL);
-- Row order does not matter: reversed input gives the same history.
SELECT (SELECT smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                      status, body, media_count, campaign_id, campaign_step)
        FROM (SELECT * FROM chm WHERE contact_id = 1 ORDER BY sent_at DESC, message_id DESC) s)::text
     = (SELECT h::text FROM chh WHERE contact_id = 1) AS reversed_same;
-- As a window aggregate: the history so far, message by message.
SELECT message_id, (smskpi.contact_history_info(smskpi.contact_history(contact_id, conversation_id, message_id,
         direction, sent_at, status, body, media_count, campaign_id, campaign_step)
         OVER (PARTITION BY contact_id ORDER BY sent_at, message_id))).messages
FROM chm WHERE contact_id = 2 ORDER BY message_id;
-- Many messages of one contact (the state grows by doubling): 5,000 messages,
-- every other one a reply; all 2,500 outbound messages answered once.
SELECT count(*) AS sent, sum(replies) AS replies, max("position") AS last_position
FROM (SELECT smskpi.contact_history(1, 1, i, CASE WHEN i % 2 = 0 THEN 'inbound' ELSE 'outbound' END,
                                    '2026-01-01'::timestamptz + i * interval '1 minute', 'delivered', 'hi', 0, NULL, NULL) AS h
      FROM generate_series(1, 5000) i) s, LATERAL smskpi.reply_attribution(h);

-- Text and binary forms: round trips, and every hand-edited value is refused with
-- a clear error (22P02 syntax, 22P03 content) or read as it says.
SELECT bool_and(h::text::smskpi.contact_history::text = h::text) AS text_round_trip FROM chh;
-- binary form: COPY BINARY out and in (send/recv) keeps the histories and funnels
CREATE TABLE chh_bin (contact_id bigint, h smskpi.contact_history);
COPY chh TO '/tmp/smskpi_ch_test.bin' (FORMAT binary);
COPY chh_bin FROM '/tmp/smskpi_ch_test.bin' (FORMAT binary);
SELECT count(*) AS binary_round_trip FROM chh JOIN chh_bin b USING (contact_id) WHERE chh.h::text = b.h::text;
CREATE TABLE chf_bin (f smskpi.falloff_state);
COPY chf TO '/tmp/smskpi_fs_test.bin' (FORMAT binary);
COPY chf_bin FROM '/tmp/smskpi_fs_test.bin' (FORMAT binary);
SELECT (SELECT f::text FROM chf_bin) = (SELECT f::text FROM chf) AS falloff_binary_round_trip;
-- contact 2: version 1, contact, 3 messages of 39 bytes: 13 + 117 bytes, \x and 260
-- hex digits; the header is hex digits 3-28, the records 29-106, 107-184, 185-262
SELECT length(h::text) AS hex_length FROM chh WHERE contact_id = 2;
SELECT 'abc'::smskpi.contact_history;
SELECT '\x01'::smskpi.contact_history;
SELECT ('\x02' || substr(h::text, 5))::smskpi.contact_history AS version_2 FROM chh WHERE contact_id = 2;
-- a message count that does not match the length
SELECT ('\x' || substr(h::text, 3, 18) || '00000004' || substr(h::text, 29))::smskpi.contact_history
FROM chh WHERE contact_id = 2;
-- the empty history (no messages) is well-formed
SELECT (smskpi.contact_history_info('\x01000000000000000900000000')).*;
SELECT count(*) FROM smskpi.reply_attribution('\x01000000000000000900000000'::smskpi.contact_history);
-- unknown flag bits in the first message (flags are bytes 36-37 of a record)
SELECT ('\x' || substr(h::text, 3, 26) || substr(h::text, 29, 72) || 'ffff' || substr(h::text, 105))::smskpi.contact_history
FROM chh WHERE contact_id = 2;
-- messages out of order: contact 2's first two records (m9 outbound, m10 its reply) swapped
SELECT ('\x' || substr(h::text, 3, 26) || substr(h::text, 107, 78) || substr(h::text, 29, 78)
        || substr(h::text, 185))::smskpi.contact_history FROM chh WHERE contact_id = 2;
-- falloff_state by hand: no reply window, one step (campaign 7, step 1) with 1
-- recipient, 1 delivered, 1 replied, 1 still active and its delay, 1 minute
SELECT * FROM smskpi.campaign_falloff(('\x01' || '7fffffffffffffff' || '00000001'
  || '0000000000000007' || '00000001' || '0000000000000001' || '0000000000000001' || '0000000000000001'
  || '0000000000000000' || '0000000000000000' || '0000000000000001' || '0000000000000001'
  || '0000000003938700')::smskpi.falloff_state);
-- ... replied 2 of 1 recipient: refused
SELECT ('\x01' || '7fffffffffffffff' || '00000001'
  || '0000000000000007' || '00000001' || '0000000000000001' || '0000000000000001' || '0000000000000002'
  || '0000000000000000' || '0000000000000000' || '0000000000000001' || '0000000000000002'
  || '0000000003938700' || '0000000003938700')::smskpi.falloff_state;
-- ... a delay longer than the state's reply window (1 minute): refused
SELECT ('\x01' || '0000000003938700' || '00000001'
  || '0000000000000007' || '00000001' || '0000000000000001' || '0000000000000001' || '0000000000000001'
  || '0000000000000000' || '0000000000000000' || '0000000000000001' || '0000000000000001'
  || '0000000003938701')::smskpi.falloff_state;
SELECT '\x0100'::smskpi.falloff_state;
SELECT 'x'::smskpi.falloff_state;
