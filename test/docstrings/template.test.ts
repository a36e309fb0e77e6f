// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expected texts are LSP snippets, not templates.
import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { type DocstringStyle, docstringTemplate } from '../../server/src/docstrings/template';
import { check, getParser } from '../helpers/analyze';

/** The template for the first definition named `name` (the module for `<module>`), in plain text. */
async function template(
  source: string,
  name: string,
  style: DocstringStyle = 'google',
  snippet = false,
  pick: 'first' | 'last' = 'first',
) {
  const tree = (await getParser()).parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    let target: Node | undefined = name === '<module>' ? tree.rootNode : undefined;
    const pending: Node[] = [tree.rootNode];
    while ((pick === 'last' || !target) && pending.length > 0) {
      const node = pending.shift() as Node;
      const isDef = node.type === 'function_definition' || node.type === 'class_definition';
      const named = isDef && node.childForFieldName('name')?.text === name;
      if (named && (!target || node.startIndex > target.startIndex)) target = node;
      for (const child of node.namedChildren) if (child) pending.push(child);
    }
    if (!target) throw new Error(`no ${name}`);
    const body = target.childForFieldName('body');
    const indent = body ? ' '.repeat(body.startPosition.column) : '';
    const result = docstringTemplate(target, style, { indent });
    return snippet ? result.snippet : result.plain;
  } finally {
    tree.delete();
  }
}

const METHODS = `import errors

class Store:
    def get(self, key: str, default=None) -> bytes:
        if not key:
            raise ValueError("empty")
        def helper():
            raise KeyError(key)
        try:
            return self._read(key)
        except OSError:
            raise
        raise errors.Missing(key)

    @classmethod
    def open(cls, path, *args, mode: str = "r", **kwargs):
        return cls()

    @staticmethod
    def check(value, limit=3):
        pass
`;

describe('docstringTemplate (Google)', () => {
  // A bare `raise` in `except OSError:` re-raises OSError: listed, as pydoclint's DOC501 expects.
  it('documents a method without self, with types, defaults, Returns and Raises', async () => {
    expect(await template(METHODS, 'get')).toBe(
      [
        '"""Summary.',
        '',
        '        Args:',
        '            key (str): Description.',
        '            default (None): Description. Defaults to None.',
        '',
        '        Returns:',
        '            bytes: Description.',
        '',
        '        Raises:',
        '            ValueError: Description.',
        '            OSError: Description.',
        '            errors.Missing: Description.',
        '        """',
      ].join('\n'),
    );
  });

  it('numbers the snippet tab stops in order', async () => {
    expect(await template(METHODS, 'open', 'google', true)).toBe(
      [
        '"""${1:Summary.}',
        '',
        '        Args:',
        '            path: ${2:Description.}',
        '            *args: ${3:Description.}',
        '            mode (str): ${4:Description.} Defaults to "r".',
        '            **kwargs: ${5:Description.}',
        '',
        '        Returns:',
        '            ${6:Description.}',
        '        """',
      ].join('\n'),
    );
  });

  it('keeps the first argument of a staticmethod; infers a type from the default', async () => {
    expect(await template(METHODS, 'check')).toBe(
      [
        '"""Summary.',
        '',
        '        Args:',
        '            value: Description.',
        '            limit (int): Description. Defaults to 3.',
        '        """',
      ].join('\n'),
    );
  });

  it('documents Yields of a generator, not yields of nested functions, and no Returns for -> None', async () => {
    const source = `from typing import Iterator
async def chunks(items: list, size: int = 10) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

def outer() -> None:
    def inner():
        yield 1
        return 2
    inner()
`;
    expect(await template(source, 'chunks')).toBe(
      [
        '"""Summary.',
        '',
        '    Args:',
        '        items (list): Description.',
        '        size (int): Description. Defaults to 10.',
        '',
        '    Yields:',
        '        list: Description.',
        '    """',
      ].join('\n'),
    );
    expect(await template(source, 'outer')).toBe('"""Summary."""');
  });

  it('lists dataclass fields and self attributes of __init__ under Attributes', async () => {
    const source = `from dataclasses import dataclass

@dataclass
class Point:
    x: int
    y: float = 0.0
    _cache: dict = None

class Engine:
    def __init__(self, name: str, retries=3):
        self.name = name
        self.retries = retries
        self._lock = None
        self.ready: bool = False
`;
    expect(await template(source, 'Point')).toBe(
      [
        '"""Summary.',
        '',
        '    Attributes:',
        '        x (int): Description.',
        '        y (float): Description.',
        '    """',
      ].join('\n'),
    );
    expect(await template(source, 'Engine')).toBe(
      [
        '"""Summary.',
        '',
        '    Attributes:',
        '        name (str): Description.',
        '        retries: Description.',
        '        ready (bool): Description.',
        '    """',
      ].join('\n'),
    );
  });

  it('gives a module a summary line', async () => {
    expect(await template('import os\n', '<module>', 'google', true)).toBe('"""${1:Summary.}"""');
  });
});

