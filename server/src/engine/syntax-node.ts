import type { Tree, Node as TreeSitterNode } from 'web-tree-sitter';
import { positionAt } from './positions';
import type { Node, NodeCursor, Point } from './syntax-types';
import { copyCursor } from './wasm-cursor';

export type { Node, NodeCursor, Point } from './syntax-types';

/**
 * What the nodes of one snapshot share: the text tree-sitter read, the tree, and the line starts
 * of the copied range (positions are worked out from offsets, not asked of tree-sitter).
 */
class SnapshotSource {
  private lineStarts: number[] | undefined;
  private rootParent: { of: TreeSitterNode; parent: Node | null } | undefined;
  /**
   * The copy's strings and comments in document order, by type, recorded as it was made: set only
   * on a copy made whole at once (no subtree left to copy when read), rooted at `indexedRoot`.
   */
  index: ReadonlyMap<string, readonly SnapshotNode[]> | undefined;
  indexedRoot: SnapshotNode | undefined;

  /**
   * @param text the text tree-sitter read, or the part of it from `textOffset` on
   * @param start,end,startPoint where the copied node is
   */
  constructor(
    private readonly text: string,
    private readonly textOffset: number,
    readonly tree: Tree,
    private readonly start: number,
    private readonly end: number,
    private readonly startPoint: Point,
  ) {}

  /**
   * The parent of a copy's root in the tree (tree-sitter makes a new node at each call, and rules
   * walking up reach the root often): asked once. Kept here, not on every node, to keep nodes small.
   */
  parentOf(origin: TreeSitterNode): Node | null {
    if (this.rootParent?.of !== origin) this.rootParent = { of: origin, parent: origin.parent };
    return this.rootParent.parent;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start - this.textOffset, end - this.textOffset);
  }

  /** The offset of a point inside the copied range. */
  offset(point: Point): number {
    const starts = this.starts();
    const line = Math.min(Math.max(point.row - this.startPoint.row, 0), starts.length - 1);
    return starts[line] + point.column;
  }

  point(index: number): Point {
    const { line, character } = positionAt(this.starts(), index);
    return { row: this.startPoint.row + line, column: character };
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [this.start - this.startPoint.column];
    const { text, textOffset } = this;
    const end = this.end - textOffset;
    for (
      let i = text.indexOf('\n', this.start - textOffset);
      i >= 0 && i < end;
      i = text.indexOf('\n', i + 1)
    )
      starts.push(i + 1 + textOffset);
    this.lineStarts = starts;
    return starts;
  }
}

/**
 * The children lists of a copy are read-only by type, not frozen: V8 (Node 20) reads a frozen
 * array's elements several times slower, and iterates one with an allocation per step (measured: a
 * `for...of` over a five-element frozen array six times slower), and every rule reads children.
 */
const NO_NODES: readonly SnapshotNode[] = [];
const ZERO_POINT: Point = { row: 0, column: 0 };

function isAtOrBefore(a: Point, b: Point): boolean {
  return a.row < b.row || (a.row === b.row && a.column <= b.column);
}

const NAMED = 1;
const MISSING = 2;
const HAS_ERROR = 4;
/** `SnapshotNode.treeNode` is the node whose children are still to be copied. */
const PENDING = 8;
/** `SnapshotNode.treeNode` is the copy's root's own tree-sitter node. */
const ROOT = 16;
const FLAG_BITS = 31;
/** `indexInParent` is kept in the bits above the flags (a node has far fewer than 2^26 children). */
const INDEX_UNIT = 32;

/**
 * A node copied out of the tree. Its subtree is copied with it, except below nodes the caller
 * asked to leave out (`lazy`): those are copied when first read. The copy's root answers `parent`
 * and its siblings with tree-sitter's own nodes, so a rule can still look outside the copy.
 */
