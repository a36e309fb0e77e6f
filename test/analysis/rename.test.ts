import { describe, expect, it } from 'vitest';
import { invalidNameReason, planRename } from '../../server/src/analysis/rename';
import { applyFixes } from '../../server/src/engine/fixes';
import { withScopes } from '../helpers/rename';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** The outcome of renaming the n-th identifier spelled `name`: edits as `L:C-L:C=text`, or the refusal. */
async function renameOf(source: string, name: string, newName: string, nth = 0): Promise<string[] | string> {
  return withScopes(source, (model, find) => {
    const binding = model.bindingOf(find(name, nth));
    if (!binding) return 'no binding';
    const outcome = planRename(model, binding, newName);
    if (!outcome.ok) return outcome.reason;
    return outcome.edits.map(
      (e) =>
        `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`,
    );
  });
}

describe('planRename', () => {
  it('renames a module global in every function that reads it, and its __all__ entry', async () => {
    const source = lines('__all__ = ["maxLen"]', 'maxLen = 3', 'def f():', '    return maxLen');
    expect(await renameOf(source, 'maxLen', 'max_len')).toEqual([
      '0:12-0:18=max_len',
      '1:0-1:6=max_len',
      '3:11-3:17=max_len',
    ]);
  });

  it('leaves a same-named local of another function alone', async () => {
    const source = lines('def a():', '    myVar = 1', '    return myVar', 'def b():', '    myVar = 2');
    expect(await renameOf(source, 'myVar', 'my_var')).toEqual(['1:4-1:9=my_var', '2:11-2:16=my_var']);
  });

  it('refuses keywords, invalid identifiers and the same name', async () => {
    const source = lines('Klass = 1');
    expect(await renameOf(source, 'Klass', 'class')).toBe('`class` is a Python keyword');
    expect(await renameOf(source, 'Klass', '2x')).toBe('`2x` is not a valid Python identifier');
    expect(await renameOf(source, 'Klass', 'Klass')).toBe('the name is already `Klass`');
    expect(invalidNameReason('naïve_name')).toBeUndefined();
  });

  it('refuses a name that already exists in the scope', async () => {
    const source = lines('def f():', '    fooBar = 1', '    foo_bar = 2', '    return fooBar + foo_bar');
    expect(await renameOf(source, 'fooBar', 'foo_bar')).toBe('`foo_bar` already exists in function `f`');
  });

  it('refuses to hide a builtin or an outer name that the scope reads', async () => {
    const source = lines('def f(items):', '    List = 1', '    return list(items) + List');
    expect(await renameOf(source, 'List', 'list')).toBe(
      'function `f` uses the builtin `list`, which the renamed name would hide',
    );
    const outer = lines(
      'limit = 1',
      'def f():',
      '    Limit = 2',
      '    def g():',
      '        return limit',
      '    return Limit',
    );
    expect(await renameOf(outer, 'Limit', 'limit')).toBe(
      'function `g` uses `limit` of this module, which the renamed name would hide',
    );
  });

  it('refuses when a scope between a use and the binding already has the new name', async () => {
    const source = lines('maxLen = 1', 'def f():', '    max_len = 2', '    return maxLen + max_len');
    expect(await renameOf(source, 'maxLen', 'max_len')).toBe(
      '`max_len` already exists in function `f`, where `maxLen` is used',
    );
  });

  it('refuses imported names and files with syntax errors', async () => {
    expect(await renameOf(lines('from m import fooBar', 'fooBar()'), 'fooBar', 'foo_bar')).toBe(
      '`fooBar` is imported; rename it where it is defined',
    );
    expect(await renameOf(lines('import numpy as NP', 'NP.array'), 'NP', 'np')).toEqual([
      '0:16-0:18=np',
      '1:0-1:2=np',
    ]);
    expect(await renameOf(lines('fooBar = 1', 'def f(:', '    fooBar'), 'fooBar', 'foo_bar')).toBe(
      'this module has syntax errors; references to `fooBar` may be missed',
    );
  });

  it('renames a method through self. and a parameter at keyword call sites', async () => {
    const source = lines(
      'class A:',
      '    def getX(self, newValue):',
      '        return self.getX(newValue=newValue)',
      'A().getX(1)',
    );
    expect(await renameOf(source, 'getX', 'get_x')).toEqual([
      '1:8-1:12=get_x',
      '2:20-2:24=get_x',
      '3:4-3:8=get_x',
    ]);
    expect(await renameOf(source, 'newValue', 'new_value')).toEqual([
      '1:19-1:27=new_value',
      '2:25-2:33=new_value',
      '2:34-2:42=new_value',
    ]);
  });

  it('refuses a class member rename onto an attribute already used through self', async () => {
    const source = lines(
      'class A:',
      '    maxLen = 1',
      '    def f(self):',
      '        self.max_len = 2',
      '        return self.maxLen',
    );
    expect(await renameOf(source, 'maxLen', 'max_len')).toBe(
      '`max_len` is already an attribute of class `A`',
    );
  });
});

