import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../server/src/engine/types';
import { toLspDiagnostic } from '../../server/src/lsp/convert';
import { LastPublish, messageBytes, StdioMessageWriter } from '../../server/src/lsp/message-writer';

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

  it('copies the diagnostics a publish shares with the last one from its bytes, exactly as JSON.stringify', () => {
    const last = new LastPublish();
    const convert = (lines: number[], code = 'D103') =>
      lines.map((line) => toLspDiagnostic(engineDiagnostic(line, code, `line ${line} \u00e9`)));
    const base = convert([0, 1, 2, 3, 4, 5]);
    const publish = (diagnostics: unknown[], uri = 'file:///a.py', version = 1) => ({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri, version, diagnostics },
    });
    const [edited] = convert([3], 'N802');
    const other = { range: base[0].range, message: 'not converted', code: 7 };
    const sequences: unknown[][] = [
      base,
      base, // all shared
      [...base.slice(0, 3), edited, ...base.slice(4)], // one changed in the middle
      [edited, ...base.slice(1)], // at the start
      [...base.slice(0, 5), edited], // at the end
      [...base.slice(0, 2), ...base.slice(4)], // two removed
      [...base.slice(0, 2), edited, ...convert([7, 8]), ...base.slice(2)], // three inserted
      [base[0], other, base[2]], // one not converted by us, between shared ones
      [other, ...base.slice(1)],
      [],
      base,
      convert([9]),
    ];
    for (const [index, diagnostics] of sequences.entries()) {
      const msg = publish(diagnostics, 'file:///a.py', index);
      expect(messageBytes(msg, last).toString('utf8'), `publish ${index}`).toBe(JSON.stringify(msg));
    }
    other.message = 'changed since';
    const msg = publish([base[0], other, base[2]]);
    expect(messageBytes(msg, last).toString('utf8')).toBe(JSON.stringify(msg));
    // Another document's publish shares nothing, even the same objects.
    const elsewhere = publish(base, 'file:///b \u00e9.py');
    expect(messageBytes(elsewhere, last).toString('utf8')).toBe(JSON.stringify(elsewhere));
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
