/**
 * The top-level statements of the document's edited tree, kept from one keystroke to the next. While
 * windows are published (see `window-parse.ts`) the tree is edited (`tree.edit`) but not parsed
 * again, and every keystroke asked it for all of its statements: a node object made per statement,
 * each read word by word out of wasm (at 50k lines, 3,000 statements: 1.1-2 ms a keystroke, and as
 * many objects of garbage). An edit changes no tree's shape, only where its nodes stand, so the
 * statements read once are moved with each edit as tree-sitter moves them (`edited`), and at the
 * next read checked against the tree inside wasm (`of`): the same nodes (ids) at the same places,
 * else read again.
 */
import type { Edit, Node, Tree } from 'web-tree-sitter';
import { isHandle, type WasmBinding, wasmBinding } from './wasm-binding';

/** Words per node in web-tree-sitter's marshalling: id, start index, start row, start column, alias. */
const NODE_WORDS = 5;

/**
 * The node fields web-tree-sitter keeps on a node object: its start (moved by `edited`) and the
 * lists of its children it read once (stale once the node moved: let go).
 */
interface NodeFields {
  startIndex: number;
  startPosition: { row: number; column: number };
  _children?: unknown;
  _namedChildren?: unknown;
}

export class TopLevelNodes {
  private kept: { tree: Tree; nodes: Node[] } | undefined;

  /**
   * `tree`'s top-level statements, as `tree.rootNode.children` gives them (nulls left out): the
   * kept ones where the tree still has exactly those, else read afresh and kept.
   */
  of(tree: Tree): Node[] {
    const kept = this.kept;
    if (kept && kept.tree === tree && sameChildren(tree, kept.nodes)) return kept.nodes;
    const nodes = tree.rootNode.children.filter((node): node is Node => node !== null);
    this.kept = { tree, nodes };
    return nodes;
  }

  /**
   * `edit` was made to `tree` (`tree.edit`): the kept statements move as tree-sitter moves its
   * nodes (`Node.edit`'s arithmetic), each given new position objects (one handed out earlier, as a
   * statement's start, must not change under its holder).
   */
  edited(tree: Tree, edit: Edit): void {
    if (this.kept?.tree !== tree) return;
    for (const node of this.kept.nodes) moveNode(node as unknown as NodeFields, edit);
  }

  /** Lets the kept statements go (their tree is deleted or replaced). */
  forget(): void {
    this.kept = undefined;
  }
}

/** `Node.edit` of web-tree-sitter 0.27, on new position objects, with the node's child lists let go. */
function moveNode(node: NodeFields, edit: Edit): void {
  const { startIndex, startPosition: start } = node;
  if (startIndex >= edit.oldEndIndex) {
    node.startIndex = edit.newEndIndex + (startIndex - edit.oldEndIndex);
    const rows = start.row - edit.oldEndPosition.row;
    node.startPosition =
      rows > 0
        ? { row: edit.newEndPosition.row + rows, column: start.column }
        : {
            row: edit.newEndPosition.row,
            column: edit.newEndPosition.column + start.column - edit.oldEndPosition.column,
          };
  } else if (startIndex > edit.startIndex) {
    node.startIndex = edit.newEndIndex;
    node.startPosition = { row: edit.newEndPosition.row, column: edit.newEndPosition.column };
  } else return;
  node._children = undefined;
  node._namedChildren = undefined;
}

/**
 * Whether `tree`'s root has exactly `nodes` as children: the same ids at the same starts (read
 * inside wasm as `rootNode.children` reads them, compared without a node object made); false where
 * that cannot be read directly (then the caller reads them through the public API).
 */
function sameChildren(tree: Tree, nodes: readonly Node[]): boolean {
  const wasm = wasmBinding();
  if (!wasm || !isHandle(tree, 1)) return false;
  const root = tree.rootNode;
  if (!isHandle(root, 1)) return false;
  const { module, buffer } = wasm;
  writeNode(wasm, root);
  module._ts_node_children_wasm(tree[0]);
  const heap = module.HEAP32;
  const count = heap[buffer];
  const address = heap[buffer + 1];
  let same = count === nodes.length;
  for (let index = 0, at = address >> 2; same && index < count; index++, at += NODE_WORDS) {
    const node = nodes[index] as Node & Record<number, number>;
    same =
      heap[at] === node.id &&
      heap[at + 1] === node.startIndex &&
      heap[at + 2] === node.startPosition.row &&
      heap[at + 3] === node.startPosition.column &&
      heap[at + 4] === node[0];
  }
  if (count > 0) module._free(address);
  return same;
}

/** `node` into the transfer buffer, as web-tree-sitter's `marshalNode` puts it there. */
function writeNode({ module, buffer }: WasmBinding, node: Node & Record<number, number>): void {
  const heap = module.HEAP32;
  heap[buffer] = node.id;
  heap[buffer + 1] = node.startIndex;
  heap[buffer + 2] = node.startPosition.row;
  heap[buffer + 3] = node.startPosition.column;
  heap[buffer + 4] = node[0];
}