describe('docstringTemplate (NumPy and Sphinx)', () => {
  it('renders NumPy sections', async () => {
    expect(await template(METHODS, 'get', 'numpy')).toBe(
      [
        '"""Summary.',
        '',
        '        Parameters',
        '        ----------',
        '        key : str',
        '            Description.',
        '        default : None, default None',
        '            Description.',
        '',
        '        Returns',
        '        -------',
        '        bytes',
        '            Description.',
        '',
        '        Raises',
        '        ------',
        '        ValueError',
        '            Description.',
        '        OSError',
        '            Description.',
        '        errors.Missing',
        '            Description.',
        '        """',
      ].join('\n'),
    );
  });

  it('renders Sphinx fields', async () => {
    expect(await template(METHODS, 'get', 'sphinx')).toBe(
      [
        '"""Summary.',
        '',
        '        :param key: Description.',
        '        :type key: str',
        '        :param default: Description. Defaults to None.',
        '        :type default: None',
        '        :return: Description.',
        '        :rtype: bytes',
        '        :raises ValueError: Description.',
        '        :raises OSError: Description.',
        '        :raises errors.Missing: Description.',
        '        """',
      ].join('\n'),
    );
  });
});

describe('D1xx template fixes', () => {
  it('D103 inserts the template before the first statement, as an unsafe snippet', async () => {
    const source = 'def scale(value: float, factor=2):\n    return value * factor\n';
    const [diagnostic] = await check(source, ['D103']);
    expect(diagnostic.fix).toEqual({
      title: 'Insert a docstring template',
      safe: false,
      snippet: true,
      edits: [
        {
          range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } },
          newText: [
            '"""${1:Summary.}',
            '',
            '    Args:',
            '        value (float): ${2:Description.}',
            '        factor (int): ${3:Description.} Defaults to 2.',
            '',
            '    Returns:',
            '        ${4:Description.}',
            '    """',
            '    ',
          ].join('\n'),
        },
      ],
      renderedFrom: { start: { line: 0, character: 0 }, end: { line: 1, character: 4 } },
    });
  });

  it('uses [tool.pyconv.docstring] style, and offers no fix for a one-line body', async () => {
    const numpy = await check('class Engine:\n    name: str\n', ['D101'], {
      options: { docstring: { style: 'numpy' } },
    });
    expect(numpy[0].fix?.edits[0].newText).toBe(
      '"""${1:Summary.}\n\n    Attributes\n    ----------\n    name : str\n        ${2:Description.}\n    """\n    ',
    );
    const [oneLine] = await check('def f(): pass\n', ['D103']);
    expect(oneLine.fix).toBeNull();
  });

  it('D100 inserts the module template after a shebang', async () => {
    const [diagnostic] = await check('#!/usr/bin/env python\nimport os\n', ['D100']);
    expect(diagnostic.fix?.edits).toEqual([
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        newText: '"""${1:Summary.}"""\n',
      },
    ]);
  });
});

const OVERLOADED = `from typing import overload


@overload
def parse(value: str) -> int: ...
@overload
def parse(value: bytes, *, strict: bool = False) -> int: ...
def parse(value, *, strict=False):
    if not value:
        raise ValueError("empty")
    return int(value)
`;

