import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic as EngineDiagnostic, Fix, Severity } from '../engine/types';

export const SOURCE = 'pyconv';

/** What travels in `Diagnostic.data`: the fix, so code actions need no re-analysis. */
export interface DiagnosticData {
  fix: Fix | null;
}

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

export function toLspDiagnostic(diagnostic: EngineDiagnostic): Diagnostic {
  const data: DiagnosticData = { fix: diagnostic.fix };
  return {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity] ?? DiagnosticSeverity.Warning,
    code: diagnostic.code,
    codeDescription: { href: ruleDocUri(diagnostic.code) },
    source: SOURCE,
    message: diagnostic.message,
    data,
  };
}

/** The fix carried by a diagnostic the client sent back, if it is ours and well-formed. */
export function fixFromData(data: unknown): Fix | null | undefined {
  if (typeof data !== 'object' || data === null || !('fix' in data)) return undefined;
  const fix = (data as { fix: unknown }).fix;
  if (fix === null) return null;
  if (typeof fix !== 'object' || !Array.isArray((fix as Fix).edits) || typeof (fix as Fix).title !== 'string')
    return undefined;
  return fix as Fix;
}
