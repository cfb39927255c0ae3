# Two commands: `make book` builds the HTML book, `make test` runs every check. See README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
PAGE := data/raw/libya-entanglement.txt
export PATH := $(BIN):$(PATH)
export PYTHONHASHSEED := 0
# Python caches compiled modules (__pycache__, git-ignored) even where the shell says not to: without it every
# process, kernel and pytest worker compiles the package and rewrites the tests' asserts again (README, Speed).
export PYTHONDONTWRITEBYTECODE :=
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup data book test test-fast lint notebooks bench clean pdf check-workflow check-reproducible html-clean lighthouse
PDF := _build/pdf/libya-entanglement.pdf

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "==> [setup] virtual environment in $(VENV) (pinned requirements.txt)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

setup: $(VENV)/.installed ## create .venv and install the pinned requirements and the package

# Extract again only when the page, the extraction code, a reference table or a processed file changed.
EXTRACT_INPUTS := $(PAGE) $(wildcard src/libyabook/*.py src/libyabook/extract/*.py data/reference/* data/processed/*)
# The reference tables are checked while the page is extracted (two processes, one per core); the stamp is written
# only when both succeed, so a failed check brings both back at the next run.
_build/.extracted: $(EXTRACT_INPUTS) $(VENV)/.installed
	@echo "==> [data] checking the reference tables (frictionless) and extracting $(PAGE) -> data/processed"
	@$(BIN)/python -m libyabook.reference & checking=$$!; \
	  extracted=0; $(BIN)/python -m libyabook extract $(PAGE) --out data/processed || extracted=$$?; \
	  wait $$checking && [ $$extracted -eq 0 ]
	@mkdir -p _build && touch $@

data: setup _build/.extracted ## regenerate data/processed from data/raw (writes only files whose bytes change)
	@$(BIN)/python scripts/inputs_stamp.py _build/.inputs.sha256

# Execute changed chapters in parallel (a thread per core and one more) into the build's notebook cache
# (jupyter-cache's store), so Jupyter Book finds them cached; a chapter that fails is left uncached and the build
# reports its error. Each thread keeps its kernel from one chapter to the next, in a new IPython session
# (libyabook.execution: the same outputs, byte for byte, as jcache's local-parallel executor, which starts a kernel
# for every chapter, in about two thirds of its time: README, Speed). The threads take the chapters largest file
# first, each the next when it is free, so that they end close together. The stamp skips it when nothing changed.
CACHE := _build/.jupyter_cache
_build/.primed: $(wildcard chapters/*.ipynb) _build/.inputs.sha256
	@echo "==> [book] executing the chapters whose code or inputs changed (a kernel per thread, kept between chapters)"
	@$(BIN)/python -m libyabook.execution $(CACHE) chapters/*.ipynb
	@touch $@

# jupyter-book runs only when an input of the HTML changed since its last successful build (or there is no HTML):
# the pages (chapters/, *.md), the configuration, the data it publishes and cites, the package (Sphinx extensions;
# the chapters import it), _static/, _templates/, the executed notebooks (_build/.primed), the installed packages,
# this Makefile, and git's HEAD, which the landing page shows (_build/.commit changes only when HEAD does).
# tests/test_makefile.py checks with `make -n` that touching each kind of input brings the build back.
HTML_STAMP := _build/.html-built
# (Folders are listed too: adding or removing a file changes its folder's time.)
BOOK_INPUTS := $(shell find chapters data/raw data/processed data/reference src/libyabook _static _templates \
	-name __pycache__ -prune -o -name .ipynb_checkpoints -prune -o -print 2>/dev/null)
BOOK_INPUTS += $(wildcard *.md) _config.yml _toc.yml Makefile
.PHONY: FORCE
_build/.commit: FORCE
	@mkdir -p _build
	@c="$$(git rev-parse HEAD 2>/dev/null || true) $${LIBYABOOK_COMMIT:-}"; \
	  [ "$$(cat $@ 2>/dev/null)" = "$$c" ] || echo "$$c" > $@

# A build that starts with no Sphinx environment reads and writes every page, as `make html-clean` does: it also
# stamps $(HTML_FULL), so `make test` right after a first `make book` does not build the same HTML a second time.
HTML_FULL := _build/.html-full
$(HTML_STAMP): $(BOOK_INPUTS) _build/.primed _build/.commit $(VENV)/.installed $(if $(wildcard _build/html/index.html),,FORCE)
	@echo "==> [book] jupyter-book build (warnings are errors)"
	@rm -f $@
	@full=$$(test -e _build/.doctrees/environment.pickle || echo yes); \
	  $(BIN)/jupyter-book build . -W -n --keep-going; \
	  if [ -n "$$full" ]; then touch $(HTML_FULL); fi
	@touch $@

book: data $(HTML_STAMP) ## set everything up, execute what changed and build the HTML book into _build/html
	@echo "==> book ready: open _build/html/index.html"

notebooks: data ## re-execute every chapter and store its outputs in place (for authors)
	@$(BIN)/python scripts/execute_notebooks.py chapters/*.ipynb

lint: setup ## ruff: lint and formatting of src/, tests/, scripts/ and the chapters (configured in pyproject.toml)
	@echo "==> [lint] ruff check and ruff format --check"
	@$(BIN)/ruff check src tests scripts chapters/*.ipynb
	@$(BIN)/ruff format --check src tests scripts chapters/*.ipynb

# A clean build: an incremental one emits no warning for an unchanged page and can differ in Sphinx's ?v= suffix.
# Done again only when an input of the HTML changed since the last full build ($(HTML_FULL): this rule, or a first
# `make book`): the same inputs give the same bytes (make check-reproducible), so a second one would check nothing.
$(HTML_FULL): $(BOOK_INPUTS) _build/.primed _build/.commit $(VENV)/.installed $(if $(wildcard _build/html/index.html),,FORCE)
	@echo "==> [test] clean build of the HTML (executed notebooks come from the cache): --all -W -n --keep-going"
	@rm -rf _build/html _build/.doctrees $(HTML_STAMP) $@
	@$(BIN)/jupyter-book build . --all -W -n --keep-going --quiet
	@touch $(HTML_STAMP) $@

html-clean: data $(HTML_FULL)

# pytest-xdist: two workers; each test file is one work unit (its module fixtures set up once; one browser and one
# served site per worker); the slowest files are handed out first so that neither worker is left with a long tail
# (tests/conftest.py orders them).
PYTEST := $(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder -p no:cacheprovider -q

# The PDF is made inside pytest (tests/conftest.py, pdf_edition: `make pdf`, printed when an input changed), on one
# worker while the other goes on.
test: lint html-clean ## lint, unit tests, data checks, nbval on every chapter, a full warnings-as-errors build, the PDF, browser tests
	@$(MAKE) --no-print-directory check-workflow
	@echo "==> [test] pytest: unit, data, notebooks (nbval), build, PDF and browser"
	@$(PYTEST) --nbval chapters tests

check-reproducible: html-clean ## build the book a second time from the tracked files, network cut: byte-identical?
	@echo "==> [check-reproducible] a second clean build offline, compared byte for byte with _build/html"
	@$(BIN)/python -m pytest -p no:cacheprovider -q -m reproducible tests/test_build.py

# Printed again only when an input of the book changed since (scripts/pdf.py replaces the file only when it is whole);
# copied into the HTML, which a clean build has emptied, whenever the copy there differs.
$(PDF): $(BOOK_INPUTS) _build/.primed _build/.commit $(VENV)/.installed
	@echo "==> [pdf] jupyter-book build --builder singlehtml, then Chromium prints $(PDF)"
	@$(BIN)/jupyter-book build . --builder singlehtml -W -n --keep-going --quiet
	@$(BIN)/python scripts/pdf.py _build/singlehtml/index.html $(PDF)

pdf: data $(PDF) ## the PDF edition (A4): single-page HTML printed by Debian's Chromium, offline
	@if [ -d _build/html ] && ! cmp -s $(PDF) _build/html/$(notdir $(PDF)); then \
	  cp $(PDF) _build/html/ && echo "==> copied to _build/html/$(notdir $(PDF))"; fi

check-workflow: setup ## validate .github/workflows/book.yml against GitHub's workflow schema (bundled, offline)
	@$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/book.yml

# Lighthouse (npm; not installed by this Makefile: scripts/lighthouse.py says how to get it) on every built page, both
# presets, text gzipped as GitHub Pages serves it. LIGHTHOUSE_ARGS="--serve plain" for the worst case.
LIGHTHOUSE_ARGS ?=
lighthouse: setup ## Lighthouse scores (performance, accessibility, best practices, SEO) of every page of _build/html
	@fail=0; for preset in mobile desktop; do \
	  $(BIN)/python scripts/lighthouse.py --preset $$preset $(LIGHTHOUSE_ARGS) || fail=$$?; done; exit $$fail

bench: setup ## time clean and no-op builds and the test suite (medians of 3 runs)
	@$(BIN)/python scripts/bench.py

clean: ## remove the build output (keeps .venv)
	rm -rf _build