export class SnapshotNode implements Node {
  /**
   * The flags (`NAMED` to `ROOT`) and, above them, `indexInParent`, in one field: a copy holds every
   * node of the file (a 50k-line file's opening: about a million), and each field is 8 bytes of each.
   */
  private bits: number;
  parentNode: SnapshotNode | null = null;
  fieldName: string | null = null;
  /** `pending` or `origin` (the same node where both): one field for two that are rarely set. */
  private treeNode: TreeSitterNode | null = null;
  private childList: readonly SnapshotNode[] = NO_NODES;
  private namedList: readonly SnapshotNode[] | undefined;

  constructor(
    readonly source: SnapshotSource,
    readonly id: number,
    readonly type: string,
    isNamed: boolean,
    isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {
    this.bits = (isNamed ? NAMED : 0) | (isMissing ? MISSING : 0);
  }

  get isNamed(): boolean {
    return (this.bits & NAMED) !== 0;
  }
  get isMissing(): boolean {
    return (this.bits & MISSING) !== 0;
  }
  get hasError(): boolean {
    return (this.bits & HAS_ERROR) !== 0;
  }
  set hasError(value: boolean) {
    this.setFlag(HAS_ERROR, value);
  }

  /** Where the node is among its parent's children. */
  get indexInParent(): number {
    return Math.floor(this.bits / INDEX_UNIT);
  }
  set indexInParent(index: number) {
    this.bits = (this.bits & FLAG_BITS) + index * INDEX_UNIT;
  }

  /** The tree-sitter node this one was copied from, kept only where children are still to be copied. */
  get pending(): TreeSitterNode | null {
    return (this.bits & PENDING) !== 0 ? this.treeNode : null;
  }
  set pending(node: TreeSitterNode | null) {
    this.setTreeNode(PENDING, node);
  }

  /** The tree-sitter node of a snapshot's root (for `parent` and siblings outside the copy). */
  get origin(): TreeSitterNode | null {
    return (this.bits & ROOT) !== 0 ? this.treeNode : null;
  }
  set origin(node: TreeSitterNode | null) {
    this.setTreeNode(ROOT, node);
  }

  private setFlag(flag: number, value: boolean): void {
    this.bits = value ? this.bits | flag : this.bits & ~flag;
  }

  /** `pending` and `origin` are the same node where both are set: the root of a copy, copied lazily. */
  private setTreeNode(flag: typeof PENDING | typeof ROOT, node: TreeSitterNode | null): void {
    this.setFlag(flag, node !== null);
    if (node) this.treeNode = node;
    else if ((this.bits & (PENDING | ROOT)) === 0) this.treeNode = null;
  }

  get tree(): Tree {
    return this.source.tree;
  }
  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
  get startPosition(): Point {
    // Not kept: rules read the positions of about one node in nine (the corpus, all rules), and two
    // fields on every node cost more than finding them again (a search in the statement's lines).
    return this.source.point(this.startIndex);
  }
  get endPosition(): Point {
    return this.source.point(this.endIndex);
  }
  get children(): readonly SnapshotNode[] {
    return this.kids();
  }
  get namedChildren(): readonly SnapshotNode[] {
    this.namedList ??= namedOf(this.kids());
    return this.namedList;
  }
  get childCount(): number {
    return this.kids().length;
  }
  get namedChildCount(): number {
    return this.namedChildren.length;
  }
  get parent(): Node | null {
    if (this.parentNode) return this.parentNode;
    return this.origin ? this.source.parentOf(this.origin) : null;
  }
  get firstChild(): Node | null {
    return this.kids()[0] ?? null;
  }
  get lastChild(): Node | null {
    const kids = this.kids();
    return kids[kids.length - 1] ?? null;
  }
  get firstNamedChild(): Node | null {
    return this.namedChildren[0] ?? null;
  }
  get lastNamedChild(): Node | null {
    const named = this.namedChildren;
    return named[named.length - 1] ?? null;
  }
  get nextSibling(): Node | null {
    if (!this.parentNode) return this.origin?.nextSibling ?? null;
    return this.sibling(1, false);
  }
  get previousSibling(): Node | null {
    if (!this.parentNode) return this.origin?.previousSibling ?? null;
    return this.sibling(-1, false);
  }
  get nextNamedSibling(): Node | null {
    if (!this.parentNode) return this.origin?.nextNamedSibling ?? null;
    return this.sibling(1, true);
  }
  get previousNamedSibling(): Node | null {
    if (!this.parentNode) return this.origin?.previousNamedSibling ?? null;
    return this.sibling(-1, true);
  }

  /** As tree-sitter does, siblings of no width (tokens the parser made up) are passed over. */
  private sibling(step: 1 | -1, named: boolean): Node | null {
    const siblings = (this.parentNode as SnapshotNode).kids();
    for (let i = this.indexInParent + step; i >= 0 && i < siblings.length; i += step) {
      const sibling = siblings[i];
      if (sibling.startIndex === sibling.endIndex) continue;
      if (!named || sibling.isNamed) return sibling;
    }
    return null;
  }

  child(index: number): Node | null {
    return this.kids()[index] ?? null;
  }
  namedChild(index: number): Node | null {
    return this.namedChildren[index] ?? null;
  }
  childForFieldName(fieldName: string): Node | null {
    // Indexed, not for-of: this runs for most nodes, and an iterator costs an allocation per step.
    const kids = this.kids();
    for (let i = 0; i < kids.length; i++) if (kids[i].fieldName === fieldName) return kids[i];
    return null;
  }
  childrenForFieldName(fieldName: string): Node[] {
    return this.kids().filter((child) => child.fieldName === fieldName);
  }
  fieldNameForChild(index: number): string | null {
    return this.kids()[index]?.fieldName ?? null;
  }

  /**
   * Like tree-sitter's: this node and its descendants of the types, in document order (never
   * `ERROR` nodes, which tree-sitter's type table does not name), within the points when given:
   * nodes ending at or before `startPosition` and those from `endPosition` on are left out.
   */
  descendantsOfType(types: string | string[], startPosition?: Point, endPosition?: Point): Node[] {
    const wanted = (typeof types === 'string' ? [types] : types).filter((type) => type !== 'ERROR');
    const from = startPosition ?? ZERO_POINT;
    const until = endPosition && (endPosition.row > 0 || endPosition.column > 0) ? endPosition : undefined;
    if (from.row === 0 && from.column === 0 && !until) {
      const indexed = wanted.length === 1 ? this.indexed(wanted[0]) : undefined;
      return indexed ?? this.allDescendantsOfType(wanted);
    }
    const found: Node[] = [];
    const pending: SnapshotNode[] = [this];
    while (pending.length > 0) {
      const node = pending.pop() as SnapshotNode;
      if (isAtOrBefore(node.endPosition, from) && node !== this) continue;
      if (until && isAtOrBefore(until, node.startPosition)) break;
      if (wanted.includes(node.type)) found.push(node);
      const kids = node.kids();
      for (let i = kids.length - 1; i >= 0; i--) pending.push(kids[i]);
    }
    return found;
  }

  /**
   * `allDescendantsOfType([type])` from the copy's index (see `SnapshotSource.index`), when this
   * node is the root of a copy that has one and `type` is indexed: no walk of the subtree.
   */
  private indexed(type: string): Node[] | undefined {
    if (this.source.indexedRoot !== this) return undefined;
    const nodes = this.source.index?.get(type);
    if (!nodes) return undefined;
    const found: Node[] = [];
    for (let i = 0; i < nodes.length; i++)
      if (nodes[i].endIndex !== 0 || nodes[i] === this) found.push(nodes[i]);
    return found;
  }

  /**
   * `descendantsOfType` without bounds, with no position worked out: only a descendant that ends
   * at the point (0, 0), offset 0, is left out.
   */
  private allDescendantsOfType(wanted: readonly string[]): Node[] {
    const found: Node[] = [];
    const pending: SnapshotNode[] = [this];
    while (pending.length > 0) {
      const node = pending.pop() as SnapshotNode;
      if (node.endIndex === 0 && node !== this) continue;
      if (wanted.includes(node.type)) found.push(node);
      const kids = node.kids();
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i];
        // A leaf not wanted is not worth a push (about half the nodes are tokens).
        if (kid.childList.length > 0 || kid.pending !== null || wanted.includes(kid.type)) pending.push(kid);
      }
    }
    return found;
  }

  /** Like tree-sitter's: the smallest node (named or not) that spans the range. */
  descendantForIndex(start: number, end = start): Node | null {
    let node: SnapshotNode = this;
    for (;;) {
      let next: SnapshotNode | undefined;
      const kids = node.kids();
      for (let i = 0; i < kids.length; i++) {
        const child = kids[i];
        if (child.endIndex < end) continue;
        const empty = child.startIndex === child.endIndex;
        if (empty ? child.endIndex < start : child.endIndex <= start) continue;
        if (start < child.startIndex) break;
        next = child;
        break;
      }
      if (!next) return node;
      node = next;
    }
  }

  /** Like tree-sitter's: `descendantForIndex` with rows and columns. */
  descendantForPosition(start: Point, end = start): Node | null {
    return this.descendantForIndex(this.source.offset(start), this.source.offset(end));
  }

  walk(): NodeCursor {
    return new SnapshotCursor(this);
  }

  /**
   * @internal Records that `unnamed` of the children just set are unnamed (called by the builder,
   * which counts them as it closes the node): the common cases need no `namedOf` pass later.
   */
  knowNamed(unnamed: number): void {
    if (unnamed === 0) this.namedList = this.childList;
    else if (unnamed === this.childList.length) this.namedList = NO_NODES;
  }

  /** @internal Adopts the copied children (called once, by the builder). */
  setChildren(children: SnapshotNode[]): void {
    this.childList = children;
  }

  private kids(): readonly SnapshotNode[] {
    if (this.pending) {
      const real = this.pending;
      this.pending = null;
      const copy = buildSnapshot(real, this.source, new Set());
      this.setChildren(copy.childList as SnapshotNode[]);
      for (const child of this.childList) child.parentNode = this;
    }
    return this.childList;
  }
}

