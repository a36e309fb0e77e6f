import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

describe('B904 raise-without-from-inside-except', () => {
  it('flags raise statements without from in handlers, including nested if/with/loop bodies', async () => {
    const source = [
      'try:',
      '    load()',
      'except OSError as e:',
      '    raise LoadError("x")',
      'except KeyError:',
      '    if strict:',
      '        raise LoadError',
      '    for item in items:',
      '        raise LoadError',
      '',
    ].join('\n');
    expect(await flagged(source, 'B904')).toEqual(['B904 3:4-3:24', 'B904 6:8-6:23', 'B904 8:8-8:23']);
  });

  it('accepts from, bare raise, re-raising the name, nested try and nested functions', async () => {
    const source = [
      'try:',
      '    load()',
      'except OSError as e:',
      '    raise LoadError("x") from e',
      'except KeyError as e:',
      '    raise e',
      'except TypeError:',
      '    raise',
      'except ValueError:',
      '    raise LoadError from None',
      'except IndexError:',
      '    try:',
      '        raise LoadError',
      '    except LoadError:',
      '        pass',
      '    def later():',
      '        raise LoadError',
      'raise LoadError',
      '',
    ].join('\n');
    expect(await flagged(source, 'B904')).toEqual([]);
  });

  it('uses the except* message for exception groups', async () => {
    const [diagnostic] = await check('try:\n    run()\nexcept* ValueError:\n    raise TypeError\n', ['B904']);
    expect(diagnostic.message).toContain('`except*`');
  });

  it('fixes by chaining the handler name, or by binding a fresh one', async () => {
    expect(await fixed('try:\n    f()\nexcept OSError as e:\n    raise LoadError("x")\n', 'B904')).toBe(
      'try:\n    f()\nexcept OSError as e:\n    raise LoadError("x") from e\n',
    );
    expect(
      await fixed('try:\n    f()\nexcept (OSError, ValueError):\n    raise LoadError(err)\n', 'B904'),
    ).toBe('try:\n    f()\nexcept (OSError, ValueError) as exc:\n    raise LoadError(err) from exc\n');
    const [diagnostic] = await check('try:\n    f()\nexcept OSError as e:\n    raise X\n', ['B904']);
    expect(diagnostic.fix?.safe).toBe(false);
  });

  it('offers no fix for a bare except', async () => {
    const [diagnostic] = await check('try:\n    f()\nexcept:\n    raise X\n', ['B904']);
    expect(diagnostic.fix).toBeNull();
  });

  it('offers no fix where `as name` cannot be added (Python 3.14 `except A, B:`)', async () => {
    const [diagnostic] = await check('try:\n    f()\nexcept OSError, ValueError:\n    raise X\n', ['B904']);
    expect(diagnostic.fix).toBeNull();
  });
});
