// Whole-workspace diagnostics over stdio against the built server: `workspace/diagnostic` (pull,
// result ids, partial results, work-done progress, cancellation), `pyconv.checkWorkspace` on a
// push-only client, deletion and exclusion clearing, the hand-over at open and close, and the
// findings cache shared with the CLI.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  ProgressToken,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { brief, ensureBuilt, makeWorkspace, TestClient, type TestClientOptions, uriOf } from './helpers';

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

const PYPROJECT = '[tool.pyconv]\nselect = ["N802"]\n';

/** File i: a function named against N802 in every third file, the others clean. */
function generatedFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const name = i % 3 === 0 ? `Bad${i}` : `good_${i}`;
    files[`pkg${i % 10}/module_${i}.py`] = `"""Module ${i}."""\n\n\ndef ${name}(value):\n    return value\n`;
  }
  files['pyproject.toml'] = PYPROJECT;
  files['.gitignore'] = 'ignored/\n';
  files['ignored/Skipped.py'] = 'def Bad(x):\n    return x\n';
  return files;
}

/** What a generated file is expected to report (N802 on the function's name, as `brief` writes it). */
function expectedFor(i: number): string[] {
  return i % 3 === 0 ? [`N802 3:4-3:${4 + `Bad${i}`.length}`] : [];
}

/** Records `$/progress` by token: work-done values and partial results. */
function recordProgress(client: TestClient): Map<ProgressToken, unknown[]> {
  const seen = new Map<ProgressToken, unknown[]>();
  client.connection.onNotification('$/progress', (params: { token: ProgressToken; value: unknown }) => {
    seen.set(params.token, [...(seen.get(params.token) ?? []), params.value]);
  });
  return seen;
}

/** The tokens of the progress the server creates (`window/workDoneProgress/create`), answered. */
function recordCreatedProgress(client: TestClient): ProgressToken[] {
  const created: ProgressToken[] = [];
  client.connection.onRequest('window/workDoneProgress/create', (params: { token: ProgressToken }) => {
    created.push(params.token);
    return null;
  });
  return created;
}

/** A client on the built server, initialized; stopped after `body`, then the folders of `removeAfter` deleted. */
async function withClient(
  options: TestClientOptions,
  body: (client: TestClient) => Promise<void>,
  hooks: { beforeInitialize?: (client: TestClient) => void; removeAfter?: readonly string[] } = {},
): Promise<void> {
  const client = new TestClient(options);
  hooks.beforeInitialize?.(client);
  try {
    await client.initialize();
    await body(client);
  } finally {
    await client.stop();
    for (const folder of hooks.removeAfter ?? []) rmSync(folder, { recursive: true, force: true });
  }
}

const CLI_JS = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function pullCapabilities() {
  return { window: { workDoneProgress: true } };
}

