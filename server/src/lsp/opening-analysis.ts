/**
 * A large file's opening analysis on a second thread (`dist/opening-worker.js`, see
 * opening-worker.ts): the whole file parsed and analysed in one go, while the main thread answers
 * requests and analyses in slices to build the cache every keystroke after needs. Whichever
 * finishes first is published (diagnostics-scheduler.ts); the other, the same result, is not.
 * The thread is started when first needed and ended after a while without work.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, EngineConfig, FileInfo } from '../engine/types';

/** How long the thread is kept after its last analysis (a few files are often opened together). */
const IDLE_MS = 10_000;

/** Main thread -> worker: analyse this text (the configuration as data, rebuilt by the worker). */
export interface OpeningTask {
  id: number;
  source: string;
  config: {
    enabled: string[];
    targetVersion: EngineConfig['targetVersion'];
    severities: EngineConfig['severities'];
    options: EngineConfig['options'];
  };
  file: FileInfo;
}

/** Worker -> main thread: the diagnostics of a task, or why there are none. */
export type OpeningAnswer = { id: number; diagnostics: Diagnostic[] } | { id: number; error: string };

export class OpeningAnalyses {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, (diagnostics: Diagnostic[] | undefined) => void>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: { warn(message: string): void; debug(message: string): void },
    private readonly script = path.join(__dirname, 'opening-worker.js'),
  ) {}

  /** The diagnostics of `source`, analysed whole on the worker; undefined when it cannot say. */
  analyze(source: string, config: EngineConfig, file: FileInfo): Promise<Diagnostic[] | undefined> {
    const worker = this.started();
    if (!worker) return Promise.resolve(undefined);
    clearTimeout(this.idleTimer);
    const id = ++this.nextId;
    const started = performance.now();
    const task: OpeningTask = {
      id,
      source,
      config: {
        enabled: [...config.enabled],
        targetVersion: config.targetVersion,
        severities: config.severities,
        options: config.options,
      },
      file,
    };
    return new Promise((resolve) => {
      this.pending.set(id, (diagnostics) => {
        if (diagnostics)
          this.log.debug(
            `opening analysis on a second thread: ${diagnostics.length} findings in ${Math.round(performance.now() - started)} ms`,
          );
        resolve(diagnostics);
      });
      try {
        worker.postMessage(task);
      } catch (error) {
        // Options that cannot be copied to the thread: the main thread's analysis alone.
        this.settle(id, undefined);
        this.log.warn(`opening analysis not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
  }

  private started(): Worker | undefined {
    if (this.worker) return this.worker;
    // Running from source (unit tests): no bundle to start, the main thread analyses alone.
    if (!existsSync(this.script)) return undefined;
    const worker = new Worker(this.script);
    // The thread never keeps the server alive on its own.
    worker.unref();
    worker.on('message', (answer: OpeningAnswer) => {
      if ('error' in answer) this.log.warn(`opening analysis failed: ${answer.error}`);
      this.settle(answer.id, 'diagnostics' in answer ? answer.diagnostics : undefined);
    });
    worker.on('error', (error) => {
      this.log.warn(`opening analysis thread failed: ${error.message}`);
      if (this.worker === worker) this.dispose();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.dispose();
    });
    this.worker = worker;
    return worker;
  }

  private settle(id: number, diagnostics: Diagnostic[] | undefined): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(diagnostics);
    if (this.pending.size > 0 || !this.worker) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.dispose(), IDLE_MS);
    this.idleTimer.unref();
  }
}
