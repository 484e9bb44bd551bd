# The shop's two commands. Each installs what it needs first (see
# tools/setup.sh); run them from a fresh clone.
#
#   make run    build the release shop and serve it on http://127.0.0.1:3000
#   make test   every test: codec and page unit tests, in-process HTTP tests,
#               browser tests in Chromium (also through nginx over HTTPS),
#               and the lecture's Flask shop
#   make flask  the lecture's own shop in Flask (lecture/flask/), served on
#               http://127.0.0.1:5000 by Flask's development server
#   make docs   re-pins the docs' links to lines of code (`…rs#L42`) to the
#               lines that now define what they name
#
# In the template's own repository (where cargo-generate.toml is) also:
#   make test   also starts a project from it and tests that (test-template)
#   make bench  the benchmark: writes its table into docs/performance.md
#   make screenshots  the docs' pictures: writes docs/screenshots/*.png
#   make test-solutions  each exercise's solution, applied to a new project

SHELL := /bin/bash
# Tools installed by tools/setup.sh: cargo's bin folder and npm's wasm-opt.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test test-unit test-browser test-template test-flask test-solutions setup setup-tests flask bench screenshots docs

# The release build everything serves: hashed file names, and every static
# file also written brotli- and gzip-compressed for the server to pick.
RELEASE := --release --precompress

# Non-empty in the template's repository only: a project started from it has
# no cargo-generate.toml, nor the benchmark, the screenshots' walk or the
# template's tests (cargo-generate.toml leaves them behind).
TEMPLATE := $(wildcard cargo-generate.toml)

run: setup
	cargo leptos serve $(RELEASE)

# The browser tests' tools install (mostly downloads and unpacking) while
# the unit tests compile (mostly the processor): side by side, not in turn.
# The `+` on those recipes' lines hands cargo make's two job slots, so
# together they run at most two compilers.
test:
	$(MAKE) -j2 setup-tests test-unit
	$(MAKE) test-browser
	$(MAKE) test-template
	$(MAKE) test-flask

# The tests' debug builds erase the views' types, as `cargo leptos watch`
# does: typed, every symbol that renders a page is megabytes long (figures in
# the template's docs/performance.md). Release builds keep the typed views.
test-unit test-template test-solutions docs: export RUSTFLAGS += --cfg erase_components

## Codec, validation and in-process HTTP tests; no browser, no build tools.
test-unit:
	+cargo test --locked -p app --features ssr
	+cargo test --locked -p server

## Browser tests against the release build: first the shop on its own, then
## deployed behind nginx over HTTPS on two instances (end2end/deploy/).
test-browser:
	cargo leptos build $(RELEASE)
	cd end2end && npx tsc --noEmit && npx playwright test
	cd end2end && npx playwright test --config deploy/deploy.config.ts

## A project started from this one (`cargo leptos new`) gets its name, and its
## unit and in-process tests pass. In a project started from the template,
## there is no template to test.
test-template:
ifneq ($(TEMPLATE),)
	tools/template-test.sh
else
	@echo "make test-template: nothing to do; this project was started from a template, and the template's repository tests that"
endif

## The lecture's Flask shop: its cookies, and the lecture's code word for
## word in its pages (lecture/flask/test_app.py). Needs only Python and PyPI.
test-flask:
	tools/setup.sh --flask
	cd lecture/flask && ../../$(FLASK_VENV)/bin/python -m unittest

## Each exercise's solution (solutions/*.patch) applied to a new project, whose
## unit and in-process tests must then pass. Not part of `make test` (slow).
ifneq ($(TEMPLATE),)
test-solutions: setup
	tools/test-solutions.sh
endif

setup:
	tools/setup.sh

setup-tests:
	+tools/setup.sh --tests

## The lecture's shop in Flask (lecture/flask/), beside the Rust one, from a
## virtual environment of its own (target/lecture-flask, made from PyPI the
## first time). Flask's development server: for trying it, not for serving.
FLASK_VENV := target/lecture-flask
flask test-flask: export PYTHONDONTWRITEBYTECODE = 1
flask:
	tools/setup.sh --flask
	cd lecture/flask && ../../$(FLASK_VENV)/bin/flask --app app run --host 127.0.0.1 --port 5000

## The benchmark (not part of `make test`): every route of the shop against
## the smallest Leptos page, the lecture's shop in Flask and bare axum, in
## interleaved rounds; memory, first-load weight, hydration (beside the
## smallest Leptos islands page, end2end/bench/islands-floor/).
## BENCH_SECONDS (5) per wrk run; BENCH_ROUNDS (3, at least 3);
## BENCH_HYDRATION_RUNS (9) cold visits.
ifneq ($(TEMPLATE),)
bench:
	tools/setup.sh --bench
	cargo leptos build $(RELEASE)
	cargo build --release --locked -p server --example bare_limit --example leptos_floor
	cd end2end/bench/islands-floor && cargo leptos build $(RELEASE) --cargo-locked
	cd end2end && npx playwright test --config bench/bench.config.ts
endif

## The pictures in the docs (not part of `make test`): a release build, then
## one walk through the shop in Chromium, writing docs/screenshots/*.png.
ifneq ($(TEMPLATE),)
screenshots: setup-tests
	cargo leptos build $(RELEASE)
	cd end2end && npx playwright test --config screenshots/screenshots.config.ts
endif

## The docs' links to lines of code follow the code: each is rewritten to the
## line that defines the name it shows (app/examples/repin_docs.rs, with the
## rules the docs test checks). Built as `make test-unit` builds the tests,
## so each reuses the other's build.
docs:
	cargo run --locked -p app --features ssr --example repin_docs

# A project started from the template has none of the material these need.
ifeq ($(TEMPLATE),)
bench screenshots test-solutions:
	@echo "make $@: belongs to the template this project was started from (its repository keeps the benchmark, the screenshots and the solutions); this project has none" >&2; exit 1
endif
