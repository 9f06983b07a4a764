-- 41_contact_history.sql: per-contact campaign analytics (doc/campaign.md).
--
-- One contact's messages reach C through the aggregate smskpi.contact_history(...)
-- over GROUP BY contact_id; its value (type smskpi.contact_history) feeds the
-- per-contact functions, and smskpi.falloff_state(history) sums contacts into a
-- campaign funnel:
--
--   SELECT a.* FROM (SELECT smskpi.contact_history(contact_id, conversation_id, message_id,
--                             direction, sent_at, status, body, media_count, campaign_id,
--                             campaign_step) AS h
--                    FROM messages GROUP BY contact_id) c,
--        LATERAL smskpi.reply_attribution(c.h) a;
--
-- Nothing holds more than one contact's messages (but the funnel's reply delays), the
-- aggregates are parallel safe with combine functions, and their states are real types,
-- so Citus runs them on the workers.

CREATE TYPE @extschema@.contact_history;

CREATE FUNCTION @extschema@.contact_history_in(cstring) RETURNS @extschema@.contact_history
AS 'MODULE_PATHNAME', 'smskpi_contact_history_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_history_out(@extschema@.contact_history) RETURNS cstring
AS 'MODULE_PATHNAME', 'smskpi_contact_history_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_history_recv(internal) RETURNS @extschema@.contact_history
AS 'MODULE_PATHNAME', 'smskpi_contact_history_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_history_send(@extschema@.contact_history) RETURNS bytea
AS 'MODULE_PATHNAME', 'smskpi_contact_history_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.contact_history (
    INPUT = @extschema@.contact_history_in,
    OUTPUT = @extschema@.contact_history_out,
    RECEIVE = @extschema@.contact_history_recv,
    SEND = @extschema@.contact_history_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.contact_history IS
  'the messages of one contact as the smskpi campaign functions read them (48 bytes a message; inbound bodies are reduced to their reply intent and sentiment); text form is \x + hex';
COMMENT ON FUNCTION @extschema@.contact_history_in(cstring) IS 'input function of smskpi.contact_history (validates every message)';
COMMENT ON FUNCTION @extschema@.contact_history_out(@extschema@.contact_history) IS 'output function of smskpi.contact_history';
COMMENT ON FUNCTION @extschema@.contact_history_recv(internal) IS 'binary input function of smskpi.contact_history (validates every message)';
COMMENT ON FUNCTION @extschema@.contact_history_send(@extschema@.contact_history) IS 'binary output function of smskpi.contact_history';

CREATE FUNCTION @extschema@.contact_history_sfunc(@extschema@.contact_history, contact_id bigint,
    conversation_id bigint, message_id bigint, direction text, sent_at timestamptz,
    status text, body text, media_count integer, campaign_id bigint, campaign_step integer)
RETURNS @extschema@.contact_history AS 'MODULE_PATHNAME', 'smskpi_contact_history_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_history_sfunc(@extschema@.contact_history, bigint, bigint,
    bigint, text, timestamptz, text, text, integer, bigint, integer)
IS 'transition function of smskpi.contact_history';

CREATE FUNCTION @extschema@.contact_history_combine(@extschema@.contact_history, @extschema@.contact_history)
RETURNS @extschema@.contact_history AS 'MODULE_PATHNAME', 'smskpi_contact_history_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_history_combine(@extschema@.contact_history, @extschema@.contact_history)
IS 'combine function of smskpi.contact_history: the union of two histories of one contact';

CREATE FUNCTION @extschema@.contact_history_final(@extschema@.contact_history)
RETURNS @extschema@.contact_history AS 'MODULE_PATHNAME', 'smskpi_contact_history_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_history_final(@extschema@.contact_history)
IS 'final function of smskpi.contact_history: the messages in log order, no spare room';

