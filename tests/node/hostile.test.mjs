// Hostile JS input against the built package (issue 11): proxies, revoked proxies,
// throwing getters and iterators, wrong argument types for every export, huge and sparse
// inputs. Nothing throws, every problem is a structured error, wasm memory stays small,
// and after 10,000 throwing inputs a normal match gives the identical result. Also: the
// hostile profile fixtures (raw JSON text) give the CLI's output to the byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pm = await import(`${root}pkg/policy_matcher.js`);
const wasm = pm.initSync({ module: readFileSync(`${root}pkg/policy_matcher_bg.wasm`) });
const { matchProfile, decideProfile, measure, questions, loadCatalogue, catalogueInfo, profileSchema } = pm;
const cli = process.env.POLICY_MATCHER_CLI ?? `${root}target/release/policy-matcher`;

const AS_OF = { as_of: '2025-06-01' };
const NORMAL = { region: '350203', industry: 'C39', employees: 80, revenue: 60000000, qualifications: ['high_tech'] };
const before = JSON.stringify(matchProfile(NORMAL, AS_OF));
const codes = (out) => out.errors.map((e) => [e.code, e.field]);

function structured(out, what) {
  assert.ok(out && typeof out === 'object' && Array.isArray(out.errors), `${what}: an object with errors`);
  for (const e of out.errors) {
    assert.ok(typeof e.code === 'string' && /^[a-z_]+$/.test(e.code), `${what}: code ${e.code}`);
    assert.equal(typeof e.field, 'string', what);
    assert.ok(e.message && e.message_en, `${what}: messages`);
  }
  return out;
}

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const boom = () => { throw new Error('hostile'); };
const throwingGetter = (key) => Object.defineProperty({ region: '350203' }, key, { get: boom, enumerable: true });
const throwingIndex = () => {
  const a = ['high_tech', 'x'];
  Object.defineProperty(a, 1, { get: boom, enumerable: true });
  return a;
};

// Each: the profile, and the errors it must give (code, field), in order.
const hostileProfiles = [
  ['ownKeys trap throws', () => new Proxy({}, { ownKeys: boom }), [['unreadable', '']]],
  ['getOwnPropertyDescriptor trap throws', () => new Proxy({ a: 1 }, { getOwnPropertyDescriptor: boom }), [['unreadable', '']]],
  ['get trap throws', () => new Proxy({ employees: 5 }, { get: boom }), [['unreadable', 'employees']]],
  ['revoked proxy as the profile', revoked, [['unreadable', '']]],
  ['revoked proxy as a field', () => ({ region: revoked() }), [['unreadable', 'region']]],
  ['revoked proxy in a list', () => ({ qualifications: [revoked()] }), [['unreadable', 'qualifications[0]']]],
  ['throwing getter', () => throwingGetter('employees'), [['unreadable', 'employees']]],
  ['throwing index getter', () => ({ qualifications: throwingIndex() }), [['unreadable', 'qualifications[1]']]],
  ['array proxy whose length throws', () => ({ qualifications: new Proxy([], { get: (t, k) => (k === 'length' ? boom() : t[k]) }) }), [['unreadable', 'qualifications']]],
  ['array proxy claiming 10^9 elements', () => ({ qualifications: new Proxy([], { get: (t, k) => (k === 'length' ? 1e9 : 'high_tech') }) }), [['too_large', 'qualifications']]],
  ['array proxy with a string length', () => ({ qualifications: new Proxy([], { get: (t, k) => (k === 'length' ? '2' : undefined) }) }), [['unreadable', 'qualifications']]],
  ['getter returning a revoked proxy', () => Object.defineProperty({}, 'industry', { get: revoked, enumerable: true }), [['unreadable', 'industry']]],
  ['a proxy of a proxy of a throwing getter', () => new Proxy(new Proxy(throwingGetter('revenue'), {}), {}), [['unreadable', 'revenue']]],
];

