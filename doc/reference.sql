-- doc/reference.sql -- the reference table of README.md, read from the catalog.
--
-- Run by doc/reference.sh in a database where the current version of smskpi is
-- installed, after it has loaded ref_catalog (version, kind, name, args): one row per
-- function ('f', args = its argument types, format_type, comma-separated), type ('t')
-- or table ('r') of smskpi in every shipped version, each installed in a scratch
-- database.  Prints the Markdown table: one row per user-facing function or
-- aggregate, overloads folded (below), with the version that added it.
--
-- Left out as not user-facing: type I/O and operator functions, trigger functions,
-- functions taking or returning internal, aggregate transition, combine,
-- serialize and deserialize functions and final functions named *_final*, and
-- kpi_vs_target_query (a helper of create_kpi_views).
--
-- Folded into one row:
--   * the overloads of an aggregate for conversation keys of type bigint, integer,
--     smallint, text, varchar and uuid: listed as the anyelement aggregate
--     ("typed keys" in the Added column when they came later);
--   * overloads of one name and first argument type whose arguments extend each
--     other (f(a), f(a, b), f(a, b, c)): listed as f(a [, b [, c]]), the description
--     of the shortest followed by what each longer one's comment adds.
-- Added: the first version with the row's shortest form (same name, same argument
-- types), or with the same name and first argument type when the current arguments
-- extend that version's; arguments and key types that came later are named with
-- their version.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only on
SET client_min_messages = warning;

-- version text -> comparable
CREATE FUNCTION pg_temp.vkey(v text) RETURNS int[] LANGUAGE sql IMMUTABLE
RETURN string_to_array(v, '.')::int[];

-- a type as the table shows it
CREATE FUNCTION pg_temp.short_type(t text) RETURNS text LANGUAGE sql IMMUTABLE
RETURN replace(replace(replace(replace(t, 'timestamp with time zone', 'timestamptz'),
       'double precision', 'float8'), 'character varying', 'varchar'), 'smskpi.', '');

-- an argument list as the table shows it: short types, defaults without their casts
CREATE FUNCTION pg_temp.short_args(a text) RETURNS text LANGUAGE sql IMMUTABLE
RETURN regexp_replace(pg_temp.short_type(a), '::[a-z0-9_]+(\[\])?', '', 'g');

-- the words of b that follow the longest common word prefix of a and b
CREATE FUNCTION pg_temp.added_words(a text, b text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	n int := 0;
	cut int := 0;
BEGIN
	WHILE n < least(length(a), length(b)) AND substr(a, n + 1, 1) = substr(b, n + 1, 1) LOOP
		n := n + 1;
		IF substr(b, n, 1) ~ '[ ,;:(]' THEN
			cut := n - 1;
		END IF;
	END LOOP;
	IF n = length(b) THEN
		RETURN '';
	END IF;
	-- the prefix ends at a word boundary of both
	IF (n = length(a) OR substr(a, n + 1, 1) ~ '[ ,;:(]') AND substr(b, n + 1, 1) ~ '[ ,;:(]' THEN
		cut := n;
	END IF;
	RETURN regexp_replace(substr(b, cut + 1), '^[ ,;:]*(with )?', '');
END $$;

-- the first version whose catalog has a function of this name whose first arguments are these
CREATE FUNCTION pg_temp.first_version(name text, prefix text[]) RETURNS int[] LANGUAGE sql STABLE
RETURN (SELECT min(pg_temp.vkey(c.version)) FROM ref_catalog c
        WHERE c.kind = 'f' AND c.name = first_version.name
          AND (coalesce(string_to_array(nullif(c.args, ''), ','), '{}'))[1:cardinality(prefix)] = prefix
          AND cardinality(coalesce(string_to_array(nullif(c.args, ''), ','), '{}')) >= cardinality(prefix));

CREATE TEMP TABLE ref_fn AS
SELECT p.oid, p.proname::text AS name, p.prokind,
       array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i) ORDER BY i) AS argtypes,
       (SELECT coalesce(array_agg(n ORDER BY i), '{}') FROM unnest(p.proargnames, p.proargmodes) WITH ORDINALITY u(n, m, i)
        WHERE m IS NULL OR m IN ('i', 'b', 'v')) AS argnames,
       p.proargnames, p.proargmodes,
       obj_description(p.oid, 'pg_proc') AS comment
