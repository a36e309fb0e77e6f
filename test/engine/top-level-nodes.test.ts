/**
 * The edited tree's top-level statements are kept from one window to the next (parser/top-level-
 * nodes.ts): moved with every edit as tree-sitter moves its nodes, and checked against the tree
 * inside wasm before they are given. What `of` gives must always be what `rootNode.children` gives
 * (ids and places), the kept objects where they still are, and a node moved must read its own
 * children where they now stand.
 */
import { describe, expect, it } from 'vitest';
import { Edit, type Node, type Tree } from 'web-tree-sitter';
import { parsePython } from '../../server/src/parser/python';
import { TopLevelNodes } from '../../server/src/parser/top-level-nodes';
import { getParser } from '../helpers/analyze';

function block(index: number): string {
  return [
    `def function_${index}(a, b):`,
    '    """Adds."""',
    '    return a + b',
    '',
    `class Holder${index}:`,
    '    def method(self):',
    '        return self',
    '',
    `value_${index} = [1,`,
    '    2]',
    `# comment ${index}`,
    '',
  ].join('\n');
}

const SOURCE = Array.from({ length: 12 }, (_, index) => block(index)).join('\n');

function pointAt(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset);
  const row = before.split('\n').length - 1;
  return { row, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** `text` with `inserted` in place of `start`..`end`, and the tree edited to match. */
function edited(tree: Tree, text: string, start: number, end: number, inserted: string) {
  const next = text.slice(0, start) + inserted + text.slice(end);
  const edit = new Edit({
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + inserted.length,
    startPosition: pointAt(text, start),
    oldEndPosition: pointAt(text, end),
    newEndPosition: pointAt(next, start + inserted.length),
  });
  tree.edit(edit);
  return { text: next, edit };
}

function described(nodes: readonly (Node | null)[]): string[] {
  return nodes.map((node) =>
    node
      ? `${node.id} ${node.type} ${node.startIndex}-${node.endIndex} ${node.startPosition.row}:${node.startPosition.column}`
      : 'null',
  );
}

/** A deterministic stream of numbers in [0, 1). */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const TYPED = ['\n', 'x', '    ', '\n\n', '(', ')', '"""', '#', 'def f():\n    pass\n', ''];

describe('top-level statements kept across edits', () => {
  it('gives what rootNode.children gives after every edit, the kept objects where they still are', async () => {
    const parser = await getParser();
    const tree = parsePython(parser, SOURCE) as Tree;
    const kept = new TopLevelNodes();
    let text = SOURCE;
    let reused = 0;
    const random = numbers(7);
    try {
      let last = kept.of(tree);
      expect(described(last)).toEqual(described(tree.rootNode.children));
      for (let step = 0; step < 300; step++) {
        const start = Math.floor(random() * text.length);
        // Mostly insertions, some deletions (across statement boundaries too).
        const end = random() < 0.7 ? start : Math.min(text.length, start + Math.floor(random() * 40));
        const inserted = TYPED[Math.floor(random() * TYPED.length)];
        const change = edited(tree, text, start, end, inserted);
        text = change.text;
        kept.edited(tree, change.edit);
        const now = kept.of(tree);
        expect(described(now)).toEqual(described(tree.rootNode.children));
        if (now === last) reused++;
        last = now;
      }
    } finally {
      tree.delete();
    }
    // An edit changes no tree's shape: the kept statements are what the tree has, almost always.
    expect(reused).toBeGreaterThan(250);
  });

  it('moves the kept statements with each edit, their children read where they now stand', async () => {
    const parser = await getParser();
    const tree = parsePython(parser, SOURCE) as Tree;
    const kept = new TopLevelNodes();
    try {
      const statements = kept.of(tree);
      const classes = statements.flatMap((node, index) => (node.type === 'class_definition' ? [index] : []));
      const lastIndex = classes[classes.length - 1];
      const last = statements[lastIndex];
      const handedOut = last.startPosition;
      const rowBefore = handedOut.row;
      // The children read once, before the edit.
      const childrenBefore = described(last.children);
      const change = edited(tree, SOURCE, 0, 0, 'import os\n\n');
      kept.edited(tree, change.edit);
      const after = kept.of(tree);
      expect(after).toBe(statements);
      expect(last.startPosition.row).toBe(rowBefore + 2);
      // A start handed out before the edit keeps its value.
      expect(handedOut.row).toBe(rowBefore);
      expect(described(last.children)).not.toEqual(childrenBefore);
      const fresh = tree.rootNode.children[lastIndex] as Node;
      expect(described(last.children)).toEqual(described(fresh.children));
    } finally {
      tree.delete();
    }
  });

  it('reads the statements again for another tree', async () => {
    const parser = await getParser();
    const first = parsePython(parser, SOURCE) as Tree;
    const second = parsePython(parser, `${SOURCE}\nextra = 1\n`) as Tree;
    const kept = new TopLevelNodes();
    try {
      const one = kept.of(first);
      const two = kept.of(second);
      expect(two).not.toBe(one);
      expect(described(two)).toEqual(described(second.rootNode.children));
      kept.forget();
      expect(described(kept.of(first))).toEqual(described(first.rootNode.children));
    } finally {
      first.delete();
      second.delete();
    }
  });
});
