import { describe, expect, it } from 'vitest';
import { check, formatRange } from '../helpers/analyze';
import { applyFix } from '../helpers/apply-fix';

const CODES = ['D417', 'DOC201', 'DOC402', 'DOC501', 'DOC502'];

async function findings(source: string, convention: string) {
  const diagnostics = await check(source, CODES, { options: { pydocstyle: { convention } } });
  return diagnostics.map((d) => ({
    at: `${d.code} ${formatRange(d.range)}`,
    message: d.message,
    fix: d.fix,
  }));
}

/** The source with the fix of the finding of `code` applied. */
async function fixedBy(source: string, convention: string, code: string): Promise<string> {
  const found = (await findings(source, convention)).find((f) => f.at.startsWith(code));
  if (!found?.fix) throw new Error(`no fix for ${code}`);
  return applyFix(source, found.fix);
}

const NUMPY = [
  'def f(a, b, c):',
  '    """Do.',
  '',
  '    Parameters',
  '    ----------',
  '    a : int',
  '        The a.',
  '    """',
  '    if a:',
  '        raise ValueError(a)',
  '    return b',
  '',
].join('\n');

describe('D417 and the DOC rules in the NumPy convention', () => {
  it('flag missing parameters, returns and raises at exact ranges', async () => {
    expect((await findings(NUMPY, 'numpy')).map((f) => f.at)).toEqual([
      'D417 0:4-0:5',
      'DOC201 1:4-7:7',
      'DOC501 1:4-7:7',
    ]);
  });

  it('fix them in NumPy layout', async () => {
    expect(await fixedBy(NUMPY, 'numpy', 'D417')).toContain(
      '    a : int\n        The a.\n    b\n        TODO.\n    c\n        TODO.\n    """',
    );
    expect(await fixedBy(NUMPY, 'numpy', 'DOC201')).toContain(
      '        The a.\n\n    Returns\n    -------\n    object\n        TODO.\n    """',
    );
    expect(await fixedBy(NUMPY, 'numpy', 'DOC501')).toContain(
      '        The a.\n\n    Raises\n    ------\n    ValueError\n        TODO.\n    """',
    );
  });

  it('read a NumPy docstring the same in the auto convention, and none of it in the Google one', async () => {
    expect((await findings(NUMPY, 'auto')).map((f) => f.at)).toEqual([
      'D417 0:4-0:5',
      'DOC201 1:4-7:7',
      'DOC501 1:4-7:7',
    ]);
    // Google reads no `Parameters` section: D417 has nothing to check.
    expect((await findings(NUMPY, 'google')).map((f) => f.at)).toEqual(['DOC201 1:4-7:7', 'DOC501 1:4-7:7']);
  });
});

const SPHINX = [
  'def f(a, b):',
  '    """Do.',
  '',
  '    :param a: The a.',
  '    :raises KeyError: Never.',
  '    """',
  '    if a:',
  '        raise ValueError(a)',
  '    yield b',
  '',
].join('\n');

describe('D417 and the DOC rules in the Sphinx convention', () => {
  it('flag missing :param:, :yields: and :raises: fields, and extraneous ones', async () => {
    const found = await findings(SPHINX, 'sphinx');
    expect(found.map((f) => f.at)).toEqual([
      'D417 0:4-0:5',
      'DOC402 1:4-5:7',
      'DOC501 1:4-5:7',
      'DOC502 1:4-5:7',
    ]);
    expect(found[3].message).toBe('Raised exception is not explicitly raised: `KeyError`');
    // `auto` reads it as Ruff does without a convention: no sections, so nothing documented.
    expect((await findings(SPHINX, 'auto')).map((f) => f.at)).toEqual(['DOC402 1:4-5:7', 'DOC501 1:4-5:7']);
  });

  it('fix them with fields beside the others', async () => {
    expect(await fixedBy(SPHINX, 'sphinx', 'D417')).toContain('    :param a: The a.\n    :param b: TODO.\n');
    expect(await fixedBy(SPHINX, 'sphinx', 'DOC402')).toContain(
      '    :param a: The a.\n    :yields: TODO.\n    :raises KeyError: Never.\n',
    );
    expect(await fixedBy(SPHINX, 'sphinx', 'DOC501')).toContain(
      '    :raises KeyError: Never.\n    :raises ValueError: TODO.\n    """',
    );
  });

  it('accept :returns:, :return:, :param int x: and several exceptions in one :raises:', async () => {
    const source = [
      'def f(a):',
      '    """Do.',
      '',
      '    :param int a: The a.',
      '    :return: The a.',
      '    :raises ValueError, KeyError: Bad.',
      '    """',
      '    if a:',
      '        raise ValueError(a)',
      '    if not a:',
      '        raise KeyError(a)',
      '    return a',
      '',
    ].join('\n');
    expect(await findings(source, 'sphinx')).toEqual([]);
  });
});

describe('fixes in the auto convention', () => {
  const oneLine = 'def f(x):\n    """Do."""\n    return x\n';

  it('write a docstring without sections in the template style (Google unless docstring.style says)', async () => {
    const google = (await check(oneLine, ['DOC201']))[0];
    expect(google.fix && applyFix(oneLine, google.fix)).toBe(
      'def f(x):\n    """Do.\n\n    Returns:\n        TODO.\n    """\n    return x\n',
    );
    const options = { docstring: { style: 'numpy' } };
    const numpy = (await check(oneLine, ['DOC201'], { options }))[0];
    expect(numpy.fix && applyFix(oneLine, numpy.fix)).toBe(
      'def f(x):\n    """Do.\n\n    Returns\n    -------\n    object\n        TODO.\n    """\n    return x\n',
    );
  });

  it('write a Google docstring that Ruff reads as NumPy (a tie) in Google layout', async () => {
    const source = 'def f(x):\n    """Do.\n\n    Raises:\n        KeyError: Never.\n    """\n    return x\n';
    const [finding] = await check(source, ['DOC201']);
    expect(finding.fix && applyFix(source, finding.fix)).toBe(
      'def f(x):\n    """Do.\n\n    Returns:\n        TODO.\n\n    Raises:\n        KeyError: Never.\n    """\n    return x\n',
    );
  });
});

describe('a Sphinx docstring without a summary', () => {
  it('gets a new field after a blank line, so that its first paragraph stays one line', async () => {
    const source = 'def f(x):\n    """\n    :rtype: str\n    """\n    return x\n';
    const [finding] = await check(source, ['DOC201'], { options: { pydocstyle: { convention: 'sphinx' } } });
    const fixed = finding.fix && applyFix(source, finding.fix);
    expect(fixed).toBe('def f(x):\n    """\n    :rtype: str\n\n    :returns: TODO.\n    """\n    return x\n');
    const sphinx = { options: { pydocstyle: { convention: 'sphinx' } } };
    expect(await check(fixed ?? '', ['PCV301', 'DOC201'], sphinx)).toEqual([]);
  });
});
