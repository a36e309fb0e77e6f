import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PLR0913 too-many-arguments', () => {
  it('flags definitions with more than five parameters at the name, not counting self/cls', async () => {
    const source = [
      'def six(a, b, c, d, e, f): pass',
      'def mixed(a, /, b, c, *, d, e, f): pass',
      'class K:',
      '    def method(self, a, b, c, d, e, f): pass',
      '    @staticmethod',
      '    def static(a, b, c, d, e, f): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PLR0913')).toEqual([
      'PLR0913 0:4-0:7',
      'PLR0913 1:4-1:9',
      'PLR0913 3:8-3:14',
      'PLR0913 5:8-5:14',
    ]);
    const [first] = await check(source, ['PLR0913']);
    expect(first.message).toBe('Too many arguments in function definition (6 > 5)');
  });

  it('skips *args, **kwargs, dummy names, overrides and overloads', async () => {
    const source = [
      'from typing import overload, override',
      'def five(a, b, c, d, e, *args, **kwargs): pass',
      'def dummies(a, b, c, d, e, _unused, __): pass',
      'class K:',
      '    def method(self, a, b, c, d, e): pass',
      '    @override',
      '    def handle(self, a, b, c, d, e, f): pass',
      '    @overload',
      '    def get(self, a, b, c, d, e, f): ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'PLR0913')).toEqual([]);
  });

  it('reads max-args and dummy-variable-rgx from [tool.pyconv.pylint]', async () => {
    const source = 'def five(a, b, c, d, ignored): pass\n';
    expect(await flagged(source, 'PLR0913', { options: { pylint: { 'max-args': 4 } } })).toEqual([
      'PLR0913 0:4-0:8',
    ]);
    const options = { pylint: { 'max-args': 4, 'dummy-variable-rgx': '^ignored$' } };
    expect(await flagged(source, 'PLR0913', { options })).toEqual([]);
  });
});
