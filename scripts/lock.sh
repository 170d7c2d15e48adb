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
# Extras stay in the pins (cachecontrol[filecache]==…): pip 23 in hash-checking mode
# otherwise takes a dependency's "cachecontrol[filecache]>=0.13" as an unpinned
# requirement as soon as a newer release is published, and refuses the whole install.
common=(--quiet --generate-hashes --allow-unsafe --no-strip-extras --no-emit-index-url
        --no-emit-find-links --build-deps-for editable "$@")
"$BIN/pip-compile" "${common[@]}" --extra postgres -o requirements.lock pyproject.toml
"$BIN/pip-compile" "${common[@]}" --extra postgres --extra test -o requirements-test.lock pyproject.toml
