#!/usr/bin/env bash
# Issue 4's scan benchmark: load N rows with INSERT ... SELECT generate_series, then run
# `SELECT count(*), sum(x) FROM scan_bench WHERE x % 3 = 0` several times, serially, against
# pgmini and PostgreSQL 15 in one run; prints the load time and the best and median query
# times of each server and the ratios pgmini/PostgreSQL.
#
#   sql-tests/bench/scan_agg.sh [rows] [repeats]      default 10000000 rows, 5 repeats
#   BENCH_PG_PARALLEL=off  runs PostgreSQL with max_parallel_workers_per_gather = 0 (pgmini has
#                          no parallel scan yet; default: PostgreSQL's own default, parallel on)
#
# Starts a temporary pgmini and a temporary PostgreSQL 15 cluster (both on free loopback ports,
# in a temp dir) and stops both, also on failure or Ctrl-C. Times are psql's \timing of each
# statement (client round trip included, the same for both).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../bin/pg15-lib.sh
source "$repo/sql-tests/bin/pg15-lib.sh"

rows=${1:-10000000}
repeats=${2:-5}
query="SELECT count(*), sum(x) FROM scan_bench WHERE x % 3 = 0;"

work=$(mktemp -d /tmp/pgmini-bench.XXXXXX)
chmod 755 "$work"
pgmini_started=false
pg_started=false
cleanup() {
    if $pgmini_started; then "$repo/bin/pgmini" stop -D "$work/pgmini/data" -m immediate >/dev/null 2>&1 || true; fi
    if $pg_started; then pg15_stop "$work/pg15"; fi
    rm -rf "$work"
}
trap cleanup EXIT

unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGOPTIONS PGSERVICE PGPASSWORD PGSSLMODE
export PGUSER=postgres

declare -A port
port[pgmini]=$(free_port)
mkdir -p "$work/pgmini"
"$repo/bin/pgmini" initdb -D "$work/pgmini/data" -U postgres >"$work/pgmini/initdb.log" 2>&1 \
    || { cat "$work/pgmini/initdb.log" >&2; exit 1; }
pgmini_started=true
"$repo/bin/pgmini" start -D "$work/pgmini/data" -p "${port[pgmini]}" -l "$work/pgmini/server.log" \
    || { echo "pgmini did not start; its log:" >&2; tail -40 "$work/pgmini/server.log" >&2 || true; exit 1; }
port[pg15]=$(free_port)
pg_started=true
pg15_start "$work/pg15" "${port[pg15]}"

# run SERVER FILE: psql with \timing over FILE; prints the "Time: N ms" values, one per line.
run() {
    local server=$1 file=$2 out="$work/psql-$1.log"
    if ! psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port[$server]}" -d postgres -f "$file" >"$out" 2>&1; then
        echo "psql against $server failed:" >&2
        cat "$out" >&2
        exit 1
    fi
    sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p' "$out"
}

{
    echo "DROP TABLE IF EXISTS scan_bench;"
    echo "CREATE TABLE scan_bench (x int4);"
    echo "\\timing on"
    echo "INSERT INTO scan_bench SELECT generate_series(1, $rows);"
} >"$work/load.sql"
{
    [[ ${BENCH_PG_PARALLEL:-on} == off ]] && echo "SET max_parallel_workers_per_gather = 0;"
    echo "\\timing on"
    for ((i = 0; i < repeats; i++)); do echo "$query"; done
} >"$work/query-pg15.sql"
{
    echo "\\timing on"
    for ((i = 0; i < repeats; i++)); do echo "$query"; done
} >"$work/query-pgmini.sql"
chmod 644 "$work"/*.sql

declare -A load best median
for server in pgmini pg15; do
    echo "loading $rows rows into $server ..." >&2
    load[$server]=$(run "$server" "$work/load.sql" | tail -1)
    echo "querying $server $repeats times ..." >&2
    mapfile -t times < <(run "$server" "$work/query-$server.sql" | sort -g)
    best[$server]=${times[0]}
    median[$server]=${times[$((${#times[@]} / 2))]}
done

printf '%-8s %14s %14s %14s\n' server "load (ms)" "best (ms)" "median (ms)"
for server in pgmini pg15; do
    printf '%-8s %14.1f %14.1f %14.1f\n' "$server" "${load[$server]}" "${best[$server]}" "${median[$server]}"
done
awk -v a="${load[pgmini]}" -v b="${load[pg15]}" -v c="${best[pgmini]}" -v d="${best[pg15]}" \
    -v e="${median[pgmini]}" -v f="${median[pg15]}" \
    'BEGIN { printf "ratio pgmini/pg15: load %.2f, best %.2f, median %.2f\n", a / b, c / d, e / f }'
