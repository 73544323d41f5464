# Two commands for a newcomer: `make serve` and `make test`.
# Everything installs itself into .venv/ (and Debian's chromium for browser tests).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

NODE_STAMP := node_modules/.installed-stamp

.PHONY: setup system check build serve test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
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

build: setup
	$(PY) -m generator build

serve: setup
	$(PY) -m generator serve

test: system setup $(NODE_STAMP)
	$(PY) -m pytest

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf site build .site-* $(VENV)
