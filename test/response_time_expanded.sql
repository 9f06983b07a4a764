-- Large groups: once a group's state passes 128 kB it is held as an expanded
-- object that grows in place (src/response_state.c).  Every path of that
-- representation against plain-SQL references: bigint, int, text and uuid
-- keys, first response and reply time, business hours, serial and parallel
-- (workers flatten their states, the leader combines them), hashed and
-- sorted grouping with big and small groups together, a keyless group of
-- 40,000 messages, response_state_merge of big states, states stored and
-- read back, and window use (the final function runs while the state grows).
SET timezone = 'UTC';
SET intervalstyle = 'postgres';
SET jit = off;

-- 60,000 conversations, 1..6 messages each, minute resolution over 3 days
CREATE TABLE big AS
SELECT conv, (conv % 3) AS grp,
       (hashint8extended(conv * 10 + k, 11) & 1) = 0 AS inbound,
       '2026-03-01'::timestamptz
         + (abs(hashint8extended(conv * 10 + k, 12)) % 4320) * interval '1 min' AS ts
FROM generate_series(1, 60000) conv, generate_series(1, 6) k
WHERE k <= 1 + abs(hashint8extended(conv, 13)) % 6
ORDER BY hashint8extended(conv * 10 + k, 14);
ANALYZE big;
SELECT count(*) > 200000 AS enough_rows FROM big;

-- references: first response per conversation; reply time per turn (a turn
-- starts at an inbound message not preceded by one in (ts, inbound first)
-- order, and is answered by the next outbound message at or after it)
CREATE TABLE frt_ref AS
SELECT conv, grp, fi, min(ts) FILTER (WHERE NOT inbound AND ts >= fi) - fi AS frt
FROM (SELECT *, min(ts) FILTER (WHERE inbound) OVER (PARTITION BY conv) AS fi FROM big) s
GROUP BY conv, grp, fi;
CREATE TABLE turn_ref AS
SELECT conv, grp, next_out - ts AS reply
FROM (SELECT conv, grp, ts, inbound,
             lag(inbound) OVER w AS prev_in,
             min(CASE WHEN NOT inbound THEN ts END) OVER (w ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_out
      FROM big WINDOW w AS (PARTITION BY conv ORDER BY ts, inbound DESC)) t
WHERE inbound AND prev_in IS DISTINCT FROM true;

CREATE TABLE expected AS
SELECT g.grp, g.median, g.p90, g.asked, g.answered, g.within_1h, t.reply_median, t.turns
FROM (SELECT grp, percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY frt) AS p90,
             count(fi) AS asked, count(frt) AS answered,
             count(*) FILTER (WHERE frt <= '1 hour') AS within_1h
      FROM frt_ref GROUP BY GROUPING SETS ((grp), ())) g
JOIN (SELECT grp, percentile_cont(0.5) WITHIN GROUP (ORDER BY reply) AS reply_median,
             count(*) AS turns
      FROM turn_ref GROUP BY GROUPING SETS ((grp), ())) t
  ON coalesce(g.grp, -1) = coalesce(t.grp, -1);

-- the same query with each key type; NULL grp is the whole table
CREATE FUNCTION actual(keytype text) RETURNS TABLE (grp bigint, median interval, p90 interval,
    asked bigint, answered bigint, within_1h bigint, reply_median interval, turns bigint)
