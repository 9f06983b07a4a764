-- Exact percentiles of any durations (doc/response_time.md, "Percentiles of other
-- durations"): smskpi.duration_state, duration_percentile(s) as aggregates and over
-- a state, duration_state_merge, duration_state_info.  Expected values are worked out
-- by hand in the comments; on random data the answers are compared with
-- percentile_cont, which they must equal bit for bit (compared as text: the text of
-- an interval shows its month, day and time fields apart).
SET timezone = 'UTC';
SET intervalstyle = 'postgres';
SET extra_float_digits = 0;
-- everything this test makes is in schema durations_test (dropped at the end)
CREATE SCHEMA durations_test;
SET search_path = durations_test, public;

-- outcome of a statement: =value, null, or the error's SQLSTATE and message
CREATE FUNCTION dcall(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE sql INTO r;
  RETURN coalesce('=' || r, 'null');
EXCEPTION WHEN OTHERS THEN
  RETURN 'error ' || SQLSTATE || ': ' || SQLERRM;
END $$;

-- Hand-computed cases.  pos = fraction * (n - 1) over the sorted values;
-- lo = v[floor(pos)], hi = v[ceil(pos)], result lo + (hi - lo) * (pos - floor(pos)).
CREATE TABLE dh (g text, t int, x interval);
INSERT INTO dh VALUES
  -- odd: 1h, 2h, 5h.  0.5: pos 1 -> 2h; 0.25: pos 0.5 -> 1h + 1h/2 = 01:30;
  -- 0 -> 1h; 1 -> 5h; 0.9: pos 1.8 -> 2h + 3h * 0.8 = 04:24
  ('odd', 1, '5 hours'), ('odd', 2, '1 hour'), ('odd', 3, '2 hours'),
  -- even: 1h, 2h, 5h, 10h.  0.5: pos 1.5 -> 2h + 3h/2 = 03:30; 0.25: pos 0.75 ->
  -- 1h + 0.75h = 01:45; 0.9: pos 2.7 -> 5h + 5h * 0.7 = 08:30; 0 -> 1h; 1 -> 10h
  ('even', 1, '10 hours'), ('even', 2, '2 hours'), ('even', 3, '1 hour'), ('even', 4, '5 hours'),
  -- ties: 1h, 1h, 1h, 4h.  0.5: pos 1.5 -> 1h + 0 = 1h; 0.25 -> 1h;
  -- 0.9: pos 2.7 -> 1h + 3h * 0.7 = 03:06; 1 -> 4h
  ('ties', 1, '1 hour'), ('ties', 2, '4 hours'), ('ties', 3, '1 hour'), ('ties', 4, '1 hour'),
  -- one value: 7 min at every fraction
  ('one', 1, '7 minutes'),
  -- NULL values are skipped: 1h, 3h.  0.5 -> 2h; 0.25 -> 01:30; 0.9 -> 02:48
  ('nulls', 1, NULL), ('nulls', 2, '3 hours'), ('nulls', 3, NULL), ('nulls', 4, '1 hour'),
  -- only NULL values: NULL
  ('only nulls', 1, NULL), ('only nulls', 2, NULL),
  -- days, negative values, microseconds: -1 day -02:00, -00:00:00.000001, 1 day 00:00:01.
  -- 0.5 -> -00:00:00.000001.  0.25: pos 0.5, hi - lo = 1 day 01:59:59.999999, times
  -- 0.5 (interval_mul): 0 days, the half day (43200 s) goes to the time field:
  -- rint(7199999999 * 0.5 + 43200000000) = rint(46799999999.5) = 46800000000 us
  -- (13:00:00; rint rounds half to even); lo + 13:00 = -1 days +11:00:00.
  -- 0.9: pos 1.8, lo = -0.000001, hi - lo = 1 day 00:00:01.000001, times 0.8: 0 days,
  -- rint(1000001 * 0.8 + 69120000000) = 69120800001 us; + lo = 19:12:00.8
  ('days', 1, '1 day 00:00:01'), ('days', 2, '-1 day -02:00:00'), ('days', 3, '-00:00:00.000001');
SELECT g, smskpi.duration_percentile(x, 0) AS p0, smskpi.duration_percentile(x, 0.25) AS p25,
       smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentile(x, 0.9) AS p90,
       smskpi.duration_percentile(x, 1) AS p100,
       smskpi.duration_percentiles(x, '{0,0.25,0.5,0.9,1}') AS all_five
FROM dh GROUP BY g ORDER BY g;
-- the same as percentile_cont, group by group
SELECT g, smskpi.duration_percentiles(x, '{0,0.25,0.5,0.9,1}')::text
          IS NOT DISTINCT FROM (percentile_cont('{0,0.25,0.5,0.9,1}'::float8[]) WITHIN GROUP (ORDER BY x))::text AS same
FROM dh GROUP BY g ORDER BY g;
-- no rows: NULL (as percentile_cont)
SELECT smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentiles(x, '{0.5}') AS ps,
       smskpi.duration_state(x) AS state, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS pc
FROM dh WHERE false;
-- only NULL values: NULL, for every aggregate
SELECT smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentiles(x, '{0.5}') AS ps,
       smskpi.duration_state(x) AS state, smskpi.duration_state_merge(NULL::smskpi.duration_state) AS merged
FROM dh WHERE g = 'only nulls';

-- NULL fraction: NULL (percentile_cont gives NULL); a NULL array: NULL; NULLs in
-- the array: NULL there; the shape and bounds of the array are kept; an empty array:
-- an empty array (odd group: 1h, 2h, 5h)
SELECT smskpi.duration_percentile(x, NULL) AS null_fraction,
       percentile_cont(NULL::float8) WITHIN GROUP (ORDER BY x) AS pc_null_fraction,
       smskpi.duration_percentiles(x, NULL) AS null_array,
       smskpi.duration_percentiles(x, '[2:4]={0.5,NULL,1}') AS bounds_and_null,
       smskpi.duration_percentiles(x, '{{0,0.5},{1,0.25}}') AS two_dims,
       smskpi.duration_percentiles(x, '{}') AS empty
FROM dh WHERE g = 'odd';
SELECT (percentile_cont('[2:4]={0.5,NULL,1}'::float8[]) WITHIN GROUP (ORDER BY x))::text AS pc_bounds_and_null,
       (percentile_cont('{{0,0.5},{1,0.25}}'::float8[]) WITHIN GROUP (ORDER BY x))::text AS pc_two_dims,
       (percentile_cont('{}'::float8[]) WITHIN GROUP (ORDER BY x))::text AS pc_empty
FROM dh WHERE g = 'odd';

-- bad fractions: 22003, the fraction printed exactly (1.0000001, not 1), also when
-- every value is NULL (as percentile_cont); NaN; an array element
SELECT dcall($$SELECT smskpi.duration_percentile(x, 1.0000001)::text FROM dh WHERE g = 'odd'$$) AS above_one,
       dcall($$SELECT smskpi.duration_percentile(x, -0.1)::text FROM dh WHERE g = 'odd'$$) AS negative,
       dcall($$SELECT smskpi.duration_percentile(x, 'NaN')::text FROM dh WHERE g = 'odd'$$) AS nan;
SELECT dcall($$SELECT smskpi.duration_percentile(x, 2)::text FROM dh WHERE g = 'only nulls'$$) AS only_nulls,
       dcall($$SELECT (percentile_cont(2) WITHIN GROUP (ORDER BY x))::text FROM dh WHERE g = 'only nulls'$$) AS pc_only_nulls;
SELECT dcall($$SELECT smskpi.duration_percentiles(x, '{0.5,1.0000001}')::text FROM dh WHERE g = 'odd'$$) AS array_above_one,
       dcall($$SELECT smskpi.duration_percentiles(x, '{NaN}')::text FROM dh WHERE g = 'odd'$$) AS array_nan,
       dcall($$SELECT (percentile_cont('{0.5,1.0000001}'::float8[]) WITHIN GROUP (ORDER BY x))::text FROM dh WHERE g = 'odd'$$) AS pc_array_above_one;
-- an array of fractions is checked when there are values (percentile_cont: NULL
-- when there are none)
SELECT dcall($$SELECT smskpi.duration_percentiles(x, '{2}')::text FROM dh WHERE g = 'only nulls'$$) AS array_only_nulls,
       dcall($$SELECT (percentile_cont('{2}'::float8[]) WITHIN GROUP (ORDER BY x))::text FROM dh WHERE g = 'only nulls'$$) AS pc_array_only_nulls;
-- the fraction must be the same on every row (22023): different values, NULL and
-- not NULL, different arrays; equal ones (0 and -0; the same array written twice)
-- are the same
SELECT dcall($$SELECT smskpi.duration_percentile(x, t / 10.0)::text FROM dh WHERE g = 'odd'$$) AS different,
       dcall($$SELECT smskpi.duration_percentile(x, CASE WHEN t = 2 THEN NULL ELSE 0.5 END)::text FROM dh WHERE g = 'odd'$$) AS null_and_not,
       dcall($$SELECT smskpi.duration_percentile(x, CASE WHEN t = 2 THEN 0.5 ELSE NULL END)::text FROM dh WHERE g = 'nulls'$$) AS on_a_null_value;
SELECT dcall($$SELECT smskpi.duration_percentiles(x, ARRAY[0.5, t])::text FROM dh WHERE g = 'odd'$$) AS different_arrays,
       dcall($$SELECT smskpi.duration_percentiles(x, CASE WHEN t = 3 THEN NULL ELSE '{0.5}'::float8[] END)::text FROM dh WHERE g = 'odd'$$) AS null_array_and_not,
       dcall($$SELECT smskpi.duration_percentiles(x, CASE WHEN t = 3 THEN '[0:0]={0.5}' ELSE '{0.5}'::float8[] END)::text FROM dh WHERE g = 'odd'$$) AS other_bounds;
SELECT smskpi.duration_percentile(x, CASE WHEN t = 2 THEN -0.0::float8 ELSE 0 END) AS zero_and_minus_zero,
       smskpi.duration_percentiles(x, CASE WHEN t = 2 THEN ARRAY[-0.0::float8, 1] ELSE ARRAY[0::float8, 1] END) AS arrays_equal_by_value,
       smskpi.duration_percentiles(x, ARRAY[t * 0 + 0.5, NULL]) AS built_per_row
FROM dh WHERE g = 'odd';

-- equal values written differently: ordered by their fields, fewest months first,
-- then fewest days, whatever the input order (percentile_cont takes them as its sort
-- left them).  24:00:00 before 1 day: 0.5 -> (1 day - 24:00) * 0.5 = the half day
-- goes to the time field, 12:00 - 12:00 = 0, + 24:00:00 = 24:00:00.  30 days before
-- 1 mon: 0.5 -> (1 mon - 30 days) * 0.5 = 0 months (the half month is 15 days),
-- -15 days + 15 days = 0, + 30 days = 30 days.  The lowest is the first, the highest
-- the last.
SELECT smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentile(x, 0) AS p0,
       smskpi.duration_percentile(x, 1) AS p100
FROM (VALUES ('1 day'::interval), ('24:00:00')) v(x);
SELECT smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentile(x, 0) AS p0,
       smskpi.duration_percentile(x, 1) AS p100
FROM (VALUES ('24:00:00'::interval), ('1 day')) v(x);
SELECT smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentile(x, 0) AS p0,
       smskpi.duration_percentile(x, 1) AS p100
FROM (VALUES ('1 mon'::interval), ('30 days')) v(x);
SELECT smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentile(x, 0) AS p0,
       smskpi.duration_percentile(x, 1) AS p100
FROM (VALUES ('30 days'::interval), ('1 mon')) v(x);
-- three ways of writing 30 days: 720:00:00 < 30 days < 1 mon (0, 1, 2: 0.5 -> 30 days)
SELECT smskpi.duration_percentile(x, 0.5) AS p50, smskpi.duration_percentiles(x, '{0,1}') AS ends
FROM (VALUES ('1 mon'::interval), ('720:00:00'), ('30 days')) v(x);

-- window use: the final functions leave the state as it was.  Values by t: 4h, 1h,
-- 3h, 2h.  Running median: {4h} 4h; {1h,4h} 02:30; {1h,3h,4h} 3h; {1h..4h} 02:30.
-- Two-row frame: {4h} 4h; {4h,1h} 02:30; {1h,3h} 2h; {3h,2h} 02:30.
CREATE TABLE dw (t int, x interval);
INSERT INTO dw VALUES (1, '4 hours'), (2, '1 hour'), (3, '3 hours'), (4, '2 hours');
SELECT t, smskpi.duration_percentile(x, 0.5) OVER (ORDER BY t) AS running,
       smskpi.duration_percentile(x, 0.5) OVER (ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS two_rows,
       smskpi.duration_percentiles(x, '{0,1}') OVER (ORDER BY t) AS running_ends,
       (smskpi.duration_state_info(smskpi.duration_state(x) OVER (ORDER BY t))).values AS running_values,
       smskpi.duration_percentile(smskpi.duration_state(x) OVER (ORDER BY t), 0.5) AS over_running_state
FROM dw ORDER BY t;

-- states: the text form is \x and the hex of the binary form: version 01, fractions
-- none 00, n (int64), then per value time (int64 us), day, month (int32), sorted.
-- 1 hour = 3600000000 us = 0xd693a400; 1 day 00:00:01 = time 1000000 = 0xf4240,
-- day 1; -1 mon = month -1 = 0xffffffff
SELECT smskpi.duration_state(x) FROM (VALUES ('1 hour'::interval)) v(x);
SELECT smskpi.duration_state(x) FROM (VALUES ('1 day 00:00:01'::interval), (NULL), ('-1 mon')) v(x);
-- info: values, bytes = 32 (header) + 16 a value
SELECT g, (smskpi.duration_state_info(smskpi.duration_state(x))).*
FROM dh GROUP BY g ORDER BY g;
-- percentiles of a state (the odd group: 1h, 2h, 5h): as the aggregates;
-- NULL fraction or state: NULL; bad fractions: 22003; a state of no values: NULL
CREATE TABLE dst AS SELECT g, smskpi.duration_state(x) AS s FROM dh GROUP BY g;
SELECT g, smskpi.duration_percentile(s, 0.5) AS p50, smskpi.duration_percentile(s, 0.25) AS p25,
       smskpi.duration_percentiles(s, '[0:2]={0,NULL,0.9}') AS ps,
       smskpi.duration_percentile(s, NULL) AS null_fraction, smskpi.duration_percentiles(s, NULL) AS null_array
FROM dst ORDER BY g;
SELECT smskpi.duration_percentile(NULL::smskpi.duration_state, 0.5) AS null_state,
       dcall($$SELECT smskpi.duration_percentile(s, 1.5)::text FROM dst WHERE g = 'odd'$$) AS bad,
       dcall($$SELECT smskpi.duration_percentiles(s, '{0.5,-1e-300}')::text FROM dst WHERE g = 'odd'$$) AS bad_in_array,
       smskpi.duration_percentile('\x01000000000000000000'::smskpi.duration_state, 0.5) AS no_values,
       smskpi.duration_percentiles('\x01000000000000000000'::smskpi.duration_state, '{0.5}') AS no_values_array;
-- a state read back by the final functions: the fraction it carries (fractions
-- 01 + 0.5 = 3fe0000000000000; the array form 03 + ndim 1, dim 2, lower bound 1,
-- elements 0.5 and NULL); one made by duration_state carries none: 22023
SELECT smskpi.duration_percentile_final('\x01013fe0000000000000000000000000000200000000d693a400000000000000000000000002540be4000000000000000000') AS one_fraction,
       smskpi.duration_percentiles_final('\x0103000000010000000200000001003fe000000000000001000000000000000200000000d693a400000000000000000000000002540be4000000000000000000') AS array_fraction,
       dcall($$SELECT smskpi.duration_percentile_final(s)::text FROM dst WHERE g = 'odd'$$) AS made_by_duration_state,
       dcall($$SELECT smskpi.duration_percentiles_final(s)::text FROM dst WHERE g = 'odd'$$) AS made_by_duration_state_array;
-- support functions outside an aggregate: 0A000
SELECT dcall($$SELECT smskpi.duration_state_sfunc(NULL, '1 hour')::text$$) AS sfunc,
       dcall($$SELECT smskpi.duration_state_combine(s, s)::text FROM dst WHERE g = 'odd'$$) AS combine;

-- merging: the union of the multisets; NULL states are skipped; merging with a
-- state of other fractions is refused (22023)
SELECT smskpi.duration_percentiles(smskpi.duration_state_merge(s), '{0,0.5,1}') AS merged,
       (smskpi.duration_state_info(smskpi.duration_state_merge(s))).values AS merged_values
FROM (SELECT s FROM dst UNION ALL SELECT NULL) m;
-- all values of dh: 1h 2h 5h | 1h 2h 5h 10h | 1h 1h 1h 4h | 7min | 1h 3h |
-- -1 day -02:00, -00:00:00.000001, 1 day 00:00:01: 17 values.  Sorted: -1 day -02:00,
-- -0.000001, 7min, 1h x 6, 2h x 2, 3h, 4h, 5h x 2, 10h, 1 day 00:00:01.  Median:
-- pos 8 -> v[8] = 1h (the last of the six)
SELECT smskpi.duration_percentile(smskpi.duration_state_merge(s), 0.5) AS merged_median,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM dh) AS pc_median
FROM dst;
SELECT dcall($$SELECT smskpi.duration_state_merge(s)::text FROM (VALUES ('\x01000000000000000000'::smskpi.duration_state),
                ('\x01013fe00000000000000000000000000000'::smskpi.duration_state)) v(s)$$) AS other_fractions;

-- Random data, compared with percentile_cont.  Groups:
--   1-150    timestamptz differences (days and times, negative too), 1 to 1500 values
--   151-200  intervals with months, days and times of both signs
--   201-220  a few distinct values, many exact duplicates
--   221-230  huge: months, days and time near the largest an interval holds
--   231-240  the same, negative
--   241-260  one to three values of any of these kinds
-- and about 5 % NULL values everywhere.
SELECT setseed(0.25);
CREATE TABLE dr (id serial, g int, x interval);
INSERT INTO dr (g, x)
SELECT g, CASE WHEN random() < 0.05 THEN NULL
               ELSE (timestamptz '2026-01-01' + random() * interval '400 days')
                    - (timestamptz '2026-01-01' + random() * interval '400 days') END
FROM generate_series(1, 150) g, generate_series(1, (g * 37) % 1500 + 1) i;
INSERT INTO dr (g, x)
SELECT g, CASE WHEN random() < 0.05 THEN NULL
               ELSE make_interval(months => (random() * 48 - 24)::int, days => (random() * 80 - 40)::int,
                                  secs => random() * 200000 - 100000) END
FROM generate_series(151, 200) g, generate_series(1, (g * 13) % 300 + 1) i;
INSERT INTO dr (g, x)
SELECT g, CASE WHEN random() < 0.05 THEN NULL ELSE (random() * 5)::int * interval '1 hour' END
FROM generate_series(201, 220) g, generate_series(1, g) i;
INSERT INTO dr (g, x)
SELECT g, CASE WHEN random() < 0.05 THEN NULL
               ELSE CASE WHEN g > 230 THEN -h ELSE h END END
FROM generate_series(221, 240) g, generate_series(1, 50 + g % 7) i,
     LATERAL (SELECT make_interval(months => 2147483000 + (random() * 600)::int + i * 0,
                                   days => 2147483000 + (random() * 600)::int)
                     + make_interval(hours => 2147483000)
                     + make_interval(hours => 414564000 + (random() * 700)::int, secs => random() * 3600) AS h) hv;
INSERT INTO dr (g, x)
SELECT g, (SELECT x FROM dr WHERE dr.g = (g * 7919 + i) % 240 + 1 AND x IS NOT NULL OFFSET i LIMIT 1)
FROM generate_series(241, 260) g, generate_series(1, g % 3 + 1) i;
ANALYZE dr;
SELECT count(*) AS rows_, count(x) AS values_, count(DISTINCT g) AS groups_,
       count(*) FILTER (WHERE x < interval '0') AS negative, count(*) FILTER (WHERE extract(month FROM x) <> 0) AS with_months,
       count(*) FILTER (WHERE abs(extract(epoch FROM x)) > 1e15) AS huge,
       count(DISTINCT x::text) < count(x) AS duplicates
FROM dr;
-- every group, six fractions: the same text
CREATE TABLE dfr (f float8);
INSERT INTO dfr VALUES (0), (0.1), (0.5), (0.9), (0.999), (1);
SELECT count(*) AS compared, count(*) FILTER (WHERE a IS DISTINCT FROM b) AS different,
       count(*) FILTER (WHERE a IS NULL) AS null_results
FROM (SELECT g, f, smskpi.duration_percentile(x, f)::text AS a,
             (percentile_cont(f) WITHIN GROUP (ORDER BY x))::text AS b
      FROM dr, dfr GROUP BY g, f) c;
-- the arrays, with a NULL and bounds
SELECT count(*) AS compared, count(*) FILTER (WHERE a IS DISTINCT FROM b) AS different
FROM (SELECT g, smskpi.duration_percentiles(x, '[0:7]={0,0.1,0.5,NULL,0.9,0.999,1,0.25}')::text AS a,
             (percentile_cont('[0:7]={0,0.1,0.5,NULL,0.9,0.999,1,0.25}'::float8[]) WITHIN GROUP (ORDER BY x))::text AS b
      FROM dr GROUP BY g) c;
-- huge values of both signs in one group (the spans are more than 2^64 us apart)
SELECT count(*) AS compared, count(*) FILTER (WHERE a IS DISTINCT FROM b) AS different
FROM (SELECT f, smskpi.duration_percentile(x, f)::text AS a, (percentile_cont(f) WITHIN GROUP (ORDER BY x))::text AS b
      FROM dr, dfr WHERE g IN (221, 231) GROUP BY f) c;
-- the largest interval and its negative: hi - lo is out of the interval range, the
-- same error as percentile_cont; the ends need no subtraction
SELECT dcall($$SELECT smskpi.duration_percentile(x, 0.5)::text FROM (VALUES (interval '178956970 years 7 mons 2147483647 days 2562047788:00:54.775807'),
                (interval '-178956970 years -7 mons -2147483647 days -2562047788:00:54.775807')) v(x)$$) AS ours,
       dcall($$SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY x))::text FROM (VALUES (interval '178956970 years 7 mons 2147483647 days 2562047788:00:54.775807'),
                (interval '-178956970 years -7 mons -2147483647 days -2562047788:00:54.775807')) v(x)$$) AS percentile_cont,
       dcall($$SELECT smskpi.duration_percentiles(x, '{0,1}')::text FROM (VALUES (interval '178956970 years 7 mons 2147483647 days 2562047788:00:54.775807'),
                (interval '-178956970 years -7 mons -2147483647 days -2562047788:00:54.775807')) v(x)$$) AS ends;

