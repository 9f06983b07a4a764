-- The extension installs into schema smskpi and reports its version.
SELECT extname, extversion = smskpi.version() AS version_matches,
       extnamespace::regnamespace AS schema
FROM pg_extension WHERE extname = 'smskpi';
-- It cannot be relocated.
ALTER EXTENSION smskpi SET SCHEMA public;
