#!/bin/sh
# Fast accuracy (and speed) of the sentiment scorer outside the server: builds
# build/bench/sentiment_eval from test/bench/sentiment_eval.c + src/sentiment.c
# (-DSMSKPI_FUZZ, as the fuzz harness) and runs it on VADER's evaluation sets.
#
#   sh test/bench/sentiment_eval.sh          accuracy, tweets with folds A/B
#   sh test/bench/sentiment_eval.sh -a       fold A of the tweets only (develop a rule)
#   sh test/bench/sentiment_eval.sh -s       speed on the tweets (~80 bytes each)
#
# SENT_CFLAGS adds compiler flags (e.g. -D switches while a rule is tried).
#
# Needs ../shared/data/sentiment (not shipped): prints "skipped" without it.
set -eu
cd "$(dirname "$0")/../.."
data=../shared/data/sentiment
if [ ! -f "$data/tweets_dev.tsv" ]; then
	echo "skipped: ../shared/data not found"
	exit 0
fi
mkdir -p build/bench
${CC:-gcc} -O2 -DSMSKPI_FUZZ ${SENT_CFLAGS:-} -Itest/fuzz/shim -Isrc -Wall -Wno-unused-function \
	-o build/bench/sentiment_eval test/bench/sentiment_eval.c src/sentiment.c src/unicode.c -lm
if [ "${1:-}" = "-s" ]; then
	exec build/bench/sentiment_eval -s "$data/tweets_dev.tsv"
fi
if [ "${1:-}" = "-a" ]; then
	exec build/bench/sentiment_eval -a "$data/tweets_dev.tsv"
fi
exec build/bench/sentiment_eval "$data/tweets_dev.tsv" "$data/movieReviewSnippets.tsv" \
	"$data/amazonReviewSnippets.tsv" "$data/nytEditorialSnippets.tsv"
