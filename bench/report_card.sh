#!/usr/bin/env bash
# Build a small and a large demo database and run bench/report_card.py on both at
# once (two servers, routes interleaved in the same rounds): the home page, a
# report card and its JSON against the same bytes from memory, and the large
# data against the small.
#
#   bash bench/report_card.sh                  # SQLite, in $BENCH_DIR
#   ENGINE=postgres bash bench/report_card.sh  # a throw-away PostgreSQL
#
# VENV (default .venv), BENCH_DIR (default /tmp/lentera-bench), KEEP=1 reuses
# databases built by an earlier run (SQLite), and extra arguments go to
# report_card.py (e.g. --rounds 7 --seconds 5). Rows are appended to
# $BENCH_DIR/rows.md; copy them into bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
BENCH_DIR=${BENCH_DIR:-/tmp/lentera-bench}
ENGINE=${ENGINE:-sqlite}
mkdir -p "$BENCH_DIR"
if [ "$ENGINE" = postgres ]; then
  source scripts/throwaway-pg.sh
fi

build() {  # build <scale>: an instance folder (and database) with the demo data
  local scale=$1 instance="$BENCH_DIR/$ENGINE-$1"
  export PORTAL_INSTANCE_PATH="$instance"
  unset DATABASE_URL
  if [ "$ENGINE" = postgres ]; then
    local name="lentera_bench_$scale"
    "$VENV/bin/python" - "$THROWAWAY_PG_URL" "$name" <<'EOF'
import sys, psycopg2
conn = psycopg2.connect(sys.argv[1]); conn.autocommit = True
with conn.cursor() as cur:
    cur.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    cur.execute(f'CREATE DATABASE "{sys.argv[2]}"')
EOF
    export DATABASE_URL="${THROWAWAY_PG_URL%/*}/$name"
  elif [ "${KEEP:-}" = 1 ] && [ -f "$instance/portal.db" ]; then
    "$VENV/bin/flask" --app wsgi init-db >/dev/null
    return
  else
    rm -rf "$instance"
  fi
  "$VENV/bin/flask" --app wsgi init-db >/dev/null
  echo "building $scale demo data ($ENGINE)…"
  /usr/bin/time -f "  built in %e s, peak %M KB" \
    "$VENV/bin/flask" --app wsgi demo-data --scale "$scale" --password bench-password-1 \
    --seed 1 >/dev/null
}

build small
small_instance=$PORTAL_INSTANCE_PATH small_url=${DATABASE_URL:-}
build large
# both servers side by side, their routes interleaved in the same rounds
"$VENV/bin/python" bench/report_card.py --label large --small-instance "$small_instance" \
  ${small_url:+--small-database-url "$small_url"} --json "$BENCH_DIR/$ENGINE.json" \
  --markdown "$BENCH_DIR/rows.md" "$@"
