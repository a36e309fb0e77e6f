import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('TRY002 raise-vanilla-class', () => {
  it('flags raising Exception and BaseException, called or not, at the raised expression', async () => {
    const source = [
      'raise Exception("boom")',
      'raise BaseException',
      'import builtins',
      'raise builtins.Exception()',
      '',
    ].join('\n');
    expect(await flagged(source, 'TRY002')).toEqual([
      'TRY002 0:6-0:23',
      'TRY002 1:6-1:19',
      'TRY002 3:6-3:26',
    ]);
  });

  it('accepts project exceptions, bare raise and shadowed names', async () => {
    const source = [
      'raise ConfigurationError("x")',
      'raise ValueError',
      'def f(Exception):',
      '    raise Exception("param")',
      'try:',
      '    pass',
      'except Exception:',
      '    raise',
      '',
    ].join('\n');
    expect(await flagged(source, 'TRY002')).toEqual([]);
  });
});
