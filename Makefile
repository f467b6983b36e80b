# moodwatch — the two commands the README promises, plus the pieces they are made of.
# Every target sets up what is missing first (scripts/bootstrap.sh is idempotent).

PORT ?= 8080
WASM_OUT := www/pkg

.PHONY: demo test setup build-wasm extension eval bench lint clean

## make demo — set up, build the wasm package, serve the demo console on http://127.0.0.1:$(PORT)
demo: build-wasm
	node www/serve.mjs --port $(PORT)

## make test — set up and run every check; ends with one line `N passed, N failed`
test: setup
	bash scripts/test.sh

setup:
	bash scripts/bootstrap.sh

build-wasm: setup
	bash scripts/build-wasm.sh $(WASM_OUT)

## make extension — the unpacked MV3 browser extension in www/extension/dist/ plus its store zip
extension: build-wasm
	bash scripts/build-extension.sh --zip

## make eval — lexicon, model, fused and peers side by side on ../shared/data (needs the venv)
eval:
	bash scripts/bootstrap.sh --python
	cargo build --release --bin moodwatch
	.venv/bin/python scripts/evaluate.py

## make bench — printed figures: native per-message cost, engine throughput, sizes
bench: setup
	bash scripts/bench.sh

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features embedded-data,panic-hook -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features embedded-data,panic-hook,model-module -- -D warnings

clean:
	cargo clean
	rm -rf $(WASM_OUT) artifacts
