import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const ADVERSARIAL = path.resolve(__dirname, '../fixtures/adversarial');

/** A file that draws every kind of action: quick fixes, a stale docstring, unsorted imports. */
const EVERY_KIND = [
  'import sys',
  'import os',
  '',
  '',
  'class bad_name:',
  '    pass',
  '',
  '',
  'def scale(value, factor):',
  '    """Scale a value.',
  '',
  '    Args:',
  '        value: The value.',
  '    """',
  '    try:',
  '        return value * factor',
  '    except:',
  '        return None',
  '',
].join('\n');

/** Every code action kind the server returns over a set of files, asked the ways editors ask. */
describe('code action kinds', () => {
  let client: TestClient;
  let workspace: string;

  beforeAll(async () => {
    await ensureBuilt();
    const files: Record<string, string> = { 'every_kind.py': EVERY_KIND };
    for (const name of readdirSync(ADVERSARIAL).filter((file) => file.endsWith('.py')))
      files[name] = readFileSync(path.join(ADVERSARIAL, name), 'utf8');
    workspace = makeWorkspace(files);
    client = new TestClient({ workspace, settings: { debounceMs: 0, select: ['ALL'] } });
    await client.initialize();
    for (const [name, text] of Object.entries(files))
      await client.open(uriOf(path.join(workspace, name)), text);
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  it('announces every kind any code action returns, and returns every kind it announces', async () => {
    for (const name of readdirSync(workspace)) {
      const uri = uriOf(path.join(workspace, name));
      const diagnostics = await client.diagnosticsFor(uri, 1);
      let unresolved: CodeAction | undefined;
      const lines = new Set([0, 9, ...diagnostics.map((d) => d.range.start.line)]);
      for (const line of lines) {
        const onLine = diagnostics.filter((d: Diagnostic) => d.range.start.line === line);
        const range = { start: { line, character: 0 }, end: { line, character: 0 } };
        // The light bulb's request on every line with findings; the filtered ones (source actions
        // compute the whole file's fixes) once, beside the stale docstring.
        const filters =
          line === 0 || line === 9 ? [undefined, ['quickfix'], ['refactor'], ['source']] : [undefined];
        for (const only of filters) {
          // `request` fails on a kind that was not announced.
          const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri },
            range: onLine[0]?.range ?? range,
            context: { diagnostics: onLine, ...(only ? { only } : {}) },
          });
          unresolved ??= actions.find((a) => a.data !== undefined);
        }
      }
      if (unresolved) await client.request<CodeAction>('codeAction/resolve', unresolved);
    }
    // A notebook's fix-all (`notebook.codeActionsOnSave`).
    const notebook = uriOf(path.join(workspace, 'every_kind.ipynb'));
    const cell = `vscode-notebook-cell:${notebook.slice('file:'.length)}#cell0`;
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: notebook,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: [{ kind: 2, document: cell }],
      },
      cellTextDocuments: [{ uri: cell, languageId: 'python', version: 1, text: EVERY_KIND }],
    });
    await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['notebook.source.fixAll'] },
    });
    const provider = client.initializeResult?.capabilities.codeActionProvider;
    const announced = typeof provider === 'object' ? provider.codeActionKinds : [];
    expect([...client.codeActionKinds].sort()).toEqual([...(announced ?? [])].sort());
  }, 120_000);
});
