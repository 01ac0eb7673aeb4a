/**
 * Loads the matcher: the wasm package — by default the `pkg/` that sits beside `www/`
 * (`../pkg/` from the element's script), or wherever the element's `pkg-base` attribute
 * says — and, when a site names one, its own catalogue JSON, validated by the package.
 * Nothing the visitor types is ever part of a request.
 */

/** The default package directory: `pkg/` beside `www/`. */
export const DEFAULT_PACKAGE_BASE = new URL('../../pkg/', import.meta.url).href;

/**
 * The package directory for a `pkg-base` attribute value (relative to the page, like any
 * URL in an attribute), always ending in `/`; the default one for an empty value.
 */
export function packageBase(value) {
  const text = (value ?? '').trim();
  if (!text) return DEFAULT_PACKAGE_BASE;
  const url = new URL(text, document.baseURI);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

const packages = new Map();

/**
 * The initialised package module from a package directory (one per directory, shared by
 * every <policy-matcher> on the page). A failure is not cached, so "try again" can retry.
 */
export function loadPackage(base = DEFAULT_PACKAGE_BASE) {
  if (!packages.has(base)) {
    const promise = (async () => {
      const mod = await import(new URL('policy_matcher.js', base).href);
      await mod.default({ module_or_path: new URL('policy_matcher_bg.wasm', base) });
      return mod;
    })();
    promise.catch(() => packages.delete(base));
    packages.set(base, promise);
  }
  return packages.get(base);
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
