# Two commands are the contract: `make run` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint bench bundle test-bundle clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ShopGuard needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	@bash installer/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(DEV_STAMP)

run: $(STAMP)
	$(PY) -m shopguard

test: $(DEV_STAMP)
	$(PY) -m pytest

lint: $(DEV_STAMP)
	$(PY) -m ruff check shopguard tests
	$(PY) -m ruff format --check shopguard tests

bench: $(STAMP)
	$(PY) -m shopguard bench --json

BUNDLE_STAMP := $(VENV)/.installed-bundle

$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	@touch $(BUNDLE_STAMP)

# One-folder app in dist/shopguard/ (installer/README.md; Windows setup: installer/windows/).
bundle: $(BUNDLE_STAMP)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build installer/shopguard.spec
	dist/shopguard/shopguard --smoke-test

# The slow tests (deselected by `make test`): build the bundle in a temp dir and smoke-test it.
test-bundle: $(DEV_STAMP) $(BUNDLE_STAMP)
	$(PY) -m pytest -m slow

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
