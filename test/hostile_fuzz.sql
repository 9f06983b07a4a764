-- SQL-level fuzz of the input paths a user controls (issue 7 items 1 and 3),
-- with the real time-zone database (the libFuzzer harnesses in test/fuzz use
-- synthetic zones): thousands of mutated business_hours texts, response_state
-- texts and campaign log byteas, each inside an EXCEPTION block.  Every
-- input must give a valid value or a clean error: SQLSTATE class 22, 08P01
-- or 54000 (never XX000, never a crash: test/valgrind/run.sh runs this file
-- under valgrind).  Accepted values are checked: business_hours round trip
-- and working time within [0, to - from]; response_state text form stable
-- and its finals running; campaign logs readable by all four functions.
SET client_min_messages = warning;
SET timezone = 'UTC';
SELECT setseed(0.7);

CREATE FUNCTION fz_ok(state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT state LIKE '22%' OR state IN ('08P01', '54000') $$;

-- a random edit of s: replace, insert, delete, duplicate or token splice
CREATE FUNCTION fz_mutate(s text, alphabet text, tokens text[]) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE n int := 1 + floor(random() * 4); p int; t text;
BEGIN
  FOR i IN 1 .. n LOOP
    p := 1 + floor(random() * greatest(length(s), 1));
    t := CASE WHEN random() < 0.5 THEN substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1)
              ELSE tokens[1 + floor(random() * array_length(tokens, 1))::int] END;
    s := CASE floor(random() * 5)::int
           WHEN 0 THEN overlay(s PLACING t FROM p FOR 1)
           WHEN 1 THEN overlay(s PLACING t FROM p FOR 0)
           WHEN 2 THEN overlay(s PLACING '' FROM p FOR 1 + floor(random() * 3)::int)
           WHEN 3 THEN overlay(s PLACING substr(s, p, 1 + floor(random() * 8)::int) FROM p FOR 0)
           ELSE left(s, p) END;
  END LOOP;
  RETURN s;
END $$;

-- business_hours text input
CREATE TABLE fz_bh_seed (s text);
INSERT INTO fz_bh_seed VALUES
  ('America/New_York; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2026-12-25 2027-01-01'),
  ('Europe/Paris; mon 22:00-24:00; tue 00:00-06:00'),
  ('Asia/Kathmandu; fri-mon 10:00-11:00:30'),
  ('Australia/Lord_Howe; mon-sun 00:00-24:00'),
  ('Pacific/Chatham; wed 09:15-17:45; holidays 0001-01-01 9999-12-31'),
  ('EST5EDT; mon,wed,fri 09:00-17:00'),
  ('<+0330>-3:30; mon-wed,fri 00:00:01-23:59:59'),
  ('UTC'),
  ('Pacific/Kiritimati; sunday 23:00-24:00; holidays 2026-02-29 2026-03-01');
CREATE TABLE fz_bh AS
SELECT fz_mutate(s, '0123456789:;,- /+<>aemnostuwdhi', ARRAY['mon', 'sun', 'fri-mon', '24:00', '00:00',
         'holidays', '9999-12-31', '0001-01-01', '; ', 'America/', 'Etc/GMT+14', 'leap', '23:59:60', 'é', E'\t'])
       AS input
FROM fz_bh_seed, generate_series(1, 300);
CREATE FUNCTION fz_bh_run(OUT total int, OUT accepted int, OUT bad_states text[], OUT bad_values int)
LANGUAGE plpgsql AS $$
DECLARE r record; v smskpi.business_hours; t1 timestamptz; t2 timestamptz; w interval;
BEGIN
  total := 0; accepted := 0; bad_states := '{}'; bad_values := 0;
  FOR r IN SELECT input FROM fz_bh LOOP
    total := total + 1;
    BEGIN
      v := r.input::smskpi.business_hours;
      accepted := accepted + 1;
      t1 := '2026-01-01'::timestamptz + random() * interval '400 days';
      t2 := t1 + random() * interval '60 days';
      w := smskpi.business_time(v, t1, t2);
      IF NOT smskpi.business_hours_eq(v::text::smskpi.business_hours, v) OR w < interval '0' OR w > t2 - t1
         OR smskpi.business_time(v, t2, t1) <> interval '0' THEN
        bad_values := bad_values + 1;
        RAISE WARNING 'bad value for %: %', r.input, v;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      IF NOT fz_ok(SQLSTATE) THEN
        bad_states := bad_states || (SQLSTATE || ' ' || SQLERRM || ' <- ' || r.input);
      END IF;
    END;
  END LOOP;
