/** What every way of running a check shares: exit statuses, where output goes, the report formats. */
import { version } from '../../../package.json';
import type { FixDetail, Severity } from '../engine/types';
import { allRuleMetas } from '../rules/registry';
import type { CheckRequest } from './args';
import { writeFileAtomically } from './atomic-write';
import type { FileReport } from './check-file';
import { formatGithub, formatGitlab, formatJsonLines, formatJunit } from './ci-formats';
import { escapeControls, formatGrouped, formatJson, formatSarif, formatText } from './output';
import { formatStatistics, formatStatisticsJson, statisticsOf } from './statistics';

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Whether a file's findings fail the run: one at least as severe as `failOn`. */
export function failsOn(report: FileReport, failOn: Severity): boolean {
  return report.diagnostics.some((d) => SEVERITY_RANK[d.severity] <= SEVERITY_RANK[failOn]);
}

/** The report in the requested format (or the statistics), as one text. */
export function renderReports(reports: readonly FileReport[], request: CheckRequest): string {
  if (request.statistics) {
    const entries = statisticsOf(reports, allRuleMetas);
    return request.format === 'json' ? formatStatisticsJson(entries) : formatStatistics(entries);
  }
  switch (request.format) {
    case 'json':
      return formatJson(reports);
    case 'json-lines':
      return formatJsonLines(reports);
    case 'sarif':
      return formatSarif(reports, allRuleMetas, version);
    case 'github':
      return formatGithub(reports);
    case 'gitlab':
      return formatGitlab(reports);
    case 'junit':
      return formatJunit(reports);
    case 'grouped':
      return formatGrouped(reports, { fix: request.fix });
    case 'text':
    case 'concise':
      return formatText(reports, { fix: request.fix });
  }
}

/**
 * The formats that print no fix's edits, only which findings are fixable (`[*]`, counts): with
 * them a check (not `--fix`) needs no edit built (see `FixDetail`). Any other format gets edits.
 */
const FORMATS_WITHOUT_EDITS: ReadonlySet<CheckRequest['format']> = new Set([
  'text',
  'concise',
  'grouped',
  'github',
  'gitlab',
  'junit',
]);

/** What `renderReports` prints of the fixes of `request`'s findings (the statistics: counts only). */
export function fixDetailShown(request: CheckRequest): FixDetail {
  return request.statistics || FORMATS_WITHOUT_EDITS.has(request.format) ? 'availability' : 'edits';
}

/** Prints the report, or writes it to --output-file (atomically); false when that write failed. */
export function emit(text: string, request: CheckRequest, io: Io): boolean {
  if (request.outputFile === undefined) {
    io.out(text);
    return true;
  }
  const outcome = writeFileAtomically(request.outputFile, Buffer.from(text, 'utf8'));
  if (outcome.kind === 'replaced') return true;
  const reason = outcome.kind === 'failed' ? outcome.message : 'changed meanwhile';
  io.err(`pyconv: error: cannot write the report to ${escapeControls(request.outputFile)} (${reason})\n`);
  return false;
}
