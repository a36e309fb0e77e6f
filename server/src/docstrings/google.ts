/**
 * Google-style docstrings: finding a definition's docstring, splitting its body into sections the
 * way Ruff's pydocstyle does (so that D417 and the DOC rules agree with Ruff), and reading the
 * entries of `Args:` and `Raises:` sections. Offsets are UTF-16 offsets into the docstring body
 * (the text between the quotes); `bodyPosition` turns them into document positions.
 */
import type { Node, Position } from '../engine/types';

export interface Docstring {
  /** The `string` (or `concatenated_string`) expression node. */
  node: Node;
  /** The text between the quotes; empty for an implicit concatenation. */
  body: string;
  /** Where the body starts in the document. */
  bodyStart: Position;
  /** `"a" "b"`: Ruff recognises it as a docstring but checks nothing in it. */
  implicitConcatenation: boolean;
  /** Number of characters of the opening quotes (1 or 3) and the prefix length. */
  quote: string;
  prefix: string;
}

export type SectionKindName =
  | 'Args'
  | 'Arguments'
  | 'Attention'
  | 'Attributes'
  | 'Caution'
  | 'Danger'
  | 'Error'
  | 'Example'
  | 'Examples'
  | 'Extended Summary'
  | 'Hint'
  | 'Important'
  | 'Keyword Args'
  | 'Keyword Arguments'
  | 'Methods'
  | 'Note'
  | 'Notes'
  | 'Other Args'
  | 'Other Arguments'
  | 'Other Parameters'
  | 'Other Params'
  | 'Parameters'
  | 'Raises'
  | 'Receives'
  | 'References'
  | 'Return'
  | 'Returns'
  | 'See Also'
  | 'Short Summary'
  | 'Tip'
  | 'Todo'
  | 'Warning'
  | 'Warnings'
  | 'Warns'
  | 'Yield'
  | 'Yields';

/** The section names Ruff recognises in Google style, keyed by their lower-case spelling. */
export const GOOGLE_SECTIONS: ReadonlyMap<string, SectionKindName> = new Map(
  (
    [
      'Args',
      'Arguments',
      'Attention',
      'Attributes',
      'Caution',
      'Danger',
      'Error',
      'Example',
      'Examples',
      'Hint',
      'Important',
      'Keyword Args',
      'Keyword Arguments',
      'Methods',
      'Note',
      'Notes',
      'Other Args',
      'Other Arguments',
      'Raises',
      'References',
      'Return',
      'Returns',
      'See Also',
      'Tip',
      'Todo',
      'Warning',
      'Warnings',
      'Warns',
      'Yield',
      'Yields',
    ] as const
  ).map((name) => [name.toLowerCase(), name]),
);

/** The section names Ruff recognises in NumPy style. */
export const NUMPY_SECTIONS: ReadonlyMap<string, SectionKindName> = new Map(
  (
    [
      'Attributes',
      'Examples',
      'Methods',
      'Notes',
      'Raises',
      'References',
      'Returns',
      'See Also',
      'Warnings',
      'Warns',
      'Yields',
      'Extended Summary',
      'Other Params',
      'Other Parameters',
      'Parameters',
      'Receives',
      'Short Summary',
    ] as const
  ).map((name) => [name.toLowerCase(), name]),
);

/** The two section styles Ruff splits docstrings by (Sphinx fields are not sections: see sphinx.ts). */
export type SectionStyle = 'google' | 'numpy';

const SECTION_NAMES: Record<SectionStyle, ReadonlyMap<string, SectionKindName>> = {
  google: GOOGLE_SECTIONS,
  numpy: NUMPY_SECTIONS,
};

export const ARGS_SECTIONS: ReadonlySet<SectionKindName> = new Set([
  'Args',
  'Arguments',
  'Keyword Args',
  'Keyword Arguments',
  'Other Args',
  'Other Arguments',
]);

export interface Line {
  /** The line without its terminator. */
  text: string;
  start: number;
  /** Offset after the terminator (equals `start + text.length` on the last line). */
  fullEnd: number;
}

export interface Section {
  kind: SectionKindName;
  /** The header as written, e.g. `args` or `Keyword Args`. */
  name: string;
  indent: number;
  nameStart: number;
  /** Header line start, and end of the section (start of the next one, or end of the body). */
  start: number;
  end: number;
  /** The header line, without terminator. */
  headerLine: string;
  /** What follows the name on the header line, e.g. `:`. */
  afterName: string;
  /** Offset just after the header line's terminator. */
  contentStart: number;
  /** Body text from `contentStart` to `end`. */
  content: string;
}

export interface Entry {
  name: string;
  /** Offset of the name (including any `*`) in the body. */
  nameStart: number;
  nameEnd: number;
}

/** Lines the way Ruff's `universal_newlines` yields them: `\n`, `\r\n`, `\r`; no empty final line. */
export function splitLines(text: string, offset = 0): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const end = i;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lines.push({ text: text.slice(start, end), start: start + offset, fullEnd: i + 1 + offset });
    start = i + 1;
  }
  if (start < text.length)
    lines.push({ text: text.slice(start), start: start + offset, fullEnd: text.length + offset });
  return lines;
}