END $$;
SELECT total, accepted > 100 AS some_accepted, total - accepted > 100 AS some_rejected,
       bad_states, bad_values FROM fz_bh_run();

-- response_state text input: mutated hex of real states
CREATE TABLE fz_msg AS
SELECT (g % 37) AS conv, (g % 37)::text || 'k' AS tconv, hashint4(g) % 3 = 0 AS inbound,
       '2026-03-02 08:00Z'::timestamptz + (hashint4(g * 7) % 5000) * interval '1 min' AS at
FROM generate_series(1, 300) g;
CREATE TABLE fz_rs_seed AS
SELECT smskpi.first_response_state(conv, inbound, at)::text AS s FROM fz_msg
UNION ALL SELECT smskpi.reply_time_state(tconv, inbound, at)::text FROM fz_msg
UNION ALL SELECT smskpi.first_response_state(conv::int2, inbound, at, 'Europe/Paris; mon-fri 09:00-17:00; holidays 2026-04-06')::text FROM fz_msg
UNION ALL SELECT smskpi.reply_time_state(conv, inbound, at, 'America/New_York; mon-sun 06:00-22:00')::text FROM fz_msg WHERE conv < 3
UNION ALL SELECT smskpi.first_response_state(1, inbound, at)::text FROM fz_msg WHERE conv = 5;
CREATE FUNCTION fz_hex_mutate(s text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n int := 1 + floor(random() * 3); p int; body text := substr(s, 3);
BEGIN
  FOR i IN 1 .. n LOOP
    p := 1 + 2 * floor(random() * (length(body) / 2));
    body := CASE floor(random() * 5)::int
      WHEN 0 THEN overlay(body PLACING substr('0123456789abcdef', 1 + floor(random() * 16)::int, 1) FROM p + floor(random() * 2)::int FOR 1)
      WHEN 1 THEN overlay(body PLACING (ARRAY['ff', '00', '7f', '80'])[1 + floor(random() * 4)::int] FROM p FOR 2)
      WHEN 2 THEN left(body, p - 1)
      WHEN 3 THEN overlay(body PLACING substr(body, p, 2 * (1 + floor(random() * 12)::int)) FROM p FOR 0)
      ELSE overlay(body PLACING 'ffffffff' FROM p FOR 8) END;
  END LOOP;
  RETURN '\x' || body;
END $$;
CREATE TABLE fz_rs AS SELECT fz_hex_mutate(s) AS input FROM fz_rs_seed, generate_series(1, 600);
CREATE FUNCTION fz_rs_run(OUT total int, OUT accepted int, OUT bad_states text[], OUT bad_values int)
LANGUAGE plpgsql AS $$
DECLARE r record; v smskpi.response_state; m interval; st smskpi.response_stats;
BEGIN
  total := 0; accepted := 0; bad_states := '{}'; bad_values := 0;
  FOR r IN SELECT input FROM fz_rs LOOP
    total := total + 1;
    BEGIN
      v := r.input::smskpi.response_state;
      accepted := accepted + 1;
      IF v::text::smskpi.response_state::text <> v::text THEN
        bad_values := bad_values + 1;
      END IF;
      m := smskpi.response_median(v);
      st := smskpi.response_stats(v, '{1 hour}');
      PERFORM smskpi.response_percentile(v, random());
      PERFORM smskpi.response_state_info(v);
      IF m < interval '0' OR st.asked < st.answered OR st.answered + st.unanswered <> st.asked THEN
        bad_values := bad_values + 1;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      IF NOT fz_ok(SQLSTATE) THEN
        bad_states := bad_states || (SQLSTATE || ' ' || SQLERRM);
      END IF;
    END;
  END LOOP;
END $$;
SELECT total, accepted > 100 AS some_accepted, total - accepted > 100 AS some_rejected,
       bad_states, bad_values FROM fz_rs_run();

-- campaign logs: random byte edits of a real log and event log
CREATE TABLE fz_c AS
SELECT (g % 23)::bigint AS contact, (g % 29)::bigint AS conv, g::bigint AS id,
       CASE WHEN hashint4(g) % 2 = 0 THEN 'outbound' ELSE 'inbound' END AS dir,
       '2026-03-02 08:00Z'::timestamptz + (hashint4(g * 3) % 9000) * interval '1 min' AS at,
       (ARRAY['delivered', 'failed', 'sent', 'read'])[1 + g % 4] AS status,
       (ARRAY['yes please', 'STOP', 'who is this?', 'thanks 😀', NULL])[1 + g % 5] AS body,
       g % 3 AS media, (g % 4)::bigint AS campaign, 1 + g % 5 AS step
FROM generate_series(1, 120) g;
CREATE TABLE fz_log_seed AS
SELECT (SELECT smskpi.message_log(contact, conv, id, dir, at, status, body, media, campaign, step) FROM fz_c) AS log,
       (SELECT smskpi.contact_event_log(contact, at) FROM fz_c WHERE dir = 'inbound') AS ev;
CREATE FUNCTION fz_bytes_mutate(b bytea) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE n int := 1 + floor(random() * 3); p int;
BEGIN
  FOR i IN 1 .. n LOOP
    p := floor(random() * length(b));
    b := CASE floor(random() * 6)::int
      WHEN 0 THEN set_byte(b, p, floor(random() * 256)::int)
      WHEN 1 THEN set_byte(b, p, get_byte(b, p) # (1 << floor(random() * 8)::int))
      WHEN 2 THEN substr(b, 1, p)
      WHEN 3 THEN b || substr(b, 17, 48)
      WHEN 4 THEN set_byte(set_byte(b, p, 255), least(p + 1, length(b) - 1), 127)
      ELSE overlay(b PLACING substr(b, p + 1, 16) FROM greatest(p - 15, 1)) END;
  END LOOP;
  RETURN b;
END $$;
CREATE TABLE fz_logs AS
SELECT fz_bytes_mutate(log) AS log, CASE WHEN g % 3 = 0 THEN fz_bytes_mutate(ev) ELSE ev END AS ev
FROM fz_log_seed, generate_series(1, 1500) g;
CREATE FUNCTION fz_log_run(OUT total int, OUT accepted int, OUT bad_states text[])
LANGUAGE plpgsql AS $$
DECLARE r record; n bigint;
BEGIN
  total := 0; accepted := 0; bad_states := '{}';
  FOR r IN SELECT log, ev FROM fz_logs LOOP
    total := total + 1;
    BEGIN
      SELECT count(*) INTO n FROM smskpi.reply_attribution(r.log, '1 day', r.ev);
      SELECT count(*) INTO n FROM smskpi.campaign_falloff(r.log, NULL, NULL, r.ev);
      SELECT count(*) INTO n FROM smskpi.unanswered_streaks(r.log, 1, '2 hours', r.ev);
      SELECT count(*) INTO n FROM smskpi.speed_to_lead(r.log, r.ev, '1 day');
      accepted := accepted + 1;
    EXCEPTION WHEN OTHERS THEN
      IF NOT fz_ok(SQLSTATE) THEN
        bad_states := bad_states || (SQLSTATE || ' ' || SQLERRM);
      END IF;
    END;
  END LOOP;
END $$;
SELECT total, accepted > 50 AS some_accepted, total - accepted > 100 AS some_rejected, bad_states
FROM fz_log_run();
