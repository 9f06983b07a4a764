#!/bin/sh
# Demo, run by ./dev.sh demo inside a throw-away cluster: generate sample data,
# then print a KPI report.  Optional argument: number of messages (default 100000).
set -eu
cd "$(dirname "$0")/.."
n=${1:-100000}
export PGDATABASE=postgres
psql -qX -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS smskpi'
psql -qX -v ON_ERROR_STOP=1 -c 'SELECT smskpi.version() AS smskpi_version'
echo "== generating $n messages (seed 42) into schema demo"
start=$(date +%s)
sh test/datagen/generate.sh demo "$n" 42
echo "   generated in $(( $(date +%s) - start )) s"
# the KPI report: smskpi's views over the generated tables
# (test/datagen/demo_report.sql computes similar numbers in plain SQL, for comparison)
psql -qX -v ON_ERROR_STOP=1 -v schema=demo -f test/demo/kpi_report.sql
