/**
 * The request-latency workload (tools/request-latency.ts and `bench --only requests`): a new
 * function typed character by character into the middle of a large module through the real protocol
 * (default settings: 75 ms debounce), one hover, completion or code action sent between keystrokes at
 * a varying moment (before, at and after the debounce fires), each answer's wait recorded by kind.
 * The client resolves code actions' edits as VS Code does unless `eagerFixAll`, and asks for them
 * as its light bulb does when the cursor moves (an automatic request, with the line's diagnostics).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { spawnServer } from './server-process';

/** What is typed, one character at a time: brackets, a docstring, strings, try/except. */
export const TYPED = `def fetch_records(source: str, limit: int = 10) -> list[dict]:
    """Read up to \`limit\` records from the source.

    Args:
        source: where to read from.
    """
    records = []
    try:
        for index, line in enumerate(open(source)):
            if index >= limit:
                break
            records.append({"line": line.strip(), "index": index})
    except OSError as error:
        print(f"cannot read {source}: {error}")
    return records


`;

/** Milliseconds from a keystroke to the request sent after it; cycles so requests land before, at and after the debounce. */
const REQUEST_DELAYS_MS = [5, 40, 70, 78, 85, 100, 130];
export const KINDS = ['hover', 'completion', 'codeAction'] as const;
export type Kind = (typeof KINDS)[number];

interface Position {
  line: number;
  character: number;
}

/** The line of a top-level definition near the middle of the text: the new function goes before it. */
function insertionLine(source: string): number {
  const lines = source.split('\n');
  for (let line = Math.floor(lines.length / 2); line < lines.length; line++) {
    if (/^(def|class|async def) /.test(lines[line])) return line;
  }
  throw new Error('no top-level definition in the second half of the text');
}

/** The position after typing `count` characters of TYPED at `start`. */
function advance(start: Position, text: string): Position {
  const lines = text.split('\n');
  if (lines.length === 1) return { line: start.line, character: start.character + text.length };
  return { line: start.line + lines.length - 1, character: lines[lines.length - 1].length };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureRequests(
  serverPath: string,
  source: string,
  eagerFixAll: boolean,
): Promise<Record<Kind, number[]>> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'pyconv-latency-'));
  const file = path.join(workspace, 'big_module.py');
  writeFileSync(file, source);
  const uri = pathToFileURL(file).href;
  const { child, connection } = spawnServer(serverPath, workspace);
  let firstDiagnostics: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    firstDiagnostics = resolve;
  });
  // What the editor shows: a code action request carries the diagnostics on the cursor's line, as VS Code's does.
  let shown: Array<{ range: { start: Position; end: Position } }> = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: typeof shown }) => {
    shown = p.diagnostics;
    firstDiagnostics();
  });
  connection.onNotification('window/logMessage', () => {});
  connection.onNotification('window/showMessage', () => {});
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.listen();
  const latencies: Record<Kind, number[]> = { hover: [], completion: [], codeAction: [] };
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          publishDiagnostics: {},
          completion: { completionItem: { snippetSupport: true } },
          // As VS Code: with `--eager-fix-all`, a client that resolves no code action (fix-all computed at once).
          ...(eagerFixAll ? {} : { codeAction: { resolveSupport: { properties: ['edit'] } } }),
        },
      },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text: source },
    });
    await opened;
    await sleep(1500); // the first look of a large file completes in steps
    const start: Position = { line: insertionLine(source), character: 0 };
    let typed = '';
    for (let index = 0; index < TYPED.length; index++) {
      const at = advance(start, typed);
      const character = TYPED[index];
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: index + 2 },
        contentChanges: [{ range: { start: at, end: at }, text: character }],
      });
      typed += character;
      const cursor = advance(start, typed);
      await sleep(REQUEST_DELAYS_MS[index % REQUEST_DELAYS_MS.length]);
      const kind = KINDS[index % KINDS.length];
      const sent = performance.now();
      const onLine = shown.filter(
        (d) => d.range.start.line <= cursor.line && d.range.end.line >= cursor.line,
      );
      await request(connection, kind, uri, cursor, onLine);
      latencies[kind].push(performance.now() - sent);
    }
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(3000)]);
    if (child.exitCode === null) child.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
  return latencies;
}

function request(
  connection: MessageConnection,
  kind: Kind,
  uri: string,
  position: Position,
  diagnostics: unknown[],
): Promise<unknown> {
  const textDocument = { uri };
  if (kind === 'hover') return connection.sendRequest('textDocument/hover', { textDocument, position });
  if (kind === 'completion')
    return connection.sendRequest('textDocument/completion', { textDocument, position });
  return connection.sendRequest('textDocument/codeAction', {
    textDocument,
    range: { start: { line: position.line, character: 0 }, end: position },
    // As VS Code's light bulb asks when the cursor moves: an automatic request (CodeActionTriggerKind.Automatic).
    context: { diagnostics, triggerKind: 2 },
  });
}

/** The texts after each keystroke of the workload, in order (what Ruff is given for scale). */
export function* typedTexts(source: string): Generator<string> {
  const start = insertionLine(source);
  const lines = source.split('\n');
  const before = `${lines.slice(0, start).join('\n')}\n`;
  const after = lines.slice(start).join('\n');
  for (let count = 1; count <= TYPED.length; count++) yield `${before}${TYPED.slice(0, count)}${after}`;
}
