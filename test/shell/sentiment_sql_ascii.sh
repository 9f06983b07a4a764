#!/bin/sh
# sentiment_score() on invalid UTF-8 in a SQL_ASCII database (part of the suite; needs
# PGHOST/PGPORT/PGUSER of a running cluster, e.g. inside pg_virtualenv).  Bytes are
# read as UTF-8, an invalid or truncated sequence as U+FFFD: never a crash, never an
# over-read, always a score in [-1, 1]; invalid bytes next to a word do not change it.
set -eu
db=smskpi_sentiment_sql_ascii
P="psql -qXAt -v ON_ERROR_STOP=1"
$P -d postgres -c "DROP DATABASE IF EXISTS $db" \
	-c "CREATE DATABASE $db ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
trap '$P -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
out=$($P -d $db <<'SQL'
CREATE EXTENSION smskpi;
CREATE FUNCTION pg_temp.b(h text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN convert_from(decode(h, 'hex'), 'SQL_ASCII');
-- hex of a byte string without NUL bytes (text cannot hold them)
CREATE FUNCTION pg_temp.nonul(h text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN (SELECT string_agg(CASE WHEN substr(h, k, 2) = '00' THEN '01' ELSE substr(h, k, 2) END, '' ORDER BY k)
          FROM generate_series(1, length(h), 2) k);
-- each line: a name and a boolean that must be true
SELECT 'encoding', getdatabaseencoding() = 'SQL_ASCII';
-- "good" 0xFF: an invalid byte after a word is punctuation-like, the word still counts
SELECT 'ff after word', smskpi.sentiment_score(pg_temp.b('676f6f6420ff')) = smskpi.sentiment_score('good');
SELECT 'ff inside word', smskpi.sentiment_score(pg_temp.b('676fff6f64')) BETWEEN -1 AND 1;
-- truncated 3-byte sequence at the very end (e2 80), truncated emoji (f0 9f 91)
SELECT 'truncated end', smskpi.sentiment_score(pg_temp.b('6e6f7420676f6f64e280')) = smskpi.sentiment_score('not good');
SELECT 'truncated emoji', smskpi.sentiment_score(pg_temp.b('f09f91')) = 0;
SELECT 'lone continuation', smskpi.sentiment_score(pg_temp.b('80808080')) = 0;
SELECT 'overlong slash', smskpi.sentiment_score(pg_temp.b('c0af676f6f64')) BETWEEN -1 AND 1;
SELECT 'surrogate', smskpi.sentiment_score(pg_temp.b('eda080')) = 0;
-- valid UTF-8 is read as UTF-8 here too
SELECT 'valid emoji', smskpi.sentiment_score(pg_temp.b('f09f918d')) > 0;
SELECT 'curly apostrophe', smskpi.sentiment_score(pg_temp.b('4920646f6ee2809974206c696b65206974'))
       = smskpi.sentiment_score('I don''t like it');
SELECT 'label', smskpi.sentiment_label(pg_temp.b('ff676f6f64ff')) = 'positive';
-- 20000 pseudo-random byte strings (no NUL): all in range
SELECT 'random in range', count(*) = 20000 AND bool_and(s BETWEEN -1 AND 1)
FROM (SELECT smskpi.sentiment_score(pg_temp.b(
        pg_temp.nonul(md5(i::text) || md5((i * 31)::text) || md5((i * 7)::text))))
        AS s FROM generate_series(1, 20000) i) x;
SQL
)
echo "$out"
if echo "$out" | grep -q '|f$'; then
	echo "FAILED: a check is false"
	exit 1
fi
n=$(echo "$out" | grep -c '|t$')
[ "$n" -eq 12 ] || { echo "FAILED: expected 12 checks, got $n"; exit 1; }
echo "ok: $n checks"
