-- ---------------------------------------------------------------------------
-- Percentiles of any durations (src/durations.c; doc/response_time.md,
-- "Percentiles of other durations")
--
-- smskpi.duration_percentile(value, fraction) gives what
-- percentile_cont(fraction) WITHIN GROUP (ORDER BY value) gives over intervals, bit
-- for bit, as an ordinary aggregate with a combine function and a real state type
-- (smskpi.duration_state, the exact multiset of the values): PostgreSQL runs it in
-- parallel and Citus splits it into worker_partial_agg / coord_combine_agg.
-- ---------------------------------------------------------------------------

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
