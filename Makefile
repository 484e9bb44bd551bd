# Cookie Shop's two commands. Each installs what it needs first (see
# tools/setup.sh); run them from a fresh clone.
#
#   make run    build the release shop and serve it on http://127.0.0.1:3000
#   make test   every test: codec and page unit tests, in-process HTTP tests,
#               browser tests in Chromium

SHELL := /bin/bash
# Tools installed by tools/setup.sh: cargo's bin folder and npm's wasm-opt.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test test-unit test-browser setup setup-tests load

run: setup
	cargo leptos serve --release

test: setup-tests
	$(MAKE) test-unit
	$(MAKE) test-browser

## Codec, validation and in-process HTTP tests; no browser, no build tools.
test-unit:
	cargo test --locked -p app --features ssr
	cargo test --locked -p server

## Browser tests against the release build.
test-browser:
	cargo leptos build --release
	cd end2end && npx tsc --noEmit && npx playwright test

setup:
	tools/setup.sh

setup-tests:
	tools/setup.sh --tests

## A bounded load test against a release build (not part of `make test`).
load:
	tools/load.sh
