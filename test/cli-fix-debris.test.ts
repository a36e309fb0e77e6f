/** `pyconv check --fix` leaves no import it made unused, and no extra blank lines (issue 12). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, folder, removeFolders, runCli } from './helpers/cli';

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

/** The file's text after `pyconv check --fix` (default rules, Python 3.10) in a folder of its own. */
function fixedByCli(source: string): string {
  const root = folder({
    'pyproject.toml': '[tool.pyconv]\ntarget-version = "py310"\n',
    'module.py': source,
  });
  runCli(root, ['check', '--fix', 'module.py']);
  return readFileSync(path.join(root, 'module.py'), 'utf8');
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
