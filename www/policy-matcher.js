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
