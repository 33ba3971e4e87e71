#!/usr/bin/env bash
# Installs whatever this machine is missing to build, serve and test the playground.
#
# Idempotent and fast when everything is there (it only asks each tool its version), because
# `make serve`, `make build` and `make test` all run it first. Every step either finds its tool,
# installs it, or stops with the command a person must run: nothing is skipped silently.
#
# In tiers, so each target installs only what it needs (the Makefile names the tier):
#   scripts/setup.sh rust      cargo, rustfmt and clippy: the core's tests and the lints
#   scripts/setup.sh wasm      + the wasm32 target, wasm-bindgen and Debian's Chromium and
#                              ChromeDriver: the wasm tests in headless Chromium
#   scripts/setup.sh page      + trunk and the npm packages: build and serve the page
#   scripts/setup.sh all       everything (the default): the end-to-end tests
#
# Versions come from one place each:
#   wasm-bindgen   Cargo.lock (the CLI must equal the library, or the generated JS breaks)
#   trunk          TRUNK_VERSION below (0.22 needs a newer rustc than this project pins)
#   wasm-opt       package.json (npm package `binaryen`); Trunk.toml's [tools] pin is checked
#                  against it, so trunk (which runs --offline) never tries to download one
#   playwright     package.json (playwright-core only: it drives Debian's Chromium, and never
#                  downloads a browser)
set -euo pipefail

TRUNK_VERSION=0.21.14
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

TIER=${1:-all}
case "$TIER" in rust|wasm|page|all) ;; *) die "unknown tier '$TIER' (rust, wasm, page or all)";; esac

# --- Rust: cargo, rustfmt, clippy ------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found; install Rust with rustup (https://rustup.rs) first"
for component in rustfmt clippy; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
        say "adding the $component component"
        rustup component add "$component"
    fi
done

# --- Crates: lockfile and sources ----------------------------------------------------------
# trunk builds with `cargo --offline` (Trunk.toml), so every crate must already be downloaded;
# `cargo fetch` does that and is a no-op once done. It also writes Cargo.lock if it is missing.
cargo fetch --quiet
if [ "$TIER" = rust ]; then
    say "ok: $(cargo --version | awk '{ print $1, $2 }') with rustfmt and clippy"
    exit 0
fi

# --- Rust: the wasm target ---------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# --- wasm-bindgen CLI (and wasm-bindgen-test-runner): same version as the library -------------
WASM_BINDGEN_VERSION=$(awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1 }
    in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen package in Cargo.lock"

installed_version() { "$1" --version 2>/dev/null | awk '{ print $2 }'; }
if [ "$(installed_version wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ] ||
   [ "$(installed_version wasm-bindgen-test-runner)" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (to match Cargo.lock; takes a few minutes)"
    # No --locked: the CLI's own lockfile fails to resolve for some releases (0.2.130).
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- trunk ---------------------------------------------------------------------------------
if [ "$TIER" != wasm ]; then
    # Another `cargo install trunk` may already be compiling (e.g. started when the machine was
    # provisioned): wait for it instead of compiling a second copy in parallel.
    trunk_install_running() { pgrep -f "cargo install trunk" >/dev/null 2>&1; }
    if [ "$(trunk --version 2>/dev/null | awk '{ print $2 }')" != "$TRUNK_VERSION" ]; then
        if trunk_install_running; then
            say "a 'cargo install trunk' is already running; waiting for it to finish"
            waited_s=0
            while trunk_install_running; do
                sleep 5
                waited_s=$((waited_s + 5))
                [ $((waited_s % 60)) -eq 0 ] && say "still waiting for trunk (${waited_s}s)"
                [ "$waited_s" -lt 3600 ] || die "the running 'cargo install trunk' took over an hour"
            done
        fi
        if [ "$(trunk --version 2>/dev/null | awk '{ print $2 }')" != "$TRUNK_VERSION" ]; then
            say "installing trunk $TRUNK_VERSION (takes several minutes)"
            cargo install trunk --version "$TRUNK_VERSION" --locked
        fi
    fi
fi

# --- Chromium and ChromeDriver (Debian) ------------------------------------------------------
if [ "$TIER" != page ]; then
    if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
        apt_cmd="apt-get update && apt-get install -y chromium chromium-driver"
        if [ "$(id -u)" -ne 0 ]; then
            die "Chromium and ChromeDriver are missing; run as root: $apt_cmd"
        fi
        say "installing Debian's chromium and chromium-driver"
        # Wait for another apt/dpkg (for instance one started at provisioning) rather than failing.
        apt-get -o DPkg::Lock::Timeout=900 update
        apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends chromium chromium-driver
    fi
    # The driver drives the browser over a versioned protocol: they must come from the same build.
    chromium_major=$("$CHROMIUM" --version 2>/dev/null | grep -oE '[0-9]+' | head -1)
    driver_major=$("$CHROMEDRIVER" --version 2>/dev/null | grep -oE '[0-9]+' | head -1)
    [ "$chromium_major" = "$driver_major" ] ||
        die "chromium ($chromium_major) and chromedriver ($driver_major) differ; run: apt-get install -y chromium chromium-driver"
fi

# --- npm: binaryen (wasm-opt) and playwright-core ---------------------------------------------
if [ "$TIER" != wasm ]; then
    command -v npm >/dev/null || die "npm not found; install Node.js 20+ (Debian: apt-get install -y nodejs npm)"
    # npm records what it installed in node_modules/.package-lock.json; a newer package.json or
    # package-lock.json means someone changed the dependencies since.
    marker=node_modules/.package-lock.json
    if [ ! -f "$marker" ] || [ package.json -nt "$marker" ] ||
       { [ -f package-lock.json ] && [ package-lock.json -nt "$marker" ]; }; then
        say "installing npm packages"
        if [ -f package-lock.json ]; then
            PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
        else
            PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
        fi
    fi

    # trunk looks wasm-opt up on PATH (the Makefile puts node_modules/.bin first) and, offline,
    # refuses any version but the pinned one. Check the pin here, where the message can say why.
    wasm_opt_pin=$(sed -n 's/^wasm_opt *= *"\(.*\)"/\1/p' Trunk.toml)
    wasm_opt_have=$(node_modules/.bin/wasm-opt --version | awk '{ print $3 }')
    [ "version_$wasm_opt_have" = "$wasm_opt_pin" ] ||
        die "Trunk.toml pins wasm_opt = \"$wasm_opt_pin\" but package.json installs binaryen $wasm_opt_have; make them agree"
fi

say "ok ($TIER): wasm-bindgen $WASM_BINDGEN_VERSION${wasm_opt_have:+, trunk $TRUNK_VERSION, wasm-opt $wasm_opt_have}${chromium_major:+, chromium $chromium_major}"
