/**
 * `pyconv check --fix` as a hostile world meets it (issue 12, items 1-5): killed at random moments,
 * a full disk, a file saved by another program during the run, file modes, symlinks out of the
 * tree, and file names that are not UTF-8 or hold a newline. Runs the built CLI (dist/cli.js);
 * test/helpers/fs-hooks.cjs, preloaded, makes the disk slow or saves a file at the right moment.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPORARY_FILE_PATTERN } from '../../server/src/cli/atomic-write';

const repo = path.resolve(__dirname, '..', '..');
const cli = path.join(repo, 'dist', 'cli.js');
const hooks = path.join(repo, 'test', 'helpers', 'fs-hooks.cjs');
const made: string[] = [];
/**
 * A slow disk (see fs-hooks.cjs) and no code cache: the CLI writes its 1.6 MB code cache at exit when
 * it has none, which on this disk takes seconds after the files are fixed, and the kills, timed from
 * the first run's duration, would then land mostly after the fixing.
 */
const SLOW_DISK = { PYCONV_TEST_SLOW_WRITES: '1', PYCONV_CODE_CACHE_DIR: 'off' };

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'pipe' });
}, 120_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pyconv-fixsafety-'));
  made.push(root);
  return root;
}

function folder(files: Record<string, string | Buffer>): string {
  const root = tempFolder();
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, args: readonly string[], env: Record<string, string> = {}): Result {
  const result = spawnSync(process.execPath, ['--require', hooks, cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `def f():` ... with a bare except: E722's fix (unsafe) grows each function by 10 bytes. */
function bareExcepts(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++)
    text += `def f${i}():\n    try:\n        pass\n    except:\n        pass\n\n\n`;
  return text;
}

const FIX_E722 = ['check', '--select', 'E722', '--fix', '--unsafe-fixes'];

describe('--fix killed at random moments (items 1 and the "Done when" kill test)', () => {
  const FILES = 50;
  /** Many fixable findings of several rules per file: renames, E722, UP006, import sorting. */
  function source(index: number): string {
    const lines = ['import sys', 'import os', 'from typing import List', '', ''];
    for (let i = 0; i < 8; i++) {
      lines.push(`def getValue${i}_${index}(x: int) -> List[int]:`, '    try:', '        return [x]');
      lines.push('    except:', '        return []', '', '');
    }
    lines.push('print(sys, os)', '');
    return lines.join('\n');
  }
  const args = ['check', '--select', 'N802,E722,UP006,I001', '--fix', '--unsafe-fixes', '.'];

  function writeTree(root: string): void {
    for (let i = 0; i < FILES; i++) {
      mkdirSync(path.join(root, `pkg${i % 5}`), { recursive: true });
      writeFileSync(path.join(root, `pkg${i % 5}`, `mod_${i}.py`), source(i));
    }
  }

  function pythonFiles(root: string): string[] {
    return readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.py'))
      .sort();
  }

  function runKilledAfter(root: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const child: ChildProcess = spawn(process.execPath, ['--require', hooks, cli, ...args], {
        cwd: root,
        stdio: 'ignore',
        env: { ...process.env, ...SLOW_DISK },
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  it('leaves every file either as it was or fully fixed, over 30 kills', async () => {
    const expected = tempFolder();
    writeTree(expected);
    const started = Date.now();
    const full = run(expected, args, SLOW_DISK);
    const duration = Date.now() - started;
    expect(full.code, full.stderr).toBe(0);
    const names = pythonFiles(expected);
    expect(names).toHaveLength(FILES);
    const fixed = new Map(names.map((name) => [name, readFileSync(path.join(expected, name), 'utf8')]));
    const original = folder({});
    writeTree(original);
    for (const name of names)
      expect(fixed.get(name)).not.toBe(readFileSync(path.join(original, name), 'utf8'));

    const root = tempFolder();
    let interrupted = 0;
    for (let round = 0; round < 30; round++) {
      rmSync(root, { recursive: true, force: true });
      cpSync(original, root, { recursive: true });
      await runKilledAfter(root, Math.random() * duration);
      let done = 0;
      for (const name of names) {
        const now = readFileSync(path.join(root, name), 'utf8');
        const before = readFileSync(path.join(original, name), 'utf8');
        if (now === fixed.get(name)) done++;
        else expect(now, `round ${round}: ${name} is neither the original nor the fixed text`).toBe(before);
      }
      if (done > 0 && done < FILES) interrupted++;
      // A kill may leave a temporary file beside its original (never one taken for Python).
      for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        const base = path.basename(name);
        if (!base.endsWith('.py') && !statSync(path.join(root, name)).isDirectory())
          expect(base).toMatch(TEMPORARY_FILE_PATTERN);
      }
    }
    // The kills did land in the middle of runs, not only before or after them.
    expect(interrupted).toBeGreaterThan(3);
  }, 180_000);
});

/** Whether this machine lets us mount a small tmpfs (root in a permissive container). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'pyconv-mount-probe-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
    if (mounted) spawnSync('umount', [probe]);
    return mounted;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const tmpfsAvailable = canMountTmpfs();
if (!tmpfsAvailable)
  console.warn('fix-safety: cannot mount a tmpfs here (needs root); the real disk-full test is skipped');

describe('--fix on a full disk (item 2)', () => {
  it.skipIf(!tmpfsAvailable)('a real 64 KiB tmpfs: the file stays whole, exit 2, no success line', () => {
    const mountPoint = tempFolder();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status).toBe(0);
    try {
      const file = path.join(mountPoint, 'big.py');
      const text = bareExcepts(150);
      writeFileSync(file, text);
      // Fill the rest of the disk.
      const filler = Buffer.alloc(1024, 0x20);
      for (let i = 0; ; i++) {
        try {
          writeFileSync(path.join(mountPoint, `filler${i}`), filler);
        } catch {
          break;
        }
      }
      const result = run(mountPoint, [...FIX_E722, 'big.py']);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^pyconv: error: big\.py: fixes not written \(ENOSPC: .*\); the file is unchanged$/m,
      );
      expect(result.stdout).not.toMatch(/All checks passed|fixed/);
      expect(result.stdout).toMatch(/^Found 150 warnings\.\n1 file not written \(see standard error\)\.\n/m);
      expect(readdirSync(mountPoint).filter((name) => !name.startsWith('filler'))).toEqual(['big.py']);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });
});

describe('--fix in a folder it may not write (item 2)', () => {
  it('EACCES: the file stays, the error names it, exit 2, no success line', () => {
    const root = folder({ 'm.py': bareExcepts(1) });
    chmodSync(path.join(root, 'm.py'), 0o666);
    chmodSync(root, 0o555);
    // Root may write anywhere: run as nobody then.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const result = spawnSync(process.execPath, [cli, ...FIX_E722], {
      cwd: root,
      encoding: 'utf8',
      ...asNobody,
    });
    chmodSync(root, 0o755);
    expect(readFileSync(path.join(root, 'm.py'), 'utf8')).toBe(bareExcepts(1));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^pyconv: error: m\.py: fixes not written \(EACCES: .*\); the file is unchanged\n$/,
    );
    expect(result.stdout).toMatch(
      /^m\.py:4:5: E722 .*\nFound 1 warning\.\n1 file not written \(see standard error\)\.\n/,
    );
    expect(readdirSync(root)).toEqual(['m.py']);
  });
});

describe('--fix and a file saved by another program during the run (item 3)', () => {
  it('leaves the other program its save, names the file on stderr and exits 2', () => {
    const root = folder({ 'saved.py': bareExcepts(3), 'other.py': bareExcepts(1) });
    const saved = path.join(root, 'saved.py');
    const result = run(root, FIX_E722, { PYCONV_TEST_SAVE_AFTER_READ: saved });
    expect(readFileSync(saved, 'utf8')).toBe(`${bareExcepts(3)}# saved by another program\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pyconv: error: saved.py: changed on disk since it was read (saved by another program?); left as it is, fixes not written\n',
    );
    // The other file is fixed; the summary counts only what was written.
    expect(readFileSync(path.join(root, 'other.py'), 'utf8')).toContain('except Exception:');
    expect(result.stdout).toMatch(
      /^Found 4 problems \(1 fixed, 3 remaining: 3 warnings\)\.\n1 file not written/m,
    );
  });
});

describe('--fix keeps what the file was (item 1)', () => {
  it('keeps the mode (0o640, executable) and the owner', () => {
    const root = folder({
      'group.py': bareExcepts(1),
      'tool.py': `#!/usr/bin/env python3\n${bareExcepts(1)}`,
    });
    chmodSync(path.join(root, 'group.py'), 0o640);
    chmodSync(path.join(root, 'tool.py'), 0o755);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(path.join(root, 'tool.py'), 4321, 4321);
    expect(run(root, FIX_E722).code).toBe(0);
    expect(statSync(path.join(root, 'group.py')).mode & 0o7777).toBe(0o640);
    const tool = statSync(path.join(root, 'tool.py'));
    expect(tool.mode & 0o7777).toBe(0o755);
    if (asRoot) expect([tool.uid, tool.gid]).toEqual([4321, 4321]);
    expect(readFileSync(path.join(root, 'tool.py'), 'utf8')).toContain('except Exception:');
  });
});

describe('--fix and symlinks (item 4)', () => {
  it('checks but does not write a symlink to a file outside the checked paths, and says so', () => {
    const outside = folder({ 'target.py': bareExcepts(1) });
    const root = folder({ 'tree/own.py': bareExcepts(1) });
    symlinkSync(path.join(outside, 'target.py'), path.join(root, 'tree', 'link.py'));
    const result = run(root, [...FIX_E722, 'tree']);
    expect(readFileSync(path.join(outside, 'target.py'), 'utf8')).toBe(bareExcepts(1));
    expect(readFileSync(path.join(root, 'tree', 'own.py'), 'utf8')).toContain('except Exception:');
    expect(result.stderr).toBe(
      `pyconv: warning: tree/link.py: fixes not written: a symlink to ${path.join(outside, 'target.py')}, outside the checked paths\n`,
    );
    expect(result.stdout).toMatch(/^tree\/link\.py:4:5: E722 /);
    expect(result.stdout).toContain('1 file not written (see standard error).');
    expect(result.code).toBe(1);
  });

  it('writes a target inside the tree once, through its own path, and keeps the link a link', () => {
    const root = folder({ 'real.py': bareExcepts(2) });
    symlinkSync('real.py', path.join(root, 'a_link.py'));
    const before = run(root, ['check', '--select', 'E722', '--format', 'json']);
    expect(JSON.parse(before.stdout).map((d: { path: string }) => d.path)).toEqual(['real.py', 'real.py']);
    const result = run(root, FIX_E722);
    expect(result).toEqual({ code: 0, stdout: 'Found 2 problems (2 fixed, 0 remaining).\n', stderr: '' });
    expect(readFileSync(path.join(root, 'real.py'), 'utf8')).toBe(
      bareExcepts(2).replaceAll('except:', 'except Exception:'),
    );
    // .pyconv_cache: the findings cache of the plain check above.
    expect(readdirSync(root).sort()).toEqual(['.pyconv_cache', 'a_link.py', 'real.py']);
    expect(readFileSync(path.join(root, 'a_link.py'), 'utf8')).toContain('except Exception:');
    expect(spawnSync('test', ['-L', path.join(root, 'a_link.py')]).status).toBe(0);
  });

  it('writes through a symlink named on the command line (the user named it)', () => {
    const outside = folder({ 'target.py': bareExcepts(1) });
    const root = tempFolder();
    symlinkSync(path.join(outside, 'target.py'), path.join(root, 'named.py'));
    expect(run(root, [...FIX_E722, 'named.py']).code).toBe(0);
    expect(readFileSync(path.join(outside, 'target.py'), 'utf8')).toContain('except Exception:');
  });
});

describe('odd file names (item 5)', () => {
  const BAD_CLASS = 'class bad_name:\n    pass\n';

  it('reports a name that is not valid UTF-8 as an error, escaped, and does not exit 0', () => {
    const root = tempFolder();
    writeFileSync(Buffer.from(`${root}/bad\xff.py`, 'latin1'), 'x = 1\n');
    writeFileSync(path.join(root, 'good.py'), 'x = 1\n');
    for (const extra of [[], ['--exit-zero']]) {
      const result = run(root, ['check', '--select', 'N801', ...extra]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('pyconv: error: bad\\xff.py: the name is not valid UTF-8, not checked\n');
      expect(result.stdout).toBe(
        'No problems found in the files checked.\n1 file could not be checked (see standard error).\n',
      );
    }
  });

  it('escapes a newline and other controls in a name in text output; JSON and SARIF keep it', () => {
    // The second one's content is not UTF-8 either: its name shows in an error message.
    const root = folder({ 'a\nb.py': BAD_CLASS, 'tab\there\x1b.py': Buffer.from([0x78, 0xff, 0x0a]) });
    const text = run(root, ['check', '--select', 'N801']);
    expect(text.stdout.split('\n')[0]).toBe(
      'a\\nb.py:1:7: N801 Class name `bad_name` should use CapWords convention',
    );
    expect(text.stderr).toBe('pyconv: error: tab\\there\\x1b.py: not valid UTF-8, not checked\n');
    const json = JSON.parse(run(root, ['check', '--select', 'N801', '--format', 'json']).stdout);
    expect(json.map((d: { path: string }) => d.path)).toEqual(['a\nb.py']);
    const sarif = JSON.parse(run(root, ['check', '--select', 'N801', '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /\/a%0Ab\.py$/,
    );
  });
});

describe('a closed output pipe (issue 16)', () => {
  function runIntoClosedPipe(cwd: string, args: readonly string[]): Promise<Result> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd });
      // The reader goes away before the CLI writes anything, as `| head -1` does after one line.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
  }

  it('`pyconv rule N802 | head -1` and `pyconv check | head -1` end quietly with their own status', async () => {
    const root = folder({ 'm.py': 'class bad_name:\n    pass\n'.repeat(300) });
    expect(await runIntoClosedPipe(root, ['rule', 'N802'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runIntoClosedPipe(root, ['rule'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runIntoClosedPipe(root, ['check', '--select', 'N801'])).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
  });
});

describe('the summary names severities (issue 16)', () => {
  it('says warnings when all are warnings, and counts each severity when mixed', () => {
    const root = folder({ 'm.py': `class bad_name:\n    pass\n${bareExcepts(2)}` });
    expect(run(root, ['check', '--select', 'N801,E722']).stdout).toMatch(/^Found 3 warnings\.$/m);
    writeFileSync(
      path.join(root, 'pyproject.toml'),
      '[tool.pyconv]\nselect = ["N801", "E722"]\n[tool.pyconv.severity]\nE722 = "error"\nN801 = "hint"\n',
    );
    expect(run(root, ['check']).stdout).toMatch(/^Found 3 problems \(2 errors, 1 hint\)\.$/m);
    expect(existsSync(path.join(root, 'm.py'))).toBe(true);
  });
});
