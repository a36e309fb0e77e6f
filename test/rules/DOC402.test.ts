import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('DOC402 docstring-missing-yields', () => {
  it('flags generators without Yields:, on the docstring', async () => {
    const source = [
      'from typing import Iterator',
      'def a() -> Iterator[int]:',
      '    """Do."""',
      '    yield 1',
      'def b():',
      '    """Do."""',
      '    yield from range(3)',
      '',
    ].join('\n');
    expect(await flagged(source, 'DOC402')).toEqual(['DOC402 2:4-2:13', 'DOC402 5:4-5:13']);
  });

  it('skips bare yields, Iterator without arguments, Yields sections and nested lambdas', async () => {
    const source = [
      'from typing import Iterator',
      'def a():',
      '    """Do."""',
      '    yield',
      'def b() -> Iterator:',
      '    """Do."""',
      '    yield 1',
      'def c():',
      '    """Do.',
      '',
      '    Yields:',
      '        Ints.',
      '    """',
      '    yield 1',
      'def d():',
      '    """Yields ints."""',
      '    yield 1',
      '',
    ].join('\n');
    // A summary starting with the word counts in the Google convention only, as in Ruff.
    const google = { pydocstyle: { convention: 'google' } };
    expect(await flagged(source, 'DOC402', { options: google })).toEqual([]);
  });
});
