/**
 * How the workspace diagnostics report (workspace-diagnostics.ts): a pull's reports and partial
 * results, work-done progress with file counts, and cancellation from the request or the progress.
 */
import {
  type CancellationToken,
  type Connection,
  type Diagnostic,
  LSPErrorCodes,
  ResponseError,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticReport,
  WorkspaceDiagnosticRequest,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';

/** Progress reports are at most this often (each is one message to the client). */
const PROGRESS_EVERY_MS = 100;
/** Reports of one `workspace/diagnostic` gathered into one partial result. */
const PARTIAL_BATCH = 100;

/** A file's findings as last reported, under its result id. */
export interface ReportedFindings {
  uri: string;
  diagnostics: Diagnostic[];
  resultId: string;
}

/** A pull's reports: sent in partial results of `PARTIAL_BATCH` when the client gave a token, else answered at the end. */
export class ReportStream {
  private items: WorkspaceDocumentDiagnosticReport[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly partialResultToken: string | number | undefined,
  ) {}

  add(item: WorkspaceDocumentDiagnosticReport): void {
    this.items.push(item);
    if (this.partialResultToken !== undefined && this.items.length >= PARTIAL_BATCH) this.flush();
  }

  /** The answer: the reports not streamed yet (all of them without a partial result token). */
  finish(): WorkspaceDiagnosticReport {
    if (this.partialResultToken === undefined) return { items: this.items };
    this.flush();
    return { items: [] };
  }

  private flush(): void {
    if (this.items.length === 0 || this.partialResultToken === undefined) return;
    void this.connection.sendProgress(WorkspaceDiagnosticRequest.partialResult, this.partialResultToken, {
      items: this.items,
    });
    this.items = [];
  }
}

/** `checked N/M files`, at most every `PROGRESS_EVERY_MS`, and once at the end. */
export class ProgressCounter {
  private count = 0;
  private lastReport = 0;

  constructor(
    private readonly progress: WorkDoneProgressReporter,
    private readonly total: number,
  ) {
    this.progress.report(0, `checked 0/${total} files`);
  }

  done(): void {
    this.count++;
    const now = performance.now();
    if (now - this.lastReport < PROGRESS_EVERY_MS) return;
    this.lastReport = now;
    this.report();
  }

  finish(): void {
    this.report();
  }

  private report(): void {
    const percentage = this.total === 0 ? 100 : Math.floor((this.count / this.total) * 100);
    this.progress.report(percentage, `checked ${this.count}/${this.total} files`);
  }
}

export function fileReport(
  findings: ReportedFindings,
  previousResultId: string | undefined,
): WorkspaceDocumentDiagnosticReport {
  const { uri, resultId } = findings;
  if (previousResultId === resultId) return { kind: 'unchanged', uri, version: null, resultId };
  return { kind: 'full', uri, version: null, resultId, items: findings.diagnostics };
}

/** The client's result ids by URI; malformed entries (hostile or broken clients) are left out. */
export function previousResultIds(raw: unknown): Map<string, string> {
  const ids = new Map<string, string>();
  if (!Array.isArray(raw)) return ids;
  for (const entry of raw as unknown[]) {
    const { uri, value } = (entry ?? {}) as { uri?: unknown; value?: unknown };
    if (typeof uri === 'string' && typeof value === 'string') ids.set(uri, value);
  }
  return ids;
}

export function clearedReport(uri: string): WorkspaceDocumentDiagnosticReport {
  return { kind: 'full', uri, version: null, items: [] };
}

/** The request's token and the progress's (cancelled from the progress bar), as one. */
export function combined(
  token: CancellationToken | undefined,
  progress: WorkDoneProgressReporter,
): CancellationToken {
  const fromProgress = (progress as { token?: CancellationToken }).token;
  if (!token) return fromProgress ?? NEVER_CANCELLED;
  if (!fromProgress) return token;
  return {
    get isCancellationRequested() {
      return token.isCancellationRequested || fromProgress.isCancellationRequested;
    },
    onCancellationRequested: (listener, thisArgs, disposables) => {
      const a = token.onCancellationRequested(listener, thisArgs, disposables);
      const b = fromProgress.onCancellationRequested(listener, thisArgs, disposables);
      return {
        dispose: () => {
          a.dispose();
          b.dispose();
        },
      };
    },
  };
}

export const NEVER_CANCELLED: CancellationToken = {
  isCancellationRequested: false,
  onCancellationRequested: () => ({ dispose: () => {} }),
};

export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
