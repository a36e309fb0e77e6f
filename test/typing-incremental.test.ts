/**
 * The type-hint fixes carry edits outside their unit (import removal and insertion). After edits
 * elsewhere in the document, the cached analysis must give exactly what a fresh analysis gives.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import type { FileInfo } from '../server/src/engine/types';
import { allRules } from '../server/src/rules/registry';
import { getParser } from './helpers/analyze';

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
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    return analyze({ rules: allRules, source, tree, config, file }, previous);
  } finally {
    tree.delete();
  }
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
