/**
 * Syntax errors as findings, read from tree-sitter's error recovery: `ERROR` nodes (tokens it could
 * not fit), `MISSING` nodes (a token it assumed), and what its grammar accepts but Python does
 * not: an empty block, statements of one block at different columns, an indented top-level
 * statement, a `try` without handlers. Computed per top-level statement (and per
 * method of a class) with the unit's other findings, so they are cached and reused like them.
 *
 * They carry the pseudo-code `E999` (pycodestyle's and, before it made them always-on, Ruff's code
 * for syntax errors) so that every output names them the same way; unlike a rule they cannot be
 * selected, ignored or suppressed with `# noqa`, and their severity is always `error`.
 */
import type { Finding, Node, Position, Range } from './types';

export const SYNTAX_ERROR_CODE = 'E999';

const OPENING = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);

/** Keywords that start a compound statement, whose header ends with `:`. */
const COMPOUND_KEYWORDS = new Set([
  'def',
  'class',
  'if',
  'elif',
  'else',
  'while',
  'for',
  'with',
  'try',
  'except',
  'finally',
  'match',
  'case',
]);

function point(at: { row: number; column: number }): Position {
  return { line: at.row, character: at.column };
}

function rangeOf(node: Node): Range {
  return { start: point(node.startPosition), end: point(node.endPosition) };
}

function finding(range: Range, message: string): Finding {
  return { code: SYNTAX_ERROR_CODE, message: `Syntax error: ${message}`, range, fix: null };
}

/** Source text for a message: one line, at most 20 characters, control characters and lone surrogates escaped. */
function shown(text: string): string {
  const line = text.split(/\r?\n|\r/)[0];
  const cut = line.length > 20 ? `${line.slice(0, 20)}…` : line;
  let out = '';
  for (let i = 0; i < cut.length; i++) {
    const code = cut.charCodeAt(i);
    const pair = isHighSurrogate(code) && isLowSurrogate(cut.charCodeAt(i + 1));
    if (pair) out += cut.slice(i, ++i + 1);
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (isHighSurrogate(code) || isLowSurrogate(code)) out += `\\u${code.toString(16)}`;
    else out += cut[i];
  }
  return out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The syntax errors inside `root`: not inside strings (their text is not code; an f-string's
 * replacement fields are left out too, where tree-sitter's older f-string grammar errs on valid
 * 3.12 code) and not inside the subtrees listed in `skip` (a class's methods, analysed apart).
 * Only subtrees that hold an error are entered.
 */
export function syntaxErrorsIn(root: Node, skip?: ReadonlySet<number>): Finding[] {
  const found: Finding[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'string' || skip?.has(node.id)) continue;
    if (node.isMissing) {
      found.push(missingToken(node));
      continue;
    }
    if (node.type === 'ERROR') {
      found.push(errorNode(node));
      continue;
    }
    if (!node.hasError) continue;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && (child.hasError || child.isMissing)) pending.push(child);
    }
  }
  return found;
}

function missingToken(node: Node): Finding {
  const at = point(node.startPosition);
  const what = node.isNamed
    ? `${/^[aeiou]/.test(node.type) ? 'an' : 'a'} ${node.type.replace(/_/g, ' ')}`
    : `\`${node.type}\``;
  return finding({ start: at, end: at }, `expected ${what}`);
}

/** The leaves (tokens) of a subtree, in order; an ERROR node's own tokens first of all. */
function firstLeaf(node: Node): Node {
  let leaf = node;
  while (leaf.childCount > 0 && leaf.child(0)) leaf = leaf.child(0)!;
  return leaf;
}

function lastLeaf(node: Node): Node {
  let leaf = node;
  while (leaf.childCount > 0 && leaf.child(leaf.childCount - 1)) leaf = leaf.child(leaf.childCount - 1)!;
  return leaf;
}

/**
 * What an ERROR node most likely means, from its direct children: an opening bracket it never
 * closes, a string it never ends, a compound statement header without `:`, an expression cut off
 * at the end of the line; else its first token was not expected there.
 */
