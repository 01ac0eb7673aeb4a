/**
 * The one script a site adds: checks that the browser can run the widget, then registers
 * <policy-matcher> (once, even if loaded twice).
 *
 *   <script type="module" src="/www/policy-matcher.js"></script>
 *   <policy-matcher region="350200">
 *     <a href="/zcwj/">查看惠企政策文件</a>   <!-- shown when JavaScript is off -->
 *   </policy-matcher>
 *
 * Kept in old syntax: on a browser that lacks what the widget needs (see lib/support.js)
 * it still runs, leaves the light-DOM content in place and adds a note asking for a newer
 * browser or the 极速模式. `ready` resolves to the element class, or null on such a browser.
 */
import { missingFeatures, showUnsupportedEverywhere } from './lib/support.js';

function unsupported(missing) {
  showUnsupportedEverywhere(missing);
  return null;
}

const missing = missingFeatures();

/**
 * Starts the matcher's downloads (the wasm, the largest part, and the names module) for
 * the elements already on the page, beside the element's own code instead of after it.
 * The element later asks engine.js and names.js for the same packages and gets these.
 */
function prefetch() {
  var elements = document.querySelectorAll('policy-matcher');
  if (!elements.length) return;
  Promise.all([import('./lib/engine.js'), import('./lib/names.js')]).then(function (modules) {
    var seen = {};
    for (var i = 0; i < elements.length; i++) {
      var base = modules[0].packageBase(elements[i].getAttribute('pkg-base'));
      if (seen[base]) continue;
      seen[base] = true;
      modules[0].loadPackage(base).catch(function () { /* the element reports it */ });
      modules[1].loadNames(base).catch(function () { /* the form then takes codes */ });
    }
  }, function () { /* the element's own import reports it */ });
}

if (!missing.length) {
  try { prefetch(); } catch (err) { /* a page without the element yet, or a bad pkg-base: the element handles it */ }
}

export const ready = missing.length
  ? Promise.resolve(unsupported(missing))
  : import('./policy-matcher-element.js').then(function (module) {
    if (!window.customElements.get('policy-matcher')) {
      window.customElements.define('policy-matcher', module.PolicyMatcherElement);
    }
    return window.customElements.get('policy-matcher');
  }, function (err) {
    // a kernel that passed the checks but cannot parse the element's code
    if (err instanceof SyntaxError) return unsupported(['syntax']);
    // the element's code could not be fetched: the light-DOM content stays in place
    console.error('policy-matcher: could not load', err);
    return null;
  });