-- split groups merged (three parts of each group, in any order) equal the unsplit
-- answers, and the merged state is the unsplit state, byte for byte
CREATE TABLE dparts AS
SELECT g, id % 3 AS part, smskpi.duration_state(x) AS s FROM dr GROUP BY g, id % 3;
ANALYZE dparts;
SELECT count(*) AS groups_, count(*) FILTER (WHERE m.s::text IS DISTINCT FROM u.s::text) AS states_differ,
       count(*) FILTER (WHERE m.p IS DISTINCT FROM u.p) AS answers_differ
FROM (SELECT g, smskpi.duration_state_merge(s) AS s,
             smskpi.duration_percentiles(smskpi.duration_state_merge(s), '{0,0.1,0.5,0.9,0.999,1}')::text AS p
      FROM (SELECT * FROM dparts ORDER BY md5(g || '/' || part)) o GROUP BY g) m
JOIN (SELECT g, smskpi.duration_state(x) AS s,
             (percentile_cont('{0,0.1,0.5,0.9,0.999,1}'::float8[]) WITHIN GROUP (ORDER BY x))::text AS p
      FROM dr GROUP BY g) u USING (g);
-- 100,000 states of one value each merged in one query (an append each, one sort):
-- the values 0..99999 seconds in a shuffled order; median 49999.5 s = 13:53:19.5
SELECT smskpi.duration_percentile(smskpi.duration_state_merge(s), 0.5) AS median,
       (smskpi.duration_state_info(smskpi.duration_state_merge(s))).values AS merged