FROM pg_proc p
WHERE p.pronamespace = 'smskpi'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend,
                                                         t.typmodin, t.typmodout, t.typanalyze))
  AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = p.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_aggregate a WHERE p.oid IN (a.aggtransfn, a.aggcombinefn, a.aggserialfn,
                                                             a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn))
  AND NOT (p.proname ~ '_final(_default)?$'
           AND EXISTS (SELECT 1 FROM pg_aggregate a WHERE p.oid IN (a.aggfinalfn, a.aggmfinalfn)))
  AND p.prorettype NOT IN ('trigger'::regtype, 'internal'::regtype)
  AND NOT 'internal'::regtype = ANY (p.proargtypes::oid[])
  AND p.proname NOT IN ('kpi_vs_target_query');
-- the catalog listing of the current version must be the same functions
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM ref_fn) THEN
		RAISE EXCEPTION 'reference: no smskpi functions found';
	END IF;
END $$;

-- key-type overloads are listed as their anyelement aggregate
CREATE TEMP TABLE ref_form AS
SELECT f.*,
       f.prokind = 'a' AND f.argtypes[1] IN ('bigint', 'integer', 'smallint', 'text', 'character varying', 'uuid')
         AND EXISTS (SELECT 1 FROM ref_fn g WHERE g.name = f.name AND g.argtypes[1] = 'anyelement'
                     AND g.argtypes[2:] = f.argtypes[2:]) AS typed_key,
       (SELECT min(pg_temp.vkey(c.version)) FROM ref_catalog c
        WHERE c.kind = 'f' AND c.name = f.name AND c.args = array_to_string(f.argtypes, ',')) AS since
FROM ref_fn f;

-- one group per name and first argument type (key types as anyelement); its forms
-- in order of their number of arguments
CREATE TEMP TABLE ref_group AS
SELECT name, coalesce(argtypes[1], '') AS first, prokind,
       array_agg(oid ORDER BY cardinality(argtypes)) AS forms,
       array_agg(cardinality(argtypes) ORDER BY cardinality(argtypes)) AS nargs
FROM ref_form WHERE NOT typed_key
GROUP BY name, coalesce(argtypes[1], ''), prokind;

DO $$
DECLARE
	g record;
	i int;
BEGIN
	-- every form must extend the one before it (else the row would hide a signature)
	FOR g IN SELECT * FROM ref_group LOOP
		FOR i IN 2 .. cardinality(g.forms) LOOP
			IF (SELECT a.argtypes FROM ref_form a WHERE a.oid = g.forms[i])[1:g.nargs[i - 1]]
			   IS DISTINCT FROM (SELECT b.argtypes FROM ref_form b WHERE b.oid = g.forms[i - 1]) THEN
				RAISE EXCEPTION 'reference: the overloads of %(%...) do not extend each other: teach doc/reference.sql how to list them',
					g.name, g.first;
			END IF;
		END LOOP;
	END LOOP;
END $$;

-- the functions' family: a heading row and its order
CREATE FUNCTION pg_temp.family(name text) RETURNS int LANGUAGE sql IMMUTABLE
RETURN CASE WHEN name ~ '^(first_response|median_|reply_time|response_)' THEN 1
            WHEN name ~ '^duration_' THEN 2
            WHEN name ~ 'business' THEN 3
            WHEN name ~ '^(contact_|falloff|campaign_falloff|reply_attribution|unanswered|first_outbound|last_touch|speed_to_lead|message_log)' THEN 4
            WHEN name ~ '^(reply_intent|is_opt_out)$' THEN 5
            WHEN name ~ '^sentiment_' THEN 6
            WHEN name ~ '^(sms_(segments|encoding|units|smart_)|emoji_count|has_emoji)' THEN 7
            WHEN name ~ '(kpi|sms_error_reason)' THEN 8
            ELSE 9 END;

