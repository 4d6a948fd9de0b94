# Starts a throwaway PostgreSQL for tests and benchmarks (installing it with apt-get when missing)
# and exports TIERGATE_TEST_POSTGRES. Reuses a server this script started earlier.
# shellcheck shell=bash

TIERGATE_PG_PORT=${TIERGATE_PG_PORT:-55433}
TIERGATE_PG_DIR=${TIERGATE_PG_DIR:-/tmp/tiergate-postgres}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  echo "$dir"
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

start_postgres() {
  if [ -n "${TIERGATE_TEST_POSTGRES:-}" ]; then
    return 0
  fi
  if [ -z "$(pg_bin)" ]; then
    echo "postgres.sh: installing PostgreSQL"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin; bin=$(pg_bin)
  if ! as_postgres "$bin/pg_ctl" -D "$TIERGATE_PG_DIR" status >/dev/null 2>&1; then
    if [ ! -f "$TIERGATE_PG_DIR/PG_VERSION" ]; then
      mkdir -p "$TIERGATE_PG_DIR" && chown postgres "$TIERGATE_PG_DIR" 2>/dev/null || true
      as_postgres "$bin/initdb" -D "$TIERGATE_PG_DIR" -A trust -U postgres >/dev/null
    fi
    as_postgres "$bin/pg_ctl" -D "$TIERGATE_PG_DIR" -l "$TIERGATE_PG_DIR/server.log" -w \
      -o "-p $TIERGATE_PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  fi
  export TIERGATE_TEST_POSTGRES="Host=127.0.0.1;Port=$TIERGATE_PG_PORT;Username=postgres;Database=postgres"
  echo "postgres.sh: PostgreSQL ready on 127.0.0.1:$TIERGATE_PG_PORT"
}
