import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { OpenDocument } from '../server/src/lsp/documents';
import { provideCompletion } from '../server/src/lsp/features/completion';
import { updateDocstringAction } from '../server/src/lsp/features/update-docstring';
import { getParser } from './helpers/analyze';
import { fixAllWith } from './helpers/fix-loop';

/** Fix-all as `pyconv check --fix --unsafe-fixes` runs it, with only `codes` enabled. */
function fixAll(source: string, codes: string[]): Promise<string> {
  return fixAllWith(source, codes, { unsafe: true });
}

/** CPython's verdict on each text: null when it compiles, else the error. */
function compileErrors(texts: string[]): Array<string | null> {
  const script = [
    'import json, sys',
    'for line in sys.stdin:',
    '    try:',
    '        compile(json.loads(line), "<fixed>", "exec")',
    '        print(json.dumps(None))',
    '    except SyntaxError as error:',
    '        print(json.dumps(f"{type(error).__name__}: {error}"))',
  ].join('\n');
  const result = spawnSync('python3', ['-c', script], {
    input: `${texts.map((t) => JSON.stringify(t)).join('\n')}\n`,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string | null);
}

const DOCSTRING_CODES = ['D101', 'D102', 'D103', 'D105', 'D106', 'D107'];

const TAB_SOURCE = [
  'class Shape:',
  '\tclass Meta:',
  '\t\tpass',
  '',
  '\tdef __init__(self, sides=[]):',
  '\t\tself.sides = sides',
  '',
  '\tdef __len__(self):',
  '\t\treturn len(self.sides)',
  '',
  '\tdef area(self, scale={}):',
  '\t\t# the area',
  '\t\treturn 0',
  '',
  '',
  'def make(n=[]):',
  '\tif n:',
  '\t\treturn Shape(n)',
  '\treturn None',
  '',
].join('\n');

describe('fixes keep the code valid', () => {
  it('follow the indentation of a tab-indented file (docstring templates, B006)', async () => {
    const fixed = await fixAll(TAB_SOURCE, [...DOCSTRING_CODES, 'B006']);
    expect(compileErrors([fixed])).toEqual([null]);
    // Each definition got its docstring, each mutable default its `if ... is None` block, tabs only.
    expect(fixed.match(/"""[A-Z]/g)).toHaveLength(6);
    expect(fixed).toContain('\t\tif sides is None:\n\t\t\tsides = []\n');
    expect(fixed).toContain('\tif n is None:\n\t\tn = []\n');
    expect(fixed.split('\n').filter((line) => line.startsWith(' '))).toEqual([]);
  });

  it('use the line ending of a CRLF file', async () => {
    const source = TAB_SOURCE.replace(/\t/g, '    ').replace(/\n/g, '\r\n');
    const fixed = await fixAll(source, [...DOCSTRING_CODES, 'B006', 'D100']);
    expect(fixed).not.toBe(source);
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(compileErrors([fixed])).toEqual([null]);
  });

  it('put the B006 block after the docstring when D103 adds it in the same run: one docstring', async () => {
    const source = 'def f(a=[]):\n    x = 1\n    return a + [x]\n';
    const fixed = await fixAll(source, ['B006', 'D103']);
    expect(fixed.match(/"""/g)).toHaveLength(2);
    expect(fixed).toMatch(
      /^def f\(a=None\):\n {4}"""Summary\.[\s\S]*"""\n {4}if a is None:\n {8}a = \[\]\n {4}x = 1\n/,
    );
    expect(await fixAll(fixed, ['B006', 'D103'])).toBe(fixed);
  });
});

describe('the docstring completion', () => {
  it('inserts its lines with the line ending of a CRLF document', async () => {
    const source = 'def area(width, height):\r\n    """\r\n    return width * height\r\n';
    const document = new OpenDocument('file:///crlf.py', 'python', 1, source, await getParser());
    const items = provideCompletion(
      { textDocument: { uri: document.uri }, position: { line: 1, character: 7 } },
      { document, snippetSupport: false },
    ) as CompletionItem[];
    const edit = items[0].textEdit as TextEdit;
    expect(edit.newText).toContain('Args:\r\n');
    expect(edit.newText.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('Update docstring', () => {
  it('writes the lines it adds with the line ending of a CRLF document', async () => {
    const source =
      'def f(a, b):\r\n    """Do it.\r\n\r\n    Args:\r\n        a: A.\r\n    """\r\n    return a + b\r\n';
    const document = new OpenDocument('file:///update.py', 'python', 1, source, await getParser());
    const action = updateDocstringAction(document, {
      start: { line: 0, character: 4 },
      end: { line: 0, character: 4 },
    });
    const [edit] = action?.edit?.changes?.[document.uri] ?? [];
    expect(edit.newText).toContain('b: ');
    expect(edit.newText.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
