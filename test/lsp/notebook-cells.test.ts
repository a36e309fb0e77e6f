// Each notebook cell on a tree of its own, over stdio on the built server (issue 15): an unclosed
// bracket in one cell is a syntax error of that cell alone, the next cells' findings unchanged; an
// edit in one cell re-parses that cell only (`cellParses` of the debug request); a large notebook
// is published from windows of the edited cells and settles on a fresh analysis.
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

/** One notebook open in its own server (debug requests on, no debounce), edited cell by cell. */
class NotebookSession {
  client!: TestClient;
  notebookUri = '';
  cells: string[] = [];
  private version = 1;

  constructor(
    private readonly name: string,
    private readonly texts: readonly string[],
  ) {}

  async open(): Promise<void> {
    await ensureBuilt();
    const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["F401", "F821"]\n' });
    this.notebookUri = uriOf(path.join(workspace, this.name));
    this.cells = this.texts.map(
      (_, i) => `vscode-notebook-cell:${this.notebookUri.slice('file:'.length)}#cell${i}`,
    );
    this.client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      env: { PYCONV_DEBUG: '1' },
      capabilities: { notebookDocument: { synchronization: {} } },
    });
    await this.client.initialize();
    await this.client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: this.notebookUri,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: this.cells.map((document) => ({ kind: 2, document })),
      },
      cellTextDocuments: this.cells.map((uri, i) => ({
        uri,
        languageId: 'python',
        version: 1,
        text: this.texts[i],
      })),
    });
    await this.client.waitFor('every cell', () => this.cells.every((uri) => this.latest(uri)));
  }

  latest(uri: string): Diagnostic[] | undefined {
    return this.client.diagnostics.get(uri)?.at(-1)?.diagnostics;
  }

  /** The last findings pushed to a cell, briefly. */
  shown(cell: number): string[] | undefined {
    return this.latest(this.cells[cell])?.map(brief);
  }

  async editCell(cell: number, range: Range, text: string): Promise<void> {
    this.version++;
    const { version } = this;
    await this.client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: this.notebookUri, version },
      change: {
        cells: {
          textContent: [{ document: { uri: this.cells[cell], version }, changes: [{ range, text }] }],
        },
      },
    });
  }

  /** The module document once its findings at the current version are those of a fresh analysis. */
  async settled(): Promise<DebugModule> {
    const uri = `${this.notebookUri}#pyconv-notebook-module`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await this.client.request<DebugModule>('pyconv/debugDocument', { uri });
      const same = JSON.stringify(state.diagnostics) === JSON.stringify(state.fresh);
      if (state.version === this.version && same) return state;
      if (Date.now() > deadline)
        throw new Error(
          `never settled at v${this.version}: ${JSON.stringify({ ...state, text: undefined })}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Inserts `text` at a point of a cell. */
function at(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

describe('notebook cells parsed one by one', () => {
  const session = new NotebookSession('cells.ipynb', CELLS);
  beforeAll(() => session.open(), 120_000);
  afterAll(() => session.client.stop());

  it('keeps an unclosed bracket a syntax error of its cell: the next cell keeps its findings', async () => {
    expect(session.shown(0)).toEqual(['F401 1:7-1:10']);
    expect(session.shown(2)).toEqual(['F821 1:4-1:11']);
    const before = await session.settled();
    // `values = [1, 2]` loses its `]`.
    await session.editCell(1, { start: { line: 0, character: 14 }, end: { line: 0, character: 15 } }, '');
    await session.client.waitFor('E999 in cell 2', () => session.shown(1)?.some((d) => d.startsWith('E999')));
    expect(session.latest(session.cells[1])?.every((d) => d.code === 'E999' && d.range.end.line === 0)).toBe(
      true,
    );
    expect(session.shown(0)).toEqual(['F401 1:7-1:10']);
    expect(session.shown(2)).toEqual(['F821 1:4-1:11']);
    // What the module holds of the other cells is what it held before (the server's and a fresh analysis).
    const after = await session.settled();
    const notInCell2 = (state: DebugModule) => state.diagnostics.filter((d) => d.code !== 'E999');
    expect(notInCell2(after)).toEqual(notInCell2(before));
    await session.editCell(1, at(0, 14), ']');
    await session.client.waitFor('cell 2 fine again', () => session.shown(1)?.length === 0);
  });

  it('re-parses only the edited cell at each keystroke', async () => {
    const start = await session.settled();
    // Cell 1 typed into, two keystrokes: `import sys` → `import sysxy`; the cells after it only move.
    await session.editCell(0, at(1, 10), 'x');
    const first = await session.settled();
    expect(first.cellParses - start.cellParses).toBe(1);
    await session.editCell(0, at(1, 11), 'y\n');
    const second = await session.settled();
    expect(second.cellParses - first.cellParses).toBe(1);
    await session.client.waitFor('sysxy unused', () =>
      session.shown(0)?.some((d) => d.startsWith('F401 1:')),
    );
    expect(session.latest(session.cells[0])?.some((d) => d.message.includes('sysxy'))).toBe(true);
    expect(session.shown(2)).toEqual(['F821 1:4-1:11']);
  });
});

describe('a large notebook, published from windows of the edited cells', () => {
  const session = new NotebookSession('large.ipynb', LARGE);
  beforeAll(() => session.open(), 120_000);
  afterAll(() => session.client.stop());

  it("keeps every cell's findings in place while lines are added above and a bracket is left open", async () => {
    const unused = (cell: number) => [`F401 0:7-0:${`mod${cell}`.length + 7}`];
    const others = [0, 1, 3, 4, 15, 29];
    // Two lines added in cell 3, then `print(` left open there, a keystroke each.
    await session.editCell(2, at(1, 0), 'y = 1\nz = 2\n');
    await session.editCell(2, at(3, 0), 'print(\n');
    await session.client.waitFor('E999 in cell 3', () => session.shown(2)?.some((d) => d.startsWith('E999')));
    for (const cell of others) expect(session.shown(cell), `cell ${cell}`).toEqual(unused(cell));
    // The import of the edited cell is outside the edited lines: its F401 stays shown.
    expect(session.shown(2)).toContain(unused(2)[0]);
    // Settled: what the server holds is a fresh analysis, and every cell still holds its findings.
    await session.settled();
    for (const cell of others) expect(session.shown(cell), `cell ${cell}`).toEqual(unused(cell));
    expect(session.shown(2)?.filter((d) => !d.startsWith('E999'))).toEqual(unused(2));
  });
});
