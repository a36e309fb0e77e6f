/**
 * `pyconv`: the command-line front end (bundled to dist/cli.js). Exit status 0 when nothing is
 * found, 1 when diagnostics are found (0 with --exit-zero) or a file could not be checked, 2 on a
 * usage or configuration error or when `--fix` could not write a file.
 */
import { version } from '../../../package.json';
import { renderRuleDoc } from '../docs/render';
import type { FixDetail } from '../engine/types';
import { createPythonParser } from '../parser/python';
import { ConfigCache } from '../project/config';
import type { ConfigProblem, FileConfig, PyconvSettings } from '../project/settings';
import { allRuleMetas } from '../rules/registry';
import { addNoqaToFile } from './add-noqa';
import { type CheckRequest, HELP, parseCommandLine, type Request, UsageError } from './args';
import { mergeChecked, openRunCache, splitByCache } from './cache';
import { type CheckOptions, checkFile, type FileReport } from './check-file';
import {
  fixRenamesAcrossFiles,
  importsOthersNeed,
  keptImportsWanted,
  readProject,
  renamesWanted,
} from './cross-file-fixes';
import { textPath } from './output';
import { checkFilesInWorkers, workerCount } from './pool';
import {
  EXIT_CLEAN,
  EXIT_ERROR,
  EXIT_FOUND,
  emit,
  failsOn,
  fixDetailShown,
  type Io,
  renderReports,
} from './report';
import { checkStdin, stdinPath } from './stdin';
import { collectFiles } from './walk';
import { watchAndCheck } from './watch';
import type { WorkerSetup } from './worker';
import { realRoots } from './write-fixes';

export { EXIT_CLEAN, EXIT_ERROR, EXIT_FOUND } from './report';

export const processIo: Io = {
  out: (text) => writeUnlessClosed(process.stdout, text),
  err: (text) => writeUnlessClosed(process.stderr, text),
};

/** After a closed pipe (see `ignoreClosedPipe`) the stream is destroyed: further output is dropped. */
function writeUnlessClosed(stream: NodeJS.WriteStream, text: string): void {
  if (!stream.destroyed) stream.write(text);
}

/**
 * Output to a pipe whose reader is gone (`pyconv rule N802 | head -1`) is dropped instead of
 * crashing with EPIPE; the run (and its --fix writes) finishes with its own exit status.
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // ERR_STREAM_DESTROYED: a write after the pipe closed.
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let request: Request;
  try {
    request = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`pyconv: error: ${error.message}\nRun \`pyconv --help\` for usage.\n`);
    return EXIT_ERROR;
  }
  switch (request.command) {
    case 'help':
      io.out(`${HELP}\n`);
      return EXIT_CLEAN;
    case 'version':
      io.out(`pyconv ${version}\n`);
      return EXIT_CLEAN;
    case 'rule':
      return showRule(request.code, io);
    case 'check':
      return runCheck(request, io);
  }
}

function showRule(code: string | undefined, io: Io): number {
  if (code === undefined) {
    for (const meta of allRuleMetas)
      io.out(`${meta.code.padEnd(8)} ${meta.name.padEnd(36)} ${meta.summary}\n`);
    return EXIT_CLEAN;
  }
  const meta = allRuleMetas.find((m) => m.code === code.toUpperCase());
  if (!meta) {
    io.err(`pyconv: error: unknown rule \`${code}\`; \`pyconv rule\` lists every rule\n`);
    return EXIT_ERROR;
  }
  io.out(renderRuleDoc(meta));
  return EXIT_CLEAN;
}

function overridesOf(request: CheckRequest): PyconvSettings {
  const overrides: PyconvSettings = {};
  if (request.select) overrides.select = request.select;
  if (request.extendSelect) overrides['extend-select'] = request.extendSelect;
  if (request.ignore) overrides.ignore = request.ignore;
  if (request.targetVersion) overrides['target-version'] = request.targetVersion;
  if (request.failOn) overrides['fail-on'] = request.failOn;
  return overrides;
}

function describeProblem(problem: ConfigProblem): string {
  if (!problem.file) return problem.message;
  const where = problem.range ? `:${problem.range.start.line + 1}:${problem.range.start.character + 1}` : '';
  return `${textPath(problem.file)}${where}: ${problem.message}`;
}

function configsFor(request: CheckRequest): ConfigCache {
  return new ConfigCache({
    explicitConfig: request.config,
    overrides: overridesOf(request),
    fallbackRoots: [process.cwd()],
  });
}

/** Prints configuration problems (and other errors); true when there were any (exit 2). */
function reportProblems(configs: ConfigCache, errors: readonly string[], io: Io): boolean {
  const problems = configs.loadedProblems();
  if (errors.length === 0 && problems.length === 0) return false;
  for (const error of errors) io.err(`pyconv: error: ${error}\n`);
  const unique = [...new Set(problems.map(describeProblem))];
  for (const problem of unique) io.err(`pyconv: configuration error: ${problem}\n`);
  return true;
}

