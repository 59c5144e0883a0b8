# Two commands: `make demo` and `make test`. Everything else is detail.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
# pytest-xdist workers per pass: each has its own test database and Redis database (the URL's
# number plus the worker's; tests/support/workers.py). TEST_WORKERS=0 runs in one process.
# Before (CI, one process): make test 1327 s (SQLite ~18 min, PostgreSQL ~10 min), test-fast ~5.5 min.
# Then (two workers, quiet machine): make test 26:32 cold, test-fast 5:08 warm, 519 s CPU.
# Now (session 6, quiet, warm): make test 8:37, 716 s CPU; test-fast 58.6 s, 110 s CPU (README.md, Tests).
TEST_WORKERS ?= 2
# loadgroup with tests/support/scheduling.py: the server and browser tests on one worker.
XDIST := -n $(TEST_WORKERS) --dist loadgroup
# Compiled modules are kept (in __pycache__, ignored by git) even where the environment sets
# PYTHONDONTWRITEBYTECODE: otherwise every pytest worker compiles the tree and rewrites the tests'
# asserts again (about 7 s of CPU) and every `watchkeeper` process it starts compiles the source.
unexport PYTHONDONTWRITEBYTECODE
# Left out of test-fast's collection as well as its selection: collecting the schemathesis module
# builds its generated cases (about 8 s of CPU in each worker) even when none of them runs.
FAST_IGNORE := --ignore=tests/api/test_schemathesis.py --ignore=tests/core/test_access_matrix.py

.PHONY: demo test test-fast test-sqlite test-postgres lint serve bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*; touch $@

demo: $(STAMP)
	$(BIN)/watchkeeper demo

serve: $(STAMP)
	$(BIN)/watchkeeper serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The whole suite on SQLite, then every database test again on PostgreSQL (tests without database
# access, marked `no_database` by tests/conftest.py, run once, on SQLite). With CI=true a missing
# PostgreSQL, Redis or Chromium is a failure; otherwise those tests are skipped with a message.
test: $(STAMP) lint test-sqlite test-postgres

# The quick loop while working: SQLite, no real servers, browsers, shared data or exhaustive sweeps.
test-fast: $(STAMP)
	$(BIN)/pytest $(XDIST) -m "not server and not browser and not shared_data and not exhaustive" $(FAST_IGNORE) --durations=10

test-sqlite: $(STAMP)
	REDIS_TEST_URL=$(REDIS_TEST_URL) $(BIN)/pytest $(XDIST)

test-postgres: $(STAMP)
	@if $(BIN)/python -m watchkeeper.checks postgres "$(PG_TEST_URL)"; then \
		DATABASE_URL=$(PG_TEST_URL) REDIS_TEST_URL=$(REDIS_TEST_URL) $(BIN)/pytest $(XDIST) -m "not kernel and not no_database and not browser and not server"; \
	elif [ "$$CI" = "true" ]; then echo "CI=true: PostgreSQL at $(PG_TEST_URL) is required"; exit 1; \
	else echo "SKIPPED the PostgreSQL run: no server at $(PG_TEST_URL)"; fi

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var
