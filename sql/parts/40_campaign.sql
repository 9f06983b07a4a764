-- 40_campaign.sql: campaign analytics (doc/campaign.md).
--
-- The user's messages reach C through the aggregate smskpi.message_log(...), whose
-- result (a bytea "message log") feeds the set-returning functions:
--
--   SELECT * FROM smskpi.campaign_falloff(
--     (SELECT smskpi.message_log(contact_id, conversation_id, message_id, direction,
--                                sent_at, status, body, media_count, campaign_id,
--                                campaign_step) FROM messages));
--
-- The aggregate runs as the caller, in parallel, over any query the caller writes:
-- nothing is read by name, nothing is executed from text.

-- message_log: the message log aggregate -----------------------------------------

CREATE FUNCTION @extschema@.message_log_sfunc(internal, contact_id bigint,
    conversation_id bigint, message_id bigint, direction text, sent_at timestamptz,
    status text, body text, media_count integer, campaign_id bigint,
    campaign_step integer)
RETURNS internal AS 'MODULE_PATHNAME', 'smskpi_message_log_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.message_log_sfunc(internal, bigint, bigint, bigint, text,
    timestamptz, text, text, integer, bigint, integer)
IS 'transition function of smskpi.message_log';

CREATE FUNCTION @extschema@.message_log_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'smskpi_message_log_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.message_log_combine(internal, internal)
IS 'combine function of smskpi.message_log';

