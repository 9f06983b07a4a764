-- business_hours type and business_time(): hand-computed cases, a plain-SQL
-- reference compared on thousands of random spans, bad input, round trips.
-- Timestamps are always written with an explicit zone or offset (pg_regress
-- runs with TimeZone = PST8PDT); results are intervals or booleans.
SET client_min_messages = warning;
CREATE SCHEMA bh_test;
SET search_path = bh_test, smskpi, public;
RESET client_min_messages;
SET intervalstyle = postgres;

------------------------------------------------------------------------------
-- Text input / output
------------------------------------------------------------------------------
-- Normalisation: canonical zone spelling, weekdays with equal hours grouped,
-- HH:MM, holidays sorted and deduplicated.
SELECT 'America/New_York; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2026-12-25 2027-01-01'::smskpi.business_hours;
SELECT 'america/new_york;MON-wed,fri 8:00-12:00 13:00-17:00 ;thursday 08:00-12:00 13:00-17:00;sun 00:00-24:00 ; holidays 2027-01-01, 2026-12-25 2026-12-25'::smskpi.business_hours;
SELECT 'UTC'::smskpi.business_hours;                                    -- no hours at all
SELECT 'Europe/Paris; sat-sun 10:00:30-12:00:15'::smskpi.business_hours; -- seconds kept
SELECT 'Asia/Kolkata; fri-mon 09:00-17:00'::smskpi.business_hours;       -- wrapping range
SELECT 'UTC; mon,wed,fri 09:00-10:00; tue 09:00-10:00'::smskpi.business_hours;
SELECT 'UTC; holidays 2026-01-01'::smskpi.business_hours;
-- input(output(x)) = x and output is a fixed point, on a few shapes
WITH v(x) AS (VALUES
  ('America/New_York; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2026-12-25 2027-01-01'::smskpi.business_hours),
  ('UTC'), ('Europe/Paris; sun 00:00-00:00:01 23:59:59-24:00'), ('Asia/Kolkata; mon,wed,sun 01:00-02:00; tue 01:00-02:00'))
SELECT x::text::smskpi.business_hours = x AS round_trip,
       x::text::smskpi.business_hours::text = x::text AS fixed_point
FROM v;
-- equality
SELECT 'UTC; mon-fri 09:00-17:00'::smskpi.business_hours = 'utc; mon,tue,wed,thu,fri 9:00-17:00' AS same,
       'UTC; mon-fri 09:00-17:00'::smskpi.business_hours = 'UTC; mon-fri 09:00-17:01' AS diff_hours,
       'UTC; mon-fri 09:00-17:00'::smskpi.business_hours <> 'Etc/UTC; mon-fri 09:00-17:00' AS diff_zone,
       'UTC; mon 09:00-17:00; holidays 2026-01-01'::smskpi.business_hours <> 'UTC; mon 09:00-17:00' AS diff_holidays;
-- constructor: same value as the text form; holidays from an array
SELECT smskpi.make_business_hours('America/New_York', 'mon-fri 08:00-17:00',
         ARRAY['2027-01-01', '2026-12-25', '2026-12-25']::date[])
       = 'America/New_York; mon-fri 08:00-17:00; holidays 2026-12-25 2027-01-01' AS constructor_equal;
SELECT smskpi.make_business_hours('Europe/Paris', '');
SELECT smskpi.make_business_hours('Europe/Paris', 'sat 10:00-11:00', NULL) IS NULL AS strict;

------------------------------------------------------------------------------
-- Bad input: clear messages, errcodes 22P02 (syntax) / 22023 (values) / 54000
------------------------------------------------------------------------------
\set VERBOSITY default
SELECT ''::smskpi.business_hours;
SELECT '  ; mon 09:00-10:00'::smskpi.business_hours;
SELECT 'Mars/Olympus_Mons; mon 09:00-17:00'::smskpi.business_hours;
SELECT 'UTC; mon 17:00-09:00'::smskpi.business_hours;
SELECT 'UTC; mon 09:00-09:00'::smskpi.business_hours;
SELECT 'UTC; mon 08:00-12:00 11:00-13:00'::smskpi.business_hours;
SELECT 'UTC; mon 13:00-17:00 08:00-12:00'::smskpi.business_hours;
SELECT 'UTC; mon 08:00-12:00 12:00-13:00'::smskpi.business_hours;
SELECT 'UTC; mon-fri 09:00-17:00; wed 18:00-19:00'::smskpi.business_hours;
SELECT 'UTC; mon 25:00-26:00'::smskpi.business_hours;
SELECT 'UTC; mon 09:00-24:30'::smskpi.business_hours;
SELECT 'UTC; mon 09:60-10:00'::smskpi.business_hours;
SELECT 'UTC; mon 9-17'::smskpi.business_hours;
SELECT 'UTC; funday 09:00-10:00'::smskpi.business_hours;
SELECT 'UTC; mon- 09:00-10:00'::smskpi.business_hours;
SELECT 'UTC; mon'::smskpi.business_hours;
SELECT 'UTC; holidays 2026-02-29'::smskpi.business_hours;
SELECT 'UTC; holidays 0000-01-01'::smskpi.business_hours;
SELECT 'UTC; holidays 2026-1-5'::smskpi.business_hours;
SELECT 'UTC;'::smskpi.business_hours;
SELECT 'UTC;; mon 09:00-10:00'::smskpi.business_hours;
SELECT ('UTC; mon ' || (SELECT string_agg(format('%s:00-%s:30', lpad(h::text, 2, '0'), lpad(h::text, 2, '0')), ' ')
                        FROM generate_series(0, 23) h))::smskpi.business_hours IS NOT NULL AS "24 intervals ok";
