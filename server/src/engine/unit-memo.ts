import type { Node } from './types';

/**
 * Values computed from one top-level statement (a "unit"), kept from one analysis of a document to
 * the next, so that module facts and file rules cost only the statements that changed. An entry is
 * found again by the unit's cache key (its column, node type and text; its tree shape when it holds
 * a syntax error: see `unitKey` in analyze.ts), never by its position, so a stored value must not
 * hold absolute positions or tree nodes: keep positions relative to the unit's start.
 */
export class UnitMemo {
  private readonly entries = new Map<string, unknown>();

  /**
   * @param keys the cache key of every top-level statement of the tree being analysed, by node id
   * @param previous the memo of the previous analysis of the same document and configuration
   */
  constructor(
    private readonly keys: ReadonlyMap<number, string>,
    private readonly previous?: UnitMemo,
  ) {}

  /** The value of `slot` for `unit` (a child of the module), computed once per distinct unit text. */
  get<T>(unit: Node, slot: string, compute: () => T): T {
    const unitKey = this.keys.get(unit.id);
    if (unitKey === undefined) return compute(); // not a top-level statement: nothing to reuse
    const key = `${slot}\u0000${unitKey}`;
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = this.previous?.entries.has(key) ? (this.previous.entries.get(key) as T) : compute();
    this.entries.set(key, value);
    return value;
  }
}
