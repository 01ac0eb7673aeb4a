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
 * resolves to an engine with the package's methods (a `WorkerCatalogue` where the browser
 * can run the package in a Worker, else the package's handle on the main thread), rejects
 * with a CatalogueError.
 */
export function loadCatalogue(mod, url, base = DEFAULT_PACKAGE_BASE) {
  const absolute = new URL(url, document.baseURI).href;
  const key = `${base} ${absolute}`;
  if (!catalogues.has(key)) {
    const promise = (async () => {
      let text;
      try {
        const response = await fetch(absolute, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        text = await response.text();
      } catch (err) {
        throw new CatalogueError(url, [{ code: 'fetch', field: '', message: `无法读取：${err.message}`, message_en: `Could not be read: ${err.message}` }]);
      }
      const inWorker = await startWorker(base, text);
      if (inWorker?.problems) throw new CatalogueError(url, inWorker.problems);
      if (inWorker) return inWorker;
      // No Worker here (a sandboxed frame, Trusted Types, an old browser): the same
      // validation on the main thread, bounded by the package's size limit.
      const loaded = mod.loadCatalogue(text);
      if (!loaded?.catalogue || loaded.errors?.length) throw new CatalogueError(url, loaded?.errors ?? []);
      return loaded.catalogue;
    })();
    promise.catch(() => catalogues.delete(key));
    catalogues.set(key, promise);
  }
  return catalogues.get(key);
}

const WORKER_URL = new URL('./catalogue-worker.js', import.meta.url).href;
let workerPolicy;

/**
 * The Worker's script URL. A page that enforces Trusted Types only takes a TrustedScriptURL:
 * it comes from a policy named `policy-matcher` that passes this one URL and nothing else;
 * where the page does not allow that name (`trusted-types` without it), null — the
 * catalogue then loads on the main thread.
 */
function workerScriptUrl() {
  const tt = globalThis.trustedTypes;
  if (typeof tt?.createPolicy !== 'function') return WORKER_URL;
  if (workerPolicy === undefined) {
    try {
      workerPolicy = tt.createPolicy('policy-matcher', { createScriptURL: (url) => (url === WORKER_URL ? url : '') });
    } catch {
      workerPolicy = null;
    }
  }
  return workerPolicy ? workerPolicy.createScriptURL(WORKER_URL) : null;
}

/**
 * Loads a catalogue's text in a new Worker: resolves to a WorkerCatalogue, to
 * `{ problems }` when the package rejects the catalogue, or to null when no Worker can
 * run the package here.
 */
function startWorker(base, text) {
  let worker;
  try {
    const url = workerScriptUrl();
    if (!url) return Promise.resolve(null);
    worker = new Worker(url, { type: 'module', name: 'policy-matcher catalogue' });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const settle = (value) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      if (!(value instanceof WorkerCatalogue)) worker.terminate();
      resolve(value);
    };
    const onMessage = ({ data }) => {
      if (data?.type === 'ready') settle(new WorkerCatalogue(worker, data));
      else if (data?.type === 'rejected') settle({ problems: data.problems ?? [] });
      else if (data?.type === 'unavailable') settle(null);
    };
    const onError = (event) => {
      event.preventDefault?.();
      settle(null);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    try {
      worker.postMessage({ type: 'load', base, text });
    } catch {
      settle(null);
    }
  });
}

/**
 * A site's catalogue held by a Worker: `questions` and `catalogueInfo` answer at once (sent
 * when the catalogue was loaded), `matchProfile` resolves with the Worker's output.
 * `async` tells the element that its matches are promises.
 */
export class WorkerCatalogue {
  async = true;
  #worker;
  #info;
  #questions;
  #pending = new Map();
  #next = 0;

  constructor(worker, ready) {
    this.#worker = worker;
    this.#info = ready.info;
    this.#questions = ready.questions;
    worker.addEventListener('message', ({ data }) => {
      const pending = this.#pending.get(data?.id);
      if (!pending) return;
      this.#pending.delete(data.id);
      if (data.type === 'output') pending.resolve(data.output);
      else pending.reject(new Error(data.message ?? 'match failed'));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      for (const { reject } of this.#pending.values()) reject(new Error('the catalogue worker stopped'));
      this.#pending.clear();
    });
  }

  catalogueInfo() { return this.#info; }

  questions(lang) { return this.#questions[lang] ?? this.#questions['zh-CN']; }

  /** The output of the package's matchProfile for these answers, from the Worker. */
  matchProfile(profile, options) {
    return new Promise((resolve, reject) => {
      const id = ++this.#next;
      this.#pending.set(id, { resolve, reject });
      try {
        try {
          this.#worker.postMessage({ type: 'match', id, profile, options });
        } catch {
          this.#worker.postMessage({ type: 'match', id, profile: plainValues(profile), options: plainValues(options) });
        }
      } catch (err) {
        this.#pending.delete(id);
        reject(err);
      }
    });
  }
}

/**
 * Answers that structured clone could not copy (a function, a Proxy, a throwing getter),
 * kept where they are plain — numbers, strings, booleans, lists of them — and otherwise
 * sent as the name of their type, which the package reports as a wrong type for that
 * field, as it would on the main thread.
 */
function plainValues(value) {
  if (value === null || typeof value !== 'object') return value;
  const copy = {};
  for (const key of Object.keys(value)) {
    let item;
    try {
      item = value[key];
      if (Array.isArray(item)) item = item.every((x) => x === null || typeof x !== 'object' && typeof x !== 'function' && typeof x !== 'symbol') ? [...item] : 'object';
      else if (item !== null && (typeof item === 'object' || typeof item === 'function' || typeof item === 'symbol')) item = typeof item;
    } catch {
      item = 'unreadable';
    }
    copy[key] = item;
  }
  return copy;
}
