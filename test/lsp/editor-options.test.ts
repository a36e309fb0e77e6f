import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  DocumentDiagnosticReport,
  FullDocumentDiagnosticReport,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const UNSORTED = ['import sys', 'import os', '', '', 'class bad_name:', '    pass', ''].join('\n');
const SORTED = ['import os', 'import sys', '', '', 'class bad_name:', '    pass', ''].join('\n');
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, text), edits);
}

function codeActions(client: TestClient, uri: string, only?: string[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: WHOLE,
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });
}

const codes = (diagnostics: ReadonlyArray<{ code?: unknown }>) =>
  [...new Set(diagnostics.map((d) => String(d.code)))].sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let clients: TestClient[] = [];
async function start(options: ConstructorParameters<typeof TestClient>[0]): Promise<TestClient> {
  const client = new TestClient(options);
  clients.push(client);
  await client.initialize();
  return client;
}

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

afterEach(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  clients = [];
});

describe('source.organizeImports.pyconv', () => {
  it('is announced, and sorts the imports for the generic and the pyconv kind, I001 selected or not', async () => {
    // I001 is not selected: organizing imports still sorts them, as Ruff's does.
    const workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n',
      'mod.py': UNSORTED,
    });
    const uri = uriOf(path.join(workspace, 'mod.py'));
    const client = await start({ workspace, settings: { debounceMs: 0 } });
    const provider = client.initializeResult?.capabilities.codeActionProvider;
    expect(typeof provider === 'object' && provider.codeActionKinds).toContain(
      'source.organizeImports.pyconv',
    );
    await client.open(uri, UNSORTED);
    for (const only of [['source.organizeImports'], ['source.organizeImports.pyconv'], ['source']]) {
      const organize = (await codeActions(client, uri, only)).filter((a) =>
        a.kind?.startsWith('source.organizeImports'),
      );
      expect(organize.map((a) => [a.title, a.kind])).toEqual([
        ['pyconv: Organize imports', 'source.organizeImports.pyconv'],
      ]);
      expect(applyEdits(UNSORTED, organize[0].edit?.changes?.[uri] ?? [])).toBe(SORTED);
    }
    // Not in the light bulb menu, not for other kinds.
    expect((await codeActions(client, uri)).map((a) => a.kind)).not.toContain(
      'source.organizeImports.pyconv',
    );
    expect((await codeActions(client, uri, ['source.fixAll'])).map((a) => a.kind)).not.toContain(
      'source.organizeImports.pyconv',
    );
  });

  it('offers nothing when the imports are sorted already', async () => {
    const workspace = makeWorkspace({ 'mod.py': SORTED });
    const uri = uriOf(path.join(workspace, 'mod.py'));
    const client = await start({ workspace, settings: { debounceMs: 0 } });
    await client.open(uri, SORTED);
    expect(await codeActions(client, uri, ['source.organizeImports'])).toEqual([]);
  });
});

describe('pyconv.run: onSave', () => {
  const FIXED_CLASS = {
    range: { start: { line: 4, character: 6 }, end: { line: 4, character: 14 } },
    text: 'BadName',
  };
  const ADD_BARE_EXCEPT = {
    range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
    text: 'try:\n    pass\nexcept:\n    pass\n',
  };

  it('pushes on open and on save only, and code actions follow the current text', async () => {
    const workspace = makeWorkspace({ 'mod.py': UNSORTED });
    const uri = uriOf(path.join(workspace, 'mod.py'));
    const client = await start({
      workspace,
      settings: { debounceMs: 0, run: 'onSave', select: ['N801', 'E722', 'I001'] },
    });
    const sync = client.initializeResult?.capabilities.textDocumentSync;
    expect(typeof sync === 'object' && sync.save).toEqual({ includeText: false });
    await client.open(uri, UNSORTED);
    expect(codes(await client.diagnosticsFor(uri, 1))).toEqual(['I001', 'N801']);
    await client.change(uri, 2, [FIXED_CLASS]);
    await client.change(uri, 3, [ADD_BARE_EXCEPT]);
    await sleep(400);
    expect(client.diagnostics.get(uri)?.map((p) => p.version)).toEqual([1]);
    // The fix of the new bare except is there, computed on the current text.
    const e722 = {
      range: { start: { line: 8, character: 0 }, end: { line: 8, character: 6 } },
      code: 'E722',
      source: 'pyconv',
      message: '',
    };
    const fixes = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: e722.range,
      context: { diagnostics: [e722], only: ['quickfix'] },
    });
    expect(fixes.map((a) => a.title)).toContain('Disable E722 for this line');
    await client.save(uri);
    expect(codes(await client.diagnosticsFor(uri, 3))).toEqual(['E722', 'I001']);
    expect(client.diagnostics.get(uri)?.map((p) => p.version)).toEqual([1, 3]);
  });

  it('answers pulls with the saved version until the next save', async () => {
    const workspace = makeWorkspace({ 'mod.py': UNSORTED });
    const uri = uriOf(path.join(workspace, 'mod.py'));
    const client = await start({
      workspace,
      pull: true,
      settings: { run: 'onSave', select: ['N801', 'E722'] },
    });
    const pull = (previousResultId?: string) =>
      client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
        textDocument: { uri },
        previousResultId,
      });
    await client.open(uri, UNSORTED);
    const opened = (await pull()) as FullDocumentDiagnosticReport;
    expect(codes(opened.items)).toEqual(['N801']);
    await client.change(uri, 2, [FIXED_CLASS]);
    await client.change(uri, 3, [ADD_BARE_EXCEPT]);
    expect(await pull(opened.resultId)).toEqual({ kind: 'unchanged', resultId: opened.resultId });
    const refreshes = client.refreshes;
    await client.save(uri);
    await client.waitFor('a diagnostic refresh', () => client.refreshes > refreshes);
    const saved = (await pull(opened.resultId)) as FullDocumentDiagnosticReport;
    expect(saved.kind).toBe('full');
    expect(codes(saved.items)).toEqual(['E722']);
  });
});

