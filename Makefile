# Concord: `make demo` runs the site with demo data, `make test` runs every check.
# Both create .venv and install what they need on a fresh machine.

SHELL := /bin/bash
# Django 6 needs Python 3.12+: take the first one found.
PYTHON ?= $(shell for p in python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 /usr/local/bin/python3.1[23] /usr/bin/python3.1[23]; do \
	"$$p" -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { echo "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
ADMIN_PASSWORD ?= concord-admin
# The database `make test` uses when PostgreSQL answers; pytest-django creates test_<name>.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/concord
# Real-worker tests use a Redis database number of their own and delete their keys after.
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: demo prod test lint format install install-dev browser assets translations messages worker beat bench clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (Django 6)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime assets translations
install-dev: $(VENV)/.dev assets translations

# Front-end assets from the npm registry (versions pinned in package-lock.json): the small
# plotly.js bundle (assets/build-plotly.mjs) and axe-core for the accessibility tests.
# Without Node.js the site still works, with the full plotly.js (`manage.py check` warns).
assets: node_modules/.package-lock.json
	@if command -v npm >/dev/null; then npm run --silent build; \
	else echo "NOTE: Node.js/npm not found: pages will load the full plotly.js (4.6 MB); tests needing axe-core skip."; fi

node_modules/.package-lock.json: package.json package-lock.json
	@if [ -n "$$CI" ] && ! command -v npm >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; fi

# Compiled catalogues (locale/*/LC_MESSAGES/django.mo) are built here, never committed.
# msgfmt comes with GNU gettext (Debian: apt-get install gettext).
translations: | $(BIN)/python
	@if [ -n "$$CI" ] && ! command -v msgfmt >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; fi
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0; \
	else echo "NOTE: gettext (msgfmt) not found: the interface stays in English. apt-get install gettext"; fi

# After changing any user-facing string: update every catalogue (then translate the new entries).
messages: install-dev
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore=node_modules --ignore=staticfiles --ignore=bench --ignore=tests
	$(MAKE) translations

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --admin-password "$(ADMIN_PASSWORD)"
	@if $(BIN)/python manage.py help recompute_indices >/dev/null 2>&1; then $(BIN)/python manage.py recompute_indices; fi
	@echo ""
	@echo "  Concord is running on http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  user: admin  password: $(ADMIN_PASSWORD)"
	@echo "  Demo users (password concord-demo): coordinator, evaluator, sa-affairs, ir-affairs, ..."
	@echo ""
	@# Collected and compressed static files, served by WhiteNoise (not runserver's uncompressed handler).
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py runserver --nostatic $(HOST):$(PORT)

# The production stack on this machine: PostgreSQL and Redis (running already), production
# settings, migrate, collectstatic, then gunicorn + a Celery worker + beat (Procfile, run by
# honcho; Ctrl-C stops all three). SECRET_KEY defaults to one generated into .secret-key.
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/concord
PROD_REDIS_URL ?= redis://127.0.0.1:6379/0
prod: install
	@test -s .secret-key || { umask 077; $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > .secret-key; }
	@export DJANGO_SETTINGS_MODULE=trackerproj.settings.production \
		DATABASE_URL="$${DATABASE_URL:-$(PROD_DATABASE_URL)}" REDIS_URL="$${REDIS_URL:-$(PROD_REDIS_URL)}" \
		SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
		SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-False}" BIND="$(HOST)" PATH="$(abspath $(BIN)):$$PATH" && \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	echo "Concord (production settings) on http://$(HOST):$(PORT)/ - Ctrl-C stops it" && \
	exec $(BIN)/honcho start --no-prefix -f Procfile -e /dev/null -p $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Browser tests need Debian's Chromium; CI installs it, elsewhere they skip with a reason.
browser:
	@if [ -n "$$CI" ] && ! command -v chromium >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

test: install-dev lint browser
	@if pg_isready -q -h 127.0.0.1 2>/dev/null; then \
		echo "Testing against PostgreSQL ($(TEST_DATABASE_URL))"; \
		export DATABASE_URL="$(TEST_DATABASE_URL)"; \
	else \
		echo "NOTE: PostgreSQL is not reachable on 127.0.0.1:5432; testing against SQLite. Tests that need PostgreSQL are skipped."; \
	fi; \
	if redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then export TEST_REDIS_URL="$(TEST_REDIS_URL)"; \
	else echo "NOTE: Redis is not reachable; tests that need a real broker are skipped."; fi; \
	$(BIN)/python manage.py check && $(BIN)/pytest $(PYTEST_ARGS)

worker: install
	$(BIN)/celery -A trackerproj worker --loglevel=INFO

beat: install
	$(BIN)/celery -A trackerproj beat --loglevel=INFO

clean:
	rm -rf $(VENV) node_modules static/vendor/plotly db.sqlite3 staticfiles .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .celerybeat-schedule*

# World-scale benchmark of the trust index engine (not a test): creates and drops its
# own PostgreSQL database (BENCH_DB, default concord_bench); BENCH_ARGS="--json PATH --dyads N";
# see bench/README.md.
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)
