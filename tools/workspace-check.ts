/**
 * The whole workspace through the protocol: the corpus (or a folder given) as one workspace folder,
 * `workspace/diagnostic` on a pull client, cold (empty findings cache) then warm (a new server on
 * the same cache), then `pyconv.checkWorkspace` on a push-only client. Prints the time to all
 * findings, the server's peak RSS (its worker threads included: they live in its process), the
 * progress reports seen, beside the CLI's run of the same folder (no cache, then cold and warm cache),
 * and last a server answering from the CLI's cache (every file from it when they share entries).
 * Findings are counted by kind of file (`.py`/`.pyi` and notebooks), and the server's counts are
 * compared with the CLI's. `--notebooks N` runs on a temporary copy of the folder where N of its
 * `.py` files (spread evenly) are notebooks of the same text (the corpus has none of its own).
 * Usage: npm run workspace-check -- [FOLDER] [--notebooks N]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { toolArgs, wholeNumber } from './shared/args';
import { copyWithNotebooks } from './shared/notebooks';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const CLI = path.join(ROOT, 'dist', 'cli.js');

const { values, positionals } = toolArgs({ notebooks: 'string' });
// A worktree's .cache is a symbolic link: the server names the folder through it, the CLI's working
// folder is its real path (process.cwd()), and the two must still share the cache's entries.
const GIVEN_FOLDER = path.resolve(positionals[0] ?? path.join(ROOT, '.cache', 'corpus'));
const NOTEBOOKS = wholeNumber('notebooks', values.notebooks, 0, 0);
const COPY = NOTEBOOKS > 0 ? copyWithNotebooks(GIVEN_FOLDER, NOTEBOOKS) : undefined;
const FOLDER = COPY?.folder ?? GIVEN_FOLDER;

/** Findings by kind of file: Python sources and notebooks, and how many files of each had any. */
interface Counts {
  findings: number;
  files: number;
  notebookFindings: number;
  notebooks: number;
}

/** Counts of findings per file (by path or URI); files with none are counted only by `files` of the server. */
function countsOf(findingsPerFile: Iterable<[string, number]>): Counts {
  const counts: Counts = { findings: 0, files: 0, notebookFindings: 0, notebooks: 0 };
  for (const [file, findings] of findingsPerFile) {
    if (findings === 0) continue;
    if (file.toLowerCase().endsWith('.ipynb')) {
      counts.notebookFindings += findings;
      counts.notebooks++;
    } else {
      counts.findings += findings;
      counts.files++;
    }
  }
  return counts;
}

function describeCounts(counts: Counts): string {
  return (
    `${counts.findings} findings in ${counts.files} .py files, ` +
    `${counts.notebookFindings} in ${counts.notebooks} notebooks`
  );
}

interface ProtocolRun {
  /** From the request to its answer (every finding known to the client). */
  ms: number;
  files: number;
  /** Of which notebooks. */
  notebookFiles: number;
  findings: number;
  counts: Counts;
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
    notebookFiles: [...findingsByUri.keys()].filter((uri) => uri.toLowerCase().endsWith('.ipynb')).length,
    findings,
    counts: countsOf(findingsByUri),
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
function cliRun(cacheDir: string | undefined): { ms: number; findings: number; counts: Counts } {
  const args = [CLI, 'check', '.', '--exit-zero', '--output-format', 'json'];
  if (!cacheDir) args.push('--no-cache');
  const started = performance.now();
  // A file that cannot be checked (a malformed notebook) fails the run whatever `--exit-zero` says: its output is still the report.
  const result = spawnSync(process.execPath, args, {
    cwd: FOLDER,
    env: { ...process.env, ...(cacheDir ? { PYCONV_CACHE_DIR: cacheDir } : {}) },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  const found = JSON.parse(result.stdout) as Array<{ path: string }>;
  const perFile = new Map<string, number>();
  for (const { path: file } of found) perFile.set(file, (perFile.get(file) ?? 0) + 1);
  return { ms, findings: found.length, counts: countsOf(perFile) };
}

function row(label: string, ms: number, rest: string): string {
  return `${label.padEnd(38)} ${`${Math.round(ms)} ms`.padStart(9)}  ${rest}`;
}

async function main(): Promise<void> {
  const lines = Number(
    execFileSync('bash', ['-c', `find -L "${FOLDER}" -name '*.py' -print0 | xargs -0 cat | wc -l`], {
      encoding: 'utf8',
    }).trim(),
  );
  const notebooks = COPY ? `, ${COPY.notebooks} notebooks made from its .py files` : '';
  console.log(`workspace: ${FOLDER} (${lines} lines of .py${notebooks}), measured under load`);
  const serverCache = mkdtempSync(path.join(tmpdir(), 'pyconv-ws-server-cache-'));
  const cliCache = mkdtempSync(path.join(tmpdir(), 'pyconv-ws-cli-cache-'));
  try {
    const reference = cliRun(undefined);
    console.log(row('reference: CLI, no cache', reference.ms, `${reference.findings} findings`));
    console.log(`${''.padEnd(49)}${describeCounts(reference.counts)}`);
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
          `${run.files} files (${run.notebookFiles} notebooks), ${run.findings} findings, ${run.progressReports} progress reports, ` +
            `${run.partialResults} partial results, peak RSS ${run.peakRssMb} MB`,
        ),
      );
      console.log(`${''.padEnd(49)}server: ${run.serverSummary}`);
      const agree = JSON.stringify(run.counts) === JSON.stringify(reference.counts);
      console.log(
        `${''.padEnd(49)}${agree ? 'same counts as the CLI' : `DIFFERENT from the CLI: ${describeCounts(run.counts)}`}`,
      );
    }
  } finally {
    rmSync(serverCache, { recursive: true, force: true });
    rmSync(cliCache, { recursive: true, force: true });
    COPY?.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
