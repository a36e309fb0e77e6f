// Closed notebooks in the workspace's findings over stdio against the built server (issue 15):
// `workspace/diagnostic` and `pyconv.checkWorkspace` report a `.ipynb` file on its own URI, ranges
// in its JSON text and the cell in the message; opening it hands over to its cells (the file's
// findings withdrawn, no duplicates), closing it brings them back from disk; a change on disk is
// checked again, a deletion cleared; a malformed notebook is one clear error; the findings cache
// (the CLI's too) keeps a notebook's cells and places.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Diagnostic,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { brief, ensureBuilt, makeWorkspace, TestClient, type TestClientOptions, uriOf } from './helpers';

const CLI_JS = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** A code cell as Jupyter writes it: its source a list of lines (JSON strings), one element a line. */
function codeCell(sourceLines: readonly string[]): string {
  const header = ['"cell_type": "code",', '"execution_count": null,', '"metadata": {},', '"outputs": [],'];
  const source = ['   "source": [', sourceLines.map((line) => `    ${line}`).join(',\n'), '   ]'];
  return ['  {', ...header.map((line) => `   ${line}`), ...source, '  }'].join('\n');
}

/** Jupyter's own layout (one-space indent, a source line per list element), a markdown cell first. */
function notebookText(functionName: string): string {
  const cells = [
    '  {\n   "cell_type": "markdown",\n   "metadata": {},\n   "source": ["# \\"Analysis\\""]\n  }',
    codeCell(['"import os\\n"', '"x = \\"caf\\u00e9\\"; import sys\\n"']),
    codeCell([`"def ${functionName}(a):\\n"`, '"    return a\\n"']),
  ];
  const metadata = ' "metadata": {"language_info": {"name": "python"}},';
  return `{\n "cells": [\n${cells.join(',\n')}\n ],\n${metadata}\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`;
}

const CELL_SOURCES = ['import os\nx = "café"; import sys\n', 'def Bad(a):\n    return a\n'];

/** What the notebook's file shows: ranges in its JSON text (line 13 spells cell 2's first line). */
const EXPECTED = [
  'F401 13:12-13:14 cell 2, line 1: `os` imported but unused',
  'F401 14:31-14:34 cell 2, line 2: `sys` imported but unused',
  'N802 23:9-23:12 cell 3, line 1: Function name `Bad` should be lowercase',
];

const FILES = {
  'pyproject.toml': '[tool.pyconv]\nselect = ["F401", "N802"]\n',
  'Analysis.ipynb': notebookText('Bad'),
  'broken.ipynb': '{"cells": [{"cell_type": "code", "source": ["import os\\n"]}',
  'module.py': 'import os\n',
};

function described(diagnostic: Diagnostic): string {
  return `${brief(diagnostic)} ${diagnostic.message}`;
}

function itemsOf(
  report: WorkspaceDiagnosticReport,
  uri: string,
): WorkspaceDocumentDiagnosticReport | undefined {
  return report.items.find((item) => item.uri === uri);
}

function fullItems(item: WorkspaceDocumentDiagnosticReport | undefined): string[] | undefined {
  return item?.kind === 'full' ? item.items.map(described) : undefined;
}

function resultIds(report: WorkspaceDiagnosticReport) {
  return report.items.flatMap((item) => (item.resultId ? [{ uri: item.uri, value: item.resultId }] : []));
}

/** `notebookDocument/didOpen` of the notebook as the editor opens it: its two code cells. */
function openParams(notebookUri: string, cells: readonly string[]) {
  return {
    notebookDocument: {
      uri: notebookUri,
      notebookType: 'jupyter-notebook',
      version: 1,
      cells: [
        { kind: 1, document: cells[0] },
        { kind: 2, document: cells[1] },
        { kind: 2, document: cells[2] },
      ],
    },
    cellTextDocuments: [
      { uri: cells[0], languageId: 'markdown', version: 1, text: '# "Analysis"' },
      { uri: cells[1], languageId: 'python', version: 1, text: CELL_SOURCES[0] },
      { uri: cells[2], languageId: 'python', version: 1, text: CELL_SOURCES[1] },
    ],
  };
}