describe('workspace/diagnostic (pull)', () => {
  const COUNT = 1000;
  let workspace: string;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace(generatedFiles(COUNT));
  }, 180_000);

  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('streams every file with progress, then reports them unchanged by result id', async () => {
    const client = new TestClient({
      workspace,
      pull: true,
      settings: { diagnosticsScope: 'workspace' },
      capabilities: pullCapabilities(),
    });
    const progress = recordProgress(client);
    try {
      const init = await client.initialize();
      expect(init.capabilities.diagnosticProvider).toMatchObject({ workspaceDiagnostics: true });
      const first = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
        previousResultIds: [],
        workDoneToken: 'work-1',
        partialResultToken: 'partial-1',
      });
      // Everything came as partial results; the answer itself is empty.
      expect(first.items).toEqual([]);
      const streamed = (progress.get('partial-1') ?? []).flatMap(
        (value) => (value as WorkspaceDiagnosticReport).items,
      );
      expect(streamed.length).toBe(COUNT);
      const byUri = new Map(streamed.map((item) => [item.uri, item]));
      for (const i of [0, 1, 2, 3, 999]) {
        const item = byUri.get(uriOf(path.join(workspace, `pkg${i % 10}`, `module_${i}.py`)));
        expect(item?.kind).toBe('full');
        expect(((item as { items: Diagnostic[] }).items ?? []).map(brief)).toEqual(expectedFor(i));
      }
      expect([...byUri.keys()].some((uri) => uri.includes('/ignored/'))).toBe(false);

      const work = (progress.get('work-1') ?? []) as ProgressValue[];
      expect(work[0]?.kind).toBe('begin');
      expect(work.at(-1)?.kind).toBe('end');
      const reports = work.filter((value): value is WorkDoneProgressReport => value.kind === 'report');
      expect(reports.at(-1)?.message).toBe(`checked ${COUNT}/${COUNT} files`);
      expect(reports.every((r) => /^checked \d+\/1000 files$/.test(r.message ?? ''))).toBe(true);

      // The second pull: every file unchanged, nothing streamed in full.
      const second = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
        previousResultIds: streamed.map((item) => ({
          uri: item.uri,
          value: (item as { resultId: string }).resultId,
        })),
      });
      expect(second.items.length).toBe(COUNT);
      expect(second.items.every((item) => item.kind === 'unchanged')).toBe(true);

      // Malformed result ids are left out (every file reported in full), never a failure.
      for (const previousResultIds of [null, 42, [null, { uri: 7, value: 'x' }, 'text']]) {
        const hostile = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
          previousResultIds,
        });
        expect(hostile.items.filter((item) => item.kind === 'full').length).toBe(COUNT);
      }
      await expect(
        client.request('workspace/executeCommand', { command: 'pyconv.noSuchCommand', arguments: [] }),
      ).rejects.toMatchObject({ code: -32602 });

      // An open document is the document pull's: left out of the workspace report while open, then
      // reported in full (a new result id) once closed, with the same findings.
      const previousResultIds = streamed.map((item) => ({
        uri: item.uri,
        value: (item as { resultId: string }).resultId,
      }));
      const file = path.join(workspace, 'pkg0', 'module_0.py');
      await client.open(uriOf(file), readFileSync(file, 'utf8'));
      const whileOpen = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
        previousResultIds,
      });
      expect(whileOpen.items.length).toBe(COUNT - 1);
      expect(whileOpen.items.some((item) => item.uri === uriOf(file))).toBe(false);
      await client.connection.sendNotification('textDocument/didClose', {
        textDocument: { uri: uriOf(file) },
      });
      // VS Code pulls the document once more as it closes it: its findings from disk, not an empty report.
      const lastPull = await client.request<{ kind: string; items?: Diagnostic[] }>(
        'textDocument/diagnostic',
        {
          textDocument: { uri: uriOf(file) },
        },
      );
      expect(lastPull.kind).toBe('full');
      expect((lastPull.items ?? []).map(brief)).toEqual(expectedFor(0));
      const afterClose = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
        previousResultIds,
      });
      const reopened = afterClose.items.filter((item) => item.kind === 'full');
      expect(reopened.map((item) => item.uri)).toEqual([uriOf(file)]);
      expect((reopened[0] as { items: Diagnostic[] }).items.map(brief)).toEqual(expectedFor(0));
    } finally {
      await client.stop();
    }
  }, 180_000);

  it('stops when cancelled and answers the next request in full', async () => {
    const cacheFolder = makeWorkspace();
    const options = {
      workspace,
      pull: true,
      settings: { diagnosticsScope: 'workspace' },
      capabilities: pullCapabilities(),
      // A cache of its own, empty: the run is cold, so there is something to cancel.
      env: { PYCONV_CACHE_DIR: cacheFolder },
    };
    let progress = new Map<ProgressToken, unknown[]>();
    const values = (token: ProgressToken) => (progress.get(token) ?? []) as ProgressValue[];
    const firstFileChecked = () =>
      values('work-c').some((value) => value.kind === 'report' && !/^checked 0\//.test(value.message ?? ''));
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    await withClient(
      options,
      async (client) => {
        const source = new CancellationTokenSource();
        const cancelled = client.connection.sendRequest(
          'workspace/diagnostic',
          { previousResultIds: [], workDoneToken: 'work-c', partialResultToken: 'partial-c' },
          source.token,
        );
        await client.waitFor('a first file checked', firstFileChecked, 60_000);
        source.cancel();
        await expect(cancelled).rejects.toMatchObject({ code: -32800 });
        expect(values('work-c').at(-1)?.kind).toBe('end');
        const streamed = (progress.get('partial-c') ?? []).flatMap(
          (v) => (v as WorkspaceDiagnosticReport).items,
        );
        expect(streamed.length).toBeLessThan(COUNT);

        const next = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
          previousResultIds: [],
        });
        expect(next.items.length).toBe(COUNT);
      },
      { beforeInitialize: (client) => (progress = recordProgress(client)), removeAfter: [cacheFolder] },
    );
  }, 180_000);
});