FROM (SELECT smskpi.duration_state(make_interval(secs => (i * 7919) % 100000)) AS s
      FROM generate_series(0, 99999) i GROUP BY i) q;
-- a large group: 200,001 values in a shuffled order (the radix sort), many exact
-- duplicates and equal values written three ways (months, days or hours)
CREATE TABLE dbig AS
SELECT CASE i % 3 WHEN 0 THEN make_interval(months => i % 7)
                  WHEN 1 THEN make_interval(days => (i % 7) * 30)
                  ELSE make_interval(hours => (i % 7) * 720) END
       + make_interval(secs => (hashint4(i) % 1000) / 8.0) AS x
FROM generate_series(0, 200000) i ORDER BY hashint4(i + 1);
-- with equal values written differently the text of percentile_cont depends on its
-- sort: at fractions that land on one value (pos = f * 200000, whole) the results
-- are equal (=), and ours are the values at those places in the order by interval,
-- then months, then days (a plain sort as the reference)
SELECT count(*) AS compared, count(*) FILTER (WHERE smskpi_p <> pc) AS different
FROM (SELECT unnest(smskpi.duration_percentiles(x, '{0,0.25,0.5,0.75,1}')) AS smskpi_p,
             unnest(percentile_cont('{0,0.25,0.5,0.75,1}'::float8[]) WITHIN GROUP (ORDER BY x)) AS pc
      FROM dbig) c;
