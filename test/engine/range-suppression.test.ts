import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

const BAD = (name: string, indent = '') => `${indent}def ${name}(self=None):\n${indent}    pass\n`;

describe('range suppressions: # pyconv: disable[...] ... # pyconv: enable[...]', () => {
  it('suppresses the named codes between disable and enable, not after', async () => {
    const source = `# pyconv: disable[N802, D103]\n${BAD('badOne')}# pyconv: enable[N802, D103]\n${BAD('badTwo')}`;
    expect(await flagged(source, 'N802')).toEqual(['N802 4:4-4:10']);
  });

  it('leaves codes it does not name alone', async () => {
    const source = `# pyconv: disable[D103]\n${BAD('badOne')}`;
    expect(await flagged(source, 'N802')).toEqual(['N802 1:4-1:10']);
  });

  it('runs to the end of the file at module level when there is no enable', async () => {
    const source = `${BAD('badZero')}# pyconv: disable[N802]\n${BAD('badOne')}\n\n${BAD('badTwo')}`;
    expect(await flagged(source, 'N802')).toEqual(['N802 0:4-0:11']);
  });

  it('runs to the end of its indented block when there is no enable, as in Ruff', async () => {
    const source = `class A:\n    # pyconv: disable[N802]\n${BAD('badOne', '    ')}\n${BAD('badTwo', '    ')}\n\n${BAD('badThree')}`;
    expect(await flagged(source, 'N802')).toEqual(['N802 9:4-9:12']);
  });

  it('runs to the end of the class from between two methods', async () => {
    const source = `class A:\n${BAD('badOne', '    ')}\n    # pyconv: disable[N802]\n\n${BAD('badTwo', '    ')}    x = """\ntext at column 0\n"""\n${BAD('badThree', '    ')}${BAD('badFour')}`;
    expect(await flagged(source, 'N802')).toEqual(['N802 1:8-1:14', 'N802 13:4-13:11']);
  });

  it('matches an enable only at the same indentation and per code', async () => {
    const source = [
      '# pyconv: disable[N802, N803]',
      'class A:',
      '    # pyconv: enable[N802]',
      BAD('badOne', '    '),
      '# pyconv: enable[N802]',
      BAD('badTwo', ''),
    ].join('\n');
    expect(await flagged(source, 'N802')).toEqual(['N802 7:4-7:10']);
  });

  it('takes ruff: comments too, and ignores a trailing (not own-line) one', async () => {
    expect(await flagged(`# ruff: disable[N802]\n${BAD('badOne')}`, 'N802')).toEqual([]);
    const trailing = `x = 1  # pyconv: disable[N802]\n${BAD('badOne')}`;
    expect(await flagged(trailing, 'N802')).toEqual(['N802 1:4-1:10']);
  });

  it('keeps the file-level form', async () => {
    expect(await flagged(`# pyconv: noqa: N802\n${BAD('badOne')}`, 'N802')).toEqual([]);
  });
});
