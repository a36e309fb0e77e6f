/**
 * The type-hint fixes carry edits outside their unit (import removal and insertion). After edits
 * elsewhere in the document, the cached analysis must give exactly what a fresh analysis gives.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import type { FileInfo } from '../server/src/engine/types';
import { allRules } from '../server/src/rules/registry';
import { analyzeParsed, getParser } from './helpers/analyze';

const CODES = ['ANN001', 'ANN201', 'UP045', 'UP006', 'PCV201'];
const config = makeEngineConfig({ enabled: CODES });
const file: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };

const BASE = [
  '"""Module."""',
  'from typing import List, Optional',
  '',
  'def first(a: Optional[int]) -> None: ...',
  '',
  'def second(x=None):',
  '    return 1',
  '',
  'class Store:',
  '    items = []',
  '',
  'def third(b: List[int]) -> None: ...',
  '',
].join('\n');

const EDITS: Array<[string, (s: string) => string]> = [
  ['lines added above the imports', (s) => `# header\n\n${s}`],
  ['a line added between two functions', (s) => s.replace('def second', 'X = 1\n\ndef second')],
  ['a second use of Optional', (s) => `${s}def fourth(c: Optional[str]) -> None: ...\n`],
  [
    'the imports rewritten',
    (s) =>
      s.replace('from typing import List, Optional', 'import os\nfrom typing import List, Optional, Any'),
  ],
  ['the docstring grown', (s) => s.replace('"""Module."""', '"""Module.\n\nMore.\n"""')],
];

async function run(source: string, previous?: ReturnType<typeof analyze>['cache']) {
  return analyzeParsed(await getParser(), source, { config, file }, previous);
}

describe('type-hint fixes under incremental analysis', () => {
  for (const [name, edit] of EDITS) {
    it(`matches a fresh analysis after ${name}`, async () => {
      const before = await run(BASE);
      const after = edit(BASE);
      const incremental = await run(after, before.cache);
      const fresh = await run(after);
      expect(incremental.diagnostics).toEqual(fresh.diagnostics);
      expect(fresh.diagnostics.some((d) => d.fix && d.fix.edits.length > 1)).toBe(true);
    });
  }
});

describe('a late `from __future__ import annotations` under incremental analysis', () => {
  const py38 = makeEngineConfig({ enabled: CODES, targetVersion: [3, 8] });
  const LATE = [
    'from typing import List, Optional',
    'def f(a: Optional[int]) -> None: ...',
    'from __future__ import annotations',
    'def f(a: Optional[int]) -> None: ...',
    '',
  ].join('\n');
  const LATE_EDITS: Array<[string, (s: string) => string]> = [
    [
      'the import moved to the top',
      (s) => `from __future__ import annotations\n${s.replace('from __future__ import annotations\n', '')}`,
    ],
    [
      'a function added before the import',
      (s) => s.replace('from __future__', 'def g(b: List[int]) -> None: ...\nfrom __future__'),
    ],
    ['the import removed', (s) => s.replace('from __future__ import annotations\n', '')],
    // The facts stay as they were: the same text on the two sides of the import shares one result by key.
    ['a comment added at the end', (s) => `${s}# end\n`],
    // The facts change, in reads the functions made none of (a new module-level name; the import's
    // offset, in the fingerprint): the shared result must still be checked against each side's view.
    ['a module-level name added at the end', (s) => `${s}x = 1\n`],
    ['a comment added at the start', (s) => `# start\n${s}`],
  ];

  async function run38(source: string, previous?: ReturnType<typeof analyze>['cache']) {
    const parser = await getParser();
    const tree = parser.parse(source);
    if (!tree) throw new Error('parse failed');
    try {
      return analyze({ rules: allRules, source, tree, config: py38, file }, previous);
    } finally {
      tree.delete();
    }
  }

  it('applies from where it stands, to the same text before and after it', async () => {
    const result = await run38(LATE);
    expect(result.diagnostics.filter((d) => d.code === 'UP045').map((d) => d.range.start.line)).toEqual([3]);
  });

  for (const [name, edit] of LATE_EDITS) {
    it(`matches a fresh analysis after ${name}`, async () => {
      const before = await run38(LATE);
      const after = edit(LATE);
      const incremental = await run38(after, before.cache);
      const fresh = await run38(after);
      expect(incremental.diagnostics).toEqual(fresh.diagnostics);
    });
  }
});
