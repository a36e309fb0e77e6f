import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

describe('SIM102 collapsible-if', () => {
  it('flags from the outer `if` (or last `elif`) to the colon of the deepest nested `if`', async () => {
    const source = [
      'if a:',
      '    if b:',
      '        c()',
      'if x:',
      '    pass',
      'elif y:',
      '    if z:',
      '        if w:',
      '            pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'SIM102')).toEqual(['SIM102 0:0-1:9', 'SIM102 5:0-7:13', 'SIM102 6:4-7:13']);
    const [first] = await check(source, ['SIM102']);
    expect(first.message).toBe('Use a single `if` statement instead of nested `if` statements');
  });

  it('leaves else branches, longer bodies, main checks, literals, TYPE_CHECKING and version checks', async () => {
    const source = [
      'import sys',
      'from typing import TYPE_CHECKING',
      'if a:',
      '    if b:',
      '        pass',
      'else:',
      '    pass',
      'if a:',
      '    if b:',
      '        pass',
      '    elif c:',
      '        pass',
      'if a:',
      '    x = 1',
      '    if b:',
      '        pass',
      'if __name__ == "__main__":',
      '    if b:',
      '        pass',
      'if True:',
      '    if b:',
      '        pass',
      'if TYPE_CHECKING:',
      '    if b:',
      '        pass',
      'if sys.version_info >= (3, 11):',
      '    if b:',
      '        pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'SIM102')).toEqual([]);
  });

  it('joins the conditions with `and`, parenthesizing `or`, and dedents the body (unsafe)', async () => {
    const source = [
      'def f():',
      '    if a or b:',
      '        if c:  # why',
      '            x = (1,',
      '                 2)',
      '',
    ].join('\n');
    expect(await fixed(source, 'SIM102')).toBe(
      ['def f():', '    if (a or b) and c:  # why', '        x = (1,', '             2)', ''].join('\n'),
    );
    const [diagnostic] = await check(source, ['SIM102']);
    expect(diagnostic.fix?.safe).toBe(false);
  });

  it('keeps string contents and turns an `elif` into one `elif`', async () => {
    const source = ['if a:', '    pass', 'elif b:', '    if c:', '        s = """', '    kept"""', ''].join(
      '\n',
    );
    expect(await fixed(source, 'SIM102')).toBe(
      ['if a:', '    pass', 'elif b and c:', '    s = """', '    kept"""', ''].join('\n'),
    );
  });

  it('offers no fix over a comment between the two `if`s or past max-line-length', async () => {
    const commented = ['if a:', '    # why', '    if b:', '        pass', ''].join('\n');
    const [withComment] = await check(commented, ['SIM102']);
    expect(withComment.fix).toBeNull();
    const long = ['if a:', `    if ${'b'.repeat(80)}:`, '        pass', ''].join('\n');
    const [tooLong] = await check(long, ['SIM102']);
    expect(tooLong.fix).toBeNull();
    const [configured] = await check(long, ['SIM102'], {
      options: { pycodestyle: { 'max-line-length': 100 } },
    });
    expect(configured.fix).not.toBeNull();
  });
});
