/**
 * Checks a set of files for a long-lived caller (the server's workspace diagnostics): the findings
 * cache first, then worker threads (or the caller's parser for a few files), each report handed
 * over as it arrives, cancellable between files. Nothing is fixed and no tree outlives its file.
 */
import type { Parser } from 'web-tree-sitter';
import type { ConfigCache, ConfigCacheOptions } from '../project/config';
import type { PendingEntry, ResultsCache } from '../project/results-cache';
import { checkFile, type FileReport } from './check-file';
import { checkFilesInWorkers, workerCount } from './pool';

export interface BatchCheck {
  files: readonly string[];
  /** The configurations of the files, as the caller reads them (exclusions, cache keys, in-thread checks). */
  configs: ConfigCache;
  /** What each worker builds its own `ConfigCache` from: the same settings as `configs`. */
  configOptions: ConfigCacheOptions;
  /** The findings cache to answer from and record into (saved by the caller); none: check everything. */
  cache?: ResultsCache;
  /** A parser for the few files not worth starting workers for. */
  parser: Parser;
  /**
   * At most this many worker threads (each holds a parser and the rules, about 100 MB), unless
   * `PYCONV_WORKERS` says otherwise; default: as many as the CLI would start.
   */
  maxWorkers?: number;
  /** Stops the run between files (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Each file's report, once, in the order they complete; `fromCache` when the cache answered. */
  onReport(report: FileReport, fromCache: boolean): void;
}

const NO_CHECK_OPTIONS = { fix: false, unsafeFixes: false } as const;
/** Cache hits handed over between two yields to the event loop (each is a stat, sometimes a hash). */
const HITS_PER_YIELD = 200;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Checks every file of `batch`; resolves when all are reported. */
export async function checkBatch(batch: BatchCheck): Promise<void> {
  const { files, configs, cache, signal } = batch;
  const toCheck: string[] = [];
  const pending: Array<PendingEntry | undefined> = [];
  for (const [index, file] of files.entries()) {
    if (index % HITS_PER_YIELD === HITS_PER_YIELD - 1) {
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
    if (!cache) {
      toCheck.push(file);
      continue;
    }
    const { config, file: info } = configs.forFile(file);
    const lookup = cache.lookup(file, config, info);
    if (lookup.kind === 'hit')
      batch.onReport({ path: file, diagnostics: lookup.diagnostics, fixed: 0 }, true);
    else {
      toCheck.push(file);
      pending.push(lookup.pending);
    }
  }
  const record = (report: FileReport, index: number) => {
    const entry = pending[index];
    if (cache && entry && !report.error && !report.skipped) cache.store(entry, report.diagnostics);
    batch.onReport(report, false);
  };
  const configured = process.env.PYCONV_WORKERS !== undefined && process.env.PYCONV_WORKERS !== '';
  const threads = Math.min(
    workerCount(toCheck.length),
    configured ? Infinity : (batch.maxWorkers ?? Infinity),
  );
  if (threads > 0) {
    const setup = { configOptions: batch.configOptions, checkOptions: NO_CHECK_OPTIONS };
    await checkFilesInWorkers(toCheck, threads, setup, (_, report, index) => record(report, index), signal);
    return;
  }
  for (const [index, file] of toCheck.entries()) {
    await yieldToEventLoop();
    signal?.throwIfAborted();
    record(checkFile(file, configs, batch.parser, NO_CHECK_OPTIONS), index);
  }
}
