import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { forgetPerTreeValues } from '../analysis/per-tree';

/**
 * How far past what the last full collection kept V8 lets the heap grow before the next one, in
 * percent. Left to itself, V8 lets it grow up to fourfold when collecting looks costly next to the
 * program's speed, and an analysis of a large file allocates fast: measured, opening a 50k-line file
 * peaked at 436 MB resident and 300 keystrokes in it at 856 MB, for about 150 MB live; with 50%,
 * 294 MB on opening. More frequent collections cost some CPU (most of their marking is concurrent).
 */
const HEAP_GROWTH_PERCENT = 50;
/**
 * The growth allowed instead while the heap in use is under `SMALL_HEAP_MB` (a file of up to some
 * 10k lines open): every keystroke's text (0.66 MB at 10k lines, two bytes a character) is garbage
 * in the old generation at the next one, and with 50% a full collection came every 7 to 20
 * keystrokes, its pause (p50 5-6 ms) in the tail of the keystrokes' latency. Bounded as before:
 * under 48 MB in use, three times that is 144 MB, what 50% allows at `LARGE_HEAP_MB`. Measured
 * through the protocol (tools/protocol-timeline.ts, typing at 10k lines, three alternating pairs
 * against 50% throughout): 54 full collections rather than 99, keystroke p95 15.5-18.1 ms against
 * 18.4-21.5; RSS with 20 open 10k-line files 289 MB (peak 316) against 272 (311).
 */
const SMALL_HEAP_GROWTH_PERCENT = 200;
const SMALL_HEAP_MB = 48;
/**
 * The growth allowed instead while the heap in use is `LARGE_HEAP_MB` or more (a large file open).
 * While someone types in a 50k-line file, each keystroke's full text (3.4 MB, two bytes a
 * character) outlives the scavenges of its analysis and waits in the old generation for the next
 * full collection; with 50% up to 45 MB of them did. Measured with the young generation's bound
 * (below), one run each: peak of the keystrokes 313 MB resident with 50%, 281 with 30%; of the
 * opening 293 and 282. Not for every heap: with 30% throughout, typing in 2k- and 10k-line files was
 * slower in 2 of 4 paired runs under load (more full collections).
 */
const LARGE_HEAP_GROWTH_PERCENT = 30;
const LARGE_HEAP_MB = 96;

/** The heap's growth (see above) for a heap of `usedMb` in use. */
export function heapGrowthPercent(usedMb: number): number {
  if (usedMb < SMALL_HEAP_MB) return SMALL_HEAP_GROWTH_PERCENT;
  return usedMb < LARGE_HEAP_MB ? HEAP_GROWTH_PERCENT : LARGE_HEAP_GROWTH_PERCENT;
}

/**
 * Fits V8's heap to what is in use now: the young generation's bound (`boundYoungGeneration`) and
 * the heap's growth (`fitHeapGrowth`). Cheap (two statistics reads; a flag set only on a change):
 * called at start-up, before every step of an analysis and when the server goes quiet.
 *
 * V8's own setting for hidden classes ("maps") is kept on purpose: those that optimised code was
 * specialised for live two more full collections after their last object died. The server set that
 * to none for a while (a 50k-line file's finished analysis, about 80 MB, outlived
 * the idle collection through them); with the heap's growth and the young generation bounded as
 * here, that no longer showed (peak RSS, 50k-line file and 300 keystrokes: 288 and 299 MB with
 * them, 294 and 289 without; 20 open 10k-line files: 300 against 290 MB), while without them the
 * code specialised for classes that come back at every keystroke was optimised again and again:
 * the server's CPU time over the bench's 705 typing keystrokes at 10k lines was 21% less with
 * them (6.2-6.4 s against 7.8-8.3 s, three alternating pairs).
 */
export function fitHeapToUse(): void {
  boundYoungGeneration();
  fitHeapGrowth();
}

/**
 * Sets the heap's growth (see `heapGrowthPercent`) for the heap in
 * use now; V8 reads it at the next full collection.
 */
