// Positions in a notebook's cells as positions in the .ipynb file's JSON text (what a text view of
// the file and the Problems panel show for a closed notebook's findings).
import { describe, expect, it } from 'vitest';
import type { Range } from '../../server/src/engine/syntax-types';
import { readNotebook } from '../../server/src/notebook/ipynb';
import { type CellFinding, NotebookFileText } from '../../server/src/notebook/ipynb-positions';

function fileText(text: string): NotebookFileText {
  const notebook = readNotebook(text);
  if (notebook.kind !== 'notebook') throw new Error(JSON.stringify(notebook));
  return new NotebookFileText(text, notebook.sources);
}

function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The text a range covers in `text` (lines split as LSP clients split them). */
function covered(text: string, r: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return `${lines[r.start.line].slice(r.start.character)}…${lines[r.end.line].slice(0, r.end.character)}`;
}

const LISTED = [
  '{',
  ' "cells": [',
  '  {"cell_type": "markdown", "metadata": {}, "source": ["# \\"Title\\""]},',
  '  {',
  '   "cell_type": "code",',
  '   "metadata": {},',
  '   "outputs": [],',
  '   "source": [',
  '    "import os\\n",',
  '    "x = \\"caf\\u00e9\\"; import sys\\n",',
  '    "\\tname = \\"\\\\\\\\\\" ; y = \\ud83d\\ude00 + z"',
  '   ]',
  '  },',
  '  {"cell_type": "code", "metadata": {}, "outputs": [], "source": "def Bad(a):\\n    return a\\n"}',
  ' ],',
  ' "metadata": {},',
  ' "nbformat": 4,',
  ' "nbformat_minor": 5',
  '}',
].join('\n');

describe('NotebookFileText', () => {
  it('places a cell line on the JSON line that spells it, columns counted through the escapes', () => {
    const text = fileText(LISTED);
    // Cell 2 (index 1), line 1: `os`.
    const os = text.rangeInFile(1, range(0, 7, 0, 9));
    expect(os).toEqual(range(8, 12, 8, 14));
    expect(covered(LISTED, os as Range)).toBe('os');
    // Line 2: after `\"`, `\u00e9` and `\"`: `sys` is where the escapes put it.
    const sys = text.rangeInFile(1, range(1, 19, 1, 22));
    expect(covered(LISTED, sys as Range)).toBe('sys');
    // Line 3: a tab escape, an escaped backslash, a surrogate pair spelled as two escapes.
    const cellText = '\tname = "\\\\" ; y = \u{1F600} + z';
    const z = cellText.indexOf('z');
    expect(covered(LISTED, text.rangeInFile(1, range(2, z, 2, z + 1)) as Range)).toBe('z');
    const emoji = cellText.indexOf('\u{1F600}');
    expect(covered(LISTED, text.rangeInFile(1, range(2, emoji, 2, emoji + 2)) as Range)).toBe(
      '\\ud83d\\ude00',
    );
  });

  it('maps a range across lines, and a source given as one string', () => {
    const text = fileText(LISTED);
    expect(covered(LISTED, text.rangeInFile(1, range(0, 0, 1, 1)) as Range)).toBe('import os\\n",…    "x');
    // Cell 3 (index 2) is one string: both its lines are on the same line of the file.
    const bad = text.rangeInFile(2, range(0, 4, 0, 7)) as Range;
    expect(covered(LISTED, bad)).toBe('Bad');
    const returned = text.rangeInFile(2, range(1, 11, 1, 12)) as Range;
    expect(returned.start.line).toBe(bad.start.line);
    expect(covered(LISTED, returned)).toBe('a');
  });

  it('follows a list whose elements are not split at line breaks, and CRLF files', () => {
    const odd = '{"cells": [{"cell_type": "code", "source": ["import o", "s\\nimport", " sys"]}]}';
    const text = fileText(odd);
    expect(covered(odd, text.rangeInFile(0, range(1, 7, 1, 10)) as Range)).toBe('sys');
    // `os` starts in one element and ends in the next: the range covers the quotes between.
    expect(covered(odd, text.rangeInFile(0, range(0, 7, 0, 9)) as Range)).toBe('o", "s');
    const crlf = LISTED.replace(/\n/g, '\r\n');
    expect(fileText(crlf).rangeInFile(1, range(0, 7, 0, 9))).toEqual(range(8, 12, 8, 14));
  });

  it('sets fileRange on findings with a cell and leaves the others, and places an empty source', () => {
    const text = fileText(LISTED);
    const findings = text.withFileRanges<CellFinding>([
      { cell: 2, range: range(0, 7, 0, 9) },
      { range: range(0, 0, 0, 1) },
      { cell: 9, range: range(0, 0, 0, 1) },
    ]);
    expect(findings.map((f) => f.fileRange)).toEqual([range(8, 12, 8, 14), undefined, undefined]);
    const empty = '{"cells": [{"cell_type": "code", "source": []}]}';
    expect(fileText(empty).rangeInFile(0, range(0, 0, 0, 0))).toEqual(range(0, 44, 0, 44));
    // A position past the end of the source stays at its end.
    expect(fileText(empty).rangeInFile(0, range(3, 0, 3, 5))).toEqual(range(0, 44, 0, 44));
  });
});
