#!/bin/sh
# Accuracy of smskpi.sentiment_score() against human ratings (VADER's evaluation sets).
#
#   make && make install
#   pg_virtualenv -v 15 sh test/bench/31_sentiment_accuracy.sh
#
# Reads ../shared/data/sentiment/*.tsv relative to the repository root (id TAB mean
# TAB text, mean of ~20 human ratings on -4..+4); the texts are third-party posts and
# are NOT in the repository: without the folder this prints "skipped" and exits 0.
# Per set: Pearson r of the score against the human mean (corr), and 3-class macro-F1
# (human > 0.5 positive, < -0.5 negative, else neutral; score >= 0.05 positive,
# <= -0.05 negative, else neutral -- sentiment_label()), beside VADER's figures measured
# with vaderSentiment 3.3.2 (../shared/data/README.md).  The tweets are also reported
# on the two folds of the fixed development split (A = odd ids, B = even ids; a rule
# is kept only if it helps on both, see doc/sentiment.md).  Not run by
# test/bench/run.sh (that runs NN_*.sql only).  For fast iteration without a server:
# sh test/bench/sentiment_eval.sh (same figures from the C scorer).
set -eu
cd "$(dirname "$0")/../.."
data=../shared/data/sentiment
if [ ! -f "$data/tweets_dev.tsv" ]; then
	echo "skipped: ../shared/data not found"
	exit 0
fi
export PGDATABASE="${PGDATABASE:-postgres}"
export PGCLIENTENCODING=UTF8
P="psql -qX -v ON_ERROR_STOP=1"

$P -c 'CREATE EXTENSION IF NOT EXISTS smskpi' \
   -c 'DROP TABLE IF EXISTS sentiment_eval_raw' \
   -c 'CREATE TABLE sentiment_eval_raw (set_name text, line text)'
for f in tweets_dev movieReviewSnippets amazonReviewSnippets nytEditorialSnippets; do
	# one column per line: a delimiter and a quote that never occur, so tabs,
	# quotes and backslashes in the text are loaded as they are
	tail -n +2 "$data/$f.tsv" | $P \
		-c "CREATE TEMP TABLE l (line text)" \
		-c "\\copy l FROM STDIN WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')" \
		-c "INSERT INTO sentiment_eval_raw SELECT '$f', line FROM l WHERE line IS NOT NULL"
done

$P <<'SQL'
CREATE TEMP TABLE e0 AS
SELECT set_name, split_part(line, E'\t', 1) AS id,
       split_part(line, E'\t', 2)::float8 AS human,
       substr(line, length(split_part(line, E'\t', 1)) + length(split_part(line, E'\t', 2)) + 3) AS body
FROM sentiment_eval_raw;
CREATE TEMP TABLE e AS
SELECT set_name, human, body FROM e0
UNION ALL
SELECT set_name || CASE WHEN id::int % 2 = 1 THEN ' fold A' ELSE ' fold B' END, human, body
FROM e0 WHERE set_name = 'tweets_dev';
CREATE TEMP TABLE s AS
SELECT set_name, human, smskpi.sentiment_score(body) AS score,
       CASE WHEN human > 0.5 THEN 'positive' WHEN human < -0.5 THEN 'negative' ELSE 'neutral' END AS truth,
       smskpi.sentiment_label(body) AS pred
FROM e;
WITH c AS (SELECT set_name, k.cls,
                  count(*) FILTER (WHERE truth = k.cls AND pred = k.cls)::float8 AS tp,
                  count(*) FILTER (WHERE pred = k.cls)::float8 AS npred,
                  count(*) FILTER (WHERE truth = k.cls)::float8 AS ntrue
           FROM s CROSS JOIN (VALUES ('positive'), ('neutral'), ('negative')) k(cls)
           GROUP BY set_name, k.cls),
     f AS (SELECT set_name, cls,
                  CASE WHEN tp = 0 THEN 0 ELSE 2 * (tp / npred) * (tp / ntrue) / (tp / npred + tp / ntrue) END AS f1
           FROM c),
     m AS (SELECT set_name, avg(f1) AS macro_f1,
                  max(f1) FILTER (WHERE cls = 'neutral') AS neutral_f1 FROM f GROUP BY set_name),
     r AS (SELECT set_name, count(*) AS n, corr(score, human) AS r,
                  avg(((pred = truth))::int) AS accuracy FROM s GROUP BY set_name),
     v(set_name, ord, vader_r, vader_f1) AS (VALUES
        ('tweets_dev', 1, 0.866, '0.69'), ('tweets_dev fold A', 1.1, NULL, ''),
        ('tweets_dev fold B', 1.2, NULL, ''), ('movieReviewSnippets', 2, 0.43, ''),
        ('amazonReviewSnippets', 3, 0.59, ''), ('nytEditorialSnippets', 4, 0.50, ''))
SELECT r.set_name AS "set", r.n, round(r.r::numeric, 3) AS "Pearson r", v.vader_r AS "VADER r",
       round(m.macro_f1::numeric, 3) AS "macro-F1", v.vader_f1 AS "VADER F1",
       round(m.neutral_f1::numeric, 3) AS "neutral F1", round(r.accuracy::numeric, 3) AS accuracy
FROM r JOIN m USING (set_name) JOIN v USING (set_name) ORDER BY v.ord;
SELECT 'range' AS "check", min(score), max(score), count(*) FILTER (WHERE score NOT BETWEEN -1 AND 1) AS out_of_range FROM s;
DROP TABLE sentiment_eval_raw;
SQL
