# hoinghi — the README's two commands, and the steps they share.
#
#   make run    set up, migrate, load the demo data, serve on http://127.0.0.1:8000 (SQLite)
#   make test   set up, lint, migration and deployment checks, the suite on PostgreSQL and on SQLite
#
# Everything is installed on demand and only when missing or out of date, so a second run
# starts at once. Variables can be overridden: `make test PYTEST_ARGS="-n 2 -k seed"`.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RUFF := $(VENV)/bin/ruff
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

APT_PACKAGES := python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	fonts-liberation2 fonts-dejavu-core poppler-utils chromium \
	libreoffice-writer-nogui

PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_DB ?= hoinghi
PG_URL ?= postgres://postgres@$(PG_HOST):$(PG_PORT)/$(PG_DB)
PYTEST_ARGS ?=
RUN_ADDR ?= 127.0.0.1:8000

# Production-like environment for `check --deploy`, with the settings' own defaults for
# everything else (HTTPS redirect, secure cookies, HSTS). The key exists only for this check.
DEPLOY_ENV := DJANGO_SETTINGS_MODULE=hoinghi.settings DEBUG=false \
	SECRET_KEY=check-deploy-only-7Hq2vX9pL4mZ8rT1wK6nB3cY5dF0gJaQeRsUtVw \
	ALLOWED_HOSTS=hoinghi.example CSRF_TRUSTED_ORIGINS=https://hoinghi.example \
	DATABASE_URL=$(PG_URL)

.PHONY: help setup system-packages messages run run-prod smoke-prod test lint audit checks postgres test-postgres test-sqlite

help:
	@echo "make run   - install what is missing, migrate, load demo data, serve on http://$(RUN_ADDR)"
	@echo "make test  - install what is missing, lint, checks, tests on PostgreSQL and on SQLite"
	@echo "make run-prod   - the production settings with gunicorn on http://$(RUN_ADDR) (local smoke test)"
	@echo "make smoke-prod - the automated production smoke test (throw-away PostgreSQL database)"
	@echo "make setup - only install (system packages, .venv, node_modules, compiled translations)"
	@echo "make lint  - ruff check, ruff format --check, the layer contract (lint-imports) and mypy"

# ---------------------------------------------------------------------------- set-up

setup: system-packages $(VENV)/.requirements.stamp node_modules/.install.stamp messages

system-packages:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
		dpkg -s "$$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$pkg"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

$(PY):
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed as python3 (found $$(python3 --version))."; exit 1; }
	python3 -m venv $(VENV)

# Re-install only when a requirements file changed since the last install.
$(VENV)/.requirements.stamp: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	touch $@

# Bootstrap and htmx come from the npm registry (settings.STATICFILES_DIRS points into node_modules).
node_modules/.install.stamp: package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $@

# compilemessages refuses to run when there is no catalog at all, hence the guard.
messages: $(VENV)/.requirements.stamp
	@if find . \( -path ./.venv -o -path ./node_modules \) -prune -o -name '*.po' -print | grep -q .; then \
		echo "DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules"; \
		DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules; \
	else echo "No translation catalogs to compile."; fi

# ------------------------------------------------------------------------------ run

# The demo's throw-away certificate for signing issued documents (docs/digital-signature.md):
# made once in var/signing by make_demo_ca, never committed.
DEMO_SIGNING_ENV := DOCUMENT_SIGNING_PKCS12=var/signing/agency.p12 \
	DOCUMENT_SIGNING_PASSPHRASE_FILE=var/signing/passphrase DOCUMENT_SIGNING_TRUST_ROOTS=var/signing/ca.pem

run: setup
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py make_demo_ca --dir var/signing
	@# A background worker beside the web server (print batches, exports: docs/background-jobs.md),
	@# stopped when runserver exits.
	DEBUG=true $(DEMO_SIGNING_ENV) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	DEBUG=true $(DEMO_SIGNING_ENV) $(PY) manage.py runserver $(RUN_ADDR)

# Production settings on this machine, over plain HTTP so a browser on 127.0.0.1 can log in
# (HTTPS-only cookies and the HTTPS redirect are what nginx + TLS give in docs/deploy.md).
PROD_LOCAL_ENV := DJANGO_SETTINGS_MODULE=hoinghi.settings DEBUG=false \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false \
	CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 STATIC_ROOT=var/static GUNICORN_BIND=$(RUN_ADDR)

