/**
 * Syntax errors (E999): the message and exact range for the common broken states of a file being
 * typed, nothing on valid code, and their place beside the rules (not selectable, not noqa-able,
 * cached per statement like the rules' findings).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { Diagnostic } from '../../server/src/engine/types';
import { allRules } from '../../server/src/rules/registry';
import { check, formatRange, getParser } from '../helpers/analyze';

const FILE = { isPackageInit: false, isPrivateModule: false, isStub: false };

/** The syntax errors of `source`, with no rule selected, as `L:C-L:C message`. */
async function syntaxErrors(source: string, select: string[] = []): Promise<string[]> {
  const diagnostics = await check(source, ['E999'], { select });
  return diagnostics.map((d) => `${formatRange(d.range)} ${d.message}`);
}

describe('E999: syntax errors at their place', () => {
  it('an unclosed bracket, at the bracket', async () => {
    expect(await syntaxErrors('print(foo(1, 2\n\nx = 1\n')).toEqual([
      '0:5-0:6 Syntax error: `(` was never closed',
    ]);
    expect(await syntaxErrors('x = [1, 2\ny = 3\n')).toEqual(['0:4-0:5 Syntax error: `[` was never closed']);
    expect(await syntaxErrors("x = {'a': 1\n")).toEqual(['0:4-0:5 Syntax error: `{` was never closed']);
  });

  it('an unclosed string, at its opening quote', async () => {
    expect(await syntaxErrors("s = 'abc\nx = 1\n")).toEqual(['0:4-0:5 Syntax error: unterminated string']);
    expect(await syntaxErrors('s = """abc\n')).toEqual(['0:4-0:7 Syntax error: unterminated string']);
  });

  it('an expression cut off at the end of the line, at its last token', async () => {
    expect(await syntaxErrors('def f(x):\n    return x +\n')).toEqual([
      '1:13-1:14 Syntax error: unexpected end of line after `+`',
    ]);
    expect(await syntaxErrors('from x import\n')).toEqual([
      '0:7-0:13 Syntax error: unexpected end of line after `import`',
    ]);
  });

  it('a missing colon, at the end of the header', async () => {
    expect(await syntaxErrors('def f()\n    pass\n')).toEqual(['0:7-0:7 Syntax error: expected `:`']);
    expect(await syntaxErrors('if x\n    pass\n')).toEqual(['0:4-0:4 Syntax error: expected `:`']);
  });

  it('bad indentation: an empty block at its colon, an indented top-level statement at its first token', async () => {
    expect(await syntaxErrors('def f():\nreturn 1\n')).toEqual([
      '0:7-0:8 Syntax error: expected an indented block',
    ]);
    expect(await syntaxErrors('class A:\n    # only a comment\n')).toEqual([
      '0:7-0:8 Syntax error: expected an indented block',
    ]);
    expect(await syntaxErrors('x = 1\n  y = 2\n')).toEqual(['1:2-1:3 Syntax error: unexpected indentation']);
  });

  it('bad indentation inside a block: statements off the column of the first one', async () => {
    expect(await syntaxErrors('def f():\n    x = 1\n      y = 2\n')).toEqual([
      '2:6-2:7 Syntax error: unexpected indentation',
    ]);
    expect(await syntaxErrors('class A:\n    def m(self):\n        x = 1\n      y = 2\n')).toEqual([
      '3:6-3:7 Syntax error: unexpected indentation',
    ]);
    // Two statements on a line, a one-line block, comments anywhere: valid.
    const valid =
      'if x: a = 1; b = 2\nfor i in y:\n    a = 1; b = 2\n    # c\n  # d\n    c = 3\n' +
      'x = 1; \\\n  y = 2\nfor i in y:\n    a = 1; \\\r\n      b = 2\n';
    expect(await syntaxErrors(valid)).toEqual([]);
  });

  it('a token tree-sitter assumed (MISSING), at the point where it is missing', async () => {
    expect(await syntaxErrors('def f(:\n  pass\n')).toEqual(['0:6-0:6 Syntax error: expected `)`']);
    expect(await syntaxErrors('x = [i for i in]\n')).toEqual([
      '0:15-0:15 Syntax error: expected an identifier',
    ]);
  });

  it('an unexpected token, at the token', async () => {
    expect(await syntaxErrors('x = = 1\n')).toEqual(['0:4-0:5 Syntax error: unexpected `=`']);
    expect(await syntaxErrors('x = )\n')).toEqual(['0:4-0:5 Syntax error: unexpected `)`']);
    expect(await syntaxErrors('else:\n    pass\n')).toEqual(['0:0-0:4 Syntax error: unexpected `else`']);
    expect(await syntaxErrors('try:\n    pass\nx = 1\n')).toEqual([
      '0:0-0:3 Syntax error: expected `except` or `finally` after the `try` block',
    ]);
  });

  it('a file tree-sitter cannot read as a module (its root is the ERROR): the root error, then its fragments', async () => {
    expect(await syntaxErrors('x = (1,\n\ndef f():\n    pass\n')).toEqual([
      '0:4-0:5 Syntax error: `(` was never closed',
      '2:0-2:3 Syntax error: unexpected `def`',
    ]);
  });

  it('escapes control characters and lone surrogates in the message', async () => {
    expect(await syntaxErrors('x = 1\u0000\u0000\n')).toEqual([
      '0:5-0:7 Syntax error: unexpected end of line after `\\x00\\x00`',
    ]);
    expect(await syntaxErrors('class bad:\n    t\uDC00 = 1\n')).toEqual([
      '1:5-1:6 Syntax error: unexpected `\\udc00`',
    ]);
  });

  it('one error for a method whose body went wrong, inside a class', async () => {
    const source = 'class A:\n    def m(self):\n        return (1,\n    def n(self): pass\n';
    expect(await syntaxErrors(source)).toEqual(['2:15-2:16 Syntax error: `(` was never closed']);
  });

  it('nothing on valid code: strings holding broken code, f-strings, one line with two statements, comments', async () => {
    const source = [
      's = "return x +"',
      "t = '''def f(:\n    (((\n'''",
      'u = f"{x!r:>{width}}" + f"{\'a\' if x else \'b\'}"',
      'x = 1; y = 2',
      '  # an indented comment',
      'class A: pass',
      'try:',
      '    pass',
      'finally:',
      '    pass',
      'match x:',
      '    case [a, *rest]:',
      '        pass',
      '',
    ].join('\n');
    expect(await syntaxErrors(source)).toEqual([]);
  });

  it('is an error whatever the selection, and # noqa does not hide it', async () => {
    const diagnostics = await check('x = (1,  # noqa\n', ['E999'], { select: [] });
    expect(diagnostics.map((d) => [d.code, d.severity, d.fix])).toEqual([['E999', 'error', null]]);
  });

  it('leaves the valid statements to the rules', async () => {
    const diagnostics = await check('class bad_name:\n    pass\nx = (1,\n', ['N801', 'E999']);
    expect(diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`)).toEqual([
      'N801 0:6-0:14',
      'E999 2:4-2:5',
    ]);
  });
});

describe('E999 in the engine', () => {
  async function run(
    source: string,
    previous?: ReturnType<typeof analyze>['cache'],
    magicLines?: Set<number>,
  ) {
    const parser = await getParser();
    const tree = parser.parse(source);
    if (!tree) throw new Error('parse failed');
    try {
      const config = makeEngineConfig({ enabled: ['N801'] });
      return analyze({ rules: allRules, source, tree, config, file: FILE, magicLines }, previous);
    } finally {
      tree.delete();
    }
  }
  const errors = (diagnostics: Diagnostic[]) =>
    diagnostics.filter((d) => d.code === 'E999').map((d) => formatRange(d.range));

  it('computes them per statement: an unchanged statement keeps its error from the cache, moved', async () => {
    const first = await run('x = = 1\n\ndef f():\n    pass\n');
    expect(errors(first.diagnostics)).toEqual(['0:4-0:5']);
    const second = await run('y = 2\nx = = 1\n\ndef f():\n    pass\n', first.cache);
    expect(errors(second.diagnostics)).toEqual(['1:4-1:5']);
    expect(second.stats.reusedUnits).toBeGreaterThan(0);
  });

  it('the indentation of a top-level statement follows the text before it, never a stale cache', async () => {
    const first = await run('x = 1;  y = 2\n');
    expect(errors(first.diagnostics)).toEqual([]);
    const second = await run('        y = 2\n', first.cache);
    expect(errors(second.diagnostics)).toEqual(['0:8-0:9']);
  });

  it('masks the lines listed in magicLines (the hook for notebook magics)', async () => {
    const source = '%matplotlib inline\nx = (1,\n';
    expect(errors((await run(source)).diagnostics)).toEqual(['0:1-0:11', '1:4-1:5']);
    expect(errors((await run(source, undefined, new Set([0]))).diagnostics)).toEqual(['1:4-1:5']);
  });
});
