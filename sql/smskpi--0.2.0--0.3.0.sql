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
-- ids keep their type (sql/parts/50_views.sql).  Re-run create_kpi_views after the update.

CREATE OR REPLACE FUNCTION @extschema@.create_kpi_views(
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
    click_min_delay interval DEFAULT '5 seconds')
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
    srcq text[] := '{}';
    tok text[];       -- token names
    val text[];       -- their replacements (quoted identifiers and literals only)
    v record;
    q text;
    i int;
    missing text[];
    skipped text := '';
    created text[] := '{}';
    marker text;
    sq text := quote_ident(target_schema);
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
    IF time_zone IS NULL OR conversion_window IS NULL OR click_min_delay IS NULL OR materialized IS NULL THEN
        RAISE EXCEPTION 'materialized, time_zone, conversion_window and click_min_delay must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM now() AT TIME ZONE time_zone;          -- an unknown zone is an error here
    IF conversion_window <= interval '0' OR click_min_delay < interval '0' THEN
        RAISE EXCEPTION 'conversion_window must be positive and click_min_delay not negative'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- the data contract: every problem of every relation in one error
    rels := ARRAY[messages, link_clicks, conversions, consent_events, conversation_events, holdout_contacts];
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

    -- the source relations as sub-selects with the contract's columns, cast
    FOR i IN 1 .. 6 LOOP
        q := NULL;
        IF rels[i] IS NOT NULL THEN
            SELECT '(SELECT ' || string_agg(
                       CASE split_part(s, ':', 2)
                           WHEN 'int' THEN format('%I::integer AS %I', split_part(s, ':', 1), split_part(s, ':', 1))
                           WHEN 'number' THEN format('%I::numeric AS %I', split_part(s, ':', 1), split_part(s, ':', 1))
                           WHEN 'text' THEN format('%I::text AS %I', split_part(s, ':', 1), split_part(s, ':', 1))
                           ELSE format('%I', split_part(s, ':', 1)) END, ', ' ORDER BY o)
                   || format(' FROM %I.%I)', n.nspname, c.relname)
            INTO q
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
        srcq := srcq || q;
    END LOOP;

    -- tokens of the view templates ({ATTR} first: it contains other tokens)
    tok := ARRAY['{ATTR}', '{S}', '{TZ}', '{CW}', '{CMD}', '{BH}', '{M}', '{LC}', '{CV}', '{CE}', '{VE}', '{HC}',
                 '{LC0}', '{CV0}', '{HAS_LC}', '{HAS_CV}'];
    val := ARRAY[
        CASE WHEN conversions IS NULL THEN
            'attr AS (SELECT NULL::bigint AS contact_id, NULL::timestamptz AS converted_at, NULL::numeric AS revenue, NULL::bigint AS message_id WHERE false)'
        ELSE $a$attr AS (   -- last touch: smskpi.last_touch over the contact's history
    SELECT v.contact_id, v.converted_at, v.revenue,
           coalesce(v.message_id, @extschema@.last_touch(c.history, v.converted_at, {CW})) AS message_id
    FROM {CV} v LEFT JOIN {S}.kpi_contacts c ON c.contact_id = v.contact_id
    WHERE v.converted_at IS NOT NULL)$a$ END,
        sq, quote_literal(time_zone), quote_literal(conversion_window::text) || '::interval',
        quote_literal(click_min_delay::text) || '::interval',
        CASE WHEN hours IS NULL THEN '' ELSE ', ' || quote_literal(hours::text) || '::@extschema@.business_hours' END,
        srcq[1], srcq[2], srcq[3], srcq[4], srcq[5], srcq[6],
        coalesce(srcq[2], '(SELECT NULL::bigint AS message_id, NULL::timestamptz AS clicked_at WHERE false)'),
        coalesce(srcq[3], '(SELECT NULL::bigint AS contact_id, NULL::timestamptz AS converted_at, NULL::numeric AS revenue, NULL::bigint AS message_id WHERE false)'),
        (link_clicks IS NOT NULL)::text, (conversions IS NOT NULL)::text];

    -- relations in the way that are not ours
    SELECT array_agg(format('%I.%I', target_schema, c.relname) ORDER BY c.relname) INTO problems
    FROM pg_class c, @extschema@.kpi_view_definitions() d
    WHERE c.relnamespace = nsp AND c.relname = d.view_name
      AND coalesce(obj_description(c.oid, 'pg_class'), '') NOT LIKE 'smskpi KPI view%';
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'relations that smskpi did not create are in the way: %', array_to_string(problems, ', ')
            USING ERRCODE = 'duplicate_table', HINT = 'Rename or drop them, or use another target schema.';
    END IF;

    -- drop the views an earlier run created (dependants first)
    FOR v IN
        SELECT c.relname, c.relkind
        FROM pg_class c JOIN @extschema@.kpi_view_definitions() d ON d.view_name = c.relname
        WHERE c.relnamespace = nsp AND c.relkind IN ('v', 'm')
          AND obj_description(c.oid, 'pg_class') LIKE 'smskpi KPI view%'
        ORDER BY d.level DESC, d.ord DESC
    LOOP
        BEGIN
            EXECUTE format('DROP %s %I.%I', CASE v.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
                           target_schema, v.relname);
        EXCEPTION WHEN dependent_objects_still_exist THEN
            RAISE EXCEPTION 'cannot replace %.%: objects of yours depend on it', quote_ident(target_schema), quote_ident(v.relname)
                USING ERRCODE = 'dependent_objects_still_exist',
                      HINT = 'Drop them, run create_kpi_views again, then create them again (smskpi never drops them with CASCADE).';
        END;
    END LOOP;

    marker := format('smskpi KPI view (smskpi %s, create_kpi_views)',
                     (SELECT extversion FROM pg_extension WHERE extname = 'smskpi'));
    FOR v IN SELECT * FROM @extschema@.kpi_view_definitions() d ORDER BY d.level, d.ord LOOP
        SELECT array_agg(r) INTO missing FROM unnest(v.sources) r WHERE rels[array_position(srcs, r)] IS NULL;
        IF missing IS NOT NULL THEN
            skipped := skipped || format(E'\n%s (no %s given)', v.view_name, array_to_string(missing, ', '));
            CONTINUE;
        END IF;
        -- views this one reads must exist (kpi_vs_target reads whichever exist)
        q := v.query;
        IF v.view_name = 'kpi_vs_target' THEN
            q := @extschema@.kpi_vs_target_query(created);
        END IF;
        FOR i IN 1 .. array_length(tok, 1) LOOP
            q := replace(q, tok[i], coalesce(val[i], 'NULL'));
        END LOOP;
        IF materialized AND v.level < 9 THEN
            EXECUTE format('CREATE MATERIALIZED VIEW %I.%I AS %s', target_schema, v.view_name, q);
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
END
$fn$;
COMMENT ON FUNCTION @extschema@.create_kpi_views(name, regclass, regclass, regclass, regclass, regclass, regclass,
    boolean, text, @extschema@.business_hours, interval, interval) IS
