// The browser side of bench/compare.mjs, bundled by esbuild (with code splitting, so
// each engine's library is its own chunk, fetched when that engine loads) into
// target/bench-rules/browser/. Exposes `window.bench` for the driver.
import { ENGINES } from './engines.mjs';
import { timeEngines, compareOutputs } from './measure.mjs';

const RULES = '/target/bench-rules/';
// Variables, so that esbuild leaves these imports to the browser.
const PLAIN = `${RULES}plain.mjs`;
const PKG = '/pkg/policy_matcher.js';

function env(asOf) {
  return {
    asOf,
    text: async (name) => (await fetch(RULES + name)).text(),
    importPlain: () => import(PLAIN),
    async loadOurs() {
      const pm = await import(PKG);
      await pm.default({ module_or_path: '/pkg/policy_matcher_bg.wasm' });
      return pm;
    },
  };
}

window.bench = {
  /** Cold start: load the engine (fetch its chunk, rules, wasm), first decision. */
  async cold(name, asOf, profile) {
    const t0 = performance.now();
    const decide = await ENGINES[name].load(env(asOf));
    await decide(profile);
    return performance.now() - t0;
  },
  /** Per-profile times of every engine, and agreement with policy-matcher. */
  async run(names, asOf, profiles, limits) {
    const e = env(asOf);
    const ours = await ENGINES['policy-matcher'].load(e);
    const reference = profiles.map((p) => ours(p));
    const timed = {};
    const disagreements = {};
    for (const name of names) {
      const engine = ENGINES[name];
      const decide = await engine.load(e);
      const subset = profiles.slice(0, limits[name] ?? profiles.length);
      disagreements[name] = (await compareOutputs(reference, decide, subset, [], engine.isAsync)).disagreements;
      timed[name] = { decide, isAsync: engine.isAsync, profiles: subset, rounds: engine.isAsync ? 1 : undefined, warmup: engine.isAsync ? 100 : undefined };
    }
    // CDP's CPU throttling suspends the page in short slices: a sample must span many of
    // them, or medians of single profiles miss the slowdown. ~2–5 ms per sample.
    const batch = 100;
    const results = await timeEngines(timed, { rounds: 3, warmup: 1000, batch });
    for (const name of names) Object.assign(results[name], { disagreements: disagreements[name], batch: timed[name].isAsync ? 1 : batch, isolated: crossOriginIsolated });
    return results;
  },
};
window.benchReady = true;
