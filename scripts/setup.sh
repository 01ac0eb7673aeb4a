#!/usr/bin/env bash
# Installs what is missing, idempotently: the wasm target, wasm-bindgen-cli at the exact
# version of the wasm-bindgen crate (built with cargo install, never a prebuilt binary),
# Debian's chromium, chromium-driver, binaryen (wasm-opt) and a CJK font (for screenshots),
# and the node packages.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# clippy enforces the no-unwrap/expect/indexing lints of the modules that read input.
if ! cargo clippy --version >/dev/null 2>&1; then
  log "adding clippy"
  rustup component add clippy
fi

# The wasm-bindgen crate's version, as pinned in Cargo.toml (=x.y.z).
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION (cargo install; a few minutes the first time)"
  # Not --locked: the registry lacks one of its locked dependency versions.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

missing=()
for pkg in chromium chromium-driver binaryen fonts-wqy-microhei; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing node packages (npm ci)"
  npm ci --no-audit --no-fund
fi
log "ready"
