#!/usr/bin/env bash
# Refits models/fusion.json after a lexicon or model change: builds the CLI, scores the dev
# split and the CS check set with `moodwatch score`, fits, and rebuilds so the new parameters
# are embedded.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
bin_dir=$(mktemp -d)
trap 'rm -rf "$bin_dir"' EXIT
cargo build --bin moodwatch
# Copy the binary at once: a target dir shared between checkouts may be rebuilt under us.
cp "${CARGO_TARGET_DIR:-target}/debug/moodwatch" "$bin_dir/moodwatch"
MOODWATCH_BIN="$bin_dir/moodwatch" "$PY" models/fit_fusion.py
cargo build --bin moodwatch
