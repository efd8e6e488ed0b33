# KPSS Portal. `make demo` and `make test` are all a fresh machine needs (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test lint check messages browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever a requirements file changes.
$(INSTALLED): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

demo: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(INSTALLED)
	$(BIN)/ruff check .

check: $(INSTALLED)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint check
	@command -v msgfmt >/dev/null || { echo "compilemessages needs GNU gettext (apt-get install gettext)"; exit 1; }
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0
	$(BIN)/pytest -m "not browser"
	@# The browser tests get a process of their own: Playwright's sync API switches greenlets,
	@# each with its own context, and a database connection opened in one outlives the session,
	@# so PostgreSQL would refuse to drop the test database at the end.
	$(BIN)/pytest -m browser

# Refresh the Czech and English message catalogues after changing UI strings.
messages: $(INSTALLED)
	$(BIN)/python manage.py makemessages --locale cs --locale en --ignore=.venv --ignore=staticfiles --no-obsolete

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
