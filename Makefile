# Social Media for Managers — the two commands a newcomer needs are `make start` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
# nbgrader calls `alembic` by name when it creates a gradebook: the venv's bin/ must be on PATH.
export PATH := $(abspath $(VENV))/bin:$(PATH)
PYTEST_ARGS ?=

.PHONY: start test build lint system-deps clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## start: install the kit if needed and open the course in JupyterLab
start: $(STAMP)
	$(VENV)/bin/socialkit start

## system-deps: the Debian packages the tests use (headless Chromium, bubblewrap)
system-deps:
	@need=""; \
	command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	command -v bwrap >/dev/null 2>&1 || need="$$need bubblewrap"; \
	if [ -n "$$need" ]; then \
	  echo "Installing Debian packages:$$need"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need >/dev/null; \
	fi

## test: install everything the tests need, then run them all
test: $(STAMP) system-deps
	MPLBACKEND=Agg $(PY) -m pytest $(PYTEST_ARGS)

## build: regenerate exercises/ from solutions/
build: $(STAMP)
	$(VENV)/bin/socialkit build

## lint: check that exercises/ is up to date and the data matches its manifest
lint: $(STAMP)
	$(VENV)/bin/socialkit build --check
	$(VENV)/bin/socialkit data check

clean:
	rm -rf $(VENV) .pytest_cache test-output
