import { describe, expect, it } from 'vitest';
import { check, formatRange } from '../helpers/analyze';
import { applyFix } from '../helpers/apply-fix';

/** RUF100 with N802 and D103 enabled, as `CODE L:C-L:C message`. */
async function unused(source: string, select = ['RUF100', 'N802']) {
  const diagnostics = await check(source, ['RUF100'], { select });
  return diagnostics.map((d) => `${formatRange(d.range)} ${d.message}`);
}

async function fixedOnce(source: string, select = ['RUF100', 'N802']) {
  const [diagnostic] = await check(source, ['RUF100'], { select });
  if (!diagnostic?.fix) throw new Error('no fix');
  expect(diagnostic.fix.safe).toBe(true);
  return applyFix(source, diagnostic.fix);
}

describe('RUF100 unused-noqa', () => {
  it('flags a code that suppresses nothing, on the directive, and removes the comment', async () => {
    const source = 'import sys  # noqa: N802\n';
    expect(await unused(source)).toEqual(['0:12-0:24 Unused `noqa` directive (unused: `N802`)']);
    expect(await fixedOnce(source)).toBe('import sys\n');
  });

  it('flags an unused blanket noqa and leaves a used one alone', async () => {
    const source = 'def f():  # noqa\n    pass\n\n\ndef badName():  # noqa\n    pass\n';
    expect(await unused(source)).toEqual(['0:10-0:16 Unused blanket `noqa` directive']);
    expect(await fixedOnce(source)).toBe('def f():\n    pass\n\n\ndef badName():  # noqa\n    pass\n');
  });

  it('keeps the used codes and names non-enabled and duplicated ones as Ruff does', async () => {
    const source = 'def badName():  # noqa: N802,D103\n    pass\n';
    expect(await unused(source)).toEqual(['0:16-0:33 Unused `noqa` directive (non-enabled: `D103`)']);
    expect(await fixedOnce(source)).toBe('def badName():  # noqa: N802\n    pass\n');
    const duplicated = 'z = 3  # noqa: N802, N802\n';
    expect(await unused(duplicated)).toEqual([
      '0:7-0:25 Unused `noqa` directive (unused: `N802`; duplicated: `N802`)',
    ]);
    expect(await fixedOnce(duplicated)).toBe('z = 3\n');
  });

  it('leaves codes of other tools alone (pyconv cannot know they are unused)', async () => {
    expect(await unused('x = 1  # noqa: E501\n')).toEqual([]);
    expect(await unused('def badName():  # noqa: N802, E501\n    pass\n')).toEqual([]);
  });

  it('removes only the directive when another comment follows it', async () => {
    const source = 'y = 2 # noqa:N802 # type: ignore\n';
    expect(await unused(source)).toEqual(['0:6-0:17 Unused `noqa` directive (unused: `N802`)']);
    expect(await fixedOnce(source)).toBe('y = 2 # type: ignore\n');
    expect(await fixedOnce('y = 2  # noqa: N802 kept for now\n')).toBe('y = 2  # kept for now\n');
  });

  it('is quiet when RUF100 is named in the directive, exempted, or not selected', async () => {
    expect(await unused('x = 1  # noqa: N802, RUF100\n')).toEqual([]);
    expect(await unused('# ruff: noqa: RUF100\nx = 1  # noqa: N802\n')).toEqual([]);
    expect(await unused('x = 1  # noqa: N802\n', ['N802'])).toEqual([]);
  });

  it('counts a noqa on the last line of a multi-line string as used for the lines above', async () => {
    const source = 'def badName():\n    """Doc\n    more."""  # noqa: D103\n';
    expect(await unused(source, ['RUF100', 'N802', 'D103'])).toEqual([
      '2:14-2:26 Unused `noqa` directive (unused: `D103`)',
    ]);
    const inMethod = 'class A:\n    def m(self):  # noqa: N802\n        pass\n';
    expect(await unused(inMethod)).toEqual(['1:18-1:30 Unused `noqa` directive (unused: `N802`)']);
  });

  it('reports an unused range suppression on its disable comment and removes both comments', async () => {
    const source = '# pyconv: disable[N802]\ndef good():\n    pass\n# pyconv: enable[N802]\n';
    const [diagnostic] = await check(source, ['RUF100'], { select: ['RUF100', 'N802'] });
    expect(`${formatRange(diagnostic.range)} ${diagnostic.message}`).toBe(
      '0:0-0:23 Unused suppression (unused: `N802`)',
    );
    expect(await fixedOnce(source)).toBe('def good():\n    pass\n');
    const partly = '# pyconv: disable[N802, N801]\ndef badName():\n    pass\n# pyconv: enable[N802, N801]';
    expect(await fixedOnce(partly, ['RUF100', 'N801', 'N802'])).toBe(
      '# pyconv: disable[N802]\ndef badName():\n    pass\n# pyconv: enable[N802]',
    );
    const atEnd =
      'class A:\n    # pyconv: disable[N802]\n    def good(self):\n        pass\n    # pyconv: enable[N802]';
    expect(await fixedOnce(atEnd)).toBe('class A:\n    def good(self):\n        pass\n');
    const used = '# pyconv: disable[N802]\ndef badName():\n    pass\n# pyconv: enable[N802]\n';
    expect(await unused(used)).toEqual([]);
  });
});