describe('pyconv.configurationPreference', () => {
  const SOURCE = [
    'import sys',
    'import os',
    '',
    'class bad_name:',
    '    pass',
    '',
    'try:',
    '    pass',
    'except:',
    '    pass',
    '',
  ].join('\n');

  it('editorFirst, filesystemFirst and editorOnly decide between pyproject.toml and the editor settings', async () => {
    const workspace = makeWorkspace();
    const cases = {
      // pyproject selects N801, the editor E722.
      editorFirst: { pyproject: 'select = ["N801"]', editor: { select: ['E722'] }, expected: ['E722'] },
      filesystemFirst: { pyproject: 'select = ["N801"]', editor: { select: ['E722'] }, expected: ['N801'] },
      // The editor's key applies where pyproject.toml leaves it unset.
      filesystemFirstFills: {
        pyproject: 'ignore = ["I001"]',
        editor: { select: ['N801'] },
        expected: ['N801'],
      },
      filesystemFirstDrops: {
        pyproject: 'ignore = ["I001"]',
        editor: { ignore: ['E722'] },
        expected: ['E722', 'N801'],
      },
      editorOnly: {
        pyproject: 'select = ["N801"]',
        editor: { select: ['E722', 'I001'] },
        expected: ['E722', 'I001'],
      },
      editorOnlyDefaults: {
        pyproject: 'select = ["N801"]\nignore = ["N801"]',
        editor: {},
        expected: ['E722', 'I001', 'N801'],
      },
    };
    const scopedSettings: Record<string, Record<string, unknown>> = {};
    const folders: string[] = [];
    for (const [name, { pyproject, editor }] of Object.entries(cases)) {
      const folder = path.join(workspace, name);
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'pyproject.toml'), `[tool.pyconv]\n${pyproject}\n`);
      folders.push(folder);
      const preference = name.replace(/Fills|Drops|Defaults/, '');
      scopedSettings[uriOf(folder)] = { debounceMs: 0, configurationPreference: preference, ...editor };
    }
    const client = await start({ workspace, folders, scopedSettings });
    for (const [name, { expected }] of Object.entries(cases)) {
      const uri = uriOf(path.join(workspace, name, 'mod.py'));
      await client.open(uri, SOURCE);
      const found = codes(await client.diagnosticsFor(uri, 1)).filter((code) =>
        ['E722', 'I001', 'N801'].includes(code),
      );
      expect(found, name).toEqual(expected);
    }
  });
});

describe('the server log', () => {
  it('logs the start, the version, the configuration file per folder and its problems, at pyconv.logLevel', async () => {
    const workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N8O2"]\n',
      'mod.py': SORTED,
    });
    const uri = uriOf(path.join(workspace, 'mod.py'));
    const client = await start({ workspace, settings: { debounceMs: 0 } });
    await client.open(uri, SORTED);
    await client.diagnosticsFor(uri, 1);
    await client.waitFor('the configuration problem in the log', () =>
      client.logs.some((line) => line.includes('configuration problem') && line.includes('N8O2')),
    );
    expect(client.logs.some((line) => /^pyconv: server 0\.1\.0 started \(Node v/.test(line))).toBe(true);
    expect(client.logs).toContain(
      `pyconv: ${workspace}: configuration from ${path.join(workspace, 'pyproject.toml')} (pyconv.configurationPreference: editorFirst)`,
    );

    const quiet = await start({
      workspace,
      settings: { debounceMs: 0, logLevel: 'error' },
      initializationOptions: { settings: { logLevel: 'error' } },
    });
    await quiet.open(uri, SORTED);
    await quiet.diagnosticsFor(uri, 1);
    await sleep(200);
    expect(quiet.logs.filter((line) => line.startsWith('pyconv:'))).toEqual([]);
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.stop()));
});
