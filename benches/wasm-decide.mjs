// Benchmark and budget: decisions for the whole catalogue per profile in wasm (node),
// through the public API (JS object in, statuses out): decideProfile (the encoded path,
// js/decide.js) beside decideProfileFields (the per-field path it falls back to), and
// full matchProfile for comparison. Medians of 15 rounds over the fixture profiles.
// Fails when decideProfile's median is over BUDGET_WASM_DECIDE_US (default 20 µs;
// scripts/test.sh sets 10).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const { initSync, decideProfile, decideProfileFields, matchProfile } = await import(`${root}pkg/policy_matcher.js`);
initSync({ module: readFileSync(`${root}pkg/policy_matcher_bg.wasm`) });
const fixtures = readdirSync(`${root}tests/fixtures`).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`${root}tests/fixtures/${f}`, 'utf8')));
const options = fixtures.map((f) => ({ as_of: f.as_of }));

/** Median µs per profile over `rounds` rounds of `n` profiles (each round cycles the fixtures). */
function time(label, fn, n, rounds = 15) {
  for (let i = 0; i < Math.min(n, 5000); i++) fn(fixtures[i % fixtures.length].profile, options[i % fixtures.length]);
  const per = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += fn(fixtures[i % fixtures.length].profile, options[i % fixtures.length]).length;
    per.push(Number(process.hrtime.bigint() - start) / 1000 / n);
  }
  per.sort((a, b) => a - b);
  const us = per[per.length >> 1];
  console.log(`${label.padEnd(48)} ${us.toFixed(2).padStart(8)} µs per profile (median of ${rounds} × ${n}; ${Math.round(1e6 / us).toLocaleString('en')} profiles/s)${sink ? '' : ' '}`);
  return us;
}

console.log(`${fixtures.length} fixture profiles, built-in catalogue, node ${process.version}`);
const decide = time('decideProfile (encoded, one call)', decideProfile, 20_000);
const fields = time('decideProfileFields (per-field crossings)', decideProfileFields, 20_000);
console.log(`encoded / per-field: ${(decide / fields).toFixed(2)}`);
time('matchProfile (full explanations)', matchProfile, 100, 5);
const budget = Number(process.env.BUDGET_WASM_DECIDE_US ?? 20);
console.log(`budget: decideProfile ≤ ${budget} µs per profile`);
if (decide > budget) {
  console.error('wasm decideProfile over budget');
  process.exit(1);
}
