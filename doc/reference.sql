\pset format unaligned
\pset tuples_only on
SELECT '| `' || p.proname || '(' || pg_get_function_arguments(p.oid) || ')` | ' ||
       CASE p.prokind WHEN 'a' THEN 'aggregate → ' ELSE '' END ||
       replace(pg_get_function_result(p.oid), 'smskpi.', '') || ' | ' ||
       replace(coalesce(obj_description(p.oid, 'pg_proc'), ''), '|', '/') || ' |'
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'smskpi'
WHERE p.proname !~ '(_trans|_trans_nokey|_final|_final_default|_combine|_in|_out|_recv|_send|_serialize|_deserialize|_sfunc|_ffunc|_combinefn|_eq|_ne)$'
  AND p.proname NOT IN ('bh_in','bh_out','kpi_targets_mark_edited','kpi_vs_target_query')
  AND pg_get_function_result(p.oid) <> 'internal'
  -- the response-time aggregates for concrete key types: listed once, as anyelement
  AND NOT (p.prokind = 'a' AND p.proargtypes[0] <> 'anyelement'::regtype AND EXISTS (
      SELECT 1 FROM pg_proc q WHERE q.pronamespace = p.pronamespace AND q.proname = p.proname
        AND q.proargtypes[0] = 'anyelement'::regtype AND q.pronargs = p.pronargs))
ORDER BY CASE WHEN p.proname ~ '(first_response|reply_time|response_|business)' THEN 1
              WHEN p.proname ~ '(contact_history|first_outbound|message_log|contact_event|attribution|falloff|streak|speed_to_lead)' THEN 2
              WHEN p.proname ~ '(intent|opt_out|sentiment|sms_|emoji)' THEN 3 ELSE 4 END, p.proname, p.pronargs,
         p.oid::regprocedure::text;
