/**
 * Indentation consistency as CPython's tokenizer checks it. tree-sitter measures indentation with
 * tabs as 8 columns only, so it accepts a block indented with a tab on one line and eight spaces on
 * the next; CPython refuses that (TabError). The tokenizer measures each logical line's indentation
 * twice, with tab size 8 and with tab size 1, and both measures must order the lines the same way;
 * a dedent must land on an enclosing level. The fix loop uses this to refuse a fix whose text would
 * not compile although tree-sitter parses it.
 *
 * Strings are scanned as Python 3.11 does (an f-string is one string token, its quotes cannot nest).
 */

export interface IndentationError {
  /** Zero-based line of the offending logical line. */
  line: number;
  /** `TabError` (tabs and spaces disagree) or `IndentationError` (a dedent to no enclosing level). */
  kind: 'TabError' | 'IndentationError';
  message: string;
}

const TAB_SIZE = 8;
const ALT_TAB_SIZE = 1;

interface Level {
  col: number;
  altCol: number;
}

/** The first indentation inconsistency CPython's tokenizer would report, or undefined. */
export function indentationError(text: string): IndentationError | undefined {
  const scanner = new LineScanner(text);
  const stack: Level[] = [{ col: 0, altCol: 0 }];
  for (let line = scanner.nextLogicalLine(); line; line = scanner.nextLogicalLine()) {
    const error = checkLevel(stack, line.indent, line.line);
    if (error) return error;
  }
  return undefined;
}

function checkLevel(stack: Level[], indent: Level, line: number): IndentationError | undefined {
  const top = stack[stack.length - 1];
  if (indent.col === top.col) {
    return indent.altCol === top.altCol ? undefined : tabError(line);
  }
  if (indent.col > top.col) {
    if (indent.altCol <= top.altCol) return tabError(line);
    stack.push(indent);
    return undefined;
  }
  while (stack.length > 1 && indent.col < stack[stack.length - 1].col) stack.pop();
  const outer = stack[stack.length - 1];
  if (indent.col !== outer.col) {
    return {
      line,
      kind: 'IndentationError',
      message: 'unindent does not match any outer indentation level',
    };
  }
  return indent.altCol === outer.altCol ? undefined : tabError(line);
}

function tabError(line: number): IndentationError {
  return { line, kind: 'TabError', message: 'inconsistent use of tabs and spaces in indentation' };
}

/** The width of leading whitespace under both tab sizes; a form feed starts the count again. */
function measure(whitespace: string): Level {
  let col = 0;
  let altCol = 0;
  for (const char of whitespace) {
    if (char === ' ') {
      col++;
      altCol++;
    } else if (char === '\t') {
      col = (Math.floor(col / TAB_SIZE) + 1) * TAB_SIZE;
      altCol = (Math.floor(altCol / ALT_TAB_SIZE) + 1) * ALT_TAB_SIZE;
    } else {
      col = 0;
      altCol = 0;
    }
  }
  return { col, altCol };
}

/**
 * Walks the text the way the tokenizer does, to find where logical lines start: not inside
 * brackets, strings or after a backslash continuation; lines holding only blanks or a comment do
 * not count.
 */
class LineScanner {
  private offset = 0;
  private line = 0;

  constructor(private readonly text: string) {}

  nextLogicalLine(): { line: number; indent: Level } | undefined {
    while (this.offset < this.text.length) {
      const start = this.offset;
      const line = this.line;
      while (this.offset < this.text.length && ' \t\f'.includes(this.text[this.offset])) this.offset++;
      const indent = measure(this.text.slice(start, this.offset));
      const next = this.text[this.offset];
      const blank = next === undefined || next === '#' || next === '\n' || next === '\r';
      this.skipLogicalLine();
      if (!blank) return { line, indent };
    }
    return undefined;
  }

  /** Moves past the end of the logical line that starts at the current offset. */
  private skipLogicalLine(): void {
    let depth = 0;
    const text = this.text;
    while (this.offset < text.length) {
      const char = text[this.offset];
      if (char === '\n' || char === '\r') {
        this.skipNewline();
        if (depth === 0) return;
      } else if (char === '#') {
        while (this.offset < text.length && text[this.offset] !== '\n' && text[this.offset] !== '\r')
          this.offset++;
      } else if (char === '\\' && (text[this.offset + 1] === '\n' || text[this.offset + 1] === '\r')) {
        this.offset++;
        this.skipNewline();
      } else if (char === '"' || char === "'") {
        this.skipString();
      } else {
        if ('([{'.includes(char)) depth++;
        else if (')]}'.includes(char) && depth > 0) depth--;
        this.offset++;
      }
    }
  }

  private skipNewline(): void {
    if (this.text[this.offset] === '\r' && this.text[this.offset + 1] === '\n') this.offset++;
    this.offset++;
    this.line++;
  }

  /** A string token from its opening quote; an unterminated one-quote string ends at the line's end. */
  private skipString(): void {
    const text = this.text;
    const quote = text[this.offset];
    const triple = text.startsWith(quote.repeat(3), this.offset);
    const closing = triple ? quote.repeat(3) : quote;
    this.offset += closing.length;
    while (this.offset < text.length) {
      const char = text[this.offset];
      if (char === '\\') {
        this.offset++;
        if (text[this.offset] === '\n' || text[this.offset] === '\r') this.skipNewline();
        else this.offset++;
      } else if (text.startsWith(closing, this.offset)) {
        this.offset += closing.length;
        return;
      } else if (char === '\n' || char === '\r') {
        if (!triple) return;
        this.skipNewline();
      } else this.offset++;
    }
  }
}

/**
 * The whitespace between the start of the line and `offset` (a statement's indentation, tabs kept),
 * or undefined when something other than blanks comes first on that line.
 */
export function indentationAt(source: string, offset: number): string | undefined {
  // Back to the line break (`\n` or a lone `\r`): a search for the other kind would scan to the
  // file's start when it has none.
  let lineStart = offset;
  while (lineStart > 0) {
    const c = source.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13) break;
    lineStart--;
  }
  const prefix = source.slice(lineStart, offset);
  return /^[ \t\f]*$/.test(prefix) ? prefix : undefined;
}
