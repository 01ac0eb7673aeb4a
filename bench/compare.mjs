// policy-matcher side by side with what a web team would use instead, on the same
// catalogue, in one run:   bash scripts/build.sh && node bench/compare.mjs
//
// 1. examples/export-rules.rs translates the built-in catalogue's compiled conditions
//    into JSON Logic, json-rules-engine rules and generated plain JS (target/bench-rules/);
// 2. seeded profiles are generated (bench/profiles.mjs);
// 3. every engine decides every profile and must return policy-matcher's statuses
//    (0 eligible, 1 possible, 2 ineligible, 3 task) for every measure: each
//    disagreement is printed, and the run exits 1 if there is one;
// 4. the table: gzip size of what a page downloads for the engine, cold start, median and
//    p95 per profile, profiles per second, and the ratio to policy-matcher — in node, then
//    in headless Chromium at 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate).
//
// Options: --profiles N (default 10000), --seed S (default 20251129), --cold-runs N
// (default 5), --browser-profiles N (default 3000), --no-browser. json-rules-engine, three
// orders of magnitude slower, is timed on the first 2,000 profiles (300 in the browser);
// agreement is checked on all of them.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ENGINES } from './engines.mjs';
import { nodeEnv, exportRules, ROOT, RULES, AS_OF } from './node-env.mjs';
import { generateProfiles } from './profiles.mjs';
import { timeEngines, compareOutputs, coverage } from './measure.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('--profiles', 10_000);
const SEED = opt('--seed', 20251129);
const COLD_RUNS = opt('--cold-runs', 5);
const BROWSER_N = opt('--browser-profiles', 3000);
const BROWSER = !args.includes('--no-browser');
const NAMES = Object.keys(ENGINES);
const ALTERNATIVES = NAMES.filter((n) => n !== 'policy-matcher');

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 1) => x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---- 1, 2: rules and profiles ----
exportRules();
const catalogue = JSON.parse(readFileSync(join(RULES, 'catalogue.json'), 'utf8'));
const measureIds = catalogue.articles.map((a) => a.id);
const profiles = generateProfiles(N, SEED, catalogue.attributes);
const env = nodeEnv();
console.log(`${catalogue.articles.length} measures (${catalogue.articles.reduce((n, a) => n + a.benefits.length, 0)} benefits), ${N.toLocaleString('en')} profiles (seed ${SEED}), as of ${AS_OF}; node ${process.version}`);

// ---- 3: agreement ----
const decide = {};
for (const name of NAMES) decide[name] = await ENGINES[name].load(env);
const reference = profiles.map((p) => decide['policy-matcher'](p));
const cov = coverage(reference, catalogue.articles);
console.log(`statuses seen: of ${cov.measures} measures (tasks aside), ${cov.eligible} eligible (of the ${cov.canBeEligible} that can be: the others have checks), ${cov.possible} possible, ${cov.ineligible} ineligible for some profile`);
let disagreements = 0;
const agreement = {};
for (const name of ALTERNATIVES) {
  const r = await compareOutputs(reference, decide[name], profiles, measureIds, ENGINES[name].isAsync);
  agreement[name] = r.disagreements;
  disagreements += r.disagreements;
  console.log(`agreement ${name}: ${r.disagreements === 0 ? `all ${(N * measureIds.length).toLocaleString('en')} statuses equal` : `${r.disagreements} DISAGREEMENTS`}`);
  for (const e of r.examples) console.log('  ', JSON.stringify(e));
}