SELECT ('UTC; mon ' || (SELECT string_agg(format('%s:%s-%s:%s', lpad((m / 60)::text, 2, '0'), lpad((m % 60)::text, 2, '0'),
                                                 lpad((m / 60)::text, 2, '0'), lpad((m % 60 + 10)::text, 2, '0')), ' ')
                        FROM generate_series(0, 48 * 20, 20) m))::smskpi.business_hours;
SELECT smskpi.make_business_hours('UTC', 'mon 09:00-10:00', ARRAY[NULL]::date[]);
SELECT smskpi.make_business_hours('UTC', 'mon 09:00-10:00', ARRAY['infinity']::date[]);
SELECT smskpi.make_business_hours('UTC', 'mon 09:00-10:00', ARRAY['10000-01-01']::date[]);
SELECT smskpi.make_business_hours('UTC; mon 09:00-10:00', '');
SELECT smskpi.make_business_hours('UTC', 'holidays 2026-01-01');
SELECT smskpi.make_business_hours('UTC', 'mon 09:00-10:00', '{{2026-01-01}}');
-- errcodes, all in one place
DO $$
DECLARE
  bad text;
  st text;
  got text := '';
BEGIN
  FOREACH bad IN ARRAY ARRAY['', 'Mars/Olympus_Mons', 'UTC; mon 17:00-09:00', 'UTC; mon 08:00-12:00 11:00-13:00',
                             'UTC; mon 13:00-17:00 08:00-12:00', 'UTC; mon 25:00-26:00', 'UTC; funday 09:00-10:00',
                             'UTC; holidays 2026-02-29', 'UTC; holidays 2026-1-5', 'UTC; mon-fri 09:00-17:00; fri 18:00-19:00']
  LOOP
    BEGIN
      PERFORM bad::smskpi.business_hours;
      got := got || ' (accepted!)';
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
      got := got || ' ' || st;
    END;
  END LOOP;
  RAISE NOTICE 'sqlstates:%', got;
END $$;

------------------------------------------------------------------------------
-- Hand-computed cases
------------------------------------------------------------------------------
CREATE TABLE cases (id int, note text, hours smskpi.business_hours, f timestamptz, t timestamptz, expected interval);
INSERT INTO cases VALUES
-- 2026-03-10 is a Tuesday.  23:00 -> next morning 08:05 with opening at 08:00: 5 minutes.
(1, 'evening to next morning', 'America/New_York; mon-fri 08:00-17:00',
    '2026-03-10 23:00 America/New_York', '2026-03-11 08:05 America/New_York', '00:05'),
-- Fri 2026-03-13 16:00 -> Mon 2026-03-16 09:00: 1 h Friday + 1 h Monday.
(2, 'weekend skipped', 'America/New_York; mon-fri 08:00-17:00',
    '2026-03-13 16:00 America/New_York', '2026-03-16 09:00 America/New_York', '02:00'),
-- Thu 2026-12-24 16:30 -> Mon 2026-12-28 08:30, Fri 12-25 a holiday: 30 + 30 min.
(3, 'holiday skipped', 'America/New_York; mon-fri 08:00-17:00; holidays 2026-12-25',
    '2026-12-24 16:30 America/New_York', '2026-12-28 08:30 America/New_York', '01:00'),
(4, 'same span, no holiday', 'America/New_York; mon-fri 08:00-17:00',
    '2026-12-24 16:30 America/New_York', '2026-12-28 08:30 America/New_York', '10:00'),
