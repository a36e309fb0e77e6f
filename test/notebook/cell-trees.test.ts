// A notebook module parsed cell by cell (server/src/notebook/cell-trees.ts): a syntax error stays in
// its cell, an edit re-parses the edited cell only, and after any sequence of edits the trees and
// the cached analysis are those of a fresh parse and analysis of the same text.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { type AnalysisCache, analyze, analyzeOnce } from '../../server/src/engine/analyze';
import { CELL_BOUNDARY } from '../../server/src/engine/cell-boundary';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { Diagnostic, FileInfo, Tree } from '../../server/src/engine/types';
import { cellSpans, NotebookTrees, parseNotebookModule } from '../../server/src/notebook/cell-trees';
import { NotebookModule } from '../../server/src/notebook/module';
import { allRules } from '../../server/src/rules/registry';
import { formatRange, getParser } from '../helpers/analyze';

const CODES = ['E999', 'F401', 'F811', 'F821', 'F841', 'I001', 'UP045', 'N802', 'E711', 'PLW0602', 'RUF100'];
const config = makeEngineConfig({ enabled: CODES });
const file: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };

let parser: Parser;
beforeAll(async () => {
  parser = await getParser();
});

/** `CODE cell:L:C-L:C` for each finding, cell from 0. */
function perCell(module: NotebookModule, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const at = module.rangeToCell(d.range);
    return `${d.code} ${at ? `${at.cell}:${formatRange(at.range)}` : `module ${formatRange(d.range)}`}`;
  });
}

function analyseOnce(text: string): Diagnostic[] {
  const tree = parseNotebookModule(parser, text);
  try {
    return analyzeOnce({ rules: allRules, source: text, tree, config, file }).diagnostics;
  } finally {
    tree.delete();
  }
}

/** Every top-level statement as type, range and text: what the engine reads of the module root. */
function statements(tree: Tree): string[] {
  return tree.rootNode.children.map(
    (node) =>
      `${node?.toString()} ${node?.startPosition.row}:${node?.startPosition.column}-${node?.endIndex} ${JSON.stringify(node?.text)}`,
  );
}

const CELLS = ['import os\nimport sys', 'values = (1,\n    2', 'print(os.sep)\nlen(unknown)'];

