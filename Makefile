# SIKHI developer commands (GNU make). Without DATABASE_URL / REDIS_URL everything runs on the embedded
# defaults: SQLite in var/db.sqlite3 and the in-memory channel layer.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=

# Settings for the commands that serve or work on the local site; `make test` leaves the choice to the
# pytest configuration in pyproject.toml (sikhi.settings.test).
LOCAL := DJANGO_SETTINGS_MODULE=sikhi.settings.local

.PHONY: help install run migrate seed signing-cert test lint typecheck worker deadlines bench messages

help:
	@echo "make run        install into $(VENV), migrate, load demo data, serve http://$(HOST):$(PORT) with the worker"
	@echo "make signing-cert  the local development CA and signing certificate (var/signing/; make run does it)"
	@echo "make test       install into $(VENV) and run the whole test suite (PYTEST_ARGS=... to pass arguments)"
	@echo "make lint       ruff check ."
	@echo "make typecheck  mypy (django-stubs) on the services, selectors and predicates listed in pyproject.toml"
	@echo "make worker     run the background worker (deadline sweep every minute)"
	@echo "make deadlines  run one deadline sweep"
	@echo "make messages   extract strings into locale/id/LC_MESSAGES/django.po, compile; lists untranslated/fuzzy"
	@echo "make bench      chat load benchmark vs a bare ASGI baseline (local PostgreSQL + Redis; BENCH_ARGS=...)"

# (Re)install only when pyproject.toml is newer than the stamp, or the venv is missing.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	PIP_DISABLE_PIP_VERSION_CHECK=1 $(PY) -m pip install --no-input -e ".[dev]"
	@touch $@

install: $(STAMP)

migrate: $(STAMP)
	$(LOCAL) $(PY) manage.py migrate --noinput

# The local development CA and the office's signing certificate (var/signing/; kept when usable).
signing-cert: $(STAMP)
	$(LOCAL) $(PY) manage.py make_dev_signing_cert

seed: migrate
	$(LOCAL) $(PY) manage.py seed_demo

# daphne and the worker together (scripts/serve): deadlines are swept on the embedded default too; Ctrl-C stops both.
run: seed signing-cert
	$(LOCAL) scripts/serve $(PY) $(VENV)/bin/daphne $(HOST) $(PORT)

test: $(STAMP)
	env -u DJANGO_SETTINGS_MODULE $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The files checked are [tool.mypy] files in pyproject.toml; django-stubs loads sikhi.settings.test.
typecheck: $(STAMP)
	env -u DJANGO_SETTINGS_MODULE $(VENV)/bin/mypy

worker: migrate
	$(LOCAL) $(PY) manage.py run_worker

deadlines: migrate
	$(LOCAL) $(PY) manage.py process_deadlines

# Needs PostgreSQL (recreates the database sikhi_bench) and Redis on 127.0.0.1; see bench/README.md.
bench: $(STAMP)
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/rooms.py $(BENCH_ARGS)

# locale/id/LC_MESSAGES/django.po is the only source of the Indonesian texts: edit it with any PO editor (or by
# hand), then run this. It extracts the strings, compiles, and lists (and fails on) every entry that is still
# untranslated or fuzzy; tests/test_translations.py fails on the same.
messages: $(STAMP)
	$(LOCAL) $(PY) manage.py makemessages -l id --no-location --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(LOCAL) $(PY) manage.py compilemessages --ignore=.venv
	@todo=$$(msgattrib --untranslated locale/id/LC_MESSAGES/django.po; msgattrib --only-fuzzy locale/id/LC_MESSAGES/django.po); \
	if [ -n "$$todo" ]; then echo "$$todo"; echo "make messages: translate the entries above (and remove '#, fuzzy')" >&2; exit 1; fi

# Office statistics on 100 000 seeded disputes (local PostgreSQL; recreates the database sikhi_bench_stats,
# or keeps it with BENCH_ARGS=--reuse); see bench/README.md, "Office statistics".
.PHONY: bench-stats
bench-stats: $(STAMP)
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/stats.py $(BENCH_ARGS)
