import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('N803 invalid-argument-name', () => {
  it('flags every kind of parameter, underlining the whole parameter', async () => {
    const source = 'def f(A, bB=1, *Cc, D: int = 2, E: str, **Ff): pass\n';
    expect(await flagged(source, 'N803')).toEqual([
      'N803 0:6-0:7',
      'N803 0:9-0:13',
      'N803 0:15-0:18',
      'N803 0:20-0:30',
      'N803 0:32-0:38',
      'N803 0:40-0:44',
    ]);
  });

  it('flags typed *args/**kwargs and lambda parameters', async () => {
    const source = ['def g(*Args: int, **KW: str): pass', 'h = lambda Q=1, *R: 0', ''].join('\n');
    expect(await flagged(source, 'N803')).toEqual([
      'N803 0:6-0:16',
      'N803 0:18-0:27',
      'N803 1:11-1:14',
      'N803 1:16-1:18',
    ]);
  });

  it('accepts lowercase names and separators', async () => {
    expect(await flagged('def f(a, /, b_2, *, c=1, **_kw): pass\n', 'N803')).toEqual([]);
  });

  it('skips parameters of @override methods in a class, but not of plain functions', async () => {
    const source = [
      'from typing import override',
      'class A(Base):',
      '    @override',
      '    def run(self, Mode): pass',
      '@override',
      'def run(Mode): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N803')).toEqual(['N803 5:8-5:12']);
  });

  it('honours ignore-names', async () => {
    const options = { 'pep8-naming': { 'extend-ignore-names': ['X'] } };
    expect(await flagged('def f(X, Y): pass\n', 'N803', { options })).toEqual(['N803 0:9-0:10']);
  });
});
