/**
 * Edits that add Google sections or section entries to an existing docstring, for the "add the
 * missing entries/section" fixes (D417, DOC201, DOC402, DOC501). New text uses the docstring's own
 * indentation and a `TODO.` description for the author to fill in.
 */
import { nodeRange } from '../engine/positions';
import type { Fix, Position, TextEdit } from '../engine/types';
import { bodyPosition, type Docstring, type Section, splitLines } from './google';

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

export function docstringFix(title: string, edit: TextEdit): Fix {
  // Unsafe: the author has to replace the TODO descriptions, so fix-all should not apply it.
  return { title, safe: false, edits: [edit] };
}
