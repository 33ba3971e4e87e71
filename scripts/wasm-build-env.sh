# The set-up both post-build hooks share (build-sim-module.sh, build-full-page.sh), sourced
# by them with their arguments: the repository as the working directory, the tools on PATH,
# OUT (the output directory: the first argument, else trunk's TRUNK_STAGING_DIR), PROFILE
# (the second argument, else trunk's TRUNK_PROFILE, else release) and cargo's TARGET_DIR.
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
OUT=${1:-${TRUNK_STAGING_DIR:?give the output directory}}
PROFILE=${2:-${TRUNK_PROFILE:-release}}
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --offline | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
