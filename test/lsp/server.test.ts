import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RECONCILE_AFTER_MS } from '../../server/src/lsp/documents';
import { brief, ensureBuilt, makeWorkspace, SERVER_JS, TestClient, uriOf } from './helpers';

const PYPROJECT = '[tool.pyconv]\nselect = ["N801", "E722", "I001"]\n';
const SOURCE = [
  'import sys',
  'import os',
  '',
  'class bad_name:  # 😀 é',
  '    pass',
  '',
  'try:',
  '    pass',
  'except:',
  '    pass',
  '',
].join('\n');

function docHref(code: string): string {
  return pathToFileURL(path.join(path.dirname(SERVER_JS), 'docs', 'rules', `${code}.md`)).href;
}

function hoverText(hover: Hover | null): string {
  return hover ? (hover.contents as MarkupContent).value : '';
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, text), edits);
}

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

describe('push diagnostics', () => {
  let client: TestClient;
  let workspace: string;
  let uri: string;

  beforeAll(async () => {
    workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT, 'pkg/mod.py': SOURCE });
    uri = uriOf(path.join(workspace, 'pkg', 'mod.py'));
    client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    await client.initialize();
  });

  afterAll(async () => {
    await client.stop();
  });

  it('announces incremental sync, hover, code actions and no pull diagnostics', async () => {
    const caps = client.initializeResult?.capabilities;
    expect(caps?.textDocumentSync).toEqual({ openClose: true, change: 2, save: { includeText: false } });
    expect(caps?.hoverProvider).toBe(true);
    expect(caps?.codeActionProvider).toEqual({
      codeActionKinds: [
        'quickfix',
        'refactor.rewrite',
        'source.fixAll.pyconv',
        'notebook.source.fixAll.pyconv',
        'source.organizeImports.pyconv',
      ],
      resolveProvider: true,
    });
    expect(caps?.completionProvider?.triggerCharacters).toEqual(['"', "'"]);
    expect(caps?.diagnosticProvider).toBeUndefined();
    expect(caps?.workspace).toEqual({ workspaceFolders: { supported: true, changeNotifications: true } });
    await client.waitFor('the watcher registration', () => client.registrations.length >= 2);
    expect(client.registrations).toContainEqual(
      expect.objectContaining({
        method: 'workspace/didChangeWatchedFiles',
        // Configuration files, and the sources the project index and the workspace diagnostics keep up to date.
        registerOptions: {
          watchers: ['**/*.toml', '**/*.py', '**/*.pyi', '**/*.ipynb'].map((globPattern) => ({
            globPattern,
          })),
        },
      }),
    );
  });

  it('publishes exact diagnostics on open, with source and code description, without fix data', async () => {
    await client.open(uri, SOURCE, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map(brief)).toEqual(['I001 0:0-1:9', 'N801 3:6-3:14', 'E722 8:0-8:6']);
    const n801 = diagnostics[1];
    expect(n801).toMatchObject({
      source: 'pyconv',
      code: 'N801',
      severity: 2,
      codeDescription: { href: docHref('N801') },
      message: 'Class name `bad_name` should use CapWords convention',
    });
    // Fixes stay on the server (code actions find them by code and range): publishes stay small.
    expect(diagnostics.every((d) => d.data === undefined)).toBe(true);
    // The page itself is generated and copied beside the bundle by the build.
    expect(existsSync(fileURLToPath(docHref('N801')))).toBe(true);
  });

  it('follows incremental changes, with UTF-16 columns after non-ASCII text', async () => {
    // Line 3 is `class bad_name:  # 😀 é`: insert a second class after the emoji comment line.
    await client.change(uri, 2, [
      {
        range: { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } },
        text: '\nx = "😀"; class other_bad: pass',
      },
    ]);
    expect((await client.diagnosticsFor(uri, 2)).map(brief)).toEqual([
      'I001 0:0-1:9',
      'N801 3:6-3:14',
      'N801 5:16-5:25',
      'E722 9:0-9:6',
    ]);
    // Two changes in one notification: rename the first class, then delete the added line.
    await client.change(uri, 3, [
      { range: { start: { line: 3, character: 6 }, end: { line: 3, character: 14 } }, text: 'GoodName' },
      { range: { start: { line: 4, character: 8 }, end: { line: 5, character: 31 } }, text: '' },
    ]);
    expect((await client.diagnosticsFor(uri, 3)).map(brief)).toEqual(['I001 0:0-1:9', 'E722 8:0-8:6']);
  });

  it('reparses from scratch on a full-text change', async () => {
    await client.change(uri, 4, [{ text: 'class lower: pass\n' }]);
    expect((await client.diagnosticsFor(uri, 4)).map(brief)).toEqual(['N801 0:6-0:11']);
    await client.change(uri, 5, [{ text: SOURCE }]);
    expect((await client.diagnosticsFor(uri, 5)).map(brief)).toEqual([
      'I001 0:0-1:9',
      'N801 3:6-3:14',
      'E722 8:0-8:6',
    ]);
  });

  it('shows the rule doc on hover over a diagnostic and over a noqa code', async () => {
    const onName = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 8 },
    });
    expect(hoverText(onName)).toMatch(
      /^\*\*N801\*\* Class name `bad_name` should use CapWords convention\n\nClass names use CapWords\. \(\[`invalid-class-name`\]\(file:\/\/\/.*\/docs\/rules\/N801\.md\)\)$/,
    );
    const elsewhere = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: 5 },
    });
    expect(elsewhere).toBeNull();

    const noqaUri = uriOf(path.join(workspace, 'pkg', 'noqa.py'));
    await client.open(noqaUri, 'class bad: pass  # noqa: E722, N801\n');
    await client.diagnosticsFor(noqaUri, 1);
    const onCode = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: noqaUri },
      position: { line: 0, character: 33 },
    });
    expect(hoverText(onCode)).toMatch(/^### N801 `invalid-class-name`/);
    expect(onCode?.range).toEqual({ start: { line: 0, character: 31 }, end: { line: 0, character: 35 } });
    const onOther = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: noqaUri },
      position: { line: 0, character: 26 },
    });
    expect(hoverText(onOther)).toMatch(/^### E722 /);
  });

  it('answers empty for unknown documents and clamps positions past the end', async () => {
    const unknown = await client.request('textDocument/hover', {
      textDocument: { uri: 'file:///nowhere.py' },
      position: { line: 0, character: 0 },
    });
    expect(unknown).toBeNull();
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: 'file:///nowhere.py' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(actions).toEqual([]);
    const past = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 400 },
    });
    expect(past).toBeNull();
    const pastEnd = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 900, character: 3 },
    });
    expect(pastEnd).toBeNull();
  });

  async function actionsFor(diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    };
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  it('offers "Disable CODE for this line" that appends or extends a noqa comment', async () => {
    const diagnostics = await client.diagnosticsFor(uri, 5);
    const n801 = diagnostics.find((d) => d.code === 'N801') as Diagnostic;
    const actions = await actionsFor([n801], ['quickfix']);
    expect(actions.map((a) => a.title)).toEqual([
      'Rename `bad_name` to `BadName` (unsafe)',
      'Disable N801 for this line',
    ]);
    const edits = actions[1].edit?.changes?.[uri] ?? [];
    expect(edits).toEqual([
      {
        range: { start: { line: 3, character: 23 }, end: { line: 3, character: 23 } },
        newText: '  # noqa: N801',
      },
    ]);
    // The comment on that line is not a noqa directive: the directive is appended after it.
    expect(applyEdits(SOURCE, edits).split('\n')[3]).toBe('class bad_name:  # 😀 é  # noqa: N801');

    const listed = 'class bad: pass  # noqa: E501\nclass worse: pass  # noqa\n';
    await client.change(uri, 6, [{ text: listed }]);
    await client.diagnosticsFor(uri, 6);
    const extend = await actionsFor([
      { ...n801, range: { start: { line: 0, character: 6 }, end: { line: 0, character: 9 } } },
    ]);
    const disable = extend.find((a) => a.title === 'Disable N801 for this line');
    expect(disable?.edit?.changes?.[uri]).toEqual([
      { range: { start: { line: 0, character: 29 }, end: { line: 0, character: 29 } }, newText: ', N801' },
    ]);
    // A blanket `# noqa` already silences everything: it is never narrowed to a list.
    const blanket = await actionsFor([
      { ...n801, range: { start: { line: 1, character: 6 }, end: { line: 1, character: 11 } } },
    ]);
    expect(blanket.filter((a) => a.title.startsWith('Disable'))).toEqual([]);
    await client.change(uri, 7, [{ text: SOURCE }]);
    await client.diagnosticsFor(uri, 7);
  });

  it("offers the fix of the server's analysis as a quick fix", async () => {
    const diagnostics = await client.diagnosticsFor(uri, 7);
    const e722 = diagnostics.find((d) => d.code === 'E722') as Diagnostic;
    const actions = await actionsFor([e722], ['quickfix']);
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([
      ['Catch `Exception` instead (unsafe)', false],
      ['Disable E722 for this line', undefined],
    ]);
    expect(applyEdits(SOURCE, actions[0].edit?.changes?.[uri] ?? []).split('\n')[8]).toBe(
      'except Exception:',
    );
    const i001 = diagnostics.find((d) => d.code === 'I001') as Diagnostic;
    const sort = (await actionsFor([i001], ['quickfix']))[0];
    expect([sort.title, sort.isPreferred]).toEqual(['Organize imports', true]);
    // A diagnostic the analysis does not have (another range) gets no fix, only its noqa action.
    const moved = { ...i001, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } } };
    expect((await actionsFor([moved], ['quickfix'])).map((a) => a.title)).toEqual([
      'Disable I001 for this line',
    ]);
  });

  it('fix-all applies the safe fixes only, and the unsafe ones once unsafeFixes is set', async () => {
    const actions = await actionsFor([], ['source.fixAll']);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ['pyconv: Fix all auto-fixable problems', 'source.fixAll.pyconv'],
    ]);
    const fixed = applyEdits(SOURCE, actions[0].edit?.changes?.[uri] ?? []);
    // I001 also puts two blank lines after the imports, as Ruff does.
    const sorted = SOURCE.replace('import sys\nimport os\n', 'import os\nimport sys\n\n');
    expect(fixed).toBe(sorted);

    client.settings = { debounceMs: 0, unsafeFixes: true };
    const published = client.diagnostics.get(uri)?.length ?? 0;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(
      'diagnostics after the settings change',
      () => (client.diagnostics.get(uri)?.length ?? 0) > published,
    );
    const unsafe = await actionsFor([], ['source.fixAll.pyconv']);
    const all = applyEdits(SOURCE, unsafe[0].edit?.changes?.[uri] ?? []);
    // The unsafe fixes include N801's rename.
    expect(all).toBe(
      sorted.replace('except:', 'except Exception:').replace('class bad_name', 'class BadName'),
    );
    client.settings = { debounceMs: 0 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('offers fix-all in the light bulb menu unresolved, and resolves its edit when chosen', async () => {
    const diagnostics = await client.diagnosticsFor(uri);
    const i001 = diagnostics.find((d) => d.code === 'I001') as Diagnostic;
    const actions = await actionsFor([i001]);
    expect(actions.map((a) => a.title)).toEqual([
      'Organize imports',
      'Disable I001 for this line',
      'pyconv: Fix all auto-fixable problems',
    ]);
    const fixAll = actions[2];
    expect(fixAll.edit).toBeUndefined();
    const resolved = await client.request<CodeAction>('codeAction/resolve', fixAll);
    expect(applyEdits(SOURCE, resolved.edit?.changes?.[uri] ?? [])).toBe(
      SOURCE.replace('import sys\nimport os\n', 'import os\nimport sys\n\n'),
    );
  });

  it('answers a bad request with an error and keeps serving', async () => {
    await expect(client.request('textDocument/codeAction', { textDocument: { uri } })).rejects.toThrow(
      /codeAction failed/,
    );
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 8 },
    });
    expect(hoverText(hover)).toMatch(/^\*\*N801\*\* /);
    expect(client.alive).toBe(true);
  });
});