describe('planRename and string annotations', () => {
  it('renames a module-level class inside forward-reference annotations, not attributes or other words', async () => {
    const source = lines(
      'class engine_core: pass',
      'def f(x: "engine_core", y: "list[engine_core]") -> "mod.engine_core":',
      '    return "engine_core"',
    );
    expect(await renameOf(source, 'engine_core', 'EngineCore')).toEqual([
      '0:6-0:17=EngineCore',
      '1:10-1:21=EngineCore',
      '1:33-1:44=EngineCore',
    ]);
  });
});

describe('planRename and subclasses in the file', () => {
  it('renames inherited uses through self in a subclass', async () => {
    const source = lines(
      'class Base:',
      '    def getX(self): return 1',
      'class Child(Base):',
      '    def f(self): return self.getX()',
    );
    expect(await renameOf(source, 'getX', 'get_x')).toEqual(['1:8-1:12=get_x', '3:29-3:33=get_x']);
  });

  it('renames an overriding and an overridden method together, from either side', async () => {
    const source = lines(
      'class Base:',
      '    def getX(self): return 1',
      'class Child(Base):',
      '    def getX(self): return 2',
    );
    expect(await renameOf(source, 'getX', 'get_x')).toEqual(['1:8-1:12=get_x', '3:8-3:12=get_x']);
    expect(await renameOf(source, 'getX', 'get_x', 1)).toEqual(['1:8-1:12=get_x', '3:8-3:12=get_x']);
  });
});

/** `source` with the n-th identifier spelled `name` renamed, or the refusal. */
async function renamed(source: string, name: string, newName: string, nth = 0): Promise<string> {
  return withScopes(source, (model, find) => {
    const binding = model.bindingOf(find(name, nth));
    if (!binding) return 'no binding';
    const outcome = planRename(model, binding, newName);
    if (!outcome.ok) return outcome.reason;
    return applyFixes(source, [{ title: 'rename', safe: false, edits: outcome.edits }]).text;
  });
}

