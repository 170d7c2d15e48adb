#!/usr/bin/env bash
# The whole suite, twice: on SQLite, then on a throw-away PostgreSQL on a loopback port.
# Called by `make test` (after the Python test extras are installed).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
export LENTERA_REQUIRE_ALL=${CI:-false}   # under CI nothing may be skipped

bash scripts/system-deps.sh || exit 1
source scripts/throwaway-pg.sh || exit 1

workers=${PYTEST_WORKERS:-auto}
failed=()
echo "=== Security checks (bandit, pip-audit) ==="
VENV=${VENV:-.venv} bash scripts/audit.sh || failed+=("security checks (bandit, pip-audit)")
echo "=== Suite on SQLite ==="
LENTERA_TEST_DATABASE=sqlite "$BIN/pytest" -n "$workers" "$@" || failed+=("suite on SQLite")
echo "=== Suite on PostgreSQL ==="
LENTERA_TEST_DATABASE="$THROWAWAY_PG_URL" "$BIN/pytest" -n "$workers" "$@" \
    || failed+=("suite on PostgreSQL")
# The last lines say which stage failed: a log read from its end tells the whole verdict.
if ((${#failed[@]})); then
    printf 'FAILED: %s\n' "${failed[@]}"
    exit 1
fi
echo "All stages passed: security checks, suite on SQLite, suite on PostgreSQL."
