import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectStyle, updateDocstring } from '../../server/src/docstrings/update';
import { collectModuleFacts } from '../../server/src/engine/module-facts';
import { getParser } from '../helpers/analyze';

/** The source after "Update docstring" on its first function; the same text when no edit is offered. */
async function update(source: string): Promise<string> {
  const tree = (await getParser()).parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    const fn = tree.rootNode.descendantsOfType('function_definition')[0];
    if (!fn) throw new Error('no function');
    const { edit } = updateDocstring(fn, source, collectModuleFacts(tree.rootNode));
    if (!edit) return source;
    return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, source), [edit]);
  } finally {
    tree.delete();
  }
}

describe('updateDocstring', () => {
  it('adds missing arguments, removes gone ones, keeps descriptions and their order', async () => {
    const source = [
      'def load(path: str, *options, retries=3):',
      '    """Loads a file.',
      '',
      '    Args:',
      '        path: Where the file is,',
      '            relative to the root.',
      '        mode: Gone.',
      '',
      '    Returns:',
      '        The text.',
      '    """',
      '    return open(path).read()',
      '',
    ].join('\n');
    expect(await update(source)).toBe(
      [
        'def load(path: str, *options, retries=3):',
        '    """Loads a file.',
        '',
        '    Args:',
        '        path: Where the file is,',
        '            relative to the root.',
        '        *options: TODO.',
        '        retries (int): TODO. Defaults to 3.',
        '',
        '    Returns:',
        '        The text.',
        '    """',
        '    return open(path).read()',
        '',
      ].join('\n'),
    );
  });

  it('keeps entries naming no parameter when the function takes **kwargs (they may document its keys)', async () => {
    const source = [
      'def register(blueprint, **options):',
      '    """Registers a blueprint.',
      '',
      '    Args:',
      '        blueprint: The blueprint.',
      '        url_prefix: Passed on in options.',
      '        options: The rest.',
      '    """',
      '',
    ].join('\n');
    expect(await update(source)).toBe(source);
  });

  it('adds Returns, Yields and Raises sections in Google order and removes Returns for -> None', async () => {
    const oneLine = 'def f(x):\n    """Does f."""\n    if x:\n        raise ValueError(x)\n    return x\n';
    expect(await update(oneLine)).toBe(
      'def f(x):\n    """Does f.\n\n    Args:\n        x: TODO.\n\n    Returns:\n        TODO.\n\n    Raises:\n        ValueError: TODO.\n    """\n    if x:\n        raise ValueError(x)\n    return x\n',
    );
    const none =
      'def g() -> None:\n    """Does g.\n\n    Returns:\n        Nothing.\n    """\n    print(1)\n';
    expect(await update(none)).toBe('def g() -> None:\n    """Does g.\n    """\n    print(1)\n');
  });

  it('changes nothing for a docstring in line with the code (and is idempotent)', async () => {
    const source = [
      'def gen(items, *args):',
      '    """Yields items.',
      '',
      '    Args:',
      '        items (list): The items.',
      '        *args: More.',
      '',
      '    Yields:',
      '        Each item.',
      '',
      '    Raises:',
      '        KeyError: Never, really.',
      '    """',
      '    yield from items',
      '',
    ].join('\n');
    expect(await update(source)).toBe(source);
    const once = await update('def f(a, b):\n    """F."""\n    return a\n');
    expect(await update(once)).toBe(once);
  });

  it('adds only the exceptions DOC501 counts, not unresolved attribute raises', async () => {
    const source = [
      'def close(conn):',
      '    """Closes.',
      '',
      '    Args:',
      '        conn: The connection.',
      '    """',
      '    if conn.broken:',
      '        raise conn.Broken()',
      '    raise Lib.Failure("x")',
      '',
    ].join('\n');
    expect(await update(source)).toBe(source);
  });

  it('keeps prose after the entries and never drops prose lines as gone arguments', async () => {
    const source = [
      'def run(fn, limit=None):',
      '    """Runs.',
      '',
      '    Args:',
      '      fn: The callable.',
      '      limit: The limit.',
      '',
      '    **Note**: a paragraph at the section indent.',
      '',
      '    * A bullet that wraps onto',
      '      example: a line that looks like an entry.',
      '',
      '    Returns:',
      '      The result.',
      '    """',
      '    return fn()',
      '',
    ].join('\n');
    expect(await update(source)).toBe(source);
    const gone = source.replace('      limit: The limit.\n', '      limit: The limit.\n      old: Gone.\n');
    expect(await update(gone)).toBe(source);
  });

  it('detects NumPy and Sphinx docstrings (which it leaves alone)', () => {
    expect(detectStyle('Sum.\n\n    Parameters\n    ----------\n    x : int\n')).toBe('numpy');
    expect(detectStyle('Sum.\n\n    :param x: The x.\n')).toBe('sphinx');
    expect(detectStyle('Sum.\n\n    Args:\n        x: The x.\n')).toBe('google');
  });
});
