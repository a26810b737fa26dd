#!/usr/bin/env bash
# Commit throughput (issue 6): small autocommitted INSERTs with synchronous_commit = on, with
# pgbench, for 1, 2 and 8 clients, against pgmini in every wal_pmem_mode and PostgreSQL 15, with
# pg_wal on disk and on /dev/shm (initdb --waldir), all in one run.
#
#   sql-tests/bench/commit_throughput.sh                  everything
#   sql-tests/bench/commit_throughput.sh --only pg15      only PostgreSQL 15 (or: --only pgmini)
#   BENCH_SECONDS=3 BENCH_CLIENTS="1 8" BENCH_MODES="off nvwal" BENCH_WAL="disk" sql-tests/bench/commit_throughput.sh
#
# Each configuration gets a fresh cluster in a temporary directory on disk (the data directory
# and, for "disk", pg_wal; for "shm", pg_wal is a symlink into a directory on /dev/shm, and so
# is nvwal_path of pmem_buffers / nvwal). Per configuration: CREATE TABLE t (id int4, v text),
# then for each client count `pgbench -n -M prepared -f insert.sql -c N -j N -T S` with the
# script `INSERT INTO t VALUES (1, 'x');`. Prints a table of tps and pgmini/PostgreSQL ratios
# (each pgmini mode against PostgreSQL with pg_wal in the same place). Every server started is
# stopped at the end, also on failure or Ctrl-C.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../bin/pg15-lib.sh
source "$repo/sql-tests/bin/pg15-lib.sh"

only=""
if [[ ${1:-} == --only ]]; then
    only=${2:?"--only needs pgmini or pg15"}
    [[ $only == pgmini || $only == pg15 ]] || { echo "--only pgmini|pg15" >&2; exit 2; }
fi
seconds=${BENCH_SECONDS:-10}
read -r -a client_counts <<<"${BENCH_CLIENTS:-1 2 8}"
read -r -a modes <<<"${BENCH_MODES:-off mapped_segments pmem_buffers segments_as_buffers nvwal}"
read -r -a places <<<"${BENCH_WAL:-disk shm}"

work=$(mktemp -d /tmp/pgmini-commitbench.XXXXXX)
shmwork=$(mktemp -d /dev/shm/pgmini-commitbench.XXXXXX)
chmod 755 "$work" "$shmwork"
running_pgmini=""
running_pg=""
cleanup() {
    if [[ -n $running_pgmini ]]; then "$repo/bin/pgmini" stop -D "$running_pgmini" -m immediate >/dev/null 2>&1 || true; fi
    if [[ -n $running_pg ]]; then
        as_pg_owner "$(pg15_bindir)/pg_ctl" -D "$running_pg" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work" "$shmwork"
}
trap cleanup EXIT

echo "INSERT INTO t VALUES (1, 'x');" >"$work/insert.sql"
chmod 644 "$work/insert.sql"
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGOPTIONS PGSERVICE PGPASSWORD PGSSLMODE
export PGUSER=postgres

declare -A result

# run_pgbench KEY PORT: CREATE TABLE, then one pgbench per client count into result[KEY,N].
run_pgbench() {
    local key=$1 port=$2 n out
    psql -X -q -h 127.0.0.1 -p "$port" -d postgres -c "CREATE TABLE t (id int4, v text)" >/dev/null
    for n in "${client_counts[@]}"; do
        out="$work/pgbench-${key//[^a-z0-9_]/_}-$n.log"
        echo "  $key: $n client(s), ${seconds}s ..." >&2
        if pgbench -n -M prepared -f "$work/insert.sql" -c "$n" -j "$n" -T "$seconds" \
                -h 127.0.0.1 -p "$port" postgres >"$out" 2>&1; then
            result[$key,$n]=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$out" \
                | awk '{ printf "%.0f", $1 }')
        else
            echo "pgbench against $key failed:" >&2
            tail -5 "$out" >&2
            result[$key,$n]=failed
        fi
    done
}

