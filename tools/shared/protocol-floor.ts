/**
 * The floor of a keystroke's round trip through the protocol, whatever the server does: a process
 * that answers each `didChange` at once with a publish made beforehand (the same bytes every time),
 * read and decoded by the same client stack as the language server's (vscode-jsonrpc). What the
 * bench's typing figures cost beyond it is the server's work and its own input and output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/**
 * The answering process, as a script for `node -e`: it counts the messages it reads (by their
 * `Content-Length` headers) and writes the publish, framed, once per message.
 */
const ANSWERER = `
const { readFileSync } = require('node:fs');
const body = readFileSync(process.argv[1]);
const framed = Buffer.concat([Buffer.from('Content-Length: ' + body.length + '\\r\\n\\r\\n', 'ascii'), body]);
let pending = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const headerEnd = pending.indexOf('\\r\\n\\r\\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\\d+)/i.exec(pending.toString('ascii', 0, headerEnd))[1]);
    if (pending.length < headerEnd + 4 + length) return;
    pending = pending.subarray(headerEnd + 4 + length);
    process.stdout.write(framed);
  }
});
`;

/** Milliseconds from each of `rounds` `didChange`s to the publish of `diagnostics` it is answered with. */
export async function protocolFloor(uri: string, diagnostics: unknown, rounds: number): Promise<number[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'pyconv-floor-'));
  const payload = path.join(folder, 'publish.json');
  writeFileSync(
    payload,
    JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri, diagnostics },
    }),
  );
  const child = spawn(process.execPath, ['-e', ANSWERER, payload]);
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  let answered: () => void = () => {};
  connection.onNotification('textDocument/publishDiagnostics', () => answered());
  connection.listen();
  const times: number[] = [];
  try {
    // Round 0 waits for the process to start, and is not counted.
    for (let version = 0; version <= rounds; version++) {
      const published = new Promise<void>((resolve) => {
        answered = resolve;
      });
      const sent = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
        ],
      });
      await published;
      if (version > 0) times.push(performance.now() - sent);
    }
  } finally {
    connection.dispose();
    child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
  return times;
}
