-- test/upgrade/user_objects.sql: a user's objects that depend on smskpi, over the sample
-- data in schema "data" (test/datagen/generate.sh).  Shared by test/shell/upgrade.sh
-- (made at the oldest version, then ALTER EXTENSION smskpi UPDATE) and
-- test/shell/dump_restore.sh (pg_dump | psql); test/upgrade/user_answers.sql asks them
-- the questions whose answers must not change.  Uses only what smskpi 0.1.0 has.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

-- KPI views, plain and materialized, and edited targets (pg_dump keeps user rows)
CREATE SCHEMA kpi;
CREATE SCHEMA kpim;
\ir create_kpi_views.sql
UPDATE smskpi.kpi_targets SET target_min = 0.5 WHERE metric = 'delivery_rate';
INSERT INTO smskpi.kpi_targets (metric, description, unit, better, target_min, target_text, advice)
VALUES ('engagement_rate', 'ours', 'ratio', 'higher', 0.42, '42%', 'ours');

CREATE SCHEMA app;

-- a domain, generated columns, a CHECK constraint, expression and partial indexes,
-- all on smskpi's text functions
CREATE DOMAIN app.sms_body AS text CHECK (smskpi.sms_units(VALUE) <= 100000);
CREATE TABLE app.inbox (
    message_id bigint PRIMARY KEY,
    body       app.sms_body NOT NULL,
    segments   integer GENERATED ALWAYS AS (smskpi.sms_segments(body)) STORED,
    encoding   text GENERATED ALWAYS AS (smskpi.sms_encoding(body)) STORED,
    intent     text GENERATED ALWAYS AS (smskpi.reply_intent(body)) STORED,
    CHECK (smskpi.emoji_count(body) >= 0)
);
INSERT INTO app.inbox (message_id, body)
SELECT message_id, body FROM data.messages WHERE body IS NOT NULL;
CREATE INDEX inbox_sentiment ON app.inbox (smskpi.sentiment_score(body));
CREATE INDEX inbox_segments ON app.inbox (smskpi.sms_segments(body), smskpi.sms_smart_segments(body));
CREATE INDEX inbox_opt_outs ON app.inbox (message_id) WHERE smskpi.is_opt_out(body);
ANALYZE app.inbox;

-- business hours per team, and stored response-time states per day and team
CREATE TABLE app.teams (
    team  text PRIMARY KEY,
    hours smskpi.business_hours NOT NULL
);
INSERT INTO app.teams VALUES
    ('us', 'America/New_York; mon-fri 08:00-17:00; holidays 2025-01-01 2025-05-26'),
    ('in', 'Asia/Kolkata; mon-sat 09:30-18:30'),
    ('de', smskpi.make_business_hours('Europe/Berlin', 'mon-fri 09:00-12:00 13:00-17:00',
                                      '{2025-04-18,2025-04-21,2025-12-25}'));
CREATE TABLE app.daily_states (
    day    date,
    team   text REFERENCES app.teams,
    first  smskpi.response_state NOT NULL,
    reply  smskpi.response_state NOT NULL,
    PRIMARY KEY (day, team)
);
INSERT INTO app.daily_states
SELECT (m.sent_at AT TIME ZONE 'UTC')::date, t.team,
       smskpi.first_response_state(m.conversation_id, m.direction = 'inbound', m.sent_at, t.hours),
       smskpi.reply_time_state(m.conversation_id, m.direction = 'inbound', m.sent_at)
FROM data.messages m CROSS JOIN app.teams t
GROUP BY 1, 2;
-- a view and a materialized view over the stored states
CREATE VIEW app.weekly_response AS
SELECT date_trunc('week', day)::date AS week, team,
       smskpi.response_median(smskpi.response_state_merge(first)) AS median_first_response,
       smskpi.response_percentile(smskpi.response_state_merge(reply), 0.9) AS p90_reply
FROM app.daily_states GROUP BY 1, 2;
CREATE MATERIALIZED VIEW app.team_stats AS
SELECT team, (smskpi.response_stats(smskpi.response_state_merge(first))).*
FROM app.daily_states GROUP BY team;
CREATE UNIQUE INDEX team_stats_team ON app.team_stats (team);
