// The shapes of syntax and positions every layer shares: a leaf module (it imports only
// web-tree-sitter's types), so that the engine's types, snapshots and position helpers need not
// import one another.
import type { Tree } from 'web-tree-sitter';

/** A zero-based position; `character` counts UTF-16 code units, as LSP does by default. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A row and a column (UTF-16 code units), zero-based, as tree-sitter gives them. */
export interface Point {
  row: number;
  column: number;
}

/**
 * The part of a syntax node the engine and the rules use. web-tree-sitter's nodes have it, and so
 * have snapshots (below): plain JavaScript copies of a subtree that rules read without crossing into
 * WebAssembly on every property.
 */
export interface Node {
  readonly id: number;
  readonly type: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly text: string;
  readonly tree: Tree;
  readonly parent: Node | null;
  readonly children: readonly (Node | null)[];
  readonly namedChildren: readonly (Node | null)[];
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly firstChild: Node | null;
  readonly lastChild: Node | null;
  readonly firstNamedChild: Node | null;
  readonly lastNamedChild: Node | null;
  readonly nextSibling: Node | null;
  readonly previousSibling: Node | null;
  readonly nextNamedSibling: Node | null;
  readonly previousNamedSibling: Node | null;
  child(index: number): Node | null;
  namedChild(index: number): Node | null;
  childForFieldName(fieldName: string): Node | null;
  childrenForFieldName(fieldName: string): (Node | null)[];
  fieldNameForChild(index: number): string | null;
  descendantsOfType(types: string | string[], startPosition?: Point, endPosition?: Point): (Node | null)[];
  descendantForIndex(start: number, end?: number): Node | null;
  walk(): NodeCursor;
}

/** What file rules are given of the tree: its root (web-tree-sitter's `Tree` has it). */
export interface SyntaxTree {
  readonly rootNode: Node;
}

/** The cursor operations the engine uses (web-tree-sitter's TreeCursor has them too). */
export interface NodeCursor {
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly nodeId: number;
  readonly currentNode: Node;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}
