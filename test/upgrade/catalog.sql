-- test/upgrade/catalog.sql: everything the smskpi extension put into the current
-- database, one line per property ("<object> | <property> = <value>"), sorted, free of
-- OIDs and of what depends on the data or history of the database (statistics, file
-- nodes, xids, dropped columns).  test/shell/upgrade.sh diffs it between a database
-- updated from an older version and a fresh CREATE EXTENSION smskpi.
--
-- Objects: every member of the extension (pg_depend deptype 'e') and every other
-- object in schema smskpi (array types, indexes, composite types' relations, and
-- anything a change script left outside the extension).  Described:
--   functions     all pg_proc columns; types, defaults, result and SQL-standard bodies
--                 deparsed (pg_get_function_arguments/_result, pg_get_functiondef)
--   aggregates    all pg_aggregate columns, support functions as regprocedure
--   types         all pg_type columns, I/O and support functions as regprocedure,
--                 domain constraints, enum labels in order
--   operators     all pg_operator columns; casts; operator classes and families
--                 with their operators and support functions
--   relations     all pg_class columns but storage and statistics; columns in order
--                 (type, not null, default, generated, identity, collation, storage,
--                 ACL, options); constraints, indexes, triggers, rules, policies,
--                 view definitions, sequence parameters; the rows of configuration
--                 tables that pg_dump does not dump (those the extension owns)
--   and           comments (pg_description, columns too), initial privileges
--                 (pg_init_privs), the schema (owner, ACL, comment), pg_extension
--                 (version, relocatable, extconfig as names, extcondition)
-- An object of another catalog is listed by identity only (a line says so).
\pset tuples_only on
\pset format unaligned
SET search_path = pg_catalog;

