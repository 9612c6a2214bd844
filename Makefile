# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: install run test worker beat lint format messages messages-check check-deploy clean bench-pages bench-load

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# The local demo signs in without the authenticator step; `make run TWO_FACTOR_REQUIRED=True` to try it.
# DEBUG is off by default (production fails fast without its secrets); local use turns it on.
run: export DEBUG ?= True
run: export TWO_FACTOR_REQUIRED ?= False
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo --if-empty
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with one of the demo accounts above."
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's chromium; install it when missing and we may (never a browser download).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi

test: export DEBUG ?= True
test: install $(CHROMIUM)
	$(PY) -m pytest

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Regenerate the catalogues; English copies msgid into msgstr, Georgian is translated by hand.
messages: export DEBUG ?= True
messages: install
	$(PY) manage.py makemessages --locale ka --locale en --no-location --no-obsolete --no-wrap --ignore ".venv/*" --ignore "node_modules/*"
	msgen --no-wrap locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore ".venv/*" --ignore "node_modules/*"

# Fails when makemessages would change a catalogue or a translation is missing or fuzzy.
messages-check: export DEBUG ?= True
messages-check: install
	$(PY) bin/check_translations.py

check-deploy: install
	DEBUG=False SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9') ALLOWED_HOSTS=hubs.example.org \
	  REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache

# Page timings at two data sizes in one run (PostgreSQL; seeds bench_small/bench_large once): see bench/RESULTS.md.
SMALL ?= 1000
LARGE ?= 100000
bench-pages: install
	$(PY) bench/pages.py --small $(SMALL) --large $(LARGE)

# Each role's main pages under load (locust; gunicorn + Celery worker + PostgreSQL bench_load + Redis, all on
# 127.0.0.1): 50 users for 10 minutes by default; see bench/load.py and bench/RESULTS.md.
USERS ?= 50
MINUTES ?= 10
bench-load: install
	$(PY) bench/load.py --users $(USERS) --minutes $(MINUTES)
