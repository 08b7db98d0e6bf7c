# Starts a throwaway PostgreSQL for tests and benchmarks; source this file, then call
# start_throwaway_postgres. It sets OCPCTL_PG_URL (trust auth over TCP on 127.0.0.1) and
# OCPCTL_PG_DIR, and stop_throwaway_postgres removes everything. Callers install the trap.

# Puts the PostgreSQL server binaries on PATH, installing them on CI when they are missing.
ensure_postgres_binaries() {
    if ! command -v initdb >/dev/null 2>&1; then
        for dir in /usr/lib/postgresql/*/bin; do
            [ -x "$dir/initdb" ] && PATH="$dir:$PATH"
        done
    fi
    if ! command -v initdb >/dev/null 2>&1; then
        if [ "${CI:-}" = "true" ]; then
            echo "initdb not found: installing postgresql (CI=true)" >&2
            apt-get update -qq >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
            for dir in /usr/lib/postgresql/*/bin; do
                [ -x "$dir/initdb" ] && PATH="$dir:$PATH"
            done
        fi
    fi
    command -v initdb >/dev/null 2>&1
}

# Runs a PostgreSQL server command; as root it runs as the postgres user, since the server refuses root.
pg_run() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- env PATH="$PATH" "$@"
    else
        "$@"
    fi
}

source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

start_throwaway_postgres() {
    ensure_postgres_binaries || return 1
    OCPCTL_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-pg.XXXXXX")
    [ "$(id -u)" = "0" ] && chown postgres "$OCPCTL_PG_DIR"
    local port
    port=$(free_port)
    mkdir -p "$OCPCTL_PG_DIR/socket"
    [ "$(id -u)" = "0" ] && chown postgres "$OCPCTL_PG_DIR/socket"
    pg_run initdb --pgdata="$OCPCTL_PG_DIR/data" --username=ocpctl --auth=trust --encoding=UTF8 --no-sync >"$OCPCTL_PG_DIR/initdb.log" 2>&1 \
        || { cat "$OCPCTL_PG_DIR/initdb.log" >&2; return 1; }
    # Its own port and socket directory, so it never meets another server on the machine.
    pg_run pg_ctl --pgdata="$OCPCTL_PG_DIR/data" --log="$OCPCTL_PG_DIR/server.log" --wait \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$OCPCTL_PG_DIR/socket -c max_connections=200 -c fsync=on" \
        start >/dev/null || { cat "$OCPCTL_PG_DIR/server.log" >&2; return 1; }
    OCPCTL_PG_PORT=$port
    OCPCTL_PG_URL="postgres://ocpctl@127.0.0.1:$port/postgres?sslmode=disable"
    export OCPCTL_PG_DIR OCPCTL_PG_PORT OCPCTL_PG_URL
    echo "started throwaway PostgreSQL $(pg_run postgres --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

stop_throwaway_postgres() {
    if [ -n "${OCPCTL_PG_DIR:-}" ] && [ -d "$OCPCTL_PG_DIR/data" ]; then
        pg_run pg_ctl --pgdata="$OCPCTL_PG_DIR/data" --mode=immediate stop >/dev/null 2>&1 || true
        rm -rf "$OCPCTL_PG_DIR"
    fi
}