async function runCheck(request: CheckRequest, io: Io): Promise<number> {
  const configs = configsFor(request);
  if (request.stdin) {
    configs.forFile(stdinPath(request));
    return reportProblems(configs, [], io) ? EXIT_ERROR : checkStdin(request, configs, io);
  }
  const { files, errors, badNames } = collectFiles(request.paths, configs);
  // Load every configuration involved (an explicit one even when there are no files) to report problems first.
  const fileConfigs = new Map(files.map((file) => [file, configs.forFile(file)]));
  if (request.config) configs.projectFor(process.cwd());
  if (reportProblems(configs, errors, io)) return EXIT_ERROR;
  if (request.addNoqa) return addNoqa(files, configs, request, io);
  if (request.watch) {
    let current = configs;
    return watchAndCheck(request, io, {
      collect: () => {
        current = configsFor(request);
        return collectFiles(request.paths, current).files;
      },
      check: (stale) => checkAll(stale, current, request, io, {}, fixDetailShown(request)),
      render: (reports) => renderReports(reports, request),
    });
  }

  const across = await fixAcrossFiles(files, configs, request, io);
  const reports = await checkWithCache(files, configs, fileConfigs, request, io, across?.kept);
  // Their paths already show the bad bytes as `\xNN`.
  for (const name of badNames)
    reports.push({
      path: name,
      diagnostics: [],
      fixed: 0,
      error: 'the name is not valid UTF-8, not checked',
    });
  const { failures, unwritten } = reportFileProblems(reports, io);
  if (request.diff) return showDiffs(reports, request, io);
  if (!emit(renderReports(reports, request), request, io)) return EXIT_ERROR;
  if (unwritten > 0 || across?.writeError) return EXIT_ERROR;
  // --exit-zero is about diagnostics: a file that could not be checked still fails the run.
  if (failures > 0) return EXIT_FOUND;
  if (request.exitNonZeroOnFix && reports.some((report) => report.fixed > 0)) return EXIT_FOUND;
  const found = reports.some((report) => failsOn(report, configs.failOnFor(report.path)));
  return found && !request.exitZero ? EXIT_FOUND : EXIT_CLEAN;
}

/** Errors and warnings about single files, on standard error; how many failed and were not written. */
function reportFileProblems(reports: readonly FileReport[], io: Io): { failures: number; unwritten: number } {
  let failures = 0;
  let unwritten = 0;
  for (const report of reports) {
    const file = textPath(report.path);
    if (report.error) {
      failures++;
      io.err(`pyconv: error: ${file}: ${report.error}\n`);
    }
    if (report.writeError) {
      unwritten++;
      io.err(`pyconv: error: ${file}: ${report.writeError}\n`);
    }
    if (report.skipped) io.err(`pyconv: warning: ${file}: ${report.skipped}\n`);
    if (report.notWritten) io.err(`pyconv: warning: ${file}: ${report.notWritten}\n`);
    if (report.warning) io.err(`pyconv: warning: ${file}: ${report.warning}\n`);
  }
  return { failures, unwritten };
}

/** `--diff`: the diffs on standard output (or --output-file), a count on standard error; 1 if any. */
function showDiffs(reports: readonly FileReport[], request: CheckRequest, io: Io): number {
  const changed = reports.filter((report) => report.diff);
  if (!emit(changed.map((report) => report.diff).join(''), request, io)) return EXIT_ERROR;
  const fixes = changed.reduce((sum, report) => sum + report.fixed, 0);
  io.err(
    changed.length === 0
      ? 'No fixes to apply.\n'
      : `Would apply ${fixes} ${fixes === 1 ? 'fix' : 'fixes'} in ${changed.length} ${changed.length === 1 ? 'file' : 'files'}.\n`,
  );
  return changed.length > 0 && !request.exitZero ? EXIT_FOUND : EXIT_CLEAN;
}

async function addNoqa(
  files: readonly string[],
  configs: ConfigCache,
  request: CheckRequest,
  io: Io,
): Promise<number> {
  const parser = await createPythonParser();
  const roots = realRoots(request.paths);
  let added = 0;
  let failed = false;
  try {
    for (const file of files) {
      const report = addNoqaToFile(file, configs, parser, roots);
      added += report.added;
      if (report.error) io.err(`pyconv: error: ${textPath(file)}: ${report.error}\n`);
      if (report.warning) io.err(`pyconv: warning: ${textPath(file)}: ${report.warning}\n`);
      failed ||= report.error !== undefined;
    }
  } finally {
    parser.delete();
  }
  io.err(`Added ${added} noqa ${added === 1 ? 'directive' : 'directives'}.\n`);
  return failed ? EXIT_ERROR : EXIT_CLEAN;
}

