// Each notebook cell on a tree of its own, over stdio on the built server (issue 15): an unclosed
// bracket in one cell is a syntax error of that cell alone, the next cells' findings unchanged; an
// edit in one cell re-parses that cell only (`cellParses` of the debug request).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { brief, ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const CELLS = ['import os\nimport sys', 'values = [1, 2]', 'print(os.sep)\nlen(unknown)'];

/** A notebook past `WINDOW_MIN_LINES` (1,000): 30 cells of 40 lines, an unused import in each. */
const LARGE = Array.from({ length: 30 }, (_, cell) =>
  [
    `import mod${cell}`,
    ...Array.from({ length: 13 }, (_, i) => [`def f${cell}_${i}(x):`, `    return x + ${i}`, ''].join('\n')),
  ].join('\n'),
);

interface DebugModule {
  version: number;
  diagnostics: Diagnostic[];
  fresh: Diagnostic[];
  parses: number;
  cellParses: number;
}

function cellUrisOf(notebookUri: string, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `vscode-notebook-cell:${notebookUri.slice('file:'.length)}#cell${i}`,
  );
}

function notebookOpen(notebookUri: string, cells: readonly string[], texts: readonly string[]) {
  return {
    notebookDocument: {
      uri: notebookUri,
      notebookType: 'jupyter-notebook',
      version: 1,
      cells: cells.map((document) => ({ kind: 2, document })),
    },
    cellTextDocuments: cells.map((uri, i) => ({ uri, languageId: 'python', version: 1, text: texts[i] })),
  };
}

