import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../server/src/engine/types';
import { toLspDiagnostic } from '../../server/src/lsp/convert';
import { messageBytes, StdioMessageWriter } from '../../server/src/lsp/message-writer';

const engineDiagnostic = (line: number, code: string, message: string): Diagnostic => ({
  code,
  message,
  severity: 'warning',
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  fix: null,
});

describe('the stdio message writer', () => {
  it('writes a publish exactly as JSON.stringify, from cached diagnostic texts', () => {
    const converted = [
      toLspDiagnostic(engineDiagnostic(1, 'D103', 'Missing docstring in "public" function \u00e9')),
      toLspDiagnostic(engineDiagnostic(2, 'E999', 'SyntaxError: unexpected \\ token')),
    ];
    // Not converted by us: stringified as it is, each time.
    const other = { range: converted[0].range, message: 'other', code: 7 };
    const msg = {
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri: 'file:///a%20b.py', version: undefined, diagnostics: [...converted, other] },
    };
    expect(messageBytes(msg).toString('utf8')).toBe(JSON.stringify(msg));
    // The second time from the cache: still the same text.
    expect(messageBytes(msg).toString('utf8')).toBe(JSON.stringify(msg));
    other.message = 'changed';
    expect(messageBytes(msg).toString('utf8')).toBe(JSON.stringify(msg));
    const request = { jsonrpc: '2.0', id: 3, method: 'workspace/configuration', params: { items: [] } };
    expect(messageBytes(request).toString('utf8')).toBe(JSON.stringify(request));
  });

  it('writes every converted diagnostic as JSON.stringify does, whatever its code, severity and message', () => {
    const messages = [
      'plain',
      'quote " and \\ backslash',
      'tab\tnew\nline \u0001',
      '\u00e9\u2026 \ud83d\ude00',
      'lone \ud800',
    ];
    const severities = ['error', 'warning', 'information', 'hint'] as const;
    const diagnostics = messages.flatMap((message, index) =>
      ['E999', 'D103', 'ANN001'].flatMap((code) =>
        severities.map((severity) =>
          toLspDiagnostic({ ...engineDiagnostic(index, code, message), severity }),
        ),
      ),
    );
    const msg = {
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri: 'file:///a.py', diagnostics },
    };
    expect(messageBytes(msg).toString('utf8')).toBe(JSON.stringify(msg));
    expect(messageBytes(msg).toString('utf8')).toBe(JSON.stringify(msg));
  });

  it('frames each message with its length in bytes, in the order written', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new StdioMessageWriter(stream);
    const first = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'h\u00e9llo' } };
    const second = { jsonrpc: '2.0', id: 1, result: null };
    // Publishes: text before and after the diagnostics (not ASCII), one diagnostic, none.
    const method = 'textDocument/publishDiagnostics';
    const diagnostics = [toLspDiagnostic(engineDiagnostic(0, 'N802', 'Function name `f\u00e9` \u2026'))];
    const third = { jsonrpc: '2.0', method, params: { uri: 'file:///\u00e9.py', diagnostics, version: 4 } };
    const fourth = { jsonrpc: '2.0', method, params: { uri: 'file:///a.py', version: 5, diagnostics: [] } };
    await Promise.all([first, second, third, fourth].map((msg) => writer.write(msg)));
    const body = (msg: object) => JSON.stringify(msg);
    const framed = (msg: object) => `Content-Length: ${Buffer.byteLength(body(msg))}\r\n\r\n${body(msg)}`;
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      framed(first) + framed(second) + framed(third) + framed(fourth),
    );
  });
});
