import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Command,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

const ROOT = path.resolve(__dirname, '../..');
export const SERVER_JS = path.join(ROOT, 'dist', 'server.js');
const LOCK = path.join(ROOT, '.cache', 'lsp-test-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

function isBuilt(): boolean {
  if (!existsSync(SERVER_JS)) return false;
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'server', 'src')),
    statSync(path.join(ROOT, 'esbuild.config.mjs')).mtimeMs,
  );
  return statSync(SERVER_JS).mtimeMs >= sources;
}

/**
 * `npm run build` once: test files run in parallel processes, so one builds under a lock while the
 * others wait, and a bundle newer than every source is not built again.
 */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is stale after a minute.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 60_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (!isBuilt()) {
      try {
        execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
      } catch (error) {
        // Another bundle (a dev tool, say) may fail to build while the server's did: go on with it.
        if (!isBuilt()) throw error;
      }
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface TestClientOptions {
  /** Advertise pull diagnostics (`textDocument.diagnostic`). */
  pull?: boolean;
  /** Answer of `workspace/configuration` for section `pyconv`. */
  settings?: Record<string, unknown>;
  /** Answers for items with a `scopeUri` (a workspace folder URI); others get `settings`. */
  scopedSettings?: Record<string, Record<string, unknown>>;
  /** Workspace folder paths; the workspace alone when absent. */
  folders?: string[];
  initializationOptions?: Record<string, unknown>;
  workspace: string;
  capabilities?: ClientCapabilities;
  /** Extra environment variables for the server process (e.g. `PYCONV_DEBUG: '1'`). */
  env?: Record<string, string>;
  /** Node options before the server script (e.g. `['--require', preload]`). */
  nodeArgs?: string[];
  /** Keep everything the server writes, in order (`output`): tests of the order of its messages. */
  recordOutput?: boolean;
}

/** A real LSP client over stdio on the built server, recording what the server sends. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  settings: Record<string, unknown>;
  private waiters: Array<() => void> = [];
  readonly connection: MessageConnection;
  private readonly process: ChildProcessWithoutNullStreams;
  initializeResult?: InitializeResult;
  readonly spawnedAt = performance.now();

  constructor(private readonly options: TestClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], {
      cwd: options.workspace,
      env: { ...process.env, ...options.env },
    });
    this.process.stderr.on('data', (chunk) => this.logs.push(String(chunk)));
    if (options.recordOutput) this.process.stdout.on('data', (chunk) => this.outputChunks.push(chunk));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, [...(this.diagnostics.get(params.uri) ?? []), params]);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      this.messages.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) =>
      this.logs.push(params.message),
    );
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ scopeUri?: string }> }) =>
      params.items.map(
        (item) => (item.scopeUri && this.options.scopedSettings?.[item.scopeUri]) || this.settings,
      ),
    );
    this.connection.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.wake();
      return null;
    });
    this.connection.listen();
  }

  refreshes = 0;

  private readonly outputChunks: Buffer[] = [];

  /** Everything the server wrote so far, with `recordOutput`. */
  get output(): string {
    return Buffer.concat(this.outputChunks).toString('utf8');
  }

  async initialize(): Promise<InitializeResult> {
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        diagnostics: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown'] },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
          resolveSupport: { properties: ['edit'] },
        },
        publishDiagnostics: { versionSupport: true },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
      ...this.options.capabilities,
    };
    this.initializeResult = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.options.workspace).href,
      workspaceFolders: (this.options.folders ?? [this.options.workspace]).map((folder, i) => ({
        uri: pathToFileURL(folder).href,
        name: `folder${i}`,
      })),
      capabilities,
      initializationOptions: this.options.initializationOptions,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version, text },
    });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /** Every code action kind the server returned to this client's `request`s. */
  readonly codeActionKinds = new Set<string>();

  /** A request; a code action of a kind the server did not announce at `initialize` fails it. */
  async request<R>(method: string, params: unknown): Promise<R> {
    const result = await this.connection.sendRequest(method, params);
    if (method === 'textDocument/codeAction')
      for (const action of (result as CodeAction[] | null) ?? []) this.sawKind(action);
    if (method === 'codeAction/resolve') this.sawKind(result as CodeAction);
    return result as R;
  }

  private sawKind(action: CodeAction | Command): void {
    const kind = 'kind' in action ? action.kind : undefined;
    if (!kind) return;
    this.codeActionKinds.add(kind);
    const provider = this.initializeResult?.capabilities.codeActionProvider;
    const announced = typeof provider === 'object' ? (provider.codeActionKinds ?? []) : [];
    if (!announced.some((known) => kind === known || kind.startsWith(`${known}.`)))
      throw new Error(`code action kind ${kind} is returned but not announced (${announced.join(', ')})`);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Resolves when `predicate` holds, re-checked after every notification; rejects after `timeoutMs`. */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server log:\n${this.logs.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The latest diagnostics published for `uri` with the given version (or any version). */
  async diagnosticsFor(uri: string, version?: number): Promise<Diagnostic[]> {
    const params = await this.waitFor(`diagnostics of ${uri} v${version ?? '*'}`, () => {
      const all = this.diagnostics.get(uri) ?? [];
      const last = all[all.length - 1];
      return last && (version === undefined || last.version === version) ? last : undefined;
    });
    return params.diagnostics;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((resolve) => setTimeout(resolve, 2000)),
      ]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may be gone already.
    }
    this.connection.dispose();
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (this.process.exitCode === null) this.process.kill();
  }

  /** Writes bytes to the server's stdin as they are, bypassing the JSON-RPC writer (protocol abuse tests). */
  writeRaw(data: string | Buffer): void {
    this.process.stdin.write(data);
  }

  get alive(): boolean {
    return this.process.exitCode === null && !this.process.killed;
  }
}

/** A temporary workspace folder with the given files; returns its path. */
export function makeWorkspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pyconv-lsp-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/**
 * A started client on a workspace selecting every rule, with debounce 0 and the debug requests
 * (`pyconv/debugDocument`: the server's diagnostics beside a fresh analysis).
 */
export async function startDebugClient(): Promise<{ client: TestClient; workspace: string }> {
  await ensureBuilt();
  const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["ALL"]\n' });
  const client = new TestClient({ workspace, settings: { debounceMs: 0 }, env: { PYCONV_DEBUG: '1' } });
  await client.initialize();
  return { client, workspace };
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** `CODE L:C-L:C` for compact exact assertions. */
export function brief(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.code} ${start.line}:${start.character}-${end.line}:${end.character}`;
}
