/**
 * Checks many files on worker threads (dist/worker.js, one parser each). Reports come back in the
 * order of the file list, so the output is the same as the single-threaded run's.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileReport } from './check-file';
import type { WorkerSetup, WorkerTask } from './worker';

/** Below this many files a single thread is faster than starting workers (each loads the grammar). */
export const MIN_FILES_FOR_WORKERS = 8;

/**
 * How many workers a run of `fileCount` files gets: `PYCONV_WORKERS` when it is a whole number (0 or 1: none),
 * else the machine's parallelism, capped by the file count; 0 when the worker bundle is missing
 * (running from source).
 */
export function workerCount(fileCount: number, env: NodeJS.ProcessEnv = process.env): number {
  if (!existsSync(workerScript())) return 0;
  const configured = env.PYCONV_WORKERS;
  if (configured !== undefined && configured !== '') {
    const n = Number(configured);
    // Anything but a whole number is ignored: the default applies.
    if (Number.isInteger(n) && n >= 0) return n <= 1 ? 0 : Math.min(n, fileCount);
  }
  if (fileCount < MIN_FILES_FOR_WORKERS) return 0;
  const n = Math.min(availableParallelism(), fileCount);
  return n <= 1 ? 0 : n;
}

function workerScript(): string {
  return path.join(__dirname, 'worker.js');
}

type WorkerMessage = { ready: true } | { index: number; report: FileReport };

/** Sees each report as it arrives: how many are done, then the report and its index in the file list. */
export type ReportListener = (done: number, report: FileReport, index: number) => void;

/**
 * Checks `files` on `count` workers; `onReport` sees each report as it arrives (progress, the
 * server's streamed results). An aborted `signal` stops the workers and rejects with its reason.
 */
export function checkFilesInWorkers(
  files: readonly string[],
  count: number,
  setup: WorkerSetup,
  onReport: ReportListener = () => {},
  signal?: AbortSignal,
): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const reports: FileReport[] = new Array(files.length);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      signal?.removeEventListener('abort', aborted);
      reject(error);
    };
    const aborted = () => fail(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
    signal?.addEventListener('abort', aborted, { once: true });
    const feed = (worker: Worker) => {
      if (next < files.length) {
        const task: WorkerTask = { index: next, path: files[next] };
        next++;
        worker.postMessage(task);
      } else worker.postMessage(null);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerScript(), { workerData: setup });
      workers.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        // After a failure or an abort, reports still on their way are dropped.
        if (failed) return;
        if ('index' in message) {
          reports[message.index] = message.report;
          done++;
          try {
            onReport(done, message.report, message.index);
          } catch (error) {
            // Thrown in a worker's event, it would end the process (a long-lived server's too).
            fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (done === files.length) {
            signal?.removeEventListener('abort', aborted);
            for (const w of workers) w.postMessage(null);
            resolve(reports);
            return;
          }
        }
        feed(worker);
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && done < files.length) fail(new Error(`a worker thread exited with status ${code}`));
      });
    }
  });
}
