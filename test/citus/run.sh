#!/bin/sh
# test/citus/run.sh -- smskpi on a throw-away Citus cluster (see doc/citus.md).
#
#   sh test/citus/run.sh [PATTERN...]      ./dev.sh citus [PATTERN...] builds and installs first
#
# Starts a coordinator and two workers on free loopback ports, installs smskpi,
# generates data into schema loc (plain tables on the coordinator) and copies it into
# byc (messages distributed by contact_id) and byv (by conversation_id), creates the
# KPI views over each, then runs every check of test/citus/checks/*.sql (or those whose
# name matches a shell PATTERN, e.g. 'frt_*') on byc and byv: the result must equal the
# same query on loc, and EXPLAIN (VERBOSE) must show the expected plan shape.  One line
# per check, then "citus: N passed, N failed" (exit 1 on failures).  Skips (exit 0)
# where Citus is not installed.
#
# Environment:
#   PG_CONFIG        PostgreSQL 15's pg_config (default /usr/lib/postgresql/15/bin/pg_config);
#                    the servers and psql are taken from its --bindir
#   CITUS_MESSAGES   messages to generate (default 200000); CITUS_SEED (default 42)
#   CITUS_PORTS      port range to try, LOW-HIGH (default 9700-9799)
#   CITUS_SHARDS     shards per distributed table (default 32)
#   CITUS_TIMEOUT    statement_timeout of each check query (default 10min)
#   CITUS_CHECKS     the folder of check files (default test/citus/checks)
#   CITUS_KEEP=1     leave the cluster running at the end and print how to connect
#   CITUS_OUT        where results, plans and (on failure) server logs go (default build/citus)
#
# As root the servers run as the postgres user (PostgreSQL refuses root); the cluster
# lives in a temporary directory and is stopped and deleted on exit.
set -u
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
if ! [ -x "$PG_CONFIG" ] && ! command -v "$PG_CONFIG" >/dev/null 2>&1; then
	echo "citus: no pg_config at $PG_CONFIG (set PG_CONFIG)" >&2
	exit 2
fi
bindir=$("$PG_CONFIG" --bindir)
pkglibdir=$("$PG_CONFIG" --pkglibdir)
sharedir=$("$PG_CONFIG" --sharedir)
if ! [ -f "$pkglibdir/citus.so" ]; then
	echo "citus: skipped (Citus is not installed: no citus.so in $pkglibdir)"
	exit 0
fi
if ! [ -f "$sharedir/extension/smskpi.control" ] || ! [ -f "$pkglibdir/smskpi.so" ]; then
	echo "citus: smskpi is not installed in $("$PG_CONFIG" --bindir)/.. (make && make install PG_CONFIG=$PG_CONFIG)" >&2
	exit 2
fi

messages=${CITUS_MESSAGES:-200000}
seed=${CITUS_SEED:-42}
ports=${CITUS_PORTS:-9700-9799}
shards=${CITUS_SHARDS:-32}
timeout=${CITUS_TIMEOUT:-10min}
out=${CITUS_OUT:-$root/build/citus}
checks=${CITUS_CHECKS:-test/citus/checks}
port_lo=${ports%-*} port_hi=${ports#*-}
case "$port_lo$port_hi$messages$seed$shards" in
*[!0-9]*) echo "citus: CITUS_PORTS (LOW-HIGH), CITUS_MESSAGES, CITUS_SEED, CITUS_SHARDS must be numbers" >&2; exit 2 ;;
esac

if [ "$(id -u)" -eq 0 ]; then
	as_pg() { runuser -u postgres -- "$@"; }
	pguser=postgres
