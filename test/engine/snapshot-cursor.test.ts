/**
 * Snapshots are copied with a cursor that calls web-tree-sitter's wasm exports directly
 * (engine/wasm-cursor.ts). It must read what the public `TreeCursor` reads, node for node, and
 * leave the tree usable through the public API in the middle of a walk and after it.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Node as TreeSitterNode } from 'web-tree-sitter';
import { type CopyCursor, copyCursor, PublicCursor } from '../../server/src/engine/wasm-cursor';
import { parsePython } from '../../server/src/parser/python';
import { getParser } from '../helpers/analyze';

const EDGE_CASES = path.resolve(__dirname, '../fixtures/edge-cases');

/**
 * Every node of a pre-order walk, as the cursor reads it; every 50th also through the public API
 * (read once the walk is over: nothing may call into tree-sitter during a direct cursor's walk).
 */
function readAll(cursor: CopyCursor): string[] {
  const seen: string[] = [];
  const nodes: Array<{ at: number; node: TreeSitterNode; hasError: boolean }> = [];
  let depth = 0;
  try {
    for (;;) {
      const missing = cursor.startIndex() === cursor.endIndex() && cursor.isMissing();
      seen.push(
        `${depth} ${cursor.typeId()} ${cursor.isNamed()} ${missing} ${cursor.nodeId()} ${cursor.startIndex()}-${cursor.endIndex()} ${cursor.fieldId()}`,
      );
      if (seen.length % 50 === 1) nodes.push({ at: seen.length - 1, ...cursor.currentNode() });
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return seen;
        depth--;
      }
    }
  } finally {
    cursor.delete();
    for (const { at, node, hasError } of nodes)
      seen[at] += ` ${node.type} ${node.id} ${node.endIndex} ${hasError}`;
  }
}

describe('the snapshot cursor', () => {
  it('is the direct one in this runtime', async () => {
    const tree = parsePython(await getParser(), 'x = 1\n');
    const cursor = tree ? copyCursor(tree.rootNode) : undefined;
    expect(cursor).toBeDefined();
    expect(cursor instanceof PublicCursor).toBe(false);
    cursor?.delete();
    tree?.delete();
  });

  const files = readdirSync(EDGE_CASES).filter((name) => name.endsWith('.py'));
  it.each(files)('reads %s as the public cursor does', async (name) => {
    const source = readFileSync(path.join(EDGE_CASES, name), 'utf8');
    const tree = parsePython(await getParser(), source);
    if (!tree) throw new Error('parse failed');
    try {
      for (const node of [tree.rootNode, ...tree.rootNode.children.slice(0, 3)]) {
        if (!node) continue;
        expect(readAll(copyCursor(node))).toEqual(readAll(new PublicCursor(node.walk())));
      }
      // The tree is still read correctly through the public API.
      expect(tree.rootNode.text).toBe(source.replace(/\r(?!\n)/g, '\n'));
    } finally {
      tree.delete();
    }
  });
});
