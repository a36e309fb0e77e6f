import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('DOC501 docstring-missing-exception', () => {
  it('flags each unlisted exception once, on the docstring', async () => {
    const source = [
      'import errors',
      'def parse(text):',
      '    """Parses.',
      '',
      '    Raises:',
      '        ValueError: If empty.',
      '    """',
      '    if not text:',
      '        raise ValueError("empty")',
      '    if text == "x":',
      '        raise KeyError(text)',
      '    raise errors.Bad',
      '    raise KeyError',
      '',
    ].join('\n');
    expect(await flagged(source, 'DOC501')).toEqual(['DOC501 2:4-6:7', 'DOC501 2:4-6:7']);
    const messages = (await check(source, ['DOC501'])).map((d) => d.message).sort();
    expect(messages).toEqual([
      'Raised exception `Bad` missing from docstring',
      'Raised exception `KeyError` missing from docstring',
    ]);
  });

  it('counts re-raises in except handlers but not Exception, NotImplementedError or nested functions', async () => {
    const source = [
      'def f():',
      '    """Do."""',
      '    try:',
      '        pass',
      '    except (KeyError, Exception) as e:',
      '        raise e',
      '    def inner():',
      '        raise ValueError',
      '    raise NotImplementedError("later")',
      '',
    ].join('\n');
    const messages = (await check(source, ['DOC501'])).map((d) => d.message);
    expect(messages).toEqual(['Raised exception `KeyError` missing from docstring']);
  });

  it('matches qualified entries by suffix and ignores unresolvable names', async () => {
    const source = [
      'import errors',
      'def f(exc):',
      '    """Do.',
      '',
      '    Raises:',
      '        errors.Bad: Sometimes.',
      '    """',
      '    raise errors.Bad',
      '    raise exc',
      '    raise NotDefinedAnywhere',
      '',
    ].join('\n');
    expect(await flagged(source, 'DOC501')).toEqual([]);
  });
});
