import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { SYNTAX_ERROR_CODE } from '../engine/syntax-errors';
import type { Diagnostic as EngineDiagnostic, Severity } from '../engine/types';

export const SOURCE = 'pyconv';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `dist/docs/rules/<CODE>.md` beside the bundle, as a file URI (the docs are copied there at build time). */
export function ruleDocUri(code: string): string {
  return codeDescriptionOf(code).href;
}

/**
 * The link to a rule's page, one object per code shared by its diagnostics (published diagnostics
 * are never changed: see `toLspDiagnostic`). Every diagnostic of every publish asks: building a file
 * URL each time was a visible cost per keystroke, and so was an object per diagnostic converted,
 * which below a typed line break is every one.
 */
function codeDescriptionOf(code: string): { href: string } {
  let description = codeDescriptions.get(code);
  if (description === undefined) {
    description = { href: pathToFileURL(path.join(__dirname, 'docs', 'rules', `${code}.md`)).href };
    codeDescriptions.set(code, description);
  }
  return description;
}

const codeDescriptions = new Map<string, { href: string }>();

/**
 * The published diagnostic. Its fix does not travel with it (a file's fixes, docstring templates
 * among them, were two fifths of every publish): code actions find it in the server's analysis of
 * the same version by code and range.
 */
export function toLspDiagnostic(diagnostic: EngineDiagnostic): Diagnostic {
  // The engine keeps a statement's diagnostics while it stays put: so are they converted once.
  let converted = lspDiagnostics.get(diagnostic);
  if (!converted) {
    converted = lspDiagnosticOf(diagnostic);
    lspDiagnostics.set(diagnostic, converted);
  }
  return converted;
}

/** A list of diagnostics and their published forms (see `toLspDiagnosticsAfter`). */
export interface LspConversion {
  readonly diagnostics: readonly EngineDiagnostic[];
  /** Published as it is: its readers serialise it, never change it. */
  readonly converted: Diagnostic[];
}

/**
 * `diagnostics` in their published forms, those at its start and end that are the very objects
 * `last` starts and ends with taken from its conversion: a keystroke changes the diagnostics of
 * the statements it edited (and moves those below a line break), and looking every one of a large
 * file's up at every keystroke was a visible part of a publish.
 */
export function toLspDiagnosticsAfter(
  diagnostics: readonly EngineDiagnostic[],
  last: LspConversion | undefined,
): LspConversion {
  const converted: Diagnostic[] = [];
  const before = last?.diagnostics ?? [];
  const max = Math.min(before.length, diagnostics.length);
  let start = 0;
  while (start < max && diagnostics[start] === before[start]) start++;
  let end = 0;
  while (end < max - start && diagnostics[diagnostics.length - 1 - end] === before[before.length - 1 - end])
    end++;
  const lastConverted = last?.converted ?? [];
  for (let index = 0; index < start; index++) converted.push(lastConverted[index]);
  for (let index = start; index < diagnostics.length - end; index++)
    converted.push(toLspDiagnostic(diagnostics[index]));
  for (let index = before.length - end; index < before.length; index++) converted.push(lastConverted[index]);
  return { diagnostics, converted };
}

/** Published diagnostics are never changed in place: one conversion serves every publish. */
const lspDiagnostics = new WeakMap<EngineDiagnostic, Diagnostic>();

/** A published diagnostic's JSON text and its length in UTF-8 bytes. */
export interface DiagnosticJson {
  readonly text: string;
  readonly bytes: number;
}

/**
 * The JSON text of a published diagnostic (message-writer.ts copies it into the message): made once
 * for those `toLspDiagnostic` made, which are never changed in place (kept on the object under a
 * symbol, which JSON leaves out: a property read, where a weak map's lookup cost as much as the rest
 * of a publish of many diagnostics); any other value is stringified each time. A string, not bytes
 * of its own: a buffer per diagnostic cost as much as its JSON (an `ArrayBuffer` each), and every
 * diagnostic below a typed line break is a new one.
 */
export function lspDiagnosticJson(diagnostic: unknown): DiagnosticJson {
  if (typeof diagnostic === 'object' && diagnostic !== null && JSON_TEXT in diagnostic) {
    const converted = diagnostic as ConvertedDiagnostic;
    converted[JSON_TEXT] ??= convertedJson(converted);
    return converted[JSON_TEXT];
  }
  return jsonOf(JSON.stringify(diagnostic) ?? 'null');
}

/**
 * Whether `diagnostic`'s JSON text is made once and kept (one `toLspDiagnostic` made): the same
 * object then always has the same text, whichever publish it is in.
 */
