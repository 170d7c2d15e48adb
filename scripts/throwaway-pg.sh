#!/usr/bin/env bash
# Source this file: it starts a throw-away PostgreSQL on a free loopback port, sets
# THROWAWAY_PG_URL, and stops and deletes the server when the sourcing shell exits.
# Needs the Debian postgresql package (scripts/system-deps.sh installs it).

_pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$_pgbin" ]; then echo "PostgreSQL server binaries not found" >&2; return 1; fi
_pgdir=$(mktemp -d /tmp/lentera-pg.XXXXXX)
_pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
_as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$_pgdir"
_stop_pg() {
  _as_pg "$_pgbin/pg_ctl" -D "$_pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$_pgdir"
}
trap _stop_pg EXIT

_as_pg "$_pgbin/initdb" -D "$_pgdir/data" -U lentera -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
  >"$_pgdir/initdb.log" 2>&1 || { cat "$_pgdir/initdb.log"; return 1; }
_as_pg "$_pgbin/pg_ctl" -D "$_pgdir/data" -l "$_pgdir/server.log" -w -t 60 \
  -o "-p $_pgport -k $_pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$_pgdir/server.log"; return 1; }
THROWAWAY_PG_URL="postgresql://lentera@127.0.0.1:$_pgport/postgres"
export THROWAWAY_PG_URL
echo "PostgreSQL $(basename "$(dirname "$_pgbin")") on 127.0.0.1:$_pgport"
