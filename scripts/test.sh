#!/usr/bin/env bash
# Installs what is missing, then runs every test: the native core (cargo test, which
# also validates the catalogue against its sources), the wasm boundary under node
# (wasm-bindgen-test), the built package against the CLI (node:test), the widget in
# Debian's headless Chromium (node:test + playwright-core + axe-core), and the budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests (core, catalogue validation, fixtures)"
cargo test --all-targets

step "clippy: no unwrap/expect/indexing on input in the modules that read it (native and wasm)"
cargo clippy --lib --quiet
cargo clippy --lib --quiet --target wasm32-unknown-unknown

step "catalogue check, as an official runs it"
cargo run --quiet --release --bin policy-matcher -- check catalogue

step "wasm tests under node (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test wasm

step "build pkg/"
bash scripts/build.sh

step "budgets: package size and decision speed"
gz=$(gzip -9 -c pkg/policy_matcher_bg.wasm | wc -c)
# 296 KiB: the result side (standing, estimates, reason sentences, summary, ranking,
# to_qualify) added ~50 KB of code to 237 KB; then ~55 quoted "how to apply" texts and
# the English unit names and notes (~8 KB of catalogue text) and the encoded
# decideProfile path (~4 KB) took it to ~300,100 bytes. Issue 10 (a compiled catalogue
# without serde_json at run time, a compact result) is where the download comes down.
max_gz=${BUDGET_WASM_GZIP_BYTES:-303104}
echo "pkg/policy_matcher_bg.wasm gzipped: $gz bytes [budget ≤ $max_gz]"
[ "$gz" -le "$max_gz" ] || { echo "wasm size over budget"; exit 1; }
# The names module (region/industry search) is a second download, loaded with the form.
names_gz=$(gzip -9 -c pkg/policy_matcher_names_bg.wasm | wc -c)
max_names_gz=${BUDGET_NAMES_WASM_GZIP_BYTES:-81920}
echo "pkg/policy_matcher_names_bg.wasm gzipped: $names_gz bytes [budget ≤ $max_names_gz]"
[ "$names_gz" -le "$max_names_gz" ] || { echo "names wasm size over budget"; exit 1; }
# Measured here: ~5,400,000 profiles/s natively (~3,800,000 under load), decideProfile
# ~2.1 µs per profile in wasm through the JS API (~3.4 µs under load; the per-field path
# ~7-9.5 µs); the budgets leave room for a machine 3x slower. That the fixtures take the
# encoded path at all is asserted by tests/node/decide-encoded.test.mjs, not by timing.
BUDGET_PROFILES_PER_SEC=${BUDGET_PROFILES_PER_SEC:-1000000} cargo bench --bench decide
BUDGET_WASM_DECIDE_US=${BUDGET_WASM_DECIDE_US:-10} node benches/wasm-decide.mjs

step "package and browser tests (node:test, headless Chromium)"
node --test tests/node/ tests/browser/
