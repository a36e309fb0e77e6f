import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('N815 mixed-case-variable-in-class-scope', () => {
  it('flags mixedCase names bound in a class body, including nested blocks', async () => {
    const source = [
      'class C:',
      '    maxLen: int = 1',
      '    _privateMixed = 2',
      '    if flag:',
      '        nestedName = 3',
      '    for loopVar in x: pass',
      '    class Inner:',
      '        innerAttr = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'N815')).toEqual([
      'N815 1:4-1:10',
      'N815 2:4-2:17',
      'N815 4:8-4:18',
      'N815 5:8-5:15',
      'N815 7:8-7:17',
    ]);
  });

  it('accepts snake_case, UPPER_CASE, CapWords, and names in methods', async () => {
    const source = [
      'class C:',
      '    max_len = 1',
      '    MAX_LEN = 2',
      '    Nested = 3',
      '    def m(self):',
      '        fooBar = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'N815')).toEqual([]);
  });

  it('skips TypedDict fields (also of subclasses), namedtuple assignments and unittest attributes', async () => {
    const source = [
      'from typing import TypedDict',
      'from collections import namedtuple',
      'class Movie(TypedDict):',
      '    releaseYear: int',
      'class Sequel(Movie):',
      '    previousTitle: str',
      'class T(TestCase):',
      '    maxDiff = None',
      '    pointTuple = namedtuple("pointTuple", "x y")',
      '    otherName = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'N815')).toEqual(['N815 9:4-9:13']);
  });
});
