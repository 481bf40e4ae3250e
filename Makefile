# dcpower: `make run` opens the app on the bundled Colossus 1 preset; `make test` runs the suite.
# Both check $(PYTHON), create .venv and install into it first, so they work on a fresh clone.

PYTHON ?= python3
MIN_PYTHON := 3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
# The interpreter that made .venv, written in it; the version and the real path of the base binary
PYTHON_ID := $(VENV)/.python-id
ID_QUERY := import os, platform, sys; print(platform.python_version(), os.path.realpath(sys._base_executable))
# What the one-line errors suggest: the goal as typed, with a PYTHON that fits
GOAL := $(or $(firstword $(MAKECMDGOALS)),run)

.DEFAULT_GOAL := run
.PHONY: run test test-web fuzz bench lint docs-tables clean check-python FORCE

# $(PYTHON) is checked first, in one line naming the problem and PYTHON=..., before anything is
# created: pip would refuse requires-python only after making a .venv that later targets reuse.
# The version is asked for alone, so a stand-in PYTHON that prints one can test this.
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
PYTHON_PROBLEM := $(shell \
  v=$$($(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) \
    || { echo "'$(PYTHON)' does not run"; exit 0; }; \
  set -- $$(echo "$$v" | tr . ' '); major=$$1; minor=$$2; \
  { [ "$$major" -ge 0 ] && [ "$$minor" -ge 0 ]; } 2>/dev/null || { echo "'$(PYTHON)' reports version '$$v'"; exit 0; }; \
  if [ "$$major" -lt 3 ] || { [ "$$major" -eq 3 ] && [ "$$minor" -lt $(lastword $(subst ., ,$(MIN_PYTHON))) ]; }; \
    then echo "$(PYTHON) is $$v"; exit 0; fi; \
  $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || echo "$(PYTHON) ($$v) has no venv module (on Debian and Ubuntu: apt install python$$major.$$minor-venv)")
ifneq ($(PYTHON_PROBLEM),)
$(error dcpower needs Python >= $(MIN_PYTHON); $(PYTHON_PROBLEM): run 'make $(GOAL) PYTHON=python$(MIN_PYTHON)')
endif
endif

check-python:
	@echo "$(PYTHON) fits: $$($(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"

# .venv is made again when it is missing, broken (its python does not run), made by another
# interpreter than $(PYTHON), or not finished (no id file). The id file is written last and
# changes only then, so the installs below rerun only then.
$(PYTHON_ID): FORCE
	@want=$$($(PYTHON) -c '$(ID_QUERY)'); \
	have=$$($(BIN)/python -c '$(ID_QUERY)' 2>/dev/null); \
	if [ -z "$$have" ]; then why="its python does not run"; \
	elif [ "$$have" != "$$want" ]; then why="made by $$have"; \
	elif [ "$$(cat $@ 2>/dev/null)" != "$$want" ]; then why="its set-up did not finish"; \
	else exit 0; fi; \
	if [ -d $(VENV) ]; then echo "rebuilding $(VENV): $$why; PYTHON=$(PYTHON) is $$want"; fi; \
	rm -rf $(VENV) && echo "$(PYTHON) -m venv $(VENV)" && $(PYTHON) -m venv $(VENV) && echo "$$want" > $@

$(STAMP_RUN): $(PYTHON_ID) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(STAMP_TEST): $(PYTHON_ID) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	@echo "dcpower is $(CURDIR)/$(BIN)/dcpower (or 'source $(BIN)/activate', then dcpower)"
	$(BIN)/dcpower tui --facility colossus-1

# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process. Tests go
# to the workers one by one, but a module with a module-scoped fixture (a shared app, a built
# wheel) goes whole to one worker (--dist loadgroup, the groups made in tests/conftest.py).
PYTEST_WORKERS ?= auto
PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup

test: $(STAMP_TEST)
	@echo "dcpower is $(CURDIR)/$(BIN)/dcpower (or 'source $(BIN)/activate', then dcpower)"
	$(BIN)/python -m pytest -q $(PARALLEL)

# `dcpower serve` in headless Chromium (tests/web): not in `make test`, which needs only Python;
# .ci/run runs both. No browser is a one-line failure, never a skip.
BROWSER ?= $(or $(DCPOWER_BROWSER),$(shell command -v chromium || command -v chromium-browser || command -v google-chrome))
test-web: $(STAMP_TEST)
	@if [ -z "$(BROWSER)" ]; then echo "make test-web: no Chromium found: install it ('apt-get install chromium' on Debian) or set DCPOWER_BROWSER to its path" >&2; exit 1; fi
	DCPOWER_WEB_TEST=1 DCPOWER_BROWSER=$(BROWSER) $(BIN)/python -m pytest -q tests/web

# The fuzz suite with many more examples (50 minutes in one process on a busy 2-core machine); `make test` runs it with few.
fuzz: $(STAMP_TEST)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q $(PARALLEL) tests/fuzz

bench: $(STAMP_TEST)
	$(BIN)/python bench/run.py

lint: $(STAMP_TEST)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	$(BIN)/python -m ruff check calc tui tests bench
	$(BIN)/python -m ruff format --check calc tui tests bench
	$(BIN)/python -m mypy

docs-tables: $(STAMP_TEST)
	$(BIN)/python -c "import sys, calc.assumption_table as t; sys.exit(t.main(sys.argv[1:]))" docs/cli.md presets/README.md

clean:
	rm -rf $(VENV) build dist *.egg-info
