/**
 * What the analysis cache keeps must share no memory with the text it was cut from, and must not be
 * kept twice: within one analysis (one `Detacher`) and from one analysis to the next (`carried`).
 */
import { describe, expect, it } from 'vitest';
import { Detacher, detachedString } from '../../server/src/engine/detach';

/** A long value as a statement's analysis records it: cut from a larger text. */
function cut(text: string, length: number): string {
  return `x${text}`.slice(1, length + 1);
}

describe('Detacher', () => {
  const long = 'import os\n'.repeat(1_000);

  it('gives one copy of equal strings within one analysis', () => {
    const detacher = new Detacher();
    const first = detacher.string(cut(long, 5_000));
    const second = detacher.string(cut(long, 5_000));
    expect(second).toBe(first);
    expect(first).toBe(long.slice(0, 5_000));
  });

  it('hands its long strings to the next analysis, which shares them rather than copying', () => {
    const opening = new Detacher();
    const kept = opening.string(cut(long, 5_000));
    opening.string(cut(long, 20)); // short: not carried
    expect(opening.carried()).toEqual([kept]);

    const slice = new Detacher(opening.carried());
    const value = slice.value({ deps: new Map([['imports', cut(long, 5_000)]]) });
    // The same string object, not an equal copy: nothing to tell them apart but a value kept once.
    expect(value.deps.get('imports')).toBe(kept);
  });

  it('carries at most sixteen long strings, those it gave out first', () => {
    let detacher = new Detacher();
    for (let round = 0; round < 40; round++) {
      const next = new Detacher(detacher.carried());
      next.string(detachedString(`${round} ${long.slice(0, 5_000)}`));
      detacher = next;
    }
    const carried = detacher.carried();
    expect(carried).toHaveLength(16);
    expect(carried[0].startsWith('39 ')).toBe(true);
    expect(carried.every((text) => text.length >= 4_096)).toBe(true);
  });
});

describe('detachedString', () => {
  it('copies text cut from a two-byte document exactly, Latin-1 or not', () => {
    // One character past Latin-1 makes the whole document two-byte, and V8 every slice of it.
    const document = `π = 3.14\n${'café = "crème"\n'.repeat(50)}σ = 'ω'\n`;
    for (const [start, end] of [
      [10, 200],
      [0, 120],
      [document.length - 100, document.length],
      [3, 14],
    ])
      expect(detachedString(document.slice(start, end))).toBe(document.slice(start, end));
  });
});
