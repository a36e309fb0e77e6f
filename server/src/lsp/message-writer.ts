import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { lspDiagnosticJson } from './convert';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

/**
 * The server's JSON-RPC writer over stdio. It writes each message at once, in the order sent,
 * rather than after an event-loop turn as vscode-jsonrpc's stream writer does (its write lock
 * waits for `setImmediate`), and it writes a `publishDiagnostics` from each diagnostic's JSON text,
 * made once per diagnostic (see `lspDiagnosticJson`): every keystroke publishes the whole file's
 * diagnostics, almost all of them the same objects as the last time, and stringifying all of them
 * again was most of a publish's cost (2k lines: ~640 diagnostics, 160 kB).
 */
export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let text: string;
    try {
      text = messageText(msg);
    } catch (error) {
      this.fireError(error, msg);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(
        `Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`,
        'utf8',
        (error) => {
          if (!error) {
            resolve();
            return;
          }
          this.errorCount++;
          this.fireError(error, msg, this.errorCount);
          reject(error);
        },
      );
    });
  }

  end(): void {
    this.stream.end();
  }
}

/** The message's JSON text: exactly `JSON.stringify(msg)`, a publish's diagnostics from their cached texts. */
export function messageText(msg: Message): string {
  if (!isPublishDiagnostics(msg)) return JSON.stringify(msg);
  return objectText(msg as unknown as Record<string, unknown>, (key, value) =>
    key === 'params' ? objectText(value as Record<string, unknown>, paramText) : JSON.stringify(value),
  );
}

function isPublishDiagnostics(msg: Message): boolean {
  const { method, params } = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  return (
    method === PUBLISH_DIAGNOSTICS &&
    typeof params === 'object' &&
    params !== null &&
    Array.isArray(params.diagnostics) &&
    // `JSON.stringify` would call these: the fast path would not.
    typeof (msg as { toJSON?: unknown }).toJSON !== 'function' &&
    typeof (params as { toJSON?: unknown }).toJSON !== 'function'
  );
}

function paramText(key: string, value: unknown): string | undefined {
  if (key !== 'diagnostics') return JSON.stringify(value);
  const items = value as readonly unknown[];
  const texts: string[] = new Array(items.length);
  for (let index = 0; index < items.length; index++) texts[index] = lspDiagnosticJson(items[index]) ?? 'null';
  return `[${texts.join(',')}]`;
}

/** An object's JSON text with each property's value as `valueText` gives it (undefined: left out, as JSON does). */
function objectText(
  object: Record<string, unknown>,
  valueText: (key: string, value: unknown) => string | undefined,
): string {
  const parts: string[] = [];
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const text = valueText(key, value);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
