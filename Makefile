# Entry points for a fresh clone: `make demo`, `make test` (all but the slow end-to-end
# cases) and `make test-all` (everything, as CI runs it).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
# `make bench MILLION=1` adds the million-patient registry (about 10 minutes more here)
BENCH_SIZES ?= 10000,100000
BIN := $(VENV)/bin
# pytest workers: one per core (`make test WORKERS=1` runs in one process); files stay
# whole on one worker, so a module's fixtures are built once
WORKERS ?= auto
# more pytest options, e.g. `make test ARGS=--durations=30`
ARGS ?=
# Python's bytecode caches are written even where PYTHONDONTWRITEBYTECODE is set, so a
# second run reuses the test modules pytest has already rewritten (each worker collects
# the whole suite: about half its collection time)
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n $(WORKERS) --dist loadfile $(ARGS)

.PHONY: demo test test-all lint bench report clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/vertebro demo --out reports/demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(PYTEST) -m "not slow"

test-all: lint
	$(PYTEST)

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/registry.py $(BENCH_SIZES) $(if $(MILLION),--million)

clean:
	rm -rf $(VENV) reports/demo
