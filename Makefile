# Two commands for a newcomer: `make serve` and `make test`.
# Everything installs itself into .venv/ (and Debian's chromium for browser tests).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup browser check build serve test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Browser tests drive Debian's chromium through Playwright (never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

check: setup
	$(PY) -m generator check events.yaml

build: setup
	$(PY) -m generator build

serve: setup
	$(PY) -m generator serve

test: setup browser
	$(PY) -m pytest

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf site build .site-* $(VENV)