SELECT (SELECT smskpi.duration_percentiles(x, '{0,0.25,0.5,0.75,1}') FROM dbig)::text
       = (SELECT array_agg(x ORDER BY o)::text
          FROM (SELECT x, row_number() OVER (ORDER BY x, extract(month FROM x), extract(day FROM x)) - 1 AS o FROM dbig) s
          WHERE o IN (0, 50000, 100000, 150000, 200000)) AS in_field_order,
       (SELECT smskpi.duration_percentiles(x, '{0,0.5,1}') FROM dbig) AS ends_and_middle;
-- spans more than 2^64 us apart (no radix sort): 3,001 huge values of both signs;
-- the fractions land on one value (pos = f * 3000, whole), where hi - lo cannot
-- overflow
CREATE TABLE dhuge AS
SELECT CASE WHEN i % 2 = 0 THEN h ELSE -h END AS x
FROM generate_series(0, 3000) i,
     LATERAL (SELECT make_interval(months => 2147483000 + i % 600, days => 2147483000 + (i * 7) % 600)
                     + make_interval(hours => 2147483000)
                     + make_interval(hours => 414564000 + (i * 13) % 700, secs => i) AS h) hv
ORDER BY hashint4(i);
SELECT count(*) AS compared, count(*) FILTER (WHERE a IS DISTINCT FROM b) AS different
FROM (SELECT f, smskpi.duration_percentile(x, f)::text AS a, (percentile_cont(f) WITHIN GROUP (ORDER BY x))::text AS b
      FROM dhuge, (VALUES (0.0::float8), (0.25), (0.5), (0.75), (1.0)) v(f) GROUP BY f) c;

