-- test/citus/checks/11_response_time_keys.sql -- the response-time aggregates with
-- conversation keys of every type they have an overload for (bigint in
-- 10_response_time.sql; here integer, smallint, text, varchar, uuid), with what converts
-- to those implicitly (a domain, char(n), name), and with an anyelement key (doc/response_time.md,
-- "Conversation keys").  Citus splits an aggregate only when the types of the call's
-- arguments are exactly the declared ones, and calls the transition function without an
-- expression tree, a collation or anything kept between rows (doc/citus.md): every
-- check here is split (partial), over all messages or by day, and must give what the
-- same query gives on loc.  Keys: conversation_id % 10^9 is one-to-one on the data
-- (2^40 + k and 2^41 + k, k < 10^6); % 30000 (smallint) merges conversations, the same on
-- every schema.

-- name: rt_key_integer
-- plan: partial
SELECT smskpi.first_response_stats((conversation_id % 1000000000)::integer, direction = 'inbound', sent_at,
                                   ARRAY[interval '5 minutes', interval '1 hour'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours),
       smskpi.median_reply_time((conversation_id % 1000000000)::integer, direction = 'inbound', sent_at)
FROM {S}.messages;

-- name: rt_key_smallint
-- plan: partial
SELECT smskpi.first_response_percentile((conversation_id % 30000)::smallint, direction = 'inbound', sent_at, 0.9),
       smskpi.reply_time_stats((conversation_id % 30000)::smallint, direction = 'inbound', sent_at)
FROM {S}.messages;

-- name: rt_key_text
-- plan: partial
SELECT smskpi.first_response_stats(conversation_id::text, direction = 'inbound', sent_at),
       smskpi.reply_time_percentile(conversation_id::text, direction = 'inbound', sent_at, 0.9,
                                    'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: rt_key_text_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day,
       smskpi.response_stats(smskpi.reply_time_state('c-' || conversation_id, direction = 'inbound', sent_at)),
       smskpi.median_first_response('c-' || conversation_id, direction = 'inbound', sent_at,
                                    'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages GROUP BY 1;

-- name: rt_key_varchar
-- plan: partial
-- note: varchar keys have an overload of their own (the state's key type stays varchar)
SELECT smskpi.reply_time_stats(conversation_id::varchar, direction = 'inbound', sent_at, ARRAY[interval '10 minutes']),
       smskpi.first_response_percentile(conversation_id::varchar(40), direction = 'inbound', sent_at, 0.25),
       (smskpi.response_state_info(smskpi.first_response_state(conversation_id::varchar, direction = 'inbound', sent_at))).key_type
FROM {S}.messages;

-- name: rt_key_uuid
-- plan: partial
SELECT smskpi.median_first_response(md5(conversation_id::text)::uuid, direction = 'inbound', sent_at),
       smskpi.reply_time_stats(md5(conversation_id::text)::uuid, direction = 'inbound', sent_at,
                               ARRAY[interval '5 minutes'], 'America/Chicago; mon-fri 08:00-18:00'::smskpi.business_hours)
FROM {S}.messages;

-- name: rt_key_uuid_by_day
-- plan: partial
SELECT date_trunc('day', sent_at) AS day,
       smskpi.first_response_stats(md5(conversation_id::text)::uuid, direction = 'inbound', sent_at, ARRAY[interval '1 hour']),
       smskpi.median_reply_time(md5(conversation_id::text)::uuid, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY 1;

-- name: rt_key_converted
-- plan: partial
-- note: a domain over integer (information_schema.cardinal_number), char(n) and name
-- convert implicitly to integer, text, text: the call's argument is of the declared type
SELECT smskpi.median_first_response((conversation_id % 1000000000)::integer::information_schema.cardinal_number,
                                    direction = 'inbound', sent_at),
       smskpi.median_reply_time(conversation_id::char(20), direction = 'inbound', sent_at),
       smskpi.first_response_percentile(conversation_id::text::name, direction = 'inbound', sent_at, 0.5),
       (smskpi.response_state_info(smskpi.reply_time_state((conversation_id % 1000000000)::integer::information_schema.cardinal_number,
                                                          direction = 'inbound', sent_at))).key_type
FROM {S}.messages;

-- name: rt_key_state_merge
-- plan: partial
-- note: states of text keys built per day on the workers, merged on the coordinator
SELECT smskpi.response_stats(smskpi.response_state_merge(s))
FROM (SELECT date_trunc('day', sent_at) AS day, smskpi.first_response_state(conversation_id::text, direction = 'inbound', sent_at) AS s
      FROM {S}.messages GROUP BY 1) x;

-- An anyelement key (date here: no overload) cannot be split: Citus stops with
-- "worker_partial_agg_sfunc could not confirm type correctness" (cast the key).
-- Grouped by the distribution column the query runs unchanged on the workers.

-- name: rt_key_anyelement_by_contact
-- plan: pushdown
-- on: byc
SELECT contact_id, smskpi.median_first_response(date '2000-01-01' + (conversation_id % 1000000)::integer, direction = 'inbound', sent_at)
FROM {S}.messages GROUP BY contact_id;
