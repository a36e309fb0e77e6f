/**
 * Keeps the import rules in agreement with Ruff without the corpus: both engines check the same
 * snippets under several configurations and must report the same findings, and for I001 and I002
 * the same fix edits, character for character. Also checks the standard-library list against
 * Ruff's categorisation for every supported Python version.
 */
import { describe, expect, it } from 'vitest';
import { isStandardLibrary } from '../server/src/rules/imports/stdlib';
import stdlibData from '../server/src/rules/imports/stdlib-modules.json';
import { check } from './helpers/analyze';
import { ruff } from './helpers/ruff-snippets';

const CODES = ['I001', 'I002', 'F403', 'TID252', 'TID251'];
const WITH_FIX_TEXT = new Set(['I001', 'I002']);

type Options = Record<string, Record<string, unknown>>;

function ruffFindings(source: string, options: Options, target = 'py310'): string[] {
  const workspace = new ruff.Workspace(
    { 'target-version': target, lint: { select: CODES, ...options } },
    ruff.PositionEncoding.Utf16,
  );
  try {
    return workspace
      .check(source)
      .map((d) => {
        const at = `${d.code} ${d.start_location.row - 1}:${d.start_location.column - 1} ${d.message}`;
        if (!WITH_FIX_TEXT.has(d.code)) return at;
        const edits = (d.fix?.edits ?? []).map(
          (e) =>
            `${e.location.row - 1}:${e.location.column - 1}-${e.end_location.row - 1}:${e.end_location.column - 1}=${JSON.stringify(e.content)}`,
        );
        return `${at} ${edits.join(' ')}`;
      })
      .sort();
  } finally {
    workspace.free();
  }
}

async function ourFindings(source: string, options: Options, target = 'py310'): Promise<string[]> {
  const diagnostics = await check(source, CODES, { options, targetVersion: target });
  return diagnostics
    .map((d) => {
      const at = `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`;
      if (!WITH_FIX_TEXT.has(d.code)) return at;
      const edits = (d.fix?.edits ?? []).map(
        (e) =>
          `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${JSON.stringify(e.newText)}`,
      );
      return `${at} ${edits.join(' ')}`;
    })
    .sort();
}

const SNIPPETS: Record<string, string> = {
  sections: `"""Module."""
from __future__ import annotations
import torch
import os, sys
from setu.logger import init_logger
from setu._native.core.configs import ModelConfig as ModelConfig_C
from . import sibling
from ..parent import thing
import numpy as np
from typing import Dict, List, Optional, Tuple, Union
import logging
x = 1
`,
  comments: `# leading comment
import sys  # why
# above os
import os
from mod import (  # head
    zeta,  # z
    # above alpha
    alpha,
)  # tail
from mod import beta
def f():
    pass
`,
  nested: `import os
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from b import x
    import a
try:
    import ujson as json
except ImportError:
    import json
class C:
    import zz
    import yy
def g():
    from b import c, a
    import os
    return a
`,
  directives: `import sys
import os  # isort: skip
import b
# isort: split
import a
# isort: off
import z
import y
# isort: on
import q
import p; x = 1
`,
  wrapping: `from package.subpackage.module import first_function, second_function, third_function_name
from a import (
    b,
)
from a import c as d, e
from x import *
from x import y as y
import A.B as ab
from b import a10, a2, A1, CONST, Klass
`,
  tidy: `import time
import billing.internal as bi
from billing import invoices
from time import sleep
from .. import parent
from . import sibling
time.sleep(1)
def f(x: "time.sleep") -> None: ...
`,
  plain: `x = 1
`,
  docstringThenFuture: `"""Doc."""
from __future__ import division
import os
`,
};

const CONFIGS: Record<string, Options> = {
  defaults: {},
  guide001: {
    isort: {
      'known-first-party': ['setu'],
      sections: { native: ['setu._native'] },
      'section-order': ['future', 'standard-library', 'third-party', 'native', 'first-party', 'local-folder'],
    },
    'flake8-tidy-imports': { 'ban-relative-imports': 'all' },
  },
  variants: {
    isort: {
      'force-sort-within-sections': true,
      'combine-as-imports': true,
      'order-by-type': false,
      'case-sensitive': true,
      'lines-after-imports': 2,
      'required-imports': ['from __future__ import annotations', 'import os'],
    },
    'flake8-tidy-imports': {
      'banned-api': { 'time.sleep': { msg: 'no sleeping' }, billing: { msg: 'use the API' } },
    },
  },
  singleLine: {
    isort: {
      'force-single-line': true,
      'known-third-party': ['os'],
      'extra-standard-library': ['torch'],
      'lines-after-imports': 0,
    },
  },
};

describe('import rules agree with Ruff', () => {
  const seen = new Set<string>();
  for (const [configName, options] of Object.entries(CONFIGS)) {
    for (const [name, source] of Object.entries(SNIPPETS)) {
      it(`${name} with ${configName}`, async () => {
        const expected = ruffFindings(source, options);
        for (const finding of expected) seen.add(finding.split(' ')[0]);
        expect(await ourFindings(source, options)).toEqual(expected);
      });
    }
  }

  it('exercised every code', () => {
    expect([...seen].sort()).toEqual([...CODES].sort());
  });

  it('classifies tomllib by target version as Ruff does', async () => {
    const source = 'import os\nimport tomllib\n';
    for (const target of ['py310', 'py311'])
      expect(await ourFindings(source, {}, target)).toEqual(ruffFindings(source, {}, target));
  });
});

describe('the standard-library list', () => {
  it('matches Ruff for every listed module on 3.7, 3.10, 3.12 and 3.14', () => {
    const names = [...stdlibData.names, 'test', 'mypy_extensions', 'typing_extensions', 'six'].filter(
      (n) => n !== 'os',
    );
    for (const minor of [7, 10, 12, 14]) {
      const workspace = new ruff.Workspace(
        { 'target-version': `py3${minor}`, lint: { select: ['I001'] } },
        ruff.PositionEncoding.Utf16,
      );
      try {
        // `import os` then a blank line: Ruff flags the block exactly when the second module is stdlib too.
        const disagree = names.filter(
          (n) => workspace.check(`import os\n\nimport ${n}\n`).length > 0 !== isStandardLibrary(minor, n),
        );
        expect(disagree, `Python 3.${minor}`).toEqual([]);
      } finally {
        workspace.free();
      }
    }
  });
});