CREATE FUNCTION @extschema@.message_log_serialize(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'smskpi_message_log_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.message_log_serialize(internal)
IS 'serialize function of smskpi.message_log';

CREATE FUNCTION @extschema@.message_log_deserialize(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'smskpi_message_log_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.message_log_deserialize(bytea, internal)
IS 'deserialize function of smskpi.message_log (validates every record)';

CREATE FUNCTION @extschema@.message_log_final(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'smskpi_message_log_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.message_log_final(internal)
IS 'final function of smskpi.message_log: the messages sorted by contact, then time';

CREATE AGGREGATE @extschema@.message_log(contact_id bigint, conversation_id bigint,
    message_id bigint, direction text, sent_at timestamptz, status text, body text,
    media_count integer, campaign_id bigint, campaign_step integer) (
  SFUNC = @extschema@.message_log_sfunc,
  STYPE = internal,
  SSPACE = 48,
  FINALFUNC = @extschema@.message_log_final,
  COMBINEFUNC = @extschema@.message_log_combine,
  SERIALFUNC = @extschema@.message_log_serialize,
  DESERIALFUNC = @extschema@.message_log_deserialize,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.message_log(bigint, bigint, bigint, text, timestamptz,
    text, text, integer, bigint, integer)
IS 'message log (bytea, 48 bytes a message) for the smskpi campaign functions; rows with NULL contact_id, direction or sent_at are skipped';

-- contact_event_log: opt-ins, opt-outs, conversions ---------------------------------

CREATE FUNCTION @extschema@.contact_event_log_sfunc(internal, contact_id bigint,
    at timestamptz)
RETURNS internal AS 'MODULE_PATHNAME', 'smskpi_contact_event_log_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_event_log_sfunc(internal, bigint, timestamptz)
IS 'transition function of smskpi.contact_event_log';

CREATE FUNCTION @extschema@.contact_event_log_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'smskpi_contact_event_log_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_event_log_combine(internal, internal)
IS 'combine function of smskpi.contact_event_log';

CREATE FUNCTION @extschema@.contact_event_log_serialize(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'smskpi_contact_event_log_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_event_log_serialize(internal)
IS 'serialize function of smskpi.contact_event_log';

CREATE FUNCTION @extschema@.contact_event_log_deserialize(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'smskpi_contact_event_log_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_event_log_deserialize(bytea, internal)
IS 'deserialize function of smskpi.contact_event_log (validates lengths)';

CREATE FUNCTION @extschema@.contact_event_log_final(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'smskpi_contact_event_log_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_event_log_final(internal)
IS 'final function of smskpi.contact_event_log: the events sorted by contact, then time';

CREATE AGGREGATE @extschema@.contact_event_log(contact_id bigint, at timestamptz) (
  SFUNC = @extschema@.contact_event_log_sfunc,
  STYPE = internal,
  SSPACE = 16,
  FINALFUNC = @extschema@.contact_event_log_final,
  COMBINEFUNC = @extschema@.contact_event_log_combine,
  SERIALFUNC = @extschema@.contact_event_log_serialize,
  DESERIALFUNC = @extschema@.contact_event_log_deserialize,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.contact_event_log(bigint, timestamptz)
IS 'contact event log (bytea, 16 bytes an event: opt-ins, opt-outs, conversions) for the smskpi campaign functions; NULL rows are skipped';

-- reply_attribution ----------------------------------------------------------------

CREATE FUNCTION @extschema@.reply_attribution(log bytea,
    reply_window interval DEFAULT NULL, stops bytea DEFAULT NULL)
RETURNS TABLE (message_id bigint, contact_id bigint, conversation_id bigint,
    campaign_id bigint, campaign_step integer, sent_at timestamptz, "position" integer,
    delivered boolean, failed boolean, mms boolean, still_active boolean,
    replied boolean, replies integer, reply_delay interval, reply_intent text,
    reply_sentiment double precision, positive boolean, opted_out boolean)
AS 'MODULE_PATHNAME', 'smskpi_reply_attribution'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100000;
COMMENT ON FUNCTION @extschema@.reply_attribution(bytea, interval, bytea)
IS 'one row per outbound message of a message log: position, replies in its attribution window, first reply delay, intent and sentiment, opt-out';

-- campaign_falloff -----------------------------------------------------------------

CREATE FUNCTION @extschema@.campaign_falloff(log bytea, campaign bigint DEFAULT NULL,
    reply_window interval DEFAULT NULL, stops bytea DEFAULT NULL)
RETURNS TABLE (campaign_id bigint, step integer, recipients bigint, delivered bigint,
    replied bigint, reply_rate double precision, positive_replies bigint,
    opted_out bigint, still_active bigint, median_reply_delay interval,
    reply_rate_change double precision, falloff_point boolean)
AS 'MODULE_PATHNAME', 'smskpi_campaign_falloff'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.campaign_falloff(bytea, bigint, interval, bytea)
IS 'per-step funnel of drip campaigns (recipients, delivered, replied, positive, opted out, still active, median reply delay, change of reply rate) with the falloff point';

-- unanswered_streaks ---------------------------------------------------------------

CREATE FUNCTION @extschema@.unanswered_streaks(log bytea, min_streak integer DEFAULT 2,
    reply_window interval DEFAULT NULL, stops bytea DEFAULT NULL)
RETURNS TABLE (contact_id bigint, sent integer, longest_streak integer,
    signal_at timestamptz, sent_after integer, replied_after boolean,
    current_streak integer)
AS 'MODULE_PATHNAME', 'smskpi_unanswered_streaks'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.unanswered_streaks(bytea, integer, interval, bytea)
IS 'contacts with at least min_streak consecutive unanswered outbound messages: when the "stop texting" signal came, how many messages were sent after it, whether any was answered';

-- speed_to_lead --------------------------------------------------------------------

CREATE FUNCTION @extschema@.speed_to_lead(log bytea, opt_ins bytea,
    within interval DEFAULT NULL)
RETURNS TABLE (contact_id bigint, opted_in_at timestamptz, first_outbound_at timestamptz,
    delay interval, contacted_within boolean)
AS 'MODULE_PATHNAME', 'smskpi_speed_to_lead'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.speed_to_lead(bytea, bytea, interval)
IS 'per opt-in event: the first non-failed outbound message to the contact at or after it, the delay, and whether it came within the window';
