import { pathToFileURL } from 'node:url';
import { type Connection, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { ConfigProblem } from '../project/settings';
import { SOURCE } from './convert';
import type { ServerLog } from './log';
import type { ClientMessages } from './messages';

/**
 * Configuration problems reach the user once each: problems in a pyproject.toml become diagnostics
 * on that file and one warning message; problems without a file (editor settings) one message.
 */
export class ConfigProblemReporter {
  /** Problems per pyproject.toml as last published, keyed by their text. */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly messages: ClientMessages,
    private readonly log: ServerLog,
  ) {}

  report(problems: readonly ConfigProblem[]): void {
    const byFile = new Map<string, ConfigProblem[]>();
    for (const problem of problems) {
      const where = problem.file
        ? `${problem.file}${problem.range ? `:${problem.range.start.line + 1}` : ''}: `
        : '';
      this.logOnce(`configuration problem: ${where}${problem.message}`);
      if (!problem.file) {
        this.messages.showOnce(`pyconv: ${problem.message} (defaults apply)`);
        continue;
      }
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
    }
    for (const [file, list] of byFile) {
      const key = JSON.stringify(list);
      if (this.published.get(file) === key) continue;
      this.published.set(file, key);
      const diagnostics: Diagnostic[] = list.map((problem) => ({
        range: problem.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: problem.message,
      }));
      void this.connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics });
      const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
      this.messages.show(
        `pyconv: ${file}: ${list[0].message}${more}. The defaults apply where the configuration is wrong.`,
      );
    }
  }

  private readonly logged = new Set<string>();

  /** Each problem is logged once per session (configFor reports them on every new config). */
  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.log.warn(message);
  }

  /** Clears the diagnostics of every file that had problems and is not among `stillBroken`. */
  clearFixed(stillBroken: ReadonlySet<string>): void {
    for (const file of [...this.published.keys()]) {
      if (stillBroken.has(file)) continue;
      this.published.delete(file);
      void this.connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] });
    }
  }
}