describe('the findings cache', () => {
  it('answers a second server from the cache, and ignores a corrupt entry', async () => {
    await ensureBuilt();
    const workspace = makeWorkspace(generatedFiles(60));
    const run = async () => {
      const client = new TestClient({ workspace, pull: true, settings: { diagnosticsScope: 'workspace' } });
      try {
        await client.initialize();
        const started = performance.now();
        const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
          previousResultIds: [],
        });
        const ms = performance.now() - started;
        const summary = client.logs.find((line) => line.includes('workspace: checked')) ?? '';
        return { report, ms, summary };
      } finally {
        await client.stop();
      }
    };
    try {
      const cold = await run();
      expect(cold.summary).toMatch(/checked 60 files, 0 from the cache/);
      const cacheFolder = path.join(workspace, '.pyconv_cache');
      // The findings cache, not the project index's (`index-*.json`).
      const [cacheFile] = readdirSync(cacheFolder).filter(
        (name) => name.endsWith('.json') && !name.startsWith('index-'),
      );
      // Let the stamps settle (a file written within 2 s of its check is hashed again, still a hit).
      const warm = await run();
      expect(warm.summary).toMatch(/checked 60 files, 60 from the cache/);
      expect(sorted(warm.report.items)).toEqual(sorted(cold.report.items));

      // One entry's findings replaced by garbage: that file is checked again, the rest come from the cache.
      const data = JSON.parse(readFileSync(path.join(cacheFolder, cacheFile), 'utf8'));
      const key = 'pkg0/module_0.py';
      expect(data.entries[key]).toBeDefined();
      data.entries[key].diagnostics = [['N802', 42]];
      writeFileSync(path.join(cacheFolder, cacheFile), JSON.stringify(data));
      const repaired = await run();
      expect(repaired.summary).toMatch(/checked 60 files, 59 from the cache/);
      expect(sorted(repaired.report.items)).toEqual(sorted(cold.report.items));

      // A cache file that is not JSON at all: ignored, everything checked, the file rewritten.
      writeFileSync(path.join(cacheFolder, cacheFile), '{ not json');
      const rebuilt = await run();
      expect(rebuilt.summary).toMatch(/checked 60 files, 0 from the cache/);
      expect(JSON.parse(readFileSync(path.join(cacheFolder, cacheFile), 'utf8')).entries[key]).toBeDefined();
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 180_000);
});

/**
 * `pyconv check .` run in `workspace` records its findings; a server on that folder then answers
 * `workspace/diagnostic` for all `count` files from them, and `body` looks further. Removes `workspace`.
 */
async function pullAfterCli(
  workspace: string,
  count: number,
  body: (client: TestClient, report: WorkspaceDiagnosticReport) => Promise<void> = async () => {},
): Promise<void> {
  execFileSync(process.execPath, [CLI_JS, 'check', '.', '--exit-zero'], { cwd: workspace, stdio: 'pipe' });
  const options = { workspace, pull: true, settings: { diagnosticsScope: 'workspace' } };
  await withClient(
    options,
    async (client) => {
      const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
        previousResultIds: [],
      });
      expect(report.items.length).toBe(count);
      expect(client.logs.find((line) => line.includes('workspace: checked'))).toContain(
        `checked ${count} files, ${count} from the cache`,
      );
      await body(client, report);
    },
    { removeAfter: [workspace] },
  );
}

describe('the cache shared with the CLI', () => {
  it('answers the server from what `pyconv check` recorded', async () => {
    await ensureBuilt();
    await pullAfterCli(makeWorkspace(generatedFiles(20)), 20);
  }, 60_000);
});

/** The reports by URI, without their result ids (each server run makes its own). */
function sorted(items: readonly WorkspaceDocumentDiagnosticReport[]): unknown[] {
  return [...items].sort((a, b) => a.uri.localeCompare(b.uri)).map(withoutResultId);
}

function withoutResultId(item: WorkspaceDocumentDiagnosticReport): unknown {
  const { resultId: _, ...rest } = item as WorkspaceDocumentDiagnosticReport & { resultId?: string };
  return rest;
}

