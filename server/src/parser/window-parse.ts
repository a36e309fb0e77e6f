import type { Node, Parser, Point, Tree } from 'web-tree-sitter';
import { parseView, readCurrentText } from './python';

/** A span of the current text, in UTF-16 offsets. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * A span of the current text edited since the last parse, and how many lines its edits added
 * (negative: took away), so that the statements after it are known to have moved that far.
 */
export interface EditedSpan extends TextSpan {
  lines: number;
}

/**
 * The top-level statements around the edits, parsed alone: the window publish (see
 * `engine/window-analysis.ts`). Edits far apart give windows of their own, so that the work stays
 * bounded by the edits rather than by the text between them. `gaps` are the statements of the last
 * whole tree, edited (`tree.edit`) but not parsed again, that lie wholly outside the edited text:
 * `gaps[k]` before `windows[k]`, the last one after the last window. Each window's `tree` is a parse
 * of its text only (tree-sitter's `includedRanges`, so its positions are the document's). The caller
 * deletes the trees.
 */
export interface StatementWindow {
  gaps: StatementGap[];
  windows: ParsedWindow[];
  /** Where the edited tree's root starts. */
  rootStartIndex: number;
  /** How many top-level statements the edited tree has (the gaps' and those the windows replace). */
  statementCount: number;
}

/** Statements of the edited tree between two windows (or before the first, or after the last). */
export interface StatementGap {
  nodes: Node[];
  /** The index of the first among the edited tree's top-level statements. */
  firstIndex: number;
  /** How many lines the edits before the gap added: how far its lines moved since the last parse. */
  lineDelta: number;
}

export interface ParsedWindow {
  tree: Tree;
  /** Parsed incrementally from the last window's tree at the same start (see `parseWindow`'s `reusable`). */
  reused: boolean;
  /** Where the window starts and ends (a column-0 statement start, or the ends of the text). */
  start: Point;
  end: Point;
}

/** How large the windows may be together: beyond it, parsing the whole file is no dearer per line. */
export interface WindowLimits {
  maxLines: number;
}

/**
 * Parses only the text of the top-level statements each edited span (in text order) touches:
 * from the start of its first line (or the statement before it, where the edit may continue that
 * statement: an indented line, `else`, `except` and the like, or an edit that starts inside a line)
 * to the next statement the edit leaves whole, both ends widened until they are column-0 statement
 * starts that follow no statement with a syntax error (a boundary the whole file's parse also sees,
 * as far as the text before it can tell). Spans whose windows touch share one. Returns undefined
 * where that is unclear: the edited tree's root is no module, or the windows would pass `limits`.
 * Through an unclosed `"""` or bracket the whole file's parse reads on past a window; the window
 * does not, and the pause's whole parse settles it. A window that tree-sitter cannot read as a
 * module at all is one `ERROR` statement.
 */
export function parseWindow(
  parser: Parser,
  view: string,
  edited: Tree,
  /** `edited`'s top-level statements (see `TopLevelNodes`). */
  statements: readonly Node[],
  spans: readonly EditedSpan[],
  pointAt: (offset: number) => Point,
  limits: WindowLimits,
  /**
   * The last windows' trees, edited since (`tree.edit`): a window that starts where one of them
   * does is parsed from it, incrementally. The caller deletes them.
   */
  reusable: readonly Tree[] = [],
): StatementWindow | undefined {
  readCurrentText(edited, view);
  const root = edited.rootNode;
  if (root.type !== 'module' || spans.length === 0) return undefined;
  const units = statements;
  const bounds = mergedBounds(units, spans, view);
  let lines = 0;
  const placed = bounds.map((bound) => {
    const next = units[bound.to + 1];
    const endIndex = next ? next.startIndex : view.length;
    const start = pointAt(bound.startIndex);
    const end = pointAt(endIndex);
    lines += end.row - start.row;
    return { ...bound, endIndex, start, end };
  });
  if (lines > limits.maxLines) return undefined;
  const windows: ParsedWindow[] = [];
  const gaps: StatementGap[] = [];
  let firstIndex = 0;
  let lineDelta = 0;
  for (const { from, to, startIndex, endIndex, start, end, lines: added } of placed) {
    const last = reusedFrom(reusable, startIndex);
    const tree = parseView(parser, view, last, {
      includedRanges: [{ startIndex, endIndex, startPosition: start, endPosition: end }],
    });
    if (!tree) {
      for (const window of windows) window.tree.delete();
      return undefined;
    }
    gaps.push({ nodes: units.slice(firstIndex, from), firstIndex, lineDelta });
    windows.push({ tree, reused: last !== null, start, end });
    firstIndex = to + 1;
    lineDelta += added;
  }
  gaps.push({ nodes: units.slice(firstIndex), firstIndex, lineDelta });
  return { gaps, windows, rootStartIndex: root.startIndex, statementCount: units.length };
}

