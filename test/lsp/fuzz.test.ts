import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { RECONCILE_AFTER_MS } from '../../server/src/lsp/documents';
import { changeFor, fuzzCase } from '../../tools/fuzz/differential';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

interface DebugDocument {
  version: number;
  text: string;
  diagnostics: Diagnostic[];
  fresh: Diagnostic[];
}

let client: TestClient;
let workspace: string;

beforeAll(async () => {
  await ensureBuilt();
  workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["ALL"]\n' });
  client = new TestClient({ workspace, settings: { debounceMs: 0 }, env: { PYCONV_DEBUG: '1' } });
  await client.initialize();
}, 120_000);

afterAll(async () => {
  await client.stop();
});

describe('the built server over stdio against a fresh analysis', () => {
  it('keeps the client text and settles on fresh-analysis diagnostics after random and typed edit sequences', async () => {
    let edits = 0;
    let published = 0;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase(12), async (fuzz) => {
        const uri = uriOf(path.join(workspace, `f${run++}.py`));
        const local = TextDocument.create(uri, 'python', 1, fuzz.start);
        await client.open(uri, fuzz.start);
        let version = 1;
        for (const batch of fuzz.batches) {
          version++;
          const changes: TextDocumentContentChangeEvent[] = [];
          for (const edit of batch) {
            const change = changeFor(local, edit);
            TextDocument.update(local, [change], version);
            changes.push(change);
            edits++;
          }
          await client.change(uri, version, changes);
        }
        await client.diagnosticsFor(uri, version);
        // Published at once from the incremental tree; once the user pauses, the tree is reconciled
        // with a fresh parse and a changed result published again: that settled state is compared.
        await new Promise((resolve) => setTimeout(resolve, RECONCILE_AFTER_MS + 600));
        const diagnostics = await client.diagnosticsFor(uri, version);
        published += diagnostics.length;
        const debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri });
        expect(debug.version).toBe(version);
        expect(debug.text).toBe(local.getText());
        expect(diagnostics).toEqual(debug.fresh);
        expect(debug.diagnostics).toEqual(debug.fresh);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }),
      { seed: 8, numRuns: 25 },
    );
    expect(edits).toBeGreaterThan(150);
    expect(published).toBeGreaterThan(50);
  }, 120_000);

  it('answers the debug request only for open documents, with an error otherwise', async () => {
    await expect(client.request('pyconv/debugDocument', { uri: 'file:///never/opened.py' })).rejects.toThrow(
      /is not open/,
    );
    await expect(client.request('pyconv/debugDocument', { uri: 5 })).rejects.toThrow(
      /needs \{ uri: string \}/,
    );
  });
});
