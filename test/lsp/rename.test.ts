import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const SOURCE = [
  'import os',
  '',
  '',
  'def loadModel(modelName):',
  '    List = list(modelName)',
  '    return List',
  '',
  '',
  'loadModel(modelName=os.sep)',
  '',
].join('\n');

const RECORDS = [
  'from dataclasses import dataclass',
  '',
  '',
  '@dataclass',
  'class Point:',
  '    xPos: int = 0',
  '',
  '',
  'def norm(p: Point) -> int:',
  '    return abs(p.xPos)',
  '',
  '',
  'print(norm(Point(xPos=3)))',
  '',
].join('\n');

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, text), edits);
}

describe('rename and rename quick fixes', () => {
  let client: TestClient;
  let uri: string;

  beforeAll(async () => {
    await ensureBuilt();
    const workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N802", "N803", "N806", "N815"]\n',
    });
    uri = uriOf(path.join(workspace, 'mod.py'));
    client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: {
        textDocument: {
          rename: { prepareSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            disabledSupport: true,
          },
        },
      },
    });
    await client.initialize();
    await client.open(uri, SOURCE, 1);
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

  it('announces rename with prepare support', () => {
    expect(client.initializeResult?.capabilities.renameProvider).toEqual({ prepareProvider: true });
  });

  it('prepares the name under the cursor, also right after it', async () => {
    expect(await client.request('textDocument/prepareRename', at(3, 6))).toEqual({
      range: { start: { line: 3, character: 4 }, end: { line: 3, character: 13 } },
      placeholder: 'loadModel',
    });
    expect(await client.request('textDocument/prepareRename', at(3, 13))).toMatchObject({
      placeholder: 'loadModel',
    });
  });

  it('refuses keywords, builtins and imported modules with a reason', async () => {
    await expect(client.request('textDocument/prepareRename', at(3, 1))).rejects.toThrow(
      'pyconv: `def` is a keyword and cannot be renamed',
    );
    await expect(client.request('textDocument/prepareRename', at(4, 12))).rejects.toThrow(
      'pyconv: `list` is a builtin, not defined in this file',
    );
    await expect(client.request('textDocument/prepareRename', at(0, 8))).rejects.toThrow(
      'pyconv: `os` is imported; rename it where it is defined',
    );
  });

  it('renames a parameter with its keyword use at the call site', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      ...at(3, 16),
      newName: 'name',
    });
    const text = applyEdits(SOURCE, edit.changes?.[uri] ?? []);
    expect(text.split('\n').filter((l) => l.includes('name'))).toEqual([
      'def loadModel(name):',
      '    List = list(name)',
      'loadModel(name=os.sep)',
    ]);
  });

  it('refuses a new name that would hide a builtin the function uses', async () => {
    await expect(client.request('textDocument/rename', { ...at(4, 5), newName: 'list' })).rejects.toThrow(
      'pyconv: cannot rename `List` to `list`: function `loadModel` uses the builtin `list`, which the renamed name would hide',
    );
    await expect(client.request('textDocument/rename', { ...at(4, 5), newName: 'for' })).rejects.toThrow(
      '`for` is a Python keyword',
    );
  });

  it('answers InvalidParams for a newName that is not a string or not an identifier', async () => {
    for (const newName of [null, true, 3, ['x'], { name: 'x' }]) {
      await expect(client.request('textDocument/rename', { ...at(3, 6), newName })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('newName must be a string'),
      });
    }
    for (const [newName, why] of [
      ['2x', '`2x` is not a valid Python identifier'],
      ['a b', '`a b` is not a valid Python identifier'],
      ['', '`` is not a valid Python identifier'],
      ['__debug__', '`__debug__` cannot be assigned to'],
      ['ｉｆ', '`ｉｆ` is a Python keyword (Python reads it as `if`)'],
    ]) {
      await expect(client.request('textDocument/rename', { ...at(3, 6), newName })).rejects.toMatchObject({
        code: -32602,
        message: `pyconv: cannot rename to ${why}`,
      });
    }
    // The server still answers.
    expect(await client.request('textDocument/prepareRename', at(3, 6))).toMatchObject({
      placeholder: 'loadModel',
    });
  });

  it('refuses a new name that Python reads as a builtin the function uses (NFKC)', async () => {
    await expect(client.request('textDocument/rename', { ...at(4, 5), newName: 'ｌｉｓｔ' })).rejects.toThrow(
      'pyconv: cannot rename `List` to `ｌｉｓｔ`: function `loadModel` uses the builtin `list`, which the renamed name would hide',
    );
  });

  it('offers rename quick fixes, disabled with the reason when the new name is taken', async () => {
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } },
      context: { diagnostics: diagnostics as Diagnostic[], only: ['quickfix'] },
    });
    const fixes = actions.filter((a) => a.title.startsWith('Rename'));
    expect(fixes.map((a) => [a.title, a.disabled?.reason])).toEqual([
      ['Rename `loadModel` to `load_model` (unsafe)', undefined],
      ['Rename `modelName` to `model_name` (unsafe)', undefined],
      [
        'Rename `List` to `list` (unsafe)',
        'function `loadModel` uses the builtin `list`, which the renamed name would hide',
      ],
    ]);
    const renamed = applyEdits(SOURCE, fixes[0].edit?.changes?.[uri] ?? []);
    expect(renamed).toBe(SOURCE.replaceAll('loadModel', 'load_model'));
  });

  it('renames a dataclass field from a constructor keyword, and refuses with the reason where a use cannot be traced', async () => {
    const records = uri.replace('mod.py', 'records.py');
    await client.open(records, RECORDS, 1);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: records },
      position: { line: 12, character: 19 },
      newName: 'x_pos',
    });
    expect(applyEdits(RECORDS, edit.changes?.[records] ?? [])).toBe(RECORDS.replaceAll('xPos', 'x_pos'));

    const untraced = `${RECORDS}def first(items):\n    return items[0].xPos\n`;
    await client.change(records, 2, [{ text: untraced }]);
    const reason =
      '`items[0].xPos` (line 15) reads `xPos` of a value pyconv cannot trace to a class of this file';
    await expect(
      client.request('textDocument/rename', {
        textDocument: { uri: records },
        position: { line: 5, character: 5 },
        newName: 'x_pos',
      }),
    ).rejects.toThrow(`pyconv: cannot rename \`xPos\` to \`x_pos\`: ${reason}`);
    const diagnostics = await client.diagnosticsFor(records, 2);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: records },
      range: { start: { line: 5, character: 0 }, end: { line: 5, character: 10 } },
      context: { diagnostics: diagnostics as Diagnostic[], only: ['quickfix'] },
    });
    expect(
      actions.filter((a) => a.title.startsWith('Rename')).map((a) => [a.title, a.disabled?.reason]),
    ).toEqual([['Rename `xPos` to `x_pos` (unsafe)', reason]]);
  });

  it('fix-all renames only with unsafeFixes', async () => {
    const fixAll = () =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.pyconv'] },
      });
    expect(await fixAll()).toEqual([]);
    client.settings = { debounceMs: 0, unsafeFixes: true };
    const published = client.diagnostics.get(uri)?.length ?? 0;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(
      'diagnostics after the settings change',
      () => (client.diagnostics.get(uri)?.length ?? 0) > published,
    );
    const [action] = await fixAll();
    const fixed = applyEdits(SOURCE, action.edit?.changes?.[uri] ?? []);
    expect(fixed).toBe(SOURCE.replaceAll('loadModel', 'load_model').replaceAll('modelName', 'model_name'));
  });
});
