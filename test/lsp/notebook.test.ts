// LSP 3.17 notebook sync over stdio on the built server (issue 15): a notebook's code cells as one
// module, diagnostics per cell URI, magics, a quick fix in the third cell, fix-all for the whole
// notebook, "Disable for this line", hover and a rename across cells; a pulling client too.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  Hover,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { brief, ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const CELLS = [
  [
    'import os',
    'import sys',
    '',
    '%matplotlib inline',
    '',
    '',
    'def helper(value):',
    '    return value',
  ].join('\n'),
  ['!pip install requests', 'print(os.sep)  # noqa: T201', 'os?', 'await helper(1)'].join('\n'),
  [
    'from typing import Optional',
    '',
    '',
    'def area(side: Optional[int]) -> int:',
    '    return helper(side)',
  ].join('\n'),
];
const MARKDOWN = '# Notes\nimport nothing here';

function apply(text: string, edits: readonly TextEdit[] = []): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'python', 1, text), [...edits]);
}

function notebookOpen(notebookUri: string, cellUris: readonly string[]) {
  const kinds = [2, 2, 2, 1];
  const texts = [...CELLS, MARKDOWN];
  return {
    notebookDocument: {
      uri: notebookUri,
      notebookType: 'jupyter-notebook',
      version: 1,
      cells: cellUris.map((document, i) => ({ kind: kinds[i], document })),
    },
    cellTextDocuments: cellUris.map((uri, i) => ({
      uri,
      languageId: i === 3 ? 'markdown' : 'python',
      version: 1,
      text: texts[i],
    })),
  };
}

/** `notebookDocument/didChange` with one text change of one cell. */
function cellChange(notebookUri: string, version: number, cell: string, range: Range, text: string) {
  return {
    notebookDocument: { uri: notebookUri, version },
    change: { cells: { textContent: [{ document: { uri: cell, version }, changes: [{ range, text }] }] } },
  };
}

