import type { Node } from '../../../engine/types';
import { type SourceText, trimPythonWhitespace, universalLines, withoutTerminator } from './text';

export interface CommentInfo {
  start: number;
  end: number;
  text: string;
}

/**
 * The comments of the file, or of the offsets `[start, end)`, in source order (tree-sitter's
 * comment text may end with `\r` on CRLF files; that is not part of the comment).
 */
export function collectComments(
  root: Node,
  text: SourceText,
  start = 0,
  end = text.text.length,
): CommentInfo[] {
  const from = text.position(start);
  const to = text.position(end);
  const nodes = root.descendantsOfType(
    'comment',
    { row: from.line, column: from.character },
    { row: to.line, column: to.character },
  );
  const comments: CommentInfo[] = [];
  for (const node of nodes) {
    if (!node || node.startIndex < start) continue;
    const body = node.text.replace(/\r$/, '');
    if (node.startIndex + body.length > end) continue;
    comments.push({ start: node.startIndex, end: node.startIndex + body.length, text: body });
  }
  return comments;
}

export interface IsortDirectives {
  /** Half-open offset ranges in which imports are not sorted (`# isort: skip`, `off`/`on`). */
  exclusions: Array<readonly [number, number]>;
  /** Offsets of `# isort: split` comments. */
  splits: number[];
  skipFile: boolean;
}

const SKIP_FILE = new Set([
  '# isort: skip_file',
  '# isort:skip_file',
  '# ruff: isort: skip_file',
  '# ruff: isort:skip_file',
]);

/** The action comments Ruff honours for import sorting. */
export function isortDirectives(comments: readonly CommentInfo[], text: SourceText): IsortDirectives {
  const exclusions: Array<readonly [number, number]> = [];
  const splits: number[] = [];
  let off: number | undefined;
  for (const comment of comments) {
    const body = comment.text.trimEnd();
    if (body === '# isort: split' || body === '# ruff: isort: split') splits.push(comment.start);
    else if (SKIP_FILE.has(body)) return { exclusions: [], splits: [], skipFile: true };
    else if (off !== undefined) {
      if (body === '# isort: on' || body === '# ruff: isort: on') {
        exclusions.push([off, comment.start]);
        off = undefined;
      }
    } else if (body.includes('isort: skip') || body.includes('isort:skip')) {
      exclusions.push([text.lineStart(comment.start), text.lineEnd(comment.start)]);
    } else if (body === '# isort: off' || body === '# ruff: isort: off') {
      off = comment.start;
    }
  }
  if (off !== undefined) exclusions.push([off, text.text.length]);
  return { exclusions, splits, skipFile: false };
}

export type Trailer = 'sibling' | 'class' | 'function';

export interface ImportBlock {
  nested: boolean;
  imports: Node[];
  trailer?: Trailer;
}

const IMPORT_TYPES = ['import_statement', 'import_from_statement', 'future_import_statement'];

/**
 * Splits the file into import blocks the way Ruff's isort does: consecutive import statements in
 * one body form a block; any other statement, a `# isort: split` comment, the end of a body, or an
 * excluded import ends it. Blocks inside compound statements are "nested" (no trailer).
 *
 * Ruff walks every statement; here the imports are found by the parser's own search and grouped by
 * sibling order, which gives the same blocks without visiting the rest of the file.
 */
export function findImportBlocks(
  root: Node,
  text: SourceText,
  directives: IsortDirectives,
  isStub: boolean,
): ImportBlock[] {
  const blocks: ImportBlock[] = [];
  let current: ImportBlock | undefined;
  const finish = () => {
    if (!current) return;
    const last = current.imports[current.imports.length - 1];
    current.trailer = current.nested ? undefined : trailerFor(nextStatement(last), text, isStub);
    blocks.push(current);
    current = undefined;
  };
  for (const node of importStatements(root, text)) {
    if (!inReadableBody(node)) continue;
    if (node.hasError || isExcluded(node.startIndex, directives)) {
      finish();
      continue;
    }
    const last = current?.imports[current.imports.length - 1];
    if (
      current &&
      last &&
      previousStatement(node)?.id === last.id &&
      !splitBetween(last.endIndex, node.startIndex, directives)
    ) {
      current.imports.push(node);
      continue;
    }
    finish();
    current = { nested: node.parent?.type !== 'module', imports: [node] };
  }
  finish();
  return blocks;
}

/**
 * The import statements of the file in source order, found from the `import` keywords in the text
 * (each statement has exactly one): searching the whole tree on every keystroke was I001's main cost.
 */
