/**
 * A notebook's code cells as one Python module: what the engine analyses, and the maps between the
 * module's positions and the cells'.
 *
 * The module is the cells' masked texts (jupyter-syntax.ts) in order, each followed by a line break
 * and a separator line (`engine/cell-boundary.ts`): an import block never runs from one cell into
 * the next and needs no blank line at the end of its cell (Ruff sorts imports cell by cell too), and
 * the separators tell the cells apart again after fixes (`splitEdited`). Every cell line is a module line with the same characters, so positions
 * map by a line offset alone.
 *
 * Pure: texts and positions in and out.
 */
import { CELL_BOUNDARY } from '../engine/cell-boundary';
import { lineStarts } from '../engine/positions';
import type { Position, Range } from '../engine/syntax-types';
import type { Fix, TextEdit } from '../engine/types';
import { type MaskedCell, maskJupyterSyntax } from './jupyter-syntax';

const CELL_SEPARATOR = CELL_BOUNDARY;

/** A position or range in one cell: `cell` counts the module's cells (code cells), from 0. */
export interface CellRange {
  cell: number;
  range: Range;
}

export class NotebookModule {
  /** The module text the engine reads. */
  readonly text: string;
  /** The module line where each cell starts. */
  private readonly starts: number[] = [];
  /** Each cell's line count and the length of its last line. */
  private readonly shapes: { lines: number; lastLineLength: number }[] = [];
  private readonly masks: MaskedCell[];
  /** False when a cell holds a separator line of its own: module texts can then not be split back. */
  private readonly splittable: boolean;

  /** `previous`: the module before an edit, whose cells' masks are reused where their text is the same. */
  constructor(
    readonly cells: readonly string[],
    previous?: NotebookModule,
  ) {
    const known = new Map(previous?.cells.map((text, i) => [text, previous.masks[i]]));
    this.masks = cells.map((text) => known.get(text) ?? maskJupyterSyntax(text));
    let line = 0;
    for (const { text } of this.masks) {
      const starts = lineStarts(text);
      this.starts.push(line);
      this.shapes.push({ lines: starts.length, lastLineLength: text.length - starts[starts.length - 1] });
      line += starts.length + 1;
    }
    this.text = this.masks.map((mask) => `${mask.text}\n${CELL_SEPARATOR}\n`).join('');
    this.splittable = !cells.some((cell) => separatorLines(cell) > 0);
  }

  /** The masked text of one cell (what the module holds of it). */
  maskedCell(cell: number): string {
    return this.masks[cell].text;
  }

  /** The module line where `cell` starts. */
  cellStart(cell: number): number {
    return this.starts[cell];
  }

  /** The cell a module position is in, with the position in it; undefined on a separator line. */
  toCell(position: Position): { cell: number; position: Position } | undefined {
    const cell = this.cellOfLine(position.line);
    if (cell === undefined) return undefined;
    return { cell, position: { line: position.line - this.starts[cell], character: position.character } };
  }

  /**
   * A module range as a range of the cell it starts in; its end is kept within that cell (a syntax
   * error running on into the next cell). Undefined for a range that starts on a separator line.
   */
  rangeToCell(range: Range): CellRange | undefined {
    const start = this.toCell(range.start);
    if (!start) return undefined;
    const shape = this.shapes[start.cell];
    const endLine = range.end.line - this.starts[start.cell];
    const end =
      endLine < shape.lines
        ? { line: endLine, character: range.end.character }
        : { line: shape.lines - 1, character: shape.lastLineLength };
    return { cell: start.cell, range: { start: start.position, end } };
  }

  /** A position in a cell as a module position. */
  toModule(cell: number, position: Position): Position {
    return { line: this.starts[cell] + position.line, character: position.character };
  }

  rangeToModule(cell: number, range: Range): Range {
    return { start: this.toModule(cell, range.start), end: this.toModule(cell, range.end) };
  }

