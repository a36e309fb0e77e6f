/**
 * A module root made of top-level statements that belong to several tree-sitter trees: a window
 * publish (`window-analysis.ts`: the edited tree's statements around a window's) and a notebook
 * (`notebook/cell-trees.ts`: every cell parsed on its own tree). Every tree was parsed from the same
 * text (tree-sitter `includedRanges`), so their positions are all the text's.
 *
 * The statements are real tree-sitter nodes: their `parent` is their own tree's root. What reads
 * the root (the engine's module facts and file rules, scopes, renames, hover, snapshots) sees one
 * module of those statements in order.
 */
import type { Language, Point, Tree, Node as TreeSitterNode } from 'web-tree-sitter';
import { lineStarts, positionAt } from './positions';
import type { Node, NodeCursor } from './syntax-types';

/** Ids of roots made here: negative, so that they never meet a tree-sitter node's id. */
let lastRootId = 0;

class StatementsRoot implements Node {
  readonly id = --lastRootId;
  readonly type = 'module';
  readonly isNamed = true;
  readonly isMissing = false;
  readonly isError = false;
  readonly isExtra = false;
  readonly parent = null;
  readonly nextSibling = null;
  readonly previousSibling = null;
  readonly nextNamedSibling = null;
  readonly previousNamedSibling = null;
  private named: TreeSitterNode[] | undefined;
  private errors: boolean | undefined;
  private points: { start: Point; end: Point } | undefined;

  constructor(
    readonly children: TreeSitterNode[],
    private readonly source: string,
    readonly startIndex: number,
    readonly tree: Tree,
  ) {}

  get typeId(): number {
    return this.tree.language.idForNodeType('module', true) ?? 0;
  }

  get endIndex(): number {
    return this.source.length;
  }

  get text(): string {
    return this.source.slice(this.startIndex);
  }

  get startPosition(): Point {
    return this.positions().start;
  }

  get endPosition(): Point {
    return this.positions().end;
  }

  // Each read is a call into WebAssembly per statement: only when asked, once.
  get hasError(): boolean {
    this.errors ??= this.children.some((node) => node.hasError);
    return this.errors;
  }

  get namedChildren(): TreeSitterNode[] {
    this.named ??= this.children.filter((node) => node.isNamed);
    return this.named;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get firstChild(): TreeSitterNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): TreeSitterNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get firstNamedChild(): TreeSitterNode | null {
    return this.namedChildren[0] ?? null;
  }

  get lastNamedChild(): TreeSitterNode | null {
    return this.namedChildren[this.namedChildren.length - 1] ?? null;
  }

  child(index: number): TreeSitterNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): TreeSitterNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(): null {
    return null;
  }

  childrenForFieldName(): TreeSitterNode[] {
    return [];
  }

  fieldNameForChild(): null {
    return null;
  }

  descendantsOfType(types: string | string[], startPosition?: Point, endPosition?: Point): TreeSitterNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    return this.children.flatMap((node) => [
      ...(wanted.includes(node.type) ? [node] : []),
      ...node.descendantsOfType(types, startPosition, endPosition).filter((found) => found !== null),
    ]);
  }

  /** The smallest node spanning `start`..`end`: searched in the statement that spans them, else the root. */
  descendantForIndex(start: number, end = start): Node | null {
    const unit = this.children.find((node) => node.startIndex <= start && end <= node.endIndex);
    return unit ? unit.descendantForIndex(start, end) : this;
  }

  descendantForPosition(start: Point, end = start): Node | null {
    const unit = this.children.find(
      (node) => !isBefore(start, node.startPosition) && !isBefore(node.endPosition, end),
    );
    return unit ? unit.descendantForPosition(start, end) : this;
  }

  walk(): NodeCursor {
    return new StatementsCursor(this);
  }

  toString(): string {
    return `(module${this.children.map((node) => ` ${node.toString()}`).join('')})`;
  }

  private positions(): { start: Point; end: Point } {
    if (!this.points) {
      const starts = lineStarts(this.source);
      const point = (offset: number): Point => {
        const { line, character } = positionAt(starts, offset);
        return { row: line, column: character };
      };
      this.points = { start: point(this.startIndex), end: point(this.source.length) };
    }
    return this.points;
  }
}

function isBefore(a: Point, b: Point): boolean {
  return a.row < b.row || (a.row === b.row && a.column < b.column);
}

/** A cursor over a `StatementsRoot`: the root, then each statement's own tree-sitter cursor. */
class StatementsCursor implements NodeCursor {
  /** The statement the cursor is in (-1: on the root), its cursor, and how deep in it. */
  private index = -1;
  private inner: ReturnType<TreeSitterNode['walk']> | undefined;
  private depth = 0;

  constructor(private readonly root: StatementsRoot) {}

  get nodeType(): string {
    return this.inner ? this.inner.nodeType : this.root.type;
  }

  get nodeTypeId(): number {
    return this.inner ? this.inner.nodeTypeId : this.root.typeId;
  }

  get nodeIsNamed(): boolean {
    return this.inner ? this.inner.nodeIsNamed : true;
  }

  get nodeIsMissing(): boolean {
    return this.inner ? this.inner.nodeIsMissing : false;
  }

  get nodeId(): number {
    return this.inner ? this.inner.nodeId : this.root.id;
  }

  get startIndex(): number {
    return this.inner ? this.inner.startIndex : this.root.startIndex;
  }

  get endIndex(): number {
    return this.inner ? this.inner.endIndex : this.root.endIndex;
  }

  get currentFieldName(): string | null {
    return this.inner && this.depth > 0 ? this.inner.currentFieldName : null;
  }

  get currentNode(): Node {
    return this.inner ? this.inner.currentNode : this.root;
  }

  gotoFirstChild(): boolean {
    if (this.inner) {
      const moved = this.inner.gotoFirstChild();
      if (moved) this.depth++;
      return moved;
    }
    return this.enter(0);
  }

  gotoNextSibling(): boolean {
    if (!this.inner) return false;
    if (this.depth > 0) return this.inner.gotoNextSibling();
    return this.enter(this.index + 1);
  }

  gotoParent(): boolean {
    if (!this.inner) return false;
    if (this.depth > 0) {
      this.depth--;
      return this.inner.gotoParent();
    }
    this.leave();
    return true;
  }

  delete(): void {
    this.leave();
  }

  private enter(index: number): boolean {
    const node = this.root.children[index];
    if (!node) return false;
    this.leave();
    this.index = index;
    this.inner = node.walk();
    this.depth = 0;
    return true;
  }

  private leave(): void {
    this.inner?.delete();
    this.inner = undefined;
    this.index = -1;
    this.depth = 0;
  }
}

/**
 * A tree whose root is a module of `statements` (in text order, of trees parsed from `source`),
 * starting at `startIndex`. `release` is what deleting it does (the statements' trees are the
 * caller's unless it hands them over there).
 */
export function statementsTree(
  statements: TreeSitterNode[],
  source: string,
  startIndex: number,
  language: Language,
  release: () => void = () => {},
): Tree {
  const tree = { language, delete: release } as { language: Language; delete(): void; rootNode?: Node };
  tree.rootNode = new StatementsRoot(statements, source, startIndex, tree as unknown as Tree);
  // A structural stand-in for web-tree-sitter's Tree (its private members make it nominal).
  return tree as unknown as Tree;
}

/** The top-level statements of a tree: a root tree-sitter could not read as a module is one `ERROR` statement. */
export function statementsOf(root: TreeSitterNode): TreeSitterNode[] {
  if (root.type !== 'module') return [root];
  return root.children.filter((node): node is TreeSitterNode => node !== null);
}
