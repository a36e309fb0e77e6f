/**
 * Keeps F811 (redefinitions), F821 (undefined names), F841 (unused variables) and PLW0602 (global without assignment) in agreement with Ruff without the
 * corpus: both engines check the same tricky snippets (Ruff in preview, as `npm run oracle` runs
 * it) and must report the same findings, messages and fix edits, character for character.
 */
import { describe, expect, it } from 'vitest';
import { ourSnippetFindings, ruffSnippetFindings } from './helpers/ruff-snippets';

const CODES = ['F811', 'F821', 'F841', 'PLW0602'];

const BINDING_SNIPPETS: Record<string, string> = {
  'unused local': 'def f():\n    x = 1\n    y = g()\n    return 2\n',
  'unused local in a block': 'def f():\n    if c:\n        x = 1\n',
  'rebinding keeps reads': 'def f():\n    x = 1\n    print(x)\n    x = 2\n',
  'second assignment unused': 'def f():\n    x = 1\n    x = 2\n',
  'chained targets': 'def f():\n    a = b = 1\n    return a\n',
  'annotated assignments': 'def f():\n    x: int = 1\n    y: int = g()\n    z: int\n',
  'tuple unpacking is not flagged': 'def f():\n    a, b = g()\n    (c, d) = 1, 2\n    [e] = h()\n',
  'augmented assignment': 'def f():\n    x += 1\n    y = 0\n    y += 1\n',
  'with items':
    'def f():\n    with open(p) as fh, lock as (a, b):\n        pass\n    with (open(p) as g):\n        pass\n',
  walrus: 'def f():\n    if (n := len(a)) > 1:\n        pass\n    return [(m := 1) for _ in a]\n',
  'except as e':
    'try:\n    pass\nexcept ValueError as e:\n    pass\ndef f():\n    try:\n        pass\n    except (A, B) as err:\n        print(1)\n    except C as used:\n        print(used)\n',
  'locals() suppresses': 'def f():\n    x = 1\n    return locals()\n',
  'traceback names and dummies':
    'def f():\n    __tracebackhide__ = True\n    _ = 1\n    _unused = 2\n    __ = 3\n',
  'global and nonlocal':
    'X = 0\ndef f():\n    global X\n    X = 1\n    y = 0\n    def g():\n        nonlocal y\n        y = 2\n    return g\n',
  'nested function reads': 'def f():\n    x = 1\n    def g():\n        return x\n    return g\n',
  'lambda reads': 'def f():\n    x = 1\n    return lambda: x\n',
  'del counts as a use': 'def f():\n    x = 1\n    del x\n',
  'for targets are not flagged': 'def f():\n    for i in range(3):\n        pass\n',
  'match captures': 'def f(p):\n    match p:\n        case [a, b]:\n            return a\n',
  'class bodies are not checked': 'class A:\n    x = 1\n',
  'parenthesised target': 'def f():\n    (x) = 1\n    (y) = g()\n',
  semicolons: 'def f():\n    x = 1; y = 2\n    return y\n',
  'effects in values':
    'def f():\n    a = [1, 2]\n    b = list()\n    c = d[0]\n    e = 1 + 2\n    g = x + 1\n    h = f"{x}"\n    i = f"{h()}"\n    j = [i for i in k]\n    m = await n\n    o = lambda: p()\n',
  'undefined at module level': 'print(x)\nx = 1\nprint(x)\n',
  'functions see the final module': 'def f():\n    return g()\ndef g():\n    return 1\n',
  'class scope not visible from methods':
    'class A:\n    x = 1\n    y = [x for _ in range(3)]\n    z = [1 for _ in range(x)]\n    def m(self, d=x):\n        return x\n',
  'comprehension variables do not leak': '[i for i in range(3)]\nprint(i)\n',
  'del unbinds': 'x = 1\ndel x\nprint(x)\ndef f():\n    y = 1\n    del y\n    return y\n',
  'del of an unknown name': 'del nothing\ndef f():\n    del other\n',
  'conditional del': 'x = 1\nif c:\n    del x\nprint(x)\n',
  'except name unbound after the handler':
    'try:\n    pass\nexcept E as e:\n    pass\nprint(e)\ne2 = 1\ntry:\n    pass\nexcept E as e2:\n    pass\nprint(e2)\n',
  'NameError handled':
    'try:\n    unicode\nexcept NameError:\n    unicode = str\ntry:\n    long\nexcept (NameError, ImportError):\n    pass\ntry:\n    other\nexcept Exception:\n    pass\n',
  'builtins by version': 'print(ExceptionGroup, aiter, anext, EncodingWarning, PythonFinalizationError)\n',
  'module dunders':
    'print(__file__, __name__, __doc__, __builtins__, __spec__, __path__, __dict__, __annotations__, __cached__)\n',
  'class dunders':
    'class A:\n    print(__module__, __qualname__)\n    def m(self):\n        return __class__, __module__\n',
  'string annotations':
    'def f(x: "Later", y: "list[Missing]", z: "not an expression") -> "Later":\n    pass\nclass Later: pass\n',
  'string annotations in locals': 'def f():\n    x: "Nope" = 1\n    return x\n',
  'future annotations':
    'from __future__ import annotations\ndef f(x: Later, y: Missing) -> Later:\n    return x\nclass Later: pass\nv: Missing2 = 1\n',
  'annotations evaluated eagerly': 'def f(x: Later) -> None:\n    pass\nclass Later: pass\n',
  'typing generics outside annotations':
    'from typing import Optional, cast\nX = Optional["Later"]\nY = cast("Missing", 1)\nZ = d["nope"]\nclass Later: pass\n',
  'Literal strings are not names':
    'from typing import Literal, Annotated\nX = Literal["nope"]\ndef f(a: Literal["nope"], b: Annotated[int, "meta data"]): pass\n',
  'star import': 'from os import *\nprint(anything)\ndel something\n',
  'global declared in a function':
    'def f():\n    global G\n    G = 1\ndef g():\n    return G\nprint(H)\ndef h():\n    global H\n',
  'annotation only': 'x: int\nprint(x)\ndef f():\n    y: int\n    print(y)\n',
  'type parameters':
    'def f[T](x: T) -> T:\n    return x\nclass C[K, V]:\n    def m(self, k: K) -> V: ...\ntype Alias[X] = list[X]\n',
  'no_type_check does not silence':
    'from typing import no_type_check\n@no_type_check\ndef f(x: "Nope") -> None:\n    return missing\n',
  'lambda defaults and bodies': 'f = lambda a, b=c: a + b + d\nc = 1\nd = 2\n',
  'decorators and defaults run now': '@deco\ndef f(x=default):\n    pass\ndeco = default = 1\n',
  'conditional imports':
    'try:\n    import json\nexcept ImportError:\n    json = None\nif c:\n    from a import b\nprint(json, b)\n',
  'walrus in comprehension binds outside': 'def f():\n    [y := 1 for _ in range(3)]\n    return y\n',
  'keyword and attribute names are not reads': 'f(a=1).b\nx.y = 2\n',
  'match patterns':
    'match p:\n    case Point(x=0, y=yy):\n        print(yy)\n    case Color.RED:\n        pass\n    case {"k": v, **rest}:\n        print(v, rest)\n',
  'nonlocal of an annotation':
    'def f():\n    x: int\n    def g():\n        nonlocal x\n        x = 1\n    g()\n    return x\n',
  'global at module level is nothing': 'global Q\ndef f():\n    return Q\n',
  'except unbinding restores an outer name':
    'import e\ndef f():\n    try:\n        pass\n    except E as e:\n        pass\n    return e\n',
  'reads in class bases and keywords': 'class A(Base, metaclass=Meta):\n    pass\n',
  'f-strings': 'print(f"{a} {b!r:>{width}}")\n',
  'global without assignment':
    'A = B = C = D = E = F = G = H = 0\ndef f():\n    global A, B, C, D, E, F, G, H\n    print(A)\n    B += 1\n    for C in x: pass\n    import D\n    del E\n    if c:\n        del F\n    G: int\n    def h():\n        H = 1\nclass K:\n    global A\nglobal Z\n',
  'redefined imports':
    'import os\nimport os\nimport a.b\nimport a.b\nimport a.c\nfrom m import x\nfrom m import x as x\nimport json\nprint(json)\nimport json\n',
  'redefined functions and classes':
    'def f(): pass\ndef f(): pass\nclass A:\n    def m(self): pass\n    def m(self): pass\n    x = 1\n    x = 2\nclass A: pass\n',
  overloads:
    'from typing import overload\n@overload\ndef f(x: int) -> int: ...\n@overload\ndef f(x: str) -> str: ...\ndef f(x): return x\n',
  branches:
    'try:\n    import json\nexcept ImportError:\n    json = None\nif c:\n    def g(): pass\nelse:\n    def g(): pass\nimport re\nif c:\n    import re\nwith x:\n    import sys\nimport sys\n',
  'annotated assignments twice': 'x: int = 1\nx: int = 2\ny: int\ny: int = 1\nz = 1\nz: int = 2\n',
  'locals hiding unused imports':
    'import os\nimport sys\nimport re\ndef f(os):\n    sys = 1\n    for re in x: pass\n    return sys\nclass C:\n    os = 1\n',
  'function reads count wherever they are': 'import os\ndef f():\n    return os\nimport os\n',
  'type checking twins':
    'from typing import TYPE_CHECKING\nimport a\nif TYPE_CHECKING:\n    import a\n    import b\nimport b\n',
  'dummies and loop variables': 'def _(): pass\ndef _(): pass\nimport os\nfor os in x: pass\n',
  'nested functions':
    'def outer():\n    import os\n    def inner():\n        os = 1\n        return os\n    return inner\n',
  'del between': 'import os\ndel os\nimport os\nprint(os)\n',
  'global twice': 'X = 0\ndef f():\n    global X\n    global X\n    return X\n',
};

describe('F811, F821, F841 and PLW0602 match Ruff on snippets', () => {
  for (const [name, source] of Object.entries(BINDING_SNIPPETS)) {
    it(name, async () => {
      expect(await ourSnippetFindings(source, CODES)).toEqual(ruffSnippetFindings(source, CODES));
    });
  }
});
