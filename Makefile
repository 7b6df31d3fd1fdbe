# Two commands on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs twice: on the embedded SQLite, then on PostgreSQL when it is reachable
# (CI sets POSKO_REQUIRE_POSTGRES=1 so that an unreachable PostgreSQL fails the run).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# Tests get a data directory of their own, so they never write into the one `make run` uses.
TEST_DATA := $(CURDIR)/var/test-data
PYTEST := POSKO_DATA_DIR=$(TEST_DATA) $(BIN)/python -m pytest -n 2 --dist loadgroup

.PHONY: run test lint bench soak install system-deps train clean messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
# Bytecode now: with PYTHONDONTWRITEBYTECODE set, every `posko` run would compile again.
	$(BIN)/python -m compileall -q posko >/dev/null
	touch $(STAMP)

install: $(STAMP)

# Debian packages: chromium drives the browser tests (playwright cannot download its own
# browser here), pango renders PDF reports, poppler-utils reads them back in tests, gettext
# compiles translations. Only missing ones are installed.
SYSTEM_PACKAGES := chromium poppler-utils gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; } >/dev/null \
	    || echo "warning: could not install" $$missing "(run as root); browser/PDF features need them"; \
	fi

run: $(STAMP) system-deps
	$(BIN)/posko setup
	$(BIN)/posko serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check posko tests bench conftest.py
	$(BIN)/ruff format --check posko tests bench conftest.py
	$(BIN)/mypy posko
	$(BIN)/python -m django makemigrations --check --dry-run --settings=posko.config.settings >/dev/null
	$(BIN)/python -m posko.neutrality.engine.normalize --check-compiled

test: $(STAMP) system-deps lint
	rm -rf $(TEST_DATA)
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(PYTEST)
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$(PG_URL)" 2>/dev/null; then \
	  echo "== test suite on PostgreSQL =="; DATABASE_URL="$(PG_URL)" $(PYTEST); \
	else \
	  echo "PostgreSQL not reachable at $(PG_URL): PostgreSQL run skipped"; test -z "$$POSKO_REQUIRE_POSTGRES"; \
	fi

bench: $(STAMP)
	$(BIN)/python -m bench

# Load and fault runs on 127.0.0.1 (bounded): intake with a kill -9 mid-load on SQLite and
# PostgreSQL, then >= 10,000 generated requests/inputs against the public API and the parsers.
soak: $(STAMP)
	env -u DATABASE_URL $(BIN)/python -m bench.intake --backend sqlite --seconds 20 --threads 16 --processes 2
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$(PG_URL)" 2>/dev/null; then \
	  $(BIN)/python -m bench.intake --backend postgres --seconds 20 --threads 16 --processes 2 --no-photo --no-kill --pg-url "$(PG_URL)"; \
	  $(BIN)/python -m bench.intake --backend postgres --seconds 20 --threads 16 --processes 2 --pg-url "$(PG_URL)"; \
	fi
	POSKO_FUZZ_EXAMPLES=5000 env -u DATABASE_URL $(BIN)/python -m pytest tests/test_fuzz_parsers.py tests/test_fuzz_api.py -p no:cacheprovider -p no:xdist

train: $(STAMP)
	$(BIN)/posko train

messages: $(STAMP)
	cd posko && ../$(BIN)/django-admin compilemessages --settings=posko.config.settings

clean:
	rm -rf $(VENV) build *.egg-info
