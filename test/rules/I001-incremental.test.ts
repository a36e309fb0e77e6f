/**
 * I001 reads each top-level statement once per text (ModuleScan, through `FileContext.memo`): after
 * every edit its findings must equal a fresh analysis, including where a statement's reading
 * depends on the tree around it (the module root, tree-sitter's sibling order, the indentation unit).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { type AnalysisCache, analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { Diagnostic, FileInfo, Node } from '../../server/src/engine/types';
import { parsePython } from '../../server/src/parser/python';
import { ModuleScan } from '../../server/src/rules/imports/isort/module-scan';
import { SourceText } from '../../server/src/rules/imports/isort/text';
import { allRules } from '../../server/src/rules/registry';
import { formatRange, getParser } from '../helpers/analyze';

const config = makeEngineConfig({ enabled: ['I001'] });
const file: FileInfo = { path: 'pkg/module.py', isPackageInit: false, isPrivateModule: false, isStub: false };

let parser: Parser;
beforeAll(async () => {
  parser = await getParser();
});

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** Analyses each text with the previous one's cache; checks it against a fresh analysis; returns the ranges. */
function replay(texts: readonly string[]): string[][] {
  let cache: AnalysisCache | undefined;
  return texts.map((source) => {
    const tree = parsePython(parser, source);
    if (!tree) throw new Error('parse failed');
    try {
      const input = { source, tree, config, file, rules: allRules };
      const incremental = analyze(input, cache);
      cache = incremental.cache;
      expect(incremental.diagnostics).toEqual(analyze(input).diagnostics);
      // Syntax errors (E999) are compared above, not listed: these cases are about I001.
      return incremental.diagnostics.filter((d) => d.code === 'I001').map(describeFinding);
    } finally {
      tree.delete();
    }
  });
}

function describeFinding(d: Diagnostic): string {
  const edit = d.fix?.edits[0];
  return edit ? `${formatRange(d.range)} fix ${formatRange(edit.range)}` : formatRange(d.range);
}

const MODULE = lines(
  'import sys',
  'import os',
  '',
  '# isort: off',
  'import b',
  'import a',
  '# isort: on',
  '',
  '',
  'def f():',
  '    import json',
  '    import abc',
  '',
  '    return json, abc',
  '',
  '',
  'class C:',
  '    def m(self):',
  '        from x import aaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbbbb, ccccccccccccccccccccccccccccc, dd',
  '        return 1',
);

