/**
 * Keeps the N rules in agreement with Ruff without the corpus: both engines check the same
 * hand-written snippets and must flag the same (code, line, column) set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeEngineConfig } from '../server/src/engine/config';
import { pep8NamingOptions } from '../server/src/rules/naming/options';
import { compareFindings, type Finding, RuffOracle, ruffSettings } from '../tools/oracle/core';
import { check } from './helpers/analyze';

const CODES = ['N801', 'N802', 'N803', 'N804', 'N805', 'N806', 'N815', 'N816', 'N818'];

const SNIPPETS: Record<string, string> = {
  classes: `
class inference_engine: pass
class _Private: pass
class Trailing_: pass
class École: pass
class école: pass
class ConfigInvalid(Exception): pass
class Custom(ValueError, metaclass=M): pass
class Remote(errors.BaseError): pass
class ConfigError(Exception): pass
class ǅungla: pass
class ªbc: pass
class 中文: pass
`,
  unicode: `
def f():
    𝒳 = 1
    s = "😀"; yZ = 2
    ǅx = 3
    ß = 4
mixed𝒳Case = 1
s = "😀"; fooBar = 1
class C:
    x = "😀"; aB = 1
`,
  functions: `
import ast
import typing as t
from typing import override
from http.server import BaseHTTPRequestHandler

def processSessions(A, bB=1, *Cc, D: int = 2, **Ee): pass
def __fooBar__(): pass
def école(): pass
f = lambda Q=1, *R: 0

class Visitor(ast.NodeVisitor):
    def visit_Name(self, node): pass
    def visitName(self, node): pass

class Sub(Visitor):
    def visit_Call(self, node): pass

class Handler(BaseHTTPRequestHandler):
    def do_GET(self): pass

class Base:
    @override
    def someMethod(self, X): pass
    @t.overload
    def otherMethod(self, Y): pass
    def setUp(self): pass
    def tearDownClass(cls): pass
`,
  variables: `
from typing import TypeVar, NamedTuple, TypedDict, NewType, TypeAlias
from collections import namedtuple

defaultTimeout = 30
aa, bB = 1, 2
annOnly: int
for loopVar in x: pass
with a as withVar: pass
if (walrusVar := 1): pass
[innerVar for innerVar in x]
pointTuple = namedtuple("P", "x")
try: pass
except E as errVar: pass
match x:
    case [fooM, *fooStar]: pass
    case {**fooRest}: pass
    case Foo(a=fooKw) as fooAs: pass

class Movie(TypedDict):
    releaseYear: int

class Sequel(Movie):
    previousTitle: str

class C:
    maxLen: int = 1
    maxDiff = None
    if flag:
        nestedName = 3
    def method(self):
        Local = 1

def f(items):
    global G
    G = 1
    Total = 0
    a, (Bb, *Cc) = items
    Aug += 1
    for Item in items: pass
    with open(p) as Fh: pass
    if (Wal := 1): pass
    [(W := 1) for y in items]
    g = lambda: (L := 1)
    T = TypeVar("T")
    N = NamedTuple("N", [])
    D = TypedDict("D", {})
    U = NewType("U", int)
    A: TypeAlias = int
    Model = apps.get_model("app", "Model")
    Other = apps.get_model("app", "Different")
    def inner(x=(Dw := 1)):
        nonlocal Total
        Total = 2
        G = 3
    try: pass
    except E as Err: pass

def local_imports():
    from django.utils.module_loading import import_string
    import typing as tp
    ValidationError = import_string("django.core.exceptions.ValidationError")
    Other = import_string("django.core.exceptions.ValidationError")
    T2 = tp.TypeVar("T2")
    def nested():
        T3 = tp.TypeVar("T3")
    Later = TypeVar("Later")
`,
  methods: `
import abc
from abc import abstractclassmethod as acm

class A:
    def m(this, x): pass
    def ok(self): pass
    @classmethod
    def c(self): pass
    @classmethod()
    def c2(klass: type, x): pass
    @staticmethod
    def s(x): pass
    @staticmethod()
    def s2(x): pass
    @abc.abstractclassmethod
    def ac(self): pass
    @acm
    def ac2(x): pass
    @abc.abstractstaticmethod
    def ast(x): pass
    def __new__(klass): pass
    def __init_subclass__(self, **kw): pass
    def __class_getitem__(self, item): pass
    def __prepare__(self): pass
    def __init__(this): pass
    def __call__(cls): pass
    def noargs(): pass
    def star(*args): pass
    def kwonly(*, x): pass
    def posonly(x, /, y): pass
    def typed(x: int = 1): pass
    def defaulted(x=1): pass
    def other_self(x, self): pass
    def uses(this):
        return this.x
    async def am(x): pass
    def generic[T](x): pass
    f = lambda x: x
    def outer(self):
        def inner(x): pass
        g = lambda y: y
    if flag:
        def in_if(x): pass
    try:
        def in_try(x): pass
    except E:
        pass
    @property
    def p(x): pass
    @p.setter
    def p(x, v): pass
    class Inner:
        def m(x): pass
        @classmethod
        def n(self): pass

def free(x): pass

def factory():
    class Local:
        def m(x): pass

class G[T]:
    def m(x): pass
`,
  metaclasses: `
import abc
import enum
import builtins
from typing import Any

class M(type):
    def m(self): pass
    def n(cls): pass
    def o(x): pass
    @classmethod
    def p(mcs): pass
    @staticmethod
    def q(x): pass
    def __new__(mcs, name, bases, ns): pass
class AM(abc.ABCMeta):
    def m(self): pass
class EM(enum.EnumMeta):
    def m(self): pass
class ET(enum.EnumType):
    def m(self): pass
class BT(builtins.type):
    def m(self): pass
class Sub(M):
    def m(self): pass
class Sub2(Sub):
    def m(self): pass
class TypeSub(type[int]):
    def m(self): pass
class TypeCall(type(Protocol)):
    def m(self): pass
class TypeFirst(type, with_metaclass(M)):
    def m(self): pass
class CallFirst(with_metaclass(M), type):
    def m(self): pass
class CallBase(with_metaclass(Meta)):
    def m(x): pass
class ViaCall(CallBase, type):
    def m(self): pass
class Unknown(Base):
    def m(x): pass
class ModelMeta(ModelBase):
    def __new__(cls, name: str, bases: tuple[Any, ...], attrs: dict[str, Any], **kwargs: Any): pass
    def m(x): pass
class NotMeta(ModelBase):
    def __new__(cls, name: str, bases: tuple, attrs: list, **kwargs): pass
    def m(x): pass
class NoBases:
    def __new__(cls, name: str, bases: tuple, attrs: dict, **kwargs): pass
    def m(x): pass
class Kw(metaclass=M):
    def m(x): pass
`,
  shadowedBuiltins: `
from mylib import classmethod, type

class A(type):
    def m(self): pass
    @classmethod
    def c(x): pass
class B:
    @classmethod
    def c(x): pass
    def m(x): pass
    def n(this): pass
`,
};

const config = makeEngineConfig({
  enabled: CODES,
  options: { 'pep8-naming': pep8NamingOptions.validate(undefined).value },
});
const oracle = new RuffOracle(ruffSettings(config, CODES), CODES);
afterAll(() => oracle.free());

async function ours(source: string): Promise<Finding[]> {
  const diagnostics = await check(source, CODES, {
    options: config.options as Record<string, Record<string, unknown>>,
  });
  return diagnostics.map((d) => ({
    code: d.code,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    message: d.message,
  }));
}

/** N804/N805 under the pep8-naming decorator and ignore options. */
const DECORATOR_OPTIONS = {
  'classmethod-decorators': ['pkg.make_class', 'register', 'builtin_like'],
  'staticmethod-decorators': ['helpers.pure', 'plain'],
  'extend-ignore-names': ['this', 'k*'],
};

