-- Cancellation (issue 7 item 4): every long loop honours statement_timeout.
-- The case blocks all have the same shape (copy one to add a case).
-- Each case runs once to completion (full_ms; base_ms of it is PostgreSQL
-- detoasting or hex-decoding a huge argument, timed by a baseline query),
-- then again with statement_timeout at base + 10% of its own work, inside a
-- DO block that traps query_canceled.  Printed: prompt_or_short = the
-- timeout fired and less than 75% of the own work had been done (a loop
-- without CHECK_FOR_INTERRUPTS runs to its end: ~100%; checked loops stop
-- near 10%), or the case has under 1 s of own work (then the noise of the
-- baseline on a shared machine decides, so it is not asserted).
-- All latencies go to build/cancel_latency.txt (not compared).
SET client_min_messages = warning;
SET timezone = 'UTC';
-- a first-response state of 1M conversations answered ~400 days later, with
-- business hours in a daylight-saving zone (the final computes working time)
CREATE TABLE cancel_state AS
SELECT smskpi.first_response_state(g / 2, g % 2 = 0,
         '2000-01-01'::timestamptz + (g / 2) * interval '1 min' + (g % 2 = 1)::int * interval '400 days',
         'America/New_York; mon-fri 09:00-17:00') AS s
FROM generate_series(0, 1999999) g;
CREATE TABLE cancel_state_text AS SELECT s::text AS t FROM cancel_state;
-- a message log of 2M messages, 500k contacts, and their opt-in events
CREATE TABLE cancel_log AS
SELECT smskpi.message_log(g / 4, g / 4, g, CASE WHEN g % 2 = 0 THEN 'outbound' ELSE 'inbound' END,
         '2026-01-01'::timestamptz + g * interval '1 s', 'delivered',
         CASE WHEN g % 2 = 0 THEN 'Hi' ELSE 'yes' END, 0, 1, (g % 4) / 2) AS log,
       (SELECT smskpi.contact_event_log(c, '2025-12-31'::timestamptz) FROM generate_series(0, 499999) c) AS opt_ins
FROM generate_series(0, 1999999) g;
CREATE TABLE cancel_hit (hit boolean);
CREATE TABLE cancel_report ("case" text, base_ms int, own_ms int, cancel_ms float8, cancelled boolean);

