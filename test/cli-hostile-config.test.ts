/**
 * `pyconv check` with backtracking patterns in `pyproject.toml` finishes: the patterns are matched
 * in linear time (issue 12, item 16). Compared with the same run under a plain configuration, the
 * hostile one costs less than a second more.
 */

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, folder, removeFolders } from './helpers/cli';

const LONG = 'a'.repeat(10_000);
const HOSTILE_GLOB = '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
const SOURCE = `from typing import TypeVar\nimport ${LONG}\n${LONG}b = TypeVar("${LONG}b")\ndef A${LONG}():\n    pass\n`;

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

function timedCheck(pyproject: string): { code: number | null; stdout: string; seconds: number } {
  const root = folder({ 'pyproject.toml': pyproject, [`${'a'.repeat(200)}.py`]: SOURCE });
  const started = performance.now();
  // A time limit: a hang must fail the test, not block it.
  const args = [cli, 'check', '--format', 'json'];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, seconds: (performance.now() - started) / 1000 };
}

describe('pyconv check with hostile config patterns', () => {
  it('finishes within a second of a plain run', () => {
    const select = 'select = ["N802", "PCV104", "I001"]';
    const plain = timedCheck(`[tool.pyconv]\n${select}\n`);
    const hostile = timedCheck(
      [
        '[tool.pyconv]',
        select,
        `exclude = ["${HOSTILE_GLOB}"]`,
        `per-file-ignores = { "${HOSTILE_GLOB}" = ["E722"] }`,
        '[tool.pyconv.pyconv-naming]',
        'typevar-pattern = "^(a|a)+$"',
        '[tool.pyconv.pep8-naming]',
        `extend-ignore-names = ["${HOSTILE_GLOB}"]`,
        '[tool.pyconv.isort]',
        `known-first-party = ["${HOSTILE_GLOB}"]`,
        '',
      ].join('\n'),
    );
    expect(hostile.code).toBe(1);
    const codes = (JSON.parse(hostile.stdout) as Array<{ code: string }>).map((d) => d.code).sort();
    expect(codes).toEqual(['I001', 'N802', 'PCV104']);
    expect(hostile.seconds - plain.seconds).toBeLessThan(1);
  }, 90_000);
});