-- Mon 2026-06-01 11:00 -> 14:00 with lunch 12-13: 1 h + 1 h.
(5, 'lunch break', 'America/New_York; mon-fri 08:00-12:00 13:00-17:00',
    '2026-06-01 11:00 America/New_York', '2026-06-01 14:00 America/New_York', '02:00'),
(6, 'both ends inside one interval', 'America/New_York; mon-fri 08:00-12:00 13:00-17:00',
    '2026-06-01 09:15 America/New_York', '2026-06-01 10:45 America/New_York', '01:30'),
(7, 'both ends outside, day spanned', 'America/New_York; mon-fri 08:00-12:00 13:00-17:00',
    '2026-06-01 07:00 America/New_York', '2026-06-01 18:00 America/New_York', '08:00'),
(8, 'both ends inside the lunch break', 'America/New_York; mon-fri 08:00-12:00 13:00-17:00',
    '2026-06-01 12:10 America/New_York', '2026-06-01 12:50 America/New_York', '00:00'),
(9, 'from = to', 'UTC; mon-sun 00:00-24:00', '2026-06-01 10:00+00', '2026-06-01 10:00+00', '00:00'),
(10, 'to < from', 'UTC; mon-sun 00:00-24:00', '2026-06-01 10:00+00', '2026-06-01 09:00+00', '00:00'),
(11, 'microseconds', 'UTC; mon-sun 09:00-17:00', '2026-06-01 08:59:59.999999+00', '2026-06-01 09:00:00.000002+00', '00:00:00.000002'),
(12, 'interval ends at 24:00, next day starts at 00:00', 'UTC; mon 22:00-24:00; tue 00:00-06:00',
    '2026-06-01 00:00+00', '2026-06-03 00:00+00', '08:00'),
-- New York, spring forward Sun 2026-03-08 02:00 EST -> 03:00 EDT.
(20, 'NY spring-forward day 00-24 = 23 h', 'America/New_York; sun 00:00-24:00',
    '2026-03-07 00:00+00', '2026-03-10 00:00+00', '23:00'),
-- 01:00 EST = 06:00Z, 04:00 EDT = 08:00Z.
(21, 'NY spring forward 01:00-04:00 = 2 h', 'America/New_York; sun 01:00-04:00',
    '2026-03-07 00:00+00', '2026-03-10 00:00+00', '02:00'),
-- 02:30 does not exist and reads as 02:30 EST = 07:30Z = 03:30 EDT: 02:30-03:30 is empty.
(22, 'NY nonexistent 02:30-03:30 = 0', 'America/New_York; sun 02:30-03:30',
    '2026-03-07 00:00+00', '2026-03-10 00:00+00', '00:00'),
-- 02:30 -> 07:30Z, 04:00 EDT -> 08:00Z.
(23, 'NY nonexistent start 02:30-04:00 = 30 min', 'America/New_York; sun 02:30-04:00',
    '2026-03-07 00:00+00', '2026-03-10 00:00+00', '00:30'),
-- 01:00-02:50 -> [06:00Z, 07:50Z); 03:00-04:00 -> [07:00Z, 08:00Z); union [06:00Z, 08:00Z).
(24, 'NY overlapping images are counted once', 'America/New_York; sun 01:00-02:50 03:00-04:00',
    '2026-03-07 00:00+00', '2026-03-10 00:00+00', '02:00'),
(25, 'NY spring forward, from/to inside the day', 'America/New_York; sun 00:00-24:00',
    '2026-03-08 01:30 America/New_York', '2026-03-08 03:30 America/New_York', '01:00'),
-- New York, fall back Sun 2026-11-01 02:00 EDT -> 01:00 EST.
(30, 'NY fall-back day 00-24 = 25 h', 'America/New_York; sun 00:00-24:00',
    '2026-10-31 00:00+00', '2026-11-03 00:00+00', '25:00'),
-- ambiguous 01:00 reads as 01:00 EST = 06:00Z (PostgreSQL: the later one), 02:00 EST = 07:00Z.
(31, 'NY fall back 01:00-02:00 = 1 h', 'America/New_York; sun 01:00-02:00',
    '2026-10-31 00:00+00', '2026-11-03 00:00+00', '01:00'),
-- 00:00 EDT = 04:00Z, 01:30 EST = 06:30Z.
(32, 'NY fall back 00:00-01:30 = 2 h 30', 'America/New_York; sun 00:00-01:30',
    '2026-10-31 00:00+00', '2026-11-03 00:00+00', '02:30'),
-- Paris: spring forward Sun 2026-03-29 02:00 CET -> 03:00 CEST, fall back Sun 2026-10-25 03:00 CEST -> 02:00 CET.
(40, 'Paris spring-forward day = 23 h', 'Europe/Paris; sun 00:00-24:00',
    '2026-03-28 00:00+00', '2026-03-31 00:00+00', '23:00'),
