/**
 * Keeps F401 (unused imports) in agreement with Ruff without the corpus: both engines check the
 * same snippets (Ruff in preview, as `npm run oracle` runs it) and must report the same findings,
 * messages and fix edits, character for character.
 */
import { describe, expect, it } from 'vitest';
import { ourSnippetFindings, ruffSnippetFindings } from './helpers/ruff-snippets';

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
      expect(await ourSnippetFindings(source, ['F401'])).toEqual(ruffSnippetFindings(source, ['F401']));
    });
  }
});
