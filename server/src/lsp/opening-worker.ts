import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineConfig, Diagnostic as EngineDiagnostic, FileInfo } from '../engine/types';

/** The worker's bundle, beside the server's (esbuild.config.mjs). */
const WORKER_FILE = 'opening-worker.js';

/**
 * The longest text the worker is asked about (about 25k lines), and the heap it may use: a second
 * copy of a huge file's analysis would raise the server's peak memory more than it shortens the wait.
 */
const MAX_CHARS = 1_000_000;
const WORKER_HEAP_MB = 256;

/** A worker not asked this long after the server started (no large file opened) ends unused. */
const UNUSED_FOR_MS = 20_000;

/** What the server hands the opening worker: a text and how to check it. */
export interface OpeningTask {
  text: string;
  config: EngineConfig;
  file: FileInfo;
}

/** What the opening worker answers: the text's findings (without fixes), or why there are none. */
export type OpeningFindings = { diagnostics: EngineDiagnostic[] } | { error: string };

/**
 * A second thread for the server's first large file. A server just started is cold: its first
 * whole analysis runs un-optimised code, in slices that let requests through, while it also builds
 * what later keystrokes reuse. On a machine with a second core, this worker (started with the
 * server, so that its start-up and the grammar's loading overlap the server's) analyses that file's
 * text in one piece, as the command line does, and its findings are shown as soon as they come
 * (lsp/diagnostics-scheduler.ts shows them as it shows the findings cache's answer, until its own
 * analysis is complete). It answers once, then ends: its memory is not kept for the server's life.
 */
export class OpeningWorker {
  private worker: Worker | undefined;
  private asked = false;
  private readonly unused: NodeJS.Timeout;

  constructor(private readonly onError: (message: string) => void) {
    this.unused = setTimeout(() => this.dispose(), UNUSED_FOR_MS);
    this.unused.unref();
    const file = path.join(__dirname, WORKER_FILE);
    // Running from source (tests of the engine, tools): no bundle, no worker.
    if (!existsSync(file)) return;
    try {
      this.worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      // An idle worker must not keep the server alive past `exit`.
      this.worker.unref();
      this.worker.on('error', (error) => {
        this.onError(`the opening worker stopped: ${error.message}`);
        this.worker = undefined;
      });
    } catch (error) {
      this.onError(
        `the opening worker did not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * The findings of `task`, from the worker, if it has not answered already; undefined at once when
   * it has (or did not start).
   */
  analyze(task: OpeningTask): Promise<EngineDiagnostic[] | undefined> | undefined {
    const worker = this.worker;
    if (!worker || this.asked) return undefined;
    if (task.text.length > MAX_CHARS) {
      // The first large file is the server's alone: the worker is not kept for another.
      this.dispose();
      return undefined;
    }
    this.asked = true;
    clearTimeout(this.unused);
    return new Promise((resolve) => {
      const done = (diagnostics: EngineDiagnostic[] | undefined) => {
        this.dispose();
        resolve(diagnostics);
      };
      worker.once('message', (answer: OpeningFindings) => {
        if ('error' in answer) this.onError(`the opening worker failed: ${answer.error}`);
        done('diagnostics' in answer ? answer.diagnostics : undefined);
      });
      worker.once('error', () => done(undefined));
      worker.once('exit', () => done(undefined));
      try {
        worker.postMessage(task);
      } catch (error) {
        this.onError(
          `the opening worker was not asked: ${error instanceof Error ? error.message : String(error)}`,
        );
        done(undefined);
      }
    });
  }

  /** Ends the worker (its answer given, or the server shutting down). */
  dispose(): void {
    this.asked = true;
    clearTimeout(this.unused);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
