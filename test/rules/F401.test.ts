import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

describe('F401 unused-import', () => {
  it('flags unused names with the range of the bound name and Ruff messages', async () => {
    const source =
      'import os\nimport numpy as np\nfrom a.b import c, d\nimport x.y.z\nfrom . import e\nprint(d)\n';
    expect(await flagged(source, 'F401')).toEqual([
      'F401 0:7-0:9',
      'F401 1:16-1:18',
      'F401 2:16-2:17',
      'F401 3:7-3:12',
      'F401 4:14-4:15',
    ]);
    const messages = (await check(source, ['F401'])).map((d) => d.message);
    expect(messages).toEqual([
      '`os` imported but unused',
      '`numpy` imported but unused',
      '`a.b.c` imported but unused',
      '`x.y.z` imported but unused',
      '`.e` imported but unused',
    ]);
  });

  it('counts uses in nested scopes, annotations, string annotations, __all__, del and global', async () => {
    const source = [
      'import os, re, sys, json, typing, pathlib',
      'from a import B',
      '__all__ = ["json"]',
      'def f(x: "B") -> typing.Any:',
      '    global pathlib',
      '    return [re.x for _ in sys.argv]',
      'del os',
      '',
    ].join('\n');
    expect(await flagged(source, 'F401')).toEqual([]);
  });

  it('does not count docstrings, reads before the import or reads of a local that hides it', async () => {
    const source =
      '"""\n>>> import os\n"""\nprint(sys)\nimport sys\nfrom x import y\ndef f():\n    y = 1\n    return y\nimport os\n';
    expect(await flagged(source, 'F401')).toEqual(['F401 4:7-4:10', 'F401 5:14-5:15', 'F401 9:7-9:9']);
  });

  it('accepts __future__, explicit re-exports, class bodies, replaced imports and noqa', async () => {
    const source = [
      'from __future__ import annotations',
      'import x as x',
      'from m import y as y',
      'class C:',
      '    import zz',
      'try:',
      '    import ujson',
      'except ImportError:',
      '    ujson = None',
      'from a import (  # noqa: F401',
      '    b,',
      ')',
      'import q  # noqa: F401',
      '',
    ].join('\n');
    expect(await flagged(source, 'F401')).toEqual([]);
  });

  it("flags an availability test without a fix, with Ruff's hint", async () => {
    const [d] = await check('try:\n    import foo\nexcept ImportError:\n    pass\n', ['F401']);
    expect(d.message).toBe(
      '`foo` imported but unused; consider using `importlib.util.find_spec` to test for availability',
    );
    expect(d.fix).toBeNull();
  });

  it('fixes by removing the names, the statement with its line, or leaving pass', async () => {
    expect(await fixed('import os, sys\nprint(sys)\n', 'F401')).toBe('import sys\nprint(sys)\n');
    expect(await fixed('import os  # why\n\nx = 1\n', 'F401')).toBe('\nx = 1\n');
    expect(await fixed('if c:\n    import os\n', 'F401')).toBe('if c:\n    pass\n');
    expect(await fixed('import os; x = 1\n', 'F401')).toBe('x = 1\n');
    expect(await fixed('from a import (\n    b,  # one\n    c,  # two\n)\nc\n', 'F401')).toBe(
      'from a import (\n    c,  # two\n)\nc\n',
    );
    const [d] = await check('from a import b, c\n', ['F401']);
    expect(d.fix?.safe).toBe(true);
    expect(d.fix?.title).toBe('Remove unused import');
  });

  it('has no fix in __init__.py, where the name may be a re-export', async () => {
    const [d] = await check('import os\n', ['F401'], { file: { isPackageInit: true } });
    expect(d.message).toBe(
      '`os` imported but unused; consider removing, adding to `__all__`, or using a redundant alias',
    );
    expect(d.fix).toBeNull();
  });
});