else
	as_pg() { "$@"; }
	pguser=$(id -un)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/smskpi-citus.XXXXXX") || exit 2
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp"
mkdir -p "$out"
rm -rf "$out/checks" "$out/results.tsv" "$out"/*.log
mkdir -p "$out/checks"
nodes="n0 n1 n2"	# n0 = coordinator
rc=1
keep=${CITUS_KEEP:-0}

cleanup() {
	if [ "$keep" = 1 ] && [ -s "$tmp/n0.port" ]; then
		echo "citus: cluster kept running in $tmp: PGHOST=$tmp PGPORT=$(cat "$tmp/n0.port") PGUSER=$pguser psql postgres"
		echo "citus: stop it with: for n in $nodes; do ${SUDO_AS:-}$bindir/pg_ctl -D $tmp/\$n -m fast stop; done; rm -rf $tmp"
		return
	fi
	for n in $nodes; do
		[ -f "$tmp/$n/postmaster.pid" ] && as_pg "$bindir/pg_ctl" -D "$tmp/$n" -m immediate -w stop >/dev/null 2>&1
	done
	if [ "$rc" -ne 0 ]; then
		for n in $nodes; do [ -f "$tmp/$n.log" ] && cp "$tmp/$n.log" "$out/$n.log"; done
		echo "citus: server logs kept in $out/"
	fi
	rm -rf "$tmp"
}
trap 'cleanup' EXIT
trap 'exit 1' INT TERM HUP
SUDO_AS=""; [ "$(id -u)" -eq 0 ] && SUDO_AS="runuser -u postgres -- "

die() { echo "citus: $*" >&2; exit 1; }

# ------------------------------------------------------------------ the check files
# Each check of test/citus/checks/*.sql (or $CITUS_CHECKS/*.sql):
#   -- name: NAME              required, [a-z0-9_]+, unique
#   -- plan: SHAPE             required: partial | pushdown | combine | nopull | pull | any,
#                              or one per schema: "byc:pushdown byv:partial" (see
#                              test/citus/harness.sql and doc/citus.md for the shapes)
#   -- on: byc byv             optional (default both)
#   -- tolerance: 1e-12        optional: relative tolerance for numeric fields (only
#                              where summation order differs: float sums and averages)
#   -- note: TEXT              optional: why (printed with pull/any results)
#   (header lines are the "-- word:" lines right after "-- name:"; the first other line
#   starts the query, comments included)
#   the query: every following line up to the next "-- name:"; {S} is the schema
#   (loc, byc, byv), {V} the KPI view schema of the mode ({S}_kpi, {S}_kpim, ...).
# A check with {V} runs once per view mode (CITUS_VIEW_MODES); the plan is checked in the
# plain mode only (a materialized view is read on the coordinator).
mkdir -p "$tmp/checks"
US=$(printf '\037')	# field separator of the check index and of the result rows
awk -v dir="$tmp/checks" -v us="$US" '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function bad(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; err = 1 }
function flush() {
	if (name == "") return
	sub(/[ \t\n;]+$/, "", q)
	if (q == "") bad("check " name " has no query")
	if (plan == "") bad("check " name " has no plan")
	n++
	f = sprintf("%s/%03d.sql", dir, n)
	printf "%s\n", q > f
	close(f)
	printf "%03d%s%s%s%s%s%s%s%s%s%s%s%s\n", n, us, name, us, plan, us, on, us, tol, us, note, us, file > (dir "/index")
	name = ""
}
FNR == 1 { flush() }
/^-- name:/ {
	flush()
	name = trim(substr($0, 9)); plan = ""; on = ""; tol = ""; note = ""; q = ""; hdr = 1; file = FILENAME
	if (name !~ /^[a-z0-9_]+$/) bad("bad check name \"" name "\"")
	if (name in seen) bad("duplicate check name " name)
	seen[name] = 1
	next
}
name != "" && hdr && /^-- [a-z]+:/ {
	key = substr($0, 4); sub(/:.*/, "", key); val = $0; sub(/^-- [a-z]+:/, "", val); val = trim(val)
	if (key == "plan") {
		plan = val
		m = split(val, w, /[ \t]+/)
		for (i = 1; i <= m; i++) {
			s = w[i]; sub(/^(byc|byv):/, "", s)
			if (s !~ /^(partial|pushdown|combine|nopull|pull|any)$/) bad("bad plan \"" w[i] "\"")
		}
	} else if (key == "on") on = val
	else if (key == "tolerance") tol = val
	else if (key == "note") note = val
	else bad("unknown key \"" key "\"")
	next
}
name != "" { hdr = 0; if (q != "" || $0 !~ /^[ \t]*$/) q = q $0 "\n" }
END { flush(); exit err }
' "$checks"/*.sql || die "bad check file (above)"

