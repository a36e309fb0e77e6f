import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Message } from 'vscode-languageserver/node';
import { IncomingMessages, StdioMessageReader } from '../../server/src/lsp/message-reader';

function framed(body: string): Buffer {
  return Buffer.concat([
    Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`),
    Buffer.from(body),
  ]);
}

function listening() {
  const stream = new PassThrough();
  const incoming = new IncomingMessages();
  const reader = new StdioMessageReader(stream, incoming);
  const read: Message[] = [];
  const errors: unknown[] = [];
  reader.onError((error) => errors.push(error));
  reader.listen((message) => read.push(message));
  return { stream, incoming, reader, read, errors };
}

/** A reader whose stream gives nothing: what it reads comes from `fd`, by `inputWaiting`. */
function listeningTo(fd: number) {
  const incoming = new IncomingMessages();
  const reader = new StdioMessageReader(new PassThrough(), incoming, fd);
  const read: Message[] = [];
  reader.listen((message) => read.push(message));
  return { incoming, read };
}

const hover = { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { text: 'é ✓' } };
const change = { jsonrpc: '2.0', method: 'textDocument/didChange', params: {} };

describe('the stdio message reader', () => {
  it('gives each message to the connection as its bytes are read, in the same turn', () => {
    const { stream, read } = listening();
    stream.write(Buffer.concat([framed(JSON.stringify(change)), framed(JSON.stringify(hover))]));
    expect(read).toEqual([change, hover]);
  });

  it('reads a message split anywhere, headers and multi-byte characters included', () => {
    const bytes = Buffer.concat([framed(JSON.stringify(hover)), framed(JSON.stringify(change))]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const { stream, read } = listening();
      stream.write(bytes.subarray(0, cut));
      stream.write(bytes.subarray(cut));
      expect(read, `cut at ${cut}`).toEqual([hover, change]);
    }
  });

  it('reports a body that is not JSON or a header without Content-Length, and reads on', () => {
    const { stream, read, errors } = listening();
    stream.write(framed('{"jsonrpc": "2.0", "id": 9, "method": '));
    stream.write('Content-Type: x\r\n\r\n');
    stream.write(framed(JSON.stringify(hover)));
    expect(errors).toHaveLength(2);
    expect(read).toEqual([hover]);
  });

  it('counts the messages read and not yet dispatched, cancellations aside', () => {
    const { stream, incoming } = listening();
    expect(incoming.waiting).toBe(false);
    stream.write(framed(JSON.stringify(hover)));
    stream.write(framed(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 1 } })));
    expect(incoming.waiting).toBe(true);
    const dispatched: Message[] = [];
    incoming.strategy.handleMessage(hover, (message) => dispatched.push(message));
    expect(dispatched).toEqual([hover]);
    expect(incoming.waiting).toBe(false);
  });

  // POSIX only: the reader never reads a pipe itself on Windows (see `isPipeOrSocket`).
  it.skipIf(process.platform === 'win32')(
    'reads what waits unread in a pipe at once, without waiting when nothing does',
    () => {
      const fifo = path.join(mkdtempSync(path.join(tmpdir(), 'pyconv-reader-')), 'input');
      execFileSync('mkfifo', [fifo]);
      // Non-blocking, as Node's stream makes a pipe it reads; the stream itself is not read here.
      const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      const writeEnd = openSync(fifo, constants.O_WRONLY);
      try {
        const { incoming, read } = listeningTo(readEnd);
        expect(incoming.inputWaiting()).toBe(false);
        const bytes = Buffer.concat([framed(JSON.stringify(change)), framed(JSON.stringify(hover))]);
        writeSync(writeEnd, bytes.subarray(0, bytes.length - 3));
        // The change read whole, the hover in part: both count as input waiting.
        expect(incoming.inputWaiting()).toBe(true);
        expect(read).toEqual([change]);
        incoming.strategy.handleMessage(change, () => {});
        expect(incoming.waiting).toBe(false);
        expect(incoming.inputWaiting()).toBe(true);
        writeSync(writeEnd, bytes.subarray(bytes.length - 3));
        expect(incoming.inputWaiting()).toBe(true);
        expect(read).toEqual([change, hover]);
        incoming.strategy.handleMessage(hover, () => {});
        expect(incoming.inputWaiting()).toBe(false);
      } finally {
        closeSync(writeEnd);
        closeSync(readEnd);
        rmSync(path.dirname(fifo), { recursive: true, force: true });
      }
    },
  );

  it('never reads a descriptor that is not a pipe or a socket (it could block)', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pyconv-reader-')), 'input');
    writeFileSync(file, framed(JSON.stringify(hover)));
    const fd = openSync(file, 'r');
    try {
      const { incoming, read } = listeningTo(fd);
      expect(incoming.inputWaiting()).toBe(false);
      expect(read).toEqual([]);
    } finally {
      closeSync(fd);
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('remembers a shutdown request, for the exit code when the input ends', () => {
    const { stream, reader } = listening();
    expect(reader.shutdownRead).toBe(false);
    stream.write(framed(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' })));
    expect(reader.shutdownRead).toBe(true);
  });
});
