# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-test setup messages bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Create or migrate the database and load the fixtures; safe to repeat.
setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_programme
	$(PY) manage.py create_demo_users

run: setup
	$(PY) manage.py runserver $(HOST)

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

# Re-extract and compile the interface strings after changing them (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale es --no-location --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale es --ignore '.venv/*'

bench: install-test
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
