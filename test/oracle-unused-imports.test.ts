/**
 * Keeps F401 (unused imports) in agreement with Ruff without the corpus: both engines check the
 * same snippets (Ruff in preview, as `npm run oracle` runs it) and must report the same findings,
 * messages and fix edits, character for character.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from './helpers/analyze';

interface RuffEdit {
  location: { row: number; column: number };
  end_location: { row: number; column: number };
  content: string | null;
}

interface RuffDiagnostic {
  code: string;
  message: string;
  start_location: { row: number; column: number };
  end_location: { row: number; column: number };
  fix: { edits: RuffEdit[] } | null;
}

interface RuffModule {
  Workspace: new (
    settings: unknown,
    encoding: number,
  ) => { check(source: string): RuffDiagnostic[]; free(): void };
  PositionEncoding: { Utf16: number };
}

const ruff = createRequire(path.join(process.cwd(), 'package.json'))(
  '@astral-sh/ruff-wasm-nodejs',
) as RuffModule;

function ruffFindings(source: string): string[] {
  const workspace = new ruff.Workspace(
    { 'target-version': 'py310', lint: { select: ['F401'], preview: true } },
    ruff.PositionEncoding.Utf16,
  );
  try {
    return workspace
      .check(source)
      .map((d) => {
        const at = `${d.start_location.row - 1}:${d.start_location.column - 1}-${d.end_location.row - 1}:${d.end_location.column - 1} ${d.message}`;
        const edits = (d.fix?.edits ?? []).map(
          (e) =>
            `${e.location.row - 1}:${e.location.column - 1}-${e.end_location.row - 1}:${e.end_location.column - 1}=${JSON.stringify(e.content ?? '')}`,
        );
        return `${at} ${edits.join(' ')}`;
      })
      .sort();
  } finally {
    workspace.free();
  }
}

async function ourFindings(source: string): Promise<string[]> {
  const diagnostics = await check(source, ['F401']);
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      const at = `${start.line}:${start.character}-${end.line}:${end.character} ${d.message}`;
      const edits = (d.fix?.edits ?? []).map(
        (e) =>
          `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${JSON.stringify(e.newText)}`,
      );
      return `${at} ${edits.join(' ')}`;
    })
    .sort();
}

const SNIPPETS: Record<string, string> = {
  plain: 'import os\n',
  'plain without newline': 'import os',
  'one of two': 'import os, sys\nprint(sys)\n',
  'aliased and re-exports':
    'import numpy as np\nimport x as x\nfrom m import y as y\nfrom __future__ import annotations\n',
  'from with comment': 'import os  # comment\nx = 1\n',
  'parenthesised one per line': 'from a import (\n    b,\n    c,\n)\nc\n',
  'parenthesised with comments': 'from a import (\n    b,  # one\n    c,  # two\n)\nc\n',
  'parenthesised packed': 'from a import (b,  # c\n    c as d,\n    e)\nprint(e)\n',
  'from, one of two': 'from a import b, c\nc\n',
  relative: 'from . import x\nfrom .m import y as z\n',
  semicolons: 'import os; x = 1\ny = 2; import sys\n',
  'alone in block': 'if c:\n    import os\n',
  'in a function': 'def f():\n    import os\n    return 1\n',
  'in a class': 'class A:\n    import os\n',
  'guarded by ImportError': 'try:\n    import foo\nexcept ImportError:\n    pass\n',
  'replaced in handler': 'try:\n    import foo\nexcept ImportError:\n    foo = None\n',
  'type checking and string annotations':
    'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a import B\n    import os\n    from c import D\ndef f(x: "B", y: "list[os.PathLike]") -> None: pass\n',
  'replaced by assignment': 'import os\nos = 1\nprint(os)\n',
  'read before import': 'print(os)\nimport os\n',
  del: 'import os\ndel os\n',
  'nested uses':
    'import os\nimport re\ndef f():\n    import sys\n    global os\n    return [sys for _ in os]\nclass C:\n    x = lambda: re\n',
  'shadowed by a local': 'from x import y\ndef f():\n    y = 1\n    return y\n',
  'docstrings are not uses':
    '"""\n>>> import os\n"""\nimport os\nimport sys\n__all__ = ["os"]\n__all__ += ["sys"]\n',
  submodules:
    'import a\nimport a.b\nimport c.d\nimport c.e\nimport g\nimport g.h\na.x\nc.d.x\ndef f():\n    g.h.y\n',
  'dotted import used': 'import os.path\nos.getcwd()\n',
  'class body reads before binding': 'import json\nclass A:\n    j = json\n    def json(self): pass\n',
  'blank lines and comments kept': 'import os\n\n# about sys\nimport sys\n\nx = 1\n',
  'strings in typing generics outside annotations':
    'import typing as t\nfrom typing import Optional\nfrom a import A, B, C, D, E\nX = t.Union["A", int]\nY = Optional["B"]\nZ = list["C"]\n',
  'strings in Literal and Annotated metadata are not uses':
    'from typing import Annotated, Literal\nfrom a import A, B, C\nX = Literal["A"]\nY = Annotated["B", "C"]\n',
  'strings in other subscripts and calls are not uses': 'from a import A, B\nX = d["A"]\nY = f("B")\n',
};

describe('F401 matches Ruff on snippets', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, async () => {
      expect(await ourFindings(source)).toEqual(ruffFindings(source));
    });
  }
});
