# Two commands a fresh clone needs: `make demo` and `make test`. Each makes its own virtual
# environment (.venv) and installs what it needs there; nothing is installed system-wide.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SOURCES := $(wildcard sources/*)

.PHONY: demo test lint typecheck pytest clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	@for source in $(SOURCES); do \
		name=$$(basename "$${source%.*}"); \
		$(BIN)/publish epub "$$source" -o "out/$$name.epub" || exit 1; \
		$(BIN)/publish pdf "$$source" -o "out/$$name.pdf" --paper a5 || exit 1; \
	done

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check publish tests bench
	$(BIN)/ruff format --check publish tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

# Optional, as root on Debian: HarfBuzz's subsetter makes WeasyPrint 2-3x faster at embedding fonts.
system-deps:
	apt-get install -y libharfbuzz-subset0 poppler-utils

clean:
	rm -rf out $(VENV) .mypy_cache .pytest_cache .ruff_cache
