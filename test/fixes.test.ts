// biome-ignore-all lint/suspicious/noTemplateCurlyInString: LSP snippet syntax is what these tests are about
import { describe, expect, it } from 'vitest';
import { applicableFixes, applyFixes, snippetToPlain } from '../server/src/engine/fixes';
import type { Fix, TextEdit } from '../server/src/engine/types';

function edit(l1: number, c1: number, l2: number, c2: number, newText: string): TextEdit {
  return { range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, newText };
}

function fix(title: string, ...edits: TextEdit[]): Fix {
  return { title, safe: true, edits };
}

describe('applyFixes', () => {
  it('applies non-overlapping fixes whatever their order in the list', () => {
    const text = 'def getX(): pass\ndef getY(): pass\n';
    const result = applyFixes(text, [
      fix('y', edit(1, 4, 1, 8, 'get_y')),
      fix('x', edit(0, 4, 0, 8, 'get_x')),
    ]);
    expect(result).toEqual({ text: 'def get_x(): pass\ndef get_y(): pass\n', applied: 2 });
  });

  it('skips a fix that overlaps an earlier one (it gets its turn on the next pass)', () => {
    const text = 'except:\n';
    const result = applyFixes(text, [
      fix('a', edit(0, 0, 0, 6, 'except Exception')),
      fix('b', edit(0, 3, 0, 7, 'X')),
    ]);
    expect(result).toEqual({ text: 'except Exception:\n', applied: 1 });
  });

  it('skips two insertions at the same place, but allows an insertion right after a replacement', () => {
    const text = 'ab';
    expect(applyFixes(text, [fix('1', edit(0, 1, 0, 1, 'X')), fix('2', edit(0, 1, 0, 1, 'Y'))])).toEqual({
      text: 'aXb',
      applied: 1,
    });
    expect(applyFixes(text, [fix('1', edit(0, 0, 0, 1, 'A')), fix('2', edit(0, 1, 0, 1, '-'))])).toEqual({
      text: 'A-b',
      applied: 2,
    });
  });

  it('applies an edit that two fixes share (one import for both) once', () => {
    const text = 'x: Optional[int]\ny: Optional[str]\n';
    const addImport = edit(0, 0, 0, 0, 'from typing import Any\n');
    const result = applyFixes(text, [
      fix('x', addImport, edit(0, 3, 0, 16, 'int | None')),
      fix('y', addImport, edit(1, 3, 1, 16, 'str | None')),
    ]);
    expect(result).toEqual({ text: 'from typing import Any\nx: int | None\ny: str | None\n', applied: 2 });
  });

  it('counts UTF-16 columns and keeps CRLF line ends', () => {
    const text = 's = "😀"; camelCase = 1\r\nnext = 2\r\n';
    const result = applyFixes(text, [fix('rename', edit(0, 10, 0, 19, 'camel_case'))]);
    expect(result.text).toBe('s = "😀"; camel_case = 1\r\nnext = 2\r\n');
    expect(applyFixes(text, [fix('n', edit(1, 0, 1, 4, 'after'))]).text).toBe(
      's = "😀"; camelCase = 1\r\nafter = 2\r\n',
    );
  });

  it('applies insertions of one fix at the same place in their order, and one before a replacement', () => {
    const text = 'import os\nx: List[Any] = []\n';
    const result = applyFixes(text, [
      fix(
        'annotate',
        edit(1, 3, 1, 12, 'list[Any]'),
        edit(1, 0, 1, 0, '# typed\n'),
        edit(0, 0, 0, 0, 'from typing import Any\n'),
        edit(0, 0, 0, 0, 'from typing import List\n'),
      ),
    ]);
    expect(result).toEqual({
      text: 'from typing import Any\nfrom typing import List\nimport os\n# typed\nx: list[Any] = []\n',
      applied: 1,
    });
    expect(applyFixes('abc', [fix('pair', edit(0, 1, 0, 1, '<'), edit(0, 1, 0, 2, 'B'))]).text).toBe('a<Bc');
  });

  it('skips a fix whose own edits overlap, and ignores fixes without edits', () => {
    const text = 'abcdef';
    const result = applyFixes(text, [fix('bad', edit(0, 0, 0, 3, 'X'), edit(0, 2, 0, 4, 'Y')), fix('empty')]);
    expect(result).toEqual({ text, applied: 0 });
  });

  it('applies snippet fixes with their placeholders filled by the defaults', () => {
    const text = 'def f(x): pass\n';
    const snippet: Fix = {
      title: 'annotate',
      safe: true,
      snippet: true,
      edits: [edit(0, 7, 0, 7, ': ${1:Any}$0')],
    };
    expect(applyFixes(text, [snippet]).text).toBe('def f(x: Any): pass\n');
  });
});

describe('snippetToPlain', () => {
  it('keeps defaults and drops tab stops and escapes', () => {
    expect(snippetToPlain('${1:int} | None')).toBe('int | None');
    expect(snippetToPlain('a$1b${2}c$0')).toBe('abc');
    expect(snippetToPlain('${1:outer ${2:inner}}')).toBe('outer inner');
    expect(snippetToPlain('${1|one,two|}')).toBe('one');
    expect(snippetToPlain('cost \\$5 \\}')).toBe('cost $5 }');
  });
});

describe('applicableFixes', () => {
  it('keeps safe fixes, and unsafe ones only when asked', () => {
    const safe = fix('s', edit(0, 0, 0, 0, 'a'));
    const unsafe: Fix = { ...fix('u', edit(0, 1, 0, 1, 'b')), safe: false };
    const diagnostics = [{ fix: safe }, { fix: unsafe }, { fix: null }];
    expect(applicableFixes(diagnostics, false)).toEqual([safe]);
    expect(applicableFixes(diagnostics, true)).toEqual([safe, unsafe]);
  });
});