/**
 * The tree among `reusable` (last windows' trees, edited since) that starts at `startIndex`, where
 * one does: a window parsed from it reads only the edited statements again (typing in a method of
 * a large class, the window is the whole class: at 50k lines 14-30 ms parsed afresh). Where the
 * start differs, the scanner's state at the start (Python's indentation) would not match.
 */
function reusedFrom(reusable: readonly Tree[], startIndex: number): Tree | null {
  return reusable.find((tree) => tree.getIncludedRanges()[0]?.startIndex === startIndex) ?? null;
}

/**
 * The windows of `spans` (see `windowBounds`), those that overlap or touch merged, each with the
 * lines its edits added.
 */
function mergedBounds(
  units: readonly Node[],
  spans: readonly EditedSpan[],
  view: string,
): { from: number; to: number; startIndex: number; lines: number }[] {
  const merged: { from: number; to: number; startIndex: number; lines: number }[] = [];
  for (const span of spans) {
    const bound = windowBounds(units, span, view);
    const last = merged.at(-1);
    // A window ends where the statement after its last starts: one starting at or before it overlaps.
    if (last && bound.from <= last.to + 1) {
      last.from = Math.min(last.from, bound.from);
      last.to = Math.max(last.to, bound.to);
      last.startIndex = Math.min(last.startIndex, bound.startIndex);
      last.lines += span.lines;
    } else merged.push({ ...bound, lines: span.lines });
  }
  return merged;
}

/** Lines that may continue the statement before them when typed at column 0. */
const CONTINUATION = /^(?:else|elif|except|finally|case)\b|^[ \t\f]|^$/;

/**
 * Whether `line` (a line's text from column 0, or its start) may go on with the statement before
 * it: `else`, `except` and the like, an indented or an empty line. Such a line never starts a
 * window, nor a step of a fresh parse in slices (`OpenDocument.growInSlice`).
 */
export function continuesStatement(line: string): boolean {
  return CONTINUATION.test(line);
}

/**
 * The indices of the first statement of the window and of the last (`to` < `from` when the edit
 * touches none), and where the window starts (see `parseWindow`).
 */
function windowBounds(
  units: readonly Node[],
  span: TextSpan,
  view: string,
): { from: number; to: number; startIndex: number } {
  // Touching counts at the start: `tree.edit` stretches a statement that ends where text is inserted.
  let from = firstEndingAtOrAfter(units, span.start);
  const startsAtUnit = (index: number) => index < units.length && units[index].startIndex <= span.start;
  const lineOfSpan = lineStart(view, span.start);
  const lineEnd = view.indexOf('\n', span.start);
  const firstLine = view.slice(span.start, lineEnd < 0 ? view.length : lineEnd);
  // An edit in the gap before a statement may continue the statement before the gap.
  if (!startsAtUnit(from) && from > 0 && (lineOfSpan !== span.start || continuesStatement(firstLine))) from--;
  // The window starts after a statement without syntax errors, at a column-0 statement start.
  while (from > 0) {
    const sound = startsAtUnit(from)
      ? units[from].startPosition.column === 0 && !units[from - 1].hasError
      : !units[from - 1].hasError;
    if (sound) break;
    from--;
  }
  // At the end, a statement that starts where the edit ends is touched unless a line break precedes it.
  const endsLine = span.end === 0 || isLineBreak(view.charCodeAt(span.end - 1));
  // The last statement from `from` on that the edit touches (a scan from the end read 3,000 starts
  // at 50k lines, 1.8 ms, at every keystroke).
  let to =
    firstFrom(
      units,
      from,
      (unit) => unit.startIndex > span.end || (unit.startIndex === span.end && endsLine),
    ) - 1;
  // The window ends before a column-0 statement the last whole parse read without errors.
  while (to + 1 < units.length && (units[to + 1].startPosition.column !== 0 || units[to + 1].hasError)) to++;
  return { from, to, startIndex: startsAtUnit(from) ? units[from].startIndex : lineOfSpan };
}

/** The first statement that ends at or after `offset` (`units.length` if none). */
function firstEndingAtOrAfter(units: readonly Node[], offset: number): number {
  return firstFrom(units, 0, (unit) => unit.endIndex >= offset);
}

/**
 * The first of `units` from `from` on that `reached` holds for (`units.length` if none), where it
 * holds for every statement after one it holds for (statements start and end in order): a binary
 * search, as every position read is a call into WebAssembly.
 */
function firstFrom(units: readonly Node[], from: number, reached: (unit: Node) => boolean): number {
  let low = from;
  let high = units.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reached(units[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** Where the line after the one holding `offset` starts (past its line break); the text's end on its last line. */
export function nextLineStart(view: string, offset: number): number {
  let at = offset;
  while (at < view.length && !isLineBreak(view.charCodeAt(at))) at++;
  if (at === view.length) return at;
  return view.charCodeAt(at) === 13 && view.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
}

/** The offset where the line holding `offset` starts. */
export function lineStart(view: string, offset: number): number {
  let at = offset;
  while (at > 0 && !isLineBreak(view.charCodeAt(at - 1))) at--;
  return at;
}