# ------------------------------------------------------------------ the cluster
# Each node: initdb, then start on the next port of the range until one binds.
next_port=$port_lo
start_node() {
	n=$1
	as_pg "$bindir/initdb" -D "$tmp/$n" -A trust -U "$pguser" -E UTF8 --locale=C.UTF-8 >"$tmp/$n.initdb.log" 2>&1 ||
		as_pg "$bindir/initdb" -D "$tmp/$n" -A trust -U "$pguser" -E UTF8 --locale=C >"$tmp/$n.initdb.log" 2>&1 ||
		{ cat "$tmp/$n.initdb.log"; die "initdb failed for $n"; }
	cat >>"$tmp/$n/postgresql.conf" <<-CONF
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$tmp'
		shared_preload_libraries = 'citus'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_wal_size = 4GB
		jit = off
		max_connections = 200
		include_if_exists = 'port.conf'
	CONF
	while [ "$next_port" -le "$port_hi" ]; do
		p=$next_port
		next_port=$((next_port + 1))
		echo "port = $p" >"$tmp/$n/port.conf"
		[ "$(id -u)" -eq 0 ] && chown postgres "$tmp/$n/port.conf"
		: >"$tmp/$n.log"
		[ "$(id -u)" -eq 0 ] && chown postgres "$tmp/$n.log"
		if as_pg "$bindir/pg_ctl" -D "$tmp/$n" -l "$tmp/$n.log" -w -t 120 start >/dev/null 2>&1; then
			echo "$p" >"$tmp/$n.port"
			return 0
		fi
		grep -qE 'could not bind|could not create any TCP/IP sockets|Address already in use|could not create lock file' "$tmp/$n.log" ||
			{ cat "$tmp/$n.log" >&2; die "$n did not start (log above)"; }
	done
	die "no free port in $ports for $n"
}

t_start=$(date +%s)
for n in $nodes; do start_node "$n"; done
p0=$(cat "$tmp/n0.port") p1=$(cat "$tmp/n1.port") p2=$(cat "$tmp/n2.port")
export PGHOST="$tmp" PGPORT="$p0" PGUSER="$pguser" PGDATABASE=postgres
unset PGSERVICE PGOPTIONS PGPASSWORD
psql="$bindir/psql"
export PATH="$bindir:$PATH"	# generate.sh calls psql
sql() { "$psql" -XAtq -v ON_ERROR_STOP=1 "$@"; }
first_error() { # stderr file -> the first ERROR line, without psql's prefix
	e=$(sed -n 's/^psql:[^:]*:[0-9]*: //; /ERROR/{p;q}' "$1")
	[ -n "$e" ] || e=$(head -1 "$1")
	echo "$e" | sed 's/  */ /g'
}

for p in $p0 $p1 $p2; do
	sql -p "$p" -c "CREATE EXTENSION citus" >/dev/null || die "CREATE EXTENSION citus failed on port $p"
done
sql -c "SELECT citus_set_coordinator_host('127.0.0.1', $p0)" \
	-c "SELECT citus_add_node('127.0.0.1', $p1)" -c "SELECT citus_add_node('127.0.0.1', $p2)" >/dev/null ||
	die "could not build the cluster"
citus_version=$(sql -c "SELECT split_part(citus_version(), ' ', 2)")
# smskpi: CREATE EXTENSION on the coordinator is propagated to the workers
sql -c "CREATE EXTENSION smskpi" >/dev/null || die "CREATE EXTENSION smskpi failed"
for p in $p1 $p2; do
	v=$(sql -p "$p" -c "SELECT extversion FROM pg_extension WHERE extname = 'smskpi'")
	[ -n "$v" ] || die "smskpi was not created on the worker on port $p"
done
smskpi_version=$(sql -c "SELECT extversion FROM pg_extension WHERE extname = 'smskpi'")
echo "citus: Citus $citus_version, smskpi $smskpi_version; coordinator 127.0.0.1:$p0, workers :$p1 :$p2 ($tmp)"

# ------------------------------------------------------------------ the data
t0=$(date +%s)
PGOPTIONS="-c citus.enable_ddl_propagation=off" sh test/datagen/generate.sh loc "$messages" "$seed" ||
	die "generating the data failed"
sql -v shards="$shards" -f test/citus/load.sql >"$out/load.log" 2>&1 || { cat "$out/load.log"; die "loading byc/byv failed"; }
echo "citus: data: $(sql -c "SELECT count(*) FROM loc.messages") messages (seed $seed), loaded in $(($(date +%s) - t0)) s; $shards shards"
sql -f test/citus/harness.sql >/dev/null || die "installing the plan analysis (test/citus/harness.sql) failed"