const STRING_PREFIX = /^[A-Za-z]*/;

/**
 * The expression of an expression statement, without the parentheses around it: Python (and Ruff)
 * take `("Docstring.")` as the docstring too.
 */
export function statementExpression(statement: Node): Node | undefined {
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return undefined;
  let expr = statement.namedChild(0);
  while (expr?.type === 'parenthesized_expression' && expr.namedChildCount === 1) expr = expr.namedChild(0);
  return expr ?? undefined;
}

/**
 * The docstring of a module (`root`) or a definition body (`block`): its first statement, when
 * that is an expression statement holding a plain string (not bytes, not an f-string).
 */
export function findDocstring(body: Node | null): Docstring | undefined {
  if (!body) return undefined;
  let first: Node | null = null;
  for (let i = 0; i < body.namedChildCount; i++) {
    const child = body.namedChild(i);
    if (child && child.type !== 'comment') {
      first = child;
      break;
    }
  }
  const expr = first ? statementExpression(first) : undefined;
  if (!expr) return undefined;
  if (expr.type === 'string') return plainString(expr);
  if (expr.type === 'concatenated_string') {
    const parts = expr.namedChildren.filter((c): c is Node => c?.type === 'string');
    if (parts.length === 0 || !parts.every((p) => plainString(p))) return undefined;
    const start = expr.startPosition;
    return {
      node: expr,
      body: '',
      bodyStart: { line: start.row, character: start.column },
      implicitConcatenation: true,
      quote: '',
      prefix: '',
    };
  }
  return undefined;
}

function plainString(node: Node): Docstring | undefined {
  const opener = node.child(0);
  if (opener?.type !== 'string_start') return undefined;
  const prefix = STRING_PREFIX.exec(opener.text)?.[0] ?? '';
  if (/[bBfFtT]/.test(prefix)) return undefined;
  const quote = opener.text.slice(prefix.length);
  const text = node.text;
  const closerLength = quote.length;
  const body = text.slice(opener.text.length, Math.max(opener.text.length, text.length - closerLength));
  return {
    node,
    body,
    bodyStart: { line: opener.endPosition.row, character: opener.endPosition.column },
    implicitConcatenation: false,
    quote,
    prefix,
  };
}

/** Document position of a body offset. */
export function bodyPosition(doc: Docstring, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < doc.body.length; i++) {
    const c = doc.body.charCodeAt(i);
    if (c === 10 || (c === 13 && doc.body.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  if (line === 0) return { line: doc.bodyStart.line, character: doc.bodyStart.character + offset };
  return { line: doc.bodyStart.line + line, character: offset - lineStart };
}

/** Ruff's `leading_words`: the trimmed line up to the first character that is neither alphanumeric nor space. */
export function leadingWords(line: string): string {
  const trimmed = line.trim();
  const match = /[^\p{L}\p{N}\s]/u.exec(trimmed);
  return match ? trimmed.slice(0, match.index) : trimmed;
}

function leadingSpace(line: string): string {
  return /^\s*/.exec(line)?.[0] ?? '';
}

/**
 * Splits a docstring body into Google (or NumPy) sections, exactly as Ruff's `SectionContexts::from_docstring`
 * does: a header is a known section name alone on its line (optionally with `:`), after a blank line
 * or the end of a paragraph; deeper-indented names inside a section are sub-entries, not headers.
 * `parameterNames` are the function's parameters (a parameter named `Args` is not a header).
 */
export function parseSections(
  body: string,
  parameterNames: readonly string[] = [],
  style: SectionStyle = 'google',
): Section[] {
  const names = SECTION_NAMES[style];
  const lines = splitLines(body);
  const sections: Section[] = [];
  let previous: Line | undefined = lines[0];
  let directiveIndent: number | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const indent = leadingSpace(line.text).length;
    if (directiveIndent !== undefined && (line.text.trim() === '' || indent > directiveIndent)) {
      previous = line;
      continue;
    }
    directiveIndent = undefined;
    if (line.text.trimStart().startsWith('.. ')) {
      directiveIndent = indent;
      previous = line;
      continue;
    }
    const words = leadingWords(line.text);
    const kind = names.get(words.toLowerCase());
    const last = sections[sections.length - 1];
    if (
      kind &&
      isSectionHeader(line.text, indent, words, kind, last, previous, lines[i + 1], parameterNames)
    ) {
      if (last) {
        last.end = line.start;
        last.content = body.slice(last.contentStart, last.end);
      }
      sections.push({
        kind,
        name: words,
        indent,
        nameStart: line.start + indent,
        start: line.start,
        end: body.length,
        headerLine: line.text,
        afterName: line.text.slice(indent + words.length),
        contentStart: line.fullEnd,
        content: body.slice(line.fullEnd),
      });
    }
    previous = line;
  }
  return sections;
}

function isSectionHeader(
  line: string,
  indent: number,
  words: string,
  kind: SectionKindName,
  previousSection: Section | undefined,
  previousLine: Line | undefined,
  nextLine: Line | undefined,
  parameterNames: readonly string[],
): boolean {
  const suffix = line.slice(indent + words.length).trim();
  if (suffix !== ':' && suffix !== '') return false;
  const next = nextLine?.text.trim() ?? '';
  const nextIsUnderline = next !== '' && /^[-=]+$/.test(next);
  if (nextIsUnderline) return true;
  const prev = previousLine?.text.trim();
  const endsParagraph = prev === undefined || prev === '' || /[,;.\-\\/\]})]$/.test(prev);
  if (!endsParagraph) return false;
  if (previousSection) {
    const verbatim = line.slice(indent, indent + words.length);
    if (previousSection.indent < indent && (kind !== verbatim || parameterNames.includes(kind))) return false;
    if (previousLine && previousLine.text.trim() === '') return true;
    if (/^\p{Ll}/u.test(verbatim) && kind !== verbatim) return false;
  }
  return true;
}

