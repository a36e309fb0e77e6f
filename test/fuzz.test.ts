import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { type FuzzCase, freshDiagnostics, fuzzCase, runCase } from '../tools/fuzz/differential';
import { getParser } from './helpers/analyze';

let parser: Parser;

beforeAll(async () => {
  parser = await getParser();
});

describe('incremental path (document store + engine cache) against a fresh analysis', () => {
  it('agrees after thousands of seeded random and typed edits (CRLF, lone CR, emoji, brackets, strings)', () => {
    const stats = { edits: 0 };
    fc.assert(
      fc.property(fuzzCase(25), (fuzz) => {
        const mismatch = runCase(parser, fuzz, stats);
        if (mismatch) throw new Error(mismatch);
      }),
      { seed: 20261122, numRuns: 150 },
    );
    expect(stats.edits).toBeGreaterThan(2500);
  }, 120_000);

  // Counterexamples the fuzzer found, kept as regressions.
  it.each([
    [
      // Fuzz seed 96018: an incremental parse read `print(x)` as a Python 2 `print_statement`, no
      // error, and its result (without T201) was kept by key after the pause's fresh parse.
      'print(x) read as a Python 2 print statement by one parse and as a call by the next',
      {
        start: '',
        batches: [
          [
            { at: 0, length: 0, text: 'aaa=' },
            { at: 0, length: 0, text: '    ' },
          ],
          [
            { at: 0, length: 0, text: 'lambda: 0' },
            { at: 0, length: 0, text: '😀' },
            { at: 0, length: 0, text: 'x' },
          ],
          [
            {
              at: 0,
              length: 19,
              text: '    def method(self, x: Optional[int]) -> None:\n        """Doc."""\n        print(x)\n',
            },
            { at: 0, length: 0, text: 'x' },
          ],
          [
            { at: 0, length: 0, text: 'if True:\n\tpass\r\n' },
            { at: 0, length: 0, text: 'if True:\n\tpass\r\n' },
          ],
          [{ at: 0, length: 4, text: '' }],
        ],
        pauses: [],
        windows: true,
        slices: true,
        clock: 499144603,
      },
    ],
    [
      'a unit with the same text inside an ERROR and outside it',
      {
        start: 'import os\r\n\r\nclass A:  # 😀\n    def f(self, é):\n        return "é😀"\n\nx = 1\n',
        batches: [
          [
            { at: 0, length: 0, text: 'if True:\n\tpass\r\n' },
            { at: 0, length: 0, text: 'x' },
          ],
          [
            { at: 0, length: 28, text: '' },
            { at: 0, length: 3, text: 'def Bad_Name(self) -> None:\n    """Doc."""\n    return 1\n' },
          ],
          [
            { at: 0, length: 0, text: '}' },
            { at: 0.016666666666666666, length: 0, text: '(' },
          ],
          [{ at: 0, length: 0, text: '' }],
        ],
      },
    ],
    [
      'an import insertion at the start of the unit that moves',
      {
        start: '',
        batches: [
          [{ at: 0, length: 0, text: 'def f(a, b=1):\n' }],
          [
            { at: 0, length: 0, text: '    return 1\n' },
            { at: 0, length: 0, text: 'x' },
          ],
          [{ at: 0, length: 0, text: '' }],
        ],
      },
    ],
    [
      'a rule memo that skipped recording module facts when the same text came back',
      {
        start: 'import os\r\n\r\nclass A:  # 😀\n    def f(self, é):\n        return "é😀"\n\nx = 1\n',
        batches: [
          [{ at: 0, length: 0, text: 'x' }],
          [{ at: 0, length: 0, text: 'aaaa(\\' }],
          [
            { at: 0, length: 4, text: '' },
            { at: 0, length: 0, text: 'x' },
            { at: 0, length: 3, text: '' },
          ],
          [{ at: 0, length: 0, text: '# noqa: N802' }],
        ],
      },
    ],
    [
      "tree-sitter's incremental error recovery, which can differ from a fresh parse",
      {
        start: 'def f(a,\n      b):\n    return (a +\n            b)\n\nclass E(Exception): pass\n',
        batches: [
          [
            { at: 0.44155844155844154, length: 25, text: '    return 1\n' },
            { at: 0, length: 21, text: 'x' },
          ],
          [
            { at: 0, length: 4, text: 'import os\n' },
            { at: 0, length: 0, text: '' },
          ],
          [{ at: 0, length: 1, text: 'class ' }],
          [
            { at: 0, length: 0, text: 'aaa' },
            { at: 0, length: 3, text: 'def ' },
          ],
        ],
      },
    ],
    [
      'a parse that tree-sitter would resume: an ambiguous call read another way (seed 10015)',
      {
        start: Array.from(
          { length: 40 },
          (_, i) => `def f${i}(a, b):\n    return g(*print(a${i}, b, c))\n`,
        ).join(''),
        batches: [[{ at: 0.5, length: 0, text: '# x\n' }]],
        slices: true,
        clock: 1,
      },
    ],
  ])('agrees on %s', (_name, fuzz: FuzzCase) => {
    expect(runCase(parser, fuzz)).toBeUndefined();
  });

  it.each([
    ['a function with a docstring, brackets and try/except', 'import os\n\nx = 1\n', 11, 0],
    ['an unclosed call and string that stay open', 'class A:\n    pass\n\ny = 2\n', 19, 1],
    ['a never-closed triple-quoted string above a class', 'class A:\n    pass\n\ny = 2\n', 0, 2],
  ])('settles to a fresh analysis after typing %s character by character', (_name, start, offset, which) => {
    const typed = [
      'def g(a: dict[str, int] = None) -> list[str]:\n    """Doc.\n\n    Args:\n        a: x\n    """\n    try:\n        return [f"{a!r}"]\n    except (KeyError, ValueError):\n        pass\n',
      'z = call(1, [2, {3: "open\n',
      's = """never closed\n',
    ][which];
    const batches = [...typed].map((character, i) => [
      { at: 0, offset: offset + i, length: 0, text: character },
    ]);
    // A pause half-way, then typing on through error states without one.
    expect(runCase(parser, { start, batches, pauses: [Math.floor(batches.length / 2)] })).toBeUndefined();
  });

  it('puts diagnostics of a file with lone CR line ends on LSP lines', () => {
    const source = 'import os\rclass bad:\r    def M(self):\r        pass\r';
    const lines = freshDiagnostics(parser, source)
      .filter((d) => d.code === 'N801' || d.code === 'N802')
      .map(
        (d) =>
          `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
      );
    expect(lines).toEqual(['N801 1:6-1:9', 'N802 2:8-2:9']);
  });

  it('reports the same lines for lone CR, LF and CRLF line ends', () => {
    const lf = 'class bad:\n    def M(self):\n        pass\n\n\nclass Good:\n    pass\n';
    const positions = (source: string) =>
      freshDiagnostics(parser, source).map((d) => `${d.code} ${JSON.stringify(d.range)}`);
    expect(positions(lf.replace(/\n/g, '\r'))).toEqual(positions(lf));
    expect(positions(lf.replace(/\n/g, '\r\n'))).toEqual(positions(lf));
    expect(positions(lf).length).toBeGreaterThan(0);
  });
});