# ------------------------------------------------------------------ KPI views
# One KPI schema per source schema and mode (CITUS_VIEW_MODES): S_kpi plain views
# (loc_kpi is the reference of every view check), S_kpim materialized views, created (the
# first full computation) and then refreshed with refresh_kpi_views.  A failure here is
# reported by every check of that schema and mode.  A new mode (e.g. an incremental
# rollup): a case in make_views that creates (and refreshes) S_kpi_MODE, and the mode in
# CITUS_VIEW_MODES; every check with {V} then runs in it (results only: the plan is
# checked in the plain mode).
view_modes=${CITUS_VIEW_MODES:-plain materialized incremental}
view_schema() { # schema mode
	case $2 in
	plain) echo "$1_kpi" ;;
	materialized) echo "$1_kpim" ;;
	*) echo "$1_kpi_$2" ;;
	esac
}
kpi_sources() { # schema -> the source arguments of create_kpi_views
	echo "'$1.messages', '$1.link_clicks', '$1.conversions', '$1.consent_events', '$1.conversation_events', '$1.holdout_contacts'"
}
make_views() { # schema mode: 0 made, 1 create failed, 2 refresh failed
	s=$1 v=$(view_schema "$1" "$2")
	opts="-c client_min_messages=error -c statement_timeout=$timeout"
	[ "$s" = loc ] && opts="$opts -c citus.enable_ddl_propagation=off"
	case $2 in
	plain | materialized)
		mat=false
		[ "$2" = materialized ] && mat=true
		PGOPTIONS="$opts" sql -c "DROP SCHEMA IF EXISTS $v CASCADE" -c "CREATE SCHEMA $v" \
			-c "SELECT count(*) FROM smskpi.create_kpi_views('$v', $(kpi_sources "$s"), materialized => $mat)" \
			>"$out/views.$v.log" 2>&1 || return 1
		if [ "$mat" = true ]; then
			PGOPTIONS="$opts" sql -c "SELECT count(*) FROM smskpi.refresh_kpi_views('$v')" >>"$out/views.$v.log" 2>&1 || return 2
		fi
		;;
	incremental)
		# rollups: a full build, then an incremental refresh (their numbers are compared
		# with loc's rollups: reply windows are bounded in rollups).  Over distributed
		# tables create_kpi_views refuses them (feature_not_supported: rollups are
		# coordinator tables, which Citus does not join with distributed ones): 3
		PGOPTIONS="$opts" sql -c "DROP SCHEMA IF EXISTS $v CASCADE" -c "CREATE SCHEMA $v" \
			-c "SELECT count(*) FROM smskpi.create_kpi_views('$v', $(kpi_sources "$s"), incremental => true)" \
			>"$out/views.$v.log" 2>&1 || {
			grep -q 'ERROR:  incremental KPI rollups over Citus tables are not supported' "$out/views.$v.log" && return 3
			return 1
		}
		PGOPTIONS="$opts" sql -c "SELECT count(*) FROM smskpi.refresh_kpi_views('$v')" >>"$out/views.$v.log" 2>&1 || return 2
		;;
	*) die "unknown KPI view mode $2 (CITUS_VIEW_MODES): add it to make_views in test/citus/run.sh" ;;
	esac
	return 0
}
t0=$(date +%s)
make_views loc plain || { cat "$out/views.loc_kpi.log"; die "create_kpi_views over loc failed"; }
case " $view_modes " in
*" incremental "*) make_views loc incremental || { cat "$out/views.loc_kpi_incremental.log"; die "rollups over loc failed"; } ;;
esac
for s in byc byv; do
	for mode in $view_modes; do
		v=$(view_schema "$s" "$mode")
		make_views "$s" "$mode"
		case $? in
		0) ;;
		3) touch "$tmp/$v.refused" ;;
		1) echo "create_kpi_views failed: $(first_error "$out/views.$v.log")" >"$tmp/$v.failed" ;;
		*) echo "refresh_kpi_views failed: $(first_error "$out/views.$v.log")" >"$tmp/$v.failed" ;;
		esac
	done
done
echo "citus: KPI views ($view_modes) made in $(($(date +%s) - t0)) s$(for f in "$tmp"/*.failed; do [ -e "$f" ] && printf '; %s: %s' "$(basename "$f" .failed)" "$(cat "$f")"; done)"

