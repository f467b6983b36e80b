#!/usr/bin/env bash
# Prints moodwatch's speed and size figures (no thresholds: these machines are shared and
# noisy, so compare ratios within one run). Native benches run in release.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
for ex in bench_lexicon bench_model bench_engine; do
  if [ -f "examples/$ex.rs" ]; then
    echo "=== $ex"
    cargo run --quiet --release --example "$ex"
  fi
done
echo "=== embedded data (what the lexicon, dictionary and model add to the wasm)"
total_raw=0; total_gz=0
for f in lexicon/cs_lexicon.tsv lexicon/general.tsv lexicon/english.tsv lexicon/jieba_dict.txt lexicon/t2s.tsv \
         lexicon/variants.tsv src/analysis/conversation/playbook.default.json models/sentiment.onnx models/fusion.json; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf 'size: %-48s raw %8d B  gzip -9 %8d B\n' "$f" "$raw" "$gz"
done
printf 'size: %-48s raw %8d B  gzip -9 %8d B\n' "(all embedded data)" "$total_raw" "$total_gz"
echo "=== shipped sizes (wasm-pack --release)"
bash scripts/build-wasm.sh www/pkg >/dev/null 2>&1
for f in www/pkg/moodwatch_bg.wasm www/pkg/moodwatch.js www/pkg/moodwatch_model_bg.wasm www/pkg/moodwatch_model.js www/moodwatch.js; do
  [ -f "$f" ] || continue
  printf 'size: %-34s raw %8d B  gzip -9 %8d B\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
if [ -f www/e2e/run.mjs ]; then
  echo "=== in Chromium (e2e benches)"
  node www/e2e/run.mjs --only bench || true
fi
