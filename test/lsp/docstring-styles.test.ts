// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expected texts are LSP snippets, not templates.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const PYPROJECT = [
  '[tool.pyconv]',
  'select = ["D417", "DOC201"]',
  '[tool.pyconv.pydocstyle]',
  'convention = "numpy"',
  '[tool.pyconv.docstring]',
  'template = "templates/doc.mustache"',
  '',
].join('\n');

const TEMPLATE = '{{summary}}\n{{#parameters}}\n\n:arg {{name}}: {{placeholder}}\n{{/parameters}}\n';

describe('docstring styles and custom templates over stdio', () => {
  let client: TestClient;
  let workspace: string;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT, 'templates/doc.mustache': TEMPLATE });
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

  async function complete(name: string, text: string) {
    const uri = uriOf(path.join(workspace, name));
    await client.open(uri, text, 1);
    return client.request<CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 1, character: 7 },
      context: { triggerKind: 2, triggerCharacter: '"' },
    });
  }

  it('completes with the template file of [tool.pyconv.docstring] template', async () => {
    const items = await complete('custom.py', 'def f(x):\n    """\n    pass\n');
    expect(items?.[0]?.textEdit?.newText).toBe('"""${1:Summary.}\n\n    :arg x: ${2:Description.}\n    """');
  });

  it('tells once that a broken template is broken, and completes with the built-in one', async () => {
    writeFileSync(path.join(workspace, 'templates/doc.mustache'), '{{#parameters}}\n{{name}}\n');
    const before = client.messages.length;
    const first = await complete('broken.py', 'def g(y):\n    """\n    pass\n');
    const second = await complete('broken2.py', 'def h(y):\n    """\n    pass\n');
    expect(first?.[0]?.textEdit?.newText).toBe(
      '"""${1:Summary.}\n\n    Args:\n        y: ${2:Description.}\n    """',
    );
    expect(second?.[0]?.textEdit?.newText).toContain('Args:');
    const told = client.messages.slice(before).map((m) => m.message);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /docstring template .*doc\.mustache: line 1: `\{\{#parameters\}\}` is never closed; the built-in template is used\./,
    );
  });

  it('reads NumPy sections (convention numpy) and updates a NumPy docstring in its layout', async () => {
    const uri = uriOf(path.join(workspace, 'numpy.py'));
    const text = [
      'def f(a, b):',
      '    """Do.',
      '',
      '    Parameters',
      '    ----------',
      '    a : int',
      '        The a.',
      '    """',
      '    return a + b',
      '',
    ].join('\n');
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['D417', 'DOC201']);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } },
      context: { diagnostics: [], only: ['refactor.rewrite'] },
    });
    const update = actions.find((a) => a.title === 'pyconv: Update docstring');
    expect(update?.edit?.changes?.[uri]?.[0]?.newText).toBe(
      [
        'Do.',
        '',
        '    Parameters',
        '    ----------',
        '    a : int',
        '        The a.',
        '    b',
        '        TODO.',
        '',
        '    Returns',
        '    -------',
        '    object',
        '        TODO.',
        '    ',
      ].join('\n'),
    );
  });
});
