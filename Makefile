# Newsroom: `make demo` sets up and serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install demo run test test-fast lint format migrations-check ci bench bench-export clean

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
	$(PY) manage.py runserver $(HOST)

run: install
	$(PY) manage.py runserver $(HOST)

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

# Export and restore of 10,000 articles; SQLite in a temporary folder unless
# DATABASE_URL names a database made for it (it is emptied).
bench-export: install
	$(PY) bench/desk_export.py

clean:
	rm -rf $(VENV) staticfiles
