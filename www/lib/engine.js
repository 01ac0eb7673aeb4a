/**
 * Loads the matcher: the wasm package that sits beside www/ (`../pkg/`), and, when a site
 * names one, its own catalogue JSON, validated by the package. Everything is same-origin;
 * nothing the visitor types is ever part of a request.
 */

const PACKAGE_JS = new URL('../../pkg/policy_matcher.js', import.meta.url);
const PACKAGE_WASM = new URL('../../pkg/policy_matcher_bg.wasm', import.meta.url);

let packagePromise = null;

/**
 * The initialised package module (shared by every <policy-matcher> on the page).
 * A failure is not cached, so "try again" can retry.
 */
export function loadPackage() {
  if (!packagePromise) {
    packagePromise = (async () => {
      const mod = await import(PACKAGE_JS.href);
      await mod.default({ module_or_path: PACKAGE_WASM });
      return mod;
    })();
    packagePromise.catch(() => { packagePromise = null; });
  }
  return packagePromise;
}

/** Thrown when a site's catalogue cannot be used; `problems` are the package's errors. */
export class CatalogueError extends Error {
  constructor(url, problems) {
    super(`catalogue ${url} rejected`);
    this.url = url;
    this.problems = problems;
  }
}

const catalogues = new Map();

/**
 * A site's own catalogue, fetched from a same-origin URL and validated by the package:
 * resolves to a handle with the package's methods, rejects with a CatalogueError.
 */
export function loadCatalogue(mod, url) {
  const absolute = new URL(url, document.baseURI).href;
  if (!catalogues.has(absolute)) {
    const promise = (async () => {
      let text;
      try {
        const response = await fetch(absolute, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        text = await response.text();
      } catch (err) {
        throw new CatalogueError(url, [{ code: 'fetch', field: '', message: `无法读取：${err.message}`, message_en: `Could not be read: ${err.message}` }]);
      }
      const loaded = mod.loadCatalogue(text);
      if (!loaded?.catalogue || loaded.errors?.length) throw new CatalogueError(url, loaded?.errors ?? []);
      return loaded.catalogue;
    })();
    promise.catch(() => catalogues.delete(absolute));
    catalogues.set(absolute, promise);
  }
  return catalogues.get(absolute);
}
