-- smskpi--0.2.0--0.3.0.sql: update from 0.2.0 to 0.3.0 (ALTER EXTENSION smskpi UPDATE).
--
-- Whoever changes sql/parts/*.sql for 0.3.0 adds the same change here: new objects
-- (CREATE ..., COMMENT ON ..., GRANT ...), changed ones (ALTER FUNCTION ..., or DROP and
-- CREATE when the signature changes: mind user objects that depend on them), removed
-- ones (DROP ...). Same conventions as the install script (@extschema@.name, no
-- CREATE OR REPLACE of a function that 0.2.0 did not have). test/shell/upgrade.sh
-- installs every earlier version, runs ALTER EXTENSION smskpi UPDATE and fails on any
-- difference from a fresh CREATE EXTENSION smskpi (see doc/CONTRIBUTING.md, "Versions
-- and upgrades").

\echo Use "ALTER EXTENSION smskpi UPDATE TO '0.3.0'" to load this file. \quit

-- Response-time aggregates with concrete key types, for Citus (sql/parts/20_response_time.sql) --
-- (begin)
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
-- (end of the response-time section)

-- Per-contact campaign analytics (sql/parts/41_contact_history.sql) -----------------

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

-- KPI views: the base view kpi_contacts (per-contact histories) feeds the campaign views;
-- ids keep their type; incremental rollups (sql/parts/50_views.sql).  Re-run
-- create_kpi_views after the update.  The signatures of create_kpi_views,
-- refresh_kpi_views and kpi_view_definitions changed: dropped and created again.

DROP FUNCTION @extschema@.create_kpi_views(name, regclass, regclass, regclass, regclass, regclass, regclass,
    boolean, text, @extschema@.business_hours, interval, interval);
DROP FUNCTION @extschema@.refresh_kpi_views(name, boolean);
DROP FUNCTION @extschema@.kpi_view_definitions();

CREATE FUNCTION @extschema@.kpi_view_sql(target_schema name, rels regclass[], time_zone text,
    hours @extschema@.business_hours, conversion_window interval, click_min_delay interval,
    reply_window interval, incremental boolean)
RETURNS TABLE (view_name text, level integer, ord integer, key_columns text[], description text,
               query text, refresh text, refresh_query text, delete_sql text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
DECLARE
    srcs text[] := ARRAY['messages', 'link_clicks', 'conversions', 'consent_events',
                         'conversation_events', 'holdout_contacts'];
    tcols text[] := ARRAY['sent_at', 'clicked_at', 'converted_at', 'occurred_at', 'occurred_at', NULL];
    srcq text[] := '{}';    -- the sources as sub-selects with the contract's columns
    srcw text[] := '{}';    -- the same, rows at or after $1 (the window)
    srcm text[] := '{}';    -- the same, rows of the window's month or later
    cols text;
    tok text[];             -- token names
    full_val text[];        -- their values in a view's query
    ref_val text[];         -- in a refresh query
    d record;
    q text;
    rq text;
    strat text;
    mapping text[];
    i int;
    t text;
    sq text := quote_ident(target_schema);
    tz text := quote_literal(time_zone);
    rw text;
    wmsg text;
    emsg text;
    month_start text := format('(date_trunc(''month'', $2::timestamp) AT TIME ZONE %L)', time_zone);
BEGIN
    FOR i IN 1 .. 6 LOOP
        cols := NULL;
        IF rels[i] IS NOT NULL THEN
            SELECT string_agg(
                       CASE split_part(s, ':', 2)
                           WHEN 'int' THEN format('%I::integer AS %I', split_part(s, ':', 1), split_part(s, ':', 1))
                           WHEN 'number' THEN format('%I::numeric AS %I', split_part(s, ':', 1), split_part(s, ':', 1))
                           WHEN 'text' THEN format('%I::text AS %I', split_part(s, ':', 1), split_part(s, ':', 1))
                           ELSE format('%I', split_part(s, ':', 1)) END, ', ' ORDER BY o)
                   || format(' FROM %I.%I', n.nspname, c.relname)
            INTO cols
            FROM unnest(CASE srcs[i]
                WHEN 'messages' THEN ARRAY['message_id:id', 'conversation_id:id', 'contact_id:id',
                    'direction:text', 'sent_at:t', 'status:text', 'error_code:int', 'body:text',
                    'media_count:int', 'campaign_id:id', 'campaign_step:int', 'list_id:id', 'agent_id:id']
                WHEN 'link_clicks' THEN ARRAY['message_id:id', 'clicked_at:t']
                WHEN 'conversions' THEN ARRAY['contact_id:id', 'converted_at:t', 'revenue:number', 'message_id:id']
                WHEN 'consent_events' THEN ARRAY['contact_id:id', 'list_id:id', 'event:text', 'occurred_at:t', 'source:text']
                WHEN 'conversation_events' THEN ARRAY['conversation_id:id', 'event:text', 'occurred_at:t']
                WHEN 'holdout_contacts' THEN ARRAY['contact_id:id', 'campaign_id:id'] END) WITH ORDINALITY u(s, o),
                 pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = rels[i]
            GROUP BY n.nspname, c.relname;
        END IF;
        srcq := srcq || ('(SELECT ' || cols || ')');
        IF i = 1 THEN
            wmsg := format('SELECT %s WHERE %I >= $1', cols, tcols[i]);
            emsg := format('SELECT %s WHERE %I < $1 AND %I >= (SELECT b.early_from FROM pg_temp.smskpi_bounds b)',
                           cols, tcols[i], tcols[i]);
        END IF;
        srcw := srcw || CASE WHEN tcols[i] IS NULL THEN '(SELECT ' || cols || ')'
                             ELSE format('(SELECT %s WHERE %I >= $1)', cols, tcols[i]) END;
        srcm := srcm || CASE WHEN tcols[i] IS NULL THEN '(SELECT ' || cols || ')'
                             ELSE format('(SELECT %s WHERE %I >= %s)', cols, tcols[i], month_start) END;
    END LOOP;
    -- a refresh reads the window's messages once, into a temporary table that every rollup
    -- and key set reads (refresh_kpi_views makes it from the row 'smskpi_window_messages'
    -- below; the source's rows are spread over its pages, one scan instead of one per rollup)
    -- The messages before the window that some rollups read (those of the affected
    -- conversations, of the conversations of the days a refresh replaces, of the window's
    -- month) are read once too, into pg_temp.smskpi_early_messages: the rows from the
    -- earliest start of those conversations, or the month's start, to the window.
    IF incremental THEN
        srcw[1] := '(SELECT * FROM pg_temp.smskpi_window_messages)';
        srcm[1] := format('(SELECT * FROM pg_temp.smskpi_window_messages UNION ALL SELECT * FROM pg_temp.smskpi_early_messages e0 WHERE e0.sent_at >= %s)', month_start);
    END IF;

    -- in incremental rollups every attribution is bounded by the reply window (which
    -- create_kpi_views checked is at most the lookback), opt-outs too
    rw := CASE WHEN reply_window IS NULL THEN 'NULL::interval' ELSE quote_literal(reply_window::text) || '::interval' END;

    -- tokens ({ATTR} first: it contains other tokens; {M} after {MW}... are told apart by
    -- their braces)
    tok := ARRAY['{ATTR}', '{S}', '{TZ}', '{CW}', '{CMD}', '{BH}', '{RW}', '{OW}',
                 '{M}', '{LC}', '{CV}', '{CE}', '{VE}', '{HC}', '{LC0}', '{CV0}', '{HAS_LC}', '{HAS_CV}',
                 '{MW}', '{LCW}', '{CVW}', '{CEW}', '{MMW}', '{CVMW}', '{MCONV}', '{MCDAY}',
                 '{ACON}', '{ACONV}', '{ACAMP}', '{OUT}', '{CLICKF}', '{STLF}', '{BHV}', '{FENCE}', '{CVCAMP}', '{FRDUR}'];
    full_val := ARRAY[
        CASE WHEN rels[3] IS NULL THEN
            'attr AS (SELECT NULL::bigint AS contact_id, NULL::timestamptz AS converted_at, NULL::numeric AS revenue, NULL::bigint AS message_id WHERE false)'
        ELSE $a$attr AS (   -- last touch: smskpi.last_touch over the contact's history
    SELECT v.contact_id, v.converted_at, v.revenue,
           coalesce(v.message_id, @extschema@.last_touch(c.history, v.converted_at, {CW})) AS message_id
    FROM {CV} v LEFT JOIN {S}.kpi_contacts c ON c.contact_id = v.contact_id
    WHERE v.converted_at IS NOT NULL)$a$ END,
        sq, tz, quote_literal(conversion_window::text) || '::interval',
        quote_literal(click_min_delay::text) || '::interval',
        CASE WHEN hours IS NULL THEN '' ELSE ', ' || quote_literal(hours::text) || '::@extschema@.business_hours' END,
        rw, CASE WHEN incremental THEN rw ELSE 'NULL::interval' END,
        srcq[1], srcq[2], srcq[3], srcq[4], srcq[5], srcq[6],
        coalesce(srcq[2], '(SELECT NULL::bigint AS message_id, NULL::timestamptz AS clicked_at WHERE false)'),
        coalesce(srcq[3], '(SELECT NULL::bigint AS contact_id, NULL::timestamptz AS converted_at, NULL::numeric AS revenue, NULL::bigint AS message_id WHERE false)'),
        (rels[2] IS NOT NULL)::text, (rels[3] IS NOT NULL)::text,
        srcw[1], coalesce(srcw[2], '(SELECT NULL::bigint AS message_id, NULL::timestamptz AS clicked_at WHERE false)'),
        coalesce(srcw[3], '(SELECT NULL::bigint AS contact_id, NULL::timestamptz AS converted_at, NULL::numeric AS revenue, NULL::bigint AS message_id WHERE false)'),
        srcw[4], srcm[1],
        coalesce(srcm[3], '(SELECT NULL::bigint AS contact_id, NULL::timestamptz AS converted_at, NULL::numeric AS revenue, NULL::bigint AS message_id WHERE false)'),
        -- messages of the conversations a refresh replaces / from the earliest start of
        -- those whose day it replaces (the rollups that read them join them with those
        -- conversations); none is older than the earliest start of those conversations
        -- (the stored one, or the window for a new conversation).  Both come from the
        -- window's copy and the copy of the messages before it (smskpi_early_messages,
        -- which starts at the earliest of those starts as they were before the refresh).
        -- A conversation of a day the refresh of kpi_conversations adds can start earlier
        -- only if a message older than the window appeared since the last refresh (outside
        -- the lookback contract); the source itself is read for that part, an empty range
        -- otherwise (rows with a NULL time count nowhere).
        format('(SELECT m0.* FROM %1$s m0 WHERE EXISTS (SELECT 1 FROM pg_temp.smskpi_affected_conversations a0 WHERE a0.conversation_id = m0.conversation_id AND a0.contact_id IS NOT DISTINCT FROM m0.contact_id) UNION ALL SELECT m0.* FROM pg_temp.smskpi_early_messages m0 WHERE m0.sent_at >= (SELECT b.conv_from FROM pg_temp.smskpi_bounds b) AND EXISTS (SELECT 1 FROM pg_temp.smskpi_affected_conversations a0 WHERE a0.conversation_id = m0.conversation_id AND a0.contact_id IS NOT DISTINCT FROM m0.contact_id))', srcw[1]),
        format('(WITH f AS MATERIALIZED (SELECT min(c0.started_at) AS f FROM %2$s.kpi_conversations c0 WHERE c0.day >= $2 OR c0.day IN (SELECT a0.day FROM pg_temp.smskpi_affected_days a0)) SELECT m0.* FROM %3$s m0, f WHERE m0.sent_at >= f.f UNION ALL SELECT m0.* FROM pg_temp.smskpi_early_messages m0, f WHERE m0.sent_at >= f.f UNION ALL SELECT m0.* FROM %1$s m0, f WHERE m0.sent_at >= f.f AND m0.sent_at < (SELECT b.early_from FROM pg_temp.smskpi_bounds b))', srcq[1], sq, srcw[1]),
        'pg_temp.smskpi_affected_contacts', 'pg_temp.smskpi_affected_conversations', 'pg_temp.smskpi_affected_campaigns',
        -- outbound messages: the source itself in views, the rollup's sends in rollups
        CASE WHEN incremental THEN format('(SELECT o.message_id, o.contact_id, o.campaign_id, o.campaign_step, o.sent_at FROM %s.kpi_sends o)', sq)
             ELSE format('(SELECT o.message_id, o.contact_id, o.campaign_id, o.campaign_step, o.sent_at FROM %s o WHERE o.direction = ''outbound'')', srcq[1]) END,
        -- rollups bound the clicks of a message and the first contact of a lead by the reply window
        CASE WHEN incremental THEN format('l.clicked_at <= m.sent_at + %s', rw) ELSE 'true' END,
        CASE WHEN incremental THEN format('y.x <= e.occurred_at + %s', rw) ELSE 'true' END,
        -- the schedule as a value
        CASE WHEN hours IS NULL THEN 'NULL::@extschema@.business_hours' ELSE quote_literal(hours::text) || '::@extschema@.business_hours' END,
        -- in a refresh, a function over each affected contact's history runs once per
        -- contact, before its rows are joined to the messages (the planner would otherwise
        -- join first and call it once per message)
        CASE WHEN incremental THEN 'OFFSET 0' ELSE '' END,
        -- the conversions a refresh of the affected campaigns reads: none before their
        -- first send counts for them (last touch is a message before the conversion), but
        -- one that names its message
        CASE WHEN rels[3] IS NULL THEN '(SELECT NULL::bigint AS contact_id, NULL::timestamptz AS converted_at, NULL::numeric AS revenue, NULL::bigint AS message_id WHERE false)'
             ELSE format('(SELECT v0.* FROM %1$s v0 WHERE v0.converted_at >= (SELECT min(s0.sent_at) FROM %2$s.kpi_sends s0 WHERE s0.campaign_id IN (SELECT a0.campaign_id FROM pg_temp.smskpi_affected_campaigns a0)) OR v0.message_id IS NOT NULL)', srcq[3], sq) END,
        -- the first response times of conversations c, a duration_state, in the response
        -- states' form: hours, minutes, seconds (no days), so that percentiles equal theirs
        -- value for value (kpi_first_response, kpi_first_response_monthly)
        format($d$@extschema@.duration_state(coalesce(@extschema@.business_time(%s, c.first_inbound_at, c.first_response_at),
                                  (extract(epoch FROM c.first_response_at - c.first_inbound_at) * 1000000)::bigint
                                    * interval '1 microsecond'))$d$,
               CASE WHEN hours IS NULL THEN 'NULL::@extschema@.business_hours' ELSE quote_literal(hours::text) || '::@extschema@.business_hours' END)];

    FOR d IN SELECT * FROM @extschema@.kpi_view_definitions() x
             WHERE NOT EXISTS (SELECT 1 FROM unnest(x.sources) r WHERE rels[array_position(srcs, r)] IS NULL)
             ORDER BY x.level, x.ord LOOP
        view_name := d.view_name;
        level := d.level;
        ord := d.ord;
        key_columns := d.key_columns;
        description := d.description;
        refresh := split_part(d.refresh, ' ', 1);
        strat := refresh;

        -- the view's query: filters of the refresh off
        q := regexp_replace(d.query, '\{(CAMPF|CONF|DAYF|SINCE)\(\w+\)\}', 'true', 'g');
        FOR i IN 1 .. array_length(tok, 1) LOOP
            q := replace(q, tok[i], coalesce(full_val[i], 'NULL'));
        END LOOP;
        query := q;

        refresh_query := NULL;
        delete_sql := NULL;
        IF incremental AND strat <> 'view' THEN
            -- the sources of the window: by default the rows at or after $1; a view can
            -- name others (e.g. M=MCDAY: the messages of the conversations whose day it
            -- replaces)
            ref_val := full_val;
            ref_val[array_position(tok, '{M}')] := srcw[1];
            ref_val[array_position(tok, '{LC}')] := full_val[array_position(tok, '{LCW}')];
            ref_val[array_position(tok, '{LC0}')] := full_val[array_position(tok, '{LCW}')];
            ref_val[array_position(tok, '{CV}')] := full_val[array_position(tok, '{CVW}')];
            ref_val[array_position(tok, '{CV0}')] := full_val[array_position(tok, '{CVW}')];
            ref_val[array_position(tok, '{CE}')] := srcw[4];
            IF strat IN ('campaigns', 'steps', 'contacts', 'conversations', 'latest', 'list') THEN
                -- these read every row of what they replace (a campaign's whole history,
                -- a contact's or conversation's messages) or choose their own sources
                ref_val[array_position(tok, '{M}')] := srcq[1];
                ref_val[array_position(tok, '{LC}')] := full_val[array_position(tok, '{LC}')];
                ref_val[array_position(tok, '{LC0}')] := full_val[array_position(tok, '{LC0}')];
                ref_val[array_position(tok, '{CV}')] := full_val[array_position(tok, '{CV}')];
                ref_val[array_position(tok, '{CV0}')] := full_val[array_position(tok, '{CV0}')];
                ref_val[array_position(tok, '{CE}')] := srcq[4];
            END IF;
            IF strat = 'latest' THEN
                ref_val[array_position(tok, '{M}')] := srcw[1];
            END IF;
            FOREACH t IN ARRAY coalesce(string_to_array(nullif(substr(d.refresh, length(strat) + 2), ''), ' '), '{}') LOOP
                ref_val[array_position(tok, '{' || split_part(t, '=', 1) || '}')] :=
                    full_val[array_position(tok, '{' || split_part(t, '=', 2) || '}')];
            END LOOP;
            IF d.view_name = 'kpi_sends' THEN
                ref_val[array_position(tok, '{M}')] := srcw[1];
            END IF;

            rq := CASE strat
                WHEN 'days' THEN 'SELECT * FROM (' || d.query || ') q WHERE q.day >= $2'
                WHEN 'convdays' THEN d.query
                WHEN 'firstdays' THEN d.query
                WHEN 'months' THEN 'SELECT * FROM (' || d.query || ') q WHERE q.month >= date_trunc(''month'', $2::timestamp)::date'
                WHEN 'latest' THEN replace(d.refresh_query, '{Q}', d.query)
                ELSE coalesce(d.refresh_query, d.query) END;
            rq := replace(rq, '{CAMPF(', '{CAMPF:');
            IF strat = 'steps' THEN
                -- the affected blasts (campaign and step) only, among the affected campaigns'
                -- sends: the rows of the other steps of those campaigns do not change
                rq := regexp_replace(rq, '\{CAMPF:(\w+)\)\}',
                                     'coalesce((\1.campaign_id, \1.campaign_step IS NULL, coalesce(\1.campaign_step, 0)) IN (SELECT a2.campaign_id, a2.campaign_step IS NULL, coalesce(a2.campaign_step, 0) FROM pg_temp.smskpi_affected_steps a2), false)', 'g');
            END IF;
            -- (inside coalesce, so that it stays a filter of the scan, a hashed subplan: a
            -- top-level IN becomes a semi join, which the planner can put above a LATERAL
            -- function whose rows it cannot estimate, as a nested loop over the keys)
            rq := regexp_replace(rq, '\{CAMPF:(\w+)\)\}', 'coalesce(\1.campaign_id IN (SELECT a1.campaign_id FROM pg_temp.smskpi_affected_campaigns a1), false)', 'g');
            rq := regexp_replace(rq, '\{CONF\((\w+)\)\}', 'coalesce(\1.contact_id IN (SELECT a1.contact_id FROM pg_temp.smskpi_affected_contacts a1), false)', 'g');
            rq := regexp_replace(rq, '\{DAYF\((\w+)\)\}',
                                 '(\1.day >= $2 OR \1.day IN (SELECT a1.day FROM pg_temp.smskpi_affected_days a1))', 'g');
            rq := regexp_replace(rq, '\{SINCE\((\w+)\)\}', '\1.sent_at >= $1', 'g');
            FOR i IN 1 .. array_length(tok, 1) LOOP
                rq := replace(rq, tok[i], coalesce(ref_val[i], 'NULL'));
            END LOOP;
            IF strat IN ('campaigns', 'steps') THEN
                -- the affected campaigns' sends, read once (refresh_kpi_views copies them
                -- after kpi_sends is refreshed): every query of this strategy filters by them
                rq := replace(rq, sq || '.kpi_sends', 'pg_temp.smskpi_campaign_sends');
            END IF;
            refresh_query := rq;
            delete_sql := format(CASE strat
                WHEN 'days' THEN 'DELETE FROM %1$s.%2$I WHERE day >= $2'
                WHEN 'list' THEN 'DELETE FROM %1$s.%2$I WHERE day >= $2'
                WHEN 'convdays' THEN 'DELETE FROM %1$s.%2$I WHERE day >= $2 OR day IN (SELECT a.day FROM pg_temp.smskpi_affected_days a)'
                WHEN 'firstdays' THEN 'DELETE FROM %1$s.%2$I WHERE day >= $2 OR day IN (SELECT a.day FROM pg_temp.smskpi_first_days a)'
                WHEN 'months' THEN 'DELETE FROM %1$s.%2$I WHERE month >= date_trunc(''month'', $2::timestamp)::date'
                WHEN 'since' THEN 'DELETE FROM %1$s.%2$I t WHERE t.sent_at >= $1'
                WHEN 'latest' THEN 'DELETE FROM %1$s.%2$I'
                WHEN 'campaigns' THEN 'DELETE FROM %1$s.%2$I t USING pg_temp.smskpi_affected_campaigns a WHERE t.campaign_id = a.campaign_id'
                WHEN 'steps' THEN 'DELETE FROM %1$s.%2$I t USING pg_temp.smskpi_affected_steps a WHERE t.campaign_id = a.campaign_id AND t.campaign_step IS NOT DISTINCT FROM a.campaign_step'
                WHEN 'contacts' THEN 'DELETE FROM %1$s.%2$I t USING pg_temp.smskpi_affected_contacts a WHERE t.contact_id = a.contact_id'
                WHEN 'conversations' THEN 'DELETE FROM %1$s.%2$I t USING pg_temp.smskpi_affected_conversations a WHERE t.conversation_id = a.conversation_id AND t.contact_id IS NOT DISTINCT FROM a.contact_id'
                END, sq, d.view_name);
            IF strat = 'firstdays' THEN
                -- the days before the window whose conversations' first responses changed,
                -- not every day of a conversation with a new message (refresh_kpi_views)
                refresh_query := replace(refresh_query, 'pg_temp.smskpi_affected_days', 'pg_temp.smskpi_first_days');
            END IF;
            IF strat IN ('since', 'contacts') THEN
                -- the per-message and per-contact rollups keep the rows that did not change
                -- (most of those a refresh recomputes: equal byte for byte), so a refresh
                -- writes what changed; refresh_kpi_views then inserts the new rows whose key
                -- is not there.  (Not kpi_conversations: its rows are narrow, and matching
                -- its many affected keys costs more than rewriting them.)
                delete_sql := delete_sql || format(
                    ' AND NOT EXISTS (SELECT 1 FROM pg_temp.smskpi_new n WHERE %s AND (n OPERATOR(pg_catalog.*=) t) IS TRUE)',
                    (SELECT string_agg(format('n.%1$I = t.%1$I', k), ' AND ') FROM unnest(d.key_columns) k));
            END IF;
        END IF;
        RETURN NEXT;
    END LOOP;

    IF incremental THEN
        -- the keys the per-entity rollups replace: contacts and conversations with a message
        -- in the window (or a stored one, which may be gone), campaigns with a send in it or
        -- a stored send a conversion window's length before it
        level := -1;
        ord := 0;
        key_columns := NULL;
        description := NULL;
        query := NULL;
        delete_sql := NULL;
        refresh := 'affected';
        FOR ord, view_name, refresh_query IN VALUES
            (0, 'smskpi_window_messages', wmsg),
            (1, 'smskpi_affected_contacts',
             'SELECT m.contact_id FROM {MW} m WHERE m.contact_id IS NOT NULL UNION SELECT o.contact_id FROM {S}.kpi_contacts o WHERE o.last_at >= $1'),
            (2, 'smskpi_affected_conversations',
             'SELECT m.contact_id, m.conversation_id FROM {MW} m WHERE m.conversation_id IS NOT NULL UNION SELECT o.contact_id, o.conversation_id FROM {S}.kpi_conversations o WHERE o.last_at >= $1'),
            (3, 'smskpi_affected_days',
             'SELECT c.day FROM {S}.kpi_conversations c JOIN pg_temp.smskpi_affected_conversations a ON a.conversation_id = c.conversation_id AND a.contact_id IS NOT DISTINCT FROM c.contact_id WHERE c.day < $2'
             || CASE WHEN rels[5] IS NULL THEN '' ELSE
                ' UNION SELECT c.day FROM {VE} e JOIN {S}.kpi_conversations c ON c.conversation_id = e.conversation_id WHERE e.occurred_at >= $1 - interval ''72 hours'' AND c.day < $2' END),
            -- the blasts (campaign and step; kpi_campaign_report replaces them) and campaigns
            (4, 'smskpi_affected_steps',
             'SELECT m.campaign_id, m.campaign_step FROM {MW} m WHERE m.direction = ''outbound'' AND m.campaign_id IS NOT NULL UNION SELECT s.campaign_id, s.campaign_step FROM {S}.kpi_sends s WHERE s.sent_at >= $1 - {CW} AND s.campaign_id IS NOT NULL'),
            (5, 'smskpi_affected_campaigns', 'SELECT DISTINCT a.campaign_id FROM pg_temp.smskpi_affected_steps a'),
            -- where the messages before the window that a refresh reads start (the earliest
            -- stored start of an affected conversation, or of a conversation of a day it
            -- replaces, or the window's month), and those messages
            (6, 'smskpi_bounds',
             'SELECT x.conv_from, least(x.conv_from, (SELECT min(c0.started_at) FROM {S}.kpi_conversations c0 WHERE c0.day >= $2 OR c0.day IN (SELECT a0.day FROM pg_temp.smskpi_affected_days a0)), '
             || month_start || ') AS early_from FROM (SELECT min(o0.started_at) AS conv_from FROM {S}.kpi_conversations o0 JOIN pg_temp.smskpi_affected_conversations a0 ON a0.conversation_id = o0.conversation_id AND a0.contact_id IS NOT DISTINCT FROM o0.contact_id) x'),
            (7, 'smskpi_early_messages', emsg)
        LOOP
            FOR i IN 1 .. array_length(tok, 1) LOOP
                refresh_query := replace(refresh_query, tok[i], coalesce(full_val[i], 'NULL'));
            END LOOP;
            RETURN NEXT;
        END LOOP;
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.kpi_view_sql(name, regclass[], text, @extschema@.business_hours, interval, interval, interval, boolean) IS
'the queries of the KPI views for a target schema and sources (used by create_kpi_views and refresh_kpi_views): the view query, and for incremental rollups the strategy, refresh query and delete statement';

-- create_kpi_views -----------------------------------------------------------------

CREATE FUNCTION @extschema@.create_kpi_views(
    target_schema name,
    messages regclass,
    link_clicks regclass DEFAULT NULL,
    conversions regclass DEFAULT NULL,
    consent_events regclass DEFAULT NULL,
    conversation_events regclass DEFAULT NULL,
    holdout_contacts regclass DEFAULT NULL,
    materialized boolean DEFAULT false,
    time_zone text DEFAULT 'UTC',
    hours @extschema@.business_hours DEFAULT NULL,
    conversion_window interval DEFAULT '7 days',
    click_min_delay interval DEFAULT '5 seconds',
    incremental boolean DEFAULT false,
    lookback interval DEFAULT '7 days',
    reply_window interval DEFAULT NULL)
RETURNS SETOF regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
DECLARE
    nsp oid;
    problems text[];
    srcs text[] := ARRAY['messages', 'link_clicks', 'conversions', 'consent_events',
                         'conversation_events', 'holdout_contacts'];
    rels regclass[];
    v record;
    q text;
    missing text[];
    skipped text := '';
    created text[] := '{}';
    marker text;
    hashagg text := current_setting('enable_hashagg');
    rw interval := reply_window;
    post_ddl text[] := '{}';
BEGIN
    IF target_schema IS NULL OR messages IS NULL THEN
        RAISE EXCEPTION 'target_schema and messages must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT n.oid INTO nsp FROM pg_namespace n WHERE n.nspname = target_schema;
    IF nsp IS NULL THEN
        RAISE EXCEPTION 'schema "%" does not exist', target_schema
            USING ERRCODE = 'invalid_schema_name', HINT = format('CREATE SCHEMA %I;', target_schema);
    END IF;
    IF target_schema IN ('pg_catalog', 'information_schema', 'pg_toast', '@extschema@')
       OR target_schema LIKE 'pg\_temp\_%' OR target_schema LIKE 'pg\_toast\_temp\_%' THEN
        RAISE EXCEPTION 'cannot create KPI views in schema "%"', target_schema
            USING ERRCODE = 'invalid_schema_name', HINT = 'Use a schema of your own, e.g. CREATE SCHEMA kpi;';
    END IF;
    IF NOT has_schema_privilege(nsp, 'CREATE') THEN
        RAISE EXCEPTION 'permission denied to create KPI views in schema "%"', target_schema
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('The schema owner can run: GRANT CREATE ON SCHEMA %I TO %I;', target_schema, current_user);
    END IF;
    IF time_zone IS NULL OR conversion_window IS NULL OR click_min_delay IS NULL OR materialized IS NULL
       OR incremental IS NULL OR lookback IS NULL THEN
        RAISE EXCEPTION 'materialized, incremental, time_zone, conversion_window, click_min_delay and lookback must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM now() AT TIME ZONE time_zone;          -- an unknown zone is an error here
    IF conversion_window <= interval '0' OR click_min_delay < interval '0' THEN
        RAISE EXCEPTION 'conversion_window must be positive and click_min_delay not negative'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF lookback <= interval '0' OR rw <= interval '0' THEN
        RAISE EXCEPTION 'lookback and reply_window must be positive'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF incremental THEN
        -- every attribution of a rollup is bounded, by no more than the lookback: a refresh
        -- then never has to change a row older than the lookback
        rw := coalesce(rw, lookback);
        IF rw > lookback OR conversion_window > lookback THEN
            RAISE EXCEPTION 'reply_window and conversion_window must not be longer than lookback in incremental rollups'
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('lookback %s, reply_window %s, conversion_window %s.', lookback, rw, conversion_window),
                      HINT = 'A refresh recomputes the days since its watermark less the lookback; a longer window would change older rows.';
        END IF;
    END IF;

    -- the data contract: every problem of every relation in one error
    rels := ARRAY[messages, link_clicks, conversions, consent_events, conversation_events, holdout_contacts];

    -- rollups are plain tables of this node, and a refresh joins them (and temporary
    -- tables of the keys it replaces) with the sources: Citus does not join a local table
    -- with a distributed one, so on Citus rollups over distributed or reference tables are
    -- refused here, before anything is created (doc/citus.md)
    IF incremental AND to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        EXECUTE 'SELECT array_agg(r::text ORDER BY k) FROM unnest($1) WITH ORDINALITY u(r, k)
                 WHERE r IN (SELECT p.logicalrelid FROM pg_catalog.pg_dist_partition p)'
            INTO missing USING rels;
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'incremental KPI rollups over Citus tables are not supported'
                USING ERRCODE = 'feature_not_supported',
                      DETAIL = format('Citus tables: %s. Rollups are tables of the coordinator, and Citus does not join them with distributed tables.', array_to_string(missing, ', ')),
                      HINT = 'Use materialized => true (refresh_kpi_views recomputes them on the workers), or plain views.';
        END IF;
    END IF;
    SELECT array_agg(p) INTO problems
    FROM generate_subscripts(rels, 1) g(k),
         LATERAL @extschema@.kpi_source_problems(rels[k], srcs[k]) p
    WHERE rels[k] IS NOT NULL;
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'the relations do not match the smskpi data contract'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = array_to_string(problems, E'\n'),
                  HINT = 'Ids may be bigint or integer, texts text or varchar, times timestamptz; see doc/views.md. A view over your table can rename or cast columns.';
    END IF;

    -- relations in the way that are not ours
    SELECT array_agg(format('%I.%I', target_schema, c.relname) ORDER BY c.relname) INTO problems
    FROM pg_class c
    WHERE c.relnamespace = nsp
      AND (c.relname IN (SELECT d.view_name FROM @extschema@.kpi_view_definitions() d) OR c.relname = 'kpi_rollup_state')
      AND coalesce(obj_description(c.oid, 'pg_class'), '') NOT LIKE 'smskpi KPI %';
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'relations that smskpi did not create are in the way: %', array_to_string(problems, ', ')
            USING ERRCODE = 'duplicate_table', HINT = 'Rename or drop them, or use another target schema.';
    END IF;

    -- drop what an earlier run created (dependants first)
    FOR v IN
        SELECT c.relname, c.relkind
        FROM pg_class c LEFT JOIN @extschema@.kpi_view_definitions() d ON d.view_name = c.relname
        WHERE c.relnamespace = nsp AND c.relkind IN ('v', 'm', 'r')
          AND (d.view_name IS NOT NULL OR c.relname = 'kpi_rollup_state')
          AND obj_description(c.oid, 'pg_class') LIKE 'smskpi KPI %'
        ORDER BY coalesce(d.level, -1) DESC, d.ord DESC
    LOOP
        BEGIN
            EXECUTE format('DROP %s %I.%I', CASE v.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'r' THEN 'TABLE' ELSE 'VIEW' END,
                           target_schema, v.relname);
        EXCEPTION WHEN dependent_objects_still_exist THEN
            RAISE EXCEPTION 'cannot replace %.%: objects of yours depend on it', quote_ident(target_schema), quote_ident(v.relname)
                USING ERRCODE = 'dependent_objects_still_exist',
                      HINT = 'Drop them, run create_kpi_views again, then create them again (smskpi never drops them with CASCADE).';
        END;
    END LOOP;

    marker := format('smskpi KPI view (smskpi %s, create_kpi_views%s)',
                     (SELECT extversion FROM pg_extension WHERE extname = 'smskpi'),
                     CASE WHEN incremental THEN ', incremental rollup' ELSE '' END);
    IF incremental THEN
        EXECUTE format($t$CREATE TABLE %I.kpi_rollup_state (
                sources regclass[] NOT NULL, time_zone text NOT NULL, hours @extschema@.business_hours,
                conversion_window interval NOT NULL, click_min_delay interval NOT NULL,
                reply_window interval NOT NULL, lookback interval NOT NULL,
                watermarks timestamptz[], window_start timestamptz, refreshed_at timestamptz)$t$, target_schema);
        EXECUTE format('INSERT INTO %I.kpi_rollup_state VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, NULL)', target_schema)
            USING rels, time_zone, hours, conversion_window, click_min_delay, rw, lookback;
        EXECUTE format('COMMENT ON TABLE %I.kpi_rollup_state IS %L', target_schema,
                       format('smskpi KPI rollup state (smskpi %s): the sources and options of the rollups of this schema, and the watermarks of their last refresh',
                              (SELECT extversion FROM pg_extension WHERE extname = 'smskpi')));
    END IF;

    FOR v IN SELECT d.*, k.view_name AS def_name, k.sources AS needs
             FROM @extschema@.kpi_view_definitions() k
             LEFT JOIN @extschema@.kpi_view_sql(target_schema, rels, time_zone, hours, conversion_window,
                                                click_min_delay, rw, incremental) d ON d.view_name = k.view_name
             ORDER BY k.level, k.ord LOOP
        IF v.view_name IS NULL THEN
            SELECT array_agg(r) INTO missing FROM unnest(v.needs) r WHERE rels[array_position(srcs, r)] IS NULL;
            skipped := skipped || format(E'\n%s (no %s given)', v.def_name, array_to_string(missing, ', '));
            CONTINUE;
        END IF;
        q := v.query;
        IF v.view_name = 'kpi_vs_target' THEN
            -- kpi_vs_target reads whichever views exist
            q := replace(@extschema@.kpi_vs_target_query(created), '{S}', quote_ident(target_schema));
        END IF;
        IF v.level < 9 AND incremental THEN
            EXECUTE format('CREATE TABLE %I.%I AS %s WITH NO DATA', target_schema, v.view_name, q);
            -- its indexes are made after the first computation (faster than kept up row by row)
            post_ddl := post_ddl || format('CREATE UNIQUE INDEX %I ON %I.%I (%s) NULLS NOT DISTINCT',
                           v.view_name || '_key', target_schema, v.view_name,
                           (SELECT string_agg(quote_ident(k), ', ') FROM unnest(v.key_columns) k));
            -- what a refresh looks rows up by
            IF v.refresh IN ('days', 'list', 'months', 'since') THEN
                post_ddl := post_ddl || format('CREATE INDEX %I ON %I.%I (%I)', v.view_name || '_refresh', target_schema, v.view_name,
                               CASE v.refresh WHEN 'months' THEN 'month' WHEN 'since' THEN 'sent_at' ELSE 'day' END);
            END IF;
            IF v.view_name IN ('kpi_contacts', 'kpi_conversations') THEN
                post_ddl := post_ddl || format('CREATE INDEX %I ON %I.%I (last_at)', v.view_name || '_last_at', target_schema, v.view_name);
            END IF;
            IF v.view_name = 'kpi_conversations' THEN
                post_ddl := post_ddl || format('CREATE INDEX %I ON %I.%I (day)', v.view_name || '_day', target_schema, v.view_name);
            END IF;
            IF v.view_name = 'kpi_sends' THEN
                post_ddl := post_ddl || format('CREATE INDEX %I ON %I.%I (day)', 'kpi_sends_day', target_schema, v.view_name);
                post_ddl := post_ddl || format('CREATE INDEX %I ON %I.%I (campaign_id)', 'kpi_sends_campaign', target_schema, v.view_name);
            END IF;
            EXECUTE format('COMMENT ON TABLE %I.%I IS %L', target_schema, v.view_name, marker || ': ' || v.description);
        ELSIF materialized AND v.level < 9 THEN
            IF v.view_name = 'kpi_contacts' THEN
                -- (refresh_kpi_views says why: the histories are aggregated in order)
                PERFORM set_config('enable_hashagg', 'off', true);
            END IF;
            EXECUTE format('CREATE MATERIALIZED VIEW %I.%I AS %s', target_schema, v.view_name, q);
            PERFORM set_config('enable_hashagg', hashagg, true);
            EXECUTE format('CREATE UNIQUE INDEX %I ON %I.%I (%s) NULLS NOT DISTINCT',
                           v.view_name || '_key', target_schema, v.view_name,
                           (SELECT string_agg(quote_ident(k), ', ') FROM unnest(v.key_columns) k));
            EXECUTE format('COMMENT ON MATERIALIZED VIEW %I.%I IS %L', target_schema, v.view_name,
                           marker || ': ' || v.description);
        ELSE
            EXECUTE format('CREATE VIEW %I.%I WITH (security_invoker = true) AS %s', target_schema, v.view_name, q);
            EXECUTE format('COMMENT ON VIEW %I.%I IS %L', target_schema, v.view_name, marker || ': ' || v.description);
        END IF;
        created := created || v.view_name::text;
        RETURN NEXT format('%I.%I', target_schema, v.view_name)::regclass;
    END LOOP;
    IF skipped <> '' THEN
        RAISE NOTICE 'KPI views not created:%', skipped;
    END IF;
    IF incremental THEN
        -- the first computation is a refresh from the beginning of time, then the indexes
        -- (the unique ones check the keys) and the statistics the next refresh plans with
        PERFORM @extschema@.refresh_kpi_views(target_schema, full => true);
        FOREACH q IN ARRAY post_ddl LOOP
            EXECUTE q;
        END LOOP;
        FOREACH q IN ARRAY created LOOP
            IF q <> 'kpi_vs_target' THEN
                EXECUTE format('ANALYZE %I.%I', target_schema, q);
            END IF;
        END LOOP;
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.create_kpi_views(name, regclass, regclass, regclass, regclass, regclass, regclass,
    boolean, text, @extschema@.business_hours, interval, interval, boolean, interval, interval) IS
'creates (or replaces) the smskpi KPI views in target_schema over your tables: plain views (security_invoker), materialized views with unique indexes for REFRESH CONCURRENTLY (materialized => true), or incremental rollup tables that refresh_kpi_views keeps up to date from a watermark (incremental => true); returns the views created';

-- refresh_kpi_views ---------------------------------------------------------------

CREATE FUNCTION @extschema@.refresh_kpi_views(target_schema name, concurrent boolean DEFAULT true,
                                              "full" boolean DEFAULT false)
RETURNS TABLE (view_name regclass, seconds float8)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
DECLARE
    v record;
    st record;
    t0 timestamptz;
    n int := 0;
    nsp oid;
    incr boolean;
    tcols text[] := ARRAY['sent_at', 'clicked_at', 'converted_at', 'occurred_at', 'occurred_at', NULL];
    marks timestamptz[] := '{}';
    mk timestamptz;
    from_ts timestamptz;
    from_day date;
    sq text := quote_ident(target_schema);
    i int;
    phys_order text;
    nestloop text := current_setting('enable_nestloop');
    hashagg text := current_setting('enable_hashagg');
BEGIN
    SELECT oid INTO nsp FROM pg_namespace WHERE nspname = target_schema;
    IF nsp IS NULL THEN
        RAISE EXCEPTION 'schema "%" does not exist', target_schema USING ERRCODE = 'invalid_schema_name';
    END IF;
    IF concurrent IS NULL OR "full" IS NULL THEN
        RAISE EXCEPTION 'concurrent and full must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- two refreshes of a schema wait for each other (until the first one's transaction ends)
    PERFORM pg_advisory_xact_lock(hashtext('smskpi.refresh_kpi_views'), hashtext(target_schema));
    incr := EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = nsp AND c.relname = 'kpi_rollup_state'
                    AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') LIKE 'smskpi KPI rollup state%');

    IF NOT incr THEN
        FOR v IN
            SELECT c.oid, c.relname, c.relispopulated
            FROM pg_class c
            JOIN @extschema@.kpi_view_definitions() d ON d.view_name = c.relname
            WHERE c.relnamespace = nsp AND c.relkind = 'm'
              AND obj_description(c.oid, 'pg_class') LIKE 'smskpi KPI view%'
            ORDER BY d.level, d.ord
        LOOP
            t0 := clock_timestamp();
            IF v.relname = 'kpi_contacts' THEN
                -- (see below: the histories are aggregated in order)
                PERFORM set_config('enable_hashagg', 'off', true);
            END IF;
            EXECUTE format('REFRESH MATERIALIZED VIEW %s %I.%I',
                           CASE WHEN concurrent AND v.relispopulated THEN 'CONCURRENTLY' ELSE '' END,
                           target_schema, v.relname);
            PERFORM set_config('enable_hashagg', hashagg, true);
            n := n + 1;
            view_name := v.oid::regclass;
            seconds := extract(epoch FROM clock_timestamp() - t0);
            RETURN NEXT;
        END LOOP;
        IF n = 0 THEN
            RAISE NOTICE 'no smskpi materialized KPI views in schema "%"', target_schema;
        END IF;
        RETURN;
    END IF;

    -- incremental rollups: recompute what can have changed since the last refresh
    EXECUTE format('SELECT * FROM %s.kpi_rollup_state', sq) INTO STRICT st;
    -- this refresh's watermarks: the latest time of each source (not in the future)
    FOR i IN 1 .. 6 LOOP
        mk := NULL;
        IF st.sources[i] IS NOT NULL AND tcols[i] IS NOT NULL THEN
            EXECUTE format('SELECT least(max(%I), now()) FROM %s', tcols[i], st.sources[i]) INTO mk;
        END IF;
        marks := marks || mk;
    END LOOP;
    -- the window: from the latest watermark of the last refresh less the lookback and the
    -- longest attribution window, at the start of its day in the rollups' time zone
    -- (everything on a full refresh).  The latest, not the earliest: a source that stops
    -- getting rows (or lags, as clicks do after the last campaign) must not hold the
    -- window back, or every refresh would re-read more history than the last.
    -- (a change at or after watermark - lookback reaches back a reply or conversion window:
    -- a reply counts for a message up to reply_window before it)
    from_ts := CASE WHEN "full" OR st.watermarks IS NULL THEN '-infinity'::timestamptz
                    ELSE coalesce((SELECT max(w) FROM unnest(st.watermarks) w), '-infinity'::timestamptz)
                         - st.lookback - greatest(st.reply_window, st.conversion_window) END;
    from_day := (from_ts AT TIME ZONE st.time_zone)::date;
    from_ts := from_day::timestamp AT TIME ZONE st.time_zone;

    -- what the per-entity rollups replace, read before any of them changes
    FOR v IN SELECT c.relname, c.relkind FROM pg_class c
             WHERE c.relnamespace = pg_my_temp_schema()
               AND c.relname IN ('smskpi_sql', 'smskpi_new', 'smskpi_affected_contacts',
                                 'smskpi_affected_conversations', 'smskpi_affected_days', 'smskpi_first_days',
                                 'smskpi_affected_campaigns', 'smskpi_affected_steps', 'smskpi_window_messages', 'smskpi_campaign_sends',
                                 'smskpi_bounds', 'smskpi_early_messages') LOOP
        -- an earlier refresh in this transaction (or, a view, in this session)
        EXECUTE format('DROP %s pg_temp.%I', CASE WHEN v.relkind = 'v' THEN 'VIEW' ELSE 'TABLE' END, v.relname);
    END LOOP;
    CREATE TEMP TABLE smskpi_sql ON COMMIT DROP AS
    SELECT * FROM @extschema@.kpi_view_sql(target_schema, st.sources, st.time_zone, st.hours,
                                           st.conversion_window, st.click_min_delay, st.reply_window, true);
    FOR v IN SELECT x.view_name, x.refresh_query FROM pg_temp.smskpi_sql x WHERE x.refresh = 'affected' ORDER BY x.ord LOOP
        IF v.view_name = 'smskpi_window_messages' AND from_ts = '-infinity' THEN
            -- everything: the source itself, not a copy
            EXECUTE format('CREATE TEMP VIEW %I AS %s', v.view_name,
                           replace(v.refresh_query, '$1', quote_literal(from_ts) || '::timestamptz'));
            CONTINUE;
        END IF;
        IF v.view_name = 'smskpi_early_messages' AND from_ts = '-infinity' THEN
            -- nothing is before the window (without reading the source for it)
            v.refresh_query := 'SELECT * FROM pg_temp.smskpi_window_messages WHERE false';
        END IF;
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS %s', v.view_name, v.refresh_query) USING from_ts, from_day;
        EXECUTE format('ANALYZE pg_temp.%I', v.view_name);
    END LOOP;

    -- each rollup: its new rows, computed first (some read the rows they replace), then
    -- the rows they replace deleted and the new ones inserted
    FOR v IN
        SELECT x.*, c.oid AS rel,
               (SELECT d.refresh_query IS NULL FROM @extschema@.kpi_view_definitions() d
                WHERE d.view_name = x.view_name) AS by_view_query
        FROM pg_temp.smskpi_sql x
        JOIN pg_class c ON c.relnamespace = nsp AND c.relname = x.view_name AND c.relkind = 'r'
        WHERE x.refresh NOT IN ('affected', 'view')
        ORDER BY x.level, x.ord
    LOOP
        t0 := clock_timestamp();
        -- a full refresh writes the base rollups in the order of the time a refresh reads
        -- them by (the sends' sent_at, the contacts' and conversations' last_at): a refresh's
        -- window is then a range of their pages, not rows on nearly every page (they are
        -- computed contact by contact).  The rows a refresh replaces are recent ones, and
        -- so are the rows that take their place.
        phys_order := CASE WHEN from_ts = '-infinity' THEN
                          CASE v.view_name WHEN 'kpi_sends' THEN ' ORDER BY sent_at'
                                           WHEN 'kpi_contacts' THEN ' ORDER BY last_at'
                                           WHEN 'kpi_conversations' THEN ' ORDER BY last_at' ELSE '' END
                      ELSE '' END;
        IF v.level > 0 AND to_regclass('pg_temp.smskpi_campaign_sends') IS NULL THEN
            -- the sends of the affected campaigns, once kpi_sends is up to date (all of
            -- them, the rollup itself, on a full refresh)
            IF from_ts = '-infinity' THEN
                EXECUTE format('CREATE TEMP VIEW smskpi_campaign_sends AS SELECT * FROM %s.kpi_sends', sq);
            ELSE
                EXECUTE format('CREATE TEMP TABLE smskpi_campaign_sends ON COMMIT DROP AS SELECT s.* FROM %s.kpi_sends s WHERE s.campaign_id IN (SELECT a.campaign_id FROM pg_temp.smskpi_affected_campaigns a)', sq);
                ANALYZE pg_temp.smskpi_campaign_sends;
            END IF;
        END IF;
        IF from_ts = '-infinity' AND v.by_view_query THEN
            -- everything, for a rollup whose refresh query is its view query with filters:
            -- the view query's rows, without the filters by the keys it replaces (a
            -- DELETE, not TRUNCATE, so that readers keep reading)
            EXECUTE format('DELETE FROM %s', v.rel::regclass);
            EXECUTE format('INSERT INTO %s SELECT * FROM (%s) q%s', v.rel::regclass, v.query, phys_order) USING from_ts, from_day;
        ELSE
            IF v.view_name = 'kpi_contacts' THEN
                -- the contacts' histories are aggregated from messages sorted by contact, one
                -- history in memory at a time.  Hashed, every contact's history is in memory
                -- at once, and keeps growing after the hash table spills (the rows of the
                -- contacts it holds are still added to them): memory that grows with the
                -- history, and slower (once, on a 3M-message database: hashed 381 MB and
                -- 7.8 s, sorted 4.6 s).
                PERFORM set_config('enable_hashagg', 'off', true);
            END IF;
            EXECUTE 'CREATE TEMP TABLE smskpi_new ON COMMIT DROP AS ' || v.refresh_query USING from_ts, from_day;
            PERFORM set_config('enable_hashagg', hashagg, true);
            IF v.refresh IN ('since', 'contacts') THEN
                -- the new rows are joined with the old ones, by hashing: the planner takes
                -- a NULL-safe key match for one row and would loop over the new rows for each
                ANALYZE pg_temp.smskpi_new;
                PERFORM set_config('enable_nestloop', 'off', true);
            END IF;
            IF v.view_name = 'kpi_conversations' AND from_ts > '-infinity' THEN
                -- the days before the window whose first responses change: those of the
                -- affected conversations whose row changes in what a first response depends
                -- on (its first inbound message and the first outbound one at or after it,
                -- its day, hour and agent), before and after; a new message in an answered
                -- conversation changes none of them.  (conversation_id is the rollup's key.)
                EXECUTE format($q$CREATE TEMP TABLE smskpi_first_days ON COMMIT DROP AS
                    SELECT DISTINCT d.day
                    FROM (SELECT x.* FROM %s.kpi_conversations x JOIN pg_temp.smskpi_affected_conversations a
                            ON a.conversation_id = x.conversation_id AND a.contact_id IS NOT DISTINCT FROM x.contact_id) o
                    FULL JOIN pg_temp.smskpi_new n ON n.conversation_id = o.conversation_id
                    CROSS JOIN LATERAL (VALUES (o.day), (n.day)) d(day)
                    WHERE d.day < $1
                      AND (o.day, o.hour, o.agent_id, o.first_inbound_at, o.first_response_at, o.contact_id)
                          IS DISTINCT FROM (n.day, n.hour, n.agent_id, n.first_inbound_at, n.first_response_at, n.contact_id)$q$, sq)
                    USING from_day;
                ANALYZE pg_temp.smskpi_first_days;
            END IF;
            EXECUTE v.delete_sql USING from_ts, from_day;
            IF v.refresh IN ('since', 'contacts') THEN
                -- the rows kept are those equal to their new row (kpi_view_sql's delete_sql)
                -- (kpi_sends: its rows kept are in the window, so only the window is looked at)
                EXECUTE format('INSERT INTO %1$s SELECT n.* FROM pg_temp.smskpi_new n WHERE NOT EXISTS (SELECT 1 FROM %1$s t WHERE %2$s%3$s)%4$s',
                               v.rel::regclass, (SELECT string_agg(format('t.%1$I = n.%1$I', k), ' AND ') FROM unnest(v.key_columns) k),
                               CASE WHEN v.refresh = 'since' THEN ' AND t.sent_at >= $1' ELSE '' END, phys_order)
                    USING from_ts;
                PERFORM set_config('enable_nestloop', nestloop, true);
            ELSE
                EXECUTE format('INSERT INTO %s SELECT * FROM pg_temp.smskpi_new%s', v.rel::regclass, phys_order);
            END IF;
            DROP TABLE pg_temp.smskpi_new;
        END IF;
        IF v.level = 0 THEN
            -- the base rollups are read by the others: plan those with fresh statistics
            EXECUTE format('ANALYZE %s', v.rel::regclass);
        END IF;
        IF v.view_name = 'kpi_conversations' AND from_ts > '-infinity' THEN
            -- the days the affected conversations belong to now
            EXECUTE format($q$INSERT INTO pg_temp.smskpi_affected_days
                SELECT c.day FROM %s.kpi_conversations c JOIN pg_temp.smskpi_affected_conversations a
                  ON a.conversation_id = c.conversation_id AND a.contact_id IS NOT DISTINCT FROM c.contact_id
                WHERE c.day < $1$q$, sq) USING from_day;
            ANALYZE pg_temp.smskpi_affected_days;
        END IF;
        n := n + 1;
        view_name := v.rel::regclass;
        seconds := extract(epoch FROM clock_timestamp() - t0);
        RETURN NEXT;
    END LOOP;
    DROP TABLE pg_temp.smskpi_sql, pg_temp.smskpi_affected_contacts, pg_temp.smskpi_affected_conversations,
               pg_temp.smskpi_affected_days, pg_temp.smskpi_affected_campaigns, pg_temp.smskpi_affected_steps,
               pg_temp.smskpi_bounds, pg_temp.smskpi_early_messages;
    DROP TABLE IF EXISTS pg_temp.smskpi_first_days;
    IF from_ts = '-infinity' THEN
        DROP VIEW pg_temp.smskpi_window_messages;
        DROP VIEW IF EXISTS pg_temp.smskpi_campaign_sends;
    ELSE
        DROP TABLE pg_temp.smskpi_window_messages;
        DROP TABLE IF EXISTS pg_temp.smskpi_campaign_sends;
    END IF;
    EXECUTE format('UPDATE %s.kpi_rollup_state SET watermarks = $1, window_start = $2, refreshed_at = now()', sq)
        USING marks, from_ts;
END
$fn$;
COMMENT ON FUNCTION @extschema@.refresh_kpi_views(name, boolean, boolean) IS
'refreshes the KPI views that create_kpi_views made in target_schema: materialized views (base views first; CONCURRENTLY by default, so readers are never blocked), or incremental rollups (the days since the watermark of the last refresh less the lookback, in one transaction; full => true recomputes everything); returns the seconds each took';

-- kpi_view_definitions: the templates ---------------------------------------------
--
-- Tokens, replaced by create_kpi_views with quoted names and literals only:
--   {S} target schema, {TZ} time zone, {CW} conversion window, {CMD} click_min_delay,
--   {BH} ", <business_hours>" or nothing, {M} {LC} {CV} {CE} {VE} {HC} the source
--   relations as sub-selects that cast the contract's columns to bigint/integer/text/
--   numeric, {LC0} {CV0} the same or an empty relation, {HAS_LC} {HAS_CV} true/false,
--   {ATTR} the conversion attribution CTEs (attr_ev, attr_g, attr).
-- level 0 = base views other views read (refreshed first), 1 = the KPI views,
-- 9 = kpi_vs_target (always a plain view; its query is made by kpi_vs_target_query).

CREATE FUNCTION @extschema@.kpi_view_definitions()
RETURNS TABLE (view_name text, level integer, ord integer, sources text[], key_columns text[],
               description text, query text, refresh text, refresh_query text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
SELECT d.view_name, d.level, d.ord, d.sources, d.key_columns, d.description, d.query, d.refresh, d.refresh_query
FROM (VALUES
('kpi_contacts', 0, 0, ARRAY['messages'], ARRAY['contact_id'],
 'one row per contact: its messages as a smskpi.contact_history, which the campaign views read (reply attribution, falloff, streaks, speed to lead)',
 $q$SELECT m.contact_id, max(m.sent_at) AS last_at,
       @extschema@.contact_history(m.contact_id, m.conversation_id, m.message_id, m.direction, m.sent_at,
                                   m.status, m.body, m.media_count, m.campaign_id, m.campaign_step) AS history
FROM {M} m
WHERE m.contact_id IS NOT NULL AND m.direction IS NOT NULL AND m.sent_at IS NOT NULL
GROUP BY m.contact_id$q$,
 'contacts',
 $r$SELECT a.contact_id, (@extschema@.contact_history_info(n.history)).last_at, n.history
FROM {ACON} a
LEFT JOIN {S}.kpi_contacts o ON o.contact_id = a.contact_id
LEFT JOIN (SELECT m.contact_id,
                  @extschema@.contact_history(m.contact_id, m.conversation_id, m.message_id, m.direction, m.sent_at,
                                              m.status, m.body, m.media_count, m.campaign_id, m.campaign_step) AS h
           FROM {MW} m
           WHERE m.contact_id IS NOT NULL AND m.direction IS NOT NULL
           GROUP BY m.contact_id) w ON w.contact_id = a.contact_id
CROSS JOIN LATERAL (SELECT @extschema@.contact_history_splice(o.history, $1, w.h) AS history) n
WHERE n.history IS NOT NULL$r$),

('kpi_sends', 0, 1, ARRAY['messages'], ARRAY['message_id'],
 'one row per outbound message: time buckets, dimensions, delivery, credits, emoji, link, position, reply attribution (smskpi.reply_attribution)',
 $q$SELECT a.message_id, a.sent_at,
       (a.sent_at AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', a.sent_at AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', a.sent_at AT TIME ZONE {TZ})::date AS month,
       extract(hour FROM a.sent_at AT TIME ZONE {TZ})::integer AS hour,
       m.contact_id, a.conversation_id, a.campaign_id, a.campaign_step, m.list_id, m.agent_id,
       CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel,
       a."position", m.status, m.error_code, a.delivered, a.failed,
       CASE WHEN m.media_count > 0 THEN 1 ELSE @extschema@.sms_segments(coalesce(m.body, '')) END AS credits,
       coalesce(@extschema@.has_emoji(m.body), false) AS emoji,
       coalesce(m.body ~* 'https?://', false) AS has_link,
       a.replied, a.replies, a.reply_delay, a.reply_intent, a.reply_sentiment, a.positive, a.opted_out, a.still_active
FROM (SELECT c.contact_id AS cid, a.* FROM {S}.kpi_contacts c
      CROSS JOIN LATERAL @extschema@.reply_attribution(c.history, {RW}, NULL, 1, {OW}) a
      WHERE {CONF(c)} AND {SINCE(a)} {FENCE}) a
-- (joined by kpi_contacts' own contact_id: on Citus the join is by the distribution column)
JOIN {M} m ON m.contact_id = a.cid AND m.message_id = a.message_id AND m.direction = 'outbound'$q$,
 'since', NULL),

('kpi_conversations', 0, 2, ARRAY['messages'], ARRAY['conversation_id'],
 'one row per conversation: contact, start, first inbound message, whether the customer started it, first response and the agent who gave it (NULL = automation or unanswered)',
 $q$SELECT s.conversation_id, s.contact_id, min(s.sent_at) AS started_at,
       s.first_in AS first_inbound_at,
       s.first_in IS NOT NULL AND s.first_in <= coalesce(min(s.sent_at) FILTER (WHERE s.direction = 'outbound'), s.first_in) AS customer_initiated,
       (coalesce(s.first_in, min(s.sent_at)) AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', coalesce(s.first_in, min(s.sent_at)) AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', coalesce(s.first_in, min(s.sent_at)) AT TIME ZONE {TZ})::date AS month,
       extract(hour FROM coalesce(s.first_in, min(s.sent_at)) AT TIME ZONE {TZ})::integer AS hour,
       s.first_out AS first_response_at,
       s.first_out - s.first_in AS first_response_time,
       (array_agg(s.agent_id ORDER BY s.message_id) FILTER (WHERE s.direction = 'outbound' AND s.sent_at = s.first_out))[1] AS agent_id,
       max(s.campaign_id) AS campaign_id,
       count(*) AS messages,
       count(*) FILTER (WHERE s.direction = 'inbound') AS inbound,
       max(s.sent_at) AS last_at
FROM (SELECT w.*, min(w.sent_at) FILTER (WHERE w.direction = 'outbound' AND w.sent_at >= w.first_in)
                    OVER (PARTITION BY w.contact_id, w.conversation_id) AS first_out
      FROM (SELECT m.conversation_id, m.contact_id, m.message_id, m.direction, m.sent_at, m.agent_id, m.campaign_id,
                   min(m.sent_at) FILTER (WHERE m.direction = 'inbound') OVER (PARTITION BY m.contact_id, m.conversation_id) AS first_in
            FROM {M} m WHERE m.conversation_id IS NOT NULL AND m.sent_at IS NOT NULL) w) s
GROUP BY s.contact_id, s.conversation_id, s.first_in, s.first_out$q$,
 'conversations M=MCONV', NULL),

('kpi_message_volume', 1, 1, ARRAY['messages'], ARRAY['day', 'campaign_id', 'list_id', 'agent_id', 'channel'],
 'messages in and out by day, campaign, list, agent and channel (SMS/MMS); inbound ÷ outbound; credits (SMS segments, 1 per MMS)',
 $q$SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel,
       count(*) FILTER (WHERE s.direction = 'outbound') AS outbound,
       count(*) FILTER (WHERE s.direction = 'inbound') AS inbound,
       count(*) FILTER (WHERE s.direction = 'outbound' AND s.status IN ('delivered', 'read')) AS delivered,
       count(*) FILTER (WHERE s.direction = 'outbound' AND s.status IN ('failed', 'undelivered')) AS failed,
       coalesce(sum(s.credits), 0)::bigint AS credits,
       (count(*) FILTER (WHERE s.direction = 'inbound'))::float8
         / nullif(count(*) FILTER (WHERE s.direction = 'outbound'), 0) AS inbound_per_outbound
FROM (SELECT m.direction, m.status, m.campaign_id, m.list_id, m.agent_id,
             (m.sent_at AT TIME ZONE {TZ})::date AS day,
             date_trunc('week', m.sent_at AT TIME ZONE {TZ})::date AS week,
             date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month,
             CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel,
             CASE WHEN m.direction IS DISTINCT FROM 'outbound' THEN 0 WHEN m.media_count > 0 THEN 1
                  ELSE @extschema@.sms_segments(coalesce(m.body, '')) END AS credits
      FROM {M} m) s
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$,
 'days', NULL),

('kpi_response_rate', 1, 2, ARRAY['messages'], ARRAY['day', 'campaign_id', 'list_id', 'agent_id', 'channel'],
 'response rate by day of the send, campaign, list, agent and channel: unique repliers ÷ delivered (replies attributed by smskpi.reply_attribution)',
 $q$SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel,
       count(*) AS sent,
       count(*) FILTER (WHERE s.delivered) AS delivered,
       count(*) FILTER (WHERE s.delivered AND s.replied) AS replied,
       count(DISTINCT s.contact_id) FILTER (WHERE s.delivered AND s.replied) AS repliers,
       sum(s.replies)::bigint AS replies,
       (count(DISTINCT s.contact_id) FILTER (WHERE s.delivered AND s.replied))::float8
         / nullif(count(*) FILTER (WHERE s.delivered), 0) AS response_rate
FROM {S}.kpi_sends s
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$,
 'days', NULL),

('kpi_delivery', 1, 3, ARRAY['messages'], ARRAY['day', 'campaign_id', 'list_id', 'channel'],
 'delivery rate by day, campaign, list and channel: delivered ÷ sent (outbound); failed; pending (no final status)',
 $q$SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel,
       count(*) AS sent,
       count(*) FILTER (WHERE s.status IN ('delivered', 'read')) AS delivered,
       count(*) FILTER (WHERE s.status IN ('failed', 'undelivered')) AS failed,
       count(*) FILTER (WHERE s.status IS NULL OR s.status NOT IN ('delivered', 'read', 'failed', 'undelivered')) AS pending,
       (count(*) FILTER (WHERE s.status IN ('delivered', 'read')))::float8 / count(*) AS delivery_rate,
       (count(*) FILTER (WHERE s.status IN ('failed', 'undelivered')))::float8 / count(*) AS failure_rate
FROM (SELECT m.status, m.campaign_id, m.list_id,
             (m.sent_at AT TIME ZONE {TZ})::date AS day,
             date_trunc('week', m.sent_at AT TIME ZONE {TZ})::date AS week,
             date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month,
             CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel
      FROM {M} m WHERE m.direction = 'outbound') s
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel$q$,
 'days', NULL),

('kpi_delivery_failures', 1, 4, ARRAY['messages'], ARRAY['day', 'campaign_id', 'list_id', 'channel', 'status', 'error_code'],
 'failed and undelivered messages by day, campaign, list, channel, status and error code, with the reason (landline, unreachable, ...)',
 $q$SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel, s.status, s.error_code,
       @extschema@.sms_error_reason(s.error_code) AS reason,
       count(*) AS failures
FROM (SELECT m.status, m.error_code, m.campaign_id, m.list_id,
             (m.sent_at AT TIME ZONE {TZ})::date AS day,
             date_trunc('week', m.sent_at AT TIME ZONE {TZ})::date AS week,
             date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month,
             CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel
      FROM {M} m WHERE m.direction = 'outbound' AND m.status IN ('failed', 'undelivered')) s
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel, s.status, s.error_code$q$,
 'days', NULL),

('kpi_click_through', 1, 5, ARRAY['messages', 'link_clicks'], ARRAY['day', 'campaign_id', 'list_id', 'channel'],
 'CTR by day, campaign, list and channel: delivered messages clicked ÷ delivered (also ÷ delivered with a link); clicks; median time to the first click',
 $q$WITH c AS (
    SELECT l.message_id, min(l.clicked_at) AS first_click, count(*) AS clicks
    FROM {LC} l JOIN {M} m ON m.message_id = l.message_id AND m.direction = 'outbound'
    WHERE l.clicked_at >= m.sent_at + {CMD} AND {CLICKF}
    GROUP BY l.message_id)
SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel,
       count(*) FILTER (WHERE s.delivered) AS delivered,
       count(*) FILTER (WHERE s.delivered AND s.has_link) AS delivered_with_link,
       count(*) FILTER (WHERE s.delivered AND s.clicks IS NOT NULL) AS clicked,
       coalesce(sum(s.clicks), 0)::bigint AS clicks,
       (count(*) FILTER (WHERE s.delivered AND s.clicks IS NOT NULL))::float8
         / nullif(count(*) FILTER (WHERE s.delivered), 0) AS ctr,
       (count(*) FILTER (WHERE s.delivered AND s.has_link AND s.clicks IS NOT NULL))::float8
         / nullif(count(*) FILTER (WHERE s.delivered AND s.has_link), 0) AS link_ctr,
       @extschema@.duration_percentile(s.first_click - s.sent_at, 0.5) AS median_time_to_click
FROM (SELECT m.sent_at, m.campaign_id, m.list_id, m.status IN ('delivered', 'read') AS delivered,
             coalesce(m.body ~* 'https?://', false) AS has_link, c.clicks, c.first_click,
             (m.sent_at AT TIME ZONE {TZ})::date AS day,
             date_trunc('week', m.sent_at AT TIME ZONE {TZ})::date AS week,
             date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month,
             CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel
      FROM {M} m LEFT JOIN c ON c.message_id = m.message_id
      WHERE m.direction = 'outbound') s
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel$q$,
 'days', NULL),

('kpi_engagement', 1, 6, ARRAY['messages', 'link_clicks'], ARRAY['day', 'campaign_id', 'list_id', 'agent_id', 'channel'],
 'engagement rate by day, campaign, list, agent and channel: delivered messages that drew a reply (not an opt-out) or a click ÷ delivered',
 $q$WITH c AS (
    SELECT DISTINCT l.message_id
    FROM {LC} l JOIN {M} m ON m.message_id = l.message_id AND m.direction = 'outbound'
    WHERE l.clicked_at >= m.sent_at + {CMD} AND {CLICKF})
SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel,
       count(*) FILTER (WHERE s.delivered) AS delivered,
       count(*) FILTER (WHERE s.delivered AND s.replied AND NOT s.opted_out) AS replied,
       count(*) FILTER (WHERE s.delivered AND c.message_id IS NOT NULL) AS clicked,
       count(*) FILTER (WHERE s.delivered AND ((s.replied AND NOT s.opted_out) OR c.message_id IS NOT NULL)) AS engaged,
       (count(*) FILTER (WHERE s.delivered AND ((s.replied AND NOT s.opted_out) OR c.message_id IS NOT NULL)))::float8
         / nullif(count(*) FILTER (WHERE s.delivered), 0) AS engagement_rate
FROM {S}.kpi_sends s LEFT JOIN c ON c.message_id = s.message_id
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$,
 'days', NULL),

('kpi_conversions', 1, 7, ARRAY['messages', 'conversions'], ARRAY['day', 'campaign_id', 'list_id', 'agent_id', 'channel'],
 'conversion rate, conversions, revenue and revenue per message by day of the send, campaign, list, agent and channel (conversion_window last-touch attribution)',
 $q$WITH {ATTR},
per_msg AS (SELECT a.message_id, count(*) AS conversions, sum(a.revenue) AS revenue
            FROM attr a WHERE a.message_id IS NOT NULL GROUP BY a.message_id)
SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel,
       count(*) AS sent,
       count(*) FILTER (WHERE s.delivered) AS delivered,
       count(*) FILTER (WHERE s.delivered AND p.message_id IS NOT NULL) AS converted,
       coalesce(sum(p.conversions), 0)::bigint AS conversions,
       coalesce(sum(p.revenue), 0) AS revenue,
       (count(*) FILTER (WHERE s.delivered AND p.message_id IS NOT NULL))::float8
         / nullif(count(*) FILTER (WHERE s.delivered), 0) AS conversion_rate,
       coalesce(sum(p.revenue), 0) / count(*) AS revenue_per_message
FROM (SELECT m.message_id, m.campaign_id, m.list_id, m.agent_id, m.status IN ('delivered', 'read') AS delivered,
             (m.sent_at AT TIME ZONE {TZ})::date AS day,
             date_trunc('week', m.sent_at AT TIME ZONE {TZ})::date AS week,
             date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month,
             CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel
      FROM {M} m WHERE m.direction = 'outbound') s
LEFT JOIN per_msg p ON p.message_id = s.message_id
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$,
 'days', NULL),

('kpi_revenue', 1, 8, ARRAY['messages', 'conversions'], ARRAY['month'],
 'revenue by month: all conversions, attributed to a message, per message sent and per active subscriber (contacts with a delivered message that month)',
 $q$WITH {ATTR},
cv AS (SELECT date_trunc('month', a.converted_at AT TIME ZONE {TZ})::date AS month,
              count(*) AS conversions, coalesce(sum(a.revenue), 0) AS revenue,
              count(*) FILTER (WHERE a.message_id IS NOT NULL) AS attributed_conversions,
              coalesce(sum(a.revenue) FILTER (WHERE a.message_id IS NOT NULL), 0) AS attributed_revenue
       FROM attr a GROUP BY 1),
ms AS (SELECT date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month, count(*) AS sent,
              count(DISTINCT m.contact_id) FILTER (WHERE m.status IN ('delivered', 'read')) AS active_subscribers
       FROM {M} m WHERE m.direction = 'outbound' GROUP BY 1)
SELECT month, coalesce(cv.conversions, 0) AS conversions, coalesce(cv.revenue, 0) AS revenue,
       coalesce(cv.attributed_conversions, 0) AS attributed_conversions,
       coalesce(cv.attributed_revenue, 0) AS attributed_revenue,
       coalesce(ms.sent, 0) AS sent, coalesce(ms.active_subscribers, 0) AS active_subscribers,
       cv.attributed_revenue / nullif(ms.sent, 0) AS revenue_per_message,
       cv.attributed_revenue / nullif(ms.active_subscribers, 0) AS revenue_per_active_subscriber
FROM cv FULL JOIN ms USING (month)$q$,
 'months M=MMW CV=CVMW', NULL),

('kpi_campaign_lift', 1, 9, ARRAY['messages', 'conversions', 'holdout_contacts'], ARRAY['campaign_id'],
 'conversion lift per campaign against its holdout (control) group: contacts converting between the first send and conversion_window after the last send',
 $q$WITH camp AS (
    SELECT m.campaign_id, min(m.sent_at) AS first_send, max(m.sent_at) AS last_send
    FROM {OUT} m WHERE m.campaign_id IS NOT NULL AND {CAMPF(m)} GROUP BY m.campaign_id),
-- per contact of each group: a conversion in the campaign's window (the treated and the
-- holdout group counted apart, each a join per contact with its conversions, the small
-- campaign table joined last, no CTE shared by both: on Citus each runs on the shards)
treated AS (
    SELECT g.campaign_id, g.contact_id,
           coalesce(bool_or(v.converted_at >= c.first_send AND v.converted_at < c.last_send + {CW}), false) AS converted
    FROM (SELECT DISTINCT m.campaign_id, m.contact_id FROM {OUT} m
          WHERE m.campaign_id IS NOT NULL AND {CAMPF(m)}
            AND NOT EXISTS (SELECT 1 FROM {HC} h WHERE h.campaign_id = m.campaign_id AND h.contact_id = m.contact_id)) g
    LEFT JOIN {CV} v ON v.contact_id = g.contact_id
    JOIN camp c ON c.campaign_id = g.campaign_id
    GROUP BY g.campaign_id, g.contact_id),
held AS (
    SELECT g.campaign_id, g.contact_id,
           coalesce(bool_or(v.converted_at >= c.first_send AND v.converted_at < c.last_send + {CW}), false) AS converted
    FROM (SELECT DISTINCT h.campaign_id, h.contact_id FROM {HC} h WHERE {CAMPF(h)}) g
    LEFT JOIN {CV} v ON v.contact_id = g.contact_id
    JOIN camp c ON c.campaign_id = g.campaign_id
    GROUP BY g.campaign_id, g.contact_id),
t AS (SELECT campaign_id, count(*) AS n, count(*) FILTER (WHERE converted) AS converted FROM treated GROUP BY campaign_id),
h AS (SELECT campaign_id, count(*) AS n, count(*) FILTER (WHERE converted) AS converted FROM held GROUP BY campaign_id)
SELECT c.campaign_id,
       (c.first_send AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', c.first_send AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', c.first_send AT TIME ZONE {TZ})::date AS month,
       coalesce(t.n, 0) AS treated,
       coalesce(t.converted, 0) AS treated_converted,
       t.converted::float8 / nullif(t.n, 0) AS treated_rate,
       h.n AS holdout,
       h.converted AS holdout_converted,
       h.converted::float8 / h.n AS holdout_rate,
       t.converted::float8 / nullif(t.n, 0) - h.converted::float8 / h.n AS lift,
       (t.converted::float8 / nullif(t.n, 0)) / nullif(h.converted::float8 / h.n, 0) - 1 AS relative_lift
FROM camp c JOIN h ON h.campaign_id = c.campaign_id
LEFT JOIN t ON t.campaign_id = c.campaign_id$q$,
 'campaigns CV=CVCAMP', NULL),

('kpi_opt_ins_outs', 1, 10, ARRAY['consent_events'], ARRAY['day', 'list_id', 'source'],
 'opt-ins and opt-outs by day, list and source',
 $q$SELECT (e.occurred_at AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', e.occurred_at AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', e.occurred_at AT TIME ZONE {TZ})::date AS month,
       e.list_id, e.source,
       count(*) FILTER (WHERE e.event = 'opt_in') AS opt_ins,
       count(*) FILTER (WHERE e.event = 'opt_out') AS opt_outs,
       count(*) FILTER (WHERE e.event = 'opt_in') - count(*) FILTER (WHERE e.event = 'opt_out') AS net
FROM {CE} e
GROUP BY 1, 2, 3, e.list_id, e.source$q$,
 'days', NULL),

('kpi_list_health', 1, 11, ARRAY['consent_events', 'messages'], ARRAY['day', 'list_id'],
 'list size (subscribers at the end of the day), opt-ins, opt-outs, net change and messages sent to the list, by day and list',
 $q$WITH ev AS (
    SELECT e.list_id, (e.occurred_at AT TIME ZONE {TZ})::date AS day, e.event,
           (e.event = 'opt_in')::integer
             - coalesce((lag(e.event) OVER (PARTITION BY e.contact_id, e.list_id ORDER BY e.occurred_at, e.event) = 'opt_in')::integer, 0) AS delta
    FROM {CE} e WHERE e.event IN ('opt_in', 'opt_out')),
d AS (SELECT ev.list_id, ev.day, count(*) FILTER (WHERE ev.event = 'opt_in') AS opt_ins,
             count(*) FILTER (WHERE ev.event = 'opt_out') AS opt_outs, sum(ev.delta) AS net_change
      FROM ev GROUP BY ev.list_id, ev.day),
ms AS (SELECT m.list_id, (m.sent_at AT TIME ZONE {TZ})::date AS day, count(*) AS messages
       FROM {M} m WHERE m.direction = 'outbound' AND m.list_id IS NOT NULL GROUP BY 1, 2)
SELECT x.day, date_trunc('week', x.day::timestamp)::date AS week, date_trunc('month', x.day::timestamp)::date AS month,
       x.list_id, x.opt_ins, x.opt_outs, x.net_change, x.subscribers, x.messages,
       x.messages::float8 / nullif(x.subscribers, 0) AS messages_per_subscriber
FROM (SELECT day, list_id, coalesce(d.opt_ins, 0) AS opt_ins, coalesce(d.opt_outs, 0) AS opt_outs,
             coalesce(d.net_change, 0)::bigint AS net_change,
             (sum(coalesce(d.net_change, 0)) OVER (PARTITION BY list_id ORDER BY day))::bigint AS subscribers,
             coalesce(ms.messages, 0) AS messages
      FROM d FULL JOIN ms USING (list_id, day)) x$q$,
 'list', $r$WITH ev AS (   -- the window's events, each with the event before it (perhaps from before the window)
    SELECT e.list_id, (e.occurred_at AT TIME ZONE {TZ})::date AS day, e.event, e.occurred_at,
           (e.event = 'opt_in')::integer
             - coalesce((lag(e.event) OVER (PARTITION BY e.contact_id, e.list_id ORDER BY e.occurred_at, e.event) = 'opt_in')::integer, 0) AS delta
    FROM (SELECT w.contact_id, w.list_id, w.event, w.occurred_at FROM {CEW} w WHERE w.event IN ('opt_in', 'opt_out')
          UNION ALL
          (SELECT DISTINCT ON (p.contact_id, p.list_id) p.contact_id, p.list_id, p.event, p.occurred_at
           FROM {CE} p
           WHERE p.occurred_at < $1 AND p.event IN ('opt_in', 'opt_out')
             AND (p.contact_id, p.list_id) IN (SELECT w.contact_id, w.list_id FROM {CEW} w WHERE w.event IN ('opt_in', 'opt_out'))
           ORDER BY p.contact_id, p.list_id, p.occurred_at DESC, p.event DESC)) e),
d AS (SELECT ev.list_id, ev.day, count(*) FILTER (WHERE ev.event = 'opt_in') AS opt_ins,
             count(*) FILTER (WHERE ev.event = 'opt_out') AS opt_outs, sum(ev.delta) AS net_change
      FROM ev WHERE ev.occurred_at >= $1 GROUP BY ev.list_id, ev.day),
ms AS (SELECT m.list_id, (m.sent_at AT TIME ZONE {TZ})::date AS day, count(*) AS messages
       FROM {MW} m WHERE m.direction = 'outbound' AND m.list_id IS NOT NULL GROUP BY 1, 2),
base AS (   -- subscribers at the end of the last day before the window, per list
    SELECT DISTINCT ON (o.list_id) o.list_id, o.subscribers
    FROM {S}.kpi_list_health o WHERE o.day < $2 ORDER BY o.list_id, o.day DESC)
SELECT x.day, date_trunc('week', x.day::timestamp)::date AS week, date_trunc('month', x.day::timestamp)::date AS month,
       x.list_id, x.opt_ins, x.opt_outs, x.net_change, x.subscribers, x.messages,
       x.messages::float8 / nullif(x.subscribers, 0) AS messages_per_subscriber
FROM (SELECT y.day, y.list_id, coalesce(y.opt_ins, 0) AS opt_ins, coalesce(y.opt_outs, 0) AS opt_outs,
             coalesce(y.net_change, 0)::bigint AS net_change,
             (coalesce(b.subscribers, 0) + sum(coalesce(y.net_change, 0)) OVER (PARTITION BY y.list_id ORDER BY y.day))::bigint AS subscribers,
             coalesce(y.messages, 0) AS messages
      FROM (SELECT * FROM d FULL JOIN ms USING (list_id, day)) y
      LEFT JOIN base b ON b.list_id = y.list_id) x$r$),

('kpi_campaign_opt_outs', 1, 12, ARRAY['messages'], ARRAY['campaign_id'],
 'opt-out rate per campaign: recipients who opted out in reply (smskpi.reply_attribution) ÷ delivered recipients; over_2pct flags the seed''s 2% limit',
 $q$SELECT s.campaign_id,
       (min(s.sent_at) AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', min(s.sent_at) AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', min(s.sent_at) AT TIME ZONE {TZ})::date AS month,
       min(s.list_id) AS list_id,
       count(DISTINCT s.contact_id) AS recipients,
       count(DISTINCT s.contact_id) FILTER (WHERE s.delivered) AS delivered_recipients,
       count(DISTINCT s.contact_id) FILTER (WHERE s.opted_out) AS opted_out,
       (count(DISTINCT s.contact_id) FILTER (WHERE s.opted_out))::float8
         / nullif(count(DISTINCT s.contact_id) FILTER (WHERE s.delivered), 0) AS opt_out_rate,
       (count(DISTINCT s.contact_id) FILTER (WHERE s.opted_out))::float8
         / nullif(count(DISTINCT s.contact_id) FILTER (WHERE s.delivered), 0) > 0.02 AS over_2pct
FROM {S}.kpi_sends s WHERE s.campaign_id IS NOT NULL AND {CAMPF(s)}
GROUP BY s.campaign_id$q$,
 'campaigns', NULL),

('kpi_first_response', 1, 13, ARRAY['messages'], ARRAY['day', 'hour', 'agent_id'],
 'first response time by day and hour of the first inbound message and by the agent who answered (NULL = automation or unanswered): median, p90, mean, share within 15 min / 1 h / 24 h; state merges across rows (smskpi.response_state_merge); durations (the first response times of the row''s conversations) and answered_15m / 1h / 24h merge and add up faster',
 $q$SELECT g.day, g.week, g.month, g.hour, g.agent_id,
       st.asked AS conversations, st.answered, st.median, st.p90, st.mean,
       st.share_within[1] AS within_15m, st.share_within[2] AS within_1h, st.share_within[3] AS within_24h,
       g.state, d.durations,
       st.answered_within[1] AS answered_15m, st.answered_within[2] AS answered_1h, st.answered_within[3] AS answered_24h
FROM (SELECT c.day, c.week, c.month, c.hour, c.agent_id,
             @extschema@.first_response_state(m.conversation_id, m.direction = 'inbound', m.sent_at {BH}) AS state,
             concat_ws(' ', c.day, c.hour, c.agent_id) AS k
      FROM {M} m JOIN {S}.kpi_conversations c ON c.contact_id = m.contact_id AND c.conversation_id = m.conversation_id
      WHERE c.first_inbound_at IS NOT NULL AND {DAYF(c)}
      GROUP BY c.day, c.week, c.month, c.hour, c.agent_id) g
JOIN (SELECT concat_ws(' ', c.day, c.hour, c.agent_id) AS k,
             {FRDUR} AS durations   -- (in the response states' form)
      FROM {S}.kpi_conversations c
      WHERE c.first_inbound_at IS NOT NULL AND {DAYF(c)}
      GROUP BY c.day, c.hour, c.agent_id) d
  -- (one text key, day hour agent, so that the groups are matched by hashing; NULL agent = no third word)
  ON d.k = g.k,
     LATERAL @extschema@.response_stats(g.state) st$q$,
 'firstdays M=MCDAY', NULL),

('kpi_reply_time', 1, 14, ARRAY['messages'], ARRAY['day', 'agent_id'],
 'reply time over every customer turn, by day of the conversation''s first inbound message and first responder: median, p90, mean; state merges across rows',
 $q$SELECT g.day, g.week, g.month, g.agent_id,
       st.asked AS turns, st.answered, st.median, st.p90, st.mean,
       g.state
FROM (SELECT c.day, c.week, c.month, c.agent_id,
             @extschema@.reply_time_state(m.conversation_id, m.direction = 'inbound', m.sent_at {BH}) AS state
      FROM {M} m JOIN {S}.kpi_conversations c ON c.contact_id = m.contact_id AND c.conversation_id = m.conversation_id
      WHERE c.first_inbound_at IS NOT NULL AND {DAYF(c)}
      GROUP BY c.day, c.week, c.month, c.agent_id) g,
     LATERAL @extschema@.response_stats(g.state) st$q$,
 'convdays M=MCDAY', NULL),

('kpi_resolution', 1, 15, ARRAY['messages', 'conversation_events'], ARRAY['day', 'agent_id'],
 'resolution time (mean, median; first inbound message to the final resolved event) and first contact resolution (resolved, never reopened, no new customer conversation within 72 h) by day and first responder',
 $q$WITH c AS MATERIALIZED (SELECT * FROM {S}.kpi_conversations x WHERE {DAYF(x)}),
ev AS (
    SELECT e.conversation_id,
           (array_agg(e.event ORDER BY e.occurred_at DESC, e.event DESC))[1] AS last_event,
           max(e.occurred_at) FILTER (WHERE e.event = 'resolved') AS resolved_at,
           count(*) FILTER (WHERE e.event = 'reopened') AS reopens
    FROM {VE} e WHERE e.event IN ('resolved', 'reopened') GROUP BY e.conversation_id),
rep AS (   -- resolved conversations followed by a new customer conversation within 72 h:
           -- per contact, the first customer-initiated start after each resolution
    SELECT x.conversation_id
    FROM (SELECT e.conversation_id, e.kind, e.t,
                 min(e.t) FILTER (WHERE e.kind = 0) OVER (PARTITION BY e.contact_id ORDER BY e.t, e.kind
                                                         ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_start
          FROM (SELECT c.contact_id, c.conversation_id, c.started_at AS t, 0 AS kind FROM c WHERE c.customer_initiated
                UNION ALL
                SELECT c.contact_id, c.conversation_id, ev.resolved_at, 1
                FROM c JOIN ev ON ev.conversation_id = c.conversation_id WHERE ev.last_event = 'resolved') e) x
    WHERE x.kind = 1 AND x.next_start <= x.t + interval '72 hours'),
r AS (
    SELECT c.day, c.week, c.month, c.agent_id,
           ev.last_event = 'resolved' AS resolved, ev.reopens,
           CASE WHEN ev.last_event = 'resolved' THEN ev.resolved_at - coalesce(c.first_inbound_at, c.started_at) END AS resolution_time,
           ev.last_event = 'resolved' AND ev.reopens = 0 AND rep.conversation_id IS NULL AS fcr
    FROM c JOIN ev ON ev.conversation_id = c.conversation_id
    LEFT JOIN rep ON rep.conversation_id = c.conversation_id)
SELECT r.day, r.week, r.month, r.agent_id,
       count(*) AS conversations,
       count(*) FILTER (WHERE r.resolved) AS resolved,
       count(*) FILTER (WHERE r.reopens > 0) AS reopened,
       avg(r.resolution_time) AS mean_resolution_time,
       @extschema@.duration_percentile(r.resolution_time, 0.5) AS median_resolution_time,
       count(*) FILTER (WHERE r.fcr) AS first_contact_resolved,
       (count(*) FILTER (WHERE r.fcr))::float8 / nullif(count(*) FILTER (WHERE r.resolved), 0) AS fcr_rate
FROM r GROUP BY r.day, r.week, r.month, r.agent_id$q$,
 'convdays', NULL),

('kpi_sentiment_trend', 1, 16, ARRAY['messages'], ARRAY['day', 'channel'],
 'sentiment of inbound messages with text by day and channel (smskpi.sentiment_score): positive / neutral / negative counts, mean score',
 $q$SELECT s.day, s.week, s.month, s.channel,
       count(*) AS inbound,
       count(*) FILTER (WHERE s.score >= 0.05) AS positive,
       count(*) FILTER (WHERE s.score > -0.05 AND s.score < 0.05) AS neutral,
       count(*) FILTER (WHERE s.score <= -0.05) AS negative,
       avg(s.score) AS mean_score,
       (count(*) FILTER (WHERE s.score > -0.05))::float8 / count(*) AS positive_or_neutral_share
FROM (SELECT @extschema@.sentiment_score(m.body) AS score,
             (m.sent_at AT TIME ZONE {TZ})::date AS day,
             date_trunc('week', m.sent_at AT TIME ZONE {TZ})::date AS week,
             date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month,
             CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel
      FROM {M} m WHERE m.direction = 'inbound' AND m.body <> '') s
GROUP BY s.day, s.week, s.month, s.channel$q$,
 'days', NULL),

('kpi_negative_messages', 1, 17, ARRAY['messages'], ARRAY['message_id'],
 'the 1000 latest negative inbound messages (sentiment_score <= -0.05), newest first, with their intent, for a person to read',
 $q$SELECT s.message_id, s.sent_at, (s.sent_at AT TIME ZONE {TZ})::date AS day,
       s.contact_id, s.conversation_id, s.body, s.score AS sentiment_score,
       @extschema@.reply_intent(s.body) AS intent
FROM (SELECT m.message_id, m.sent_at, m.contact_id, m.conversation_id, m.body,
             @extschema@.sentiment_score(m.body) AS score
      FROM {M} m WHERE m.direction = 'inbound' AND m.body <> '') s
WHERE s.score <= -0.05
ORDER BY s.sent_at DESC, s.message_id DESC
LIMIT 1000$q$,
 'latest', $r$SELECT * FROM ((SELECT * FROM {S}.kpi_negative_messages o WHERE o.sent_at < $1)
                UNION ALL ({Q})) q
ORDER BY q.sent_at DESC, q.message_id DESC
LIMIT 1000$r$),

('kpi_campaign_report', 1, 18, ARRAY['messages'], ARRAY['campaign_id', 'campaign_step'],
 'one row per blast (campaign and step): sent, delivered, failed, replied, clicks, opt-outs, credits (SMS segments, 1 per MMS), conversions, revenue, rates',
 $q$WITH {ATTR},
clk AS (SELECT l.message_id, count(*) AS clicks
        FROM {LC0} l JOIN {OUT} m ON m.message_id = l.message_id
        WHERE l.clicked_at >= m.sent_at + {CMD} AND {CLICKF} AND {CAMPF(m)} GROUP BY l.message_id),
cv AS (SELECT a.message_id, count(*) AS conversions, sum(a.revenue) AS revenue
       FROM attr a WHERE a.message_id IS NOT NULL GROUP BY a.message_id)
SELECT s.campaign_id, s.campaign_step,
       (min(s.sent_at) AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', min(s.sent_at) AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', min(s.sent_at) AT TIME ZONE {TZ})::date AS month,
       min(s.list_id) AS list_id,
       CASE WHEN min(s.channel) = max(s.channel) THEN min(s.channel) ELSE 'mixed' END AS channel,
       count(*) AS sent,
       count(*) FILTER (WHERE s.delivered) AS delivered,
       count(*) FILTER (WHERE s.failed) AS failed,
       count(*) FILTER (WHERE s.delivered AND s.replied) AS replied,
       sum(s.replies)::bigint AS replies,
       CASE WHEN {HAS_LC} THEN count(*) FILTER (WHERE s.delivered AND k.message_id IS NOT NULL) END AS clicked,
       CASE WHEN {HAS_LC} THEN coalesce(sum(k.clicks), 0)::bigint END AS clicks,
       count(DISTINCT s.contact_id) FILTER (WHERE s.opted_out) AS opt_outs,
       sum(s.credits)::bigint AS credits,
       CASE WHEN {HAS_CV} THEN coalesce(sum(v.conversions), 0)::bigint END AS conversions,
       CASE WHEN {HAS_CV} THEN coalesce(sum(v.revenue), 0) END AS revenue,
       (count(*) FILTER (WHERE s.delivered AND s.replied))::float8 / nullif(count(*) FILTER (WHERE s.delivered), 0) AS reply_rate,
       CASE WHEN {HAS_LC} THEN (count(*) FILTER (WHERE s.delivered AND k.message_id IS NOT NULL))::float8
                               / nullif(count(*) FILTER (WHERE s.delivered), 0) END AS ctr,
       (count(DISTINCT s.contact_id) FILTER (WHERE s.opted_out))::float8
         / nullif(count(DISTINCT s.contact_id) FILTER (WHERE s.delivered), 0) AS opt_out_rate,
       (count(DISTINCT s.contact_id) FILTER (WHERE s.opted_out))::float8
         / nullif(count(DISTINCT s.contact_id) FILTER (WHERE s.delivered), 0) > 0.02 AS opt_out_over_2pct
FROM {S}.kpi_sends s
LEFT JOIN clk k ON k.message_id = s.message_id
LEFT JOIN cv v ON v.message_id = s.message_id
WHERE s.campaign_id IS NOT NULL AND {CAMPF(s)}
GROUP BY s.campaign_id, s.campaign_step$q$,
 'steps CV=CVCAMP', NULL),

('kpi_drip_falloff', 1, 19, ARRAY['messages'], ARRAY['campaign_id', 'step'],
 'per-step funnel of drip campaigns (smskpi.campaign_falloff) with the day the step started',
 $q$SELECT f.campaign_id, f.step,
       (st.first_send AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', st.first_send AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', st.first_send AT TIME ZONE {TZ})::date AS month,
       f.recipients, f.delivered, f.replied, f.reply_rate, f.positive_replies, f.opted_out, f.still_active,
       f.median_reply_delay, f.reply_rate_change, f.falloff_point
FROM @extschema@.campaign_falloff((SELECT @extschema@.falloff_state(c.history, {RW}) FROM {S}.kpi_contacts c)) f
LEFT JOIN (SELECT m.campaign_id, m.campaign_step, min(m.sent_at) AS first_send
           FROM {M} m WHERE m.direction = 'outbound' AND m.campaign_id IS NOT NULL
           GROUP BY m.campaign_id, m.campaign_step) st
       ON st.campaign_id = f.campaign_id AND st.campaign_step = f.step$q$,
 'campaigns',
 $r$WITH per AS (   -- the funnel from the rollup's sends: one row per contact and step
    SELECT s.campaign_id, s.campaign_step AS step, s.contact_id,
           bool_or(s.delivered) AS d, bool_or(s.replied) AS rp, bool_or(s.positive) AS pos,
           bool_or(s.opted_out) AS oo, (array_agg(s.still_active ORDER BY s."position"))[1] AS act,
           min(s.reply_delay) FILTER (WHERE s.replied) AS delay, min(s.sent_at) AS first_send
    FROM {S}.kpi_sends s
    WHERE s.campaign_id IS NOT NULL AND s.campaign_step IS NOT NULL AND {CAMPF(s)}
    GROUP BY 1, 2, 3),
st AS (
    SELECT p.campaign_id, p.step, min(p.first_send) AS first_send, count(*) AS recipients,
           count(*) FILTER (WHERE p.d) AS delivered, count(*) FILTER (WHERE p.rp) AS replied,
           (count(*) FILTER (WHERE p.rp))::float8 / count(*) AS reply_rate,
           count(*) FILTER (WHERE p.pos) AS positive_replies, count(*) FILTER (WHERE p.oo) AS opted_out,
           count(*) FILTER (WHERE p.act) AS still_active,
           array_agg(extract(epoch FROM p.delay) * 1000000 ORDER BY p.delay) FILTER (WHERE p.rp) AS delays
    FROM per p GROUP BY 1, 2),
ch AS (
    SELECT st.*, CASE WHEN lag(st.reply_rate) OVER w > 0 THEN st.reply_rate / lag(st.reply_rate) OVER w - 1 END AS change
    FROM st WINDOW w AS (PARTITION BY st.campaign_id ORDER BY st.step))
SELECT ch.campaign_id, ch.step,
       (ch.first_send AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', ch.first_send AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', ch.first_send AT TIME ZONE {TZ})::date AS month,
       ch.recipients, ch.delivered, ch.replied, ch.reply_rate, ch.positive_replies, ch.opted_out, ch.still_active,
       -- the median as campaign_falloff computes it: lower middle + half the gap, in whole microseconds
       justify_hours(make_interval(secs => (ch.delays[(array_length(ch.delays, 1) + 1) / 2]
           + floor((ch.delays[array_length(ch.delays, 1) / 2 + 1] - ch.delays[(array_length(ch.delays, 1) + 1) / 2]) / 2))
           / 1000000)) AS median_reply_delay,
       ch.change AS reply_rate_change,
       coalesce(ch.change < 0 AND row_number() OVER (PARTITION BY ch.campaign_id ORDER BY ch.change NULLS LAST, ch.step) = 1,
                false) AS falloff_point
FROM ch$r$),

('kpi_reply_rates', 1, 20, ARRAY['messages'], ARRAY['day', 'campaign_id', 'position', 'channel', 'emoji'],
 'reply rates by message position to the contact (10 = 10th and later), channel (MMS vs SMS) and emoji vs none, by day and campaign',
 $q$SELECT s.day, s.week, s.month, s.campaign_id, least(s."position", 10) AS "position", s.channel, s.emoji,
       count(*) AS sent,
       count(*) FILTER (WHERE s.delivered) AS delivered,
       count(*) FILTER (WHERE s.delivered AND s.replied) AS replied,
       count(*) FILTER (WHERE s.delivered AND s.positive) AS positive,
       count(*) FILTER (WHERE s.delivered AND s.opted_out) AS opted_out,
       (count(*) FILTER (WHERE s.delivered AND s.replied))::float8 / nullif(count(*) FILTER (WHERE s.delivered), 0) AS reply_rate
FROM {S}.kpi_sends s
GROUP BY s.day, s.week, s.month, s.campaign_id, least(s."position", 10), s.channel, s.emoji$q$,
 'days', NULL),

('kpi_speed_to_lead', 1, 21, ARRAY['messages', 'consent_events'], ARRAY['day'],
 'speed to lead by day of the opt-in (smskpi.first_outbound_after): leads, contacted, contacted within 5 min / 1 h, median and p90 delay',
 $q$SELECT (l.opted_in_at AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', l.opted_in_at AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', l.opted_in_at AT TIME ZONE {TZ})::date AS month,
       count(*) AS leads,
       count(l.first_outbound_at) AS contacted,
       count(*) FILTER (WHERE l.delay <= interval '5 minutes') AS within_5m,
       count(*) FILTER (WHERE l.delay <= interval '1 hour') AS within_1h,
       @extschema@.duration_percentile(l.delay, 0.5) AS median_delay,
       @extschema@.duration_percentile(l.delay, 0.9) AS p90_delay
FROM (SELECT e.occurred_at AS opted_in_at, f.first_outbound_at, f.first_outbound_at - e.occurred_at AS delay
      FROM {CE} e
      LEFT JOIN {S}.kpi_contacts c ON c.contact_id = e.contact_id
      CROSS JOIN LATERAL (SELECT CASE WHEN {STLF} THEN y.x END AS first_outbound_at
                          FROM (SELECT @extschema@.first_outbound_after(c.history, e.occurred_at) AS x) y) f
      WHERE e.event = 'opt_in' AND e.contact_id IS NOT NULL AND e.occurred_at IS NOT NULL) l
GROUP BY 1, 2, 3$q$,
 'days', NULL),

('kpi_unanswered_streaks', 1, 22, ARRAY['messages'], ARRAY['contact_id'],
 'contacts with 2 or more unanswered outbound messages in a row (smskpi.unanswered_streaks): when the signal came, messages sent after it, whether pushing on paid off',
 $q$SELECT u.contact_id, (u.signal_at AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', u.signal_at AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', u.signal_at AT TIME ZONE {TZ})::date AS month,
       u.sent, u.longest_streak, u.signal_at, u.sent_after, u.replied_after, u.current_streak
FROM {S}.kpi_contacts c CROSS JOIN LATERAL @extschema@.unanswered_streaks(c.history, 2, {RW}) u
WHERE {CONF(c)}$q$,
 'contacts', NULL),

('kpi_first_response_monthly', 1, 23, ARRAY['messages'], ARRAY['month', 'agent_id'],
 'first response time by month of the first inbound message and by the agent who answered (NULL = automation or unanswered): conversations, answered, median, p90, and durations (the first response times, merging exactly across months and agents); kpi_vs_target reads it',
 $q$SELECT d.month, d.agent_id, d.conversations, d.answered,
       @extschema@.duration_percentile(d.durations, 0.5) AS median,
       @extschema@.duration_percentile(d.durations, 0.9) AS p90,
       d.durations
FROM (SELECT c.month, c.agent_id, count(*) AS conversations, count(c.first_response_at) AS answered,
             {FRDUR} AS durations   -- (as kpi_first_response's)
      FROM {S}.kpi_conversations c
      WHERE c.first_inbound_at IS NOT NULL
      GROUP BY c.month, c.agent_id) d$q$,
 'months', NULL),

('kpi_vs_target', 9, 1, ARRAY['messages'], ARRAY[]::text[],
 'each KPI by month beside its target (smskpi.kpi_targets), below_target and the advice if below',
 '', 'view', NULL)
) d(view_name, level, ord, sources, key_columns, description, query, refresh, refresh_query)
UNION ALL
-- kpi_first_response merged over the hours of a day (daily: day x agent) or over agents
-- (hourly: day x hour), for ranges that need no finer grain (the dashboard's panels);
-- they recompute the days kpi_first_response recomputes
SELECT 'kpi_first_response_' || g.grain, 1, g.ord, ARRAY['messages'], ARRAY['day', g.col], g.description,
       replace($q$SELECT d.day, d.week, d.month, d.{G}, d.conversations, d.answered,
       @extschema@.duration_percentile(d.durations, 0.5) AS median,
       @extschema@.duration_percentile(d.durations, 0.9) AS p90,
       d.durations, d.answered_15m, d.answered_1h, d.answered_24h
FROM (SELECT f.day, f.week, f.month, f.{G},
             sum(f.conversations)::bigint AS conversations, sum(f.answered)::bigint AS answered,
             @extschema@.duration_state_merge(f.durations) AS durations,
             sum(f.answered_15m)::bigint AS answered_15m, sum(f.answered_1h)::bigint AS answered_1h,
             sum(f.answered_24h)::bigint AS answered_24h
      FROM {S}.kpi_first_response f
      WHERE {DAYF(f)}
      GROUP BY f.day, f.week, f.month, f.{G}) d$q$, '{G}', g.col),
       'firstdays', NULL::text
FROM (VALUES
('daily', 24, 'agent_id',
 'first response time by day of the first inbound message and by the agent who answered (kpi_first_response merged over the hours of the day): conversations, answered, median, p90, durations, answered_15m / 1h / 24h; the dashboard reads it (a row per day and agent, not per hour too)'),
('hourly', 25, 'hour',
 'first response time by day and hour of the first inbound message, every agent together (kpi_first_response merged over agents): conversations, answered, median, p90, durations, answered_15m / 1h / 24h; the dashboard reads it')
) g(grain, ord, col, description);
END;
COMMENT ON FUNCTION @extschema@.kpi_view_definitions() IS
'the KPI views that create_kpi_views makes: name, level (0 = base, refreshed first), sources needed, unique key, description, query template';

-- kpi_vs_target: the monthly median of first responses from the durations of kpi_first_response, merged once for both metrics
CREATE OR REPLACE FUNCTION @extschema@.kpi_vs_target_query(views text[])
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
SELECT 'WITH actual (month, metric, actual) AS (' || coalesce(string_agg(p.q, E'\nUNION ALL\n' ORDER BY p.o),
           'SELECT NULL::date, NULL::text, NULL::float8 WHERE false') || $q$),
target AS (SELECT DISTINCT ON (t.metric) t.* FROM @extschema@.kpi_targets t ORDER BY t.metric, t.edited DESC)
SELECT a.month, a.metric, t.description, a.actual, t.unit, t.target_min, t.target_max, t.target_text,
       CASE WHEN t.better = 'higher' THEN a.actual < coalesce(t.target_min, t.target_max)
            ELSE a.actual > coalesce(t.target_max, t.target_min) END AS below_target,
       CASE WHEN CASE WHEN t.better = 'higher' THEN a.actual < coalesce(t.target_min, t.target_max)
                      ELSE a.actual > coalesce(t.target_max, t.target_min) END THEN t.advice END AS advice
FROM actual a JOIN target t ON t.metric = a.metric$q$
FROM (VALUES
 (1, 'kpi_first_response_monthly', $q$SELECT r.month, x.metric, r.actual
FROM (SELECT month, extract(epoch FROM @extschema@.duration_percentile(@extschema@.duration_state_merge(durations), 0.5))::float8 / 60 AS actual
      FROM {S}.kpi_first_response_monthly GROUP BY month) r
CROSS JOIN (VALUES ('response_time'::text), ('response_time_live_chat')) x(metric)$q$),
 (2, 'kpi_resolution', $q$SELECT month, 'resolution_time_simple', sum(extract(epoch FROM mean_resolution_time) * resolved)::float8 / nullif(sum(resolved), 0) / 60 FROM {S}.kpi_resolution GROUP BY month
UNION ALL
SELECT month, 'resolution_time_complex', sum(extract(epoch FROM mean_resolution_time) * resolved)::float8 / nullif(sum(resolved), 0) / 60 FROM {S}.kpi_resolution GROUP BY month
UNION ALL
SELECT month, 'first_contact_resolution', sum(first_contact_resolved)::float8 / nullif(sum(resolved), 0) FROM {S}.kpi_resolution GROUP BY month$q$),
 (3, 'kpi_delivery', $q$SELECT month, 'delivery_rate', sum(delivered)::float8 / nullif(sum(sent), 0) FROM {S}.kpi_delivery GROUP BY month$q$),
 (4, 'kpi_engagement', $q$SELECT month, 'engagement_rate', sum(engaged)::float8 / nullif(sum(delivered), 0) FROM {S}.kpi_engagement GROUP BY month$q$),
 (5, 'kpi_response_rate', $q$SELECT month, 'response_rate', sum(repliers)::float8 / nullif(sum(delivered), 0) FROM {S}.kpi_response_rate GROUP BY month$q$),
 (6, 'kpi_click_through', $q$SELECT month, 'click_through_rate', sum(clicked)::float8 / nullif(sum(delivered), 0) FROM {S}.kpi_click_through GROUP BY month$q$),
 (7, 'kpi_conversions', $q$SELECT month, 'conversion_rate_cold', sum(converted) FILTER (WHERE campaign_id IS NOT NULL)::float8 / nullif(sum(delivered) FILTER (WHERE campaign_id IS NOT NULL), 0) FROM {S}.kpi_conversions GROUP BY month
UNION ALL
SELECT month, 'conversion_rate_warm', sum(converted) FILTER (WHERE campaign_id IS NULL)::float8 / nullif(sum(delivered) FILTER (WHERE campaign_id IS NULL), 0) FROM {S}.kpi_conversions GROUP BY month$q$),
 (8, 'kpi_campaign_opt_outs', $q$SELECT month, 'opt_out_rate', sum(opted_out)::float8 / nullif(sum(delivered_recipients), 0) FROM {S}.kpi_campaign_opt_outs GROUP BY month$q$),
 (9, 'kpi_list_health', $q$SELECT month, 'list_growth', sum(net)::float8 / nullif(sum(end_subscribers - net), 0)
FROM (SELECT DISTINCT ON (list_id, month) list_id, month, subscribers AS end_subscribers,
             sum(net_change) OVER (PARTITION BY list_id, month) AS net
      FROM {S}.kpi_list_health ORDER BY list_id, month, day DESC) lh GROUP BY month$q$),
 (10, 'kpi_sentiment_trend', $q$SELECT month, 'sentiment_positive_or_neutral', sum(positive + neutral)::float8 / nullif(sum(inbound), 0) FROM {S}.kpi_sentiment_trend GROUP BY month$q$)
) p(o, v, q)
WHERE p.v = ANY (views);
END;
COMMENT ON FUNCTION @extschema@.kpi_vs_target_query(text[]) IS
'query template of the kpi_vs_target view over the given KPI views (used by create_kpi_views)';

-- (end of the KPI views section)

-- Durations (sql/parts/25_durations.sql) --

CREATE TYPE @extschema@.duration_state;

CREATE FUNCTION @extschema@.duration_state_in(cstring) RETURNS @extschema@.duration_state
AS 'MODULE_PATHNAME', 'smskpi_duration_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_state_out(@extschema@.duration_state) RETURNS cstring
AS 'MODULE_PATHNAME', 'smskpi_duration_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_state_recv(internal) RETURNS @extschema@.duration_state
AS 'MODULE_PATHNAME', 'smskpi_duration_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_state_send(@extschema@.duration_state) RETURNS bytea
AS 'MODULE_PATHNAME', 'smskpi_duration_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.duration_state (
    INPUT = @extschema@.duration_state_in,
    OUTPUT = @extschema@.duration_state_out,
    RECEIVE = @extschema@.duration_state_recv,
    SEND = @extschema@.duration_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.duration_state IS
  'exact multiset of interval values, sorted (16 bytes a value); exact percentiles like percentile_cont, merges exactly; text form is \x + hex';
COMMENT ON FUNCTION @extschema@.duration_state_in(cstring) IS 'input function of smskpi.duration_state (validates every field and the order of the values)';
COMMENT ON FUNCTION @extschema@.duration_state_out(@extschema@.duration_state) IS 'output function of smskpi.duration_state';
COMMENT ON FUNCTION @extschema@.duration_state_recv(internal) IS 'binary input function of smskpi.duration_state (validates every field and the order of the values)';
COMMENT ON FUNCTION @extschema@.duration_state_send(@extschema@.duration_state) IS 'binary output function of smskpi.duration_state';

-- aggregate support ---------------------------------------------------------------

CREATE FUNCTION @extschema@.duration_state_sfunc(@extschema@.duration_state, interval)
RETURNS @extschema@.duration_state AS 'MODULE_PATHNAME', 'smskpi_duration_state_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_state_sfunc(@extschema@.duration_state, interval)
IS 'transition function of smskpi.duration_state(interval)';

CREATE FUNCTION @extschema@.duration_percentile_sfunc(@extschema@.duration_state, interval, float8)
RETURNS @extschema@.duration_state AS 'MODULE_PATHNAME', 'smskpi_duration_percentile_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_percentile_sfunc(@extschema@.duration_state, interval, float8)
IS 'transition function of smskpi.duration_percentile(interval, float8)';

CREATE FUNCTION @extschema@.duration_percentiles_sfunc(@extschema@.duration_state, interval, float8[])
RETURNS @extschema@.duration_state AS 'MODULE_PATHNAME', 'smskpi_duration_percentiles_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_percentiles_sfunc(@extschema@.duration_state, interval, float8[])
IS 'transition function of smskpi.duration_percentiles(interval, float8[])';

CREATE FUNCTION @extschema@.duration_state_combine(@extschema@.duration_state, @extschema@.duration_state)
RETURNS @extschema@.duration_state AS 'MODULE_PATHNAME', 'smskpi_duration_state_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_state_combine(@extschema@.duration_state, @extschema@.duration_state)
IS 'combine function of the duration_state aggregates: the union of two multisets (with the same fractions)';

CREATE FUNCTION @extschema@.duration_percentile_final(@extschema@.duration_state)
RETURNS interval AS 'MODULE_PATHNAME', 'smskpi_duration_percentile_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_percentile_final(@extschema@.duration_state)
IS 'final function of smskpi.duration_percentile(interval, float8): the percentile at the fraction the state carries';

CREATE FUNCTION @extschema@.duration_percentiles_final(@extschema@.duration_state)
RETURNS interval[] AS 'MODULE_PATHNAME', 'smskpi_duration_percentiles_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_percentiles_final(@extschema@.duration_state)
IS 'final function of smskpi.duration_percentiles(interval, float8[]): the percentiles at the fractions the state carries';

-- aggregates ----------------------------------------------------------------------

CREATE AGGREGATE @extschema@.duration_state(value interval) (
  SFUNC = @extschema@.duration_state_sfunc, STYPE = @extschema@.duration_state,
  COMBINEFUNC = @extschema@.duration_state_combine, SSPACE = 16384, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.duration_state(interval)
IS 'the exact multiset of the non-NULL values (NULL if none), to store, merge, and read percentiles from';

CREATE AGGREGATE @extschema@.duration_state_merge(@extschema@.duration_state) (
  SFUNC = @extschema@.duration_state_combine, STYPE = @extschema@.duration_state,
  COMBINEFUNC = @extschema@.duration_state_combine, SSPACE = 16384, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.duration_state_merge(@extschema@.duration_state)
IS 'the union of duration states (e.g. per day into per month, or per shard)';

CREATE AGGREGATE @extschema@.duration_percentile(value interval, fraction float8) (
  SFUNC = @extschema@.duration_percentile_sfunc, STYPE = @extschema@.duration_state,
  FINALFUNC = @extschema@.duration_percentile_final,
  COMBINEFUNC = @extschema@.duration_state_combine, SSPACE = 16384, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.duration_percentile(interval, float8)
IS 'percentile_cont(fraction) WITHIN GROUP (ORDER BY value), exactly, parallel and combinable; the fraction must be the same on every row';

CREATE AGGREGATE @extschema@.duration_percentiles(value interval, fractions float8[]) (
  SFUNC = @extschema@.duration_percentiles_sfunc, STYPE = @extschema@.duration_state,
  FINALFUNC = @extschema@.duration_percentiles_final,
  COMBINEFUNC = @extschema@.duration_state_combine, SSPACE = 16384, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.duration_percentiles(interval, float8[])
IS 'percentile_cont(fractions) WITHIN GROUP (ORDER BY value), exactly, parallel and combinable; the fractions must be the same on every row';

-- functions of a state ------------------------------------------------------------

CREATE FUNCTION @extschema@.duration_percentile(state @extschema@.duration_state, fraction float8)
RETURNS interval AS 'MODULE_PATHNAME', 'smskpi_duration_state_percentile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_percentile(@extschema@.duration_state, float8)
IS 'percentile_cont(fraction) of the values of a duration_state (NULL if it has none)';

CREATE FUNCTION @extschema@.duration_percentiles(state @extschema@.duration_state, fractions float8[])
RETURNS interval[] AS 'MODULE_PATHNAME', 'smskpi_duration_state_percentiles'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_percentiles(@extschema@.duration_state, float8[])
IS 'percentile_cont(fractions) of the values of a duration_state, an array of the shape of fractions (NULL if it has no values)';

CREATE FUNCTION @extschema@.duration_state_info(state @extschema@.duration_state,
    OUT "values" bigint, OUT bytes bigint)
AS 'MODULE_PATHNAME', 'smskpi_duration_state_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.duration_state_info(@extschema@.duration_state)
IS 'what a duration_state holds: number of values, bytes of its flat form';
