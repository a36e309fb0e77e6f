import { describe, expect, it } from 'vitest';
import { type CheckOptions, check, flagged } from '../helpers/analyze';
import { applyFix } from '../helpers/apply-fix';

async function organized(source: string, opts: CheckOptions = {}): Promise<string> {
  const diagnostics = await check(source, ['I001'], opts);
  let result = source;
  // Blocks do not overlap; apply from the last one so earlier offsets stay valid.
  for (const d of [...diagnostics].reverse()) {
    if (!d.fix) throw new Error('no fix');
    result = applyFix(result, d.fix);
  }
  return result;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('I001 unsorted-imports', () => {
  it('flags an unsorted block with the block range and sorts it into sections', async () => {
    const source = lines(
      'import numpy as np',
      'import os',
      'from setu.logger import init_logger',
      'import logging',
      '',
      'x = 1',
    );
    expect(await flagged(source, 'I001')).toEqual(['I001 0:0-3:14']);
    expect(await organized(source, { options: { isort: { 'known-first-party': ['setu'] } } })).toBe(
      lines(
        'import logging',
        'import os',
        '',
        'import numpy as np',
        '',
        'from setu.logger import init_logger',
        '',
        'x = 1',
      ),
    );
  });

  it('accepts a sorted block, and blank lines after it as Ruff wants them', async () => {
    const source = lines(
      'from __future__ import annotations',
      '',
      'import os',
      'import sys',
      '',
      'import numpy as np',
      '',
      '',
      'def f():',
      '    pass',
    );
    expect(await flagged(source, 'I001')).toEqual([]);
  });

  it('wants two blank lines before a definition and one before other code', async () => {
    expect(await organized(lines('import os', 'def f():', '    pass'))).toBe(
      lines('import os', '', '', 'def f():', '    pass'),
    );
    expect(await organized(lines('import os', '', '', '', 'x = 1'))).toBe(lines('import os', '', 'x = 1'));
    expect(
      await organized(lines('import os', 'x = 1'), { options: { isort: { 'lines-after-imports': 2 } } }),
    ).toBe(lines('import os', '', '', 'x = 1'));
  });

  it('puts guide 001 native bindings in their own section between third party and first party', async () => {
    const options = {
      isort: {
        'known-first-party': ['setu'],
        sections: { native: ['setu._native'] },
        'section-order': [
          'future',
          'standard-library',
          'third-party',
          'native',
          'first-party',
          'local-folder',
        ],
      },
    };
    const source = lines(
      'from setu.logger import init_logger',
      'from setu._native.core.configs import ModelConfig as ModelConfig_C',
      'import torch',
      'import time',
    );
    expect(await organized(source, { options })).toBe(
      lines(
        'import time',
        '',
        'import torch',
        '',
        'from setu._native.core.configs import ModelConfig as ModelConfig_C',
        '',
        'from setu.logger import init_logger',
      ),
    );
  });

  it('sorts members by type (CONSTANT, Class, function), merges same-module imports and splits `import a, b`', async () => {
    const source = lines('from a import func, Klass, CONST', 'import sys, os', 'from a import other');
    expect(await organized(source)).toBe(
      lines('import os', 'import sys', '', 'from a import CONST, Klass, func, other'),
    );
  });

  it('wraps a from-import longer than 88 columns, and keeps a magic trailing comma wrapped', async () => {
    const long = 'from package.module import alpha_function, beta_function, gamma_function, delta_function_x';
    expect(await flagged(lines(long), 'I001')).toEqual(['I001 0:0-0:90']);
    expect(await organized(lines(long))).toBe(
      lines(
        'from package.module import (',
        '    alpha_function,',
        '    beta_function,',
        '    delta_function_x,',
        '    gamma_function,',
        ')',
      ),
    );
    expect(await flagged(lines('from a import (', '    b,', ')'), 'I001')).toEqual([]);
    expect(await organized(lines('from a import (b)'))).toBe(lines('from a import b'));
  });

  it('keeps comments with their imports', async () => {
    const source = lines(
      'import sys  # why sys',
      '# about os',
      'import os',
      'from x import (  # head',
      '    b,  # bee',
      '    a,',
      ')',
    );
    expect(await organized(source)).toBe(
      lines(
        '# about os',
        'import os',
        'import sys  # why sys',
        '',
        'from x import (  # head',
        '    a,',
        '    b,  # bee',
        ')',
      ),
    );
  });

  it('checks blocks inside functions and TYPE_CHECKING bodies on their own, with their indentation', async () => {
    const source = lines(
      'from typing import TYPE_CHECKING',
      '',
      'if TYPE_CHECKING:',
      '    import sys',
      '    import os',
      '',
      'def f():',
      '    import b',
      '    import a',
      '    return a, b',
    );
    expect(await flagged(source, 'I001')).toEqual(['I001 3:4-4:13', 'I001 7:4-8:12']);
    expect(await organized(source)).toBe(
      lines(
        'from typing import TYPE_CHECKING',
        '',
        'if TYPE_CHECKING:',
        '    import os',
        '    import sys',
        '',
        'def f():',
        '    import a',
        '    import b',
        '    return a, b',
      ),
    );
  });

  it('honours isort action comments', async () => {
    expect(await flagged(lines('import sys', '', 'import os  # isort: skip'), 'I001')).toEqual([]);
    expect(await flagged(lines('import sys', '', '# isort: split', 'import os'), 'I001')).toEqual([]);
    expect(
      await flagged(
        lines('# isort: off', 'import sys', 'import os', '# isort: on', 'import b', 'import a'),
        'I001',
      ),
    ).toEqual(['I001 4:0-5:8']);
    expect(await flagged(lines('# isort: skip_file', 'import sys', 'import os'), 'I001')).toEqual([]);
  });

  it('reports without a fix when the block shares a line with other code', async () => {
    const [diagnostic] = await check(lines('import sys; import os; x = 1'), ['I001']);
    expect(diagnostic.fix).toBeNull();
  });

  it('applies force-sort-within-sections, force-single-line, combine-as-imports and case-sensitive', async () => {
    const source = lines('from os import path', 'import os.path as osp', 'from os import sep as S, getcwd');
    expect(await organized(source, { options: { isort: { 'force-sort-within-sections': true } } })).toBe(
      lines('from os import getcwd, path', 'from os import sep as S', 'import os.path as osp'),
    );
    expect(await organized(source, { options: { isort: { 'force-single-line': true } } })).toBe(
      lines(
        'import os.path as osp',
        'from os import getcwd',
        'from os import path',
        'from os import sep as S',
      ),
    );
    expect(await organized(source, { options: { isort: { 'combine-as-imports': true } } })).toBe(
      lines('import os.path as osp', 'from os import getcwd, path, sep as S'),
    );
    expect(
      await organized(lines('import a', 'import B'), { options: { isort: { 'case-sensitive': true } } }),
    ).toBe(lines('import B', 'import a'));
    expect(await flagged(lines('import a', 'import B'), 'I001')).toEqual([]);
  });

  it('classifies by target version and by known-* options', async () => {
    const source = lines('import os', 'import tomllib');
    expect(await flagged(source, 'I001', { targetVersion: 'py311' })).toEqual([]);
    expect(await organized(source, { targetVersion: 'py310' })).toBe(
      lines('import os', '', 'import tomllib'),
    );
    const opts = { options: { isort: { 'extra-standard-library': ['tomllib'] } }, targetVersion: 'py310' };
    expect(await flagged(source, 'I001', opts)).toEqual([]);
    expect(
      await organized(lines('import os', 'import mylib'), {
        options: { isort: { 'known-local-folder': ['mylib'] } },
      }),
    ).toBe(lines('import os', '', 'import mylib'));
  });

  it("treats the file's own top-level package as first party", async () => {
    const source = lines('import numpy', 'import setu.core');
    expect(await organized(source, { file: { path: 'src/setu/engine/run.py' } })).toBe(
      lines('import numpy', '', 'import setu.core'),
    );
    expect(await flagged(source, 'I001', { file: { path: 'tools/run.py' } })).toEqual([]);
    const off = { file: { path: 'setu/run.py' }, options: { isort: { 'detect-same-package': false } } };
    expect(await flagged(source, 'I001', off)).toEqual([]);
  });

  it('wants one blank line after imports in stubs, even before a class', async () => {
    const stub = { file: { isStub: true } };
    expect(await organized(lines('import os', '', '', 'class A: ...'), stub)).toBe(
      lines('import os', '', 'class A: ...'),
    );
    expect(await flagged(lines('import os', '', 'def f() -> None: ...'), 'I001', stub)).toEqual([]);
  });

  it('keeps CRLF line endings and honours noqa', async () => {
    expect(await organized('import sys\r\nimport os\r\n')).toBe('import os\r\nimport sys\r\n');
    expect(await flagged(lines('import sys  # noqa: I001', 'import os'), 'I001')).toEqual([]);
  });

  it('reports nothing inside code the parser could not read', async () => {
    expect(await flagged(lines('def broken(:', '    import sys', '    import os'), 'I001')).toEqual([]);
  });

  it('leaves a block with Python 3.15 lazy imports (unparsed by tree-sitter) unchecked', async () => {
    const source = [
      'import b',
      'import a',
      'lazy from math import pi',
      'lazy import os',
      'import sys',
      '',
      'x = 1',
      'import d',
      'import c',
      '',
    ].join('\n');
    expect(await flagged(source, 'I001')).toEqual(['I001 7:0-8:8']);
  });
});
