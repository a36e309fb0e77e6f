/**
 * The cursor a snapshot is copied with (see syntax-node.ts). web-tree-sitter's `TreeCursor` writes
 * its four words into the wasm module's transfer buffer before every call and reads them back after
 * every move, each word through Emscripten's generic `setValue`/`getValue`: most of a copy's cost.
 * `WasmCursor` calls the same exported functions of the same module (web-tree-sitter's own binding,
 * pinned in package.json) with the cursor left in the transfer buffer between calls, where those
 * functions read it and leave it. Where the exports are not there (another runtime version, a
 * module initialised by someone else) `PublicCursor` does the same through the public API; both are
 * checked to copy alike (`test/engine/snapshot-cursor.test.ts`).
 */
import type { Tree, TreeCursor, Node as TreeSitterNode } from 'web-tree-sitter';
import { type Handle, isHandle, type WasmModule, wasmBinding } from '../parser/wasm-binding';

/** What a snapshot is built with: the current node's properties, and moves. */
export interface CopyCursor {
  typeId(): number;
  isNamed(): boolean;
  isMissing(): boolean;
  nodeId(): number;
  startIndex(): number;
  endIndex(): number;
  /** The field id of the current node in its parent (0: none). */
  fieldId(): number;
  /** The current node as web-tree-sitter's, and whether it holds an error (for nodes copied later). */
  currentNode(): { node: TreeSitterNode; hasError: boolean };
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

/**
 * A cursor over `node`'s subtree: the fast one where the runtime allows it. Until it is deleted,
 * its user must not call into tree-sitter otherwise (any other call overwrites the transfer buffer
 * where the direct cursor lives); `currentNode` is the way to a node of the tree.
 */
export function copyCursor(node: TreeSitterNode): CopyCursor {
  const cursor = node.walk();
  const wasm = wasmBinding();
  if (wasm && isHandle(node.tree, 1) && isHandle(cursor, 4))
    return new WasmCursor(wasm.module, wasm.buffer, cursor, node.tree);
  return new PublicCursor(cursor);
}

/** The public API's cursor (see the file's comment). */
export class PublicCursor implements CopyCursor {
  constructor(private readonly cursor: TreeCursor) {}

  typeId(): number {
    return this.cursor.nodeTypeId;
  }
  isNamed(): boolean {
    return this.cursor.nodeIsNamed;
  }
  isMissing(): boolean {
    return this.cursor.nodeIsMissing;
  }
  nodeId(): number {
    return this.cursor.nodeId;
  }
  startIndex(): number {
    return this.cursor.startIndex;
  }
  endIndex(): number {
    return this.cursor.endIndex;
  }
  fieldId(): number {
    return this.cursor.currentFieldId;
  }
  currentNode(): { node: TreeSitterNode; hasError: boolean } {
    const node = this.cursor.currentNode;
    return { node, hasError: node.hasError };
  }
  gotoFirstChild(): boolean {
    return this.cursor.gotoFirstChild();
  }
  gotoNextSibling(): boolean {
    return this.cursor.gotoNextSibling();
  }
  gotoParent(): boolean {
    return this.cursor.gotoParent();
  }
  delete(): void {
    this.cursor.delete();
  }
}

/**
 * The cursor kept in the transfer buffer (see the file's comment). Nothing else may call into
 * tree-sitter between two of its calls, except through `currentNode`, which puts the cursor back
 * into its handle first and into the buffer after.
 */
class WasmCursor implements CopyCursor {
  private readonly tree: number;

  constructor(
    private readonly module: WasmModule,
    private readonly buffer: number,
    private readonly cursor: TreeCursor,
    tree: Tree,
  ) {
    this.tree = (tree as unknown as Handle)[0];
    this.load();
  }

  typeId(): number {
    return this.module._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }
  isNamed(): boolean {
    return this.module._ts_tree_cursor_current_node_is_named_wasm(this.tree) === 1;
  }
  isMissing(): boolean {
    return this.module._ts_tree_cursor_current_node_is_missing_wasm(this.tree) === 1;
  }
  nodeId(): number {
    return this.module._ts_tree_cursor_current_node_id_wasm(this.tree);
  }
  startIndex(): number {
    return this.module._ts_tree_cursor_start_index_wasm(this.tree);
  }
  endIndex(): number {
    return this.module._ts_tree_cursor_end_index_wasm(this.tree);
  }
  fieldId(): number {
    return this.module._ts_tree_cursor_current_field_id_wasm(this.tree);
  }
  currentNode(): { node: TreeSitterNode; hasError: boolean } {
    this.store();
    const node = this.cursor.currentNode;
    const hasError = node.hasError;
    this.load();
    return { node, hasError };
  }
  gotoFirstChild(): boolean {
    return this.module._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }
  gotoNextSibling(): boolean {
    return this.module._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }
  gotoParent(): boolean {
    return this.module._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }
  delete(): void {
    this.store();
    this.cursor.delete();
  }

  /** The cursor's words from its handle into the transfer buffer. */
  private load(): void {
    const heap = this.module.HEAP32;
    const handle = this.cursor as unknown as Handle;
    for (let i = 0; i < 4; i++) heap[this.buffer + i] = handle[i];
  }

  /** The cursor's words from the transfer buffer back into its handle. */
  private store(): void {
    const heap = this.module.HEAP32;
    const handle = this.cursor as unknown as Handle;
    for (let i = 0; i < 4; i++) handle[i] = heap[this.buffer + i];
  }
}
