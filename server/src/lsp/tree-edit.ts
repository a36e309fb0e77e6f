import type { Range, TextDocument } from 'vscode-languageserver-textdocument';
import type { Point } from 'web-tree-sitter';

const CR = 13;
const LF = 10;

/**
 * The tree-sitter point of a UTF-16 offset. Trees are parsed from `treeSitterView` (lone `\r`
 * read as `\n`), so tree-sitter rows are LSP lines and columns are UTF-16 units from the line start.
 */
export function pointAt(document: TextDocument, offset: number): Point {
  const { line, character } = document.positionAt(offset);
  return { row: line, column: character };
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
 * applied to it). A reversed range is read forwards, as `TextDocument.update` does. In the
 * tree-sitter view a `\r` is `\n` unless a `\n` follows it, so an edit right after a `\r` can
 * change that character too: the edit then starts one earlier and re-inserts the `\r`.
 */
export function treeEditFor(document: TextDocument, range: Range, newText: string): TreeEditSpec {
  const before = document.getText();
  let startIndex = document.offsetAt(range.start);
  let oldEndIndex = document.offsetAt(range.end);
  if (oldEndIndex < startIndex) [startIndex, oldEndIndex] = [oldEndIndex, startIndex];
  let inserted = newText;
  if (startIndex > 0 && before.charCodeAt(startIndex - 1) === CR) {
    startIndex--;
    inserted = `\r${inserted}`;
  }
  const startPosition = pointAt(document, startIndex);
  return {
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + inserted.length,
    startPosition,
    oldEndPosition: pointAt(document, oldEndIndex),
    newEndPosition: pointAfterInsertion(startPosition, inserted, before.charCodeAt(oldEndIndex)),
  };
}

/**
 * Where inserted text ends, from the point where it starts: rows grow by its line breaks (`\n`,
 * `\r\n`, lone `\r`); `following` is the code of the character after it (NaN at the end).
 */
function pointAfterInsertion(start: Point, inserted: string, following: number): Point {
  let breaks = 0;
  let lineStart = -1;
  for (let i = 0; i < inserted.length; i++) {
    const c = inserted.charCodeAt(i);
    const next = i + 1 < inserted.length ? inserted.charCodeAt(i + 1) : following;
    if (c === LF || (c === CR && next !== LF)) {
      breaks++;
      lineStart = i + 1;
    }
  }
  if (breaks === 0) return { row: start.row, column: start.column + inserted.length };
  return { row: start.row + breaks, column: inserted.length - lineStart };
}
