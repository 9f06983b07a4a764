#!/bin/sh
# README.md is assembled from the documentation in doc/ (the per-feature sections the
# code refers to) and a reference table read from the installed extension's catalog:
#
#   make && make install && sh doc/assemble-readme.sh
#   sh doc/assemble-readme.sh --check    exit 1 (and show the diff) if README.md is not
#                                        what doc/ assembles to (test/shell/readme_current.sh)
#
# Inside a running cluster (psql connects) the reference is read in a scratch database;
# otherwise in a throw-away cluster (pg_virtualenv).
#
# Edit doc/*.md, never README.md by hand.  Order: _head, the reference, the features,
# _perf, hardening, _tail.
set -eu
cd "$(dirname "$0")/.."
out=README.md
[ "${1:-}" = "--check" ] && out=$(mktemp)
ref=$(mktemp)
trap 'rm -f "$ref"; [ "$out" = README.md ] || rm -f "$out"' EXIT
if psql -XAtq -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
	db=smskpi_readme_ref
	PGOPTIONS="-c client_min_messages=warning" psql -Xq -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	rc=0
	psql -Xq -v ON_ERROR_STOP=1 -d $db -c 'CREATE EXTENSION smskpi' -f doc/reference.sql > "$ref" || rc=$?
	psql -Xq -d postgres -c "DROP DATABASE $db" >/dev/null
else
	rc=0
	pg_virtualenv -t -v 15 sh -c "psql -Xq -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION smskpi' -f doc/reference.sql" > "$ref" 2>/dev/null || rc=$?
fi
[ $rc -eq 0 ] && grep -q '^|' "$ref" || { echo "assemble-readme: reading the reference failed (is smskpi installed?)" >&2; exit 1; }
sed -i '/^|/!d' "$ref"
{
	cat doc/_head.md
	echo
	echo "## Reference"
	echo
	echo "Every object is in schema \`smskpi\`; all were added in 0.1.0. Aggregates have combine functions and are \`PARALLEL SAFE\`; text functions are \`IMMUTABLE STRICT PARALLEL SAFE\`. Support functions (transition, final, combine, type I/O) are not listed. The aggregates with an \`anyelement\` conversation also exist for \`bigint\`, \`integer\`, \`smallint\`, \`text\`, \`varchar\` and \`uuid\` keys (see *Conversation keys*)."
	echo
	echo "| Function | Returns | Description |"
	echo "|---|---|---|"
	sed -e 's/timestamp with time zone/timestamptz/g' -e 's/double precision/float8/g' -e 's/smskpi\.//g' \
	    -e 's/::interval\[\]//g' -e 's/::date\[\]//g' -e 's/::regclass//g' -e 's/::bigint//g' \
	    -e 's/::interval//g' -e 's/::bytea//g' -e 's/::text//g' -e 's/::boolean//g' "$ref"
	echo
	echo "Types: \`response_state\` (partial state of the response-time aggregates; text form \`\\\\x\` + hex), \`response_stats\` (composite), \`business_hours\` (a weekly schedule in a time zone). Table: \`kpi_targets\`."
	echo
	for f in response_time business_hours campaign intent sentiment segments_emoji views datagen; do
		cat "doc/$f.md"
		echo
	done
	cat doc/_perf.md
	echo
	cat doc/hardening.md
	echo
	cat doc/_tail.md
} > "$out"
if [ "$out" != README.md ]; then
	if cmp -s README.md "$out"; then
		echo "README.md is up to date ($(wc -l < README.md) lines)"
		exit 0
	fi
	echo "README.md is not what doc/ assembles to: edit doc/*.md and run sh doc/assemble-readme.sh"
	diff -u README.md "$out" | head -60
	exit 1
fi
echo "README.md: $(wc -l < README.md) lines"
