import { lineStarts, positionAt } from '../../../engine/positions';
import type { Position } from '../../../engine/types';

/**
 * Offsets are UTF-16 indices into the source, as web-tree-sitter reports them for string input.
 * Line starts and ends are found by scanning around the offset; only `position` and `lineIndex`
 * need the index of every line, built on first use (a pass over the whole text, which I001 avoids
 * on the keystroke path).
 */
export class SourceText {
  private startsCache: number[] | undefined;
  private lineEndingCache: string | undefined;

  constructor(readonly text: string) {}

  get starts(): number[] {
    this.startsCache ??= lineStarts(this.text);
    return this.startsCache;
  }

  lineIndex(offset: number): number {
    return positionAt(this.starts, offset).line;
  }

  position(offset: number): Position {
    return positionAt(this.starts, offset);
  }

  /**
   * The position of `offset`, counted from a known position at or before it (e.g. a node's start)
   * rather than from the start of the file.
   */
  positionFrom(anchor: number, anchorPosition: Position, offset: number): Position {
    let line = anchorPosition.line;
    let lineStart = anchor - anchorPosition.character;
    for (let i = anchor; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      // A `\r\n` counts once, at its `\n`.
      if (c === 10 || (c === 13 && this.text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, character: offset - lineStart };
  }

  lineStart(offset: number): number {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === 10) return i + 1;
      // A `\r` ends a line unless a `\n` follows; here that `\n` is at `offset` (else it was seen first).
      if (c === 13 && this.text.charCodeAt(i + 1) !== 10) return i + 1;
    }
    return 0;
  }

  /** Just after the line's terminator (or the end of the text). */
  fullLineEnd(offset: number): number {
    for (let i = offset; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10) return i + 1;
      if (c === 13) return this.text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
    return this.text.length;
  }

  /** Just before the line's terminator. */
  lineEnd(offset: number): number {
    let end = this.fullLineEnd(offset);
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13 && end > this.lineStart(offset)) end--;
    return Math.max(end, offset);
  }

  /** The file's first line terminator, as Ruff's stylist detects it (`\n` when there is none). */
  get lineEnding(): string {
    this.lineEndingCache ??= /\r\n|\n|\r/.exec(this.text)?.[0] ?? '\n';
    return this.lineEndingCache;
  }
}

/** Space, tab and form feed: what Python (and Ruff's trivia helpers) call whitespace. */
export function isPythonWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

export function trimPythonWhitespaceStart(s: string): string {
  let i = 0;
  while (i < s.length && isPythonWhitespace(s[i])) i++;
  return s.slice(i);
}

export function trimPythonWhitespace(s: string): string {
  let end = s.length;
  while (end > 0 && isPythonWhitespace(s[end - 1])) end--;
  return trimPythonWhitespaceStart(s.slice(0, end));
}

/** Lines split on `\n`, `\r\n` or `\r`; each keeps its terminator. A final empty line is not produced. */
export function universalLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lines.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

export function withoutTerminator(line: string): string {
  return line.replace(/\r?\n$|\r$/, '');
}

const TAB_SIZE = 4;

/** A running display width, like Ruff's line-width builder: tabs advance to the next tab stop. */
export class LineWidth {
  constructor(
    readonly width = 0,
    private readonly column = 0,
  ) {}

  addStr(text: string): LineWidth {
    let width = this.width;
    let column = this.column;
    for (const c of text) {
      if (c === '\t') {
        const step = TAB_SIZE - (column % TAB_SIZE);
        width += step;
        column += step;
      } else if (c === '\n' || c === '\r') {
        width = 0;
        column = 0;
      } else {
        width += charWidth(c.codePointAt(0) ?? 0);
        column += 1;
      }
    }
    return new LineWidth(width, column);
  }

  addWidth(n: number): LineWidth {
    return new LineWidth(this.width + n, this.column + n);
  }
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]$/u;

/** East Asian wide and fullwidth ranges (plus emoji), which take two columns. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** Display width of one code point: 0 for controls and combining marks, 2 for wide characters. */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  for (const [lo, hi] of WIDE_RANGES) if (cp >= lo && cp <= hi) return 2;
  return 1;
}
