/**
 * NumPy-style docstrings: the entries of underlined sections (`Parameters`, `Returns`, `Raises`...).
 * Sections themselves are split by `parseSections(body, names, 'numpy')` (google.ts), as Ruff does.
 * Offsets are UTF-16 offsets into the docstring body, exact for every piece so that "Update
 * docstring" can keep the author's text byte-for-byte.
 */
import { type Entry, type Line, type Section, splitLines } from './google';

function leadingSpace(line: string): string {
  return /^\s*/.exec(line)?.[0] ?? '';
}

/**
 * The parameter names a NumPy `Parameters` section documents, as Ruff's D417 reads them: a line at
 * the header's indentation followed by a deeper-indented line is an entry; its names are what comes
 * before the first `:`, split at commas (`x, y : int`), stars kept (`*args`).
 */
export function numpyDocumentedParams(section: Section): Set<string> {
  const names = new Set<string>();
  const indent = leadingSpace(section.headerLine);
  // Ruff joins backslash continuations before reading the lines.
  const lines = section.content.replace(/\\\r?\n/g, '').split(/\r\n|\r|\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (leadingSpace(line) !== indent || next.trim() === '') continue;
    if (leadingSpace(next).length <= indent.length) continue;
    const colon = line.indexOf(':');
    const head = colon >= 0 ? line.slice(0, colon) : line.trim();
    for (const name of head.split(',')) names.add(name.trim());
  }
  return names;
}

/**
 * Exception names of a NumPy `Raises` section, as Ruff's pydoclint reads them: the first line (the
 * underline) gives the indentation; every later line at that indentation is an entry, read whole.
 */
export function numpyRaisesEntries(section: Section): Entry[] {
  const lines = splitLines(section.content, section.contentStart);
  const entries: Entry[] = [];
  if (lines.length === 0) return entries;
  const indentation = leadingSpace(lines[0].text);
  for (const line of lines.slice(1)) {
    if (!line.text.startsWith(indentation)) continue;
    const rest = line.text.slice(indentation.length);
    if (rest === '' || /^\s/.test(rest)) continue;
    const name = rest.trimEnd();
    const nameStart = line.start + indentation.length;
    entries.push({ name, nameStart, nameEnd: nameStart + name.length });
  }
  return entries;
}

/** One entry of a NumPy section: `x, y : int` and its indented description lines. */
export interface NumpyEntry {
  /** The names on the entry line (stars kept), each with its range. */
  names: Entry[];
  /** Start of the entry line; end after the last description line's terminator. */
  start: number;
  end: number;
}

export interface NumpyLayout {
  /** End of the underline (after its terminator), or the content start without one. */
  entriesStart: number;
  entries: NumpyEntry[];
  /** End of the last entry (before the blank lines that end the section, and less-indented text). */
  entriesEnd: number;
  /** The entries' indentation (the header's). */
  indent: string;
}

/**
 * The entries of a NumPy section for editing: lines at the header's indentation start an entry,
 * deeper lines (and blank lines followed by more entries or deeper lines) continue it; anything else
 * (less-indented text, the blank lines that end the section) ends the list.
 */
export function numpyLayout(section: Section): NumpyLayout {
  const lines = splitLines(section.content, section.contentStart);
  let index = 0;
  let entriesStart = section.contentStart;
  if (lines[0] && /^\s*[-=]+\s*$/.test(lines[0].text) && lines[0].text.trim() !== '') {
    entriesStart = lines[0].fullEnd;
    index = 1;
  }
  // Entries sit at the header's indentation; a section written deeper (`Parameters:` Google-like)
  // has its entries at its first written line's.
  const headerIndent = leadingSpace(section.headerLine);
  const firstWritten = lines.slice(index).find((l) => l.text.trim() !== '');
  const firstIndent = firstWritten ? leadingSpace(firstWritten.text) : headerIndent;
  const indent = firstIndent.startsWith(headerIndent) ? firstIndent : headerIndent;
  const entries: NumpyEntry[] = [];
  let entriesEnd = entriesStart;
  for (; index < lines.length; index++) {
    const line = lines[index];
    const lead = leadingSpace(line.text);
    if (line.text.trim() === '') {
      if (!continuesAfterBlanks(lines, index, indent)) break;
      // Blank lines before the first entry belong before the entries.
      if (entries.length === 0) entriesStart = entriesEnd = line.fullEnd;
      continue;
    }
    if (lead === indent) {
      entries.push({ names: entryNames(line), start: line.start, end: line.fullEnd });
    } else if (lead.length > indent.length && entries.length > 0 && lead.startsWith(indent)) {
      entries[entries.length - 1].end = line.fullEnd;
    } else {
      break;
    }
    entriesEnd = entries[entries.length - 1].end;
  }
  return { entriesStart, entries, entriesEnd, indent };
}

/**
 * Blank lines between or inside entries: the next written line of the section is an entry or a
 * description line (at the entries' indentation or deeper); they then belong to the entry above.
 */
function continuesAfterBlanks(lines: Line[], index: number, indent: string): boolean {
  const next = lines.slice(index).find((l) => l.text.trim() !== '');
  return !!next && next.text.startsWith(indent) && leadingSpace(next.text).length >= indent.length;
}

/** The names before the first `:` (as Ruff reads them), split at commas. */
function entryNames(line: Line): Entry[] {
  const text = line.text;
  const colon = text.indexOf(':');
  const head = colon >= 0 ? text.slice(0, colon) : text;
  const entries: Entry[] = [];
  const pattern = /[^\s,]+/g;
  for (let match = pattern.exec(head); match; match = pattern.exec(head)) {
    entries.push({
      name: match[0],
      nameStart: line.start + match.index,
      nameEnd: line.start + match.index + match[0].length,
    });
  }
  return entries;
}