'creates (or replaces) the smskpi KPI views in target_schema over your tables: plain views (security_invoker) or, with materialized => true, materialized views with unique indexes for REFRESH CONCURRENTLY; returns the views created';

CREATE OR REPLACE FUNCTION @extschema@.kpi_view_definitions()
RETURNS TABLE (view_name text, level integer, ord integer, sources text[], key_columns text[],
               description text, query text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
SELECT d.view_name, d.level, d.ord, d.sources, d.key_columns, d.description, d.query
FROM (VALUES
('kpi_contacts', 0, 0, ARRAY['messages'], ARRAY['contact_id'],
 'one row per contact: its messages as a smskpi.contact_history, which the campaign views read (reply attribution, falloff, streaks, speed to lead)',
 $q$SELECT m.contact_id,
       @extschema@.contact_history(m.contact_id, m.conversation_id, m.message_id, m.direction, m.sent_at,
                                   m.status, m.body, m.media_count, m.campaign_id, m.campaign_step) AS history
FROM {M} m
WHERE m.contact_id IS NOT NULL AND m.direction IS NOT NULL AND m.sent_at IS NOT NULL
GROUP BY m.contact_id$q$),

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
       a.replied, a.replies, a.reply_delay, a.reply_intent, a.reply_sentiment, a.positive, a.opted_out
FROM {S}.kpi_contacts c
CROSS JOIN LATERAL @extschema@.reply_attribution(c.history) a
JOIN {M} m ON m.contact_id = c.contact_id AND m.message_id = a.message_id AND m.direction = 'outbound'$q$),

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
       count(*) FILTER (WHERE s.direction = 'inbound') AS inbound
FROM (SELECT w.*, min(w.sent_at) FILTER (WHERE w.direction = 'outbound' AND w.sent_at >= w.first_in)
                    OVER (PARTITION BY w.contact_id, w.conversation_id) AS first_out
      FROM (SELECT m.conversation_id, m.contact_id, m.message_id, m.direction, m.sent_at, m.agent_id, m.campaign_id,
                   min(m.sent_at) FILTER (WHERE m.direction = 'inbound') OVER (PARTITION BY m.contact_id, m.conversation_id) AS first_in
            FROM {M} m WHERE m.conversation_id IS NOT NULL AND m.sent_at IS NOT NULL) w) s
GROUP BY s.contact_id, s.conversation_id, s.first_in, s.first_out$q$),

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
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$),

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
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$),

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
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel$q$),

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
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel, s.status, s.error_code$q$),

