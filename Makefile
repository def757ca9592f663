# Two commands do all set-up on a fresh machine:
#   make serve   creates .venv, installs the kit, starts Voilà on 127.0.0.1 with a demo workshop
#   make test    creates .venv, installs the kit with test tools (and Debian chromium, PostgreSQL and HAProxy),
#                runs the tests inside a throwaway PostgreSQL cluster (pg_virtualenv) so the store's tests run on
#                both stores and several servers run behind deploy/haproxy.cfg
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?=
PORT   ?= 8866
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve test install install-test chromium postgresql bench clean translations

serve: $(VENV)/.installed
	$(BIN)/samskaping serve --demo --port $(PORT) $(if $(DATA),--data-dir "$(DATA)")

test: $(VENV)/.installed-test chromium postgresql
	pg_virtualenv -t $(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

# Browser tests drive Debian's chromium (Playwright cannot download a browser here).
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	echo "Installing Debian's chromium for the browser tests"; \
	SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

# The store's tests also run on PostgreSQL, in a cluster pg_virtualenv (postgresql-common) makes and removes
# (-t: in a temporary folder, so two test runs on one machine do not meet); HAProxy for deploy/haproxy.cfg.
postgresql:
	@if command -v pg_virtualenv >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	    && [ -x /usr/sbin/haproxy ]; then exit 0; fi; \
	echo "Installing Debian's PostgreSQL and HAProxy for the store and deployment tests"; \
	SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql haproxy >/dev/null

bench: $(VENV)/.installed-test chromium
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# After a bokmål text changed: the template and every language's .po file (README: «Språk»).
translations: $(VENV)/.installed
	$(BIN)/samskaping translations update

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