(41, 'Paris fall-back day = 25 h', 'Europe/Paris; sun 00:00-24:00',
    '2026-10-24 00:00+00', '2026-10-27 00:00+00', '25:00'),
-- 01:00 CEST = 23:00Z (Sat), 04:00 CET = 03:00Z.
(42, 'Paris fall back 01:00-04:00 = 4 h', 'Europe/Paris; sun 01:00-04:00',
    '2026-10-24 00:00+00', '2026-10-27 00:00+00', '04:00'),
-- 08:00 Sat CET = 07:00Z; Mon 10:00 CEST = 08:00Z; 24/7 across the change: 49 h.
(43, 'Paris 24/7 Sat 08:00 -> Mon 10:00 local over spring forward', 'Europe/Paris; mon-sun 00:00-24:00',
    '2026-03-28 08:00 Europe/Paris', '2026-03-30 10:00 Europe/Paris', '49:00'),
-- Kolkata is UTC+05:30 (no DST): 09:00 IST = 03:30Z.
(50, 'Kolkata +05:30 opening', 'Asia/Kolkata; mon-fri 09:00-18:00',
    '2026-06-01 03:00+00', '2026-06-01 04:00+00', '00:30'),
(51, 'Kolkata whole day from UTC bounds', 'Asia/Kolkata; mon-fri 09:00-18:00',
    '2026-06-01 00:00+00', '2026-06-01 12:30+00', '09:00'),
-- Kathmandu is UTC+05:45: 09:00 NPT = 03:15Z.
(52, 'Kathmandu +05:45', 'Asia/Kathmandu; mon-sun 09:00-10:00',
    '2026-06-01 03:00+00', '2026-06-01 03:30+00', '00:15'),
-- Mon 2026-06-01 .. Mon 2026-06-29: 4 weeks x 5 days x 8 h.
(60, 'four weeks', 'America/New_York; mon-fri 09:00-17:00',
    '2026-06-01 00:00 America/New_York', '2026-06-29 00:00 America/New_York', '160:00'),
(61, 'four weeks, Juneteenth off', 'America/New_York; mon-fri 09:00-17:00; holidays 2026-06-19',
    '2026-06-01 00:00 America/New_York', '2026-06-29 00:00 America/New_York', '152:00'),
-- Mon 2026-01-05 .. Mon 2027-01-04: 52 weeks x 40 h, minus Fri 2026-12-25 and Fri 2027-01-01; both DST changes inside.
(62, 'a year, two holidays', 'America/New_York; mon-fri 09:00-17:00; holidays 2026-12-25 2027-01-01',
    '2026-01-05 00:00 America/New_York', '2027-01-04 00:00 America/New_York', '2064:00'),
-- 2026 has 365 days; local midnight to local midnight, DST cancels out.
(63, 'NY 24/7 a year', 'America/New_York; mon-sun 00:00-24:00',
    '2026-01-01 00:00 America/New_York', '2027-01-01 00:00 America/New_York', '8760:00'),
-- 2020-01-01 .. 2030-01-01: 3653 days.
(64, 'Kolkata 24/7 ten years', 'Asia/Kolkata; mon-sun 00:00-24:00',
    '2020-01-01 00:00 Asia/Kolkata', '2030-01-01 00:00 Asia/Kolkata', '87672:00'),
-- 2000-01-01 (Sat) .. 2100-01-01 in UTC = 36525 days = 5217 weeks + Sat..Thu (4 weekdays): 26089 weekdays x 8 h.
(65, 'a century of weekdays', 'UTC; mon-fri 09:00-17:00',
    '2000-01-01 00:00+00', '2100-01-01 00:00+00', '208712:00'),
-- Pacific/Apia skipped Fri 2011-12-30 (UTC-10 -> UTC+14): 00:00 that day reads as -10 = 10:00Z,
-- Sat 00:00 (+14) is also 10:00Z, so Friday is empty: Thu + Sat = 48 h.
(70, 'Apia skipped day', 'Pacific/Apia; mon-sun 00:00-24:00',
    '2011-12-29 00:00 Pacific/Apia', '2012-01-01 00:00 Pacific/Apia', '48:00');
SELECT id, note, smskpi.business_time(hours, f, t) AS got, expected,
       smskpi.business_time(hours, f, t) = expected AS ok
FROM cases ORDER BY id;

