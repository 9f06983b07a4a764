-- test/citus/harness.sql -- plan-shape analysis for the Citus checks (run by run.sh on the
-- coordinator, schema citus_harness, not propagated to the workers).
--
-- citus_harness.plan_shape(query, schema) runs EXPLAIN (VERBOSE, FORMAT JSON) of the query
-- and returns one line: the shape, a tab, details.  Shapes (first that applies):
--   error      EXPLAIN failed (details: the message)
--   local      no Citus scan at all (only coordinator-local tables, e.g. a materialized view)
--   pull       rows of a hash-distributed table of the schema reach the coordinator
--              unreduced and the coordinator computes over them: a task whose worker plan
--              returns rows straight from a shard scan (through joins, windows, sorts, but
--              no Aggregate/Group/Unique/SetOp/Limit) while (a) there is coordinator work
--              above its Custom Scan, or (b) it belongs to a Distributed Subplan (the rows
--              become an intermediate result gathered on the coordinator)
--   repartition a job with dependent map/merge jobs (rows shuffled between workers)
--   partial    worker_partial_agg in the task queries and coord_combine_agg on the
--              coordinator: user-defined aggregates split into worker states + a combine
--   pushdown   one Citus scan, no subplans, nothing on the coordinator but Sort / Limit /
--              Result / Subquery Scan / Materialize: the whole query runs on the workers
--   combine    built-in partial aggregation: an Aggregate/Group node on the coordinator
--              over a Citus scan (of the main plan or of a subplan), the workers return
--              per-shard aggregates
--   subplans   recursive planning: intermediate results (all of them reduced)
--   coordinator other coordinator work over reduced worker rows (joins, windows...)
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET citus.enable_ddl_propagation = off;
DROP SCHEMA IF EXISTS citus_harness CASCADE;
CREATE SCHEMA citus_harness;

