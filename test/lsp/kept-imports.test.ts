/**
 * F401 in the editor, over stdio against the built server: an import its module never reads but
 * another module of the workspace imports from it (`from .compat import json`, as requests does)
 * keeps its finding, and its quick fix is shown disabled with the reason; fix-all leaves it and
 * removes the imports nobody uses.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { JSON_FALLBACK, MODELS_IMPORTING_JSON } from '../helpers/compat-package';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const COMPAT = `${JSON_FALLBACK}import os\n`;

const FILES: Record<string, string> = {
  'pyproject.toml': '[tool.pyconv]\nselect = ["F401"]\n',
  'pkg/__init__.py': '',
  'pkg/compat.py': COMPAT,
  'pkg/models.py': MODELS_IMPORTING_JSON,
};

describe('F401 quick fix of an import other modules import', () => {
  let workspace: string;
  let client: TestClient;
  const uri = () => uriOf(path.join(workspace, 'pkg/compat.py'));

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace(FILES);
    client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: {
        textDocument: {
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            disabledSupport: true,
          },
        },
        workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
      },
    });
    await client.initialize();
    await client.waitFor('the project index', () =>
      client.logs.find((line) => line.includes('project index:')),
    );
    await client.open(uri(), COMPAT, 1);
  }, 120_000);

  afterAll(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  const quickFixes = (diagnostic: Diagnostic) =>
    client
      .request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: uri() },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })
      .then((actions) => actions.filter((action) => action.title.startsWith('Remove unused import')));

  it('keeps the finding and shows its fix disabled with the reason', async () => {
    const diagnostics = await client.diagnosticsFor(uri(), 1);
    const json = diagnostics.find((d) => d.code === 'F401' && d.message.startsWith('`json`'))!;
    expect(json.range).toEqual({ start: { line: 5, character: 11 }, end: { line: 5, character: 15 } });
    expect(await quickFixes(json)).toEqual([
      {
        title: 'Remove unused import: `json`',
        kind: 'quickfix',
        diagnostics: [json],
        disabled: { reason: 'other modules import `json` from this module (pkg/models.py)' },
      },
    ]);
    const os = diagnostics.find((d) => d.code === 'F401' && d.message.startsWith('`os`'))!;
    const [removeOs] = await quickFixes(os);
    expect(removeOs.disabled).toBeUndefined();
    expect(removeOs.edit).toBeDefined();
  });

  it('fix-all removes only the imports no module uses', async () => {
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const edits =
      (fixAll.edit!.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits ??
      fixAll.edit!.changes![uri()];
    const after = TextDocument.applyEdits(TextDocument.create(uri(), 'python', 1, COMPAT), edits);
    expect(after).toBe(COMPAT.replace('import os\n', ''));
  });
});
