#!/usr/bin/env bash
# Issue 5's benchmark: COPY FROM STDIN of N rows (text format: int, text, numeric), then a join +
# aggregate over two tables of M rows each, against pgmini and PostgreSQL 15 in one run; prints
# both servers' times and the ratios pgmini/PostgreSQL.
#
#   sql-tests/bench/copy_join.sh [copy_rows] [join_rows] [repeats]    default 5000000 1000000 3
#   BENCH_PG_PARALLEL=off  runs PostgreSQL with max_parallel_workers_per_gather = 0
#
# The COPY data file is generated once and sent by `psql -c "COPY ... FROM STDIN"` to each server
# (wall-clock time of that psql, connection included: the same for both). The join tables are
# filled with INSERT ... SELECT generate_series; the query
#   SELECT a.grp, count(*), sum(b.weight) FROM join_a a JOIN join_b b ON a.id = b.a_id
#   GROUP BY a.grp ORDER BY a.grp
# (a hash join of M x M rows, then 100 groups) runs `repeats` times per server, timed by psql's
# \timing; best and median are reported. Both servers' answers are compared (they must match).
# Starts a temporary pgmini and a temporary PostgreSQL 15 cluster (free loopback ports, temp
# dir) and stops both, also on failure or Ctrl-C.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=bench-lib.sh
source "$here/bench-lib.sh"

copy_rows=${1:-5000000}
join_rows=${2:-1000000}
repeats=${3:-3}
query="SELECT a.grp, count(*), sum(b.weight) FROM join_a a JOIN join_b b ON a.id = b.a_id GROUP BY a.grp ORDER BY a.grp;"

bench_init pgmini-bench
bench_start_pgmini
bench_start_pg15

echo "generating $copy_rows rows of COPY data ..." >&2
awk -v n="$copy_rows" 'BEGIN { for (i = 1; i <= n; i++) printf "%d\tname %d\t%d.%02d\n", i, i % 9973, i % 100000, i % 100 }' \
    >"$work/copy.tsv"

# psql_file SERVER FILE: runs FILE, stops at the first error; prints psql's output.
psql_file() {
    local server=$1 file=$2
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port[$server]}" -d postgres -f "$file" 2>&1 \
        || { echo "psql against $server failed on $file" >&2; exit 1; }
}

cat >"$work/setup.sql" <<EOF
DROP TABLE IF EXISTS copy_bench;
CREATE TABLE copy_bench (id int, name text, amount numeric);
DROP TABLE IF EXISTS join_a;
DROP TABLE IF EXISTS join_b;
CREATE TABLE join_a (id int, grp int, val int);
CREATE TABLE join_b (id int, a_id int, weight int);
INSERT INTO join_a SELECT g, g % 100, g % 7 FROM generate_series(1, $join_rows) g;
INSERT INTO join_b SELECT g, (g * 7) % $join_rows + 1, g % 13 FROM generate_series(1, $join_rows) g;
EOF
{
    [[ ${BENCH_PG_PARALLEL:-on} == off ]] && echo "SET max_parallel_workers_per_gather = 0;"
    echo "\\timing on"
    for ((i = 0; i < repeats; i++)); do echo "$query"; done
} >"$work/query.sql"
{
    echo "\\pset format unaligned"
    echo "$query"
} >"$work/answer.sql"
chmod 644 "$work"/*.sql "$work/copy.tsv"

declare -A copy_ms best median
for server in pgmini pg15; do
    echo "setting up $server ($join_rows rows in each join table) ..." >&2
    psql_file "$server" "$work/setup.sql" >/dev/null
    echo "COPY of $copy_rows rows into $server ..." >&2
    start=$(date +%s%N)
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port[$server]}" -d postgres \
        -c "COPY copy_bench FROM STDIN" <"$work/copy.tsv" >"$work/copy-$server.log" 2>&1 \
        || { echo "COPY into $server failed:" >&2; cat "$work/copy-$server.log" >&2; exit 1; }
    end=$(date +%s%N)
    copy_ms[$server]=$(( (end - start) / 1000000 ))
    count=$(psql -X -q -At -h 127.0.0.1 -p "${port[$server]}" -d postgres -c "SELECT count(*) FROM copy_bench")
    [[ $count == "$copy_rows" ]] || { echo "$server has $count rows after COPY, expected $copy_rows" >&2; exit 1; }
    echo "join + aggregate on $server, $repeats times ..." >&2
    mapfile -t times < <(psql_file "$server" "$work/query.sql" | sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p' | sort -g)
    best[$server]=${times[0]}
    median[$server]=${times[$((${#times[@]} / 2))]}
    psql_file "$server" "$work/answer.sql" >"$work/answer-$server.txt"
done
if ! cmp -s "$work/answer-pgmini.txt" "$work/answer-pg15.txt"; then
    echo "the join answers differ:" >&2
    diff "$work/answer-pg15.txt" "$work/answer-pgmini.txt" | head -20 >&2
    exit 1
fi

printf '%-8s %14s %14s %14s\n' server "COPY (ms)" "join best (ms)" "join median"
for server in pgmini pg15; do
    printf '%-8s %14d %14.1f %14.1f\n' "$server" "${copy_ms[$server]}" "${best[$server]}" "${median[$server]}"
done
awk -v a="${copy_ms[pgmini]}" -v b="${copy_ms[pg15]}" -v c="${best[pgmini]}" -v d="${best[pg15]}" \
    -v e="${median[pgmini]}" -v f="${median[pg15]}" \
    'BEGIN { printf "ratio pgmini/pg15: COPY %.2f, join best %.2f, join median %.2f\n", a / b, c / d, e / f }'
