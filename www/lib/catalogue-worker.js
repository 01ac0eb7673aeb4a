/**
 * The Worker that holds a site's own catalogue (engine.js's `WorkerCatalogue`): it loads
 * the package, validates and compiles the catalogue once, and matches every answer
 * against it, so that a large catalogue never freezes the host page. It sees only what
 * the element sends it; nothing leaves the page.
 *
 * Messages in:  { type: 'load', base, text } then { type: 'match', id, profile, options }
 * Messages out: { type: 'ready', info, questions: { 'zh-CN', en } } | { type: 'rejected', problems }
 *               | { type: 'unavailable', message }   (the element then loads on the main thread)
 *               { type: 'output', id, output } | { type: 'failed', id, message }
 */
let handle = null;

self.addEventListener('message', async ({ data }) => {
  if (data?.type === 'load') {
    let mod;
    try {
      mod = await import(new URL('policy_matcher.js', data.base).href);
      await mod.default({ module_or_path: new URL('policy_matcher_bg.wasm', data.base) });
    } catch (err) {
      self.postMessage({ type: 'unavailable', message: String(err?.message ?? err) });
      return;
    }
    const loaded = mod.loadCatalogue(data.text);
    if (!loaded?.catalogue || loaded.errors?.length) {
      self.postMessage({ type: 'rejected', problems: loaded?.errors ?? [] });
      return;
    }
    handle = loaded.catalogue;
    self.postMessage({ type: 'ready', info: handle.catalogueInfo(), questions: { 'zh-CN': handle.questions('zh-CN'), en: handle.questions('en') } });
  } else if (data?.type === 'match') {
    try {
      self.postMessage({ type: 'output', id: data.id, output: handle.matchProfile(data.profile, data.options) });
    } catch (err) {
      self.postMessage({ type: 'failed', id: data.id, message: String(err?.message ?? err) });
    }
  }
});
