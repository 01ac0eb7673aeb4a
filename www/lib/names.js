/**
 * The names module (policy_matcher_names.js, a wasm of its own: src/wasm_names.rs):
 * regions and industries found by what the visitor types. Loaded once per page, as soon
 * as a form with a region or industry question is built, from the matcher's package
 * directory (the default `pkg/` beside `www/`, or the element's `pkg-base`). Searching
 * runs inside the page: nothing typed is part of any request.
 */

import { DEFAULT_PACKAGE_BASE } from './engine.js';

const loads = new Map();
let latest = null;
/** The loaded module once ready (for synchronous use by the fields), else null. */
export let names = null;

/**
 * Loads the names module from a package directory (one load per directory, like the
 * matcher); a failure is not cached (the fields fall back to codes).
 */
export function loadNames(base = DEFAULT_PACKAGE_BASE) {
  if (!loads.has(base)) {
    const promise = (async () => {
      const mod = await import(new URL('policy_matcher_names.js', base).href);
      await mod.default({ module_or_path: new URL('policy_matcher_names_bg.wasm', base) });
      names ??= mod;
      return mod;
    })();
    promise.catch(() => { loads.delete(base); if (latest === promise) latest = null; });
    loads.set(base, promise);
  }
  latest = loads.get(base);
  return latest;
}

/**
 * The names module as the page last asked for it (from whichever package directory the
 * element named), without starting a load of its own; rejects when none was asked for.
 */
export function namesLoaded() {
  return latest ?? (names ? Promise.resolve(names) : Promise.reject(new Error('names module not loaded')));
}

/** A region code's full name ("福建省厦门市湖里区"), or the code when it cannot be named. */
export async function regionName(code, lang, base = DEFAULT_PACKAGE_BASE) {
  try {
    const mod = await loadNames(base);
    const d = mod.describeRegion(code, lang);
    return (lang === 'en' ? d?.name_en : d?.name) ?? code;
  } catch {
    return code;
  }
}
