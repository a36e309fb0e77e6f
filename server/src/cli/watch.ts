/**
 * `--watch`: check, then watch the paths (chokidar) and check again after changes. Only files that
 * changed (or appeared) are checked again; a change to a TOML file (configuration) or `.gitignore` re-checks
 * everything. Each round walks the paths afresh, so `exclude` and `.gitignore` still apply, and
 * prints the whole report. Runs until interrupted (exit 0).
 */
import path from 'node:path';
import chokidar from 'chokidar';
import { DEFAULT_EXCLUDE } from '../project/config';
import type { CheckRequest } from './args';
import type { FileReport } from './check-file';
import { EXIT_CLEAN, type Io } from './report';

export interface WatchRun {
  /** The files the paths hold now (walked afresh: exclusion and .gitignore apply). */
  collect(): string[];
  check(files: readonly string[]): Promise<FileReport[]>;
  render(reports: readonly FileReport[]): string;
}

/** Changes closer together than this are checked together (an editor's save can be several events). */
const SETTLE_MS = 100;
const PYTHON_FILE = /\.(pyi?|ipynb)$/;
const CONFIG_FILES = new Set(['pyproject.toml', '.gitignore']);
/** Any TOML file may configure: `pyconv.toml`, `.pyconv.toml`, or a file that an `extend` names. */
const TOML_FILE = /\.toml$/;
const SKIPPED_FOLDERS = new Set(DEFAULT_EXCLUDE.filter((name) => !name.includes('*') && !name.includes('/')));

export async function watchAndCheck(request: CheckRequest, io: Io, run: WatchRun): Promise<number> {
  const reports = new Map<string, FileReport>();
  const changed = new Set<string>();
  let everything = true;
  let queue = Promise.resolve();

  const round = async () => {
    const files = run.collect();
    const stale = everything ? files : files.filter((file) => changed.has(file) || !reports.has(file));
    everything = false;
    changed.clear();
    for (const file of [...reports.keys()]) if (!files.includes(file)) reports.delete(file);
    for (const report of await run.check(stale)) reports.set(report.path, report);
    const time = new Date().toTimeString().slice(0, 8);
    io.err(
      `[${time}] checked ${stale.length} of ${files.length} ${files.length === 1 ? 'file' : 'files'}; watching for changes...\n`,
    );
    io.out(run.render(files.flatMap((file) => reports.get(file) ?? [])));
  };
  const schedule = debounce(() => {
    queue = queue.then(round).catch((error: unknown) => {
      io.err(`pyconv: error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  }, SETTLE_MS);

  const watcher = chokidar.watch([...request.paths], {
    ignoreInitial: true,
    ignored: (file) => SKIPPED_FOLDERS.has(path.basename(file)),
  });
  watcher.on('all', (_event, file) => {
    const absolute = path.resolve(file);
    const name = path.basename(absolute);
    if (CONFIG_FILES.has(name) || TOML_FILE.test(name)) everything = true;
    else if (PYTHON_FILE.test(name)) changed.add(absolute);
    else return;
    schedule();
  });
  // The first report is printed once changes are seen: a change made after it is never missed.
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  queue = round();
  await queue;
  watcher.on('error', (error) =>
    io.err(`pyconv: watch error: ${error instanceof Error ? error.message : String(error)}\n`),
  );
  return new Promise((resolve) => {
    const stop = () => {
      void watcher.close().then(() => resolve(EXIT_CLEAN));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function debounce(action: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(action, ms);
  };
}