-- Does plan node p (a worker's plan) pass rows of a shard of a table in dist (schema sch)
-- to its output without reducing them?
CREATE FUNCTION citus_harness.raw_rows(p jsonb, dist text[], sch text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
    c jsonb;
BEGIN
    IF p->>'Node Type' IN ('Aggregate', 'Group', 'Unique', 'SetOp', 'Limit') THEN
        RETURN false;
    END IF;
    IF p ? 'Relation Name' AND p->>'Schema' = sch AND p->>'Relation Name' ~ '_[0-9]+$'
       AND regexp_replace(p->>'Relation Name', '_[0-9]+$', '') = ANY (dist) THEN
        RETURN true;
    END IF;
    FOR c IN SELECT * FROM jsonb_array_elements(coalesce(p->'Plans', '[]')) LOOP
        IF coalesce(c->>'Parent Relationship', '') NOT IN ('InitPlan', 'SubPlan')
           AND citus_harness.raw_rows(c, dist, sch) THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;

-- Findings over a coordinator plan p (main plan or a subplan's), with the node types
-- above p in `above`:
--   citus <task count>, subplan, repartition, noplan <task query>, coord <node type>
--   (main plan only), subcoord <node type>, pull <task query>
CREATE FUNCTION citus_harness.findings(p jsonb, above text[], in_subplan boolean, dist text[], sch text)
RETURNS TABLE (kind text, info text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    c jsonb;
    sp jsonb;
    ps jsonb;
    t jsonb;
    job jsonb;
    comp text[];
    nt text := p->>'Node Type';
BEGIN
    IF nt = 'Custom Scan' AND coalesce(p->>'Custom Plan Provider', '') LIKE 'Citus%' THEN
        job := p->'Distributed Query'->'Job';
        kind := 'citus'; info := coalesce(job->>'Task Count', '?'); RETURN NEXT;
        FOR sp IN SELECT * FROM jsonb_array_elements(coalesce(p->'Distributed Query'->'Subplans', '[]')) LOOP
            kind := 'subplan'; info := NULL; RETURN NEXT;
            FOR ps IN SELECT * FROM jsonb_array_elements(coalesce(sp->'PlannedStmt', '[]')) LOOP
                RETURN QUERY SELECT * FROM citus_harness.findings(ps->'Plan', '{}', true, dist, sch);
            END LOOP;
        END LOOP;
        IF job ? 'Dependent Jobs' OR coalesce(job->>'Tasks Shown', '') LIKE 'None%' THEN
            kind := 'repartition'; info := job->>'Tasks Shown'; RETURN NEXT;
        END IF;
        SELECT array_agg(a) INTO comp FROM unnest(above) a
        WHERE a NOT IN ('Sort', 'Incremental Sort', 'Limit', 'Result', 'Subquery Scan', 'Materialize');
        IF comp IS NOT NULL THEN
            kind := CASE WHEN in_subplan THEN 'subcoord' ELSE 'coord' END;
            FOREACH info IN ARRAY comp LOOP RETURN NEXT; END LOOP;
        END IF;
        FOR t IN SELECT * FROM jsonb_array_elements(coalesce(job->'Tasks', '[]')) LOOP
            IF NOT t ? 'Remote Plan' THEN
                kind := 'noplan'; info := t->>'Query'; RETURN NEXT;
            ELSIF (in_subplan OR comp IS NOT NULL)
                  AND citus_harness.raw_rows(t->'Remote Plan'->0->0->'Plan', dist, sch) THEN
                kind := 'pull'; info := t->>'Query'; RETURN NEXT;
            END IF;
        END LOOP;
        RETURN;
    END IF;
    FOR c IN SELECT * FROM jsonb_array_elements(coalesce(p->'Plans', '[]')) LOOP
        RETURN QUERY SELECT * FROM citus_harness.findings(c, above || (nt || coalesce(' ' || (p->>'Strategy'), '')), in_subplan, dist, sch);
    END LOOP;
END $$;

CREATE FUNCTION citus_harness.plan_shape(query text, sch text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    j jsonb;
    dist text[];
    f record;
    n_citus int := 0;
    n_sub int := 0;
    tasks text[] := '{}';
    coord text[] := '{}';
    subcoord text[] := '{}';
    pulls text[] := '{}';
    repart boolean := false;
    wpa boolean;
    cca boolean;
    detail text;
BEGIN
    BEGIN
        EXECUTE 'EXPLAIN (VERBOSE, FORMAT JSON) ' || query INTO j;
    EXCEPTION WHEN OTHERS THEN
        RETURN 'error' || E'\t' || replace(SQLERRM, E'\n', ' ');
    END;
    SELECT coalesce(array_agg(c.relname::text), '{}') INTO dist
    FROM pg_dist_partition d JOIN pg_class c ON c.oid = d.logicalrelid
    WHERE d.partmethod = 'h' AND c.relnamespace::regnamespace::text = sch;
    FOR f IN SELECT * FROM citus_harness.findings(j->0->'Plan', '{}', false, dist, sch) LOOP
        CASE f.kind
            WHEN 'citus' THEN n_citus := n_citus + 1; tasks := tasks || f.info;
            WHEN 'subplan' THEN n_sub := n_sub + 1;
            WHEN 'repartition' THEN repart := true;
            WHEN 'coord' THEN coord := coord || f.info;
            WHEN 'subcoord' THEN subcoord := subcoord || f.info;
            WHEN 'pull' THEN pulls := pulls || f.info;
            ELSE NULL;
        END CASE;
    END LOOP;
    wpa := j::text LIKE '%worker_partial_agg(%';
    cca := j::text LIKE '%coord_combine_agg(%';
    detail := format('%s Citus scan(s), tasks %s; coordinator: %s; %s subplan(s)%s',
                     n_citus, array_to_string(tasks, '+'),
                     coalesce(nullif(array_to_string(coord, ', '), ''), 'nothing'), n_sub,
                     CASE WHEN n_sub > 0 THEN ', their coordinator part: '
                          || coalesce(nullif(array_to_string(subcoord, ', '), ''), 'nothing') ELSE '' END);
    IF cardinality(pulls) > 0 THEN
        detail := detail || '; pulls: ' || left(pulls[1], 300);
    END IF;
    RETURN CASE
        WHEN n_citus = 0 THEN 'local'
        WHEN cardinality(pulls) > 0 THEN 'pull'
        WHEN repart THEN 'repartition'
        WHEN wpa AND cca THEN 'partial'
        WHEN n_citus = 1 AND n_sub = 0 AND cardinality(coord) = 0 THEN 'pushdown'
        WHEN EXISTS (SELECT FROM unnest(coord || subcoord) c WHERE c LIKE 'Aggregate%' OR c LIKE 'Group%') THEN 'combine'
        WHEN n_sub > 0 THEN 'subplans'
        ELSE 'coordinator' END
        || E'\t' || detail;
END $$;
