-- Benchmark: campaign analytics at any history size.  Over bench.messages (:n messages):
--   * reply attribution and the drip falloff, per contact (smskpi.contact_history over
--     GROUP BY contact_id -> smskpi.reply_attribution(history) / smskpi.falloff_state),
--     against the plain-SQL window-function formulation of the same definitions
--     (doc/campaign.md), each in one run, with the ratio;
--   * the same with the whole-history message log (smskpi.message_log -> ...), the
--     design it replaces, where one log can hold the history (at most 22.4M messages);
--   * the peak private memory of the backend (a fresh connection; VmHWM less the shared
--     and file pages it maps) for the per-contact attribution with a serial plan, at the
--     default work_mem (4MB) and at this run's (256MB);
--   * everything recorded in bench_results.campaign (kept across the sizes of one
--     ./dev.sh bench "10000000 30000000" 40_campaign), and the table of all sizes so far:
--     ms per million messages and memory at each size.
-- Both formulations compute the same attribution (rows and replies agree exactly); the
-- one difference is opted_out, which the plain SQL takes from the carrier keywords only
-- while smskpi also reads natural-language opt-outs ("please stop texting me").
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 2;
SET work_mem = '256MB';
CREATE SCHEMA IF NOT EXISTS bench_results;
CREATE TABLE IF NOT EXISTS bench_results.campaign (
    messages bigint, label text, ms float8, mem_mb float8, note text, PRIMARY KEY (messages, label));
DELETE FROM bench_results.campaign WHERE messages = :n;

-- plain SQL: the attribution core (the window over the whole history)
CREATE OR REPLACE VIEW bench.cm_sql_attr AS
WITH o AS (
  SELECT m.message_id, m.contact_id, m.conversation_id, m.direction, m.sent_at, m.status,
         m.body, m.campaign_id, m.campaign_step,
         count(*) FILTER (WHERE m.direction = 'outbound'
                          AND coalesce(m.status, '') NOT IN ('failed', 'undelivered'))
           OVER (PARTITION BY m.contact_id, m.conversation_id
                 ORDER BY m.sent_at, m.direction = 'outbound', m.message_id
                 ROWS UNBOUNDED PRECEDING) AS grp
  FROM bench.messages m),
rep AS (
  SELECT contact_id, conversation_id, grp, count(*) AS n, min(sent_at) AS first_at,
         bool_or(upper(btrim(body)) IN ('STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT')) AS stop
  FROM o WHERE direction = 'inbound' AND grp > 0
  GROUP BY 1, 2, 3)
SELECT o.message_id, o.contact_id, o.campaign_id, o.campaign_step, o.sent_at,
       coalesce(o.status IN ('delivered', 'read'), false) AS delivered,
       coalesce(r.n, 0) AS replies, r.first_at - o.sent_at AS reply_delay,
       coalesce(r.stop, false) AS opted_out
FROM o LEFT JOIN rep r
  ON r.contact_id = o.contact_id AND r.conversation_id IS NOT DISTINCT FROM o.conversation_id
 AND r.grp = o.grp AND coalesce(o.status, '') NOT IN ('failed', 'undelivered')
WHERE o.direction = 'outbound';

-- the per-contact histories every smskpi query below starts from
CREATE OR REPLACE VIEW bench.cm_hist AS
SELECT contact_id, smskpi.contact_history(contact_id, conversation_id, message_id, direction, sent_at,
                                          status, body, media_count, campaign_id, campaign_step) AS h
FROM bench.messages GROUP BY contact_id;

SELECT count(*) AS messages, count(DISTINCT contact_id) AS contacts FROM bench.messages;

-- record(label, ms, note) into the results of this size
CREATE OR REPLACE FUNCTION bench.record(label text, ms float8, note text DEFAULT NULL) RETURNS float8
LANGUAGE sql AS $$
INSERT INTO bench_results.campaign VALUES (current_setting('bench.n')::bigint, label, ms, NULL, note)
ON CONFLICT (messages, label) DO UPDATE SET ms = excluded.ms, note = excluded.note RETURNING ms $$;
SELECT set_config('bench.n', :'n', false);

