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

describe('an analysis in slices of one tree', () => {
  // F401 is a file rule reading every statement (the use of `os` is in the last one).
  const sliced = makeEngineConfig({ enabled: ['N801', 'D100', 'F401'] });
  const TEXT = 'import os\nimport sys\n\n\nclass a:\n    pass\n\n\ndef f():\n    return os.sep\n';
  const EDITED = TEXT.replace('os.sep', 'sys.path');

  function analyzeText(text: string, tree: ReturnType<typeof parsePython>, cache?: AnalysisCache) {
    if (!tree) throw new Error('no tree');
    return analyze({ rules: allRules, source: text, tree, config: sliced, file: FILE, deadline: 0 }, cache);
  }

  function fresh(text: string): string[] {
    const tree = parsePython(parser, text);
    if (!tree) throw new Error('no tree');
    try {
      const result = analyze({ rules: allRules, source: text, tree, config: sliced, file: FILE });
      return result.diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`);
    } finally {
      tree.delete();
    }
  }

  it('carries its work from slice to slice, lets go of it once complete, and equals a whole analysis', () => {
    const tree = parsePython(parser, TEXT);
    try {
      let result = analyzeText(TEXT, tree);
      let slices = 1;
      while (result.partial) {
        expect(result.cache.continuation).toBeDefined();
        result = analyzeText(TEXT, tree, result.cache);
        slices++;
      }
      expect(slices).toBeGreaterThan(2);
      expect(result.cache.continuation).toBeUndefined();
      expect(result.diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`)).toEqual(fresh(TEXT));
    } finally {
      tree?.delete();
    }
  });

  it('runs one file rule, or one statement of its preparation, a call past the deadline', () => {
    const tree = parsePython(parser, TEXT);
    try {
      let result = analyzeText(TEXT, tree);
      while (!result.unitsComplete) result = analyzeText(TEXT, tree, result.cache);
      // Every unit analysed, the file rules left: D100 takes a call; F401 (see `FileRule.prepare`) at
      // least one to prepare its four statements (as long as the call took before, at least one a
      // call), then one for its check.
      const calls: ReturnType<typeof analyzeText>[] = [];
      for (let step = result; step.partial; ) {
        step = analyzeText(TEXT, tree, step.cache);
        calls.push(step);
      }
      expect(calls.length).toBeGreaterThanOrEqual(3);
      expect(calls.length).toBeLessThanOrEqual(6);
      expect(calls.map((call) => [call.partial, call.unitsComplete])).toEqual([
        ...Array.from({ length: calls.length - 1 }, () => [true, true]),
        [false, true],
      ]);
      // Until the last, each shows the statements' diagnostics, as the call that analysed them did.
      const shown = (call: ReturnType<typeof analyzeText>) =>
        call.diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`);
      for (const call of calls.slice(0, -1)) expect(shown(call)).toEqual(shown(result));
      const brief = calls[calls.length - 1].diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`);
      expect(brief).toEqual(fresh(TEXT));
      // The cache of a call between is not changed by the one that went on from it.
      let again = analyzeText(TEXT, tree, calls[0].cache);
      while (again.partial) again = analyzeText(TEXT, tree, again.cache);
      expect(again.diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`)).toEqual(brief);
    } finally {
      tree?.delete();
    }
  });

  it('starts afresh on another tree of another text, and equals its whole analysis', () => {
    const tree = parsePython(parser, TEXT);
    const edited = parsePython(parser, EDITED);
    try {
      let result = analyzeText(TEXT, tree);
      result = analyzeText(TEXT, tree, result.cache);
      expect(result.partial).toBe(true);
      do result = analyzeText(EDITED, edited, result.cache);
      while (result.partial);
      const brief = result.diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`);
      expect(brief).toEqual(fresh(EDITED));
      expect(brief).toContain('F401 0:7-0:9');
    } finally {
      tree?.delete();
      edited?.delete();
    }
  });
});
