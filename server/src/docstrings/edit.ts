/**
 * Edits that add sections (Google, NumPy), section entries or Sphinx fields to an existing docstring, for the "add the
 * missing entries/section" fixes (D417, DOC201, DOC402, DOC501). New text uses the docstring's own
 * indentation and a `TODO.` description for the author to fill in.
 */
import { nodeRange } from '../engine/positions';
import type { Fix, Position, TextEdit } from '../engine/types';
import { bodyPosition, type Docstring, type Section, splitLines } from './google';
import type { DocstringReading } from './reading';
import { fieldsOpenBody } from './sphinx';
import type { DocstringStyle } from './template';

const ENTRY_INDENT = '    ';

/** The whitespace before the line holding the opening quotes: the docstring's indentation. */
export function docstringIndent(doc: Docstring, source: string): string {
  const lineStart = source.lastIndexOf('\n', doc.node.startIndex - 1) + 1;
  const prefix = source.slice(lineStart, doc.node.startIndex);
  return /^[ \t]*/.exec(prefix)?.[0] ?? '';
}

function insertAt(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/**
 * Inserts `newText` at `offset` of the body. A one-quote docstring (`"Summary."`) cannot hold a
 * line break, so it is rewritten whole with triple quotes (found by pyconv's fixcheck on the corpus).
 */
function insertInBody(doc: Docstring, offset: number, newText: string): TextEdit {
  if (doc.quote.length !== 1 || !/[\r\n]/.test(newText)) return insertAt(bodyPosition(doc, offset), newText);
  const quotes = doc.quote.repeat(3);
  const body = doc.body.slice(0, offset) + newText + doc.body.slice(offset);
  return { range: nodeRange(doc.node), newText: `${doc.prefix}${quotes}${body}${quotes}` };
}

/** Appends `entries` (e.g. `x: TODO.`) after the last written line of an existing section. */
export function appendEntriesEdit(doc: Docstring, section: Section, entries: readonly string[]): TextEdit {
  const lines = splitLines(doc.body).filter((l) => l.start >= section.contentStart && l.start < section.end);
  const written = lines.filter((l) => l.text.trim() !== '');
  const firstIndent = written.length > 0 ? (/^[ \t]*/.exec(written[0].text)?.[0] ?? '') : undefined;
  // `section.indent` is the header line's own leading whitespace, docstring indentation included.
  const indent = firstIndent ?? `${' '.repeat(section.indent)}${ENTRY_INDENT}`;
  const last = written[written.length - 1];
  const offset = last ? last.start + last.text.length : section.start + section.headerLine.length;
  return insertInBody(doc, offset, entries.map((e) => `\n${indent}${e}`).join(''));
}

/**
 * Adds a new section: before `before` when given (keeping Google's Args/Returns/Raises order), else
 * at the end of the docstring; a one-line docstring becomes a multi-line one.
 */
export function addSectionEdit(
  doc: Docstring,
  source: string,
  name: string,
  entries: readonly string[],
  before?: Section,
): TextEdit {
  const base = docstringIndent(doc, source);
  const block = [`${base}${name}:`, ...entries.map((e) => `${base}${ENTRY_INDENT}${e}`)].join('\n');
  if (before) return insertInBody(doc, before.start, `${block}\n\n`);
  const textEnd = doc.body.trimEnd().length;
  const closingOnOwnLine = /[\r\n]/.test(doc.body.slice(textEnd));
  return insertInBody(doc, textEnd, `\n\n${block}${closingOnOwnLine ? '' : `\n${base}`}`);
}

/** A fix of a docstring: one edit, or the edits a rule built through `ctx.fixEdits` (maybe none). */
export function docstringFix(title: string, edit: TextEdit | TextEdit[]): Fix {
  // Unsafe: the author has to replace the TODO descriptions, so fix-all should not apply it.
  return { title, safe: false, edits: Array.isArray(edit) ? edit : [edit] };
}

/**
 * Inserts whole lines (each given relative to the docstring's indentation) at `offset`, the start of
 * a line of the body, or the end of the body's text when the closing quotes follow it on its line.
 */
export function insertLinesEdit(
  doc: Docstring,
  source: string,
  offset: number,
  lines: readonly string[],
): TextEdit {
  const base = docstringIndent(doc, source);
  const text = lines.map((l) => (l === '' ? '' : `${base}${l}`)).join('\n');
  const atLineStart = offset === 0 || /[\r\n]/.test(doc.body[offset - 1] ?? '');
  return insertInBody(doc, offset, atLineStart ? `${text}\n` : `\n${text}`);
}

/** The lines of a new section in `style` (relative to the docstring's indentation). */
export function sectionLines(style: DocstringStyle, name: string, entries: readonly string[][]): string[] {
  if (style === 'numpy') {
    return [
      name,
      '-'.repeat(name.length),
      ...entries.flatMap(([head, ...rest]) => [head, ...rest.map((l) => `${ENTRY_INDENT}${l}`)]),
    ];
  }
  return [`${name}:`, ...entries.flatMap((lines) => lines.map((l) => `${ENTRY_INDENT}${l}`))];
}

/**
 * Adds a section in the docstring's style (before `before` when given) or, in Sphinx, field lines
 * after the last field (before `before`, a field start, when given).
 */
export function addBlockEdit(
  doc: Docstring,
  source: string,
  reading: DocstringReading,
  name: string,
  entries: readonly string[][],
  before?: number,
): TextEdit {
  if (reading.style === 'sphinx') {
    const lines = entries.map((e) => e.join(' '));
    const last = reading.fields[reading.fields.length - 1];
    if (before !== undefined) return insertLinesEdit(doc, source, before, lines);
    if (last) {
      const end = lastFieldEnd(doc, last.end);
      const separated = fieldsOpenBody(doc.body, reading.fields, end) ? ['', ...lines] : lines;
      return insertLinesEdit(doc, source, end, separated);
    }
    return addLinesAtEnd(doc, source, lines);
  }
  const lines = sectionLines(reading.style, name, entries);
  if (before !== undefined) return insertLinesEdit(doc, source, before, [...lines, '']);
  return addLinesAtEnd(doc, source, lines);
}

/** A field that ends the body without a line break: insert after its text. */
function lastFieldEnd(doc: Docstring, end: number): number {
  return end === doc.body.length ? doc.body.trimEnd().length : end;
}

function addLinesAtEnd(doc: Docstring, source: string, lines: readonly string[]): TextEdit {
  const base = docstringIndent(doc, source);
  const block = lines.map((l) => (l === '' ? '' : `${base}${l}`)).join('\n');
  const textEnd = doc.body.trimEnd().length;
  const closingOnOwnLine = /[\r\n]/.test(doc.body.slice(textEnd));
  return insertInBody(doc, textEnd, `\n\n${block}${closingOnOwnLine ? '' : `\n${base}`}`);
}
