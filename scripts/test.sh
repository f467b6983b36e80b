#!/usr/bin/env bash
# Runs every check moodwatch has, one stage after another, and keeps going after a failure so
# one run shows everything that is wrong. Ends with one line: `N passed, N failed`.
# Counts: each lint stage counts as one check; test stages count their individual tests.
set -uo pipefail
cd "$(dirname "$0")/.."

export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300}
mkdir -p artifacts/logs
passed=0
failed=0
failed_stages=()

# Sums "test result: ok. N passed; M failed" lines (cargo test and wasm-bindgen-test-runner).
count_rust_tests() {
  awk '/test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
       END { printf "%d %d\n", p, f }' "$1"
}

# Runs one stage: name, kind (check|rust|e2e), command...
stage() {
  local name=$1 kind=$2; shift 2
  local log="artifacts/logs/$name.log" start=$SECONDS rc
  printf '\n=== %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  local p=0 f=0
  case $kind in
    check) if [ "$rc" = 0 ]; then p=1; else f=1; fi ;;
    rust) read -r p f < <(count_rust_tests "$log") ;;
    e2e) read -r p f < <(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | awk '{print $1+0, $3+0}') ;;
  esac
  p=${p:-0}; f=${f:-0}
  # A stage that failed without reporting a failed test (a build error) still counts as one.
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$rc" = 0 ] || failed_stages+=("$name")
  printf '=== %s: exit %s, %s passed, %s failed, %ss\n' "$name" "$rc" "$p" "$f" $((SECONDS - start))
}

stage fmt check cargo fmt --check
stage clippy-native check cargo clippy --all-targets -- -D warnings
stage clippy-wasm32 check cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
# The two modules the browser build ships (scripts/build-wasm.sh): without tract, and the model module.
stage clippy-wasm32-shipped check cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features embedded-data,panic-hook -- -D warnings
stage clippy-wasm32-model-module check cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features embedded-data,panic-hook,model-module -- -D warnings
stage native-tests rust cargo test --no-fail-fast
stage browser-tests rust wasm-pack test --mode no-install --headless --chrome
stage build-wasm check bash scripts/build-wasm.sh www/pkg
stage e2e e2e node www/e2e/run.mjs

echo
if [ ${#failed_stages[@]} -gt 0 ]; then echo "failed stages: ${failed_stages[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
