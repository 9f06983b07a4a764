#!/bin/sh
# Demo, run by ./dev.sh demo inside a throw-away cluster: generate sample data,
# then print a KPI report.  Optional argument: number of messages (default 100000).
set -eu
cd "$(dirname "$0")/.."
n=${1:-100000}
psql -qX -v ON_ERROR_STOP=1 -d postgres -c 'CREATE EXTENSION smskpi'
psql -qX -v ON_ERROR_STOP=1 -d postgres -c 'SELECT smskpi.version() AS smskpi_version'
