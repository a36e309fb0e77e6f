/**
 * A CLI worker thread (bundled to dist/worker.js): one parser, one configuration cache, and files
 * checked one at a time as the main thread hands them out (see cli/pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPythonParser } from '../parser/python';
import { ConfigCache, type ConfigCacheOptions } from '../project/config';
import { type CheckOptions, checkFile } from './check-file';

/** What the main thread passes to every worker. */
export interface WorkerSetup {
  configOptions: ConfigCacheOptions;
  checkOptions: Pick<
    CheckOptions,
    'fix' | 'unsafeFixes' | 'writableRoots' | 'fixedText' | 'fixDetail' | 'keepNames' | 'keepImports'
  >;
}

/** Main thread -> worker: check the file at this index of the run's list. */
export interface WorkerTask {
  index: number;
  path: string;
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('dist/worker.js runs as a worker thread of the pyconv CLI');
  const setup = workerData as WorkerSetup;
  const configs = new ConfigCache(setup.configOptions);
  const parser = await createPythonParser();
  port.on('message', (task: WorkerTask | null) => {
    if (task === null) {
      parser.delete();
      port.close();
      return;
    }
    try {
      const report = checkFile(task.path, configs, parser, setup.checkOptions);
      port.postMessage({ index: task.index, report });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({
        index: task.index,
        report: { path: task.path, diagnostics: [], fixed: 0, error: `internal error: ${message}` },
      });
    }
  });
  port.postMessage({ ready: true });
}

serve().catch((error: unknown) => {
  process.stderr.write(
    `pyconv: worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(2);
});