// ---- 4a: what a page downloads ----
const esbuild = await import('esbuild');
async function bundle(contents) {
  const out = await esbuild.build({ stdin: { contents, resolveDir: join(ROOT, 'bench'), loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' });
  return out.outputFiles[0].contents;
}
const file = (name) => readFileSync(join(RULES, name));
const derivation = `export { makeDerive } from './derive.mjs';`;
const sizes = {
  'policy-matcher': { bytes: gz(readFileSync(join(ROOT, 'pkg/policy_matcher_bg.wasm'))) + gz(readFileSync(join(ROOT, 'pkg/policy_matcher.js'))), what: 'wasm (catalogue with all texts) + glue' },
  'plain-js': { bytes: gz(await bundle(`export * from ${JSON.stringify(join(RULES, 'plain.mjs'))}; ${derivation}`)) + gz(file('derive.json')), what: 'generated JS + derivation' },
  'json-logic-engine': { bytes: gz(await bundle(`export { LogicEngine } from 'json-logic-engine'; ${derivation}`)) + gz(file('jsonlogic.json')) + gz(file('derive.json')), what: 'library + rules + derivation' },
  'json-logic-js': { bytes: gz(await bundle(`export { default } from 'json-logic-js'; ${derivation}`)) + gz(file('jsonlogic.json')) + gz(file('derive.json')), what: 'library + rules + derivation' },
  'json-rules-engine': { bytes: gz(await bundle(`export { Engine } from 'json-rules-engine'; ${derivation}`)) + gz(file('json-rules-engine.json')) + gz(file('derive.json')), what: 'library + rules + derivation' },
};

// ---- 4b: cold start, each in a fresh node process ----
const cold = {};
for (const name of NAMES) {
  const runs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench/cold.mjs'), name, JSON.stringify(profiles[0])], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold start of ${name} failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout).ms);
  }
  cold[name] = median(runs);
}

// ---- 4c: per profile ----
const { makeDerive } = await import('./derive.mjs');
const { withDerived } = makeDerive(JSON.parse(file('derive.json')));
const timed = Object.fromEntries(NAMES.map((name) => [name, { decide: decide[name], isAsync: ENGINES[name].isAsync, profiles: ENGINES[name].isAsync ? profiles.slice(0, 2000) : profiles, rounds: ENGINES[name].isAsync ? 1 : undefined, warmup: ENGINES[name].isAsync ? 300 : undefined }]));
// The derivation alone (included in every alternative's figures).
timed.derive = { decide: withDerived, profiles };
const timing = await timeEngines(timed, { rounds: 3, warmup: N });

function table(rows, columns) {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [line(columns), `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

const ours = timing['policy-matcher'];
const nodeRows = NAMES.map((name) => [
  ENGINES[name].label,
  `${fmt(sizes[name].bytes / 1024)} KiB`,
  `${fmt(cold[name])} ms`,
  `${fmt(timing[name].median, 2)} µs`,
  `${fmt(timing[name].p95, 2)} µs`,
  Math.round(timing[name].perSecond).toLocaleString('en'),
  name === 'policy-matcher' ? '1.00' : fmt(timing[name].median / ours.median, 2),
  timing[name].profiles.toLocaleString('en'),
  name === 'policy-matcher' ? '—' : agreement[name] === 0 ? 'yes' : `${agreement[name]} differ`,
]);
console.log(`\nnode ${process.version}, ${N.toLocaleString('en')} profiles; per profile = plain profile object in, statuses of all ${measureIds.length} measures out (alternatives: derivation included, alone ${fmt(timing.derive.median, 2)} µs median):\n`);
console.log(table(nodeRows, ['engine', 'gzip download', 'cold start', 'median', 'p95', 'profiles/s', '× ours (median)', 'timed on', 'agrees']));

// ---- 5: the browser ----
let browser = null;
if (BROWSER) {
  const outdir = join(RULES, 'browser');
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({ entryPoints: [join(ROOT, 'bench/browser.mjs')], bundle: true, splitting: true, minify: true, format: 'esm', platform: 'browser', outdir, logLevel: 'error' });
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('../scripts/serve.mjs');
  const { server, url } = await startServer({ port: 0, root: ROOT });
  const browserApp = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // json-logic-engine's compiled mode builds functions with `new Function`, which the
  // widget's CSP (script-src 'self' 'wasm-unsafe-eval') forbids: the bench page bypasses
  // the CSP so that it can be measured at all.
  const page = async () => {
    const context = await browserApp.newContext({ bypassCSP: true });
    // Cross-origin isolation, so that performance.now() ticks in 5 µs rather than 100 µs.
    await context.route(`${url}/bench/browser.html`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
    });
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await p.goto(`${url}/bench/browser.html`);
    await p.waitForFunction(() => window.benchReady === true);
    return { p, context };
  };
  const browserCold = {};
  for (const name of NAMES) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const { p, context } = await page();
      runs.push(await p.evaluate(([n, a, prof]) => window.bench.cold(n, a, prof), [name, AS_OF, profiles[0]]));
      await context.close();
    }
    browserCold[name] = median(runs);
  }
  const { p, context } = await page();
  const sample = profiles.slice(0, BROWSER_N);
  const limits = { 'json-rules-engine': Math.min(BROWSER_N, 300) };
  const results = await p.evaluate(([names, a, ps, l]) => window.bench.run(names, a, ps, l), [NAMES, AS_OF, sample, limits]);
  await context.close();
  const version = browserApp.version();
  await browserApp.close();
  await new Promise((resolve) => server.close(resolve));
  const bOurs = results['policy-matcher'];
  const rows = NAMES.map((name) => [
    ENGINES[name].label,
    `${fmt(browserCold[name])} ms`,
    `${fmt(results[name].median, 1)} µs`,
    `${fmt(results[name].p95, 1)} µs`,
    Math.round(results[name].perSecond).toLocaleString('en'),
    name === 'policy-matcher' ? '1.00' : fmt(results[name].median / bOurs.median, 2),
    results[name].profiles.toLocaleString('en'),
    name === 'policy-matcher' ? '—' : results[name].disagreements === 0 ? 'yes' : `${results[name].disagreements} differ`,
  ]);
  for (const name of ALTERNATIVES) disagreements += results[name].disagreements;
  const b = results['plain-js'];
  console.log(`\nheadless Chromium ${version}, CPU throttled 4× (CDP Emulation.setCPUThrottlingRate); ${b.isolated ? 'cross-origin isolated, ' : ''}per-profile figures from batches of ${b.batch} profiles (json-rules-engine: 1):\n`);
  console.log(table(rows, ['engine', 'cold start', 'median', 'p95', 'profiles/s', '× ours (median)', 'profiles', 'agrees']));
  browser = { version, cold: browserCold, results };
}

writeFileSync(join(RULES, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, profiles: N, seed: SEED, sizes, cold, timing, agreement, coverage: cov, browser }, null, 2));
console.log(`\ntiming: the engines in turn, 3 rounds (json-rules-engine: 1), each figure the best of its rounds; cold start: median of ${COLD_RUNS} fresh node processes (browser: 3 fresh pages); raw figures in target/bench-rules/results.json`);
if (disagreements > 0) {
  console.error(`${disagreements} statuses differ from policy-matcher's`);
  process.exit(1);
}
