# region-lab: `make scenario=region-outage` runs one scenario end to end on the local
# target (installing what is missing on first use); `make test` runs the test suite.
scenario ?= region-outage
target ?= local
SHELL := /bin/bash
NODE_STAMP := node_modules/.package-lock.json

.PHONY: run install build test test-unit lint nightly down clean help bench bench-gateway
.DEFAULT_GOAL := run

run: install build ## run $(scenario) on $(target) (default: region-outage on local)
	node bin/region-lab.js run scenarios/$(scenario).yaml --target $(target)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(NODE_STAMP) ## install pinned tools (Toxiproxy, k6, HAProxy, Nacos, Envoy) into the cache, first run only
	bash scripts/install.sh

build: $(NODE_STAMP)
	npx tsc -p tsconfig.json

test: install build lint ## the whole test suite (lint, unit + integration with real Nacos, Toxiproxy, HAProxy, k6)
	bash scripts/install-test-tools.sh
	mkdir -p test-output
	npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json

# the tests' type check (tsconfig.test.json: src, test and bench together), ESLint's import rules
# (no cycle, layers only pointing down: eslint.config.js) and Prettier on the files in .prettier-files
lint: $(NODE_STAMP) ## type-check the tests, check import cycles and layer order, check formatting
	npx tsc -p tsconfig.test.json
	npx eslint src test
	npx prettier --check $$(grep -v '^[[:space:]]*#' .prettier-files)

test-unit: $(NODE_STAMP)
	npx vitest run --project unit

nightly: install build ## every scenario in scenarios/
	node bin/region-lab.js nightly

down: build ## stop whatever a killed run left behind
	node bin/region-lab.js down

# bench: every bench-* target that exists (bench-lint and bench-report are added by their owners)
bench: bench-gateway ## gateway model vs real Envoy vs nginx latency and throughput (+ bench-lint, bench-report when defined)
	@for t in bench-lint bench-report; do if $(MAKE) -n $$t >/dev/null 2>&1; then $(MAKE) --no-print-directory $$t; fi; done

bench-gateway: install build ## nginx, real Envoy and the gateway model side by side in front of one Node backend
	bash scripts/install-bench-tools.sh
	node bench/gateway-bench.mjs

clean:
	rm -rf dist test-output

help:
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

.PHONY: conformance
conformance: install build ## Higress's own test cases (conformance/) against the gateway model, both profiles
	node bin/region-lab.js conformance

.PHONY: lint-runbook bench-lint
lint-runbook: build ## lint the project's own manifests (clusters/routes) for the Higress version the topology runs
	node bin/region-lab.js lint clusters/routes --higress $$(sed -n 's/^higress: *"\{0,1\}\([0-9.]*\)"\{0,1\}.*/\1/p' clusters/two-region.yaml)

bench-lint: $(NODE_STAMP) ## lint 1,000 manifests and print the time (goal < 2 s)
	npx vitest bench --run --project unit bench/lint.bench.ts

.PHONY: bench-report
bench-report: build ## time report generation for a 10-min run at 500 req/s (goals: < 10 s, report.html < 5 MB)
	node bench/report-bench.mjs

.PHONY: bench-overhead
bench-overhead: install build ## the testbed's own latency hop by hop (k6, Toxiproxy, HAProxy, gateway) on 127.0.110.x
	node bench/overhead-bench.mjs
