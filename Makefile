# Quire: `make run` serves the demo archive, `make test` runs every test. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
QUIRE := $(BIN)/quire
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/quire
# Serving needs only the project; tests, benchmarks and drills add the dev tools (pytest, Playwright, ...).
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install dev run test test-sqlite test-postgres test-browser browser-deps system-deps bench drill lint fmt clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Quire needs Python 3.11 or newer")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	rm -f $(VENV)/.installed-[0-9]*
	touch $@

dev: $(DEV_STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-dev-*
	touch $@

run: install
	$(QUIRE) migrate --noinput
	$(QUIRE) demo --if-empty
	QUIRE_DEMO=1 $(QUIRE) serve --with-worker

# PostgreSQL first, then SQLite with the browser tests, so the last summary line counts the most tests.
test: dev browser-deps system-deps
	$(MAKE) test-postgres
	$(MAKE) test-sqlite

test-sqlite: dev browser-deps system-deps
	$(BIN)/pytest

test-postgres: dev system-deps
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -m "not browser"

test-browser: dev browser-deps
	$(BIN)/pytest -m browser

# Debian's Chromium (Playwright drives it; no browser download) and the page checkers from npm.
browser-deps:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@test -f node_modules/axe-core/axe.min.js -a -f node_modules/vnu-jar/build/dist/vnu.jar || npm ci --no-audit --no-fund --silent

# Readers' tools the tests run against real downloads: Calibre (ebook-convert builds the Kindle formats,
# ebook-meta reads metadata back) and poppler's pdftotext; the fonts PDFs draw every script with (TrueType:
# DejaVu, Noto's Hebrew and Arabic, WenQuanYi Micro Hei for CJK and Hangul, Symbola for emoji). Each is
# checked by one file it installs.
SYSTEM_PACKAGES := calibre poppler-utils fonts-dejavu-core fonts-noto-core fonts-wqy-microhei fonts-symbola
SYSTEM_FILES := /usr/bin/ebook-convert /usr/bin/pdftotext /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
	/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf /usr/share/fonts/truetype/wqy/wqy-microhei.ttc \
	/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
system-deps:
	@for f in $(SYSTEM_FILES); do test -e $$f || missing=1; done; \
	test -z "$$missing" || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null)

# Loads its archives once (var/bench/ and quire_bench_* databases) and reuses them; budgets.py builds a
# throwaway hostile archive (bench/hostile_archive.py) and times every page kind against its budget.
bench: dev
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/discovery.py
	$(BIN)/python bench/cjk_search.py
	$(BIN)/python bench/fanout.py
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/betaread.py
	$(BIN)/python bench/asking.py
	$(BIN)/python bench/words.py
	$(BIN)/python bench/stats.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/budgets.py
	$(BIN)/python bench/import.py

# Durability drills against a real server on a throwaway archive (SQLite, then a scratch PostgreSQL database);
# then schemathesis against the served API as a guest and with a token, stateful phase included
# (bench/drill_api.py); last, issue #17's hostile requests against a production-mode SQLite archive
# (bench/drill_hostile.py).
DRILL_DURATION ?= 60
drill: dev
	cd bench && ../$(BIN)/python drill_concurrency.py --database sqlite --duration $(DRILL_DURATION)
	cd bench && ../$(BIN)/python drill_concurrency.py --database postgres --duration $(DRILL_DURATION)
	cd bench && ../$(BIN)/python drill_sigkill.py --database sqlite --kills 20
	cd bench && ../$(BIN)/python drill_sigkill.py --database postgres --kills 20
	cd bench && ../$(BIN)/python drill_api.py --duration $(DRILL_DURATION)
	cd bench && ../$(BIN)/python drill_hostile.py --duration $(DRILL_DURATION)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules var/static
