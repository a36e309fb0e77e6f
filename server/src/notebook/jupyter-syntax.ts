/**
 * IPython syntax a notebook cell may hold, masked so that the Python parser reads the cell as
 * Python: line magics (`%matplotlib inline`), cell magics (`%%time`: the whole cell), shell escapes
 * (`!pip install x`), help (`?obj`, `obj?`, `obj??`) and magic assignments (`files = !ls`). A masked
 * line becomes a comment of the same length, so every position in the masked text is the same
 * position in the cell. Top-level `await` needs no mask: tree-sitter reads it as an expression.
 *
 * Pure: text in, text out.
 */

/** A cell's text as the parser reads it, and the spans (UTF-16 offsets, half-open) that were masked. */
export interface MaskedCell {
  text: string;
  masked: readonly { start: number; end: number }[];
}

/** The state of the scan at the start of a line: inside a triple-quoted string, brackets or a continuation. */
interface ScanState {
  tripleQuote: string | undefined;
  depth: number;
  continued: boolean;
}

const LINE = /[^\r\n]*(\r\n|\r|\n|$)/g;
/** `name = %magic` / `name = !cmd` (also tuples and attributes on the left). */
/** `obj?`, `obj.attr??`: help on a name. */
const HELP_SUFFIX = /^[\w.]+\?{1,2}\s*$/;
const MAGIC_ASSIGNMENT = /^(\s*[\w.,()[\]\s]+?\s*=\s*)([%!].*)$/;

export function maskJupyterSyntax(cell: string): MaskedCell {
  const lines = splitLines(cell);
  const cellMagic = isCellMagic(lines);
  const masked: { start: number; end: number }[] = [];
  const parts: string[] = [];
  const state: ScanState = { tripleQuote: undefined, depth: 0, continued: false };
  let maskingContinuation = false;
  for (const { offset, content, ending } of lines) {
    const atStatementStart = state.tripleQuote === undefined && state.depth === 0 && !state.continued;
    let replacement: string | undefined;
    if (cellMagic || maskingContinuation) replacement = commentOut(content);
    else if (atStatementStart) replacement = maskedMagicLine(content);
    if (replacement !== undefined && replacement !== content) {
      masked.push({ start: offset, end: offset + content.length });
      maskingContinuation = content.endsWith('\\');
      parts.push(replacement + ending);
      continue;
    }
    maskingContinuation = false;
    scanLine(content, state);
    parts.push(content + ending);
  }
  return { text: parts.join(''), masked };
}

function splitLines(text: string): { offset: number; content: string; ending: string }[] {
  const lines: { offset: number; content: string; ending: string }[] = [];
  for (const match of text.matchAll(LINE)) {
    if (match[0] === '' && match.index === text.length && lines.length > 0) break;
    const ending = match[1];
    lines.push({ offset: match.index, content: match[0].slice(0, match[0].length - ending.length), ending });
    if (ending === '') break;
  }
  return lines;
}

/** A cell magic is the cell's first non-blank line, `%%name`: IPython hands the whole cell to it. */
function isCellMagic(lines: readonly { content: string }[]): boolean {
  const first = lines.find((line) => line.content.trim() !== '');
  return first?.content.trimStart().startsWith('%%') ?? false;
}

/** The comment a Jupyter-only line becomes (blank lines stay as they are). */
function commentOut(content: string): string {
  const indent = content.length - content.trimStart().length;
  if (indent === content.length) return content;
  return `${content.slice(0, indent)}#${content.slice(indent + 1)}`;
}

/** The masked form of a line at a statement's start, or undefined when it is Python. */
function maskedMagicLine(content: string): string | undefined {
  const code = content.trimStart();
  if (code.startsWith('%') || code.startsWith('!') || code.startsWith('?')) return commentOut(content);
  if (HELP_SUFFIX.test(code)) return commentOut(content);
  const assignment = MAGIC_ASSIGNMENT.exec(content);
  if (assignment && !assignment[2].startsWith('!=') && !assignment[1].trimEnd().endsWith('=='))
    return assignment[1] + maskedValue(assignment[2]);
  return undefined;
}

/** `!ls -l` as `0#ls -l`: a value of the same length, the rest a comment. */
function maskedValue(magic: string): string {
  return magic.length === 1 ? '0' : `0#${magic.slice(2)}`;
}

/** Follows strings, brackets and continuations through one line of Python. */
function scanLine(content: string, state: ScanState): void {
  state.continued = false;
  let i = 0;
  while (i < content.length) {
    if (state.tripleQuote !== undefined) {
      const close = findUnescaped(content, state.tripleQuote, i);
      if (close < 0) return;
      i = close + 3;
      state.tripleQuote = undefined;
      continue;
    }
    const c = content[i];
    if (c === '#') return;
    if (c === '"' || c === "'") {
      const triple = content.startsWith(c.repeat(3), i) ? c.repeat(3) : undefined;
      if (triple) {
        state.tripleQuote = triple;
        i += 3;
        continue;
      }
      const close = findUnescaped(content, c, i + 1);
      if (close < 0) {
        state.continued = content.endsWith('\\');
        return;
      }
      i = close + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') state.depth++;
    else if (c === ')' || c === ']' || c === '}') state.depth = Math.max(0, state.depth - 1);
    else if (c === '\\' && i === content.length - 1) state.continued = true;
    i++;
  }
}

function findUnescaped(content: string, quote: string, from: number): number {
  for (let i = from; i < content.length; i++) {
    if (content[i] === '\\') i++;
    else if (content.startsWith(quote, i)) return i;
  }
  return -1;
}
