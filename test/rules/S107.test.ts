import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('S107 hardcoded-password-default', () => {
  it('flags string defaults of password-like parameters', async () => {
    const source = ['def login(user, password="admin", *, api_token: str = "t"):', '    pass', ''].join('\n');
    expect(await flagged(source, 'S107')).toEqual(['S107 0:25-0:32', 'S107 0:54-0:57']);
  });

  it('accepts None and empty defaults, other names, and lambdas', async () => {
    const source = [
      'def login(user="admin", password=None, token=""):',
      '    pass',
      'f = lambda password="x": password',
      '',
    ].join('\n');
    expect(await flagged(source, 'S107')).toEqual([]);
  });

  it('reports on the string inside parentheses, as Ruff', async () => {
    expect(await flagged('def g(password=("x")): ...\n', 'S107')).toEqual(['S107 0:16-0:19']);
  });
});