('kpi_click_through', 1, 5, ARRAY['messages', 'link_clicks'], ARRAY['day', 'campaign_id', 'list_id', 'channel'],
 'CTR by day, campaign, list and channel: delivered messages clicked ÷ delivered (also ÷ delivered with a link); clicks; median time to the first click',
 $q$WITH c AS (
    SELECT l.message_id, min(l.clicked_at) AS first_click, count(*) AS clicks
    FROM {LC} l JOIN {M} m ON m.message_id = l.message_id AND m.direction = 'outbound'
    WHERE l.clicked_at >= m.sent_at + {CMD}
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
       percentile_cont(0.5) WITHIN GROUP (ORDER BY s.first_click - s.sent_at) AS median_time_to_click
FROM (SELECT m.sent_at, m.campaign_id, m.list_id, m.status IN ('delivered', 'read') AS delivered,
             coalesce(m.body ~* 'https?://', false) AS has_link, c.clicks, c.first_click,
             (m.sent_at AT TIME ZONE {TZ})::date AS day,
             date_trunc('week', m.sent_at AT TIME ZONE {TZ})::date AS week,
             date_trunc('month', m.sent_at AT TIME ZONE {TZ})::date AS month,
             CASE WHEN m.media_count > 0 THEN 'MMS' ELSE 'SMS' END AS channel
      FROM {M} m LEFT JOIN c ON c.message_id = m.message_id
      WHERE m.direction = 'outbound') s
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.channel$q$),

('kpi_engagement', 1, 6, ARRAY['messages', 'link_clicks'], ARRAY['day', 'campaign_id', 'list_id', 'agent_id', 'channel'],
 'engagement rate by day, campaign, list, agent and channel: delivered messages that drew a reply (not an opt-out) or a click ÷ delivered',
 $q$WITH c AS (
    SELECT DISTINCT l.message_id
    FROM {LC} l JOIN {M} m ON m.message_id = l.message_id AND m.direction = 'outbound'
    WHERE l.clicked_at >= m.sent_at + {CMD})
SELECT s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel,
       count(*) FILTER (WHERE s.delivered) AS delivered,
       count(*) FILTER (WHERE s.delivered AND s.replied AND NOT s.opted_out) AS replied,
       count(*) FILTER (WHERE s.delivered AND c.message_id IS NOT NULL) AS clicked,
       count(*) FILTER (WHERE s.delivered AND ((s.replied AND NOT s.opted_out) OR c.message_id IS NOT NULL)) AS engaged,
       (count(*) FILTER (WHERE s.delivered AND ((s.replied AND NOT s.opted_out) OR c.message_id IS NOT NULL)))::float8
         / nullif(count(*) FILTER (WHERE s.delivered), 0) AS engagement_rate
FROM {S}.kpi_sends s LEFT JOIN c ON c.message_id = s.message_id
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$),

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
GROUP BY s.day, s.week, s.month, s.campaign_id, s.list_id, s.agent_id, s.channel$q$),

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
FROM cv FULL JOIN ms USING (month)$q$),

