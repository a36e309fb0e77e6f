import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PLW0602 global-variable-not-assigned', () => {
  it('flags a global name the body only reads or mutates, at the name in the statement', async () => {
    const source =
      'CACHE = []\nLIMIT = 1\ndef f(x):\n    global CACHE, LIMIT\n    CACHE.append(x)\n    return LIMIT\n';
    expect(await flagged(source, 'PLW0602')).toEqual(['PLW0602 3:11-3:16', 'PLW0602 3:18-3:23']);
    const [first] = await check(source, ['PLW0602']);
    expect(first.message).toBe('Using global for `CACHE` but no assignment is done');
  });

  it('accepts any binding of the name in the same body, and flags one made only by a nested function', async () => {
    const source = [
      'A = B = C = D = E = 0',
      'def f():',
      '    global A, B, C, D, E',
      '    A = 1',
      '    B += 1',
      '    for C in range(3):',
      '        pass',
      '    import D',
      '    del E',
      'def g():',
      '    global F',
      '    def h():',
      '        F = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'PLW0602')).toEqual(['PLW0602 10:11-10:12']);
  });

  it('ignores a global statement at module level', async () => {
    expect(await flagged('global X\nX = 1\n', 'PLW0602')).toEqual([]);
  });
});
