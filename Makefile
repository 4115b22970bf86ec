# Two commands a new machine needs: `make run` and `make test`. Everything else is set up by them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup python assets browser lint bench clean

run: setup
	$(BIN)/databank db upgrade
	$(BIN)/databank seed-demo --if-empty
	@echo "databank: open http://$(HOST):$(PORT)/login (the demo logins are above and in instance/demo-logins.txt)"
	$(BIN)/databank run --host $(HOST) --port $(PORT)

test: setup browser
	$(BIN)/ruff check .
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "databank: running the database tests again on PostgreSQL"; \
		$(BIN)/python -m pytest tests/databank; \
	fi

bench: setup
	$(BIN)/python -m matching.bench

lint: setup
	$(BIN)/ruff check .

setup: python assets

python: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

assets: static/vendor/.installed

# Bootstrap's RTL build, Vazirmatn and Chart.js come from npm and are served by the app itself.
static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf static/vendor
	mkdir -p static/vendor/bootstrap static/vendor/vazirmatn static/vendor/chartjs
	cp node_modules/bootstrap/dist/css/bootstrap.rtl.min.css* static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/
	cp node_modules/vazirmatn/Vazirmatn-font-face.css static/vendor/vazirmatn/
	mkdir -p static/vendor/vazirmatn/fonts
	cp -r node_modules/vazirmatn/fonts/webfonts static/vendor/vazirmatn/fonts/
	cp node_modules/chart.js/dist/chart.umd.js static/vendor/chartjs/
	touch $@

# Browser tests drive Debian's Chromium; never a browser download.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "databank: $(CHROMIUM) is missing and this user cannot install it; browser tests will be skipped"; \
		fi; \
	fi

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache .ruff_cache