export function hasLastingJson(diagnostic: unknown): boolean {
  return typeof diagnostic === 'object' && diagnostic !== null && JSON_TEXT in diagnostic;
}

function jsonOf(text: string): DiagnosticJson {
  return { text, bytes: Buffer.byteLength(text, 'utf8') };
}

/**
 * `JSON.stringify` of a diagnostic `lspDiagnosticOf` made, whose properties it knows: the text
 * between its range and its message is the same for every diagnostic of a code and severity, the
 * range's is written out and the message's is kept by message, each with its size in bytes, so that
 * nothing is stringified or measured twice (the whole object, with its symbol property, took the
 * slow path of `JSON.stringify`: most of a publish where every diagnostic below a typed line break
 * is a new one; at 10k lines, typing, a line break's diagnostics took 1.2 ms to write this way).
 */
function convertedJson(converted: Diagnostic): DiagnosticJson {
  const { code, severity, message, codeDescription } = converted;
  const range = rangeJson(converted.range);
  if (typeof code !== 'string' || typeof message !== 'string' || range === undefined)
    return jsonOf(JSON.stringify(converted));
  const key = `${severity}\u0000${code}\u0000${codeDescription?.href ?? ''}`;
  let middle = middles.get(key);
  if (middle === undefined) {
    const description = codeDescription ? `,"codeDescription":${JSON.stringify(codeDescription)}` : '';
    middle = jsonOf(
      `,"severity":${JSON.stringify(severity)},"code":${JSON.stringify(code)}${description},"source":${JSON.stringify(converted.source)},"message":`,
    );
    // Codes times severities: bounded by the rules, cleared only if documentation links ever pile up.
    if (middles.size >= MIDDLES_MAX) middles.clear();
    middles.set(key, middle);
  }
  const said = messageJson(message);
  // The range's text is ASCII: its length is its size in bytes, and no part is measured again.
  return {
    text: `{"range":${range}${middle.text}${said.text}}`,
    bytes: RANGE_PREFIX_BYTES + range.length + middle.bytes + said.bytes + 1,
  };
}

/** `{"range":`: the bytes before a range's text. */
const RANGE_PREFIX_BYTES = 9;

/**
 * `JSON.stringify(range)` for a range of whole numbers (written out: a diagnostic below a typed
 * line break is a new one at every keystroke, and stringifying its nested range was most of its
 * text's cost); undefined for anything else, which the caller stringifies whole.
 */
function rangeJson(range: unknown): string | undefined {
  if (typeof range !== 'object' || range === null) return undefined;
  const { start, end } = range as { start?: unknown; end?: unknown };
  if (!isPosition(start) || !isPosition(end)) return undefined;
  return `{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}}`;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character);
}

/**
 * A message's JSON text and size, kept by message: a statement's findings keep their message
 * strings when they move, and many messages recur (an unannotated `self`, a missing docstring).
 */
function messageJson(message: string): DiagnosticJson {
  let json = messages.get(message);
  if (json === undefined) {
    json = jsonOf(JSON.stringify(message));
    // Bounded, as a file's messages are: cleared whole when full, as `middles` is.
    if (messages.size >= MESSAGES_MAX) messages.clear();
    messages.set(message, json);
  }
  return json;
}

/** The JSON text between a converted diagnostic's range and its message, by severity, code and link. */
const middles = new Map<string, DiagnosticJson>();
const MIDDLES_MAX = 4_096;
const messages = new Map<string, DiagnosticJson>();
const MESSAGES_MAX = 16_384;

const JSON_TEXT = Symbol('jsonText');

/** A diagnostic `toLspDiagnostic` made, with its JSON text once published. */
interface ConvertedDiagnostic extends Diagnostic {
  [JSON_TEXT]: DiagnosticJson | undefined;
}

/**
 * The properties in this order, and no other: `convertedJson` writes them so. Two literals rather
 * than one with a spread, which made every conversion slower.
 */
function lspDiagnosticOf(diagnostic: EngineDiagnostic): Diagnostic {
  const { range, code, message } = diagnostic;
  const severity = SEVERITIES[diagnostic.severity] ?? DiagnosticSeverity.Warning;
  // Syntax errors (E999) are no rule and have no page.
  const converted: Diagnostic =
    code === SYNTAX_ERROR_CODE
      ? { range, severity, code, source: SOURCE, message }
      : { range, severity, code, codeDescription: codeDescriptionOf(code), source: SOURCE, message };
  // Not enumerable: no copy or comparison of the diagnostic sees it.
  Object.defineProperty(converted, JSON_TEXT, { value: undefined, writable: true });
  return converted;
}
