/**
 * `pyconv check` on Jupyter notebooks (issue 15): findings per cell in every output, `--fix`
 * changing only the `source` of the fixed cells, a malformed notebook reported and left alone, and
 * the rules that are off in notebooks. Runs the built CLI (dist/cli.js).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNotebook } from '../../server/src/notebook/ipynb';
import { buildCli, folder, removeFolders, runCli } from '../helpers/cli';

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

function run(cwd: string, ...args: string[]) {
  const result = runCli(cwd, ['check', '--no-cache', ...args]);
  return { status: result.code, stdout: result.stdout, stderr: result.stderr };
}

/** A notebook as another writer might save it: two-space indent, keys in its own order, no final newline. */
function notebookText(sources: readonly (string[] | string)[], extra = ''): string {
  const cells = sources.map((source, i) =>
    [
      '    {',
      `      "metadata": {"collapsed": ${i % 2 === 0}, "tags": []},`,
      `      "source": ${JSON.stringify(source, null, 2).replace(/\n/g, '\n      ')},`,
      i === 1
        ? '      "cell_type": "markdown"'
        : `      "cell_type": "code",\n      "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["${i}"]}, "execution_count": ${i}, "metadata": {}}],\n      "execution_count": ${i}`,
      '    }',
    ].join('\n'),
  );
  return `{\n  "nbformat_minor": 5,\n  "cells": [\n${cells.join(',\n')}\n  ],\n  "metadata": {"kernelspec": {"language": "python", "name": "python3"}${extra}},\n  "nbformat": 4\n}`;
}

const CELLS = [
  ['import os\n', 'import sys\n', '%matplotlib inline\n', 'from typing import Optional'],
  ['# Notes\n', 'Some *markdown*.'],
  ['!pip install requests\n', 'print(os.sep)\n', 'await asyncio.sleep(0)\n', 'os?'],
  ['def area(side: Optional[int]) -> int:\n', '    """Area."""\n', '    return side * side'],
];

