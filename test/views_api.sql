-- smskpi.create_kpi_views / refresh_kpi_views: the data contract and its errors, hostile
-- search_path, privileges, re-runs, materialized views, row-level security.
\set SHOW_CONTEXT never
SET client_min_messages = notice;
SET timezone = 'UTC';
CREATE SCHEMA src;
-- integer ids and varchar texts are accepted; extra columns are ignored
CREATE TABLE src.messages (message_id int PRIMARY KEY, conversation_id int, contact_id int, direction varchar(8),
  sent_at timestamptz, status varchar, error_code smallint, body varchar, media_count int, campaign_id int,
  campaign_step int, list_id int, agent_id int, tenant text);
INSERT INTO src.messages VALUES
 (1, 1, 1, 'outbound', '2025-03-03 10:00', 'delivered', NULL, 'Hi', 0, 5, 1, 9, NULL, 'regress_smskpi_a'),
 (2, 1, 1, 'inbound', '2025-03-03 10:07', 'received', NULL, 'Yes', 0, NULL, NULL, NULL, NULL, 'regress_smskpi_a'),
 (3, 1, 1, 'outbound', '2025-03-03 10:09', 'delivered', NULL, 'Ok!', 0, NULL, NULL, NULL, 3, 'regress_smskpi_a'),
 (4, 2, 2, 'outbound', '2025-03-03 11:00', 'delivered', NULL, 'Hi', 0, 5, 1, 9, NULL, 'regress_smskpi_b'),
 (5, 2, 2, 'outbound', '2025-03-03 11:01', 'undelivered', 30003, 'Hi?', 0, 5, 1, 9, NULL, 'regress_smskpi_b');
CREATE SCHEMA kpi;

-- 1. the contract: every problem in one error
CREATE TABLE src.bad_messages (message_id numeric, conversation_id bigint, direction text, sent_at timestamp,
  status text, error_code int, body bytea, media_count int, campaign_id bigint, campaign_step int, list_id bigint);
CREATE TABLE src.bad_clicks (message_id bigint, clicked_at date);
SELECT smskpi.create_kpi_views('kpi', 'src.bad_messages', link_clicks => 'src.bad_clicks');
SELECT * FROM smskpi.kpi_source_problems('src.messages', 'messages');
SELECT * FROM smskpi.kpi_source_problems('src.messages', 'nonsense');
CREATE TEMP TABLE tmp_clicks (message_id bigint, clicked_at timestamptz);
SELECT smskpi.create_kpi_views('kpi', 'src.messages', link_clicks => 'tmp_clicks');
CREATE SEQUENCE src.seq;
SELECT smskpi.create_kpi_views('kpi', 'src.messages', conversions => 'src.seq');
-- bad arguments
SELECT smskpi.create_kpi_views('nope', 'src.messages');
SELECT smskpi.create_kpi_views('smskpi', 'src.messages');
SELECT smskpi.create_kpi_views('pg_catalog', 'src.messages');
SELECT smskpi.create_kpi_views('kpi', 'src.messages', time_zone => 'Mars/Olympus');
SELECT smskpi.create_kpi_views('kpi', 'src.messages', conversion_window => '-1 day');
SELECT smskpi.create_kpi_views('kpi', NULL);
-- a relation of the user's in the way
CREATE TABLE kpi.kpi_delivery (x int);
SELECT smskpi.create_kpi_views('kpi', 'src.messages');
DROP TABLE kpi.kpi_delivery;

