import { fork } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { brief, ensureBuilt, makeWorkspace, SERVER_JS, TestClient, uriOf } from './helpers';

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

const REQUEST = 'import requests\n\nrequests.get(url)\n';

async function quickFixFor(client: TestClient, uri: string): Promise<CodeAction> {
  await client.open(uri, REQUEST);
  const diagnostics = await client.diagnosticsFor(uri, 1);
  expect(diagnostics.map(brief)).toEqual(['S113 2:0-2:12']);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics, only: ['quickfix'] },
  });
  return actions[0];
}

describe('snippet fixes', () => {
  const pyproject = '[tool.pyconv]\nselect = ["S113"]\n';

  it('sends plain text to clients without snippet edits', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': pyproject });
    const client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'call.py'));
      const action = await quickFixFor(client, uri);
      expect(action.title).toBe('Add a `timeout=` argument (unsafe)');
      expect(action.edit).toEqual({
        changes: {
          [uri]: [
            {
              range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } },
              newText: ', timeout=10',
            },
          ],
        },
      });
    } finally {
      await client.stop();
    }
  });

  it('sends snippet text edits to clients that take them', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': pyproject });
    const client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: {
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true, snippetEditSupport: true } as Record<string, unknown>,
        },
      },
    });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'call.py'));
      const action = await quickFixFor(client, uri);
      expect(action.edit).toEqual({
        documentChanges: [
          {
            textDocument: { uri, version: 1 },
            edits: [
              {
                range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } },
                // biome-ignore lint/suspicious/noTemplateCurlyInString: LSP snippet syntax, not a template.
                snippet: { kind: 'snippet', value: ', timeout=${1:10}' },
              },
            ],
          },
        ],
      });
    } finally {
      await client.stop();
    }
  });
});

describe('--node-ipc', () => {
  it('serves over node IPC', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n' });
    const child = fork(SERVER_JS, ['--node-ipc'], { cwd: workspace, silent: true });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => {
      connection.onNotification('textDocument/publishDiagnostics', resolve);
    });
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(workspace).href,
        capabilities: {},
      })) as { serverInfo: { name: string } };
      expect(result.serverInfo.name).toBe('pyconv');
      await connection.sendNotification('initialized', {});
      const uri = uriOf(path.join(workspace, 'ipc.py'));
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'python', version: 1, text: 'class lower_case: pass\n' },
      });
      const params = await published;
      expect(params.diagnostics.map((d: Diagnostic) => brief(d))).toEqual(['N801 0:6-0:16']);
    } finally {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (child.exitCode === null) child.kill();
    }
  });

  it('refuses to start without a transport, with a usage message', async () => {
    const child = fork(SERVER_JS, [], { silent: true });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: node server.js --stdio');
  });
});