describe('pyconv check on a notebook', () => {
  it('knows an import of cell 1 in cell 3, and reads magics, shell escapes, help and await as no error', () => {
    const root = folder({ 'analysis.ipynb': notebookText(CELLS) });
    const { stdout } = run(root, '.');
    expect(stdout).toContain('analysis.ipynb:cell 1:2:8: F401 [*] `sys` imported but unused');
    expect(stdout).toContain('analysis.ipynb:cell 4:1:16: UP045');
    expect(stdout).not.toContain('`os` imported but unused');
    expect(stdout).not.toMatch(/E999|cell 3:/);
  });

  it('keeps an unclosed bracket a syntax error of its cell: the cells after it read as if it were fine', () => {
    const broken = [CELLS[0], CELLS[1], ['values = (1,\n', '    2\n'], CELLS[2], CELLS[3]];
    const { stdout } = run(root(broken), '.', '--output-format', 'json');
    const findings = JSON.parse(stdout) as { code: string; cell: number }[];
    const errorCells = new Set(findings.filter((d) => d.code === 'E999').map((d) => d.cell));
    expect([...errorCells]).toEqual([3]);
    const fine = JSON.parse(run(root(CELLS), '.', '--output-format', 'json').stdout) as typeof findings;
    // The same findings elsewhere, the cells after the broken one numbered one further.
    const elsewhere = findings
      .filter((d) => d.code !== 'E999')
      .map((d) => ({ ...d, cell: d.cell > 3 ? d.cell - 1 : d.cell }));
    expect(elsewhere.map(({ code, cell }) => `${code} ${cell}`)).toEqual(
      fine.map(({ code, cell }) => `${code} ${cell}`),
    );

    function root(cells: readonly (string[] | string)[]) {
      return folder({ 'analysis.ipynb': notebookText(cells) });
    }
  });

  it('gives the cell in JSON and SARIF', () => {
    const root = folder({ 'analysis.ipynb': notebookText(CELLS) });
    const json = JSON.parse(run(root, '.', '--output-format', 'json').stdout) as {
      code: string;
      cell: number;
      range: unknown;
    }[];
    expect(json.find((d) => d.code === 'F401')).toMatchObject({
      cell: 1,
      range: { start: { line: 1, character: 7 }, end: { line: 1, character: 10 } },
    });
    const sarif = JSON.parse(run(root, '.', '--output-format', 'sarif').stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'UP045');
    expect(result.properties).toEqual({ cell: 4 });
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 16 });
  });

  it('answers an unchanged notebook from the findings cache, cells and all: the same output as without it', () => {
    const root = folder({ 'analysis.ipynb': notebookText(CELLS) });
    const withCache = (format: string) => runCli(root, ['check', '.', '--output-format', format]).stdout;
    for (const format of ['text', 'json', 'sarif']) {
      const uncached = run(root, '.', '--output-format', format).stdout;
      expect(withCache(format), format).toBe(uncached);
      expect(withCache(format), `${format}, from the cache`).toBe(uncached);
    }
    // The entry keeps each finding's cell (and its place in the file's text); a run shows it came from there.
    const [cacheFile] = readdirSync(path.join(root, '.pyconv_cache')).filter((n) => n.startsWith('results-'));
    const data = JSON.parse(readFileSync(path.join(root, '.pyconv_cache', cacheFile), 'utf8'));
    const stored = data.entries['analysis.ipynb'].diagnostics as unknown[][];
    expect(stored.map((d) => (d[8] as number[])[0])).toEqual([1, 1, 4, 4]);
    stored[0][1] = 'FROM THE CACHE';
    writeFileSync(path.join(root, '.pyconv_cache', cacheFile), JSON.stringify(data));
    expect(withCache('text')).toContain('analysis.ipynb:cell 1:1:1: I001 [*] FROM THE CACHE');
  });

  it('--fix changes the sources of the fixed cells and not one byte elsewhere', () => {
    const original = notebookText(CELLS);
    const root = folder({ 'analysis.ipynb': original });
    const { status, stdout } = run(root, '.', '--fix', '--select', 'F401,UP045');
    expect(stdout).toMatch(/fixed/);
    expect(status).toBe(0);
    const written = readFileSync(path.join(root, 'analysis.ipynb'), 'utf8');
    const before = readNotebook(original);
    const after = readNotebook(written);
    if (before.kind !== 'notebook' || after.kind !== 'notebook') throw new Error('not read');
    expect(after.cells.map((cell) => cell.source)).toEqual([
      'import os\n%matplotlib inline',
      CELLS[2].join(''),
      'def area(side: int | None) -> int:\n    """Area."""\n    return side * side',
    ]);
    // Every byte outside the sources of cells 1 and 4 is the same, in order.
    const outside = (text: string, sources: typeof before.sources) => {
      const first = sources.get(0);
      const fourth = sources.get(3);
      if (!first || !fourth) throw new Error('no spans');
      return [text.slice(0, first.start), text.slice(first.end, fourth.start), text.slice(fourth.end)];
    };
    expect(outside(written, after.sources)).toEqual(outside(original, before.sources));
    // The untouched cell's source is byte for byte what it was.
    const third = (text: string, sources: typeof before.sources) => {
      const span = sources.get(2);
      return span && text.slice(span.start, span.end);
    };
    expect(third(written, after.sources)).toBe(third(original, before.sources));
    // The fixed lists keep the layout of the file (two-space steps, one line an element).
    expect(written).toContain('"source": [\n        "import os\\n",\n        "%matplotlib inline"\n      ],');
    expect(written.endsWith('\n}')).toBe(true);
  });

  it('--add-noqa puts the directives in the cells, only their sources changed', () => {
    const original = notebookText(CELLS);
    const root = folder({ 'analysis.ipynb': original });
    const { status } = run(root, '.', '--add-noqa', '--select', 'F401,UP045');
    expect(status).toBe(0);
    const written = readNotebook(readFileSync(path.join(root, 'analysis.ipynb'), 'utf8'));
    if (written.kind !== 'notebook') throw new Error('not read');
    expect(written.cells[0].source.split('\n')[1]).toBe('import sys  # noqa: F401');
    expect(written.cells[2].source.split('\n')[0]).toBe(
      'def area(side: Optional[int]) -> int:  # noqa: UP045',
    );
    expect(written.cells[1].source).toBe(CELLS[2].join(''));
    expect(run(root, '.', '--select', 'F401,UP045').stdout).toBe('All checks passed!\n');
  });

  it('refuses a notebook on standard input clearly, giving it back unchanged with --fix', () => {
    const root = folder({});
    const text = notebookText(CELLS);
    const result = runCli(root, ['check', '-', '--stdin-filename', 'analysis.ipynb', '--fix'], text);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a notebook is not read from standard input');
    expect(result.stdout).toBe(text);
  });

  it('reports a malformed notebook clearly and leaves it untouched', () => {
    const broken = '{"cells": [{"cell_type": "code", "source": ["import os\\n"]}';
    const root = folder({ 'broken.ipynb': broken, 'ok.py': 'x = 1\n' });
    const { status, stderr } = run(root, '.', '--fix');
    expect(status).toBe(1);
    expect(stderr).toMatch(/pyconv: error: broken\.ipynb: not a valid notebook: /);
    expect(readFileSync(path.join(root, 'broken.ipynb'), 'utf8')).toBe(broken);
  });

  it('leaves out, in notebooks, the rules that mean nothing there, unless selected by code', () => {
    const source = [
      'from __future__ import annotations\n',
      'import os\n',
      'LIMIT = 1\n',
      'limit = 2\n',
      'print(os.sep, limit, LIMIT)',
    ];
    const root = folder({
      'My Notebook.ipynb': notebookText([source, ['text'], 'x = 1', 'y = 2']),
      'pyproject.toml':
        '[tool.pyconv]\nselect = ["ALL"]\n[tool.pyconv.isort]\nrequired-imports = ["import sys"]\n',
    });
    const codes = (stdout: string) => [...stdout.matchAll(/: ([A-Z]+\d+) /g)].map((m) => m[1]);
    const off = ['D100', 'PCV603', 'N999', 'T201', 'PCV604', 'I002', 'PCV101'];
    const inNotebook = codes(run(root, '.').stdout);
    for (const code of off) expect(inNotebook).not.toContain(code);
    // The same code as a Python file.
    writeFileSync(path.join(root, 'My Module.py'), source.join(''));
    const inFile = codes(run(root, 'My Module.py').stdout);
    for (const code of ['D100', 'N999', 'T201', 'I002']) expect(inFile).toContain(code);
    // Named by its full code, a rule runs in notebooks too.
    expect(codes(run(root, 'My Notebook.ipynb', '--select', 'T201').stdout)).toEqual(['T201']);
  });
});
