/** `pyconv check --fix` leaves no import it made unused, and no extra blank lines (issue 12). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The file's text after `pyconv check --fix` (default rules, Python 3.10) in a folder of its own. */
function fixedByCli(source: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pyconv-debris-'));
  made.push(root);
  writeFileSync(path.join(root, 'pyproject.toml'), '[tool.pyconv]\ntarget-version = "py310"\n');
  const file = path.join(root, 'module.py');
  writeFileSync(file, source);
  spawnSync(process.execPath, [cli, 'check', '--fix', 'module.py'], { cwd: root, encoding: 'utf8' });
  return readFileSync(file, 'utf8');
}

describe('pyconv check --fix', () => {
  it('removes `from typing import Optional` once every use is rewritten, with its blank lines', () => {
    const source = [
      '"""Module."""',
      '',
      'from typing import Optional',
      '',
      '',
      'def scale(value: Optional[float], factor: Optional[float]) -> float:',
      '    """Scale."""',
      '    return (value or 0.0) * (factor or 1.0)',
      '',
    ].join('\n');
    expect(fixedByCli(source)).toBe(
      [
        '"""Module."""',
        '',
        '',
        'def scale(value: float | None, factor: float | None) -> float:',
        '    """Scale."""',
        '    return (value or 0.0) * (factor or 1.0)',
        '',
      ].join('\n'),
    );
  });
});