-- serial = parallel (the STYLE.md recipe: ordinary ANALYZEd table, costs zeroed,
-- leader not participating; EXPLAIN shows the Partial Aggregate)
SELECT md5(string_agg(g || ':' || coalesce(p50, 'null') || ':' || coalesce(ps, 'null') || ':' || coalesce(s, 'null'), ',' ORDER BY g)) AS grouped,
       (SELECT smskpi.duration_percentile(x, 0.9)::text || smskpi.duration_percentiles(x, '{0,0.5,1}')::text FROM dr WHERE g <= 200) AS ungrouped
FROM (SELECT g, smskpi.duration_percentile(x, 0.5)::text AS p50, smskpi.duration_percentiles(x, '{0.1,0.999}')::text AS ps,
             md5(smskpi.duration_state(x)::text) AS s
      FROM dr GROUP BY g) q \gset serial_
SELECT (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY x)::text || (percentile_cont('{0,0.5,1}'::float8[]) WITHIN GROUP (ORDER BY x))::text
        FROM dr WHERE g <= 200) = :'serial_ungrouped' AS serial_is_percentile_cont;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT smskpi.duration_percentile(x, 0.9), smskpi.duration_percentiles(x, '{0,0.5,1}') FROM dr WHERE g <= 200;
CREATE FUNCTION plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF l LIKE '%' || what || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT plan_has($$SELECT g, smskpi.duration_percentile(x, 0.5), smskpi.duration_percentiles(x, '{0.1,0.999}'),
                         smskpi.duration_state(x) FROM dr GROUP BY g$$, 'Partial') AS grouped_partial;
