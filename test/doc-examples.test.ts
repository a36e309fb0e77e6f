// Every rule page's examples, checked both ways: the "Example" raises the rule and the
// "Use instead" raises nothing for it.
import { describe, expect, it } from 'vitest';
import { allRuleMetas } from '../server/src/rules/registry';
import { check } from './helpers/analyze';

function example(doc: string, heading: string): string | undefined {
  const section = new RegExp(`## ${heading}\\n+\`\`\`python\\n([\\s\\S]*?)\`\`\``).exec(doc);
  return section?.[1];
}

/**
 * Rules whose examples need more than the file alone: options, the file's path (PCV105, N999, D104),
 * other files, or a body longer than a page shows (PCV601).
 */
const NEEDS_CONTEXT = new Set(['I002', 'TID251', 'TID252', 'D104', 'N999', 'PCV105', 'PCV106', 'PCV601']);
/** Imports that the docs' short examples take for granted. */
const PRELUDE: Record<string, string> = {
  PCV103: 'from typing import Dict\n',
  PCV104: 'from typing import TypeVar\n',
  ANN401: 'from typing import Any\n',
  S113: 'import requests\n',
  S602: 'import subprocess\n',
  S605: 'import os\nimport subprocess\n',
  S607: 'import shutil\nimport subprocess\n',
  ASYNC251: 'import time\n',
  ASYNC210: 'import requests\n',
  ASYNC220: 'import subprocess\n',
  ASYNC221: 'import subprocess\n',
  ASYNC222: 'import os\n',
  PT011: 'import pytest\n',
  PCV401: 'import time\n',
};
/** Options the docs state in words next to the example. */
const OPTIONS: Record<string, Record<string, Record<string, unknown>>> = {
  I001: { isort: { 'known-first-party': ['setu'] } },
  PCV701: { 'pyconv-house': { 'required-keywords': { 'pydantic.Field': ['description'] } } },
  PCV702: { 'pyconv-house': { 'name-patterns': { 'observability.metrics.counter': '^familyos_' } } },
  PCV703: { 'pyconv-house': { 'with-calls': ['observability.trace.start_span'] } },
  PCV704: { 'pyconv-house': { 'required-decorators': { 'pydantic.field_validator': ['classmethod'] } } },
};

describe('rule doc examples', () => {
  for (const meta of allRuleMetas) {
    if (NEEDS_CONTEXT.has(meta.code)) continue;
    const prelude = PRELUDE[meta.code] ?? '';
    const bad = example(meta.doc, 'Example');
    const good = example(meta.doc, 'Use instead');
    if (bad !== undefined) {
      it(`${meta.code}: the example raises it`, async () => {
        expect(
          (await check(prelude + bad, [meta.code], { options: OPTIONS[meta.code] })).length,
        ).toBeGreaterThan(0);
      });
    }
    if (good !== undefined) {
      it(`${meta.code}: "Use instead" raises nothing`, async () => {
        const found = await check(prelude + good, [meta.code], { options: OPTIONS[meta.code] });
        expect(
          found.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`),
        ).toEqual([]);
      });
    }
  }
});
