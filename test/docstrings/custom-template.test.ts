// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expected texts are LSP snippets, not templates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { customDocstringTemplate } from '../../server/src/docstrings/custom-template';
import { parseTemplate } from '../../server/src/docstrings/mustache';
import type { TemplateShape } from '../../server/src/docstrings/template';
import { getParser } from '../helpers/analyze';

const TEAM = parseTemplate(readFileSync(path.join(__dirname, '../fixtures/templates/team.mustache'), 'utf8'));

/** The custom template for the first definition of `source`. */
async function render(source: string, shape: Partial<TemplateShape> = {}, text = TEAM) {
  const tree = (await getParser()).parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    const node = tree.rootNode.descendantsOfType(['function_definition', 'class_definition'])[0];
    if (!node) throw new Error('no definition');
    const indent = ' '.repeat(node.childForFieldName('body')?.startPosition.column ?? 0);
    return customDocstringTemplate(text, node, 'google', { indent, shape });
  } finally {
    tree.delete();
  }
}

const FUNCTION = `def load(path: str, *args, retries=3, **options) -> bytes:
    if not path:
        raise ValueError(path)
    return b""
`;

describe('custom docstring templates', () => {
  it('receive names, types, defaults, kinds, returns and raises; placeholders become tab stops', async () => {
    const { snippet, plain } = await render(FUNCTION);
    expect(snippet).toBe(
      [
        '"""${1:Summary.}',
        '',
        '    Arguments:',
        '        path (str): ${2:Description.} [positional]',
        '        *args: ${3:Description.} [vararg]',
        '        retries (int): ${4:Description.} (default: 3) [keyword-only]',
        '        **options: ${5:Description.} [kwarg]',
        '',
        '    Returns:',
        '        bytes: ${6:Description.}',
        '',
        '    Raises:',
        '        ValueError: ${7:Description.}',
        '    """',
      ].join('\n'),
    );
    expect(plain.split('\n')[0]).toBe('"""Summary.');
  });

  it('follow the options: includeTypes, extendedSummary, placeholder', async () => {
    const { plain } = await render(FUNCTION, {
      includeTypes: false,
      extendedSummary: true,
      placeholder: 'TBD.',
    });
    expect(plain).toContain(
      '"""Summary.\n\n    Extended summary.\n\n    Arguments:\n        path: TBD. [positional]',
    );
    expect(plain).toContain('    Returns:\n        TBD.\n');
  });

  it('give a one-line docstring when the text is one line, and document class attributes', async () => {
    expect((await render('def f():\n    pass\n')).plain).toBe('"""Summary."""');
    const cls = 'class Point:\n    x: int\n    y: int\n';
    expect((await render(cls)).plain).toBe(
      '"""Summary.\n\n    Attributes of Point:\n        x: Description.\n        y: Description.\n    """',
    );
  });

  it('escape snippet syntax the template itself writes', async () => {
    const { snippet } = await render('def f():\n    pass\n', {}, parseTemplate('{{summary}} costs $5 {x}'));
    expect(snippet).toBe('"""${1:Summary.} costs \\$5 {x\\}"""');
  });
});

describe('the README example of a custom template', () => {
  it('renders what the README says', async () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Custom docstring templates'));
    const template = /```mustache\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const expected = /this gives:\n\n```python\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    const source = 'def load(path: str, retries=3) -> bytes:\n    return b""\n';
    const { plain } = await render(source, {}, parseTemplate(template));
    expect(`    ${plain}`).toBe(expected);
  });
});
