# dcpower: `make run` opens the app on the bundled Colossus 1 preset; `make test` runs the suite.
# Both create .venv and install into it first, so they work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test fuzz bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/dcpower tui --facility colossus-1

test: $(STAMP_TEST)
	$(BIN)/python -m pytest -q

# The fuzz suite with many more examples (a few minutes); `make test` runs it with few.
fuzz: $(STAMP_TEST)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/fuzz

bench: $(STAMP_TEST)
	$(BIN)/python bench/run.py

lint: $(STAMP_TEST)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	$(BIN)/python -m ruff check calc tui tests bench
	$(BIN)/python -m ruff format --check calc tui tests bench
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) build dist *.egg-info
