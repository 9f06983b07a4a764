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
