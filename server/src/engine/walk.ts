import { SnapshotNode } from './syntax-node';
import type { Node } from './types';

const SCOPE_TYPES = new Set(['class_definition', 'function_definition', 'lambda']);

export interface WalkVisitor {
  /** Called for every node whose type the visitor asked for, with the enclosing scopes. */
  visit(node: Node, scopes: readonly Node[]): void;
  /** The node types to visit (a set, or a map keyed by them). */
  readonly wanted: { has(type: string): boolean };
}

export interface WalkOptions {
  /** The scopes enclosing `root` (when it is not a top-level statement). */
  readonly scopes?: readonly Node[];
  /** Ids of `function_definition` / `decorated_definition` nodes whose subtrees are not walked. */
  readonly skip?: ReadonlySet<number>;
}

const SKIPPABLE = new Set(['function_definition', 'decorated_definition']);

/**
 * Walks a subtree iteratively (deeply nested code must not overflow the stack), skipping ERROR
 * subtrees so that nothing is reported inside code the parser could not read.
 */
export function walkSubtree(root: Node, visitor: WalkVisitor, options: WalkOptions = {}): void {
  if (root instanceof SnapshotNode) {
    walkSnapshot(root, visitor, options);
    return;
  }
  const cursor = root.walk();
  const scopes: Node[] = [...(options.scopes ?? [])];
  // The enclosing scopes given are never left: their depth is above the walk's.
  const scopeDepths: number[] = scopes.map(() => -1);
  const skip = options.skip;
  let depth = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      const skipped = skip !== undefined && SKIPPABLE.has(type) && skip.has(cursor.nodeId);
      const descend = type !== 'ERROR' && !skipped;
      if (descend && cursor.nodeIsNamed && (visitor.wanted.has(type) || SCOPE_TYPES.has(type))) {
        const node = cursor.currentNode;
        if (visitor.wanted.has(type)) visitor.visit(node, scopes);
        if (SCOPE_TYPES.has(type)) {
          scopes.push(node);
          scopeDepths.push(depth);
        }
      }
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (scopeDepths.length > 0 && scopeDepths[scopeDepths.length - 1] === depth) {
          scopes.pop();
          scopeDepths.pop();
        }
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Marks, on the walk's stack, where the scope pushed last is left. */
const LEAVE_SCOPE = null;

/** `walkSubtree` over a snapshot: its children are plain arrays, no cursor needed. */
function walkSnapshot(root: SnapshotNode, visitor: WalkVisitor, options: WalkOptions): void {
  const scopes: Node[] = [...(options.scopes ?? [])];
  const { skip } = options;
  const { wanted } = visitor;
  const pending: Array<SnapshotNode | typeof LEAVE_SCOPE> = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === LEAVE_SCOPE) {
      scopes.pop();
      continue;
    }
    if (node === undefined) break;
    const type = node.type;
    if (type === 'ERROR' || (skip !== undefined && SKIPPABLE.has(type) && skip.has(node.id))) continue;
    if (node.isNamed) {
      if (wanted.has(type)) visitor.visit(node, scopes);
      if (SCOPE_TYPES.has(type)) {
        scopes.push(node);
        pending.push(LEAVE_SCOPE);
      }
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      // A token (unnamed, no children) is neither visited nor walked into: not worth a push.
      if (child.isNamed || child.children.length > 0) pending.push(child);
    }
  }
}