# pgmini PLACE MODE
bench_pgmini() {
    local place=$1 mode=$2 dir="$work/pgmini-$1-$2" port settings=()
    local waldir_args=() nvwal="$dir/nvwal"
    if [[ $place == shm ]]; then
        mkdir -p "$shmwork/pgmini-$mode"
        waldir_args=(--waldir="$shmwork/pgmini-$mode/pg_wal")
        nvwal="$shmwork/pgmini-$mode/nvwal"
    fi
    mkdir -p "$dir"
    "$repo/bin/pgmini" initdb -D "$dir/data" -U postgres "${waldir_args[@]}" >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; return 1; }
    port=$(free_port)
    settings=(-c wal_pmem_mode="$mode" -c synchronous_commit=on)
    if [[ $mode == pmem_buffers || $mode == nvwal ]]; then
        settings+=(-c nvwal_path="$nvwal" -c nvwal_size=64MB)
    fi
    running_pgmini="$dir/data"
    "$repo/bin/pgmini" start -D "$dir/data" -p "$port" -l "$dir/server.log" "${settings[@]}" >/dev/null \
        || { echo "pgmini ($mode, wal on $place) did not start:" >&2; tail -20 "$dir/server.log" >&2; return 1; }
    run_pgbench "pgmini $mode $place" "$port"
    "$repo/bin/pgmini" stop -D "$dir/data" -m fast >/dev/null 2>&1 || true
    running_pgmini=""
}

# pg15 PLACE
bench_pg15() {
    local place=$1 dir="$work/pg15-$1" port bindir waldir_args=()
    bindir=$(pg15_bindir)
    mkdir -p "$dir"
    if [[ $place == shm ]]; then
        mkdir -p "$shmwork/pg15"
        waldir_args=(--waldir="$shmwork/pg15/pg_wal")
        if [[ $(id -u) -eq 0 ]]; then chown postgres: "$shmwork/pg15"; fi
    fi
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_pg_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C "${waldir_args[@]}" \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
    port=$(free_port)
    running_pg="$dir/data"
    as_pg_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c synchronous_commit=on" start \
        >/dev/null || { cat "$dir/server.log" >&2; return 1; }
    run_pgbench "pg15 $place" "$port"
    as_pg_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    running_pg=""
}

for place in "${places[@]}"; do
    if [[ $only != pgmini ]]; then
        echo "PostgreSQL 15, pg_wal on $place" >&2
        bench_pg15 "$place"
    fi
    if [[ $only != pg15 ]]; then
        for mode in "${modes[@]}"; do
            echo "pgmini wal_pmem_mode=$mode, pg_wal on $place" >&2
            bench_pgmini "$place" "$mode"
        done
    fi
done

ratio() {
    local a=${1:-} b=${2:-}
    if [[ $a =~ ^[0-9.]+$ && $b =~ ^[0-9.]+$ && $b != 0 ]]; then
        awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }'
    else
        echo "-"
    fi
}

echo
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "INSERT INTO t VALUES (1, 'x'); synchronous_commit=on; pgbench -n -M prepared -T $seconds;" \
    "$(nproc) CPUs ($cpu); data on $(df --output=fstype "$work" | tail -1 | tr -d ' '), /dev/shm tmpfs"
printf '%-34s' "server (pg_wal)"
for n in "${client_counts[@]}"; do printf ' %10s %6s' "tps c=$n" "ratio"; done
echo
for place in "${places[@]}"; do
    rows=()
    [[ $only != pgmini ]] && rows+=("pg15 $place")
    if [[ $only != pg15 ]]; then
        for mode in "${modes[@]}"; do rows+=("pgmini $mode $place"); done
    fi
    for key in "${rows[@]}"; do
        printf '%-34s' "$key"
        for n in "${client_counts[@]}"; do
            printf ' %10s %6s' "${result[$key,$n]:--}" "$(ratio "${result[$key,$n]:-}" "${result[pg15 $place,$n]:-}")"
        done
        echo
    done
done
echo "(ratio: against PostgreSQL 15 with pg_wal in the same place)"
