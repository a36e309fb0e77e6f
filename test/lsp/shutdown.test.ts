// LSP "Shutdown Request": after `shutdown`, every request is answered InvalidRequest (-32600).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const INVALID_REQUEST = -32600;

beforeAll(ensureBuilt, 120_000);

describe('requests after shutdown', () => {
  const workspace = makeWorkspace({});
  const client = new TestClient({ workspace });
  const file = uriOf(path.join(workspace, 'a.py'));
  const position = { line: 0, character: 1 };

  beforeAll(async () => {
    await client.initialize();
    await client.open(file, 'import os\n');
    await client.diagnosticsFor(file, 1);
  });
  afterAll(() => client.stop());

  it('answers them before shutdown', async () => {
    await expect(
      client.request('textDocument/hover', { textDocument: { uri: file }, position }),
    ).resolves.toBeDefined();
  });

  it('answers every request after shutdown with InvalidRequest', async () => {
    await client.request('shutdown', null);
    const requests: Array<[string, unknown]> = [
      ['textDocument/hover', { textDocument: { uri: file }, position }],
      ['textDocument/completion', { textDocument: { uri: file }, position }],
      [
        'textDocument/codeAction',
        {
          textDocument: { uri: file },
          range: { start: position, end: position },
          context: { diagnostics: [] },
        },
      ],
      ['textDocument/rename', { textDocument: { uri: file }, position, newName: 'x' }],
    ];
    for (const [method, params] of requests) {
      await expect(client.request(method, params), method).rejects.toMatchObject({ code: INVALID_REQUEST });
    }
  });
});
