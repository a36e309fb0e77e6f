import type { Range, TextDocument } from 'vscode-languageserver-textdocument';
import type { Point } from 'web-tree-sitter';

const LONE_CR = /\r(?!\n)/;

/** True when the text has a `\r` not followed by `\n`: LSP counts it as a line break, tree-sitter does not. */
export function hasLoneCarriageReturn(text: string): boolean {
  return text.includes('\r') && LONE_CR.test(text);
}

/**
 * The tree-sitter point of a UTF-16 offset: rows count `\n` only and columns are UTF-16 units from
 * the last `\n`. Without lone `\r` the LSP line is the row, found by the document's line index;
 * with one, the rows are counted (rare, O(offset)).
 */
export function pointAt(
  document: TextDocument,
  text: string,
  offset: number,
  loneCarriageReturn: boolean,
): Point {
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const row = loneCarriageReturn ? countNewlines(text, offset) : document.positionAt(offset).line;
  return { row, column: offset - lineStart };
}

function countNewlines(text: string, end: number): number {
  let rows = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) rows++;
  return rows;
}

/** What `tree.edit` needs for one replacement, all in UTF-16 units (web-tree-sitter's JS indices). */
export interface TreeEditSpec {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

/**
 * The tree-sitter edit of replacing `range` by `newText` in `document` (before the change is
 * applied to it). A reversed range is read forwards, as `TextDocument.update` does.
 */
export function treeEditFor(
  document: TextDocument,
  loneCarriageReturn: boolean,
  range: Range,
  newText: string,
): TreeEditSpec {
  const before = document.getText();
  let startIndex = document.offsetAt(range.start);
  let oldEndIndex = document.offsetAt(range.end);
  if (oldEndIndex < startIndex) [startIndex, oldEndIndex] = [oldEndIndex, startIndex];
  const startPosition = pointAt(document, before, startIndex, loneCarriageReturn);
  return {
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + newText.length,
    startPosition,
    oldEndPosition: pointAt(document, before, oldEndIndex, loneCarriageReturn),
    newEndPosition: pointAfterInsertion(startPosition, newText),
  };
}

/** Where inserted text ends, from the point where it starts: rows grow by its `\n`s. */
function pointAfterInsertion(start: Point, inserted: string): Point {
  let newlines = 0;
  let lastNewline = -1;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) {
    newlines++;
    lastNewline = i;
  }
  if (newlines === 0) return { row: start.row, column: start.column + inserted.length };
  return { row: start.row + newlines, column: inserted.length - lastNewline - 1 };
}
