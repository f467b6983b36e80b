#!/usr/bin/env bash
# Builds the two wasm modules the browser build ships, into one folder (default www/pkg):
#   moodwatch.js + moodwatch_bg.wasm             the module that starts: lexicon, engine,
#                                                browser layer; no tract (feature `model` off)
#   moodwatch_model.js + moodwatch_model_bg.wasm the model module: tract and the int8 model
#                                                (feature `model-module`), linked after start
# Usage: scripts/build-wasm.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-www/pkg}
wasm-pack build --mode no-install --target web --release --out-dir "$out" \
  --no-default-features --features embedded-data,panic-hook
# A second wasm-pack build into the same folder keeps the first one's files (its own are
# named by --out-name) but rewrites package.json: the first one's is kept, with the model
# module's files added to its list.
cp "$out/package.json" "$out/.package.json.main"
# The model module in a profile of its own (`wasm-model` in Cargo.toml: tract at opt-level "s").
wasm-pack build --mode no-install --target web --profile wasm-model --out-dir "$out" --out-name moodwatch_model \
  --no-default-features --features embedded-data,panic-hook,model-module
node -e '
const fs = require("fs"); const [main, out] = process.argv.slice(1);
const pkg = JSON.parse(fs.readFileSync(main, "utf8"));
pkg.files = [...new Set([...pkg.files, "moodwatch_model_bg.wasm", "moodwatch_model.js", "moodwatch_model.d.ts"])];
fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n"); fs.unlinkSync(main);
' "$out/.package.json.main" "$out/package.json"