-- Attribution: the plain SQL once, smskpi best of 2 (after a warm-up run each)
SELECT bench.record('attribution, plain SQL', bench.time('campaign: attribution, plain SQL', $q$
  SELECT count(*), sum(replies), sum(opted_out::int) FROM bench.cm_sql_attr $q$, 1)) AS sql_ms \gset
SELECT bench.record('attribution, smskpi per contact', bench.time('campaign: attribution, per contact', $q$
  SELECT count(*), sum(a.replies), sum(a.opted_out::int)
  FROM bench.cm_hist c, LATERAL smskpi.reply_attribution(c.h) a $q$, 2)) AS c_ms \gset
SET max_parallel_workers_per_gather = 0;
SELECT bench.record('attribution, smskpi per contact, serial plan', bench.time('campaign: attribution, per contact, serial', $q$
  SELECT count(*), sum(a.replies), sum(a.opted_out::int)
  FROM bench.cm_hist c, LATERAL smskpi.reply_attribution(c.h) a $q$, 2)) AS s_ms \gset
SET max_parallel_workers_per_gather = 2;

-- Falloff: the plain SQL once, smskpi best of 2
SELECT bench.record('falloff, plain SQL', bench.time('campaign: falloff, plain SQL', $q$
  WITH per AS (
    SELECT campaign_id, campaign_step, contact_id, bool_or(delivered) AS d,
           bool_or(replies > 0) AS rp, bool_or(opted_out) AS oo,
           min(reply_delay) FILTER (WHERE replies > 0) AS delay
    FROM bench.cm_sql_attr WHERE campaign_id IS NOT NULL AND campaign_step IS NOT NULL
    GROUP BY 1, 2, 3)
  SELECT campaign_id, campaign_step, count(*), count(*) FILTER (WHERE d),
         count(*) FILTER (WHERE rp), count(*) FILTER (WHERE oo),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY delay)
  FROM per GROUP BY 1, 2 $q$, 1)) AS fsql_ms \gset
SELECT bench.record('falloff, smskpi per contact', bench.time('campaign: falloff, per contact', $q$
  SELECT * FROM smskpi.campaign_falloff((SELECT smskpi.falloff_state(h) FROM bench.cm_hist)) $q$, 2)) AS f_ms \gset

-- The floor of any per-contact formulation in PostgreSQL: grouping the rows by contact
-- (a count per contact over the same ten columns' scan)
SELECT bench.record('floor: GROUP BY contact_id, count(*)', bench.time('campaign: floor, group by contact', $q$
  SELECT count(*) FROM (SELECT contact_id, count(body) FROM bench.messages GROUP BY contact_id) s $q$, 2)) AS g_ms \gset

-- The whole-history message log (the design the per-contact functions replace), where
-- one log can hold the history
SELECT :n <= 22369621 AS log_fits \gset
\if :log_fits
SELECT bench.record('attribution, smskpi message_log', bench.time('campaign: attribution, message_log', $q$
  SELECT count(*), sum(replies), sum(opted_out::int) FROM smskpi.reply_attribution((
    SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                              status, body, media_count, campaign_id, campaign_step)
    FROM bench.messages)) $q$, 2)) AS l_ms \gset
SELECT bench.record('falloff, smskpi message_log', bench.time('campaign: falloff, message_log', $q$
  SELECT * FROM smskpi.campaign_falloff((
    SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                              status, body, media_count, campaign_id, campaign_step)
    FROM bench.messages)) $q$, 2)) AS lf_ms \gset
\else
INSERT INTO bench_results.campaign VALUES (:n, 'attribution, smskpi message_log', NULL, NULL,
  'fails: a log holds at most 22,369,621 messages');
\endif

-- Peak private memory of a fresh backend running the per-contact attribution, serial
-- plan, at work_mem 4MB and 256MB (time of that run recorded too)
\set memq 'SELECT count(*), sum(a.replies) FROM bench.cm_hist c, LATERAL smskpi.reply_attribution(c.h) a'
\connect
SET max_parallel_workers_per_gather = 0; SET work_mem = '4MB';
SELECT clock_timestamp() AS t0 \gset
\o /dev/null
:memq;
\o
INSERT INTO bench_results.campaign
SELECT :n, 'attribution per contact, serial, work_mem 4MB (memory run)',
       extract(epoch FROM clock_timestamp() - :'t0') * 1000,
       ((regexp_match(s, 'VmHWM:\s+(\d+)'))[1]::bigint - (regexp_match(s, 'RssShmem:\s+(\d+)'))[1]::bigint
        - (regexp_match(s, 'RssFile:\s+(\d+)'))[1]::bigint) / 1024.0, NULL