test('proxies, revoked proxies and throwing getters give unreadable errors, never a throw', () => {
  for (const [name, make, want] of hostileProfiles) {
    const out = structured(matchProfile(make(), AS_OF), name);
    assert.deepEqual(codes(out), want, name);
    assert.ok(Array.isArray(out.results), name);
    const fast = decideProfile(make(), AS_OF);
    assert.ok(fast instanceof Uint8Array && fast.length === catalogueInfo().counts.articles, name);
  }
});

test('a throwing iterator is never used: the elements are read by index', () => {
  const q = ['high_tech'];
  q[Symbol.iterator] = boom;
  const out = matchProfile({ ...NORMAL, qualifications: q }, AS_OF);
  assert.deepEqual(out.errors, []);
  assert.equal(JSON.stringify(out), before);
});

test('wrong argument types for every export come back as data', () => {
  for (const junk of [undefined, null, 42, 'x', true, Symbol('s'), 10n, () => 1, new Date(), new String('x'), [1, 2]]) {
    const out = structured(matchProfile(junk, AS_OF), String(typeof junk));
    const expect = junk === undefined || junk === null ? [] : [['not_an_object', '']];
    if (!(junk instanceof Date) && !(junk instanceof String)) assert.deepEqual(codes(out), expect, String(junk?.toString?.()));
    assert.ok(decideProfile(junk) instanceof Uint8Array);
  }
  structured(matchProfile(), 'no arguments');
  // Options: not an object, or an as_of that is not a string — never silently today.
  assert.deepEqual(codes(matchProfile({}, 42)), [['wrong_type', 'options']]);
  assert.deepEqual(codes(matchProfile({}, 'x')), [['wrong_type', 'options']]);
  for (const asOf of [20250601, new Date('2025-06-01'), new Proxy({}, {}), revoked(), ['2025-06-01'], true, 'yesterday', 'x'.repeat(5000)]) {
    assert.deepEqual(codes(matchProfile({}, { as_of: asOf })), [["invalid_as_of", "as_of"]], typeof asOf);
  }
  assert.deepEqual(codes(matchProfile({}, Object.defineProperty({}, 'as_of', { get: boom }))), [['invalid_as_of', 'as_of']]);
  assert.deepEqual(codes(matchProfile({}, revoked())), [['invalid_as_of', 'as_of']]);
  assert.deepEqual(codes(matchProfile({}, { as_of: null })), []);
  // measure: not a string is no measure.
  for (const id of [undefined, null, 123, {}, new String('fujian-xiamen/30'), { toString: () => 'fujian-xiamen/30' }, revoked(), 'x'.repeat(1e6)]) {
    assert.equal(measure(id), null);
  }
  assert.equal(measure('fujian-xiamen/30').id, 'fujian-xiamen/30');
  // questions: English for 'en…', else Chinese.
  for (const lang of [undefined, null, 42, {}, revoked(), 'x'.repeat(1e6)]) assert.equal(questions(lang).lang, 'zh-CN');
  assert.equal(questions('en').lang, 'en');
  // loadCatalogue: JSON text only, an object at that.
  for (const junk of [undefined, null, 42, {}, revoked(), new String('{}'), ['{}']]) {
    const out = structured(loadCatalogue(junk), 'loadCatalogue');
    assert.equal(out.catalogue, null);
    assert.equal(out.errors[0].code, 'catalogue_syntax');
  }
  assert.equal(loadCatalogue('[{"documents": []}]').errors[0].code, 'catalogue_field');
  assert.equal(loadCatalogue('{"documents": [], "x": 1}').catalogue, null);
  assert.ok(profileSchema().properties);
});

test('a site catalogue handle takes the same hostile input and can still be freed', () => {
  const { catalogue, errors } = loadCatalogue(readFileSync(`${root}www/catalogues/example-catalogue.json`, 'utf8'));
  assert.deepEqual(errors, []);
  const first = JSON.stringify(catalogue.matchProfile({ region: '460100' }, AS_OF));
  for (const [name, make, want] of hostileProfiles) assert.deepEqual(codes(catalogue.matchProfile(make(), AS_OF)), want, name);
  assert.equal(catalogue.measure(123), null);
  assert.equal(catalogue.questions(null).lang, 'zh-CN');
  assert.deepEqual(codes(catalogue.matchProfile({}, { as_of: 5 })), [['invalid_as_of', 'as_of']]);
  assert.equal(JSON.stringify(catalogue.matchProfile({ region: '460100' }, AS_OF)), first);
  catalogue.free();
});

