/**
 * JSON text and copies of plain data that a host page's globals cannot corrupt.
 *
 * Old libraries still found on government sites (Prototype.js 1.6, some MooTools builds)
 * define `Array.prototype.toJSON`, which JSON.stringify calls before anything else: every
 * array becomes a string ("[\"a\", \"b\"]") inside the output. The replacer below reads
 * the original value back from its holder, so arrays are written as arrays whatever the
 * page has added to Array.prototype. (It also replaces `structuredClone`, missing before
 * Chrome 98 / Safari 15.4, for the element's `profile` and `result` getters.)
 */

/** JSON.stringify's replacer: an array is written as the array itself, never its toJSON. */
function arraysAsArrays(key, value) {
  const original = this[key];
  return Array.isArray(original) ? original : value;
}

/** JSON text of plain data (objects, arrays, strings, numbers, booleans, null). */
export function toJson(value, space) {
  return JSON.stringify(value, arraysAsArrays, space);
}

/** A deep copy of plain data: objects, arrays and primitives (what the matcher returns). */
export function plainCopy(value) {
  if (Array.isArray(value)) return value.map(plainCopy);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) out[key] = plainCopy(value[key]);
    return out;
  }
  return value;
}
