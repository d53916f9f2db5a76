# Social Media for Managers — the two commands a newcomer needs are `make start` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
# The Python that builds .venv: `make start PYTHON=python3.12` when `python3` is older than 3.11.
PYTHON  ?= python3
# Learners get the course only (`pip install -e .`); the test tools (pytest, Playwright: ~170 MB)
# are added the first time someone runs `make test`.
STAMP      := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# nbgrader calls `alembic` by name when it creates a gradebook: the venv's bin/ must be on PATH.
export PATH := $(abspath $(VENV))/bin:$(PATH)
# The 25 slowest tests are listed at the end of every run, to keep the suite under its 10-minute budget.
PYTEST_ARGS ?= --durations=25
# Two workers (this kit's CI machines have 2 cores); each module's tests stay on one worker (loadgroup).
PYTEST_WORKERS ?= 2
# The offline-bundle test installs ~800 MB into a fresh venv (2-5 minutes): `make test-offline-bundle` runs it.
PYTEST_MARKS ?= not offline_bundle
# The tests start many Pythons (kernels, servers, commands): each compiles the kit's code again unless the first one
# may keep it (__pycache__, git-ignored). Machines that set PYTHONDONTWRITEBYTECODE=1 would pay ~0.3 s per kernel.
KEEP_BYTECODE := PYTHONDONTWRITEBYTECODE=
# `make test MODULE=05_time` runs that module's contract and own tests only.
MODULE ?=
# `make start PORT=8890` when 8888 is taken by another program.
PORT ?= 8888
# `make start IP=0.0.0.0` serves the course to the room's network (one machine for everyone).
IP ?=

.PHONY: start test test-fast test-offline-bundle tests-present build lint system-deps clean

# scripts/install.py checks the Python version first, rebuilds a .venv made by another Python,
# installs the kit and writes the stamps (it is also the route without make: `py scripts/install.py`).
$(STAMP): pyproject.toml
	$(PYTHON) scripts/install.py

$(TEST_STAMP): $(STAMP)
	$(PYTHON) scripts/install.py --test

## start: check Python, install the kit if needed and open the course in JupyterLab (IP=0.0.0.0: serve the room)
start:
	@$(PYTHON) scripts/install.py
	$(VENV)/bin/socialkit start --port $(PORT)$(if $(IP), --ip $(IP))

## system-deps: the Debian packages the tests use (headless Chromium, bubblewrap, PostgreSQL)
system-deps:
	@need=""; \
	command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	command -v bwrap >/dev/null 2>&1 || need="$$need bubblewrap"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$$need postgresql"; \
	if [ -n "$$need" ]; then \
	  echo "Installing Debian packages:$$need"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need >/dev/null; \
	fi

## test: install everything the tests need, then run them all (MODULE=05_time: one module)
test: tests-present $(TEST_STAMP) system-deps
	@$(PYTHON) scripts/install.py --test
	$(KEEP_BYTECODE) MPLBACKEND=Agg $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "$(PYTEST_MARKS)" $(if $(MODULE),-k $(MODULE)) $(PYTEST_ARGS)

## test-fast: the tests that need no kernel, server or browser (about half a minute)
test-fast: tests-present $(TEST_STAMP)
	@$(PYTHON) scripts/install.py --test
	$(KEEP_BYTECODE) MPLBACKEND=Agg $(PY) -m pytest -m "not slow" $(if $(MODULE),-k $(MODULE)) $(PYTEST_ARGS)

## test-offline-bundle: build the offline bundle (wheels cached in ~/.cache/socialkit/wheels) and install it with no network
test-offline-bundle: tests-present $(TEST_STAMP)
	MPLBACKEND=Agg $(PY) -m pytest -m offline_bundle tests/test_install.py $(PYTEST_ARGS)

# The learner bundle has no tests/: say so before installing anything or asking for sudo.
tests-present:
	@test -d tests || { echo "There is no tests/ folder here (the learner bundle holds only the course): run \`make start\` instead."; exit 1; }

## build: regenerate exercises/ from solutions/
build: $(STAMP)
	$(VENV)/bin/socialkit build

## lint: check that exercises/ is up to date and the data matches its manifest
lint: $(STAMP)
	$(VENV)/bin/socialkit build --check
	$(VENV)/bin/socialkit data check

clean:
	rm -rf $(VENV) .pytest_cache test-output
