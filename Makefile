# Two commands matter (see README): `make site` builds the register, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Silence mkdocs-material's notice about MkDocs 2: this project pins MkDocs 1.x.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check gaps bench golden clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Build the public site from records/ into site/ (installs what it needs first).
site: $(INSTALLED)
	$(BIN)/mkdocs build --strict

## Run the whole test suite, browser tests included.
test: $(INSTALLED) node_modules/.installed
	bash scripts/ensure-browser.sh
	$(BIN)/python -m pytest

node_modules/.installed: package.json package-lock.json
	bash scripts/ensure-browser.sh --node-only
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Serve the site locally with live reload while editing records.
serve: $(INSTALLED)
	$(BIN)/mkdocs serve

## Check the records as a pull request would.
check: $(INSTALLED)
	$(BIN)/partnerships check

## Rewrite the golden files (tests/golden/) from what the code produces now; review the diff before committing.
golden: $(INSTALLED)
	$(BIN)/python -m pytest -q tests/test_golden.py tests/test_rule_catalogue.py --update-golden

bench: $(INSTALLED)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .pytest_cache node_modules $(VENV)
