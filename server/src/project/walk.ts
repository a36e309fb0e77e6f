/**
 * Which files `pyconv check PATH...` looks at: files named on the command line as they are, and
 * `*.py` / `*.pyi` / `*.ipynb` under named folders, honouring `exclude` / `extend-exclude` and .gitignore files.
 * Iterative, so deep trees cannot overflow the stack; symlinked folders are not followed (cycles).
 * Folders are read with byte names, so that a name that is not UTF-8 is reported, not lost.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ConfigCache } from './config';

interface GitIgnore {
  /** The folder the .gitignore file is in; its patterns are relative to it. */
  base: string;
  rules: Ignore;
}

export interface WalkResult {
  files: string[];
  /** Paths named on the command line that do not exist or cannot be read. */
  errors: string[];
  /**
   * Python files (or folders) found whose names are not valid UTF-8, so cannot be checked: their
   * absolute paths with the bad bytes written `\xNN`.
   */
  badNames: string[];
}

export function collectFiles(paths: readonly string[], configs: ConfigCache): WalkResult {
  const files = new Set<string>();
  const errors: string[] = [];
  const badNames: string[] = [];
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
    else walkFolder(absolute, configs, { errors, files, badNames });
  }
  return { files: onePathPerFile([...files].sort()), errors, badNames: badNames.sort() };
}

/**
 * A file reached twice (directly and through a symlink, or through two symlinks) is checked and
 * fixed once: under its own path when that was found, else under the first link to it.
 */
function onePathPerFile(sorted: readonly string[]): string[] {
  const chosen = new Map<string, string>();
  for (const file of sorted) {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      real = file; // reported when it is read
    }
    const previous = chosen.get(real);
    if (previous === undefined || (file === real && previous !== real)) chosen.set(real, file);
  }
  const kept = new Set(chosen.values());
  return sorted.filter((file) => kept.has(file));
}

interface Found {
  errors: string[];
  files: Set<string>;
  badNames: string[];
}

function walkFolder(start: string, configs: ConfigCache, found: Found): void {
  const { errors, files, badNames } = found;
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
    let entries: Buffer[];
    try {
      entries = readdirSync(dir, { encoding: 'buffer' }).sort(Buffer.compare);
    } catch (error) {
      errors.push(`${dir}: cannot read folder (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const subfolders: string[] = [];
    for (const rawName of entries) {
      const name = decodeName(rawName);
      const kind = entryKind(
        name === undefined ? Buffer.concat([Buffer.from(dir + path.sep), rawName]) : path.join(dir, name),
      );
      if (kind === 'other') continue;
      // Ignore rules and exclusions see a bad name with U+FFFD for each bad byte.
      const entry = path.join(dir, name ?? rawName.toString('utf8'));
      if (kind === 'dir' && name === '.git') continue;
      if (isGitIgnored(entry, kind === 'dir', ignores) || configs.isExcluded(entry)) continue;
      if (kind === 'file' && !isPythonFileName(entry)) continue;
      if (name === undefined) badNames.push(path.join(dir, escapeBadBytes(rawName)));
      else if (kind === 'dir') subfolders.push(entry);
      else files.add(entry);
    }
    for (const sub of subfolders.reverse()) pending.push({ dir: sub, ignores });
  }
}

/** Python source, stubs, and Jupyter notebooks (checked as their code cells: `cli/check-notebook.ts`). */
function isPythonFileName(file: string): boolean {
  return file.endsWith('.py') || file.endsWith('.pyi') || file.endsWith('.ipynb');
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A folder entry's name as a string, or undefined when it is not valid UTF-8. */
function decodeName(raw: Buffer): string | undefined {
  try {
    return STRICT_UTF8.decode(raw);
  } catch {
    return undefined;
  }
}

/** The name with each byte that is not part of valid UTF-8 written as `\xNN`. */
export function escapeBadBytes(raw: Buffer): string {
  let out = '';
  let start = 0;
  while (start < raw.length) {
    const length = validSequenceLength(raw, start);
    out +=
      length > 0
        ? raw.toString('utf8', start, start + length)
        : `\\x${raw[start].toString(16).padStart(2, '0')}`;
    start += Math.max(length, 1);
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `start` (1 to 4), or 0 when the byte there begins none. */
function validSequenceLength(raw: Buffer, start: number): number {
  for (let length = 1; length <= 4 && start + length <= raw.length; length++) {
    if (decodeName(raw.subarray(start, start + length)) !== undefined) return length;
  }
  return 0;
}

function entryKind(entry: string | Buffer): 'file' | 'dir' | 'other' {
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
