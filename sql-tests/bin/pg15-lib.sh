# shellcheck shell=bash
# Helpers shared by regen-expected and the benchmark: a throw-away PostgreSQL 15 cluster
# (the oracle of ARCHITECTURE.md section 10) and the psql environment pg_regress uses.
# Source this file; it defines functions only.

# The newest PostgreSQL server bin directory: pg_config's answer when it names a server,
# else the highest version under /usr/lib/postgresql.
pg15_bindir() {
    local dir
    if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/postgres" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
    done
    echo "no PostgreSQL server binaries found (install postgresql-15)" >&2
    return 1
}

# A TCP port on 127.0.0.1 that nothing listens on right now. Random so that parallel runs
# rarely collide; the server start fails loudly if another process takes it meanwhile.
free_port() {
    local port listening
    listening=$(ss -Htln 2>/dev/null | awk '{print $4}' | sed 's/.*://')
    for _ in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! grep -qx "$port" <<<"$listening"; then echo "$port"; return; fi
    done
    echo "no free port found" >&2
    return 1
}

# Runs a command as the postgres OS user when we are root (initdb and postgres refuse root).
as_pg_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg15_start DIR PORT: initdb a fresh cluster in DIR (created, owned by the server's user)
# and start it listening on 127.0.0.1:PORT only. Superuser "postgres", trust auth, UTF8, C locale.
pg15_start() {
    local dir=$1 port=$2 bindir
    bindir=$(pg15_bindir)
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_pg_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
    as_pg_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir" start \
        >/dev/null || { cat "$dir/server.log" >&2; return 1; }
}

# pg15_stop DIR: immediate stop; never fails (used from traps).
pg15_stop() {
    local dir=$1 bindir
    bindir=$(pg15_bindir) || return 0
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_pg_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
}

# The environment pg_regress (PostgreSQL 15) gives psql: English messages, fixed time zone,
# date and interval styles, and no connection variables inherited from the caller. Like
# pg_regress --no-locale --encoding=UTF8: no locale variables (so nothing depends on the
# machine's locale) and an explicit client encoding. PGAPPNAME is set per test by the caller.
# Keep in sync with RegressEnvironment.java.
regress_environment() {
    unset LANGUAGE LC_ALL LC_COLLATE LC_CTYPE LC_MONETARY LC_NUMERIC LC_TIME LANG \
          PGDATABASE PGHOST PGHOSTADDR PGPORT PGUSER PGSERVICE PGSERVICEFILE PGPASSWORD PGPASSFILE \
          PGSSLMODE PGREQUIRESSL PGCONNECT_TIMEOUT PGDATA PGOPTIONS PGCHANNELBINDING \
          PGGSSENCMODE PGTARGETSESSIONATTRS PGKRBSRVNAME PGREQUIREPEER
    export LC_MESSAGES=C
    export PGCLIENTENCODING=UTF8
    export PGTZ=America/Los_Angeles
    export PGDATESTYLE="Postgres, MDY"
    export PGOPTIONS="-c intervalstyle=postgres_verbose"
}
