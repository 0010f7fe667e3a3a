#!/bin/sh
# Start a throwaway PostgreSQL server for the tests and print its URL (for COUNCILPAPERS_TEST_PG).
#   scripts/start-postgres.sh          -> postgresql://postgres@127.0.0.1:54329/postgres
# Needs the server binaries (Debian: apt-get install -y postgresql). Idempotent: a server already
# running on the data directory is reused. As root, the server runs as the `postgres` user.
# Settings: PGDATA_DIR (default /tmp/councilpapers-pg), PGPORT (default 54329).
set -eu
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ]; then BIN=$(dirname "$(command -v pg_ctl)"); fi
DATA=${PGDATA_DIR:-/tmp/councilpapers-pg}
PORT=${PGPORT:-54329}
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    if [ "$(id -u)" = 0 ]; then chown postgres "$DATA"; fi
    as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust >/dev/null
fi
if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -w -l "$DATA/server.log" \
        -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