function errorNode(node: Node): Finding {
  const children = node.children.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (children.length === 0) return finding(rangeOf(node), `unexpected \`${shown(node.text)}\``);
  const { unclosed, unopened } = unmatchedBrackets(children);
  if (unopened) return finding(rangeOf(unopened), `unexpected \`${unopened.type}\``);
  if (unclosed) return finding(rangeOf(unclosed), `\`${unclosed.type}\` was never closed`);
  const first = children[0];
  if (first.type === 'string_start') return finding(rangeOf(first), 'unterminated string');
  const header = children.filter((c) => c.startPosition.row === first.startPosition.row);
  if (COMPOUND_KEYWORDS.has(first.type) && !header.some((c) => c.type === ':') && header.length > 1) {
    const at = point(header[header.length - 1].endPosition);
    return finding({ start: at, end: at }, 'expected `:`');
  }
  const last = lastLeaf(children[children.length - 1]);
  if (children.length > 1 && header.length === children.length && last.text.length > 0) {
    return finding(rangeOf(last), `unexpected end of line after \`${shown(last.text)}\``);
  }
  const token = firstLeaf(first);
  return finding(rangeOf(token), `unexpected \`${shown(token.text || token.type)}\``);
}

const CLOSING = new Set(OPENING.values());

/** The first closing bracket among the tokens that closes nothing, and the first opening one never closed. */
function unmatchedBrackets(children: readonly Node[]): { unclosed?: Node; unopened?: Node } {
  const open: Node[] = [];
  for (const child of children) {
    if (OPENING.has(child.type)) open.push(child);
    else if (open.length > 0 && child.type === OPENING.get(open[open.length - 1].type)) open.pop();
    else if (CLOSING.has(child.type)) return { unopened: child };
  }
  return { unclosed: open[0] };
}

/**
 * `def f():` with nothing indented under it: tree-sitter leaves the block empty (and reads the next
 * line as a statement of its own). Reported at the header's `:`.
 */
export function emptyBlockError(block: Node): Finding | undefined {
  if (block.namedChildren.some((c) => c !== null && c.type !== 'comment')) return undefined;
  // The body went into an ERROR beside the block (`def f():` then `return x +`): reported there.
  if (block.parent?.children.some((c) => c?.type === 'ERROR')) return undefined;
  const colon = block.previousSibling;
  const range =
    colon?.type === ':'
      ? rangeOf(colon)
      : { start: point(block.startPosition), end: point(block.startPosition) };
  return finding(range, 'expected an indented block');
}

/**
 * The statements of a block that do not start at the column of its first statement (each first on
 * its line; comments may go anywhere): tree-sitter keeps them in the block, Python rejects them.
 * A block whose first statement shares the header's line (`if x: a = 1`) is left alone.
 */
export function blockIndentationErrors(block: Node, source: string): Finding[] {
  const statements = block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const first = statements[0];
  if (!first || !startsItsLine(first, source)) return [];
  const column = first.startPosition.column;
  const errors: Finding[] = [];
  for (let i = 1; i < statements.length; i++) {
    const statement = statements[i];
    const start = statement.startPosition;
    if (start.column === column || start.row === statements[i - 1].endPosition.row) continue;
    if (!startsItsLine(statement, source)) continue;
    const message =
      start.column > column
        ? 'unexpected indentation'
        : 'unindent does not match any outer indentation level';
    errors.push(finding(rangeOf(firstLeaf(statement)), message));
  }
  return errors;
}

/** Only spaces, tabs or form feeds before the node on its line, and no continuation into it. */
function startsItsLine(node: Node, source: string): boolean {
  const lineStart = node.startIndex - node.startPosition.column;
  if (!/^[ \t\f]*$/.test(source.slice(lineStart, node.startIndex))) return false;
  // A line after a backslash continuation is part of the line before (`x = 1; \` then `  y = 2`).
  const previousLineEnd = source[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  return source[previousLineEnd - 1] !== '\\';
}

/** `try:` with neither `except` nor `finally` after its body, which tree-sitter accepts. */
export function tryWithoutHandlerError(statement: Node): Finding | undefined {
  const children = statement.children;
  let handled = false;
  for (let index = 0; index < children.length && !handled; index++) {
    const type = children[index]?.type;
    handled = type === 'except_clause' || type === 'except_group_clause' || type === 'finally_clause';
  }
  const keyword = statement.child(0);
  if (handled || keyword?.type !== 'try') return undefined;
  return finding(rangeOf(keyword), 'expected `except` or `finally` after the `try` block');
}

/**
 * A top-level statement that starts its line after spaces: Python rejects the indentation, which
 * tree-sitter accepts. Depends on the text before the statement, so it is worked out at each
 * analysis (cheaply: only for statements not at column 0) and never cached with the statement.
 */
export function unexpectedIndentation(unit: Node, column: number, source: string): Finding | undefined {
  if (column === 0 || unit.type === 'comment') return undefined;
  if (!startsItsLine(unit, source)) return undefined;
  return finding(rangeOf(firstLeaf(unit)), 'unexpected indentation');
}
