/**
 * Sphinx-style docstrings: `:param x:`, `:param int x:`, `:type x:`, `:returns:`, `:rtype:`,
 * `:raises E:`, `:yields:` fields (reStructuredText field lists). Each field keeps its exact range
 * in the body (UTF-16 offsets), continuation lines included, so that updates keep the author's text.
 */
import { type Line, splitLines } from './google';

export type SphinxFieldKind =
  | 'param'
  | 'type'
  | 'returns'
  | 'rtype'
  | 'raises'
  | 'yields'
  | 'ytype'
  | 'attribute'
  | 'other';

const KINDS: Record<string, SphinxFieldKind> = {
  param: 'param',
  parameter: 'param',
  arg: 'param',
  argument: 'param',
  key: 'param',
  keyword: 'param',
  type: 'type',
  returns: 'returns',
  return: 'returns',
  rtype: 'rtype',
  raises: 'raises',
  raise: 'raises',
  except: 'raises',
  exception: 'raises',
  yields: 'yields',
  yield: 'yields',
  ytype: 'ytype',
  ivar: 'attribute',
  var: 'attribute',
  cvar: 'attribute',
};

export interface SphinxField {
  kind: SphinxFieldKind;
  /** The tag as written: `param`, `raises`, `return`... */
  tag: string;
  /** The field's subject (parameter or exception name), when it has one. */
  name?: string;
  nameStart?: number;
  nameEnd?: number;
  /** `:param int x:` gives `int`. */
  inlineType?: string;
  /** Start of the field's line; end after its last continuation line's terminator. */
  start: number;
  end: number;
  indent: string;
}

/** `:tag args:` at the start of a line (after indentation); args hold no colon. */
const FIELD = /^([ \t]*):([A-Za-z]+)((?:[ \t]+[^:\r\n]*?)?)[ \t]*:(?=\s|$)/;

/** The fields of a Sphinx docstring body, in order. */
export function sphinxFields(body: string): SphinxField[] {
  const lines = splitLines(body);
  const fields: SphinxField[] = [];
  let current: SphinxField | undefined;
  for (const [index, line] of lines.entries()) {
    if (index === 0) continue;
    const match = FIELD.exec(line.text);
    if (match) {
      current = field(match, line);
      fields.push(current);
      continue;
    }
    if (!current) continue;
    const lead = /^[ \t]*/.exec(line.text)?.[0] ?? '';
    if (line.text.trim() === '') {
      if (!continuesAfterBlanks(lines, index, current.indent)) current = undefined;
    } else if (lead.length > current.indent.length) {
      current.end = line.fullEnd;
    } else {
      current = undefined;
    }
  }
  return fields;
}

function field(match: RegExpExecArray, line: Line): SphinxField {
  const [, indent, tag, args] = match;
  const kind = KINDS[tag.toLowerCase()] ?? 'other';
  const result: SphinxField = { kind, tag, start: line.start, end: line.fullEnd, indent };
  const words = args.trim();
  if (words === '') return result;
  const argsStart = indent.length + 1 + tag.length + (args.length - args.trimStart().length);
  // The subject is the last word; what precedes it is an inline type (`:param int x:`).
  const last = /\S+$/.exec(words);
  if (!last) return result;
  result.name = last[0];
  result.nameStart = line.start + argsStart + last.index;
  result.nameEnd = result.nameStart + last[0].length;
  if (kind === 'param' && last.index > 0) result.inlineType = words.slice(0, last.index).trim();
  if (kind === 'raises') {
    result.name = words;
    result.nameStart = line.start + argsStart;
    result.nameEnd = result.nameStart + words.length;
  }
  return result;
}

function continuesAfterBlanks(lines: Line[], index: number, indent: string): boolean {
  const next = lines.slice(index).find((l) => l.text.trim() !== '');
  return !!next && (/^[ \t]*/.exec(next.text)?.[0].length ?? 0) > indent.length;
}

/** Whether the body has Sphinx fields that document a function (params, returns, raises...). */
export function hasSphinxFields(body: string): boolean {
  return sphinxFields(body).some((f) => f.kind !== 'other');
}

/**
 * The fields up to `end` are the docstring's first paragraph (no summary above them, no blank line
 * among them): a field added at `end` goes after a blank line, leaving that paragraph as it was
 * (PCV301, D205 want a one-line first paragraph).
 */
export function fieldsOpenBody(body: string, fields: readonly SphinxField[], end: number): boolean {
  const firstWritten = splitLines(body).find((line) => line.text.trim() !== '');
  if (!firstWritten || firstWritten.start !== fields[0]?.start) return false;
  return !/\n[ \t]*\r?\n/.test(body.slice(fields[0].start, end));
}
