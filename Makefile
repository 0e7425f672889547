# Two commands on a fresh machine: `make run` and `make test`. Everything they
# need (uv, the virtual environment, Neo4j's jars, GraphiQL's and the API docs'
# pinned files from npm) is installed by the targets.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .lineage/tools
UV := $(TOOLS)/bin/uv
VENV := .venv
WEB_ASSETS := .lineage/web/vendor.json
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install install-test install-lint run test lint format bench db-start db-stop db-status schema clean

# What serving needs, and no more; the test and lint tools are uv dependency groups that
# `make test` and `make lint` add (--inexact: a sync never removes another group's tools).
SYNC := $(UV) sync --locked --inexact --python $(PYTHON) --no-default-groups
install: $(VENV)/.synced $(WEB_ASSETS)
install-test: install $(VENV)/.synced-test
install-lint: install $(VENV)/.synced-lint

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(SYNC)
	touch $@

$(VENV)/.synced-%: $(VENV)/.synced
	$(SYNC) --group $*
	touch $@

# GraphiQL, Swagger UI and ReDoc, pinned and sha512-checked (src/lineage/explorers/vendor.json).
# Without npm the API still serves; those pages then say how to install their files.
$(WEB_ASSETS): $(VENV)/.synced src/lineage/explorers/vendor.json
	-$(VENV)/bin/lineage web-assets

run: install ## serve the API on http://127.0.0.1:8000/graphql (starts Neo4j)
	$(VENV)/bin/lineage serve

test: install-test ## the whole suite against a real Neo4j
	$(VENV)/bin/pytest

lint: install-lint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy src

format: install-lint
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install ## lineage(depth 5) via GraphQL vs the neo4j driver, on a generated 100k-asset graph
	$(VENV)/bin/lineage bench

schema: install ## re-export schema.graphql from the code
	$(VENV)/bin/lineage export-schema > schema.graphql

db-start: install
	$(VENV)/bin/lineage db start
db-stop: install
	$(VENV)/bin/lineage db stop
db-status: install
	$(VENV)/bin/lineage db status

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
