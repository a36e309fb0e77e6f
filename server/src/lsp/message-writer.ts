import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { hasLastingJson, lspDiagnosticJson } from './convert';

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
  private readonly publishes = new LastPublish();

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let framed: Buffer;
    try {
      framed = messageBuffer(msg, contentLength, this.publishes);
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

/**
 * The message's JSON text in UTF-8: exactly `JSON.stringify(msg)`, a publish's diagnostics from
 * their cached texts (with `last`, the runs it shares with the publish made before copied from it).
 */
export function messageBytes(msg: Message, last?: LastPublish): Buffer {
  return messageBuffer(msg, noHeader, last);
}

/**
 * The bytes of the last publish made, and where each of its diagnostics lies in them. A keystroke's
 * publish shares most of its diagnostics with the one before, the very same objects (whose JSON
 * never changes: see `hasLastingJson`): all those before the edit, and all those after it unless
 * lines moved. Their bytes are copied in two runs rather than written one diagnostic at a time
 * (at 10k lines ~1,500 writes per publish). Only the last publish is kept (the document typed in).
 */
export class LastPublish {
  private last: WrittenPublish | undefined;

  /** How many diagnostics at the start and at the end of `diagnostics` the last publish of `uri` had too. */
  sharedRuns(uri: unknown, diagnostics: readonly unknown[]): SharedRuns | undefined {
    const last = this.last;
    if (!last || last.uri !== uri) return undefined;
    const old = last.diagnostics;
    const most = Math.min(old.length, diagnostics.length);
    let head = 0;
    while (head < most && diagnostics[head] === old[head] && hasLastingJson(old[head])) head++;
    let tail = 0;
    while (
      head + tail < most &&
      diagnostics[diagnostics.length - 1 - tail] === old[old.length - 1 - tail] &&
      hasLastingJson(old[old.length - 1 - tail])
    )
      tail++;
    return head + tail > 0 ? { head, tail, from: last } : undefined;
  }

  remember(written: WrittenPublish): void {
    this.last = written;
  }
}

/** A publish made into bytes: where each diagnostic's JSON text starts and ends in `bytes`. */
interface WrittenPublish {
  uri: unknown;
  diagnostics: readonly unknown[];
  bytes: Buffer;
  starts: Uint32Array;
  ends: Uint32Array;
}

/** The first `head` and last `tail` diagnostics of a publish, the same as in `from`'s. */
interface SharedRuns {
  head: number;
  tail: number;
  from: WrittenPublish;
}

/**
 * The message's JSON text in one buffer (one write), after the header `headerFor` gives for its
 * length in bytes. A publish's diagnostics are written from their cached texts, with no list of
 * pieces made, and those it shares with the last publish copied from its bytes.
 */
function messageBuffer(
  msg: Message,
  headerFor: (bodyBytes: number) => string,
  last: LastPublish | undefined,
): Buffer {
  if (!isPublishDiagnostics(msg)) return textBuffer(JSON.stringify(msg), headerFor);
  const { before, diagnostics, after } = publishParts(msg as unknown as Record<string, unknown>);
  const uri = (msg as unknown as { params: { uri?: unknown } }).params.uri;
  const count = diagnostics.length;
  const shared = last?.sharedRuns(uri, diagnostics);
  const head = shared?.head ?? 0;
  const tail = shared?.tail ?? 0;
  const tailFrom = (shared?.from.diagnostics.length ?? 0) - tail;
  // Where diagnostic `index` is in the last publish, if it is one of the shared runs.
  const sharedAt = (index: number) =>
    index < head ? index : index >= count - tail ? index - (count - tail) + tailFrom : -1;
  // Brackets, and a comma between two diagnostics.
  let length =
    Buffer.byteLength(before, 'utf8') + Buffer.byteLength(after, 'utf8') + 2 + Math.max(0, count - 1);
  for (let index = 0; index < count; index++) {
    const at = shared ? sharedAt(index) : -1;
    length +=
      at >= 0 && shared
        ? shared.from.ends[at] - shared.from.starts[at]
        : lspDiagnosticJson(diagnostics[index]).bytes;
  }
  const header = headerFor(length);
  const bytes = Buffer.allocUnsafe(header.length + length);
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  let at = bytes.write(header, 'ascii');
  at += bytes.write(before, at, 'utf8');
  bytes[at++] = OPEN_BRACKET;
  const into = { bytes, starts, ends };
  if (shared && head > 0) at = copyRun(shared.from, 0, head, into, at, 0);
  for (let index = head; index < count - tail; index++) {
    if (index > 0) bytes[at++] = COMMA;
    const { text, bytes: size } = lspDiagnosticJson(diagnostics[index]);
    starts[index] = at;
    // ASCII (the usual text) is the same in Latin-1, which is written faster.
    at += bytes.write(text, at, size === text.length ? 'latin1' : 'utf8');
    ends[index] = at;
  }
  if (shared && tail > 0) {
    if (count - tail > 0) bytes[at++] = COMMA;
    at = copyRun(shared.from, tailFrom, tail, into, at, count - tail);
  }
  bytes[at++] = CLOSE_BRACKET;
  bytes.write(after, at, 'utf8');
  last?.remember({ uri, diagnostics, bytes, starts, ends });
  return bytes;
}

/**
 * Copies `run` diagnostics of `from`, starting with its `first`, into `into.bytes` at `at` (with the
 * commas between them) as its diagnostics from `index` on, and records where each now lies;
 * returns where the run ends.
 */
function copyRun(
  from: WrittenPublish,
  first: number,
  run: number,
  into: Pick<WrittenPublish, 'bytes' | 'starts' | 'ends'>,
  at: number,
  index: number,
): number {
  const start = from.starts[first];
  const shift = at - start;
  for (let offset = 0; offset < run; offset++) {
    into.starts[index + offset] = from.starts[first + offset] + shift;
    into.ends[index + offset] = from.ends[first + offset] + shift;
  }
  return at + from.bytes.copy(into.bytes, at, start, from.ends[first + run - 1]);
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