describe('pyconv.diagnosticsScope on a push-only client', () => {
  it('publishes every file from the start with "workspace", and withdraws them back to "openFiles"', async () => {
    await ensureBuilt();
    const workspace = makeWorkspace(generatedFiles(12));
    const fileOf = (i: number) => uriOf(path.join(workspace, `pkg${i % 10}`, `module_${i}.py`));
    const options = { workspace, settings: { diagnosticsScope: 'workspace' } };
    await withClient(
      options,
      async (client) => {
        for (let i = 0; i < 12; i++)
          expect((await client.diagnosticsFor(fileOf(i))).map(brief)).toEqual(expectedFor(i));
        client.settings = { diagnosticsScope: 'openFiles' };
        await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
        const publishes = (i: number) => client.diagnostics.get(fileOf(i))?.map((p) => p.diagnostics.length);
        const all = Array.from({ length: 12 }, (_, i) => i);
        await client.waitFor('every file withdrawn', () => all.every((i) => publishes(i)?.length === 2));
        for (const i of all) expect(publishes(i), `file ${i}`).toEqual([expectedFor(i).length, 0]);
      },
      { removeAfter: [workspace] },
    );
  }, 60_000);
});

describe('pyconv.checkWorkspace cancelled from its progress', () => {
  it('stops when the progress bar is cancelled, and runs again in full after', async () => {
    await ensureBuilt();
    const workspace = makeWorkspace(generatedFiles(400));
    const cacheFolder = makeWorkspace();
    const capabilities = { window: { workDoneProgress: true } };
    const options = { workspace, capabilities, env: { PYCONV_CACHE_DIR: cacheFolder } };
    let created: ProgressToken[] = [];
    let progress = new Map<ProgressToken, unknown[]>();
    const beforeInitialize = (client: TestClient) => {
      created = recordCreatedProgress(client);
      progress = recordProgress(client);
    };
    const values = (token: ProgressToken) => (progress.get(token) ?? []) as ProgressValue[];
    const reports = (token: ProgressToken) => values(token).filter((v) => v.kind === 'report');
    // The project index (renames across files) shows its own progress: the check's is the one with its title.
    const checking = () =>
      created.find((token) =>
        values(token).some((v) => v.kind === 'begin' && v.title === 'pyconv: checking the workspace'),
      );
    await withClient(
      options,
      async (client) => {
        const command = client.request('workspace/executeCommand', { command: 'pyconv.checkWorkspace' });
        await client.waitFor(
          'a first file checked',
          () =>
            checking() !== undefined &&
            reports(checking()!).some((r) => !/^checked 0\//.test(r.message ?? '')),
          60_000,
        );
        await client.connection.sendNotification('window/workDoneProgress/cancel', { token: checking()! });
        await expect(command).rejects.toMatchObject({ code: -32800 });
        expect(values(checking()!).at(-1)?.kind).toBe('end');
        expect(reports(checking()!).at(-1)?.message).not.toBe('checked 400/400 files');

        const again = await client.request<{ files: number }>('workspace/executeCommand', {
          command: 'pyconv.checkWorkspace',
        });
        expect(again.files).toBe(400);
      },
      { beforeInitialize, removeAfter: [workspace, cacheFolder] },
    );
  }, 180_000);
});

describe('workspace folders changing', () => {
  it('checks an added folder and clears a removed one', async () => {
    await ensureBuilt();
    const root = makeWorkspace({
      'a/pyproject.toml': PYPROJECT,
      'a/one.py': 'def BadOne(x):\n    return x\n',
      'b/pyproject.toml': PYPROJECT,
      'b/two.py': 'def BadTwo(x):\n    return x\n',
    });
    const [a, b] = ['a', 'b'].map((name) => path.join(root, name));
    const one = uriOf(path.join(a, 'one.py'));
    const two = uriOf(path.join(b, 'two.py'));
    const options = {
      workspace: a,
      folders: [a],
      settings: { diagnosticsScope: 'workspace' },
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    };
    await withClient(
      options,
      async (client) => {
        expect((await client.diagnosticsFor(one)).map(brief)).toEqual(['N802 0:4-0:10']);
        await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
          event: { added: [{ uri: uriOf(b), name: 'b' }], removed: [{ uri: uriOf(a), name: 'a' }] },
        });
        expect((await client.diagnosticsFor(two)).map(brief)).toEqual(['N802 0:4-0:10']);
        await client.waitFor(
          'the removed folder cleared',
          () => client.diagnostics.get(one)?.at(-1)?.diagnostics.length === 0,
        );
      },
      { removeAfter: [root] },
    );
  }, 60_000);
});

