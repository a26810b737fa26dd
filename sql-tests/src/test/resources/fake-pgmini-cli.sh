#!/usr/bin/env bash
# A stand-in for bin/pgmini used only by PgminiServerLifecycleTest: the same command line
# (initdb -D DIR -U USER; start -D DIR -p PORT -l LOG; stop -D DIR -m MODE), carried out with
# PostgreSQL 15's initdb and pg_ctl. It lets the test check how PgminiServer starts and,
# above all, stops a server, before and independently of pgmini itself. If the file
# "stop-fails" exists next to this script's bin/ directory, `stop` fails without stopping,
# so the test can check the kill fallback; if "start-fails" exists, `start` starts the server
# and then reports failure, so the test can check that a half-started server is stopped.
set -euo pipefail
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cmd=$1; shift
data="" user="" port="" log="" mode="fast"
while [[ $# -gt 0 ]]; do
    case $1 in
        -D) data=$2; shift 2 ;;
        -U) user=$2; shift 2 ;;
        -p) port=$2; shift 2 ;;
        -l) log=$2; shift 2 ;;
        -m) mode=$2; shift 2 ;;
        *) echo "unexpected argument $1" >&2; exit 2 ;;
    esac
done
case $cmd in
    initdb)
        parent=$(dirname "$data")
        mkdir -p "$parent"
        if [[ $(id -u) -eq 0 ]]; then chown postgres: "$parent"; fi
        as_pg "$bindir/initdb" -D "$data" -U "$user" --auth=trust >/dev/null ;;
    start)
        as_pg "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
            -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$(dirname "$data")" start >/dev/null
        if [[ -e $repo/start-fails ]]; then echo "start failed (test)" >&2; exit 1; fi ;;
    stop)
        if [[ -e $repo/stop-fails ]]; then echo "stop refused (test)" >&2; exit 1; fi
        as_pg "$bindir/pg_ctl" -D "$data" -m "$mode" -w stop >/dev/null ;;
    *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
