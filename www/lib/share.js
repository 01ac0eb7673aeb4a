/**
 * Saving and sharing without a server: answers in a URL fragment (only when the visitor
 * asks for a link), a JSON export of answers and results, and a copy in this browser's
 * storage only while the visitor has ticked "remember my answers".
 */

import { toJson } from './json.js';

/**
 * The fragment of a share link: `#pm=<base64url of the answers' JSON>` from a widget without
 * an id, `#pm:<id>=<…>` (the id URI-encoded) from a widget with one, so that on a page with
 * several widgets a link fills in only the one it was made in.
 */
const FRAGMENT_PREFIX = '#pm';

/** The fragment's start for a widget: `#pm=` or `#pm:<id>=`. */
function fragmentStart(scope) {
  return scope ? `${FRAGMENT_PREFIX}:${encodeURIComponent(scope)}=` : `${FRAGMENT_PREFIX}=`;
}
/** The storage key of remembered answers. */
const STORAGE_KEY = 'policy-matcher:answers';

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Keeps only plain answer values (strings, numbers, booleans, lists of strings). */
function cleanProfile(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) continue;
    if (['string', 'number', 'boolean'].includes(typeof v)) out[key] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[key] = [...v];
  }
  return out;
}

/**
 * A link to this page that carries the answers in its fragment (never sent to a server);
 * `scope` is the widget's element id, if it has one.
 */
export function shareUrl(profile, { scope = '', location = window.location } = {}) {
  const base = location.href.split('#')[0];
  return `${base}${fragmentStart(scope)}${toBase64Url(toJson(profile))}`;
}

/**
 * The answers a share link's fragment carries for one widget, or null when it has none for
 * it (or a broken one). A widget with an id takes `#pm:<id>=`; one without takes `#pm=`,
 * and so does the page's only widget (links made before it was given an id).
 */
export function profileFromFragment({ scope = '', only = false, hash = window.location.hash } = {}) {
  let start = null;
  if (scope && hash.startsWith(fragmentStart(scope))) start = fragmentStart(scope);
  else if ((!scope || only) && hash.startsWith(fragmentStart(''))) start = fragmentStart('');
  if (!start) return null;
  try {
    return cleanProfile(JSON.parse(fromBase64Url(hash.slice(start.length))));
  } catch {
    return null;
  }
}

/** The answers and results as a downloadable JSON file's text. */
export function exportJson({ profile, output, catalogue, lang }) {
  return toJson({
    generator: 'policy-matcher',
    lang,
    as_of: output?.as_of,
    catalogue,
    profile,
    derived: output?.derived,
    results: output?.results ?? [],
  }, null, 2);
}

/** Offers text as a file download, built in the page (no server). */
export function download(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The answers remembered on this device with the visitor's consent, or null. */
export function loadRemembered() {
  try {
    const text = window.localStorage.getItem(STORAGE_KEY);
    return text ? cleanProfile(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

/**
 * Remembers the answers (only called while the visitor's "remember" box is ticked); false
 * when this browser refuses storage (a sandboxed frame without allow-same-origin, storage
 * disabled, quota), so the widget can untick the box and say why.
 */
export function remember(profile) {
  try {
    window.localStorage.setItem(STORAGE_KEY, toJson(profile));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the remembered answers (the visitor unticked "remember"). */
export function forget() {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage unavailable (private mode, sandboxed frame): nothing was kept
  }
}
