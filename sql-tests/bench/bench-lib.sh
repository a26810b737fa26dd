# shellcheck shell=bash
# What every benchmark in this directory does the same way: a temp work dir, a throw-away
# pgmini and a throw-away PostgreSQL 15 cluster on free loopback ports (both stopped and the
# dir removed on exit, also on failure or Ctrl-C), a clean psql/pgbench environment, and psql
# runs whose "\timing" values are collected. Source it after setting `repo`; it defines
# functions only.

# shellcheck source=../bin/pg15-lib.sh
source "$repo/sql-tests/bin/pg15-lib.sh"

# bench_init PREFIX: makes $work (mktemp under /tmp), installs the cleanup trap, declares the
# associative array `port` and clears the caller's libpq environment (user postgres).
bench_init() {
    work=$(mktemp -d "/tmp/$1.XXXXXX")
    chmod 755 "$work"
    pgmini_started=false
    pg_started=false
    trap bench_cleanup EXIT
    unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGOPTIONS PGSERVICE PGPASSWORD PGSSLMODE
    export PGUSER=postgres
    declare -gA port
}

bench_cleanup() {
    if $pgmini_started; then "$repo/bin/pgmini" stop -D "$work/pgmini/data" -m immediate >/dev/null 2>&1 || true; fi
    if $pg_started; then pg15_stop "$work/pg15"; fi
    rm -rf "$work"
}

# bench_start_pgmini [-c name=value ...]: initdb + start pgmini in $work/pgmini on port[pgmini].
bench_start_pgmini() {
    port[pgmini]=$(free_port)
    mkdir -p "$work/pgmini"
    "$repo/bin/pgmini" initdb -D "$work/pgmini/data" -U postgres >"$work/pgmini/initdb.log" 2>&1 \
        || { cat "$work/pgmini/initdb.log" >&2; exit 1; }
    pgmini_started=true
    "$repo/bin/pgmini" start -D "$work/pgmini/data" -p "${port[pgmini]}" -l "$work/pgmini/server.log" "$@" \
        || { echo "pgmini did not start; its log:" >&2; tail -40 "$work/pgmini/server.log" >&2 || true; exit 1; }
}

# bench_start_pg15: a fresh PostgreSQL 15 cluster in $work/pg15 on port[pg15].
bench_start_pg15() {
    port[pg15]=$(free_port)
    pg_started=true
    pg15_start "$work/pg15" "${port[pg15]}"
}

# bench_psql SERVER FILE OUT: runs FILE with psql against SERVER, output to OUT; stops the
# benchmark with the output on an error.
bench_psql() {
    local server=$1 file=$2 out=$3
    chmod 644 "$file"
    if ! psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port[$server]}" -d postgres -f "$file" >"$out" 2>&1; then
        echo "psql against $server failed:" >&2
        cat "$out" >&2
        exit 1
    fi
}

# bench_times SERVER FILE: runs FILE (which turns \timing on) and prints its "Time: N ms" values, one per line.
bench_times() {
    local out="$work/psql-$1.log"
    bench_psql "$1" "$2" "$out"
    sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p' "$out"
}
