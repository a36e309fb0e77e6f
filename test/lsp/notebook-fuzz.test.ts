// The built server over stdio against a fresh analysis, for notebooks: the fuzzer's edit sequences
// spread over the cells of a notebook (a long last cell makes it large enough for window publishes),
// and once the user pauses the module document's findings are those of a fresh per-cell parse and
// analysis of its text (`pyconv/debugDocument`), the cells' texts the client's.
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RECONCILE_AFTER_MS } from '../../server/src/lsp/documents';
import { NotebookModule } from '../../server/src/notebook/module';
import { changeFor, fuzzCase } from '../../tools/fuzz/differential';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

interface DebugDocument {
  version: number;
  text: string;
  diagnostics: Diagnostic[];
  fresh: Diagnostic[];
}

/** A last cell that makes every notebook pass `WINDOW_MIN_LINES` (1,000). */
const LONG_CELL = Array.from({ length: 1000 }, (_, i) => `value_${i} = ${i}`).join('\n');

/** The fuzzer's starting text cut into three cells at line starts. */
function cellsOf(text: string): string[] {
  const lines = text.split('\n');
  const third = Math.ceil(lines.length / 3);
  return [0, 1, 2].map((i) => lines.slice(i * third, (i + 1) * third).join('\n'));
}

let client: TestClient;
let workspace: string;

beforeAll(async () => {
  await ensureBuilt();
  workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["ALL"]\n' });
  client = new TestClient({
    workspace,
    settings: { debounceMs: 0 },
    env: { PYCONV_DEBUG: '1' },
    capabilities: { notebookDocument: { synchronization: {} } },
  });
  await client.initialize();
}, 120_000);

afterAll(async () => {
  await client.stop();
});

describe('notebooks on the built server against a fresh analysis', () => {
  it('settles on the findings of a fresh per-cell analysis after edit sequences spread over the cells', async () => {
    let edits = 0;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase(12), async (fuzz) => {
        const notebookUri = uriOf(path.join(workspace, `n${run++}.ipynb`));
        const texts = [...cellsOf(fuzz.start), LONG_CELL];
        const cells = texts.map((text, i) =>
          TextDocument.create(`vscode-notebook-cell:${notebookUri.slice(5)}#c${i}`, 'python', 1, text),
        );
        await client.connection.sendNotification('notebookDocument/didOpen', {
          notebookDocument: {
            uri: notebookUri,
            notebookType: 'jupyter-notebook',
            version: 1,
            cells: cells.map((cell) => ({ kind: 2, document: cell.uri })),
          },
          cellTextDocuments: cells.map((cell) => ({
            uri: cell.uri,
            languageId: 'python',
            version: 1,
            text: cell.getText(),
          })),
        });
        let version = 1;
        for (const [index, batch] of fuzz.batches.entries()) {
          version++;
          // Each notification edits one of the three first cells.
          const cell = cells[index % 3];
          const changes = batch.map((edit) => {
            const change = changeFor(cell, edit);
            TextDocument.update(cell, [change], version);
            edits++;
            return change;
          });
          await client.connection.sendNotification('notebookDocument/didChange', {
            notebookDocument: { uri: notebookUri, version },
            change: { cells: { textContent: [{ document: { uri: cell.uri, version }, changes }] } },
          });
        }
        // Published at once from windows; once the user pauses, the whole analysis (in slices, of a
        // notebook past 1,000 lines: it may take a while on a loaded machine) settles it.
        await new Promise((resolve) => setTimeout(resolve, RECONCILE_AFTER_MS));
        const uri = `${notebookUri}#pyconv-notebook-module`;
        const deadline = Date.now() + 20_000;
        let debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri });
        while (JSON.stringify(debug.diagnostics) !== JSON.stringify(debug.fresh) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri });
        }
        expect(debug.version).toBe(version);
        expect(debug.text).toBe(new NotebookModule(cells.map((cell) => cell.getText())).text);
        expect(debug.diagnostics).toEqual(debug.fresh);
        await client.connection.sendNotification('notebookDocument/didClose', {
          notebookDocument: { uri: notebookUri },
          cellTextDocuments: cells.map((cell) => ({ uri: cell.uri })),
        });
      }),
      { seed: 15, numRuns: 15 },
    );
    expect(edits).toBeGreaterThan(100);
  }, 240_000);
});
