/**
 * Snapshots (engine/syntax-node.ts) answer every question the rules ask exactly as tree-sitter's
 * own nodes do: compared node by node over tricky sources (syntax errors, missing tokens, lone
 * carriage returns, astral characters) and, when it is present, a sample of the corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser, Node as TreeSitterNode } from 'web-tree-sitter';
import { type Node, snapshotOf } from '../server/src/engine/syntax-node';
import { parsePython, treeSitterView } from '../server/src/parser/python';
import { pythonFiles } from '../tools/shared/python-files';
import { getParser } from './helpers/analyze';

let parser: Parser;
beforeAll(async () => {
  parser = await getParser();
});

const SOURCES: Record<string, string> = {
  plain: 'import os\n\n\ndef f(a, b: int = 1) -> None:\n    """Doc."""\n    return a\n',
  classes:
    'class A(B, metaclass=M):\n    x: int = 1\n\n    @property\n    def y(self):\n        return [i for i in self if i]\n',
  'a missing token': 'def f(:\n  pass\n',
  'an error node': 'x = = 1\nclass :\n    def g(self) -> :\n        pass\n',
  'lone carriage returns': 'class bad:\r    def M(self):\r        pass\r\rCONST = 1\r',
  'astral characters': 'x = "é😀"; y = 1\ns = f"{x!r:>{y}}"\n',
  'empty module': '',
  'leading blank lines': '\n\n# comment\n\ndef f():\n    pass\n',
  'deep nesting': `${'['.repeat(60)}1${']'.repeat(60)}\n`,
};

function expectSameNode(snapshot: Node, real: TreeSitterNode, where: string): void {
  const at = `${where} ${real.type}@${real.startIndex}`;
  expect(snapshot.id, at).toBe(real.id);
  expect(snapshot.type, at).toBe(real.type);
  expect(snapshot.isNamed, at).toBe(real.isNamed);
  expect(snapshot.isMissing, at).toBe(real.isMissing);
  expect(snapshot.hasError, at).toBe(real.hasError);
  expect([snapshot.startIndex, snapshot.endIndex], at).toEqual([real.startIndex, real.endIndex]);
  expect(snapshot.startPosition, at).toEqual(real.startPosition);
  expect(snapshot.endPosition, at).toEqual(real.endPosition);
  expect(snapshot.text, at).toBe(real.text);
  expect(snapshot.childCount, at).toBe(real.childCount);
  expect(snapshot.namedChildCount, at).toBe(real.namedChildCount);
  expect(snapshot.parent?.id, at).toBe(real.parent?.id);
  // Near syntax errors tree-sitter's sibling walk has corner cases of its own; elsewhere, the same.
  if (!real.tree.rootNode.hasError) {
    expect(snapshot.nextSibling?.id, at).toBe(real.nextSibling?.id);
    expect(snapshot.previousSibling?.id, at).toBe(real.previousSibling?.id);
    expect(snapshot.nextNamedSibling?.id, at).toBe(real.nextNamedSibling?.id);
    expect(snapshot.previousNamedSibling?.id, at).toBe(real.previousNamedSibling?.id);
  }
  for (let i = 0; i < real.childCount; i++) {
    expect(snapshot.fieldNameForChild(i), `${at} field of child ${i}`).toBe(real.fieldNameForChild(i));
  }
  for (const field of ['name', 'body', 'value', 'left', 'argument', 'type']) {
    expect(snapshot.childForFieldName(field)?.id, `${at} .${field}`).toBe(real.childForFieldName(field)?.id);
  }
}

/** Every node of both trees, pairwise, in document order. */
function compareTrees(snapshot: Node, real: TreeSitterNode, where: string): number {
  const pending: Array<[Node, TreeSitterNode]> = [[snapshot, real]];
  let count = 0;
  while (pending.length > 0) {
    const [copy, original] = pending.pop() as [Node, TreeSitterNode];
    expectSameNode(copy, original, where);
    count++;
    const children = original.children;
    for (let i = children.length - 1; i >= 0; i--) {
      pending.push([copy.child(i) as Node, children[i] as TreeSitterNode]);
    }
  }
  return count;
}

