#!/usr/bin/env bash
# Builds pkg/: the wasm module (release, size-tuned), its JS bindings (--target web),
# wasm-opt -Oz, and the npm package files. Prints the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --profile wasm-release --lib --target wasm32-unknown-unknown
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name policy_matcher \
  target/wasm32-unknown-unknown/wasm-release/policy_matcher.wasm
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-reference-types \
  --enable-multivalue --enable-nontrapping-float-to-int \
  -o pkg/policy_matcher_bg.wasm pkg/policy_matcher_bg.wasm
node scripts/package.mjs
wasm=$(stat -c %s pkg/policy_matcher_bg.wasm)
gz=$(gzip -9 -c pkg/policy_matcher_bg.wasm | wc -c)
js=$(gzip -9 -c pkg/policy_matcher.js | wc -c)
echo "pkg/policy_matcher_bg.wasm: $wasm bytes, $gz gzipped; pkg/policy_matcher.js: $js gzipped"
