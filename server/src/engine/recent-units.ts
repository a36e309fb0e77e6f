/**
 * Results of statements that were in recent versions of a document but are not in the current one,
 * by cache key, least recently used first out. An unclosed `"""` turns the rest of a file into one
 * string; closing it brings every statement back with its old text, and each is found here instead
 * of being analysed again. Bounded by entry count and by the characters of the keys (a key holds
 * the statement's text, so that is a fair measure of what a result costs); the keys and values kept
 * must be detached copies (see detach.ts), so that no old version of the text is held.
 */
export class RecentUnits<V> {
  private readonly entries = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxChars = 4_000_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Removes and returns the result stored under `key` (it goes back into the current analysis). */
  take(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.chars -= key.length;
    return value;
  }

  /** Stores `value` under `key` as the most recent entry, dropping the oldest beyond the bounds. */
  add(key: string, value: V): void {
    if (key.length > this.maxChars) return;
    if (this.entries.delete(key)) this.chars -= key.length;
    this.entries.set(key, value);
    this.chars += key.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }
}
