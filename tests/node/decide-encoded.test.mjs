// decideProfile's encoded path (js/decide.js, src/encoded.rs) against the per-field path
// it replaces (decideProfileFields): the same statuses, byte for byte, on every fixture
// profile, on thousands of generated profiles (valid answers, wrong types, NaN, unknown
// keys and values, long and non-ASCII strings, throwing getters, Proxies) with several
// options, on a site catalogue's handle, and after wasm memory has grown. Each test also
// counts how many inputs took the encoded path, so that agreement is never vacuous.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pm = await import(`${root}pkg/policy_matcher.js`);
pm.initSync({ module: readFileSync(`${root}pkg/policy_matcher_bg.wasm`) });
const { decideProfile, decideProfileFields, decideEncodes, matchProfile, questions, loadCatalogue, catalogueInfo } = pm;

const fixtures = readdirSync(`${root}tests/fixtures`).filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, ...JSON.parse(readFileSync(`${root}tests/fixtures/${f}`, 'utf8')) }));

// A small deterministic PRNG (mulberry32), so that a failure can be replayed.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const boom = () => { throw new Error('hostile'); };
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

/** Profiles from the questionnaire's own fields and options: mostly plain, some hostile. */
function generator(qs, seed) {
  const random = rng(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const fields = qs.steps.flatMap((s) => s.questions);
  const regions = ['350203', '350200', '350000', '460100', '460200', '430100', '440100', '440300', '630100', '110000', '999999', '35020', '3502030', '３５０２０３'];
  const industries = ['C', 'C39', 'C391', 'C3911', 'I65', 'I', 'H', 'H61', 'F', 'Z99', 'c39', 'C3', ''];
  const dates = ['2021-06-30', '2024-12-31', '2025-01-01', '2020', '2021-06', '2019-02-29', '2020-02-29', '2021-13-01', 'yesterday', '2021-6-3', ' 2021-06-30', '２０２１'];
  const numbers = [0, 1, 5, 20, 80, 100, 299, 300, 301, 1000, 1e6, 3e6, 2e7, 5e7, 1e9, -1, -0, 1.5, NaN, Infinity, -Infinity, Number.MAX_VALUE, 1e-300];
  const strange = [() => 'x', () => 1n, () => Symbol('s'), () => ({}), () => [], () => new Date(), () => revoked(), () => 'x'.repeat(70), () => 'x'.repeat(2000)];
  function answer(q) {
    const r = random();
    if (r < 0.04) return pick(strange)();
    if (r < 0.07) return pick([null, undefined]);
    if (r < 0.1) return pick([true, false, 42, 'high_tech', ['a']]);
    switch (q.type) {
      case 'region': return pick(regions);
      case 'industry': return pick(industries);
      case 'date': return pick(dates);
      case 'integer': case 'number': return pick(numbers) * (random() < 0.5 ? 1 : Math.ceil(random() * 10));
      case 'bool': return random() < 0.5;
      case 'enum': return random() < 0.9 ? pick(q.options).value : pick(['other', '', 'ENTERPRISE']);
      case 'set': {
        const n = Math.floor(random() * 4);
        const items = Array.from({ length: n }, () => (random() < 0.92 ? pick(q.options).value : pick(['bogus', 7, null, ''])));
        return random() < 0.01 ? Array.from({ length: 100 }, () => pick(q.options).value) : items;
      }
      default: return 'unexpected';
    }
  }
  return function profile() {
    const r = random();
    if (r < 0.01) return pick([null, undefined, 42, 'x', [1], () => 1, new Date(), revoked()]);
    const p = {};
    for (const q of fields) if (random() < 0.5) p[q.id] = answer(q);
    const extra = random();
    if (extra < 0.03) p[pick(['size', 'small_low_profit', 'unknown_field', '__proto__x'])] = 'small';
    else if (extra < 0.05) Object.defineProperty(p, pick(fields).id, { get: boom, enumerable: true });
    else if (extra < 0.06) return new Proxy(p, { get: (t, k) => t[k] });
    else if (extra < 0.065) return new Proxy(p, { ownKeys: boom });
    return p;
  };
}

const optionsSet = [undefined, null, { as_of: '2025-06-01' }, { as_of: '2024-12-31' }, { as_of: '2023-01-01' }, {},
  { as_of: 'not a date' }, { as_of: 20250601 }, { as_of: null }, 42, 'x', Object.defineProperty({}, 'as_of', { get: boom }), { as_of: '２０２５-06-01' }];

/** Compares both paths on `n` generated profiles; returns how many took the encoded path. */
function agree(decide, perField, encodes, qs, seed, n) {
  const make = generator(qs, seed);
  const random = rng(seed + 1);
  let encoded = 0;
  for (let i = 0; i < n; i++) {
    const profile = make();
    const options = optionsSet[Math.floor(random() * optionsSet.length)];
    const got = decide(profile, options);
    const want = perField(profile, options);
    assert.ok(got instanceof Uint8Array, `profile ${i}`);
    if (got.length !== want.length || got.some((v, j) => v !== want[j])) {
      let shown;
      try { shown = JSON.stringify(profile); } catch { shown = String(profile); }
      assert.fail(`seed ${seed}, profile ${i}: ${shown} with ${JSON.stringify(options)}: encoded ${got} vs per-field ${want}`);
    }
    if (encodes(profile, options)) encoded++;
  }
  return encoded;
}

test('every fixture profile: the same statuses on both paths, and the encoded path taken', () => {
  let encoded = 0;
  for (const f of fixtures) {
    const options = { as_of: f.as_of };
    assert.deepEqual(decideProfile(f.profile, options), decideProfileFields(f.profile, options), f.name);
    // A fixture without input errors is plain: the encoded path must take it.
    if (matchProfile(f.profile, options).errors.length === 0) {
      assert.ok(decideEncodes(f.profile, options), `${f.name} takes the encoded path`);
      encoded++;
    }
  }
  assert.ok(encoded >= fixtures.length / 2, `${encoded} of ${fixtures.length} fixtures encoded`);
});

test('5,000 generated and hostile profiles: the same statuses on both paths', () => {
  const n = 5000;
  const encoded = agree(decideProfile, decideProfileFields, decideEncodes, questions('en'), 20251129, n);
  // Most generated profiles hold at least one odd value and fall back; a good share does not.
  assert.ok(encoded > n / 10 && encoded < n, `${encoded} of ${n} took the encoded path`);
});

test('a site catalogue handle: the same statuses on both paths, with its own layout', () => {
  const json = readFileSync(`${root}www/catalogues/example-catalogue.json`, 'utf8');
  const { errors, catalogue } = loadCatalogue(json);
  assert.deepEqual(errors, []);
  const n = 2000;
  const encoded = agree((p, o) => catalogue.decideProfile(p, o), (p, o) => catalogue.decideProfileFields(p, o),
    (p, o) => decideEncodes(p, o, catalogue), catalogue.questions('en'), 7, n);
  assert.ok(encoded > n / 10, `${encoded} of ${n} took the encoded path`);
  assert.equal(catalogue.decideProfile({}, { as_of: '2025-06-01' }).length, catalogue.catalogueInfo().counts.articles);
  // The built-in catalogue's decisions are unaffected by the handle's (shared buffer).
  const f = fixtures[0];
  assert.deepEqual(decideProfile(f.profile, { as_of: f.as_of }), decideProfileFields(f.profile, { as_of: f.as_of }));
});

test('each call returns its own array, and the buffer survives wasm memory growing', () => {
  const f = fixtures.find((x) => decideEncodes(x.profile, { as_of: x.as_of }));
  const options = { as_of: f.as_of };
  const first = decideProfile(f.profile, options);
  const copy = first.slice();
  first.fill(9);
  decideProfile({}, options);
  assert.deepEqual(decideProfile(f.profile, options), copy);
  const pages = pm.decideMemory().buffer.byteLength;
  // A rejected 12 MB catalogue text is copied into wasm memory first: the memory grows.
  loadCatalogue(`"${'x'.repeat(12 * 1024 * 1024)}"`);
  assert.ok(pm.decideMemory().buffer.byteLength > pages, 'memory grew');
  assert.deepEqual(decideProfile(f.profile, options), copy);
  assert.ok(decideEncodes(f.profile, options));
  assert.equal(decideProfile(null).length, catalogueInfo().counts.articles);
});

test('malformed words in the buffer are refused (0), never a panic', () => {
  const layout = pm.decideLayout();
  const at = pm.decideInput();
  const f64 = () => new Float64Array(pm.decideMemory().buffer, at, layout.capacity);
  const cases = [
    [2, 1], // as_of text of length 1 … then a code past the end
    [-1, 9999, 1], // no such slot
    [-1, 0.5, 1], // a slot that is not a whole number
    [-1, layout.fields.find((x) => x[2] === 'text')[1], 3, 65, 300, 66], // a code past 127
    [-1, layout.fields.find((x) => x[2] === 'bool')[1], 2], // a boolean that is not 0 or 1
    [-1, layout.fields.find((x) => x[2] === 'set')[1], 65], // more items than allowed
    [70], // as_of text longer than allowed
  ];
  for (const words of cases) {
    f64().set(words);
    assert.equal(pm.decideEncoded(words.length), 0, JSON.stringify(words));
  }
  assert.equal(pm.decideEncoded(layout.capacity + 1), 0, 'past the buffer');
  // And a well-formed one still decides.
  f64().set([-1]);
  assert.notEqual(pm.decideEncoded(1), 0);
});
