# SIGAP — the two commands: `make run` and `make test`. Both are idempotent; a second run
# does no network work (stamps record what is installed).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PG_TEST_URL ?= $(DATABASE_URL)
export FLASK_APP := wsgi:app

.PHONY: run test setup setup-test lint bench clean

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask demo-data
	@# With REDIS_URL, import jobs go to Redis: start a worker beside the server, stop it after.
	if [ -n "$$REDIS_URL" ]; then $(BIN)/flask pekerja & trap "kill $$!" EXIT; fi; \
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

test: setup-test lint
	@echo "== pytest on SQLite"
	$(BIN)/pytest
	@if [ -n "$(PG_TEST_URL)" ]; then \
	  echo "== pytest on PostgreSQL"; \
	  SIGAP_TEST_DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest; \
	else \
	  echo "== DATABASE_URL not set: PostgreSQL run skipped (CI always sets it)"; \
	fi

lint: setup-test
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python scripts/bench.py

setup: $(VENV)/.installed static/vendor/htmx.min.js
	@scripts/cek-sistem.sh run

setup-test: setup
	@scripts/cek-sistem.sh test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/htmx.min.js: node_modules/.installed
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

clean:
	rm -rf $(VENV) node_modules static/vendor
