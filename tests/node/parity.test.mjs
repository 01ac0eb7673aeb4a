// The wasm package and the native CLI give identical output for every fixture, and
// the package behaves as documented when used from JS (node's test runner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { initSync, matchProfile, catalogueInfo, questions, loadCatalogue, decideProfile } = await import(`${root}pkg/policy_matcher.js`);
initSync({ module: readFileSync(`${root}pkg/policy_matcher_bg.wasm`) });

const cli = process.env.POLICY_MATCHER_CLI ?? `${root}target/release/policy-matcher`;
const fixtures = readdirSync(`${root}tests/fixtures`).filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(`${root}tests/fixtures/${f}`, 'utf8'))]);

test('wasm and CLI outputs are identical on every fixture', () => {
  assert.ok(fixtures.length >= 10);
  for (const [name, f] of fixtures) {
    const native = spawnSync(cli, ['match', '--as-of', f.as_of, '-'], { input: JSON.stringify(f.profile), encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(native.status, 0, `${name}: ${native.error?.message ?? ''} ${native.stderr}`);
    assert.deepEqual(matchProfile(f.profile, { as_of: f.as_of }), JSON.parse(native.stdout), name);
  }
});

test('invalid input never throws and the module keeps working', () => {
  for (const junk of [undefined, null, 42, 'x', [], { employees: NaN }, { revenue: Infinity }, { qualifications: 'x' }, { industry: {} }, { f() {} }]) {
    const out = matchProfile(junk, { as_of: 'not a date' });
    assert.ok(Array.isArray(out.errors));
    assert.ok(out.errors.some((e) => e.code === 'invalid_as_of'));
    for (const e of out.errors) assert.ok(e.code && typeof e.field === 'string' && e.message && e.message_en);
  }
  assert.equal(matchProfile({ employees: NaN }).errors[0].code, 'not_a_number');
  assert.ok(catalogueInfo().counts.articles >= 130);
});

test('questions come in both languages', () => {
  const zh = questions('zh-CN');
  const en = questions('en');
  assert.equal(zh.steps.length, en.steps.length);
  assert.equal(zh.steps[0].title, '企业在哪里');
  assert.equal(en.steps[0].title, 'Where the enterprise is');
});

test('a site catalogue loads, and a bad one comes back as errors', () => {
  const bad = loadCatalogue('{"documents": 3}');
  assert.equal(bad.catalogue, null);
  assert.equal(bad.errors[0].code, 'catalogue_field');
  const good = loadCatalogue(readFileSync(`${root}www/catalogues/example-catalogue.json`, 'utf8'));
  assert.deepEqual(good.errors, []);
  const out = good.catalogue.matchProfile({ region: '350203' }, { as_of: '2025-06-01' });
  assert.ok(out.results.length > 0);
});

test('decideProfile agrees with matchProfile', () => {
  for (const [name, f] of fixtures) {
    const full = matchProfile(f.profile, { as_of: f.as_of });
    const fast = decideProfile(f.profile, { as_of: f.as_of });
    const order = catalogueInfo();
    assert.equal(fast.length, order.counts.articles, name);
    const byId = Object.fromEntries(full.results.map((r) => [r.id, r.status]));
    const names = ['eligible', 'possible', 'ineligible', 'task'];
    const ids = JSON.parse(JSON.stringify(full.results)).map((r) => r.id);
    assert.equal(new Set(ids).size, fast.length);
    assert.equal(fast.filter((v) => v === 0).length, Object.values(byId).filter((s) => s === 'eligible').length, name);
    assert.ok(fast.every((v) => v <= 3), names.join());
  }
});
