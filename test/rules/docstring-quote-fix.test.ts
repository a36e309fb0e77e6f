import { describe, expect, it } from 'vitest';
import { fixedText, resolvedDiagnostics } from '../helpers/rename';

describe('docstring section fixes on one-quote docstrings', () => {
  it('DOC201 rewrites a "..." docstring with triple quotes instead of breaking the string', async () => {
    const source = ['def f(x):', '    "Deprecated alias."', '    return x', ''].join('\n');
    expect(await fixedText(source, ['DOC201'])).toBe(
      [
        'def f(x):',
        '    """Deprecated alias.',
        '',
        '    Returns:',
        '        TODO.',
        '    """',
        '    return x',
        '',
      ].join('\n'),
    );
  });

  it("keeps a string prefix and single quotes: r'...' becomes r'''...'''", async () => {
    const source = ['def f(x):', "    r'Summary.'", '    return x', ''].join('\n');
    expect(await fixedText(source, ['DOC201'])).toBe(
      [
        'def f(x):',
        "    r'''Summary.",
        '',
        '    Returns:',
        '        TODO.',
        "    '''",
        '    return x',
        '',
      ].join('\n'),
    );
  });
});

describe('D417 fix only where it documents the argument', () => {
  it('offers no fix when the appended entry would not be read as one (prose after the entries)', async () => {
    const source = [
      'def f(fn, deliver):',
      '    """Run it.',
      '',
      '    Args:',
      '',
      '        fn (sync function): Does work.',
      '',
      '        deliver (sync function): Takes the result, and',
      '          delivers it.',
      '',
      '    Because workers are cached, neither function should mutate state',
      '    – or if they do, they should revert.',
      '',
      '    Note:',
      '        Something.',
      '    """',
      '',
    ].join('\n');
    const diagnostics = await resolvedDiagnostics(source, ['D417']);
    expect(diagnostics.map((d) => [d.message, d.fix])).toEqual([
      ['Missing argument description in the docstring for `f`: `deliver`', null],
    ]);
    expect(await fixedText(source, ['D417'])).toBe(source);
  });

  it('still appends a missing entry to an ordinary Args section', async () => {
    const source = ['def f(a, b):', '    """Do.', '', '    Args:', '        a: first.', '    """', ''].join(
      '\n',
    );
    expect(await fixedText(source, ['D417'])).toBe(
      [
        'def f(a, b):',
        '    """Do.',
        '',
        '    Args:',
        '        a: first.',
        '        b: TODO.',
        '    """',
        '',
      ].join('\n'),
    );
  });
});
