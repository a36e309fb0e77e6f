import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('N806 non-lowercase-variable-in-function', () => {
  it('flags every binding form inside a function body', async () => {
    const source = [
      'def f(items):',
      '    Total = 0',
      '    a, (Bb, *Cc) = x',
      '    Aug += 1',
      '    Ann: int = 1',
      '    for Item in items: pass',
      '    with open(p) as Fh: pass',
      '    if (Wal := 1): pass',
      '    match items:',
      '        case [Cap, *Rest]: pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual([
      'N806 1:4-1:9',
      'N806 2:8-2:10',
      'N806 2:13-2:15',
      'N806 3:4-3:7',
      'N806 4:4-4:7',
      'N806 5:8-5:12',
      'N806 6:20-6:22',
      'N806 7:8-7:11',
      'N806 9:14-9:17',
      'N806 9:20-9:24',
    ]);
  });

  it('does not flag what Ruff does not: except targets, comprehensions, attributes, lambdas, module and class level', async () => {
    const source = [
      'Top = 1',
      'def f():',
      '    try: pass',
      '    except E as Err: pass',
      '    [Y for Y in z]',
      '    [(W := 1) for y in z]',
      '    self.Attr = 1',
      '    obj[Key] = 1',
      '    g = lambda: (L := 1)',
      '    class K:',
      '        Attr = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual([]);
  });

  it('flags a walrus in a default value in the enclosing function, and nonlocal names', async () => {
    const source = [
      'def f():',
      '    def g(x=(Dw := 1)): pass',
      '    Nl = 1',
      '    def h():',
      '        nonlocal Nl',
      '        Nl = 2',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual(['N806 1:13-1:15', 'N806 2:4-2:6', 'N806 5:8-5:10']);
  });

  it('skips names declared global in the same function only', async () => {
    const source = ['def f():', '    global G', '    G = 1', '    def inner():', '        G = 2', ''].join(
      '\n',
    );
    expect(await flagged(source, 'N806')).toEqual(['N806 4:8-4:9']);
  });

  it('skips TypeVar, NewType, NamedTuple, TypedDict, TypeAlias and namedtuple definitions when imported', async () => {
    const source = [
      'import typing as t',
      'from typing import TypeVar, NewType, NamedTuple, TypedDict, TypeAlias',
      'from collections import namedtuple',
      'def f():',
      '    T = TypeVar("T")',
      '    P = t.ParamSpec("P")',
      '    U = NewType("U", int)',
      '    N = NamedTuple("N", [])',
      '    M = namedtuple("M", "a")',
      '    D = TypedDict("D", {})',
      '    A: TypeAlias = int',
      '    B: int = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual(['N806 5:4-5:5', 'N806 11:4-11:5']);
  });

  it('flags TypeVar assignments when TypeVar is not imported from typing', async () => {
    expect(await flagged('def f():\n    T = TypeVar("T")\n', 'N806')).toEqual(['N806 1:4-1:5']);
  });

  it('skips Django models fetched by name', async () => {
    const source = [
      'def f(apps):',
      '    Model = apps.get_model("app", "Model")',
      '    Other = apps.get_model("app", "Different")',
      '    Dyn = apps.get_model("app", name)',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual(['N806 2:4-2:9']);
  });

  it('honours ignore-names globs', async () => {
    const options = { 'pep8-naming': { 'extend-ignore-names': ['DF*'] } };
    expect(await flagged('def f():\n    DF_x = 1\n    Dx = 2\n', 'N806', { options })).toEqual([
      'N806 2:4-2:6',
    ]);
  });

  it('keeps checking next to syntax errors without flagging names declared global', async () => {
    const source = [
      'def f():',
      '    global G',
      '    G = 1',
      '    x = (',
      'def g():',
      '    if x:',
      '        global H',
      '        H = 1 +',
      '    Bad = 2',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual(['N806 8:4-8:7']);
  });

  it('resolves imports made inside the function (and its enclosing functions)', async () => {
    const source = [
      'def f():',
      '    from typing import TypeVar',
      '    T = TypeVar("T")',
      '    def g():',
      '        U = TypeVar("U")',
      'def h():',
      '    V = TypeVar("V")',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual(['N806 6:4-6:5']);
  });

  it('reads starred list and tuple targets, which tree-sitter cannot parse, as Ruff', async () => {
    const source = [
      'def f():',
      '    a, *[bB] = 1, 2',
      '    cC, *(dD, eE) = 1, 2, 3',
      '    ok, *[fine] = 1, 2',
      '    g = h(*[Xx])',
      '',
    ].join('\n');
    expect(await flagged(source, 'N806')).toEqual([
      'N806 1:9-1:11',
      'N806 2:4-2:6',
      'N806 2:10-2:12',
      'N806 2:14-2:16',
    ]);
  });
});
