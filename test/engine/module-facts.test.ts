/**
 * Module facts with a unit memo: each top-level statement's contribution is computed once per
 * distinct text, and whatever spans statements (last binding, overloads resolved through imports,
 * the import line, positions) is combined afresh. The facts must equal a fresh collection, always.
 */

import { describe, expect, it } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { collectModuleFacts, type ModuleFacts } from '../../server/src/engine/module-facts';
import type { Node } from '../../server/src/engine/types';
import { UnitMemo } from '../../server/src/engine/unit-memo';
import { getParser } from '../helpers/analyze';

/** Counts the statements whose facts (and, apart, whose uses of names) are computed rather than reused. */
class CountingMemo extends UnitMemo {
  computed = 0;
  usesComputed = 0;
  override get<T>(unit: Node, slot: string, compute: (unit: Node) => T): T {
    return super.get(unit, slot, (copy) => {
      if (slot.startsWith('typingUses:')) this.usesComputed++;
      else this.computed++;
      return compute(copy);
    });
  }
}

/** The engine's unit key (analyze.ts `unitKey`): column, type (tree when broken), text. */
function unitKeys(tree: Tree, source: string): Map<number, string> {
  const keys = new Map<number, string>();
  for (const unit of tree.rootNode.children) {
    if (!unit) continue;
    const structure = unit.hasError ? unit.toString() : unit.type;
    keys.set(
      unit.id,
      `${unit.startPosition.column}:${structure}:${source.slice(unit.startIndex, unit.endIndex)}`,
    );
  }
  return keys;
}

/** Everything the facts hold, as comparable data (map and set order included). */
function snapshot(facts: ModuleFacts) {
  return {
    imports: [...facts.imports],
    futureAnnotations: facts.futureAnnotations,
    importsFromTyping: facts.importsFromTyping,
    dunderAll: facts.dunderAll,
    globalBindings: [...facts.globalBindings],
    overloads: [...facts.typing.overloads],
    removals: [...facts.typing.removals],
    useCounts: [...facts.typing.useCounts],
    typingInsertion: facts.typing.typingInsertion,
    importLine: facts.typing.importLine,
    classBases: [...facts.classBases],
    fingerprint: facts.fingerprint,
  };
}

interface Analysis {
  facts: ModuleFacts;
  memo: CountingMemo;
}

async function collect(source: string, previous?: UnitMemo): Promise<Analysis> {
  const tree = (await getParser()).parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    const memo = new CountingMemo(unitKeys(tree, source), previous);
    const facts = collectModuleFacts(tree.rootNode, memo);
    expect(snapshot(facts)).toEqual(snapshot(collectModuleFacts(tree.rootNode)));
    return { facts, memo };
  } finally {
    tree.delete();
  }
}

const BASE = [
  '"""Module."""',
  'from typing import List, Optional  # used below',
  'import os',
  '',
  'def load(path: Optional[str]) -> List[int]: ...',
  '',
  '@overload',
  'def pick(a: int) -> int: ...',
  '',
  'if os.name == "nt":',
  '    class Base(dict): pass',
  '',
  'class Child(Base, metaclass=Meta): pass',
  '__all__ = ["load"] + ["Child"]',
  'load = 1',
  '',
].join('\n');

/** The insertion into BASE's `from typing import List, Optional` when it stands on `line`. */
function extendTypingImportOnLine(line: number) {
  return {
    kind: 'extend',
    after: { line, character: 33 },
    members: [
      { name: 'List', start: { line, character: 19 } },
      { name: 'Optional', start: { line, character: 25 } },
    ],
  };
}

