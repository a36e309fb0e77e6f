/**
 * The CLI's use of the findings cache (`project/results-cache.ts`): which runs use it, where it
 * lives, and the split of a run's files into those answered from the cache (they never reach a
 * worker or the parser) and those to check, whose reports are then recorded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { version } from '../../../package.json';
import type { Diagnostic } from '../engine/types';
import type { ConfigCache } from '../project/config';
import { cacheDirectory, type Lookup, type PendingEntry, ResultsCache } from '../project/results-cache';
import type { FileConfig } from '../project/settings';
import type { CheckRequest } from './args';
import type { FileReport } from './check-file';

/**
 * The cache for this run, or undefined when the run does not use one: `--no-cache`, standard
 * input, `--diff`, `--add-noqa` and `--watch` (which re-checks only what changed).
 */
export function openRunCache(
  request: CheckRequest,
  configs: ConfigCache,
  env: NodeJS.ProcessEnv = process.env,
): ResultsCache | undefined {
  if (!request.cache || request.stdin || request.diff || request.addNoqa || request.watch) return undefined;
  return openProjectCache(cacheRootOf(request, configs), configs, { option: request.cacheDir, env });
}

/**
 * The cache of the project rooted at `root` (`--cache-dir`, `PYCONV_CACHE_DIR`, the `cache-dir`
 * key, else `.pyconv_cache/` there). The CLI and the server's workspace diagnostics open the same
 * file for the same root, so each answers from what the other checked.
 */
export function openProjectCache(
  root: string,
  configs: ConfigCache,
  { option, env = process.env }: { option?: string; env?: NodeJS.ProcessEnv } = {},
): ResultsCache {
  const project = configs.projectFor(root);
  const configured = project.settings['cache-dir'];
  const directory = cacheDirectory(root, {
    option,
    env: env.PYCONV_CACHE_DIR,
    configured: configured === undefined ? undefined : path.resolve(project.root, configured),
  });
  return ResultsCache.open(directory, root, buildIdentity());
}

let identity: string | undefined;

/**
 * The pyconv version and a hash of the checking code (dist/worker.js, which the CLI and the server
 * bundle alike sit beside; this bundle when it is missing): a rebuilt pyconv whose rules changed
 * under the same version number (a development build, a patched install) starts afresh.
 */
function buildIdentity(): string {
  if (identity !== undefined) return identity;
  const worker = path.join(__dirname, 'worker.js');
  try {
    const bundle = createHash('sha256')
      .update(readFileSync(existsSync(worker) ? worker : __filename))
      .digest('hex')
      .slice(0, 16);
    identity = `${version}+${bundle}`;
  } catch {
    identity = version;
  }
  return identity;
}

/** The folder whose cache holds the files of a workspace folder (see `cacheRootOf`). */
export function cacheRootForFolder(folder: string, configs: ConfigCache): string {
  const project = configs.projectFor(folder);
  if (project.pyprojectPath) return path.dirname(project.pyprojectPath);
  return isFile(path.join(project.root, 'pyproject.toml')) ? project.root : folder;
}

/**
 * The project root: the folder of `--config`, else of the pyproject.toml that configures the
 * common folder of the checked paths (or the nearest one), else that common folder.
 */
function cacheRootOf(request: CheckRequest, configs: ConfigCache): string {
  if (request.config) return path.dirname(path.resolve(request.config));
  return cacheRootForFolder(commonFolder(request.paths), configs);
}

function commonFolder(paths: readonly string[]): string {
  const folders = paths.map((p) => {
    const absolute = path.resolve(p);
    return isFile(absolute) ? path.dirname(absolute) : absolute;
  });
  let common = folders[0] ?? process.cwd();
  for (const folder of folders.slice(1)) {
    while (folder !== common && !folder.startsWith(common.endsWith(path.sep) ? common : common + path.sep))
      common = path.dirname(common);
  }
  return common;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The files of a run after asking the cache: reports known already (by index), and what is left to check. */
export interface CacheSplit {
  known: Map<number, FileReport>;
  toCheck: string[];
  /** What to record for each file of `toCheck` (same index), when the cache may take its report. */
  pending: Array<PendingEntry | undefined>;
}

/**
 * Looks every file up. A plain check takes every hit; `--fix` takes only files whose cached
 * findings hold nothing it would apply, and records nothing (its reports describe fixed text).
 */
export function splitByCache(
  files: readonly string[],
  configFor: (file: string) => FileConfig,
  cache: ResultsCache,
  request: Pick<CheckRequest, 'fix' | 'unsafeFixes'>,
): CacheSplit {
  const split: CacheSplit = { known: new Map(), toCheck: [], pending: [] };
  files.forEach((file, index) => {
    const fileConfig = configFor(file);
    const lookup = request.fix
      ? lookupForFix(cache, file, fileConfig, request)
      : cache.lookup(file, fileConfig.config, fileConfig.file);
    if (lookup.kind === 'hit')
      split.known.set(index, { path: file, diagnostics: lookup.diagnostics, fixed: 0 });
    else {
      split.toCheck.push(file);
      split.pending.push(lookup.pending);
    }
  });
  return split;
}

/** `--fix` records nothing: a file is answered only when its cached findings hold nothing to apply. */
function lookupForFix(
  cache: ResultsCache,
  file: string,
  { config, file: info }: FileConfig,
  request: Pick<CheckRequest, 'unsafeFixes'>,
): Lookup {
  const cached = cache.findings(file, config, info);
  const answered = cached !== undefined && !cached.some((d) => wouldApply(d, request));
  return answered ? { kind: 'hit', diagnostics: cached } : { kind: 'miss' };
}

function wouldApply(diagnostic: Diagnostic, request: Pick<CheckRequest, 'unsafeFixes'>): boolean {
  const fix = diagnostic.fix;
  return fix !== null && fix.unavailable === undefined && (fix.safe || request.unsafeFixes);
}

/** Records the reports of checked files (clean checks only: no error, skip or warning) and merges all reports in order. */
export function mergeChecked(
  files: readonly string[],
  split: CacheSplit,
  checked: readonly FileReport[],
  cache: ResultsCache,
): FileReport[] {
  checked.forEach((report, i) => {
    const pending = split.pending[i];
    const clean = !report.error && !report.skipped && !report.warning && report.fixed === 0;
    if (pending && clean) cache.store(pending, report.diagnostics);
  });
  const reports: FileReport[] = [];
  let next = 0;
  for (let index = 0; index < files.length; index++) reports.push(split.known.get(index) ?? checked[next++]);
  return reports;
}