-- aggregate_transition
\set q 'SELECT smskpi.median_first_response(g % 500000, g % 3 = 0, ''2026-01-01''::timestamptz + g * interval ''1 s'') IS NULL AS x FROM generate_series(1, 3000000) g'
\set base 'SELECT 1 AS x'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'aggregate_transition', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'aggregate_transition' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- final_median_business_hours
\set q 'SELECT smskpi.response_median(s) IS NULL AS x FROM cancel_state'
\set base 'SELECT 1 AS x'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'final_median_business_hours', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'final_median_business_hours' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- final_stats_business_hours
\set q 'SELECT (smskpi.response_stats(s, ''{1 hour}'')).asked AS x FROM cancel_state'
\set base 'SELECT 1 AS x'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'final_stats_business_hours', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'final_stats_business_hours' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- response_state_input
\set q 'SELECT t::smskpi.response_state IS NULL AS x FROM cancel_state_text'
\set base 'SELECT octet_length(decode(substr(t, 3), ''hex'')) AS x FROM cancel_state_text'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'response_state_input', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'response_state_input' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- reply_attribution
\set q 'SELECT count(*) AS x FROM smskpi.reply_attribution((SELECT log FROM cancel_log))'
\set base 'SELECT octet_length(log || ''\x''::bytea) AS x FROM cancel_log'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'reply_attribution', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'reply_attribution' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- campaign_falloff
\set q 'SELECT count(*) AS x FROM smskpi.campaign_falloff((SELECT log FROM cancel_log))'
\set base 'SELECT octet_length(log || ''\x''::bytea) AS x FROM cancel_log'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'campaign_falloff', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'campaign_falloff' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- unanswered_streaks
\set q 'SELECT count(*) AS x FROM smskpi.unanswered_streaks((SELECT log FROM cancel_log), 1)'
\set base 'SELECT octet_length(log || ''\x''::bytea) AS x FROM cancel_log'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'unanswered_streaks', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'unanswered_streaks' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- speed_to_lead
\set q 'SELECT count(*) AS x FROM smskpi.speed_to_lead((SELECT log FROM cancel_log), (SELECT opt_ins FROM cancel_log))'
\set base 'SELECT octet_length(log || opt_ins) AS x FROM cancel_log'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'speed_to_lead', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'speed_to_lead' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- sms_encoding(100 MB)
\set q 'SELECT smskpi.sms_encoding(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'sms_encoding(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'sms_encoding(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- sms_segments(100 MB)
\set q 'SELECT smskpi.sms_segments(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'sms_segments(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'sms_segments(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- sms_smart_encoding(100 MB)
\set q 'SELECT smskpi.sms_smart_encoding(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'sms_smart_encoding(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'sms_smart_encoding(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- sms_smart_segments(100 MB)
\set q 'SELECT smskpi.sms_smart_segments(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'sms_smart_segments(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'sms_smart_segments(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- sms_units(100 MB)
\set q 'SELECT smskpi.sms_units(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'sms_units(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'sms_units(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- emoji_count(100 MB)
\set q 'SELECT smskpi.emoji_count(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'emoji_count(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'emoji_count(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- has_emoji(100 MB)
\set q 'SELECT smskpi.has_emoji(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'has_emoji(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'has_emoji(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- sentiment_score(100 MB)
\set q 'SELECT smskpi.sentiment_score(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'sentiment_score(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'sentiment_score(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- sentiment_label(100 MB)
\set q 'SELECT smskpi.sentiment_label(b) IS NULL AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''Thanks, yes stop, ok '', 5000000) || ''😀'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'sentiment_label(100 MB)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'sentiment_label(100 MB)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- reply_intent(100 MB, one token)
\set q 'SELECT smskpi.reply_intent(b) IS NULL AS x FROM (SELECT repeat(''a'', 104857600) AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat(''a'', 104857600) AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'reply_intent(100 MB, one token)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'reply_intent(100 MB, one token)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- is_opt_out(100 MB, blanks)
\set q 'SELECT smskpi.is_opt_out(b) IS NULL AS x FROM (SELECT repeat('' '', 104857600) || ''x'' AS b) s'
\set base 'SELECT octet_length(b) AS x FROM (SELECT repeat('' '', 104857600) || ''x'' AS b) s'
SELECT clock_timestamp() AS t0 \gset
:base \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS base_ms \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT (extract(epoch FROM clock_timestamp() - :'t0') * 1000)::int AS full_ms \gset
SELECT greatest(:base_ms + (:full_ms - :base_ms) / 10, 5) AS to_ms \gset
SET statement_timeout = :to_ms;
SELECT clock_timestamp() AS t0 \gset
SELECT format('DO $d$ BEGIN EXECUTE %L; INSERT INTO cancel_hit VALUES (false); EXCEPTION WHEN query_canceled THEN INSERT INTO cancel_hit VALUES (true); END $d$', :'q') \gexec
SELECT extract(epoch FROM clock_timestamp() - :'t0') * 1000 AS cancel_ms \gset
RESET statement_timeout;
INSERT INTO cancel_report SELECT 'is_opt_out(100 MB, blanks)', :base_ms, :full_ms - :base_ms, :cancel_ms,
       (SELECT bool_or(hit) FROM cancel_hit);
SELECT 'is_opt_out(100 MB, blanks)' AS "case", :full_ms - :base_ms < 1000
       OR ((SELECT bool_or(hit) FROM cancel_hit) AND :cancel_ms - :base_ms < 0.75 * (:full_ms - :base_ms)) AS prompt_or_short;
TRUNCATE cancel_hit;

-- latencies, for the record (not compared)
\o build/cancel_latency.txt
SELECT "case", base_ms, own_ms, round(cancel_ms) AS cancel_ms,
       round(((cancel_ms - base_ms) / greatest(own_ms, 1))::numeric, 2) AS share_of_own_work_done,
       cancelled
FROM cancel_report;
\o

-- business_time over the whole timestamp range in a daylight-saving zone:
-- O(1) per constant-offset stretch, so it finishes well inside a timeout
SET statement_timeout = '5s';
SELECT smskpi.business_time('America/New_York; mon-fri 09:00-17:00; holidays 2026-12-25',
         '4713-01-01 00:00:00+00 BC', '294276-12-31 00:00:00+00') > interval '0' AS whole_range_ok;
RESET statement_timeout;
