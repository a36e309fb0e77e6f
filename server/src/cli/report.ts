/** What every way of running a check shares: exit statuses, where output goes, the report formats. */
import { version } from '../../../package.json';
import type { Severity } from '../engine/types';
import { allRuleMetas } from '../rules/registry';
import type { CheckRequest } from './args';
import type { FileReport } from './check-file';
import { formatGithub, formatGitlab, formatJsonLines, formatJunit } from './ci-formats';
import { formatGrouped, formatJson, formatSarif, formatText } from './output';
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
