/**
 * Strings kept across analyses must not keep old versions of the document alive. V8 makes a slice
 * of 13 characters or more a view into the whole string (and a concatenation a view of its parts),
 * so a class name cut from one keystroke's text, stored in a cache, retains that entire text: an
 * editing session then kept hundreds of megabytes of old texts. What the caches keep is copied.
 */

/** Shorter slices are copies already. */
const SHORTEST_VIEW = 13;

/** A copy of `text` that shares no memory with the string it was cut from. */
export function detachedString(text: string): string {
  if (text.length < SHORTEST_VIEW) return text;
  // Slicing a concatenation flattens it into a new string first: the result views only that copy.
  return ` ${text}`.slice(1);
}

/**
 * `value` with every string inside it detached: strings, arrays, plain objects, maps and sets are
 * copied as needed; anything else (class instances, functions) is kept as it is.
 */
export function detachedValue<T>(value: T): T {
  return detach(value) as T;
}

function detach(value: unknown): unknown {
  if (typeof value === 'string') return detachedString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(detach);
  if (value instanceof Map) {
    const copy = new Map();
    for (const [key, entry] of value) copy.set(detach(key), detach(entry));
    return copy;
  }
  if (value instanceof Set) return new Set([...value].map(detach));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) copy[key] = detach(entry);
  return copy;
}