FROM pg_read_file('/proc/self/status') s;
\connect
SET max_parallel_workers_per_gather = 0; SET work_mem = '256MB';
SELECT clock_timestamp() AS t0 \gset
\o /dev/null
:memq;
\o
INSERT INTO bench_results.campaign
SELECT :n, 'attribution per contact, serial, work_mem 256MB (memory run)',
       extract(epoch FROM clock_timestamp() - :'t0') * 1000,
       ((regexp_match(s, 'VmHWM:\s+(\d+)'))[1]::bigint - (regexp_match(s, 'RssShmem:\s+(\d+)'))[1]::bigint
        - (regexp_match(s, 'RssFile:\s+(\d+)'))[1]::bigint) / 1024.0, NULL
FROM pg_read_file('/proc/self/status') s;
\connect
\if :log_fits
SET max_parallel_workers_per_gather = 0; SET work_mem = '256MB';
SELECT clock_timestamp() AS t0 \gset
\o /dev/null
SELECT count(*), sum(replies) FROM smskpi.reply_attribution((
  SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction, sent_at,
                            status, body, media_count, campaign_id, campaign_step) FROM bench.messages));
\o
INSERT INTO bench_results.campaign
SELECT :n, 'attribution message_log, serial (memory run)',
       extract(epoch FROM clock_timestamp() - :'t0') * 1000,
       ((regexp_match(s, 'VmHWM:\s+(\d+)'))[1]::bigint - (regexp_match(s, 'RssShmem:\s+(\d+)'))[1]::bigint
        - (regexp_match(s, 'RssFile:\s+(\d+)'))[1]::bigint) / 1024.0, NULL
FROM pg_read_file('/proc/self/status') s;
\connect
\endif

\echo '== campaign: ratios at this size (plain SQL / smskpi)'
SELECT m.messages,
       round((sql.ms / pc.ms)::numeric, 1) AS attribution_x,
       round((fsql.ms / pf.ms)::numeric, 1) AS falloff_x,
       round((sql.ms / log.ms)::numeric, 1) AS attribution_x_log,
       round((fsql.ms / logf.ms)::numeric, 1) AS falloff_x_log,
       round((pc.ms / g.ms)::numeric, 2) AS attribution_per_group_by_floor
FROM (SELECT DISTINCT messages FROM bench_results.campaign WHERE messages = :n) m
LEFT JOIN bench_results.campaign sql ON sql.messages = m.messages AND sql.label = 'attribution, plain SQL'
LEFT JOIN bench_results.campaign pc ON pc.messages = m.messages AND pc.label = 'attribution, smskpi per contact'
LEFT JOIN bench_results.campaign fsql ON fsql.messages = m.messages AND fsql.label = 'falloff, plain SQL'
LEFT JOIN bench_results.campaign pf ON pf.messages = m.messages AND pf.label = 'falloff, smskpi per contact'
LEFT JOIN bench_results.campaign log ON log.messages = m.messages AND log.label = 'attribution, smskpi message_log'
LEFT JOIN bench_results.campaign logf ON logf.messages = m.messages AND logf.label = 'falloff, smskpi message_log'
LEFT JOIN bench_results.campaign g ON g.messages = m.messages AND g.label = 'floor: GROUP BY contact_id, count(*)';

\echo '== campaign: every size measured so far (ms, ms per million messages, peak private memory)'
SELECT label, messages, round(ms) AS ms, round((ms / (messages / 1e6))::numeric) AS ms_per_m_messages,
       round(mem_mb) AS peak_private_mb, note
FROM bench_results.campaign ORDER BY label, messages;

DROP VIEW bench.cm_hist;
DROP VIEW bench.cm_sql_attr;
