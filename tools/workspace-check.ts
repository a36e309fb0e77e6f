/**
 * The whole workspace through the protocol: the corpus (or a folder given) as one workspace folder,
 * `workspace/diagnostic` on a pull client, cold (empty findings cache) then warm (a new server on
 * the same cache), then `pyconv.checkWorkspace` on a push-only client. Prints the time to all
 * findings, the server's peak RSS (its worker threads included: they live in its process), the
 * progress reports seen, beside the CLI's run of the same folder (no cache, then cold and warm cache),
 * and last a server answering from the CLI's cache (every file from it when they share entries).
 * Usage: npm run workspace-check -- [FOLDER]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { toolArgs } from './shared/args';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const CLI = path.join(ROOT, 'dist', 'cli.js');

const { positionals } = toolArgs({});
// A worktree's .cache is a symbolic link: the server names the folder through it, the CLI's working
// folder is its real path (process.cwd()), and the two must still share the cache's entries.
const FOLDER = path.resolve(positionals[0] ?? path.join(ROOT, '.cache', 'corpus'));

interface ProtocolRun {
  /** From the request to its answer (every finding known to the client). */
  ms: number;
  files: number;
  findings: number;
  progressReports: number;
  partialResults: number;
  peakRssMb: number;
  /** The server's own log line: files checked, from the cache, time in the check and in the walk. */
  serverSummary: string;
}

interface ProgressValue {
  kind: string;
  message?: string;
}

/** Peak resident set of a process (Linux `VmHWM`), in MB; 0 where /proc is missing. */
function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

async function protocolRun(cacheDir: string, mode: 'pull' | 'push'): Promise<ProtocolRun> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    cwd: FOLDER,
    env: { ...process.env, PYCONV_CACHE_DIR: cacheDir },
  });
  child.stderr.resume();
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const settings = { diagnosticsScope: mode === 'pull' ? 'workspace' : 'openFiles' };
  let progressReports = 0;
  let partialResults = 0;
  const findingsByUri = new Map<string, number>();
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  let serverSummary = '';
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    if (p.message.includes('workspace: checked'))
      serverSummary = p.message.replace(/^pyconv: workspace: /, '');
  });
  connection.onNotification('$/progress', (p: { token: string; value: unknown }) => {
    if (p.token === 'partial') {
      partialResults++;
      for (const item of (p.value as { items: Array<{ uri: string; items?: unknown[] }> }).items)
        findingsByUri.set(item.uri, item.items?.length ?? 0);
    } else if ((p.value as ProgressValue).kind === 'report') progressReports++;
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) =>
    findingsByUri.set(p.uri, p.diagnostics.length),
  );
  connection.listen();
  const uri = pathToFileURL(FOLDER).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'corpus' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: mode === 'pull' ? { diagnostic: { dynamicRegistration: false } } : {},
    },
  });
  await connection.sendNotification('initialized', {});
  const started = performance.now();
  if (mode === 'pull')
    await connection.sendRequest('workspace/diagnostic', {
      previousResultIds: [],
      workDoneToken: 'work',
      partialResultToken: 'partial',
    });
  else
    await connection.sendRequest('workspace/executeCommand', {
      command: 'pyconv.checkWorkspace',
      arguments: [],
    });
  const ms = performance.now() - started;
  const peak = child.pid === undefined ? 0 : peakRssMb(child.pid);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  const findings = [...findingsByUri.values()].reduce((sum, n) => sum + n, 0);
  return {
    ms,
    files: findingsByUri.size,
    findings,
    progressReports,
    partialResults,
    peakRssMb: peak,
    serverSummary,
  };
}

/**
 * The CLI on the same folder, run there as `pyconv check .` (so that files no configuration governs
 * are rooted where the server roots them), JSON output, findings counted; `--no-cache` or a cache folder.
 */
function cliRun(cacheDir: string | undefined): { ms: number; findings: number } {
  const args = [CLI, 'check', '.', '--exit-zero', '--output-format', 'json'];
  if (!cacheDir) args.push('--no-cache');
  const started = performance.now();
  const output = execFileSync(process.execPath, args, {
    cwd: FOLDER,
    env: { ...process.env, ...(cacheDir ? { PYCONV_CACHE_DIR: cacheDir } : {}) },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  return { ms, findings: (JSON.parse(output) as unknown[]).length };
}

function row(label: string, ms: number, rest: string): string {
  return `${label.padEnd(38)} ${`${Math.round(ms)} ms`.padStart(9)}  ${rest}`;
}

async function main(): Promise<void> {
  const lines = Number(
    execFileSync('bash', ['-c', `find "${FOLDER}" -name '*.py' -print0 | xargs -0 cat | wc -l`], {
      encoding: 'utf8',
    }).trim(),
  );
  console.log(`workspace: ${FOLDER} (${lines} lines of .py), measured under load`);
  const serverCache = mkdtempSync(path.join(tmpdir(), 'pyconv-ws-server-cache-'));
  const cliCache = mkdtempSync(path.join(tmpdir(), 'pyconv-ws-cli-cache-'));
  try {
    const reference = cliRun(undefined);
    console.log(row('reference: CLI, no cache', reference.ms, `${reference.findings} findings`));
    const cliCold = cliRun(cliCache);
    console.log(row('reference: CLI, cache cold', cliCold.ms, `${cliCold.findings} findings`));
    const cliWarm = cliRun(cliCache);
    console.log(row('reference: CLI, cache warm', cliWarm.ms, `${cliWarm.findings} findings`));
    for (const [label, mode, cache] of [
      ['server workspace/diagnostic, cold', 'pull', serverCache],
      ['server workspace/diagnostic, cached', 'pull', serverCache],
      ['server pyconv.checkWorkspace (push), cached', 'push', serverCache],
      ["server workspace/diagnostic, CLI's cache", 'pull', cliCache],
    ] as const) {
      const run = await protocolRun(cache, mode);
      console.log(
        row(
          label,
          run.ms,
          `${run.files} files, ${run.findings} findings, ${run.progressReports} progress reports, ` +
            `${run.partialResults} partial results, peak RSS ${run.peakRssMb} MB`,
        ),
      );
      console.log(`${''.padEnd(49)}server: ${run.serverSummary}`);
    }
  } finally {
    rmSync(serverCache, { recursive: true, force: true });
    rmSync(cliCache, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