describe('debounce', () => {
  it('publishes once for a burst of changes, for the last version only', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const client = new TestClient({ workspace, initializationOptions: { debounceMs: 150 } });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'burst.py'));
      await client.open(uri, '');
      await client.diagnosticsFor(uri, 1);
      const text = 'class a_b: pass\n';
      for (let i = 0; i < text.length; i++) {
        await client.change(uri, i + 2, [
          { range: { start: { line: 0, character: i }, end: { line: 0, character: i } }, text: text[i] },
        ]);
      }
      const last = text.length + 1;
      expect((await client.diagnosticsFor(uri, last)).map(brief)).toEqual(['N801 0:6-0:9']);
      expect(client.diagnostics.get(uri)?.map((p) => p.version)).toEqual([1, last]);
    } finally {
      await client.stop();
    }
  });
});

describe('reconcile (push)', () => {
  it('reconciles a tree parsed through syntax errors after a pause and publishes it again only if it changed', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'typed.py'));
      await client.open(uri, 'class bad: pass\n\n\nx = 1\n');
      await client.diagnosticsFor(uri, 1);
      const at = { line: 2, character: 0 };
      await client.change(uri, 2, [{ range: { start: at, end: at }, text: 'y = (' }]);
      const typed = (await client.diagnosticsFor(uri, 2)).map(brief);
      await new Promise((resolve) => setTimeout(resolve, RECONCILE_AFTER_MS + 600));
      const published = client.diagnostics.get(uri)?.filter((p) => p.version === 2) ?? [];
      const settled = published.map((p) => p.diagnostics.map(brief));
      // What a fresh analysis of the text gives; the reconciled tree gives the same here: no second publish.
      expect(settled).toEqual([typed]);
      expect(typed).toContain('N801 0:6-0:9');
    } finally {
      await client.stop();
    }
  });
});

