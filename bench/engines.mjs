// The engines compared by bench/compare.mjs, behind one interface, in node and in the
// browser alike: `await load(env)` imports the engine, reads and compiles its rules and
// returns `decide(profile)` → a fresh Uint8Array of every measure's status in catalogue
// order (0 eligible, 1 possible, 2 ineligible, 3 task) — what `decideProfile` returns.
// Every engine takes the same plain profile object; the alternatives derive `size` and
// `small_low_profit` from it with bench/derive.mjs inside `decide` (policy-matcher derives
// them itself), so every timing covers the same work: profile in, statuses out. The
// generated JS reads the derived facts from their own small object; the rule engines get
// one data object, the profile with the derived facts added.
//
// `env` supplies what differs between node and the browser:
//   text(name)    → the text of a file the exporter wrote (rules, tables)
//   importPlain() → the generated plain-JS module (plain.mjs)
//   loadOurs()    → the initialised policy-matcher package module
//   asOf          → the as-of date the rules were generated for

import { makeDerive } from './derive.mjs';

async function derivation(env) {
  return makeDerive(JSON.parse(await env.text('derive.json')));
}

function measureCount(rules) {
  return rules.length;
}

/** json-rules-engine's custom operators: the rules use them where its built-ins do not fit. */
function addOperators(engine) {
  engine.addOperator('absent', (a) => a == null);
  engine.addOperator('present', (a) => a != null);
  engine.addOperator('startsWith', (a, b) => typeof a === 'string' && a.startsWith(b));
  engine.addOperator('dateLt', (a, b) => typeof a === 'string' && a < b);
  engine.addOperator('dateLe', (a, b) => typeof a === 'string' && a <= b);
  engine.addOperator('dateGt', (a, b) => typeof a === 'string' && a > b);
  engine.addOperator('dateGe', (a, b) => typeof a === 'string' && a >= b);
}

export const ENGINES = {
  'policy-matcher': {
    label: 'policy-matcher (decideProfile, wasm)',
    async load(env) {
      const pm = await env.loadOurs();
      const options = { as_of: env.asOf };
      return (profile) => pm.decideProfile(profile, options);
    },
  },
  'plain-js': {
    label: 'hand-written JS (generated)',
    async load(env) {
      const { derived } = await derivation(env);
      const plain = await env.importPlain();
      const n = plain.MEASURES;
      return (profile) => plain.decide(profile, derived(profile), new Uint8Array(n));
    },
  },
  'json-logic-engine': {
    label: 'json-logic-engine (compiled)',
    async load(env) {
      const mod = await import('json-logic-engine');
      const LogicEngine = mod.LogicEngine ?? mod.default?.LogicEngine; // ESM in node; a bundler may wrap it
      const { withDerived } = await derivation(env);
      const rules = JSON.parse(await env.text('jsonlogic.json'));
      const engine = new LogicEngine();
      const fns = rules.map((rule) => engine.build(rule));
      const n = measureCount(rules);
      return (profile) => {
        const facts = withDerived(profile);
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = fns[i](facts);
        return out;
      };
    },
  },
  'json-logic-js': {
    label: 'json-logic-js',
    async load(env) {
      const mod = await import('json-logic-js');
      const jsonLogic = mod.default ?? mod;
      const { withDerived } = await derivation(env);
      const rules = JSON.parse(await env.text('jsonlogic.json'));
      const n = measureCount(rules);
      return (profile) => {
        const facts = withDerived(profile);
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = jsonLogic.apply(rules[i], facts);
        return out;
      };
    },
  },
  'json-rules-engine': {
    label: 'json-rules-engine',
    isAsync: true, // engine.run returns a promise
    async load(env) {
      const mod = await import('json-rules-engine');
      const Engine = mod.Engine ?? mod.default?.Engine; // CommonJS: named in node, under default when bundled
      const { withDerived } = await derivation(env);
      const { rules, initial: statuses } = JSON.parse(await env.text('json-rules-engine.json'));
      const initial = Uint8Array.from(statuses);
      const engine = new Engine(rules, { allowUndefinedFacts: true });
      addOperators(engine);
      return async (profile) => {
        const { events } = await engine.run(withDerived(profile));
        const out = initial.slice();
        for (const e of events) {
          const i = e.params.measure;
          out[i] = Math.min(out[i], e.type === 'eligible' ? 0 : 1);
        }
        return out;
      };
    },
  },
};
