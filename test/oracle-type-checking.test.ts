import { describe, expect, it } from 'vitest';
import { ourPositions, ruffStablePositions } from './helpers/ruff-snippets';

// Ruff (the wasm build) is the oracle for TC001-TC003: on each snippet both must report the same
// (code, line, column) multiset. Ruff's fixes are not compared: pyconv offers none for these rules.
const CODES = ['TC001', 'TC002', 'TC003'];

const SNIPPETS: Record<string, string> = {
  noFutureImport: `
import os
import pathlib
import collections
import decimal
from json import JSONDecoder
from json import JSONEncoder
import typing
import attr
import datetime
from fractions import Fraction
import uuid
import enum

def f(p: pathlib.Path) -> os.PathLike:
    x: collections.OrderedDict = {}
    return p

y: decimal.Decimal = 1
z: "datetime.date"

def g(d: JSONDecoder) -> None:
    JSONEncoder()

def h(a: attr.Attribute) -> "Fraction": pass

class C:
    u: uuid.UUID
    def m(self) -> enum.Enum: pass
`,
  futureImport: `
from __future__ import annotations
import os
import pathlib
import collections
import decimal
from json import JSONDecoder
from json import JSONEncoder
import attr
import datetime
from typing import cast, TYPE_CHECKING
import uuid
import enum
import abc
import numbers
import functools

def f(p: pathlib.Path) -> os.PathLike:
    x: collections.OrderedDict = {}
    return p

y: decimal.Decimal = 1
z: "datetime.date"

def g(d: JSONDecoder) -> None:
    JSONEncoder()

def h(a: attr.Attribute) -> None:
    cast("uuid.UUID", a)

class C(abc.ABC):
    u: enum.Enum
    v: numbers.Number = functools.partial

if TYPE_CHECKING:
    import io
    x: io.IOBase
def k():
    import re
    p: re.Pattern = None
    import string
    def q(s: string.Template): pass
`,
  aliasesAndStrings: `
from __future__ import annotations
import os.path
import os.environ_thing
import xml.dom as dom
import json as j, csv
from collections import (OrderedDict, defaultdict)
from . import sibling
from .pkg import Thing, Other
from ..up import Far
from typing import Literal, TYPE_CHECKING, cast, TypeAlias
import typing_extensions
import numpy as np
import pandas
import requests
try:
    import ujson
except ImportError:
    ujson = None
import decimal
import fractions
import statistics
import heapq
import bisect
import array

def f(a: os.path.Thing, b: dom.Node, c: j.JSONDecoder) -> csv.Dialect:
    d: OrderedDict = defaultdict(list)
    return cast(Far, a)

def g(x: Thing) -> Other:
    return Other()

def h(x: sibling.X) -> np.ndarray: ...
def k(x: pandas.DataFrame = pandas.DataFrame()) -> None: ...
@requests.utils.deprecated
def m(x: Literal["decimal"]) -> "fractions.Fraction": ...
Alias: TypeAlias = "statistics.NormalDist"
def n(v: heapq.Thing) -> typing_extensions.Self: ...
class Z(bisect.Base):
    a: array.array
def p(u: ujson.X): ...
__all__ = ["heapq"]
`,
  scopesAndTypeCheckingBlocks: `
import os
import sys
import re
import io
import abc
from typing import TYPE_CHECKING, Optional
if TYPE_CHECKING:
    from collections import deque
    x: re.Pattern
else:
    import io as io2
def f(a: "os.PathLike", b: Optional["sys.Thing"]) -> None:
    loc: abc.ABC = 1
    def inner(q: "io.IOBase"):
        import io
        return io.StringIO()
class K:
    import re as re2
    def m(self, x: "re2.Pattern"): ...
def shadow(os: int) -> "os.X": return os
`,
  submoduleRebinding: `
from __future__ import annotations
import os.path
import os.environ_thing
def f(a: os.path.Thing): pass
`,
};

describe('oracle: TC001-TC003 agree with Ruff', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, async () => {
      expect(await ourPositions(source, CODES)).toEqual(ruffStablePositions(source, CODES));
    });
  }
});
