import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('PLW0603 global-statement', () => {
  it('flags the global name once per rebinding in the same function', async () => {
    const source = [
      '_client = None',
      'def get():',
      '    global _client, _count',
      '    _client = Client()',
      '    _count += 1',
      '    _count = 0',
      '',
    ].join('\n');
    expect(await flagged(source, 'PLW0603')).toEqual([
      'PLW0603 2:11-2:18',
      'PLW0603 2:20-2:26',
      'PLW0603 2:20-2:26',
    ]);
  });

  it('counts del, imports and nested definitions, also in class bodies', async () => {
    const source = [
      'def f():',
      '    global a, b, c',
      '    del a',
      '    import b',
      '    def c():',
      '        pass',
      'class K:',
      '    global d',
      '    d = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'PLW0603')).toEqual([
      'PLW0603 1:11-1:12',
      'PLW0603 1:14-1:15',
      'PLW0603 1:17-1:18',
      'PLW0603 7:11-7:12',
    ]);
  });

  it('accepts read-only globals, and bindings Ruff does not count', async () => {
    const source = [
      'def f():',
      '    global a, b, c',
      '    print(a)',
      '    b: int = 1',
      '    for c in range(3):',
      '        pass',
      '    def inner():',
      '        a = 2',
      '',
    ].join('\n');
    expect(await flagged(source, 'PLW0603')).toEqual([]);
  });

  it('flags a module-level global when the module rebinds the name, before or after it', async () => {
    const source = [
      'global x',
      'x = 1',
      'y = 2',
      'global y, z',
      'if flag:',
      '    global w',
      '    w: int = 3',
      'def f():',
      '    global v',
      '    v = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'PLW0603')).toEqual([
      'PLW0603 0:7-0:8',
      'PLW0603 3:7-3:8',
      'PLW0603 8:11-8:12',
    ]);
  });
});
