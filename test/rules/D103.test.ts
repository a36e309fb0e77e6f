import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D103 undocumented-public-function', () => {
  it('flags public module-level functions on the name', async () => {
    const source = ['def load(path):', '    return path', 'async def fetch(): pass', ''].join('\n');
    expect(await flagged(source, 'D103')).toEqual(['D103 0:4-0:8', 'D103 2:10-2:15']);
  });

  it('skips private, nested, overload, unlisted and documented functions', async () => {
    const source = [
      'import typing',
      '__all__ = ["load", "fetch"]',
      'def load(path):',
      '    """Doc."""',
      '    def inner(): pass',
      '@typing.overload',
      'def fetch(x: int) -> int: ...',
      'def _private(): pass',
      'def unlisted(): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'D103')).toEqual([]);
  });

  it('takes a parenthesized string as the docstring, as Ruff', async () => {
    const source = [
      'def func():',
      '    ("""Docstring.""")',
      'def func2():',
      '    (',
      '        """Docstring."""',
      '    )',
      'def func3():',
      '    ("""Docstring.""", 1)',
      '',
    ].join('\n');
    expect(await flagged(source, 'D103')).toEqual(['D103 6:4-6:9']);
  });
});
