#!/bin/sh
# test/datagen/generate.sh SCHEMA MESSAGES SEED
# (Re)creates schema SCHEMA with deterministic sample data: about MESSAGES messages and
# the matching link_clicks, conversions, consent_events, conversation_events and
# holdout_contacts (see doc/datagen.md).  Same SEED => same rows.  Connects with psql
# using the usual PGHOST/PGPORT/PGUSER/PGDATABASE environment.
set -eu
if [ $# -ne 3 ]; then
	echo "usage: $0 SCHEMA MESSAGES SEED" >&2
	exit 2
fi
schema=$1 n=$2 seed=$3
case $n in '' | *[!0-9]*) echo "generate.sh: MESSAGES must be a positive integer" >&2; exit 2 ;; esac
case $seed in '' | *[!0-9]*) echo "generate.sh: SEED must be a non-negative integer" >&2; exit 2 ;; esac
if [ "$n" -lt 1 ] || [ "${#n}" -gt 10 ] || [ "${#seed}" -gt 12 ]; then
	echo "generate.sh: MESSAGES must be 1..9999999999 and SEED at most 12 digits" >&2
	exit 2
fi
exec psql -qX -v ON_ERROR_STOP=1 -v schema="$schema" -v n="$n" -v seed="$seed" \
	-f "$(dirname "$0")/generate.sql"
