# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
PYTEST_ARGS ?= -n 2

.PHONY: install run test lint format bench load messages screenshots

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

# The web server and, beside it, the django-q2 worker that runs large imports and exports (a job no
# worker takes within 20 s runs in the web process instead; jobs killed mid-way are marked first).
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py recover_jobs
	$(PY) manage.py qcluster & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The same checks CI runs (.ci/run): style, the layers of the apps, Django's checks, no missing migration.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Load test (bench/load/, bench/README.md): gunicorn on the 200,000-member PostgreSQL dataset, locust headless at
# 20 and 100 users for 60 s each. Locust lives in its own venv (bench/requirements-load.txt).
load: install $(VENV)-load/.installed
	$(PY) bench/load/run.py

$(VENV)-load/.installed: bench/requirements-load.txt
	test -x $(VENV)-load/bin/python || $(PYTHON) -m venv $(VENV)-load
	$(VENV)-load/bin/pip install --quiet -r bench/requirements-load.txt
	touch $@

APPS := core accounts access organizations duework notifications members reorganizations candidates committees fees training reviews meetings residence reports exchange api selfservice

# Update and compile each app's English catalog (the msgids are the Vietnamese source strings). An app without
# a locale/ directory is skipped: makemessages would rewrite the root catalog (LOCALE_PATHS) with its strings only.
messages: install
	for app in $(APPS); do \
	  test -d xaydungdang/$$app/locale || { echo "$$app: no locale/ (its strings are in the root catalog)"; continue; }; \
	  (cd xaydungdang/$$app && ../../$(PY) ../../manage.py makemessages -l en --no-obsolete -i "tests/*" -i "migrations/*" \
	   && ../../$(PY) ../../manage.py compilemessages -l en) || exit 1; \
	done

bench: install
	$(PY) bench/run.py
	$(PY) bench/import_bench.py
	$(PY) bench/export_bench.py

# The user guide's screenshots (docs/screenshots/*.jpg at 1366 and 390 px) from a fresh demo database in /tmp.
screenshots: install
	$(PY) docs/screenshots.py