CREATE TEMP TABLE ref_family (family int, heading text);
INSERT INTO ref_family VALUES
  (1, '[Response times](doc/response_time.md)'),
  (2, '[Percentiles of other durations](doc/response_time.md#percentiles-of-other-durations)'),
  (3, '[Business hours](doc/business_hours.md)'),
  (4, '[Campaign analytics](doc/campaign.md)'),
  (5, '[Reply intent](doc/intent.md)'),
  (6, '[Sentiment](doc/sentiment.md)'),
  (7, '[SMS segments and emoji](doc/segments_emoji.md)'),
  (8, '[KPI views and rollups](doc/views.md)'),
  (9, 'Other'),
  (10, 'Types and tables');

CREATE TEMP TABLE ref_row (family int, sort text, func text, descr text, added text);

DO $$
DECLARE
	g record;
	f record;
	prev record;
	i int;
	args text[];
	fullargs text;
	sig text;
	res text;
	d text;
	base int[];
	added text;
	notes text[];
	v int[];
	cur int[];
	names text[];
	k int;
	extra text;
BEGIN
	FOR g IN SELECT * FROM ref_group LOOP
		-- the longest form gives the arguments (with their defaults) and the result
		SELECT * INTO f FROM ref_form WHERE oid = g.forms[cardinality(g.forms)];
		fullargs := regexp_replace(pg_get_function_arguments(f.oid), ', (OUT|TABLE) .*$', '');
		fullargs := regexp_replace(fullargs, '^OUT .*$', '');
		args := CASE WHEN fullargs = '' THEN '{}'::text[] ELSE string_to_array(fullargs, ', ') END;
		IF cardinality(args) <> cardinality(f.argtypes) THEN
			RAISE EXCEPTION 'reference: cannot split the arguments of %: %', f.name, fullargs;
		END IF;
		-- f(a [, b [, c]])
		sig := array_to_string(args[1:g.nargs[1]], ', ');
		FOR i IN 2 .. cardinality(g.forms) LOOP
			sig := sig || CASE WHEN g.nargs[i - 1] = 0 THEN '[' ELSE ' [, ' END
			       || array_to_string(args[g.nargs[i - 1] + 1 : g.nargs[i]], ', ');
		END LOOP;
		sig := sig || repeat(']', cardinality(g.forms) - 1);
		-- result: a type, or the names of the columns / OUT arguments
		IF f.proargmodes IS NOT NULL AND ('t' = ANY (f.proargmodes) OR 'o' = ANY (f.proargmodes)) THEN
			res := (SELECT string_agg(u.n, ', ' ORDER BY u.o) FROM unnest(f.proargnames, f.proargmodes) WITH ORDINALITY u(n, m, o)
			        WHERE u.m IN ('t', 'o', 'b'));
			res := CASE WHEN 't' = ANY (f.proargmodes) THEN 'table (' || res || ')' ELSE '(' || res || ')' END;
		ELSE
			res := pg_get_function_result(f.oid);
			res := regexp_replace(res, '^SETOF ', 'setof ');
		END IF;
		-- description: the shortest form's comment, then what each longer one adds
		SELECT * INTO prev FROM ref_form WHERE oid = g.forms[1];
		d := coalesce(prev.comment, '');
		FOR i IN 2 .. cardinality(g.forms) LOOP
			SELECT * INTO f FROM ref_form WHERE oid = g.forms[i];
			extra := pg_temp.added_words(coalesce(prev.comment, ''), coalesce(f.comment, ''));
			IF extra <> '' THEN
				d := d || '; with `' || array_to_string(f.argnames[g.nargs[i - 1] + 1 : g.nargs[i]], '`, `') || '`: ' || extra;
			END IF;
			prev := f;
		END LOOP;
		IF g.prokind = 'a' THEN
			d := 'aggregate: ' || d;
		END IF;
		-- Added: the first version with this name and first argument type; an argument
		-- position that came later is named with the first version that has it (with the
		-- current types up to it)
		SELECT * INTO f FROM ref_form WHERE oid = g.forms[cardinality(g.forms)];
		base := pg_temp.first_version(g.name, f.argtypes[1:least(1, cardinality(f.argtypes))]);
		IF base IS NULL THEN
			RAISE EXCEPTION 'reference: % is in no version''s catalog', g.name;
		END IF;
		notes := '{}';
		cur := NULL;
		names := '{}';
		FOR k IN 2 .. cardinality(f.argtypes) LOOP
			v := pg_temp.first_version(g.name, f.argtypes[1:k]);
			IF v > base THEN
				IF cur IS DISTINCT FROM v AND cardinality(names) > 0 THEN
					notes := notes || ('`' || array_to_string(names, '`, `') || '`: ' || array_to_string(cur, '.'));
					names := '{}';
				END IF;
				cur := v;
				names := names || f.argnames[k];
			END IF;
		END LOOP;
		IF cardinality(names) > 0 THEN
			notes := notes || ('`' || array_to_string(names, '`, `') || '`: ' || array_to_string(cur, '.'));
		END IF;
		added := array_to_string(base, '.');
		-- key types that came later
		SELECT min(t.since) INTO v FROM ref_form t
		WHERE t.typed_key AND t.name = g.name;
		IF v IS NOT NULL AND v > base THEN
			notes := notes || ('typed keys: ' || array_to_string(v, '.'));
		END IF;
		IF cardinality(notes) > 0 THEN
			added := added || '; ' || array_to_string(notes, '; ');
		END IF;
		INSERT INTO ref_row VALUES (pg_temp.family(g.name), g.name || ' ' || (g.first = 'bytea')::int || lpad(g.nargs[1]::text, 3, '0') || ' ' || g.first,
			'`' || g.name || '(' || pg_temp.short_args(sig) || ')` → ' || pg_temp.short_type(res),
			replace(d, '|', '\|'), added);
	END LOOP;
