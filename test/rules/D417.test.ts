import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

const doc = (args: string[]) => [
  '    """Do.',
  '',
  '    Args:',
  ...args.map((a) => `        ${a}`),
  '    """',
];

describe('D417 undocumented-param', () => {
  it('flags missing arguments on the function name and lists them sorted', async () => {
    const source = ['def f(a, b, *args, **kwargs):', ...doc(['a: first.']), ''].join('\n');
    expect(await flagged(source, 'D417')).toEqual(['D417 0:4-0:5']);
    const [diagnostic] = await check(source, ['D417']);
    expect(diagnostic.message).toBe(
      'Missing argument descriptions in the docstring for `f`: `**kwargs`, `*args`, `b`',
    );
  });

  it('accepts starred or bare names, types in parentheses and descriptions on the next line', async () => {
    const source = [
      'def f(a, b, *args, **kwargs):',
      ...doc(['a (int): first.', 'b:', '    second.', '*args: rest.', 'kwargs: more.']),
      '',
    ].join('\n');
    expect(await flagged(source, 'D417')).toEqual([]);
  });

  it('skips self, _private names, functions without Args and honours ignore-var-parameters', async () => {
    const method = [
      'class K:',
      '    def m(self, _x, *args):',
      '        """Do.',
      '',
      '        Args:',
      '            y: no.',
      '        """',
      '',
    ].join('\n');
    expect(await flagged(method, 'D417')).toEqual(['D417 1:8-1:9']);
    expect(
      await flagged(method, 'D417', { options: { pydocstyle: { 'ignore-var-parameters': true } } }),
    ).toEqual([]);
    expect(await flagged('def f(a):\n    """Do a thing."""\n', 'D417')).toEqual([]);
  });

  it('an entry without a description does not count', async () => {
    const source = ['def f(a):', ...doc(['a:']), ''].join('\n');
    expect(await flagged(source, 'D417')).toEqual(['D417 0:4-0:5']);
  });
});
