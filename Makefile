# Thin wrappers: every target is a command you could type yourself.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
DOMAINS := messages admin wtforms

.PHONY: help install run serve init-db demo-data test test-sqlite translations compile-translations backup clean

help:
	@echo "make run    - install, create/upgrade the database, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install test tools (Chromium, PostgreSQL) and run the suite on SQLite and PostgreSQL"
	@echo "make translations - extract strings, update and compile the catalogues"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate setup.cfg pyproject.toml
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[postgres]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test,postgres]'
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
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

test: $(VENV)/.installed-test compile-translations
	bash scripts/test.sh

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -D messages --no-fuzzy-matching
	$(MAKE) compile-translations

backup: install
	$(FLASK) backup

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
