import type { Node } from './types';

const SCOPE_TYPES = new Set(['class_definition', 'function_definition', 'lambda']);

export interface WalkVisitor {
  /** Called for every node whose type the visitor asked for, with the enclosing scopes. */
  visit(node: Node, scopes: readonly Node[]): void;
  readonly wanted: ReadonlySet<string>;
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
