import { describe, expect, it } from 'vitest';
import { parseRequiredImport } from '../../server/src/rules/imports/I002-missing-required-import';
import { type CheckOptions, check, flagged } from '../helpers/analyze';
import { applyFix } from '../helpers/apply-fix';

const FUTURE = { options: { isort: { 'required-imports': ['from __future__ import annotations'] } } };

async function inserted(source: string, opts: CheckOptions = FUTURE): Promise<string> {
  const [diagnostic] = await check(source, ['I002'], opts);
  if (!diagnostic?.fix) throw new Error('no fix');
  return applyFix(source, diagnostic.fix);
}

describe('I002 missing-required-import', () => {
  it('reports a missing required import at the start of the file', async () => {
    const [d] = await check('import os\n', ['I002'], FUTURE);
    expect(d.message).toBe('Missing required import: `from __future__ import annotations`');
    expect(await flagged('import os\n', 'I002', FUTURE)).toEqual(['I002 0:0-0:0']);
  });

  it('accepts files that have it, docstring-only files, and stubs for __future__', async () => {
    expect(await flagged('from __future__ import annotations\nimport os\n', 'I002', FUTURE)).toEqual([]);
    expect(await flagged('"""Only a docstring."""\n', 'I002', FUTURE)).toEqual([]);
    expect(await flagged('', 'I002', FUTURE)).toEqual([]);
    expect(await flagged('import os\n', 'I002', { ...FUTURE, file: { isStub: true } })).toEqual([]);
    expect(await flagged('import os\n', 'I002')).toEqual([]);
  });

  it('inserts after the docstring, after leading comments, or after other __future__ imports', async () => {
    expect(await inserted('"""Doc."""\nimport os\n')).toBe(
      '"""Doc."""\nfrom __future__ import annotations\nimport os\n',
    );
    expect(await inserted('#!/usr/bin/env python\n# header\n\nimport os\n')).toBe(
      '#!/usr/bin/env python\n# header\n\nfrom __future__ import annotations\nimport os\n',
    );
    expect(await inserted('"""Doc."""\nfrom __future__ import division\nimport os\n')).toBe(
      '"""Doc."""\nfrom __future__ import division\nfrom __future__ import annotations\nimport os\n',
    );
    expect(await inserted('x = 1\n')).toBe('from __future__ import annotations\nx = 1\n');
    expect(await inserted('"""Doc."""; x = 1\n')).toBe(
      '"""Doc."""; from __future__ import annotations; x = 1\n',
    );
  });

  it('checks plain and aliased imports by name and alias', async () => {
    const opts = {
      options: { isort: { 'required-imports': ['import os', 'from typing import Any as Any'] } },
    };
    expect(await flagged('import os\nfrom typing import Any as Any\n', 'I002', opts)).toEqual([]);
    const missing = await check('from typing import Any\nx = 1\n', ['I002'], opts);
    expect(missing.map((d) => d.message).sort()).toEqual([
      'Missing required import: `from typing import Any as Any`',
      'Missing required import: `import os`',
    ]);
  });

  it('parses required-import strings', () => {
    expect(parseRequiredImport('from __future__ import annotations')).toEqual([
      { isFrom: true, level: 0, module: '__future__', name: 'annotations', asname: undefined },
    ]);
    expect(parseRequiredImport('import a.b as c, d')).toEqual([
      { isFrom: false, level: 0, name: 'a.b', asname: 'c' },
      { isFrom: false, level: 0, name: 'd', asname: undefined },
    ]);
    expect(parseRequiredImport('print(1)')).toBeUndefined();
  });
});
