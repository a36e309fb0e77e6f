import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('N818 error-suffix-on-exception-name', () => {
  it('flags classes deriving from Exception or a plain *Error name without the suffix', async () => {
    const source = [
      'class ConfigInvalid(Exception): pass',
      'class Custom(ValueError): pass',
      'class Mixed(Base, KeyError, metaclass=M): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N818')).toEqual(['N818 0:6-0:19', 'N818 1:6-1:12', 'N818 2:6-2:11']);
  });

  it('accepts Error names and bases Ruff does not follow', async () => {
    const source = [
      'class ConfigError(Exception): pass',
      'class Stop(BaseException): pass',
      'class Remote(errors.BaseError): pass',
      'class Sub(ConfigError): pass',
      'class Versioned(ConfigError2): pass',
      'class Warn(UserWarning): pass',
      'class Plain: pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N818')).toEqual(['N818 3:6-3:9']);
  });

  it('honours ignore-names', async () => {
    const options = { 'pep8-naming': { 'extend-ignore-names': ['Stop*'] } };
    expect(await flagged('class StopNow(Exception): pass\n', 'N818', { options })).toEqual([]);
  });
});
