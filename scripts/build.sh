#!/usr/bin/env bash
# Builds pkg/: the wasm module (size-tuned profile), wasm-opt -Oz on it, then its JS
# bindings (wasm-bindgen --target web) and the npm package files; smoke-tests the
# result under node and prints the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --profile wasm-release --lib --target wasm32-unknown-unknown
raw=target/wasm32-unknown-unknown/wasm-release/policy_matcher.wasm
opt=target/wasm32-unknown-unknown/wasm-release/policy_matcher.opt.wasm
# Optimise before wasm-bindgen: run after it, Debian's wasm-opt 108 breaks the
# externref table that the bindings set up.
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-reference-types \
  --enable-multivalue --enable-nontrapping-float-to-int -o "$opt" "$raw"
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name policy_matcher "$opt"
# decideProfile: the encoder that hands a profile to wasm in one call (js/decide.js,
# DESIGN.md "The encoded decision path"), in the bindings' module so that every import
# of policy_matcher.js gets it.
cat js/decide.js >> pkg/policy_matcher.js
cat js/decide.d.ts >> pkg/policy_matcher.d.ts
# The names module (region and industry search by name, src/wasm_names.rs): the same
# crate built with --features names-module into its own small wasm, loaded by the widget
# beside the matcher so that the name tables do not count against the matcher's budget.
# Tuned for size (opt-level "z": 70 KB instead of 73 KB gzipped; a search per keystroke
# over ~2,800 names does not notice), in its own target dir so that the two opt-levels
# do not rebuild each other's dependencies.
CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=z cargo build --profile wasm-release --lib \
  --target wasm32-unknown-unknown --features names-module --target-dir target/names-module
names_raw=target/names-module/wasm32-unknown-unknown/wasm-release/policy_matcher.wasm
names_opt=target/names-module/wasm32-unknown-unknown/wasm-release/policy_matcher_names.opt.wasm
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-reference-types \
  --enable-multivalue --enable-nontrapping-float-to-int -o "$names_opt" "$names_raw"
wasm-bindgen --target web --out-dir pkg --out-name policy_matcher_names "$names_opt"
cargo run --quiet --release --bin policy-matcher -- schema > pkg/profile.schema.json
node scripts/package.mjs
# The custom-catalogue demo's site catalogue, generated from one of the documents.
mkdir -p www/catalogues
cargo run --quiet --release --bin policy-matcher -- bundle catalogue/hainan-2024.toml > www/catalogues/example-catalogue.json
node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  const m = await import('./pkg/policy_matcher.js');
  m.initSync({ module: readFileSync('pkg/policy_matcher_bg.wasm') });
  const out = m.matchProfile({ region: '350203', industry: 'C39', employees: 80, revenue: 60000000 }, { as_of: '2025-06-01' });
  if (out.derived.size.value !== 'small' || out.errors.length) { console.error('pkg smoke test failed', out.errors); process.exit(1); }
"

# pkg-batch/: the batch page's wasm (www/batch.html), with the file readers (csv,
# calamine) the widget must not carry; its own target dir keeps both builds cached.
cargo build --profile wasm-release --lib --target wasm32-unknown-unknown --features batch-wasm --target-dir target/wasm-batch
braw=target/wasm-batch/wasm32-unknown-unknown/wasm-release/policy_matcher.wasm
bopt=target/wasm-batch/wasm32-unknown-unknown/wasm-release/policy_matcher_batch.opt.wasm
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-reference-types \
  --enable-multivalue --enable-nontrapping-float-to-int -o "$bopt" "$braw"
rm -rf pkg-batch
wasm-bindgen --target web --out-dir pkg-batch --out-name policy_matcher_batch "$bopt"
bgz=$(gzip -9 -c pkg-batch/policy_matcher_batch_bg.wasm | wc -c)
echo "pkg-batch/policy_matcher_batch_bg.wasm (the batch page only): $(stat -c %s pkg-batch/policy_matcher_batch_bg.wasm) bytes, $bgz gzipped"

wasm=$(stat -c %s pkg/policy_matcher_bg.wasm)
gz=$(gzip -9 -c pkg/policy_matcher_bg.wasm | wc -c)
js=$(gzip -9 -c pkg/policy_matcher.js | wc -c)
echo "pkg/policy_matcher_bg.wasm: $wasm bytes, $gz gzipped; pkg/policy_matcher.js: $js bytes gzipped"
names_gz=$(gzip -9 -c pkg/policy_matcher_names_bg.wasm | wc -c)
echo "pkg/policy_matcher_names_bg.wasm: $(stat -c %s pkg/policy_matcher_names_bg.wasm) bytes, $names_gz gzipped"
