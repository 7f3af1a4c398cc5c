#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb into a fresh temporary folder, listening on a free
# loopback port and on a Unix socket in that folder, stopped and deleted at the end. The machine's own
# clusters (/var/lib/postgresql, pg_ctlcluster) are never touched. PostgreSQL refuses to run as root, so
# as root the server runs as the `postgres` system user, which owns the folder.
#
#   eval "$(bash scripts/pg-test-server.sh start)"   # exports PFC_TEST_POSTGRES_URL and PFC_TEST_POSTGRES_DIR
#   bash scripts/pg-test-server.sh env  "$PFC_TEST_POSTGRES_DIR"   # prints the same export lines again
#   bash scripts/pg-test-server.sh stop "$PFC_TEST_POSTGRES_DIR"
#
# `start` prints only the export lines on stdout (messages go to stderr) and exits 1 when no server could be
# started (no binaries, no user to run it as); the tests that need it then say they are skipped.
#
# PFC_POSTGRES_LISTEN=ADDRESS (optional) makes the server listen on ADDRESS as well and trust the hosts of its
# subnet (pg_hba `samenet`): scripts/test.d/pg-two-hosts.sh runs it in a network namespace of its own that way.
set -euo pipefail

find_bin() {
  local dir
  for dir in ${PFC_POSTGRES_BIN:-} $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# Runs a command as the server's user: itself, or `postgres` when we are root.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$server_user" -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

print_env() {
  local dir=$1 port
  port=$(cat "$dir/port")
  echo "export PFC_TEST_POSTGRES_DIR='$dir'"
  echo "export PFC_TEST_POSTGRES_URL='postgresql://pfc@127.0.0.1:$port/postgres'"
}

server_user=${PFC_POSTGRES_USER:-postgres}
command=${1:-}
case "$command" in
  start)
    bin=$(find_bin) || { echo "pg-test-server: no PostgreSQL binaries (apt-get install postgresql)" >&2; exit 1; }
    if [ "$(id -u)" = 0 ] && ! id "$server_user" >/dev/null 2>&1; then
      echo "pg-test-server: running as root and there is no '$server_user' user to run the server as" >&2; exit 1
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/pfc-jobs-pg.XXXXXX")
    [ "$(id -u)" = 0 ] && chown "$server_user" "$dir"
    chmod 700 "$dir"
    port=$(free_port)
    echo "$port" > "$dir/port.tmp" && mv "$dir/port.tmp" "$dir/port"
    [ "$(id -u)" = 0 ] && chown "$server_user" "$dir/port"
    # C locale: text sorts byte by byte, as SQLite's BINARY collation does. Trust on loopback and the socket:
    # the server exists for this test run only and listens nowhere else.
    if ! as_server_user "$bin/initdb" -D "$dir/data" -U pfc --auth=trust --locale=C -E UTF8 --no-sync \
         > "$dir/initdb.log" 2>&1; then
      echo "pg-test-server: initdb failed (log: $dir/initdb.log)" >&2; cat "$dir/initdb.log" >&2; exit 1
    fi
    listen=127.0.0.1
    if [ -n "${PFC_POSTGRES_LISTEN:-}" ]; then
      listen="127.0.0.1,$PFC_POSTGRES_LISTEN"
      echo "host all all samenet trust" >> "$dir/data/pg_hba.conf"
    fi
    if ! as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-p $port -k $dir -c listen_addresses=$listen -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >&2; then
      echo "pg-test-server: the server did not start (log: $dir/server.log)" >&2; cat "$dir/server.log" >&2; exit 1
    fi
    echo "pg-test-server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir" >&2
    print_env "$dir"
    ;;
  env)
    dir=${2:-${PFC_TEST_POSTGRES_DIR:-}}
    [ -n "$dir" ] && [ -f "$dir/port" ] || { echo "pg-test-server: env: no server folder given" >&2; exit 1; }
    print_env "$dir"
    ;;
  stop)
    dir=${2:-${PFC_TEST_POSTGRES_DIR:-}}
    [ -n "$dir" ] || { echo "pg-test-server: stop: no server folder given" >&2; exit 1; }
    case "$dir" in "${TMPDIR:-/tmp}"/pfc-jobs-pg.*) ;; *) echo "pg-test-server: stop: $dir is not one of ours" >&2; exit 1 ;; esac
    if [ -d "$dir/data" ]; then
      bin=$(find_bin) || true
      [ -n "${bin:-}" ] && as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    echo "pg-test-server: stopped and removed $dir" >&2
    ;;
  *)
    echo "usage: $0 start | env DIR | stop DIR" >&2; exit 2
    ;;
esac
