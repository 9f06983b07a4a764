-- test/citus/load.sql -- the distributed copies of the generated data (run by run.sh).
--
-- loc (plain tables on the coordinator, made by test/datagen/generate.sh) is copied into
--   byc: messages distributed by contact_id; conversions, consent_events and
--        holdout_contacts co-located with it (by contact_id); link_clicks and
--        conversation_events (no contact_id) reference tables;
--   byv: messages distributed by conversation_id; conversation_events co-located with
--        it; link_clicks, conversions, consent_events and holdout_contacts (no
--        conversation_id) reference tables.
-- Stored response states (the rollup pattern of doc/response_time.md), computed on loc
-- so that they do not depend on the aggregates working over Citus: S.rt_states (day,
-- campaign_id (0 = none), frt = first_response_state, rt = reply_time_state), in byc
-- distributed by campaign_id, in byv by day.
-- No primary key on the distributed messages: a unique constraint must contain the
-- distribution column.  :shards shards per distributed table (citus.shard_count).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET citus.shard_count = :shards;

DROP SCHEMA IF EXISTS byc, byv CASCADE;
CREATE SCHEMA byc;
CREATE SCHEMA byv;

CREATE TABLE byc.messages (LIKE loc.messages INCLUDING DEFAULTS);
CREATE TABLE byc.link_clicks (LIKE loc.link_clicks INCLUDING DEFAULTS);
CREATE TABLE byc.conversions (LIKE loc.conversions INCLUDING DEFAULTS);
CREATE TABLE byc.consent_events (LIKE loc.consent_events INCLUDING DEFAULTS);
CREATE TABLE byc.conversation_events (LIKE loc.conversation_events INCLUDING DEFAULTS);
CREATE TABLE byc.holdout_contacts (LIKE loc.holdout_contacts INCLUDING DEFAULTS);
SELECT create_distributed_table('byc.messages', 'contact_id');
SELECT create_distributed_table('byc.conversions', 'contact_id', colocate_with => 'byc.messages');
SELECT create_distributed_table('byc.consent_events', 'contact_id', colocate_with => 'byc.messages');
SELECT create_distributed_table('byc.holdout_contacts', 'contact_id', colocate_with => 'byc.messages');
SELECT create_reference_table('byc.link_clicks');
SELECT create_reference_table('byc.conversation_events');

CREATE TABLE byv.messages (LIKE loc.messages INCLUDING DEFAULTS);
CREATE TABLE byv.link_clicks (LIKE loc.link_clicks INCLUDING DEFAULTS);
CREATE TABLE byv.conversions (LIKE loc.conversions INCLUDING DEFAULTS);
CREATE TABLE byv.consent_events (LIKE loc.consent_events INCLUDING DEFAULTS);
CREATE TABLE byv.conversation_events (LIKE loc.conversation_events INCLUDING DEFAULTS);
CREATE TABLE byv.holdout_contacts (LIKE loc.holdout_contacts INCLUDING DEFAULTS);
SELECT create_distributed_table('byv.messages', 'conversation_id');
SELECT create_distributed_table('byv.conversation_events', 'conversation_id', colocate_with => 'byv.messages');
SELECT create_reference_table('byv.link_clicks');
SELECT create_reference_table('byv.conversions');
SELECT create_reference_table('byv.consent_events');
SELECT create_reference_table('byv.holdout_contacts');

INSERT INTO byc.messages SELECT * FROM loc.messages;
INSERT INTO byc.link_clicks SELECT * FROM loc.link_clicks;
INSERT INTO byc.conversions SELECT * FROM loc.conversions;
INSERT INTO byc.consent_events SELECT * FROM loc.consent_events;
INSERT INTO byc.conversation_events SELECT * FROM loc.conversation_events;
INSERT INTO byc.holdout_contacts SELECT * FROM loc.holdout_contacts;
INSERT INTO byv.messages SELECT * FROM loc.messages;
INSERT INTO byv.link_clicks SELECT * FROM loc.link_clicks;
INSERT INTO byv.conversions SELECT * FROM loc.conversions;
INSERT INTO byv.consent_events SELECT * FROM loc.consent_events;
INSERT INTO byv.conversation_events SELECT * FROM loc.conversation_events;
INSERT INTO byv.holdout_contacts SELECT * FROM loc.holdout_contacts;

DROP TABLE IF EXISTS loc.rt_states;
CREATE TABLE loc.rt_states AS
SELECT date_trunc('day', sent_at)::date AS day, coalesce(campaign_id, 0) AS campaign_id,
       smskpi.first_response_state(conversation_id, direction = 'inbound', sent_at) AS frt,
       smskpi.reply_time_state(conversation_id, direction = 'inbound', sent_at) AS rt
FROM loc.messages GROUP BY 1, 2;
CREATE TABLE byc.rt_states (LIKE loc.rt_states);
CREATE TABLE byv.rt_states (LIKE loc.rt_states);
SELECT create_distributed_table('byc.rt_states', 'campaign_id');
SELECT create_distributed_table('byv.rt_states', 'day');
INSERT INTO byc.rt_states SELECT * FROM loc.rt_states;
INSERT INTO byv.rt_states SELECT * FROM loc.rt_states;

ANALYZE loc.rt_states, byc.rt_states, byv.rt_states, byc.messages, byc.link_clicks, byc.conversions, byc.consent_events,
        byc.conversation_events, byc.holdout_contacts,
        byv.messages, byv.link_clicks, byv.conversions, byv.consent_events,
        byv.conversation_events, byv.holdout_contacts;

-- every row arrived
DO $$
DECLARE
    t text;
    a bigint;
    b bigint;
    c bigint;
BEGIN
    FOREACH t IN ARRAY ARRAY['messages', 'link_clicks', 'conversions', 'consent_events',
                             'conversation_events', 'holdout_contacts', 'rt_states'] LOOP
        EXECUTE format('SELECT (SELECT count(*) FROM loc.%1$I), (SELECT count(*) FROM byc.%1$I), (SELECT count(*) FROM byv.%1$I)', t)
            INTO a, b, c;
        IF a IS DISTINCT FROM b OR a IS DISTINCT FROM c THEN
            RAISE EXCEPTION '%: % rows in loc, % in byc, % in byv', t, a, b, c;
        END IF;
    END LOOP;
END $$;
