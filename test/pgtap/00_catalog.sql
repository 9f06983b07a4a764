-- Catalog rules that every smskpi object must follow (see doc/CONTRIBUTING.md, "SQL parts").
BEGIN;
SELECT plan(6);

SELECT has_schema('smskpi');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'smskpi'
  WHERE p.proparallel <> 's'
    -- these create or refresh views: they write, so they cannot run in a parallel worker
    AND p.proname NOT IN ('create_kpi_views', 'refresh_kpi_views')$$,
  'every smskpi function is PARALLEL SAFE (except the two that create and refresh views)');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'smskpi'
  WHERE obj_description(p.oid, 'pg_proc') IS NULL$$,
  'every smskpi function and aggregate has a comment');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'smskpi'
  WHERE p.prosecdef$$,
  'no smskpi function is SECURITY DEFINER');

-- No function may depend on the caller's search_path: LANGUAGE sql functions use a
-- SQL-standard body (BEGIN ATOMIC / RETURN, resolved at CREATE time) or pin search_path;
-- plpgsql functions pin search_path (SET search_path = pg_catalog, pg_temp).
SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_language l ON l.oid = p.prolang
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'smskpi'
  WHERE l.lanname IN ('sql', 'plpgsql')
    AND NOT (l.lanname = 'sql' AND p.prosqlbody IS NOT NULL)
    AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)$$,
  'no SQL/plpgsql smskpi function depends on the caller''s search_path');

SELECT is(smskpi.version(),
          (SELECT extversion FROM pg_extension WHERE extname = 'smskpi'),
          'library version matches the installed extension version');

SELECT * FROM finish();
ROLLBACK;
