#!/usr/bin/env bash
# Round-trip benchmark: `SELECT 1;` with pgbench against pgmini and PostgreSQL 15 in one run.
#
#   sql-tests/bench/select1.sh                 both servers, -M simple and -M prepared
#   sql-tests/bench/select1.sh --only pg15     only PostgreSQL 15 (or: --only pgmini)
#
# Starts a temporary pgmini (bin/pgmini initdb/start on a temp dir and a free port) and a
# temporary PostgreSQL 15 cluster (as the postgres OS user when run as root), runs
# `pgbench -n -f select1.sql -c 2 -T 10 -M simple|prepared` against each, prints the tps
# and the ratio pgmini/PostgreSQL, and stops both servers, also on failure or Ctrl-C.
# BENCH_SECONDS and BENCH_CLIENTS override -T and -c.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

only=""
if [[ ${1:-} == --only ]]; then
    only=${2:?"--only needs pgmini or pg15"}
    [[ $only == pgmini || $only == pg15 ]] || { echo "--only pgmini|pg15" >&2; exit 2; }
fi
seconds=${BENCH_SECONDS:-10}
clients=${BENCH_CLIENTS:-2}

bench_init pgmini-bench

echo "SELECT 1;" >"$work/select1.sql"
chmod 644 "$work/select1.sql"

if [[ $only != pg15 ]]; then
    bench_start_pgmini
fi
if [[ $only != pgmini ]]; then
    bench_start_pg15
fi

# tps SERVER MODE: one pgbench run, prints its tps (without initial connection time).
tps() {
    local server=$1 mode=$2 out
    out="$work/pgbench-$server-$mode.log"
    if ! pgbench -n -f "$work/select1.sql" -c "$clients" -T "$seconds" -M "$mode" \
            -h 127.0.0.1 -p "${port[$server]}" postgres >"$out" 2>&1; then
        echo "pgbench against $server (-M $mode) failed:" >&2
        cat "$out" >&2
        echo "failed"
        return
    fi
    sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$out" | awk '{ printf "%.0f", $1 }'
}

declare -A result
for mode in simple prepared; do
    for server in pgmini pg15; do
        [[ -n ${port[$server]:-} ]] || continue
        echo "running pgbench -M $mode against $server for ${seconds}s ..." >&2
        result[$server,$mode]=$(tps "$server" "$mode")
    done
done

ratio() {
    local a=${1:-} b=${2:-}
    if [[ $a =~ ^[0-9.]+$ && $b =~ ^[0-9.]+$ ]]; then
        awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }'
    else
        echo "-"
    fi
}

echo
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "SELECT 1; pgbench -n -c $clients -T $seconds; $(nproc) CPUs ($cpu), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
printf '%-10s %14s %18s %11s\n' "mode" "pgmini tps" "PostgreSQL 15 tps" "pgmini/PG"
for mode in simple prepared; do
    printf '%-10s %14s %18s %11s\n' "$mode" "${result[pgmini,$mode]:--}" "${result[pg15,$mode]:--}" \
        "$(ratio "${result[pgmini,$mode]:-}" "${result[pg15,$mode]:-}")"
done
