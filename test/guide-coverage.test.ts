/**
 * Issue 19, section 4: each statically checkable convention of each guide, as a violating file and a
 * compliant twin, checked under the guide's preset. Conventions with a rule must be covered (the
 * violation flagged with the convention's code, the twin without any finding); conventions that wait
 * for a rule of issue 19 section 3 are measured and reported, not asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { getParser } from './helpers/analyze';
import { checkPair, GUIDE_CONVENTIONS, GUIDE_PAIRS } from './helpers/guide-pairs';

const PRESETS = path.resolve(__dirname, '../examples/configs');

let parser: Parser;
beforeAll(async () => {
  parser = await getParser();
});

describe('guide coverage: violation flagged, compliant twin quiet, under each preset', () => {
  for (const [guide, conventions] of Object.entries(GUIDE_CONVENTIONS)) {
    const pyproject = () => readFileSync(path.join(PRESETS, guide, 'pyproject.toml'), 'utf8');
    for (const convention of conventions) {
      if (!('codes' in convention)) continue;
      it(`${guide} ${convention.name} (${convention.codes.join(', ')})`, () => {
        const result = checkPair(guide, convention.name, pyproject(), parser);
        expect(result.bad.filter((code) => convention.codes.includes(code)).length).toBeGreaterThan(0);
        expect(result.good).toEqual([]);
      });
    }
    it(`${guide}: a pair for each convention listed, and only those`, () => {
      const onDisk = readdirSync(path.join(GUIDE_PAIRS, guide)).sort();
      expect(onDisk).toEqual(conventions.map((c) => c.name).sort());
    });
  }
});
