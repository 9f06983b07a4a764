-- test/upgrade/stored_values.sql: values that an earlier smskpi library wrote, and what
-- it answered about them, must be read and answered the same by this one (a table of
-- stored states or schedules outlives ALTER EXTENSION smskpi UPDATE and a new smskpi.so).
--
--   psql -v file=test/upgrade/stored-0.1.0.txt -f test/upgrade/stored_values.sql
--       prints "stored N values, M answers differ" and each difference
--   psql -v make=1 -f test/upgrade/stored_values.sql > test/upgrade/stored-X.Y.Z.txt
--       writes the file with the installed library (in a database with the sample data
--       of test/datagen/generate.sh data 8000 7), once per release, before changing the
--       C code of the next one
--
-- File: one line per value, "label TAB type TAB text form TAB answer" (COPY text format).
-- The answer is what the functions below return; what a value answers must not change
-- across versions, its text form may (a later version may print a newer format).
\set ON_ERROR_STOP 1
\pset tuples_only on
\pset format unaligned
SET client_min_messages = warning;

CREATE FUNCTION pg_temp.answer(kind text, value text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    s smskpi.response_state;
    h smskpi.business_hours;
BEGIN
    IF kind = 'response_state' THEN
        s := value::smskpi.response_state;
        RETURN concat_ws(' | ', smskpi.response_median(s), smskpi.response_percentile(s, 0.9),
            smskpi.response_percentile(s, 0.0), smskpi.response_percentile(s, 1.0),
            smskpi.response_stats(s, '{5 min, 1 hour, 8 hours}')::text,
            (SELECT concat_ws(' ', i.kind, i.key_type, i.conversations, i.stored_messages)
             FROM smskpi.response_state_info(s) i),
            (SELECT smskpi.response_median(smskpi.response_state_merge(x)) FROM (VALUES (s), (s)) v(x)));
    ELSIF kind = 'business_hours' THEN
        h := value::smskpi.business_hours;
        RETURN concat_ws(' | ', h::text,
            smskpi.business_time(h, '2025-03-07 12:00+00', '2025-03-10 12:00+00'),
            smskpi.business_time(h, '2025-03-01 00:00+00', '2025-04-15 00:00+00'),
            smskpi.business_time(h, '2024-12-20 00:00+00', '2025-01-05 00:00+00'),
            smskpi.business_time(h, '2025-10-20 00:00+00', '2025-11-10 00:00+00'),
            h OPERATOR(smskpi.=) value::smskpi.business_hours);
    END IF;
    RAISE EXCEPTION 'unknown kind %', kind;
END
$$;

\if :{?make}
CREATE TEMP TABLE stored (label text, kind text, value text);
-- a sample of the conversations (about one in 25) keeps the file small
CREATE TEMP VIEW m AS SELECT * FROM data.messages WHERE conversation_id % 25 = 0;
INSERT INTO stored
SELECT 'first, bigint keys', 'response_state',
       smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at)::text FROM m
UNION ALL
SELECT 'first, bigint keys, business hours', 'response_state',
       smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at,
           'America/New_York; mon-fri 08:00-17:00; holidays 2025-01-01')::text FROM m
UNION ALL
SELECT 'first, text keys', 'response_state',
       smskpi.first_response_state('c' || conversation_id, direction = 'inbound', sent_at)::text FROM m
UNION ALL
SELECT 'first, integer keys', 'response_state',
       smskpi.first_response_state(contact_id::integer, direction = 'inbound', sent_at)::text FROM m
UNION ALL
SELECT 'reply, bigint keys', 'response_state',
       smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at)::text FROM m
UNION ALL
SELECT 'reply, bigint keys, business hours', 'response_state',
       smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at,
           'Asia/Kolkata; mon-sat 09:30-18:30')::text FROM m
UNION ALL
SELECT 'first, merged', 'response_state', smskpi.response_state_merge(s)::text
FROM (SELECT smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at) AS s
      FROM m GROUP BY agent_id) x
UNION ALL
SELECT 'schedule ' || v, 'business_hours', v::smskpi.business_hours::text
FROM unnest(ARRAY['UTC; mon-fri 09:00-17:00',
                  'America/New_York; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2025-01-01 2025-11-27 2025-12-25',
                  'Asia/Kolkata; mon-sat 09:30-18:30',
                  'Europe/Berlin; mon-thu 09:00-17:00; fri 09:00-14:00; holidays 2025-04-18 2025-04-21',
                  'Australia/Lord_Howe; mon-sun 00:00-24:00',
                  'Pacific/Chatham']) v;
COPY (SELECT label, kind, value, pg_temp.answer(kind, value) FROM stored ORDER BY kind DESC, label) TO STDOUT;
\else
CREATE TEMP TABLE stored (label text, kind text, value text, answer text);
\set copy '\\copy stored FROM ' :'file'
:copy
SELECT 'differs: ' || label || E'\n  then: ' || answer || E'\n  now:  ' || pg_temp.answer(kind, value)
FROM stored WHERE pg_temp.answer(kind, value) IS DISTINCT FROM answer ORDER BY kind, label;
SELECT 'stored ' || count(*) || ' values, ' ||
       count(*) FILTER (WHERE pg_temp.answer(kind, value) IS DISTINCT FROM answer) || ' answers differ'
FROM stored;
\endif
