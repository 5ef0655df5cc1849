#!/usr/bin/env bash
# Start-up and history timings of the release binary, with a reference
# Rust TUI measured in the same run (see benches/startup.rs).
#
#   scripts/startup.sh                      # no reference
#   REF_TUI="ttyper" scripts/startup.sh     # e.g. `cargo install ttyper`
#   RUNS=25 SIZES=100,1000 scripts/startup.sh
#   KEEP_HISTORIES=/tmp/h scripts/startup.sh   # keep /tmp/h/h100 … to try them
#
# Medians of interleaved runs; the 10,000-session history takes a minute
# or two to generate and score.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
if [[ -z "${REF_TUI:-}" ]] && command -v ttyper >/dev/null; then
    REF_TUI="ttyper"
fi
export REF_TUI="${REF_TUI:-}"
export MLSD_BIN="${MLSD_BIN:-$PWD/target/release/mlsd-coach}"
cargo bench --quiet --bench startup
