/**
 * Saving and sharing without a server: answers in a URL fragment (only when the visitor
 * asks for a link), a JSON export of answers and results, and a copy in this browser's
 * storage only while the visitor has ticked "remember my answers".
 */

/** The fragment prefix of a share link: `#pm=<base64url of the answers' JSON>`. */
const FRAGMENT_PREFIX = '#pm=';
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

/** A link to this page that carries the answers in its fragment (never sent to a server). */
export function shareUrl(profile, location = window.location) {
  const base = location.href.split('#')[0];
  return `${base}${FRAGMENT_PREFIX}${toBase64Url(JSON.stringify(profile))}`;
}

/** The answers carried by a share link's fragment, or null when it has none (or a broken one). */
export function profileFromFragment(hash = window.location.hash) {
  if (!hash.startsWith(FRAGMENT_PREFIX)) return null;
  try {
    return cleanProfile(JSON.parse(fromBase64Url(hash.slice(FRAGMENT_PREFIX.length))));
  } catch {
    return null;
  }
}

/** The answers and results as a downloadable JSON file's text. */
export function exportJson({ profile, output, catalogue, lang }) {
  return JSON.stringify({
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

/** Remembers the answers (only called while the visitor's "remember" box is ticked). */
export function remember(profile) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(profile));
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
