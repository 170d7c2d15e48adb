#!/usr/bin/env bash
# Time the large demo data on SQLite and on a throw-away PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-pg.sh
${VENV:-.venv}/bin/python bench/demo_data.py