END $$;

-- types and tables
INSERT INTO ref_row
SELECT 10, t.typname, 'type `' || t.typname || '`', replace(coalesce(obj_description(t.oid, 'pg_type'),
         (SELECT obj_description(c.oid, 'pg_class') FROM pg_class c WHERE c.oid = t.typrelid)), '|', '\|'),
       (SELECT array_to_string(min(pg_temp.vkey(r.version)), '.') FROM ref_catalog r WHERE r.kind = 't' AND r.name = t.typname)
FROM pg_type t
WHERE t.typnamespace = 'smskpi'::regnamespace AND t.typelem = 0 AND t.typtype IN ('b', 'c', 'd', 'e')
  AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
UNION ALL
SELECT 10, c.relname, 'table `' || c.relname || '`', replace(obj_description(c.oid, 'pg_class'), '|', '\|'),
       (SELECT array_to_string(min(pg_temp.vkey(r.version)), '.') FROM ref_catalog r WHERE r.kind = 'r' AND r.name = c.relname)
FROM pg_class c
WHERE c.relnamespace = 'smskpi'::regnamespace AND c.relkind IN ('r', 'p');

SELECT line FROM (
  SELECT 0 AS family, '' AS sort, 0 AS o, '| Function | Description | Added |' AS line
  UNION ALL SELECT 0, '', 1, '|---|---|---|'
  UNION ALL SELECT f.family, '', 2, '| **' || f.heading || '** | | |' FROM ref_family f
            WHERE EXISTS (SELECT 1 FROM ref_row r WHERE r.family = f.family)
  UNION ALL SELECT family, sort, 3, '| ' || func || ' | ' || descr || ' | ' || added || ' |' FROM ref_row
) t ORDER BY family, o, sort COLLATE "C";
