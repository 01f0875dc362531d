# Newsroom: `make demo` sets up and serves the demo (web, worker and beat), `make test`
# runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install demo run worker test test-fast lint format migrations-check ci bench bench-http bench-export bench-scale bench-memory bench-jobs clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py create_demo_users
	$(PY) manage.py load_seed --demo
	$(PY) -m newsroom.rundemo $(HOST)

run: install
	$(PY) manage.py runserver $(HOST)

worker: install
	DJANGO_SETTINGS_MODULE=newsroom.settings.dev $(PY) -m celery -A newsroom worker --beat --pool solo --loglevel INFO

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

ci: lint migrations-check test

bench: install
	$(PY) bench/suggestions.py

# Public pages vs bare Django under wrk (gunicorn, 2 workers, port 8060), cached and
# uncached; needs DATABASE_URL holding the published seed or a copy of a corpus (it
# unpublishes and publishes a fact-check; see bench/http.py).
bench-http: install
	$(PY) bench/http.py

# Export and restore of 10,000 articles; SQLite in a temporary folder unless
# DATABASE_URL names a database made for it (it is emptied).
bench-export: install
	$(PY) bench/desk_export.py

# Large pages and admin lists on a corpus made by `manage.py generate_corpus`; needs
# DATABASE_URL naming that database.
bench-scale: install
	$(PY) bench/scale.py

# A gunicorn worker's memory after 1,000 and 20,000 requests on such a corpus (Redis
# for the cache and broker, production settings: run collectstatic first).
bench-memory: install
	$(PY) bench/memory.py

# Import throughput through a real Celery worker and publication to every gunicorn
# worker, on a copy of a corpus (DATABASE_URL; it adds articles): see bench/jobs.py.
bench-jobs: install
	$(PY) bench/jobs.py

clean:
	rm -rf $(VENV) staticfiles
