// The node side of bench/engines.mjs: files from the exporter's folder, the built pkg/.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const RULES = join(ROOT, 'target', 'bench-rules');
export const AS_OF = '2025-06-01';

/**
 * Runs the exporter (examples/export-rules.rs) on the built-in catalogue: the rules every
 * alternative engine runs, translated from the compiled conditions, written to `dir`.
 */
export function exportRules({ dir = RULES, asOf = AS_OF } = {}) {
  const r = spawnSync('cargo', ['run', '--quiet', '--release', '--example', 'export-rules', '--', '--as-of', asOf, '--out', dir],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`export-rules failed (${r.status})`);
  return dir;
}

export function nodeEnv({ dir = RULES, asOf = AS_OF } = {}) {
  return {
    asOf,
    text: async (name) => readFileSync(join(dir, name), 'utf8'),
    importPlain: () => import(pathToFileURL(join(dir, 'plain.mjs')).href),
    async loadOurs() {
      const pm = await import(pathToFileURL(join(ROOT, 'pkg', 'policy_matcher.js')).href);
      pm.initSync({ module: readFileSync(join(ROOT, 'pkg', 'policy_matcher_bg.wasm')) });
      return pm;
    },
  };
}
