import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D101 undocumented-public-class', () => {
  it('flags public module-level classes, including in if blocks, on the name', async () => {
    const source = ['class Engine:', '    pass', 'if True:', '    class Other: pass', ''].join('\n');
    expect(await flagged(source, 'D101')).toEqual(['D101 0:6-0:12', 'D101 3:10-3:15']);
  });

  it('skips private names, names missing from __all__, documented classes and private modules', async () => {
    const source = [
      '__all__ = ["Listed"]',
      'class Listed: pass',
      'class Unlisted: pass',
      'class _Hidden: pass',
      'class Documented:',
      '    """Doc."""',
      '',
    ].join('\n');
    expect(await flagged(source, 'D101')).toEqual(['D101 1:6-1:12']);
    expect(await flagged('class Engine: pass\n', 'D101', { file: { isPrivateModule: true } })).toEqual([]);
  });

  it('honours __all__ += and list() forms', async () => {
    const source = [
      '__all__ = list(["A"])',
      '__all__ += ("B",)',
      'class A: pass',
      'class B: pass',
      'class C: pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'D101')).toEqual(['D101 2:6-2:7', 'D101 3:6-3:7']);
  });
});

describe('D101 with incremental re-analysis', () => {
  it('re-checks unchanged classes when __all__ changes', async () => {
    const { analyze } = await import('../../server/src/engine/analyze');
    const { makeEngineConfig } = await import('../../server/src/engine/config');
    const { getParser } = await import('../helpers/analyze');
    const { allRules } = await import('../../server/src/rules/registry');
    const parser = await getParser();
    const config = makeEngineConfig({ enabled: ['D101'] });
    const file = { isPackageInit: false, isPrivateModule: false, isStub: false };
    const before = '__all__ = ["A"]\nclass A: pass\nclass B: pass\n';
    const after = '__all__ = ["A", "B"]\nclass A: pass\nclass B: pass\n';
    const tree1 = parser.parse(before)!;
    const first = analyze({ rules: allRules, source: before, tree: tree1, config, file });
    const tree2 = parser.parse(after)!;
    const second = analyze({ rules: allRules, source: after, tree: tree2, config, file }, first.cache);
    expect(first.diagnostics.map((d) => d.range.start.line)).toEqual([1]);
    expect(second.diagnostics.map((d) => d.range.start.line)).toEqual([1, 2]);
    tree1.delete();
    tree2.delete();
  });
});
