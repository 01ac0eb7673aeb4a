/**
 * The one script a site adds: registers <policy-matcher> (once, even if loaded twice).
 *
 *   <script type="module" src="/www/policy-matcher.js"></script>
 *   <policy-matcher region="350200">
 *     <a href="/zcwj/">查看惠企政策文件</a>   <!-- shown when JavaScript is off -->
 *   </policy-matcher>
 */
import { PolicyMatcherElement } from './policy-matcher-element.js';

if (!customElements.get('policy-matcher')) {
  customElements.define('policy-matcher', PolicyMatcherElement);
}

export { PolicyMatcherElement };
