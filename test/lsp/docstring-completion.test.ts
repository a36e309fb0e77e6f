// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expected texts are LSP snippets, not templates.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const SOURCE = [
  'def area(width: float, height=2) -> float:',
  '    """',
  '    return width * height',
  '',
].join('\n');

describe('docstring completion over stdio', () => {
  let client: TestClient;
  let workspace: string;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["D103"]\n' });
    client = new TestClient({
      workspace,
      settings: { debounceMs: 0 },
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    await client.initialize();
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  async function complete(name: string, text: string, line: number, character: number) {
    const uri = uriOf(path.join(workspace, name));
    await client.open(uri, text, 1);
    return client.request<CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
      context: { triggerKind: 2, triggerCharacter: '"' },
    });
  }

  it('offers the Google template as a snippet after """ in a def body', async () => {
    const items = await complete('area.py', SOURCE, 1, 7);
    expect(items).toHaveLength(1);
    expect(items?.[0]).toMatchObject({
      kind: 15,
      insertTextFormat: 2,
      insertTextMode: 1,
      textEdit: {
        range: { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } },
        newText: [
          '"""${1:Summary.}',
          '',
          '    Args:',
          '        width (float): ${2:Description.}',
          '        height (int): ${3:Description.} Defaults to 2.',
          '',
          '    Returns:',
          '        float: ${4:Description.}',
          '    """',
        ].join('\n'),
      },
    });
  });

  it('replaces auto-closed quotes and offers a module template at the top', async () => {
    const items = await complete('mod.py', "''''''\nimport os\n", 0, 3);
    expect(items?.[0]?.textEdit).toEqual({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } },
      newText: "'''${1:Summary.}'''",
    });
  });

  it('replaces the one or two quotes an editor closed as each quote was typed', async () => {
    const lines = ['def f(x):', '    pass', ''];
    for (const closing of ['"', '""', ' "" ']) {
      lines[1] = `    """${closing}`;
      const items = await complete(`partial${closing.length}.py`, lines.join('\n'), 1, 7);
      expect(items?.[0]?.textEdit).toMatchObject({
        range: { start: { line: 1, character: 4 }, end: { line: 1, character: 7 + closing.length } },
      });
    }
    lines[1] = '    """""""';
    expect(await complete('four.py', lines.join('\n'), 1, 7)).toBeNull();
    lines[1] = `    """'`;
    expect(await complete('other-quote.py', lines.join('\n'), 1, 7)).toBeNull();
  });

  // VS Code 1.100 (code-server) does not auto-close a quote that starts a line: the line reads `    """`.
  it('offers it under the def wherever the def moved, and not under its first statement', async () => {
    const fixed = [
      '"""Shipping cost helpers."""',
      '',
      '',
      '',
      'def shipping_cost(weight: int, rate: float = 2.5) -> float:',
      '    return weight * rate',
      '',
    ];
    const underDef = [...fixed.slice(0, 5), "    '''", ...fixed.slice(5)].join('\n');
    const items = await complete('moved.py', underDef, 5, 7);
    expect(items?.[0]).toMatchObject({
      label: 'Docstring (Google)',
      filterText: "'''",
      textEdit: { range: { start: { line: 5, character: 4 }, end: { line: 5, character: 7 } } },
    });
    expect(items?.[0]?.detail).toContain('weight (int): Description.');
    expect(items?.[0]?.textEdit?.newText).toBe(
      [
        "'''${1:Summary.}",
        '',
        '    Args:',
        '        weight (int): ${2:Description.}',
        '        rate (float): ${3:Description.} Defaults to 2.5.',
        '',
        '    Returns:',
        '        float: ${4:Description.}',
        "    '''",
      ].join('\n'),
    );
    const underReturn = [...fixed.slice(0, 6), '    """', ...fixed.slice(6)].join('\n');
    expect(await complete('under-return.py', underReturn, 6, 7)).toBeNull();
  });

  it('offers nothing when the quotes are not the first statement of a body', async () => {
    const text = ['def f():', '    x = 1', '    """', ''].join('\n');
    expect(await complete('late.py', text, 2, 7)).toBeNull();
    expect(await complete('expr.py', 'x = """\n', 0, 7)).toBeNull();
  });
  it('offers nothing on the line above a docstring the definition already has', async () => {
    const text = ['def f(x):', '    """', '    """Existing."""', '    return x', ''].join('\n');
    expect(await complete('above.py', text, 1, 7)).toBeNull();
    const single = ['class C:', "    '''", "    '''Existing.'''", ''].join('\n');
    expect(await complete('above-class.py', single, 1, 7)).toBeNull();
    const module = ['"""', '"""Existing."""', 'import os', ''].join('\n');
    expect(await complete('above-module.py', module, 0, 3)).toBeNull();
  });

  it('gets the right signature in nested, decorated and lambda-bearing definitions', async () => {
    const detailAt = async (name: string, lines: string[], line: number) => {
      const items = await complete(name, lines.join('\n'), line, lines[line].length);
      return items?.[0]?.detail;
    };
    const nested = [
      'def outer(a: int):',
      '    def inner(b: str) -> str:',
      '        """',
      '        return b',
      '    return inner',
      '',
    ];
    expect(await detailAt('nested.py', nested, 2)).toBe(
      [
        '"""Summary.',
        '',
        '        Args:',
        '            b (str): Description.',
        '',
        '        Returns:',
        '            str: Description.',
        '        """',
      ].join('\n'),
    );
    const nestedClass = [
      'class Outer:',
      '    class Inner:',
      '        def method(self, c: bytes):',
      '            """',
      '            pass',
      '',
    ];
    expect(await detailAt('nested-class.py', nestedClass, 3)).toBe(
      [
        '"""Summary.',
        '',
        '            Args:',
        '                c (bytes): Description.',
        '            """',
      ].join('\n'),
    );
    const lambdaDefault = [
      'def sort(items: list, key=lambda item: item):',
      '    """',
      '    items.sort(key=key)',
      '',
    ];
    expect(await detailAt('lambda.py', lambdaDefault, 1)).toBe(
      [
        '"""Summary.',
        '',
        '    Args:',
        '        items (list): Description.',
        '        key: Description. Defaults to lambda item: item.',
        '    """',
      ].join('\n'),
    );
    const decorated = [
      'import functools',
      '',
      '',
      '@functools.cache',
      'def square(n: int) -> int:',
      '    """',
      '    return n * n',
      '',
    ];
    expect(await detailAt('decorated.py', decorated, 5)).toBe(
      [
        '"""Summary.',
        '',
        '    Args:',
        '        n (int): Description.',
        '',
        '    Returns:',
        '        int: Description.',
        '    """',
      ].join('\n'),
    );
  });
});

describe('docstring completion with template options from the editor settings', () => {
  let client: TestClient;
  let workspace: string;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["D103"]\n' });
    client = new TestClient({
      workspace,
      // VS Code sends the section's declared defaults as null: those stay unset.
      settings: { debounceMs: 0, docstring: { style: null, includeTypes: false, placeholder: 'TODO.' } },
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    await client.initialize();
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  it('leaves the types out with includeTypes: false and keeps the quotes typed', async () => {
    const uri = uriOf(path.join(workspace, 'untyped.py'));
    await client.open(
      uri,
      "def area(width: float, height=2) -> float:\n    '''\n    return width * height\n",
      1,
    );
    await client.diagnosticsFor(uri, 1);
    const items = await client.request<CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 1, character: 7 },
      context: { triggerKind: 2, triggerCharacter: "'" },
    });
    expect(items?.[0]?.textEdit?.newText).toBe(
      [
        "'''${1:Summary.}",
        '',
        '    Args:',
        '        width: ${2:TODO.}',
        '        height: ${3:TODO.} Defaults to 2.',
        '',
        '    Returns:',
        '        ${4:TODO.}',
        "    '''",
      ].join('\n'),
    );
  });
});