# ------------------------------------------------------------------ the checks
run_query() { # file.sql out err: the result rows, sorted
	PGOPTIONS="-c statement_timeout=$timeout -c client_min_messages=warning" \
		"$psql" -XAtq -v ON_ERROR_STOP=1 -F "$US" -P null='\N' -f "$1" >"$2.raw" 2>"$3"
	r=$?
	LC_ALL=C sort "$2.raw" >"$2"
	rm -f "$2.raw"
	return $r
}
same_rows() { # a b tolerance
	if [ -z "$3" ]; then
		cmp -s "$1" "$2"
		return
	fi
	awk -F "$US" -v tol="$3" -v other="$2" '
	function num(s) { return s ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ }
	function abs(x) { return x < 0 ? -x : x }
	{
		if ((getline line < other) <= 0) exit 1
		if (line == $0) next
		m = split(line, b, FS)
		if (m != NF) exit 1
		for (i = 1; i <= NF; i++) {
			if ($i == b[i]) continue
			if (!num($i) || !num(b[i])) exit 1
			d = abs($i - b[i]); s = abs($i) > abs(b[i]) ? abs($i) : abs(b[i])
			if (d > tol * (s > 1 ? s : 1)) exit 1
		}
	}
	END { if ((getline line < other) > 0) exit 1 }' "$1"
}
expected_for() { # plan schema -> the expected shape on that schema
	for w in $1; do
		case $w in
		"$2":*) echo "${w#*:}"; return ;;
		*:*) ;;
		*) echo "$w"; return ;;
		esac
	done
	echo any
}
selected() { # name: matches one of the patterns given on the command line (all if none)
	[ $# -le 1 ] && return 0
	nm=$1
	shift
	for pat in "$@"; do
		# shellcheck disable=SC2254
		case $nm in $pat) return 0 ;; esac
	done
	return 1
}

passed=0 failed=0
results="$out/results.tsv"
printf 'check\tschema\tmode\tresult\texpected\tshape\tseconds\tdetail\n' >"$results"
t_checks=$(date +%s)
# incremental rollups over distributed tables: refused with a clear error (doc/citus.md)
case " $view_modes " in
*" incremental "*)
	if selected views_incremental "$@"; then
		for s in byc byv; do
			v=$(view_schema "$s" incremental)
			if [ -f "$tmp/$v.refused" ]; then
				passed=$((passed + 1))
				printf 'ok    %-44s %s\n' "views_incremental/$s" "refused: incremental KPI rollups over Citus tables are not supported"
				printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' views_incremental "$s" incremental ok any refused 0 "" >>"$results"
			fi
		done
	fi ;;
