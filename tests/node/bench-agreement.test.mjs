// The side-by-side benchmark's translation cannot rot: a CI-sized run of bench/compare.mjs
// (200 seeded profiles, no timing) — the built-in catalogue exported by
// examples/export-rules.rs, and every alternative engine (generated plain JS,
// json-logic-engine, json-logic-js, json-rules-engine) must return decideProfile's
// status for every measure of every profile. Needs pkg/ (scripts/build.sh) and cargo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES } from '../../bench/engines.mjs';
import { nodeEnv, exportRules, ROOT, AS_OF } from '../../bench/node-env.mjs';
import { generateProfiles } from '../../bench/profiles.mjs';
import { makeDerive } from '../../bench/derive.mjs';
import { compareOutputs, coverage } from '../../bench/measure.mjs';

const dir = exportRules({ dir: join(ROOT, 'target', 'bench-rules-ci') });
const env = nodeEnv({ dir });
const catalogue = JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8'));
const profiles = generateProfiles(200, 20251129, catalogue.attributes);
const pm = await env.loadOurs();
const reference = profiles.map((p) => pm.decideProfile(p, { as_of: AS_OF }));

test('the generated profiles are valid and exercise every status', () => {
  for (const p of profiles) assert.deepEqual(pm.matchProfile(p, { as_of: AS_OF }).errors, [], JSON.stringify(p));
  const seen = coverage(reference, catalogue.articles);
  assert.equal(catalogue.articles.length, reference[0].length);
  // Most measures are seen possible and ineligible, and some eligible: the comparison is not vacuous.
  assert.ok(seen.eligible >= 10, `eligible: ${seen.eligible}`);
  assert.ok(seen.possible >= seen.measures * 0.9, `possible: ${seen.possible}`);
  assert.ok(seen.ineligible >= seen.measures * 0.9, `ineligible: ${seen.ineligible}`);
});

test('the shared derivation gives the size and 小型微利 policy-matcher derives', () => {
  const { withDerived, derived: only } = makeDerive(JSON.parse(readFileSync(join(dir, 'derive.json'), 'utf8')));
  for (const p of profiles) {
    const { derived } = pm.matchProfile(p, { as_of: AS_OF });
    const mine = withDerived(p);
    assert.deepEqual(mine.size ?? ['large', 'medium', 'small', 'micro'], derived.size.possible, JSON.stringify(p));
    assert.equal(mine.small_low_profit, derived.small_low_profit.value, JSON.stringify(p));
    assert.deepEqual(only(p), { size: mine.size, small_low_profit: mine.small_low_profit });
  }
});

for (const [name, engine] of Object.entries(ENGINES)) {
  if (name === 'policy-matcher') continue;
  test(`${engine.label} returns decideProfile's three-valued status for every measure`, async () => {
    const decide = await engine.load(env);
    const ids = catalogue.articles.map((a) => a.id);
    const { disagreements, examples } = await compareOutputs(reference, decide, profiles, ids, engine.isAsync);
    assert.equal(disagreements, 0, JSON.stringify(examples, null, 1));
  });
}
