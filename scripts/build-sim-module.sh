#!/usr/bin/env bash
# Builds the simulator as an ES module for other pages (src/js_api, issue 16) into
# <out>/sim/: kafka-sim.js (exports `Simulation` and the default `init`), kafka-sim_bg.wasm
# and kafka-sim.d.ts; and copies the example page www/embed.html to <out>/embed.html.
#
# Trunk runs it after each build (Trunk.toml, [[hooks]] post_build) with TRUNK_STAGING_DIR
# and TRUNK_PROFILE set, so `make build` and `make serve` both have dist/sim/; it can also
# be run by hand: scripts/build-sim-module.sh OUT_DIR [release|debug].
# The page never loads it: it is a separate wasm, so the page's first load does not grow.
set -euo pipefail

source "$(dirname "$0")/wasm-build-env.sh" "$@"
if [ "$PROFILE" = release ]; then
    cargo build --offline --release --target wasm32-unknown-unknown --bin kafka-sim-module --features js-api
    WASM="$TARGET_DIR/wasm32-unknown-unknown/release/kafka-sim-module.wasm"
else
    cargo build --offline --target wasm32-unknown-unknown --bin kafka-sim-module --features js-api
    WASM="$TARGET_DIR/wasm32-unknown-unknown/debug/kafka-sim-module.wasm"
fi

mkdir -p "$OUT/sim"
wasm-bindgen --target web --out-dir "$OUT/sim" --out-name kafka-sim "$WASM"
if [ "$PROFILE" = release ]; then
    wasm-opt -Oz "$OUT/sim/kafka-sim_bg.wasm" -o "$OUT/sim/kafka-sim_bg.wasm"
fi
cp www/embed.html "$OUT/embed.html"
