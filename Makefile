# The Kafka Replication Playground. `make serve` to play, `make test` to check everything.
# Every target first runs scripts/setup.sh with the tier it needs, which installs whatever is
# missing (fast when done): the core's tests and the lints need only Rust.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
# One step at a time, in the order written: the test stages are meant to run in sequence.
.NOTPARALLEL:
.DEFAULT_GOAL := help

# cargo-installed tools (trunk, wasm-bindgen) and npm-installed ones (wasm-opt, from binaryen).
# trunk finds wasm-opt and wasm-bindgen on PATH; it never downloads them (Trunk.toml: offline).
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: help setup serve build test lint test-native test-wasm test-e2e bench bench-ui sweep clean

help:
	@echo 'make serve   build and serve the playground at http://127.0.0.1:8080 (rebuilds on change)'
	@echo 'make build   release build into dist/ (works from any sub-path)'
	@echo 'make test    lints, native tests, wasm tests in headless Chromium, then end-to-end browser tests'
	@echo 'make test-native  the core tests only (needs only Rust)'
	@echo 'make bench   benchmarks of the simulation core'
	@echo 'make bench-ui  the page: frame time, transfer, time to interactive'
	@echo 'make sweep   the seed sweep at scale on every core (SWEEP_SEEDS=1000000 make sweep; not in make test),'
	@echo '             then the defend challenges on 5000 seeds (DEFEND_SEEDS=N to change)'
	@echo 'make clean   remove build output'
	@echo 'make setup   install missing tools only (every target above runs it first)'

setup:
	@scripts/setup.sh

serve:
	@scripts/setup.sh page
	trunk serve

build:
	@scripts/setup.sh page
	trunk build --release

test: lint test-native test-wasm test-e2e
	@echo 'make test: all passed'

# One format (rustfmt.toml) and no clippy warning, natively and for wasm; clippy.toml keeps
# unordered maps and the wall clock out (the core must be deterministic). Benches are left
# out of the wasm check: their counting allocator is native-only.
lint:
	@scripts/setup.sh wasm
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features js-api --lib --bins --test 'wasm_*' -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features full,browser-inflate --lib --bins -- -D warnings

# The core's unit tests, scenarios and seed sweeps ([profile.test] is optimised), then every
# lesson of lessons/ checked as docs/lessons.md says (a lesson untrue of the simulator fails).
test-native:
	@scripts/setup.sh rust
	cargo test
	cargo run --quiet --profile test --bin kafka-sim -- lesson check lessons

# tests/wasm_*.rs (with the JS API's, hence its feature: one build of the library for all),
# compiled to wasm32 and run by wasm-bindgen-test-runner in headless Chromium
# through Debian's chromedriver (.cargo/config.toml, webdriver.json). Only those files: the
# other integration tests are native-only.
test-wasm:
	@scripts/setup.sh wasm
	cargo test --target wasm32-unknown-unknown --features js-api --test 'wasm_*'

# The release build served from a sub-path, driven by playwright-core in Debian's Chromium
# (e2e/). Screenshots land in e2e/artifacts/.
test-e2e: build
	@scripts/setup.sh all
	node --test --test-timeout=120000 e2e/*.test.mjs

# The core natively (benches/: the standard workload for one simulated hour, and seeking in
# a 10-minute session), then the same workload in headless Chromium (tests/bench_wasm.rs):
# first at native's opt-level 3 (the wasm/native comparison), then as shipped (opt-level z).
bench:
	@scripts/setup.sh wasm
	cargo bench
	WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --profile bench --target wasm32-unknown-unknown --test bench_wasm -- --nocapture
	WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --nocapture

# The page's figures (frame time p95 at 12x60 and 50x500, transfer, time to interactive;
# then the two long sessions a class builds: seek, reload, new tab): a benchmark, not a
# test. See e2e/bench-frames.mjs and e2e/bench-sessions.mjs.
bench-ui: build
	@scripts/setup.sh all
	node e2e/bench-frames.mjs
	node e2e/bench-sessions.mjs

# The seed sweep at scale (tests/seed_sweep.rs): SWEEP_SEEDS safe and as many unsafe seeds,
# each sweep on every core, both checkers (built-in and from the outside). The bench profile
# (opt-level 3) because the sweep is long; one test at a time so each sweep has every core.
# Prints progress, seeds/s, and every failing seed with its replay command. Not in `make test`.
SWEEP_SEEDS ?= 100000
sweep:
	@scripts/setup.sh rust
	SWEEP_SEEDS=$(SWEEP_SEEDS) cargo test --profile bench --test seed_sweep -- --nocapture --test-threads 1
	cargo run --quiet --profile bench --bin kafka-sim -- lesson check lessons --seeds $(or $(DEFEND_SEEDS),5000)

clean:
	cargo clean
	rm -rf dist e2e/artifacts