SELECT md5(string_agg(g || ':' || coalesce(p50, 'null') || ':' || coalesce(ps, 'null') || ':' || coalesce(s, 'null'), ',' ORDER BY g)) AS grouped,
       (SELECT smskpi.duration_percentile(x, 0.9)::text || smskpi.duration_percentiles(x, '{0,0.5,1}')::text FROM dr WHERE g <= 200) AS ungrouped
FROM (SELECT g, smskpi.duration_percentile(x, 0.5)::text AS p50, smskpi.duration_percentiles(x, '{0.1,0.999}')::text AS ps,
             md5(smskpi.duration_state(x)::text) AS s
      FROM dr GROUP BY g) q \gset parallel_
SELECT :'serial_grouped' = :'parallel_grouped' AS grouped_same, :'serial_ungrouped' = :'parallel_ungrouped' AS ungrouped_same;
-- a parallel merge of stored states
SELECT plan_has($$SELECT smskpi.duration_state_merge(s) FROM dparts$$, 'Partial Aggregate') AS merge_partial;
SELECT smskpi.duration_state_merge(s)::text = (SELECT smskpi.duration_state(x)::text FROM dr) AS parallel_merge_same
FROM dparts;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- hashed grouping that spills to disk (work_mem 64kB; every state far larger than
-- that in all): the same answers as percentile_cont
SET work_mem = '64kB';
SET enable_sort = off;
CREATE FUNCTION analyzed_plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ' || q LOOP
    IF l LIKE '%' || what || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT analyzed_plan_has($$SELECT id % 2000, smskpi.duration_percentile(x, 0.5) FROM dr GROUP BY 1$$, 'Disk Usage') AS spilled;
