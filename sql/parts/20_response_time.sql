-- ---------------------------------------------------------------------------
-- Response times (src/response_state.c, src/response_time.c)
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.response_state;

CREATE FUNCTION @extschema@.response_state_in(cstring) RETURNS @extschema@.response_state
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_state_out(@extschema@.response_state) RETURNS cstring
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_state_recv(internal) RETURNS @extschema@.response_state
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_state_send(@extschema@.response_state) RETURNS bytea
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.response_state (
    INPUT = @extschema@.response_state_in,
    OUTPUT = @extschema@.response_state_out,
    RECEIVE = @extschema@.response_state_recv,
    SEND = @extschema@.response_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.response_state IS
  'partial state of the smskpi response-time aggregates (one record per conversation); text form is \x + hex';
COMMENT ON FUNCTION @extschema@.response_state_in(cstring) IS 'input function of smskpi.response_state (validates every field)';
COMMENT ON FUNCTION @extschema@.response_state_out(@extschema@.response_state) IS 'output function of smskpi.response_state';
COMMENT ON FUNCTION @extschema@.response_state_recv(internal) IS 'binary input function of smskpi.response_state (validates every field)';
COMMENT ON FUNCTION @extschema@.response_state_send(@extschema@.response_state) IS 'binary output function of smskpi.response_state';

CREATE TYPE @extschema@.response_stats AS (
    asked          bigint,      -- conversations with an inbound message (first response) / customer turns (reply time)
    answered       bigint,
    unanswered     bigint,
    median         interval,
    p90            interval,
    mean           interval,
    max            interval,
    windows        interval[],
    answered_within bigint[],   -- answered with a response time <= each window
    share_within   float8[]     -- answered_within / asked
);
COMMENT ON TYPE @extschema@.response_stats IS 'one-pass summary of response times (smskpi.first_response_stats, smskpi.reply_time_stats)';

-- support functions --------------------------------------------------------
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_response_trans_nokey(@extschema@.response_state, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_response_trans_nokey(@extschema@.response_state, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_state_combine(@extschema@.response_state, @extschema@.response_state)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_percentile_final(@extschema@.response_state)
RETURNS interval AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_stats_final(@extschema@.response_state)
RETURNS @extschema@.response_stats AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_stats_final_default(@extschema@.response_state)
RETURNS @extschema@.response_stats AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- functions of a state -----------------------------------------------------
CREATE FUNCTION @extschema@.response_median(@extschema@.response_state)
RETURNS interval AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_percentile(@extschema@.response_state, float8)
RETURNS interval AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_stats(@extschema@.response_state,
    interval[] DEFAULT '{00:15:00,01:00:00,24:00:00}')
RETURNS @extschema@.response_stats AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.response_state_info(state @extschema@.response_state,
    OUT kind text, OUT key_type regtype, OUT conversations bigint, OUT stored_messages bigint,
    OUT bytes bigint, OUT bytes_per_conversation float8)
RETURNS record AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.response_median(@extschema@.response_state) IS 'median response time of a response_state';
COMMENT ON FUNCTION @extschema@.response_percentile(@extschema@.response_state, float8) IS 'response time at a percentile (0..1, as percentile_cont) of a response_state';
COMMENT ON FUNCTION @extschema@.response_stats(@extschema@.response_state, interval[]) IS 'response_stats summary of a response_state, with answered-within windows';
COMMENT ON FUNCTION @extschema@.response_state_info(@extschema@.response_state) IS 'size of a response_state: conversations, stored messages, bytes';
COMMENT ON FUNCTION @extschema@.response_state_combine(@extschema@.response_state, @extschema@.response_state) IS 'combine function of the response-time aggregates';
COMMENT ON FUNCTION @extschema@.response_percentile_final(@extschema@.response_state) IS 'final function of the response-time percentile aggregates';
COMMENT ON FUNCTION @extschema@.response_stats_final(@extschema@.response_state) IS 'final function of the response-time stats aggregates with windows (no rows: NULL windows)';
COMMENT ON FUNCTION @extschema@.response_stats_final_default(@extschema@.response_state) IS 'final function of the response-time stats aggregates without windows (default windows)';
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz) IS 'transition function of the first-response aggregates';
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz) IS 'transition function of the reply-time aggregates';
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the first-response aggregates';
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the reply-time aggregates';
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8) IS 'transition function of the first-response aggregates';
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8) IS 'transition function of the reply-time aggregates';
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the first-response aggregates';
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the reply-time aggregates';
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[]) IS 'transition function of the first-response aggregates';
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[]) IS 'transition function of the reply-time aggregates';
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the first-response aggregates';
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, anyelement, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the reply-time aggregates';
COMMENT ON FUNCTION @extschema@.first_response_trans_nokey(@extschema@.response_state, boolean, timestamptz) IS 'transition function of first_response_time';
COMMENT ON FUNCTION @extschema@.first_response_trans_nokey(@extschema@.response_state, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of first_response_time';

CREATE AGGREGATE @extschema@.median_first_response(conversation anyelement, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation anyelement, inbound boolean, sent_at timestamptz) IS 'median first response time over conversations (earliest outbound at or after the earliest inbound, minus it)';
CREATE AGGREGATE @extschema@.median_first_response(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median first response time counting working time only';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8) IS 'first response time at a percentile (0..1, as percentile_cont)';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'first response time at a percentile, working time only';
CREATE AGGREGATE @extschema@.first_response_stats(conversation anyelement, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation anyelement, inbound boolean, sent_at timestamptz) IS 'first response summary: asked, answered, unanswered, median, p90, mean, max, share within 15 min / 1 h / 24 h';
CREATE AGGREGATE @extschema@.first_response_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[]) IS 'first response summary with answered-within windows';
CREATE AGGREGATE @extschema@.first_response_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'first response summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.first_response_time(inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans_nokey, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_time(inbound boolean, sent_at timestamptz) IS 'first response time of one conversation (the group)';
CREATE AGGREGATE @extschema@.first_response_time(inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans_nokey, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_time(inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first response time of one conversation, working time only';
CREATE AGGREGATE @extschema@.first_response_state(conversation anyelement, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation anyelement, inbound boolean, sent_at timestamptz) IS 'first-response state of the rows, to store, merge or ship (response_median, response_stats...)';
CREATE AGGREGATE @extschema@.first_response_state(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first-response state of the rows, working time only';
CREATE AGGREGATE @extschema@.median_reply_time(conversation anyelement, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation anyelement, inbound boolean, sent_at timestamptz) IS 'median reply time over all customer turns';
CREATE AGGREGATE @extschema@.median_reply_time(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median reply time over all customer turns, working time only';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8) IS 'reply time at a percentile over all customer turns';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation anyelement, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'reply time at a percentile, working time only';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation anyelement, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation anyelement, inbound boolean, sent_at timestamptz) IS 'reply time summary over customer turns';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[]) IS 'reply time summary with answered-within windows';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation anyelement, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'reply time summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.reply_time_state(conversation anyelement, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation anyelement, inbound boolean, sent_at timestamptz) IS 'reply-time state of the rows, to store, merge or ship';
CREATE AGGREGATE @extschema@.reply_time_state(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation anyelement, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'reply-time state of the rows, working time only';
CREATE AGGREGATE @extschema@.response_state_merge(@extschema@.response_state) (
    SFUNC = @extschema@.response_state_combine, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.response_state_merge(@extschema@.response_state) IS 'merges response_state values (e.g. daily states into a monthly one)';

-- concrete conversation key types -------------------------------------------
-- The same aggregates for keys of type bigint, integer, smallint, text, varchar and uuid:
-- Citus splits an aggregate only when the types of its call's arguments are exactly the
-- declared ones, which anyelement never is (doc/citus.md).  Same transition functions
-- (C), which read the key type from their declared argument types when the caller gives
-- no expression tree.

-- bigint keys
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz) IS 'transition function of the first-response aggregates (bigint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the first-response aggregates (bigint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8) IS 'transition function of the first-response aggregates (bigint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the first-response aggregates (bigint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[]) IS 'transition function of the first-response aggregates (bigint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the first-response aggregates (bigint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz) IS 'transition function of the reply-time aggregates (bigint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (bigint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8) IS 'transition function of the reply-time aggregates (bigint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (bigint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[]) IS 'transition function of the reply-time aggregates (bigint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, bigint, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the reply-time aggregates (bigint keys)';
CREATE AGGREGATE @extschema@.median_first_response(conversation bigint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation bigint, inbound boolean, sent_at timestamptz) IS 'median first response time over conversations (earliest outbound at or after the earliest inbound, minus it)';
CREATE AGGREGATE @extschema@.median_first_response(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median first response time counting working time only';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8) IS 'first response time at a percentile (0..1, as percentile_cont)';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'first response time at a percentile, working time only';
CREATE AGGREGATE @extschema@.first_response_stats(conversation bigint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation bigint, inbound boolean, sent_at timestamptz) IS 'first response summary: asked, answered, unanswered, median, p90, mean, max, share within 15 min / 1 h / 24 h';
CREATE AGGREGATE @extschema@.first_response_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[]) IS 'first response summary with answered-within windows';
CREATE AGGREGATE @extschema@.first_response_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'first response summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.first_response_state(conversation bigint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation bigint, inbound boolean, sent_at timestamptz) IS 'first-response state of the rows, to store, merge or ship (response_median, response_stats...)';
CREATE AGGREGATE @extschema@.first_response_state(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first-response state of the rows, working time only';
CREATE AGGREGATE @extschema@.median_reply_time(conversation bigint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation bigint, inbound boolean, sent_at timestamptz) IS 'median reply time over all customer turns';
CREATE AGGREGATE @extschema@.median_reply_time(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median reply time over all customer turns, working time only';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8) IS 'reply time at a percentile over all customer turns';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation bigint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'reply time at a percentile, working time only';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation bigint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation bigint, inbound boolean, sent_at timestamptz) IS 'reply time summary over customer turns';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[]) IS 'reply time summary with answered-within windows';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation bigint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'reply time summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.reply_time_state(conversation bigint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation bigint, inbound boolean, sent_at timestamptz) IS 'reply-time state of the rows, to store, merge or ship';
CREATE AGGREGATE @extschema@.reply_time_state(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation bigint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'reply-time state of the rows, working time only';

-- integer keys
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz) IS 'transition function of the first-response aggregates (integer keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the first-response aggregates (integer keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, float8) IS 'transition function of the first-response aggregates (integer keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the first-response aggregates (integer keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[]) IS 'transition function of the first-response aggregates (integer keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the first-response aggregates (integer keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz) IS 'transition function of the reply-time aggregates (integer keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (integer keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, float8) IS 'transition function of the reply-time aggregates (integer keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (integer keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[]) IS 'transition function of the reply-time aggregates (integer keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, integer, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the reply-time aggregates (integer keys)';
CREATE AGGREGATE @extschema@.median_first_response(conversation integer, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation integer, inbound boolean, sent_at timestamptz) IS 'median first response time over conversations (earliest outbound at or after the earliest inbound, minus it)';
CREATE AGGREGATE @extschema@.median_first_response(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median first response time counting working time only';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8) IS 'first response time at a percentile (0..1, as percentile_cont)';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'first response time at a percentile, working time only';
CREATE AGGREGATE @extschema@.first_response_stats(conversation integer, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation integer, inbound boolean, sent_at timestamptz) IS 'first response summary: asked, answered, unanswered, median, p90, mean, max, share within 15 min / 1 h / 24 h';
CREATE AGGREGATE @extschema@.first_response_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[]) IS 'first response summary with answered-within windows';
CREATE AGGREGATE @extschema@.first_response_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'first response summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.first_response_state(conversation integer, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation integer, inbound boolean, sent_at timestamptz) IS 'first-response state of the rows, to store, merge or ship (response_median, response_stats...)';
CREATE AGGREGATE @extschema@.first_response_state(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first-response state of the rows, working time only';
CREATE AGGREGATE @extschema@.median_reply_time(conversation integer, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation integer, inbound boolean, sent_at timestamptz) IS 'median reply time over all customer turns';
CREATE AGGREGATE @extschema@.median_reply_time(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median reply time over all customer turns, working time only';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8) IS 'reply time at a percentile over all customer turns';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation integer, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'reply time at a percentile, working time only';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation integer, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation integer, inbound boolean, sent_at timestamptz) IS 'reply time summary over customer turns';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[]) IS 'reply time summary with answered-within windows';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation integer, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'reply time summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.reply_time_state(conversation integer, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation integer, inbound boolean, sent_at timestamptz) IS 'reply-time state of the rows, to store, merge or ship';
CREATE AGGREGATE @extschema@.reply_time_state(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation integer, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'reply-time state of the rows, working time only';

-- smallint keys
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz) IS 'transition function of the first-response aggregates (smallint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the first-response aggregates (smallint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8) IS 'transition function of the first-response aggregates (smallint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the first-response aggregates (smallint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[]) IS 'transition function of the first-response aggregates (smallint keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the first-response aggregates (smallint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz) IS 'transition function of the reply-time aggregates (smallint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (smallint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8) IS 'transition function of the reply-time aggregates (smallint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (smallint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[]) IS 'transition function of the reply-time aggregates (smallint keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, smallint, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the reply-time aggregates (smallint keys)';
CREATE AGGREGATE @extschema@.median_first_response(conversation smallint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation smallint, inbound boolean, sent_at timestamptz) IS 'median first response time over conversations (earliest outbound at or after the earliest inbound, minus it)';
CREATE AGGREGATE @extschema@.median_first_response(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median first response time counting working time only';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8) IS 'first response time at a percentile (0..1, as percentile_cont)';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'first response time at a percentile, working time only';
CREATE AGGREGATE @extschema@.first_response_stats(conversation smallint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation smallint, inbound boolean, sent_at timestamptz) IS 'first response summary: asked, answered, unanswered, median, p90, mean, max, share within 15 min / 1 h / 24 h';
CREATE AGGREGATE @extschema@.first_response_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[]) IS 'first response summary with answered-within windows';
CREATE AGGREGATE @extschema@.first_response_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'first response summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.first_response_state(conversation smallint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation smallint, inbound boolean, sent_at timestamptz) IS 'first-response state of the rows, to store, merge or ship (response_median, response_stats...)';
CREATE AGGREGATE @extschema@.first_response_state(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first-response state of the rows, working time only';
CREATE AGGREGATE @extschema@.median_reply_time(conversation smallint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation smallint, inbound boolean, sent_at timestamptz) IS 'median reply time over all customer turns';
CREATE AGGREGATE @extschema@.median_reply_time(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median reply time over all customer turns, working time only';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8) IS 'reply time at a percentile over all customer turns';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation smallint, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'reply time at a percentile, working time only';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation smallint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation smallint, inbound boolean, sent_at timestamptz) IS 'reply time summary over customer turns';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[]) IS 'reply time summary with answered-within windows';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation smallint, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'reply time summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.reply_time_state(conversation smallint, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation smallint, inbound boolean, sent_at timestamptz) IS 'reply-time state of the rows, to store, merge or ship';
CREATE AGGREGATE @extschema@.reply_time_state(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation smallint, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'reply-time state of the rows, working time only';

-- text keys
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz) IS 'transition function of the first-response aggregates (text keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the first-response aggregates (text keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, float8) IS 'transition function of the first-response aggregates (text keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the first-response aggregates (text keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, interval[]) IS 'transition function of the first-response aggregates (text keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, text, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the first-response aggregates (text keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz) IS 'transition function of the reply-time aggregates (text keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (text keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, float8) IS 'transition function of the reply-time aggregates (text keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (text keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, interval[]) IS 'transition function of the reply-time aggregates (text keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, text, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the reply-time aggregates (text keys)';
CREATE AGGREGATE @extschema@.median_first_response(conversation text, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation text, inbound boolean, sent_at timestamptz) IS 'median first response time over conversations (earliest outbound at or after the earliest inbound, minus it)';
CREATE AGGREGATE @extschema@.median_first_response(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median first response time counting working time only';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8) IS 'first response time at a percentile (0..1, as percentile_cont)';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'first response time at a percentile, working time only';
CREATE AGGREGATE @extschema@.first_response_stats(conversation text, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation text, inbound boolean, sent_at timestamptz) IS 'first response summary: asked, answered, unanswered, median, p90, mean, max, share within 15 min / 1 h / 24 h';
CREATE AGGREGATE @extschema@.first_response_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[]) IS 'first response summary with answered-within windows';
CREATE AGGREGATE @extschema@.first_response_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'first response summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.first_response_state(conversation text, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation text, inbound boolean, sent_at timestamptz) IS 'first-response state of the rows, to store, merge or ship (response_median, response_stats...)';
CREATE AGGREGATE @extschema@.first_response_state(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first-response state of the rows, working time only';
CREATE AGGREGATE @extschema@.median_reply_time(conversation text, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation text, inbound boolean, sent_at timestamptz) IS 'median reply time over all customer turns';
CREATE AGGREGATE @extschema@.median_reply_time(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median reply time over all customer turns, working time only';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8) IS 'reply time at a percentile over all customer turns';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation text, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'reply time at a percentile, working time only';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation text, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation text, inbound boolean, sent_at timestamptz) IS 'reply time summary over customer turns';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[]) IS 'reply time summary with answered-within windows';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation text, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'reply time summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.reply_time_state(conversation text, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation text, inbound boolean, sent_at timestamptz) IS 'reply-time state of the rows, to store, merge or ship';
CREATE AGGREGATE @extschema@.reply_time_state(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation text, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'reply-time state of the rows, working time only';

-- varchar keys
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz) IS 'transition function of the first-response aggregates (varchar keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the first-response aggregates (varchar keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8) IS 'transition function of the first-response aggregates (varchar keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the first-response aggregates (varchar keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[]) IS 'transition function of the first-response aggregates (varchar keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the first-response aggregates (varchar keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz) IS 'transition function of the reply-time aggregates (varchar keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (varchar keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8) IS 'transition function of the reply-time aggregates (varchar keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (varchar keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[]) IS 'transition function of the reply-time aggregates (varchar keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, varchar, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the reply-time aggregates (varchar keys)';
CREATE AGGREGATE @extschema@.median_first_response(conversation varchar, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation varchar, inbound boolean, sent_at timestamptz) IS 'median first response time over conversations (earliest outbound at or after the earliest inbound, minus it)';
CREATE AGGREGATE @extschema@.median_first_response(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median first response time counting working time only';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8) IS 'first response time at a percentile (0..1, as percentile_cont)';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'first response time at a percentile, working time only';
CREATE AGGREGATE @extschema@.first_response_stats(conversation varchar, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation varchar, inbound boolean, sent_at timestamptz) IS 'first response summary: asked, answered, unanswered, median, p90, mean, max, share within 15 min / 1 h / 24 h';
CREATE AGGREGATE @extschema@.first_response_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[]) IS 'first response summary with answered-within windows';
CREATE AGGREGATE @extschema@.first_response_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'first response summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.first_response_state(conversation varchar, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation varchar, inbound boolean, sent_at timestamptz) IS 'first-response state of the rows, to store, merge or ship (response_median, response_stats...)';
CREATE AGGREGATE @extschema@.first_response_state(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first-response state of the rows, working time only';
CREATE AGGREGATE @extschema@.median_reply_time(conversation varchar, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation varchar, inbound boolean, sent_at timestamptz) IS 'median reply time over all customer turns';
CREATE AGGREGATE @extschema@.median_reply_time(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median reply time over all customer turns, working time only';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8) IS 'reply time at a percentile over all customer turns';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation varchar, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'reply time at a percentile, working time only';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation varchar, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation varchar, inbound boolean, sent_at timestamptz) IS 'reply time summary over customer turns';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[]) IS 'reply time summary with answered-within windows';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation varchar, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'reply time summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.reply_time_state(conversation varchar, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation varchar, inbound boolean, sent_at timestamptz) IS 'reply-time state of the rows, to store, merge or ship';
CREATE AGGREGATE @extschema@.reply_time_state(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation varchar, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'reply-time state of the rows, working time only';

-- uuid keys
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz) IS 'transition function of the first-response aggregates (uuid keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the first-response aggregates (uuid keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8) IS 'transition function of the first-response aggregates (uuid keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the first-response aggregates (uuid keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[]) IS 'transition function of the first-response aggregates (uuid keys)';
CREATE FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_response_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the first-response aggregates (uuid keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz) IS 'transition function of the reply-time aggregates (uuid keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (uuid keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8) IS 'transition function of the reply-time aggregates (uuid keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8, @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, float8, @extschema@.business_hours) IS 'transition function of the reply-time aggregates (uuid keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[])
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[]) IS 'transition function of the reply-time aggregates (uuid keys)';
CREATE FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[], @extschema@.business_hours)
RETURNS @extschema@.response_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_time_trans(@extschema@.response_state, uuid, boolean, timestamptz, interval[], @extschema@.business_hours) IS 'transition function of the reply-time aggregates (uuid keys)';
CREATE AGGREGATE @extschema@.median_first_response(conversation uuid, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation uuid, inbound boolean, sent_at timestamptz) IS 'median first response time over conversations (earliest outbound at or after the earliest inbound, minus it)';
CREATE AGGREGATE @extschema@.median_first_response(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_first_response(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median first response time counting working time only';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8) IS 'first response time at a percentile (0..1, as percentile_cont)';
CREATE AGGREGATE @extschema@.first_response_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'first response time at a percentile, working time only';
CREATE AGGREGATE @extschema@.first_response_stats(conversation uuid, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation uuid, inbound boolean, sent_at timestamptz) IS 'first response summary: asked, answered, unanswered, median, p90, mean, max, share within 15 min / 1 h / 24 h';
CREATE AGGREGATE @extschema@.first_response_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[]) IS 'first response summary with answered-within windows';
CREATE AGGREGATE @extschema@.first_response_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'first response summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.first_response_state(conversation uuid, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation uuid, inbound boolean, sent_at timestamptz) IS 'first-response state of the rows, to store, merge or ship (response_median, response_stats...)';
CREATE AGGREGATE @extschema@.first_response_state(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.first_response_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.first_response_state(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'first-response state of the rows, working time only';
CREATE AGGREGATE @extschema@.median_reply_time(conversation uuid, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation uuid, inbound boolean, sent_at timestamptz) IS 'median reply time over all customer turns';
CREATE AGGREGATE @extschema@.median_reply_time(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_median,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.median_reply_time(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'median reply time over all customer turns, working time only';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8) IS 'reply time at a percentile over all customer turns';
CREATE AGGREGATE @extschema@.reply_time_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_percentile_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_percentile(conversation uuid, inbound boolean, sent_at timestamptz, fraction float8, hours @extschema@.business_hours) IS 'reply time at a percentile, working time only';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation uuid, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final_default,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation uuid, inbound boolean, sent_at timestamptz) IS 'reply time summary over customer turns';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[]) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[]) IS 'reply time summary with answered-within windows';
CREATE AGGREGATE @extschema@.reply_time_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    FINALFUNC = @extschema@.response_stats_final,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_stats(conversation uuid, inbound boolean, sent_at timestamptz, windows interval[], hours @extschema@.business_hours) IS 'reply time summary with answered-within windows, working time only';
CREATE AGGREGATE @extschema@.reply_time_state(conversation uuid, inbound boolean, sent_at timestamptz) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation uuid, inbound boolean, sent_at timestamptz) IS 'reply-time state of the rows, to store, merge or ship';
CREATE AGGREGATE @extschema@.reply_time_state(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) (
    SFUNC = @extschema@.reply_time_trans, STYPE = @extschema@.response_state,
    COMBINEFUNC = @extschema@.response_state_combine,
    SSPACE = 1048576, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.reply_time_state(conversation uuid, inbound boolean, sent_at timestamptz, hours @extschema@.business_hours) IS 'reply-time state of the rows, working time only';
