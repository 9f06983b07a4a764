#!/bin/sh
# test/datagen/generate.sh SCHEMA MESSAGES SEED [DAYS]
# Drops and recreates schema SCHEMA (CASCADE) with deterministic sample data: about MESSAGES messages and
# the matching link_clicks, conversions, consent_events, conversation_events and
# holdout_contacts (see doc/datagen.md), over DAYS days (default 91, 30..3650).  Same SEED
# (and DAYS) => same rows.  Connects with psql
# using the usual PGHOST/PGPORT/PGUSER/PGDATABASE environment.
set -eu
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
	echo "usage: $0 SCHEMA MESSAGES SEED [DAYS]" >&2
	exit 2
fi
schema=$1 n=$2 seed=$3 days=${4:-91}
case $n in '' | *[!0-9]*) echo "generate.sh: MESSAGES must be a positive integer" >&2; exit 2 ;; esac
case $seed in '' | *[!0-9]*) echo "generate.sh: SEED must be a non-negative integer" >&2; exit 2 ;; esac
case $days in '' | *[!0-9]*) echo "generate.sh: DAYS must be a positive integer" >&2; exit 2 ;; esac
if [ "${#days}" -gt 4 ] || [ "$days" -lt 30 ] || [ "$days" -gt 3650 ]; then
	echo "generate.sh: DAYS must be 30..3650" >&2
	exit 2
fi
# ids pack contact_id into 24 bits (conversation_id = campaign_id * 2^24 + contact_id),
# so at most ~16.7M contacts: about 150M messages.
if [ "${#n}" -gt 9 ] || [ "$n" -lt 1 ] || [ "$n" -gt 150000000 ] || [ "${#seed}" -gt 12 ]; then
	echo "generate.sh: MESSAGES must be 1..150000000 and SEED at most 12 digits" >&2
	exit 2
fi
# the schema is dropped and recreated: refuse the ones that hold other things
case $schema in
'' | public | smskpi | information_schema | pg_*)
	echo "generate.sh: refusing to drop and recreate schema '$schema'" >&2
	exit 2
	;;
esac
exec psql -qX -v ON_ERROR_STOP=1 -v schema="$schema" -v n="$n" -v seed="$seed" -v days="$days" \
	-f "$(dirname "$0")/generate.sql"
