/**
 * Renames across files over stdio against the built server, on a workspace of several packages:
 * relative and absolute imports, aliases, attribute uses through module names, `__init__.py`
 * re-exports, a namespace package and a `src/` layout. The returned WorkspaceEdit is applied to disk
 * the way a client would, then python3 must import every package and call every renamed name.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  Diagnostic,
  ResourceOperationKind,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const FILES: Record<string, string> = {
  'pyproject.toml': '[tool.pyconv]\nselect = ["N802", "N816"]\n',
  'shopcart/__init__.py': [
    'from .pricing import computeTotal, applyDiscount',
    '',
    '__all__ = ["computeTotal", "applyDiscount"]',
    '',
  ].join('\n'),
  'shopcart/pricing.py': [
    'def computeTotal(items):',
    '    return sum(items)',
    '',
    '',
    'def applyDiscount(total, rate):',
    '    return total * (1 - rate)',
    '',
    '',
    'def helperFn():',
    '    return 1',
    '',
    '',
    'def _lookupName():',
    '    return getattr(__import__("shopcart.pricing"), "helperFn")',
    '',
    '',
    'taxRate = 0.2',
    '',
  ].join('\n'),
  'shopcart/cart.py': [
    'import shopcart.pricing',
    'import shopcart.pricing as p',
    'from . import pricing',
    'from .pricing import computeTotal as ct',
    '',
    '',
    'def checkout(items):',
    '    return ct(items) + p.computeTotal([]) + pricing.computeTotal([]) + shopcart.pricing.computeTotal([1])',
    '',
  ].join('\n'),
  // A namespace package (no __init__.py), importing through the package's re-export.
  'reports/summary.py': [
    'from shopcart import computeTotal, applyDiscount',
    'from shopcart.pricing import taxRate',
    '',
    '',
    'def summary():',
    '    return applyDiscount(computeTotal([1, 2]), taxRate)',
    '',
  ].join('\n'),
  // A src/ layout package.
  'src/inventory/__init__.py': [
    'from shopcart.pricing import computeTotal',
    '',
    '',
    'def stockValue(prices):',
    '    return computeTotal(prices)',
    '',
  ].join('\n'),
  'tests/test_pricing.py': [
    'from unittest import mock',
    '',
    '',
    'def test_total():',
    '    with mock.patch("shopcart.pricing.applyDiscount", return_value=0):',
    '        pass',
    '',
  ].join('\n'),
  'legacy/__init__.py': '',
  'legacy/old.py': [
    'def oldHelper():',
    '    return 2',
    '',
    '',
    'def dynamicName():',
    '    return 3',
    '',
  ].join('\n'),
  'legacy/star.py': 'from legacy.old import *\n',
  'dyn/__init__.py': [
    'from dyn import parts',
    '',
    '__all__ = ["dynHelper"] + parts.__all__',
    '',
    '',
    'def dynHelper():',
    '    return 4',
    '',
  ].join('\n'),
  'dyn/parts.py': '__all__ = []\n',
};

/** Runs python3 in the workspace with both source roots on the path. */
function python(workspace: string, code: string): { status: number | null; output: string } {
  const run = spawnSync('python3', ['-c', code], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      ...process.env,
      PYTHONPATH: [workspace, path.join(workspace, 'src')].join(path.delimiter),
      PYTHONDONTWRITEBYTECODE: '1',
    },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/**
 * Applies a WorkspaceEdit to the files on disk, as a client applies it (both forms), and tells the
 * server of the changed files as a client's file watcher would.
 */
function applyToDisk(client: TestClient, edit: WorkspaceEdit): string[] {
  const perUri = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) perUri.set(uri, edits);
  for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) {
    perUri.set(change.textDocument.uri, [...(perUri.get(change.textDocument.uri) ?? []), ...change.edits]);
  }
  for (const [uri, edits] of perUri) {
    const file = fileURLToPath(uri);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri, 'python', 0, text), edits));
  }
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [...perUri.keys()].map((uri) => ({ uri, type: 2 })),
  });
  return [...perUri.keys()]
    .map((uri) => path.relative(path.dirname(path.dirname(fileURLToPath(uri))), fileURLToPath(uri)))
    .sort();
}

const RENAME_CAPABILITIES = {
  textDocument: {
    rename: { prepareSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
      disabledSupport: true,
    },
  },
};

async function startClient(
  workspace: string,
  documentChanges: boolean,
  settings: Record<string, unknown> = { debounceMs: 0 },
): Promise<TestClient> {
  const client = new TestClient({
    workspace,
    settings,
    capabilities: {
      ...RENAME_CAPABILITIES,
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges },
      },
    },
  });
  await client.initialize();
  return client;
}

