# shopfloor: Odoo 18 shop-floor execution addons.
# `make run`  - prepare everything (Python env, Odoo, PostgreSQL) and serve the demo factory.
# `make test` - run the whole suite (linters, Odoo tests, end-to-end API tests).
.PHONY: run test lint bench help

help:
	@echo "make run    serve the demo database on http://127.0.0.1:8069"
	@echo "make test   linters + Odoo tests + end-to-end tests (what CI runs)"
	@echo "make lint   ruff and pylint-odoo only"
	@echo "make bench  every benchmark in bench/"

run:
	@bash .ci/serve

test:
	@bash .ci/test

lint:
	@bash .ci/test --lint-only

bench:
	@for b in bench/*/run; do bash $$b || exit 1; done
