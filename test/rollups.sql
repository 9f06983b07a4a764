-- Incremental KPI rollups (create_kpi_views(..., incremental => true), refresh_kpi_views):
-- after any sequence of appended days and of changes inside the lookback (late delivery
-- receipts, late replies, late clicks and conversions, new consent and conversation
-- events, deletions), every rollup equals a full rebuild; many random seeds.  Also: a
-- failed refresh leaves the previous numbers; the rollups equal the materialized views of
-- the same definitions; bad arguments.  (Concurrency: test/shell/rollups_concurrency.sh.)
SET client_min_messages = warning;
SET timezone = 'UTC';
CREATE SCHEMA rp;
CREATE TABLE rp.messages (message_id bigint, conversation_id bigint, contact_id bigint, direction text,
    sent_at timestamptz, status text, error_code int, body text, media_count int, campaign_id bigint,
    campaign_step int, list_id bigint, agent_id bigint);
CREATE TABLE rp.link_clicks (message_id bigint, clicked_at timestamptz);
CREATE TABLE rp.conversions (contact_id bigint, converted_at timestamptz, revenue numeric, message_id bigint);
CREATE TABLE rp.consent_events (contact_id bigint, list_id bigint, event text, occurred_at timestamptz, source text);
CREATE TABLE rp.conversation_events (conversation_id bigint, event text, occurred_at timestamptz);
CREATE TABLE rp.holdout_contacts (contact_id bigint, campaign_id bigint);

