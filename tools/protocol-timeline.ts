/**
 * Where a typing keystroke's time goes through the protocol, seen from the client: each `didChange`
 * of the bench's typing workload (tools/shared/workload.ts, debounce 0) is written to the server's
 * stdin as raw bytes, and its `publishDiagnostics` read from stdout chunk by chunk, with times for
 * the first byte (the server's work and the pipe), the last byte (the rest of the write through a
 * 64 kB pipe) and the decode (UTF-8 and JSON, as vscode-jsonrpc's reader does). Prints p50/p95 of
 * each part, for this build and for the one given with --server (the reference), alternating.
 * `--workload keystrokes` replays the bench's one-letter edits instead (tools/shared/workload.ts
 * `editScript`, 500 of them); the rules are the bench's (every code Ruff shares with us).
 *
 *   node dist/tools/protocol-timeline.js [--lines 2000] [--runs 2] [--workload typing|keystrokes]
 *     [--server path/to/server.js]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchServerSettings } from './shared/bench-settings';
import { pythonFiles } from './shared/python-files';
import { processIdle } from './shared/server-process';
import { buildSource, contentChange, type Edit, editScript, typingScript } from './shared/workload';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '.cache', 'corpus');
const OWN_SERVER = path.join(ROOT, 'dist', 'server.js');
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

interface Arrival {
  message: { id?: number; method?: string; params?: { uri?: string; version?: number } };
  firstByteAt: number;
  lastByteAt: number;
  decodedAt: number;
  bytes: number;
}

/** A raw JSON-RPC peer over the server's stdio, timing every message it reads. */
class RawClient {
  private chunks: Buffer[] = [];
  private firstByteAt: number | undefined;
  private readonly waiters: ((arrival: Arrival) => void)[] = [];
  private nextId = 1;

  constructor(
    private readonly child: ChildProcess,
    private readonly settings: object,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.received(chunk));
    child.stderr?.resume();
  }

  send(message: object): number {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    const at = performance.now();
    this.child.stdin?.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    return at;
  }

  request(method: string, params: object): number {
    return this.send({ id: this.nextId++, method, params });
  }

  /** The next message that `accept` takes, other messages answered or dropped on the way. */
  next(accept: (arrival: Arrival) => boolean): Promise<Arrival> {
    return new Promise((resolve) => {
      const waiter = (arrival: Arrival) => {
        if (accept(arrival)) resolve(arrival);
        else this.waiters.unshift(waiter);
      };
      this.waiters.push(waiter);
    });
  }

  private received(chunk: Buffer): void {
    const at = performance.now();
    this.firstByteAt ??= at;
    this.chunks.push(chunk);
    for (;;) {
      const buffered = this.chunks.length > 1 ? Buffer.concat(this.chunks) : this.chunks[0];
      if (!buffered) return;
      this.chunks = [buffered];
      const end = buffered.indexOf(HEADER_END);
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffered.toString('ascii', 0, end))?.[1]);
      const start = end + HEADER_END.length;
      if (buffered.length < start + length) return;
      const message = JSON.parse(buffered.toString('utf8', start, start + length));
      const decodedAt = performance.now();
      const rest = buffered.subarray(start + length);
      this.chunks = rest.length > 0 ? [rest] : [];
      const arrival = {
        message,
        firstByteAt: this.firstByteAt ?? at,
        lastByteAt: at,
        decodedAt,
        bytes: length,
      };
      this.firstByteAt = rest.length > 0 ? at : undefined;
      this.dispatch(arrival);
    }
  }

  private dispatch(arrival: Arrival): void {
    const { message } = arrival;
    if (message.method === 'workspace/configuration') {
      const items = (message.params as unknown as { items: unknown[] }).items;
      this.send({ id: message.id, result: items.map(() => this.settings) });
      return;
    }
    const waiter = this.waiters.shift();
    waiter?.(arrival);
  }
}

interface Timeline {
  serverMs: number[];
  transferMs: number[];
  decodeMs: number[];
  totalMs: number[];
  bytes: number[];
}

const WORKLOADS = {
  typing: (source: string): Edit[] => typingScript(source).edits,
  keystrokes: (source: string): Edit[] => editScript(source, 500),
};

async function timeline(serverPath: string, source: string, edits: readonly Edit[]): Promise<Timeline> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'pyconv-timeline-'));
  const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: workspace });
  const client = new RawClient(child, benchServerSettings());
  const uri = pathToFileURL(path.join(workspace, 'big_module.py')).href;
  const publishOf = (version: number) => (a: Arrival) =>
    a.message.method === 'textDocument/publishDiagnostics' &&
    a.message.params?.uri === uri &&
    a.message.params.version === version;
  const result: Timeline = { serverMs: [], transferMs: [], decodeMs: [], totalMs: [], bytes: [] };
  try {
    client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      capabilities: { workspace: { configuration: true } },
    });
    await client.next((a) => a.message.id === 1);
    client.send({ method: 'initialized', params: {} });
    client.send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'python', version: 1, text: source } },
    });
    await client.next(publishOf(1));
    // Typing starts once the opening analysis is done, as in the bench (at 50k lines it runs for
    // seconds: a fixed wait of 1.5 s left some 40 keystrokes to share the server with it).
    await processIdle(child, 500);
    for (const [index, edit] of edits.entries()) {
      const version = index + 2;
      const sent = client.send({
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version }, contentChanges: [contentChange(edit)] },
      });
      const a = await client.next(publishOf(version));
      result.serverMs.push(a.firstByteAt - sent);
      result.transferMs.push(a.lastByteAt - a.firstByteAt);
      result.decodeMs.push(a.decodedAt - a.lastByteAt);
      result.totalMs.push(a.decodedAt - sent);
      result.bytes.push(a.bytes);
    }
  } finally {
    child.stdin?.end();
    await new Promise((r) => setTimeout(r, 500));
    child.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
  return result;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function describeTimeline(name: string, t: Timeline): string {
  const part = (label: string, values: number[]) =>
    `${label} ${percentile(values, 50).toFixed(2)}/${percentile(values, 95).toFixed(1)}`;
  return [
    name.padEnd(10),
    part('first byte', t.serverMs),
    part('transfer', t.transferMs),
    part('decode', t.decodeMs),
    part('total', t.totalMs),
    `publish ${Math.round(percentile(t.bytes, 50) / 1000)} kB`,
  ].join(' | ');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string' },
      runs: { type: 'string' },
      server: { type: 'string' },
      workload: { type: 'string' },
    },
  });
  const source = buildSource(pythonFiles(CORPUS), Number(values.lines ?? 2_000));
  const workload = values.workload ?? 'typing';
  if (workload !== 'typing' && workload !== 'keystrokes')
    throw new Error(`--workload is typing or keystrokes, not ${workload}`);
  const edits = WORKLOADS[workload](source);
  const runs = Number(values.runs ?? 2);
  const servers: [string, string][] = [['this build', OWN_SERVER]];
  if (values.server) servers.push(['reference', path.resolve(values.server)]);
  process.stdout.write(
    'p50/p95 ms per keystroke: first byte = didChange written -> first publish byte read\n',
  );
  for (let run = 0; run < runs; run++)
    for (const [name, serverPath] of servers)
      process.stdout.write(`${describeTimeline(name, await timeline(serverPath, source, edits))}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