describe('planRename and record fields (issue 12, item 11)', () => {
  it('renames dataclass fields at constructor keywords, copies and reads through typed values', async () => {
    const source = lines(
      'from dataclasses import dataclass, replace',
      '@dataclass',
      'class Point:',
      '    xPos: int = 0',
      'class Point3(Point):',
      '    pass',
      'def f(p: Point, q: "Point | None") -> Point:',
      '    return Point(xPos=p.xPos + q.xPos)',
      'a = Point(xPos=1)',
      'b: Point = f(a, a)',
      'c = replace(b, xPos=2)',
      'print(a.xPos, b.xPos, c.xPos, Point3(xPos=3).xPos, f(a, a).xPos)',
    );
    expect(await renamed(source, 'xPos', 'x_pos')).toBe(source.replaceAll('xPos', 'x_pos'));
  });

  it('renames NamedTuple fields with _replace, and TypedDict keys of dicts the file shows', async () => {
    const tuple = lines(
      'import typing',
      'class Span(typing.NamedTuple):',
      '    startAt: int',
      's = Span(startAt=1)',
      't = s._replace(startAt=2)',
      'print(t.startAt)',
    );
    expect(await renamed(tuple, 'startAt', 'start_at')).toBe(tuple.replaceAll('startAt', 'start_at'));
    const typed = lines(
      'from typing import TypedDict',
      'class Movie(TypedDict):',
      '    releaseYear: int',
      'm: Movie = {"releaseYear": 1999}',
      'def year(movie: Movie) -> int:',
      '    return movie["releaseYear"]',
      'n = Movie(releaseYear=2001)',
      'print(year(m), n["releaseYear"])',
    );
    expect(await renamed(typed, 'releaseYear', 'release_year')).toBe(
      typed.replaceAll('releaseYear', 'release_year'),
    );
    const unknownDict = lines(
      'from typing import TypedDict',
      'class Movie(TypedDict):',
      '    releaseYear: int',
      'def year(movie):',
      '    return movie["releaseYear"]',
    );
    expect(await renamed(unknownDict, 'releaseYear', 'release_year')).toBe(
      'the string "releaseYear" (line 5) may name `releaseYear` (getattr, __slots__, keys); rename by hand',
    );
  });

  it('renames attrs and pydantic fields (shapes only: neither needs to be installed)', async () => {
    for (const [decorator, field] of [
      ['@attr.s', 'attr.ib()'],
      ['@attr.s(auto_attribs=True)', '1'],
      ['@attrs.define', 'attrs.field(default=1)'],
      ['@define', '1'],
      ['@frozen', '1'],
    ]) {
      const source = lines(
        'import attr, attrs',
        'from attrs import define, frozen',
        decorator,
        'class Box:',
        `    widthCm = ${field}`,
        'b = Box(widthCm=2)',
        'print(b.widthCm)',
      );
      expect(await renamed(source, 'widthCm', 'width_cm')).toBe(source.replaceAll('widthCm', 'width_cm'));
    }
    const pydantic = lines(
      'from pydantic import BaseModel',
      'class User(BaseModel):',
      '    userName: str',
      'def greet(u: User) -> str:',
      '    return u.userName',
      'print(greet(User(userName="x")))',
    );
    expect(await renamed(pydantic, 'userName', 'user_name')).toBe(
      pydantic.replaceAll('userName', 'user_name'),
    );
  });

  it('refuses where the file cannot show every use, and says where', async () => {
    const head = [
      'from dataclasses import dataclass, asdict',
      '@dataclass',
      'class Point:',
      '    xPos: int = 0',
    ];
    expect(await renamed(lines(...head, 'def f(p):', '    return p.xPos'), 'xPos', 'x_pos')).toBe(
      '`p.xPos` (line 6) reads `xPos` of a value pyconv cannot trace to a class of this file',
    );
    expect(await renamed(lines(...head, 'kw = dict(xPos=1)'), 'xPos', 'x_pos')).toBe(
      '`dict(xPos=...)` (line 5) may pass the field `xPos` to code pyconv cannot see',
    );
    expect(
      await renamed(lines(...head, 'def load(data):', '    return Point(**data)'), 'xPos', 'x_pos'),
    ).toBe('`**data` (line 6) passes fields by `**` keywords that pyconv cannot read');
    expect(
      await renamed(
        lines(...head, 'import dataclasses', 'p = Point()', 'dataclasses.replace(p, **{})'),
        'xPos',
        'x_pos',
      ),
    ).toBe('`**{}` (line 7) passes fields by `**` keywords that pyconv cannot read');
    expect(await renamed(lines(...head, 'print(asdict(Point()))'), 'xPos', 'x_pos')).toBe(
      '`asdict(...)` (line 5) reads field names as data',
    );
    expect(await renamed(lines(...head, 'getattr(Point(), "xPos")'), 'xPos', 'x_pos')).toBe(
      'the string "xPos" (line 5) may name `xPos` (getattr, __slots__, keys); rename by hand',
    );
    const pydantic = lines(
      'import pydantic',
      'class User(pydantic.BaseModel):',
      '    userName: str = "a"',
      'print(User().model_dump())',
    );
    expect(await renamed(pydantic, 'userName', 'user_name')).toBe(
      '`User().model_dump` (line 4) reads field names as data',
    );
    const attrsPrivate = lines('import attr', '@attr.s', 'class Box:', '    _widthCm = attr.ib()');
    expect(await renamed(attrsPrivate, '_widthCm', '_width_cm')).toBe(
      'attrs strips the leading underscore of `_widthCm` for its `__init__` keyword; rename it by hand',
    );
  });
});