/** The named ones of `kids` (read-only, as `kids` is): `kids` itself when all are, as is common. */
function namedOf(kids: readonly SnapshotNode[]): readonly SnapshotNode[] {
  let unnamed = 0;
  for (let i = 0; i < kids.length; i++) if (!kids[i].isNamed) unnamed++;
  if (unnamed === 0) return kids;
  if (unnamed === kids.length) return NO_NODES;
  // Made at its exact length (`filter`'s array holds at least 16 slots, and this one is kept), in one pass.
  const named = new Array<SnapshotNode>(kids.length - unnamed);
  for (let i = 0, j = 0; i < kids.length; i++) if (kids[i].isNamed) named[j++] = kids[i];
  return named;
}

class SnapshotCursor implements NodeCursor {
  private readonly path: SnapshotNode[];

  constructor(root: SnapshotNode) {
    this.path = [root];
  }

  private get node(): SnapshotNode {
    return this.path[this.path.length - 1];
  }
  get nodeType(): string {
    return this.node.type;
  }
  get nodeIsNamed(): boolean {
    return this.node.isNamed;
  }
  get nodeId(): number {
    return this.node.id;
  }
  get currentNode(): Node {
    return this.node;
  }
  gotoFirstChild(): boolean {
    const first = this.node.children[0];
    if (!first) return false;
    this.path.push(first);
    return true;
  }
  gotoNextSibling(): boolean {
    if (this.path.length < 2) return false;
    const parent = this.path[this.path.length - 2];
    const next = parent.children[this.node.indexInParent + 1];
    if (!next) return false;
    this.path[this.path.length - 1] = next;
    return true;
  }
  gotoParent(): boolean {
    if (this.path.length < 2) return false;
    this.path.pop();
    return true;
  }
  delete(): void {}
}

