-- test/upgrade/create_kpi_views.sql: the KPI views of user_objects.sql, plain in schema
-- kpi and materialized in kpim.  Run again after ALTER EXTENSION smskpi UPDATE, as
-- doc/upgrading.md ("After the update") advises, to bring them up to the new version.
\set ON_ERROR_STOP 1
SELECT count(*) AS kpi_views FROM smskpi.create_kpi_views('kpi', 'data.messages', 'data.link_clicks',
    'data.conversions', 'data.consent_events', 'data.conversation_events', 'data.holdout_contacts',
    time_zone => 'America/Chicago', hours => 'America/Chicago; mon-fri 08:00-18:00; sat 09:00-12:00');
SELECT count(*) AS kpim_views FROM smskpi.create_kpi_views('kpim', 'data.messages', 'data.link_clicks',
    'data.conversions', 'data.consent_events', 'data.conversation_events', 'data.holdout_contacts',
    materialized => true);