run-prod: setup
	$(PROD_LOCAL_ENV) $(PY) manage.py migrate --noinput
	$(PROD_LOCAL_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD_LOCAL_ENV) $(PY) manage.py seed_demo
	$(PROD_LOCAL_ENV) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	$(PROD_LOCAL_ENV) $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py hoinghi.wsgi

# The production smoke test (deploy/smoke.py): gunicorn + worker + WhiteNoise with DEBUG off,
# checked over HTTP as nginx would forward it. Its database is dropped and created each time.
smoke-prod: $(VENV)/.requirements.stamp node_modules/.install.stamp messages postgres
	$(PY) deploy/smoke.py --database-url postgres://postgres@$(PG_HOST):$(PG_PORT)/$(PG_DB)_smoke

# ----------------------------------------------------------------------------- test

test: setup postgres lint audit checks smoke-prod test-postgres test-sqlite

# Static security analysis and the dependency audit (docs/security.md). Accepted findings are
# skipped with the tools' own options: `# nosec BXXX` on the line, `--ignore-vuln ID` below.
# pip-audit asks PyPI's vulnerability API and fails on any known vulnerability. A pin that PyPI's
# per-version API does not know (as on this project's sandboxed machines, whose PyPI mirror
# answers 404 for every exact version) is listed as "could not be audited" and counted below;
# AUDIT_STRICT=1 turns that into a failure (for a machine with the real PyPI), AUDIT_OFFLINE=1
# skips pip-audit, loudly, on a machine without PyPI at all.
PIP_AUDIT_IGNORES :=
audit: $(VENV)/.requirements.stamp
	$(VENV)/bin/bandit -c pyproject.toml -r . -q
	@if [ "$${AUDIT_OFFLINE:-}" = 1 ]; then \
		echo "!!! AUDIT_OFFLINE=1: pip-audit SKIPPED - the dependencies were NOT audited !!!" >&2; \
	else \
		out=$$(mktemp); \
		$(VENV)/bin/pip-audit $$([ "$${AUDIT_STRICT:-}" = 1 ] && echo --strict) --no-deps --disable-pip \
			--progress-spinner off -r requirements.txt -r requirements-dev.txt $(PIP_AUDIT_IGNORES) 2>&1 \
			| tee "$$out"; status=$${PIPESTATUS[0]}; \
		unaudited=$$(grep -c "could not be audited" "$$out" || true); rm -f "$$out"; \
		if [ "$$unaudited" -gt 0 ]; then \
			echo "!!! pip-audit: $$unaudited pinned packages could not be audited (PyPI does not know the version) !!!" >&2; \
		fi; \
		exit $$status; \
	fi

# mypy reads what to check from pyproject.toml ([tool.mypy] files: the kit, every app's services
# and selectors) and type-checks it with the django-stubs plugin (docs/architecture.md, "The rules").
lint: $(VENV)/.requirements.stamp
	$(RUFF) check .
	$(RUFF) format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

checks: $(VENV)/.requirements.stamp postgres
	DJANGO_SETTINGS_MODULE=hoinghi.settings_test DATABASE_URL=$(PG_URL) \
		$(PY) manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

# PostgreSQL on 127.0.0.1 with trust authentication for the postgres role (as on the
# project's machines); pytest-django creates and drops its own test_$(PG_DB) database.
postgres:
	@command -v pg_ctlcluster >/dev/null 2>&1 || { \
		echo "Installing PostgreSQL"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; }
	@if ! pg_isready -q -h $(PG_HOST) -p $(PG_PORT); then \
		echo "Starting PostgreSQL"; \
		$(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | sort -V | tail -n 1) main start; \
		for i in $$(seq 30); do pg_isready -q -h $(PG_HOST) -p $(PG_PORT) && break; sleep 1; done; \
	fi
	@pg_isready -h $(PG_HOST) -p $(PG_PORT)
	@psql -h $(PG_HOST) -p $(PG_PORT) -U postgres -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = '$(PG_DB)'" | grep -q 1 \
		|| { echo "Creating database $(PG_DB)"; createdb -h $(PG_HOST) -p $(PG_PORT) -U postgres $(PG_DB); }

# pytest's exit code 5 (no tests collected) fails the build like any other failure.
test-postgres: $(VENV)/.requirements.stamp postgres
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

test-sqlite: $(VENV)/.requirements.stamp
	env -u DATABASE_URL $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)