describe('pull diagnostics', () => {
  it('reconciles a tree parsed through syntax errors once the client pauses, and asks for a new pull', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const client = new TestClient({ workspace, pull: true, settings: { debounceMs: 0 } });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'typed.py'));
      await client.open(uri, 'class bad: pass\n\n\nx = 1\n');
      type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
      const pull = (previousResultId?: string) =>
        client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
      await pull();
      const at = { line: 2, character: 0 };
      await client.change(uri, 2, [{ range: { start: at, end: at }, text: 'y = (' }]);
      const typed = await pull();
      expect(typed.kind).toBe('full');
      const refreshes = client.refreshes;
      await new Promise((resolve) => setTimeout(resolve, RECONCILE_AFTER_MS + 600));
      expect(client.refreshes).toBe(refreshes + 1);
      const settled = await pull(typed.resultId);
      expect(settled.kind).toBe('full');
      expect(settled.resultId).not.toBe(typed.resultId);
      expect(settled.items?.map(brief)).toContain('N801 0:6-0:9');
    } finally {
      await client.stop();
    }
  });

  it('answers textDocument/diagnostic and does not push when the client pulls', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const client = new TestClient({ workspace, pull: true, settings: { debounceMs: 0 } });
    try {
      await client.initialize();
      expect(client.initializeResult?.capabilities.diagnosticProvider).toEqual({
        identifier: 'pyconv',
        interFileDependencies: false,
        workspaceDiagnostics: true,
      });
      const uri = uriOf(path.join(workspace, 'pulled.py'));
      await client.open(uri, 'class bad: pass\n');
      type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
      const first = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
      expect(first.kind).toBe('full');
      expect(first.items?.map(brief)).toEqual(['N801 0:6-0:9']);
      expect(first.items?.[0]).toMatchObject({
        source: 'pyconv',
        codeDescription: { href: docHref('N801') },
      });
      const again = await client.request<Report>('textDocument/diagnostic', {
        textDocument: { uri },
        previousResultId: first.resultId,
      });
      expect(again).toEqual({ kind: 'unchanged', resultId: first.resultId });
      await client.change(uri, 2, [
        { range: { start: { line: 0, character: 6 }, end: { line: 0, character: 9 } }, text: 'Good' },
      ]);
      const after = await client.request<Report>('textDocument/diagnostic', {
        textDocument: { uri },
        previousResultId: first.resultId,
      });
      expect(after.kind).toBe('full');
      expect(after.items).toEqual([]);
      const unknown = await client.request<Report>('textDocument/diagnostic', {
        textDocument: { uri: 'file:///none.py' },
      });
      expect(unknown).toEqual({ kind: 'full', items: [] });
      expect(client.diagnostics.get(uri)).toBeUndefined();
    } finally {
      await client.stop();
    }
  });
});