describe('I001 across edits', () => {
  it('follows edits in one statement, directives in another, and the indentation unit', () => {
    const added = MODULE.replace('    import abc\n', '    import abc\n    import zlib\n');
    const notOff = added.replace('# isort: off\n', '');
    const twoSpaces = notOff.replace(/\n {4}(import|return) /g, '\n  $1 ');
    const skipFile = `${twoSpaces}# isort: skip_file\n`;
    const results = replay([MODULE, added, notOff, twoSpaces, skipFile]);
    expect(results).toEqual([
      ['0:0-1:9 fix 0:0-3:0', '10:4-11:14 fix 10:0-12:0', '18:8-18:106 fix 18:0-19:0'],
      ['0:0-1:9 fix 0:0-3:0', '10:4-12:15 fix 10:0-13:0', '19:8-19:106 fix 19:0-20:0'],
      // Without `# isort: off` the two top blocks are one.
      ['0:0-4:8 fix 0:0-5:0', '9:4-11:15 fix 9:0-12:0', '18:8-18:106 fix 18:0-19:0'],
      ['0:0-4:8 fix 0:0-5:0', '9:2-11:13 fix 9:0-12:0', '18:8-18:106 fix 18:0-19:0'],
      [],
    ]);
  });

  it('wraps with the indentation of the first indented block, read again when it changes', () => {
    const wrapped = (source: string) => {
      const tree = parsePython(parser, source);
      if (!tree) throw new Error('parse failed');
      const diagnostics = analyze({ rules: allRules, source, tree, config, file }).diagnostics;
      tree.delete();
      return diagnostics.at(-1)?.fix?.edits[0].newText;
    };
    const twoSpaces = MODULE.replace(/\n {4}(import|return) /g, '\n  $1 ');
    replay([MODULE, twoSpaces]);
    expect(wrapped(twoSpaces)).toBe(
      lines(
        '        from x import (',
        '          aaaaaaaaaaaaaaaaaaaa,',
        '          bbbbbbbbbbbbbbbbbbbbbbbbbbb,',
        '          ccccccccccccccccccccccccccccc,',
        '          dd,',
        '        )',
      ),
    );
  });

  it('reads nothing when the parser could not read the module (an ERROR root)', () => {
    const prose = [
      'import sys',
      'import os',
      '        """',
      '    r"""',
      '        1. ww *wwww* www True, ``wwwww`` wwww wwwwwwww w ``__wwww__`` for www.',
      '           ``__wwww__`` wwwwww ww www wwww class wwww ww wwww (if wwww class is',
      "        www www wwwwwwwwwwwww ww `wwwwwww`, wwwwww'w wwwwwwwwwwwww ww",
      '        `wwwwww.__wwww__`, and www `wwwwww wwwww wwww www ww www wwwwwww',
      '        is_wwwwww = wwwwww or _www_wwwwww_wwww_class(www)',
      '        www_www_wwwwwww = wwww_wwwwww and _www_www_wwwwwwwww(',
      '            www, "__wwwwwww__"',
    ].join('\n');
    const tree = parsePython(parser, prose);
    expect(tree?.rootNode.type).toBe('ERROR');
    tree?.delete();
    // The same import statements were read under a `module` root first.
    expect(replay([prose.replaceAll('`', ''), prose])).toEqual([['0:0-1:9 fix 0:0-2:0'], []]);
  });

  it('passes over an empty ERROR after a block, as tree-sitter`s next sibling does', () => {
    // `import a` is followed by a zero-width ERROR, then comments only: the block has no trailer.
    const source = lines('impor', '', 't os', '@ddef f():', '    import b', '    import a', '', '# c');
    expect(replay([source, source.replace('# c', '# d')])).toEqual([
      ['4:4-5:12 fix 4:0-6:0'],
      ['4:4-5:12 fix 4:0-6:0'],
    ]);
  });
});

describe('ModuleScan', () => {
  it('reads from the tree only the statements whose text changed, and only those that mention imports', () => {
    const computed: string[] = [];
    const memo = new Map<string, unknown>();
    const memoFn = <T>(unit: Node, slot: string, compute: (unit: Node) => T): T => {
      const key = `${slot}:${unit.text}`;
      if (!memo.has(key)) {
        computed.push(`${slot} ${unit.startPosition.row}`);
        memo.set(key, compute(unit));
      }
      return memo.get(key) as T;
    };
    const statements = (source: string) => {
      const tree = parsePython(parser, source);
      if (!tree) throw new Error('parse failed');
      const scan = new ModuleScan(tree.rootNode, new SourceText(source), memoFn);
      const found = scan.importStatements().map((s) => `${s.unit}:${s.start}-${s.end}`);
      const comments = scan.isortComments().map((c) => `${c.start}:${c.text}`);
      tree.delete();
      return [...found, ...comments];
    };
    expect(statements(MODULE)).toEqual([
      '0:0-10',
      '1:11-20',
      '3:35-43',
      '4:44-52',
      '6:80-91',
      '6:96-106',
      '7:165-263',
      '22:# isort: off',
      '53:# isort: on',
    ]);
    expect(computed).toEqual([
      'scan 0',
      'scan 1',
      'scan 4',
      'scan 5',
      'scan 9',
      'scan 16',
      'scan 3',
      'scan 6',
    ]);
    computed.length = 0;
    // A keystroke in `f`: only `f` is read again; the statements after it move.
    expect(statements(MODULE.replace('return json, abc', 'return json, abcd'))).toEqual([
      '0:0-10',
      '1:11-20',
      '3:35-43',
      '4:44-52',
      '6:80-91',
      '6:96-106',
      '7:166-264',
      '22:# isort: off',
      '53:# isort: on',
    ]);
    expect(computed).toEqual(['scan 9']);
  });
});
