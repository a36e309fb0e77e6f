/** What an analysis reads of the last one's results by key (`AnalysisCache.units`). */
export interface UnitLookup<V> {
  readonly size: number;
  get(key: string): V | undefined;
  has(key: string): boolean;
  keys(): IterableIterator<string>;
}

/**
 * The results of one analysis by key, made of the last analysis's and the keys the statements
 * of its window changed (a window publish: see `spliceWindow` in analyze.ts), without copying the
 * entries of every statement of the file at every keystroke. The changes are folded into a map of
 * their own once they pile up, so that a look-up is never more than two.
 */
export class UnitTable<V> implements UnitLookup<V> {
  private constructor(
    private readonly base: UnitLookup<V>,
    private readonly added: ReadonlyMap<string, V>,
    private readonly removed: ReadonlySet<string>,
  ) {}

  /**
   * `previous` without the keys of `removals` and with `additions` (applied in that order); neither
   * `previous` nor anything it was made of is changed.
   */
  static changed<V>(
    previous: UnitLookup<V>,
    removals: Iterable<string>,
    additions: Iterable<readonly [string, V]>,
  ): UnitTable<V> {
    const base = previous instanceof UnitTable ? previous.base : previous;
    const added = new Map(previous instanceof UnitTable ? previous.added : []);
    const removed = new Set(previous instanceof UnitTable ? previous.removed : []);
    for (const key of removals) {
      added.delete(key);
      if (base.has(key)) removed.add(key);
    }
    for (const [key, value] of additions) {
      removed.delete(key);
      added.set(key, value);
    }
    const table = new UnitTable(base, added, removed);
    if (added.size + removed.size <= Math.max(MIN_CHANGES, base.size / CHANGES_PER_ENTRIES)) return table;
    return new UnitTable(new Map(table.entries()), new Map(), new Set());
  }

  get size(): number {
    let size = this.base.size - this.removed.size;
    for (const key of this.added.keys()) if (!this.base.has(key)) size++;
    return size;
  }

  get(key: string): V | undefined {
    const value = this.added.get(key);
    if (value !== undefined) return value;
    return this.removed.has(key) ? undefined : this.base.get(key);
  }

  has(key: string): boolean {
    return this.added.has(key) || (!this.removed.has(key) && this.base.has(key));
  }

  *keys(): IterableIterator<string> {
    for (const key of this.base.keys()) if (!this.removed.has(key) && !this.added.has(key)) yield key;
    yield* this.added.keys();
  }

  private *entries(): IterableIterator<[string, V]> {
    for (const key of this.keys()) yield [key, this.get(key) as V];
  }
}

/** The changes a table holds before they are folded into a map: at least this many… */
const MIN_CHANGES = 64;
/** …or one per this many entries of the map they are over. */
const CHANGES_PER_ENTRIES = 8;