/** The first line of the section content, for indentation-relative parsing. */
function contentLines(section: Section): Line[] {
  return splitLines(section.content, section.contentStart);
}

/**
 * The argument names an `Args:`-like section documents, as Ruff's D417 reads them: entries are
 * lines at the section's first indentation, `name (type): description`, with a description on the
 * same or a following line. Names keep their `*`/`**`.
 */
export function documentedArgs(section: Section): Set<string> {
  const lines = contentLines(section);
  const names = new Set<string>();
  if (lines.length === 0) return names;
  const first = leadingSpace(lines[0].text);
  const relevant = lines
    .filter((line) => line.text === '' || (line.text.startsWith(first) && !isUnderline(line.text)))
    .map((line) => line.text);
  const content = dedent(relevant.join('\n')).trim();
  const chunks: string[] = [];
  for (const line of content.split(/\r\n|\r|\n/)) {
    if (line === '' || /^\s/.test(line)) {
      if (chunks.length > 0) chunks[chunks.length - 1] += `${line}\n`;
    } else {
      chunks.push(`${line}\n`);
    }
  }
  for (const chunk of chunks) {
    const match = ARG_ENTRY.exec(chunk);
    if (match) names.add(match[1]);
  }
  return names;
}

const WORD = '[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]';
/** Ruff's `GOOGLE_ARGS_REGEX` (from pydocstyle): `name (type): description`. */
const ARG_ENTRY = new RegExp(`^\\s*(\\*?\\*?${WORD}+)\\s*(\\(.*?\\))?\\s*:(\\r\\n|\\n)?\\s*.+`, 'u');

function isUnderline(line: string): boolean {
  return /^\s*-+\s*$/.test(line);
}

/** Removes the common leading whitespace of non-blank lines; blank lines become empty. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let prefix = Number.MAX_SAFE_INTEGER;
  for (const line of lines) {
    const lead = leadingSpace(line).length;
    if (lead !== line.length) prefix = Math.min(prefix, lead);
  }
  if (prefix === Number.MAX_SAFE_INTEGER) return text;
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(prefix))).join('\n');
}

/**
 * Exception names listed under `Raises:`, as Ruff's pydoclint reads them: lines at the first line's
 * indentation up to a colon; the section ends at the first less-indented non-blank line.
 */
export function raisesEntries(section: Section): Entry[] {
  const lines = section.content.split('\n').map((text) => text.replace(/\r$/, ''));
  const entries: Entry[] = [];
  if (lines.length === 0 || section.content === '') return entries;
  const indentation = leadingSpace(lines[0]);
  let offset = section.contentStart;
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.startsWith(indentation)) {
      const entry = line.slice(indentation.length);
      if (entry === '' || /^\s/.test(entry)) continue;
      const colon = entry.indexOf(':');
      if (colon < 0) continue;
      const name = entry.slice(0, colon).trim();
      if (name === '') continue;
      const nameStart = lineStart + indentation.length;
      entries.push({ name, nameStart, nameEnd: nameStart + entry.slice(0, colon).trimEnd().length });
    } else if (line.trim() !== '') {
      break;
    }
  }
  return entries;
}

/**
 * Parameter entries of an `Args:` section, as Ruff's pydoclint reads them: lines at the first
 * line's indentation with `name:`; `*args`/`**kwargs` keep their stars in the range, not the name.
 */
export function parameterEntries(section: Section): Entry[] {
  const lines = section.content.split('\n').map((text) => text.replace(/\r$/, ''));
  const entries: Entry[] = [];
  if (section.content === '') return entries;
  const indentation = leadingSpace(lines[0]);
  let offset = section.contentStart;
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    if (!line.startsWith(indentation)) continue;
    const entry = line.slice(indentation.length);
    if (entry === '' || /^\s/.test(entry)) continue;
    const colon = entry.indexOf(':');
    if (colon < 0) continue;
    const param = entry.slice(0, colon).trim().split(/\s+/)[0];
    if (!param) continue;
    const name = param.replace(/^\*+/, '');
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) continue;
    const nameStart = lineStart + indentation.length;
    entries.push({ name, nameStart, nameEnd: nameStart + param.length });
  }
  return entries;
}
