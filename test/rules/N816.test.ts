import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('N816 mixed-case-variable-in-global-scope', () => {
  it('flags mixedCase module-level bindings of every form', async () => {
    const source = [
      'defaultTimeout = 30',
      'aa, bB = 1, 2',
      'annOnly: int',
      'for loopVar in x: pass',
      'with a as withVar: pass',
      'if (walrusVar := 1): pass',
      'try:',
      '    tryVar = 1',
      'except ImportError:',
      '    tryVar = None',
      'match x:',
      '    case {**restVar}: pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N816')).toEqual([
      'N816 0:0-0:14',
      'N816 1:4-1:6',
      'N816 2:0-2:7',
      'N816 3:4-3:11',
      'N816 4:10-4:17',
      'N816 5:4-5:13',
      'N816 7:4-7:10',
      'N816 9:4-9:10',
      'N816 11:12-11:19',
    ]);
  });

  it('accepts snake_case, UPPER_CASE and CapWords; skips comprehensions, imports, except targets and functions', async () => {
    const source = [
      'max_len = 1',
      'MAX_LEN = 2',
      'ClassLike = 3',
      '[innerVar for innerVar in x]',
      'import os as osMod',
      'try: pass',
      'except E as errVar: pass',
      'def f():',
      '    global gName',
      '    gName = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'N816')).toEqual([]);
  });

  it('skips namedtuple assignments and ignore-names', async () => {
    const source = [
      'from collections import namedtuple',
      'pointTuple = namedtuple("P", "x")',
      'myVar = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'N816')).toEqual(['N816 2:0-2:5']);
    const options = { 'pep8-naming': { 'extend-ignore-names': ['my*'] } };
    expect(await flagged(source, 'N816', { options })).toEqual([]);
  });
});
