/** Paths inside a project: exclusion and per-file-ignores globs (Ruff-like), and file facts. */
import path from 'node:path';
import { compilePathGlob } from '../engine/config-patterns';
import type { FileInfo } from '../engine/types';
import type { PyconvSettings } from './settings';

/** Folders nobody wants checked; `exclude` replaces this list, `extend-exclude` adds to it (as in Ruff). */
export const DEFAULT_EXCLUDE: readonly string[] = [
  '.bzr',
  '.direnv',
  '.eggs',
  '.git',
  '.hg',
  '.ipynb_checkpoints',
  '.mypy_cache',
  '.nox',
  '.pytest_cache',
  '.pytype',
  '.ruff_cache',
  '.svn',
  '.tox',
  '.venv',
  '.vscode',
  '__pycache__',
  '__pypackages__',
  '_build',
  'buck-out',
  'build',
  'dist',
  'node_modules',
  'site-packages',
  'venv',
];

export function excludePatterns(settings: PyconvSettings): string[] {
  return [...(settings.exclude ?? DEFAULT_EXCLUDE), ...(settings['extend-exclude'] ?? [])];
}

export function relativePath(root: string, filePath: string): string {
  return path.relative(root, path.resolve(root, filePath)).split(path.sep).join('/');
}

/** The codes and prefixes that `per-file-ignores` removes for this file. */
export function perFileIgnores(table: Record<string, string[]>, relative: string): string[] {
  const codes: string[] = [];
  for (const [pattern, ignored] of Object.entries(table)) {
    if (matchesPath(relative, pattern)) codes.push(...ignored);
  }
  return codes;
}

const matcherCache = new Map<string, (input: string) => boolean>();
const NEVER = (): boolean => false;

/** `./src/` -> `src`: how a path glob is matched. */
export function normalizedPathGlob(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Linear-time matching (config-patterns.ts): a hostile pattern cannot hang the walk. */
function matcher(pattern: string): (input: string) => boolean {
  let compiled = matcherCache.get(pattern);
  if (!compiled) {
    // Malformed patterns are reported by validate.ts; here they match nothing.
    const glob = compilePathGlob(normalizedPathGlob(pattern));
    compiled = glob ? (input) => glob.test(input) : NEVER;
    matcherCache.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Ruff-like glob matching of a root-relative path: the pattern matches the path or one of its
 * folders, and a pattern without `/` also matches a base name (so `build` excludes every `build`
 * folder and `test_*.py` matches test files anywhere).
 */
export function matchesPath(relative: string, pattern: string): boolean {
  const literal = literalName(pattern);
  // The default excludes are plain names: compared without a glob engine (the walk asks for every entry).
  if (literal !== undefined) return relative === literal || relative.split('/').includes(literal);
  const match = matcher(pattern);
  const byBaseName = !pattern.replace(/\/+$/, '').includes('/');
  const parts = relative.split('/');
  for (let end = parts.length; end > 0; end--) {
    if (match(parts.slice(0, end).join('/'))) return true;
    if (byBaseName && match(parts[end - 1])) return true;
  }
  return false;
}

const literalNames = new Map<string, string | undefined>();

/** The name a pattern without `/` or glob characters stands for (`build`, `.git`), else undefined. */
function literalName(pattern: string): string | undefined {
  if (!literalNames.has(pattern)) {
    const name = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    literalNames.set(pattern, /^[\w.-]+$/.test(name) && name !== '.' && name !== '..' ? name : undefined);
  }
  return literalNames.get(pattern);
}

export function isExcluded(relative: string, patterns: readonly string[]): boolean {
  if (relative.startsWith('../')) return false;
  return patterns.some((pattern) => matchesPath(relative, pattern));
}
/** File facts from the path relative to the project root. */
export function fileInfoFor(relative: string | undefined, filePath?: string): FileInfo {
  const name = relative ?? (filePath ? path.basename(filePath) : undefined);
  if (name === undefined) return { isPackageInit: false, isPrivateModule: false, isStub: false };
  const base = name.split('/').at(-1) ?? name;
  const modulePath = name
    .replace(/\.pyi?$/, '')
    .split('/')
    .filter((part) => part !== '' && part !== '.' && part !== '..');
  return {
    path: relative,
    isPackageInit: base === '__init__.py' || base === '__init__.pyi',
    isPrivateModule: modulePath.some((part) => part.startsWith('_') && !isDunder(part)),
    isStub: base.endsWith('.pyi'),
  };
}

function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__');
}