-- One day of messages (local day d from 2026-03-01 America/Chicago, across the DST change
-- of 2026-03-08; from 2026-02-26 with rp.short = on): 40 contacts, each in one or two
-- conversations (with rp.short = on, a new conversation each day: then the refreshes'
-- windows start after the first of the month and after the start of every conversation
-- they recompute, and the messages read from before a window have three different
-- bounds: the affected conversations', their days' and the month's); campaign sends (2
-- campaigns of 4 steps), 1:1 messages by 3 agents, replies (STOP, yes, questions...),
-- clicks, conversions, consent and conversation events.  Also answers to conversations
-- of earlier days (slow first responses) and replies to earlier days' messages.
CREATE FUNCTION rp.add_day(d int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    short boolean := coalesce(current_setting('rp.short', true), '') = 'on';
    t0 timestamptz := ((CASE WHEN short THEN '2026-02-26' ELSE '2026-03-01' END)::date + d)::timestamp
                      AT TIME ZONE 'America/Chicago';
    id0 bigint := coalesce((SELECT max(message_id) FROM rp.messages), 0);
BEGIN
    INSERT INTO rp.messages
    SELECT id0 + row_number() OVER (), x.conv, x.contact, x.dir, x.at,
           CASE WHEN x.dir = 'inbound' THEN NULL
                ELSE (ARRAY['delivered', 'delivered', 'delivered', 'read', 'sent', 'failed', 'undelivered'])[1 + floor(random() * 7)] END,
           NULL,
           CASE WHEN x.dir = 'outbound' THEN (ARRAY['Hi there', 'Sale today https://x.co/a', 'Step 2 🎉', 'Thanks!'])[1 + floor(random() * 4)]
                ELSE (ARRAY['yes', 'STOP', 'who is this?', 'ok thanks', 'no', 'please stop texting me', 'great 😀'])[1 + floor(random() * 7)] END,
           (ARRAY[0, 0, 0, 1])[1 + floor(random() * 4)],
           CASE WHEN x.camp THEN 1 + x.contact % 2 END, CASE WHEN x.camp THEN least(4, 1 + d / 3) END,
           1 + x.contact % 3, CASE WHEN x.dir = 'outbound' AND NOT x.camp THEN 1 + floor(random() * 3)::bigint END
    FROM (SELECT c AS contact, CASE WHEN short THEN c * 1000 + d ELSE c * 10 + (random() < 0.3)::int END AS conv,
                 CASE WHEN random() < 0.55 THEN 'outbound' ELSE 'inbound' END AS dir,
                 t0 + random() * interval '1 day' AS at, random() < 0.4 AS camp
          FROM generate_series(1, 40) c, generate_series(1, 3) k) x;
    -- replies a little later to some of today's and earlier messages
    INSERT INTO rp.messages
    SELECT id0 + 1000 + row_number() OVER (), m.conversation_id, m.contact_id, 'inbound',
           m.sent_at + random() * interval '30 hours', NULL, NULL,
           (ARRAY['yes', 'STOP', 'ok', 'no thanks'])[1 + floor(random() * 4)], 0, NULL, NULL, NULL, NULL
    FROM rp.messages m WHERE m.direction = 'outbound' AND m.sent_at >= t0 - interval '2 days' AND random() < 0.15;
    UPDATE rp.messages SET message_id = message_id WHERE false;
    INSERT INTO rp.link_clicks SELECT m.message_id, m.sent_at + random() * interval '3 hours'
    FROM rp.messages m WHERE m.direction = 'outbound' AND m.sent_at >= t0 AND m.body LIKE '%https%' AND random() < 0.5;
    INSERT INTO rp.link_clicks SELECT m.message_id, m.sent_at + interval '1 second'     -- link previews
    FROM rp.messages m WHERE m.direction = 'outbound' AND m.sent_at >= t0 AND random() < 0.1;
    INSERT INTO rp.conversions
    SELECT c, t0 + random() * interval '1 day', round((random() * 100)::numeric, 2),
           CASE WHEN random() < 0.2 THEN (SELECT max(message_id) FROM rp.messages WHERE contact_id = c) END
    FROM generate_series(1, 40) c WHERE random() < 0.15;
    INSERT INTO rp.consent_events
    SELECT c, 1 + c % 3, CASE WHEN random() < 0.6 THEN 'opt_in' ELSE 'opt_out' END, t0 + random() * interval '1 day',
           (ARRAY['web', 'keyword'])[1 + floor(random() * 2)]
    FROM generate_series(1, 40) c WHERE random() < 0.2;
    INSERT INTO rp.conversation_events
    SELECT DISTINCT ON (m.conversation_id) m.conversation_id, CASE WHEN random() < 0.8 THEN 'resolved' ELSE 'reopened' END,
           m.sent_at + random() * interval '20 hours'
    FROM rp.messages m WHERE m.sent_at >= t0 - interval '3 days' AND random() < 0.05;
END $$;

-- Changes inside the lookback: everything at or after the start of the next refresh's
-- window (the latest watermark of the last refresh less the lookback, at the start of
-- its local day).  Late receipts, late replies, late clicks, conversions and events,
-- deletions.
CREATE FUNCTION rp.change_recent(schema_name text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE ws timestamptz; id0 bigint := (SELECT max(message_id) FROM rp.messages);
BEGIN
    EXECUTE format($q$SELECT ((((SELECT max(w) FROM unnest(watermarks) w) - lookback) AT TIME ZONE time_zone)::date)::timestamp
                            AT TIME ZONE time_zone FROM %I.kpi_rollup_state$q$, schema_name) INTO ws;
    UPDATE rp.messages SET status = (ARRAY['delivered', 'failed', 'read'])[1 + floor(random() * 3)]
    WHERE direction = 'outbound' AND sent_at >= ws AND random() < 0.2;
    INSERT INTO rp.messages
    SELECT id0 + row_number() OVER (), m.conversation_id, m.contact_id, 'inbound', m.sent_at + random() * interval '5 hours',
           NULL, NULL, (ARRAY['yes', 'STOP', 'hmm'])[1 + floor(random() * 3)], 0, NULL, NULL, NULL, NULL
    FROM rp.messages m WHERE m.direction = 'outbound' AND m.sent_at >= ws AND random() < 0.1;
    INSERT INTO rp.link_clicks SELECT m.message_id, m.sent_at + random() * interval '2 hours'
    FROM rp.messages m WHERE m.direction = 'outbound' AND m.sent_at >= ws AND random() < 0.1;
    INSERT INTO rp.conversions
    SELECT m.contact_id, m.sent_at + random() * interval '20 hours', 10, NULL
    FROM rp.messages m WHERE m.direction = 'outbound' AND m.sent_at >= ws AND random() < 0.05;
    INSERT INTO rp.consent_events SELECT c, 1 + c % 3, 'opt_out', ws + random() * interval '1 day', 'late'
    FROM generate_series(1, 40) c WHERE random() < 0.1;
    INSERT INTO rp.conversation_events SELECT DISTINCT ON (m.conversation_id) m.conversation_id, 'resolved', m.sent_at + interval '1 hour'
    FROM rp.messages m WHERE m.sent_at >= ws AND random() < 0.05;
    DELETE FROM rp.messages WHERE sent_at >= ws AND random() < 0.03;
    DELETE FROM rp.link_clicks WHERE clicked_at >= ws AND random() < 0.05;
END $$;

CREATE FUNCTION rp.make(schema_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', schema_name);
    EXECUTE format('CREATE SCHEMA %I', schema_name);
    PERFORM smskpi.create_kpi_views(schema_name, 'rp.messages', 'rp.link_clicks', 'rp.conversions',
        'rp.consent_events', 'rp.conversation_events', 'rp.holdout_contacts',
        time_zone => 'America/Chicago', incremental => true, lookback => '3 days',
        reply_window => '2 days', conversion_window => '2 days');
END $$;

-- rows of the rollups of schema a not in b's and the other way round, per rollup (response
-- states compared by their answers: their bytes follow the input order)
CREATE FUNCTION rp.differences(a text, b text) RETURNS TABLE (rollup text, rows bigint, differing bigint)
LANGUAGE plpgsql AS $$
DECLARE r record; j text;
BEGIN
    FOR r IN SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'state') AS has_state
             FROM pg_class c
             WHERE c.relnamespace = a::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'kpi\_%'
               AND c.relname <> 'kpi_rollup_state' ORDER BY 1 LOOP
        rollup := r.relname;
        -- mean_score: a float average whose last bits follow the order of the rows
        j := CASE WHEN r.has_state THEN $j$to_jsonb(t) - 'state' || jsonb_build_object('answers', smskpi.response_stats(t.state)::text)$j$
                  WHEN r.relname = 'kpi_sentiment_trend' THEN $j$to_jsonb(t) || jsonb_build_object('mean_score', round(t.mean_score::numeric, 12))$j$
                  ELSE 'to_jsonb(t)' END;
        EXECUTE format($q$
            WITH x AS (SELECT %4$s AS j FROM %1$I.%3$I t),
                 y AS (SELECT %4$s AS j FROM %2$I.%3$I t)
            SELECT (SELECT count(*) FROM x),
                   (SELECT count(*) FROM ((SELECT j FROM x EXCEPT ALL SELECT j FROM y) UNION ALL
                                          (SELECT j FROM y EXCEPT ALL SELECT j FROM x)) d)$q$, a, b, r.relname, j)
            INTO rows, differing;
        RETURN NEXT;
    END LOOP;
END $$;

-- The property: seeds 1-8 (7 and 8 with rp.short = on); 8 days, a rollup; then 3 times: a
-- new day, changes inside the lookback, a refresh, and a full rebuild (a second schema) to
-- compare with.
CREATE TABLE rp.result (seed int, step int, rollup text, rows bigint, differing bigint);
CREATE FUNCTION rp.exec(sql text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; END $$;
CREATE FUNCTION rp.run(seed int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM setseed(seed / 100.0);
    PERFORM set_config('rp.short', CASE WHEN seed > 6 THEN 'on' ELSE 'off' END, true);
    TRUNCATE rp.messages, rp.link_clicks, rp.conversions, rp.consent_events, rp.conversation_events, rp.holdout_contacts;
    INSERT INTO rp.holdout_contacts SELECT c, 1 + c % 2 FROM generate_series(1, 40) c WHERE c % 7 = 0;
    FOR d IN 0 .. 7 LOOP PERFORM rp.add_day(d); END LOOP;
    PERFORM rp.make('ri');
    FOR step IN 1 .. 3 LOOP
        PERFORM rp.add_day(7 + step);
        PERFORM rp.change_recent('ri');
        PERFORM smskpi.refresh_kpi_views('ri');
        PERFORM rp.make('rf');
        INSERT INTO rp.result SELECT seed, step, d.* FROM rp.differences('ri', 'rf') d;
    END LOOP;
END $$;
SELECT rp.run(s) FROM unnest(ARRAY[7, 8, 1, 2, 3, 4, 5, 6]) s;   -- (seed 6 last: the data the tests below read)

-- every rollup compared, none empty at the end, none differing
SELECT count(DISTINCT rollup) AS rollups, count(DISTINCT seed) AS seeds, count(*) AS comparisons,
       sum(differing) AS differing_rows, bool_and(rows > 0) FILTER (WHERE step = 3) AS all_rollups_have_rows
FROM rp.result;
SELECT seed, step, rollup, rows, differing FROM rp.result WHERE differing > 0 ORDER BY 1, 2, 3;

-- The rollups are the views' numbers: the materialized views of the same definitions
-- (reply_window 2 days; rollups also count opt-outs, clicks and a lead's first contact
-- within it, views without a limit: the data below has no opt-out at all, every click
-- within 3 hours, and no lead first contacted (by a message that did not fail) more than
-- 2 days after the opt-in: such opt-ins, which the random changes can make, are dropped)
DELETE FROM rp.messages m WHERE m.direction = 'inbound' AND m.body IN ('STOP', 'please stop texting me');
DELETE FROM rp.consent_events e WHERE e.event = 'opt_in'
  AND (SELECT min(m.sent_at) FROM rp.messages m WHERE m.contact_id = e.contact_id AND m.direction = 'outbound'
       AND m.status NOT IN ('failed', 'undelivered') AND m.sent_at >= e.occurred_at) > e.occurred_at + interval '2 days';
SELECT count(*) AS rebuilt_rollups FROM smskpi.refresh_kpi_views('ri', full => true);
DROP SCHEMA IF EXISTS rm CASCADE;
CREATE SCHEMA rm;
SELECT count(*) AS materialized_views FROM smskpi.create_kpi_views('rm', 'rp.messages', 'rp.link_clicks', 'rp.conversions',
    'rp.consent_events', 'rp.conversation_events', 'rp.holdout_contacts',
    time_zone => 'America/Chicago', materialized => true, reply_window => '2 days', conversion_window => '2 days');
CREATE FUNCTION rp.view_differences() RETURNS TABLE (rollup text, rows bigint, differing bigint)
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'ri'::regnamespace AND c.relkind = 'r'
               AND c.relname LIKE 'kpi\_%' AND c.relname <> 'kpi_rollup_state' ORDER BY 1 LOOP
        rollup := r.relname;
        EXECUTE format($q$
            WITH x AS (SELECT to_jsonb(t) - 'state' - 'mean_score' AS j FROM ri.%1$I t),
                 y AS (SELECT to_jsonb(t) - 'state' - 'mean_score' AS j FROM rm.%1$I t)
            SELECT (SELECT count(*) FROM x),
                   (SELECT count(*) FROM ((SELECT j FROM x EXCEPT ALL SELECT j FROM y) UNION ALL
                                          (SELECT j FROM y EXCEPT ALL SELECT j FROM x)) d)$q$, r.relname)
            INTO rows, differing;
        RETURN NEXT;
    END LOOP;
END $$;
SELECT count(*) AS rollups, sum(differing) AS differing_rows FROM rp.view_differences();
SELECT * FROM rp.view_differences() WHERE differing > 0;

-- kpi_first_response's durations and answered_* counts give what its states give: for
-- every grouping a dashboard uses (month, hour, agent, everything), the median and p90 of
-- the merged durations equal those of the merged response states, and the counts add up
-- to the merged states' answered_within; in the rollups (ri), the materialized views (rm)
-- and materialized views with business hours (rb: first responses in working time)
CREATE SCHEMA rb;
SELECT count(*) > 0 AS business_hours_views FROM smskpi.create_kpi_views('rb', 'rp.messages', materialized => true,
    time_zone => 'America/Chicago',
    hours => 'America/Chicago; mon-fri 09:00-17:00; sat 10:00-14:00'::smskpi.business_hours);
CREATE FUNCTION rp.durations_agree(s text) RETURNS TABLE (grouping_by text, groups bigint, differing bigint)
LANGUAGE plpgsql AS $$
DECLARE g text;
BEGIN
    FOREACH g IN ARRAY ARRAY['month', 'hour', 'agent_id', '()'] LOOP
        grouping_by := g;
        EXECUTE format($q$
            SELECT count(*), count(*) FILTER (WHERE m1 IS DISTINCT FROM m2 OR p1 IS DISTINCT FROM p2
                                               OR w1 IS DISTINCT FROM w2 OR a1 IS DISTINCT FROM a2)
            FROM (SELECT smskpi.response_median(smskpi.response_state_merge(state)) AS m1,
                         smskpi.duration_percentile(smskpi.duration_state_merge(durations), 0.5) AS m2,
                         smskpi.response_percentile(smskpi.response_state_merge(state), 0.9) AS p1,
                         smskpi.duration_percentile(smskpi.duration_state_merge(durations), 0.9) AS p2,
                         (smskpi.response_stats(smskpi.response_state_merge(state))).answered_within AS w1,
                         ARRAY[sum(answered_15m), sum(answered_1h), sum(answered_24h)]::bigint[] AS w2,
                         (smskpi.response_stats(smskpi.response_state_merge(state))).answered AS a1,
                         sum(answered)::bigint AS a2
                  FROM %I.kpi_first_response GROUP BY %s) x$q$, s, g) INTO groups, differing;
        RETURN NEXT;
    END LOOP;
END $$;
SELECT s AS schema_name, d.* FROM unnest(ARRAY['ri', 'rm', 'rb']) s, LATERAL rp.durations_agree(s) d ORDER BY 1, 2;
-- (the business-hours medians are working time: not the wall-clock ones)
SELECT (SELECT smskpi.duration_percentile(smskpi.duration_state_merge(durations), 0.5) FROM rb.kpi_first_response)
       < (SELECT smskpi.duration_percentile(smskpi.duration_state_merge(durations), 0.5) FROM rm.kpi_first_response)
       AS working_time_shorter;

-- A failed refresh leaves the previous numbers: a message with sent_at = infinity makes
-- the refresh fail (22008); every rollup is as it was.
CREATE SCHEMA rs;     -- a copy of every rollup
SELECT count(*) AS copied FROM (SELECT 1 FROM pg_class c
    CROSS JOIN LATERAL (SELECT ($$CREATE TABLE rs.$$ || c.relname || $$ AS SELECT * FROM ri.$$ || c.relname) AS sql) q
    CROSS JOIN LATERAL (SELECT rp.exec(q.sql)) e
    WHERE c.relnamespace = 'ri'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'kpi\_%') x;
INSERT INTO rp.messages VALUES (999999, 10, 1, 'inbound', 'infinity', NULL, NULL, 'hi', 0, NULL, NULL, NULL, NULL);
INSERT INTO rp.messages VALUES (999998, 10, 1, 'inbound', now(), NULL, NULL, 'hi', 0, NULL, NULL, NULL, NULL);
\set VERBOSITY terse
SELECT count(*) FROM smskpi.refresh_kpi_views('ri');
\set VERBOSITY default
SELECT count(*) AS rollups, sum(differing) AS changed_rows FROM rp.differences('ri', 'rs');
SELECT (SELECT watermarks FROM ri.kpi_rollup_state) IS NOT NULL AS watermarks_kept;
DELETE FROM rp.messages WHERE message_id IN (999999, 999998);

-- A source that stops getting rows does not hold the window back: three more days in
-- which conversation_events gets nothing new, each refreshed.  The last refresh's window
-- starts at the local day of the latest source row at the refresh before it, less
-- lookback and reply window (3 + 2 days): later than the same reach from the stale
-- source's latest time would give; and the rollups still equal a rebuild.
CREATE TABLE rp.stale (last_event timestamptz, mark timestamptz);
INSERT INTO rp.stale SELECT max(occurred_at), NULL FROM rp.conversation_events;
CREATE FUNCTION rp.stale_days() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    FOR d IN 11 .. 13 LOOP
        PERFORM rp.add_day(d);
        DELETE FROM rp.conversation_events WHERE occurred_at > (SELECT last_event FROM rp.stale);
        PERFORM smskpi.refresh_kpi_views('ri');
        IF d = 12 THEN     -- the latest time of the data this refresh read
            UPDATE rp.stale SET mark = greatest((SELECT max(sent_at) FROM rp.messages), (SELECT max(clicked_at) FROM rp.link_clicks),
                                                (SELECT max(converted_at) FROM rp.conversions), (SELECT max(occurred_at) FROM rp.consent_events),
                                                (SELECT max(occurred_at) FROM rp.conversation_events));
        END IF;
    END LOOP;
END $$;
SELECT rp.stale_days();
SELECT s.window_start = ((((SELECT mark FROM rp.stale) - interval '5 days') AT TIME ZONE 'America/Chicago')::date)::timestamp
                        AT TIME ZONE 'America/Chicago' AS window_from_latest,
       s.window_start > ((((SELECT last_event FROM rp.stale) - interval '5 days') AT TIME ZONE 'America/Chicago')::date)::timestamp
                        AT TIME ZONE 'America/Chicago' AS later_than_stale_source
FROM ri.kpi_rollup_state s;
SELECT rp.make('rf');
SELECT count(*) AS rollups, sum(differing) AS differing_rows FROM rp.differences('ri', 'rf');

-- A refresh writes what changed: in the per-message and per-contact rollups, a row whose
-- new value is the one it has stays where it is (same ctid and xmin).  Refreshed again
-- with nothing new, no row moves; after a late delivery receipt, the rows that move are
-- the rows whose values changed, and there are some.
CREATE FUNCTION rp.placed() RETURNS TABLE (rel text, k text, place text, val text) LANGUAGE sql AS $$
    SELECT 'kpi_sends', message_id::text, ctid::text || '/' || xmin::text, t::text FROM ri.kpi_sends t
    UNION ALL SELECT 'kpi_contacts', contact_id::text, ctid::text || '/' || xmin::text, t::text FROM ri.kpi_contacts t
    UNION ALL SELECT 'kpi_unanswered_streaks', contact_id::text, ctid::text || '/' || xmin::text, t::text FROM ri.kpi_unanswered_streaks t $$;
CREATE TABLE rp.placed0 AS SELECT * FROM rp.placed();
SELECT count(*) FROM smskpi.refresh_kpi_views('ri');
SELECT b.rel, count(*) > 0 AS has_rows, count(*) FILTER (WHERE a.place IS DISTINCT FROM b.place) AS moved
FROM rp.placed0 b LEFT JOIN rp.placed() a USING (rel, k) GROUP BY b.rel ORDER BY b.rel;
TRUNCATE rp.placed0;
INSERT INTO rp.placed0 SELECT * FROM rp.placed();
UPDATE rp.messages SET status = 'delivered'
WHERE message_id = (SELECT m.message_id FROM rp.messages m WHERE m.direction = 'outbound' AND m.status IS DISTINCT FROM 'delivered'
                      AND m.sent_at >= (SELECT window_start FROM ri.kpi_rollup_state) ORDER BY m.sent_at DESC, m.message_id LIMIT 1);
SELECT count(*) FROM smskpi.refresh_kpi_views('ri');
SELECT count(*) FILTER (WHERE a.val IS NOT DISTINCT FROM b.val AND a.place IS DISTINCT FROM b.place) AS equal_but_moved,
       count(*) FILTER (WHERE a.val IS DISTINCT FROM b.val) > 0 AS some_changed,
       count(*) FILTER (WHERE a.val IS DISTINCT FROM b.val AND a.place IS NOT DISTINCT FROM b.place) AS changed_in_place
FROM rp.placed0 b FULL JOIN rp.placed() a USING (rel, k);
SELECT rp.make('rf');
SELECT count(*) AS rollups, sum(differing) AS differing_rows FROM rp.differences('ri', 'rf');

-- Arguments: lookback not positive, reply or conversion windows longer than the lookback
\set VERBOSITY terse
SELECT smskpi.create_kpi_views('ri', 'rp.messages', incremental => true, lookback => '0 s');
SELECT smskpi.create_kpi_views('ri', 'rp.messages', incremental => true, lookback => '1 day', reply_window => '2 days');
SELECT smskpi.create_kpi_views('ri', 'rp.messages', incremental => true, lookback => '1 day');
SELECT smskpi.refresh_kpi_views('ri', "full" => NULL);
\set VERBOSITY default
-- a rollup schema is recognised and replaced like views are; kpi_vs_target stays a view
SELECT relkind, count(*) FROM pg_class WHERE relnamespace = 'ri'::regnamespace AND relname LIKE 'kpi\_%'
GROUP BY relkind ORDER BY 1;