describe('pyconv.checkWorkspace (push-only client)', () => {
  let workspace: string;
  let client: TestClient;
  let created: ProgressToken[] = [];
  let progress: Map<ProgressToken, unknown[]>;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace(generatedFiles(30));
    client = new TestClient({ workspace, capabilities: { window: { workDoneProgress: true } } });
    created = recordCreatedProgress(client);
    progress = recordProgress(client);
    const init = await client.initialize();
    expect(init.capabilities.executeCommandProvider?.commands).toContain('pyconv.checkWorkspace');
    expect(init.capabilities.diagnosticProvider).toBeUndefined();
  }, 60_000);

  afterAll(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  const fileOf = (i: number) => path.join(workspace, `pkg${i % 10}`, `module_${i}.py`);

  it('publishes the findings of files never opened, with progress the server created', async () => {
    const result = await client.request<{ files: number }>('workspace/executeCommand', {
      command: 'pyconv.checkWorkspace',
      arguments: [],
    });
    expect(result.files).toBe(30);
    for (const i of [0, 1, 3, 29]) {
      const diagnostics = await client.diagnosticsFor(uriOf(fileOf(i)));
      expect(diagnostics.map(brief)).toEqual(expectedFor(i));
    }
    expect(client.diagnostics.has(uriOf(path.join(workspace, 'ignored', 'Skipped.py')))).toBe(false);
    // The command's own progress is the one with its title (the project index shows its own, started
    // once the server is quiet, and a settings answer may start one before it).
    const values = (token: ProgressToken) => (progress.get(token) ?? []) as ProgressValue[];
    const command = created.find((token) =>
      values(token).some((v) => v.kind === 'begin' && v.title === 'pyconv: checking the workspace'),
    );
    const work = values(command ?? '');
    expect(work[0]).toMatchObject({ kind: 'begin', cancellable: true });
    expect(work.filter((v) => v.kind === 'report').at(-1)).toMatchObject({ message: 'checked 30/30 files' });
    expect(work.at(-1)?.kind).toBe('end');
    expect(client.registrations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'workspace/didChangeWatchedFiles',
          registerOptions: { watchers: expect.arrayContaining([{ globPattern: '**/*.py' }]) },
        }),
      ]),
    );
  }, 60_000);

  it('hands a file over at open and back at close without clearing it', async () => {
    const uri = uriOf(fileOf(3));
    const before = client.diagnostics.get(uri)?.length ?? 0;
    await client.open(uri, readFileSync(fileOf(3), 'utf8'));
    await client.waitFor('the live publish', () => (client.diagnostics.get(uri)?.length ?? 0) > before);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const since = (client.diagnostics.get(uri) ?? []).slice(before);
    expect(since.length).toBeGreaterThan(0);
    for (const publish of since) expect(publish.diagnostics.map(brief)).toEqual(expectedFor(3));
  }, 30_000);

  it('rechecks a changed file, clears a deleted one and a newly excluded one', async () => {
    const changed = uriOf(fileOf(1));
    writeFileSync(fileOf(1), 'def Renamed(x):\n    return x\n');
    const deleted = uriOf(fileOf(2));
    rmSync(fileOf(2));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: changed, type: 2 },
        { uri: deleted, type: 3 },
      ],
    });
    await client.waitFor('the changed file', () =>
      client.diagnostics
        .get(changed)
        ?.at(-1)
        ?.diagnostics.some((d) => d.code === 'N802'),
    );
    await client.waitFor(
      'the deleted file cleared',
      () => client.diagnostics.get(deleted)?.at(-1)?.diagnostics.length === 0,
    );

    const excluded = uriOf(fileOf(0));
    writeFileSync(path.join(workspace, 'pyproject.toml'), `${PYPROJECT}extend-exclude = ["pkg0"]\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(workspace, 'pyproject.toml')), type: 1 }],
    });
    await client.waitFor(
      'the excluded file cleared',
      () => client.diagnostics.get(excluded)?.at(-1)?.diagnostics.length === 0,
    );
    expect(
      client.diagnostics
        .get(uriOf(fileOf(3)))
        ?.at(-1)
        ?.diagnostics.map(brief),
    ).toEqual(expectedFor(3));
  }, 30_000);
});

/**
 * A workspace with no configuration file anywhere: nested packages, a private module and a private
 * package, a first-party import (I001 sorts it after third-party ones only when `app` is known as
 * the file's own package) and a package folder named against N999. Each file's module path must
 * start at the workspace folder in the Problems panel, in an open document and for `pyconv check`
 * run there.
 */
const UNCONFIGURED: Record<string, string> = {
  'app/__init__.py': '"""App package."""\n',
  'app/core/__init__.py': '"""Core package."""\n',
  'app/core/_x.py':
    'import os\nimport app\nimport requests\n\n\ndef helper():\n    return os, app, requests\n',
  'app/core/BadName.py': '"""Badly named."""\n',
  'app/_internal/tools.py': '"""Tools."""\n\n\ndef tool():\n    return 1\n',
  'My-Pkg/__init__.py': '"""Badly named package."""\n',
  'script.py': 'import sys\nimport app\n\nprint(sys, app)\n',
};

/** `CODE L:C-L:C` by path relative to the workspace, sorted, for files with findings. */
type FindingsByFile = Record<string, string[]>;

function byRelativePath(workspace: string, entries: Array<[string, string[]]>): FindingsByFile {
  const result: FindingsByFile = {};
  for (const [file, found] of entries) {
    if (found.length === 0) continue;
    const relative = path.relative(workspace, file).split(path.sep).join('/');
    result[relative] = [...(result[relative] ?? []), ...found].sort();
  }
  return result;
}

function cliFindings(workspace: string): FindingsByFile {
  const output = execFileSync(
    process.execPath,
    [CLI_JS, 'check', '.', '--output-format', 'json', '--exit-zero', '--no-cache'],
    { cwd: workspace, stdio: 'pipe', encoding: 'utf8' },
  );
  const found = JSON.parse(output) as Array<{ path: string; code: string; range: Diagnostic['range'] }>;
  return byRelativePath(
    workspace,
    found.map((d) => [path.join(workspace, d.path), [brief({ ...d, message: '' })]]),
  );
}

describe('a workspace without a configuration file', () => {
  it("gives each file the same findings in the Problems panel (from the CLI's cache), when open and from `pyconv check` run there", async () => {
    await ensureBuilt();
    const workspace = makeWorkspace(UNCONFIGURED);
    const files = Object.keys(UNCONFIGURED).map((name) => path.join(workspace, name));
    const fromCli = cliFindings(workspace);
    // A second run records its findings: the server's keys for the same files must find them.
    await pullAfterCli(workspace, files.length, async (client, report) => {
      const fromWorkspace = byRelativePath(
        workspace,
        report.items.map((item) => [
          fileURLToPath(item.uri),
          item.kind === 'full' ? item.items.map(brief) : [],
        ]),
      );
      const open: Array<[string, string[]]> = [];
      for (const file of files) {
        await client.open(uriOf(file), readFileSync(file, 'utf8'));
        const pulled = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
          textDocument: { uri: uriOf(file) },
        });
        open.push([file, pulled.kind === 'full' ? pulled.items.map(brief) : []]);
      }
      const fromOpen = byRelativePath(workspace, open);
      // Module paths from the workspace folder: `_internal` makes its modules private (no D103,
      // ANN201 or PCV603), the package folder `My-Pkg` is N999, `app` is first-party (I001's fix
      // moves it into its own section).
      expect(fromCli).toEqual({
        'My-Pkg/__init__.py': ['N999 0:0-0:0'],
        'app/_internal/tools.py': ['ANN202 3:4-3:8'],
        'app/core/BadName.py': ['N999 0:0-0:0'],
        'app/core/_x.py': ['ANN202 5:4-5:10', 'I001 0:0-2:15'],
        'script.py': ['D100 0:0-0:0', 'I001 0:0-1:10'],
      });
      expect(fromWorkspace).toEqual(fromCli);
      expect(fromOpen).toEqual(fromCli);
    });
  }, 60_000);
});
