import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

/** Tabs and CRLF: what the editor's fix-all (and fix-on-save, the same action) must keep. */
const SOURCE = [
  'class Basket:',
  '\tdef __init__(self, items=[]):',
  '\t\tself.items = items',
  '',
  '\tdef add(self, item, seen={}):',
  '\t\tseen[item] = True',
  '\t\treturn seen',
  '',
  '',
  'def total(values=[]):',
  '\tcount = 0',
  '\treturn count + len(values)',
  '',
].join('\r\n');

function compiles(text: string): string {
  const result = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "<fixed>", "exec")'], {
    input: text,
    encoding: 'utf8',
  });
  return result.status === 0 ? 'compiles' : (result.stderr.trim().split('\n').at(-1) ?? 'fails');
}

describe('fix-all over stdio in a tab-indented CRLF file', () => {
  let client: TestClient;
  let workspace: string;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["B006", "D101", "D102", "D103", "D107"]\n',
    });
    client = new TestClient({ workspace, settings: { debounceMs: 0, unsafeFixes: true } });
    await client.initialize();
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  it('keeps tabs and CRLF, puts each block after its docstring, and the result compiles', async () => {
    const uri = uriOf(path.join(workspace, 'basket.py'));
    await client.open(uri, SOURCE);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.pyconv'] },
    });
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.pyconv']);
    const edits = actions[0].edit?.changes?.[uri] as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'python', 1, SOURCE), edits);
    expect(compiles(fixed)).toBe('compiles');
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(fixed.split('\r\n').filter((line) => line.startsWith(' '))).toEqual([]);
    // One docstring per definition (class, __init__, add, total), each before the `if ... is None` block.
    expect(fixed.match(/"""[A-Z]/g)).toHaveLength(4);
    expect(fixed).toMatch(/"""\r\n\t\tif items is None:\r\n\t\t\titems = \[\]\r\n\t\tself\.items = items/);
    expect(fixed).toMatch(/"""\r\n\tif values is None:\r\n\t\tvalues = \[\]\r\n\tcount = 0/);
  }, 30_000);
});
