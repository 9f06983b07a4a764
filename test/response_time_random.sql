-- Response times on random data: equal to a plain-SQL reference for 30 seeds,
-- serial = parallel (plan checked), shuffled = sorted, and states that are
-- written out as text, read back and merged give the same answers.
SET timezone = 'UTC';
SET intervalstyle = 'postgres';
-- 30 seeds x 200 conversations x 1..9 messages; minute resolution over two days,
-- so ties (same instant, both directions) happen often.
CREATE TABLE rr AS
SELECT seed, conv,
       (hashint8extended(seed * 1000000 + conv * 100 + k, 1) & 1) = 0 AS inbound,
       '2026-01-01'::timestamptz
         + (abs(hashint8extended(seed * 1000000 + conv * 100 + k, 2)) % 2880) * interval '1 min' AS ts
FROM generate_series(1, 30) seed, generate_series(1, 200) conv,
     generate_series(1, 9) k
WHERE k <= 1 + abs(hashint8extended(seed * 1000 + conv, 3)) % 9
ORDER BY hashint8extended(seed * 1000000 + conv * 100 + k, 4);
ANALYZE rr;
SELECT count(*) > 20000 AS enough_rows, count(DISTINCT seed) AS seeds FROM rr;

-- plain-SQL references
CREATE VIEW frt_ref AS
SELECT seed, conv, min(ts) FILTER (WHERE NOT inbound AND ts >= fi) - fi AS frt, fi
FROM (SELECT seed, conv, inbound, ts,
             min(ts) FILTER (WHERE inbound) OVER (PARTITION BY seed, conv) AS fi FROM rr) s
GROUP BY seed, conv, fi;
-- a turn starts at an inbound message whose predecessor (time order, inbound
-- first at the same instant) is not inbound; it is answered by the earliest
-- outbound message at or after it
CREATE VIEW turn_ref AS
SELECT seed, conv, ts AS asked,
       (SELECT min(o.ts) FROM rr o WHERE o.seed = t.seed AND o.conv = t.conv
          AND NOT o.inbound AND o.ts >= t.ts) - ts AS reply
FROM (SELECT seed, conv, ts, inbound,
             lag(inbound) OVER (PARTITION BY seed, conv ORDER BY ts, inbound DESC) AS prev_in
      FROM rr) t
WHERE inbound AND prev_in IS DISTINCT FROM true;

CREATE TABLE expected AS
SELECT f.seed, f.median, f.p90, f.asked, f.answered, f.within_1h, t.reply_median, t.turns, t.reply_p25
FROM (SELECT seed,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY frt) AS p90,
             count(fi) AS asked, count(frt) AS answered,
             count(*) FILTER (WHERE frt <= '1 hour') AS within_1h
      FROM frt_ref GROUP BY seed) f
JOIN (SELECT seed, percentile_cont(0.5) WITHIN GROUP (ORDER BY reply) AS reply_median,
             percentile_cont(0.25) WITHIN GROUP (ORDER BY reply) AS reply_p25,
             count(*) AS turns
      FROM turn_ref GROUP BY seed) t USING (seed);

CREATE VIEW actual AS
SELECT seed, (s).median, (s).p90, (s).asked, (s).answered, (s).answered_within[2] AS within_1h,
       reply_median, (r).asked AS turns, reply_p25
FROM (SELECT seed, smskpi.first_response_stats(conv, inbound, ts) AS s,
             smskpi.median_reply_time(conv, inbound, ts) AS reply_median,
             smskpi.reply_time_stats(conv, inbound, ts) AS r,
             smskpi.reply_time_percentile(conv, inbound, ts, 0.25) AS reply_p25
      FROM rr GROUP BY seed) x;

-- serial
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS seeds,
       count(*) FILTER (WHERE (e.median, e.p90, e.asked, e.answered, e.within_1h, e.reply_median, e.turns, e.reply_p25)
                   IS DISTINCT FROM (a.median, a.p90, a.asked, a.answered, a.within_1h, a.reply_median, a.turns, a.reply_p25)) AS mismatches
FROM expected e FULL JOIN actual a USING (seed);
SELECT md5(string_agg(a::text, ',' ORDER BY seed)) AS serial FROM actual a \gset
SELECT md5(string_agg(x::text, ',')) AS serial_all FROM (
  SELECT smskpi.median_first_response(conv, inbound, ts), smskpi.median_reply_time(conv, inbound, ts),
         smskpi.first_response_stats(seed * 1000 + conv, inbound, ts) FROM rr) x \gset

-- parallel (core's recipe: ordinary ANALYZEd table, costs zeroed)
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF line LIKE '%' || what || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT plan_has('SELECT * FROM actual', 'Partial') AS grouped_plan_is_partial;
SELECT md5(string_agg(a::text, ',' ORDER BY seed)) = :'serial' AS parallel_grouped_equals_serial FROM actual a;
SELECT plan_has($$SELECT smskpi.median_first_response(conv, inbound, ts), smskpi.median_reply_time(conv, inbound, ts),
         smskpi.first_response_stats(seed * 1000 + conv, inbound, ts) FROM rr$$, 'Partial Aggregate') AS plan_is_partial;
SELECT md5(string_agg(x::text, ',')) = :'serial_all' AS parallel_equals_serial FROM (
  SELECT smskpi.median_first_response(conv, inbound, ts), smskpi.median_reply_time(conv, inbound, ts),
         smskpi.first_response_stats(seed * 1000 + conv, inbound, ts) FROM rr) x;

-- sorted physical order gives the same answers
CREATE TABLE rr_sorted AS SELECT * FROM rr ORDER BY seed, conv, ts, inbound;
ANALYZE rr_sorted;
SELECT md5(string_agg(x::text, ',')) = :'serial_all' AS sorted_equals_shuffled FROM (
  SELECT smskpi.median_first_response(conv, inbound, ts), smskpi.median_reply_time(conv, inbound, ts),
         smskpi.first_response_stats(seed * 1000 + conv, inbound, ts) FROM rr_sorted) x;

-- states written out as text and read back, then merged (as a nightly rollup
-- or a Citus coordinator would), give the same answers; parts split the rows
-- of each conversation across states
RESET max_parallel_workers_per_gather;
CREATE TABLE parts AS
SELECT seed, part, smskpi.first_response_state(conv, inbound, ts)::text AS f,
       smskpi.reply_time_state(conv, inbound, ts)::text AS r
FROM (SELECT *, abs(hashint8extended(extract(epoch FROM ts)::bigint + conv, 5)) % 4 AS part FROM rr) x
GROUP BY seed, part;
SELECT count(*) FILTER (WHERE (e.median, e.p90, e.reply_median)
                   IS DISTINCT FROM (m.median, m.p90, m.reply_median)) AS merged_mismatches
FROM expected e JOIN (
  SELECT seed,
         smskpi.response_median(smskpi.response_state_merge(f::smskpi.response_state)) AS median,
         smskpi.response_percentile(smskpi.response_state_merge(f::smskpi.response_state), 0.9) AS p90,
         smskpi.response_median(smskpi.response_state_merge(r::smskpi.response_state)) AS reply_median
  FROM parts GROUP BY seed) m USING (seed);

DROP TABLE rr, rr_sorted, expected, parts CASCADE;
DROP FUNCTION plan_has(text, text);
