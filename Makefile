# Jejak: `make demo` to try it, `make test` to check it. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links in messages (WhatsApp, QR cards, email) carry. The demo serves on
# HOST:PORT, so by default its links point there; set SITE_URL when the site is reached at
# another address (a LAN IP for phones, a proxy, a public domain).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: demo test test-fast test-browser test-postgres test-cluster bench lint format migrate worker messages clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Jejak needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.deps $@

migrate: $(VENV)/.deps
	mkdir -p var
	$(MANAGE) migrate --noinput

# Migrate, load the demo region, then run the web server, the background worker and the
# scheduler (periodic work: indicator refresh, reminders, digests, clean-up) together.
# DJANGO_DEBUG=1 (here and for its migrate step): the demo runs without production settings.
demo: export DJANGO_DEBUG := 1
demo: migrate
	DJANGO_DEBUG=1 SITE_URL=$(SITE_URL) $(MANAGE) seed_demo
	@echo "\nJejak runs at http://$(HOST):$(PORT)/  (links in messages: $(SITE_URL); Ctrl-C stops the server and the worker)\n"
	@DJANGO_DEBUG=1 SECURE_COOKIES=0 SITE_URL=$(SITE_URL) $(MANAGE) db_worker --no-reload & WORKER=$$!; \
	DJANGO_DEBUG=1 SITE_URL=$(SITE_URL) $(MANAGE) scheduler & SCHEDULER=$$!; \
	trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 SECURE_COOKIES=0 SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

worker: $(VENV)/.deps
	$(MANAGE) db_worker

# The whole suite: unit, integration and browser tests. Browser tests skip, saying what to
# install, when Debian's chromium is absent.
test: $(VENV)/.dev-deps
	$(BIN)/pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

test-fast: $(VENV)/.dev-deps
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

# The same suite on PostgreSQL: DATABASE_URL=postgres://user:pass@host/db make test-postgres
test-postgres: $(VENV)/.dev-deps
	@test -n "$(DATABASE_URL)" || (echo "Set DATABASE_URL=postgres://..." && exit 2)
	DATABASE_URL=$(DATABASE_URL) $(BIN)/pytest -n 2 -p no:cacheprovider -m "not browser" $(PYTEST_ARGS)

# The production shape on one machine (deploy/cluster/run): PostgreSQL primary + streaming
# replica, PgBouncer, Redis, SeaweedFS (S3), nginx, two gunicorn webs and two workers, each its
# own process, then end-to-end checks. About 3-5 minutes; not part of `make test`. Skips
# (exit 0, saying what to install) where the programs are missing.
test-cluster: $(VENV)/.dev-deps
	@$(BIN)/python deploy/cluster/run; status=$$?; [ $$status -eq 77 ] && exit 0 || exit $$status

bench: $(VENV)/.dev-deps
	$(BIN)/python bench/run.py $(BENCH)

# mypy's Django plugin loads the settings: development values, not production ones.
lint: export DJANGO_DEBUG := 1
lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy jejak

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the English catalogue from the code and compile it: run it, translate the new or
# fuzzy entries in jejak/locale/en/LC_MESSAGES/django.po, run it again, commit .po and .mo.
messages: export DJANGO_DEBUG := 1
messages: $(VENV)/.deps
	$(MANAGE) makemessages -l en --add-location=file --ignore=.venv --ignore=bench --ignore=tests -e html,txt,py
	$(MANAGE) compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) var/jejak.sqlite3* var/private var/demo .pytest_cache .mypy_cache .ruff_cache
