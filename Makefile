# Festwoche — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# Links in e-mails and the printed logins point at the port actually served.
export FESTWOCHE_SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test lint bench install messages demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the pinned dependencies change, so a second `make run` is fast.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Compiled catalogues are committed; this rebuilds them from locale/*/LC_MESSAGES/*.po.
messages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

var:
	mkdir -p var

demo: $(STAMP) | var
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# axe-core for the browser accessibility tests (tests/e2e), pinned in package-lock.json.
# npm dates the extracted files from the package, hence the touch. Without npm the
# accessibility tests skip with the reason (and fail in CI).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: the axe-core accessibility tests will be skipped"; fi

test: $(STAMP) node_modules/axe-core/axe.min.js | var
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: $(STAMP) | var
	$(BIN)/python bench/programme.py
	$(BIN)/python bench/registrations.py
	$(BIN)/python bench/calendars.py
	$(BIN)/python bench/printing.py
	$(BIN)/python bench/planning.py
	$(BIN)/python bench/charity_run.py
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) var staticfiles
