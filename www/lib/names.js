/**
 * The names module (pkg/policy_matcher_names.js, a wasm of its own: src/wasm_names.rs):
 * regions and industries found by what the visitor types. Loaded once per page, as soon
 * as a form with a region or industry question is built, from beside the matcher's
 * package. Searching runs inside the page: nothing typed is part of any request.
 */

const NAMES_JS = new URL('../../pkg/policy_matcher_names.js', import.meta.url);
const NAMES_WASM = new URL('../../pkg/policy_matcher_names_bg.wasm', import.meta.url);

let namesPromise = null;
/** The loaded module once ready (for synchronous use by the fields), else null. */
export let names = null;

/** Loads the names module; a failure is not cached (the fields fall back to codes). */
export function loadNames() {
  if (!namesPromise) {
    namesPromise = (async () => {
      const mod = await import(NAMES_JS.href);
      await mod.default({ module_or_path: NAMES_WASM });
      names = mod;
      return mod;
    })();
    namesPromise.catch(() => { namesPromise = null; });
  }
  return namesPromise;
}

/** A region code's full name ("福建省厦门市湖里区"), or the code when it cannot be named. */
export async function regionName(code, lang) {
  try {
    const mod = await loadNames();
    const d = mod.describeRegion(code, lang);
    return (lang === 'en' ? d?.name_en : d?.name) ?? code;
  } catch {
    return code;
  }
}
