import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { type AnalysisCache, analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import type { FileInfo } from '../server/src/engine/types';
import { parsePython } from '../server/src/parser/python';
import { allRules } from '../server/src/rules/registry';
import { formatRange, getParser } from './helpers/analyze';

let parser: Parser;
const FILE: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };
// N801 is a unit rule; D100 (missing module docstring) a file-level one.
const config = makeEngineConfig({ enabled: ['N801', 'D100'] });
const SOURCE = 'class a:\n    pass\n\n\nclass b:\n    pass\n\n\nclass c:\n    pass\n';

beforeAll(async () => {
  parser = await getParser();
});

function run(deadline: number | undefined, cache?: AnalysisCache) {
  const tree = parsePython(parser, SOURCE);
  if (!tree) throw new Error('no tree');
  try {
    const result = analyze({ rules: allRules, source: SOURCE, tree, config, file: FILE, deadline }, cache);
    return { ...result, brief: result.diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`) };
  } finally {
    tree.delete();
  }
}

describe('the analysis time budget', () => {
  it('analyses one unit past the deadline, skips file rules and says the result is partial', () => {
    const first = run(0);
    expect(first.partial).toBe(true);
    expect(first.brief).toEqual(['N801 0:6-0:7']);
  });

  it('completes in steps when called again with the cache, then equals a run without a deadline', () => {
    const steps: string[][] = [];
    let result = run(0);
    steps.push(result.brief);
    while (result.partial) {
      result = run(0, result.cache);
      steps.push(result.brief);
    }
    // The file rules (D100), of unknown cost, start a call of their own once every unit is analysed.
    expect(steps).toEqual([
      ['N801 0:6-0:7'],
      ['N801 0:6-0:7', 'N801 4:6-4:7'],
      ['N801 0:6-0:7', 'N801 4:6-4:7', 'N801 8:6-8:7'],
      ['D100 0:0-0:0', 'N801 0:6-0:7', 'N801 4:6-4:7', 'N801 8:6-8:7'],
    ]);
    const unbounded = run(undefined);
    expect([unbounded.partial, unbounded.brief]).toEqual([false, steps[3]]);
    // However far the deadline, file rules of unknown cost wait for the next call.
    const generous = run(performance.now() + 60_000);
    expect([generous.partial, generous.unitsComplete]).toEqual([true, true]);
    expect(run(performance.now() + 60_000, generous.cache).partial).toBe(false);
  });

  it('says every unit is analysed when only the file rules are left, and runs them where their cost fits', () => {
    let result = run(0);
    while (!result.unitsComplete) result = run(0, result.cache);
    expect(result.partial).toBe(true);
    expect(result.cache.statements?.length).toBe(3);
    const done = run(0, result.cache);
    expect([done.partial, done.unitsComplete]).toEqual([false, true]);
    // Their cost now known and within the deadline: the call that analyses a unit runs them too.
    const edited = run(performance.now() + 60_000, { ...done.cache, units: new Map() });
    expect([edited.partial, edited.brief]).toEqual([false, done.brief]);
  });
});
