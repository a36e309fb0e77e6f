/**
 * The idle collection (lsp/idle-gc.ts `IdleCollector`): a full collection, twice, once the server has
 * been quiet for `idleMs`; sooner after a document's first complete analysis, unless something
 * happens first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { heapGrowthPercent, IdleCollector } from '../../server/src/lsp/idle-gc';

const IDLE_MS = 2_000;

describe('IdleCollector', () => {
  let collections: number;
  let collector: IdleCollector;

  beforeEach(() => {
    vi.useFakeTimers();
    collections = 0;
    collector = new IdleCollector(IDLE_MS, () => collections++);
  });

  afterEach(() => {
    collector.dispose();
    vi.useRealTimers();
  });

  /** How many collections there were once `ms` more have passed. */
  function collectionsAfter(ms: number): number {
    vi.advanceTimersByTime(ms);
    return collections;
  }

  it('collects twice once idle for idleMs after the last poke', () => {
    collector.poke();
    vi.advanceTimersByTime(IDLE_MS - 1);
    collector.poke();
    expect(collectionsAfter(IDLE_MS - 1)).toBe(0);
    expect(collectionsAfter(1)).toBe(2);
  });

  it('collects within a second of quiet after a first complete analysis', () => {
    collector.poke();
    collector.pokeAfterOpening();
    expect(collectionsAfter(999)).toBe(2);
    expect(collectionsAfter(IDLE_MS)).toBe(2);
  });

  it('waits idleMs again when something happens before that collection', () => {
    collector.pokeAfterOpening();
    collector.poke();
    expect([collectionsAfter(IDLE_MS - 1), collectionsAfter(1)]).toEqual([0, 2]);
  });

  it('collects nothing once disposed', () => {
    collector.pokeAfterOpening();
    collector.dispose();
    expect(collectionsAfter(IDLE_MS)).toBe(0);
  });
});

describe('heapGrowthPercent', () => {
  it('lets a small heap grow threefold, and a larger one less, no heap past 144 MB before a full collection', () => {
    expect(heapGrowthPercent(20)).toBe(200);
    expect(heapGrowthPercent(47.9)).toBe(200);
    expect(heapGrowthPercent(48)).toBe(50);
    expect(heapGrowthPercent(95.9)).toBe(50);
    expect(heapGrowthPercent(96)).toBe(30);
    // The most the heap may reach before the next full collection, for what it holds now.
    const ceiling = (usedMb: number) => usedMb * (1 + heapGrowthPercent(usedMb) / 100);
    expect(Math.max(ceiling(47.9), ceiling(95.9))).toBeLessThanOrEqual(144);
  });
});
