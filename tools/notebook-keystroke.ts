/**
 * A keystroke in a notebook cell against the same keystroke in the same text as a `.py` file:
 * a module built from the corpus is opened once as a notebook (cut into cells at top-level
 * definitions, every `--cell-lines` lines or so) and once as a file, in one server
 * (dist/server.js --stdio, debounce 0), and an identifier is typed character by character into the
 * middle of the middle cell, and at the same place in the file. Prints, for each, the time from
 * the change to the answer of a pull of its diagnostics (`textDocument/diagnostic` analyses the
 * version sent) for the file or the cell (p50/p95/max): the file is the reference, measured in the
 * same run.
 * Usage: node dist/tools/notebook-keystroke.js [--lines 5000] [--cell-lines 60] [--server dist/server.js]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { cellsOf } from './shared/notebooks';
import { pythonFiles } from './shared/python-files';
import { buildSource } from './shared/workload';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '.cache', 'corpus');
const TYPED = 'unused_name_for_timing = 1';
/** A client that pulls diagnostics (the timing is the pull's answer) and answers `workspace/configuration`. */
const PULLING_CLIENT = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: {}, diagnostic: { dynamicRegistration: false } },
};

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '5000' },
      'cell-lines': { type: 'string', default: '60' },
      server: { type: 'string', default: path.join(ROOT, 'dist', 'server.js') },
    },
  });
  const source = buildSource(pythonFiles(CORPUS), Number(values.lines));
  const cells = cellsOf(source, Number(values['cell-lines']));
  const middle = Math.floor(cells.length / 2);
  // Typed on a blank first line of the middle cell.
  cells[middle] = `\n${cells[middle]}`;
  const workspace = mkdtempSync(path.join(tmpdir(), 'pyconv-notebook-keystroke-'));
  const fileUri = pathToFileURL(path.join(workspace, 'module.py')).href;
  const notebookUri = pathToFileURL(path.join(workspace, 'notebook.ipynb')).href;
  const cellUris = cells.map((_, i) => `vscode-notebook-cell:${notebookUri.slice('file:'.length)}#c${i}`);
  const child = spawn(process.execPath, [values.server, '--stdio'], { cwd: workspace });
  child.stderr?.resume();
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  const waiting = new Map<string, () => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) =>
    waiting.get(p.uri)?.(),
  );
  connection.onNotification('window/logMessage', () => {});
  connection.onNotification('window/showMessage', () => {});
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
    p.items.map(() => ({ debounceMs: 0 })),
  );
  connection.listen();
  const published = (uri: string) => new Promise<void>((resolve) => waiting.set(uri, resolve));
  const pull = (uri: string) => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  try {
    const rootUri = pathToFileURL(workspace).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: PULLING_CLIENT,
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: fileUri, languageId: 'python', version: 1, text: cells.join('\n') },
    });
    await pull(fileUri);
    const open = published(cellUris[middle]);
    await connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: notebookUri,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: cellUris.map((document) => ({ kind: 2, document })),
      },
      cellTextDocuments: cells.map((text, i) => ({
        uri: cellUris[i],
        languageId: 'python',
        version: 1,
        text,
      })),
    });
    await open;
    // The same place: the start of the middle cell, which is this line of the file.
    const fileLine = cells.slice(0, middle).reduce((sum, cell) => sum + cell.split('\n').length, 0);
    const times = { notebook: [] as number[], file: [] as number[] };
    for (let i = 0; i < TYPED.length; i++) {
      const version = i + 2;
      const change = (line: number) => [
        { range: { start: { line, character: i }, end: { line, character: i } }, text: TYPED[i] },
      ];
      let start = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: fileUri, version },
        contentChanges: change(fileLine),
      });
      await pull(fileUri);
      times.file.push(performance.now() - start);
      start = performance.now();
      await connection.sendNotification('notebookDocument/didChange', {
        notebookDocument: { uri: notebookUri, version },
        change: {
          cells: { textContent: [{ document: { uri: cellUris[middle], version }, changes: change(0) }] },
        },
      });
      await pull(cellUris[middle]);
      times.notebook.push(performance.now() - start);
    }
    const row = (name: string, list: number[]) =>
      `${name.padEnd(28)} p50 ${percentile(list, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(list, 95).toFixed(1).padStart(6)} ms  max ${Math.max(
        ...list,
      )
        .toFixed(1)
        .padStart(6)} ms`;
    console.log(
      `${source.split('\n').length} lines; notebook of ${cells.length} cells; ${TYPED.length} keystrokes each, to the pulled diagnostics (under load: eight engineers share two cores)`,
    );
    console.log(row('.py file (reference)', times.file));
    console.log(row(`notebook cell ${middle + 1}`, times.notebook));
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    child.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
}

void main();
