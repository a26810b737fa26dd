#!/usr/bin/env bash
# pgbench's own workloads against pgmini and PostgreSQL 15 in one run: `pgbench -i -s SCALE`
# (timed), then select-only (-S) and the default TPC-B-like script with 1 and 4 clients for
# SECONDS each, on a temporary pgmini and a temporary PostgreSQL 15 cluster (both stopped and
# removed on exit). Prints init time, tps per run and the ratio pgmini/PostgreSQL.
#
#   sql-tests/bench/pgbench.sh                  scale 10, 15 s per run, clients 1 and 4
#   sql-tests/bench/pgbench.sh --only pgmini    one server only (or: --only pg15)
#
# BENCH_SCALE, BENCH_SECONDS, BENCH_CLIENTS ("1 4") and BENCH_MODE (simple|prepared) override.
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
scale=${BENCH_SCALE:-10}
seconds=${BENCH_SECONDS:-15}
clients=${BENCH_CLIENTS:-"1 4"}
mode=${BENCH_MODE:-simple}

bench_init pgmini-pgbench
servers=()
if [[ $only != pg15 ]]; then bench_start_pgmini; servers+=(pgmini); fi
if [[ $only != pgmini ]]; then bench_start_pg15; servers+=(pg15); fi

declare -A result
for server in "${servers[@]}"; do
    echo "pgbench -i -s $scale against $server ..." >&2
    start=$(date +%s.%N)
    if ! pgbench -i -s "$scale" -q -h 127.0.0.1 -p "${port[$server]}" postgres >"$work/init-$server.log" 2>&1; then
        echo "pgbench -i against $server failed:" >&2
        cat "$work/init-$server.log" >&2
        exit 1
    fi
    result[$server,init]=$(echo "$(date +%s.%N) - $start" | bc | awk '{ printf "%.1f", $1 }')
    for c in $clients; do
        for script in select-only tpcb; do
            flag=""
            [[ $script == select-only ]] && flag="-S"
            echo "pgbench $flag -c $c -T $seconds -M $mode against $server ..." >&2
            out="$work/run-$server-$script-$c.log"
            # shellcheck disable=SC2086
            if ! pgbench $flag -c "$c" -j "$c" -T "$seconds" -M "$mode" -h 127.0.0.1 -p "${port[$server]}" postgres >"$out" 2>&1; then
                echo "pgbench against $server failed:" >&2
                cat "$out" >&2
                result[$server,$script,$c]=failed
                continue
            fi
            result[$server,$script,$c]=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$out" \
                | awk '{ printf "%.0f", $1 }')
            failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
            if [[ -n $failed && $failed != 0 ]]; then result[$server,$script,$c]+=" ($failed failed)"; fi
        done
    done
done

ratio() {
    local a=${result[pgmini,$1]:-} b=${result[pg15,$1]:-}
    if [[ $a =~ ^[0-9.]+$ && $b =~ ^[0-9.]+$ && $b != 0 ]]; then
        echo "$a $b" | awk '{ printf "%.3f", $1 / $2 }'
    else
        echo "-"
    fi
}

printf '\npgbench scale %s, %s s per run, -M %s\n' "$scale" "$seconds" "$mode"
printf '%-24s %12s %12s %10s\n' "run" "pgmini" "PostgreSQL" "ratio"
a=${result[pgmini,init]:-}; b=${result[pg15,init]:-}
r="-"; [[ -n $a && -n $b ]] && r=$(echo "$a $b" | awk '{ printf "%.2f", $1 / $2 }')
printf '%-24s %11ss %11ss %10s\n' "init (-i -s $scale)" "${a:--}" "${b:--}" "$r"
for c in $clients; do
    for script in select-only tpcb; do
        printf '%-24s %12s %12s %10s\n' "$script -c $c (tps)" "${result[pgmini,$script,$c]:--}" \
            "${result[pg15,$script,$c]:--}" "$(ratio "$script,$c")"
    done
done
