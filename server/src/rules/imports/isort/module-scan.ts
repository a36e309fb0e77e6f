import type { Node, Position } from '../../../engine/types';
import { statementsMentioning } from '../../statements-mentioning';
import { absolutePosition, relativePosition } from '../../unit-positions';
import type { CommentInfo } from './comments';
import type { SourceText } from './text';

/** `FileContext.memo`: a value computed from one top-level statement, reused while its text is unchanged. */
export type UnitMemoFn = <T>(unit: Node, slot: string, compute: (unit: Node) => T) => T;

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** An import statement in a body I001 can read (see `inReadableBody`); offsets relative to its unit. */
interface UnitImport {
  start: number;
  end: number;
  startPosition: Position;
  endPosition: Position;
  hasError: boolean;
  /** In a compound statement's body rather than at module level. */
  nested: boolean;
  /** Nested only: the statement before it in its body (comments aside) is the previous import statement. */
  followsPrevious: boolean;
}

/** An import statement of the module, with absolute offsets; `ModuleScan` gives its positions. */
export interface ImportStatement {
  start: number;
  end: number;
  /** The index of its top-level statement. */
  unit: number;
  found: UnitImport;
}

/** What I001 needs from one top-level statement; offsets relative to its start (see `relativePosition`). */
interface UnitScan {
  type: string;
  definition: DefinitionKind;
  imports: UnitImport[];
  /** The comments that mention `isort` (the only ones that can be action comments). */
  comments: CommentInfo[];
}

export type DefinitionKind = 'class' | 'function' | undefined;

/**
 * The module as I001 reads it on every keystroke: its top-level statements, and, from those whose
 * text mentions `import` or `isort`, the import statements and action comments, each statement's
 * share kept in `memo` so that only edited statements are read from the tree again.
 */
export class ModuleScan {
  readonly units: Node[];
  private readonly scans = new Map<number, UnitScan>();
  private readonly types = new Map<number, string>();
  private readonly withImports: number[];
  private readonly withComments: number[];

  constructor(
    readonly root: Node,
    readonly text: SourceText,
    private readonly memo: UnitMemoFn,
  ) {
    this.units = root.namedChildren.filter((n): n is Node => n !== null);
    this.withImports = statementsMentioning(this.units, text.text, 'import', true);
    this.withComments = statementsMentioning(this.units, text.text, 'isort');
  }

  /** The readable import statements of the module, in source order. */
  importStatements(): ImportStatement[] {
    const statements: ImportStatement[] = [];
    for (const index of this.withImports) {
      const base = this.units[index].startIndex;
      for (const found of this.scan(index).imports)
        statements.push({ start: found.start + base, end: found.end + base, unit: index, found });
    }
    return statements;
  }

  startPosition(statement: ImportStatement): Position {
    return absolutePosition(statement.found.startPosition, this.units[statement.unit].startPosition);
  }

  endPosition(statement: ImportStatement): Position {
    return absolutePosition(statement.found.endPosition, this.units[statement.unit].startPosition);
  }

  /** The comments mentioning `isort`, in source order, with absolute offsets. */
  isortComments(): CommentInfo[] {
    const comments: CommentInfo[] = [];
    for (const index of this.withComments) {
      const base = this.units[index].startIndex;
      for (const c of this.scan(index).comments)
        comments.push({ start: c.start + base, end: c.end + base, text: c.text });
    }
    return comments;
  }

  /** The top-level statement before `index`, comments aside. */
  previousStatement(index: number): number | undefined {
    for (let i = index - 1; i >= 0; i--) if (this.typeOf(i) !== 'comment') return i;
    return undefined;
  }

  /**
   * The top-level statement after `index`, comments aside, as tree-sitter's `nextNamedSibling`
   * finds it: a zero-width node (an empty ERROR) where the previous one ends is passed over.
   */
  nextStatement(index: number): number | undefined {
    let from = this.units[index].endIndex;
    for (let i = index + 1; i < this.units.length; i++) {
      const end = this.units[i].endIndex;
      if (end <= from) continue;
      if (this.typeOf(i) !== 'comment') return i;
      from = end;
    }
    return undefined;
  }

  definitionKind(index: number): DefinitionKind {
    return this.scans.get(index)?.definition ?? definitionKind(this.units[index]);
  }

  /** The statement node of an import found by `importStatements` (for the costly path: an edited block). */
  node(statement: ImportStatement): Node | undefined {
    let node: Node | null = this.units[statement.unit].descendantForIndex(statement.start, statement.end);
    while (node && !(IMPORT_TYPES.has(node.type) && node.startIndex === statement.start)) node = node.parent;
    return node ?? undefined;
  }

  /**
   * The leading whitespace of the first indented block's first statement (Ruff's stylist), or
   * undefined when no block has one.
   */
  firstBlockIndentation(): string | undefined {
    for (const unit of this.units) {
      const found = this.memo(unit, 'indent', (copy) => blockIndentation(copy, this.text, copy.startIndex));
      // A statement indented at module level depends on what precedes it on its line: not memoised.
      const indentation = found === CONTEXTUAL ? blockIndentation(unit, this.text) : found;
      if (indentation !== undefined && indentation !== CONTEXTUAL) return indentation;
    }
    return undefined;
  }