describe('configuration problems', () => {
  it('reads editor settings per workspace folder', async () => {
    const root = makeWorkspace({ 'a/pyproject.toml': PYPROJECT, 'b/pyproject.toml': PYPROJECT });
    const [a, b] = [path.join(root, 'a'), path.join(root, 'b')];
    const client = new TestClient({
      workspace: root,
      folders: [a, b],
      settings: { debounceMs: 0 },
      scopedSettings: { [pathToFileURL(b).href]: { debounceMs: 0, select: ['E722'] } },
    });
    const text = 'class bad: pass\ntry:\n    pass\nexcept:\n    pass\n';
    try {
      await client.initialize();
      const inA = uriOf(path.join(a, 'one.py'));
      const inB = uriOf(path.join(b, 'two.py'));
      await client.open(inA, text);
      await client.open(inB, text);
      expect((await client.diagnosticsFor(inA, 1)).map(brief)).toEqual(['N801 0:6-0:9', 'E722 3:0-3:6']);
      expect((await client.diagnosticsFor(inB, 1)).map(brief)).toEqual(['E722 3:0-3:6']);
    } finally {
      await client.stop();
    }
  });

  it('watches pyproject.toml itself when the client cannot register watchers', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const pyproject = path.join(workspace, 'pyproject.toml');
    const client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: { workspace: { configuration: true } },
    });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'watched.py'));
      await client.open(uri, 'class bad: pass\ntry:\n    pass\nexcept:\n    pass\n');
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['N801 0:6-0:9', 'E722 3:0-3:6']);
      writeFileSync(pyproject, '[tool.pyconv]\nselect = ["E722"]\n');
      await client.waitFor('diagnostics under the edited pyproject.toml', () => {
        const all = client.diagnostics.get(uri) ?? [];
        return all[all.length - 1]?.diagnostics.length === 1;
      });
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['E722 3:0-3:6']);
    } finally {
      await client.stop();
    }
  });

  it('reads pyconv.toml over pyproject.toml, re-reads when the file it extends changes, and positions problems in it', async () => {
    const workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["E722"]\n',
      'pyconv.toml': 'extend = "shared/base.toml"\n',
      'shared/base.toml': 'select = ["N801"]\n',
    });
    const base = path.join(workspace, 'shared', 'base.toml');
    const standalone = path.join(workspace, 'pyconv.toml');
    const client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'app.py'));
      await client.open(uri, 'class bad: pass\ntry:\n    pass\nexcept:\n    pass\n');
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['N801 0:6-0:9']);

      writeFileSync(base, 'select = ["E722"]\n');
      let before = client.diagnostics.get(uri)?.length ?? 0;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: uriOf(base), type: 2 }],
      });
      await client.waitFor(
        'diagnostics after the base changed',
        () => (client.diagnostics.get(uri)?.length ?? 0) > before,
      );
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['E722 3:0-3:6']);

      writeFileSync(standalone, 'select = ["N801"]\nextend = "missing.toml"\n');
      before = client.diagnostics.get(uri)?.length ?? 0;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: uriOf(standalone), type: 2 }],
      });
      await client.waitFor(
        'diagnostics after pyconv.toml changed',
        () => (client.diagnostics.get(uri)?.length ?? 0) > before,
      );
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['N801 0:6-0:9']);
      const problems = await client.diagnosticsFor(uriOf(standalone));
      expect(problems.map((p) => [p.range.start.line, p.message])).toEqual([
        [1, `\`extend\` names a file that does not exist: ${path.join(workspace, 'missing.toml')}`],
      ]);
    } finally {
      await client.stop();
    }
  });

  it('watches the file a configuration extends when the client cannot register watchers', async () => {
    const workspace = makeWorkspace({
      'pyconv.toml': 'extend = "base.toml"\n',
      'base.toml': 'select = ["N801"]\n',
    });
    const client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: { workspace: { configuration: true } },
    });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'watched.py'));
      await client.open(uri, 'class bad: pass\ntry:\n    pass\nexcept:\n    pass\n');
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['N801 0:6-0:9']);
      writeFileSync(path.join(workspace, 'base.toml'), 'select = ["E722"]\n');
      await client.waitFor('diagnostics under the edited base.toml', () => {
        const all = client.diagnostics.get(uri) ?? [];
        return all[all.length - 1]?.diagnostics[0]?.code === 'E722';
      });
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['E722 3:0-3:6']);
    } finally {
      await client.stop();
    }
  });

  it('applies editor settings over pyproject.toml and reports their problems in a message', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const client = new TestClient({
      workspace,
      settings: { debounceMs: 0, select: ['E722'], ignore: ['QQQ1'], trace: { server: 'off' } },
    });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'edited.py'));
      await client.open(uri, 'class bad: pass\ntry:\n    pass\nexcept:\n    pass\n');
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(['E722 3:0-3:6']);
      const message = await client.waitFor('a showMessage', () => client.messages[0]);
      expect(message.type).toBe(2);
      expect(message.message).toContain('`QQQ1`');
      expect(message.message).toContain('(editor settings)');
    } finally {
      await client.stop();
    }
  });

  it('reports a broken pyproject.toml as a diagnostic and a warning, applies defaults, and recovers when it is fixed', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N801"\n' });
    const pyproject = path.join(workspace, 'pyproject.toml');
    const client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    try {
      await client.initialize();
      const uri = uriOf(path.join(workspace, 'app.py'));
      await client.open(uri, 'class bad: pass\n');
      const message = await client.waitFor('a showMessage', () => client.messages[0]);
      expect(message.type).toBe(2);
      expect(message.message).toContain(pyproject);
      const problems = await client.diagnosticsFor(uriOf(pyproject));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ source: 'pyconv', severity: 1 });
      expect(problems[0].range.start.line).toBeGreaterThanOrEqual(1);
      // Defaults apply: N801 is on by default.
      expect((await client.diagnosticsFor(uri, 1)).map(brief)).toContain('N801 0:6-0:9');
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 7 },
      });
      expect(hoverText(hover)).toContain('**N801** ');

      writeFileSync(pyproject, '[tool.pyconv]\nselect = ["E722"]\n');
      const before = client.diagnostics.get(uri)?.length ?? 0;
      const problemsBefore = client.diagnostics.get(uriOf(pyproject))?.length ?? 0;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: uriOf(pyproject), type: 2 }],
      });
      await client.waitFor(
        'cleared problems',
        () => (client.diagnostics.get(uriOf(pyproject))?.length ?? 0) > problemsBefore,
      );
      expect(await client.diagnosticsFor(uriOf(pyproject))).toEqual([]);
      await client.waitFor('new diagnostics', () => (client.diagnostics.get(uri)?.length ?? 0) > before);
      expect(await client.diagnosticsFor(uri, 1)).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});
