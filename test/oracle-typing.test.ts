/**
 * ANN and UP045/UP007/UP006/UP035 compared with Ruff itself (ruff-wasm) on snippets chosen for
 * their edge cases: same codes, ranges and messages; and, where both offer one, the same fix edits.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../server/src/engine/fixes';
import type { Fix } from '../server/src/engine/types';
import { allRules } from '../server/src/rules/registry';
import { check, formatRange } from './helpers/analyze';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: ruff-wasm ships no types for its diagnostics
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs') as any;

const ANN = ['ANN001', 'ANN002', 'ANN003', 'ANN201', 'ANN202', 'ANN204', 'ANN205', 'ANN206', 'ANN401'];
const UP = ['UP045', 'UP007', 'UP006', 'UP035'];
const nameToCode = new Map(allRules.map((rule) => [rule.meta.name, rule.meta.code]));

interface RuffLocation {
  row: number;
  column: number;
}
interface RuffDiagnostic {
  code: string;
  message: string;
  start_location: RuffLocation;
  end_location: RuffLocation;
  fix: { edits: { location: RuffLocation; end_location: RuffLocation; content: string }[] } | null;
}

const workspaces = new Map<string, { check(source: string): RuffDiagnostic[] }>();

function ruffRaw(source: string, codes: string[], targetVersion: string, options = {}): RuffDiagnostic[] {
  const key = JSON.stringify([codes, targetVersion, options]);
  let workspace = workspaces.get(key);
  if (!workspace) {
    const lint = { select: codes, preview: true, 'flake8-annotations': options };
    workspace = new Workspace({ 'target-version': targetVersion, lint }, PositionEncoding.Utf16);
    workspaces.set(key, workspace as { check(source: string): RuffDiagnostic[] });
  }
  return (workspace as { check(source: string): RuffDiagnostic[] }).check(source);
}

const at = (l: RuffLocation): string => `${l.row - 1}:${l.column - 1}`;

function ruff(source: string, codes: string[], targetVersion: string, options = {}): string[] {
  return ruffRaw(source, codes, targetVersion, options)
    .map(
      (d) => `${nameToCode.get(d.code) ?? d.code} ${at(d.start_location)}-${at(d.end_location)} ${d.message}`,
    )
    .sort();
}

async function pyconv(
  source: string,
  codes: string[],
  targetVersion: string,
  options = {},
): Promise<string[]> {
  const diagnostics = await check(source, codes, {
    targetVersion,
    options: { 'flake8-annotations': options },
  });
  return diagnostics.map((d) => `${d.code} ${formatRange(d.range)} ${d.message}`).sort();
}

const ANN_SNIPPETS: Record<string, string> = {
  basics: `def f(a, b=1, *args, c, d: int = 2, **kwargs):
    return 1

def g(x: "int", /, y) -> None: ...

async def h(): pass
lam = lambda x: x
`,
  methods: `from typing import overload, Any
import abc

class A:
    def __init__(self): pass
    def __init_subclass__(cls): pass
    def __len__(self): return 0
    def __getitem__(self, key): return key
    @staticmethod
    def s(x): return "a"
    @classmethod
    def c(cls): raise ValueError
    def m(self, other): return None
    def _p(self): return 1.0
    @property
    def v(self): return 1
    @v.setter
    def v(self, value): pass
    @abc.abstractmethod
    def todo(self): ...
    def outer(self):
        def inner(y): return None
        class Local:
            def method(self): pass
        return inner

class _Hidden:
    def shown(self): pass
`,
  overloads: `from typing import overload
import typing as t

@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x):
    return x

class C:
    @t.overload
    def m(self, x: int) -> int: ...
    @t.overload
    def m(self, x: str) -> str: ...
    def m(self, x):
        return x
`,
  any: `from typing import Any, Optional, Union, Annotated
import typing
from typing_extensions import override

def a(x: Any, *args: Any, **kwargs: Any) -> Any: ...
def b(x: Optional[Any], y: Union[int, Any], z: "Any", w: int | Any) -> Optional: ...
def c(x: Annotated[Any, "meta"], y: typing.Any, z: list[Any]) -> "typing.Any": ...
class K:
    @override
    def m(self, x: Any) -> Any: ...
`,
  exports: `__all__ = ["listed", "Listed"]

def listed(): pass
def unlisted(): pass

class Listed:
    def method(self): pass

class Unlisted:
    def method(self): pass
`,
  returns: `def yields():
    yield 1

def raises():
    raise ValueError("x")

def not_implemented():
    raise NotImplementedError

def conditional(x):
    if x:
        return 1
    return "a"

def implicit(x):
    if x:
        return 1.0

def loop():
    while True:
        pass

def try_else(x):
    try:
        return 1
    except ValueError:
        return 2

def numbers(x):
    if x:
        return 1
    elif x > 1:
        return True
    else:
        return 2.5

def mixed(x):
    if x:
        return b"a"
    return -1

def matcher(x):
    match x:
        case 1:
            return "one"
        case _:
            raise ValueError

def loop_else(xs):
    for x in xs:
        return x
    else:
        raise KeyError

def try_finally():
    try:
        pass
    finally:
        raise OSError
`,
  self_typed: `class A:
    def m(self: "A", x): pass
    def n(self, *, key): pass
    @staticmethod
    def s(self): pass
`,
};

const UP_SNIPPETS: Record<string, string> = {
  optional: `from typing import Optional, Union, List, Dict
import typing
import typing as t

def f(a: Optional[int], b: typing.Optional[str] = None, c: t.Optional[List[int]] = None) -> Optional[Dict[str, int]]:
    x: Optional[int] = None
    return None

def g(a: Optional[Optional[int]], b: Optional[int | None], c: Optional["Forward"], d: "Optional[int]") -> None: ...

X = Optional[int]
Y = Union[int, str]
def h(a: Union[int, str], b: Union[int], c: Union["A", int], d: typing.Union[List[int], Dict[str, int]]) -> Union[int, None]: ...
`,
  local_forward: `from typing import Optional, Union

def f():
    x: Optional["Foo"] = None
    y: Union["Foo", int] = 1

class C:
    a: Optional["Foo"] = None
`,
  pep585: `from typing import List, Dict, Set, FrozenSet, Tuple, Type, Deque, DefaultDict, Callable
import typing

def f(a: List[int], b: Dict[str, int], c: Set[int], d: FrozenSet[int], e: Tuple[int, ...], f: Type[int]) -> List: ...
def g(a: Deque[int], b: DefaultDict[str, int], c: typing.List[int], d: "List[int]") -> None: ...
x = List[int]
isinstance(x, List)
List.__name__
`,
  typing_extensions: `from typing_extensions import Optional, Type, List, Literal, Any, Protocol, override, TypedDict
import typing_extensions

def f(a: Optional[int], b: Type[int], c: List[int], d: typing_extensions.Type[int]) -> None: ...
`,
  imports: `from typing import List, Dict, Callable, Iterator, Optional, Sequence, Mapping, Pattern, Match, OrderedDict, ContextManager
from collections import Mapping, OrderedDict as OD
from typing_extensions import Literal, Final, Protocol, TypeAlias, Self, override
from mypy_extensions import TypedDict, NoReturn
from typing.re import Match
from typing.io import IO
from pipes import quote
from .typing import List
from typing import *

def f():
    from typing import Iterable
`,
  future: `from __future__ import annotations
from typing import Optional, List, Union

def f(a: Optional[int], b: List[int]) -> Union[int, str]: ...
X = Optional[int]
Y: List[int] = []
`,
  nested: `from typing import Optional, Union, List

def f(a: Optional[Union[int, List[str]]], b: Union[Optional[int], str]) -> List[Optional[int]]: ...
`,
  union_tuples: `from typing import Union

def f(a: Union[(str, int), float], b: Union[((str, (bytes, int))), float], c: Union[(int,)]) -> Union[(str, int)]: ...
def g(a: Union[()], b: Union[int : float], c: Union[(), int]) -> None: ...
`,
};

const TARGETS = ['py38', 'py39', 'py310', 'py311', 'py313'];

describe('flake8-annotations agrees with Ruff', () => {
  for (const [name, source] of Object.entries(ANN_SNIPPETS)) {
    it(`${name}`, async () => {
      expect(await pyconv(source, ANN, 'py310')).toEqual(ruff(source, ANN, 'py310'));
    });
  }

  const options = [
    { 'mypy-init-return': true },
    { 'suppress-dummy-args': true },
    { 'suppress-none-returning': true },
    { 'allow-star-arg-any': true },
    { 'ignore-fully-untyped': true },
  ];
  const source = `${ANN_SNIPPETS.basics}${ANN_SNIPPETS.methods}
def dummies(_, _unused, *_args, **__): pass
def typed_init_class():
    class A:
        def __init__(self, x: int): pass
    return A
def untyped(a, b): pass
def none_only(a: int):
    if a:
        return None
    return
${ANN_SNIPPETS.any}`;
  for (const option of options) {
    it(`honours ${Object.keys(option)[0]}`, async () => {
      expect(await pyconv(source, ANN, 'py310', option)).toEqual(ruff(source, ANN, 'py310', option));
    });
  }

  it('offers the same return-type fix where Ruff has one', async () => {
    const source = `${ANN_SNIPPETS.methods}${ANN_SNIPPETS.returns}`;
    const ours = await check(source, ANN, { targetVersion: 'py310' });
    let compared = 0;
    for (const theirs of ruffRaw(source, ANN, 'py310')) {
      if (!theirs.fix) continue;
      const code = nameToCode.get(theirs.code);
      const mine = ours.find(
        (d) => d.code === code && formatRange(d.range).startsWith(at(theirs.start_location)),
      );
      const ruffEdits = theirs.fix.edits.map((e) => ({
        range: {
          start: { line: e.location.row - 1, character: e.location.column - 1 },
          end: { line: e.end_location.row - 1, character: e.end_location.column - 1 },
        },
        newText: e.content,
      }));
      // Ruff rewrites a whole import statement where pyconv inserts a name: compare the results.
      const expected = applyFixes(source, [{ title: '', safe: true, edits: ruffEdits }]).text;
      expect(mine?.fix, `${code} at ${at(theirs.start_location)}`).toBeTruthy();
      expect(applyFixes(source, [mine?.fix as Fix]).text, `${code} at ${at(theirs.start_location)}`).toBe(
        expected,
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(8);
  });
});

describe('pyupgrade typing rules agree with Ruff', () => {
  for (const target of TARGETS) {
    for (const [name, source] of Object.entries(UP_SNIPPETS)) {
      it(`${name} at ${target}`, async () => {
        expect(await pyconv(source, UP, target)).toEqual(ruff(source, UP, target));
      });
    }
  }

  it('rewrites annotations with the same edits as Ruff', async () => {
    const source = `${UP_SNIPPETS.optional}${UP_SNIPPETS.pep585}${UP_SNIPPETS.nested}`;
    const ours = await check(source, UP, { targetVersion: 'py310' });
    let compared = 0;
    for (const theirs of ruffRaw(source, UP, 'py310')) {
      const code = nameToCode.get(theirs.code);
      if (!theirs.fix || code === 'UP035') continue;
      const range = `${at(theirs.start_location)}-${at(theirs.end_location)}`;
      const mine = ours.find((d) => d.code === code && formatRange(d.range) === range);
      // Ours may add an import removal; the rewrite itself must be Ruff's.
      const rewrite = mine?.fix?.edits.find((e) => formatRange(e.range) === range);
      const expected = theirs.fix.edits.find((e) => `${at(e.location)}-${at(e.end_location)}` === range);
      expect(rewrite?.newText, `${code} at ${range}`).toBe(expected?.content);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("flattens tuples in Union as Ruff does, and offers no fix where Ruff's keeps an empty tuple", async () => {
    const source = UP_SNIPPETS.union_tuples;
    const ours = await check(source, ['UP007'], { targetVersion: 'py310' });
    const compared = ruffRaw(source, ['UP007'], 'py310').map((theirs) => {
      const range = `${at(theirs.start_location)}-${at(theirs.end_location)}`;
      const mine = ours.find((d) => formatRange(d.range) === range);
      const content = theirs.fix?.edits.find(
        (e) => `${at(e.location)}-${at(e.end_location)}` === range,
      )?.content;
      // `Union[()]` becomes `()` there and `Union[(), int]` `() | int`: not a union of types, so none here.
      return [range, mine?.fix?.edits[0].newText ?? null, content?.includes('()') ? null : (content ?? null)];
    });
    expect(compared).toHaveLength(7);
    for (const [range, mine, theirs] of compared) expect(mine, range as string).toBe(theirs);
  });
});
