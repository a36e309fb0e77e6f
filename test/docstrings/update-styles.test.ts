import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type UpdateOptions, updateDocstring } from '../../server/src/docstrings/update';
import { collectModuleFacts } from '../../server/src/engine/module-facts';
import { getParser } from '../helpers/analyze';

/** The source after "Update docstring" on its first function; the same text when no edit is offered. */
async function update(source: string, options: UpdateOptions = {}): Promise<string> {
  const tree = (await getParser()).parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    const fn = tree.rootNode.descendantsOfType('function_definition')[0];
    if (!fn) throw new Error('no function');
    const { edit } = updateDocstring(fn, source, collectModuleFacts(tree.rootNode), options);
    if (!edit) return source;
    return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, source), [edit]);
  } finally {
    tree.delete();
  }
}

/** Update, then check that a second update changes nothing. */
async function updateTwice(source: string, options: UpdateOptions = {}): Promise<string> {
  const once = await update(source, options);
  expect(await update(once, options)).toBe(once);
  return once;
}

describe('Update docstring on NumPy docstrings', () => {
  it('adds missing parameters after their neighbours, removes gone ones, keeps the text as written', async () => {
    const source = [
      'def load(path: str, mode, *options, retries=3):',
      '    """Loads a file.',
      '',
      '    Parameters',
      '    ----------',
      '    path : str',
      '        Where the file is,',
      '',
      '        relative to the root.',
      '    gone : int',
      '        Gone.',
      '',
      '    Returns',
      '    -------',
      '    str',
      '        The text.',
      '    """',
      '    return open(path).read()',
      '',
    ].join('\n');
    expect(await updateTwice(source)).toBe(
      [
        'def load(path: str, mode, *options, retries=3):',
        '    """Loads a file.',
        '',
        '    Parameters',
        '    ----------',
        '    path : str',
        '        Where the file is,',
        '',
        '        relative to the root.',
        '    mode',
        '        TODO.',
        '    *options',
        '        TODO.',
        '    retries : int, default 3',
        '        TODO.',
        '',
        '    Returns',
        '    -------',
        '    str',
        '        The text.',
        '    """',
        '    return open(path).read()',
        '',
      ].join('\n'),
    );
  });

  it('drops a gone name from a combined entry and keeps the rest of it', async () => {
    const source = [
      'def f(x):',
      '    """Do.',
      '',
      '    Parameters',
      '    ----------',
      '    x, y : int',
      '        The coordinates.',
      '    """',
      '',
    ].join('\n');
    expect(await updateTwice(source)).toBe(source.replace('x, y : int', 'x : int'));
  });

  it('adds Parameters, Returns and Raises sections in NumPy layout and order', async () => {
    const source = [
      'def f(x: int) -> int:',
      '    """Do.',
      '',
      '    Notes',
      '    -----',
      '    A note.',
      '    """',
      '    if x:',
      '        raise ValueError(x)',
      '    return x',
      '',
    ].join('\n');
    expect(await updateTwice(source)).toBe(
      [
        'def f(x: int) -> int:',
        '    """Do.',
        '',
        '    Parameters',
        '    ----------',
        '    x : int',
        '        TODO.',
        '',
        '    Returns',
        '    -------',
        '    int',
        '        TODO.',
        '',
        '    Raises',
        '    ------',
        '    ValueError',
        '        TODO.',
        '',
        '    Notes',
        '    -----',
        '    A note.',
        '    """',
        '    if x:',
        '        raise ValueError(x)',
        '    return x',
        '',
      ].join('\n'),
    );
  });

  it('appends a missing exception to Raises and adds Yields; a consistent docstring gets no edit', async () => {
    const source = [
      'def f(x):',
      '    """Do.',
      '',
      '    Parameters',
      '    ----------',
      '    x',
      '        The x.',
      '',
      '    Raises',
      '    ------',
      '    KeyError',
      '        Missing.',
      '    """',
      '    if x:',
      '        raise KeyError(x)',
      '    if not x:',
      '        raise ValueError(x)',
      '    yield x',
      '',
    ].join('\n');
    const once = await updateTwice(source);
    expect(once).toContain(
      [
        '    Yields',
        '    ------',
        '    object',
        '        TODO.',
        '',
        '    Raises',
        '    ------',
        '    KeyError',
        '        Missing.',
        '    ValueError',
        '        TODO.',
        '    """',
      ].join('\n'),
    );
  });

  it('removes Returns for -> None and a section left without entries', async () => {
    const source = [
      'def f() -> None:',
      '    """Do.',
      '',
      '    Parameters',
      '    ----------',
      '    gone',
      '        Gone.',
      '',
      '    Returns',
      '    -------',
      '    None',
      '        Nothing.',
      '    """',
      '    print(1)',
      '',
    ].join('\n');
    expect(await updateTwice(source)).toBe('def f() -> None:\n    """Do.\n    """\n    print(1)\n');
  });

  it('writes NumPy into a summary-only docstring when that is the template style', async () => {
    const source = 'def f(x):\n    """Do."""\n    return x\n';
    expect(await updateTwice(source, { style: 'numpy' })).toBe(
      [
        'def f(x):',
        '    """Do.',
        '',
        '    Parameters',
        '    ----------',
        '    x',
        '        TODO.',
        '',
        '    Returns',
        '    -------',
        '    object',
        '        TODO.',
        '    """',
        '    return x',
        '',
      ].join('\n'),
    );
  });
});

