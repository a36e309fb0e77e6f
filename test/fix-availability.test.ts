/**
 * Every rule whose doc promises a fix attaches one to the doc's own bad example, every rule without
 * a fix attaches none, and the doc's "Fix safety" matches the fix's `safe` flag.
 */
import { describe, expect, it } from 'vitest';
import { allRuleMetas } from '../server/src/rules/registry';
import { resolvedDiagnostics } from './helpers/rename';

function badExample(doc: string): string | undefined {
  const section = /## Example\n+```python\n([\s\S]*?)```/.exec(doc);
  return section?.[1];
}

/** Rules whose example needs more than the file alone (options, other files) to be flagged with a fix. */
const NEEDS_CONTEXT = new Set(['I002', 'TID251', 'TID252', 'D104']);
/** Imports that the docs' short examples take for granted. */
const PRELUDE: Record<string, string> = { PCV103: 'from typing import Dict\n', S113: 'import requests\n' };

describe('fix availability matches the docs', () => {
  for (const meta of allRuleMetas) {
    const example = badExample(meta.doc);
    if (!example || NEEDS_CONTEXT.has(meta.code)) continue;
    it(`${meta.code} (${meta.fix})`, async () => {
      const diagnostics = await resolvedDiagnostics((PRELUDE[meta.code] ?? '') + example, [meta.code]);
      const fixes = diagnostics.map((d) => d.fix).filter((f) => f !== null);
      if (meta.fix === 'none') {
        expect(fixes).toEqual([]);
        return;
      }
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(fixes.length).toBeGreaterThan(0);
      for (const fix of fixes) {
        expect(fix.edits.length > 0 || fix.unavailable !== undefined).toBe(true);
        if (meta.fix === 'safe') expect(fix.safe).toBe(true);
        if (meta.fix === 'unsafe') expect(fix.safe).toBe(false);
      }
    });
  }
});
