import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

describe('F841 unused-variable', () => {
  it('flags the last binding of a local nobody reads, with the name as range', async () => {
    const source = 'def f():\n    x = 1\n    y = g()\n    z = 1\n    z = 2\n    return 0\n';
    expect(await flagged(source, 'F841')).toEqual(['F841 1:4-1:5', 'F841 2:4-2:5', 'F841 4:4-4:5']);
    const messages = (await check(source, ['F841'])).map((d) => d.message);
    expect(messages[0]).toBe('Local variable `x` is assigned to but never used');
  });

  it('flags with items, walruses, augmented assignments and unread exception names', async () => {
    const source = [
      'def f():',
      '    with open(p) as fh:',
      '        pass',
      '    if (n := 1):',
      '        pass',
      '    total += 1',
      '    try:',
      '        pass',
      '    except ValueError as error:',
      '        pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'F841')).toEqual([
      'F841 1:20-1:22',
      'F841 3:8-3:9',
      'F841 5:4-5:9',
      'F841 8:25-8:30',
    ]);
  });

  it('accepts reads anywhere in the function, unpacking, loops, globals, dummies and locals()', async () => {
    const source = [
      'X = 0',
      'def f():',
      '    a = 1',
      '    b, c = g()',
      '    for i in range(3):',
      '        pass',
      '    global X',
      '    X = 2',
      '    _ = 3',
      '    __tracebackhide__ = True',
      '    d = 4',
      '    del d',
      '    return lambda: a',
      'def h():',
      '    e = 5',
      '    return locals()',
      'class C:',
      '    unused = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'F841')).toEqual([]);
  });

  it('fixes as Ruff does: whole statement, value kept when it has effects, as-clause removed', async () => {
    expect(await fixed('def f():\n    x = 1\n    return 0\n', 'F841')).toBe('def f():\n    return 0\n');
    expect(await fixed('def f():\n    x = g()\n', 'F841')).toBe('def f():\n    g()\n');
    expect(await fixed('def f():\n    x: int = g()\n', 'F841')).toBe('def f():\n    g()\n');
    expect(await fixed('def f():\n    with open(p) as fh:\n        pass\n', 'F841')).toBe(
      'def f():\n    with open(p):\n        pass\n',
    );
    expect(await fixed('try:\n    pass\nexcept E as e:\n    pass\n', 'F841')).toBe(
      'try:\n    pass\nexcept E:\n    pass\n',
    );
    const [variable, exception] = await check(
      'def f():\n    x = 1\n    try:\n        pass\n    except E as e:\n        pass\n',
      ['F841'],
    );
    expect(variable.fix?.safe).toBe(false);
    expect(exception.fix?.safe).toBe(true);
  });
});