WITH ext AS (
    SELECT e.* FROM pg_extension e WHERE e.extname = 'smskpi'
), member AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend d, ext
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
), nsp AS (
    SELECT n.oid FROM pg_namespace n WHERE n.nspname = 'smskpi'
), inschema (classid, objid, objsubid) AS (
    SELECT 'pg_class'::regclass::oid, c.oid, 0 FROM pg_class c, nsp WHERE c.relnamespace = nsp.oid
    UNION ALL SELECT 'pg_proc'::regclass, p.oid, 0 FROM pg_proc p, nsp WHERE p.pronamespace = nsp.oid
    UNION ALL SELECT 'pg_type'::regclass, t.oid, 0 FROM pg_type t, nsp WHERE t.typnamespace = nsp.oid
    UNION ALL SELECT 'pg_operator'::regclass, o.oid, 0 FROM pg_operator o, nsp WHERE o.oprnamespace = nsp.oid
    UNION ALL SELECT 'pg_opclass'::regclass, o.oid, 0 FROM pg_opclass o, nsp WHERE o.opcnamespace = nsp.oid
    UNION ALL SELECT 'pg_opfamily'::regclass, o.oid, 0 FROM pg_opfamily o, nsp WHERE o.opfnamespace = nsp.oid
    UNION ALL SELECT 'pg_collation'::regclass, o.oid, 0 FROM pg_collation o, nsp WHERE o.collnamespace = nsp.oid
    UNION ALL SELECT 'pg_conversion'::regclass, o.oid, 0 FROM pg_conversion o, nsp WHERE o.connamespace = nsp.oid
    UNION ALL SELECT 'pg_ts_config'::regclass, o.oid, 0 FROM pg_ts_config o, nsp WHERE o.cfgnamespace = nsp.oid
    UNION ALL SELECT 'pg_ts_dict'::regclass, o.oid, 0 FROM pg_ts_dict o, nsp WHERE o.dictnamespace = nsp.oid
    UNION ALL SELECT 'pg_statistic_ext'::regclass, o.oid, 0 FROM pg_statistic_ext o, nsp WHERE o.stxnamespace = nsp.oid
), obj AS (
    SELECT m.classid, m.objid, m.objsubid, true AS member FROM member m
    UNION ALL
    SELECT i.classid, i.objid, i.objsubid, false FROM inschema i
    WHERE NOT EXISTS (SELECT 1 FROM member m WHERE (m.classid, m.objid, m.objsubid) = (i.classid, i.objid, i.objsubid))
), named AS (
    SELECT o.*, (pg_identify_object(o.classid, o.objid, o.objsubid)).type || ' ' ||
                (pg_identify_object(o.classid, o.objid, o.objsubid)).identity AS name
    FROM obj o
), props (name, prop) AS (
    -- membership, and the catalogs described below
    SELECT n.name, jsonb_build_object('extension member', n.member,
        'described', n.classid::regclass::text IN ('pg_proc', 'pg_type', 'pg_class', 'pg_operator',
            'pg_cast', 'pg_opclass', 'pg_opfamily'))
    FROM named n

    UNION ALL  -- functions, procedures, aggregates
    SELECT n.name, (to_jsonb(p) - ARRAY['oid', 'pronamespace', 'proowner', 'prolang', 'prorettype',
            'proargtypes', 'proallargtypes', 'provariadic', 'protrftypes', 'prosqlbody', 'proargdefaults'])
        || jsonb_build_object(
            'owner', pg_get_userbyid(p.proowner),
            'language', (SELECT l.lanname FROM pg_language l WHERE l.oid = p.prolang),
            'result', pg_get_function_result(p.oid),
            'arguments', pg_get_function_arguments(p.oid),
            'argument types', oidvectortypes(p.proargtypes),
            'all argument types', (SELECT array_agg(format_type(t, NULL) ORDER BY i)
                                   FROM unnest(p.proallargtypes) WITH ORDINALITY u(t, i)),
            'variadic', format_type(nullif(p.provariadic, 0), NULL),
            'transforms', (SELECT array_agg(format_type(t, NULL) ORDER BY i)
                           FROM unnest(p.protrftypes) WITH ORDINALITY u(t, i)),
            'sql body', CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_functiondef(p.oid) END)
    FROM named n JOIN pg_proc p ON n.classid = 'pg_proc'::regclass AND p.oid = n.objid

    UNION ALL
    SELECT n.name, (to_jsonb(a) - ARRAY['aggfnoid', 'aggtransfn', 'aggfinalfn', 'aggcombinefn',
            'aggserialfn', 'aggdeserialfn', 'aggmtransfn', 'aggminvtransfn', 'aggmfinalfn',
            'aggsortop', 'aggtranstype', 'aggmtranstype'])
        || jsonb_build_object(
            'aggtransfn', nullif(a.aggtransfn::oid, 0)::regprocedure::text,
            'aggfinalfn', nullif(a.aggfinalfn::oid, 0)::regprocedure::text,
            'aggcombinefn', nullif(a.aggcombinefn::oid, 0)::regprocedure::text,
            'aggserialfn', nullif(a.aggserialfn::oid, 0)::regprocedure::text,
            'aggdeserialfn', nullif(a.aggdeserialfn::oid, 0)::regprocedure::text,
            'aggmtransfn', nullif(a.aggmtransfn::oid, 0)::regprocedure::text,
            'aggminvtransfn', nullif(a.aggminvtransfn::oid, 0)::regprocedure::text,
            'aggmfinalfn', nullif(a.aggmfinalfn::oid, 0)::regprocedure::text,
            'aggsortop', nullif(a.aggsortop, 0)::regoperator::text,
            'aggtranstype', format_type(nullif(a.aggtranstype, 0), NULL),
            'aggmtranstype', format_type(nullif(a.aggmtranstype, 0), NULL))
    FROM named n JOIN pg_aggregate a ON n.classid = 'pg_proc'::regclass AND a.aggfnoid = n.objid

    UNION ALL  -- types
    SELECT n.name, (to_jsonb(t) - ARRAY['oid', 'typnamespace', 'typowner', 'typrelid', 'typelem',
            'typarray', 'typbasetype', 'typcollation', 'typdefaultbin', 'typinput', 'typoutput',
            'typreceive', 'typsend', 'typmodin', 'typmodout', 'typanalyze', 'typsubscript'])
        || jsonb_build_object(
            'owner', pg_get_userbyid(t.typowner),
            'typrelid', nullif(t.typrelid, 0)::regclass::text,
            'typelem', format_type(nullif(t.typelem, 0), NULL),
            'typarray', format_type(nullif(t.typarray, 0), NULL),
            'typbasetype', format_type(nullif(t.typbasetype, 0), NULL),
            'typcollation', (SELECT c.collname FROM pg_collation c WHERE c.oid = t.typcollation),
            'typinput', nullif(t.typinput::oid, 0)::regprocedure::text,
            'typoutput', nullif(t.typoutput::oid, 0)::regprocedure::text,
            'typreceive', nullif(t.typreceive::oid, 0)::regprocedure::text,
            'typsend', nullif(t.typsend::oid, 0)::regprocedure::text,
            'typmodin', nullif(t.typmodin::oid, 0)::regprocedure::text,
            'typmodout', nullif(t.typmodout::oid, 0)::regprocedure::text,
            'typanalyze', nullif(t.typanalyze::oid, 0)::regprocedure::text,
            'typsubscript', nullif(t.typsubscript::oid, 0)::regprocedure::text,
            'domain constraints', (SELECT jsonb_agg(jsonb_build_array(c.conname, pg_get_constraintdef(c.oid),
                                       obj_description(c.oid, 'pg_constraint')) ORDER BY c.conname)
                                   FROM pg_constraint c WHERE c.contypid = t.oid),
            'enum labels', (SELECT jsonb_agg(e.enumlabel ORDER BY e.enumsortorder)
                            FROM pg_enum e WHERE e.enumtypid = t.oid))
    FROM named n JOIN pg_type t ON n.classid = 'pg_type'::regclass AND t.oid = n.objid

    UNION ALL  -- operators
    SELECT n.name, (to_jsonb(o) - ARRAY['oid', 'oprnamespace', 'oprowner', 'oprleft', 'oprright',
            'oprresult', 'oprcom', 'oprnegate', 'oprcode', 'oprrest', 'oprjoin'])
        || jsonb_build_object(
            'owner', pg_get_userbyid(o.oprowner),
            'oprleft', format_type(nullif(o.oprleft, 0), NULL),
            'oprright', format_type(nullif(o.oprright, 0), NULL),
            'oprresult', format_type(nullif(o.oprresult, 0), NULL),
            'oprcom', nullif(o.oprcom, 0)::regoperator::text,
            'oprnegate', nullif(o.oprnegate, 0)::regoperator::text,
            'oprcode', nullif(o.oprcode::oid, 0)::regprocedure::text,
            'oprrest', nullif(o.oprrest::oid, 0)::regprocedure::text,
            'oprjoin', nullif(o.oprjoin::oid, 0)::regprocedure::text)
    FROM named n JOIN pg_operator o ON n.classid = 'pg_operator'::regclass AND o.oid = n.objid

    UNION ALL  -- casts
    SELECT n.name, jsonb_build_object(
            'source', format_type(c.castsource, NULL), 'target', format_type(c.casttarget, NULL),
            'function', nullif(c.castfunc, 0)::regprocedure::text,
            'context', c.castcontext, 'method', c.castmethod)
    FROM named n JOIN pg_cast c ON n.classid = 'pg_cast'::regclass AND c.oid = n.objid

    UNION ALL  -- operator classes and families
    SELECT n.name, jsonb_build_object(
            'method', (SELECT am.amname FROM pg_am am WHERE am.oid = c.opcmethod),
            'family', (SELECT f.opfname FROM pg_opfamily f WHERE f.oid = c.opcfamily),
            'input type', format_type(c.opcintype, NULL),
            'key type', format_type(nullif(c.opckeytype, 0), NULL),
            'default', c.opcdefault, 'owner', pg_get_userbyid(c.opcowner))
    FROM named n JOIN pg_opclass c ON n.classid = 'pg_opclass'::regclass AND c.oid = n.objid
    UNION ALL
    SELECT n.name, jsonb_build_object(
            'method', (SELECT am.amname FROM pg_am am WHERE am.oid = f.opfmethod),
            'owner', pg_get_userbyid(f.opfowner),
            'operators', (SELECT jsonb_agg(jsonb_build_array(format_type(o.amoplefttype, NULL),
                              format_type(o.amoprighttype, NULL), o.amopstrategy, o.amoppurpose,
                              o.amopopr::regoperator::text,
                              (SELECT sf.opfname FROM pg_opfamily sf WHERE sf.oid = o.amopsortfamily))
                              ORDER BY o.amoplefttype::regtype::text, o.amoprighttype::regtype::text, o.amopstrategy)
                          FROM pg_amop o WHERE o.amopfamily = f.oid),
            'support functions', (SELECT jsonb_agg(jsonb_build_array(format_type(p.amproclefttype, NULL),
                                      format_type(p.amprocrighttype, NULL), p.amprocnum,
                                      p.amproc::oid::regprocedure::text)
                                      ORDER BY p.amproclefttype::regtype::text, p.amprocrighttype::regtype::text, p.amprocnum)
                                  FROM pg_amproc p WHERE p.amprocfamily = f.oid))
    FROM named n JOIN pg_opfamily f ON n.classid = 'pg_opfamily'::regclass AND f.oid = n.objid

    UNION ALL  -- relations
    SELECT n.name, (to_jsonb(c) - ARRAY['oid', 'relnamespace', 'reltype', 'reloftype', 'relowner',
            'relam', 'relfilenode', 'reltablespace', 'relpages', 'reltuples', 'relallvisible',
            'reltoastrelid', 'relfrozenxid', 'relminmxid', 'relrewrite', 'relpartbound', 'relnatts'])
        || jsonb_build_object(
            'owner', pg_get_userbyid(c.relowner),
            'access method', (SELECT am.amname FROM pg_am am WHERE am.oid = c.relam),
            'of type', format_type(nullif(c.reloftype, 0), NULL),
            'has toast', c.reltoastrelid <> 0,
            'partition bound', pg_get_expr(c.relpartbound, c.oid),
            'columns', (SELECT jsonb_agg(jsonb_build_object(
                                'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                'not null', a.attnotnull,
                                'default', pg_get_expr(d.adbin, d.adrelid),
                                'generated', a.attgenerated, 'identity', a.attidentity,
                                'collation', (SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation),
                                'storage', a.attstorage, 'compression', a.attcompression,
                                'statistics target', a.attstattarget,
                                'acl', a.attacl, 'fdw options', a.attfdwoptions,
                                -- this machine's server stamps each new column with the
                                -- option pg_attver=N, N differing per creation: left out
                                'options', (SELECT array_agg(op ORDER BY op) FROM unnest(a.attoptions) op
                                            WHERE op NOT LIKE 'pg\_attver=%'))
                                ORDER BY a.attnum)
                        FROM pg_attribute a
                        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
            'constraints', (SELECT jsonb_agg(jsonb_build_array(co.conname, pg_get_constraintdef(co.oid),
                                co.condeferrable, co.condeferred, co.convalidated,
                                obj_description(co.oid, 'pg_constraint')) ORDER BY co.conname)
                            FROM pg_constraint co WHERE co.conrelid = c.oid),
            'indexes', (SELECT jsonb_agg(jsonb_build_array(pg_get_indexdef(i.indexrelid), i.indisprimary,
                            i.indisclustered, i.indisreplident, i.indisvalid, i.indisready)
                            ORDER BY pg_get_indexdef(i.indexrelid))
                        FROM pg_index i WHERE i.indrelid = c.oid),
            'index of', (SELECT i.indrelid::regclass::text FROM pg_index i WHERE i.indexrelid = c.oid),
            'triggers', (SELECT jsonb_agg(jsonb_build_array(pg_get_triggerdef(tg.oid), tg.tgenabled,
                             obj_description(tg.oid, 'pg_trigger')) ORDER BY tg.tgname)
                         FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal),
            'rules', (SELECT jsonb_agg(jsonb_build_array(pg_get_ruledef(r.oid), r.ev_enabled) ORDER BY r.rulename)
                      FROM pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename <> '_RETURN'),
            'policies', (SELECT jsonb_agg(jsonb_build_array(po.polname, po.polcmd, po.polpermissive,
                             (SELECT array_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END ORDER BY 1)
                              FROM unnest(po.polroles) r),
                             pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
                             ORDER BY po.polname)
                         FROM pg_policy po WHERE po.polrelid = c.oid),
            'view definition', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
            'sequence', (SELECT to_jsonb(s) - 'seqrelid' - 'seqtypid' || jsonb_build_object('type', format_type(s.seqtypid, NULL))
                         FROM pg_sequence s WHERE s.seqrelid = c.oid),
            'extension-owned rows', CASE WHEN c.oid = ANY ((SELECT extconfig FROM ext)::oid[]) AND c.relkind IN ('r', 'p') THEN
                (xpath('/row/r/text()', query_to_xml(format(
                    'SELECT string_agg(to_jsonb(x)::text, %L ORDER BY to_jsonb(x)::text COLLATE "C") AS r
                     FROM (SELECT * FROM %s EXCEPT ALL SELECT * FROM %s %s) x',
                    ' ; ', c.oid::regclass, c.oid::regclass,
                    (SELECT e.extcondition[array_position(e.extconfig, c.oid)] FROM ext e)), false, true, '')))[1]::text
                END)
    FROM named n JOIN pg_class c ON n.classid = 'pg_class'::regclass AND c.oid = n.objid

    UNION ALL  -- comments, of columns too
    SELECT (pg_identify_object(d.classoid, d.objoid, d.objsubid)).type || ' ' ||
           (pg_identify_object(d.classoid, d.objoid, d.objsubid)).identity,
           jsonb_build_object('comment', d.description)
    FROM pg_description d
    WHERE EXISTS (SELECT 1 FROM obj o WHERE o.classid = d.classoid AND o.objid = d.objoid)

    UNION ALL  -- initial privileges (what pg_dump takes as the extension's own GRANTs)
    SELECT (pg_identify_object(i.classoid, i.objoid, i.objsubid)).type || ' ' ||
           (pg_identify_object(i.classoid, i.objoid, i.objsubid)).identity,
           jsonb_build_object('initial privileges', i.initprivs::text[], 'initial privileges type', i.privtype)
    FROM pg_init_privs i
    WHERE EXISTS (SELECT 1 FROM obj o WHERE o.classid = i.classoid AND o.objid = i.objoid)
       OR (i.classoid = 'pg_namespace'::regclass AND i.objoid = (SELECT oid FROM nsp))

    UNION ALL  -- the schema
    SELECT 'schema ' || n.nspname, jsonb_build_object('owner', pg_get_userbyid(n.nspowner),
            'acl', n.nspacl::text[], 'comment', obj_description(n.oid, 'pg_namespace'),
            'extension member', EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_namespace'::regclass AND m.objid = n.oid))
    FROM pg_namespace n, nsp WHERE n.oid = nsp.oid

    UNION ALL  -- the extension
    SELECT 'extension smskpi', jsonb_build_object('version', e.extversion, 'owner', pg_get_userbyid(e.extowner),
            'schema', e.extnamespace::regnamespace::text, 'relocatable', e.extrelocatable,
            'extconfig', (SELECT array_agg(c::regclass::text ORDER BY i) FROM unnest(e.extconfig) WITH ORDINALITY u(c, i)),
            'extcondition', e.extcondition,
            'requires', (SELECT array_agg(r.extname ORDER BY r.extname) FROM pg_depend d JOIN pg_extension r ON r.oid = d.refobjid
                         WHERE d.classid = 'pg_extension'::regclass AND d.objid = e.oid AND d.refclassid = 'pg_extension'::regclass))
    FROM ext e
)
SELECT line FROM (
    SELECT p.name || ' | ' || k.key || ' = ' || k.value::text AS line
    FROM props p, jsonb_each(p.prop) k
    UNION ALL
    SELECT 'extension smskpi | (not installed)' WHERE NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'smskpi')
) l
ORDER BY line COLLATE "C";