describe('collectModuleFacts with a unit memo', () => {
  it('collects the facts of every statement, nested module-level blocks included', async () => {
    const { facts, memo } = await collect(BASE);
    expect(memo.computed).toBe(10); // every statement and comment, once
    expect([...facts.imports]).toEqual([
      ['List', 'typing.List'],
      ['Optional', 'typing.Optional'],
      ['os', 'os'],
    ]);
    expect([...facts.globalBindings]).toEqual([
      ['List', 'import'],
      ['Optional', 'import'],
      ['os', 'import'],
      ['pick', 'function'],
      ['Base', 'class'],
      ['Child', 'class'],
      ['__all__', 'other'],
      ['load', 'other'],
    ]);
    expect(facts.dunderAll).toEqual(['load', 'Child']);
    expect([...facts.classBases]).toEqual([
      ['Base', ['dict']],
      ['Child', ['Base']],
    ]);
    expect([...facts.typing.overloads]).toEqual([]);
    expect([...facts.typing.removals]).toEqual([
      [
        'List',
        { range: { start: { line: 1, character: 19 }, end: { line: 1, character: 25 } }, newText: '' },
      ],
      [
        'Optional',
        { range: { start: { line: 1, character: 23 }, end: { line: 1, character: 33 } }, newText: '' },
      ],
    ]);
    expect([...facts.typing.useCounts]).toEqual([
      ['List', 1],
      ['Optional', 1],
    ]);
    expect(facts.typing.typingInsertion).toEqual(extendTypingImportOnLine(1));
    expect(facts.typing.importLine).toEqual({ kind: 'after-line-end', at: { line: 2, character: 9 } });
  });

  it('recomputes only the edited statement and moves the positions of those below it', async () => {
    const before = await collect(BASE);
    const { facts, memo } = await collect(
      `# header\n\n${BASE.replace('def pick', 'def choose')}`,
      before.memo,
    );
    expect(memo.computed).toBe(2); // the new comment and the edited definition
    const removal = facts.typing.removals.get('Optional');
    expect(removal?.range).toEqual({ start: { line: 3, character: 23 }, end: { line: 3, character: 33 } });
    expect(facts.typing.typingInsertion).toEqual(extendTypingImportOnLine(3));
    expect(facts.typing.importLine).toEqual({ kind: 'after-line-end', at: { line: 4, character: 9 } });
    expect(facts.globalBindings.get('choose')).toBe('function');
    expect(facts.globalBindings.has('pick')).toBe(false);
  });

  it('resolves a reused decorator through the imports of the current text', async () => {
    const before = await collect(BASE);
    const after = await collect(
      BASE.replace('import os\n', 'import os\nfrom typing import overload\n'),
      before.memo,
    );
    expect(after.memo.computed).toBe(1);
    expect([...after.facts.typing.overloads]).toEqual(['pick']);
    expect([...before.facts.typing.overloads]).toEqual([]);
  });

  it('gives a name the kind of its last binding when a later statement goes', async () => {
    const before = await collect(BASE);
    expect(before.facts.globalBindings.get('load')).toBe('other');
    const after = await collect(BASE.replace('load = 1\n', ''), before.memo);
    expect(after.memo.computed).toBe(0);
    expect(after.facts.globalBindings.get('load')).toBe('function');
    expect([...after.facts.globalBindings.keys()].slice(-2)).toEqual(['Child', '__all__']);
    expect(after.facts.fingerprint).not.toBe(before.facts.fingerprint);
  });

  it('measures the import line from the current text after it (a trailing comment)', async () => {
    const source = 'import os  # c\nx = 1\n';
    const before = await collect(source);
    expect(before.facts.typing.importLine).toEqual({
      kind: 'after-line-end',
      at: { line: 0, character: 14 },
    });
    const after = await collect(source.replace('# c', '# longer'), before.memo);
    expect(after.memo.computed).toBe(1);
    expect(after.facts.typing.importLine).toEqual({ kind: 'after-line-end', at: { line: 0, character: 19 } });
  });

  it('ends the leading import block at a statement after a semicolon, not at the semicolon', async () => {
    const { facts } = await collect('import os;\nimport sys\nx = 1\n');
    expect(facts.typing.importLine).toEqual({ kind: 'after-line-end', at: { line: 1, character: 10 } });
    const clean = await collect('x = 1\nimport os\n');
    expect(clean.facts.typing.importLine).toEqual({ kind: 'new-line', at: { line: 0, character: 0 } });
  });

  it('counts uses of a removable typing name outside the imports, in the current text', async () => {
    const source = 'from typing import Optional\n\nx: Optional[int] = None\n';
    const before = await collect(source);
    expect(before.facts.typing.useCounts.get('Optional')).toBe(1);
    const after = await collect(`${source}y: Optional[str] = None\n`, before.memo);
    expect(after.facts.typing.useCounts.get('Optional')).toBe(2);
    expect(after.memo.computed).toBe(1);
    // Uses are counted statement by statement too: only the new statement is read for them.
    expect(after.memo.usesComputed).toBe(1);
  });

  it('counts uses statement by statement as the whole text counts them, names at a statement edge too', async () => {
    // `collect` compares every count with the facts collected without a memo (one pass over the text).
    for (const tail of [
      'x = t\n',
      't.cast(int, 1)\n',
      'y = 1;t\n',
      'x = 1.t\n',
      'print(t)t\n',
      'a.t = 1\n',
      'tt = t\n',
    ]) {
      const { facts } = await collect(`import typing as t\n\n${tail}`);
      expect(facts.typing.useCounts.has('t'), tail).toBe(true);
    }
  });
});
