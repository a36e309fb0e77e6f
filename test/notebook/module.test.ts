// The notebook model (server/src/notebook): Jupyter syntax masked position for position, cells as
// one module and back, and fixes kept within their cell.
import { describe, expect, it } from 'vitest';
import { maskJupyterSyntax } from '../../server/src/notebook/jupyter-syntax';
import { NotebookModule, withinCells } from '../../server/src/notebook/module';

describe('maskJupyterSyntax', () => {
  it('turns line magics, shell escapes and help into comments of the same length', () => {
    const cell = '%matplotlib inline\n!pip install x\n?len\nlen?\nnp.array??\nx = 1';
    const { text, masked } = maskJupyterSyntax(cell);
    expect(text).toBe('#matplotlib inline\n#pip install x\n#len\n#en?\n#p.array??\nx = 1');
    expect(masked).toHaveLength(5);
    expect(text.length).toBe(cell.length);
  });

  it('masks the value of a magic assignment, keeping the name bound', () => {
    expect(maskJupyterSyntax('files = !ls -l\nt = %timeit f()').text).toBe('files = 0#s -l\nt = 0#imeit f()');
  });

  it('masks a whole cell under a cell magic, and a magic continued with a backslash', () => {
    expect(maskJupyterSyntax('%%time\nfor i in x:\n    f(i)').text).toBe('#%time\n#or i in x:\n    #(i)');
    expect(maskJupyterSyntax('!echo a \\\n  b\nx = 1').text).toBe('#echo a \\\n  #\nx = 1');
  });

  it('leaves Python alone: strings, brackets, modulo, comparisons, top-level await', () => {
    const python = [
      'doc = """',
      '%not a magic',
      '!nor this',
      '"""',
      'total = (a',
      '         % b)',
      'ok = a != b',
      'same = a == b',
      'await asyncio.sleep(1)',
      'x = 1  # why?',
    ].join('\n');
    expect(maskJupyterSyntax(python)).toEqual({ text: python, masked: [] });
  });
});

describe('NotebookModule', () => {
  const cells = ['import os\n%time x = 1', '# comment', 'print(os.sep)'];
  const module = new NotebookModule(cells);

  it('joins the masked cells with a boundary line after each', () => {
    expect(module.text.split('\n')).toEqual([
      'import os',
      '#time x = 1',
      '# pyconv: notebook cell boundary (isort: split)',
      '# comment',
      '# pyconv: notebook cell boundary (isort: split)',
      'print(os.sep)',
      '# pyconv: notebook cell boundary (isort: split)',
      '',
    ]);
  });

  it('maps positions both ways, and nothing on a boundary line', () => {
    expect(module.toCell({ line: 5, character: 6 })).toEqual({
      cell: 2,
      position: { line: 0, character: 6 },
    });
    expect(module.toModule(2, { line: 0, character: 6 })).toEqual({ line: 5, character: 6 });
    expect(module.toCell({ line: 2, character: 0 })).toBeUndefined();
    // A range running on into the next cell ends with its own cell.
    expect(module.rangeToCell({ start: { line: 0, character: 0 }, end: { line: 5, character: 2 } })).toEqual({
      cell: 0,
      range: { start: { line: 0, character: 0 }, end: { line: 1, character: 11 } },
    });
  });

  it('splits an edited module back into cells, magics restored', () => {
    const edited = module.text
      .replace('print(os.sep)', 'print(os.sep, end="")')
      .replace('import os\n', 'import os  # x\n');
    expect(module.splitEdited(edited)).toEqual([
      'import os  # x\n%time x = 1',
      '# comment',
      'print(os.sep, end="")',
    ]);
    // A cell emptied with its last line break.
    const emptied = module.text.replace('# comment\n', '');
    expect(module.splitEdited(emptied)).toEqual([cells[0], '', cells[2]]);
  });

  it('refuses an edit that touches a magic or removes a boundary', () => {
    expect(module.splitEdited(module.text.replace('#time', '#tame'))).toBeUndefined();
    expect(
      module.splitEdited(
        module.text.replace('# comment\n# pyconv: notebook cell boundary (isort: split)\n', ''),
      ),
    ).toBeUndefined();
  });

  it('refuses every split when a cell holds a boundary line of its own', () => {
    const own = new NotebookModule(['x = 1\n# pyconv: notebook cell boundary (isort: split)', 'y = 2']);
    expect(own.splitEdited(own.text)).toBeUndefined();
  });

  it('takes away fixes whose edits cross a cell boundary', () => {
    const edit = (startLine: number, endLine: number, endCharacter = 0) => ({
      code: 'X',
      fix: {
        title: 't',
        safe: true,
        edits: [
          {
            range: {
              start: { line: startLine, character: 0 },
              end: { line: endLine, character: endCharacter },
            },
            newText: '',
          },
        ],
      },
    });
    const kept = withinCells(module.text, [edit(0, 1, 3), edit(0, 2), edit(0, 3), edit(2, 2, 5)]);
    expect(kept.map((d) => d.fix !== null)).toEqual([true, true, false, false]);
  });
});
