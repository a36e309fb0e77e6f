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
  // Every diagnostic of every publish asks: building a file URL each time was a visible cost per keystroke.
  let uri = docUris.get(code);
  if (uri === undefined) {
    uri = pathToFileURL(path.join(__dirname, 'docs', 'rules', `${code}.md`)).href;
    docUris.set(code, uri);
  }
  return uri;
}

const docUris = new Map<string, string>();

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
    converted[JSON_TEXT] ??= jsonOf(converted);
    return converted[JSON_TEXT];
  }
  return jsonOf(diagnostic);
}

function jsonOf(value: unknown): DiagnosticJson {
  const text = JSON.stringify(value) ?? 'null';
  return { text, bytes: Buffer.byteLength(text, 'utf8') };
}

const JSON_TEXT = Symbol('jsonText');

/** A diagnostic `toLspDiagnostic` made, with its JSON text once published. */
interface ConvertedDiagnostic extends Diagnostic {
  [JSON_TEXT]: DiagnosticJson | undefined;
}

function lspDiagnosticOf(diagnostic: EngineDiagnostic): Diagnostic {
  const converted: Diagnostic = {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity] ?? DiagnosticSeverity.Warning,
    code: diagnostic.code,
    // Syntax errors (E999) are no rule and have no page.
    ...(diagnostic.code === SYNTAX_ERROR_CODE
      ? {}
      : { codeDescription: { href: ruleDocUri(diagnostic.code) } }),
    source: SOURCE,
    message: diagnostic.message,
  };
  // Not enumerable: no copy or comparison of the diagnostic sees it.
  Object.defineProperty(converted, JSON_TEXT, { value: undefined, writable: true });
  return converted;
}
