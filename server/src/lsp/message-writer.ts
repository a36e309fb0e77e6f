import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { lspDiagnosticBytes } from './convert';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
const COMMA = Buffer.from(',');

/**
 * The server's JSON-RPC writer over stdio. It writes each message at once, in the order sent,
 * rather than after an event-loop turn as vscode-jsonrpc's stream writer does (its write lock
 * waits for `setImmediate`), and it writes a `publishDiagnostics` from each diagnostic's UTF-8 JSON
 * text, made once per diagnostic (see `lspDiagnosticBytes`): every keystroke publishes the whole
 * file's diagnostics, almost all of them the same objects as the last time, and stringifying and
 * encoding all of them again was most of a publish's cost (2k lines: ~640 diagnostics, 160 kB).
 */
export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let framed: Buffer;
    try {
      framed = framedMessage(messageChunks(msg));
    } catch (error) {
      this.fireError(error, msg);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(framed, (error) => {
        if (!error) {
          resolve();
          return;
        }
        this.errorCount++;
        this.fireError(error, msg, this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}

/** The message's JSON text in UTF-8: exactly `JSON.stringify(msg)`, a publish's diagnostics from their cached bytes. */
export function messageBytes(msg: Message): Buffer {
  return Buffer.concat(messageChunks(msg).map(chunkBytes));
}

/** The message's JSON text in pieces, in order. */
function messageChunks(msg: Message): Chunk[] {
  if (!isPublishDiagnostics(msg)) return [JSON.stringify(msg)];
  const chunks: Chunk[] = [];
  objectChunks(msg as unknown as Record<string, unknown>, chunks, (key, value) => {
    if (key !== 'params') chunks.push(JSON.stringify(value));
    else
      objectChunks(value as Record<string, unknown>, chunks, (name, field) =>
        paramChunks(name, field, chunks),
      );
  });
  return chunks;
}

type Chunk = string | Buffer;

function chunkBytes(chunk: Chunk): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/** `Content-Length` header and body in one buffer: one write. */
function framedMessage(chunks: readonly Chunk[]): Buffer {
  const parts = chunks.map(chunkBytes);
  let length = 0;
  for (const part of parts) length += part.length;
  const header = `Content-Length: ${length}\r\n\r\n`;
  const framed = Buffer.allocUnsafe(header.length + length);
  let at = framed.write(header, 'ascii');
  for (const part of parts) at += part.copy(framed, at);
  return framed;
}

function isPublishDiagnostics(msg: Message): boolean {
  const { method, params } = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  return (
    method === PUBLISH_DIAGNOSTICS &&
    typeof params === 'object' &&
    params !== null &&
    Array.isArray(params.diagnostics) &&
    // `JSON.stringify` would call these: the pieces would not.
    typeof (msg as { toJSON?: unknown }).toJSON !== 'function' &&
    typeof (params as { toJSON?: unknown }).toJSON !== 'function'
  );
}

function paramChunks(key: string, value: unknown, chunks: Chunk[]): void {
  if (key !== 'diagnostics') {
    chunks.push(JSON.stringify(value));
    return;
  }
  const items = value as readonly unknown[];
  chunks.push('[');
  for (let index = 0; index < items.length; index++) {
    if (index > 0) chunks.push(COMMA);
    chunks.push(lspDiagnosticBytes(items[index]));
  }
  chunks.push(']');
}

/** An object's JSON text, each property's value pushed by `valueChunks` (undefined values left out, as JSON does). */
function objectChunks(
  object: Record<string, unknown>,
  chunks: Chunk[],
  valueChunks: (key: string, value: unknown) => void,
): void {
  let first = true;
  chunks.push('{');
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    chunks.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    valueChunks(key, value);
  }
  chunks.push('}');
}