-- Plain-arithmetic cross-checks of the above with AT TIME ZONE (independent of the C code)
SELECT ('2026-03-08 24:00'::timestamp AT TIME ZONE 'America/New_York')
     - ('2026-03-08 00:00'::timestamp AT TIME ZONE 'America/New_York') AS ny_spring_day,
       ('2026-03-08 03:30'::timestamp AT TIME ZONE 'America/New_York')
     - ('2026-03-08 02:30'::timestamp AT TIME ZONE 'America/New_York') AS ny_0230_0330,
       ('2011-12-31 00:00'::timestamp AT TIME ZONE 'Pacific/Apia')
     - ('2011-12-30 00:00'::timestamp AT TIME ZONE 'Pacific/Apia') AS apia_dec30;

-- Infinite bounds are an error (22008), NULL gives NULL
SELECT smskpi.business_time('UTC; mon 09:00-10:00', '-infinity', '2026-01-01 00:00+00');
SELECT smskpi.business_time('UTC; mon 09:00-10:00', '2026-01-01 00:00+00', 'infinity');
SELECT smskpi.business_time('UTC; mon 09:00-10:00', NULL, '2026-01-01 00:00+00') IS NULL AS null_in_null_out;

-- Whole timestamptz range: weekdays x 8 h computed with date arithmetic.
-- 4714-11-24 BC .. 294276-12-31 is N days; count the weekdays among them.
WITH r AS (SELECT date '4714-11-24 BC' AS d0, date '294277-01-01' - date '4714-11-24 BC' AS n),
     w AS (SELECT n, extract(isodow FROM d0)::int AS dow0 FROM r)
SELECT smskpi.business_time('UTC; mon-fri 09:00-17:00', '4714-11-24 00:00+00 BC', '294276-12-31 23:59:59.999999+00')
       = make_interval(hours => 8 * ((n / 7) * 5 + (SELECT count(*) FROM generate_series(0, n % 7 - 1) k
                                                   WHERE (dow0 - 1 + k) % 7 < 5))::int)
       AS full_range_weekdays
FROM w;
-- ... and 24/7 over the whole range does not fit in an interval
SELECT smskpi.business_time('UTC; mon-sun 00:00-24:00', '4714-11-24 00:00+00 BC', '294276-12-31 23:59:59.999999+00');
-- DST zone over the whole range: bounded work, and equal to the sum over two halves
SELECT smskpi.business_time('America/New_York; mon-fri 09:00-17:00', '4714-11-25 00:00+00 BC', '294276-12-30 00:00+00')
     = smskpi.business_time('America/New_York; mon-fri 09:00-17:00', '4714-11-25 00:00+00 BC', '2026-03-08 07:00+00')
     + smskpi.business_time('America/New_York; mon-fri 09:00-17:00', '2026-03-08 07:00+00', '294276-12-30 00:00+00')
       AS additive;

------------------------------------------------------------------------------
-- Plain-SQL reference on random spans.  The reference builds, for every local
-- day around the span, [(d + start) AT TIME ZONE zone, (d + end) AT TIME ZONE
-- zone), clips to [from, to), and measures the union with range_agg.
------------------------------------------------------------------------------
CREATE TABLE sched (name text, zone text, isodow int, st time, en time);
CREATE TABLE hol (name text, d date);
INSERT INTO sched
SELECT 'office', 'America/New_York', dow, st, en
FROM generate_series(1, 5) dow, (VALUES (time '08:00', time '12:00'), ('13:00', '17:00')) v(st, en)
UNION ALL SELECT 'office', 'America/New_York', 6, '09:00', '12:00'
-- endpoints in and around the 02:00 changes of New York and Paris
UNION ALL SELECT 'dst_ny', 'America/New_York', 7, st, en
FROM (VALUES (time '00:00', time '01:30'), ('01:45', '02:30'), ('02:40', '02:50'), ('03:00', '03:20'), ('03:40', '24:00')) v(st, en)
UNION ALL SELECT 'dst_ny', 'America/New_York', 1, '00:00', '06:00'
UNION ALL SELECT 'dst_paris', 'Europe/Paris', dow, st, en
FROM generate_series(1, 7) dow, (VALUES (time '01:00', time '02:10'), ('02:20', '02:40'), ('02:50', '03:10'), ('03:30', '04:00'), ('22:00', '24:00')) v(st, en)
UNION ALL SELECT 'kolkata', 'Asia/Kolkata', dow, '09:30', '18:15' FROM generate_series(2, 6) dow
UNION ALL SELECT 'all_week_paris', 'Europe/Paris', dow, '00:00', '24:00' FROM generate_series(1, 7) dow
-- Lord Howe moves by 30 minutes at 02:00 local; Santiago changes at 24:00
UNION ALL SELECT 'lord_howe', 'Australia/Lord_Howe', dow, st, en
FROM generate_series(1, 7) dow, (VALUES (time '01:15', time '02:15'), ('02:20', '02:45'), ('09:00', '17:00')) v(st, en)
UNION ALL SELECT 'santiago', 'America/Santiago', dow, st, en
FROM generate_series(1, 7) dow, (VALUES (time '00:00', time '00:45'), ('08:00', '18:00'), ('23:30', '24:00')) v(st, en);
INSERT INTO hol VALUES ('office', '2026-07-03'), ('office', '2026-12-25'), ('office', '2027-01-01'), ('office', '2025-11-27'),
                       ('kolkata', '2026-01-26'), ('kolkata', '2026-08-15'), ('dst_ny', '2026-11-01');