SELECT count(*) AS groups_, count(*) FILTER (WHERE q.p::text IS DISTINCT FROM r.p::text) AS different
FROM (SELECT id % 2000 AS k, smskpi.duration_percentile(x, 0.5) AS p FROM dr GROUP BY 1) q
JOIN (SELECT id % 2000 AS k, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS p FROM dr GROUP BY 1) r USING (k);
RESET work_mem;
RESET enable_sort;

-- text and binary round trips
CREATE TABLE dio AS SELECT g, smskpi.duration_state(x) AS s FROM dr GROUP BY g;
SELECT count(*) AS states, count(*) FILTER (WHERE s::text::smskpi.duration_state::text <> s::text) AS text_differs FROM dio;
COPY dio TO '/tmp/smskpi_ds_test.bin' (FORMAT binary);
CREATE TABLE dio_bin (LIKE dio);
COPY dio_bin FROM '/tmp/smskpi_ds_test.bin' (FORMAT binary);
SELECT count(*) AS states, count(*) FILTER (WHERE a.s::text IS DISTINCT FROM b.s::text) AS binary_differs
FROM dio a FULL JOIN dio_bin b USING (g);
-- the binary form of a state with fractions, through recv (a bytea written in binary
-- COPY is read back as a duration_state)
CREATE TABLE drecv (s smskpi.duration_state);
COPY (SELECT '\x0103000000010000000200000001003fe000000000000001000000000000000200000000d693a400000000000000000000000002540be4000000000000000000'::bytea) TO '/tmp/smskpi_ds_recv.bin' (FORMAT binary);
COPY drecv FROM '/tmp/smskpi_ds_recv.bin' (FORMAT binary);
SELECT s, smskpi.duration_percentiles_final(s) FROM drecv;

