// Benchmark and budget: decisions for the whole catalogue per profile in wasm (node),
// through the public API (JS object in, statuses out), and full matchProfile for
// comparison. Fails when decideProfile is slower than BUDGET_WASM_DECIDE_US
// (default 20 µs per profile).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const { initSync, decideProfile, matchProfile } = await import(`${root}pkg/policy_matcher.js`);
initSync({ module: readFileSync(`${root}pkg/policy_matcher_bg.wasm`) });
const fixtures = readdirSync(`${root}tests/fixtures`).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`${root}tests/fixtures/${f}`, 'utf8')));

function time(label, fn, n) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(fixtures[i % fixtures.length]);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(fixtures[i % fixtures.length]);
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  console.log(`${label}: ${us.toFixed(2)} µs per profile (${Math.round(1e6 / us).toLocaleString('en')} profiles/s)`);
  return us;
}

const decide = time('wasm decideProfile', (f) => decideProfile(f.profile, { as_of: f.as_of }), 200_000);
time('wasm matchProfile (full explanations)', (f) => matchProfile(f.profile, { as_of: f.as_of }), 2_000);
const budget = Number(process.env.BUDGET_WASM_DECIDE_US ?? 20);
console.log(`budget: decideProfile ≤ ${budget} µs per profile`);
if (decide > budget) {
  console.error('wasm decideProfile over budget');
  process.exit(1);
}
