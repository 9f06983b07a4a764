#!/bin/sh
# test/upgrade/regress-db.sh DB VERSION: (re)create database DB the way pg_regress makes
# its own (template0, the same per-database settings), but with smskpi installed at
# VERSION and then updated: CREATE EXTENSION smskpi VERSION 'VERSION'; ALTER EXTENSION
# smskpi UPDATE.  `make installcheck-upgrade` then runs the pg_regress tests in it
# (pg_regress --use-existing).  Connects with the usual PGHOST/PGPORT/PGUSER.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 DB VERSION" >&2; exit 2; }
db=$1 from=$2
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" -c "CREATE DATABASE \"$db\" TEMPLATE template0" 2>/dev/null
# what pg_regress's create_database() sets (src/test/regress/pg_regress.c, PostgreSQL 15)
for s in "lc_messages TO 'C'" "lc_monetary TO 'C'" "lc_numeric TO 'C'" "lc_time TO 'C'" \
	"bytea_output TO 'hex'" "timezone_abbreviations TO 'Default'"; do
	q -d postgres -c "ALTER DATABASE \"$db\" SET $s"
done
q -d "$db" -c "CREATE EXTENSION smskpi VERSION '$from'" -c "ALTER EXTENSION smskpi UPDATE"
echo "database $db: smskpi $from updated to $(q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'smskpi'")"