describe('notebook cells on trees of their own', () => {
  it('finds the cells by their boundary lines', () => {
    const module = new NotebookModule(['a = 1', 'b = 2']);
    expect(cellSpans(module.text).map((span) => module.text.slice(span.start, span.end))).toEqual([
      `a = 1\n${CELL_BOUNDARY}\n`,
      `b = 2\n${CELL_BOUNDARY}\n`,
    ]);
    // A cell ending without its boundary (an edited text), and a boundary that is not a whole line.
    expect(cellSpans(`x\r\n${CELL_BOUNDARY}\r\ny # ${CELL_BOUNDARY}`)).toEqual([
      { start: 0, end: CELL_BOUNDARY.length + 5 },
      { start: CELL_BOUNDARY.length + 5, end: 2 * CELL_BOUNDARY.length + 9 },
    ]);
    expect(cellSpans('')).toEqual([{ start: 0, end: 0 }]);
  });

  it('keeps an unclosed bracket a syntax error of its cell: the next cell reads as if it were fine', () => {
    const broken = new NotebookModule(CELLS);
    const fine = new NotebookModule([CELLS[0], 'values = (1,\n    2)', CELLS[2]]);
    const brokenFindings = perCell(broken, analyseOnce(broken.text));
    expect(
      brokenFindings.filter((finding) => finding.startsWith('E999')).every((f) => f.includes(' 1:')),
    ).toBe(true);
    expect(brokenFindings.some((finding) => finding.startsWith('E999'))).toBe(true);
    const notE999 = (findings: string[]) => findings.filter((finding) => !finding.startsWith('E999'));
    // sys unused in cell 0; os used in cell 2 although cell 1 is broken, `unknown` undefined there.
    expect(notE999(brokenFindings)).toEqual(['F401 0:1:7-1:10', 'F821 2:1:4-1:11']);
    expect(notE999(brokenFindings)).toEqual(perCell(fine, analyseOnce(fine.text)));
  });

  it('keeps an unclosed """ in its cell too', () => {
    const module = new NotebookModule(['import os', 'doc = """never closed\nimport sys', 'os.sep']);
    const findings = perCell(module, analyseOnce(module.text));
    expect(findings.some((finding) => finding.startsWith('E999 1:'))).toBe(true);
    // os is used in cell 2: the string did not swallow it.
    expect(findings.filter((finding) => !finding.includes(' 1:'))).toEqual([]);
  });

  it('re-parses only the edited cell; the cells after it are moved, not parsed', () => {
    const trees = new NotebookTrees(parser);
    const cells = ['import os', 'x = 1', 'y = os.sep', 'z = 3'];
    trees.update(new NotebookModule(cells).text);
    expect(trees.cellParses).toBe(4);
    for (const [i, edited] of ['x = 12', 'x = 12\nw = 4', 'x = (12'].entries()) {
      const text = new NotebookModule([cells[0], edited, cells[2], cells[3]]).text;
      trees.update(text);
      // An incremental parse into an error is checked with a fresh one (exact): two parses.
      expect(trees.cellParses).toBe(i < 2 ? 5 + i : 8);
      const fresh = parseNotebookModule(parser, text);
      expect(statements(trees.tree)).toEqual(statements(fresh));
      fresh.delete();
    }
    trees.delete();
  });

  it('gives the statements on the edited lines as a window, with those before and after', () => {
    const module = new NotebookModule(['import os', 'def f():\n    return 1\n\n\nx = 1; y = 2', 'z = 3']);
    const trees = new NotebookTrees(parser);
    trees.update(module.text);
    const around = (line: number, character: number, length = 0) => {
      const start = module.text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0) + character;
      const found = trees.statementsAround({ start, end: start + length });
      const types = (nodes: { type: string }[]) => nodes.map((node) => node.type).join(' ');
      return {
        before: types(found.before),
        within: types(found.within),
        after: types(found.after),
        rows: `${found.start.row}-${found.end?.row}`,
      };
    };
    // In the body of `f` (module line 3): the whole definition.
    expect(around(3, 8)).toEqual({
      before: 'import_statement comment',
      within: 'function_definition',
      after: 'expression_statement ; expression_statement comment expression_statement comment',
      rows: '2-4',
    });
    // On `x = 1; y = 2`: both statements of the line.
    expect(around(6, 0, 1).within).toBe('expression_statement ; expression_statement');
    // In the blank lines after `f`: no statement, those lines alone.
    expect(around(4, 0)).toMatchObject({ within: '', rows: '4-5' });
    trees.delete();
  });

  it('gives the trees and the cached analysis of a fresh parse after any edit sequence', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = [
      '(',
      ')',
      '"""',
      '\n',
      'x',
      ' ',
      'import sys\n',
      'def f(:\n',
      '    ',
      'os.',
      '%time\n',
      '#',
    ];
    let cells = [
      'import os\nimport sys\n\n%matplotlib inline',
      'def helper(value):\n    return value',
      '!pip install x\nprint(os.sep)',
      'from typing import Optional\n\n\ndef area(side: Optional[int]) -> int:\n    return helper(side)',
    ];
    const trees = new NotebookTrees(parser);
    let cache: AnalysisCache | undefined;
    for (let step = 0; step < 150; step++) {
      const cell = random(cells.length + 1);
      if (cell === cells.length) {
        // Now and then a cell added or removed.
        cells =
          random(2) === 0 && cells.length > 1
            ? cells.filter((_, i) => i !== random(cells.length))
            : [...cells, 'y = 1'];
      } else {
        const text = cells[cell];
        const at = random(text.length + 1);
        const edited =
          random(3) === 0
            ? text.slice(0, at) + text.slice(at + 1 + random(4))
            : text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
        cells = cells.map((old, i) => (i === cell ? edited : old));
      }
      const module = new NotebookModule(cells);
      trees.update(module.text);
      const fresh = parseNotebookModule(parser, module.text);
      expect(statements(trees.tree), `step ${step}`).toEqual(statements(fresh));
      fresh.delete();
      const result = analyze({ rules: allRules, source: module.text, tree: trees.tree, config, file }, cache);
      cache = result.cache;
      expect(result.diagnostics, `step ${step}`).toEqual(analyseOnce(module.text));
    }
    trees.delete();
  });
});