('kpi_campaign_lift', 1, 9, ARRAY['messages', 'conversions', 'holdout_contacts'], ARRAY['campaign_id'],
 'conversion lift per campaign against its holdout (control) group: contacts converting between the first send and conversion_window after the last send',
 $q$WITH camp AS (
    SELECT m.campaign_id, min(m.sent_at) AS first_send, max(m.sent_at) AS last_send
    FROM {M} m WHERE m.direction = 'outbound' AND m.campaign_id IS NOT NULL GROUP BY m.campaign_id),
hold AS (SELECT DISTINCT h.campaign_id, h.contact_id FROM {HC} h),
grp AS (
    SELECT DISTINCT m.campaign_id, m.contact_id, false AS holdout
    FROM {M} m
    WHERE m.direction = 'outbound' AND m.campaign_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM hold h WHERE h.campaign_id = m.campaign_id AND h.contact_id = m.contact_id)
    UNION ALL
    SELECT h.campaign_id, h.contact_id, true FROM hold h),
conv AS (
    SELECT g.campaign_id, g.contact_id, g.holdout, bool_or(v.contact_id IS NOT NULL) AS converted
    FROM grp g JOIN camp c ON c.campaign_id = g.campaign_id
    LEFT JOIN {CV} v ON v.contact_id = g.contact_id
                    AND v.converted_at >= c.first_send AND v.converted_at < c.last_send + {CW}
    GROUP BY g.campaign_id, g.contact_id, g.holdout)
SELECT c.campaign_id,
       (c.first_send AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', c.first_send AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', c.first_send AT TIME ZONE {TZ})::date AS month,
       count(*) FILTER (WHERE NOT v.holdout) AS treated,
       count(*) FILTER (WHERE NOT v.holdout AND v.converted) AS treated_converted,
       (count(*) FILTER (WHERE NOT v.holdout AND v.converted))::float8 / nullif(count(*) FILTER (WHERE NOT v.holdout), 0) AS treated_rate,
       count(*) FILTER (WHERE v.holdout) AS holdout,
       count(*) FILTER (WHERE v.holdout AND v.converted) AS holdout_converted,
       (count(*) FILTER (WHERE v.holdout AND v.converted))::float8 / count(*) FILTER (WHERE v.holdout) AS holdout_rate,
       (count(*) FILTER (WHERE NOT v.holdout AND v.converted))::float8 / nullif(count(*) FILTER (WHERE NOT v.holdout), 0)
         - (count(*) FILTER (WHERE v.holdout AND v.converted))::float8 / count(*) FILTER (WHERE v.holdout) AS lift,
       ((count(*) FILTER (WHERE NOT v.holdout AND v.converted))::float8 / nullif(count(*) FILTER (WHERE NOT v.holdout), 0))
         / nullif((count(*) FILTER (WHERE v.holdout AND v.converted))::float8 / count(*) FILTER (WHERE v.holdout), 0) - 1 AS relative_lift