test('huge and sparse inputs are refused at once, and wasm memory barely grows', () => {
  const mem = () => wasm.memory.buffer.byteLength;
  matchProfile({ qualifications: new Array(200).fill('high_tech') }, AS_OF); // warm the allocator
  const start = mem();
  const t0 = performance.now();
  const manyKeys = {};
  for (let i = 0; i < 1e6; i++) manyKeys[`k${i}`] = i;
  assert.deepEqual(codes(matchProfile(manyKeys, AS_OF)), [['too_large', '']]);
  const big = new Array(1e7).fill('high_tech');
  assert.deepEqual(codes(matchProfile({ qualifications: big }, AS_OF)), [['too_large', 'qualifications']]);
  const sparse = [];
  sparse.length = 1e8;
  assert.deepEqual(codes(matchProfile({ qualifications: sparse }, AS_OF)), [['too_large', 'qualifications']]);
  const longString = 'x'.repeat(1e8);
  assert.deepEqual(codes(matchProfile({ region: longString }, AS_OF)), [['too_large', 'region']]);
  assert.deepEqual(codes(matchProfile({ [longString.slice(0, 2000)]: 1 }, AS_OF)), [['too_large', '']]);
  let deep = [];
  for (let i = 0; i < 100000; i++) deep = [deep];
  assert.deepEqual(codes(matchProfile({ qualifications: deep }, AS_OF)), [['too_large', 'qualifications']]);
  const wide = {};
  for (let i = 0; i < 200; i++) wide[`f${i}`] = new Array(200).fill(1);
  assert.deepEqual(codes(matchProfile(wide, AS_OF)), [['too_large', '']]);
  const catalogue = loadCatalogue(' '.repeat(17 * 1024 * 1024));
  assert.deepEqual(codes(catalogue), [['too_large', '']]);
  assert.ok(mem() - start <= 4 * 1024 * 1024, `wasm memory grew by ${mem() - start} bytes`);
  // "At once": the whole lot, building the inputs included, well within seconds.
  assert.ok(performance.now() - t0 < 20000);
});

test('10,000 throwing inputs in a loop, then a normal match gives the identical result', () => {
  const makers = hostileProfiles.map((h) => h[1]);
  for (let i = 0; i < 10000; i++) {
    const make = makers[i % makers.length];
    // Every 20th through the full match (its output is large), the rest through the
    // fast path: both convert the profile and the options the same way.
    const options = i % 2 ? { get as_of() { throw new Error('x'); } } : revoked();
    const out = i % 20 === 0 ? matchProfile(make(), options) : decideProfile(make(), options);
    assert.ok(out);
  }
  assert.equal(JSON.stringify(matchProfile(NORMAL, AS_OF)), before);
});

const hostileDir = `${root}tests/fixtures/hostile`;
const hostile = readdirSync(hostileDir).filter((f) => f.endsWith('.profile.json'));

test('the hostile profile fixtures give the CLI\'s output to the byte', () => {
  assert.ok(hostile.length >= 15);
  const expected = JSON.parse(readFileSync(`${hostileDir}/expected.json`, 'utf8'));
  for (const name of hostile) {
    const bytes = readFileSync(`${hostileDir}/${name}`);
    // As a page reads a file or a response: the text decoder drops a BOM.
    const profile = JSON.parse(new TextDecoder().decode(bytes));
    const js = matchProfile(profile, AS_OF);
    const native = spawnSync(cli, ['match', '--as-of', AS_OF.as_of, `${hostileDir}/${name}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(native.status, 0, `${name}: ${native.stderr}`);
    assert.deepEqual(js, JSON.parse(native.stdout), name);
    assert.deepEqual(codes(js), expected[name.replace('.profile.json', '')], name);
  }
});
