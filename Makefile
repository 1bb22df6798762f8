# meeting-archive: `make run` sets up and serves the sample and demo archives; `make serve` serves
# the archive as production does; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve setup install migrate sample test checkers lint format

# DEBUG defaults to on for the local server only, so it serves the static files unbuilt.
run: setup
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST)

# As production runs it: DEBUG off, collected static files, gunicorn (config/gunicorn.conf.py),
# on DATABASE_URL or the SQLite file, without loading any archive. Only 127.0.0.1 by default.
serve: migrate
	$(BIN)/python manage.py collectstatic --noinput -v0
	DEBUG=0 $(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

setup: install migrate sample
	$(BIN)/python manage.py collectstatic --noinput -v0

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

migrate: install
	$(BIN)/python manage.py migrate --noinput -v0

# The reference report as printed, and the demo archive of illustrative meetings beside it
# (marked on every page; `manage.py demo_archive --remove` deletes it). Nothing else loads it.
sample: migrate
	$(BIN)/python manage.py load_sample
	$(BIN)/python manage.py demo_archive

# On SQLite (no DATABASE_URL), every test database starts as a copy of one migrated file
# instead of being migrated afresh by each worker of each step (tests/conftest.py).
TEST_TEMPLATE := $(CURDIR)/.test-template.sqlite3
TEST_ENV := $(if $(DATABASE_URL),,DATABASE_TEST_TEMPLATE=$(TEST_TEMPLATE))

test: install checkers
	$(if $(DATABASE_URL),,rm -f $(TEST_TEMPLATE) && DATABASE_URL=sqlite:///$(TEST_TEMPLATE) $(BIN)/python manage.py migrate --noinput -v0)
	$(TEST_ENV) $(BIN)/pytest -n auto -m "not browser and not migration and not worker"
	$(TEST_ENV) $(BIN)/pytest -n auto -m browser  # apart: Chromium against each worker's live server
	$(TEST_ENV) $(BIN)/pytest -m migration  # alone: they migrate the test database back and forth
	$(TEST_ENV) $(BIN)/pytest -m worker     # alone: a Celery worker process shares their test database

# axe-core and the Nu HTML checker (vnu.jar) for the browser tests, as locked in
# tests/browser/package-lock.json; vnu runs on the system's Java, so its downloader is skipped.
checkers:
	@if command -v npm >/dev/null; then cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the accessibility and validity checks will be skipped"; fi

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
