/**
 * Which files `pyconv check PATH...` looks at: files named on the command line as they are, and
 * `*.py` / `*.pyi` under named folders, honouring `exclude` / `extend-exclude` and .gitignore files.
 * Iterative, so deep trees cannot overflow the stack; symlinked folders are not followed (cycles).
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ConfigCache } from '../project/config';

interface GitIgnore {
  /** The folder the .gitignore file is in; its patterns are relative to it. */
  base: string;
  rules: Ignore;
}

export interface WalkResult {
  files: string[];
  /** Paths named on the command line that do not exist or cannot be read. */
  errors: string[];
}

export function collectFiles(paths: readonly string[], configs: ConfigCache): WalkResult {
  const files = new Set<string>();
  const errors: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      errors.push(`${given}: no such file or folder`);
      continue;
    }
    if (!isDirectory) files.add(absolute);
    else walkFolder(absolute, configs, errors, files);
  }
  return { files: [...files].sort(), errors };
}

function walkFolder(start: string, configs: ConfigCache, errors: string[], files: Set<string>): void {
  // A folder named on the command line is checked even when a parent .gitignore ignores it (as
  // `.cache/` ignores a corpus unpacked there); then the parents' rules do not apply below it either.
  const parents = parentGitIgnores(start);
  const pending: Array<{ dir: string; ignores: GitIgnore[] }> = [
    { dir: start, ignores: isGitIgnored(start, true, parents) ? [] : parents },
  ];
  while (pending.length > 0) {
    const { dir, ignores: inherited } = pending.pop()!;
    const own = readGitIgnore(dir);
    const ignores = own ? [...inherited, own] : inherited;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (error) {
      errors.push(`${dir}: cannot read folder (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const subfolders: string[] = [];
    for (const name of entries) {
      const entry = path.join(dir, name);
      const kind = entryKind(entry);
      if (kind === 'other') continue;
      if (kind === 'dir' && name === '.git') continue;
      if (isGitIgnored(entry, kind === 'dir', ignores) || configs.isExcluded(entry)) continue;
      if (kind === 'dir') subfolders.push(entry);
      else if (name.endsWith('.py') || name.endsWith('.pyi')) files.add(entry);
    }
    for (const sub of subfolders.reverse()) pending.push({ dir: sub, ignores });
  }
}

function entryKind(entry: string): 'file' | 'dir' | 'other' {
  try {
    const stat = lstatSync(entry);
    if (stat.isDirectory()) return 'dir';
    if (stat.isFile()) return 'file';
    // A symlink to a file is followed; one to a folder is not.
    if (stat.isSymbolicLink() && statSync(entry).isFile()) return 'file';
  } catch {
    // A dangling link or a race with deletion: nothing to check.
  }
  return 'other';
}

function readGitIgnore(dir: string): GitIgnore | undefined {
  const file = path.join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { base: dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** .gitignore files above the start folder, up to the repository's root (the folder with `.git`). */
function parentGitIgnores(start: string): GitIgnore[] {
  const found: GitIgnore[] = [];
  let dir = start;
  while (!existsSync(path.join(dir, '.git'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return []; // not inside a repository: parent folders' files do not apply
    dir = parent;
    const own = readGitIgnore(dir);
    if (own) found.unshift(own);
  }
  return found;
}

function isGitIgnored(entry: string, isDirectory: boolean, ignores: readonly GitIgnore[]): boolean {
  let ignored = false;
  for (const { base, rules } of ignores) {
    const relative = path.relative(base, entry).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) continue;
    // Deeper files are read later and can re-include (`!pattern`) what a parent ignored.
    const result = rules.test(isDirectory ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