describe('notebooks over LSP (push)', () => {
  let client: TestClient;
  let notebookUri: string;
  let cells: string[];

  beforeAll(async () => {
    await ensureBuilt();
    const workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["F401", "UP045", "T2", "N9", "I001"]\n',
    });
    notebookUri = uriOf(path.join(workspace, 'Data Analysis.ipynb'));
    cells = [0, 1, 2, 3].map((i) => `vscode-notebook-cell:${notebookUri.slice('file:'.length)}#cell${i}`);
    client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: {
        notebookDocument: { synchronization: {} },
        textDocument: {
          hover: { contentFormat: ['markdown'] },
          rename: { prepareSupport: true },
          codeAction: {
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ['quickfix', 'source.fixAll', 'notebook.source.fixAll'] },
            },
          },
          publishDiagnostics: { versionSupport: true },
        },
      },
    });
    await client.initialize();
    await client.connection.sendNotification('notebookDocument/didOpen', notebookOpen(notebookUri, cells));
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  const latest = (uri: string): Diagnostic[] | undefined => client.diagnostics.get(uri)?.at(-1)?.diagnostics;

  /** The code actions for the first finding of a cell, asked as the light bulb asks. */
  async function quickFixes(cell: string) {
    const diagnostic = latest(cell)?.[0] as Diagnostic;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    return { diagnostic, actions };
  }

  it('announces notebook sync for Python cells of any notebook', () => {
    expect(client.initializeResult?.capabilities.notebookDocumentSync).toEqual({
      notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }],
      save: true,
    });
  });

  it('publishes per cell: an import of cell 1 used in cell 2 is used; magics, help and await are no errors', async () => {
    await client.waitFor('diagnostics of every code cell', () =>
      cells.slice(0, 3).every((uri) => latest(uri)),
    );
    expect(latest(cells[0])?.map(brief)).toEqual(['F401 1:7-1:10']);
    expect(latest(cells[1])).toEqual([]);
    expect(latest(cells[2])?.map(brief)).toEqual(['UP045 3:15-3:28']);
    // Nothing for the markdown cell, nor for the module document itself; no T201/D100/N999 in a notebook.
    expect(client.diagnostics.has(cells[3])).toBe(false);
    expect([...client.diagnostics.keys()].filter((uri) => uri.includes('#pyconv'))).toEqual([]);
  });

  it('offers and applies a quick fix in the third cell, with edits in that cell only', async () => {
    const { diagnostic, actions } = await quickFixes(cells[2]);
    const fix = actions.find((action) => action.title === 'Convert to `X | None`');
    expect(Object.keys(fix?.edit?.changes ?? {})).toEqual([cells[2]]);
    expect(fix?.diagnostics).toEqual([diagnostic]);
    expect(apply(CELLS[2], fix?.edit?.changes?.[cells[2]])).toBe(
      // The import goes with its last use.
      ['', '', 'def area(side: int | None) -> int:', '    return helper(side)'].join('\n'),
    );
  });

  it('disables a finding for its line with a noqa comment in its cell', async () => {
    const { actions } = await quickFixes(cells[0]);
    const disable = actions.find((action) => action.title === 'Disable F401 for this line');
    expect(apply(CELLS[0], disable?.edit?.changes?.[cells[0]]).split('\n')[1]).toBe(
      'import sys  # noqa: F401',
    );
  });

  it('fixes the whole notebook with notebook.source.fixAll, and one cell with source.fixAll', async () => {
    const ask = (only: string[]) =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: cells[0] },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      });
    const [whole] = await ask(['notebook.source.fixAll']);
    expect(whole.kind).toBe('notebook.source.fixAll.pyconv');
    expect(Object.keys(whole.edit?.changes ?? {}).sort()).toEqual([cells[0], cells[2]].sort());
    expect(apply(CELLS[0], whole.edit?.changes?.[cells[0]])).not.toContain('import sys');
    const [one] = await ask(['source.fixAll']);
    expect(one.kind).toBe('source.fixAll.pyconv');
    expect(Object.keys(one.edit?.changes ?? {})).toEqual([cells[0]]);
  });

  it('hovers over a finding and over a noqa code in a cell, with ranges in that cell', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: cells[2] },
      position: { line: 3, character: 18 },
    });
    expect(JSON.stringify(hover.contents)).toContain('UP045');
    const noqa = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: cells[1] },
      position: { line: 1, character: 25 },
    });
    expect(JSON.stringify(noqa.contents)).toContain('T201');
    expect(noqa.range).toEqual({ start: { line: 1, character: 23 }, end: { line: 1, character: 27 } });
  });

  it('renames a function across the cells that use it', async () => {
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: cells[1] },
      position: { line: 3, character: 8 },
    });
    expect(prepared.placeholder).toBe('helper');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: cells[1] },
      position: { line: 3, character: 8 },
      newName: 'assist',
    });
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([cells[0], cells[1], cells[2]].sort());
    expect(apply(CELLS[0], edit.changes?.[cells[0]])).toContain('def assist(value):');
    expect(apply(CELLS[1], edit.changes?.[cells[1]])).toBe(CELLS[1].replace('helper', 'assist'));
    expect(apply(CELLS[2], edit.changes?.[cells[2]])).toContain('return assist(side)');
  });

  it('completes a docstring after """ in a cell, its edit in that cell', async () => {
    await client.connection.sendNotification(
      'notebookDocument/didChange',
      cellChange(
        notebookUri,
        2,
        cells[0],
        { start: { line: 6, character: 18 }, end: { line: 6, character: 18 } },
        '\n    """',
      ),
    );
    const items = await client.request<CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: cells[0] },
      position: { line: 7, character: 7 },
      context: { triggerKind: 2, triggerCharacter: '"' },
    });
    const edit = items?.[0]?.textEdit as TextEdit;
    expect(edit.range.start.line).toBe(7);
    expect(edit.newText).toContain('Args:');
    await client.waitFor('the unclosed docstring flagged', () =>
      latest(cells[0])?.some((d) => d.code === 'E999'),
    );
    // Undone, as the editor would after the look.
    await client.connection.sendNotification(
      'notebookDocument/didChange',
      cellChange(
        notebookUri,
        3,
        cells[0],
        { start: { line: 6, character: 18 }, end: { line: 7, character: 7 } },
        '',
      ),
    );
    await client.waitFor('the docstring undone', () => latest(cells[0])?.every((d) => d.code !== 'E999'));
  });

  it('applies cell text changes incrementally: removing the use in cell 2 makes the import in cell 1 unused', async () => {
    await client.connection.sendNotification(
      'notebookDocument/didChange',
      cellChange(
        notebookUri,
        4,
        cells[1],
        { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
        '',
      ),
    );
    // Only cells whose findings changed are sent again: cell 1 here.
    await client.waitFor('os unused in cell 1', () => latest(cells[0])?.length === 2);
    expect(latest(cells[0])?.map(brief)).toEqual(['F401 0:7-0:9', 'F401 1:7-1:10']);
  });

  it('follows cell structure changes and clears a removed cell', async () => {
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebookUri, version: 5 },
      change: {
        cells: {
          structure: {
            array: { start: 2, deleteCount: 1, cells: [{ kind: 2, document: `${cells[2]}-new` }] },
            didOpen: [
              { uri: `${cells[2]}-new`, languageId: 'python', version: 1, text: 'x: Optional[int] = os' },
            ],
            didClose: [{ uri: cells[2] }],
          },
        },
      },
    });
    await client.waitFor('the removed cell cleared', () => latest(cells[2])?.length === 0);
    await client.waitFor('the new cell', () => latest(`${cells[2]}-new`));
    // `os` is used again (by the new cell); `Optional` is imported by no cell now: nothing to rewrite for UP045.
    await client.waitFor('cell 1 with sys alone', () => latest(cells[0])?.length === 1);
    expect(latest(cells[0])?.map(brief)).toEqual(['F401 1:7-1:10']);
  });

  it('clears a cell turned into markdown', async () => {
    expect(latest(cells[0])?.length).toBeGreaterThan(0);
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebookUri, version: 10 },
      change: { cells: { data: [{ kind: 1, document: cells[0] }] } },
    });
    await client.waitFor('cell 1 cleared', () => latest(cells[0])?.length === 0);
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebookUri, version: 11 },
      change: { cells: { data: [{ kind: 2, document: cells[0] }] } },
    });
    await client.waitFor('cell 1 checked again', () => (latest(cells[0])?.length ?? 0) > 0);
  });

  it('survives malformed notebook notifications and keeps answering', async () => {
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: 5, cells: 'x' },
    });
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebookUri, version: 9 },
      change: { cells: { structure: { array: { start: 'a', deleteCount: null } } } },
    });
    await client.connection.sendNotification('notebookDocument/didClose', {});
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: cells[0] },
      position: { line: 1, character: 8 },
    });
    expect(JSON.stringify(hover?.contents)).toContain('F401');
    expect(client.alive).toBe(true);
  });

  it('clears every cell when the notebook closes', async () => {
    await client.connection.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: notebookUri },
      cellTextDocuments: cells.map((uri) => ({ uri })),
    });
    await client.waitFor(
      'cleared cells',
      () => latest(cells[0])?.length === 0 && latest(`${cells[2]}-new`)?.length === 0,
    );
  });
});

