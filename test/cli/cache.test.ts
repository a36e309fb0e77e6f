/**
 * The cache of findings between CLI runs (issue 16 "A cache between runs", issue 15): same output
 * from the cache in every format, re-checks after a change of file, config or version, corrupt and
 * foreign entries ignored and rewritten, `--no-cache`, and where the cache lives. Runs dist/cli.js.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS } from '../../server/src/cli/args';
import { buildCli, cli, folder, removeFolders } from '../helpers/cli';

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without PYCONV_CACHE_DIR from the environment unless given. */
function run(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Result {
  const { PYCONV_CACHE_DIR: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...inherited, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PYPROJECT = '[tool.pyconv]\nselect = ["N801", "N802", "E722", "I001", "D103"]\n';
const BAD_CLASS = 'class bad_name:\n    pass\n';
const UNSORTED = 'import sys\nimport os\n';
const BARE_EXCEPT = 'try:\n    pass\nexcept:\n    pass\n';
const BAD_FUNCTION = 'def BadName():\n    return 1\n\n\nBadName()\n';

/** Nine files (enough for worker threads) with safe, unsafe and rename fixes, and a clean one. */
function project(): string {
  const files: Record<string, string> = { 'pyproject.toml': PYPROJECT, 'pkg/clean.py': '"""Clean."""\n' };
  for (let i = 0; i < 8; i++)
    files[`pkg/m${i}.py`] = [UNSORTED, BAD_CLASS, BARE_EXCEPT, BAD_FUNCTION].slice(0, (i % 4) + 1).join('\n');
  return folder(files);
}

function cacheFiles(root: string, dir = path.join(root, '.pyconv_cache')): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('results-'))
    .map((name) => path.join(dir, name));
}

interface CacheData {
  format: number;
  version: string;
  root: string;
  entries: Record<string, { content: string; diagnostics: unknown[][] }>;
}

function readCache(root: string): CacheData {
  const [file] = cacheFiles(root);
  return JSON.parse(readFileSync(file, 'utf8')) as CacheData;
}

function writeCache(root: string, text: string): void {
  const [file] = cacheFiles(root);
  writeFileSync(file, text);
}

/** Rewrites one cached message (a well-formed entry): a run that shows it took the file from the cache. */
function markEntry(root: string, relative: string, marker: string): void {
  const data = readCache(root);
  // A stored diagnostic is `[code, message, ...]` (see results-cache.ts).
  data.entries[relative].diagnostics[0][1] = marker;
  writeCache(root, JSON.stringify(data));
}

const FORMAT_RUNS: readonly (readonly string[])[] = [
  ...OUTPUT_FORMATS.map((format) => ['--output-format', format]),
  ['--statistics'],
  ['--statistics', '--output-format', 'json'],
];

describe('pyconv check with the cache', () => {
  it('gives byte-identical output from the cache in every format, the same as without it', () => {
    const root = project();
    for (const formatArgs of FORMAT_RUNS) {
      const uncached = run(root, ['check', '--no-cache', ...formatArgs]);
      const first = run(root, ['check', ...formatArgs]);
      const second = run(root, ['check', ...formatArgs]);
      expect(first, formatArgs.join(' ')).toEqual(uncached);
      expect(second, formatArgs.join(' ')).toEqual(uncached);
    }
    expect(run(root, ['check']).stdout).toContain('pkg/m1.py:4:7: N801');
  });

  it('answers unchanged files from the cache (they are not checked again)', () => {
    const root = project();
    run(root, ['check']);
    markEntry(root, 'pkg/m1.py', 'FROM THE CACHE');
    expect(run(root, ['check']).stdout).toMatch(/^pkg\/m1\.py:1:1: I001 \[\*\] FROM THE CACHE$/m);
  });

  it('is one cache for a project named through a symbolic link and by its real path', () => {
    const root = project();
    const outside = folder({});
    symlinkSync(root, path.join(outside, 'link'));
    run(outside, ['check', 'link']);
    markEntry(root, 'pkg/m1.py', 'FROM THE CACHE');
    // The working folder is the real path (as process.cwd() gives it); an editor may name the link.
    expect(run(root, ['check']).stdout).toMatch(/^pkg\/m1\.py:1:1: I001 \[\*\] FROM THE CACHE$/m);
    expect(cacheFiles(root)).toHaveLength(1);
  });

  it('holds a .gitignore of `*` in its folder at the project root', () => {
    const root = project();
    run(root, ['check', 'pkg']);
    expect(readFileSync(path.join(root, '.pyconv_cache', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(cacheFiles(root)).toHaveLength(1);
  });

  it('re-checks a changed file, even with the same size and mtime', () => {
    const root = project();
    const file = path.join(root, 'pkg', 'm1.py');
    // A whole second, so that it can be set again exactly.
    const second = Math.floor(Date.now() / 1000);
    utimesSync(file, second, second);
    run(root, ['check']);
    markEntry(root, 'pkg/m1.py', 'STALE');
    const before = statSync(file);
    // Same length, same mtime, same inode: the file was saved just before it was checked, so the
    // stamp is not trusted and the bytes are hashed.
    writeFileSync(file, readFileSync(file, 'utf8').replace('bad_name', 'GoodName'));
    utimesSync(file, second, second);
    expect(statSync(file)).toMatchObject({ size: before.size, ino: before.ino, mtimeMs: before.mtimeMs });
    const after = run(root, ['check']);
    expect(after.stdout).not.toContain('STALE');
    expect(after.stdout).not.toContain('pkg/m1.py:4:7: N801');
    expect(after).toEqual(run(root, ['check', '--no-cache']));
  });

  it('re-checks every file when the configuration changes (pyproject select)', () => {
    const root = project();
    run(root, ['check']);
    markEntry(root, 'pkg/m1.py', 'STALE');
    writeFileSync(path.join(root, 'pyproject.toml'), '[tool.pyconv]\nselect = ["N801"]\n');
    const after = run(root, ['check']);
    expect(after.stdout).not.toContain('STALE');
    expect(after.stdout).not.toContain('I001');
    expect(after).toEqual(run(root, ['check', '--no-cache']));
    // Command-line selections are part of the configuration too.
    expect(run(root, ['check', '--select', 'E722']).stdout).not.toContain('N801');
  });

  it('ignores and rewrites a cache written by another pyconv version', () => {
    const root = project();
    run(root, ['check']);
    markEntry(root, 'pkg/m1.py', 'OLD VERSION');
    const data = readCache(root);
    const current = data.version;
    writeCache(root, JSON.stringify({ ...data, version: '0.0.0-other' }));
    const after = run(root, ['check']);
    expect(after.stdout).not.toContain('OLD VERSION');
    expect(after).toEqual(run(root, ['check', '--no-cache']));
    expect(readCache(root).version).toBe(current);
  });

  const corruptions: ReadonlyArray<[string, (text: string) => string]> = [
    ['garbage bytes', () => '\u0000\u00ff\u00fe garbage \u0007'],
    ['truncated JSON', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['not an object', () => '[1, 2, 3]'],
  ];

  for (const [name, corrupt] of corruptions) {
    it(`ignores a cache file of ${name} and rewrites it`, () => {
      const root = project();
      const expected = run(root, ['check', '--no-cache']);
      run(root, ['check']);
      const [file] = cacheFiles(root);
      writeFileSync(file, corrupt(readFileSync(file, 'utf8')));
      expect(run(root, ['check'])).toEqual(expected);
      expect(Object.keys(readCache(root).entries).sort()).toHaveLength(9);
    });
  }

  it('ignores an entry made for another file (another key) and one of the wrong shape, and rewrites them', () => {
    const root = project();
    const expected = run(root, ['check', '--no-cache']);
    run(root, ['check']);
    const data = readCache(root);
    const m1 = data.entries['pkg/m1.py'];
    // m0's findings (other content, other path) filed under m1, and a malformed range in m2.
    data.entries['pkg/m1.py'] = { ...data.entries['pkg/m0.py'] };
    data.entries['pkg/m2.py'].diagnostics[0][3] = 'x';
    writeCache(root, JSON.stringify(data));
    expect(run(root, ['check'])).toEqual(expected);
    const rewritten = readCache(root);
    expect(rewritten.entries['pkg/m1.py'].content).toBe(m1.content);
    expect(typeof rewritten.entries['pkg/m2.py'].diagnostics[0][3]).toBe('number');
  });

  it('--no-cache reads and writes nothing', () => {
    const root = project();
    const before = readdirSync(root).sort();
    expect(run(root, ['check', '--no-cache']).code).toBe(1);
    expect(readdirSync(root).sort()).toEqual(before);
    run(root, ['check']);
    markEntry(root, 'pkg/m1.py', 'FROM THE CACHE');
    expect(run(root, ['check', '--no-cache']).stdout).not.toContain('FROM THE CACHE');
  });

  it('is not used with standard input, --diff or --add-noqa, and --fix writes no entries', () => {
    const root = project();
    run(root, ['check', '-', '--stdin-filename', 'pkg/x.py'], {});
    run(root, ['check', '--diff']);
    run(root, ['check', '--fix']);
    expect(existsSync(path.join(root, '.pyconv_cache'))).toBe(false);
  });

  it('--fix after a cached run fixes what it would have fixed without the cache', () => {
    const withCache = project();
    const without = project();
    run(withCache, ['check']);
    const fixed = run(withCache, ['check', '--fix']);
    expect(fixed).toEqual(run(without, ['check', '--fix', '--no-cache']));
    for (let i = 0; i < 8; i++) {
      const name = path.join('pkg', `m${i}.py`);
      expect(readFileSync(path.join(withCache, name), 'utf8')).toBe(
        readFileSync(path.join(without, name), 'utf8'),
      );
    }
    // The fixed files are re-checked afterwards, not taken from the stale entries.
    expect(run(withCache, ['check'])).toEqual(run(withCache, ['check', '--no-cache']));
  });

  it('--fix takes from the cache only files with nothing it would apply', () => {
    const root = folder({ 'rename.py': BAD_CLASS, 'imports.py': UNSORTED });
    const args = ['check', '--select', 'N801,I001'];
    run(root, args);
    markEntry(root, 'rename.py', 'ONLY AN UNSAFE FIX');
    markEntry(root, 'imports.py', 'A SAFE FIX');
    const fixed = run(root, [...args, '--fix']);
    // N801's rename is unsafe: nothing to apply, answered from the cache.
    expect(fixed.stdout).toContain('rename.py:1:7: N801 ONLY AN UNSAFE FIX');
    expect(fixed.stdout).not.toContain('A SAFE FIX');
    expect(readFileSync(path.join(root, 'imports.py'), 'utf8')).toBe('import os\nimport sys\n');
    // With --unsafe-fixes the rename would apply: checked (and fixed) afresh.
    expect(run(root, [...args, '--fix', '--unsafe-fixes']).stdout).not.toContain('ONLY AN UNSAFE FIX');
  });

  it('moves with --cache-dir, PYCONV_CACHE_DIR and the cache-dir key (in that order)', () => {
    const root = project();
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'pyconv-cache-dir-'));
    const byOption = path.join(elsewhere, 'option');
    const byEnv = path.join(elsewhere, 'env');
    writeFileSync(path.join(root, 'pyproject.toml'), `${PYPROJECT}cache-dir = "build/cache"\n`);
    run(root, ['check', '--cache-dir', byOption], { PYCONV_CACHE_DIR: byEnv });
    expect(cacheFiles(root, byOption)).toHaveLength(1);
    expect(existsSync(byEnv)).toBe(false);
    run(root, ['check'], { PYCONV_CACHE_DIR: byEnv });
    expect(cacheFiles(root, byEnv)).toHaveLength(1);
    run(root, ['check']);
    expect(cacheFiles(root, path.join(root, 'build', 'cache'))).toHaveLength(1);
    expect(existsSync(path.join(root, '.pyconv_cache'))).toBe(false);
    rmSync(elsewhere, { recursive: true, force: true });
  });
});
