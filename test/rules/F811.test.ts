import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

describe('F811 redefined-while-unused', () => {
  it('flags a redefinition of an unused import, function or class at the new binding', async () => {
    const source =
      'import os\nimport os\ndef f(): pass\ndef f(): pass\nclass A: pass\nclass A: pass\nprint(os, f, A)\n';
    expect(await flagged(source, 'F811')).toEqual(['F811 1:7-1:9', 'F811 3:4-3:5', 'F811 5:6-5:7']);
    const messages = (await check(source, ['F811'])).map((d) => d.message);
    expect(messages[0]).toBe('Redefinition of unused `os` from line 1');
  });

  it('flags a parameter or local that hides an unused module import, and a def replacing its own global', async () => {
    const source = [
      'import os',
      'def f(os):',
      '    return os',
      'def pager(text):',
      '    global pager',
      '    pager = str',
      '',
    ].join('\n');
    expect(await flagged(source, 'F811')).toEqual(['F811 1:6-1:8', 'F811 3:4-3:9']);
  });

  it('accepts used bindings, other branches, overloads, plain reassignments, loop targets and dummies', async () => {
    const source = [
      'from typing import overload',
      'import json',
      'print(json)',
      'import json',
      'try:',
      '    import ujson',
      'except ImportError:',
      '    ujson = None',
      '@overload',
      'def g(x: int) -> int: ...',
      'def g(x): return x',
      'x = 1',
      'x = 2',
      'import re',
      'for re in []: pass',
      'def _(): pass',
      'def _(): pass',
      'def h():',
      '    return json',
      '',
    ].join('\n');
    expect(await flagged(source, 'F811')).toEqual([]);
  });

  it('removes a repeated import, safely', async () => {
    expect(await fixed('import os\nimport os\nprint(os)\n', 'F811')).toBe('import os\nprint(os)\n');
    expect(await fixed('from m import a\nfrom m import a, b\nprint(a, b)\n', 'F811')).toBe(
      'from m import a\nfrom m import b\nprint(a, b)\n',
    );
    const [finding] = await check('import os\nimport os\n', ['F811']);
    expect(finding.fix?.safe).toBe(true);
    const [function_] = await check('def f(): pass\ndef f(): pass\n', ['F811']);
    expect(function_.fix).toBeNull();
  });
});