describe('notebooks over LSP (pull)', () => {
  let client: TestClient;

  beforeAll(async () => {
    await ensureBuilt();
    const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["F401", "UP045"]\n' });
    client = new TestClient({ workspace, pull: true, settings: { debounceMs: 0 } });
    await client.initialize();
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  it('answers a pull for a cell with its findings ("unchanged" until the notebook changes), and pushes them too', async () => {
    const notebookUri = 'untitled:Untitled-1.ipynb';
    const cells = [0, 1, 2, 3].map((i) => `vscode-notebook-cell:Untitled-1.ipynb#cell${i}`);
    await client.connection.sendNotification('notebookDocument/didOpen', notebookOpen(notebookUri, cells));
    const report = await client.request<{ kind: string; resultId: string; items: Diagnostic[] }>(
      'textDocument/diagnostic',
      { textDocument: { uri: cells[0] } },
    );
    expect(report.items.map(brief)).toEqual(['F401 1:7-1:10']);
    const again = await client.request<{ kind: string }>('textDocument/diagnostic', {
      textDocument: { uri: cells[0] },
      previousResultId: report.resultId,
    });
    expect(again.kind).toBe('unchanged');
    const third = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: cells[2] },
    });
    expect(third.items.map(brief)).toEqual(['UP045 3:15-3:28']);
    // Pushed too: vscode-languageclient never pulls for notebook cells.
    const pushed = await client.diagnosticsFor(cells[0]);
    expect(pushed.map(brief)).toEqual(['F401 1:7-1:10']);
  });
});
