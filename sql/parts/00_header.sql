-- smskpi install script (built from sql/parts/*.sql in sorted order; see Makefile)
--
-- Conventions for every part:
--   * objects are written @extschema@.name, operators OPERATOR(pg_catalog.=),
--     so the caller's search_path cannot redirect anything;
--   * every function: LANGUAGE C (or SQL), right volatility, STRICT where NULL in
--     means NULL out, PARALLEL SAFE, SECURITY INVOKER (the default), COMMENT ON;
--   * no CREATE OR REPLACE.

\echo Use "CREATE EXTENSION smskpi" to load this file. \quit

COMMENT ON SCHEMA @extschema@ IS 'smskpi: SMS/MMS messaging KPIs computed inside PostgreSQL';
-- Every role may call smskpi's functions (they are SECURITY INVOKER and read only
-- what their caller may read), as with an extension installed in schema public.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- smskpi.version(): the version of the loaded shared library.
CREATE FUNCTION @extschema@.version() RETURNS text
AS 'MODULE_PATHNAME', 'smskpi_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.version() IS 'version of the smskpi shared library';