  private typeOf(index: number): string {
    const scanned = this.scans.get(index)?.type;
    if (scanned !== undefined) return scanned;
    let type = this.types.get(index);
    if (type === undefined) {
      type = this.units[index].type;
      this.types.set(index, type);
    }
    return type;
  }

  private scan(index: number): UnitScan {
    let scan = this.scans.get(index);
    if (!scan) {
      const unit = this.units[index];
      scan = this.memo(unit, 'scan', (copy) => scanUnit(copy, this.text.text));
      this.scans.set(index, scan);
    }
    return scan;
  }
}

function scanUnit(unit: Node, source: string): UnitScan {
  const base = unit.startIndex;
  const origin = unit.startPosition;
  const text = source.slice(base, unit.endIndex);
  const type = unit.type;
  const imports: UnitImport[] = [];
  let previous: Node | undefined;
  // Each import statement has exactly one `import` keyword: find the keywords in the text rather
  // than walking the statement's tree.
  for (const match of text.matchAll(/\bimport\b/g)) {
    const at = base + match.index;
    const node = unit.descendantForIndex(at, at + 5)?.parent;
    if (!node || !IMPORT_TYPES.has(node.type) || !inReadableBody(node, unit)) continue;
    // Only the unit itself is a module-level statement (the module is the root, see `findUnsortedBlocks`).
    const nested = node.id !== unit.id;
    imports.push({
      start: node.startIndex - base,
      end: node.endIndex - base,
      startPosition: relativePosition(node.startPosition, origin),
      endPosition: relativePosition(node.endPosition, origin),
      hasError: node.hasError,
      nested,
      followsPrevious: nested && previous !== undefined && previousSibling(node)?.id === previous.id,
    });
    previous = node;
  }
  const comments: CommentInfo[] = [];
  if (text.includes('isort')) {
    const nodes = type === 'comment' ? [unit] : unit.descendantsOfType('comment');
    for (const node of nodes) {
      if (!node) continue;
      const body = node.text.replace(/\r$/, '');
      if (!body.includes('isort')) continue;
      comments.push({ start: node.startIndex - base, end: node.startIndex - base + body.length, text: body });
    }
  }
  return { type, definition: definitionKind(unit), imports, comments };
}

/**
 * A statement of the module or of a block, none of whose enclosing statements failed to parse.
 * Ancestors are read up to the unit only: a memoised value may not depend on the tree around it.
 */
function inReadableBody(node: Node, unit: Node): boolean {
  if (node.id === unit.id) return true;
  const parent = node.parent;
  if (parent?.type !== 'block') return false;
  for (let ancestor: Node | null = parent; ancestor; ancestor = ancestor.parent) {
    if (ancestor.type === 'ERROR') return false;
    if (ancestor.type !== 'block' && ancestor.hasError) return false;
    if (ancestor.id === unit.id) break;
  }
  return true;
}

function previousSibling(node: Node): Node | null {
  let sibling = node.previousNamedSibling;
  while (sibling && sibling.type === 'comment') sibling = sibling.previousNamedSibling;
  return sibling;
}

function definitionKind(node: Node): DefinitionKind {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (definition?.type === 'function_definition') return 'function';
  if (definition?.type === 'class_definition') return 'class';
  return undefined;
}

/** Marks a unit whose indentation cannot be told from its own text. */
const CONTEXTUAL = '\u0000contextual';

/**
 * The leading whitespace of the first statement of the first block (in tree order) of `unit`
 * whose first statement starts its line after whitespace only. With `boundary` (the unit's start),
 * a statement on the unit's first line preceded by whitespace only gives `CONTEXTUAL`: what comes
 * before the unit on that line decides, and a memoised value may not depend on it.
 */
function blockIndentation(unit: Node, text: SourceText, boundary?: number): string | undefined {
  const source = text.text;
  const cursor = unit.walk();
  try {
    for (;;) {
      if (cursor.nodeType === 'block') {
        const first = cursor.currentNode.namedChildren.find((c) => c && c.type !== 'comment');
        if (first) {
          const lineStart = text.lineStart(first.startIndex);
          if (boundary !== undefined && lineStart < boundary) {
            if (/^[ \t\f]*$/.test(source.slice(boundary, first.startIndex))) return CONTEXTUAL;
          } else {
            const leading = source.slice(lineStart, first.startIndex);
            if (leading.length > 0 && /^[ \t\f]*$/.test(leading)) {
              const afterFormFeed = leading.lastIndexOf('\f');
              return afterFormFeed >= 0 ? leading.slice(afterFormFeed + 1) : leading;
            }
          }
        }
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
      }
    }
  } finally {
    cursor.delete();
  }
}