-- The schedules as business_hours values, written by hand
CREATE TABLE sv (name text, hours smskpi.business_hours);
INSERT INTO sv VALUES
('office', 'America/New_York; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2025-11-27 2026-07-03 2026-12-25 2027-01-01'),
('dst_ny', 'America/New_York; sun 00:00-01:30 01:45-02:30 02:40-02:50 03:00-03:20 03:40-24:00; mon 00:00-06:00; holidays 2026-11-01'),
('dst_paris', 'Europe/Paris; mon-sun 01:00-02:10 02:20-02:40 02:50-03:10 03:30-04:00 22:00-24:00'),
('kolkata', 'Asia/Kolkata; tue-sat 09:30-18:15; holidays 2026-01-26 2026-08-15'),
('all_week_paris', 'Europe/Paris; mon-sun 00:00-24:00'),
('lord_howe', 'Australia/Lord_Howe; mon-sun 01:15-02:15 02:20-02:45 09:00-17:00'),
('santiago', 'America/Santiago; mon-sun 00:00-00:45 08:00-18:00 23:30-24:00');

CREATE FUNCTION ref_business_time(sname text, f timestamptz, t timestamptz) RETURNS interval
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT coalesce(sum(upper(r) - lower(r)), interval '0')
  FROM unnest((
    SELECT range_agg(tstzrange(greatest(a, f), least(b, t)))
    FROM (SELECT (g.day::date + s.st) AT TIME ZONE s.zone AS a,
                 (g.day::date + s.en) AT TIME ZONE s.zone AS b
          FROM (SELECT DISTINCT zone FROM sched WHERE name = sname) z,
               generate_series((f AT TIME ZONE z.zone)::date - 2, (t AT TIME ZONE z.zone)::date + 2,
                               interval '1 day') g(day)
          JOIN sched s ON s.name = sname AND s.isodow = extract(isodow FROM g.day)
          WHERE NOT EXISTS (SELECT 1 FROM hol h WHERE h.name = sname AND h.d = g.day::date)) x
    WHERE greatest(a, f) < least(b, t))) r;
END;

-- Hand-written values agree with the reference tables (interval lists per weekday)
SELECT name,
       (SELECT count(*) FROM sched s WHERE s.name = sv.name) AS intervals,
       (SELECT count(*) FROM hol h WHERE h.name = sv.name) AS holidays
FROM sv ORDER BY name;

-- Spans: around every DST change of 2025-2027 in the zones (dense), and anywhere (spread):
-- lengths from seconds to 400 days.
SELECT setseed(0.4242);
CREATE TABLE spans AS
WITH changes AS (
  SELECT DISTINCT sv.name, g AS at
  FROM (SELECT DISTINCT name, zone FROM sched) sv,
       generate_series(timestamptz '2025-01-01 00:00+00', '2027-12-31 00:00+00', interval '1 hour') g
  WHERE (g AT TIME ZONE sv.zone) - ((g - interval '1 hour') AT TIME ZONE sv.zone) <> interval '1 hour')
SELECT name, kind, f, f + len AS t FROM (
  SELECT c.name, 'near a change' AS kind, c.at + (random() * 72 - 48) * interval '1 hour' AS f,
         (random() ^ 3) * interval '60 hours' AS len
  FROM changes c, generate_series(1, 12)
  UNION ALL
  SELECT name, 'anywhere', timestamptz '2025-01-01 00:00+00' + random() * interval '1000 days',
         CASE WHEN random() < 0.9 THEN (random() ^ 4) * interval '10 days'
              ELSE random() * interval '400 days' END
  FROM sv, generate_series(1, 200)) s;
-- 2 changes a year in 2025-2027 in every zone but Kolkata: 12 samples around each
SELECT name, count(*) FILTER (WHERE kind = 'near a change') / 12 AS dst_changes, count(*) AS spans
FROM spans GROUP BY name ORDER BY name;

