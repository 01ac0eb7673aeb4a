// One cold start, in a fresh node process: import the engine, read and compile its rules,
// decide one profile. Prints the milliseconds as JSON. Run by bench/compare.mjs.
// Usage: node bench/cold.mjs ENGINE PROFILE_JSON
const t0 = performance.now();
const { ENGINES } = await import('./engines.mjs');
const { nodeEnv } = await import('./node-env.mjs');
const [name, profileJson] = process.argv.slice(2);
const decide = await ENGINES[name].load(nodeEnv());
const out = await decide(JSON.parse(profileJson));
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, statuses: out.length }));
