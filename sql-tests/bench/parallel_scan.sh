#!/usr/bin/env bash
# Issue 7's parallel scan benchmark: load N rows, then run a filtered aggregate and a GROUP BY
# query with max_parallel_workers_per_gather = 0, 1 and 2, on pgmini and PostgreSQL 15 with the
# same settings in one run. Prints the best and median time per query, server and worker count,
# the speedup over 0 workers, the pgmini/PostgreSQL ratios, and the plan each server used
# (Workers Planned / Launched from one EXPLAIN ANALYZE per setting).
#
#   sql-tests/bench/parallel_scan.sh [rows] [repeats]      default 10000000 rows, 5 repeats
#   BENCH_WORKERS="0" BENCH_QUERIES=filter sql-tests/bench/parallel_scan.sh   a subset (serial filter only)
#   BENCH_SERVERS=pgmini ...                               one server only (pgmini or pg15)
#
# The table has autovacuum off on both servers; after loading, a full scan sets hint bits and
# one untimed run of each query per setting warms caches (and pgmini's JIT) before timing. Starts a temporary pgmini and a temporary PostgreSQL
# 15 cluster (free loopback ports, a temp dir) and stops both, also on failure or Ctrl-C. Times
# are psql's \timing of each statement (client round trip included, the same for both).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

rows=${1:-10000000}
repeats=${2:-5}
read -r -a workers_list <<<"${BENCH_WORKERS:-0 1 2}"
declare -A query
query[filter]="SELECT count(*), sum(b) FROM par_bench WHERE a % 7 = 3;"
query[groupby]="SELECT b % 100 AS k, count(*), sum(a) FROM par_bench GROUP BY b % 100;"
read -r -a queries <<<"${BENCH_QUERIES:-filter groupby}"
read -r -a servers <<<"${BENCH_SERVERS:-pgmini pg15}"

bench_init pgmini-parbench
[[ " ${servers[*]} " == *" pgmini "* ]] && bench_start_pgmini
[[ " ${servers[*]} " == *" pg15 "* ]] && bench_start_pg15


{
    echo "DROP TABLE IF EXISTS par_bench;"
    echo "CREATE TABLE par_bench (a int4, b int4) WITH (autovacuum_enabled = off);"
    echo "INSERT INTO par_bench SELECT i, i % 1000 FROM generate_series(1, $rows) i;"
    echo "SET max_parallel_workers_per_gather = 0;"
    echo "SELECT count(*) FROM par_bench;"
    # one untimed run of each query per worker count: JIT warm-up for pgmini, caches for both
    for w in "${workers_list[@]}"; do
        echo "SET max_parallel_workers_per_gather = $w;"
        for q in "${queries[@]}"; do echo "${query[$q]}"; done
    done
} >"$work/load.sql"
for w in "${workers_list[@]}"; do
    for q in "${queries[@]}"; do
        {
            echo "SET max_parallel_workers_per_gather = $w;"
            echo "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${query[$q]}"
            echo "\\timing on"
            for ((i = 0; i < repeats; i++)); do echo "${query[$q]}"; done
        } >"$work/q-$w-$q.sql"
    done
done
chmod 644 "$work"/*.sql

declare -A best median plan
for server in "${servers[@]}"; do
    echo "loading $rows rows into $server ..." >&2
    bench_psql "$server" "$work/load.sql" "$work/load-$server.log"
    for w in "${workers_list[@]}"; do
        for q in "${queries[@]}"; do
            echo "$server: $q with $w workers, $repeats times ..." >&2
            out="$work/out-$server-$w-$q.log"
            bench_psql "$server" "$work/q-$w-$q.sql" "$out"
            mapfile -t times < <(sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p' "$out" | sort -g)
            best[$server,$w,$q]=${times[0]}
            median[$server,$w,$q]=${times[$((${#times[@]} / 2))]}
            planned=$(sed -n 's/^ *Workers Planned: \([0-9]*\).*/\1/p' "$out" | head -1)
            launched=$(sed -n 's/^ *Workers Launched: \([0-9]*\).*/\1/p' "$out" | head -1)
            plan[$server,$w,$q]="${planned:-0}/${launched:-0}"
        done
    done
done

echo
echo "rows: $rows, repeats: $repeats; times in ms; workers planned/launched from EXPLAIN ANALYZE"
for q in "${queries[@]}"; do
    echo
    echo "$q: ${query[$q]}"
    printf '%-8s %7s %9s %11s %11s %9s\n' server workers "plan p/l" "best" "median" speedup
    for server in "${servers[@]}"; do
        for w in "${workers_list[@]}"; do
            awk -v s="$server" -v w="$w" -v p="${plan[$server,$w,$q]}" -v b="${best[$server,$w,$q]}" \
                -v m="${median[$server,$w,$q]}" -v b0="${best[$server,0,$q]:-}" \
                'BEGIN { printf "%-8s %7s %9s %11.1f %11.1f %9s\n", s, w, p, b, m, b0 == "" ? "-" : sprintf("%.2fx", b0 / b) }'
        done
    done
    [[ ${#servers[@]} -eq 2 ]] || continue
    for w in "${workers_list[@]}"; do
        awk -v w="$w" -v a="${best[pgmini,$w,$q]}" -v b="${best[pg15,$w,$q]}" \
            -v c="${median[pgmini,$w,$q]}" -v d="${median[pg15,$w,$q]}" \
            'BEGIN { printf "ratio pgmini/pg15 with %s workers: best %.2f, median %.2f\n", w, a / b, c / d }'
    done
done