-- C == reference on every span (expect 0 mismatches)
SELECT count(*) AS spans,
       count(*) FILTER (WHERE smskpi.business_time(sv.hours, s.f, s.t) <> ref_business_time(s.name, s.f, s.t)) AS mismatches,
       count(*) FILTER (WHERE smskpi.business_time(sv.hours, s.f, s.t) > interval '0') > 1000 AS mostly_nonzero
FROM spans s JOIN sv USING (name);
-- the first few mismatches, if any, for debugging
SELECT s.name, s.f, s.t, smskpi.business_time(sv.hours, s.f, s.t) AS c, ref_business_time(s.name, s.f, s.t) AS ref
FROM spans s JOIN sv USING (name)
WHERE smskpi.business_time(sv.hours, s.f, s.t) <> ref_business_time(s.name, s.f, s.t)
LIMIT 5;
-- additivity: [f, m) + [m, t) = [f, t) for a point m inside
SELECT count(*) FILTER (WHERE smskpi.business_time(sv.hours, s.f, s.t)
         <> smskpi.business_time(sv.hours, s.f, s.f + (s.t - s.f) / 3)
          + smskpi.business_time(sv.hours, s.f + (s.t - s.f) / 3, s.t)) AS additivity_failures
FROM spans s JOIN sv USING (name);

-- Long spans (bulk summing of constant-offset stretches) against the reference
SELECT sv.name, smskpi.business_time(sv.hours, f, t) = ref_business_time(sv.name, f, t) AS ok
FROM sv, (VALUES (timestamptz '2019-03-05 13:17:01.5+00', timestamptz '2031-10-30 07:00:00+00')) v(f, t)
ORDER BY sv.name;

------------------------------------------------------------------------------
-- Binary send/recv round trip (COPY BINARY), then damaged binary values
------------------------------------------------------------------------------
CREATE TABLE bin (id int, hours smskpi.business_hours);
INSERT INTO bin SELECT row_number() OVER (ORDER BY name), hours FROM sv;
INSERT INTO bin VALUES (100, 'UTC'), (101, 'Europe/Paris; sun 00:00:01-24:00; holidays 0001-01-01 9999-12-31');
CREATE TABLE bin2 (LIKE bin);
DO $$
DECLARE f text := current_setting('data_directory') || '/bh_test_bin.copy';
BEGIN
  EXECUTE format('COPY bin TO %L (FORMAT binary)', f);
  EXECUTE format('COPY bin2 FROM %L (FORMAT binary)', f);
END $$;
SELECT count(*) AS rows, count(*) FILTER (WHERE a.hours = b.hours AND a.hours::text = b.hours::text) AS equal
FROM bin a JOIN bin2 b USING (id);
-- send format of one value, byte by byte: version 1, zone length 3, 'UTC',
-- mon: 1 interval (32400 s = 0x7e90, 36000 s = 0x8ca0), tue..sun: 0 intervals,
-- 1 holiday: 2026-01-01 = 26 * 365 + 7 leap days = day 9497 = 0x2519 since 2000-01-01
SELECT smskpi.business_hours_send('UTC; mon 09:00-10:00; holidays 2026-01-01')
     = '\x01 03 555443 0001 00007e90 00008ca0 0000 0000 0000 0000 0000 0000 00000001 00002519'::bytea AS send_format;
-- recv of hand-made payloads: each wrapped in a one-column binary COPY file
CREATE FUNCTION copy_file(payload bytea) RETURNS bytea LANGUAGE sql IMMUTABLE
RETURN '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
       || '\x0001'::bytea || int4send(length(payload)) || payload || '\xffff'::bytea;
