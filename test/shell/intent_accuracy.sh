#!/bin/sh
# Precision and recall of smskpi.reply_intent() on the hand-labelled replies in
# test/data/intent_labelled.tsv (text TAB label, header line; written for
# smskpi, same license).  Data rows 1, 3, 5, ... are the development half
# (rules were tuned looking at it), rows 2, 4, 6, ... the held-out half.
# Prints a table per half and label; fails unless opt_out has recall >= 0.95
# and precision >= 0.90 on all rows and on each half.  Labels are compared
# by plain SQL, independently of the C code.
# Runs inside pg_virtualenv (PGHOST/PGPORT/PGUSER set), smskpi installed.
set -eu
cd "$(dirname "$0")/../.."
db=smskpi_intent_acc
psql -qX -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS '$db'" >/dev/null 2>&1 || true' EXIT
psql -X -v ON_ERROR_STOP=1 -d $db <<'SQL'
\set QUIET on
CREATE EXTENSION smskpi;
CREATE TABLE lab (id bigserial PRIMARY KEY, body text NOT NULL, label text NOT NULL);
\copy lab (body, label) FROM 'test/data/intent_labelled.tsv' WITH (FORMAT text, HEADER true)
SELECT count(*) AS rows_loaded, count(DISTINCT label) AS labels FROM lab \gset
\echo rows :rows_loaded labels :labels
DO $$BEGIN
  IF (SELECT count(*) < 400 OR count(DISTINCT label) <> 7 FROM lab) THEN
    RAISE EXCEPTION 'FAIL: fewer than 400 labelled rows or not all 7 labels';
  END IF;
END$$;
CREATE TEMP TABLE pred AS
  SELECT CASE WHEN id % 2 = 1 THEN 'dev' ELSE 'held-out' END AS half,
         id > 574 AS set2, label, smskpi.reply_intent(body) AS pred
  FROM lab;
CREATE TEMP TABLE prf AS
  SELECT h.half, l.label,
         count(*) FILTER (WHERE p.label = l.label) AS n,
         count(*) FILTER (WHERE p.pred = l.label) AS predicted,
         count(*) FILTER (WHERE p.label = l.label AND p.pred = l.label) AS tp
  FROM (VALUES ('dev'), ('held-out'), ('all'), ('set2')) h(half)
  CROSS JOIN (VALUES (1, 'opt_out'), (2, 'opt_in'), (3, 'help'), (4, 'yes'),
                     (5, 'no'), (6, 'question'), (7, 'other')) l(ord, label)
  JOIN pred p ON h.half IN ('all', p.half) OR (h.half = 'set2' AND p.set2)
  GROUP BY h.half, l.label, l.ord;
\pset footer off
SELECT half, label, n, predicted, tp,
       round(tp::numeric / nullif(predicted, 0), 3) AS precision,
       round(tp::numeric / nullif(n, 0), 3) AS recall
FROM prf
ORDER BY array_position(ARRAY['all','dev','held-out','set2'], half), array_position(ARRAY['opt_out','opt_in','help','yes','no','question','other'], label);
SELECT half, count(*) AS n, round(avg((label = pred)::int), 3) AS accuracy
FROM (SELECT half, label, pred FROM pred UNION ALL SELECT 'all', label, pred FROM pred
      UNION ALL SELECT 'set2', label, pred FROM pred WHERE set2) s
GROUP BY half ORDER BY array_position(ARRAY['all','dev','held-out','set2'], half);
-- the misclassified rows
SELECT id, half, label, smskpi.reply_intent(body) AS got, body
FROM lab, LATERAL (SELECT CASE WHEN id % 2 = 1 THEN 'dev' ELSE 'held-out' END AS half) h
WHERE smskpi.reply_intent(body) <> label ORDER BY id;
DO $$BEGIN
  IF NOT (SELECT bool_and(coalesce(tp::numeric / nullif(n, 0) >= 0.95
                                   AND tp::numeric / nullif(predicted, 0) >= 0.90, false))
          FROM prf WHERE label = 'opt_out') THEN
    RAISE EXCEPTION 'FAIL: opt_out recall < 0.95 or precision < 0.90 (see the table above)';
  END IF;
END$$;
\echo 'ok: opt_out recall >= 0.95 and precision >= 0.90 on all rows, each half and the set2 rows'
SQL