/** A fresh workspace of FILES with a started client, for the tests of one describe block. */
function workspaceWithClient(
  documentChanges: boolean,
  settings?: Record<string, unknown>,
): { workspace: string; client: TestClient } {
  const state = {} as { workspace: string; client: TestClient };
  beforeAll(async () => {
    await ensureBuilt();
    state.workspace = makeWorkspace(FILES);
    state.client = await startClient(state.workspace, documentChanges, settings);
  }, 120_000);
  afterAll(async () => {
    await state.client.stop();
    rmSync(state.workspace, { recursive: true, force: true });
  });
  return state;
}

const rename = (client: TestClient, uri: string, line: number, character: number, newName: string) =>
  client.request<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri },
    position: { line, character },
    newName,
  });

/** The message of a refused request. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the request was not refused');
}

describe('renames across files (documentChanges client)', () => {
  let workspace: string;
  let client: TestClient;
  const file = (name: string) => path.join(workspace, name);

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace(FILES);
    expect(
      python(workspace, 'import shopcart, shopcart.cart, reports.summary, inventory, dyn, legacy.star')
        .status,
    ).toBe(0);
    client = await startClient(workspace, true);
    await client.open(uriOf(file('shopcart/pricing.py')), FILES['shopcart/pricing.py'], 3);
    await client.open(uriOf(file('shopcart/cart.py')), FILES['shopcart/cart.py'], 7);
  }, 120_000);

  afterAll(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('prepareRename tells how many files will change', async () => {
    const result = await client.request('textDocument/prepareRename', {
      textDocument: { uri: uriOf(file('shopcart/pricing.py')) },
      position: { line: 0, character: 6 },
    });
    expect(result).toEqual({
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 16 } },
      placeholder: 'computeTotal',
    });
    const message = await client.waitFor('the files message', () =>
      client.messages.find((m) => m.message.includes('renaming `computeTotal`')),
    );
    expect(message.message).toBe(
      'pyconv: renaming `computeTotal` changes 5 files (also reports/summary.py, shopcart/__init__.py, shopcart/cart.py, src/inventory/__init__.py)',
    );
  });

  it('renames through re-exports, aliases and module attributes; open files versioned, closed ones not written', async () => {
    const closedBefore = readFileSync(file('reports/summary.py'), 'utf8');
    const edit = await rename(client, uriOf(file('shopcart/pricing.py')), 0, 6, 'compute_total');
    // Nothing was written behind the editor's back.
    expect(readFileSync(file('reports/summary.py'), 'utf8')).toBe(closedBefore);
    const versions = Object.fromEntries(
      (edit.documentChanges as TextDocumentEdit[]).map((c) => [
        path.relative(workspace, fileURLToPath(c.textDocument.uri)),
        c.textDocument.version,
      ]),
    );
    expect(versions).toEqual({
      'shopcart/pricing.py': 3,
      'shopcart/cart.py': 7,
      'shopcart/__init__.py': null,
      'reports/summary.py': null,
      'src/inventory/__init__.py': null,
    });
    const cart = (edit.documentChanges as TextDocumentEdit[]).find((c) =>
      c.textDocument.uri.endsWith('cart.py'),
    )!;
    const cartAfter = TextDocument.applyEdits(
      TextDocument.create('x', 'python', 0, FILES['shopcart/cart.py']),
      cart.edits,
    );
    expect(cartAfter).toContain('from .pricing import compute_total as ct');
    expect(cartAfter).toContain(
      'return ct(items) + p.compute_total([]) + pricing.compute_total([]) + shopcart.pricing.compute_total([1])',
    );
    applyToDisk(client, edit);
    expect(readFileSync(file('shopcart/__init__.py'), 'utf8')).toContain(
      '__all__ = ["compute_total", "applyDiscount"]',
    );
    const run = python(
      workspace,
      [
        'import shopcart, shopcart.cart, reports.summary, inventory',
        'assert shopcart.compute_total([1, 2]) == 3',
        'assert shopcart.cart.checkout([1]) == 2',
        'assert round(reports.summary.summary(), 2) == 2.4',
        'assert inventory.stockValue([2, 3]) == 5',
        'print("ok")',
      ].join('\n'),
    );
    expect(run.output).toBe('ok\n');
    expect(run.status).toBe(0);
  });

  it('offers the N802 quick fix across files, and a second unsafe one with the patch() strings', async () => {
    const uri = uriOf(file('shopcart/pricing.py'));
    const text = readFileSync(file('shopcart/pricing.py'), 'utf8');
    await client.change(uri, 4, [{ text }]);
    const diagnostics = await client.diagnosticsFor(uri, 4);
    const n802 = diagnostics.find(
      (d: Diagnostic) => d.code === 'N802' && d.message.includes('applyDiscount'),
    )!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: n802.range,
      context: { diagnostics: [n802] },
    });
    const titles = actions.map((a) => a.title).filter((t) => t.startsWith('Rename'));
    expect(titles).toEqual([
      'Rename `applyDiscount` to `apply_discount` in 3 files (unsafe)',
      'Rename `applyDiscount` to `apply_discount` in 3 files and in `patch()` strings (unsafe)',
    ]);
    const withPatches = actions.find((a) => a.title.includes('patch()'))!;
    expect(applyToDisk(client, withPatches.edit!)).toEqual([
      'reports/summary.py',
      'shopcart/__init__.py',
      'shopcart/pricing.py',
      'tests/test_pricing.py',
    ]);
    expect(readFileSync(file('tests/test_pricing.py'), 'utf8')).toContain(
      'mock.patch("shopcart.pricing.apply_discount"',
    );
    const run = python(
      workspace,
      'import shopcart, reports.summary\nprint(shopcart.apply_discount(10, 0.5), round(reports.summary.summary(), 2))',
    );
    expect(run.output).toBe('5.0 2.4\n');
  });

  it('refuses a name reached by getattr with a string, and says why', async () => {
    const uri = uriOf(file('shopcart/pricing.py'));
    const text = readFileSync(file('shopcart/pricing.py'), 'utf8');
    await client.change(uri, 5, [{ text }]);
    const line = text.split('\n').indexOf('def helperFn():');
    expect(await refusal(rename(client, uri, line, 5, 'helper_fn'))).toBe(
      'pyconv: cannot rename `helperFn` to `helper_fn`: shopcart/pricing.py reaches `helperFn` by a string (`getattr`, `setattr`, `hasattr` or `patch.object`); pyconv cannot rename it there',
    );
  });

  it('refuses a star-imported name, a dynamic __all__ and a file outside the project', async () => {
    const old = uriOf(file('legacy/old.py'));
    await client.open(old, FILES['legacy/old.py'], 1);
    expect(await refusal(rename(client, old, 0, 5, 'old_helper'))).toBe(
      'pyconv: cannot rename `oldHelper` to `old_helper`: `from legacy.old import *` in legacy/star.py imports `oldHelper` under its name; pyconv cannot rename it there',
    );
    const dyn = uriOf(file('dyn/__init__.py'));
    await client.open(dyn, FILES['dyn/__init__.py'], 1);
    expect(
      await refusal(
        client.request('textDocument/prepareRename', {
          textDocument: { uri: dyn },
          position: { line: 5, character: 5 },
        }),
      ),
    ).toBe(
      'pyconv: cannot rename `dynHelper`: `__all__` of `dyn` is built dynamically; pyconv cannot tell whether it lists `dynHelper`',
    );
    const outside = makeWorkspace({ 'loose.py': 'def looseName():\n    return 1\n' });
    const loose = uriOf(path.join(outside, 'loose.py'));
    await client.open(loose, 'def looseName():\n    return 1\n', 1);
    expect(await refusal(rename(client, loose, 0, 5, 'loose_name'))).toMatch(
      /^pyconv: cannot rename `looseName` to `loose_name`: the project cannot be resolved: loose\.py is not a module under the source roots/,
    );
    rmSync(outside, { recursive: true, force: true });
  });

  it('keeps renaming locals in one file as before', async () => {
    const uri = uriOf(file('shopcart/cart.py'));
    const edit = await rename(client, uri, 6, 14, 'things');
    expect(Object.keys(edit.changes ?? {})).toEqual([uri]);
  });
});

describe('renames across files (client without documentChanges, as Neovim 0.7)', () => {
  const context = workspaceWithClient(false);

  it('answers with `changes` covering every file', async () => {
    const { workspace, client } = context;
    const uri = uriOf(path.join(workspace, 'shopcart/pricing.py'));
    await client.open(uri, FILES['shopcart/pricing.py'], 1);
    const edit = await rename(client, uri, 16, 2, 'TAX_RATE');
    expect(edit.documentChanges).toBeUndefined();
    expect(applyToDisk(client, edit)).toEqual(['reports/summary.py', 'shopcart/pricing.py']);
    const run = python(workspace, 'import reports.summary\nprint(round(reports.summary.summary(), 2))');
    expect(run.output).toBe('2.4\n');
  });
});

describe('fix-all with unsafe fixes', () => {
  const context = workspaceWithClient(true, { debounceMs: 0, unsafeFixes: true });

  it('renames in this file only the names no other file reaches', async () => {
    const { workspace, client } = context;
    const uri = uriOf(path.join(workspace, 'shopcart/pricing.py'));
    await client.open(uri, FILES['shopcart/pricing.py'], 1);
    await client.diagnosticsFor(uri, 1);
    await client.request('textDocument/prepareRename', {
      textDocument: { uri },
      position: { line: 0, character: 5 },
    });
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const edits =
      (fixAll.edit!.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits ??
      fixAll.edit!.changes![uri];
    const after = TextDocument.applyEdits(
      TextDocument.create(uri, 'python', 1, FILES['shopcart/pricing.py']),
      edits,
    );
    // Imported elsewhere, or reached by getattr: left for the quick fix or F2.
    expect(after).toContain('def computeTotal(items):');
    expect(after).toContain('def applyDiscount(total, rate):');
    expect(after).toContain('def helperFn():');
    expect(after).toContain('taxRate = 0.2');
    // Nobody else uses it: renamed here.
    expect(after).toContain('def _lookup_name():');
  });
});

const MODULE_FILES: Record<string, string> = {
  'pyproject.toml': '[tool.pyconv]\nselect = ["N999"]\n',
  'tools/__init__.py': 'from .PriceTools import rounded\nfrom . import PriceTools\n',
  'tools/PriceTools.py': 'def rounded(value):\n    return round(value, 1)\n',
  'app/__init__.py': '',
  'app/main.py': [
    'import tools.PriceTools',
    'import tools.PriceTools as pt',
    'from tools import PriceTools',
    'from tools.PriceTools import rounded',
    '',
    '',
    'def run():',
    '    return [tools.PriceTools.rounded(1.26), pt.rounded(2.26), PriceTools.rounded(3.26), rounded(4.26)]',
    '',
  ].join('\n'),
};

describe('module renames (N999) with RenameFile', () => {
  let workspace: string;

  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  /** The N999 actions of tools/PriceTools.py for a client with or without file renames. */
  async function moduleActions(
    resourceOperations: ResourceOperationKind[],
  ): Promise<{ client: TestClient; actions: CodeAction[] }> {
    const client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: {
        ...RENAME_CAPABILITIES,
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations },
        },
      },
    });
    await client.initialize();
    const uri = uriOf(path.join(workspace, 'tools/PriceTools.py'));
    await client.open(uri, MODULE_FILES['tools/PriceTools.py'], 1);
    const n999 = (await client.diagnosticsFor(uri, 1)).find((d) => d.code === 'N999')!;
    // The index is built once the opening analysis is done (before, the action is disabled: still being built).
    await client.waitFor('the project index', () =>
      client.logs.find((line) => line.includes('project index:')),
    );
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: n999.range,
      context: { diagnostics: [n999] },
    });
    return { client, actions: actions.filter((a) => a.title.startsWith('Rename module')) };
  }

  it('is disabled, with the reason, for a client that cannot rename files', async () => {
    workspace = makeWorkspace(MODULE_FILES);
    const { client, actions } = await moduleActions([]);
    await client.stop();
    expect(actions).toEqual([
      expect.objectContaining({
        title: 'Rename module `PriceTools` to `price_tools` and update its imports (unsafe)',
        disabled: { reason: 'the editor cannot rename files through a workspace edit' },
      }),
    ]);
  });

  it('moves the file and updates every import', async () => {
    const { client, actions } = await moduleActions(['create', 'rename', 'delete']);
    expect(actions.map((a) => a.title)).toEqual([
      'Rename module `PriceTools` to `price_tools` and update its imports in 2 file(s) (unsafe)',
    ]);
    const changes = actions[0].edit!.documentChanges!;
    const last = changes.at(-1) as { kind: string; oldUri: string; newUri: string };
    expect(last.kind).toBe('rename');
    applyToDisk(client, { documentChanges: changes.slice(0, -1) as TextDocumentEdit[] });
    renameSync(fileURLToPath(last.oldUri), fileURLToPath(last.newUri));
    await client.stop();
    expect(readFileSync(path.join(workspace, 'app/main.py'), 'utf8')).toContain(
      'tools.price_tools.rounded(1.26), pt.rounded(2.26), price_tools.rounded(3.26), rounded(4.26)',
    );
    const run = python(workspace, 'import tools, app.main\nprint(app.main.run())');
    expect(run.output).toBe('[1.3, 2.3, 3.3, 4.3]\n');
  });
});

describe('the index between sessions', () => {
  it('is read from the cache by content hash the next time', async () => {
    await ensureBuilt();
    const workspace = makeWorkspace(FILES);
    const indexed = (client: TestClient) =>
      client.waitFor('the project index', () => client.logs.find((line) => line.includes('project index:')));
    const first = await startClient(workspace, true);
    expect(await indexed(first)).toMatch(/project index: 11 files \(11 parsed, 0 from the cache\)/);
    await first.stop();
    const second = await startClient(workspace, true);
    expect(await indexed(second)).toMatch(/project index: 11 files \(0 parsed, 11 from the cache\)/);
    await second.stop();
    rmSync(workspace, { recursive: true, force: true });
  }, 60_000);
});
