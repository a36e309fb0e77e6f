import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

function longFunction(name: string, codeLines: number, indent = ''): string[] {
  const lines = [
    `${indent}def ${name}():`,
    `${indent}    """Docstring lines do not count.`,
    '',
    `${indent}    More.`,
    `${indent}    """`,
  ];
  for (let i = 1; i < codeLines; i++) lines.push(i % 10 === 0 ? '' : `${indent}    x${i} = ${i}  # comment`);
  return lines;
}

describe('PCV601 function-too-long', () => {
  it('flags functions with more code lines than the limit, on the name', async () => {
    const source = [...longFunction('big', 112), ''].join('\n');
    expect(await flagged(source, 'PCV601')).toEqual(['PCV601 0:4-0:7']);
    const [diagnostic] = await check(source, ['PCV601']);
    expect(diagnostic.message).toBe('Function `big` has 101 lines of code (max 100)');
  });

  it('does not count docstrings, blank lines and comment lines', async () => {
    const source = [...longFunction('fits', 110), '    # trailing comment', ''].join('\n');
    expect(await flagged(source, 'PCV601')).toEqual([]);
  });

  it('honours max-function-lines and measures methods', async () => {
    const source = ['class K:', ...longFunction('method', 12, '    '), ''].join('\n');
    expect(await flagged(source, 'PCV601')).toEqual([]);
    expect(
      await flagged(source, 'PCV601', { options: { 'pyconv-structure': { 'max-function-lines': 10 } } }),
    ).toEqual(['PCV601 1:8-1:14']);
  });
});