-- hand-edited values are refused: text syntax 22P02, content 22P03
CREATE FUNCTION dbad(v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; d text;
BEGIN
  EXECUTE format('SELECT %L::smskpi.duration_state::text', v) INTO r;
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ' ' || d;
END $$;
SELECT v, dbad(v) FROM (VALUES
  (''), ('x'), ('\x0'), ('\x0g'), ('01000000000000000000'), ('\x0 10'),
  ('\x'), ('\x01'), ('\x0200000000000000000000'), ('\x0109'),
  -- n does not match the values
  ('\x01000000000000000001' || '00000000d693a4000000000000000000' || 'ff'),
  ('\x01000000000000000002' || '00000000d693a4000000000000000000'),
  ('\x0100ffffffffffffffff'), ('\x01007fffffffffffffff'),
  -- values not in order: 2h, 1h; 1 day before 24:00:00 (same span, more days)
  ('\x01000000000000000002' || '00000001ad2748000000000000000000' || '00000000d693a4000000000000000000'),
  ('\x01000000000000000002' || '00000000000000000000000100000000' || '000000141dd760000000000000000000'),
  -- fractions: 1.5, NaN, ndim 7, a dimension of 0, a NULL flag of 2, an element
  -- outside [0, 1] with values (accepted with none), length short of the elements
  ('\x01013ff80000000000000000000000000000'), ('\x01017ff80000000000000000000000000000'),
  ('\x010300000007'), ('\x01030000000100000000000000010000000000000000'),
  ('\x010300000001000000010000000102'),
  ('\x0103000000010000000100000001004000000000000000' || '0000000000000001' || '00000000d693a4000000000000000000'),
  ('\x0103000000010000000100000001004000000000000000' || '0000000000000000'),
  ('\x01030000000100000002000000010040')
) t(v);
-- through recv too: a truncated value, values out of order
COPY (SELECT '\x01000000000000000002'::bytea) TO '/tmp/smskpi_ds_recv.bin' (FORMAT binary);
SELECT dcall($$COPY drecv FROM '/tmp/smskpi_ds_recv.bin' (FORMAT binary)$$) AS recv_truncated;
COPY (SELECT ('\x01000000000000000002' || '00000001ad2748000000000000000000' || '00000000d693a4000000000000000000')::bytea) TO '/tmp/smskpi_ds_recv.bin' (FORMAT binary);
SELECT dcall($$COPY drecv FROM '/tmp/smskpi_ds_recv.bin' (FORMAT binary)$$) AS recv_out_of_order;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA durations_test CASCADE;
