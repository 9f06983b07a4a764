#!/bin/sh
# Hostile text (issue 7 item 3), part of the suite (needs PGHOST/PGPORT/PGUSER of a
# running cluster, e.g. inside pg_virtualenv):
#  - 100 MB bodies through every text function, in UTF8, with values derived
#    from doc/segments_emoji.md by hand (GSM-7: 153 septets a part; UCS-2: 67 units
#    a part, never splitting a surrogate pair, so 33 emoji a part);
#  - a SQL_ASCII database: invalid UTF-8 (truncated, overlong, surrogates, > U+10FFFF,
#    lone continuation bytes, 100 MB of 0xFF) and 5000 random byte strings through
#    every text function and the business_hours input: no error from the text
#    functions, only 22xxx from the input; each invalid byte counts as U+FFFD (UCS-2)
#  - a LATIN1 database: every character 0xA0-0xFF gives the same results as the
#    same character in the UTF8 database (bodies are converted to UTF-8 first).
# Each line printed is a check name and "t"; anything else fails.
set -eu
P="psql -qXAt -v ON_ERROR_STOP=1"
u=smskpi_hostile_utf8 a=smskpi_hostile_ascii l=smskpi_hostile_latin1
cleanup() { for d in $u $a $l; do $P -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
cleanup
$P -d postgres -c "CREATE DATABASE $u ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
	-c "CREATE DATABASE $a ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
	-c "CREATE DATABASE $l ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
for d in $u $a $l; do $P -d $d -c 'CREATE EXTENSION smskpi'; done
fail=0
check() {	# lines "name|t" on stdin (a file: runs in this shell, so fail sticks)
	while IFS='|' read -r name ok; do
		if [ "$ok" = t ]; then echo "ok   $name"; else echo "FAIL $name ($ok)"; fail=1; fi
	done
}

# 1. 100 MB bodies (UTF8)
tmp=/tmp/smskpi_hostile.$$
$P -d $u > $tmp <<'SQL' || { echo "FAIL psql (UTF8 part)"; fail=1; }
CREATE TEMP TABLE big AS
SELECT 'a x 104857600' AS name, repeat('a', 104857600) AS b
UNION ALL SELECT 'emoji x 26214400', repeat('😀', 26214400);
-- each function once per body
CREATE TEMP TABLE r AS
SELECT name, smskpi.sms_encoding(b) AS enc, smskpi.sms_smart_encoding(b) AS senc, smskpi.sms_segments(b) AS seg,
       smskpi.sms_smart_segments(b) AS sseg, smskpi.sms_units(b) AS units, smskpi.emoji_count(b) AS emo,
       smskpi.has_emoji(b) AS has, smskpi.reply_intent(b) AS intent, smskpi.is_opt_out(b) AS optout,
       smskpi.sentiment_score(b) AS score, smskpi.sentiment_label(b) AS label
FROM big;
SELECT name || ' encoding', enc = CASE WHEN name LIKE 'emoji%' THEN 'UCS-2' ELSE 'GSM-7' END AND senc = enc FROM r;
-- a: 104857600 / 153 = 685343.8; emoji: 26214400 / 33 = 794375.8
SELECT name || ' segments', seg = CASE WHEN name LIKE 'emoji%' THEN 794376 ELSE 685344 END AND sseg = seg FROM r;
SELECT name || ' units', units = CASE WHEN name LIKE 'emoji%' THEN 52428800 ELSE 104857600 END FROM r;
SELECT name || ' emoji', emo = CASE WHEN name LIKE 'emoji%' THEN 26214400 ELSE 0 END AND has = (emo > 0) FROM r;
SELECT name || ' intent', intent IN ('opt_out', 'opt_in', 'help', 'yes', 'no', 'question', 'other')
       AND optout = (intent = 'opt_out') AND (name NOT LIKE 'a %' OR intent = 'other') FROM r;
SELECT name || ' sentiment', score BETWEEN -1 AND 1 AND (name NOT LIKE 'a %' OR score = 0)
       AND label = CASE WHEN score >= 0.05 THEN 'positive' WHEN score <= -0.05 THEN 'negative' ELSE 'neutral' END FROM r;
SQL
check < $tmp

# 2. SQL_ASCII: invalid UTF-8
$P -d $a > $tmp <<'SQL' || { echo "FAIL psql (SQL_ASCII part)"; fail=1; }
CREATE FUNCTION pg_temp.b(h text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN convert_from(decode(h, 'hex'), 'SQL_ASCII');
SELECT 'database is SQL_ASCII', getdatabaseencoding() = 'SQL_ASCII';
CREATE TEMP TABLE bad (name text, b text);
INSERT INTO bad VALUES ('ff', pg_temp.b('ff')), ('truncated 2-byte', pg_temp.b('c3')),
  ('truncated 3-byte', pg_temp.b('e282')), ('truncated emoji', pg_temp.b('f09f98')),
  ('surrogate', pg_temp.b('eda080')), ('overlong', pg_temp.b('c0af')),
  ('above U+10FFFF', pg_temp.b('f4908080')), ('lone continuations', pg_temp.b('80bf80')),
  ('STOP then ff', pg_temp.b('53544f50ff')), ('ff then STOP', pg_temp.b('ff53544f50'));
-- every invalid byte is one U+FFFD: UCS-2, one unit each
SELECT name || ' units', smskpi.sms_units(b) = octet_length(b) AND smskpi.sms_encoding(b) = 'UCS-2'
FROM bad WHERE name NOT LIKE '%STOP%';
SELECT name || ' all functions', smskpi.sms_segments(b) >= 1 AND smskpi.sms_smart_segments(b) >= 1
       AND smskpi.emoji_count(b) = 0 AND NOT smskpi.has_emoji(b)
       AND smskpi.reply_intent(b) IS NOT NULL AND smskpi.is_opt_out(b) IS NOT NULL
       AND smskpi.sentiment_score(b) BETWEEN -1 AND 1 AND smskpi.sentiment_label(b) IS NOT NULL
FROM bad;
-- 100 MB of 0xFF: 104857600 units of UCS-2, 104857600 / 67 = 1565038.8 parts
SELECT '100 MB of ff', smskpi.sms_units(b) = 104857600 AND smskpi.sms_segments(b) = 1565039
       AND smskpi.emoji_count(b) = 0 AND smskpi.sentiment_score(b) = 0 AND NOT smskpi.is_opt_out(b)
FROM (SELECT repeat(pg_temp.b('ff'), 104857600) AS b) x;
-- random byte strings (no NUL: text cannot hold it)
SELECT 'seed set', (SELECT true FROM (SELECT setseed(0.3)) s);
CREATE TEMP TABLE rnd AS
SELECT pg_temp.b(string_agg(lpad(to_hex(1 + floor(random() * 255)::int), 2, '0'), '')) AS b
FROM generate_series(1, 5000) i, LATERAL generate_series(1, 1 + (i % 64)) k GROUP BY i;
SELECT '5000 random byte strings, all text functions',
       bool_and(smskpi.sms_segments(b) >= 1 AND smskpi.sms_smart_segments(b) >= 1 AND smskpi.sms_units(b) >= 0
                AND smskpi.sms_encoding(b) IN ('GSM-7', 'UCS-2') AND smskpi.sms_smart_encoding(b) IN ('GSM-7', 'UCS-2')
                AND smskpi.emoji_count(b) >= 0 AND smskpi.has_emoji(b) = (smskpi.emoji_count(b) > 0)
                AND smskpi.reply_intent(b) IS NOT NULL AND smskpi.is_opt_out(b) = (smskpi.reply_intent(b) = 'opt_out')
                AND smskpi.sentiment_score(b) BETWEEN -1 AND 1 AND smskpi.sentiment_label(b) IS NOT NULL)
FROM rnd;
CREATE FUNCTION pg_temp.bh_try(s text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN PERFORM s::smskpi.business_hours; RETURN 'ok';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT 'random bytes as business_hours: only 22xxx', bool_and(r = 'ok' OR r LIKE '22%')
FROM (SELECT pg_temp.bh_try(b) AS r FROM rnd) x;
SELECT 'invalid bytes after a zone name', pg_temp.bh_try('UTC; mon ' || pg_temp.b('ff')) LIKE '22%';
SQL
check < $tmp
rm -f $tmp

# 3. LATIN1 = UTF8 for every character 0xA0-0xFF (and a word around it)
q="SELECT c, smskpi.sms_encoding(t) || smskpi.sms_segments(t) || '/' || smskpi.sms_units(t) || smskpi.sms_smart_encoding(t)
	|| smskpi.sms_smart_segments(t) || '/' || smskpi.emoji_count(t) || smskpi.reply_intent(t) || smskpi.sentiment_score(t)
	FROM (SELECT c, 'great ' || chr(c) || ' stop' AS t FROM generate_series(160, 255) c) x ORDER BY c"
$P -d $u -c "$q" > /tmp/smskpi_hostile_u.$$
$P -d $l -c "$q" > /tmp/smskpi_hostile_l.$$
if cmp -s /tmp/smskpi_hostile_u.$$ /tmp/smskpi_hostile_l.$$ && [ "$(wc -l < /tmp/smskpi_hostile_l.$$)" -eq 96 ]; then
	echo "ok   LATIN1 = UTF8 for 96 characters"
else
	echo "FAIL LATIN1 differs from UTF8:"; diff /tmp/smskpi_hostile_u.$$ /tmp/smskpi_hostile_l.$$ | head; fail=1
fi
rm -f /tmp/smskpi_hostile_u.$$ /tmp/smskpi_hostile_l.$$
exit $fail