const NOTEBOOK_CAPABILITIES = {
  notebookDocument: { synchronization: {} },
  window: { workDoneProgress: true },
};

/** A workspace of FILES and a client on it: made before the block's tests, stopped and removed after. */
function useWorkspace(options: Omit<TestClientOptions, 'workspace' | 'capabilities'>) {
  const setup = {
    workspace: '',
    notebook: '',
    cells: [] as string[],
    client: undefined as unknown as TestClient,
  };
  beforeAll(async () => {
    await ensureBuilt();
    setup.workspace = makeWorkspace(FILES);
    setup.notebook = uriOf(path.join(setup.workspace, 'Analysis.ipynb'));
    const cellPath = setup.notebook.slice('file:'.length);
    setup.cells = [0, 1, 2].map((i) => `vscode-notebook-cell:${cellPath}#cell${i}`);
    setup.client = new TestClient({
      ...options,
      workspace: setup.workspace,
      capabilities: NOTEBOOK_CAPABILITIES,
    });
    await setup.client.initialize();
  }, 120_000);
  afterAll(async () => {
    await setup.client.stop();
    rmSync(setup.workspace, { recursive: true, force: true });
  });
  return setup;
}

describe('closed notebooks in workspace/diagnostic (pull)', () => {
  const setup = useWorkspace({ pull: true, settings: { diagnosticsScope: 'workspace', debounceMs: 0 } });

  const pull = (previous: Array<{ uri: string; value: string }> = []) =>
    setup.client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: previous });

  it('reports a closed notebook on its file: JSON ranges, the cell in the message; a malformed one as one error', async () => {
    const { workspace, notebook, client } = setup;
    const report = await pull();
    expect(fullItems(itemsOf(report, notebook))).toEqual(EXPECTED);
    const broken = fullItems(itemsOf(report, uriOf(path.join(workspace, 'broken.ipynb'))));
    expect(broken).toHaveLength(1);
    expect(broken?.[0]).toMatch(
      /^undefined 0:0-0:0 pyconv did not check this notebook: not a valid notebook: /,
    );
    expect(fullItems(itemsOf(report, uriOf(path.join(workspace, 'module.py'))))).toEqual([
      'F401 0:7-0:9 `os` imported but unused',
    ]);
    expect(client.alive).toBe(true);
  }, 60_000);

  it('hands over to the cells at open (the file reported empty, then unchanged) and back at close', async () => {
    const { notebook, cells, client } = setup;
    const before = await pull();
    await client.connection.sendNotification('notebookDocument/didOpen', openParams(notebook, cells));
    await client.waitFor('the cells published', () => client.diagnostics.get(cells[2])?.at(-1));
    expect(client.diagnostics.get(cells[1])?.at(-1)?.diagnostics.map(brief)).toEqual([
      'F401 0:7-0:9',
      'F401 1:19-1:22',
    ]);
    const whileOpen = await pull(resultIds(before));
    const handedOver = itemsOf(whileOpen, notebook);
    expect(handedOver).toMatchObject({ kind: 'full', items: [] });
    // The other files are unchanged; the open notebook's empty report is not sent again.
    expect(whileOpen.items.filter((item) => item.kind === 'full').map((item) => item.uri)).toEqual([
      notebook,
    ]);
    const again = await pull(resultIds(whileOpen));
    expect(itemsOf(again, notebook)?.kind).toBe('unchanged');

    await client.connection.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: notebook },
      cellTextDocuments: cells.map((uri) => ({ uri })),
    });
    const afterClose = await pull(resultIds(again));
    expect(fullItems(itemsOf(afterClose, notebook))).toEqual(EXPECTED);
  }, 60_000);

  it('checks a notebook changed on disk again, clears a deleted one and finds a created one', async () => {
    const { workspace, notebook, client } = setup;
    const first = await pull();
    const file = path.join(workspace, 'Analysis.ipynb');
    writeFileSync(file, notebookText('good'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: notebook, type: 2 }],
    });
    const changed = await pull(resultIds(first));
    expect(fullItems(itemsOf(changed, notebook))).toEqual(EXPECTED.slice(0, 2));
    rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: notebook, type: 3 }],
    });
    const deleted = await pull(resultIds(changed));
    expect(itemsOf(deleted, notebook)).toMatchObject({ kind: 'full', items: [] });
    // Created again: the walk finds it.
    writeFileSync(file, notebookText('Bad'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: notebook, type: 1 }],
    });
    expect(fullItems(itemsOf(await pull(resultIds(deleted)), notebook))).toEqual(EXPECTED);
  }, 60_000);
});

