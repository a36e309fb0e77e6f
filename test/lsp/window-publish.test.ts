/**
 * Typing into a file large enough for the window publish (lsp/window-publish.ts), through the built
 * server: every version is published at once, requests are answered between keystrokes, and once
 * the user pauses the published diagnostics are those of a fresh analysis of the text.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RECONCILE_AFTER_MS } from '../../server/src/lsp/documents';
import { WINDOW_MIN_LINES } from '../../server/src/lsp/window-publish';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

let client: TestClient;
let uri: string;

beforeAll(async () => {
  await ensureBuilt();
  const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["ALL"]\n' });
  client = new TestClient({
    workspace,
    settings: { debounceMs: 0 },
    env: { PYCONV_DEBUG: '1' },
    recordOutput: true,
  });
  await client.initialize();
  uri = uriOf(path.join(workspace, 'large.py'));
}, 120_000);

afterAll(() => client.stop());

function largeModule(): string {
  const parts = ['"""A module."""\nimport os\nfrom typing import Optional\n\n\n'];
  for (let i = 0; parts.length * 6 < WINDOW_MIN_LINES + 300; i++)
    parts.push(
      `def helper_${i}(value: Optional[int]) -> int:\n    """Add one."""\n    return (value or 0) + 1\n\n\n`,
    );
  parts.push('def LastOne():\n    """Flagged N802."""\n');
  return parts.join('');
}

const TYPED = 'def Typed(a, b=[]):\n    """Unclosed for a while\n    x = (a,\n    return os.sep\n    """\n';

describe('typing into a large file: window publish, then the whole file once paused', () => {
  it('publishes every keystroke and settles on a fresh analysis', async () => {
    const source = largeModule();
    const local = TextDocument.create(uri, 'python', 1, source);
    await client.open(uri, source);
    await client.diagnosticsFor(uri, 1);
    await new Promise((resolve) => setTimeout(resolve, RECONCILE_AFTER_MS + 300));
    const line = source.split('\n').indexOf('def helper_100(value: Optional[int]) -> int:');
    let offset = local.offsetAt({ line, character: 0 });
    let version = 1;
    for (const character of TYPED) {
      version++;
      const at = local.positionAt(offset);
      const change = { range: { start: at, end: at }, text: character };
      TextDocument.update(local, [change], version);
      offset += character.length;
      await client.change(uri, version, [change]);
      const published = await client.diagnosticsFor(uri, version);
      // Through the unclosed `"""` the whole file's parse reads the rest as one string; the window does not.
      if (local.getText().slice(0, offset).endsWith('Unclosed'))
        expect(published.some((d) => d.code === 'N802' && d.message.includes('LastOne'))).toBe(true);
      if (version % 10 === 0) {
        const hover = client.request('textDocument/hover', { textDocument: { uri }, position: at });
        await expect(hover).resolves.toBeDefined();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, RECONCILE_AFTER_MS + 1_500));
    const settled = await client.diagnosticsFor(uri, version);
    const debug = await client.request<{ text: string; fresh: Diagnostic[] }>('pyconv/debugDocument', {
      uri,
    });
    expect(debug.text).toBe(local.getText());
    expect(settled).toEqual(debug.fresh);
    expect(settled.some((d) => d.code === 'B006')).toBe(true);
  }, 120_000);

  it("answers a request read with a keystroke before that keystroke's publish", async () => {
    const version = 1_000;
    const at = { line: 3, character: 0 };
    const change = {
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: '#' }],
      },
    };
    const id = 'read-with-the-keystroke';
    const hover = {
      jsonrpc: '2.0',
      id,
      method: 'textDocument/hover',
      params: { textDocument: { uri }, position: at },
    };
    // One write: the server reads both before it analyses the keystroke's window.
    client.writeRaw(Buffer.concat([change, hover].map(framed)));
    await client.diagnosticsFor(uri, version);
    const output = client.output;
    const response = output.indexOf(`"id":"${id}"`);
    expect(response).toBeGreaterThan(-1);
    expect(response).toBeLessThan(output.indexOf(`"version":${version},"diagnostics"`));
  }, 60_000);
});

function framed(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}