-- 2. a target schema the caller may not create in
CREATE ROLE regress_smskpi_a;
CREATE ROLE regress_smskpi_b;
CREATE ROLE regress_smskpi_owner;
GRANT USAGE ON SCHEMA src, kpi TO regress_smskpi_a, regress_smskpi_b, regress_smskpi_owner;
GRANT SELECT ON ALL TABLES IN SCHEMA src TO regress_smskpi_a, regress_smskpi_b, regress_smskpi_owner;
-- (the extension's schema has no PUBLIC USAGE: grant it to roles that call smskpi.*)
GRANT USAGE ON SCHEMA smskpi TO regress_smskpi_owner;
SET ROLE regress_smskpi_owner;
SELECT smskpi.create_kpi_views('kpi', 'src.messages');
RESET ROLE;

-- 3. a hostile search_path: objects named like the ones the views use
CREATE SCHEMA evil;
CREATE FUNCTION evil.date_trunc(text, timestamp) RETURNS timestamp LANGUAGE sql AS 'SELECT NULL::timestamp';
CREATE FUNCTION evil.texteq_evil(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.texteq_evil);
CREATE FUNCTION evil.sms_segments(text) RETURNS integer LANGUAGE sql AS 'SELECT 99';
CREATE TABLE evil.messages (LIKE src.messages);
SET search_path = evil, public, smskpi;
SELECT count(*) AS views FROM smskpi.create_kpi_views('kpi', 'src.messages');
SELECT day, week, month, campaign_id, outbound, inbound, delivered, failed, credits FROM kpi.kpi_message_volume ORDER BY campaign_id, outbound;
SELECT count(*) AS views_mentioning_evil FROM pg_views WHERE schemaname = 'kpi' AND definition LIKE '%evil%';
RESET search_path;
DROP SCHEMA evil CASCADE;

-- 4. the views are ours, security_invoker, commented, and pin the sources
SELECT c.relname, c.relkind, c.reloptions, obj_description(c.oid, 'pg_class') LIKE 'smskpi KPI view (smskpi %' AS marked
FROM pg_class c WHERE c.relnamespace = 'kpi'::regnamespace ORDER BY 1;
DROP TABLE src.messages;
-- re-running replaces them (e.g. after ALTER EXTENSION smskpi UPDATE) ...
SELECT count(*) FROM smskpi.create_kpi_views('kpi', 'src.messages');
-- ... unless a view of the user's depends on one
CREATE VIEW kpi.my_report AS SELECT * FROM kpi.kpi_delivery;
SELECT count(*) FROM smskpi.create_kpi_views('kpi', 'src.messages');
DROP VIEW kpi.my_report;

-- 5. row-level security applies to a dashboard role through the views
ALTER TABLE src.messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON src.messages USING (tenant = current_user);
GRANT SELECT ON ALL TABLES IN SCHEMA kpi TO regress_smskpi_a, regress_smskpi_b;
SET ROLE regress_smskpi_a;
SELECT 'a' AS tenant, sum(outbound) AS outbound, sum(inbound) AS inbound FROM kpi.kpi_message_volume;
SELECT 'a' AS tenant, sum(sent) AS sent, sum(delivered) AS delivered, sum(repliers) AS repliers FROM kpi.kpi_response_rate;
SELECT 'a' AS tenant, conversations, answered, median FROM kpi.kpi_first_response;
RESET ROLE;
SET ROLE regress_smskpi_b;
SELECT 'b' AS tenant, sum(outbound) AS outbound, sum(inbound) AS inbound FROM kpi.kpi_message_volume;
SELECT 'b' AS tenant, sum(sent) AS sent, sum(delivered) AS delivered, sum(failed) AS failed FROM kpi.kpi_delivery;
SELECT 'b' AS tenant, count(*) AS rows FROM kpi.kpi_first_response;
RESET ROLE;
-- the owner of the table sees everything
SELECT 'owner' AS who, sum(outbound) AS outbound, sum(inbound) AS inbound FROM kpi.kpi_message_volume;
ALTER TABLE src.messages DISABLE ROW LEVEL SECURITY;

-- 6. materialized views: unique indexes, the same rows as the plain views, refresh
CREATE SCHEMA kpim;
SELECT count(*) FROM smskpi.create_kpi_views('kpim', 'src.messages', materialized => true);
SELECT c.relname, c.relkind, i.indisunique, i.indnullsnotdistinct
FROM pg_class c LEFT JOIN pg_index i ON i.indrelid = c.oid
WHERE c.relnamespace = 'kpim'::regnamespace AND c.relkind IN ('m', 'v') ORDER BY 1;
SELECT count(*) AS differing_rows FROM (
  (SELECT * FROM kpim.kpi_message_volume EXCEPT SELECT * FROM kpi.kpi_message_volume) UNION ALL
  (SELECT * FROM kpi.kpi_message_volume EXCEPT SELECT * FROM kpim.kpi_message_volume)) d;
INSERT INTO src.messages VALUES (6, 3, 3, 'outbound', '2025-03-04 10:00', 'delivered', NULL, 'New', 1, 5, 2, 9, NULL, 'x');
SELECT sum(outbound) FROM kpim.kpi_message_volume;
SELECT view_name, seconds >= 0 AS timed FROM smskpi.refresh_kpi_views('kpim');
SELECT sum(outbound) FROM kpim.kpi_message_volume;
SELECT count(*) AS differing_rows FROM (
  (SELECT day, campaign_id, sent, delivered, repliers FROM kpim.kpi_response_rate
   EXCEPT SELECT day, campaign_id, sent, delivered, repliers FROM kpi.kpi_response_rate) UNION ALL
  (SELECT day, campaign_id, sent, delivered, repliers FROM kpi.kpi_response_rate
   EXCEPT SELECT day, campaign_id, sent, delivered, repliers FROM kpim.kpi_response_rate)) d;
SELECT count(*) FROM smskpi.refresh_kpi_views('kpim', concurrent => false);
SELECT count(*) FROM smskpi.refresh_kpi_views('kpi');
-- switching back to plain views replaces the materialized ones
SELECT count(*) FROM smskpi.create_kpi_views('kpim', 'src.messages');
SELECT count(*) AS matviews FROM pg_matviews WHERE schemaname = 'kpim';

-- 7. kpi_targets is extension configuration: edited rows are dumped
SELECT u.oid::regclass AS config_table, u.cond AS dump_condition
FROM pg_extension e, unnest(e.extconfig, e.extcondition) u(oid, cond) WHERE e.extname = 'smskpi';

DROP SCHEMA kpi, kpim CASCADE;
DROP SCHEMA src CASCADE;
REVOKE USAGE ON SCHEMA smskpi FROM regress_smskpi_owner;
DROP ROLE regress_smskpi_a, regress_smskpi_b, regress_smskpi_owner;