function compareSource(source: string, where: string): number {
  const tree = parsePython(parser, source);
  if (!tree) throw new Error('parse failed');
  try {
    const view = treeSitterView(source);
    let compared = compareTrees(snapshotOf(tree.rootNode, view), tree.rootNode, where);
    // From the node's own text (the module node may start after blank lines and comments).
    const root = tree.rootNode;
    compared += compareTrees(
      snapshotOf(root, root.text, new Set(), root.startIndex),
      root,
      `${where} (own text)`,
    );
    // Snapshots of single statements, as the engine takes them.
    for (const statement of tree.rootNode.children) {
      if (statement) compared += compareTrees(snapshotOf(statement, view), statement, `${where} (statement)`);
    }
    return compared;
  } finally {
    tree.delete();
  }
}

describe('snapshots read like tree-sitter nodes', () => {
  for (const [name, source] of Object.entries(SOURCES)) {
    it(`node by node: ${name}`, () => {
      expect(compareSource(source, name)).toBeGreaterThan(0);
    });
  }

  it('copies lazily the subtrees it was told to leave out, and still knows their errors', () => {
    const source = 'class A:\n    def f(self):\n        x = (\n\n    def g(self):\n        return 1\n';
    const tree = parsePython(parser, source);
    if (!tree) throw new Error('parse failed');
    try {
      const real = tree.rootNode.child(0) as TreeSitterNode;
      const body = real.childForFieldName('body') as TreeSitterNode;
      const methods = body.namedChildren.map((m) => m?.childForFieldName('body')?.id ?? -1);
      const copy = snapshotOf(real, source, new Set(methods));
      expect(copy.hasError).toBe(real.hasError);
      compareTrees(copy, real, 'lazy');
    } finally {
      tree.delete();
    }
  });

  it('finds the same descendants as tree-sitter', () => {
    const source = `${SOURCES.classes}def f(x):\n    y = lambda: 1\n    z = yield x\n    match x:\n        case [1] as q:\n            return 1\n`;
    const tree = parsePython(parser, source);
    if (!tree) throw new Error('parse failed');
    try {
      const copy = snapshotOf(tree.rootNode, source);
      const ids = (nodes: (Node | TreeSitterNode | null)[]) => nodes.map((n) => n?.id);
      for (const types of ['identifier', ['block', 'yield'], 'lambda', 'as_pattern', 'module']) {
        expect(ids(copy.descendantsOfType(types))).toEqual(ids(tree.rootNode.descendantsOfType(types)));
      }
      for (let offset = 0; offset <= source.length; offset++) {
        for (const end of [offset, Math.min(source.length, offset + 3)]) {
          expect(copy.descendantForIndex(offset, end)?.id, `at ${offset}-${end}`).toBe(
            tree.rootNode.descendantForIndex(offset, end)?.id,
          );
        }
      }
    } finally {
      tree.delete();
    }
  });

  it('walks with a cursor the way tree-sitter does', () => {
    const tree = parsePython(parser, SOURCES.classes);
    if (!tree) throw new Error('parse failed');
    try {
      const visit = (cursor: {
        nodeType: string;
        gotoFirstChild(): boolean;
        gotoNextSibling(): boolean;
        gotoParent(): boolean;
      }) => {
        const types: string[] = [];
        for (;;) {
          types.push(cursor.nodeType);
          if (cursor.gotoFirstChild()) continue;
          while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return types;
        }
      };
      expect(visit(snapshotOf(tree.rootNode, SOURCES.classes).walk())).toEqual(visit(tree.rootNode.walk()));
    } finally {
      tree.delete();
    }
  });
});

const CORPUS = path.resolve(__dirname, '..', '.cache', 'corpus');

function corpusSample(every: number): string[] {
  return existsSync(CORPUS) ? pythonFiles(CORPUS).filter((_, i) => i % every === 0) : [];
}

describe.skipIf(!existsSync(CORPUS))('snapshots of real files (corpus sample)', () => {
  it('read like tree-sitter nodes in every file of the sample', () => {
    let compared = 0;
    for (const file of corpusSample(50)) compared += compareSource(readFileSync(file, 'utf8'), file);
    expect(compared).toBeGreaterThan(5_000);
    // A few seconds on an idle machine; every node property is read through wasm, which a loaded
    // machine (parallel test files) slows many times over.
  }, 180_000);
});