function fitHeapGrowth(): void {
  const percent = heapGrowthPercent(getHeapStatistics().used_heap_size / (1024 * 1024));
  if (percent === heapGrowth) return;
  heapGrowth = percent;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** The growth set last; none at start-up, so that the first call sets it. */
let heapGrowth: number | undefined;

/**
 * The most the young generation (where every keystroke's short-lived objects are made) is let grow
 * to, in MB. V8 doubles it whenever many objects survive a scavenge, up to 32 MB (two semi-spaces of
 * 16), and keeps it (it shrinks it only at a collection that reduces memory, which may or may not
 * come while the server is idle: measured, 8 or 32 MB in the same benchmark's runs); a flag at
 * start-up could bound it (`--max-semi-space-size`), but every editor starts the server its own way
 * (`node dist/server.js --stdio`), so the bound is set from inside.
 */
const YOUNG_GENERATION_MB = 16;
/** V8's own factor, for as long as the young generation is under `YOUNG_GENERATION_MB`. */
const DEFAULT_SEMI_SPACE_GROWTH = 2;

let youngGrowth = DEFAULT_SEMI_SPACE_GROWTH;

/**
 * Lets the young generation grow (as V8 would) while it is under `YOUNG_GENERATION_MB`, and stops
 * its growth there: the maximum of its size can only be set at start-up, but the factor by which it
 * grows is read at each scavenge. Called at start-up, before every step of an analysis (so that it
 * cannot double twice unseen: a 50k-line file's opening grew it from 8 to 32 MB within its first
 * second) and after every analysis; cheap. Measured at 50k lines under load, the opening then peaked
 * at 282-293 MB resident rather than 304-309. (Tried before: 8 MB from start-up: 300 keystrokes at
 * 50k lines slower under load, p50 172 and 142 ms where the reference took 107 and 115 in the same
 * runs, a young generation a quarter the size being scavenged more often.) The flag is the
 * process's: a worker thread started once it is set would keep its young generation at its first
 * size (the server starts none; the command line's workers run in another process).
 */
function boundYoungGeneration(): void {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (!young) return;
  const growth = young.space_size >= YOUNG_GENERATION_MB * 1024 * 1024 ? 1 : DEFAULT_SEMI_SPACE_GROWTH;
  if (growth === youngGrowth) return;
  youngGrowth = growth;
  setFlagsFromString(`--semi-space-growth-factor=${growth}`);
}

/**
 * How long the server is to be quiet after a document's first complete analysis before the full
 * collection, rather than `idleMs`. That analysis built the document's whole cache, and what it was
 * done with (the per-file work of every slice, copies of statements) is garbage that the heap's
 * limit was computed from: someone who starts typing within the usual idle time grew the heap from
 * there. Measured at 50k lines under load, a second of quiet after opening then 300 keystrokes (the
 * benchmark): 180 MB of heap used after opening, about 75 of it live; RSS after opening 309-312 MB
 * and peak 359-367 where the keystrokes came before the idle collection, 231-242 and 310-313 with it.
 */
const SOON_AFTER_OPENING_MS = 250;

/**
 * A full garbage collection once the server has been idle for a moment. Every keystroke's analysis
 * leaves short-lived garbage (snapshots of statements, the publish message); V8 collects it but
 * keeps the grown heap, so an editing session's memory only ever rose. Collecting while nobody
 * waits gives that memory back at no cost to latency.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;

  /** @param collect a full collection: V8's, exposed at run time (tests count the calls). */
  constructor(
    private readonly idleMs: number,
    private readonly collect: (() => void) | undefined = exposedGc(),
  ) {}

  /** Something happened: collect `idleMs` after the last such call. */
  poke(): void {
    this.collectAfter(this.idleMs);
  }

  /**
   * A document's first complete analysis ended (see `SOON_AFTER_OPENING_MS`): collect once the
   * server has been quiet for a moment, unless something happens first (then `poke` waits again).
   */
  pokeAfterOpening(): void {
    this.collectAfter(Math.min(this.idleMs, SOON_AFTER_OPENING_MS));
  }

  private collectAfter(quietMs: number): void {
    fitHeapToUse();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // The last tree's scope model is recomputed if a request asks about that tree again.
      forgetPerTreeValues();
      // Twice: measured, the first collection frees the garbage but V8 keeps the pages it swept
      // (20 open files: 60 MB more resident); the second gives them back.
      this.collect?.();
      this.collect?.();
      fitHeapGrowth();
    }, quietMs);
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

function exposedGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    // A new context sees the flag; the main one was created before it was set.
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