/**
 * What a copy reads of its language, per language: whether each node type is named (a property of
 * the type: asked once per type), and the type and field names as V8 keeps property names
 * (internalized). web-tree-sitter decodes its names out of wasm into plain strings, so every
 * `node.type === 'call'` of every rule compared characters; internalized ones compare by pointer
 * (measured: such comparisons two to three times faster).
 */
interface LanguageNames {
  /** Indexed by type id (16 bits; the ERROR symbol is the last). 0: not asked yet. */
  named: Int8Array;
  types: readonly (string | null | undefined)[];
  fields: readonly (string | null | undefined)[];
}
const languageNames = new WeakMap<object, LanguageNames>();
const NAMED_TYPE = 1;
const ANONYMOUS_TYPE = 2;

function namesOf(language: Tree['language']): LanguageNames {
  let names = languageNames.get(language);
  if (!names) {
    names = {
      named: new Int8Array(0x10000),
      types: language.types.map(internalized),
      fields: language.fields.map(internalized),
    };
    languageNames.set(language, names);
  }
  return names;
}

/** `name` as V8 keeps a property name (internalized); anything not a string as it is. */
function internalized<T>(name: T): T {
  if (typeof name !== 'string') return name;
  const holder: Record<string, true> = {};
  holder[name] = true;
  return Object.keys(holder)[0] as T;
}

