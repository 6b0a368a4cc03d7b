# Step Up: one command to run the service, one to test it.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run serve migrate demo test test-fast lint format bench bench-http worker check-deploy check-production clean

setup: $(VENV)/.installed node_modules/.installed build/static/stepup/stepup.css

$(VENV)/.installed: pyproject.toml
	@python=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then \
	    rm -rf $(VENV); echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Step Up needs Node.js 20 or newer with npm to install GOV.UK Frontend." >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

build/static/stepup/stepup.css: node_modules/.installed src/stepup/core/static_src/stepup.scss
	npm run --silent build

migrate: setup
	mkdir -p var
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo

# Emails are sent as they happen and printed here, so that a link to confirm an address or
# reset a password can be followed without running the worker.
run: demo
	TASKS_IMMEDIATE=$${TASKS_IMMEDIATE:-1} $(MANAGE) runserver $(HOST):$(PORT)

serve: run

worker: migrate
	$(MANAGE) db_worker

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/lint-imports --no-cache

format: setup
	$(VENV)/bin/ruff check --fix src tests benchmarks scripts
	$(VENV)/bin/ruff format src tests benchmarks scripts

bench: setup
	$(PY) -m pytest benchmarks -q -p no:cacheprovider

# The pages through gunicorn (DEBUG=0, PostgreSQL, load_volume) beside a bare Django view,
# driven by wrk on loopback; writes its table into docs/performance.md. Needs wrk
# (apt-get install wrk) and a PostgreSQL server (BENCH_POSTGRES, default the local one).
bench-http: setup
	$(PY) benchmarks/http/bench_http.py $(BENCH_HTTP_ARGS)

check-deploy: setup
	DEBUG=0 SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=stepup.example $(MANAGE) check --deploy --fail-level WARNING

# Serve it as the README's "Deploying" section says (DEBUG=0, collectstatic, gunicorn,
# PostgreSQL) and use it over HTTP. DATABASE_URL may name a scratch PostgreSQL database.
check-production: setup
	bash scripts/check-production

clean:
	rm -rf $(VENV) node_modules build staticfiles
