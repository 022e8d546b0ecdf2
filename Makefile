# Two commands a fresh clone needs: `make demo` and `make test`. Each makes its own virtual
# environment (.venv) and installs what it needs there; nothing is installed system-wide.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test quick lint typecheck pytest dist clean system-deps ace ace-install catalogues messages cldr-tables

# The book's words in each language: gettext catalogues (publish/locale/*/LC_MESSAGES/publish.po),
# compiled to .mo here (an edited .po recompiles); the wheel's build hook (hatch_build.py) does
# the same for an installed publish.
CATALOGUES := $(wildcard publish/locale/*/LC_MESSAGES/publish.po)
COMPILED := $(CATALOGUES:.po=.mo)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,cjk,cluster]'
	$(BIN)/python -m compileall -q publish > /dev/null  # bytecode now: every command starts faster
	$(MAKE) --no-print-directory catalogues
	touch $(STAMP)

catalogues: $(COMPILED)

publish/locale/%/LC_MESSAGES/publish.mo: publish/locale/%/LC_MESSAGES/publish.po
	$(BIN)/pybabel -q compile -i $< -o $@ -l $*

# After changing a word in templates/ or publish/render/: the template, then every catalogue.
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ --no-location --sort-output --project=publish \
		--copyright-holder="publish contributors" -o publish/locale/publish.pot .
	$(BIN)/pybabel -q update -w 100 -i publish/locale/publish.pot -d publish/locale -D publish --no-fuzzy-matching

# CLDR's month and language names (for the reader) and dates and lists of names (for the colophon), kept as
# modules generated from Babel so that no process loads Babel's locale data at start. After
# upgrading Babel (the tests test_cldr_months, test_cldr_languages and test_cldr_table say so):
cldr-tables: $(STAMP)
	$(BIN)/python -m tools.cldr_tables

# The main job: every text in sources/ as an EPUB and an A5 pamphlet, with the library's
# catalogue (out/index.html, out/catalog.xml) and report; run again, it makes only what changed.
demo: $(STAMP) catalogues
	$(BIN)/publish batch sources out --text --formats epub,pdf --paper a5

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check publish tests bench tools
	$(BIN)/ruff format --check publish tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

# Tests run in as many processes as there are cores, up to 4 (pytest-xdist): CI's 2 cores
# halve the suite's time; more would cost each worker's memory (a JVM, WeasyPrint) for little.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

pytest: $(STAMP) catalogues
	$(BIN)/pytest -q -n $(JOBS)

# The inner loop: lint, types and every test but the whole-corpus runs (marked slow).
quick: lint typecheck catalogues
	$(BIN)/pytest -q -n $(JOBS) -m "not slow"

# Optional, as root on Debian: HarfBuzz's subsetter makes WeasyPrint 2-3x faster at embedding fonts;
# chromium is the browser DAISY Ace checks e-books in (`make ace`); zsh, to test its completion script.
system-deps:
	apt-get install -y libharfbuzz-subset0 poppler-utils chromium chromium-driver zsh

# DAISY Ace, the EPUB accessibility checker, on the demo's e-book and (with the shared corpus) a
# whole work. npm installs it into tools/ace; it uses Debian's chromium, never a downloaded one.
ACE := tools/ace/node_modules/.bin/ace-cli
CORPUS_WORK := ../shared/corpus/mia/archive__lafargue__1883__lazy__index.htm

$(ACE): tools/ace/package.json
	cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
	touch $(ACE)

ace-install: $(ACE)

ace: $(STAMP) $(ACE)
	@mkdir -p out/ace
	@for source in sources/*; do $(BIN)/publish epub "$$source" -o out/ace/ || exit 1; done
	@if [ -f $(CORPUS_WORK) ]; then $(BIN)/publish epub $(CORPUS_WORK) -o out/ace/lazy.epub; fi
	$(BIN)/python tools/ace_check.py out/ace/*.epub

# The release files: an sdist and a wheel built from it (offline: the backend is in the dev extra).
dist: $(STAMP)
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf dist out $(VENV) .mypy_cache .pytest_cache .ruff_cache