CREATE AGGREGATE @extschema@.contact_history(contact_id bigint, conversation_id bigint,
    message_id bigint, direction text, sent_at timestamptz, status text, body text,
    media_count integer, campaign_id bigint, campaign_step integer) (
  SFUNC = @extschema@.contact_history_sfunc,
  STYPE = @extschema@.contact_history,
  SSPACE = 600,
  FINALFUNC = @extschema@.contact_history_final,
  COMBINEFUNC = @extschema@.contact_history_combine,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.contact_history(bigint, bigint, bigint, text, timestamptz,
    text, text, integer, bigint, integer)
IS 'the messages of one contact (GROUP BY contact_id) for the per-contact campaign functions; rows with NULL contact_id, direction or sent_at are skipped; rows of two contacts in one group are an error';

CREATE AGGREGATE @extschema@.contact_history_merge(@extschema@.contact_history) (
  SFUNC = @extschema@.contact_history_combine,
  STYPE = @extschema@.contact_history,
  SSPACE = 600,
  FINALFUNC = @extschema@.contact_history_final,
  COMBINEFUNC = @extschema@.contact_history_combine,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.contact_history_merge(@extschema@.contact_history)
IS 'the union of histories of one contact (e.g. per day, or per shard)';

CREATE FUNCTION @extschema@.contact_history_info(history @extschema@.contact_history,
    OUT contact_id bigint, OUT messages integer, OUT outbound integer, OUT inbound integer,
    OUT first_at timestamptz, OUT last_at timestamptz, OUT bytes bigint)
AS 'MODULE_PATHNAME', 'smskpi_contact_history_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_history_info(@extschema@.contact_history)
IS 'what a contact_history holds: contact, messages, outbound, inbound, first and last sent_at, bytes';

-- reply_attribution over one contact's history ------------------------------------

CREATE FUNCTION @extschema@.reply_attribution(history @extschema@.contact_history,
    reply_window interval DEFAULT NULL, stopped_at timestamptz DEFAULT NULL,
    first_position integer DEFAULT 1, opt_out_window interval DEFAULT NULL)
RETURNS TABLE (message_id bigint, contact_id bigint, conversation_id bigint,
    campaign_id bigint, campaign_step integer, sent_at timestamptz, "position" integer,
    delivered boolean, failed boolean, mms boolean, still_active boolean,
    replied boolean, replies integer, reply_delay interval, reply_intent text,
    reply_sentiment double precision, positive boolean, opted_out boolean)
AS 'MODULE_PATHNAME', 'smskpi_history_attribution'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.reply_attribution(@extschema@.contact_history, interval, timestamptz, integer, interval)
IS 'one row per outbound message of a contact''s history: position, replies in its attribution window, first reply delay, intent and sentiment, opt-out; stopped_at ends still_active, first_position numbers a history that starts after earlier messages, opt_out_window bounds the opt-outs counted';

-- unanswered_streaks and first_outbound_after over one contact's history -----------

CREATE FUNCTION @extschema@.unanswered_streaks(history @extschema@.contact_history,
    min_streak integer DEFAULT 2, reply_window interval DEFAULT NULL,
    stopped_at timestamptz DEFAULT NULL)
RETURNS TABLE (contact_id bigint, sent integer, longest_streak integer,
    signal_at timestamptz, sent_after integer, replied_after boolean,
    current_streak integer)
AS 'MODULE_PATHNAME', 'smskpi_history_streaks'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION @extschema@.unanswered_streaks(@extschema@.contact_history, integer, interval, timestamptz)
IS 'the contact''s row if it has at least min_streak consecutive unanswered outbound messages: when the "stop texting" signal came, how many messages were sent after it, whether any was answered';

CREATE FUNCTION @extschema@.first_outbound_after(history @extschema@.contact_history, at timestamptz)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'smskpi_first_outbound_after'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_outbound_after(@extschema@.contact_history, timestamptz)
IS 'sent_at of the contact''s first outbound message at or after at that did not fail (speed to lead), NULL if none';

-- falloff_state: the funnel of drip campaigns, summed over contacts -----------------

CREATE TYPE @extschema@.falloff_state;

CREATE FUNCTION @extschema@.falloff_state_in(cstring) RETURNS @extschema@.falloff_state
AS 'MODULE_PATHNAME', 'smskpi_falloff_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.falloff_state_out(@extschema@.falloff_state) RETURNS cstring
AS 'MODULE_PATHNAME', 'smskpi_falloff_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.falloff_state_recv(internal) RETURNS @extschema@.falloff_state
AS 'MODULE_PATHNAME', 'smskpi_falloff_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.falloff_state_send(@extschema@.falloff_state) RETURNS bytea
AS 'MODULE_PATHNAME', 'smskpi_falloff_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.falloff_state (
    INPUT = @extschema@.falloff_state_in,
    OUTPUT = @extschema@.falloff_state_out,
    RECEIVE = @extschema@.falloff_state_recv,
    SEND = @extschema@.falloff_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.falloff_state IS
  'per-step funnel of drip campaigns summed over contacts (counts and the reply delays of the median); merges exactly; text form is \x + hex';
COMMENT ON FUNCTION @extschema@.falloff_state_in(cstring) IS 'input function of smskpi.falloff_state (validates every field)';
COMMENT ON FUNCTION @extschema@.falloff_state_out(@extschema@.falloff_state) IS 'output function of smskpi.falloff_state';
COMMENT ON FUNCTION @extschema@.falloff_state_recv(internal) IS 'binary input function of smskpi.falloff_state (validates every field)';
COMMENT ON FUNCTION @extschema@.falloff_state_send(@extschema@.falloff_state) IS 'binary output function of smskpi.falloff_state';

CREATE FUNCTION @extschema@.falloff_state_sfunc(@extschema@.falloff_state, @extschema@.contact_history)
RETURNS @extschema@.falloff_state AS 'MODULE_PATHNAME', 'smskpi_falloff_state_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.falloff_state_sfunc(@extschema@.falloff_state, @extschema@.contact_history, interval)
RETURNS @extschema@.falloff_state AS 'MODULE_PATHNAME', 'smskpi_falloff_state_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.falloff_state_sfunc(@extschema@.falloff_state, @extschema@.contact_history, interval, timestamptz)
RETURNS @extschema@.falloff_state AS 'MODULE_PATHNAME', 'smskpi_falloff_state_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.falloff_state_sfunc(@extschema@.falloff_state, @extschema@.contact_history)
IS 'transition function of smskpi.falloff_state';
COMMENT ON FUNCTION @extschema@.falloff_state_sfunc(@extschema@.falloff_state, @extschema@.contact_history, interval)
IS 'transition function of smskpi.falloff_state';
COMMENT ON FUNCTION @extschema@.falloff_state_sfunc(@extschema@.falloff_state, @extschema@.contact_history, interval, timestamptz)
IS 'transition function of smskpi.falloff_state';

CREATE FUNCTION @extschema@.falloff_state_combine(@extschema@.falloff_state, @extschema@.falloff_state)
RETURNS @extschema@.falloff_state AS 'MODULE_PATHNAME', 'smskpi_falloff_state_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.falloff_state_combine(@extschema@.falloff_state, @extschema@.falloff_state)
IS 'combine function of the falloff_state aggregates: the two funnels added up';

CREATE AGGREGATE @extschema@.falloff_state(history @extschema@.contact_history) (
  SFUNC = @extschema@.falloff_state_sfunc, STYPE = @extschema@.falloff_state,
  COMBINEFUNC = @extschema@.falloff_state_combine, SSPACE = 65536, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.falloff_state(@extschema@.contact_history)
IS 'the per-step funnel of the contacts'' campaign messages (read it with smskpi.campaign_falloff)';
CREATE AGGREGATE @extschema@.falloff_state(history @extschema@.contact_history, reply_window interval) (
  SFUNC = @extschema@.falloff_state_sfunc, STYPE = @extschema@.falloff_state,
  COMBINEFUNC = @extschema@.falloff_state_combine, SSPACE = 65536, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.falloff_state(@extschema@.contact_history, interval)
IS 'the per-step funnel of the contacts'' campaign messages, replies within reply_window';
CREATE AGGREGATE @extschema@.falloff_state(history @extschema@.contact_history, reply_window interval, stopped_at timestamptz) (
  SFUNC = @extschema@.falloff_state_sfunc, STYPE = @extschema@.falloff_state,
  COMBINEFUNC = @extschema@.falloff_state_combine, SSPACE = 65536, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.falloff_state(@extschema@.contact_history, interval, timestamptz)
IS 'the per-step funnel of the contacts'' campaign messages, replies within reply_window, each contact active until its stopped_at';

CREATE AGGREGATE @extschema@.falloff_state_merge(@extschema@.falloff_state) (
  SFUNC = @extschema@.falloff_state_combine, STYPE = @extschema@.falloff_state,
  COMBINEFUNC = @extschema@.falloff_state_combine, SSPACE = 65536, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.falloff_state_merge(@extschema@.falloff_state)
IS 'merges falloff states of disjoint sets of contacts (e.g. shards, or contact ranges)';

CREATE FUNCTION @extschema@.campaign_falloff(state @extschema@.falloff_state, campaign bigint DEFAULT NULL)
RETURNS TABLE (campaign_id bigint, step integer, recipients bigint, delivered bigint,
    replied bigint, reply_rate double precision, positive_replies bigint,
    opted_out bigint, still_active bigint, median_reply_delay interval,
    reply_rate_change double precision, falloff_point boolean)
AS 'MODULE_PATHNAME', 'smskpi_falloff_state_rows'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.campaign_falloff(@extschema@.falloff_state, bigint)
IS 'per-step funnel of drip campaigns from a falloff_state (recipients, delivered, replied, positive, opted out, still active, median reply delay, change of reply rate) with the falloff point';

-- last_touch: last-touch attribution of a conversion --------------------------------

CREATE FUNCTION @extschema@.last_touch(history @extschema@.contact_history, at timestamptz,
    within interval DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'smskpi_last_touch'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.last_touch(@extschema@.contact_history, timestamptz, interval)
IS 'message_id of the contact''s latest non-failed outbound message at or before at, if sent within the interval before it (last-touch attribution of a conversion); NULL if none';

-- contact_history_splice: a stored history brought up to date -------------------------

CREATE FUNCTION @extschema@.contact_history_splice(old @extschema@.contact_history, since timestamptz,
    new @extschema@.contact_history)
RETURNS @extschema@.contact_history
AS 'MODULE_PATHNAME', 'smskpi_contact_history_splice'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_history_splice(@extschema@.contact_history, timestamptz, @extschema@.contact_history)
IS 'the messages of old sent before since followed by those of new sent at or after since (incremental refresh of stored histories); NULL if none is left';
