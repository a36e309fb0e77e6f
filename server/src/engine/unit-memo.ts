import { detachedValue } from './detach';
import type { Node } from './types';

/**
 * Values computed from one top-level statement (a "unit"), kept from one analysis of a document to
 * the next, so that module facts and file rules cost only the statements that changed. An entry is
 * found again by the unit's cache key (its column, node type and text; its tree shape when it holds
 * a syntax error: see `unitKey` in analyze.ts), never by its position, so a stored value must not
 * hold absolute positions or tree nodes: keep positions relative to the unit's start.
 */
export class UnitMemo {
  /** Slot -> unit key -> entry. Keyed by the unit key itself, whose hash V8 computes only once. */
  private readonly slots = new Map<string, Map<string, Entry>>();

  /**
   * @param keys the cache key of every top-level statement of the tree being analysed, by node id
   * @param previous the memo of the previous analysis of the same document and configuration
   * @param keep how a value is stored: detached from the text (the default) when the memo outlives it
   */
  constructor(
    private keys: ReadonlyMap<number, string>,
    private previous?: UnitMemo,
    private readonly keep: <T>(value: T) => T = detachedValue,
    private copyOf: (unit: Node) => Node = (unit) => unit,
  ) {}

  /**
   * Ends the analysis this memo served: it keeps its entries for the next one, and lets go of the
   * previous memo and of the tree's node ids (a chain of memos would keep every analysis alive).
   */
  close(): void {
    this.previous = undefined;
    this.keys = new Map();
    this.copyOf = (unit) => unit;
  }

  /**
   * The value of `slot` for `unit` (a child of the module), computed once per distinct unit text.
   * `compute` is handed the unit's snapshot (see syntax-node.ts), shared with the unit rules and the
   * other slots: reading it costs no call into wasm.
   */
  get<T>(unit: Node, slot: string, compute: (unit: Node) => T): T {
    const unitKey = this.keys.get(unit.id);
    if (unitKey === undefined) return compute(unit); // not a top-level statement: nothing to reuse
    let entries = this.slots.get(slot);
    if (!entries) {
      entries = new Map();
      this.slots.set(slot, entries);
    }
    const known = entries.get(unitKey) ?? this.previous?.slots.get(slot)?.get(unitKey);
    if (known) {
      entries.set(known.key, known);
      return known.value as T;
    }
    // Kept for later analyses: copied so as not to hold this version of the text (see detach.ts).
    const entry = { key: this.storedKey(unitKey), value: this.keep(compute(this.copyOf(unit))) };
    entries.set(entry.key, entry);
    return entry.value as T;
  }

  /**
   * The copy of `unitKey` kept in the cache: the one an entry of another slot (of this analysis or
   * the previous) is stored under, if any, so that a statement's text is kept once, not once per slot.
   */
  storedKey(unitKey: string): string {
    for (const entries of this.slots.values()) {
      const entry = entries.get(unitKey);
      if (entry) return entry.key;
    }
    for (const entries of this.previous?.slots.values() ?? []) {
      const entry = entries.get(unitKey);
      if (entry) return entry.key;
    }
    return this.keep(unitKey);
  }
}

interface Entry {
  key: string;
  value: unknown;
}
