import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

describe('B006 mutable-argument-default', () => {
  it('flags mutable literals, comprehensions and constructor calls at the default', async () => {
    const source = [
      'import collections',
      'def f(a=[], b={}, c=set(), d=collections.defaultdict(list), e=[x for x in y], g=([])):',
      '    pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'B006')).toEqual([
      'B006 1:8-1:10',
      'B006 1:14-1:16',
      'B006 1:20-1:25',
      'B006 1:29-1:58',
      'B006 1:62-1:76',
      'B006 1:81-1:83',
    ]);
  });

  it("leaves tuples, generators and walrus defaults alone, as Ruff's stable B006", async () => {
    const source = [
      'def f1(x=([],)): ...',
      'def f2(x=(y for y in "x")): ...',
      'def f3(x=(1, [])): ...',
      'def f4(x=(z := [1])): ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'B006')).toEqual([]);
  });

  it('accepts immutable defaults, immutable annotations, lambdas and stubs', async () => {
    const source = [
      'from typing import Sequence, Optional, Mapping',
      'def f(a=(), b=None, c=frozenset(), d="", e: Sequence[int] = [], g: Optional[Mapping[str, int]] = {}, h: tuple = []):',
      '    pass',
      'handler = lambda items=[]: items',
      '',
    ].join('\n');
    expect(await flagged(source, 'B006')).toEqual([]);
    expect(await flagged('def f(a=[]): ...\n', 'B006', { file: { isStub: true } })).toEqual([]);
  });

  it('moves the default into the body after the docstring, unsafely', async () => {
    const source = [
      'def collect(result, seen=[]):',
      '    """Collect."""',
      '    seen.append(result)',
      '    return seen',
      '',
    ].join('\n');
    const [diagnostic] = await check(source, ['B006']);
    expect(diagnostic.fix?.safe).toBe(false);
    expect(await fixed(source, 'B006')).toBe(
      [
        'def collect(result, seen=None):',
        '    """Collect."""',
        '    if seen is None:',
        '        seen = []',
        '    seen.append(result)',
        '    return seen',
        '',
      ].join('\n'),
    );
  });

  it('keeps the body indentation of methods and inserts after imports', async () => {
    const source = ['class A:', '  def m(self, cache={}):', '    import os', '    return cache', ''].join(
      '\n',
    );
    expect(await fixed(source, 'B006')).toBe(
      [
        'class A:',
        '  def m(self, cache=None):',
        '    import os',
        '    if cache is None:',
        '      cache = {}',
        '    return cache',
        '',
      ].join('\n'),
    );
  });

  it('only replaces the default of a stub body, and gives no fix on one-line functions', async () => {
    expect(await fixed('def f(a=[]):\n    ...\n', 'B006')).toBe('def f(a=None):\n    ...\n');
    const [oneLine] = await check('def f(a=[]): return a\n', ['B006']);
    expect(oneLine.fix).toBeNull();
  });

  it('keeps CRLF line endings and counts UTF-16 columns after non-ASCII text', async () => {
    const source = 'def f(名前="é😀", items=[]):\r\n    return items\r\n';
    expect(await flagged(source, 'B006')).toEqual(['B006 0:22-0:24']);
    expect(await fixed(source, 'B006')).toBe(
      'def f(名前="é😀", items=None):\r\n    if items is None:\r\n        items = []\r\n    return items\r\n',
    );
  });
});