describe('planRename and method families (issue 12, item 12)', () => {
  const hierarchy = lines(
    'class Base:',
    '    def getIt(self): return 1',
    'class Child(Base):',
    '    def getIt(self): return super().getIt() + 1',
    'class Grand(Child):',
    '    pass',
    'def use(c: Base, d: "Grand"):',
    '    return c.getIt() + d.getIt()',
    'g = Grand()',
    'print(use(g, g), g.getIt(), Base.getIt(g))',
  );

  it('renames super() calls, overriding and overridden methods and calls through annotated parameters, from any member', async () => {
    const expected = hierarchy.replaceAll('getIt', 'get_it');
    expect(await renamed(hierarchy, 'getIt', 'get_it')).toBe(expected);
    expect(await renamed(hierarchy, 'getIt', 'get_it', 1)).toBe(expected);
  });

  it('refuses when a member may be used through a value of unknown class or a base defined elsewhere', async () => {
    expect(await renamed(lines(hierarchy, 'def any_(x):', '    return x.getIt()'), 'getIt', 'get_it')).toBe(
      '`x.getIt` (line 13) reads `getIt` of a value pyconv cannot trace to a class of this file',
    );
    const external = lines(
      'import threading',
      'class Worker(threading.Thread):',
      '    def runOnce(self): return 1',
    );
    expect(await renamed(external, 'runOnce', 'run_once')).toBe(
      'class `Worker` derives from `threading.Thread`, defined elsewhere, which may define or use `runOnce`',
    );
    const enumeration = lines('import enum', 'class Color(enum.Enum):', '    lightRed = 1');
    expect(await renamed(enumeration, 'lightRed', 'light_red')).toBe(
      'class `Color` derives from `enum.Enum`, defined elsewhere, which may define or use `lightRed`',
    );
  });

  it('renames a method parameter at keywords through typed values, refuses it where an override may be called', async () => {
    const source = lines(
      'class Counter:',
      '    def bump(self, stepSize=1): return stepSize',
      'def run(c: Counter):',
      '    return c.bump(stepSize=2)',
    );
    expect(await renamed(source, 'stepSize', 'step_size')).toBe(source.replaceAll('stepSize', 'step_size'));
    const overridden = lines(
      source,
      'class Double(Counter):',
      '    def bump(self, stepSize=1): return 2 * stepSize',
    );
    expect(await renamed(overridden, 'stepSize', 'step_size')).toBe(
      '`c.bump(stepSize=...)` (line 4) may call an override of `bump` with its own `stepSize`',
    );
  });
});

describe('planRename and strings that are not forward references (issue 12, item 13)', () => {
  it('leaves Literal values and Annotated metadata alone, in annotations and inside string annotations', async () => {
    const source = lines(
      'from typing import Annotated, Literal',
      'import typing',
      'class engine_core: pass',
      'def f(a: Literal["engine_core"], b: typing.Literal["engine_core"], c: Annotated["engine_core", "engine_core"]):',
      '    pass',
      'x: "Literal[\'engine_core\'] | engine_core"',
    );
    expect(await renamed(source, 'engine_core', 'EngineCore')).toBe(
      lines(
        'from typing import Annotated, Literal',
        'import typing',
        'class EngineCore: pass',
        'def f(a: Literal["engine_core"], b: typing.Literal["engine_core"], c: Annotated["EngineCore", "engine_core"]):',
        '    pass',
        'x: "Literal[\'engine_core\'] | EngineCore"',
      ),
    );
  });
});

describe('planRename and type expressions in call arguments', () => {
  it('renames the forward references of cast() and TypeVar(bound=...), not other strings', async () => {
    const source = lines(
      'from typing import TypeVar, cast',
      'class engine_core: pass',
      'T = TypeVar("T", bound="engine_core")',
      'e = cast("engine_core", None)',
      'print("engine_core")',
    );
    expect(await renamed(source, 'engine_core', 'EngineCore')).toBe(
      lines(
        'from typing import TypeVar, cast',
        'class EngineCore: pass',
        'T = TypeVar("T", bound="EngineCore")',
        'e = cast("EngineCore", None)',
        'print("engine_core")',
      ),
    );
  });
});

describe('planRename compares names as Python does, after NFKC (issue 12, item 14)', () => {
  it('refuses a new name that merges with an existing one or hides a builtin once normalised', async () => {
    expect(await renamed(lines('x = 1', 'y = 2', 'print(x, y)'), 'y', '𝐱')).toBe(
      '`x` already exists in this module',
    );
    expect(await renamed(lines('def f(): pass', 'print(f)'), 'f', 'ｐｒｉｎｔ')).toBe(
      'this module uses the builtin `print`, which the renamed name would hide',
    );
    expect(
      await renamed(lines('def g():', '    ﬁle_name = 1', '    fileName = 2'), 'fileName', 'file_name'),
    ).toBe('`file_name` already exists in function `g`');
  });

  it('renames every spelling of one name', async () => {
    expect(await renamed(lines('ｍａｘLen = 1', 'print(maxLen)'), 'maxLen', 'max_len')).toBe(
      lines('max_len = 1', 'print(max_len)'),
    );
  });
});

