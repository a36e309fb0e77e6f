import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../server/src/engine/types';
import { check } from './helpers/analyze';

// Ruff (the wasm build) is the oracle for PLR0913 and SIM102: on each snippet both must report the
// same findings (code, line, column) with the same fix edits (range and text), or both no fix.
// biome-ignore lint/suspicious/noExplicitAny: the wasm package ships loose typings
const ruff: any = require('@astral-sh/ruff-wasm-nodejs');

const CODES = ['PLR0913', 'SIM102'];
const workspace = new ruff.Workspace(
  { 'target-version': 'py310', lint: { select: CODES, preview: false } },
  ruff.PositionEncoding.Utf16,
);

interface RuffLocation {
  row: number;
  column: number;
}

interface RuffDiagnostic {
  code: string | null;
  start_location: RuffLocation;
  fix: { edits: { location: RuffLocation; end_location: RuffLocation; content: string | null }[] } | null;
}

function ruffFindings(source: string): string[] {
  return (workspace.check(source) as RuffDiagnostic[])
    .filter((d) => d.code !== null && CODES.includes(d.code))
    .map((d) => {
      const edits = (d.fix?.edits ?? []).map(
        (e) =>
          `${e.location.row}:${e.location.column}-${e.end_location.row}:${e.end_location.column} ${JSON.stringify(e.content ?? '')}`,
      );
      return `${d.code} ${d.start_location.row}:${d.start_location.column} ${edits.join(' ')}`;
    })
    .sort();
}

function ourEdits(d: Diagnostic): string {
  return (d.fix?.edits ?? [])
    .map(({ range: { start, end }, newText }) => {
      return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${JSON.stringify(newText)}`;
    })
    .join(' ');
}

async function ourFindings(source: string): Promise<string[]> {
  const diagnostics = await check(source, CODES);
  return diagnostics
    .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${ourEdits(d)}`)
    .sort();
}

const SNIPPETS: Record<string, string> = {
  arguments: `
from typing import override, overload
import typing
def f1(a, b, c, d, e): pass
def f2(a, b, c, d, e, f): pass
def f3(a, b, c, d, e, _f): pass
def f4(a, /, b, c, *, d, e, f): pass
def f5(a, b, c, d, e, *args, **kw): pass
class K:
    def m(self, a, b, c, d, e): pass
    def m2(self, a, b, c, d, e, f): pass
    @classmethod
    def c(cls, a, b, c, d, e): pass
    @staticmethod
    def s(a, b, c, d, e, f): pass
    @override
    def o(self, a, b, c, d, e, f): pass
    @overload
    def ov(self, a, b, c, d, e, f): pass
    @typing.overload
    def ov2(self, a, b, c, d, e, f): pass
    def __new__(cls, a, b, c, d, e): pass
    def _(self, _a, __, _b_, a, b, c, d, e): pass
    def dummy(_, a, b, c, d, e): pass
lambda a, b, c, d, e, f: 1
def outer():
    def inner(self, a, b, c, d, e): pass
async def g(a, b, c, d, e, f): pass
class M(type):
    def mm(cls, a, b, c, d, e): pass
`,
  nestedIfs: `
import sys
from typing import TYPE_CHECKING
import typing
if a:
    if b:
        c
if a:
    if b:
        if c:
            d
if a:
    pass
elif b:
    if c:
        d
if a:
    # Unfixable
    if b:
        c
if a:
    if b:
        c
    else:
        d
if __name__ == "__main__":
    if foo():
        pass
if True:
    if a:
        pass
if a:
    if True:
        pass
if a:
    if b:
        pass
else:
    pass
if a:
    x = 1
elif b:
    if c:
        pass
if sys.version_info >= (3, 8):
    if a:
        pass
if TYPE_CHECKING:
    if a:
        pass
if typing.TYPE_CHECKING:
    if a:
        pass
if a or b:
    if c if d else e:  # trailing
        pass
if a:
    if b:
        if c:
            pass
        x = 2
def f():
    if a:
        if (b and
                c):
            y = """
   keep"""
            z = 1
if 0:
    if a:
        pass
if False:
    if a:
        pass
if x == 1:
    if y: pass
while x:
    if a:  # c
        if b:
            pass
if a:
    if b:
        pass
    # comment after
    
x = 1
if a:
    if b:
        pass
elif c:
    pass
if a:
    if b:
        pass
    elif c:
        pass
if "__main__" == __name__:
    if b:
        pass
if __name__ != "__main__":
    if b:
        pass
if (a := 1):
    if lambda: 1:
        pass
if a:
    if bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:
        pass
`,
  deeperNests: `
if a:
    if b:
        if c:
            d
def g():
    if a:
        if b:
            x = (1,
                 2)
            s = """a
    b"""
            # comment
            y = 3
`,
  exclusionsAndComments: `
if a :
    if b :
        pass
if False:
    pass
elif b:
    if c:
        pass
if TYPE_CHECKING:
    if a:
        pass
if x:
    pass
else:
    if a:
        if b or (c and
            d):
            pass
if sys.platform == "x":
    if a:
        pass
import sys as s
if not s.version_info:
    if a:
        pass
if a:
    if b:
        pass
    
    
if a: 
    if b:
        x = f"""
  {y}
"""
for i in x:
    if a:
        if b:
            continue
if __name__ == b"__main__":
    if a: pass
if a:
    if b:
        pass
elif c:
    if d:
        pass
class K:
    if a:
        if b:
            c = 1
if a:
    if b:  # keep
        # inner
        pass
`,
  tabIndentation: `
if a:
	if b:
		pass
		if c:
			if d:
				x = """
	k"""
`,
  twoSpaceIndentation: `
if a:
  if b:
      pass
      if c:
          x = 1
`,
  argumentEdgeCases: `
from typing_extensions import override as ov
import typing as t
class K:
    def nosélf(a, b, c, d, e, f): pass
    @ov
    def o(self, a, b, c, d, e, f): pass
    @t.overload
    def p(self, a, b, c, d, e, f): pass
    @t.override
    def q(self, a, b, c, d, e, f, g): pass
    class Inner:
        @classmethod
        def c(cls, a, b, c, d, e, f): pass
        async def am(self, a, b, c, d, e, f): pass
    if True:
        def cond(self, a, b, c, d, e, f): pass
def f(a: int = 1, b: str = "", *, c, d, e=2, f: int = 3): pass
def g(a, b, c, d, e, /): pass
def h(_, __, _x, a, b, c, d, e): pass
def i(a, b, c, d, e, f_): pass
def j(a, b, c, d, e, *, _f): pass
@staticmethod
def k(a, b, c, d, e, f): pass
def outer():
    class L:
        def m(self, a, b, c, d, e, f): pass
    def n(self, a, b, c, d, e): pass
`,
  nestedIfsInCompoundStatements: `
async def f():
    async with x:
        if a:
            if b:
                await g()
    try:
        if a:
            if b:
                pass
    except E:
        if c:
            if d:
                pass
    match x:
        case 1:
            if a:
                if b:
                    pass
if a := f():
    if b:
        pass
if not a or b:
    if c and (d or e):
        pass
if a:
    if b:  # type: ignore
        pass
if a:
    if b: pass; x = 1
if a:
    if b:
        pass  # trailing
    # dangling
y = 1
`,
  crlfLineEndings:
    'if a:\r\n    if b:\r\n        pass\r\nif (a  # why\r\n        or c):\r\n    if b:\r\n        pass\r\n',
};

describe('oracle: PLR0913 and SIM102 agree with Ruff, fixes included', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, async () => {
      expect(await ourFindings(source)).toEqual(ruffFindings(source));
    });
  }
});