esac
while IFS=$US read -r n name plan on tol note file; do
	selected "$name" "$@" || continue
	tpl="$tmp/checks/$n.sql"
	modes=-
	grep -q '{V}' "$tpl" && modes=$view_modes
	# the reference: the same query on loc
	sed 's/{S}/loc/g; s/{V}/loc_kpi/g' "$tpl" >"$tmp/loc.sql"
	loc_plain_ok=1
	run_query "$tmp/loc.sql" "$tmp/loc.plain.out" "$tmp/loc.plain.err" || loc_plain_ok=0
	for s in ${on:-byc byv}; do
		exp=$(expected_for "$plan" "$s")
		for mode in $modes; do
			v=$(view_schema "$s" "$mode") label="$name/$s"
			case $mode in
			- | plain) ;;
			materialized) label="$label/mat" ;;
			*) label="$label/$mode" ;;
			esac
			# rollups refused on Citus: one check of the refusal (below), not one per view
			[ -f "$tmp/$v.refused" ] && continue
			sed "s/{S}/$s/g; s/{V}/$v/g" "$tpl" >"$tmp/q.sql"
			if [ "$mode" = incremental ]; then	# the reference: loc's rollups
				sed "s/{S}/loc/g; s/{V}/loc_kpi_incremental/g" "$tpl" >"$tmp/loc.sql"
				loc_ok=1
				run_query "$tmp/loc.sql" "$tmp/loc.out" "$tmp/loc.err" || loc_ok=0
			else
				cp "$tmp/loc.plain.out" "$tmp/loc.out"
				cp "$tmp/loc.plain.err" "$tmp/loc.err"
				loc_ok=$loc_plain_ok
			fi
			detail_file="$out/checks/$(echo "$label" | tr / .).txt"
			t1=$(date +%s)
			status=ok why=""
			# plan
			plan_checked=1
			[ "$mode" != - ] && [ "$mode" != plain ] && plan_checked=0
			if [ $plan_checked = 0 ]; then
				shape=local shape_detail="$mode KPI views: plan not checked"
				want=any
			else
				line=$(printf '%s\n' "SELECT citus_harness.plan_shape(:'q', :'s')" |
					"$psql" -XAtq -v q="$(cat "$tmp/q.sql")" -v s="$s" 2>&1)
				case $line in
				*"	"*) shape=${line%%	*} shape_detail=${line#*	} ;;
				*) shape=error shape_detail=$line ;;
				esac
				want=$exp
			fi
			# result
			if [ -f "$tmp/$v.failed" ] && [ "$modes" != - ]; then
				status=FAIL why=$(cat "$tmp/$v.failed")
			elif [ $loc_ok = 0 ]; then
				status=FAIL why="the reference query on loc failed: $(first_error "$tmp/loc.err")"
			elif ! run_query "$tmp/q.sql" "$tmp/q.out" "$tmp/q.err"; then
				status=FAIL why="result: $(first_error "$tmp/q.err")"
			elif ! same_rows "$tmp/q.out" "$tmp/loc.out" "$tol"; then
				status=FAIL why="result differs from loc: $(wc -l <"$tmp/q.out") rows against $(wc -l <"$tmp/loc.out")"
			fi
			# shape
			shape_note=$shape
			case $want in
			any) ;;
			nopull)
				case $shape in
				pull | repartition | error | local)
					status=FAIL
					why="${why:+$why; }plan: expected no pull, got $shape ($shape_detail)" ;;
				esac ;;
			pull)
				if [ "$shape" = pull ]; then shape_note="pull (expected${note:+: $note})"
				else shape_note="$shape (note: expected pull; update the check and doc/citus.md)"; fi ;;
			*)
				if [ "$shape" != "$want" ]; then
					status=FAIL
					why="${why:+$why; }plan: expected $want, got $shape ($shape_detail)"
				fi ;;
			esac
			[ "$want" = any ] && [ "$exp" = any ] && [ -n "$note" ] && shape_note="$shape (any: $note)"
			secs=$(($(date +%s) - t1))
			{
				echo "check: $label ($file)"
				echo "expected plan: $want; plan: $shape: $shape_detail"
				echo "result: $status${why:+: $why}"
				echo "-- query"
				cat "$tmp/q.sql"
				echo "-- EXPLAIN (VERBOSE)"
				if [ $plan_checked = 1 ]; then
					{ echo "EXPLAIN (VERBOSE)"; cat "$tmp/q.sql"; } >"$tmp/e.sql"
					"$psql" -XAtq -f "$tmp/e.sql" 2>&1
				fi
				if [ -s "$tmp/q.err" ]; then echo "-- errors"; cat "$tmp/q.err"; fi
				if [ "$status" = FAIL ] && [ -s "$tmp/q.out" ]; then
					echo "-- first differing rows (< $s, > loc)"
					diff "$tmp/q.out" "$tmp/loc.out" | head -20 | tr "$US" '|'
				fi
			} >"$detail_file" 2>&1
			rm -f "$tmp/q.out" "$tmp/q.err"
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$s" "${mode#-}" "$status" "$want" "$shape" "$secs" \
				"$why" >>"$results"
			if [ "$status" = ok ]; then
				passed=$((passed + 1))
				printf 'ok    %-44s %s\n' "$label" "$shape_note"
			else
				failed=$((failed + 1))
				printf 'FAIL  %-44s %s\n' "$label" "$why"
			fi
		done
	done
done <"$tmp/checks/index"

# every view create_kpi_views makes has a check (only in a run of every check)
if [ $# -eq 0 ]; then
	missing=""
	for v in $(sql -c "SELECT relname FROM pg_class WHERE relnamespace = 'loc_kpi'::regnamespace AND relkind IN ('v', 'm') ORDER BY 1"); do
		grep -qE "[{]V[}][.]$v([^a-z_]|\$)" "$checks"/*.sql || missing="$missing $v"
	done
	if [ -z "$missing" ]; then
		passed=$((passed + 1))
		printf 'ok    %-44s %s\n' views_covered "every KPI view has a check"
	else
		failed=$((failed + 1))
		printf 'FAIL  %-44s %s\n' views_covered "no check in $checks for:$missing"
	fi
fi

# the table of doc/citus.md, "Running on Citus" (a measurement: never fails the run)
if [ "${CITUS_MEASURE:-0}" = 1 ]; then
	echo "citus: measuring (test/citus/measure.sh)"
	PSQL=$psql sh test/citus/measure.sh | tee "$out/measure.md" ||
		echo "citus: measuring failed"
fi
echo "citus: checks took $(($(date +%s) - t_checks)) s, the whole run $(($(date +%s) - t_start)) s; details in $out/"
echo "citus: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] && rc=0
exit $rc
