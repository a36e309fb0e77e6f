import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV403 generic-exception-in-public-api', () => {
  it('flags ValueError and RuntimeError raised in public functions and methods, at the exception', async () => {
    const source = [
      'def load(path):',
      '    raise ValueError("bad path")',
      'class Client:',
      '    def __init__(self, url):',
      '        raise RuntimeError',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV403')).toEqual(['PCV403 1:10-1:32', 'PCV403 4:14-4:26']);
    const [first] = await check(source, ['PCV403']);
    expect(first.message).toBe(
      "Public `load` raises a generic `ValueError`; raise one of the project's own exceptions",
    );
  });

  it('passes private helpers, nested functions, validators, protocol methods, custom errors and tests', async () => {
    const source = [
      'from pydantic import field_validator',
      'class ConfigurationError(Exception): ...',
      'def _check(x):',
      '    raise ValueError(x)',
      'def outer():',
      '    def inner():',
      '        raise ValueError',
      '    raise ConfigurationError("x")',
      'class _Private:',
      '    def method(self):',
      '        raise ValueError',
      'class Model:',
      '    @field_validator("qps")',
      '    @classmethod',
      '    def positive(cls, v):',
      '        raise ValueError("qps must be positive")',
      '    def __setitem__(self, key, value):',
      '        raise ValueError(key)',
      '    def write(self, data):',
      '        raise ValueError("I/O operation on closed file")',
      'def reraise():',
      '    try:',
      '        pass',
      '    except OSError:',
      '        raise',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV403')).toEqual([]);
    const test = 'def helper():\n    raise ValueError\n';
    expect(await flagged(test, 'PCV403', { file: { path: 'tests/test_x.py' } })).toEqual([]);
    expect(
      await flagged(test, 'PCV403', { file: { path: 'src/pkg/_impl.py', isPrivateModule: true } }),
    ).toEqual([]);
  });

  it('reads generic-exceptions from [tool.pyconv.pyconv-exceptions]', async () => {
    const source = 'def f():\n    raise KeyError\n';
    expect(await flagged(source, 'PCV403')).toEqual([]);
    const options = { 'pyconv-exceptions': { 'generic-exceptions': ['KeyError'] } };
    expect(await flagged(source, 'PCV403', { options })).toEqual(['PCV403 1:10-1:18']);
  });
});
