# SIGAP — the two commands: `make run` and `make test`. Both are idempotent; a second run
# does no network work (stamps record what is installed).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PG_TEST_URL ?= $(DATABASE_URL)
# uv resolves requirements.lock (`make kunci`); pinned so every machine writes the same lock.
UV_VERSION := 0.13.10
export FLASK_APP := wsgi:app

.PHONY: run test setup setup-test lint kunci mutants bench clean

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask demo-data
	@# With REDIS_URL, import jobs go to Redis: start a worker beside the server, stop it after.
	if [ -n "$$REDIS_URL" ]; then $(BIN)/flask pekerja & trap "kill $$!" EXIT; fi; \
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# lint first: it needs only the Python packages, so a style error fails before chromium installs.
test: lint setup-test
	@scripts/uji.sh $(BIN) "$(PG_TEST_URL)"

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# Mutation testing of the security-critical modules ([tool.mutmut] in pyproject.toml); slow,
# so not part of `make test`. Results stay in mutants/ (ignored): `.venv/bin/mutmut browse`.
mutants: $(VENV)/.installed static/vendor/htmx.min.js
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

# Lighthouse (npm, pinned) is needed only by the bench: kept in its own ignored folder.
LIGHTHOUSE_VERSION := 12.2.3
.bench-tools/.installed:
	npm install --prefix .bench-tools --no-save --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

bench: setup .bench-tools/.installed
	LIGHTHOUSE=$(CURDIR)/.bench-tools/node_modules/.bin/lighthouse $(BIN)/python scripts/bench.py

setup: $(VENV)/.installed static/vendor/htmx.min.js
	@scripts/cek-sistem.sh run

setup-test: setup
	@scripts/cek-sistem.sh test

# Every package, direct and indirect, from requirements.lock with its hashes; then SIGAP itself
# without resolving anything. `pip check` fails when pyproject.toml names a package the lock
# lacks: run `make kunci`.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/pip check || { echo "requirements.lock tidak cocok dengan pyproject.toml: jalankan make kunci" >&2; exit 1; }
	touch $@

# Re-resolve requirements.lock from pyproject.toml (after adding or changing a dependency).
# Pins already in the lock are kept; `make kunci UPGRADE=1` moves everything to the newest release.
kunci:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  $(if $(UPGRADE),--upgrade) --quiet -o requirements.lock

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/htmx.min.js: node_modules/.installed
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

clean:
	rm -rf $(VENV) node_modules static/vendor
