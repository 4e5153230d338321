# Sourced by .ci/run: a throwaway PostgreSQL cluster on a loopback port in a temporary folder,
# removed on exit. Exports EDITORIALBOT_TEST_POSTGRES (an admin connection string); the tests then
# run against it and fail, never skip, when it is unreachable.
# Usage: start_postgres (installs Debian's postgresql when initdb is missing).

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

pg_as_owner() {
  # initdb refuses to run as root: the cluster belongs to the 'postgres' user the package creates.
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for port in $(seq 55432 55531); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port in 55432-55531" >&2
  return 1
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

start_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL not found in $PG_BIN: installing Debian's postgresql" >&2
    if [ "$(id -u)" = 0 ]; then
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    else
      sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    fi
  fi
  PG_DIR="$(mktemp -d /tmp/editorialbot-pg.XXXXXX)"
  trap stop_postgres EXIT
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_DIR"
  fi
  PG_PORT="$(free_port)"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U editorial -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # Durability settings off: the cluster is thrown away after the run.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  export EDITORIALBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=editorial;Database=postgres"
  export EDITORIALBOT_TEST_PG_DIR="$PG_DIR/data"
  export EDITORIALBOT_TEST_PG_BIN="$PG_BIN"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)" >&2
}
