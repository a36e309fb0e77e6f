/**
 * Closed notebooks in the workspace's findings (workspace-diagnostics.ts): a `.ipynb` file's
 * findings are reported on the file's own URI, placed in its JSON text, each message naming the
 * cell; an open notebook's findings are its cells' (the scheduler's), so the file's are withdrawn.
 */
import {
  type Diagnostic,
  DiagnosticSeverity,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { FileReport, ReportedDiagnostic } from '../cli/check-file';
import { SOURCE, toLspDiagnostic } from './convert';

/** The start of a file: where a finding with no place in the file's text is shown. */
const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * A notebook's findings as diagnostics of the `.ipynb` file: the range in its JSON text (where a
 * text view of the file and the Problems panel's line point), the message headed `cell N, line L:`
 * (what the notebook editor shows). The message, not `relatedInformation`: every client shows the
 * message (the Problems panel's row, hovers, Neovim's virtual text), related information only some,
 * as a second row, and its location would be the same file. A malformed notebook: one error at the
 * file's start saying why it was not checked.
 */
export function notebookFileDiagnostics(
  report: FileReport,
  findings: readonly ReportedDiagnostic[],
): Diagnostic[] {
  if (report.error) {
    return [
      {
        range: FILE_START,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: `pyconv did not check this notebook: ${report.error}`,
      },
    ];
  }
  return findings.map((finding) => {
    const diagnostic = toLspDiagnostic(finding);
    if (finding.cell === undefined) return diagnostic;
    const line = finding.range.start.line + 1;
    return {
      ...diagnostic,
      range: finding.fileRange ?? FILE_START,
      message: `cell ${finding.cell}, line ${line}: ${diagnostic.message}`,
    };
  });
}

/**
 * The report of a notebook open in the editor: nothing on the file (its cells show the live
 * findings), under one result id so that the client is told once and then `unchanged`.
 */
export function handedOverReport(
  uri: string,
  resultId: string,
  previousResultId: string | undefined,
): WorkspaceDocumentDiagnosticReport {
  if (previousResultId === resultId) return { kind: 'unchanged', uri, version: null, resultId };
  return { kind: 'full', uri, version: null, resultId, items: [] };
}
