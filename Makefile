# Two commands set up a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# kustomize renders k8s/ in the tests. It is built from source with the local Go toolchain (about
# 1.5 minutes the first time) into a git-ignored directory named by its version, so that changing
# the version builds it again.
KUSTOMIZE_VERSION := v5.6.0
KUSTOMIZE := $(CURDIR)/.tools/kustomize-$(KUSTOMIZE_VERSION)/kustomize
# The GraphQL-over-HTTP audit (tests/test_http_audit.py), installed at the versions its lock file
# pins, again whenever that file changes.
HTTP_AUDIT := tests/http_audit/node_modules/.installed
# GraphiQL's bundle (service/graphiql_page.py), built from frontend/graphiql at the versions its
# lock file pins, again whenever the lock, the entry or the build script changes.
GRAPHIQL_DIR := frontend/graphiql
GRAPHIQL := service/static/graphiql/graphiql.js
GRAPHIQL_SOURCES := $(addprefix $(GRAPHIQL_DIR)/,package.json package-lock.json build.mjs) \
	$(wildcard $(GRAPHIQL_DIR)/src/*)

# The explorer page (docs/explorer.md): installed from its lock file, bundled by esbuild into
# service/static/explorer (git-ignored), again whenever the lock or a source changes.
EXPLORER_NPM := frontend/explorer/node_modules/.installed
EXPLORER := service/static/explorer/.built
EXPLORER_SOURCES := frontend/explorer/build.mjs $(wildcard frontend/explorer/src/*)
# The explorer's browser tests drive Debian's Chromium; `make test` installs the package when it
# is missing, and fails when it cannot.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The client generator (docs/client.md) lives in its own environment: ariadne-codegen needs a
# graphql-core older than the one strawberry needs, so the two cannot share .venv.
CODEGEN_VENV := .venv-codegen
CODEGEN := $(CODEGEN_VENV)/.installed

.PHONY: serve test lint schema audit clean graphiql explorer client

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

$(CODEGEN): constraints-codegen.txt
	$(PYTHON) -m venv $(CODEGEN_VENV)
	$(CODEGEN_VENV)/bin/pip install --quiet --upgrade pip
	$(CODEGEN_VENV)/bin/pip install --quiet -c constraints-codegen.txt ariadne-codegen
	touch $@

## Regenerate the typed client (unsilo_client/generated) from schema.graphql and its operations
client: $(CODEGEN)
	rm -rf unsilo_client/generated
	$(CODEGEN_VENV)/bin/ariadne-codegen client

$(KUSTOMIZE):
	GOBIN=$(dir $@) GOTOOLCHAIN=local go install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE_VERSION)

$(HTTP_AUDIT): tests/http_audit/package.json tests/http_audit/package-lock.json
	cd tests/http_audit && npm ci --no-audit --no-fund
	touch $@

$(GRAPHIQL): $(GRAPHIQL_SOURCES)
	cd $(GRAPHIQL_DIR) && npm ci --no-audit --no-fund && npm run build

## Build GraphiQL's assets into service/static/graphiql (needs Node.js 20 and npm)
graphiql: $(GRAPHIQL)

$(EXPLORER_NPM): frontend/explorer/package.json frontend/explorer/package-lock.json
	cd frontend/explorer && npm ci --no-audit --no-fund
	touch $@

$(EXPLORER): $(EXPLORER_NPM) $(EXPLORER_SOURCES)
	cd frontend/explorer && npm run --silent build
	touch $@

## Build the explorer page's assets into service/static/explorer
explorer: $(EXPLORER)

$(CHROMIUM):
	$(SUDO) apt-get install -y --no-install-recommends chromium \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }
	test -x $@

## Serve the demo organization on the embedded store at http://127.0.0.1:8000/graphql
serve: $(VENV)/.installed $(GRAPHIQL) $(EXPLORER)
	$(BIN)/unsilo serve --demo

## Lint and type-check (the first step of `make test`)
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Lint, type-check and run every test
test: lint $(CODEGEN) $(KUSTOMIZE) $(HTTP_AUDIT) $(GRAPHIQL) $(EXPLORER) $(CHROMIUM)
	KUSTOMIZE=$(KUSTOMIZE) $(BIN)/pytest

## Rewrite schema.graphql from the code
schema: $(VENV)/.installed
	$(BIN)/python -c "from schema import schema; print(schema.as_str())" > schema.graphql

## Check the locked dependencies (constraints.txt) for known vulnerabilities; needs the network
audit: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[audit]"
	$(BIN)/pip-audit --requirement constraints.txt --disable-pip --no-deps --strict --progress-spinner off
	$(BIN)/pip-audit --requirement constraints-codegen.txt --disable-pip --no-deps --strict --progress-spinner off

clean:
	rm -rf $(VENV) $(CODEGEN_VENV) .tools .pytest_cache .mypy_cache .ruff_cache tests/http_audit/node_modules \
		$(GRAPHIQL_DIR)/node_modules service/static/graphiql \
		frontend/explorer/node_modules service/static/explorer test-artifacts
