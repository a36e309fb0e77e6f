import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

describe('docstring fixes (D417, DOC201, DOC402, DOC501)', () => {
  it('D417 appends missing names to Args: at the entries indentation', async () => {
    const source = [
      'def f(a, b, *args):',
      '    """Do.',
      '',
      '    Args:',
      '        a: First.',
      '    """',
      '',
    ].join('\n');
    const result = await fixed(source, 'D417');
    expect(result).toBe(
      [
        'def f(a, b, *args):',
        '    """Do.',
        '',
        '    Args:',
        '        a: First.',
        '        *args: TODO.',
        '        b: TODO.',
        '    """',
        '',
      ].join('\n'),
    );
    expect(await flagged(result, 'D417')).toEqual([]);
    const [diagnostic] = await check(source, ['D417']);
    expect(diagnostic.fix?.safe).toBe(false);
  });

  it('DOC201 turns a one-line docstring into one with Returns:', async () => {
    const source = ['class K:', '    def f(self):', '        """Do."""', '        return 1', ''].join('\n');
    const result = await fixed(source, 'DOC201');
    expect(result).toBe(
      [
        'class K:',
        '    def f(self):',
        '        """Do.',
        '',
        '        Returns:',
        '            TODO.',
        '        """',
        '        return 1',
        '',
      ].join('\n'),
    );
    expect(await flagged(result, 'DOC201')).toEqual([]);
  });

  it('DOC402 adds Yields: before Raises:', async () => {
    const source = [
      'def f():',
      '    """Do.',
      '',
      '    Raises:',
      '        KeyError: Never.',
      '    """',
      '    yield 1',
      '    raise KeyError',
      '',
    ].join('\n');
    const result = await fixed(source, 'DOC402');
    expect(result).toBe(
      [
        'def f():',
        '    """Do.',
        '',
        '    Yields:',
        '        TODO.',
        '',
        '    Raises:',
        '        KeyError: Never.',
        '    """',
        '    yield 1',
        '    raise KeyError',
        '',
      ].join('\n'),
    );
    expect(await flagged(result, 'DOC402')).toEqual([]);
  });

  it('DOC501 adds a Raises: section listing every missing exception, or appends to it', async () => {
    const source = [
      'def f(x):',
      '    """Do.',
      '',
      '    More.',
      '    """',
      '    if x:',
      '        raise KeyError',
      '    raise ValueError',
      '',
    ].join('\n');
    const result = await fixed(source, 'DOC501');
    expect(result).toBe(
      [
        'def f(x):',
        '    """Do.',
        '',
        '    More.',
        '',
        '    Raises:',
        '        KeyError: TODO.',
        '        ValueError: TODO.',
        '    """',
        '    if x:',
        '        raise KeyError',
        '    raise ValueError',
        '',
      ].join('\n'),
    );
    expect(await flagged(result, 'DOC501')).toEqual([]);
    const partial = [
      'def g():',
      '    """Do.',
      '',
      '    Raises:',
      '        KeyError: Yes.',
      '    """',
      '    raise KeyError',
      '    raise ValueError',
      '',
    ].join('\n');
    expect(await fixed(partial, 'DOC501')).toContain(
      '        KeyError: Yes.\n        ValueError: TODO.\n    """',
    );
  });
});
