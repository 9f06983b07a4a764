#!/bin/sh
# ALTER EXTENSION smskpi UPDATE from every earlier version the server has (the frozen
# install scripts sql/smskpi--X.Y.Z.sql), with a user's objects in the database:
#   1. database "old": CREATE EXTENSION smskpi VERSION 'X.Y.Z', sample data, the user
#      objects of test/upgrade/user_objects.sql (KPI views and materialized views,
#      expression and partial indexes, generated columns, a domain, stored
#      response_state and business_hours values, edited targets); record their answers
#      (test/upgrade/user_answers.sql);
#   2. ALTER EXTENSION smskpi UPDATE: the version is the default one, the answers are
#      unchanged, also after REINDEX and refreshing the materialized views; the values
#      stored by that version's library (test/upgrade/stored-X.Y.Z.txt) answer the same;
#   3. database "fresh": CREATE EXTENSION smskpi and the same user objects; the
#      extension's catalog (test/upgrade/catalog.sql: every member object, fully
#      described) and pg_dump --schema-only are identical between "old" (updated, KPI
#      views made again) and "fresh"; every answer "old" gave is given by "fresh" and
#      by "old" after create_kpi_views again (a new version may add KPI views: their
#      answers are the extra lines).  Any difference is printed.
# A change of sql/parts/*.sql without the matching statements in the change script
# sql/smskpi--A--B.sql fails step 3.  The frozen install scripts must not change:
# their checksums are below (add a line when freezing a version).
set -eu
cd "$(dirname "$0")/../.."
frozen="
0.1.0 f310917156e4f72638662794249d310aff698cd6d368d5fa43039171cc8cd2b9
0.2.0 f310917156e4f72638662794249d310aff698cd6d368d5fa43039171cc8cd2b9
"
work=$(mktemp -d)
fresh=smskpi_upgrade_fresh
dbs=$fresh
cleanup() {
	for db in $dbs; do psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
	rm -rf "$work"
}
trap cleanup EXIT
fail=0
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }

# the frozen scripts are what those versions installed
built=$(sed -n "s/^default_version = '\(.*\)'/\1/p" smskpi.control)
for f in sql/smskpi--*.sql; do
	v=${f#sql/smskpi--}; v=${v%.sql}
	case $v in *--* | "$built") continue ;; esac
	want=$(echo "$frozen" | sed -n "s/^$v //p")
	got=$(sha256sum "$f" | cut -d' ' -f1)
	if [ -z "$want" ]; then echo "FAILED: $f has no checksum in $0 (frozen versions: add it)"; fail=1
	elif [ "$got" != "$want" ]; then echo "FAILED: $f changed (sha256 $got, frozen $want): a released install script must stay as it was"; fail=1
	fi
done

