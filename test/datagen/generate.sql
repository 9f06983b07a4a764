-- test/datagen/generate.sql -- deterministic sample data for smskpi (see doc/datagen.md).
-- Run through generate.sh:  psql -v schema=NAME -v n=MESSAGES -v seed=SEED [-v days=DAYS] -f generate.sql
--
-- Every random draw is u(key, stream): a 64-bit hash of the key (hashint8extended, seeded
-- with seed*1000 + stream) mapped to [0,1) (53 bits); normal draws use the Box-Muller
-- transform of two such uniforms.
-- Nothing uses random(), now() or the physical order of rows, so the same seed gives
-- the same rows under any plan, serial or parallel.  The scratch objects (_*, unlogged
-- tables) live in the target schema and are dropped at the end; the schema keeps only
-- the six (ordinary) tables.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
DROP SCHEMA IF EXISTS :"schema" CASCADE;
CREATE SCHEMA :"schema";
SET search_path = :"schema", pg_catalog;

-- ---------------------------------------------------------------- helper functions
-- Inlinable SQL functions (each argument used once, or called with plain columns).
-- _h: 64-bit hash of a bigint key for stream s.  hashint8extended alone folds the high
-- 32 bits into the low ones (hash(k) = hash(k XOR k<<32 ...)), so keys >= 2^32 would
-- share draws with smaller keys: hash the low half with the hash of the high half as seed.
SELECT format($f$CREATE FUNCTION %I._h(k bigint, s int) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT pg_catalog.hashint8extended($1 & 4294967295, pg_catalog.hashint8extended($1 >> 32, %s::bigint * 1000 + $2))'$f$,
  :'schema', :'seed') \gexec
-- _u: uniform in [0,1) with 53 random bits
SELECT format($f$CREATE FUNCTION %I._u(k bigint, s int) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT (%I._h($1, $2) & 9007199254740991)::float8 / 9007199254740992.0'$f$,
  :'schema', :'schema') \gexec
-- standard normal (Box-Muller) from streams s and s+500
SELECT format($f$CREATE FUNCTION %I._z(k bigint, s int) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT pg_catalog.sqrt(-2.0 * pg_catalog.ln(1.0 - %I._u($1, $2))) * pg_catalog.cos(2.0 * pg_catalog.pi() * %I._u($1, $2 + 500))'$f$,
  :'schema', :'schema', :'schema') \gexec