describe('notebook cells parsed one by one', () => {
  let client: TestClient;
  let notebookUri: string;
  let cells: string[];
  let version = 1;

  beforeAll(async () => {
    await ensureBuilt();
    const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["F401", "F821"]\n' });
    notebookUri = uriOf(path.join(workspace, 'cells.ipynb'));
    cells = cellUrisOf(notebookUri, CELLS.length);
    client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      env: { PYCONV_DEBUG: '1' },
      capabilities: { notebookDocument: { synchronization: {} } },
    });
    await client.initialize();
    await client.connection.sendNotification(
      'notebookDocument/didOpen',
      notebookOpen(notebookUri, cells, CELLS),
    );
    await client.waitFor('every cell', () => cells.every((uri) => latest(uri)));
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  const latest = (uri: string): Diagnostic[] | undefined => client.diagnostics.get(uri)?.at(-1)?.diagnostics;

  async function editCell(cell: number, range: Range, text: string): Promise<void> {
    version++;
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebookUri, version },
      change: {
        cells: { textContent: [{ document: { uri: cells[cell], version }, changes: [{ range, text }] }] },
      },
    });
  }

  /** The module document once it has been analysed at the notebook's current version. */
  async function moduleState(): Promise<DebugModule> {
    const uri = `${notebookUri}#pyconv-notebook-module`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await client.request<DebugModule>('pyconv/debugDocument', { uri });
      if (state.version === version && JSON.stringify(state.diagnostics) === JSON.stringify(state.fresh))
        return state;
      if (Date.now() > deadline)
        throw new Error(`the module never settled at v${version}: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('keeps an unclosed bracket a syntax error of its cell: the next cell keeps its findings', async () => {
    expect(latest(cells[0])?.map(brief)).toEqual(['F401 1:7-1:10']);
    expect(latest(cells[2])?.map(brief)).toEqual(['F821 1:4-1:11']);
    const before = await moduleState();
    // `values = [1, 2]` loses its `]`.
    await editCell(1, { start: { line: 0, character: 14 }, end: { line: 0, character: 15 } }, '');
    await client.waitFor('E999 in cell 2', () => latest(cells[1])?.some((d) => d.code === 'E999') ?? false);
    expect(latest(cells[1])?.every((d) => d.code === 'E999' && d.range.end.line === 0)).toBe(true);
    expect(latest(cells[0])?.map(brief)).toEqual(['F401 1:7-1:10']);
    expect(latest(cells[2])?.map(brief)).toEqual(['F821 1:4-1:11']);
    // What the module holds of the other cells is what it held before (the server's and a fresh analysis).
    const after = await moduleState();
    const notInCell2 = (state: DebugModule) => state.diagnostics.filter((d) => d.code !== 'E999');
    expect(notInCell2(after)).toEqual(notInCell2(before));
    await editCell(1, { start: { line: 0, character: 14 }, end: { line: 0, character: 14 } }, ']');
    await client.waitFor('cell 2 fine again', () => latest(cells[1])?.length === 0);
  });

  it('re-parses only the edited cell at each keystroke', async () => {
    const start = await moduleState();
    // Cell 1 typed into, two keystrokes: `import sys` → `import sysxy`; the cells after it only move.
    await editCell(0, { start: { line: 1, character: 10 }, end: { line: 1, character: 10 } }, 'x');
    const first = await moduleState();
    expect(first.cellParses - start.cellParses).toBe(1);
    await editCell(0, { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } }, 'y\n');
    const second = await moduleState();
    expect(second.cellParses - first.cellParses).toBe(1);
    await client.waitFor(
      'sysxy unused',
      () => latest(cells[0])?.some((d) => d.message.includes('sysxy')) ?? false,
    );
    expect(latest(cells[2])?.map(brief)).toEqual(['F821 1:4-1:11']);
  });
});

describe('a large notebook, published from windows of the edited cells', () => {
  let client: TestClient;
  let notebookUri: string;
  let cells: string[];
  let version = 1;

  beforeAll(async () => {
    await ensureBuilt();
    const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["F401", "F821"]\n' });
    notebookUri = uriOf(path.join(workspace, 'large.ipynb'));
    cells = cellUrisOf(notebookUri, LARGE.length);
    client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      env: { PYCONV_DEBUG: '1' },
      capabilities: { notebookDocument: { synchronization: {} } },
    });
    await client.initialize();
    await client.connection.sendNotification(
      'notebookDocument/didOpen',
      notebookOpen(notebookUri, cells, LARGE),
    );
    await client.waitFor('every cell', () => cells.every((uri) => latest(uri)?.length === 1));
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  const latest = (uri: string): Diagnostic[] | undefined => client.diagnostics.get(uri)?.at(-1)?.diagnostics;

  it("keeps every cell's findings in place while lines are added above and a bracket is left open", async () => {
    const unused = (cell: number) => [`F401 0:7-0:${(`mod${cell}`).length + 7}`];
    // Two lines added in cell 3, then `print(` left open in cell 3, a keystroke each.
    const edits = [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'y = 1\nz = 2\n' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'print(\n' },
    ];
    for (const { range, text } of edits) {
      version++;
      await client.connection.sendNotification('notebookDocument/didChange', {
        notebookDocument: { uri: notebookUri, version },
        change: {
          cells: { textContent: [{ document: { uri: cells[2], version }, changes: [{ range, text }] }] },
        },
      });
    }
    await client.waitFor('E999 in cell 3', () => latest(cells[2])?.some((d) => d.code === 'E999') ?? false);
    for (const cell of [0, 1, 3, 4, 15, 29])
      expect(latest(cells[cell])?.map(brief), `cell ${cell}`).toEqual(unused(cell));
    // Settled: what the server holds is a fresh analysis, and the other cells still hold their findings.
    const uri = `${notebookUri}#pyconv-notebook-module`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await client.request<DebugModule>('pyconv/debugDocument', { uri });
      if (state.version === version && JSON.stringify(state.diagnostics) === JSON.stringify(state.fresh))
        break;
      if (Date.now() > deadline)
        throw new Error(`never settled: ${JSON.stringify({ ...state, text: undefined })}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const cell of [0, 1, 3, 4, 15, 29])
      expect(latest(cells[cell])?.map(brief), `cell ${cell}`).toEqual(unused(cell));
    expect(
      latest(cells[2])
        ?.filter((d) => d.code !== 'E999')
        .map(brief),
    ).toEqual(unused(2));
  });
});
