/** The CLI's text formats (one line a finding, grouped by file), one JSON array, and SARIF 2.1.0. */
import { pathToFileURL } from 'node:url';
import type { Diagnostic, RuleMeta, Severity } from '../engine/types';
import { ruleDocUrl } from '../rules/registry';
import type { FileReport, ReportedDiagnostic } from './check-file';
import { displayPath, textPath } from './display-path';

export { displayPath, escapeControls, textPath } from './display-path';

export interface JsonDiagnostic {
  path: string;
  code: string;
  message: string;
  severity: Severity;
  range: Diagnostic['range'];
  /** In a notebook: the 1-based index of the cell the range is in (ranges are relative to it). */
  cell?: number;
  fix: { title: string; safe: boolean; edits: Array<{ range: Diagnostic['range']; newText: string }> } | null;
}

export function toJson(reports: readonly FileReport[], cwd?: string): JsonDiagnostic[] {
  return reports.flatMap((report) => {
    // Once a file, not once a finding: a large run has tens of thousands of findings.
    const path = report.diagnostics.length > 0 ? displayPath(report.path, cwd) : '';
    return report.diagnostics.map((d) => ({
      path,
      code: d.code,
      message: d.message,
      severity: d.severity,
      range: { start: { ...d.range.start }, end: { ...d.range.end } },
      ...(d.cell === undefined ? {} : { cell: d.cell }),
      // A rename that cannot be made (see engine/resolve-fixes.ts) is no fix.
      fix:
        d.fix && !d.fix.unavailable
          ? {
              title: d.fix.title,
              safe: d.fix.safe,
              edits: d.fix.edits.map((e) => ({ range: e.range, newText: e.newText })),
            }
          : null,
    }));
  });
}

export function formatJson(reports: readonly FileReport[], cwd?: string): string {
  return `${JSON.stringify(toJson(reports, cwd), null, 2)}\n`;
}

/** `path:line:col: CODE [*] message` (1-based, `[*]` when --fix would fix it), then a summary. */
export function formatText(reports: readonly FileReport[], options: { fix: boolean; cwd?: string }): string {
  const lines: string[] = [];
  for (const report of reports) {
    // Once a file, not once a finding: a large run has tens of thousands of findings.
    const file = report.diagnostics.length > 0 ? textPath(report.path, options.cwd) : '';
    for (const d of report.diagnostics) {
      const where = `${file}:${cellPrefix(d)}${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`${where}: ${d.code} ${fixMarker(d)}${d.message}`);
    }
  }
  lines.push(...summary(countsOf(reports, options.fix)));
  return `${lines.join('\n')}\n`;
}

/** The findings under one heading per file (`path:` then `  line:col CODE message`), then a summary. */
export function formatGrouped(
  reports: readonly FileReport[],
  options: { fix: boolean; cwd?: string },
): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    lines.push(`${textPath(report.path, options.cwd)}:`);
    for (const d of report.diagnostics) {
      const where = `${cellPrefix(d)}${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`  ${where} ${d.code} ${fixMarker(d)}${d.message}`);
    }
    lines.push('');
  }
  lines.push(...summary(countsOf(reports, options.fix)));
  return `${lines.join('\n')}\n`;
}

/** `cell 3:` before a notebook finding's line (Ruff's form), nothing for a Python file. */
export function cellPrefix(d: ReportedDiagnostic): string {
  return d.cell === undefined ? '' : `cell ${d.cell}:`;
}

function fixMarker(d: Diagnostic): string {
  return d.fix?.safe && !d.fix.unavailable ? '[*] ' : '';
}

function countsOf(reports: readonly FileReport[], fixMode: boolean): Counts {
  const counts: Counts = {
    bySeverity: { error: 0, warning: 0, information: 0, hint: 0 },
    remaining: 0,
    fixed: 0,
    safeFixable: 0,
    unsafeFixable: 0,
    unchecked: 0,
    unwritten: 0,
    fixMode,
  };
  for (const report of reports) {
    counts.fixed += report.fixed;
    if (report.error) counts.unchecked++;
    if (report.writeError || report.notWritten) counts.unwritten++;
    for (const d of report.diagnostics) {
      counts.remaining++;
      counts.bySeverity[d.severity]++;
      if (d.fix?.safe && !d.fix.unavailable) counts.safeFixable++;
      else if (d.fix && !d.fix.unavailable) counts.unsafeFixable++;
    }
  }
  return counts;
}

