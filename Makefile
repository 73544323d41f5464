# Two commands for a newcomer: `make serve` and `make test`.
# Everything installs itself into .venv/ (and Debian's chromium for browser tests).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

NODE_STAMP := node_modules/.installed-stamp

.PHONY: setup system check schema build serve preview-artifact test test-fast lint bench clean

# constraints.txt holds the exact versions the suite last passed with, so a
# fresh clone installs what was tested. Debian ships venv support separately.
# PYTHONWARNINGS quiets setuptools' notice about editable installs.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Checkers from the npm registry, pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# Browser tests drive Debian's chromium through Playwright (never `playwright install`);
# the HTML checker (vnu.jar) runs on Debian's Java; the npm checkers need Node.js.
system:
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core default-jre-headless \
	    $$(command -v npm >/dev/null 2>&1 || echo nodejs npm) >/dev/null; }

check: setup
	$(PY) -m generator check events.yaml

# The JSON Schema and the field tables of guide/data-model.md, regenerated from generator/data/fields.py.
schema: setup
	$(PY) -m generator schema --write

build: setup
	$(PY) -m generator build

PORT ?= 8000
serve: setup
	$(PY) -m generator serve --port $(PORT)

# A pull request's preview (the artifact site-preview.zip) on an origin of its own: http://127.0.0.1:8001/,
# never make serve's 8000, so that its scripts cannot reach what your own preview keeps in the browser.
ARTIFACT ?= site-preview.zip
preview-artifact: setup
	$(PY) -m generator serve-artifact $(ARTIFACT)

test: system setup $(NODE_STAMP)
	$(PY) -m pytest

# The quick loop while editing: everything but the browser, the Java/Node checkers and the stories that
# start serve or another interpreter (markers in pyproject.toml); `make test` runs them all.
test-fast: setup
	$(PY) -m pytest -q -m 'not browser and not slow'

lint: setup
	$(PY) -m ruff check generator tests bench
	$(PY) -m mypy

# The issue-16 tables (about 10 minutes); `make bench BENCH=--quick` for 100 and 1,000 events only.
BENCH ?=
bench: setup
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(PY) bench/run.py $(BENCH)

clean:
	rm -rf site build .site-* .cache $(VENV)