FROM conv v JOIN camp c ON c.campaign_id = v.campaign_id
GROUP BY c.campaign_id, c.first_send
HAVING count(*) FILTER (WHERE v.holdout) > 0$q$),

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
GROUP BY 1, 2, 3, e.list_id, e.source$q$),

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
      FROM d FULL JOIN ms USING (list_id, day)) x$q$),

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
FROM {S}.kpi_sends s WHERE s.campaign_id IS NOT NULL
GROUP BY s.campaign_id$q$),

('kpi_first_response', 1, 13, ARRAY['messages'], ARRAY['day', 'hour', 'agent_id'],
 'first response time by day and hour of the first inbound message and by the agent who answered (NULL = automation or unanswered): median, p90, mean, share within 15 min / 1 h / 24 h; state merges across rows (smskpi.response_state_merge)',
 $q$SELECT g.day, g.week, g.month, g.hour, g.agent_id,
       st.asked AS conversations, st.answered, st.median, st.p90, st.mean,
       st.share_within[1] AS within_15m, st.share_within[2] AS within_1h, st.share_within[3] AS within_24h,
       g.state
FROM (SELECT c.day, c.week, c.month, c.hour, c.agent_id,
             @extschema@.first_response_state(m.conversation_id, m.direction = 'inbound', m.sent_at {BH}) AS state
      FROM {M} m JOIN {S}.kpi_conversations c ON c.contact_id = m.contact_id AND c.conversation_id = m.conversation_id
      WHERE c.first_inbound_at IS NOT NULL
      GROUP BY c.day, c.week, c.month, c.hour, c.agent_id) g,
     LATERAL @extschema@.response_stats(g.state) st$q$),

('kpi_reply_time', 1, 14, ARRAY['messages'], ARRAY['day', 'agent_id'],
 'reply time over every customer turn, by day of the conversation''s first inbound message and first responder: median, p90, mean; state merges across rows',
 $q$SELECT g.day, g.week, g.month, g.agent_id,
       st.asked AS turns, st.answered, st.median, st.p90, st.mean,
       g.state
FROM (SELECT c.day, c.week, c.month, c.agent_id,
             @extschema@.reply_time_state(m.conversation_id, m.direction = 'inbound', m.sent_at {BH}) AS state
      FROM {M} m JOIN {S}.kpi_conversations c ON c.contact_id = m.contact_id AND c.conversation_id = m.conversation_id
      WHERE c.first_inbound_at IS NOT NULL
      GROUP BY c.day, c.week, c.month, c.agent_id) g,
     LATERAL @extschema@.response_stats(g.state) st$q$),

('kpi_resolution', 1, 15, ARRAY['messages', 'conversation_events'], ARRAY['day', 'agent_id'],
 'resolution time (mean, median; first inbound message to the final resolved event) and first contact resolution (resolved, never reopened, no new customer conversation within 72 h) by day and first responder',
 $q$WITH c AS MATERIALIZED (SELECT * FROM {S}.kpi_conversations),
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
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.resolution_time) AS median_resolution_time,
       count(*) FILTER (WHERE r.fcr) AS first_contact_resolved,
       (count(*) FILTER (WHERE r.fcr))::float8 / nullif(count(*) FILTER (WHERE r.resolved), 0) AS fcr_rate
FROM r GROUP BY r.day, r.week, r.month, r.agent_id$q$),

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
GROUP BY s.day, s.week, s.month, s.channel$q$),

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
LIMIT 1000$q$),

('kpi_campaign_report', 1, 18, ARRAY['messages'], ARRAY['campaign_id', 'campaign_step'],
 'one row per blast (campaign and step): sent, delivered, failed, replied, clicks, opt-outs, credits (SMS segments, 1 per MMS), conversions, revenue, rates',
 $q$WITH {ATTR},
clk AS (SELECT l.message_id, count(*) AS clicks
        FROM {LC0} l JOIN {M} m ON m.message_id = l.message_id AND m.direction = 'outbound'
        WHERE l.clicked_at >= m.sent_at + {CMD} GROUP BY l.message_id),
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
WHERE s.campaign_id IS NOT NULL
GROUP BY s.campaign_id, s.campaign_step$q$),

