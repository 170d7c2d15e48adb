#!/usr/bin/env bash
# Rebuild the dependency locks from setup.cfg (see README, "Keamanan / Security"):
#   requirements.lock       what `make install` / `make run` install (the portal, PostgreSQL driver)
#   requirements-test.lock  what `make test` installs (the above plus the test and audit tools)
# Needs pip-tools (pip install pip-tools==7.6.2) and PyPI. Commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
# From pyproject.toml (setuptools reads the pins in setup.cfg), with what building the
# portal for `pip install --no-build-isolation -e .` needs (setuptools, wheel): the
# install fetches nothing the lock does not name.
common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url
        --no-emit-find-links --build-deps-for editable "$@")
"$BIN/pip-compile" "${common[@]}" --extra postgres -o requirements.lock pyproject.toml
"$BIN/pip-compile" "${common[@]}" --extra postgres --extra test -o requirements-test.lock pyproject.toml