describe('Update docstring on Sphinx docstrings', () => {
  it('adds :param: fields beside their neighbours, removes gone ones with their :type:', async () => {
    const source = [
      'def f(a: int, b, c=1):',
      '    """Do.',
      '',
      '    :param a: The a,',
      '        on two lines.',
      '    :type a: int',
      '    :param gone: Gone.',
      '    :type gone: str',
      '    :param c: The c.',
      '    """',
      '',
    ].join('\n');
    expect(await updateTwice(source)).toBe(
      [
        'def f(a: int, b, c=1):',
        '    """Do.',
        '',
        '    :param a: The a,',
        '        on two lines.',
        '    :type a: int',
        '    :param b: TODO.',
        '    :param c: The c.',
        '    """',
        '',
      ].join('\n'),
    );
  });

  it('adds :returns:/:rtype:, :yields: and :raises: fields in order', async () => {
    const source = [
      'def f(a) -> int:',
      '    """Do.',
      '',
      '    :param a: The a.',
      '    :raises KeyError: Missing.',
      '    """',
      '    if a:',
      '        raise KeyError(a)',
      '    if not a:',
      '        raise ValueError(a)',
      '    return a',
      '',
    ].join('\n');
    expect(await updateTwice(source)).toBe(
      [
        'def f(a) -> int:',
        '    """Do.',
        '',
        '    :param a: The a.',
        '    :returns: TODO.',
        '    :rtype: int',
        '    :raises KeyError: Missing.',
        '    :raises ValueError: TODO.',
        '    """',
        '    if a:',
        '        raise KeyError(a)',
        '    if not a:',
        '        raise ValueError(a)',
        '    return a',
        '',
      ].join('\n'),
    );
  });

  it('gives no edit for a consistent docstring, and keeps closing quotes on the last field line', async () => {
    const consistent = [
      'def f(a):',
      '    """Do.',
      '',
      '    :param int a: The a.',
      '    :return: The a.',
      '    :raises ValueError: Bad.',
      '    """',
      '    if a:',
      '        raise ValueError(a)',
      '    return a',
      '',
    ].join('\n');
    expect(await update(consistent)).toBe(consistent);
    const sameLine = 'def f(a, b):\n    """Do.\n\n    :param a: The a."""\n';
    expect(await updateTwice(sameLine)).toBe(
      'def f(a, b):\n    """Do.\n\n    :param a: The a.\n    :param b: TODO."""\n',
    );
  });
});

describe('Update docstring keeps entries of keywords a **kwargs function takes', () => {
  it('in NumPy and Sphinx docstrings', async () => {
    const numpy = [
      'def register(blueprint, **options):',
      '    """Registers.',
      '',
      '    Parameters',
      '    ----------',
      '    blueprint',
      '        The blueprint.',
      '    url_prefix',
      '        Passed on.',
      '    **options',
      '        The rest.',
      '    """',
      '',
    ].join('\n');
    expect(await update(numpy)).toBe(numpy);
    const sphinx =
      'def register(blueprint, **options):\n    """Registers.\n\n    :param blueprint: B.\n    :param url_prefix: Passed on.\n    :param options: O.\n    """\n';
    expect(await update(sphinx)).toBe(sphinx);
  });
});

describe('Update docstring with includeTypes: false', () => {
  it('adds entries without types in every style', async () => {
    const google = 'def f(a: int) -> int:\n    """Do."""\n    return a\n';
    expect(await updateTwice(google, { includeTypes: false })).toBe(
      'def f(a: int) -> int:\n    """Do.\n\n    Args:\n        a: TODO.\n\n    Returns:\n        TODO.\n    """\n    return a\n',
    );
    const numpy = await updateTwice(google, { includeTypes: false, style: 'numpy' });
    expect(numpy).toContain('    a\n        TODO.\n');
    expect(numpy).toContain('    Returns\n    -------\n    object\n        TODO.\n');
    const sphinx = 'def f(a: int) -> int:\n    """Do.\n\n    :param a: The a.\n    """\n    return a\n';
    expect(await updateTwice(sphinx, { includeTypes: false })).toBe(
      'def f(a: int) -> int:\n    """Do.\n\n    :param a: The a.\n    :returns: TODO.\n    """\n    return a\n',
    );
  });
});

describe('Update docstring on a Sphinx docstring without a summary', () => {
  it('adds fields in the usual order (:returns: before :rtype:), stably', async () => {
    const source = 'def f(x):\n    """\n    :rtype: str\n    """\n    return x\n';
    expect(await updateTwice(source)).toBe(
      'def f(x):\n    """\n    :param x: TODO.\n    :returns: TODO.\n    :rtype: str\n    """\n    return x\n',
    );
  });
});
