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
  /** The entries `groupOf` puts in a group, by group, then by key in the order they were added. */
  private readonly groups = new Map<string, Map<string, V>>();

  constructor(
    /** A group for the entries looked up by something else than their key (a class's shell), if any. */
    private readonly groupOf: (value: V) => string | undefined = () => undefined,
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
    this.remove(key, value);
    return value;
  }

  /** Stores `value` under `key` as the most recent entry, dropping the oldest beyond the bounds. */
  add(key: string, value: V): void {
    if (key.length > this.maxChars) return;
    const before = this.entries.get(key);
    if (before !== undefined) this.remove(key, before);
    this.entries.set(key, value);
    this.chars += key.length;
    const group = this.groupOf(value);
    if (group !== undefined) {
      const members = this.groups.get(group) ?? new Map<string, V>();
      members.set(key, value);
      this.groups.set(group, members);
    }
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.remove(oldest, entry);
    }
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  /**
   * The most recently added entry of each group (see `groupOf`): what iterating `values()` and
   * keeping the last of each group gives, without visiting every entry.
   */
  latestOfGroups(): Map<string, V> {
    const latest = new Map<string, V>();
    for (const [group, members] of this.groups) {
      let last: V | undefined;
      for (const value of members.values()) last = value;
      if (last !== undefined) latest.set(group, last);
    }
    return latest;
  }

  private remove(key: string, value: V): void {
    this.entries.delete(key);
    this.chars -= key.length;
    const group = this.groupOf(value);
    const members = group === undefined ? undefined : this.groups.get(group);
    if (!members) return;
    members.delete(key);
    if (members.size === 0) this.groups.delete(group as string);
  }
}
