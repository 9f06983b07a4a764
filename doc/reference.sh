#!/bin/sh
# The reference table of README.md (Function | Description | Added), read from the
# catalog of the installed extension, so that it cannot go stale.  README.md is written
# by hand except between the lines
#
#   <!-- reference:begin -->
#   <!-- reference:end -->
#
# which this script fills in:
#
#   make && make install && sh doc/reference.sh   rewrite the table in README.md
#   sh doc/reference.sh --check                   exit 1 (and show the diff) if README.md's
#                                                 table is not the catalog's
#                                                 (test/shell/readme_current.sh)
#
# "Added" is computed, not written: every shipped version (each frozen install script
# sql/smskpi--X.Y.Z.sql, and the current default_version) is installed in a scratch
# database (CREATE EXTENSION smskpi VERSION 'X.Y.Z') and a function's row names the
# first version whose catalog has it (doc/reference.sql says how overloads are folded).
#
# Inside a running cluster (psql connects with the PG* settings: set PGHOST, PGPORT,
# PGUSER to your own cluster) the scratch databases are made and dropped there;
# otherwise the script runs itself in a throw-away cluster (pg_virtualenv).
set -eu
cd "$(dirname "$0")/.."
mode=write
[ "${1:-}" = "--check" ] && mode=check

if ! psql -XAtq -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
	if [ -z "${SMSKPI_REFERENCE_VENV:-}" ] && command -v pg_virtualenv >/dev/null 2>&1; then
		SMSKPI_REFERENCE_VENV=1 exec pg_virtualenv -t -v 15 sh doc/reference.sh "$@"
	fi
	echo "reference: cannot connect to a server (set PGHOST, PGPORT, PGUSER)" >&2
	exit 1
fi

current=$(sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" smskpi.control)
versions=$( { ls sql/ | sed -n 's/^smskpi--\([0-9][0-9.]*\)\.sql$/\1/p'; echo "$current"; } | sort -u -t. -k1,1n -k2,2n -k3,3n)

tmp=$(mktemp -d)
dbs=""
cleanup() {
	for d in $dbs; do
		psql -Xq -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

: > "$tmp/catalog.txt"
for v in $versions; do
	db=smskpi_ref_$$_$(echo "$v" | tr . _)
	dbs="$dbs $db"
	PGOPTIONS="-c client_min_messages=warning" psql -Xq -v ON_ERROR_STOP=1 -d postgres \
		-c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	psql -Xq -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION smskpi VERSION '$v'" >/dev/null || {
		echo "reference: CREATE EXTENSION smskpi VERSION '$v' failed (is smskpi installed, with every version's script?)" >&2
		exit 1
	}
	psql -XAtq -v ON_ERROR_STOP=1 -F '	' -d "$db" >> "$tmp/catalog.txt" <<-EOF
		SELECT '$v', 'f', p.proname,
		       array_to_string(array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i) ORDER BY i), ',')
		FROM pg_proc p WHERE p.pronamespace = 'smskpi'::regnamespace
		UNION ALL
		SELECT '$v', 't', t.typname, '' FROM pg_type t WHERE t.typnamespace = 'smskpi'::regnamespace
		UNION ALL
		SELECT '$v', 'r', c.relname, '' FROM pg_class c WHERE c.relnamespace = 'smskpi'::regnamespace AND c.relkind IN ('r', 'p');
	EOF
done

# the table, in the database of the current version
db=smskpi_ref_$$_$(echo "$current" | tr . _)
psql -Xq -v ON_ERROR_STOP=1 -d "$db" \
	-c 'CREATE TEMP TABLE ref_catalog (version text, kind text, name text, args text)' \
	-c "\\copy ref_catalog FROM '$tmp/catalog.txt'" \
	-f doc/reference.sql > "$tmp/table.md"
grep -q '^| Function | Description | Added |$' "$tmp/table.md" || { echo "reference: reading the catalog failed" >&2; exit 1; }

# README.md with the table between the markers
[ "$(grep -c '^<!-- reference:begin -->$' README.md)" -eq 1 ] && [ "$(grep -c '^<!-- reference:end -->$' README.md)" -eq 1 ] || {
	echo "reference: README.md must have one line <!-- reference:begin --> and one <!-- reference:end -->" >&2
	exit 1
}
awk -v table="$tmp/table.md" '
	/^<!-- reference:begin -->$/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
	/^<!-- reference:end -->$/ { skip = 0 }
	!skip { print }
' README.md > "$tmp/README.md"

if [ $mode = check ]; then
	if cmp -s README.md "$tmp/README.md"; then
		echo "README.md: the reference table is the catalog's ($(grep -c '^| `' "$tmp/table.md") rows, versions $(echo $versions))"
		exit 0
	fi
	echo "README.md: the reference table is not what the catalog says: run sh doc/reference.sh (after make install)"
	diff -u README.md "$tmp/README.md" | head -60
	exit 1
fi
cmp -s README.md "$tmp/README.md" || cp "$tmp/README.md" README.md
echo "README.md: reference table of $(grep -c '^| `' "$tmp/table.md") rows (versions $(echo $versions))"
