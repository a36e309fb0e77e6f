/**
 * The `.ipynb` file format (nbformat 4, JSON): its code cells read, and new cell sources written
 * back by replacing the JSON text of just those `source` values. Every other byte (outputs,
 * metadata, key order, indentation, the final newline) stays as it was: the document is never
 * re-serialised.
 *
 * Pure: text in, text out.
 */

/** A code cell: its index among all cells (from 0) and its source. */
export interface NotebookCodeCell {
  index: number;
  source: string;
}

export type ReadNotebook =
  | { kind: 'notebook'; cells: NotebookCodeCell[]; sources: SourceSpans }
  /** Not Python (another kernel's language): not checked. */
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; reason: string };

/** Where each cell's `source` value is in the file's text, by cell index. */
export type SourceSpans = ReadonlyMap<number, JsonSpan>;

interface JsonSpan {
  start: number;
  end: number;
}

/** Reads a notebook's text: its Python code cells, or why it cannot be checked. */
export function readNotebook(text: string): ReadNotebook {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'error',
      reason: `not a valid notebook: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!isObject(document) || !Array.isArray(document.cells))
    return { kind: 'error', reason: 'not a valid notebook: no "cells" list (nbformat 4 is required)' };
  if (typeof document.nbformat === 'number' && document.nbformat < 4)
    return { kind: 'error', reason: `not a valid notebook: nbformat ${document.nbformat} (4 is required)` };
  const language = notebookLanguage(document.metadata);
  if (language !== undefined && language.toLowerCase() !== 'python')
    return { kind: 'skipped', reason: `a ${language} notebook, not checked` };
  const cells: NotebookCodeCell[] = [];
  for (const [index, cell] of document.cells.entries()) {
    if (!isObject(cell) || typeof cell.cell_type !== 'string')
      return { kind: 'error', reason: `not a valid notebook: cell ${index + 1} has no "cell_type"` };
    if (cell.cell_type !== 'code') continue;
    const source = sourceText(cell.source);
    if (source === undefined)
      return { kind: 'error', reason: `not a valid notebook: cell ${index + 1} has no "source" text` };
    cells.push({ index, source });
  }
  const sources = locateSources(text);
  if (!sources || cells.some((cell) => !sources.has(cell.index)))
    return { kind: 'error', reason: 'not a valid notebook: cannot locate the cell sources' };
  return { kind: 'notebook', cells, sources };
}

/**
 * The notebook's text with new sources for some cells (by index): each `source` value's JSON text
 * replaced, in the style it had (a list of lines, or one string), laid out as the list was.
 */
export function withCellSources(
  text: string,
  spans: SourceSpans,
  changed: ReadonlyMap<number, string>,
): string {
  const replacements = [...changed]
    .map(([index, source]) => {
      const span = spans.get(index);
      if (!span) throw new Error(`no source span for cell ${index}`);
      return { span, json: sourceJson(text, span, source) };
    })
    .sort((a, b) => b.span.start - a.span.start);
  let result = text;
  for (const { span, json } of replacements)
    result = result.slice(0, span.start) + json + result.slice(span.end);
  return result;
}

/** nbformat's lines of a source: each keeps its line break, the last may have none. */
export function sourceLines(source: string): string[] {
  return source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function sourceJson(text: string, span: JsonSpan, source: string): string {
  const old = text.slice(span.start, span.end);
  if (old.startsWith('"')) return JSON.stringify(source);
  const lines = sourceLines(source);
  if (lines.length === 0) return '[]';
  // Lines that did not change keep their original JSON spelling (escapes of another writer).
  const spelled = new Map<string, string>();
  for (const element of arrayElements(old)) spelled.set(JSON.parse(element) as string, element);
  const elements = lines.map((line) => spelled.get(line) ?? JSON.stringify(line));
  const layout = arrayLayout(text, span);
  if (layout === undefined) return `[${elements.join(', ')}]`;
  return `[${layout.newline}${elements.map((e) => layout.indent + e).join(`,${layout.newline}`)}${layout.newline}${layout.closingIndent}]`;
}

/** How the list was laid out: one element per line, with this indentation (undefined: on one line). */
function arrayLayout(
  text: string,
  span: JsonSpan,
): { newline: string; indent: string; closingIndent: string } | undefined {
  const old = text.slice(span.start, span.end);
  const lineStart = text.lastIndexOf('\n', span.start) + 1;
  const keyIndent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const newline = text.slice(0, lineStart).endsWith('\r\n') ? '\r\n' : '\n';
  const multiLine = /^\[(\r?\n)([ \t]*)/.exec(old);
  if (multiLine) {
    const closingIndent = /(?:\r?\n)([ \t]*)\]$/.exec(old)?.[1] ?? keyIndent;
    return { newline: multiLine[1], indent: multiLine[2], closingIndent };
  }
  if (old !== '[]' || lineStart === 0) return undefined;
  // An empty list: the file's own indentation step, from its first indented line.
  const step = /\n([ \t]+)\S/.exec(text)?.[1] ?? ' ';
  return { newline, indent: keyIndent + step, closingIndent: keyIndent };
}

function notebookLanguage(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return undefined;
  const info = metadata.language_info;
  if (isObject(info) && typeof info.name === 'string') return info.name;
  const kernel = metadata.kernelspec;
  if (isObject(kernel) && typeof kernel.language === 'string') return kernel.language;
  return undefined;
}

function sourceText(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((line) => typeof line === 'string')) return source.join('');
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- locating values in the JSON text ---------------------------------------------------------
// A scanner over text already known to be valid JSON (JSON.parse accepted it): it needs only to
// find where values start and end.

/** The spans of `cells[i].source` in a notebook's JSON text, by cell index; undefined if not found. */
function locateSources(text: string): Map<number, JsonSpan> | undefined {
  const scanner = new JsonScanner(text);
  const root = scanner.objectMembers(scanner.skipWhitespace(0));
  const cells = root?.get('cells');
  if (!cells) return undefined;
  const spans = new Map<number, JsonSpan>();
  for (const [index, element] of scanner.arrayElementSpans(cells.start).entries()) {
    const source = scanner.objectMembers(element.start)?.get('source');
    if (source) spans.set(index, source);
  }
  return spans;
}

/** The JSON texts of a list's elements (the list given as its JSON text). */
function arrayElements(json: string): string[] {
  const scanner = new JsonScanner(json);
  return scanner.arrayElementSpans(0).map((span) => json.slice(span.start, span.end));
}

class JsonScanner {
  constructor(private readonly text: string) {}

  skipWhitespace(at: number): number {
    let i = at;
    while (i < this.text.length && ' \t\r\n'.includes(this.text[i])) i++;
    return i;
  }

  /** An object's members by key (value spans); undefined when `at` is not an object. */
  objectMembers(at: number): Map<string, JsonSpan> | undefined {
    if (this.text[at] !== '{') return undefined;
    const members = new Map<string, JsonSpan>();
    let i = this.skipWhitespace(at + 1);
    while (this.text[i] === '"') {
      const keyEnd = this.valueEnd(i);
      const key = JSON.parse(this.text.slice(i, keyEnd)) as string;
      const start = this.skipWhitespace(this.skipWhitespace(keyEnd) + 1);
      const end = this.valueEnd(start);
      members.set(key, { start, end });
      i = this.skipWhitespace(end);
      if (this.text[i] === ',') i = this.skipWhitespace(i + 1);
    }
    return members;
  }

  arrayElementSpans(at: number): JsonSpan[] {
    if (this.text[at] !== '[') return [];
    const spans: JsonSpan[] = [];
    let i = this.skipWhitespace(at + 1);
    while (i < this.text.length && this.text[i] !== ']') {
      const end = this.valueEnd(i);
      spans.push({ start: i, end });
      i = this.skipWhitespace(end);
      if (this.text[i] === ',') i = this.skipWhitespace(i + 1);
    }
    return spans;
  }

  /** Where the value starting at `at` ends. */
  private valueEnd(at: number): number {
    const c = this.text[at];
    if (c === '"') {
      let i = at + 1;
      while (this.text[i] !== '"') i += this.text[i] === '\\' ? 2 : 1;
      return i + 1;
    }
    if (c === '{' || c === '[') {
      let depth = 0;
      for (let i = at; i < this.text.length; i++) {
        const d = this.text[i];
        if (d === '"') i = this.valueEnd(i) - 1;
        else if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) return i + 1;
        }
      }
      return this.text.length;
    }
    let i = at;
    while (i < this.text.length && !',}] \t\r\n'.includes(this.text[i])) i++;
    return i;
  }
}
