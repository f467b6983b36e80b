#!/usr/bin/env bash
# Assembles the loadable MV3 extension in www/extension/dist/ from the extension's own files,
# the release wasm package (www/pkg: moodwatch.js + moodwatch_bg.wasm and the model module
# moodwatch_model.js + moodwatch_model_bg.wasm, from `make build-wasm`)
# and the adapter presets (www/presets/*.json). With --zip it also writes
# www/extension/moodwatch-extension-<version>.zip for the Chrome Web Store.
#
#   bash scripts/build-extension.sh [--zip] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

out=www/extension/dist
zip=0
while [ $# -gt 0 ]; do
  case $1 in
    --zip) zip=1 ;;
    --out) out=${2:?--out needs a directory}; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "build-extension.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

src=www/extension
files=(manifest.json background.js content.js sites.js options.html options.js popup.html popup.js extension.css)
for f in "${files[@]}"; do
  [ -f "$src/$f" ] || { echo "build-extension.sh: missing $src/$f" >&2; exit 1; }
done
for f in www/pkg/moodwatch.js www/pkg/moodwatch_bg.wasm www/pkg/moodwatch_model.js www/pkg/moodwatch_model_bg.wasm; do
  [ -f "$f" ] || { echo "build-extension.sh: missing $f: run \`make build-wasm\` first" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out/pkg" "$out/presets"
for f in "${files[@]}"; do cp "$src/$f" "$out/$f"; done
cp www/pkg/moodwatch.js www/pkg/moodwatch_bg.wasm www/pkg/moodwatch_model.js www/pkg/moodwatch_model_bg.wasm "$out/pkg/"
cp www/presets/*.json "$out/presets/"

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$src/manifest.json" | head -1)
echo "moodwatch extension $version assembled in $out ($(du -sh "$out" | cut -f1))"

if [ "$zip" = 1 ]; then
  archive=$PWD/www/extension/moodwatch-extension-$version.zip
  rm -f "$archive"
  if command -v zip >/dev/null; then
    (cd "$out" && zip -qr -9 "$archive" .)
  else
    python3 - "$out" "$archive" <<'PY'
import os, sys, zipfile
root, archive = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            p = os.path.join(d, f)
            z.write(p, os.path.relpath(p, root))
PY
  fi
  echo "store zip: ${archive#"$PWD"/} ($(du -h "$archive" | cut -f1))"
fi