  /**
   * The cells' texts after an edit of the module text (fixes, a rename): undefined when the edit
   * cannot be taken back into the cells, because it removed or moved a separator, or changed a
   * masked Jupyter line (a magic is not Python: no fix may touch it).
   */
  splitEdited(edited: string): string[] | undefined {
    if (!this.splittable) return undefined;
    const segments = splitAtSeparators(edited);
    if (segments.length !== this.cells.length + 1 || segments[this.cells.length] !== '') return undefined;
    const cells: string[] = [];
    for (let i = 0; i < this.cells.length; i++) {
      const segment = segments[i];
      // A cell emptied by an edit that took its last line break too.
      if (segment !== '' && !/(\r\n|\r|\n)$/.test(segment)) return undefined;
      const maskedAfter = segment.replace(/(\r\n|\r|\n)$/, '');
      const cell = unmasked(this.cells[i], this.masks[i], maskedAfter);
      if (cell === undefined) return undefined;
      // Cells rarely end with a line break: one that a fix left at the end (its text is written
      // for files, which end with one) is not kept.
      const original = this.cells[i];
      cells.push(/[\r\n]$/.test(original) ? cell : cell.replace(/(\r\n|\r|\n)$/, ''));
    }
    return cells;
  }

  private cellOfLine(line: number): number | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    if (line < this.starts[lo] || line - this.starts[lo] >= this.shapes[lo].lines) return undefined;
    return lo;
  }
}

/**
 * The diagnostics of a module text with the fixes that would cross a cell boundary taken away (an
 * edit may end at the start of the separator line after its cell: it took the cell's last line break).
 */
export function withinCells<T extends { fix: Fix | null }>(text: string, diagnostics: readonly T[]): T[] {
  const separators = separatorLineNumbers(text);
  const cellOf = (line: number) => separators.findIndex((separator) => line <= separator);
  const inOneCell = (edit: TextEdit) => {
    const cell = cellOf(edit.range.start.line);
    if (cell < 0 || separators[cell] === edit.range.start.line) return false;
    const end = edit.range.end;
    return cellOf(end.line) === cell && (end.line < separators[cell] || end.character === 0);
  };
  return diagnostics.map((diagnostic) =>
    diagnostic.fix && !diagnostic.fix.resolve && !diagnostic.fix.edits.every(inOneCell)
      ? { ...diagnostic, fix: null }
      : diagnostic,
  );
}

function separatorLineNumbers(text: string): number[] {
  const lines: number[] = [];
  const starts = lineStarts(text);
  for (let line = 0; line < starts.length; line++) {
    const end = line + 1 < starts.length ? starts[line + 1] : text.length;
    if (text.slice(starts[line], end).replace(/(\r\n|\r|\n)$/, '') === CELL_SEPARATOR) lines.push(line);
  }
  return lines;
}

/** The texts between separator lines (each with the line break before its separator). */
function splitAtSeparators(text: string): string[] {
  const segments: string[] = [];
  const starts = lineStarts(text);
  let from = 0;
  for (const line of separatorLineNumbers(text)) {
    const start = starts[line];
    segments.push(text.slice(from, start));
    from = line + 1 < starts.length ? starts[line + 1] : text.length;
  }
  segments.push(text.slice(from));
  return segments;
}

function separatorLines(text: string): number {
  return splitAtSeparators(text).length - 1;
}

/**
 * The original cell with the change that turned its masked text into `maskedAfter`: each masked
 * line (a whole line, jupyter-syntax.ts) is found again, in order, and given back its original
 * text. Undefined when one is gone or changed: no fix may touch a magic.
 */
function unmasked(original: string, mask: MaskedCell, maskedAfter: string): string | undefined {
  if (mask.text === maskedAfter) return original;
  if (mask.masked.length === 0) return maskedAfter;
  const lines = maskedAfter.match(/[^\r\n]*(\r\n|\r|\n|$)/g) ?? [];
  let next = 0;
  for (const span of mask.masked) {
    const masked = mask.text.slice(span.start, span.end);
    while (next < lines.length && lines[next].replace(/(\r\n|\r|\n)$/, '') !== masked) next++;
    if (next === lines.length) return undefined;
    lines[next] = original.slice(span.start, span.end) + lines[next].slice(masked.length);
    next++;
  }
  return lines.join('');
}
