#!/usr/bin/env bash
# Builds the full page (the playground with its lessons, metrics, spacetime diagram and
# what-if preview: the `full` feature, src/ui/start.rs) into <out>/full/: playground.js and
# playground_bg.wasm. The page's first load leaves these out; its "Lessons", "Metrics" and
# "What if?" buttons, and `#lesson=ID` links, load them on demand.
#
# Trunk runs it after each build (Trunk.toml, [[hooks]] post_build) with TRUNK_STAGING_DIR
# and TRUNK_PROFILE set, so `make build` and `make serve` both have dist/full/; it can also
# be run by hand: scripts/build-full-page.sh OUT_DIR [release|debug].
set -euo pipefail

source "$(dirname "$0")/wasm-build-env.sh" "$@"
FLAGS=(--offline --target wasm32-unknown-unknown --bin replication-playground --no-default-features --features full)
if [ "$PROFILE" = release ]; then
    cargo build --release "${FLAGS[@]}"
    WASM="$TARGET_DIR/wasm32-unknown-unknown/release/replication-playground.wasm"
else
    cargo build "${FLAGS[@]}"
    WASM="$TARGET_DIR/wasm32-unknown-unknown/debug/replication-playground.wasm"
fi

# The lean page's build wrote the same path: this wasm is the full one only until the next
# page build, so it is bound right away.
rm -rf "$OUT/full"
mkdir -p "$OUT/full"
wasm-bindgen --target web --no-typescript --out-dir "$OUT/full" --out-name playground "$WASM"
# Its styles, one file per panel (www/full/*.css), as one sheet.
cat www/full/*.css > "$OUT/full/full.css"
if [ "$PROFILE" = release ]; then
    wasm-opt -Oz "$OUT/full/playground_bg.wasm" -o "$OUT/full/playground_bg.wasm"
    # Its JS glue and snippets minified, as the page's own are (scripts/minify-page-js.mjs).
    node --input-type=module -e "
      import { readdir, readFile, writeFile } from 'node:fs/promises';
      import { minify } from 'terser';
      const dir = process.argv[1];
      for (const name of (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.js'))) {
        const path = dir + '/' + name;
        const { code } = await minify(await readFile(path, 'utf8'), { module: true, compress: true, mangle: true });
        await writeFile(path, code);
      }" "$OUT/full"
fi
