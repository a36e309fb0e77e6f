/**
 * Cold start of the language server: time from spawning `dist/server.js --stdio` to the first
 * published diagnostics of a ~10k-line file built from the corpus, then one keystroke's round trip.
 * Usage: npm run coldstart -- [--lines N] [--runs R]; SERVER_NODE_ARGS passes node flags to the server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { toolArgs, wholeNumber } from './shared/args';
import { pythonFiles } from './shared/python-files';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const CORPUS = path.join(ROOT, '.cache', 'corpus');

const { values: args } = toolArgs({ runs: 'string', lines: 'string' });

function argument(name: 'runs' | 'lines', fallback: number): number {
  return wholeNumber(name, args[name], fallback);
}

/** Whole corpus files, in a fixed order, until the text has at least `lines` lines. */
function buildSource(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (const file of pythonFiles(CORPUS)) {
    const text = readFileSync(file, 'utf8');
    parts.push(text.endsWith('\n') ? text : `${text}\n`);
    count += text.split('\n').length;
    if (count >= lines) break;
  }
  if (count < lines) throw new Error(`the corpus at ${CORPUS} has only ${count} lines`);
  return parts.join('');
}

interface Run {
  initializeMs: number;
  firstDiagnosticsMs: number;
  keystrokeMs: number;
  diagnostics: number;
}

async function measure(uri: string, source: string, workspace: string): Promise<Run> {
  const started = performance.now();
  // e.g. SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { cwd: workspace });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published: Array<{ version?: number; count: number; at: number }> = [];
  let wake: () => void = () => {};
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      if (p.uri === uri)
        published.push({ version: p.version, count: p.diagnostics.length, at: performance.now() });
      wake();
    },
  );
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
    p.items.map(() => ({ debounceMs: 0 })),
  );
  connection.listen();
  const waitVersion = async (version: number) => {
    for (;;) {
      const hit = published.find((p) => p.version === version);
      if (hit) return hit;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      capabilities: { workspace: { configuration: true } },
    });
    const initialized = performance.now();
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text: source },
    });
    const first = await waitVersion(1);
    const typed = performance.now();
    // Typing at the end of a line in the middle of the file (a trailing comment).
    const lines = source.split('\n');
    const line = Math.floor(lines.length / 2);
    const end = { line, character: lines[line].length };
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '  # x' }],
    });
    const second = await waitVersion(2);
    return {
      initializeMs: initialized - started,
      firstDiagnosticsMs: first.at - started,
      keystrokeMs: second.at - typed,
      diagnostics: first.count,
    };
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    // Let it exit by itself (a --cpu-prof profile is written on exit), then make sure.
    await Promise.race([
      new Promise((resolve) => child.once('exit', resolve)),
      new Promise((r) => setTimeout(r, 3000)),
    ]);
    if (child.exitCode === null) child.kill();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const lines = argument('lines', 10_000);
  const runs = argument('runs', 5);
  const source = buildSource(lines);
  const workspace = mkdtempSync(path.join(tmpdir(), 'pyconv-coldstart-'));
  const file = path.join(workspace, 'big_module.py');
  writeFileSync(file, source);
  const uri = pathToFileURL(file).href;
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure(uri, source, workspace));
  const fmt = (pick: (r: Run) => number) =>
    `${median(results.map(pick)).toFixed(0)} ms (runs: ${results.map((r) => pick(r).toFixed(0)).join(', ')})`;
  console.log(`file: ${source.split('\n').length - 1} lines, ${source.length} chars, default rule selection`);
  console.log(`spawn -> initialize answered:      ${fmt((r) => r.initializeMs)}`);
  console.log(`spawn -> first diagnostics:        ${fmt((r) => r.firstDiagnosticsMs)}`);
  console.log(`keystroke -> diagnostics (0 ms debounce): ${fmt((r) => r.keystrokeMs)}`);
  console.log(`diagnostics on open: ${results[0].diagnostics}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
