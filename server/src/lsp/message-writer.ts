import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { lspDiagnosticJson } from './convert';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The server's JSON-RPC writer over stdio. It writes each message at once, in the order sent,
 * rather than after an event-loop turn as vscode-jsonrpc's stream writer does (its write lock
 * waits for `setImmediate`), and it writes a `publishDiagnostics` from each diagnostic's UTF-8 JSON
 * text, made once per diagnostic (see `lspDiagnosticJson`): every keystroke publishes the whole
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
      framed = messageBuffer(msg, contentLength);
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

/** The message's JSON text in UTF-8: exactly `JSON.stringify(msg)`, a publish's diagnostics from their cached texts. */
export function messageBytes(msg: Message): Buffer {
  return messageBuffer(msg, noHeader);
}

/**
 * The message's JSON text in one buffer (one write), after the header `headerFor` gives for its
 * length in bytes. A publish's diagnostics are written from their cached texts, with no list of
 * pieces made.
 */
function messageBuffer(msg: Message, headerFor: (bodyBytes: number) => string): Buffer {
  if (!isPublishDiagnostics(msg)) return textBuffer(JSON.stringify(msg), headerFor);
  const { before, diagnostics, after } = publishParts(msg as unknown as Record<string, unknown>);
  const count = diagnostics.length;
  // Brackets, and a comma between two diagnostics.
  let length =
    Buffer.byteLength(before, 'utf8') + Buffer.byteLength(after, 'utf8') + 2 + Math.max(0, count - 1);
  for (let index = 0; index < count; index++) length += lspDiagnosticJson(diagnostics[index]).bytes;
  const header = headerFor(length);
  const bytes = Buffer.allocUnsafe(header.length + length);
  let at = bytes.write(header, 'ascii');
  at += bytes.write(before, at, 'utf8');
  bytes[at++] = OPEN_BRACKET;
  for (let index = 0; index < count; index++) {
    if (index > 0) bytes[at++] = COMMA;
    const { text, bytes: size } = lspDiagnosticJson(diagnostics[index]);
    // ASCII (the usual text) is the same in Latin-1, which is written faster.
    at += bytes.write(text, at, size === text.length ? 'latin1' : 'utf8');
  }
  bytes[at++] = CLOSE_BRACKET;
  bytes.write(after, at, 'utf8');
  return bytes;
}

/** A publish's JSON text around its diagnostics array. */
interface PublishParts {
  before: string;
  diagnostics: readonly unknown[];
  after: string;
}

function publishParts(msg: Record<string, unknown>): PublishParts {
  const chunks: string[] = [];
  let before = '';
  let diagnostics: readonly unknown[] = [];
  objectChunks(msg, chunks, (key, value) => {
    if (key !== 'params') chunks.push(JSON.stringify(value));
    else
      objectChunks(value as Record<string, unknown>, chunks, (name, field) => {
        if (name !== 'diagnostics') {
          chunks.push(JSON.stringify(field));
          return;
        }
        before = chunks.join('');
        chunks.length = 0;
        diagnostics = field as readonly unknown[];
      });
  });
  return { before, diagnostics, after: chunks.join('') };
}

function contentLength(bytes: number): string {
  return `Content-Length: ${bytes}\r\n\r\n`;
}

/** No header: the body alone (`messageBytes`). */
function noHeader(): string {
  return '';
}

/** The header `headerFor` gives and `body` in UTF-8, in one buffer. */
function textBuffer(body: string, headerFor: (bodyBytes: number) => string): Buffer {
  const length = Buffer.byteLength(body, 'utf8');
  const header = headerFor(length);
  const bytes = Buffer.allocUnsafe(header.length + length);
  bytes.write(body, bytes.write(header, 'ascii'), 'utf8');
  return bytes;
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

/** An object's JSON text, each property's value pushed by `valueChunks` (undefined values left out, as JSON does). */
function objectChunks(
  object: Record<string, unknown>,
  chunks: string[],
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
