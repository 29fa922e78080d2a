# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test test-quick lint system system-test install install-test setup messages bench clean

# Debian packages of a requirements-system*.txt file that are missing: installed with apt-get
# when we are root, otherwise listed for the user to install. Skipped where there is no dpkg.
# `make run` needs only what serving needs (requirements-system.txt); what only the tests and
# benchmarks use (browsers, servers, load tools) is in requirements-system-test.txt.
SYSTEM_PACKAGES ?= requirements-system.txt
system:
	@command -v dpkg >/dev/null || exit 0; \
	missing=$$(grep -hv '^#' $(SYSTEM_PACKAGES) | while read -r pkg; do \
	  [ -n "$$pkg" ] && ! dpkg -s "$$pkg" >/dev/null 2>&1 && echo "$$pkg"; done); \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "Missing system packages; install them with: sudo apt-get install" $$missing; exit 1; fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt requirements-docs.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

system-test:
	@$(MAKE) --no-print-directory system SYSTEM_PACKAGES="requirements-system.txt requirements-system-test.txt"

install: system $(VENV)/.installed
install-test: system-test $(VENV)/.installed-test

# The first run's commands are told the address the server will serve (HOST, which may be a port
# alone): the demo round's e-mails and the server's link there (cea_portal/settings/development.py).
MANAGE = PORTAL_HOST=$(HOST) $(PY) manage.py
SERVED_AT = http://$(if $(findstring :,$(HOST)),$(HOST),127.0.0.1:$(HOST))

# Create or migrate the database and load the fixtures; safe to repeat.
setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_programme
	$(MANAGE) create_demo_users

# Says where to go and who to log in as before the server starts (README.md, "The demo accounts").
run: setup
	@echo
	@echo "The portal: $(SERVED_AT)/en/ (en español: $(SERVED_AT)/es/)"
	@echo "Demo accounts: secretariat, focal-mex and focal-col, each with the password demo"
	@echo "(created by create_demo_users; README.md, \"The demo accounts\", says where each starts)."
	@echo "In development e-mails are not sent: they are printed here, on the console."
	@echo
	$(MANAGE) runserver $(HOST)

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

# The suite but the tests marked slow (those that start a browser, a server or a worker): a few
# minutes, for while you work. `make test` still runs everything.
test-quick: install-test
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

# Lint and format checks (pyproject.toml [tool.ruff]), as CI runs them; changes nothing.
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Re-extract and compile the interface strings after changing them (needs GNU gettext).
messages: install-test
	$(PY) manage.py makemessages --locale es --no-location --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'site/*'
	$(PY) manage.py compilemessages --locale es --ignore '.venv/*'

bench: install-test
	$(PY) -m benchmarks

# The guides (docs/, mkdocs.yml): `make docs` serves them at http://127.0.0.1:8001/ while you
# write; `make docs-build` builds them into site/ and fails on a warning (a broken link, a page
# left out of the nav), as CI does. Only the docs' requirements are installed.
.PHONY: docs docs-build
DOCS_HOST ?= 127.0.0.1:8001

$(VENV)/.installed-docs: requirements-docs.txt $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-docs.txt
	touch $@

docs: $(VENV)/.installed-docs
	$(VENV)/bin/mkdocs serve --dev-addr $(DOCS_HOST)

docs-build: $(VENV)/.installed-docs
	$(VENV)/bin/mkdocs build --strict --site-dir site

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .pytest_cache site
