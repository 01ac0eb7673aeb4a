/**
 * DOM building without HTML strings.
 *
 * Every text the widget shows — above all the catalogue's, which a site may supply —
 * goes into the page as a text node, so markup or script inside it shows as text.
 * There is deliberately no innerHTML anywhere in the widget.
 */

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs] attributes; `on<event>` keys add listeners,
 *   `true` sets a boolean attribute, `false`/`null`/`undefined` leave it out.
 * @param {...(Node|string|number|null|undefined|false|Array)} children strings become text nodes
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'value' || key === 'checked') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (nested arrays flattened, empty values skipped) to a node. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of a node. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let counter = 0;
/** A document-unique id with a readable prefix, for label/aria wiring. */
export function uid(prefix) {
  counter += 1;
  return `pm-${prefix}-${counter}`;
}
