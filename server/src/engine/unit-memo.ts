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
  /**
   * Slot -> unit key -> entry. Keyed by the unit key itself, whose hash V8 computes only once. A
   * slot's map is taken over from the previous memo rather than copied entry by entry (that copy,
   * a few lookups per statement and slot, was a visible cost of every keystroke in a large file);
   * entries of statements gone are dropped once they pile up (see `close`).
   */
  private readonly slots = new Map<string, Map<string, Entry>>();
  /** `storedKey`'s answer per unit id, for this analysis: asked once per unit, not once per slot. */
  private storedKeys = new Map<number, string>();

  /**
   * @param keys the cache key of every top-level statement of the tree being analysed, by node id
   * @param previous the memo of the previous analysis of the same document and configuration
   * @param keep how a value is stored: detached from the text (the default) when the memo outlives it
   */
  constructor(
    private keys: ReadonlyMap<number, string>,
    previous?: UnitMemo,
    private readonly keep: <T>(value: T) => T = detachedValue,
    private copyOf: (unit: Node) => Node = (unit) => unit,
  ) {
    // Shared with the previous memo, which another analysis may take over too (a window publish and
    // the next whole analysis both continue from the last whole one): an entry's value depends on
    // its key alone, so whichever memo added it, it is right for all of them.
    for (const [slot, entries] of previous?.slots ?? []) this.slots.set(slot, entries);
  }

  /**
   * Ends the analysis this memo served: it keeps its entries for the next one, and lets go of the
   * tree's node ids. Entries of statements not in this analysis are dropped once there are more
   * of them than `STALE_ENTRIES`: a slot's map is read through once per that many keystrokes, not
   * at each, and a stale key holds a statement's whole text (a long class's, at every keystroke
   * in it), so they are let go soon.
   */
  close(): void {
    let live: Set<string> | undefined;
    for (const entries of this.slots.values()) {
      if (entries.size <= this.keys.size + STALE_ENTRIES) continue;
      live ??= new Set(this.keys.values());
      for (const key of entries.keys()) if (!live.has(key)) entries.delete(key);
    }
    this.keys = new Map();
    this.storedKeys = new Map();
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
    const known = entries.get(unitKey);
    if (known) return known.value as T;
    // Kept for later analyses: copied so as not to hold this version of the text (see detach.ts).
    let stored = this.storedKeys.get(unit.id);
    if (stored === undefined) {
      stored = this.storedKey(unitKey);
      this.storedKeys.set(unit.id, stored);
    }
    const entry = { key: stored, value: this.keep(compute(this.copyOf(unit))) };
    entries.set(entry.key, entry);
    return entry.value as T;
  }

  /**
   * The copy of `unitKey` kept in the cache: the one an entry of another slot is stored under, if
   * any, so that a statement's text is kept once, not once per slot.
   */
  storedKey(unitKey: string): string {
    for (const entries of this.slots.values()) {
      const entry = entries.get(unitKey);
      if (entry) return entry.key;
    }
    return this.keep(unitKey);
  }
}

/** Entries of statements gone that a slot keeps at least before dropping them (see `UnitMemo.close`). */
const STALE_ENTRIES = 16;

interface Entry {
  key: string;
  value: unknown;
}
