#!/usr/bin/env bash
# The load benchmark on SQLite, then on a throw-away PostgreSQL (one command; about 5 minutes).
#   bash bench/load.sh                 # VENV=.venv by default
#   CLIENTS=32 DURATION=60 WORKERS=2 PG_WORKERS=4 bash bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${VENV:-.venv}/bin/python
CLIENTS=${CLIENTS:-32}
DURATION=${DURATION:-60}
WORKERS=${WORKERS:-2}
PG_WORKERS=${PG_WORKERS:-4}
source scripts/throwaway-pg.sh
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
"$PY" bench/load.py --engine sqlite --clients "$CLIENTS" --seconds "$DURATION" --workers "$WORKERS" || status=1
"$PY" bench/load.py --engine postgresql --clients "$CLIENTS" --seconds "$DURATION" --workers "$WORKERS" || status=1
"$PY" bench/load.py --engine postgresql --clients "$CLIENTS" --seconds "$DURATION" --workers "$PG_WORKERS" || status=1
exit $status
