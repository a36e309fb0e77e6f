import type { Parser } from 'web-tree-sitter';
import { snapshotOf } from '../engine/syntax-node';
import type { Node } from '../engine/types';
import { parsePython } from '../parser/python';

/**
 * Parses a text the editor does not hold (a closed file, a text in memory), reads its tree as a
 * snapshot (plain objects: no call into WebAssembly per property) and deletes the tree: the project
 * index keeps no trees. Undefined when the parser gave up.
 */
export function readTree<T>(parser: Parser, text: string, read: (root: Node) => T): T | undefined {
  const tree = parsePython(parser, text);
  if (!tree) return undefined;
  try {
    return read(snapshotOf(tree.rootNode, tree.rootNode.text, new Set(), tree.rootNode.startIndex));
  } finally {
    tree.delete();
  }
}