function importStatements(root: Node, text: SourceText): Node[] {
  const statements: Node[] = [];
  for (const match of text.text.matchAll(/\bimport\b/g)) {
    const statement = root.descendantForIndex(match.index, match.index + 5)?.parent;
    if (statement && IMPORT_TYPES.includes(statement.type)) statements.push(statement);
  }
  return statements;
}

function isExcluded(start: number, directives: IsortDirectives): boolean {
  return directives.exclusions.some(([s, e]) => s <= start && start < e);
}

function splitBetween(from: number, to: number, directives: IsortDirectives): boolean {
  return directives.splits.some((split) => split > from && split <= to);
}

/** A statement of the module or of a block, none of whose enclosing statements failed to parse. */
function inReadableBody(node: Node): boolean {
  const parent = node.parent;
  if (!parent || (parent.type !== 'module' && parent.type !== 'block')) return false;
  for (let ancestor: Node | null = parent; ancestor; ancestor = ancestor.parent) {
    if (ancestor.type === 'ERROR') return false;
    if (ancestor.type !== 'block' && ancestor.type !== 'module' && ancestor.hasError) return false;
  }
  return true;
}

function previousStatement(node: Node): Node | null {
  let sibling = node.previousNamedSibling;
  while (sibling && sibling.type === 'comment') sibling = sibling.previousNamedSibling;
  return sibling;
}

function nextStatement(node: Node): Node | null {
  let sibling = node.nextNamedSibling;
  while (sibling && sibling.type === 'comment') sibling = sibling.nextNamedSibling;
  return sibling;
}

/** What follows a module-level block: two blank lines before a definition, one before anything else. */
function trailerFor(next: Node | null, text: SourceText, isStub: boolean): Trailer | undefined {
  if (!next) return undefined;
  if (isStub) return 'sibling';
  const kind = definitionKind(next);
  if (!kind || hasCommentBreak(next.startIndex, text)) return 'sibling';
  return kind;
}

function definitionKind(node: Node): 'class' | 'function' | undefined {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (definition?.type === 'function_definition') return 'function';
  if (definition?.type === 'class_definition') return 'class';
  return undefined;
}

/**
 * Whether a comment, then a blank line, separate the definition from what precedes it: then the
 * imports are followed by a "sibling" (one blank line) rather than a definition (two).
 */
export function hasCommentBreak(start: number, text: SourceText): boolean {
  let seenBlank = false;
  // Walk the lines above the statement upwards, without splitting the whole prefix.
  for (let line = text.lineIndex(start) - 1; line >= 0; line--) {
    const raw = text.text.slice(text.starts[line], text.starts[line + 1] ?? text.text.length);
    const content = trimPythonWhitespace(withoutTerminator(raw));
    if (seenBlank) {
      if (content.startsWith('#')) return true;
      if (content !== '') break;
    } else if (content === '') seenBlank = true;
    else if (content.startsWith('#') || content.startsWith('@')) continue;
    else break;
  }
  return false;
}

/**
 * The file's indentation unit as Ruff's stylist detects it: the leading whitespace of the first
 * indented block, else of the first indented continuation line, else four spaces.
 */
export function detectIndentation(root: Node, text: SourceText): string {
  for (const block of blocksInOrder(root)) {
    const first = block.namedChildren.find((c) => c && c.type !== 'comment');
    if (!first) continue;
    const lineStart = text.lineStart(first.startIndex);
    const leading = text.text.slice(lineStart, first.startIndex);
    if (leading.length === 0 || !/^[ \t\f]*$/.test(leading)) continue;
    const afterFormFeed = leading.lastIndexOf('\f');
    return afterFormFeed >= 0 ? leading.slice(afterFormFeed + 1) : leading;
  }
  const lines = universalLines(text.text);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = withoutTerminator(lines[i]);
    const indent = /^\s+/.exec(line)?.[0];
    // A backslash continuation is not a new (non-logical) line for the tokenizer.
    const continued = i > 0 && withoutTerminator(lines[i - 1]).endsWith('\\');
    if (
      i > 0 &&
      !continued &&
      indent &&
      indent.length < line.length &&
      !insideString(root, offset + indent.length)
    ) {
      return indent;
    }
    offset += lines[i].length;
  }
  return '    ';
}

/**
 * The `block` nodes in source order, found lazily: the first one usually settles the indentation,
 * and collecting every block of a large file on each keystroke was a large part of I001's time.
 */
function* blocksInOrder(root: Node): Generator<Node> {
  const cursor = root.walk();
  try {
    for (;;) {
      if (cursor.nodeType === 'block') yield cursor.currentNode;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

function insideString(root: Node, offset: number): boolean {
  const node = root.descendantForIndex(offset);
  return node?.type === 'string_content' || node?.type === 'string' || node?.parent?.type === 'string';
}