-- Agent response delay in seconds for a customer message sent at epoch t (call with a
-- column).  Local time is UTC-6 (fixed, no DST); business hours Mon-Fri 08:00-18:00.
-- In hours: med * exp(1.1 z).  Outside: 20% answered by the on-call shift (3x slower),
-- the rest wait for the next opening (08:00 next business day) plus med * exp(1.1 z).
-- Capped at 3 days.
SELECT format($f$CREATE FUNCTION %I._adelay(t float8, med float8, z float8, oncall float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $b$SELECT pg_catalog.round(least(259200.0,
    $2 * exp(1.1 * $3)
       * CASE WHEN ((floor(($1 - 21600) / 86400)::bigint + 4) %% 7) BETWEEN 1 AND 5
                   AND ($1 - 21600) - floor(($1 - 21600) / 86400) * 86400 >= 28800
                   AND ($1 - 21600) - floor(($1 - 21600) / 86400) * 86400 < 64800 THEN 1
              WHEN $4 < 0.2 THEN 3 ELSE 1 END
    + CASE WHEN ((floor(($1 - 21600) / 86400)::bigint + 4) %% 7) BETWEEN 1 AND 5
                AND ($1 - 21600) - floor(($1 - 21600) / 86400) * 86400 >= 28800
                AND ($1 - 21600) - floor(($1 - 21600) / 86400) * 86400 < 64800 THEN 0
           WHEN $4 < 0.2 THEN 0
           ELSE (floor(($1 - 21600) / 86400)
                 + CASE WHEN ((floor(($1 - 21600) / 86400)::bigint + 4) %% 7) BETWEEN 1 AND 5
                             AND ($1 - 21600) - floor(($1 - 21600) / 86400) * 86400 < 28800 THEN 0
                        WHEN ((floor(($1 - 21600) / 86400)::bigint + 4) %% 7) = 5 THEN 3
                        WHEN ((floor(($1 - 21600) / 86400)::bigint + 4) %% 7) = 6 THEN 2
                        ELSE 1 END) * 86400 + 28800 - ($1 - 21600)
      END))$b$$f$, :'schema') \gexec
-- per-agent median response time in business hours: 4 min * exp(0.6 z), about 1-13 min
SELECT format($f$CREATE FUNCTION %I._amed(agent bigint) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT 240.0 * pg_catalog.exp(0.6 * %I._z($1, 40))'$f$, :'schema', :'schema') \gexec

-- ---------------------------------------------------------------- sizes
-- About 11.2 messages per contact (measured; see doc/datagen.md).  The window is :days
-- days (91 unless given; at least 30) from Monday 2025-01-06 00:00 local (UTC-6).
\if :{?days}
\else
\set days 91
\endif
SELECT greatest(20, round(:n / 11.2))::bigint AS nc,
       greatest(2, least(40, round(sqrt(:n / 11.2) / 12)))::int AS nl,
       greatest(3, least(60, round(sqrt(:n / 11.2) / 8)))::int AS na,
       extract(epoch FROM timestamptz '2025-01-06 06:00:00+00')::bigint AS w0
\gset
SELECT round(:nc * 0.35)::bigint AS nsup, round(:nc * 0.25)::bigint AS nfu, :nl * 4 AS ncamp \gset

-- ---------------------------------------------------------------- templates and names
CREATE UNLOGGED TABLE _tpl (kind text, i int, body text);
\ir templates.sql
CREATE UNLOGGED TABLE _tplk AS SELECT kind, count(*)::int AS n FROM _tpl GROUP BY kind;
ALTER TABLE _tpl ADD has_link bool, ADD has_emoji bool;
UPDATE _tpl SET has_link = body LIKE '%{link}%',
                has_emoji = body ~ '[\U0001F300-\U0001FAFF\u2600-\u27BF]';
CREATE UNLOGGED TABLE _names AS
SELECT o::int - 1 AS i, nm FROM unnest(ARRAY[
 'Emma','Liam','Olivia','Noah','Ava','Elijah','Sophia','James','Mia','Lucas','Isabella',
 'Mason','Amelia','Ethan','Harper','Logan','Evelyn','Jacob','Abigail','Michael','Emily',
 'Daniel','Ella','Henry','Chloé','José','Zoë','Siobhán','D''Andre','Anne-Marie','Mary Jo',
 'Björn','Łukasz','Nguyễn','Renée','Sean','Priya','Mohammed','Wei','Fatima','Kai','John',
 'Jennifer','Robert','Linda','David','Maria','Chris','Ashley','Brian'
]) WITH ORDINALITY AS t(nm, o);
CREATE UNLOGGED TABLE _agents AS
SELECT a AS agent_id,
       (ARRAY['Maya','Sam','Jordan','Alex','Taylor','Riley','Casey','Morgan','Jamie','Dana',
              'Chris','Pat'])[1 + (a - 1) % 12] AS nm
FROM generate_series(1::bigint, :na) a;

-- ---------------------------------------------------------------- contacts and lists
-- kind: 2% landlines (every send fails 30006, never reply), 1% invalid numbers (30005);
-- resp: responsiveness multiplier on reply probabilities, uniform 0.3..1.7 (mean 1);
-- list1: primary list, skewed towards low list ids (u^1.6); 20% are also on list2.
CREATE UNLOGGED TABLE _contacts AS
SELECT c AS contact_id,
       CASE WHEN _u(c, 1) < 0.02 THEN 'landline' WHEN _u(c, 1) < 0.03 THEN 'invalid' ELSE 'mobile' END AS kind,
       0.3 + 1.4 * _u(c, 2) AS resp,
       1 + floor(:nl * power(_u(c, 3), 1.6))::int AS list1,
       _u(c, 4) < 0.2 AS two_lists,
       _u(c, 5) AS u5
FROM generate_series(1::bigint, :nc) c;

-- memberships: joined between 365 days before the window and day days-11 of it; opt-in
-- source web_form 50%, keyword 25%, checkout 15%, import 10%; 0.5% later opt out on
-- the web preference page at a uniform time in the window.
CREATE UNLOGGED TABLE _members AS
SELECT contact_id, list_id, mk,
       :w0 + round((_u(mk, 6) * (354 + :days) - 365) * 86400) AS joined_t,
       CASE WHEN _u(mk, 7) < 0.50 THEN 'web_form' WHEN _u(mk, 7) < 0.75 THEN 'keyword'
            WHEN _u(mk, 7) < 0.90 THEN 'checkout' ELSE 'import' END AS src,
       CASE WHEN _u(mk, 8) < 0.005 THEN :w0 + round(_u(mk, 9) * :days * 86400) END AS web_out_t
FROM (SELECT contact_id, l AS list_id, contact_id * 64 + l AS mk
      FROM _contacts,
           LATERAL (VALUES (list1),
                           (CASE WHEN two_lists AND :nl > 1
                                 THEN 1 + (list1 + floor((:nl - 1) * u5)::int) % :nl END)) v(l)
      WHERE l IS NOT NULL) s;
UPDATE _members SET web_out_t = NULL WHERE web_out_t IS NOT NULL AND web_out_t < joined_t;

-- ---------------------------------------------------------------- campaigns
-- 4 per list: 2 drips (3-6 steps, 1-3 days apart) and 2 blasts; start on a weekday of
-- days 0..days-22 at 10:00 or 14:00 local; each targets a share 0.4-0.9 of the list members
-- who joined before the start; 5% of those targets are the holdout (receive nothing).
-- Sends are spread at 30 messages/second from the start, so many sends share a second.
CREATE UNLOGGED TABLE _campaigns AS
SELECT campaign_id, list_id, kind, nsteps, share,
       :w0 + (d + CASE WHEN d % 7 >= 5 THEN 7 - d % 7 ELSE 0 END) * 86400
           + CASE WHEN _u(campaign_id, 13) < 0.5 THEN 36000 ELSE 50400 END AS start_t,
       (SELECT count(*) FROM _members m WHERE m.list_id = x.list_id) * share AS est
FROM (SELECT cid AS campaign_id, (cid - 1) / 4 + 1 AS list_id,
             CASE WHEN (cid - 1) % 4 < 2 THEN 'drip' ELSE 'blast' END AS kind,
             CASE WHEN (cid - 1) % 4 < 2 THEN 3 + floor(4 * _u(cid, 11))::int ELSE 1 END AS nsteps,
             0.4 + 0.5 * _u(cid, 12) AS share,
             floor((:days - 21) * _u(cid, 14))::int AS d
      FROM generate_series(1::bigint, :ncamp) cid) x;

-- steps: cumulative offset in whole days; one template per step (all recipients of a
-- step get the same text); 25% of steps are MMS (1 picture, 20% of those 2).
CREATE UNLOGGED TABLE _steps AS
SELECT s.campaign_id, s.step, s.off_t, t.i AS tpl_i, t.has_link, t.has_emoji,
       CASE WHEN _u(s.sk, 16) < 0.25 THEN 1 + (_u(s.sk, 17) < 0.2)::int ELSE 0 END AS mms
FROM (SELECT c.campaign_id, g AS step, c.campaign_id * 8 + g AS sk,
             86400 * sum(CASE WHEN g = 1 THEN 0 ELSE 1 + floor(3 * _u(c.campaign_id * 8 + g, 15)) END)
                 OVER (PARTITION BY c.campaign_id ORDER BY g) AS off_t
      FROM _campaigns c, generate_series(1, c.nsteps) g) s
JOIN _tplk k ON k.kind = 'camp'
JOIN _tpl t ON t.kind = 'camp' AND t.i = floor(k.n * _u(s.sk, 18))::int;

-- targets: conversation_id = campaign_id * 2^24 + contact_id (one conversation per
-- campaign and contact)
CREATE UNLOGGED TABLE _targets AS
SELECT c.campaign_id, c.list_id, c.kind, c.start_t, c.est, m.contact_id, m.web_out_t,
       c.campaign_id * 16777216 + m.contact_id AS conv_id,
       _u(c.campaign_id * 16777216 + m.contact_id, 21) < 0.05 AS holdout
FROM _campaigns c JOIN _members m ON m.list_id = c.list_id
WHERE m.joined_t < c.start_t
  AND (m.web_out_t IS NULL OR m.web_out_t > c.start_t)
  AND _u(c.campaign_id * 16777216 + m.contact_id, 20) < c.share;

-- ---------------------------------------------------------------- units
-- A unit is one business-initiated send and what follows it:
--   slot 1 out (campaign step or 1:1 follow-up), 2 customer reply, 3 answer (agent, or
--   the automatic STOP confirmation), 4 customer follow-up, 5 agent answer to it.
-- Campaign units: non-holdout targets x steps.  1:1 follow-ups: nfu units, conversation
-- 2^41 + k, random contact and agent, sent Mon-Fri 09:00-17:00 local.
CREATE UNLOGGED TABLE _u0 AS
SELECT t.conv_id, t.contact_id, t.list_id, t.campaign_id, t.kind, s.step,
       t.start_t + s.off_t + floor(_u(t.conv_id, 22) * t.est / 30.0) AS t0,
       s.tpl_i, s.has_link, s.has_emoji, s.mms,
       1 + floor(:na * _u(t.conv_id, 23))::int AS agent_id
FROM _targets t JOIN _steps s USING (campaign_id)
WHERE NOT t.holdout
UNION ALL
SELECT f.conv_id, f.contact_id, NULL, NULL, 'fu', 1,
       :w0 + (f.d + CASE WHEN f.d % 7 >= 5 THEN 7 - f.d % 7 ELSE 0 END) * 86400
           + 32400 + floor(28800 * _u(f.conv_id, 25)),
       tp.i, tp.has_link, tp.has_emoji, 0, f.agent_id
FROM (SELECT 2199023255552 + k AS conv_id, 1 + floor(:nc * _u(k, 24))::bigint AS contact_id,
             floor(88 * _u(k, 26))::int AS d, 1 + floor(:na * _u(k, 27))::int AS agent_id,
             floor((SELECT n FROM _tplk WHERE kind = 'fu') * _u(k, 28))::int AS tpl_i
      FROM generate_series(1::bigint, :nfu) k) f
JOIN _tpl tp ON tp.kind = 'fu' AND tp.i = f.tpl_i;

-- draws per unit (key uk = conv_id * 8 + step)
--   delivery: landline -> undelivered 30006, invalid -> undelivered 30005; otherwise
--     undelivered 30003 1.5% (+1% for MMS), undelivered 30007 0.6% (1.2% with a link),
--     failed 30008 0.3%, sent (no delivery receipt) 0.3%, else delivered
--   reply probability: drip step 1..6 = .30 .24 .18 .05 .04 .03, blast .08, 1:1 .45;
--     x1.4 MMS, x1.1 emoji, x responsiveness, at most .95; only if delivered or sent
--   reply delay: 900 s * exp(1.8 z), at least 5 s, at most 4 days
--   reply kind (positive, question, thanks, negative, complaint, STOP, natural opt-out,
--   other):  1:1 follow-ups .40 .25 .12 .08 .03 .03 .02 .07
--            campaign steps 1-3 and blasts .37 .21 .12 .15 .05 .035 .015 .05
--            campaign steps 4-6 .28 .15 .09 .17 .07 .10 .05 .09
CREATE UNLOGGED TABLE _u1 AS
SELECT *,
       CASE WHEN ckind = 'landline' THEN 'undelivered' WHEN ckind = 'invalid' THEN 'undelivered'
            WHEN ud < th1 THEN 'undelivered' WHEN ud < th2 THEN 'undelivered'
            WHEN ud < th3 THEN 'failed' WHEN ud < th4 THEN 'sent' ELSE 'delivered' END AS ostat,
       CASE WHEN ckind = 'landline' THEN 30006 WHEN ckind = 'invalid' THEN 30005
            WHEN ud < th1 THEN 30003 WHEN ud < th2 THEN 30007 WHEN ud < th3 THEN 30008 END AS err
FROM (SELECT u.*, c.kind AS ckind, c.resp,
             0.015 + 0.01 * (u.mms > 0)::int AS th1,
             0.021 + 0.01 * (u.mms > 0)::int + 0.006 * u.has_link::int AS th2,
             0.024 + 0.01 * (u.mms > 0)::int + 0.006 * u.has_link::int AS th3,
             0.027 + 0.01 * (u.mms > 0)::int + 0.006 * u.has_link::int AS th4,
             least(0.95, CASE u.kind WHEN 'blast' THEN 0.08 WHEN 'fu' THEN 0.45
                          ELSE (ARRAY[0.30, 0.24, 0.18, 0.05, 0.04, 0.03])[u.step] END
                         * CASE WHEN u.mms > 0 THEN 1.4 ELSE 1 END
                         * CASE WHEN u.has_emoji THEN 1.1 ELSE 1 END * c.resp) AS p_reply,
             _u(u.uk, 31) AS ur,
             u.t0 + round(least(345600.0, greatest(5.0, 900 * exp(1.8 * _z(u.uk, 32))))) AS t_reply,
             _u(u.uk, 33) AS uq
      FROM (SELECT *, conv_id * 8 + step AS uk, _u(conv_id * 8 + step, 30) AS ud FROM _u0) u
      JOIN _contacts c USING (contact_id)) x;

CREATE UNLOGGED TABLE _u2 AS
SELECT *,
       CASE WHEN NOT replied THEN NULL
            WHEN kind = 'fu' THEN
                 CASE WHEN uq < .40 THEN 1 WHEN uq < .65 THEN 2 WHEN uq < .77 THEN 3 WHEN uq < .85 THEN 4
                      WHEN uq < .88 THEN 5 WHEN uq < .91 THEN 6 WHEN uq < .93 THEN 7 ELSE 8 END
            WHEN step < 4 THEN
                 CASE WHEN uq < .37 THEN 1 WHEN uq < .58 THEN 2 WHEN uq < .70 THEN 3 WHEN uq < .85 THEN 4
                      WHEN uq < .90 THEN 5 WHEN uq < .935 THEN 6 WHEN uq < .95 THEN 7 ELSE 8 END
            ELSE CASE WHEN uq < .28 THEN 1 WHEN uq < .43 THEN 2 WHEN uq < .52 THEN 3 WHEN uq < .69 THEN 4
                      WHEN uq < .76 THEN 5 WHEN uq < .86 THEN 6 WHEN uq < .91 THEN 7 ELSE 8 END
       END AS rkind
FROM (SELECT *, ostat IN ('delivered', 'sent') AND ur < p_reply AS replied FROM _u1) x;

-- answers: STOP -> automatic confirmation 0-2 s later (same second as the STOP a third
-- of the time); natural opt-out -> agent apology 90%; positive 85%, question 90%,
-- complaint 70%, negative 30%, thanks 15%, other 40% answered by the agent.
-- Follow-up: 30% after an agent answer to a positive/question/complaint, customer delay
-- 600 s * exp(1.5 z); 70% of those get a second agent answer.
CREATE UNLOGGED TABLE _u3 AS
SELECT *,
       CASE WHEN rkind = 6 THEN 2
            WHEN rkind IS NOT NULL AND _u(uk, 34) < (ARRAY[0.85, 0.90, 0.15, 0.30, 0.70, 0, 0.90, 0.40])[rkind] THEN 1
            ELSE 0 END AS ans,
       CASE WHEN rkind = 6 THEN t_reply + floor(3 * _u(uk, 35))
            ELSE t_reply + _adelay(t_reply, _amed(agent_id), _z(uk, 36), _u(uk, 37)) END AS t_ans
FROM _u2;

CREATE UNLOGGED TABLE _u4 AS
SELECT *, CASE WHEN fol THEN t_fol + _adelay(t_fol, _amed(agent_id), _z(uk, 41), _u(uk, 42)) END AS t_ans2,
       fol AND _u(uk, 43) < 0.7 AS ans2,
       CASE WHEN rkind = 6 THEN t_reply WHEN rkind = 7 AND ans = 1 THEN t_ans END AS optout_t
FROM (SELECT *, ans = 1 AND rkind IN (1, 2, 5) AND _u(uk, 38) < 0.3 AS fol,
             t_ans + round(least(345600.0, greatest(5.0, 600 * exp(1.5 * _z(uk, 39))))) AS t_fol
      FROM _u3) x;

-- suppression: once a contact opts out of a list (STOP, acknowledged natural opt-out, or
-- the web page), later campaign sends to that list are not made.  A reply that arrives
-- after the next step was already sent does not recall that step.
CREATE UNLOGGED TABLE _optout AS
SELECT contact_id, list_id, min(t) AS t
FROM (SELECT contact_id, list_id, optout_t AS t FROM _u4 WHERE optout_t IS NOT NULL AND list_id IS NOT NULL
      UNION ALL
      SELECT contact_id, list_id, web_out_t FROM _members WHERE web_out_t IS NOT NULL) s
GROUP BY contact_id, list_id;
CREATE UNLOGGED TABLE _units AS
SELECT u.* FROM _u4 u
LEFT JOIN _optout o ON o.contact_id = u.contact_id AND o.list_id = u.list_id
WHERE o.t IS NULL OR u.t0 <= o.t;
DROP TABLE _u0, _u1, _u2, _u3, _u4;

-- ---------------------------------------------------------------- support conversations
-- Customer-initiated: nsup conversations (2^40 + k), random contact and agent; the
-- first message at a uniform day of the window, 85% at 08:00-22:00 local, else any
-- hour.  1-5 rounds (P(another round) = 0.45); a round is a customer message, 20% of
-- the time a quick second one (120 s * u^2 later, 0 s about 9% of the time), then the
-- agent answer (_adelay after the last customer message).  The last round goes
-- unanswered 10% of the time.  Next round: 900 s * exp(1.5 z) after the answer.
CREATE UNLOGGED TABLE _sconv AS
SELECT 1099511627776 + k AS conv_id, 1 + floor(:nc * _u(k, 50))::bigint AS contact_id,
       1 + floor(:na * _u(k, 51))::int AS agent_id,
       :w0 + floor(:days * _u(k, 52)) * 86400
           + round(CASE WHEN _u(k, 53) < 0.85 THEN 28800 + 50400 * _u(k, 54) ELSE 86400 * _u(k, 54) END) AS t_start,
       least(5, 1 + floor(ln(1 - _u(k, 55)) / ln(0.45)))::int AS rounds,
       _u(k, 56) >= 0.10 AS last_answered
FROM generate_series(1::bigint, :nsup) k;

CREATE UNLOGGED TABLE _srounds AS
WITH RECURSIVE r AS (
    SELECT s.conv_id, 1 AS rn, s.t_start AS tc, d.td, d.ta
    FROM _sconv s,
         LATERAL (SELECT CASE WHEN _u(s.conv_id * 8 + 1, 57) < 0.2
                              THEN s.t_start + floor(120 * power(_u(s.conv_id * 8 + 1, 58), 2)) END AS td
                  OFFSET 0) d0,
         LATERAL (SELECT d0.td, coalesce(d0.td, s.t_start)
                             + _adelay(coalesce(d0.td, s.t_start), _amed(s.agent_id),
                                       _z(s.conv_id * 8 + 1, 59), _u(s.conv_id * 8 + 1, 60)) AS ta
                  OFFSET 0) d
  UNION ALL
    SELECT r.conv_id, r.rn + 1, n.tc, d.td, d.ta
    FROM r JOIN _sconv s ON s.conv_id = r.conv_id AND r.rn < s.rounds,
         LATERAL (SELECT r.ta + round(least(345600.0, 900 * exp(1.5 * _z(r.conv_id * 8 + r.rn + 1, 61)))) AS tc
                  OFFSET 0) n,
         LATERAL (SELECT CASE WHEN _u(r.conv_id * 8 + r.rn + 1, 57) < 0.2
                              THEN n.tc + floor(120 * power(_u(r.conv_id * 8 + r.rn + 1, 58), 2)) END AS td
                  OFFSET 0) d0,
         LATERAL (SELECT d0.td, coalesce(d0.td, n.tc)
                             + _adelay(coalesce(d0.td, n.tc), _amed(s.agent_id),
                                       _z(r.conv_id * 8 + r.rn + 1, 59), _u(r.conv_id * 8 + r.rn + 1, 60)) AS ta
                  OFFSET 0) d
)
SELECT r.*, s.contact_id, s.agent_id, s.rounds,
       (r.rn < s.rounds OR s.last_answered) AS answered
FROM r JOIN _sconv s USING (conv_id);

-- ---------------------------------------------------------------- messages (scratch)
-- message_id = conversation_id * 64 + slot (campaign units: (step-1)*5 + 1..5,
-- support: (round-1)*3 + 1..3), so ids are unique and follow the logical order inside
-- a conversation; tpl: a fixed template (kind, i) or a kind plus a uniform draw.
CREATE UNLOGGED TABLE _msg AS
SELECT u.conv_id * 64 + (u.step - 1) * 5 + v.slot AS message_id, u.conv_id, u.contact_id,
       v.dir, v.t, v.status, v.err, v.media, u.campaign_id,
       CASE WHEN v.slot = 1 AND u.campaign_id IS NOT NULL THEN u.step END AS campaign_step,
       u.list_id, v.agent, v.tkind, v.ti
FROM _units u,
     LATERAL (VALUES
        (1, 'outbound', u.t0, u.ostat, u.err, u.mms,
         CASE WHEN u.kind = 'fu' THEN u.agent_id END, CASE WHEN u.kind = 'fu' THEN 'fu' ELSE 'camp' END,
         u.tpl_i, true),
        (2, 'inbound', u.t_reply, CASE WHEN u.ans = 1 THEN 'read' ELSE 'received' END, NULL,
         CASE WHEN _u(u.uk, 70) < 0.02 THEN 1 ELSE 0 END, NULL, 'r' || u.rkind, NULL, u.rkind IS NOT NULL),
        (3, 'outbound', u.t_ans, CASE WHEN _u(u.uk, 71) < 0.005 THEN 'undelivered' ELSE 'delivered' END,
         CASE WHEN _u(u.uk, 71) < 0.005 THEN 30003 END, 0,
         CASE WHEN u.ans = 1 THEN u.agent_id END, CASE WHEN u.ans = 2 THEN 'auto' ELSE 'a' || u.rkind END,
         NULL, u.ans > 0),
        (4, 'inbound', u.t_fol, CASE WHEN u.ans2 THEN 'read' ELSE 'received' END, NULL, 0, NULL, 'fol', NULL, u.fol),
        (5, 'outbound', u.t_ans2, 'delivered', NULL, 0, u.agent_id, 'ans2', NULL, u.ans2)
     ) v(slot, dir, t, status, err, media, agent, tkind, ti, keep)
WHERE v.keep
UNION ALL
SELECT r.conv_id * 64 + (r.rn - 1) * 3 + v.slot, r.conv_id, r.contact_id,
       v.dir, v.t, v.status, v.err, v.media, NULL, NULL, NULL, v.agent, v.tkind, NULL
FROM _srounds r,
     LATERAL (VALUES
        (1, 'inbound', r.tc, CASE WHEN r.answered THEN 'read' ELSE 'received' END, NULL,
         CASE WHEN _u(r.conv_id * 8 + r.rn, 72) < 0.05 THEN 1 ELSE 0 END, NULL,
         CASE WHEN r.rn = 1 THEN 'so' ELSE 'sm' END, true),
        (2, 'inbound', r.td, CASE WHEN r.answered THEN 'read' ELSE 'received' END, NULL, 0, NULL, 'sd',
         r.td IS NOT NULL),
        (3, 'outbound', r.ta, CASE WHEN _u(r.conv_id * 8 + r.rn, 73) < 0.005 THEN 'undelivered' ELSE 'delivered' END,
         CASE WHEN _u(r.conv_id * 8 + r.rn, 73) < 0.005 THEN 30003 END, 0, r.agent_id,
         CASE WHEN r.rn = r.rounds THEN 'sc' ELSE 'sa' END, r.answered)
     ) v(slot, dir, t, status, err, media, agent, tkind, keep)
WHERE v.keep;

-- ---------------------------------------------------------------- the six tables
CREATE TABLE messages (
    message_id bigint NOT NULL,
    conversation_id bigint NOT NULL,
    contact_id bigint NOT NULL,
    direction text NOT NULL,
    sent_at timestamptz NOT NULL,
    status text NOT NULL,
    error_code int,
    body text,
    media_count int NOT NULL,
    campaign_id bigint,
    campaign_step int,
    list_id bigint,
    agent_id bigint
);
CREATE TABLE link_clicks (message_id bigint NOT NULL, clicked_at timestamptz NOT NULL);
CREATE TABLE conversions (contact_id bigint NOT NULL, converted_at timestamptz NOT NULL,
                          revenue numeric, message_id bigint);
CREATE TABLE consent_events (contact_id bigint NOT NULL, list_id bigint NOT NULL, event text NOT NULL,
                             occurred_at timestamptz NOT NULL, source text);
CREATE TABLE conversation_events (conversation_id bigint NOT NULL, event text NOT NULL,
                                  occurred_at timestamptz NOT NULL);
CREATE TABLE holdout_contacts (contact_id bigint NOT NULL, campaign_id bigint NOT NULL);

-- Bodies.  Outbound: placeholders filled ({first_name} is "there" 5% of the time; an MMS
-- step with a picture has an empty body 10% of the time).  Inbound: variation below; 3%
-- of customer pictures in support come without text (empty body).
INSERT INTO messages
SELECT message_id, conv_id, contact_id, dir, to_timestamp(t), status, err,
       CASE WHEN dir = 'outbound' THEN
                CASE WHEN media > 0 AND tkind = 'camp' AND NOT has_link AND _u(message_id, 80) < 0.10 THEN ''
                     ELSE replace(replace(replace(replace(b0, '{first_name}', fname), '{agent}', aname),
                                  '{link}', 'https://bsd.ly/' || lnk), '{code}', 'SAVE' || (10 + 5 * (conv_id % 4))::text)
                END
            WHEN media > 0 AND _u(message_id, 81) < 0.5 THEN ''
            ELSE b4 END,
       media, campaign_id, campaign_step, list_id, agent
FROM (SELECT *,
             CASE WHEN _u(message_id, 86) < 0.02 THEN b3 || ' ' ELSE b3 END AS b4
      FROM (SELECT *,
                   CASE WHEN _u(message_id, 85) < 0.08
                        THEN b2 || ' ' || (ARRAY['👍','🙏','😡','❤️','👍🏽','😊','😂','🙂'])[1 + floor(8 * _u(message_id, 87))::int]
                        ELSE b2 END AS b3
            FROM (SELECT *,
                         CASE WHEN _u(message_id, 84) < 0.05 AND length(b1) > 4
                              THEN overlay(b1 PLACING '' FROM 2 + floor((length(b1) - 2) * _u(message_id, 88))::int FOR 1)
                              ELSE b1 END AS b2
                  FROM (SELECT *,
                               CASE WHEN _u(message_id, 83) < 0.3 THEN replace(lb, '''', '’') ELSE lb END AS b1
                        FROM (SELECT m.*, t.body AS b0, t.has_link,
                                     CASE WHEN m.dir = 'outbound' THEN t.body
                                          WHEN _u(m.message_id, 82) < 0.12 THEN lower(t.body)
                                          WHEN _u(m.message_id, 82) < 0.16 THEN upper(t.body)
                                          ELSE t.body END AS lb,
                                     CASE WHEN _u(m.contact_id, 89) < 0.05 THEN 'there' ELSE nm.nm END AS fname,
                                     coalesce(a.nm, 'Maya') AS aname,
                                     lpad(to_hex(_h(m.message_id, 92) & 4294967295), 8, '0') AS lnk
                              FROM _msg m
                              JOIN _tplk k ON k.kind = m.tkind
                              JOIN _tpl t ON t.kind = m.tkind AND t.i = coalesce(m.ti, floor(k.n * _u(m.message_id, 90))::int)
                              JOIN _names nm ON nm.i = floor(50 * _u(m.contact_id, 91))::int
                              LEFT JOIN _agents a ON a.agent_id = coalesce(m.agent, 1 + floor(:na * _u(m.conv_id, 23))::int)
                              OFFSET 0) s0) s1) s2) s3) s4
ORDER BY _h(message_id, 0), message_id;

-- link clicks: on delivered sends with a link, a contact clicks with probability
-- 0.12 (x1.3 MMS) x (0.5 + responsiveness/2); 1 click (80%), 2 (15%) or 3 (5%), each
-- 600 s * exp(1.6 z) after the send (2 s .. 3 days); plus 3% link-preview fetches 0-2 s
-- after the send (same second as the send a third of the time).
CREATE UNLOGGED TABLE _clicks AS
SELECT u.uk, u.conv_id * 64 + (u.step - 1) * 5 + 1 AS mid, u.contact_id, j,
       CASE WHEN j = 0 THEN u.t0 + floor(3 * _u(u.uk, 104))
            ELSE u.t0 + round(least(259200.0, greatest(2.0, 600 * exp(1.6 * _z(u.uk * 4 + j, 102))))) END AS t
FROM _units u,
     LATERAL generate_series(
        CASE WHEN _u(u.uk, 103) < 0.03 THEN 0 ELSE 1 END,
        CASE WHEN _u(u.uk, 100) < 0.12 * CASE WHEN u.mms > 0 THEN 1.3 ELSE 1 END * (0.5 + u.resp / 2)
             THEN 1 + (_u(u.uk, 101) < 0.2)::int + (_u(u.uk, 101) < 0.05)::int ELSE 0 END) j
WHERE u.has_link AND u.ostat = 'delivered';
INSERT INTO link_clicks
SELECT mid, to_timestamp(t) FROM _clicks ORDER BY _h(mid * 4 + j, 0), mid, j;

-- conversions (revenue 45 * exp(0.7 z) rounded to cents, 2% are 0.00):
--   after a click (first click, 20%): 3600 s * exp(1.4 z) later, message_id of the send 75%;
--   after a positive reply (25%): 7200 s * exp(1.2 z) later, message_id of the send 50%;
--   baseline 2% of every campaign target, holdouts included: uniform in the 14 days
--     after the campaign start, message_id NULL (so lift = treated - holdout rate);
--   organic 2% of all contacts: uniform in the window, message_id NULL.
INSERT INTO conversions
SELECT contact_id, to_timestamp(t),
       CASE WHEN _u(key, 121) < 0.02 THEN 0.00 ELSE round((45 * exp(0.7 * _z(key, 120)))::numeric, 2) END,
       mid
FROM (SELECT c.contact_id, c.uk * 4 + 1 AS key,
             c.t + round(3600 * exp(1.4 * _z(c.uk, 105))) AS t,
             CASE WHEN _u(c.uk, 106) < 0.75 THEN c.mid END AS mid
      FROM _clicks c WHERE c.j = 1 AND _u(c.uk, 107) < 0.2
      UNION ALL
      SELECT u.contact_id, u.uk * 4 + 2, u.t_reply + round(7200 * exp(1.2 * _z(u.uk, 108))),
             CASE WHEN _u(u.uk, 109) < 0.5 THEN u.conv_id * 64 + (u.step - 1) * 5 + 1 END
      FROM _units u WHERE u.rkind = 1 AND _u(u.uk, 110) < 0.25
      UNION ALL
      SELECT t.contact_id, t.conv_id * 4 + 3, t.start_t + round(14 * 86400 * _u(t.conv_id, 112)), NULL
      FROM _targets t WHERE _u(t.conv_id, 111) < 0.02
      UNION ALL
      SELECT c.contact_id, c.contact_id * 4, :w0 + round(:days * 86400 * _u(c.contact_id, 114)), NULL
      FROM _contacts c WHERE _u(c.contact_id, 113) < 0.02) s
ORDER BY _h(key, 0), key;

-- consent: an opt_in per list membership (source web_form/keyword/checkout/import);
-- opt_out: STOP replies (source 'keyword', same second as the reply), natural-language
-- opt-outs acknowledged by an agent (source 'agent', at the acknowledgement), the web
-- preference page (source 'web').  A contact who replies STOP twice gets two events.
INSERT INTO consent_events
SELECT contact_id, list_id, event, to_timestamp(t), source
FROM (SELECT contact_id, list_id, 'opt_in' AS event, joined_t AS t, src AS source, mk * 4 AS key FROM _members
      UNION ALL
      SELECT contact_id, list_id, 'opt_out', web_out_t, 'web', mk * 4 + 1 FROM _members WHERE web_out_t IS NOT NULL
      UNION ALL
      SELECT contact_id, list_id, 'opt_out', optout_t, CASE WHEN rkind = 6 THEN 'keyword' ELSE 'agent' END, uk * 4 + 2
      FROM _units WHERE optout_t IS NOT NULL AND list_id IS NOT NULL) s
ORDER BY _h(key, 0), key;

-- conversation events (support conversations only): 85% of conversations whose last
-- customer message was answered are resolved 1800 s * exp(1.2 z) after the last answer;
-- 25% of those with 2+ rounds were first resolved between the first answer and the
-- customer's next message, then reopened at that message (same second).
INSERT INTO conversation_events
SELECT conv_id, event, to_timestamp(t)
FROM (SELECT s.conv_id, 'resolved' AS event, r.ta + round(1800 * exp(1.2 * _z(s.conv_id, 130))) AS t, 1 AS o
      FROM _sconv s JOIN _srounds r ON r.conv_id = s.conv_id AND r.rn = s.rounds
      WHERE s.last_answered AND _u(s.conv_id, 131) < 0.85
      UNION ALL
      SELECT s.conv_id, x.event, x.t, x.o
      FROM _sconv s
      JOIN _srounds r1 ON r1.conv_id = s.conv_id AND r1.rn = 1
      JOIN _srounds r2 ON r2.conv_id = s.conv_id AND r2.rn = 2,
      LATERAL (VALUES ('resolved', r1.ta + floor((r2.tc - r1.ta) * _u(s.conv_id, 133)), 2),
                      ('reopened', r2.tc, 3)) x(event, t, o)
      WHERE s.rounds >= 2 AND _u(s.conv_id, 132) < 0.25) e
ORDER BY _h(conv_id * 4 + o, 0), conv_id, o;

-- holdouts: targets that drew the holdout, unless they had already opted out of the list
-- by a reply before the campaign started (they would not have been messaged anyway)
INSERT INTO holdout_contacts
SELECT t.contact_id, t.campaign_id FROM _targets t
LEFT JOIN _optout o ON o.contact_id = t.contact_id AND o.list_id = t.list_id
WHERE t.holdout AND (o.t IS NULL OR o.t >= t.start_t)
ORDER BY _h(t.conv_id, 0), t.conv_id;

-- ---------------------------------------------------------------- clean up
DROP TABLE _tpl, _tplk, _names, _agents, _contacts, _members, _campaigns, _steps, _targets,
           _optout, _units, _sconv, _srounds, _msg, _clicks;
DROP FUNCTION _h(bigint, int), _u(bigint, int), _z(bigint, int), _adelay(float8, float8, float8, float8), _amed(bigint);
ALTER TABLE messages ADD PRIMARY KEY (message_id);
ANALYZE messages, link_clicks, conversions, consent_events, conversation_events, holdout_contacts;
