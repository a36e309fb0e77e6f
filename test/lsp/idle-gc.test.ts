/**
 * The idle collection (lsp/idle-gc.ts `IdleCollector`): a full collection, twice, once the server has
 * been quiet for `idleMs`; sooner after a document's first complete analysis, unless something
 * happens first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleCollector } from '../../server/src/lsp/idle-gc';

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

  it('collects twice once idle for idleMs after the last poke', () => {
    collector.poke();
    vi.advanceTimersByTime(IDLE_MS - 1);
    collector.poke();
    vi.advanceTimersByTime(IDLE_MS - 1);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(2);
  });

  it('collects within a second of quiet after a first complete analysis', () => {
    collector.poke();
    collector.pokeAfterOpening();
    vi.advanceTimersByTime(999);
    expect(collections).toBe(2);
    vi.advanceTimersByTime(IDLE_MS);
    expect(collections).toBe(2);
  });

  it('waits idleMs again when something happens before that collection', () => {
    collector.pokeAfterOpening();
    collector.poke();
    vi.advanceTimersByTime(IDLE_MS - 1);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(2);
  });

  it('collects nothing once disposed', () => {
    collector.pokeAfterOpening();
    collector.dispose();
    vi.advanceTimersByTime(IDLE_MS);
    expect(collections).toBe(0);
  });
});
