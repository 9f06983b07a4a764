-- test/citus/checks/50_views.sql -- every KPI view of smskpi.create_kpi_views (doc/views.md)
-- over the distributed copies, compared with the same view over loc.  {V} is the KPI
-- schema: S_kpi (plain views) and S_kpim (materialized views, created and then refreshed
-- with refresh_kpi_views; their plan is not checked: they are read on the coordinator).
-- Format: see test/citus/run.sh.
--
-- The target is that no view pulls message rows to the coordinator ("nopull": partial or
-- built-in aggregation split over the workers, or pushed down whole; kpi_first_response
-- and kpi_reply_time split the response-time aggregates: "partial").  Per-contact views
-- (kpi_contacts and those over it: last-touch attribution of conversions, reply
-- attribution, falloff) are "partial" on byv: each contact's history is assembled on the
-- coordinator from per-shard parts (smskpi.contact_history's combine function).  run.sh also checks that every view create_kpi_views makes has a check.

-- name: view_contacts
-- plan: nopull
SELECT * FROM {V}.kpi_contacts;

-- name: view_sends
-- plan: nopull
SELECT * FROM {V}.kpi_sends;

-- name: view_conversations
-- plan: nopull
SELECT * FROM {V}.kpi_conversations;

-- name: view_message_volume
-- plan: nopull
SELECT * FROM {V}.kpi_message_volume;

-- name: view_response_rate
-- plan: nopull
SELECT * FROM {V}.kpi_response_rate;

-- name: view_delivery
-- plan: nopull
SELECT * FROM {V}.kpi_delivery;

-- name: view_delivery_failures
-- plan: nopull
SELECT * FROM {V}.kpi_delivery_failures;

-- name: view_click_through
-- plan: nopull
SELECT * FROM {V}.kpi_click_through;

-- name: view_engagement
-- plan: nopull
SELECT * FROM {V}.kpi_engagement;

-- name: view_conversions
-- plan: nopull
SELECT * FROM {V}.kpi_conversions;

-- name: view_revenue
-- plan: nopull
SELECT * FROM {V}.kpi_revenue;

-- name: view_campaign_lift
-- plan: nopull
SELECT * FROM {V}.kpi_campaign_lift;

-- name: view_opt_ins_outs
-- plan: nopull
SELECT * FROM {V}.kpi_opt_ins_outs;

-- name: view_list_health
-- plan: nopull
SELECT * FROM {V}.kpi_list_health;

-- name: view_campaign_opt_outs
-- plan: nopull
SELECT * FROM {V}.kpi_campaign_opt_outs;

-- name: view_first_response
-- plan: partial
SELECT * FROM {V}.kpi_first_response;

-- name: view_reply_time
-- plan: partial
SELECT * FROM {V}.kpi_reply_time;

-- name: view_resolution
-- plan: nopull
SELECT * FROM {V}.kpi_resolution;

-- name: view_sentiment_trend
-- plan: nopull
-- tolerance: 1e-12
SELECT * FROM {V}.kpi_sentiment_trend;

-- name: view_negative_messages
-- plan: nopull
SELECT * FROM {V}.kpi_negative_messages;

-- name: view_campaign_report
-- plan: nopull
SELECT * FROM {V}.kpi_campaign_report;

-- name: view_drip_falloff
-- plan: nopull
SELECT * FROM {V}.kpi_drip_falloff;

-- name: view_reply_rates
-- plan: nopull
SELECT * FROM {V}.kpi_reply_rates;

-- name: view_speed_to_lead
-- plan: nopull
SELECT * FROM {V}.kpi_speed_to_lead;

-- name: view_unanswered_streaks
-- plan: nopull
SELECT * FROM {V}.kpi_unanswered_streaks;

-- name: view_first_response_monthly
-- plan: nopull
SELECT * FROM {V}.kpi_first_response_monthly;

-- name: view_first_response_daily
-- plan: nopull
SELECT * FROM {V}.kpi_first_response_daily;

-- name: view_first_response_hourly
-- plan: nopull
SELECT * FROM {V}.kpi_first_response_hourly;

-- name: view_vs_target
-- plan: nopull
SELECT * FROM {V}.kpi_vs_target;
