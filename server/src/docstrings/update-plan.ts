/**
 * What "Update docstring" brings a docstring in line with, whatever its style: computed once from
 * the function (update.ts), applied by the style's updater (update.ts for Google, update-numpy.ts,
 * update-sphinx.ts). Also the small text helpers the updaters share.
 */
import type { Item } from './template';

export const TODO = 'TODO.';

export interface UpdatePlan {
  /** The arguments a docstring documents, in signature order (stars kept: `*args`). */
  args: readonly Item[];
  /**
   * The function takes `**kwargs`: entries naming no parameter may document the keywords it takes
   * (flask's `register_blueprint` documents `url_prefix`...), so they are kept.
   */
  keepUnknownEntries: boolean;
  /** The return value to document when nothing does yet. */
  returns?: Item;
  /** `-> None` on a real body: a Returns section says something untrue. */
  removeReturns: boolean;
  yields?: Item;
  /** No `yield` at all in a real body: a Yields section says something untrue. */
  removeYields: boolean;
  /** Exceptions DOC501 counts (resolved names as written), in order of first raise. */
  raises: readonly string[];
  /** The docstring's indentation (that of the line holding the opening quotes). */
  base: string;
  /** Every parameter name of the function (a parameter named like a section is no header). */
  parameterNames: readonly string[];
}

export function bare(name: string): string {
  return name.replace(/^\*+/, '');
}

/** An identifier, maybe starred: what an entry for an argument is named. */
export function isArgumentName(name: string): boolean {
  return /^\*{0,2}[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
}

/** `segments` ends with `suffix` (`errors.Bad` documents `pkg.errors.Bad`). */
export function endsWithSegments(segments: readonly string[], suffix: readonly string[]): boolean {
  return (
    suffix.length <= segments.length &&
    suffix.every((s, i) => segments[segments.length - suffix.length + i] === s)
  );
}

/** The exceptions of the plan that none of `documented` names. */
export function missingRaises(plan: UpdatePlan, documented: readonly string[]): string[] {
  return plan.raises.filter(
    (name) => !documented.some((d) => endsWithSegments(name.split('.'), d.split('.'))),
  );
}

/**
 * Inserts whole lines at `offset`: at a line start they go before that line; at the end of text that
 * the closing quotes follow on the same line, they go on new lines after it.
 */
export function insertLines(body: string, offset: number, lines: readonly string[]): string {
  const text = lines.join('\n');
  const atLineStart = offset === 0 || body[offset - 1] === '\n' || body[offset - 1] === '\r';
  const inserted = atLineStart ? `${text}\n` : `\n${text}`;
  return body.slice(0, offset) + inserted + body.slice(offset);
}

/**
 * Appends a block (lines already indented) after the docstring's text, after a blank line; the
 * closing quotes keep their own line, or get one.
 */
export function appendBlock(body: string, lines: readonly string[], base: string): string {
  const textEnd = body.trimEnd().length;
  const closingOnOwnLine = /[\r\n]/.test(body.slice(textEnd));
  const tail = closingOnOwnLine ? body.slice(textEnd) : `\n${base}`;
  return `${body.slice(0, textEnd)}\n\n${lines.join('\n')}${tail}`;
}

/** Removes `start..end` of the body; at the end of the text, the closing quotes keep their line. */
export function removeRange(body: string, start: number, end: number, base: string): string {
  if (end < body.length && body.slice(end).trim() !== '') return body.slice(0, start) + body.slice(end);
  const text = body.slice(0, start).trimEnd();
  return /[\r\n]/.test(body.slice(body.trimEnd().length)) ? `${text}\n${base}` : text;
}
