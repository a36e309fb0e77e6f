import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('S106 hardcoded-password-func-arg', () => {
  it('flags password-like keyword arguments with string literals, covering name=value', async () => {
    expect(await flagged('connect(user="u", password="p", auth_token="t")\n', 'S106')).toEqual([
      'S106 0:18-0:30',
      'S106 0:32-0:46',
    ]);
  });

  it('accepts empty or computed values, other names, and class keywords', async () => {
    const source = [
      'connect(password="", token=env("T"), secret_key=key, user="u")',
      'class C(Base, token="x"):',
      '    pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'S106')).toEqual([]);
  });
});
