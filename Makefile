# Two commands for a newcomer: `make run` and `make test`. Everything else here
# is what those two call.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BIN ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SERVICES := $(notdir $(patsubst %/pyproject.toml,%,$(wildcard services/*/pyproject.toml)))
LIBS := $(notdir $(patsubst %/pyproject.toml,%,$(wildcard libs/*/pyproject.toml)))
PROJECTS := $(addprefix libs/,$(LIBS)) $(addprefix services/,$(SERVICES))

# Test infrastructure: one broker and one PostgreSQL cluster for the whole run.
TEST_KAFKA_PORT := 19092
TEST_PG_PORT := 55432
RUN_KAFKA_PORT := 9092

.PHONY: help
help:
	@echo "make run    set up what is missing and start the whole system (SQLite under var/, local Kafka)"
	@echo "make test   set up what is missing, start Kafka and PostgreSQL, run every test"
	@echo "make protos regenerate libs/contracts from protos/"
	@echo "make keys   development keys under var/keys (make certs: mutual-TLS certificates)"
	@echo "make bench  the provincial benchmark (SCALE=0.01 for a quick run)"

$(STAMP): requirements.txt $(foreach p,$(PROJECTS),$(p)/pyproject.toml)
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps $(foreach p,$(PROJECTS),-e $(p))
	@touch $@

.PHONY: venv
venv: $(STAMP)

.PHONY: protos
protos: $(STAMP)
	PYTHON=$(PY) libs/contracts/generate.sh

# Fails when the committed generated code is not what protos/ produces.
.PHONY: protos-check
protos-check: $(STAMP)
	@tmp=$$(mktemp -d) && PYTHON=$(PY) libs/contracts/generate.sh $$tmp/src && \
	  if diff -r -x __pycache__ $$tmp/src/shuangdao libs/contracts/src/shuangdao >/dev/null; then \
	    echo "protos: generated code is up to date"; rm -rf $$tmp; \
	  else diff -r -x __pycache__ $$tmp/src/shuangdao libs/contracts/src/shuangdao | head -20; rm -rf $$tmp; \
	    echo "protos: libs/contracts is stale; run 'make protos' and commit"; exit 1; fi

# Tools the tests need: promtool (Debian's prometheus package) for deploy/,
# kustomize (built from the Go module proxy into .cache/bin), and Debian's
# Chromium with its driver for the portal's browser tests.
KUSTOMIZE := .cache/bin/kustomize
.PHONY: tools
tools: $(KUSTOMIZE)
	@command -v promtool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null; }
	@command -v promtool >/dev/null || { echo "promtool missing: install Debian's prometheus package"; exit 1; }
	@command -v chromedriver >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@command -v chromedriver >/dev/null || { echo "chromedriver missing: install Debian's chromium and chromium-driver packages"; exit 1; }

$(KUSTOMIZE):
	GOBIN=$(abspath .cache/bin) go install sigs.k8s.io/kustomize/kustomize/v5@v5.7.1

.PHONY: test
test: $(STAMP) protos-check tools
	@set -euo pipefail; \
	trap '$(PY) -m devstack kafka stop --name test; $(PY) -m devstack postgres stop --name shuangdao-test' EXIT; \
	$(PY) -m devstack kafka start --name test --port $(TEST_KAFKA_PORT); \
	$(PY) -m devstack postgres start --name shuangdao-test --port $(TEST_PG_PORT); \
	SHUANGDAO_TEST_KAFKA_BOOTSTRAP=127.0.0.1:$(TEST_KAFKA_PORT) \
	SHUANGDAO_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$(TEST_PG_PORT)/postgres \
	  $(PY) -m pytest $(PYTEST_ARGS)

.PHONY: run
run: $(STAMP)
	$(PY) -m devstack run --kafka-port $(RUN_KAFKA_PORT) $(SERVICES)

# The provincial benchmark (not part of `make test`, which runs a tiny smoke
# of it): `make bench` or `make bench SCALE=0.1`.
SCALE ?= 1.0
.PHONY: bench
bench: $(STAMP)
	$(PY) -m bench --scale $(SCALE) --json var/bench/figures.json

# Development keys (token signing, personal data) and mutual-TLS certificates
# for gRPC between services; `make run` makes the keys itself when missing.
.PHONY: keys certs
keys: $(STAMP)
	$(PY) -m chassis.security.keys dev --out var/keys
certs: $(STAMP)
	$(PY) -m chassis.security.keys certs --out var/keys/tls

.PHONY: migration
migration: $(STAMP)
	$(PY) -m chassis.new_migration services/$(SERVICE) "$(MESSAGE)"

.PHONY: clean
clean:
	rm -rf var/
