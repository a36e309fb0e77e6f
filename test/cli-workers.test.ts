/**
 * `pyconv check` over many files runs on worker threads; its output must be byte for byte the
 * single-threaded run's (PYCONV_WORKERS=1), including errors, warnings and `--fix` results.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const cli = path.join(repo, 'dist', 'cli.js');
const made: string[] = [];

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'pipe' });
}, 120_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const SOURCES = [
  'class bad_name:\n    pass\n',
  'try:\n    pass\nexcept:\n    pass\n',
  'import sys\nimport os\n\n\ndef f(a):\n    print(a)\n',
  'from typing import Optional\n\n\ndef g(x: Optional[int]) -> None:\n    """Doc."""\n',
  'password = "hunter2"\n',
  '"""Clean module."""\n',
];

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pyconv-workers-'));
  made.push(root);
  for (let i = 0; i < 24; i++) {
    const file = path.join(root, `pkg${i % 3}`, `mod_${i}.py`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, SOURCES[i % SOURCES.length]);
  }
  writeFileSync(path.join(root, 'pkg0', 'latin1.py'), Buffer.from([0x78, 0x3d, 0xe9, 0x0a]));
  return root;
}

function run(cwd: string, workers: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'check', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PYCONV_WORKERS: workers },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pyconv check on worker threads', () => {
  it('prints exactly what the single-threaded run prints, in text and JSON', () => {
    const root = project();
    for (const format of [[], ['--format', 'json']]) {
      const single = run(root, '1', ...format);
      const threaded = run(root, '3', ...format);
      expect(single.code).toBe(1);
      expect(single.stdout.length).toBeGreaterThan(500);
      expect(single.stderr).toContain('latin1.py: not valid UTF-8');
      expect(threaded).toEqual(single);
    }
  });

  it('applies --fix the same way, writing the same files', () => {
    const first = project();
    const second = mkdtempSync(path.join(tmpdir(), 'pyconv-workers-'));
    made.push(second);
    cpSync(first, second, { recursive: true });
    const single = run(first, '1', '--fix', '--select', 'I001,UP045');
    const threaded = run(second, '2', '--fix', '--select', 'I001,UP045');
    expect(threaded).toEqual(single);
    expect(single.stdout).toMatch(/fixed/i);
    for (let i = 0; i < 24; i++) {
      const name = path.join(`pkg${i % 3}`, `mod_${i}.py`);
      expect(readFileSync(path.join(second, name), 'utf8')).toBe(
        readFileSync(path.join(first, name), 'utf8'),
      );
    }
  });
});
