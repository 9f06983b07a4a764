-- 15_business_hours.sql: the business_hours type (weekly working hours in a
-- time zone, with holidays) and business_time() (src/business_hours.c,
-- doc/business_hours.md).
--
-- Volatility: everything here is IMMUTABLE, like PostgreSQL's own
-- timezone(text, timestamptz) / "AT TIME ZONE 'zone'": the result depends
-- only on the arguments and on the time zone database, never on session
-- settings (TimeZone, DateStyle...).  A tzdata update can change results,
-- exactly as it can for AT TIME ZONE.

CREATE TYPE @extschema@.business_hours;

CREATE FUNCTION @extschema@.business_hours_in(cstring) RETURNS @extschema@.business_hours
AS 'MODULE_PATHNAME', 'smskpi_business_hours_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.business_hours_in(cstring) IS
'input function of business_hours: ''Zone/Name; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2026-12-25''';

CREATE FUNCTION @extschema@.business_hours_out(@extschema@.business_hours) RETURNS cstring
AS 'MODULE_PATHNAME', 'smskpi_business_hours_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.business_hours_out(@extschema@.business_hours) IS
'output function of business_hours: the normalised text form (canonical zone name, weekdays with equal hours grouped, holidays sorted)';

CREATE FUNCTION @extschema@.business_hours_recv(internal) RETURNS @extschema@.business_hours
AS 'MODULE_PATHNAME', 'smskpi_business_hours_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.business_hours_recv(internal) IS
'binary input function of business_hours (validates like the text input)';

CREATE FUNCTION @extschema@.business_hours_send(@extschema@.business_hours) RETURNS bytea
AS 'MODULE_PATHNAME', 'smskpi_business_hours_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.business_hours_send(@extschema@.business_hours) IS
'binary output function of business_hours';

CREATE TYPE @extschema@.business_hours (
	INPUT = @extschema@.business_hours_in,
	OUTPUT = @extschema@.business_hours_out,
	RECEIVE = @extschema@.business_hours_recv,
	SEND = @extschema@.business_hours_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.business_hours IS
'weekly working hours in a time zone with holiday dates, e.g. ''America/New_York; mon-fri 08:00-17:00; holidays 2026-12-25''';

CREATE FUNCTION @extschema@.make_business_hours(zone text, weekly text,
	holidays date[] DEFAULT '{}') RETURNS @extschema@.business_hours
AS 'MODULE_PATHNAME', 'smskpi_make_business_hours'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.make_business_hours(text, text, date[]) IS
'business_hours from a zone name, a weekly schedule (''mon-fri 08:00-17:00; sat 09:00-12:00'', may be empty) and an array of holiday dates';

CREATE FUNCTION @extschema@.business_time(hours @extschema@.business_hours,
	"from" timestamptz, "to" timestamptz) RETURNS interval
AS 'MODULE_PATHNAME', 'smskpi_business_time'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.business_time(@extschema@.business_hours, timestamptz, timestamptz) IS
'working time inside [from, to) under the schedule, exact across DST; 0 when to <= from; as hours:minutes:seconds (no days); error for infinite timestamps';

CREATE FUNCTION @extschema@.business_hours_eq(@extschema@.business_hours, @extschema@.business_hours)
RETURNS boolean
AS 'MODULE_PATHNAME', 'smskpi_business_hours_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.business_hours_eq(@extschema@.business_hours, @extschema@.business_hours) IS
'true when both values are the same schedule (same zone, hours and holidays)';

CREATE FUNCTION @extschema@.business_hours_ne(@extschema@.business_hours, @extschema@.business_hours)
RETURNS boolean
AS 'MODULE_PATHNAME', 'smskpi_business_hours_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.business_hours_ne(@extschema@.business_hours, @extschema@.business_hours) IS
'true when the schedules differ';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.business_hours,
	RIGHTARG = @extschema@.business_hours,
	FUNCTION = @extschema@.business_hours_eq,
	COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel,
	JOIN = eqjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.business_hours, @extschema@.business_hours) IS
'same schedule';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.business_hours,
	RIGHTARG = @extschema@.business_hours,
	FUNCTION = @extschema@.business_hours_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.business_hours, @extschema@.business_hours) IS
'different schedules';