describe('docstringTemplate on overloaded definitions', () => {
  it('documents the implementation from its own signature and body', async () => {
    expect(await template(OVERLOADED, 'parse', 'google', false, 'last')).toBe(
      [
        '"""Summary.',
        '',
        '    Args:',
        '        value: Description.',
        '        strict (bool): Description. Defaults to False.',
        '',
        '    Returns:',
        '        Description.',
        '',
        '    Raises:',
        '        ValueError: Description.',
        '    """',
      ].join('\n'),
    );
  });
});

describe('template options ([tool.pyconv.docstring])', () => {
  const SCALE = 'def scale(value: float, factor=2) -> float:\n    return value * factor\n';

  async function fixText(source: string, docstring: Record<string, unknown>, code = 'D103') {
    const [diagnostic] = await check(source, [code], { options: { docstring } });
    return diagnostic.fix?.edits[0].newText;
  }

  it('includeTypes: false leaves the types out in every style', async () => {
    expect(await fixText(SCALE, { includeTypes: false })).toBe(
      [
        '"""${1:Summary.}',
        '',
        '    Args:',
        '        value: ${2:Description.}',
        '        factor: ${3:Description.} Defaults to 2.',
        '',
        '    Returns:',
        '        ${4:Description.}',
        '    """',
        '    ',
      ].join('\n'),
    );
    expect(await fixText(SCALE, { includeTypes: false, style: 'sphinx' })).toBe(
      [
        '"""${1:Summary.}',
        '',
        '    :param value: ${2:Description.}',
        '    :param factor: ${3:Description.} Defaults to 2.',
        '    :return: ${4:Description.}',
        '    """',
        '    ',
      ].join('\n'),
    );
  });

  it('quoteStyle follows the file by default, or is set', async () => {
    const singleQuoted = `'''Module.'''\n\n\ndef helper():\n    '''Help.'''\n\n\n${SCALE}`;
    expect(await fixText(singleQuoted, {})).toMatch(/^'''\$\{1:Summary\.\}[\s\S]*'''\n {4}$/);
    expect(await fixText(SCALE, {})).toMatch(/^"""/);
    expect(await fixText(singleQuoted, { quoteStyle: '"""' })).toMatch(/^"""[\s\S]*"""\n {4}$/);
    expect(await fixText(SCALE, { quoteStyle: "'''" })).toMatch(/^'''[\s\S]*'''\n {4}$/);
  });

  it('startOnNewLine puts the summary on the line after the quotes', async () => {
    expect(await fixText('def f():\n    pass\n', { startOnNewLine: true })).toBe(
      '"""\n    ${1:Summary.}\n    """\n    ',
    );
    expect(await fixText(SCALE, { startOnNewLine: true })).toMatch(
      /^"""\n {4}\$\{1:Summary\.\}\n\n {4}Args:\n/,
    );
  });

  it('extendedSummary adds a placeholder paragraph below the summary', async () => {
    expect(await fixText('def f():\n    pass\n', { extendedSummary: true })).toBe(
      '"""${1:Summary.}\n\n    ${2:Extended summary.}\n    """\n    ',
    );
    expect(await fixText(SCALE, { extendedSummary: true })).toMatch(
      /^"""\$\{1:Summary\.\}\n\n {4}\$\{2:Extended summary\.\}\n\n {4}Args:\n {8}value \(float\): \$\{3:/,
    );
  });

  it('placeholder replaces the description text', async () => {
    expect(await fixText(SCALE, { placeholder: 'TODO', style: 'numpy' })).toBe(
      [
        '"""${1:Summary.}',
        '',
        '    Parameters',
        '    ----------',
        '    value : float',
        '        ${2:TODO}',
        '    factor : int, default 2',
        '        ${3:TODO}',
        '',
        '    Returns',
        '    -------',
        '    float',
        '        ${4:TODO}',
        '    """',
        '    ',
      ].join('\n'),
    );
  });

  it('applies to the module template (D100) too', async () => {
    expect(await fixText('import os\n', { startOnNewLine: true, quoteStyle: "'''" }, 'D100')).toBe(
      "'''\n${1:Summary.}\n'''\n",
    );
  });
});
