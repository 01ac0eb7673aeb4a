/**
 * Can this browser run the widget? Checked before the element's own code is even loaded,
 * and written in old syntax (no ?., ??, class fields) so that an old kernel can still run
 * it and say why, instead of failing with no message.
 *
 * A browser without these keeps the element's light-DOM content (the site's link to the
 * policy documents) and gets a note above it: 请使用新版浏览器或切换到极速模式. IE and the
 * "compatibility mode" (兼容模式, Trident) of dual-kernel browsers do not run module
 * scripts at all: there the light-DOM content shows on its own.
 */

/**
 * The smallest module with an externref parameter: (module (type (func (param externref)))).
 * wasm-bindgen's output uses reference types (Chrome 96, Firefox 79, Safari 15.1).
 */
const REFERENCE_TYPES_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x01, 0x6f, 0x00]);

function wasmReferenceTypes() {
  try {
    return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function'
      && WebAssembly.validate(REFERENCE_TYPES_MODULE);
  } catch (e) {
    return false;
  }
}

function constructableStyleSheets() {
  try {
    return typeof ShadowRoot === 'function' && 'adoptedStyleSheets' in ShadowRoot.prototype
      && typeof new CSSStyleSheet().replaceSync === 'function';
  } catch (e) {
    return false;
  }
}

/** What the widget needs, each with a test; names are reported in the error event. */
const FEATURES = [
  ['custom-elements', function () { return typeof window.customElements === 'object' && window.customElements !== null && typeof window.customElements.define === 'function'; }],
  ['shadow-dom', function () { return typeof Element === 'function' && typeof Element.prototype.attachShadow === 'function'; }],
  ['adopted-style-sheets', constructableStyleSheets],
  ['wasm-reference-types', wasmReferenceTypes],
  ['es2022-array-at', function () { return typeof Array.prototype.at === 'function'; }],
  ['text-encoding', function () { return typeof TextEncoder === 'function' && typeof TextDecoder === 'function'; }],
];

/** The names of the features this browser lacks (empty when the widget can run). */
export function missingFeatures() {
  const missing = [];
  for (let i = 0; i < FEATURES.length; i += 1) {
    let ok = false;
    try {
      ok = FEATURES[i][1]();
    } catch (e) {
      ok = false;
    }
    if (!ok) missing.push(FEATURES[i][0]);
  }
  return missing;
}

const MESSAGES = {
  'zh-CN': '您的浏览器版本较旧，无法使用在线政策匹配。请使用新版浏览器或切换到极速模式。',
  en: 'Your browser is too old for the online policy matcher. Please use a newer browser, or switch a dual-mode browser to its high-speed (极速) mode.',
};

function languageOf(element) {
  let node = element;
  while (node && node.nodeType === 1) {
    const lang = node.getAttribute('lang');
    if (lang !== null) return /^en\b/i.test(lang) ? 'en' : 'zh-CN';
    node = node.parentNode;
  }
  return 'zh-CN';
}

/**
 * Puts the note at the top of one element's light DOM (once) and reports the error.
 * The note is plain light-DOM content, styled by the host page like the rest of it.
 */
export function showUnsupported(element, missing) {
  if (!element || element.hasAttribute('data-pm-unsupported')) return;
  element.setAttribute('data-pm-unsupported', missing.join(' '));
  const lang = languageOf(element);
  const note = document.createElement('p');
  note.className = 'pm-unsupported';
  note.setAttribute('lang', lang);
  note.textContent = MESSAGES[lang];
  element.insertBefore(note, element.firstChild);
  let event;
  try {
    event = new CustomEvent('policy-matcher:error', {
      bubbles: true, composed: true,
      detail: { code: 'unsupported', missing: missing.slice(), message: MESSAGES['zh-CN'], message_en: MESSAGES.en },
    });
  } catch (e) {
    return;
  }
  element.dispatchEvent(event);
}

/**
 * Shows the note in every <policy-matcher> on the page, now and later: through a stand-in
 * element definition when custom elements exist, else by watching the document.
 */
export function showUnsupportedEverywhere(missing) {
  if (missing.indexOf('custom-elements') < 0) {
    if (!window.customElements.get('policy-matcher')) {
      window.customElements.define('policy-matcher', class extends HTMLElement {
        connectedCallback() { showUnsupported(this, missing); }
      });
    }
    return;
  }
  const scan = function () {
    const elements = document.getElementsByTagName('policy-matcher');
    for (let i = 0; i < elements.length; i += 1) showUnsupported(elements[i], missing);
  };
  scan();
  if (typeof MutationObserver === 'function') {
    new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  }
}
