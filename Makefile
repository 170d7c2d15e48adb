# Thin wrappers: every target is a command you could type yourself.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
DOMAINS := messages admin wtforms

.PHONY: help install run serve init-db demo-data test test-sqlite translations compile-translations backup clean lock audit install-service upgrade

help:
	@echo "make run    - install, create/upgrade the database, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install test tools (Chromium, PostgreSQL) and run the suite on SQLite and PostgreSQL"
	@echo "make translations - extract strings, update and compile the catalogues"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Exactly the locked versions, checked against their hashes (README: "Keamanan / Security");
# then the portal itself, whose dependencies the lock has already brought, built with
# the locked setuptools and wheel (no build isolation: pip fetches nothing more).
$(VENV)/.installed: $(BIN)/activate setup.cfg pyproject.toml requirements.lock
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(BIN)/pip install -q --require-hashes -r requirements-test.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed compile-translations

compile-translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations -D "$(DOMAINS)" > /dev/null

init-db: install
	$(FLASK) init-db

demo-data: init-db
	$(FLASK) demo-data --if-empty

run: demo-data
	@echo
	@echo "Lentera berjalan di http://$(HOST):$(PORT)   (Ctrl+C untuk berhenti)"
	@cat $${PORTAL_INSTANCE_PATH:-instance}/demo_accounts.txt 2>/dev/null || true
	@echo
	$(BIN)/uwsgi --ini uwsgi.ini --http-socket $(HOST):$(PORT) --processes $(WORKERS)

test: $(VENV)/.installed-test compile-translations
	bash scripts/test.sh

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -D messages --no-fuzzy-matching
	$(MAKE) compile-translations

backup: install
	$(FLASK) backup

# On a server, as root: the portal as a systemd service behind nginx (README, "Install on a
# server"), and an upgrade of it to this checkout with a backup first.
install-service:
	bash scripts/install-service.sh

upgrade:
	bash scripts/upgrade.sh

# Rebuild requirements.lock and requirements-test.lock from setup.cfg (needs PyPI).
lock: $(VENV)/.installed-test
	$(BIN)/pip install -q pip-tools==7.6.2
	VENV=$(VENV) bash scripts/lock.sh

audit: $(VENV)/.installed-test
	VENV=$(VENV) bash scripts/audit.sh

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
