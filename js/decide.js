
// ---- js/decide.js: appended to the wasm-bindgen bindings by scripts/build.sh ----
// `decideProfile(profile, options)` and `CatalogueHandle.prototype.decideProfile`: each
// measure's status in catalogue order (0 eligible, 1 possible, 2 ineligible, 3 task).
// The answers are written as numbers into a buffer in wasm memory (layout: src/encoded.rs,
// slots from the compiled schema via decideLayout()) and decided in one call, instead of
// one JS→wasm crossing per field. Anything the encoder does not read plainly (a field the
// schema does not answer, a value of another type, a long or non-ASCII string, more keys
// than allowed, a getter or Proxy that throws) takes the per-field path,
// decideProfileFields, so statuses stay exactly what that path gives. No eval, no
// Function: it runs under the widget's strict CSP. Uses only this module's exports.

const DECIDE_KINDS = { number: 0, bool: 1, text: 2, set: 3 };
let decideViews = null;

/** Views of the input buffer and of all wasm memory; new ones after memory grows. */
function decideBuffer(capacity) {
  if (decideViews === null || decideViews.u8.byteLength === 0) {
    const at = decideInput();
    if (!at) return null;
    const { buffer } = decideMemory();
    decideViews = { f64: new Float64Array(buffer, at, capacity), u8: new Uint8Array(buffer) };
  }
  return decideViews;
}

/** A text: its length and ASCII codes at `at`; the next position, or -1. */
function decidePutText(f64, at, s, maxText) {
  const n = s.length;
  if (n > maxText || at + 1 + n > f64.length) return -1;
  f64[at++] = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return -1;
    f64[at++] = c;
  }
  return at;
}

/** Encodes options and profile into `f64`: the number of words, or -1 (not plain). */
function decideEncode(layout, fields, f64, profile, options) {
  let at = 1;
  if (options === undefined || options === null) {
    f64[0] = -1;
  } else if (typeof options === 'object') {
    const asOf = options.as_of;
    if (asOf === undefined || asOf === null) f64[0] = -1;
    else if (typeof asOf === 'string') at = decidePutText(f64, 0, asOf, layout.max_text);
    else return -1;
    if (at < 0) return -1;
  } else {
    return -1;
  }
  if (profile === undefined || profile === null) return at;
  if (typeof profile !== 'object' || Array.isArray(profile)) return -1;
  const names = Object.keys(profile);
  if (names.length > layout.max_keys) return -1;
  for (let i = 0; i < names.length; i++) {
    const field = fields.get(names[i]);
    if (field === undefined) return -1;
    const v = profile[names[i]];
    if (v === undefined || v === null) continue;
    if (at + 2 > f64.length) return -1;
    f64[at++] = field.slot;
    switch (field.kind) {
      case 0:
        if (typeof v !== 'number') return -1;
        f64[at++] = v;
        break;
      case 1:
        if (typeof v !== 'boolean') return -1;
        f64[at++] = v ? 1 : 0;
        break;
      case 2:
        if (typeof v !== 'string') return -1;
        at = decidePutText(f64, at, v, layout.max_text);
        if (at < 0) return -1;
        break;
      case 3: {
        if (!Array.isArray(v)) return -1;
        const n = v.length;
        if (typeof n !== 'number' || !(n >= 0 && n <= layout.max_items) || n % 1 !== 0) return -1;
        f64[at++] = n;
        for (let j = 0; j < n; j++) {
          const item = v[j];
          if (typeof item !== 'string') return -1;
          at = decidePutText(f64, at, item, layout.max_text);
          if (at < 0) return -1;
        }
        break;
      }
      default:
        return -1;
    }
  }
  return at;
}

/** A decideProfile for one catalogue, given its layout and its two wasm entries. */
function decider(layout, encoded, perField) {
  const fields = new Map();
  if (layout && Array.isArray(layout.fields)) {
    for (const [id, slot, kind] of layout.fields) fields.set(id, { slot, kind: DECIDE_KINDS[kind] ?? -1 });
  }
  const usable = fields.size > 0 && typeof layout.measures === 'number';
  /** The statuses' address in wasm memory, or 0 when the encoded path does not apply. */
  function viaBuffer(profile, options) {
    const views = usable ? decideBuffer(layout.capacity) : null;
    if (views === null) return 0;
    let len = -1;
    try {
      len = decideEncode(layout, fields, views.f64, profile, options);
    } catch {
      len = -1; // a getter or a Proxy trap threw: the per-field path reports it
    }
    return len >= 0 ? encoded(len) : 0;
  }
  function decide(profile, options) {
    const at = viaBuffer(profile, options);
    if (at === 0) return perField(profile, options);
    const u8 = decideViews.u8.byteLength === 0 ? decideBuffer(layout.capacity).u8 : decideViews.u8;
    return u8.slice(at, at + layout.measures);
  }
  decide.encodes = (profile, options) => viaBuffer(profile, options) !== 0;
  return decide;
}

let builtinDecider;

/**
 * Each measure's status against the built-in catalogue, in catalogue order (0 eligible,
 * 1 possible, 2 ineligible, 3 task): the fast path for bulk use. Never throws once the
 * module is initialised.
 * @param {Profile} profile
 * @param {MatchOptions} [options]
 * @returns {Uint8Array}
 */
export function decideProfile(profile, options) {
  if (builtinDecider === undefined) builtinDecider = decider(decideLayout(), decideEncoded, decideProfileFields);
  return builtinDecider(profile, options);
}

/**
 * Whether decideProfile (or a CatalogueHandle's, given as `handle`) takes the encoded
 * path for these arguments rather than the per-field one: for tests and benchmarks.
 * @returns {boolean}
 */
export function decideEncodes(profile, options, handle) {
  if (handle !== undefined) return handleDecider(handle).encodes(profile, options);
  if (builtinDecider === undefined) builtinDecider = decider(decideLayout(), decideEncoded, decideProfileFields);
  return builtinDecider.encodes(profile, options);
}

const handleDeciders = new WeakMap();

function handleDecider(handle) {
  let decide = handleDeciders.get(handle);
  if (decide === undefined) {
    decide = decider(handle.decideLayout(), (n) => handle.decideEncoded(n), (p, o) => handle.decideProfileFields(p, o));
    handleDeciders.set(handle, decide);
  }
  return decide;
}

/** decideProfile for a site's catalogue: the same encoded path, its own layout. */
CatalogueHandle.prototype.decideProfile = function decideProfile(profile, options) {
  return handleDecider(this)(profile, options);
};