describe('closed notebooks in pyconv.checkWorkspace (push)', () => {
  const setup = useWorkspace({ settings: { debounceMs: 0 } });

  const published = (uri: string) =>
    (setup.client.diagnostics.get(uri) ?? []).map((p) => p.diagnostics.map(described));

  it('publishes a closed notebook on its file, and watches **/*.ipynb', async () => {
    const { workspace, notebook, client } = setup;
    const result = await client.request<{ files: number }>('workspace/executeCommand', {
      command: 'pyconv.checkWorkspace',
    });
    expect(result.files).toBe(3);
    expect((await client.diagnosticsFor(notebook)).map(described)).toEqual(EXPECTED);
    const broken = await client.diagnosticsFor(uriOf(path.join(workspace, 'broken.ipynb')));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ severity: 1, range: { start: { line: 0, character: 0 } } });
    expect(broken[0].message).toMatch(/not a valid notebook/);
    const watched = (client.registrations as Array<{ registerOptions?: { watchers?: unknown[] } }>).flatMap(
      (registration) => registration.registerOptions?.watchers ?? [],
    );
    expect(watched).toContainEqual({ globPattern: '**/*.ipynb' });
  }, 60_000);

  it('clears the file when the notebook opens (its cells take over), and publishes it from disk at close', async () => {
    const { notebook, cells, client } = setup;
    await client.connection.sendNotification('notebookDocument/didOpen', openParams(notebook, cells));
    await client.waitFor('the file cleared', () => published(notebook).at(-1)?.length === 0);
    await client.waitFor('the cells published', () => client.diagnostics.get(cells[2])?.at(-1));
    expect(client.diagnostics.get(cells[2])?.at(-1)?.diagnostics.map(brief)).toEqual(['N802 0:4-0:7']);
    // While open, the file is published nothing but that one empty list.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(published(notebook)).toEqual([EXPECTED, []]);

    await client.connection.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: notebook },
      cellTextDocuments: cells.map((uri) => ({ uri })),
    });
    await client.waitFor('the file published again', () => published(notebook).length === 3);
    expect(published(notebook).at(-1)).toEqual(EXPECTED);
    await client.waitFor(
      'the cells cleared',
      () => client.diagnostics.get(cells[2])?.at(-1)?.diagnostics.length === 0,
    );
  }, 60_000);

  it('checks a notebook changed on disk again', async () => {
    const { workspace, notebook, client } = setup;
    writeFileSync(path.join(workspace, 'Analysis.ipynb'), notebookText('good'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: notebook, type: 2 }],
    });
    await client.waitFor('the changed notebook', () => published(notebook).at(-1)?.length === 2);
    expect(published(notebook).at(-1)).toEqual(EXPECTED.slice(0, 2));
  }, 60_000);
});

describe("closed notebooks from the findings cache (the CLI's and the server's)", () => {
  it('answers a notebook from what `pyconv check` recorded, with its cells and places', async () => {
    await ensureBuilt();
    const workspace = makeWorkspace(FILES);
    const client = new TestClient({ workspace, pull: true, settings: { diagnosticsScope: 'workspace' } });
    try {
      // Exit status 1: the malformed notebook is an error on the command line.
      spawnSync(process.execPath, [CLI_JS, 'check', '.'], { cwd: workspace, stdio: 'pipe' });
      await client.initialize();
      const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
        previousResultIds: [],
      });
      // The malformed notebook is never cached: it is read again each time, and says why.
      expect(client.logs.find((line) => line.includes('workspace: checked'))).toContain(
        'checked 3 files, 2 from the cache',
      );
      expect(fullItems(itemsOf(report, uriOf(path.join(workspace, 'Analysis.ipynb'))))).toEqual(EXPECTED);
    } finally {
      await client.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 60_000);
});
