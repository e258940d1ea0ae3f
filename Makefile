# Attune: `make run` serves the course with its worker; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Tests run against real services: PostgreSQL and Redis on this machine by default.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL    ?= redis://127.0.0.1:6379/9

# `make run` chooses the development settings explicitly: manage.py, wsgi.py, asgi.py and
# the Celery app default to production, which refuses the embedded services.
setup run: export DJANGO_SETTINGS_MODULE = lms.settings.local
export ATTUNE_VAR_DIR ?= $(CURDIR)/var
export ATTUNE_HOST ?= 127.0.0.1
export ATTUNE_PORT ?= 8000

.PHONY: install setup run test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

# The embedded default: SQLite and the SQLite broker under var/, no service needed.
setup: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py import_course fixtures/course
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_demo_integrator

# supervisord in the foreground restarts whichever process dies; Ctrl-C stops them all.
run: setup
	@echo "Attune on http://$(ATTUNE_HOST):$(ATTUNE_PORT)/ (Ctrl-C stops web, worker and beat;"
	@echo "their logs: var/web.log, var/worker.log, var/beat.log)"
	@$(BIN)/supervisord --configuration supervisord.conf

test: install
	scripts/ensure-services.sh
	scripts/ensure-browser.sh
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=lms.settings.test DATABASE_URL=$(TEST_DATABASE_URL) \
		REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports  # the floors of STYLE.md: an import runs down only

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks, not tests: each creates and drops its own PostgreSQL database (and uses
# Redis db 13); figures and what they mean are in README.md, "Load and throughput".
# Run one alone with e.g. `$(BIN)/python bench/load/run.py --rounds 1`.
bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/hr_dashboard.py
	$(BIN)/python bench/api_sync.py
	$(BIN)/python bench/grading_throughput.py
	$(BIN)/python bench/load/run.py

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
