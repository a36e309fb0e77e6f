import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('DOC201 docstring-missing-returns', () => {
  it('flags a function returning a value without Returns:, on the docstring', async () => {
    const source = ['def area(w, h):', '    """Computes the area."""', '    return w * h', ''].join('\n');
    expect(await flagged(source, 'DOC201')).toEqual(['DOC201 1:4-1:28']);
    const annotated = ['def f() -> int:', '    """Do."""', '    return None', ''].join('\n');
    expect(await flagged(annotated, 'DOC201')).toEqual(['DOC201 1:4-1:13']);
  });

  it('reads a parenthesized docstring, reporting on the string', async () => {
    const source = ['def area(w, h):', '    ("""Computes the area.""")', '    return w * h', ''].join('\n');
    expect(await flagged(source, 'DOC201')).toEqual(['DOC201 1:5-1:29']);
  });

  it('skips None returns, Returns sections, "Returns ..." summaries, properties and stubs', async () => {
    const source = [
      'import functools',
      'def a():',
      '    """Do."""',
      '    return None',
      'def b() -> None:',
      '    """Do."""',
      '    return',
      'def c():',
      '    """Returns one."""',
      '    return 1',
      'def d():',
      '    """Do.',
      '',
      '    Returns:',
      '        One.',
      '    """',
      '    return 1',
      'class P:',
      '    @functools.cached_property',
      '    def p(self):',
      '        """Do."""',
      '        return 1',
      'def e() -> int:',
      '    """Do."""',
      '    ...',
      '',
    ].join('\n');
    // A summary starting with the word counts in the Google convention only, as in Ruff.
    const google = { pydocstyle: { convention: 'google' } };
    expect(await flagged(source, 'DOC201', { options: google })).toEqual([]);
  });

  it('honours property-decorators and ignore-one-line-docstrings', async () => {
    const source = [
      'import mylib',
      'class P:',
      '    @mylib.lazy',
      '    def p(self):',
      '        """Do."""',
      '        return 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'DOC201')).toEqual(['DOC201 4:8-4:17']);
    expect(
      await flagged(source, 'DOC201', { options: { pydocstyle: { 'property-decorators': ['mylib.lazy'] } } }),
    ).toEqual([]);
    expect(
      await flagged(source, 'DOC201', { options: { pydoclint: { 'ignore-one-line-docstrings': true } } }),
    ).toEqual([]);
  });
});
