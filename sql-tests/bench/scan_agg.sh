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
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

rows=${1:-10000000}
repeats=${2:-5}
query="SELECT count(*), sum(x) FROM scan_bench WHERE x % 3 = 0;"

bench_init pgmini-bench
bench_start_pgmini
bench_start_pg15

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
    load[$server]=$(bench_times "$server" "$work/load.sql" | tail -1)
    echo "querying $server $repeats times ..." >&2
    mapfile -t times < <(bench_times "$server" "$work/query-$server.sql" | sort -g)
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
