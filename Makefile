# LandWatch: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
DEMO_WORKSPACE ?= demo-workspace
PORT ?= 8080

.PHONY: setup build demo test bench clean

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build

# Sets up, builds, generates the demo city into $(DEMO_WORKSPACE), prints the summary, then serves it
# at http://127.0.0.1:$(PORT)/ (sign-ins are printed; Ctrl-C stops the server).
demo: build
	$(SWIFT) run landwatch demo --workspace $(DEMO_WORKSPACE)
	$(SWIFT) run landwatch serve --workspace $(DEMO_WORKSPACE) --port $(PORT)

# Sets up and runs every test (suites needing ../shared/data skip with a reason when it is absent),
# then the browser walk through the web UI in headless chromium.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	bash scripts/browser-test.sh

# Overlay benchmark against PostGIS (installs PostgreSQL 15 + PostGIS 3; a throwaway cluster). Not a test.
bench: setup
	bash bench/overlay/run.sh --scale full

clean:
	rm -rf .build $(DEMO_WORKSPACE)