CREATE TABLE payloads (id int, note text, payload bytea);
INSERT INTO payloads VALUES
(1, 'valid', '\x01 03 555443 0001 00007e90 00008ca0 0000 0000 0000 0000 0000 0000 00000001 00002519'),
(2, 'bad version', '\x02 03 555443 0000 0000 0000 0000 0000 0000 0000 00000000'),
(3, 'unknown zone', '\x01 03 585858 0000 0000 0000 0000 0000 0000 0000 00000000'),
(4, 'lowercase zone is canonicalised', '\x01 03 757463 0000 0000 0000 0000 0000 0000 0000 00000000'),
(5, 'start >= end', '\x01 03 555443 0001 00008ca0 00007e90 0000 0000 0000 0000 0000 0000 00000000'),
(6, 'overlap', '\x01 03 555443 0002 00007e90 00008ca0 00008000 00009000 0000 0000 0000 0000 0000 0000 00000000'),
(7, 'touching', '\x01 03 555443 0002 00007e90 00008ca0 00008ca0 00009000 0000 0000 0000 0000 0000 0000 00000000'),
(8, 'unsorted holidays', '\x01 03 555443 0000 0000 0000 0000 0000 0000 0000 00000002 0000251a 00002519'),
(9, 'duplicate holidays', '\x01 03 555443 0000 0000 0000 0000 0000 0000 0000 00000002 00002519 00002519'),
(10, 'holiday after 9999-12-31', '\x01 03 555443 0000 0000 0000 0000 0000 0000 0000 00000001 002cb16c'),
(11, 'truncated', '\x01 03 555443 0001 00007e90'),
(12, 'trailing garbage', '\x01 03 555443 0000 0000 0000 0000 0000 0000 0000 00000000 ff'),
(13, 'too many intervals', '\x01 03 555443 0031'),
(14, 'end past 24:00', '\x01 03 555443 0001 00007e90 00015181 0000 0000 0000 0000 0000 0000 00000000'),
(15, 'negative start', '\x01 03 555443 0001 ffffffff 00007e90 0000 0000 0000 0000 0000 0000 00000000'),
(16, 'holiday count too large', '\x01 03 555443 0000 0000 0000 0000 0000 0000 0000 7fffffff'),
(17, 'negative holiday count', '\x01 03 555443 0000 0000 0000 0000 0000 0000 0000 ffffffff'),
(18, 'zero byte in zone', '\x01 03 550043 0000 0000 0000 0000 0000 0000 0000 00000000'),
(19, 'empty zone', '\x01 00 0000 0000 0000 0000 0000 0000 0000 00000000');
CREATE TABLE bin3 (hours smskpi.business_hours);
DO $$
DECLARE
  r record;
  st text;
  msg text;
  det text;
  v text;
  lo oid;
  f text := current_setting('data_directory') || '/bh_test_payload.copy';
BEGIN
  FOR r IN SELECT * FROM payloads ORDER BY id LOOP
    lo := lo_from_bytea(0, copy_file(r.payload));
    PERFORM lo_export(lo, f);
    PERFORM lo_unlink(lo);
    BEGIN
      TRUNCATE bin3;
      EXECUTE format('COPY bin3 FROM %L (FORMAT binary)', f);
      SELECT hours::text INTO v FROM bin3;
      RAISE NOTICE '% %: accepted: %', r.id, r.note, v;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
      RAISE NOTICE '% %: % % %', r.id, r.note, st, msg, det;
    END;
  END LOOP;
END $$;

------------------------------------------------------------------------------
-- Random damaged text input never crashes: every value is either rejected
-- with 22P02/22023/54000 or accepted and then round-trips.
------------------------------------------------------------------------------
SELECT setseed(0.77);
DO $$
DECLARE
  seeds text[] := ARRAY['America/New_York; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2026-12-25 2027-01-01',
                        'Europe/Paris; sun 00:00:01-24:00; mon,wed 1:00-2:00', 'Asia/Kolkata; fri-mon 09:30-18:15'];
  alphabet text := ' ;:-,0123456789monfriholidays/_ABZ' || chr(9);
  s text;
  i int;
  k int;
  p int;
  st text;
  accepted int := 0;
  codes text[] := '{}';
  v smskpi.business_hours;
BEGIN
  FOR i IN 1 .. 3000 LOOP
    s := seeds[1 + (i % 3)];
    FOR k IN 1 .. 1 + (random() * 3)::int LOOP
      p := 1 + (random() * (length(s) - 1))::int;
      CASE (random() * 3)::int
        WHEN 0 THEN s := overlay(s placing '' from p for 1);
        WHEN 1 THEN s := overlay(s placing substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1) from p for 1);
        ELSE s := overlay(s placing substr(alphabet, 1 + (random() * (length(alphabet) - 1))::int, 1) from p for 0);
      END CASE;
    END LOOP;
    BEGIN
      v := s::smskpi.business_hours;
      IF v::text::smskpi.business_hours <> v OR v::text::smskpi.business_hours::text <> v::text THEN
        RAISE EXCEPTION 'round trip failed for %', s;
      END IF;
      accepted := accepted + 1;
    EXCEPTION WHEN invalid_text_representation OR invalid_parameter_value OR program_limit_exceeded THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
      IF NOT st = ANY (codes) THEN codes := codes || st; END IF;
    END;
  END LOOP;
  RAISE NOTICE 'mutated inputs: some accepted: %, sqlstates seen: %', accepted > 50,
    (SELECT array_agg(c ORDER BY c) FROM unnest(codes) c);
END $$;

DROP SCHEMA bh_test CASCADE;