const DECORATED = `
import pkg
import helpers
from pkg import make_class
from other import register as reg

class A:
    @pkg.make_class
    def a(self): pass
    @make_class
    def b(self): pass
    @register
    def c(self): pass
    @reg
    def d(self): pass
    @x.y.register
    def e(self): pass
    @register()
    def f(self): pass
    @builtin_like
    def g(self): pass
    @helpers.pure
    def h(x): pass
    @plain
    def i(x): pass
    @other.plain
    def j(x): pass
    @pure
    def k(x): pass
    def l(this): pass
    @classmethod
    def m(klass): pass
    @classmethod
    def n(this): pass
    def o(that): pass
`;

describe('agreement with Ruff on N804/N805 with decorator options', () => {
  const codes = ['N804', 'N805'];
  const withOptions = makeEngineConfig({
    enabled: codes,
    options: { 'pep8-naming': pep8NamingOptions.validate(DECORATOR_OPTIONS).value },
  });
  const decoratorOracle = new RuffOracle(ruffSettings(withOptions, codes), codes);
  afterAll(() => decoratorOracle.free());

  it('flags the same places as Ruff', async () => {
    const diagnostics = await check(DECORATED, codes, {
      options: withOptions.options as Record<string, Record<string, unknown>>,
    });
    const mine = diagnostics.map((d) => ({
      code: d.code,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
    }));
    const ruff = decoratorOracle.check(DECORATED).findings;
    const { matched, mismatches } = compareFindings('decorated', mine, ruff);
    expect(
      mismatches.map((m) => `${m.side} ${m.finding.code} ${m.finding.line}:${m.finding.column}`),
    ).toEqual([]);
    expect(matched.length).toBeGreaterThan(5);
  });
});

describe('agreement with Ruff on the N rules', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(`flags the same places as Ruff: ${name}`, async () => {
      const mine = await ours(source);
      const ruff = oracle.check(source).findings.filter((f) => CODES.includes(f.code));
      const { matched, mismatches } = compareFindings(name, mine, ruff);
      expect(
        mismatches.map((m) => `${m.side} ${m.finding.code} ${m.finding.line}:${m.finding.column}`),
      ).toEqual([]);
      expect(matched.length).toBeGreaterThan(3);
    });
  }

  it('maps Ruff rule names to codes and compares as a multiset', () => {
    const ruff = oracle.check('def fooBar(): pass\n').findings;
    expect(ruff.map((f) => `${f.code} ${f.line}:${f.column}`)).toEqual(['N802 1:5']);
    const a: Finding = { code: 'N802', line: 1, column: 5, message: '' };
    const result = compareFindings('x', [a, a], [a]);
    expect(result.matched).toHaveLength(1);
    expect(result.mismatches.map((m) => m.side)).toEqual(['ours']);
  });
});
