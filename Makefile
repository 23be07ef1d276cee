# region-lab: `make scenario=region-outage` runs one scenario end to end on the local
# target (installing what is missing on first use); `make test` runs the test suite.
scenario ?= region-outage
target ?= local
SHELL := /bin/bash
NODE_STAMP := node_modules/.package-lock.json

.PHONY: run install build test test-unit lint nightly down clean help
.DEFAULT_GOAL := run

run: install build ## run $(scenario) on $(target) (default: region-outage on local)
	node bin/region-lab.js run scenarios/$(scenario).yaml --target $(target)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(NODE_STAMP) ## install pinned tools (Toxiproxy, k6, HAProxy, Nacos) into the cache, first run only
	bash scripts/install.sh

build: $(NODE_STAMP)
	npx tsc -p tsconfig.json

test: install build ## the whole test suite (unit + integration with real Nacos, Toxiproxy, HAProxy, k6)
	mkdir -p test-output
	npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json

test-unit: $(NODE_STAMP)
	npx vitest run --project unit

nightly: install build ## every scenario in scenarios/
	node bin/region-lab.js nightly

down: build ## stop whatever a killed run left behind
	node bin/region-lab.js down

clean:
	rm -rf dist test-output

help:
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'
