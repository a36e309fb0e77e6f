/**
 * The benchmark's "valid edits" (tools/shared/workload.ts `editScript`) keep the file valid, as the
 * issue's workload is defined: one-letter edits to names. Appending to a line that ends in a
 * bracket, a string, a number or a word continued on the next line would make a syntax error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { applyEdit, editScript } from '../tools/shared/workload';
import { getParser } from './helpers/analyze';

let parser: Parser;

beforeAll(async () => {
  parser = await getParser();
});

const SOURCE = [
  'import os',
  'from typing import Any',
  'LIMIT = 10',
  'NAME = "pyconv"',
  'value = compute(1, 2)',
  'items = [a, b]',
  'other = base',
  '',
  '',
  'def f(a, b):',
  '    if a:',
  '        total = a + b',
  '        label = "x"',
  '        count = 3',
  '        result = call(a)',
  '        flag = (a or',
  '                b)',
  '        pairs = [x for x in',
  '                 b]',
  '        alias = os.path',
  '    return a',
  '',
].join('\n');

describe('the valid-edit workload', () => {
  it('edits only lines that end in a name, and every state parses without syntax errors', () => {
    const edits = editScript(SOURCE, 48);
    const lines = SOURCE.split('\n');
    const nameEnded = ['alias = os.path', 'import os', 'other = base', 'total = a + b'];
    const edited = new Set(edits.map((edit) => lines[edit.line].trim()));
    expect(edited.size).toBeGreaterThan(1);
    for (const line of edited) expect(nameEnded).toContain(line);
    for (const edit of edits) {
      applyEdit(lines, edit);
      const tree = parser.parse(lines.join('\n'));
      try {
        expect(tree?.rootNode.hasError).toBe(false);
      } finally {
        tree?.delete();
      }
    }
    // Eight edits type `_tmp` and delete it again: the text is back where it started.
    expect(lines.join('\n')).toBe(SOURCE);
  });
});