interface Counts {
  /** Remaining diagnostics by severity. */
  bySeverity: Record<Severity, number>;
  remaining: number;
  fixed: number;
  safeFixable: number;
  unsafeFixable: number;
  /** Files that could not be checked. */
  unchecked: number;
  /** Files whose fixes were not written. */
  unwritten: number;
  fixMode: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const SEVERITY_WORDS: ReadonlyArray<[Severity, (count: number) => string]> = [
  ['error', (n) => plural(n, 'error')],
  ['warning', (n) => plural(n, 'warning')],
  ['information', (n) => `${n} info`],
  ['hint', (n) => plural(n, 'hint')],
];

/** `1 error, 53 warnings`: the non-zero severities, most severe first. */
function bySeverity(counts: Record<Severity, number>): string[] {
  return SEVERITY_WORDS.filter(([severity]) => counts[severity] > 0).map(([severity, words]) =>
    words(counts[severity]),
  );
}

/** `Found 56 warnings.`, `Found 56 problems (3 errors, 53 warnings).`, or with --fix what was fixed. */
function summary(counts: Counts): string[] {
  const { remaining, fixed, safeFixable, unsafeFixable, fixMode } = counts;
  const lines: string[] = [];
  const severities = bySeverity(counts.bySeverity);
  if (fixed > 0) {
    const rest = remaining > 0 ? `${remaining} remaining: ${severities.join(', ')}` : '0 remaining';
    lines.push(`Found ${plural(fixed + remaining, 'problem')} (${fixed} fixed, ${rest}).`);
  } else if (remaining > 0) {
    lines.push(
      severities.length === 1
        ? `Found ${severities[0]}.`
        : `Found ${plural(remaining, 'problem')} (${severities.join(', ')}).`,
    );
  } else if (counts.unchecked === 0 && counts.unwritten === 0) {
    lines.push('All checks passed!');
  } else {
    lines.push('No problems found in the files checked.');
  }
  const failures = [
    ...(counts.unchecked > 0 ? [`${plural(counts.unchecked, 'file')} could not be checked`] : []),
    ...(counts.unwritten > 0 ? [`${plural(counts.unwritten, 'file')} not written`] : []),
  ];
  if (failures.length > 0) lines.push(`${failures.join('; ')} (see standard error).`);
  if (!fixMode && safeFixable > 0) lines.push(`[*] ${safeFixable} fixable with the \`--fix\` option.`);
  if (unsafeFixable > 0) {
    const fixes = unsafeFixable === 1 ? 'fix' : 'fixes';
    lines.push(`(${unsafeFixable} unsafe ${fixes} available with \`--fix --unsafe-fixes\`.)`);
  }
  return lines;
}

const SARIF_LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** A SARIF 2.1.0 log with one run; every registry rule is described, results point at them. */
export function formatSarif(
  reports: readonly FileReport[],
  metas: readonly RuleMeta[],
  version: string,
): string {
  const ruleIndex = new Map(metas.map((meta, index) => [meta.code, index]));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.code,
      ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
      level: SARIF_LEVELS[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToFileURL(report.path).href },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
      ...(d.fix && !d.fix.unavailable ? { fixes: [sarifFix(report.path, d)] } : {}),
      // Lines and columns of a notebook finding are within its cell.
      ...(d.cell === undefined ? {} : { properties: { cell: d.cell } }),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyconv',
            version,
            informationUri: 'https://github.com/pyconv/pyconv',
            rules: metas.map((meta) => ({
              id: meta.code,
              name: meta.name,
              shortDescription: { text: meta.summary },
              fullDescription: { text: meta.doc },
              helpUri: ruleDocUrl(meta.code),
              help: { text: meta.summary, markdown: meta.doc },
              defaultConfiguration: { enabled: meta.defaultEnabled, level: 'warning' },
              properties: { seeds: [...meta.seeds], fix: meta.fix },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifFix(file: string, d: Diagnostic) {
  const fix = d.fix!;
  return {
    description: { text: fix.safe ? fix.title : `${fix.title} (unsafe)` },
    artifactChanges: [
      {
        artifactLocation: { uri: pathToFileURL(file).href },
        replacements: fix.edits.map((edit) => ({
          deletedRegion: {
            startLine: edit.range.start.line + 1,
            startColumn: edit.range.start.character + 1,
            endLine: edit.range.end.line + 1,
            endColumn: edit.range.end.character + 1,
          },
          insertedContent: { text: edit.newText },
        })),
      },
    ],
  };
}
