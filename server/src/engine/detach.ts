/**
 * Strings kept across analyses must not keep old versions of the document alive. V8 makes a slice
 * of 13 characters or more a view into the whole string (and a concatenation a view of its parts),
 * so a class name cut from one keystroke's text, stored in a cache, retains that entire text: an
 * editing session then kept hundreds of megabytes of old texts. What the caches keep is copied.
 */

/** Shorter slices are copies already. */
const SHORTEST_VIEW = 13;

/** Strings at least this long are handed from one analysis's detacher to the next (see `Detacher.carried`). */
const CARRIED_LENGTH = 4_096;
/** At most this many of them. */
const CARRIED_MAX = 16;

/**
 * Strings at least this long are copied one byte a character where they can be (see
 * `detachedString`); shorter ones are not worth the check.
 */
const SHORTEST_NARROWED = 64;
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** A copy of `text` that shares no memory with the string it was cut from. */
export function detachedString(text: string): string {
  if (text.length < SHORTEST_VIEW) return text;
  // V8 keeps a string cut from a two-byte text two-byte (a document with one character past Latin-1
  // anywhere is), whatever it holds: statement texts, the cache's keys, then took twice the memory.
  // Decoded from Latin-1 bytes, a copy is one byte a character.
  if (text.length >= SHORTEST_NARROWED && !BEYOND_LATIN1.test(text))
    return Buffer.from(text, 'latin1').toString('latin1');
  // Slicing a concatenation flattens it into a new string first: the result views only that copy.
  return ` ${text}`.slice(1);
}

/**
 * `value` with every string inside it detached: strings, arrays, plain objects, maps and sets are
 * copied as needed; anything else (class instances, functions) is kept as it is.
 */
export function detachedValue<T>(value: T): T {
  return new Detacher().value(value);
}

/**
 * Detached copies for the values one analysis keeps, made so that nothing is kept twice: equal
 * strings share one copy (a statement's text is the key of its result and of each of its memo
 * slots, and many results record the same module-fact values: measured, the copies were most of a
 * document's cache), and an object reached twice within one value is copied once (the findings of
 * a statement share their fixes' import clean-up). Objects are never shared between two values
 * (a kept result is extended later), strings are immutable.
 */
export class Detacher {
  private readonly strings = new Map<string, string>();
  /** The long strings this detacher gave out, in the order first asked for (see `carried`). */
  private readonly long = new Set<string>();

  /**
   * @param earlier the long strings the previous analysis of the same document kept (its
   * `carried()`): equal ones kept now share them. One analysis done in slices is one `analyze` call
   * per slice; without this, every slice kept its own copy of the same long value (measured: a
   * module's imports as read whole by a statement, 67 kB, copied by 489 slices of a 50k-line file's
   * opening analysis: 31 MB).
   */
  constructor(private readonly earlier: readonly string[] = []) {
    for (const kept of earlier) this.adopt(kept);
  }

  /**
   * The long strings to hand to the next analysis's detacher: those this one gave out, then those
   * it was handed, at most `CARRIED_MAX` (bounded: strings no statement holds any more are let go
   * after a few analyses).
   */
  carried(): readonly string[] {
    const carried = [...this.long];
    for (const kept of this.earlier) {
      if (carried.length >= CARRIED_MAX) break;
      if (!this.long.has(kept)) carried.push(kept);
    }
    return carried.length > CARRIED_MAX ? carried.slice(-CARRIED_MAX) : carried;
  }

  /** `value` detached (see `detachedValue`), its strings shared with everything this detacher kept. */
  value<T>(value: T): T {
    return this.copy(value, new Map()) as T;
  }

  /** The one kept copy of `text`; `text` itself when it is one already (see `adopt`). */
  string(text: string): string {
    if (text.length < SHORTEST_VIEW) return text;
    let copy = this.strings.get(text);
    if (copy === undefined) {
      copy = detachedString(text);
      // Keyed by the copy: the map holds no view of the text it was cut from.
      this.strings.set(copy, copy);
    }
    if (copy.length >= CARRIED_LENGTH) this.long.add(copy);
    return copy;
  }

  /** A string kept by an earlier analysis (detached already): equal ones kept now share it. */
  adopt(kept: string): void {
    if (kept.length >= SHORTEST_VIEW && !this.strings.has(kept)) this.strings.set(kept, kept);
  }

  private copy(value: unknown, copies: Map<object, unknown>): unknown {
    if (typeof value === 'string') return this.string(value);
    if (typeof value !== 'object' || value === null) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const copy = value.map((entry) => this.copy(entry, copies));
      copies.set(value, copy);
      return copy;
    }
    if (value instanceof Map) {
      const copy = new Map();
      copies.set(value, copy);
      for (const [key, entry] of value) copy.set(this.copy(key, copies), this.copy(entry, copies));
      return copy;
    }
    if (value instanceof Set) {
      const copy = new Set();
      copies.set(value, copy);
      for (const entry of value) copy.add(this.copy(entry, copies));
      return copy;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    const copy: Record<string, unknown> = {};
    copies.set(value, copy);
    for (const [key, entry] of Object.entries(value)) copy[key] = this.copy(entry, copies);
    return copy;
  }
}
