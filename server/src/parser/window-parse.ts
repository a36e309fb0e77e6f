import type { Node, Parser, Point, Tree } from 'web-tree-sitter';

/** A span of the current text, in UTF-16 offsets. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * The top-level statements around an edit, parsed alone: the window publish (see
 * `engine/window-analysis.ts`). `before` and `after` are the statements of the last whole tree,
 * edited (`tree.edit`) but not parsed again, that lie wholly outside the edited text; `tree` is a
 * parse of the text between them only (tree-sitter's `includedRanges`, so its positions are the
 * document's). The caller deletes `tree`.
 */
export interface StatementWindow {
  before: Node[];
  after: Node[];
  tree: Tree;
  /** Where the window starts and ends (a column-0 statement start, or the ends of the text). */
  start: Point;
  end: Point;
  /** Where the edited tree's root starts. */
  rootStartIndex: number;
}

/** How large a window may be: beyond it, parsing the whole file is no dearer per line. */
export interface WindowLimits {
  maxLines: number;
}

/**
 * Parses only the top-level statements the edited `span` touches, one more on each side, widened
 * until both ends are column-0 statement starts that follow no statement with a syntax error (a
 * boundary the whole file's parse would also see, as far as the text before it can tell). Returns
 * undefined where that is unclear: the edited tree's root is no module, the window would pass
 * `limits`, or the window parses to no module. Through an unclosed `"""` or bracket the whole
 * file's parse reads on past the window; the window does not, and the pause's whole parse settles it.
 */
export function parseWindow(
  parser: Parser,
  view: string,
  edited: Tree,
  span: TextSpan,
  endOfText: Point,
  limits: WindowLimits,
): StatementWindow | undefined {
  const root = edited.rootNode;
  if (root.type !== 'module') return undefined;
  const units = root.children.filter((node): node is Node => node !== null);
  const bounds = windowBounds(units, span);
  if (!bounds) return undefined;
  const { from, to } = bounds;
  const startIndex = from === 0 ? 0 : units[from].startIndex;
  const start: Point = from === 0 ? { row: 0, column: 0 } : units[from].startPosition;
  const next = units[to + 1];
  const endIndex = next ? next.startIndex : view.length;
  const end: Point = next ? next.startPosition : endOfText;
  if (end.row - start.row > limits.maxLines) return undefined;
  const tree = parser.parse(view, null, {
    includedRanges: [{ startIndex, endIndex, startPosition: start, endPosition: end }],
  });
  if (!tree) return undefined;
  if (tree.rootNode.type !== 'module') {
    tree.delete();
    return undefined;
  }
  const rootStartIndex = root.startIndex;
  return { before: units.slice(0, from), after: units.slice(to + 1), tree, start, end, rootStartIndex };
}

/**
 * The first and last index of the statements the window replaces: those the span touches and one
 * more each side, widened to sound boundaries (see `parseWindow`).
 */
function windowBounds(units: readonly Node[], span: TextSpan): { from: number; to: number } | undefined {
  if (units.length === 0) return undefined;
  // Touching counts: `tree.edit` stretches a statement that ends where text is inserted.
  let first = units.findIndex((unit) => unit.endIndex >= span.start);
  if (first < 0) first = units.length;
  let last = -1;
  for (let i = units.length - 1; i >= 0; i--) {
    if (units[i].startIndex <= span.end) {
      last = i;
      break;
    }
  }
  let from = Math.max(0, Math.min(first, last) - 1);
  let to = Math.min(units.length - 1, Math.max(first, last) + 1);
  while (from > 0 && !isBoundary(units[from], units[from - 1])) from--;
  while (to + 1 < units.length && !isBoundary(units[to + 1], units[to])) to++;
  return { from, to };
}

/** A statement that starts at column 0 after a statement without syntax errors. */
function isBoundary(unit: Node, previous: Node): boolean {
  return unit.startPosition.column === 0 && !previous.hasError;
}
