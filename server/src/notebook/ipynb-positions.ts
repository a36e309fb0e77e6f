/**
 * Positions in a notebook's cells as positions in the `.ipynb` file's own text (its JSON), so that
 * a finding of a closed notebook shown on the file (the server's workspace diagnostics) points at
 * the place a text view of the file shows: the line of the JSON where that source line is spelled,
 * the column counted through the JSON escapes before it (`\"`, `\\`, `\n`, `\u00e9`).
 *
 * Pure: the file's text and the spans of its cells' `source` values (`ipynb.ts`) in, ranges out.
 */
import { lineStarts, offsetAt, positionAt } from '../engine/positions';
import type { Range } from '../engine/syntax-types';
import type { SourceSpans } from './ipynb';

/** A finding in a notebook cell: `cell` 1-based among all cells, `range` within it. */
export interface CellFinding {
  cell?: number;
  range: Range;
  /** Where `range` is in the notebook file's text (set by `NotebookFileText.withFileRanges`). */
  fileRange?: Range;
}

/** What JSON's one-letter escapes stand for (`\"`, `\\` and `\/` stand for the letter itself). */
const ESCAPED: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** One cell's source as decoded from the JSON, and where each of its UTF-16 units is spelled. */
interface CellSpelling {
  source: string;
  sourceLineStarts: number[];
  /** For each unit of `source`, the file offset where its spelling begins; one more: the end of the value's last string. */
  fileOffsets: number[];
}

export class NotebookFileText {
  private fileLineStarts?: number[];
  /** Only the cells asked about are decoded (most cells of a notebook have no finding). */
  private readonly cells = new Map<number, CellSpelling | undefined>();

  constructor(
    private readonly text: string,
    private readonly spans: SourceSpans,
  ) {}

  /** The findings with `fileRange` set (those without a cell, or of a cell not in the file, as they were). */
  withFileRanges<T extends CellFinding>(findings: readonly T[]): T[] {
    return findings.map((finding) => {
      const fileRange =
        finding.cell === undefined ? undefined : this.rangeInFile(finding.cell - 1, finding.range);
      return fileRange ? { ...finding, fileRange } : finding;
    });
  }

  /** The range in the file's text of `range` in the cell of this index (from 0, among all cells). */
  rangeInFile(cellIndex: number, range: Range): Range | undefined {
    const cell = this.spelling(cellIndex);
    if (!cell) return undefined;
    this.fileLineStarts ??= lineStarts(this.text);
    const at = (position: Range['start']) =>
      positionAt(
        this.fileLineStarts as number[],
        cell.fileOffsets[offsetAt(cell.sourceLineStarts, cell.source, position)],
      );
    return { start: at(range.start), end: at(range.end) };
  }

  private spelling(cellIndex: number): CellSpelling | undefined {
    if (!this.cells.has(cellIndex)) {
      const span = this.spans.get(cellIndex);
      this.cells.set(cellIndex, span && spellingOf(this.text, span.start, span.end));
    }
    return this.cells.get(cellIndex);
  }
}

/**
 * Decodes a `source` value (one JSON string, or a list of them, as `readNotebook` accepted it)
 * between `start` and `end`, recording where each decoded unit is spelled.
 */
function spellingOf(text: string, start: number, end: number): CellSpelling {
  const units: string[] = [];
  const fileOffsets: number[] = [];
  // An empty list: its one position is just inside the brackets.
  let valueEnd = start + 1;
  for (let i = start; i < end; i++) {
    if (text[i] !== '"') continue;
    i++;
    while (i < end && text[i] !== '"') {
      fileOffsets.push(i);
      if (text[i] !== '\\') {
        units.push(text[i]);
        i++;
        continue;
      }
      const letter = text[i + 1];
      if (letter === 'u') {
        units.push(String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16)));
        i += 6;
      } else {
        units.push(ESCAPED[letter] ?? letter);
        i += 2;
      }
    }
    valueEnd = i;
  }
  fileOffsets.push(valueEnd);
  const source = units.join('');
  return { source, sourceLineStarts: lineStarts(source), fileOffsets };
}