/**
 * `checkAll` for the files the cache cannot answer (see cache.ts); the cache is then saved, and a
 * cache that cannot be written is a warning, never a failed run.
 */
async function checkWithCache(
  files: readonly string[],
  configs: ConfigCache,
  fileConfigs: ReadonlyMap<string, FileConfig>,
  request: CheckRequest,
  io: Io,
  kept?: KeptAcrossFiles,
): Promise<FileReport[]> {
  const cache = openRunCache(request, configs);
  if (!cache) return checkAll(files, configs, request, io, kept ?? {}, fixDetailShown(request));
  const split = splitByCache(files, (file) => fileConfigs.get(file) ?? configs.forFile(file), cache, request);
  // Nothing left to check: not even the parser is loaded. What goes into the cache has every fix's
  // edits: a later run's JSON, `--fix` and the server's code actions read them from it.
  const checked =
    split.toCheck.length === 0
      ? []
      : await checkAll(split.toCheck, configs, request, io, kept ?? {}, 'edits');
  const reports = mergeChecked(files, split, checked, cache);
  const problem = cache.save();
  if (problem) io.err(`pyconv: warning: ${problem}\n`);
  return reports;
}

/**
 * Checks the files in list order: on worker threads when there are enough of them (see pool.ts),
 * else here. Both give the same reports; a progress line goes to a terminal's stderr on long runs.
 */
async function checkAll(
  files: readonly string[],
  configs: ConfigCache,
  request: CheckRequest,
  io: Io,
  kept: KeptAcrossFiles,
  fixDetail: FixDetail,
): Promise<FileReport[]> {
  const checkOptions: WorkerSetup['checkOptions'] = {
    ...kept,
    fix: request.fix || request.diff,
    unsafeFixes: request.unsafeFixes,
    writableRoots: realRoots(request.paths),
    fixedText: request.diff ? 'diff' : 'write',
    fixDetail,
  };
  const progress = new Progress(files.length, io === processIo && process.stderr.isTTY === true);
  try {
    const threads = workerCount(files.length);
    if (threads > 0) {
      const configOptions = {
        explicitConfig: request.config,
        overrides: overridesOf(request),
        fallbackRoots: [process.cwd()],
      };
      return await checkFilesInWorkers(files, threads, { configOptions, checkOptions }, (done) =>
        progress.update(done),
      );
    }
    const parser = await createPythonParser();
    try {
      return files.map((file, index) => {
        const report = checkFile(file, configs, parser, checkOptions);
        progress.update(index + 1);
        return report;
      });
    } finally {
      parser.delete();
    }
  } finally {
    progress.clear();
  }
}

/** What the per-file fixes leave alone for the sake of other modules (cli/cross-file-fixes.ts). */
type KeptAcrossFiles = Pick<CheckOptions, 'keepNames' | 'keepImports'>;

/**
 * Before the per-file pass, with one project index of the checked files (cli/cross-file-fixes.ts):
 * `--fix --unsafe-fixes` renames module-level names across them, all files of the run written
 * together or none (what was done and refused on stderr); `--fix` and `--diff` find the imports
 * other modules import from a module, which F401's fix must keep.
 */
async function fixAcrossFiles(
  files: readonly string[],
  configs: ConfigCache,
  request: CheckRequest,
  io: Io,
): Promise<{ kept: KeptAcrossFiles; writeError?: string } | undefined> {
  const renaming = request.fix && request.unsafeFixes && !request.diff && renamesWanted(files, configs);
  // The index is built only when a fix could need it: renames, or F401 removing imports.
  const keepingImports = (request.fix || request.diff) && keptImportsWanted(files, configs);
  if (!renaming && !keepingImports) return undefined;
  const parser = await createPythonParser();
  try {
    const project = readProject(files, configs, parser);
    const kept: KeptAcrossFiles = {};
    let writeError: string | undefined;
    if (renaming) {
      const result = fixRenamesAcrossFiles(project, files, configs, parser, realRoots(request.paths));
      for (const line of result.renamed) io.err(`pyconv: ${textPath(line)}\n`);
      for (const line of result.refused) io.err(`pyconv: warning: ${textPath(line)}\n`);
      if (result.writeError)
        io.err(
          `pyconv: error: renames across files not written, every file left as it was: ${result.writeError}\n`,
        );
      kept.keepNames = result.keepNames;
      writeError = result.writeError;
    }
    if (keepingImports) kept.keepImports = importsOthersNeed(project, files);
    return { kept, writeError };
  } finally {
    parser.delete();
  }
}

/** `checked 120/334 files` on one rewritten stderr line, shown only after the first second. */
class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    process.stderr.write(`\rpyconv: checked ${done}/${this.total} files`);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
  }
}

if (require.main === module) {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `pyconv: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = EXIT_ERROR;
    },
  );
}