LANGUAGE plpgsql AS $$
DECLARE k text := CASE keytype WHEN 'bigint' THEN 'conv::bigint' WHEN 'int' THEN 'conv::int'
                    WHEN 'text' THEN '''conversation-'' || conv::text'
                    WHEN 'uuid' THEN 'md5(conv::text)::uuid' END;
BEGIN
  RETURN QUERY EXECUTE format($q$
    SELECT grp::bigint, (s).median, (s).p90, (s).asked, (s).answered, (s).answered_within[2],
           rm, (r).asked
    FROM (SELECT grp, smskpi.first_response_stats(%1$s, inbound, ts) AS s,
                 smskpi.median_reply_time(%1$s, inbound, ts) AS rm,
                 smskpi.reply_time_stats(%1$s, inbound, ts) AS r
          FROM big GROUP BY GROUPING SETS ((grp), ())) x$q$, k);
END $$;
CREATE FUNCTION mismatches(keytype text) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM expected e FULL JOIN actual(keytype) a ON coalesce(e.grp, -1) = coalesce(a.grp, -1)
  WHERE (e.median, e.p90, e.asked, e.answered, e.within_1h, e.reply_median, e.turns)
        IS DISTINCT FROM (a.median, a.p90, a.asked, a.answered, a.within_1h, a.reply_median, a.turns) $$;

-- the states really are large (well past 128 kB)
SELECT (smskpi.response_state_info(smskpi.first_response_state(conv, inbound, ts))).bytes > 1000000 AS large_state
FROM big;

-- serial
SET max_parallel_workers_per_gather = 0;
SELECT k AS key, mismatches(k) FROM unnest(ARRAY['bigint', 'int', 'text', 'uuid']) k;

-- parallel: partial states are flattened by the workers and combined by the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF line LIKE '%' || what || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT plan_has('SELECT smskpi.median_first_response(conv, inbound, ts) FROM big', 'Partial Aggregate') AS plan_is_partial;
SELECT k AS key, mismatches(k) FROM unnest(ARRAY['bigint', 'text']) k;
SET parallel_leader_participation = off;
SELECT k AS key, mismatches(k) FROM unnest(ARRAY['bigint', 'uuid']) k;
RESET parallel_leader_participation;
SELECT smskpi.median_first_response(conv, inbound, ts) = (SELECT median FROM expected WHERE grp IS NULL) AS parallel_median,
       smskpi.median_reply_time(conv::text, inbound, ts) = (SELECT reply_median FROM expected WHERE grp IS NULL) AS parallel_reply_median
FROM big;
RESET max_parallel_workers_per_gather;

-- hashed and sorted grouping, 3 big groups and 3,000 small ones in one query
SET max_parallel_workers_per_gather = 0;
CREATE VIEW mixed AS
SELECT CASE WHEN conv % 20 = 0 THEN conv % 3000 + 10 ELSE grp END AS g,
       smskpi.median_first_response(conv, inbound, ts) AS m,
       smskpi.median_reply_time(conv, inbound, ts) AS r
FROM big GROUP BY 1;
CREATE TABLE mixed_ref AS
SELECT g, m, r
FROM (SELECT CASE WHEN conv % 20 = 0 THEN conv % 3000 + 10 ELSE grp END AS g,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) AS m FROM frt_ref GROUP BY 1) f
FULL JOIN (SELECT CASE WHEN conv % 20 = 0 THEN conv % 3000 + 10 ELSE grp END AS g,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY reply) AS r FROM turn_ref GROUP BY 1) t USING (g);
SET enable_hashagg = on;
SET enable_sort = off;
SELECT plan_has('SELECT * FROM mixed', 'HashAggregate') AS hashed,
       (SELECT count(*) FROM mixed x FULL JOIN mixed_ref y USING (g)
        WHERE (x.m, x.r) IS DISTINCT FROM (y.m, y.r)) AS hashed_mismatches;
-- a small work_mem makes the hash aggregate spill to disk
SET work_mem = '1MB';
SELECT (SELECT count(*) FROM mixed x FULL JOIN mixed_ref y USING (g)
        WHERE (x.m, x.r) IS DISTINCT FROM (y.m, y.r)) AS spilled_mismatches;
RESET work_mem;
SET enable_hashagg = off;
RESET enable_sort;
SELECT plan_has('SELECT * FROM mixed', 'GroupAggregate') AS sorted,
       (SELECT count(*) FROM mixed x FULL JOIN mixed_ref y USING (g)
        WHERE (x.m, x.r) IS DISTINCT FROM (y.m, y.r)) AS sorted_mismatches;
RESET enable_hashagg;

-- one conversation of 40,000 messages (first_response_time: the group is the
-- conversation; 30,000 outbound messages before the customer's first)
CREATE TABLE one AS
SELECT k > 30000 AND k % 2 = 0 AS inbound,
       '2026-03-01'::timestamptz + (abs(hashint8extended(k, 21)) % 100000) * interval '1 s'
         + CASE WHEN k > 30000 THEN interval '1 day' ELSE interval '0' END AS ts
FROM generate_series(1, 40000) k ORDER BY hashint8extended(k, 22);
SELECT smskpi.first_response_time(inbound, ts) =
       (SELECT min(ts) FILTER (WHERE NOT inbound AND ts >= fi) - min(fi)
        FROM (SELECT *, min(ts) FILTER (WHERE inbound) OVER () AS fi FROM one) s) AS keyless_big_group,
       (smskpi.response_state_info(smskpi.first_response_state(1, inbound, ts))).stored_messages =
       (SELECT count(*) FROM one WHERE NOT inbound AND ts < (SELECT min(ts) FROM one WHERE inbound)) AS stores_earlier_outbound
FROM one;

-- stored states: per-group states written to a table (flattened), read back
-- as text, and merged (response_state_merge combines into an expanded state)
CREATE TABLE stored AS
SELECT grp, smskpi.first_response_state(conv, inbound, ts) AS f,
       smskpi.reply_time_state(conv::text, inbound, ts) AS r
FROM big GROUP BY grp;
SELECT smskpi.response_median(smskpi.response_state_merge(f)) = (SELECT median FROM expected WHERE grp IS NULL) AS merged_median,
       smskpi.response_median(smskpi.response_state_merge(f::text::smskpi.response_state)) = (SELECT median FROM expected WHERE grp IS NULL) AS text_round_trip,
       smskpi.response_median(smskpi.response_state_merge(r)) = (SELECT reply_median FROM expected WHERE grp IS NULL) AS merged_reply_median
FROM stored;
-- merging a state with itself changes nothing
SELECT smskpi.response_median(smskpi.response_state_merge(f)) = (SELECT median FROM expected WHERE grp IS NULL) AS self_merge
FROM (SELECT f FROM stored UNION ALL SELECT f FROM stored) s;

-- business hours: a big group in working time equals per-conversation business_time
SELECT smskpi.median_first_response(conv, inbound, ts, 'UTC; mon-fri 09:00-17:00') =
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY smskpi.business_time('UTC; mon-fri 09:00-17:00', fi, fi + frt))
        FROM frt_ref WHERE frt IS NOT NULL) AS business_hours_big
FROM big;

-- window use: the running median by day, as the frame grows
SELECT count(*) AS days,
       count(*) FILTER (WHERE w IS DISTINCT FROM ref) AS window_mismatches
FROM (SELECT DISTINCT day, w
      FROM (SELECT date_trunc('day', ts) AS day,
                   smskpi.median_first_response(conv, inbound, ts) OVER (ORDER BY date_trunc('day', ts)) AS w
            FROM big) b) x
JOIN LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) AS ref FROM (
                SELECT min(ts) FILTER (WHERE NOT inbound AND ts >= fi) - fi AS frt
                FROM (SELECT *, min(ts) FILTER (WHERE inbound) OVER (PARTITION BY conv) AS fi
                      FROM big WHERE date_trunc('day', ts) <= x.day) s GROUP BY conv, fi) r) r ON true;

DROP TABLE big, frt_ref, turn_ref, expected, mixed_ref, one, stored CASCADE;
DROP FUNCTION actual(text), mismatches(text), plan_has(text, text);
