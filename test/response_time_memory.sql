-- Memory: what one conversation costs in a response-time state, at 1.5M
-- conversations in one group.  Each conversation: an inbound message and its
-- answer, plus, for every third one, an outbound message sent before the
-- customer wrote (kept: it could have answered an earlier message).
-- The compacted state holds a 32-byte record per conversation and 8 bytes per
-- kept message: 32 + 8/3 = 34.7 bytes, plus a header.
CREATE TABLE mem AS
SELECT c AS conv, k = 1 AS inbound,
       '2026-01-01'::timestamptz + c * interval '1 s' + k * interval '1 min' AS ts
FROM generate_series(1, 1500000) c, generate_series(0, 2) k
WHERE k > 0 OR c % 3 = 0
ORDER BY hashint4(c * 3 + k);
SELECT (i).conversations, (i).stored_messages,
       (i).bytes_per_conversation BETWEEN 34.6 AND 35 AS about_35_bytes_each
FROM (SELECT smskpi.response_state_info(smskpi.first_response_state(conv, inbound, ts)) i FROM mem) x;
-- reply time keeps every message: 32 + 8 * 2.33 = 50.7 bytes
SELECT (i).conversations, (i).stored_messages,
       (i).bytes_per_conversation BETWEEN 50.6 AND 51 AS about_51_bytes_each
FROM (SELECT smskpi.response_state_info(smskpi.reply_time_state(conv, inbound, ts)) i FROM mem) x;
-- and the answer is right: every conversation answered after 1 minute
SELECT smskpi.median_first_response(conv, inbound, ts) = '1 min' AS ok FROM mem;
DROP TABLE mem;
