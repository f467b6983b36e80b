#!/usr/bin/env bash
# Installs, idempotently and only what is missing, everything moodwatch needs on a fresh
# Debian 12 machine: Debian packages (Chromium + driver, CJK fonts), the wasm32 target,
# wasm-pack, wasm-bindgen-cli pinned to Cargo.lock, the Python venv for training/evaluation
# peers (only with --python), and www/ node packages from package-lock.json.
# Nothing here downloads a binary from outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

want_python=0
for arg in "$@"; do
  case "$arg" in
    --python) want_python=1 ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '[bootstrap] %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# --- Debian packages --------------------------------------------------------------------
apt_missing=()
for pkg in chromium chromium-driver fonts-wqy-zenhei; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || apt_missing+=("$pkg")
done
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "apt-get install ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

# --- Rust targets and tools ---------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  rustup component list --installed | grep -q "^$comp" || rustup component add "$comp"
done

WASM_PACK_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  say "cargo install wasm-pack $WASM_PACK_VERSION (about 5 minutes, once per machine)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --quiet
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or the generated glue
# refuses to load. Read the version from the lock file so the two can never drift apart.
WBG=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ -z "$WBG" ]; then echo "bootstrap: wasm-bindgen not found in Cargo.lock" >&2; exit 1; fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG" ]; then
  say "cargo install wasm-bindgen-cli $WBG (about 6 minutes, once per machine)"
  # Not --locked: the CLI's own lock file pins crates that no longer build on current Rust.
  cargo install wasm-bindgen-cli --version "=$WBG" --force --quiet
fi

# --- Node packages for www/ -----------------------------------------------------------------
if [ -f www/package-lock.json ]; then
  stamp=www/node_modules/.moodwatch-lock.sha256
  want=$(sha256sum www/package-lock.json | awk '{print $1}')
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "npm ci in www/"
    (cd www && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
fi

# --- Python venv (training and peer evaluation only) -----------------------------------------
if [ "$want_python" = 1 ]; then
  venv=.venv
  stamp=$venv/.moodwatch-req.sha256
  want=$(cat models/requirements.txt lexicon/requirements.txt | sha256sum | awk '{print $1}')
  if [ ! -x "$venv/bin/python" ]; then
    say "python3 -m venv $venv"
    python3 -m venv "$venv"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "pip install -r models/requirements.txt -r lexicon/requirements.txt"
    "$venv/bin/pip" install -q --disable-pip-version-check -r models/requirements.txt -r lexicon/requirements.txt
    echo "$want" > "$stamp"
  fi
fi
say "ready"