current=$(q -d postgres -c "SELECT default_version FROM pg_available_extensions WHERE name = 'smskpi'")
olds=$(q -d postgres -c "SELECT version FROM pg_available_extension_versions
    WHERE name = 'smskpi' AND version <> '$current' ORDER BY string_to_array(version, '.')::int[]")
[ -n "$olds" ] || { echo "FAILED: the server has no earlier smskpi version to update from"; exit 1; }
echo "default version $current; updating from: $(echo $olds)"

makedb() {	# makedb DB [VERSION]: database with smskpi (at VERSION), sample data, user objects
	{ q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null &&
		q -d "$1" -c "CREATE EXTENSION smskpi${2:+ VERSION '$2'}" &&
		PGDATABASE=$1 sh test/datagen/generate.sh data 8000 7 >/dev/null &&
		q -d "$1" -f test/upgrade/user_objects.sql >/dev/null; } ||
		{ echo "FAILED: could not set up database $1 (smskpi ${2:-$current} and the user objects)"; exit 1; }
}
answers() { psql -qX -d "$1" -f test/upgrade/user_answers.sql; }
# (without the random key of \restrict, PostgreSQL 15.14+)
dump_schema() { pg_dump --schema-only "$1" | grep -vE '^\\(un)?restrict '; }
differ() {	# differ WHAT FILE1 FILE2 [catalog]
	if ! diff -u "$2" "$3" > "$work/diff"; then
		echo "FAILED: $1"
		if [ "${4:-}" = catalog ]; then	# lines are "object | property = value": objects first
			sed -n 's/ | .*//p' "$2" | sort -u > "$work/objs1"
			sed -n 's/ | .*//p' "$3" | sort -u > "$work/objs2"
			comm -23 "$work/objs1" "$work/objs2" | sed 's/^/   only in the first:  /'
			comm -13 "$work/objs1" "$work/objs2" | sed 's/^/   only in the second: /'
			comm -12 "$work/objs1" "$work/objs2" > "$work/both"
			grep -E '^[-+][^-+]' "$work/diff" | cut -c2- | awk -F' [|] ' '
				NR == FNR { both[$0] = 1; next }
				($1 in both) { sub(/ = .*/, "", $2); print "   differs:            " $1 " | " $2 }' "$work/both" - | sort -u
		fi
		head -c 6000 "$work/diff"; echo; fail=1
	fi
}

subset() {	# subset WHAT FILE1 FILE2: every line of FILE1 is in FILE2 (FILE2 may have more:
	# the KPI views a newer version adds)
	sort "$2" > "$work/sub1"; sort "$3" > "$work/sub2"
	if [ -n "$(comm -23 "$work/sub1" "$work/sub2")" ]; then
		echo "FAILED: $1"
		comm -23 "$work/sub1" "$work/sub2" | sed 's/^/   only in the first:  /' | head -40
		comm -13 "$work/sub1" "$work/sub2" | sed 's/^/   only in the second: /' | head -40
		fail=1
	fi
}

start=$(date +%s)
makedb $fresh
answers $fresh > "$work/fresh.answers"
q -d $fresh -f test/upgrade/catalog.sql > "$work/fresh.catalog"
dump_schema $fresh > "$work/fresh.schema"
grep -q "extension smskpi | version = \"$current\"" "$work/fresh.catalog" || { echo "FAILED: fresh database is not at $current"; fail=1; }

for v in $olds; do
	old=smskpi_upgrade_from_$(echo "$v" | tr . _)
	dbs="$dbs $old"
	makedb "$old" "$v"
	[ "$(q -d "$old" -c "SELECT extversion FROM pg_extension WHERE extname = 'smskpi'")" = "$v" ] ||
		{ echo "FAILED: CREATE EXTENSION smskpi VERSION '$v' did not install $v"; fail=1; continue; }
	answers "$old" > "$work/$v.before"
	q -d "$old" -c "ALTER EXTENSION smskpi UPDATE"
	got=$(q -d "$old" -c "SELECT extversion FROM pg_extension WHERE extname = 'smskpi'")
	[ "$got" = "$current" ] || { echo "FAILED: $v: ALTER EXTENSION smskpi UPDATE gave version $got, not $current"; fail=1; }
	answers "$old" > "$work/$v.after"
	differ "$v: the user objects' answers changed with ALTER EXTENSION smskpi UPDATE" "$work/$v.before" "$work/$v.after"
	q -d "$old" -c "REINDEX SCHEMA app" -c "REFRESH MATERIALIZED VIEW app.team_stats" \
		-c "SELECT count(*) FROM smskpi.refresh_kpi_views('kpim')" >/dev/null
	answers "$old" > "$work/$v.refreshed"
	differ "$v: answers changed after REINDEX and refreshing the materialized views" "$work/$v.before" "$work/$v.refreshed"
	subset "$v: the updated database answers differently from a fresh one" "$work/$v.after" "$work/fresh.answers"
	if [ -e "test/upgrade/stored-$v.txt" ]; then
		q -d "$old" -v file="test/upgrade/stored-$v.txt" -f test/upgrade/stored_values.sql > "$work/$v.stored"
		if ! grep -q ' 0 answers differ$' "$work/$v.stored"; then
			echo "FAILED: values stored by smskpi $v answer differently now:"; cat "$work/$v.stored"; fail=1
		else
			echo "$v: $(tail -1 "$work/$v.stored") (test/upgrade/stored-$v.txt)"
		fi
	fi
	q -d "$old" -f test/upgrade/catalog.sql > "$work/$v.catalog"
	differ "$v: the extension after ALTER EXTENSION smskpi UPDATE differs from CREATE EXTENSION smskpi
   (a change in sql/parts/*.sql without its statements in the change script?)
   first: fresh $current, second: updated from $v" "$work/fresh.catalog" "$work/$v.catalog" catalog
	# the KPI views carry the version that made them (in their comments): made again, as
	# the docs advise after an update, the whole schema dumps as the fresh one does
	q -d "$old" -f test/upgrade/create_kpi_views.sql >/dev/null
	answers "$old" > "$work/$v.recreated"
	subset "$v: answers changed after create_kpi_views again" "$work/$v.before" "$work/$v.recreated"
	dump_schema "$old" > "$work/$v.schema"
	differ "$v: pg_dump --schema-only of the updated database differs from the fresh one" "$work/fresh.schema" "$work/$v.schema"
	echo "$v -> $current: $(grep -c ' | extension member = true' "$work/$v.catalog") member objects, $(wc -l < "$work/$v.catalog") catalog properties, $(wc -l < "$work/$v.after") answers compared"
done
echo "$(( $(date +%s) - start )) s"
[ $fail -eq 0 ] && echo "upgrade: PASSED" || { echo "upgrade: FAILED"; exit 1; }
