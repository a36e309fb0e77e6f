import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

function compiles(source: string): boolean {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pcv604-')), 'm.py');
  writeFileSync(file, source);
  try {
    execFileSync('python3', ['-c', 'import sys; compile(open(sys.argv[1]).read(), "m", "exec")', file], {
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  }
}

describe('PCV604 future-annotations-not-first', () => {
  it('flags a late future import on the statement and moves it after the docstring', async () => {
    const source = '"""Models."""\nimport json\nfrom __future__ import annotations\n\nx: list[int] = []\n';
    expect(await flagged(source, 'PCV604')).toEqual(['PCV604 2:0-2:34']);
    const result = await fixed(source, 'PCV604');
    expect(result).toBe(
      '"""Models."""\nfrom __future__ import annotations\nimport json\n\nx: list[int] = []\n',
    );
    expect(compiles(source)).toBe(false);
    expect(compiles(result)).toBe(true);
  });

  it('moves it to the first statement (after a shebang) when there is no docstring', async () => {
    const source = '#!/usr/bin/env python\nimport os\nfrom __future__ import annotations\n';
    expect(await fixed(source, 'PCV604')).toBe(
      '#!/usr/bin/env python\nfrom __future__ import annotations\nimport os\n',
    );
  });

  it('accepts it first, after the docstring, or after other future imports', async () => {
    expect(await flagged('from __future__ import annotations\nimport os\n', 'PCV604')).toEqual([]);
    expect(
      await flagged(
        '"""Doc."""\n# c\nfrom __future__ import division\nfrom __future__ import annotations\n',
        'PCV604',
      ),
    ).toEqual([]);
    expect(await flagged('import os\n', 'PCV604')).toEqual([]);
  });
});
