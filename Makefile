# KPSS Portal. `make demo` and `make test` are all a fresh machine needs (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test lint check messages system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever a requirements file changes.
$(INSTALLED): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# WeasyPrint (the PDFs) loads Pango and HarfBuzz's font subsetter from the system, python-magic
# (uploads checked by their content, kpss/files.py) loads libmagic.
SYSTEM_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libmagic1
system-deps: $(INSTALLED)
	@$(BIN)/python -W error -c "import weasyprint, magic" 2>/dev/null || { \
	  echo "Installing $(SYSTEM_LIBS) for WeasyPrint and python-magic"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(SYSTEM_LIBS); }

# The demo runs a background worker next to the server: it renders PDFs and sends e-mail, and
# is restarted after 20 tasks because WeasyPrint does not give its memory back. Ctrl+C stops both.
demo: $(INSTALLED) system-deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	trap 'kill 0' EXIT; \
	(while true; do $(BIN)/python manage.py db_worker --no-reload --max-tasks 20 || sleep 2; done) & \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(INSTALLED)
	$(BIN)/ruff check .

# Django loads kpss/files.py, and with it libmagic: system-deps first.
check: system-deps
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint check system-deps
	@command -v msgfmt >/dev/null || { echo "compilemessages needs GNU gettext (apt-get install gettext)"; exit 1; }
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0
	$(BIN)/pytest -m "not browser"
	@# The browser tests get a process of their own: Playwright's sync API switches greenlets,
	@# each with its own context, and a database connection opened in one outlives the session,
	@# so PostgreSQL would refuse to drop the test database at the end.
	$(BIN)/pytest -m browser

# Refresh the Czech and English message catalogues after changing UI strings.
messages: $(INSTALLED)
	$(BIN)/python manage.py makemessages --locale cs --locale sk --locale en --ignore=.venv --ignore=staticfiles --no-obsolete

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