('kpi_drip_falloff', 1, 19, ARRAY['messages'], ARRAY['campaign_id', 'step'],
 'per-step funnel of drip campaigns (smskpi.campaign_falloff) with the day the step started',
 $q$SELECT f.campaign_id, f.step,
       (st.first_send AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', st.first_send AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', st.first_send AT TIME ZONE {TZ})::date AS month,
       f.recipients, f.delivered, f.replied, f.reply_rate, f.positive_replies, f.opted_out, f.still_active,
       f.median_reply_delay, f.reply_rate_change, f.falloff_point
FROM @extschema@.campaign_falloff((SELECT @extschema@.falloff_state(c.history) FROM {S}.kpi_contacts c)) f
LEFT JOIN (SELECT m.campaign_id, m.campaign_step, min(m.sent_at) AS first_send
           FROM {M} m WHERE m.direction = 'outbound' AND m.campaign_id IS NOT NULL
           GROUP BY m.campaign_id, m.campaign_step) st
       ON st.campaign_id = f.campaign_id AND st.campaign_step = f.step$q$),

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
GROUP BY s.day, s.week, s.month, s.campaign_id, least(s."position", 10), s.channel, s.emoji$q$),

('kpi_speed_to_lead', 1, 21, ARRAY['messages', 'consent_events'], ARRAY['day'],
 'speed to lead by day of the opt-in (smskpi.first_outbound_after): leads, contacted, contacted within 5 min / 1 h, median and p90 delay',
 $q$SELECT (l.opted_in_at AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', l.opted_in_at AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', l.opted_in_at AT TIME ZONE {TZ})::date AS month,
       count(*) AS leads,
       count(l.first_outbound_at) AS contacted,
       count(*) FILTER (WHERE l.delay <= interval '5 minutes') AS within_5m,
       count(*) FILTER (WHERE l.delay <= interval '1 hour') AS within_1h,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY l.delay) AS median_delay,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY l.delay) AS p90_delay
FROM (SELECT e.occurred_at AS opted_in_at, f.first_outbound_at, f.first_outbound_at - e.occurred_at AS delay
      FROM {CE} e
      LEFT JOIN {S}.kpi_contacts c ON c.contact_id = e.contact_id
      CROSS JOIN LATERAL (SELECT @extschema@.first_outbound_after(c.history, e.occurred_at) AS first_outbound_at) f
      WHERE e.event = 'opt_in' AND e.contact_id IS NOT NULL AND e.occurred_at IS NOT NULL) l
GROUP BY 1, 2, 3$q$),

('kpi_unanswered_streaks', 1, 22, ARRAY['messages'], ARRAY['contact_id'],
 'contacts with 2 or more unanswered outbound messages in a row (smskpi.unanswered_streaks): when the signal came, messages sent after it, whether pushing on paid off',
 $q$SELECT u.contact_id, (u.signal_at AT TIME ZONE {TZ})::date AS day,
       date_trunc('week', u.signal_at AT TIME ZONE {TZ})::date AS week,
       date_trunc('month', u.signal_at AT TIME ZONE {TZ})::date AS month,
       u.sent, u.longest_streak, u.signal_at, u.sent_after, u.replied_after, u.current_streak
FROM {S}.kpi_contacts c CROSS JOIN LATERAL @extschema@.unanswered_streaks(c.history, 2) u$q$),

('kpi_vs_target', 9, 1, ARRAY['messages'], ARRAY[]::text[],
 'each KPI by month beside its target (smskpi.kpi_targets), below_target and the advice if below',
 '')
) d(view_name, level, ord, sources, key_columns, description, query);
END;
COMMENT ON FUNCTION @extschema@.kpi_view_definitions() IS
'the KPI views that create_kpi_views makes: name, level (0 = base, refreshed first), sources needed, unique key, description, query template';
