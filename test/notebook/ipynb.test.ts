// Reading .ipynb files and writing new cell sources back without touching any other byte.
import { describe, expect, it } from 'vitest';
import { readNotebook, withCellSources } from '../../server/src/notebook/ipynb';

const NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {"tags": ["a"]},
   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["x\\n"]}],
   "source": [
    "import os\\n",
    "caf\\u00e9 = 1"
   ]
  },
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["# Title"]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {},
   "outputs": [],
   "source": []
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {},
   "outputs": [],
   "source": "y = 2\\n"
  }
 ],
 "metadata": {"language_info": {"name": "python"}},
 "nbformat": 4,
 "nbformat_minor": 5
}`;

function read(text: string) {
  const notebook = readNotebook(text);
  if (notebook.kind !== 'notebook') throw new Error(JSON.stringify(notebook));
  return notebook;
}

describe('readNotebook', () => {
  it('reads the code cells with their index among all cells', () => {
    expect(read(NOTEBOOK).cells).toEqual([
      { index: 0, source: 'import os\ncafé = 1' },
      { index: 2, source: '' },
      { index: 3, source: 'y = 2\n' },
    ]);
  });

  it('says clearly what is wrong with a malformed notebook', () => {
    expect(readNotebook('{"cells": [')).toMatchObject({
      kind: 'error',
      reason: expect.stringMatching(/^not a valid notebook: /),
    });
    expect(readNotebook('{"worksheets": []}')).toEqual({
      kind: 'error',
      reason: 'not a valid notebook: no "cells" list (nbformat 4 is required)',
    });
    expect(readNotebook('{"cells": [{"cell_type": "code", "source": 3}]}')).toEqual({
      kind: 'error',
      reason: 'not a valid notebook: cell 1 has no "source" text',
    });
  });

  it('skips a notebook of another language', () => {
    expect(readNotebook('{"cells": [], "metadata": {"kernelspec": {"language": "R"}}}')).toEqual({
      kind: 'skipped',
      reason: 'a R notebook, not checked',
    });
  });
});

describe('withCellSources', () => {
  it('replaces only the changed sources, in their own layout, keeping unchanged lines as spelled', () => {
    const notebook = read(NOTEBOOK);
    const changed = new Map([
      [0, 'import os\ncafé = 1\nprint("é\\t")'],
      [2, 'z = 3\nw = 4'],
      [3, 'y = 3\n'],
    ]);
    const written = withCellSources(NOTEBOOK, notebook.sources, changed);
    const expected = NOTEBOOK.replace(
      '    "caf\\u00e9 = 1"\n',
      // The line changed (it gained a line break): written as JSON.stringify spells it.
      '    "café = 1\\n",\n    "print(\\"é\\\\t\\")"\n',
    )
      .replace('"source": []', '"source": [\n    "z = 3\\n",\n    "w = 4"\n   ]')
      .replace('"source": "y = 2\\n"', '"source": "y = 3\\n"');
    expect(written).toBe(expected);
    expect(read(written).cells.map((cell) => cell.source)).toEqual([...changed.values()]);
  });

  it('writes an emptied cell as an empty list', () => {
    const notebook = read(NOTEBOOK);
    const written = withCellSources(NOTEBOOK, notebook.sources, new Map([[0, '']]));
    expect(written).toContain(
      '"outputs": [{"output_type": "stream", "name": "stdout", "text": ["x\\n"]}],\n   "source": []\n',
    );
  });
});