/**
 * Copies `root`'s subtree out of tree-sitter: one cursor walk (see wasm-cursor.ts), a handful of
 * calls per node. Nodes whose id is in `lazy` are copied without their children (copied when
 * first read).
 */
function buildSnapshot(
  root: TreeSitterNode,
  source: SnapshotSource,
  lazy: ReadonlySet<number>,
  index?: TypeIndex,
): SnapshotNode {
  const top = copiedSubtree(root, source, lazy, index);
  top.origin = root;
  // Only once the cursor is deleted: the copy cursor forbids other calls into tree-sitter while open.
  if (root.hasError) copyErrorMarks(top, root);
  return top;
}

/**
 * The nodes of the types rules most often look for in a whole statement (`descendantsOfType`),
 * recorded by the copy in document order: asking for them then costs no walk of the copy.
 */
interface TypeIndex {
  readonly string: SnapshotNode[];
  readonly comment: SnapshotNode[];
}

/** The cursor walk of `buildSnapshot`: nothing but the cursor calls into tree-sitter in it. */
function copiedSubtree(
  root: TreeSitterNode,
  source: SnapshotSource,
  lazy: ReadonlySet<number>,
  index: TypeIndex | undefined,
): SnapshotNode {
  // Array look-ups per copied node, not a map's.
  const { named, types, fields } = namesOf(root.tree.language);
  const cursor = copyCursor(root);
  const stack: SnapshotNode[] = [];
  // The children copied so far of the open parents (`stack`), one after another; `firstChild[i]` is
  // where those of `stack[i]` start. Each list is cut out at its exact length when its parent closes:
  // an array grown by `push` holds at least 16 slots, and the copy lives as long as the analysis.
  const openChildren: SnapshotNode[] = [];
  const firstChild: number[] = [];
  let top: SnapshotNode | undefined;
  try {
    for (;;) {
      const typeId = cursor.typeId();
      let known = named[typeId];
      if (known === 0) {
        known = cursor.isNamed() ? NAMED_TYPE : ANONYMOUS_TYPE;
        named[typeId] = known;
      }
      const isNamed = known === NAMED_TYPE;
      const start = cursor.startIndex();
      const end = cursor.endIndex();
      const node = new SnapshotNode(
        source,
        cursor.nodeId(),
        types[typeId] || 'ERROR',
        isNamed,
        start === end && cursor.isMissing(),
        start,
        end,
      );
      node.hasError = node.type === 'ERROR' || node.isMissing;
      // Type names are internalized (see `namesOf`): these compare pointers.
      if (index !== undefined) {
        if (node.type === 'string') index.string.push(node);
        else if (node.type === 'comment') index.comment.push(node);
      }
      if (stack.length > 0) {
        node.fieldName = fields[cursor.fieldId()] ?? null;
        node.parentNode = stack[stack.length - 1];
        node.indexInParent = openChildren.length - firstChild[firstChild.length - 1];
        openChildren.push(node);
      } else top = node;
      const deferred = lazy.size > 0 && lazy.has(node.id);
      if (deferred) {
        const current = cursor.currentNode();
        node.pending = current.node;
        node.hasError = current.hasError;
      }
      if (!deferred && cursor.gotoFirstChild()) {
        stack.push(node);
        firstChild.push(openChildren.length);
        continue;
      }
      // Climb while there is no next sibling, closing the finished parents.
      while (!(stack.length > 0 && cursor.gotoNextSibling())) {
        if (stack.length === 0) return top as SnapshotNode;
        cursor.gotoParent();
        const parent = stack.pop() as SnapshotNode;
        const children = openChildren.splice(firstChild.pop() as number);
        parent.setChildren(children);
        // One pass for the error mark and the named children, while the children are at hand.
        let unnamed = 0;
        let childError = false;
        for (let i = 0; i < children.length; i++) {
          const child = children[i];
          if (!child.isNamed) unnamed++;
          if (child.hasError) childError = true;
        }
        if (childError) parent.hasError = true;
        parent.knowNamed(unnamed);
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * A snapshot of `node`'s subtree. `text` must be the text the tree was parsed from (its tree-sitter
 * view), or its part from `textOffset` on (at most from the node's start); `lazy` lists node ids
 * whose children are copied only when read.
 */
export function snapshotOf(
  node: TreeSitterNode,
  text: string,
  lazy: ReadonlySet<number> = new Set(),
  textOffset = 0,
): SnapshotNode {
  const { startIndex, endIndex, startPosition } = node;
  const source = new SnapshotSource(text, textOffset, node.tree, startIndex, endIndex, startPosition);
  // Indexed only when copied whole: a subtree copied later would be missing from the index.
  if (lazy.size > 0) return buildSnapshot(node, source, lazy);
  const index: TypeIndex = { string: [], comment: [] };
  const top = buildSnapshot(node, source, lazy, index);
  source.index = new Map([
    ['string', index.string],
    ['comment', index.comment],
  ]);
  source.indexedRoot = top;
  return top;
}

/**
 * Gives the copy tree-sitter's `hasError`, which also counts missing tokens no cursor visits (a
 * missing newline: `return import os`). The walk sees only ERROR and MISSING nodes; a module fact
 * or file-rule memo computed from the tree itself (a statement without a copy) must read the same
 * (found by fuzzing: I001 differed after an analysis in slices). Only nodes with errors are asked.
 */
function copyErrorMarks(copy: SnapshotNode, node: TreeSitterNode): void {
  const pending: Array<[SnapshotNode, TreeSitterNode]> = [[copy, node]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [snapshot, original] = next;
    snapshot.hasError = true;
    if (snapshot.pending) continue; // copied when read, with its own marks
    const children = original.children;
    snapshot.children.forEach((child, index) => {
      const counterpart = children[index];
      if (counterpart?.hasError) pending.push([child, counterpart]);
    });
  }
}

/**
 * A snapshot of the module `root` made of the snapshots already taken of its top-level statements
 * (`units`, one per child of `root`, in order): they are adopted as its children, not copied again.
 */
export function moduleSnapshot(
  root: TreeSitterNode,
  text: string,
  units: readonly SnapshotNode[],
): SnapshotNode {
  const { startIndex, endIndex, startPosition } = root;
  const source = new SnapshotSource(text, 0, root.tree, startIndex, endIndex, startPosition);
  const module = new SnapshotNode(
    source,
    root.id,
    namesOf(root.tree.language).types[root.typeId] || 'ERROR',
    true,
    false,
    startIndex,
    endIndex,
  );
  module.origin = root;
  module.hasError = root.hasError;
  units.forEach((unit, index) => {
    unit.parentNode = module;
    unit.indexInParent = index;
  });
  module.setChildren([...units]);
  return module;
}
