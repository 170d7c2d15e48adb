#!/usr/bin/env bash
# The whole suite, twice: on SQLite, then on a throw-away PostgreSQL on a loopback port.
# Called by `make test` (after the Python test extras are installed).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
export LENTERA_REQUIRE_ALL=${CI:-false}   # under CI nothing may be skipped

bash scripts/system-deps.sh || exit 1

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then echo "PostgreSQL server binaries not found" >&2; exit 1; fi

pgdir=$(mktemp -d /tmp/lentera-pg.XXXXXX)
pgport=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
stop_pg() {
  as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_pg EXIT

as_pg "$pgbin/initdb" -D "$pgdir/data" -U lentera -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log"; exit 1; }
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$pgdir/server.log"; exit 1; }
echo "PostgreSQL $(basename "$(dirname "$pgbin")") on 127.0.0.1:$pgport"

workers=${PYTEST_WORKERS:-auto}
status=0
echo "=== Suite on SQLite ==="
LENTERA_TEST_DATABASE=sqlite "$BIN/pytest" -n "$workers" "$@" || status=1
echo "=== Suite on PostgreSQL ==="
LENTERA_TEST_DATABASE="postgresql://lentera@127.0.0.1:$pgport/postgres" "$BIN/pytest" -n "$workers" "$@" || status=1
exit $status