describe('planRename: other defects (issue 12, item 15)', () => {
  it('refuses __debug__, also spelled differently', async () => {
    expect(await renamed(lines('fooBar = 1'), 'fooBar', '__debug__')).toBe(
      '`__debug__` cannot be assigned to',
    );
    expect(invalidNameReason('__ｄebug__')).toBe(
      '`__ｄebug__` cannot be assigned to (Python reads it as `__debug__`)',
    );
  });

  it('renames a PEP 695 type parameter with its uses in its scope, not a same-named outer name', async () => {
    const function_ = lines(
      'T = 0',
      'def first[T: int](items: list[T], d: T = T) -> T:',
      '    x: T = items[0]',
      '    return x',
    );
    expect(await renamed(function_, 'T', 'ItemT', 1)).toBe(
      lines(
        'T = 0',
        'def first[ItemT: int](items: list[ItemT], d: ItemT = T) -> ItemT:',
        '    x: ItemT = items[0]',
        '    return x',
      ),
    );
    const klass = lines('class Box[T](Base[T]):', '    item: T', '    def get(self) -> T: ...');
    expect(await renamed(klass, 'T', 'ItemT')).toBe(klass.replaceAll('T', 'ItemT'));
    const alias = lines('type Pair[T, *Ts, **P] = tuple[T, T, *Ts]', 'x: Pair[int]');
    expect(await renamed(alias, 'T', 'K')).toBe(
      lines('type Pair[K, *Ts, **P] = tuple[K, K, *Ts]', 'x: Pair[int]'),
    );
    expect(await renamed(alias, 'Ts', 'Rest')).toBe(
      lines('type Pair[T, *Rest, **P] = tuple[T, T, *Rest]', 'x: Pair[int]'),
    );
  });
});

describe('planRename and match class patterns', () => {
  it('renames a field at `case Point(field=...)`, refuses it under a class pattern of unknown class', async () => {
    const source = lines(
      'from dataclasses import dataclass',
      '@dataclass',
      'class Point:',
      '    xPos: int',
      'def where(p):',
      '    match p:',
      '        case Point(xPos=0):',
      '            return "origin"',
      '    return "elsewhere"',
    );
    expect(await renamed(source, 'xPos', 'x_pos')).toBe(source.replaceAll('xPos', 'x_pos'));
    const unknown = lines(
      source,
      'def other(p, Shape):',
      '    match p:',
      '        case Shape(xPos=1):',
      '            pass',
    );
    expect(await renamed(unknown, 'xPos', 'x_pos')).toBe(
      '`Shape.xPos` (line 13) reads `xPos` of a value pyconv cannot trace to a class of this file',
    );
  });
});

describe('planRename and keywords the file cannot show', () => {
  it('refuses a parameter passed with ** or by keyword to a callable held in a variable', async () => {
    const splat = lines('def move(stepSize=1): return stepSize', 'opts = {"stepSize": 2}', 'move(**opts)');
    expect(await renamed(splat, 'stepSize', 'step_size')).toBe(
      '`**opts` (line 3) passes keywords with `**` that pyconv cannot read',
    );
    const callback = lines(
      'def move(stepSize=1): return stepSize',
      'def run(fn):',
      '    return fn(stepSize=2)',
      'run(move)',
    );
    expect(await renamed(callback, 'stepSize', 'step_size')).toBe(
      '`fn(stepSize=...)` (line 3) calls something pyconv cannot follow with `stepSize`',
    );
    const lambda = lines('scaleIt = lambda factorX=2: factorX', 'print(scaleIt(factorX=3))');
    expect(await renamed(lambda, 'factorX', 'factor_x')).toBe(lambda.replaceAll('factorX', 'factor_x'));
  });
});

describe('planRename names the scope of a PEP 695 type parameter', () => {
  it('refuses a type parameter rename onto a sibling parameter', async () => {
    expect(await renamed(lines('type Pair[K, V] = dict[K, V]'), 'K', 'V')).toBe(
      '`V` already exists in the type parameters of `Pair`',
    );
    expect(await renamed(lines('def f[K, V](k: K, v: V): pass'), 'K', 'V')).toBe(
      '`V` already exists in the type parameters of `f`',
    );
  });

  it('follows type(value) to its class', async () => {
    const source = lines(
      'class Shape:',
      '    sideCount = 0',
      '    def sides(self): return type(self).sideCount',
    );
    expect(await renamed(source, 'sideCount', 'side_count')).toBe(
      source.replaceAll('sideCount', 'side_count'),
    );
  });
});
